import type { ReactNode } from 'react';
import { cx } from './cx';

/**
 * Wide content (a matrix, a timeline, a diff) that scrolls sideways inside itself so the page
 * never does at phone width. The region takes focus so a keyboard user can scroll it (WCAG
 * 2.1.1) and is named, so a screen reader says what it holds. Tables use components/ui/table.tsx,
 * which does the same.
 */
export function ScrollRegion({ label, children, className }: { label: string; children: ReactNode; className?: string }) {
  return (
    <div
      tabIndex={0}
      role="region"
      aria-label={label}
      className={cx('max-w-full min-w-0 overflow-x-auto focus-visible:outline-2 focus-visible:outline-blue-700', className)}
    >
      {children}
    </div>
  );
}
