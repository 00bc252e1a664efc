import { currentViewer } from '@/lib/server/viewer';
import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { getLocale, getTranslations } from 'next-intl/server';
import { CalendarLegend } from '@/components/calendar/calendar-legend';
import { CalendarSubscribe } from '@/components/calendar/calendar-subscribe';
import { CalendarKeys } from '@/components/calendar/calendar-keys';
import { CalendarFilters, CalendarNav } from '@/components/calendar/calendar-toolbar';
import { AgendaList } from '@/components/calendar/agenda-list';
import { DayList } from '@/components/calendar/day-list';
import { MonthGrid } from '@/components/calendar/month-grid';
import { WeekGrid } from '@/components/calendar/week-grid';
import { AccessDenied } from '@/components/route/access-denied';
import { hrefWith, type QueryValue } from '@/components/ui/href';
import { PageHeader } from '@/components/ui/page-header';
import { ConflictList } from '@/components/calendar/conflict-list';
import { periodTitle } from '@/components/calendar/period';
import { ClientMessages } from '@/components/i18n/client-messages';
import { FULL_PERIOD_MAX, getCalendar } from '@/lib/server/calendar';
import { languageOf } from '@/lib/domain/locale';
import { localize } from '@/lib/server/say';
import { requireUser } from '@/lib/server/session';
import { guard } from '@/app/_lib/guard';
import { applyCalendarFiltersAction, resetCalendarFiltersAction } from './actions';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('calendar');
  return { title: t('title') };
}

/** Where this Relm is reached, for the feed address. */
async function origin(): Promise<string> {
  const h = await headers();
  const host = h.get('x-forwarded-host') ?? h.get('host');
  if (!host || !/^[A-Za-z0-9.:[\]-]{1,255}$/.test(host)) return 'http://localhost:3000';
  const proto = h.get('x-forwarded-proto') === 'https' ? 'https' : 'http';
  return `${proto}://${host}`;
}

export default async function CalendarPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser();
  const viewer = await currentViewer();
  const loaded = await guard(async () => getCalendar(user, await searchParams, viewer.timeZone));
  const [t, locale] = await Promise.all([getTranslations('calendar'), getLocale()]);
  if (!loaded.ok) return <AccessDenied title={t('title')} reason={loaded.message} />;
  // the conflict notes in the reader's language (the period's events are cached for every reader: copied, not changed)
  const cal = {
    ...loaded.value,
    events: loaded.value.events.map((e) => (e.conflictNotes.length ? { ...e, conflictNotes: e.conflictNotes.map((n) => localize(n, languageOf(locale))) } : e)),
  };
  const { grid, query } = cal;
  const filters: Record<string, QueryValue> = {
    environment: query.environment,
    component: query.component,
    team: query.team,
    status: query.status,
    timezone: grid.timezone === viewer.timeZone ? undefined : grid.timezone,
  };
  // no view named: the month on wide screens, the agenda on narrow ones (both rendered, one
  // hidden by a media query: the server cannot know the width; decision 053)
  const { responsive } = cal;
  const view = responsive ? undefined : grid.view;
  const params: Record<string, QueryValue> = { view, date: grid.date, ...filters };
  const feedUrl = `${await origin()}${hrefWith('/api/v1/calendar.ics', { environment: query.environment, component: query.component, team: query.team })}${query.environment || query.component || query.team ? '&' : '?'}token=YOUR_TOKEN`;
  const releases = new Set(cal.events.map((e) => e.key)).size;
  const filtered = !!(query.environment || query.component || query.team || query.status);
  const { density } = cal;
  const dense = density.mode === 'dense';
  const freezes = new Set(cal.freezes.map((f) => f.freezeId)).size;
  const period = periodTitle(grid, locale, t);
  const summary = { windows: density.total, freezes, period, filtered: filtered ? 'yes' : 'no', zone: grid.timezone };

  return (
    <ClientMessages namespaces={['calendar']}>
      <PageHeader
        title={t('title')}
        description={dense ? t('summaryDense', summary) : t('summary', { ...summary, releases, conflicts: cal.conflicts.length })}
      />
      <CalendarFilters
        query={query}
        grid={grid}
        options={cal.options}
        view={view}
        apply={applyCalendarFiltersAction}
        reset={resetCalendarFiltersAction}
        remembered={cal.remembered}
      />
      <CalendarNav grid={grid} params={params} responsive={responsive} />
      <CalendarKeys
        prev={hrefWith('/calendar', { ...params, date: grid.prev })}
        next={hrefWith('/calendar', { ...params, date: grid.next })}
        today={hrefWith('/calendar', { ...params, date: grid.today })}
        zone={grid.timezone}
        zoneHref={hrefWith('/calendar', { ...params, timezone: undefined })}
      />
      {cal.truncated ? (
        <p role="status" data-calendar-note="" className="mb-3 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {t('truncated', { shown: cal.events.length, total: density.total })}
        </p>
      ) : null}
      {dense ? (
        <p role="status" data-calendar-note="" className="mb-3 rounded-md border border-blue-200 bg-blue-50 px-3 py-2 text-sm text-blue-900">
          {t('crowded', { unit: grid.view === 'week' ? 'week' : 'month', total: density.total, perDay: density.perDay, max: String(FULL_PERIOD_MAX) })}
        </p>
      ) : null}
      {responsive ? (
        <>
          <div className="hidden sm:block">
            <MonthGrid grid={grid} events={cal.events} freezes={cal.freezes} maintenance={cal.maintenance} params={params} density={density} />
          </div>
          <div className="sm:hidden">
            <AgendaList grid={grid} events={cal.events} freezes={cal.freezes} maintenance={cal.maintenance} params={params} density={density} />
          </div>
        </>
      ) : grid.view === 'month' ? (
        <MonthGrid grid={grid} events={cal.events} freezes={cal.freezes} maintenance={cal.maintenance} params={params} density={density} />
      ) : grid.view === 'agenda' ? (
        <AgendaList grid={grid} events={cal.events} freezes={cal.freezes} maintenance={cal.maintenance} params={params} density={density} />
      ) : grid.view === 'week' ? (
        <WeekGrid grid={grid} events={cal.events} freezes={cal.freezes} maintenance={cal.maintenance} density={density} params={params} />
      ) : (
        <DayList grid={grid} events={cal.events} freezes={cal.freezes} maintenance={cal.maintenance} />
      )}
      {cal.events.length === 0 ? (
        <p className="mt-2 text-sm text-gray-700">
          {filtered
            ? t.rich('emptyFiltered', {
                period,
                reset: (chunks) => (
                  <form action={resetCalendarFiltersAction} className="inline">
                    {view ? <input type="hidden" name="view" value={view} /> : null}
                    <input type="hidden" name="date" value={grid.date} />
                    <button type="submit" className="link">
                      {chunks}
                    </button>
                  </form>
                ),
              })
            : t('empty', { period })}
        </p>
      ) : null}
      <ConflictList id="calendar-conflicts" conflicts={cal.conflicts} narrow="view" />
      <CalendarLegend />
      <CalendarSubscribe feedUrl={feedUrl} />
    </ClientMessages>
  );
}
