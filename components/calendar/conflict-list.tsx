import Link from 'next/link';
import { releaseHref } from '@/lib/domain/release-parts';

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
export function ConflictList({ id, conflicts, narrow }: { id: string; conflicts: ConflictItem[]; narrow: string }) {
  if (!conflicts.length) return null;
  return (
    <section aria-labelledby={id} className="mt-3 rounded-md border border-red-200 bg-white p-3">
      <h2 id={id} className="mb-2 text-sm font-semibold text-gray-900">
        <span aria-hidden="true" className="text-red-700">
          ⚑{' '}
        </span>
        Conflicts in this period ({conflicts.length})
      </h2>
      <ul className="space-y-1 text-sm">
        {conflicts.slice(0, 50).map((c) => (
          <li key={`${c.a}|${c.b}`}>
            <Link href={releaseHref(c.aKey, 'schedule')} className="link font-medium">
              {c.aKey}
            </Link>{' '}
            and{' '}
            <Link href={releaseHref(c.bKey, 'schedule')} className="link font-medium">
              {c.bKey}
            </Link>{' '}
            overlap:{' '}
            {[c.sameEnvironment && c.environment ? `both on ${c.environment}` : '', c.components.length ? `both deploy ${c.components.join(', ')}` : '']
              .filter(Boolean)
              .join('; ')}
            .
          </li>
        ))}
      </ul>
      {conflicts.length > 50 ? (
        <p className="mt-1 text-xs text-gray-700">
          And {conflicts.length - 50} more: {narrow} to see them.
        </p>
      ) : null}
    </section>
  );
}
