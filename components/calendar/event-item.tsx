import Link from 'next/link';
import { useLocale, useTranslations } from 'next-intl';
import { cx } from '@/components/ui/cx';
import type { CalendarEvent } from '@/lib/server/calendar';
import { eventTone, shortDayIn, timeIn, type CalendarT } from './tones';
import { releaseHref } from '@/lib/domain/release-links';
import type { Prioritised } from '@/lib/domain/calendar';
import { useStatusWords } from '@/components/i18n/status-words';

/** What decides whether a window gets one of a crowded day's few places (lib/domain/calendar comparePriority). */
export const priorityOf = (e: CalendarEvent): Prioritised => ({
  status: e.status,
  tier: e.environment?.tier ?? null,
  start: e.start,
  number: e.number,
  environment: e.environment?.name ?? null,
  conflict: e.conflictsWith.length > 0,
});

/** "20:00–22:00", "20:00 → Wed 02:00", "continues until Wed 02:00" as seen from one day. */
export function timeOnDay(e: CalendarEvent, day: { start: Date; end: Date }, zone: string, locale: string, t: CalendarT): string {
  const s = new Date(e.start);
  const en = new Date(e.end);
  const startsToday = s.getTime() >= day.start.getTime();
  const endsToday = en.getTime() <= day.end.getTime();
  if (startsToday && endsToday) return `${timeIn(s, zone, locale)}–${timeIn(en, zone, locale)}`;
  if (startsToday) return `${timeIn(s, zone, locale)} → ${shortDayIn(en, zone, locale)} ${timeIn(en, zone, locale)}`;
  if (endsToday) return t('span.until', { until: timeIn(en, zone, locale) });
  return t('span.allDay');
}

/**
 * One release window on a day: a link to the release, coloured by status with
 * the status written out, the environment, and a ⚑ flag (with its text for
 * screen readers) when it conflicts with another release. `continued` entries
 * repeat a window on later days: they stay readable but leave the Tab order,
 * so keyboard users meet each window once, on the day it starts.
 */
export function EventItem({
  event,
  day,
  zone,
  continued,
  compact,
}: {
  event: CalendarEvent;
  day: { start: Date; end: Date };
  zone: string;
  continued?: boolean;
  compact?: boolean;
}) {
  const t = useTranslations('calendar');
  const word = useStatusWords();
  const locale = useLocale();
  const conflict = event.conflictsWith.length > 0;
  const when = timeOnDay(event, day, zone, locale, t);
  const title = [
    `${event.key} ${event.title}`,
    `${word('release', event.status)} · ${event.environment?.displayName ?? t('noEnvironment')} · ${when}`,
    event.team ? t('tooltip.ownerTeam', { name: event.owner.name, team: event.team.name }) : t('tooltip.owner', { name: event.owner.name }),
    event.components.length ? t('tooltip.components', { names: event.components.join(', ') }) : '',
    event.inFreezes.length ? t('tooltip.duringFreeze', { names: event.inFreezes.join(', ') }) : '',
    ...event.conflictNotes.map((n) => t('tooltip.conflictsWith', { note: n })),
  ]
    .filter(Boolean)
    .join('\n');
  return (
    <Link
      href={releaseHref(event.key, 'schedule')}
      tabIndex={continued ? -1 : undefined}
      title={title}
      data-event={event.id}
      className={cx(
        'block rounded-sm border-l-4 px-1 py-0.5 text-xs leading-tight hover:underline focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-blue-700',
        eventTone(event.status),
        conflict && 'ring-1 ring-red-600 ring-inset',
        continued && 'opacity-90',
      )}
    >
      <span className="flex items-start gap-1">
        {conflict ? (
          <span aria-hidden="true" className="font-bold text-red-700">
            ⚑
          </span>
        ) : null}
        <span className="min-w-0">
          <span className="font-semibold">{event.key}</span> <span className={compact ? 'line-clamp-1 break-all' : 'break-words'}>{event.title}</span>
          <span className="block text-[11px]">
            {continued ? <span className="italic">{t('continued')} · </span> : null}
            <span className="tabular-nums">{when}</span> · {event.environment?.name ?? t('noEnvironmentShort')} ·{' '}
            <span className="font-medium">{word('release', event.status)}</span>
            {event.inFreezes.length ? <span> · {t('inFreeze')}</span> : null}
          </span>
        </span>
      </span>
      {conflict ? <span className="sr-only">, {t('marks.conflictsWith', { keys: event.conflictsWith.join(', ') })}</span> : null}
    </Link>
  );
}
