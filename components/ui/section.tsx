import { useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import { cx } from './cx';

/** " items" after a section's count, for screen readers. */
function ItemsWord({ count }: { count: number | string }) {
  const t = useTranslations('ui.section');
  return <span className="sr-only"> {t('items', { count: typeof count === 'number' ? count : 2 })}</span>;
}

/**
 * A titled block of a page: a <section> named by its h2 (or h3), so it is a
 * landmark screen-reader users can jump to. `id` must be unique on the page.
 */
export function Section({
  id,
  title,
  level = 2,
  count,
  actions,
  children,
  className,
  bare,
}: {
  id: string;
  title: ReactNode;
  level?: 2 | 3;
  /** a number, or a label such as "200+" when only a lower bound is known */
  count?: number | string;
  actions?: ReactNode;
  children: ReactNode;
  className?: string;
  /** no card around the content */
  bare?: boolean;
}) {
  const H = level === 2 ? 'h2' : 'h3';
  const headingId = `${id}-heading`;
  return (
    <section id={id} aria-labelledby={headingId} className={cx('scroll-mt-4', className)}>
      <div className="mb-2 flex items-center justify-between gap-2">
        <div className="flex items-center gap-2">
          <H id={headingId} className={cx('font-semibold text-gray-900', level === 2 ? 'text-base' : 'text-sm')}>
            {title}
          </H>
          {count !== undefined ? (
            <span className="rounded-full bg-gray-200 px-1.5 py-0.5 text-xs font-medium text-gray-800">
              {count}
              <ItemsWord count={count} />
            </span>
          ) : null}
        </div>
        {actions ? <div className="flex items-center gap-2">{actions}</div> : null}
      </div>
      {bare ? children : <div className="rounded-md border border-gray-200 bg-white p-3">{children}</div>}
    </section>
  );
}
