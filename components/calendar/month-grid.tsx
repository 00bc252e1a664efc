import { useLocale, useTranslations } from 'next-intl';
import type { QueryValue } from '@/components/ui/href';
import { placeByDay, type CalendarDay, type CalendarGrid } from '@/lib/domain/calendar';
import { layoutBars } from '@/lib/domain/calendar-bars';
import type { CalendarDensity, CalendarEvent, FreezeOccurrence, MaintenanceOccurrence } from '@/lib/server/calendar';
import { BarWeekRow, toBars } from './bar-row';
import { dayMonth, periodTitle, weekdayNames } from './period';

/** Freezes and maintenance windows per day of `days` (for shading and naming). */
export function shadesByDay(days: readonly CalendarDay[], freezes: readonly FreezeOccurrence[], maintenance: readonly MaintenanceOccurrence[]) {
  const at = <T extends { start: string; end: string }>(list: readonly T[]) =>
    placeByDay(
      list.map((x) => ({ x, start: new Date(x.start), end: new Date(x.end) })),
      days,
    ).map((l) => l.map((y) => y.x));
  return { freezesByDay: at(freezes), maintenanceByDay: at(maintenance) };
}

/** Windows touching each day (the loaded ones; a crowded period's counts come from SQL instead). */
export function countsOf(events: readonly CalendarEvent[], days: readonly CalendarDay[], density: CalendarDensity): number[] {
  if (density.mode === 'dense') return days.map((_, i) => density.counts[i] ?? 0);
  return placeByDay(
    events.map((e) => ({ start: new Date(e.start), end: new Date(e.end) })),
    days,
  ).map((l) => l.length);
}

/**
 * The month, a row per week (docs/decisions/053): each release window is one bar per
 * environment across the days it spans, split at the end of a week with a "continues"
 * mark, in at most `density.perDay` lanes per week; "+ n more" opens a day's full list.
 * Freezes and maintenance windows shade the days they cover and are named there.
 */
export function MonthGrid({
  grid,
  events,
  freezes,
  maintenance,
  params,
  density,
  id = 'calendar-month',
}: {
  grid: CalendarGrid;
  events: CalendarEvent[];
  freezes: FreezeOccurrence[];
  maintenance: MaintenanceOccurrence[];
  params: Record<string, QueryValue>;
  density: CalendarDensity;
  id?: string;
}) {
  const days = grid.weeks.flat();
  const counts = countsOf(events, days, density);
  const rows = layoutBars(toBars(events), grid.weeks, density.perDay || 4, counts);
  const { freezesByDay, maintenanceByDay } = shadesByDay(days, freezes, maintenance);
  const t = useTranslations('calendar');
  const locale = useLocale();
  return (
    <section aria-labelledby={id} data-calendar-view="month" className="overflow-hidden rounded-md border border-gray-200 bg-white">
      <h2 id={id} className="sr-only">
        {t('gridHeading', { period: periodTitle(grid, locale, t), zone: grid.timezone })}
      </h2>
      <div aria-hidden="true" className="grid grid-cols-7 border-b border-gray-200 bg-gray-50 text-center text-xs font-semibold text-gray-800">
        {weekdayNames(locale).map(([short, long]) => (
          <div key={short} title={long} className="py-1">
            {short}
          </div>
        ))}
      </div>
      <ol>
        {grid.weeks.map((week, w) => (
          <BarWeekRow
            key={week[0]!.date}
            label={t('weekOf', { day: dayMonth(week[0]!.date, locale) })}
            days={week}
            row={rows[w]!}
            freezesByDay={freezesByDay.slice(w * 7, w * 7 + 7)}
            maintenanceByDay={maintenanceByDay.slice(w * 7, w * 7 + 7)}
            counts={counts.slice(w * 7, w * 7 + 7)}
            zone={grid.timezone}
            params={params}
          />
        ))}
      </ol>
    </section>
  );
}
