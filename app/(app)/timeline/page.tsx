import { currentViewer } from '@/lib/server/viewer';
import type { Metadata } from 'next';
import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { CalendarKeys } from '@/components/calendar/calendar-keys';
import { ClientMessages } from '@/components/i18n/client-messages';
import { AccessDenied } from '@/components/route/access-denied';
import { hrefWith } from '@/components/ui/href';
import { PageHeader } from '@/components/ui/page-header';
import { ConflictList } from '@/components/calendar/conflict-list';
import { barGeometry } from '@/lib/domain/timeline';
import { getTimeline, MAX_TIMELINE_WINDOWS } from '@/lib/server/timeline';
import { requireUser } from '@/lib/server/session';
import { guard } from '@/app/_lib/guard';
import { TimelineChart } from './timeline-chart';
import { dayIn, timeIn, timelineTitle } from './timeline-format';
import { TimelineList } from './timeline-list';
import { TimelineFilters, TimelineLegend, TimelineNav, timelineParams } from './timeline-toolbar';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('timeline');
  return { title: t('title') };
}

export default async function TimelinePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser();
  const viewer = await currentViewer();
  const loaded = await guard(async () => getTimeline(user, await searchParams, viewer.timeZone));
  const [t, locale] = await Promise.all([getTranslations('timeline'), getLocale()]);
  if (!loaded.ok) return <AccessDenied title={t('title')} reason={loaded.message} />;
  const tl = loaded.value;
  const { query, period } = tl;
  const params = timelineParams(query, period, viewer.timeZone);
  const title = timelineTitle(period, locale);
  const releases = new Set(tl.windows.map((w) => w.releaseId)).size;
  const filtered = !!(query.team || query.environment || query.risk || query.q || query.status !== 'active');
  const lastShown = tl.windows[tl.windows.length - 1];
  const freezeBands = tl.freezes
    .map((f) => ({ freeze: f, geo: barGeometry(new Date(f.start), new Date(f.end), period.from, period.to) }))
    .flatMap((x) => (x.geo ? [{ ...x.geo, freeze: x.freeze }] : []));

  return (
    <ClientMessages namespaces={['calendar']}>
      <PageHeader
        title={t('title')}
        description={t('summary', {
          releases,
          windows: tl.windows.length,
          freezes: new Set(tl.freezes.map((f) => f.name)).size,
          conflicts: tl.conflicts.length,
          period: title,
          filtered: filtered ? 'yes' : 'no',
          active: query.status === 'active' ? 'yes' : 'no',
          zone: period.timezone,
        })}
      />
      <TimelineFilters query={query} period={period} options={tl.options} />
      <TimelineNav query={query} period={period} params={params} />
      <CalendarKeys
        prev={hrefWith('/timeline', { ...params, start: period.prev })}
        next={hrefWith('/timeline', { ...params, start: period.next })}
        today={hrefWith('/timeline', { ...params, start: period.today })}
        zone={period.timezone}
        zoneHref={hrefWith('/timeline', { ...params, timezone: undefined })}
      />
      {tl.truncated ? (
        <p role="status" data-timeline-note="" className="mb-3 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {lastShown
            ? t('truncatedUpTo', {
                count: MAX_TIMELINE_WINDOWS,
                last: `${dayIn(new Date(lastShown.start), period.timezone, locale)} ${timeIn(new Date(lastShown.start), period.timezone, locale)}`,
              })
            : t('truncated', { count: MAX_TIMELINE_WINDOWS })}
        </p>
      ) : null}
      {tl.windows.length === 0 ? (
        <p className="mb-3 rounded-md border border-gray-200 bg-white px-3 py-2 text-sm text-gray-800">
          {filtered
            ? t.rich('emptyFiltered', {
                period: title,
                clear: (chunks) => (
                  <Link href={hrefWith('/timeline', { start: period.start, weeks: params.weeks, group: params.group })} className="link">
                    {chunks}
                  </Link>
                ),
              })
            : t('empty', { period: title })}
        </p>
      ) : query.view === 'list' ? (
        <TimelineList groups={tl.groups} period={period} groupBy={query.group} />
      ) : (
        <>
          <p className="mb-2 text-xs text-gray-700">
            {t.rich('chartHint', {
              list: (chunks) => (
                <Link href={hrefWith('/timeline', { ...params, view: 'list' })} className="link">
                  {chunks}
                </Link>
              ),
            })}
          </p>
          <TimelineChart groups={tl.groups} freezes={freezeBands} period={period} groupBy={query.group} />
        </>
      )}
      <ConflictList id="timeline-conflicts" conflicts={tl.conflicts} narrow="filters" />
      <TimelineLegend />
    </ClientMessages>
  );
}
