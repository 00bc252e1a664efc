import Link from 'next/link';
import { buttonClasses } from '@/components/ui/button';
import { cx } from '@/components/ui/cx';
import { SelectField } from '@/components/ui/field';
import { FilterBar } from '@/components/ui/filter-bar';
import { hrefWith, type QueryValue } from '@/components/ui/href';
import type { CalendarGrid } from '@/lib/domain/calendar';
import type { CalendarQuery, CalendarResult } from '@/lib/server/calendar';

/** Zones offered in the filter; the one in use is added when it is not listed. */
export const CALENDAR_ZONES = [
  'UTC',
  'Europe/London',
  'Europe/Berlin',
  'Europe/Helsinki',
  'America/New_York',
  'America/Chicago',
  'America/Los_Angeles',
  'Asia/Kolkata',
  'Asia/Singapore',
  'Asia/Tokyo',
  'Australia/Sydney',
];

/** View switch (Month / Week) and previous / today / next, as links that keep the filters. */
export function CalendarNav({ grid, params }: { grid: CalendarGrid; params: Record<string, QueryValue> }) {
  const link = (over: Record<string, QueryValue>) => hrefWith('/calendar', { ...params, ...over });
  const unit = grid.view;
  return (
    <nav aria-label="Calendar period" className="mb-3 flex flex-wrap items-center justify-between gap-2">
      <div className="flex flex-wrap items-center gap-2">
        <Link href={link({ date: grid.prev })} className={buttonClasses('secondary', 'md')} rel="prev">
          <span aria-hidden="true">←</span> Previous<span className="sr-only"> {unit}</span>
        </Link>
        <Link href={link({ date: grid.today })} className={buttonClasses('secondary', 'md')}>
          Today
        </Link>
        <Link href={link({ date: grid.next })} className={buttonClasses('secondary', 'md')} rel="next">
          Next<span className="sr-only"> {unit}</span> <span aria-hidden="true">→</span>
        </Link>
        <p className="ml-2 text-base font-semibold text-gray-900" aria-live="polite">
          {grid.title}
        </p>
      </div>
      <ul className="flex rounded-md border border-gray-300 bg-white p-0.5" aria-label="View">
        {(['month', 'week', 'day'] as const).map((v) => (
          <li key={v}>
            <Link
              href={link({ view: v, date: grid.date })}
              aria-current={grid.view === v ? 'page' : undefined}
              className={cx(
                'inline-flex h-7 items-center rounded px-3 text-sm font-medium',
                grid.view === v ? 'bg-blue-700 text-white' : 'text-gray-800 hover:bg-gray-100',
              )}
            >
              {v === 'month' ? 'Month' : v === 'week' ? 'Week' : 'Day'}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** Environment, component, team and time zone: a GET form that keeps the view and date. */
export function CalendarFilters({ query, grid, options }: { query: CalendarQuery; grid: CalendarGrid; options: CalendarResult['options'] }) {
  const zones = CALENDAR_ZONES.includes(grid.timezone) ? CALENDAR_ZONES : [grid.timezone, ...CALENDAR_ZONES];
  const active = !!(query.environment || query.component || query.team || (query.timezone && query.timezone !== 'UTC'));
  return (
    <FilterBar
      action="/calendar"
      label="Filter the calendar"
      gridClassName="sm:grid-cols-2 lg:grid-cols-[repeat(4,minmax(9rem,1fr))_auto] lg:items-end"
      showClear={active}
    >
      <input type="hidden" name="view" value={grid.view} />
      <input type="hidden" name="date" value={grid.date} />
      <SelectField
        id="cal-environment"
        name="environment"
        label="Environment"
        defaultValue={query.environment ?? ''}
        options={[{ value: '', label: 'Every environment' }, ...options.environments.map((e) => ({ value: e.name, label: e.displayName }))]}
      />
      <SelectField
        id="cal-component"
        name="component"
        label="Component"
        defaultValue={query.component ?? ''}
        options={[{ value: '', label: 'Any component' }, ...options.components.map((c) => ({ value: c, label: c }))]}
      />
      <SelectField
        id="cal-team"
        name="team"
        label="Team"
        hint="Owner’s team or a component’s team"
        defaultValue={query.team ?? ''}
        options={[{ value: '', label: 'Any team' }, ...options.teams.map((t) => ({ value: t.slug, label: t.name }))]}
      />
      <SelectField id="cal-timezone" name="timezone" label="Time zone" defaultValue={grid.timezone} options={zones.map((z) => ({ value: z, label: z }))} />
    </FilterBar>
  );
}
