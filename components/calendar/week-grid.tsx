import { useLocale, useTranslations } from 'next-intl';
import type { QueryValue } from '@/components/ui/href';
import type { CalendarGrid } from '@/lib/domain/calendar';
import { layoutBars } from '@/lib/domain/calendar-bars';
import type { CalendarDensity, CalendarEvent, FreezeOccurrence, MaintenanceOccurrence } from '@/lib/server/calendar';
import { BarWeekRow, toBars } from './bar-row';
import { countsOf, shadesByDay } from './month-grid';
import { periodTitle } from './period';

export { freezeSpan } from './tones';

/** At most this many lanes in the week view when the whole week was loaded. */
const WEEK_LANES = 12;

/**
 * The week as one row of seven days (docs/decisions/053): each window a bar across the
 * days it spans with its times, environment and status; freezes and maintenance windows
 * shade their days, are named with their hours and drawn on each day's hours strip.
 */
export function WeekGrid({
  grid,
  events,
  freezes,
  maintenance = [],
  density,
  params = {},
}: {
  grid: CalendarGrid;
  events: CalendarEvent[];
  freezes: FreezeOccurrence[];
  maintenance?: MaintenanceOccurrence[];
  density: CalendarDensity;
  params?: Record<string, QueryValue>;
}) {
  const days = grid.weeks[0]!;
  const counts = countsOf(events, days, density);
  const [row] = layoutBars(toBars(events), [days], density.perDay || WEEK_LANES, counts);
  const { freezesByDay, maintenanceByDay } = shadesByDay(days, freezes, maintenance);
  const t = useTranslations('calendar');
  const title = periodTitle(grid, useLocale(), t);
  return (
    <section aria-labelledby="calendar-week" data-calendar-view="week" className="overflow-hidden rounded-md border border-gray-200 bg-white">
      <h2 id="calendar-week" className="sr-only">
        {t('gridHeading', { period: title, zone: grid.timezone })}
      </h2>
      <ol>
        <BarWeekRow
          label={title}
          days={days}
          row={row!}
          freezesByDay={freezesByDay}
          maintenanceByDay={maintenanceByDay}
          counts={counts}
          zone={grid.timezone}
          params={params}
          detailed
        />
      </ol>
    </section>
  );
}
