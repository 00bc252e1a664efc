import Link from 'next/link';
import { useLocale, useTranslations } from 'next-intl';
import { cx } from '@/components/ui/cx';
import { hrefWith, type QueryValue } from '@/components/ui/href';
import type { CalendarDay } from '@/lib/domain/calendar';
import type { BarRow, BarSegment } from '@/lib/domain/calendar-bars';
import { releaseHref } from '@/lib/domain/release-links';
import type { CalendarEvent, FreezeOccurrence, MaintenanceOccurrence } from '@/lib/server/calendar';
import { priorityOf } from './event-item';
import { longDate } from './period';
import { dayShading, eventTone, freezeSpan, shortDayIn, timeIn, type CalendarT } from './tones';
import { useStatusWords } from '@/components/i18n/status-words';

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
export function windowText(e: { start: string; end: string }, zone: string, locale: string): string {
  const s = new Date(e.start);
  const en = new Date(e.end);
  const sd = shortDayIn(s, zone, locale);
  const ed = shortDayIn(en, zone, locale);
  return sd === ed ? `${sd} ${timeIn(s, zone, locale)}–${timeIn(en, zone, locale)}` : `${sd} ${timeIn(s, zone, locale)} – ${ed} ${timeIn(en, zone, locale)}`;
}

/** What a bar adds for screen readers after its visible text: conflicts, freeze, where it continues. */
function barMarks(t: CalendarT, e: CalendarEvent, seg?: Pick<BarSegment<EventBar>, 'continuesBefore' | 'continuesAfter'>): string {
  return [
    e.conflictsWith.length ? t('marks.conflictsWith', { keys: e.conflictsWith.join(', ') }) : '',
    e.inFreezes.length ? t('marks.inFreeze', { names: e.inFreezes.join(', ') }) : '',
    seg?.continuesBefore ? t('marks.continuesBefore') : '',
    seg?.continuesAfter ? t('marks.continuesAfter') : '',
  ]
    .filter(Boolean)
    .map((m) => `, ${m}`)
    .join('');
}

function Bar({ seg, zone, detailed }: { seg: BarSegment<EventBar>; zone: string; detailed: boolean }) {
  const e = seg.item.e;
  const t = useTranslations('calendar');
  const word = useStatusWords();
  const locale = useLocale();
  const conflict = e.conflictsWith.length > 0;
  const environment = e.environment?.displayName ?? t('noEnvironment');
  const tooltip = [
    `${e.key} ${e.title}`,
    `${word('release', e.status)} · ${environment} · ${windowText(e, zone, locale)}`,
    e.team ? t('tooltip.ownerTeam', { name: e.owner.name, team: e.team.name }) : t('tooltip.owner', { name: e.owner.name }),
    e.components.length ? t('tooltip.components', { names: e.components.join(', ') }) : '',
    e.inFreezes.length ? t('tooltip.duringFreeze', { names: e.inFreezes.join(', ') }) : '',
    ...e.conflictNotes.map((n) => t('tooltip.conflictsWith', { note: n })),
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
          <span className="sr-only sm:not-sr-only"> · {environment}</span>
        </span>
        <span className={cx('truncate tabular-nums', detailed ? 'sr-only sm:not-sr-only sm:block' : 'sr-only')}>
          <span className="sr-only">, </span>
          {windowText(e, zone, locale)} · <span className="font-medium">{word('release', e.status)}</span>
        </span>
        <span className="sr-only">{barMarks(t, e, seg)}</span>
      </span>
      {seg.continuesAfter ? (
        <span aria-hidden="true" data-continues="after" className="shrink-0">
          ▶
        </span>
      ) : null}
    </Link>
  );
}

/** Where an interval sits on a day, as percentages of the day (for the hours strip). */
function hoursOf(x: { start: string; end: string }, d: CalendarDay): { left: number; width: number } {
  const ds = d.start.getTime();
  const len = d.end.getTime() - ds;
  const s = Math.max(Date.parse(x.start), ds);
  const e = Math.min(Date.parse(x.end), d.end.getTime());
  return { left: ((s - ds) / len) * 100, width: Math.max(((e - s) / len) * 100, 1) };
}

export const maintenanceSpan = (m: MaintenanceOccurrence, d: CalendarDay, zone: string, locale: string, t: CalendarT): string =>
  freezeSpan(m, d, zone, locale, t);

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
  const t = useTranslations('calendar');
  const locale = useLocale();
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
                aria-label={detailed ? undefined : t('openDay', { day: longDate(d.date, locale), today: d.isToday ? 'yes' : 'no' })}
              >
                {detailed ? (
                  <>
                    <span className="sm:hidden">{Number(d.date.slice(8))}</span>
                    <span className="hidden sm:inline">{shortDayIn(new Date(d.start.getTime() + 12 * 3_600_000), zone, locale)}</span>
                    <span className="sr-only">{t('openThisDay', { today: d.isToday ? 'yes' : 'no' })}</span>
                  </>
                ) : (
                  Number(d.date.slice(8))
                )}
              </Link>
              {count ? (
                <span className="truncate text-[11px] text-gray-700">{t.rich('dayCount', { count, sr: (c) => <span className="sr-only">{c}</span> })}</span>
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
                <div aria-hidden="true" className="relative mb-0.5 h-1.5 rounded-sm bg-white/70 ring-1 ring-gray-300" title={t('hoursCovered')}>
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
                    <li
                      key={f.id}
                      className="truncate rounded-sm bg-blue-100 px-1 text-[11px] text-blue-900"
                      title={t('freezeTitle', { name: f.name, reason: f.reason })}
                    >
                      <span aria-hidden="true">❄ </span>
                      {t.rich('freezeName', {
                        name: f.name,
                        sr: (c) => <span className="sr-only">{c}</span>,
                        b: (c) => <span className="font-medium">{c}</span>,
                      })}
                      {detailed ? <span className="tabular-nums"> {freezeSpan(f, d, zone, locale, t)}</span> : null}
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
                    title={t('maintenanceTitle', { label: m.label, environment: m.environment.displayName, span: maintenanceSpan(m, d, zone, locale, t) })}
                  >
                    <span aria-hidden="true">⚙ </span>
                    {t.rich('maintenanceName', {
                      label: m.label,
                      sr: (c) => <span className="sr-only">{c}</span>,
                      b: (c) => <span className="font-medium">{c}</span>,
                    })}{' '}
                    <span className="tabular-nums">{maintenanceSpan(m, d, zone, locale, t)}</span> · {m.environment.displayName}
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
              {t.rich('more', { count: row.more[i]!, day: longDate(d.date, locale), sr: (c) => <span className="sr-only">{c}</span> })}
            </Link>
          ) : null,
        )}
      </div>
    </li>
  );
}
