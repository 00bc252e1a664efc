import Link from 'next/link';
import { Table, THead, Th } from '@/components/ui/table';
import { cx } from '@/components/ui/cx';
import { hrefWith, type QueryValue } from '@/components/ui/href';
import { placeByDay, topOfDay, type CalendarGrid } from '@/lib/domain/calendar';
import type { CalendarDensity, CalendarEvent, FreezeOccurrence } from '@/lib/server/calendar';
import { EventItem, priorityOf } from './event-item';
import { FREEZE_STYLE } from './tones';

const WEEKDAYS = [
  ['Mon', 'Monday'],
  ['Tue', 'Tuesday'],
  ['Wed', 'Wednesday'],
  ['Thu', 'Thursday'],
  ['Fri', 'Friday'],
  ['Sat', 'Saturday'],
  ['Sun', 'Sunday'],
] as const;

const longDate = (ymd: string) =>
  new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' }).format(new Date(`${ymd}T12:00:00Z`));

/**
 * The month as a table: a header row of weekdays, a row per week, and in each
 * day cell its freezes (shaded, named), its most important release windows
 * (links; `density.perDay` at most, shown by time) and "+ n more", which opens
 * the day with all of them. Tab order runs day by day, Monday to Sunday, week
 * by week. In a crowded month (`density.mode` dense) only the windows shown were
 * loaded and the counts come from `density.counts`.
 */
export function MonthGrid({
  grid,
  events,
  freezes,
  params,
  density,
}: {
  grid: CalendarGrid;
  events: CalendarEvent[];
  freezes: FreezeOccurrence[];
  params: Record<string, QueryValue>;
  density: CalendarDensity;
}) {
  const days = grid.weeks.flat();
  const timed = events.map((e) => ({ e, start: new Date(e.start), end: new Date(e.end) }));
  const eventsByDay = placeByDay(timed, days);
  const freezesByDay = placeByDay(
    freezes.map((f) => ({ f, start: new Date(f.start), end: new Date(f.end) })),
    days,
  );
  const seen = new Set<string>();
  return (
    <Table caption={`Release calendar, ${grid.title} (${grid.timezone})`} className="[&_table]:min-w-[56rem] [&_table]:table-fixed">
      <THead>
        <tr>
          {WEEKDAYS.map(([short, long]) => (
            <Th key={short} className="w-[14.28%] text-center">
              <abbr title={long} className="no-underline">
                {short}
              </abbr>
            </Th>
          ))}
        </tr>
      </THead>
      <tbody>
        {grid.weeks.map((week, w) => (
          <tr key={week[0]!.date} className="align-top">
            {week.map((day, d) => {
              const i = w * 7 + d;
              const dayEvents = eventsByDay[i]!;
              const dayFreezes = freezesByDay[i]!;
              // one line per freeze, with its scope: "Weekend freeze (production)"
              const names = [...new Map(dayFreezes.map((x) => [x.f.freezeId, x.f])).values()];
              const count = density.mode === 'dense' ? (density.counts[i] ?? dayEvents.length) : dayEvents.length;
              const shown = density.perDay > 0 ? topOfDay(dayEvents, density.perDay, (x) => priorityOf(x.e)) : dayEvents;
              const more = Math.max(0, count - shown.length);
              const dayHref = hrefWith('/calendar', { ...params, view: 'day', date: day.date });
              return (
                <td
                  key={day.date}
                  className={cx(
                    'h-28 border border-gray-200 p-1 align-top',
                    !day.inPeriod && 'bg-gray-50',
                    day.isToday && 'outline-2 -outline-offset-2 outline-blue-700',
                  )}
                  style={names.length ? FREEZE_STYLE : undefined}
                >
                  <div className="mb-1 flex items-center justify-between gap-1">
                    <Link
                      href={dayHref}
                      className={cx(
                        'inline-flex h-6 min-w-6 items-center justify-center rounded px-1 text-xs tabular-nums hover:underline',
                        day.isToday ? 'bg-blue-700 font-semibold text-white' : day.inPeriod ? 'font-semibold text-gray-900' : 'text-gray-700',
                      )}
                      aria-label={`${longDate(day.date)}${day.isToday ? ' (today)' : ''}: open the day`}
                    >
                      {Number(day.date.slice(8))}
                    </Link>
                    {count ? (
                      <span className="text-[11px] text-gray-700">
                        {count}
                        <span className="sr-only"> release window{count === 1 ? '' : 's'}</span>
                      </span>
                    ) : null}
                  </div>
                  {names.length ? (
                    <ul className="mb-1 space-y-0.5">
                      {names.map((f) => {
                        const scope = [...f.environments, ...f.components];
                        return (
                          <li key={f.freezeId} className="rounded-sm bg-blue-100 px-1 text-[11px] text-blue-900" title={`Freeze: ${f.name}. ${f.reason}`}>
                            <span aria-hidden="true">❄ </span>
                            <span className="sr-only">Freeze: </span>
                            <span className="font-medium">{f.name}</span>
                            {scope.length ? (
                              <span>
                                {' '}
                                ({scope.slice(0, 2).join(', ')}
                                {scope.length > 2 ? ` +${scope.length - 2}` : ''})
                              </span>
                            ) : null}
                          </li>
                        );
                      })}
                    </ul>
                  ) : null}
                  {shown.length ? (
                    <ul className="space-y-0.5">
                      {shown.map(({ e }) => {
                        const continued = seen.has(e.id);
                        seen.add(e.id);
                        return (
                          <li key={e.id}>
                            <EventItem event={e} day={day} zone={grid.timezone} continued={continued} compact />
                          </li>
                        );
                      })}
                    </ul>
                  ) : null}
                  {more > 0 ? (
                    <Link href={dayHref} className="link mt-0.5 flex min-h-6 items-center text-[11px]">
                      + {more} more<span className="sr-only"> on {longDate(day.date)}: open the day</span>
                    </Link>
                  ) : null}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
