import Link from 'next/link';
import type { ReactNode } from 'react';

/** The "← All builds" line above a page's header, with optional further links after it. */
export function BackLink({ href, children, after }: { href: string; children: ReactNode; after?: ReactNode }) {
  return (
    <p className="mb-2 text-sm">
      <Link href={href} className="link">
        ← {children}
      </Link>
      {after}
    </p>
  );
}
