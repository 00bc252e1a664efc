import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { releaseHref } from '@/lib/domain/release-links';

/** What a conflict list needs of each overlap (lib/server/calendar.ts CalendarConflict). */
export interface ConflictItem {
  a: string;
  b: string;
  aKey: string;
  bKey: string;
  sameEnvironment: boolean;
  environment?: string | null;
  components: string[];
}

/**
 * The calendar's and the timeline's "Conflicts in this period": each pair of releases that
 * overlap, linked to their schedules, with what they share; the first 50, then how many more.
 */
export function ConflictList({ id, conflicts, narrow }: { id: string; conflicts: ConflictItem[]; narrow: 'view' | 'filters' }) {
  const t = useTranslations('calendar.conflicts');
  if (!conflicts.length) return null;
  return (
    <section aria-labelledby={id} className="mt-3 rounded-md border border-red-200 bg-white p-3">
      <h2 id={id} className="mb-2 text-sm font-semibold text-gray-900">
        <span aria-hidden="true" className="text-red-700">
          ⚑{' '}
        </span>
        {t('heading', { count: conflicts.length })}
      </h2>
      <ul className="space-y-1 text-sm">
        {conflicts.slice(0, 50).map((c) => (
          <li key={`${c.a}|${c.b}`}>
            {t.rich('item', {
              a: c.aKey,
              b: c.bKey,
              environment: c.environment ?? '',
              components: c.components.join(', '),
              shares: c.sameEnvironment && c.environment ? (c.components.length ? 'both' : 'environment') : c.components.length ? 'components' : 'none',
              first: (chunks) => (
                <Link href={releaseHref(c.aKey, 'schedule')} className="link font-medium">
                  {chunks}
                </Link>
              ),
              second: (chunks) => (
                <Link href={releaseHref(c.bKey, 'schedule')} className="link font-medium">
                  {chunks}
                </Link>
              ),
            })}
          </li>
        ))}
      </ul>
      {conflicts.length > 50 ? <p className="mt-1 text-xs text-gray-700">{t('more', { count: conflicts.length - 50, narrow })}</p> : null}
    </section>
  );
}
