import { useTranslations } from 'next-intl';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { buttonClasses } from './button';
import { cx } from './cx';

/**
 * A list page's filter bar: a plain GET form (works without JavaScript, and
 * every filtered view is a shareable URL) with its fields laid out on a grid,
 * then "Apply filters" and, while any filter is set, a link that clears them.
 */
export function FilterBar({
  action,
  label,
  gridClassName,
  showClear,
  clearLabel,
  submitLabel,
  className = 'mb-4',
  children,
  footer,
}: {
  /** the list's path; also where "Clear filters" leads */
  action: string;
  /** the search landmark's accessible name, e.g. "Filter builds" */
  label: string;
  /** the grid's column classes, e.g. "sm:grid-cols-[1fr_1fr_auto] sm:items-end" */
  gridClassName: string;
  /** whether to offer the link that clears the filters */
  showClear: boolean;
  clearLabel?: string;
  /** the submit button's words, e.g. "Search" */
  submitLabel?: string;
  className?: string;
  /** the fields */
  children: ReactNode;
  /** shown under the fields */
  footer?: ReactNode;
}) {
  const t = useTranslations('ui.filters');
  return (
    <form method="get" action={action} role="search" aria-label={label} className={cx(className, 'rounded-md border border-gray-200 bg-white p-3')}>
      <div className={cx('grid grid-cols-1 gap-3', gridClassName)}>
        {children}
        <div className="flex items-center gap-2">
          <button type="submit" className={buttonClasses('primary')}>
            {submitLabel ?? t('apply')}
          </button>
          {showClear ? (
            <Link href={action} className="link text-sm whitespace-nowrap">
              {clearLabel ?? t('clear')}
            </Link>
          ) : null}
        </div>
      </div>
      {footer}
    </form>
  );
}

/** The "Clear filters" link an empty, filtered list offers. */
export function ClearFiltersLink({ href }: { href: string }) {
  const t = useTranslations('ui.filters');
  return (
    <Link href={href} className="link text-sm">
      {t('clear')}
    </Link>
  );
}

/**
 * "3 builds match these filters." / "1 build matches these filters."
 * @deprecated English only: a converted page writes this as one message with a plural in its own namespace.
 */
export function matchSentence(total: number, counted: string) {
  return `${counted} match${total === 1 ? 'es' : ''} these filters.`;
}
