import { formatWindow, safeZone, zoneAbbreviation } from '@/components/format';

/** A planned window shown in the release's own time zone, with the zone named. */
export function ReleaseWindow({
  start,
  end,
  timezone,
  compact,
  empty = 'Not planned',
}: {
  start: string | null;
  end: string | null;
  timezone: string;
  compact?: boolean;
  empty?: string;
}) {
  const text = formatWindow(start, end, timezone, { weekday: !compact });
  if (!text) return <span className="text-gray-700">{empty}</span>;
  const zone = safeZone(timezone);
  const abbr = zoneAbbreviation(start ?? end, zone);
  return (
    <span className={compact ? 'block leading-tight' : undefined}>
      <time dateTime={start ?? end ?? undefined} className={compact ? 'whitespace-nowrap' : undefined}>
        {text}
      </time>
      <span className={compact ? 'block text-xs text-gray-700' : 'ml-1 text-gray-700'}>
        {compact ? `${zone}${abbr !== zone ? ` (${abbr})` : ''}` : `(${zone}${abbr !== zone ? `, ${abbr}` : ''})`}
      </span>
    </span>
  );
}
