import type { ReactNode } from 'react';
import { cx } from './cx';

export interface DescriptionItem {
  term: ReactNode;
  value: ReactNode;
  /** spans the whole row */
  wide?: boolean;
  /** spans two columns (from the small breakpoint up) */
  double?: boolean;
}

/** Label/value pairs in a compact grid. */
export function DescriptionList({ items, className, columns = 3 }: { items: DescriptionItem[]; className?: string; columns?: 2 | 3 | 4 }) {
  const cols = columns === 2 ? 'sm:grid-cols-2' : columns === 4 ? 'sm:grid-cols-2 lg:grid-cols-4' : 'sm:grid-cols-2 lg:grid-cols-3';
  return (
    <dl className={cx('grid grid-cols-1 gap-x-6 gap-y-2', cols, className)}>
      {items.map((item, i) => (
        <div key={i} className={item.wide ? 'sm:col-span-full' : item.double ? 'sm:col-span-2' : undefined}>
          <dt className="text-xs font-medium text-gray-700">{item.term}</dt>
          <dd className="mt-0.5 text-sm text-gray-900">{item.value}</dd>
        </div>
      ))}
    </dl>
  );
}
