import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { apiRoute, methodNotAllowed, parseOr400 } from '@/lib/server/api';
import { queryObject } from '@/lib/server/api-schemas';
import { assertCan } from '@/lib/server/authz';
import { CalendarFeedQuerySchema, FEED_FREEZE_DAYS, feedRange, getCalendarFeed, MAX_CALENDAR_EVENTS, type CalendarFeed } from '@/lib/server/calendar';
import { calendarFingerprint, feedCache } from '@/lib/server/calendar-cache';
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

const day = (d: Date) => d.toISOString().slice(0, 10);

/** DTSTAMP: the version of the data the feed was built from (stable, so the body and its ETag are too). */
function feedEvents(feed: CalendarFeed, origin: string, now: Date): IcalEvent[] {
  const out: IcalEvent[] = [];
  if (feed.truncated) {
    // calendar programs ignore response headers: say it where the subscriber looks
    const left = [
      feed.cut.after ? `windows starting after ${day(feed.cut.after)}` : '',
      feed.cut.before ? `windows before ${day(feed.cut.before)}` : '',
    ].filter(Boolean);
    const at = feed.cut.after ?? feed.cut.before ?? feed.from;
    out.push({
      uid: 'relm-feed-cut@relm',
      dtstamp: now,
      start: at,
      end: new Date(at.getTime() + 30 * 60_000),
      summary: `Relm: feed cut at ${MAX_CALENDAR_EVENTS.toLocaleString('en-GB')} release windows`,
      description: [
        `More release windows match this subscription than a feed lists (${MAX_CALENDAR_EVENTS.toLocaleString('en-GB')}). Left out: ${left.join(' and ')}.`,
        'Narrow the subscription address with ?environment=, ?component= or ?team=, or a shorter from/to range.',
      ].join('\n'),
      status: 'CONFIRMED',
      categories: ['Relm'],
      transp: 'TRANSPARENT',
    });
  }
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
      lastModified: new Date(f.updatedAt),
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

const httpDate = (d: Date) => d.toUTCString();

/** If-None-Match: "*", or one of a list of (weak or strong) tags equal to ours. */
function etagMatches(header: string | null, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((t) => t.trim().replace(/^W\//, '') === etag);
}

/** Releases and freezes as an iCalendar feed. */
export const GET = apiRoute(
  async ({ req, url, actor, meta }) => {
    const query = parseOr400(CalendarFeedQuerySchema, queryObject(url));
    assertCan(actor, 'release.read');
    const now = clockNow();
    const range = feedRange(query, now);
    // the fingerprint first: data that changes while the feed is built gets a newer one, so the
    // entry is never newer than what its key claims
    const fp = await calendarFingerprint();
    const key = JSON.stringify([url.origin, range.from, range.to, range.freezeFrom, range.freezeTo, query.environment, query.component, query.team]);
    let feed = feedCache.get(key, fp.key);
    const hit = !!feed;
    if (!feed) {
      const data = await getCalendarFeed(actor, query, now);
      const lastModified = new Date(Math.floor(Math.max(fp.lastModified, range.today.getTime()) / 1000) * 1000);
      const body = buildCalendar({
        prodId: '-//Relm//Release calendar//EN',
        name: 'Relm releases and freezes',
        description: `Release windows from ${day(data.from)} to ${day(data.to)} and freezes in the next ${FEED_FREEZE_DAYS} days.${
          data.truncated ? ` Cut at ${MAX_CALENDAR_EVENTS} windows: narrow it with ?environment=, ?component= or ?team=.` : ''
        }`,
        refreshInterval: 'PT1H',
        events: feedEvents(data, url.origin, lastModified),
      });
      feed = {
        body,
        // compressed once per build, not per poll (a dense feed is over a megabyte of text)
        gzip: gzipSync(body),
        etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`,
        lastModified,
        truncated: data.truncated,
      };
      feedCache.set(key, fp.key, feed);
    }
    const headers: Record<string, string> = {
      'content-type': 'text/calendar; charset=utf-8',
      'content-disposition': 'inline; filename="relm.ics"',
      // stored by the client, revalidated on every poll (ETag / Last-Modified)
      'cache-control': 'private, no-cache',
      etag: feed.etag,
      'last-modified': httpDate(feed.lastModified),
      'x-relm-cache': hit ? 'hit' : 'miss',
      'x-request-id': meta.requestId,
      vary: 'accept-encoding',
      ...(feed.truncated ? { 'x-relm-truncated': 'true' } : {}),
    };
    const inm = req.headers.get('if-none-match');
    const ims = Date.parse(req.headers.get('if-modified-since') ?? '');
    // If-None-Match wins over If-Modified-Since (RFC 9110 13.2.2)
    const notModified = inm !== null ? etagMatches(inm, feed.etag) : Number.isFinite(ims) && feed.lastModified.getTime() <= ims;
    if (notModified) {
      delete headers['content-type'];
      delete headers['content-disposition'];
      return new Response(null, { status: 304, headers });
    }
    if (/\bgzip\b/.test(req.headers.get('accept-encoding') ?? '')) {
      return new Response(new Uint8Array(feed.gzip), { status: 200, headers: { ...headers, 'content-encoding': 'gzip' } });
    }
    return new Response(feed.body, { status: 200, headers });
  },
  { queryToken: true },
);

// other methods get the JSON error shape too
const notAllowed = methodNotAllowed(['GET']);
export const POST = notAllowed;
export const PUT = notAllowed;
export const PATCH = notAllowed;
export const DELETE = notAllowed;
