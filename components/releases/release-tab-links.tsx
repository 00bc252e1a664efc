'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { RELEASE_PARTS, releaseHref, type ReleasePart } from '@/lib/domain/release-links';

/**
 * The parts of one release as tabs (plain links, each its own page). The one for the
 * current URL carries aria-current="page". At phone width the row scrolls sideways
 * inside itself, never the page; the focus ring is drawn inside each link so the
 * scrolling row does not cut it off. The words come translated from release-tabs.tsx.
 */
export function ReleaseTabLinks({ releaseKey, label, labels }: { releaseKey: string; label: string; labels: Record<ReleasePart, string> }) {
  const pathname = usePathname();
  return (
    <nav aria-label={label} className="mb-5 border-b border-gray-200">
      <ul className="relative -mb-px flex gap-1 overflow-x-auto">
        {RELEASE_PARTS.map((p) => {
          const href = releaseHref(releaseKey, p.part);
          const current = pathname === href;
          return (
            <li key={p.part} className="shrink-0">
              <Link
                href={href}
                aria-current={current ? 'page' : undefined}
                className={
                  current
                    ? 'block border-b-2 border-blue-700 px-3 py-2 text-sm font-semibold whitespace-nowrap text-blue-800 focus-visible:-outline-offset-2'
                    : 'block border-b-2 border-transparent px-3 py-2 text-sm whitespace-nowrap text-gray-800 hover:border-gray-400 hover:text-gray-900 focus-visible:-outline-offset-2'
                }
              >
                {labels[p.part]}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
