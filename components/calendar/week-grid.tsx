import Link from 'next/link';
import { Table, THead, Th } from '@/components/ui/table';
import { cx } from '@/components/ui/cx';
import { hrefWith, type QueryValue } from '@/components/ui/href';
import { placeByDay, topOfDay, type CalendarGrid } from '@/lib/domain/calendar';
import type { CalendarDensity, CalendarEvent, FreezeOccurrence } from '@/lib/server/calendar';
import { EventItem, priorityOf } from './event-item';
import { FREEZE_STYLE, shortDayIn, timeIn } from './tones';

export function freezeSpan(f: FreezeOccurrence, day: { start: Date; end: Date }, zone: string): string {
  const s = new Date(f.start);
  const e = new Date(f.end);
  const from = s.getTime() >= day.start.getTime() ? `from ${timeIn(s, zone)}` : '';
  const to = e.getTime() <= day.end.getTime() ? `until ${timeIn(e, zone)}` : '';
  return [from, to].filter(Boolean).join(' ') || 'all day';
}

/**
 * The week as seven columns, each listing that day's freezes and release
 * windows in order of start time, with their times in the calendar's zone. A
 * crowded week (`density` dense) shows per day its most important windows and
 * "+ n more", which opens the day.
 */
export function WeekGrid({
  grid,
  events,
  freezes,
  density,
  params = {},
}: {
  grid: CalendarGrid;
  events: CalendarEvent[];
  freezes: FreezeOccurrence[];
  density?: CalendarDensity;
  params?: Record<string, QueryValue>;
}) {
  const days = grid.weeks[0]!;
  const byDay = placeByDay(
    events.map((e) => ({ e, start: new Date(e.start), end: new Date(e.end) })),
    days,
  );
  const freezesByDay = placeByDay(
    freezes.map((f) => ({ f, start: new Date(f.start), end: new Date(f.end) })),
    days,
  );
  const seen = new Set<string>();
  return (
    <Table caption={`Release calendar, ${grid.title} (${grid.timezone})`} className="[&_table]:min-w-[56rem] [&_table]:table-fixed">
      <THead>
        <tr>
          {days.map((d) => (
            <Th key={d.date} className={cx('w-[14.28%]', d.isToday && 'bg-blue-50 text-blue-900')}>
              <time dateTime={d.date}>{shortDayIn(new Date(d.start.getTime() + 12 * 3_600_000), grid.timezone)}</time>
              {d.isToday ? <span className="ml-1 font-normal">(today)</span> : null}
            </Th>
          ))}
        </tr>
      </THead>
      <tbody>
        <tr className="align-top">
          {days.map((d, i) => {
            const fz = freezesByDay[i]!;
            const all = byDay[i]!;
            const dense = density?.mode === 'dense';
            const list = dense && density.perDay > 0 ? topOfDay(all, density.perDay, (x) => priorityOf(x.e)) : all;
            const more = dense ? Math.max(0, (density.counts[i] ?? all.length) - list.length) : 0;
            return (
              <td key={d.date} className="h-64 border border-gray-200 p-1 align-top" style={fz.length ? FREEZE_STYLE : undefined}>
                {fz.length ? (
                  <ul className="mb-1 space-y-0.5">
                    {fz.map(({ f }) => (
                      <li key={f.id} className="rounded-sm bg-blue-100 px-1 text-[11px] text-blue-900" title={f.reason}>
                        <span aria-hidden="true">❄ </span>
                        <span className="font-medium">Freeze: {f.name}</span> <span className="tabular-nums">{freezeSpan(f, d, grid.timezone)}</span>
                        {f.environments.length ? <span> · {f.environments.join(', ')}</span> : null}
                      </li>
                    ))}
                  </ul>
                ) : null}
                {list.length ? (
                  <ol className="space-y-1">
                    {list.map(({ e }) => {
                      const continued = seen.has(e.id);
                      seen.add(e.id);
                      return (
                        <li key={e.id}>
                          <EventItem event={e} day={d} zone={grid.timezone} continued={continued} />
                        </li>
                      );
                    })}
                  </ol>
                ) : (
                  <p className="px-1 text-xs text-gray-700">No releases</p>
                )}
                {more > 0 ? (
                  <Link href={hrefWith('/calendar', { ...params, view: 'day', date: d.date })} className="link mt-1 flex min-h-6 items-center text-xs">
                    + {more} more<span className="sr-only"> on {shortDayIn(new Date(d.start.getTime() + 12 * 3_600_000), grid.timezone)}: open the day</span>
                  </Link>
                ) : null}
              </td>
            );
          })}
        </tr>
      </tbody>
    </Table>
  );
}
