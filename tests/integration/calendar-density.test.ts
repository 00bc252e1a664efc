import type { ReactElement, ReactNode } from 'react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/lib/server/db';
import { gunzipSync } from 'node:zlib';
import { DAY_LIST_MAX, FULL_PERIOD_MAX, getCalendar, MAX_CALENDAR_EVENTS, MONTH_PER_DAY, viewCache } from '@/lib/server/calendar';
import { FEED_TTL_MS, feedCache } from '@/lib/server/calendar-cache';
import { GET as calendarFeed } from '@/app/api/v1/calendar.ics/route';
import { parseCalendar } from '@/lib/domain/ical';
import { releaseKey } from '@/lib/domain/release-key';
import { freshDatabase } from '../support/db';
import { advanceClock, resetClock, setClock } from '../support/clock';
import { makeApiToken, makeEnvironment, makeUser, uid } from '../support/factories';
import { countStatements } from '../support/sql-count';
import type { Actor } from '@/lib/server/actor';

// docs/decisions/022-calendar-density.md: a crowded month shows per day its most
// important windows and "+ n more" with counts from SQL; the feed is cut upcoming
// first with a marker, answers 304 to a matching ETag, and is cached until the
// data's fingerprint changes or ten minutes pass (on the test clock).

/** What a calendar component renders, under next-intl's provider in English (its words come from the catalogues). */
async function inEnglish(node: ReactNode): Promise<ReactElement> {
  const { createElement } = await import('react');
  const { NextIntlClientProvider } = await import('next-intl');
  const { messagesFor } = await import('@/messages');
  return createElement(NextIntlClientProvider, { locale: 'en', timeZone: 'UTC', messages: messagesFor('en'), children: node });
}

let h: DbHandle;
let viewer: Actor;
let viewerId: string;
let ownerId: string;
let prod: { id: string; name: string };
let staging: { id: string; name: string };
const DAY = '2027-03-10';
const at = (iso: string) => new Date(iso);

async function windows(n: number, opts: { env: { id: string }; start: string; hours?: number; status?: 'draft' | 'approved' | 'deploying' | 'scheduled' }) {
  const created: { id: string; number: number }[] = [];
  const rows = Array.from({ length: n }, (_, i) => ({
    id: `dense-${uid()}-${i}`,
    title: `Dense ${i}`,
    type: 'normal' as const,
    status: opts.status ?? 'draft',
    ownerId,
    requesterId: ownerId,
  }));
  await h.prisma.release.createMany({ data: rows });
  const start = at(opts.start).getTime();
  await h.prisma.releaseEnvironment.createMany({
    data: rows.map((r, i) => ({
      releaseId: r.id,
      environmentId: opts.env.id,
      scheduledStart: new Date(start + i * 60_000),
      scheduledEnd: new Date(start + i * 60_000 + (opts.hours ?? 1) * 3_600_000),
    })),
  });
  for (const r of await h.prisma.release.findMany({ where: { id: { in: rows.map((x) => x.id) } }, select: { id: true, number: true } })) created.push(r);
  return created.sort((a, b) => a.number - b.number);
}

beforeAll(async () => {
  feedCache.clear();
  viewCache.clear();
  h = await freshDatabase();
  const v = await makeUser(h.prisma, ['viewer']);
  viewer = v.actor;
  viewerId = v.id;
  ownerId = (await makeUser(h.prisma, ['release_manager'])).id;
  prod = await h.prisma.environment.create({
    data: { name: `prod-${uid()}`, displayName: 'Production', tier: 'production', position: 900_000 + Math.floor(Math.random() * 1000) },
  });
  staging = await makeEnvironment(h.prisma);
});

afterAll(async () => {
  resetClock();
  feedCache.clear();
  await h?.close();
});

describe('a crowded month', () => {
  let important: { id: string; number: number }[];
  let spanning: { id: string; number: number }[];
  beforeAll(async () => {
    // more drafts on one day than a month loads in full, two deployments on production
    // that day, and one approved window across three days
    await windows(FULL_PERIOD_MAX + 10, { env: staging, start: `${DAY}T06:00:00Z` });
    important = await windows(2, { env: prod, start: `${DAY}T22:00:00Z`, status: 'deploying' });
    spanning = await windows(1, { env: staging, start: `${DAY}T23:00:00Z`, hours: 49, status: 'approved' });
  });

  it('counts every window per day in SQL and loads only the first few of each day, most important first', async () => {
    const cal = await getCalendar(viewer, { view: 'month', date: DAY });
    expect(cal.density.mode).toBe('dense');
    expect(cal.density.total).toBe(FULL_PERIOD_MAX + 13);
    const days = cal.grid.weeks.flat();
    const i = days.findIndex((d) => d.date === DAY);
    // the drafts (an hour each from 06:00) and the deployments end that day; the approved window runs two more days
    expect(cal.density.counts[i]).toBe(FULL_PERIOD_MAX + 13);
    expect(cal.density.counts[i + 1]).toBe(1);
    expect(cal.density.counts[i + 2]).toBe(1);
    expect(cal.density.counts[i + 3]).toBe(0);
    expect(cal.density.counts.reduce((a, b) => a + b, 0)).toBe(FULL_PERIOD_MAX + 15);
    // loaded: at most the days × per-day places, here the day's four and the spanning window
    expect(cal.events.length).toBeLessThanOrEqual(MONTH_PER_DAY * days.length);
    const keys = cal.events.map((e) => e.key);
    for (const r of important) expect(keys).toContain(releaseKey(r.number));
    expect(keys).toContain(releaseKey(spanning[0]!.number));
    expect(cal.events.filter((e) => e.status === 'draft')).toHaveLength(MONTH_PER_DAY - 3);
    expect(cal.conflicts).toEqual([]);
  });

  it('renders "+ n more" linking to the day, and the day lists every window', async () => {
    const { createElement } = await import('react');
    const { renderToStaticMarkup } = await import('react-dom/server');
    const { MonthGrid } = await import('@/components/calendar/month-grid');
    const cal = await getCalendar(viewer, { view: 'month', date: DAY });
    const html = renderToStaticMarkup(
      await inEnglish(
        createElement(MonthGrid, { grid: cal.grid, events: cal.events, freezes: cal.freezes, maintenance: cal.maintenance, params: {}, density: cal.density }),
      ),
    );
    expect(html).toContain(`+ ${FULL_PERIOD_MAX + 13 - MONTH_PER_DAY} more`);
    expect(html).toContain(`href="/calendar?view=day&amp;date=${DAY}"`);
    expect(html.match(/data-event=/g)?.length).toBeLessThanOrEqual(MONTH_PER_DAY * cal.grid.weeks.flat().length);

    const day = await getCalendar(viewer, { view: 'day', date: DAY });
    expect(day.grid.title).toBe('Wednesday 10 March 2027');
    expect(day.events).toHaveLength(Math.min(FULL_PERIOD_MAX + 13, DAY_LIST_MAX));
    expect(day.density.total).toBe(FULL_PERIOD_MAX + 13);
    expect(day.truncated).toBe(FULL_PERIOD_MAX + 13 > DAY_LIST_MAX);
  });

  it('serves a period again from the cache until a release changes (test clock)', async () => {
    setClock({ at: '2027-03-01T08:00:00Z', frozen: true });
    try {
      viewCache.clear();
      const cold = await countStatements(() => getCalendar(viewer, { view: 'month', date: DAY }));
      const warm = await countStatements(() => getCalendar(viewer, { view: 'month', date: DAY }));
      expect(warm.statements).toBeLessThan(cold.statements);
      expect(warm.result.events).toEqual(cold.result.events);
      advanceClock(60_000);
      await h.prisma.release.update({ where: { id: important[0]!.id }, data: { title: 'Moved to the top' } });
      const after = await countStatements(() => getCalendar(viewer, { view: 'month', date: DAY }));
      expect(after.statements).toBe(cold.statements);
      expect(after.result.events.find((e) => e.releaseId === important[0]!.id)?.title).toBe('Moved to the top');
    } finally {
      resetClock();
    }
  });

  it('a filter that leaves a sparse month shows it whole, with conflicts', async () => {
    const cal = await getCalendar(viewer, { view: 'month', date: DAY, environment: prod.name });
    expect(cal.density.mode).toBe('full');
    expect(cal.density.total).toBe(2);
    expect(cal.events.map((e) => e.key).sort()).toEqual(important.map((r) => releaseKey(r.number)).sort());
  });
});

describe('the feed: cut, conditional requests and cache', () => {
  const BASE = 'http://relm.test';
  const noParams = { params: Promise.resolve({}) as Promise<Record<string, never>> };
  let token: string;
  const get = (path: string, headers: Record<string, string> = {}) =>
    calendarFeed(new Request(`${BASE}${path}`, { headers: { authorization: `Bearer ${token}`, ...headers } }), noParams);

  beforeAll(async () => {
    token = await makeApiToken(h.prisma, viewerId, ['release.read']);
  });
  afterEach(() => {
    resetClock();
  });

  it('answers 304 to a matching ETag or a later If-Modified-Since, and serves repeated polls from the cache', async () => {
    setClock({ at: '2027-03-02T08:00:00Z', frozen: true });
    feedCache.clear();
    const path = `/api/v1/calendar.ics?environment=${prod.name}`;
    const first = await get(path);
    expect(first.status).toBe(200);
    expect(first.headers.get('x-relm-cache')).toBe('miss');
    expect(first.headers.get('cache-control')).toBe('private, no-cache');
    const etag = first.headers.get('etag')!;
    const lastModified = first.headers.get('last-modified')!;
    expect(etag).toMatch(/^"[\w-]{32}"$/);
    const body = await first.text();

    const again = await get(path);
    expect(again.headers.get('x-relm-cache')).toBe('hit');
    expect(await again.text()).toBe(body);
    const zipped = await get(path, { 'accept-encoding': 'gzip, deflate' });
    expect(zipped.headers.get('content-encoding')).toBe('gzip');
    expect(zipped.headers.get('vary')).toBe('accept-encoding');
    expect(gunzipSync(Buffer.from(await zipped.arrayBuffer())).toString('utf8')).toBe(body);

    const notModified = await get(path, { 'if-none-match': `W/${etag}, "other"` });
    expect(notModified.status).toBe(304);
    expect(notModified.headers.get('etag')).toBe(etag);
    expect(await notModified.text()).toBe('');
    expect((await get(path, { 'if-modified-since': lastModified })).status).toBe(304);
    expect((await get(path, { 'if-none-match': '"stale"', 'if-modified-since': lastModified })).status).toBe(200);

    // a release changes (its updatedAt is the business clock's): the next poll rebuilds
    advanceClock(60_000);
    const [r] = await windows(1, { env: prod, start: '2027-03-20T10:00:00Z', status: 'scheduled' });
    const changed = await get(path, { 'if-none-match': etag });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('x-relm-cache')).toBe('miss');
    expect(changed.headers.get('etag')).not.toBe(etag);
    expect(new Date(changed.headers.get('last-modified')!).getTime()).toBeGreaterThan(new Date(lastModified).getTime());
    expect(await changed.text()).toContain(`rel-${r!.number}-${prod.name}@relm`);

    // an edit to a window of an existing release bumps the release (as every write does)
    advanceClock(60_000);
    await h.prisma.release.update({ where: { id: r!.id }, data: { title: 'Renamed in place' } });
    const renamed = await get(path);
    expect(renamed.headers.get('x-relm-cache')).toBe('miss');
    expect(await renamed.text()).toContain('Renamed in place');

    // nothing changes, but ten minutes pass: rebuilt (the same body, so the same ETag)
    const tag = renamed.headers.get('etag')!;
    expect((await get(path)).headers.get('x-relm-cache')).toBe('hit');
    advanceClock(FEED_TTL_MS);
    const expired = await get(path, { 'if-none-match': tag });
    expect(expired.headers.get('x-relm-cache')).toBe('miss');
    expect(expired.status).toBe(304);
  });

  it('a feed with more windows than it lists keeps the upcoming ones and says where it stops', async () => {
    setClock({ at: '2027-06-01T12:00:00Z', frozen: true });
    feedCache.clear();
    const envCut = await makeEnvironment(h.prisma);
    // past windows (May) and more upcoming ones (June) than a feed lists
    await windows(50, { env: envCut, start: '2027-05-20T00:00:00Z' });
    await windows(MAX_CALENDAR_EVENTS + 5, { env: envCut, start: '2027-06-02T00:00:00Z' });
    const res = await get(`/api/v1/calendar.ics?environment=${envCut.name}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-relm-truncated')).toBe('true');
    const cal = parseCalendar(await res.text());
    const releases = cal.events.filter((e) => e.UID?.startsWith('rel-'));
    expect(releases).toHaveLength(MAX_CALENDAR_EVENTS);
    // every listed window is upcoming: the cut drops the far future and the past, not today
    expect(releases.every((e) => e.DTSTART! >= '20270602T000000Z')).toBe(true);
    const marker = cal.events.find((e) => e.UID === 'relm-feed-cut@relm')!;
    expect(marker.SUMMARY).toContain('feed cut at 3,000 release windows');
    expect(marker.DESCRIPTION).toContain('?environment=');
    expect(cal.properties['X-WR-CALDESC']).toContain('Cut at');

    // with room to spare, the past fills in, nearest to today first
    const sparse = await get(`/api/v1/calendar.ics?environment=${envCut.name}&from=2027-05-01&to=2027-06-02`);
    const past = parseCalendar(await sparse.text()).events.filter((e) => e.UID?.startsWith('rel-'));
    expect(past).toHaveLength(50);
    expect(sparse.headers.get('x-relm-truncated')).toBeNull();
  });
});
