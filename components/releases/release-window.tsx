import { getTranslations } from 'next-intl/server';
import { formatWindowFor } from '@/components/format';
import { currentViewer } from '@/lib/server/viewer';

/**
 * A planned window in the viewer's time zone with the zone named, and the release's own zone
 * quietly beside it where its wall clock differs (docs/decisions/050-one-time-zone-per-person.md).
 */
export async function ReleaseWindow({
  start,
  end,
  timezone,
  compact,
  empty,
}: {
  start: string | null;
  end: string | null;
  timezone: string;
  compact?: boolean;
  /** what to say when there is no window; "Not planned" unless told */
  empty?: string;
}) {
  const viewer = await currentViewer();
  const shown = formatWindowFor(start, end, viewer, timezone, { weekday: !compact });
  if (!shown) return <span className="text-gray-700">{empty ?? (await getTranslations('release-parts.window'))('notPlanned')}</span>;
  return (
    <span className={compact ? 'block leading-tight' : undefined}>
      <time dateTime={start ?? end ?? undefined} className={compact ? 'whitespace-nowrap' : undefined}>
        {shown.text}
      </time>
      {shown.note ? <span className={compact ? 'block text-xs text-gray-700' : 'ml-1 text-gray-700'}>{compact ? shown.note : `(${shown.note})`}</span> : null}
    </span>
  );
}
