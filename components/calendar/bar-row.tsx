import Link from 'next/link';
import { statusLabel } from '@/components/releases/labels';
import { cx } from '@/components/ui/cx';
import { hrefWith, type QueryValue } from '@/components/ui/href';
import type { CalendarDay } from '@/lib/domain/calendar';
import type { BarRow, BarSegment } from '@/lib/domain/calendar-bars';
import { releaseHref } from '@/lib/domain/release-parts';
import type { CalendarEvent, FreezeOccurrence, MaintenanceOccurrence } from '@/lib/server/calendar';
import { priorityOf } from './event-item';
import { dayShading, eventTone, freezeSpan, shortDayIn, timeIn } from './tones';

/** A window as the bar layout needs it (lib/domain/calendar-bars). */
export interface EventBar {
  id: string;
  start: Date;
  end: Date;
  priority: ReturnType<typeof priorityOf>;
  e: CalendarEvent;
}

export const toBars = (events: readonly CalendarEvent[]): EventBar[] =>
  events.map((e) => ({ id: e.id, start: new Date(e.start), end: new Date(e.end), priority: priorityOf(e), e }));

/** "Thu 3 Dec 20:00 – Mon 7 Dec 02:00" (or "Thu 3 Dec 20:00–22:00" within a day) in the zone. */
export function windowText(e: { start: string; end: string }, zone: string): string {
  const s = new Date(e.start);
  const en = new Date(e.end);
  const sd = shortDayIn(s, zone);
  const ed = shortDayIn(en, zone);
  return sd === ed ? `${sd} ${timeIn(s, zone)}–${timeIn(en, zone)}` : `${sd} ${timeIn(s, zone)} – ${ed} ${timeIn(en, zone)}`;
}

/** What a bar adds for screen readers after its visible text: conflicts, freeze, where it continues. */
function barMarks(e: CalendarEvent, seg?: Pick<BarSegment<EventBar>, 'continuesBefore' | 'continuesAfter'>): string {
  return [
    e.conflictsWith.length ? `conflicts with ${e.conflictsWith.join(', ')}` : '',
    e.inFreezes.length ? `in freeze ${e.inFreezes.join(', ')}` : '',
    seg?.continuesBefore ? 'continues from the previous week' : '',
    seg?.continuesAfter ? 'continues next week' : '',
  ]
    .filter(Boolean)
    .map((m) => `, ${m}`)
    .join('');
}

function Bar({ seg, zone, detailed }: { seg: BarSegment<EventBar>; zone: string; detailed: boolean }) {
  const e = seg.item.e;
  const conflict = e.conflictsWith.length > 0;
  const tooltip = [
    `${e.key} ${e.title}`,
    `${statusLabel(e.status)} · ${e.environment?.displayName ?? 'no environment yet'} · ${windowText(e, zone)}`,
    `Owner: ${e.owner.name}${e.team ? ` (${e.team.name})` : ''}`,
    e.components.length ? `Components: ${e.components.join(', ')}` : '',
    e.inFreezes.length ? `During freeze: ${e.inFreezes.join(', ')}` : '',
    ...e.conflictNotes.map((n) => `⚑ Conflicts with ${n}`),
  ]
    .filter(Boolean)
    .join('\n');
  return (
    <Link
      href={releaseHref(e.key, 'schedule')}
      // keyboard users meet each window once, on the row where it starts
      tabIndex={seg.first ? undefined : -1}
      title={tooltip}
      data-event={e.id}
      data-bar={`${seg.from}-${seg.to}`}
      className={cx(
        'mx-0.5 flex min-w-0 items-center gap-0.5 overflow-hidden rounded-sm px-1 py-0.5 text-[11px] leading-tight hover:underline focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-blue-700',
        eventTone(e.status),
        seg.continuesBefore ? 'ml-0 rounded-l-none border-l-0' : 'border-l-4',
        seg.continuesAfter && 'mr-0 rounded-r-none',
        conflict && 'ring-1 ring-red-600 ring-inset',
      )}
      style={{ gridColumn: `${seg.from + 1} / ${seg.to + 2}`, gridRow: seg.lane + 3 }}
    >
      {seg.continuesBefore ? (
        <span aria-hidden="true" data-continues="before" className="shrink-0">
          ◀
        </span>
      ) : null}
      {conflict ? (
        <span aria-hidden="true" className="shrink-0 font-bold text-red-700">
          ⚑
        </span>
      ) : null}
      {/* the link's text is its accessible name (key, title, environment, window, status, then
          its marks): what a narrow bar cannot show is still read, never replaced by a label */}
      <span className="min-w-0 flex-1">
        <span className="block truncate">
          <span className="font-semibold">{e.key}</span>
          <span className="sr-only sm:not-sr-only"> {e.title}</span>
          <span className="sr-only sm:not-sr-only"> · {e.environment?.displayName ?? 'no environment yet'}</span>
        </span>
        <span className={cx('truncate tabular-nums', detailed ? 'sr-only sm:not-sr-only sm:block' : 'sr-only')}>
          <span className="sr-only">, </span>
          {windowText(e, zone)} · <span className="font-medium">{statusLabel(e.status)}</span>
        </span>
        <span className="sr-only">{barMarks(e, seg)}</span>
      </span>
      {seg.continuesAfter ? (
        <span aria-hidden="true" data-continues="after" className="shrink-0">
          ▶
        </span>
      ) : null}
    </Link>
  );
}

const longDate = (ymd: string) =>
  new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' }).format(new Date(`${ymd}T12:00:00Z`));

/** Where an interval sits on a day, as percentages of the day (for the hours strip). */
function hoursOf(x: { start: string; end: string }, d: CalendarDay): { left: number; width: number } {
  const ds = d.start.getTime();
  const len = d.end.getTime() - ds;
  const s = Math.max(Date.parse(x.start), ds);
  const e = Math.min(Date.parse(x.end), d.end.getTime());
  return { left: ((s - ds) / len) * 100, width: Math.max(((e - s) / len) * 100, 1) };
}

export const maintenanceSpan = (m: MaintenanceOccurrence, d: CalendarDay, zone: string): string => freezeSpan(m, d, zone);

/**
 * One week of the month (or the week view): the days side by side, each shaded when a
 * freeze or a maintenance window covers it and naming them, the windows as bars across
 * the days they span (lanes from lib/domain/calendar-bars), and per day "+ n more",
 * which opens the day's full list. `detailed` (the week view) adds times and status to
 * each bar and an hours strip showing when in the day maintenance and freezes fall.
 */
export function BarWeekRow({
  days,
  row,
  freezesByDay,
  maintenanceByDay,
  counts,
  zone,
  params,
  detailed = false,
  label,
}: {
  days: CalendarDay[];
  row: BarRow<EventBar> & { more: number[] };
  freezesByDay: FreezeOccurrence[][];
  maintenanceByDay: MaintenanceOccurrence[][];
  counts: number[];
  zone: string;
  params: Record<string, QueryValue>;
  detailed?: boolean;
  label: string;
}) {
  const lanes = row.lanes;
  const moreRow = lanes + 3;
  const rows = moreRow;
  return (
    <li aria-label={label} className="border-b border-gray-200 last:border-b-0">
      <div
        className={cx('relative grid grid-cols-7', detailed ? 'min-h-64' : 'min-h-28')}
        style={{ gridTemplateRows: ['auto', 'auto', ...Array.from({ length: lanes }, () => 'auto'), 'auto', '1fr'].join(' ') }}
      >
        {days.map((d, i) => {
          const fz = freezesByDay[i]!;
          const mw = maintenanceByDay[i]!;
          return (
            <div
              key={`bg-${d.date}`}
              aria-hidden="true"
              data-shade={[fz.length ? 'freeze' : '', mw.length ? 'maintenance' : ''].filter(Boolean).join(' ') || undefined}
              className={cx(
                'border-r border-gray-200 last:border-r-0',
                !d.inPeriod && 'bg-gray-50',
                d.isToday && 'outline-2 -outline-offset-2 outline-blue-700',
              )}
              style={{ gridColumn: i + 1, gridRow: `1 / ${rows + 2}`, ...dayShading(fz.length > 0, mw.length > 0) }}
            />
          );
        })}
        {days.map((d, i) => {
          const count = counts[i] ?? 0;
          return (
            <div key={`h-${d.date}`} className="flex min-w-0 items-center justify-between gap-1 px-1 pt-1" style={{ gridColumn: i + 1, gridRow: 1 }}>
              <Link
                href={hrefWith('/calendar', { ...params, view: 'day', date: d.date })}
                className={cx(
                  'inline-flex h-6 min-w-6 items-center justify-center rounded px-1 text-xs tabular-nums hover:underline',
                  d.isToday ? 'bg-blue-700 font-semibold text-white' : d.inPeriod ? 'font-semibold text-gray-900' : 'text-gray-700',
                )}
                // the week's header shows the day in words: its text is its name (a label would hide it)
                aria-label={detailed ? undefined : `${longDate(d.date)}${d.isToday ? ' (today)' : ''}: open the day`}
              >
                {detailed ? (
                  <>
                    <span className="sm:hidden">{Number(d.date.slice(8))}</span>
                    <span className="hidden sm:inline">{shortDayIn(new Date(d.start.getTime() + 12 * 3_600_000), zone)}</span>
                    <span className="sr-only">{d.isToday ? ' (today)' : ''}: open the day</span>
                  </>
                ) : (
                  Number(d.date.slice(8))
                )}
              </Link>
              {count ? (
                <span className="truncate text-[11px] text-gray-700">
                  {count}
                  <span className="sr-only"> release window{count === 1 ? '' : 's'}</span>
                </span>
              ) : null}
            </div>
          );
        })}
        {days.map((d, i) => {
          const fz = [...new Map(freezesByDay[i]!.map((f) => [f.freezeId, f])).values()];
          const mw = maintenanceByDay[i]!;
          if (!fz.length && !mw.length) return null;
          return (
            <div key={`n-${d.date}`} className="min-w-0 px-0.5 pb-0.5" style={{ gridColumn: i + 1, gridRow: 2 }}>
              {detailed ? (
                <div aria-hidden="true" className="relative mb-0.5 h-1.5 rounded-sm bg-white/70 ring-1 ring-gray-300" title="Hours of the day covered">
                  {freezesByDay[i]!.map((f) => (
                    <span key={f.id} className="absolute inset-y-0 bg-blue-600" style={{ left: `${hoursOf(f, d).left}%`, width: `${hoursOf(f, d).width}%` }} />
                  ))}
                  {mw.map((m) => (
                    <span key={m.id} className="absolute inset-y-0 bg-amber-600" style={{ left: `${hoursOf(m, d).left}%`, width: `${hoursOf(m, d).width}%` }} />
                  ))}
                </div>
              ) : null}
              <ul className="space-y-0.5">
                {fz.map((f) => {
                  const scope = [...f.environments, ...f.components];
                  return (
                    <li key={f.id} className="truncate rounded-sm bg-blue-100 px-1 text-[11px] text-blue-900" title={`Freeze: ${f.name}. ${f.reason}`}>
                      <span aria-hidden="true">❄ </span>
                      <span className="sr-only">Freeze: </span>
                      <span className="font-medium">{f.name}</span>
                      {detailed ? <span className="tabular-nums"> {freezeSpan(f, d, zone)}</span> : null}
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
                {mw.map((m) => (
                  <li
                    key={m.id}
                    data-maintenance={m.id}
                    className="truncate rounded-sm bg-amber-100 px-1 text-[11px] text-amber-950"
                    title={`Maintenance window: ${m.label} (${m.environment.displayName}), ${maintenanceSpan(m, d, zone)}`}
                  >
                    <span aria-hidden="true">⚙ </span>
                    <span className="sr-only">Maintenance window: </span>
                    <span className="font-medium">{m.label}</span> <span className="tabular-nums">{maintenanceSpan(m, d, zone)}</span> ·{' '}
                    {m.environment.displayName}
                  </li>
                ))}
              </ul>
            </div>
          );
        })}
        {row.segments.map((seg) => (
          <Bar key={`${seg.item.id}-${seg.from}`} seg={seg} zone={zone} detailed={detailed} />
        ))}
        {days.map((d, i) =>
          row.more[i]! > 0 ? (
            <Link
              key={`m-${d.date}`}
              href={hrefWith('/calendar', { ...params, view: 'day', date: d.date })}
              className="link flex min-h-6 min-w-0 items-center truncate px-1 text-[11px]"
              style={{ gridColumn: i + 1, gridRow: moreRow }}
            >
              {`+ ${row.more[i]} more`}
              <span className="sr-only"> on {longDate(d.date)}: open the day’s full list</span>
            </Link>
          ) : null,
        )}
      </div>
    </li>
  );
}
