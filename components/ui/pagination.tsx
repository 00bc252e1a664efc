import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { formatCount } from '@/components/format';
import { buttonClasses } from './button';
import { hrefWith, type QueryValue } from './href';

/**
 * Previous / next links for an offset-paged list, keeping the current filters in
 * the URL. Rendered only when there is more than one page.
 */
export function Pagination({
  pathname,
  params,
  page,
  pageSize,
  total,
  atLeast = false,
  label,
}: {
  pathname: string;
  params: Record<string, QueryValue>;
  page: number;
  pageSize: number;
  total: number;
  /** the total is a lower bound: more may follow (the next page looks further) */
  atLeast?: boolean;
  label?: string;
}) {
  const t = useTranslations('ui.pagination');
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  const first = (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);
  const href = (p: number) => hrefWith(pathname, { ...params, page: p === 1 ? undefined : p });
  return (
    <nav aria-label={label ?? t('label')} className="mt-3 flex flex-wrap items-center justify-between gap-2 text-sm text-gray-700">
      <p>
        {t.rich(atLeast ? 'showingAtLeast' : 'showing', {
          num: (c) => <span className="font-medium text-gray-900">{c}</span>,
          first: formatCount(first),
          last: formatCount(last),
          total: formatCount(total),
          page: formatCount(page),
          pages: formatCount(pages),
        })}
      </p>
      <ul className="flex items-center gap-2">
        {page > 1 ? (
          <>
            <li>
              <Link href={href(1)} className={buttonClasses('secondary', 'sm')}>
                {t('first')}
              </Link>
            </li>
            <li>
              <Link href={href(page - 1)} rel="prev" className={buttonClasses('secondary', 'sm')}>
                {t('previous')}
              </Link>
            </li>
          </>
        ) : null}
        {page < pages ? (
          <li>
            <Link href={href(page + 1)} rel="next" className={buttonClasses('secondary', 'sm')}>
              {t('next')}
            </Link>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}
