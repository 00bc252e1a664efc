import type { ReactNode } from 'react';
import Link from 'next/link';
import { useLocale, useTranslations } from 'next-intl';
import { buttonClasses } from '@/components/ui/button';
import { cx } from '@/components/ui/cx';
import { SelectField } from '@/components/ui/field';
import { SubmitButton } from '@/components/ui/submit-button';
import { STATUS_ORDER } from '@/components/releases/labels';
import { hrefWith, type QueryValue } from '@/components/ui/href';
import type { CalendarGrid, CalendarView } from '@/lib/domain/calendar';
import type { CalendarQuery, CalendarResult } from '@/lib/server/calendar';
import { periodTitle } from './period';
import { useStatusWords } from '@/components/i18n/status-words';

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

function ViewSwitch({ current, link, className }: { current: CalendarView; link: (over: Record<string, QueryValue>) => string; className?: string }) {
  const t = useTranslations('calendar.nav');
  return (
    <ul className={cx('flex rounded-md border border-gray-300 bg-white p-0.5', className)} aria-label={t('view')}>
      {(['month', 'week', 'day', 'agenda'] as const).map((v) => (
        <li key={v}>
          <Link
            href={link({ view: v })}
            aria-current={current === v ? 'page' : undefined}
            className={cx(
              'inline-flex h-7 items-center rounded px-2 text-sm font-medium sm:px-3',
              current === v ? 'bg-blue-700 text-white' : 'text-gray-800 hover:bg-gray-100',
            )}
          >
            {t(`views.${v}`)}
          </Link>
        </li>
      ))}
    </ul>
  );
}

/**
 * View switch (Month / Week / Day / Agenda) and previous / today / next, as links that keep
 * the filters. With no view named (`responsive`), narrow screens show the agenda and wide ones
 * the month: the switch is drawn twice, each marking its own view, one hidden by the same
 * media query as the view it belongs to.
 */
export function CalendarNav({ grid, params, responsive = false }: { grid: CalendarGrid; params: Record<string, QueryValue>; responsive?: boolean }) {
  const link = (over: Record<string, QueryValue>) => hrefWith('/calendar', { ...params, date: grid.date, ...over });
  const unit = grid.view === 'agenda' ? 'month' : grid.view;
  const t = useTranslations('calendar');
  const locale = useLocale();
  const parts = {
    unit,
    label: (chunks: ReactNode) => <span className="sr-only sm:not-sr-only">{chunks}</span>,
    sr: (chunks: ReactNode) => <span className="sr-only">{chunks}</span>,
  };
  return (
    <nav aria-label={t('nav.label')} className="mb-3 flex flex-wrap items-center justify-between gap-2">
      <div className="flex flex-wrap items-center gap-2">
        <Link href={link({ date: grid.prev })} className={buttonClasses('secondary', 'md')} rel="prev">
          <span aria-hidden="true">←</span> {t.rich('nav.previous', parts)}
        </Link>
        <Link href={link({ date: grid.today })} className={buttonClasses('secondary', 'md')}>
          {t('nav.today')}
        </Link>
        <Link href={link({ date: grid.next })} className={buttonClasses('secondary', 'md')} rel="next">
          {t.rich('nav.next', parts)} <span aria-hidden="true">→</span>
        </Link>
        <p className="ml-1 text-base font-semibold text-gray-900" aria-live="polite">
          {periodTitle(grid, locale, t)}
        </p>
      </div>
      {responsive ? (
        <>
          <ViewSwitch current="agenda" link={link} className="sm:hidden" />
          <ViewSwitch current="month" link={link} className="hidden sm:flex" />
        </>
      ) : (
        <ViewSwitch current={grid.view} link={link} />
      )}
    </nav>
  );
}

/**
 * Environment, component, team, status and time zone. Applying posts the form: the filters are
 * remembered for the person (lib/server/calendar-preferences.ts) and the page opens at the
 * filtered address, which stays shareable. "Reset filters" forgets them.
 */
export function CalendarFilters({
  query,
  grid,
  options,
  view,
  apply,
  reset,
  remembered,
}: {
  query: CalendarQuery;
  grid: CalendarGrid;
  options: CalendarResult['options'];
  /** the view named in the address (none: the responsive default) */
  view?: CalendarView;
  apply: (form: FormData) => Promise<void>;
  reset: (form: FormData) => Promise<void>;
  remembered: boolean;
}) {
  const zones = CALENDAR_ZONES.includes(grid.timezone) ? CALENDAR_ZONES : [grid.timezone, ...CALENDAR_ZONES];
  const active = !!(query.environment || query.component || query.team || query.status);
  const t = useTranslations('calendar.filters');
  const word = useStatusWords();
  return (
    <div className="mb-4 rounded-md border border-gray-200 bg-white p-3">
      <form action={apply} role="search" aria-label={t('label')}>
        <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-[repeat(5,minmax(8rem,1fr))] lg:items-end">
          {view ? <input type="hidden" name="view" value={view} /> : null}
          <input type="hidden" name="date" value={grid.date} />
          <SelectField
            id="cal-environment"
            name="environment"
            label={t('environment')}
            defaultValue={query.environment ?? ''}
            options={[{ value: '', label: t('everyEnvironment') }, ...options.environments.map((e) => ({ value: e.name, label: e.displayName }))]}
          />
          <SelectField
            id="cal-component"
            name="component"
            label={t('component')}
            defaultValue={query.component ?? ''}
            options={[{ value: '', label: t('anyComponent') }, ...options.components.map((c) => ({ value: c, label: c }))]}
          />
          <SelectField
            id="cal-team"
            name="team"
            label={t('team')}
            hint={t('teamHint')}
            defaultValue={query.team ?? ''}
            options={[{ value: '', label: t('anyTeam') }, ...options.teams.map((t) => ({ value: t.slug, label: t.name }))]}
          />
          <SelectField
            id="cal-status"
            name="status"
            label={t('status')}
            defaultValue={query.status ?? ''}
            options={[{ value: '', label: t('anyStatus') }, ...STATUS_ORDER.map((s) => ({ value: s, label: word('release', s) }))]}
          />
          <SelectField
            id="cal-timezone"
            name="timezone"
            label={t('timeZone')}
            defaultValue={grid.timezone}
            options={zones.map((z) => ({ value: z, label: z }))}
          />
        </div>
        <div className="mt-3">
          <SubmitButton pendingText={t('applying')}>{t('apply')}</SubmitButton>
        </div>
      </form>
      <form action={reset} className="mt-2 flex flex-wrap items-center gap-x-3 gap-y-2">
        {view ? <input type="hidden" name="view" value={view} /> : null}
        <input type="hidden" name="date" value={grid.date} />
        {grid.timezone !== 'UTC' ? <input type="hidden" name="timezone" value={grid.timezone} /> : null}
        {active || remembered ? (
          <SubmitButton variant="secondary" size="sm" pendingText={t('resetting')}>
            {t('reset')}
          </SubmitButton>
        ) : null}
        <p className="text-xs text-gray-700" data-calendar-remembered={remembered ? '' : undefined}>
          {remembered ? t('remembered') : t('remembers')}
        </p>
      </form>
    </div>
  );
}
