import { currentViewer } from '@/lib/server/viewer';
import type { Metadata } from 'next';
import Link from 'next/link';
import { CalendarKeys } from '@/components/calendar/calendar-keys';
import { plural } from '@/components/format';
import { AccessDenied } from '@/components/route/access-denied';
import { hrefWith } from '@/components/ui/href';
import { PageHeader } from '@/components/ui/page-header';
import { ConflictList } from '@/components/calendar/conflict-list';
import { barGeometry, TIMELINE_GROUPINGS } from '@/lib/domain/timeline';
import { getTimeline, MAX_TIMELINE_WINDOWS } from '@/lib/server/timeline';
import { requireUser } from '@/lib/server/session';
import { guard } from '@/app/_lib/guard';
import { TimelineChart } from './timeline-chart';
import { dayIn, timeIn } from './timeline-format';
import { TimelineList } from './timeline-list';
import { TimelineFilters, TimelineLegend, TimelineNav, timelineParams } from './timeline-toolbar';

export const metadata: Metadata = { title: 'Timeline' };

export default async function TimelinePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser();
  const viewer = await currentViewer();
  const loaded = await guard(async () => getTimeline(user, await searchParams, viewer.timeZone));
  if (!loaded.ok) return <AccessDenied title="Timeline" reason={loaded.message} />;
  const tl = loaded.value;
  const { query, period } = tl;
  const params = timelineParams(query, period, viewer.timeZone);
  const groupLabel = TIMELINE_GROUPINGS[query.group].label;
  const releases = new Set(tl.windows.map((w) => w.releaseId)).size;
  const filtered = !!(query.team || query.environment || query.risk || query.q || query.status !== 'active');
  const lastShown = tl.windows[tl.windows.length - 1];
  const freezeBands = tl.freezes
    .map((f) => ({ freeze: f, geo: barGeometry(new Date(f.start), new Date(f.end), period.from, period.to) }))
    .flatMap((x) => (x.geo ? [{ ...x.geo, freeze: x.freeze }] : []));

  return (
    <>
      <PageHeader
        title="Timeline"
        description={`${plural(releases, 'release')} with ${plural(tl.windows.length, 'window')}, ${plural(new Set(tl.freezes.map((f) => f.name)).size, 'freeze')} and ${plural(tl.conflicts.length, 'conflict')} in ${period.title}${filtered ? ' (filtered)' : ''}${query.status === 'active' ? ', finished releases hidden' : ''}. Times in ${period.timezone}.`}
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
          Showing the first {MAX_TIMELINE_WINDOWS.toLocaleString('en-GB')} release windows of this period (by start time
          {lastShown ? `, up to ${dayIn(new Date(lastShown.start), period.timezone)} ${timeIn(new Date(lastShown.start), period.timezone)}` : ''}); there are
          more. Narrow the filters (team, environment, status, risk or search) or the span to see them all.
        </p>
      ) : null}
      {tl.windows.length === 0 ? (
        <p className="mb-3 rounded-md border border-gray-200 bg-white px-3 py-2 text-sm text-gray-800">
          No release windows in {period.title}
          {filtered ? (
            <>
              {' '}
              with these filters.{' '}
              <Link href={hrefWith('/timeline', { start: period.start, weeks: params.weeks, group: params.group })} className="link">
                Clear filters
              </Link>
            </>
          ) : (
            '. Releases appear here once they have a planned window or a scheduled window on an environment.'
          )}
        </p>
      ) : query.view === 'list' ? (
        <TimelineList groups={tl.groups} period={period} groupLabel={groupLabel} />
      ) : (
        <>
          <p className="mb-2 text-xs text-gray-700">
            Each bar is a link to its release (Tab moves between them; “p”, “n” and “t” move the period). The same windows as a table:{' '}
            <Link href={hrefWith('/timeline', { ...params, view: 'list' })} className="link">
              show as list
            </Link>
            .
          </p>
          <TimelineChart groups={tl.groups} freezes={freezeBands} period={period} groupLabel={groupLabel} />
        </>
      )}
      <ConflictList id="timeline-conflicts" conflicts={tl.conflicts} narrow="narrow the filters" />
      <TimelineLegend />
    </>
  );
}
