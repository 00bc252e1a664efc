import { useLocale, useTranslations } from 'next-intl';
import type { CalendarGrid } from '@/lib/domain/calendar';
import type { CalendarEvent, FreezeOccurrence, MaintenanceOccurrence } from '@/lib/server/calendar';
import { EventItem } from './event-item';
import { periodTitle } from './period';
import { dayShading, freezeSpan } from './tones';

/**
 * One day as an agenda: its freezes, then every release window touching it in
 * order of start (the page caps the list and says so), each a link with its
 * time, environment, status and conflicts.
 */
export function DayList({
  grid,
  events,
  freezes,
  maintenance = [],
}: {
  grid: CalendarGrid;
  events: CalendarEvent[];
  freezes: FreezeOccurrence[];
  maintenance?: MaintenanceOccurrence[];
}) {
  const day = grid.weeks[0]![0]!;
  const t = useTranslations('calendar');
  const locale = useLocale();
  return (
    <section aria-labelledby="calendar-day" className="rounded-md border border-gray-200 bg-white p-3">
      <h2 id="calendar-day" className="mb-2 text-sm font-semibold text-gray-900">
        <time dateTime={day.date}>{periodTitle(grid, locale, t)}</time>
        {day.isToday ? <span className="font-normal"> {t('today')}</span> : null} ({grid.timezone})
      </h2>
      {freezes.length || maintenance.length ? (
        <ul className="mb-2 space-y-0.5 rounded-sm p-1" style={dayShading(freezes.length > 0, maintenance.length > 0)}>
          {freezes.map((f) => (
            <li key={f.id} className="rounded-sm bg-blue-100 px-1 text-xs text-blue-900" title={f.reason}>
              <span aria-hidden="true">❄ </span>
              <span className="font-medium">{t('freezeLabel', { name: f.name })}</span>{' '}
              <span className="tabular-nums">{freezeSpan(f, day, grid.timezone, locale, t)}</span>
              {f.environments.length ? <span> · {f.environments.join(', ')}</span> : null}
            </li>
          ))}
          {maintenance.map((m) => (
            <li key={m.id} data-maintenance={m.id} className="rounded-sm bg-amber-100 px-1 text-xs text-amber-950">
              <span aria-hidden="true">⚙ </span>
              <span className="font-medium">{t('maintenanceLabel', { label: m.label })}</span>{' '}
              <span className="tabular-nums">{freezeSpan(m, day, grid.timezone, locale, t)}</span> · {m.environment.displayName}
            </li>
          ))}
        </ul>
      ) : null}
      {/* no windows: the page says so, with a link to clear the filters */}
      {events.length ? (
        <ol className="grid gap-1 sm:grid-cols-2 lg:grid-cols-3">
          {events.map((e) => (
            <li key={e.id}>
              <EventItem event={e} day={day} zone={grid.timezone} />
            </li>
          ))}
        </ol>
      ) : null}
    </section>
  );
}
