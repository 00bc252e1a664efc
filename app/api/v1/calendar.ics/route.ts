import { apiRoute, methodNotAllowed, parseOr400 } from '@/lib/server/api';
import { queryObject } from '@/lib/server/api-schemas';
import { CalendarFeedQuerySchema, getCalendarFeed, type CalendarFeed } from '@/lib/server/calendar';
import { now as clockNow } from '@/lib/server/clock';
import { buildCalendar, type IcalEvent } from '@/lib/domain/ical';
import { statusLabel } from '@/components/releases/labels';
import { releaseHref } from '@/lib/domain/release-parts';

export const dynamic = 'force-dynamic';

// The iCalendar feed of releases and freezes (RFC 5545), for calendar programs
// to subscribe to. Authenticated by API token with release.read: in the
// Authorization header, or — since calendar programs cannot send headers — as
// ?token=relm_… on this endpoint only (never logged: only the path is).

const TENTATIVE = new Set(['draft', 'submitted', 'rejected', 'rolled_back']);

function icalStatus(status: string): IcalEvent['status'] {
  if (status === 'cancelled') return 'CANCELLED';
  return TENTATIVE.has(status) ? 'TENTATIVE' : 'CONFIRMED';
}

function feedEvents(feed: CalendarFeed, origin: string, now: Date): IcalEvent[] {
  const out: IcalEvent[] = [];
  for (const e of feed.events) {
    const env = e.environment?.name ?? 'no environment';
    const link = `${origin}${releaseHref(e.key, 'schedule')}`;
    out.push({
      uid: `rel-${e.number}-${e.environment?.name ?? 'none'}@relm`,
      dtstamp: now,
      lastModified: new Date(e.updatedAt),
      start: new Date(e.start),
      end: new Date(e.end),
      summary: `${e.key} ${e.title} (${env})`,
      description: [
        `Status: ${statusLabel(e.status)}`,
        `Owner: ${e.owner.name}${e.team ? ` (${e.team.name})` : ''}`,
        `Environment: ${e.environment?.displayName ?? 'none named yet'}`,
        `Window: ${e.source === 'scheduled' ? 'scheduled for this environment' : 'the release’s planned window'}`,
        ...(e.components.length ? [`Components: ${e.components.join(', ')}`] : []),
        `Details: ${link}`,
      ].join('\n'),
      url: link,
      status: icalStatus(e.status),
      categories: ['Release', statusLabel(e.status), ...(e.environment ? [e.environment.name] : [])],
      transp: 'OPAQUE',
    });
  }
  for (const f of feed.freezes) {
    const scope = [
      f.environments.length ? `Environments: ${f.environments.join(', ')}` : 'Environments: all',
      f.components.length ? `Components: ${f.components.join(', ')}` : 'Components: all',
    ];
    out.push({
      uid: `freeze-${f.freezeId}-${new Date(f.start).getTime()}@relm`,
      dtstamp: now,
      start: new Date(f.start),
      end: new Date(f.end),
      summary: `Freeze: ${f.name}`,
      description: [f.reason, ...scope].filter(Boolean).join('\n'),
      status: 'CONFIRMED',
      categories: ['Freeze'],
      transp: 'OPAQUE',
    });
  }
  return out;
}

/** Releases and freezes as an iCalendar feed. */
export const GET = apiRoute(
  async ({ url, actor, meta }) => {
    const query = parseOr400(CalendarFeedQuerySchema, queryObject(url));
    const now = clockNow();
    const feed = await getCalendarFeed(actor, query, now);
    const body = buildCalendar({
      prodId: '-//Relm//Release calendar//EN',
      name: 'Relm releases and freezes',
      description: `Release windows from ${feed.from.toISOString().slice(0, 10)} to ${feed.to.toISOString().slice(0, 10)} and freezes in the next 180 days.`,
      refreshInterval: 'PT1H',
      events: feedEvents(feed, url.origin, now),
    });
    return new Response(body, {
      status: 200,
      headers: {
        'content-type': 'text/calendar; charset=utf-8',
        'content-disposition': 'inline; filename="relm.ics"',
        'cache-control': 'private, no-store',
        'x-request-id': meta.requestId,
        ...(feed.truncated ? { 'x-relm-truncated': 'true' } : {}),
      },
    });
  },
  { queryToken: true },
);

// other methods get the JSON error shape too
const notAllowed = methodNotAllowed(['GET']);
export const POST = notAllowed;
export const PUT = notAllowed;
export const PATCH = notAllowed;
export const DELETE = notAllowed;
