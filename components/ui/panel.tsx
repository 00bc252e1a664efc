import type { ReactNode } from 'react';
import { cx } from './cx';

/**
 * A card beside or below a page's main content (a create form, a status), as a
 * <section> named by its h2. `headingId` must be unique on the page.
 */
export function Panel({ headingId, title, selfStart = false, children }: { headingId: string; title: ReactNode; selfStart?: boolean; children: ReactNode }) {
  return (
    <section aria-labelledby={headingId} className={cx(selfStart && 'self-start', 'rounded-md border border-gray-200 bg-white p-4')}>
      <h2 id={headingId} className="mb-3 text-base font-semibold text-gray-900">
        {title}
      </h2>
      {children}
    </section>
  );
}
