import type { ReactElement, ReactNode } from 'react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/lib/server/db';
import { getCalendar, getCalendarFeed, type CalendarEvent } from '@/lib/server/calendar';
import { GET as calendarFeed, POST as calendarFeedPost } from '@/app/api/v1/calendar.ics/route';
import { feedCache } from '@/lib/server/calendar-cache';
import { GET as listReleasesRoute } from '@/app/api/v1/releases/route';
import { parseCalendar, parseUtc } from '@/lib/domain/ical';
import { freshDatabase } from '../support/db';
import { makeBuild, makeComponent, makeEnvironment, makeTeam, makeUser, uid, makeApiToken } from '../support/factories';
import type { Actor } from '@/lib/server/actor';
import { releaseKey } from '@/lib/domain/release-key';

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
const at = (iso: string) => new Date(iso);
const rel: Record<string, { id: string; number: number }> = {};
let prod: { id: string; name: string };
let staging: { id: string; name: string };
let qa: { id: string; name: string };
let billing: { id: string; name: string };
let ledger: { id: string; name: string };
let payments: { id: string; slug: string };
let ledgerTeam: { id: string; slug: string };

async function release(
  name: string,
  opts: {
    owner: string;
    plannedStart?: string;
    plannedEnd?: string;
    status?: 'draft' | 'approved' | 'cancelled';
    targets?: { env: { id: string }; start?: string; end?: string }[];
    components?: { id: string }[];
  },
) {
  const r = await h.prisma.release.create({
    data: {
      title: `${name} ${uid()}`,
      type: 'normal',
      status: opts.status ?? 'approved',
      ownerId: opts.owner,
      requesterId: opts.owner,
      plannedStart: opts.plannedStart ? at(opts.plannedStart) : null,
      plannedEnd: opts.plannedEnd ? at(opts.plannedEnd) : null,
      environments: {
        create: (opts.targets ?? []).map((t) => ({
          environmentId: t.env.id,
          scheduledStart: t.start ? at(t.start) : null,
          scheduledEnd: t.end ? at(t.end) : null,
        })),
      },
    },
  });
  if (opts.components?.length) {
    const pkg = await h.prisma.releasePackage.create({ data: { releaseId: r.id } });
    for (const c of opts.components) {
      const b = await makeBuild(h.prisma, { componentId: c.id });
      await h.prisma.packageItem.create({ data: { packageId: pkg.id, componentId: c.id, buildId: b.id } });
    }
  }
  rel[name] = { id: r.id, number: r.number };
  return r;
}

const tokenFor = (userId: string, scopes: string[]) => makeApiToken(h.prisma, userId, scopes, { namePrefix: 't' });

const key = (name: string) => releaseKey(rel[name]!.number);
const ids = (events: CalendarEvent[]) => events.map((e) => e.id).sort();

beforeAll(async () => {
  // rendered feeds are cached per process (022): start from none
  feedCache.clear();
  h = await freshDatabase();
  const v = await makeUser(h.prisma, ['viewer']);
  viewer = v.actor;
  viewerId = v.id;
  [prod, staging, qa] = await Promise.all([makeEnvironment(h.prisma), makeEnvironment(h.prisma), makeEnvironment(h.prisma)]);
  payments = await makeTeam(h.prisma);
  ledgerTeam = await makeTeam(h.prisma);
  billing = await makeComponent(h.prisma, { ownerTeamId: payments.id });
  ledger = await makeComponent(h.prisma, { ownerTeamId: ledgerTeam.id });
  const ann = await makeUser(h.prisma, ['release_manager'], { name: 'Ann', teamId: payments.id });
  const bob = await makeUser(h.prisma, ['release_manager'], { name: 'Bob', teamId: ledgerTeam.id });
  // R1: planned window on prod (no schedule there), scheduled on staging
  await release('R1', {
    owner: ann.id,
    plannedStart: '2026-10-12T20:00:00Z',
    plannedEnd: '2026-10-12T22:00:00Z',
    targets: [{ env: prod }, { env: staging, start: '2026-10-05T10:00:00Z', end: '2026-10-05T12:00:00Z' }],
    components: [billing],
  });
  // R2: scheduled on prod, overlapping R1 there
  await release('R2', {
    owner: bob.id,
    plannedStart: '2026-12-01T00:00:00Z',
    plannedEnd: '2026-12-01T01:00:00Z',
    targets: [{ env: prod, start: '2026-10-12T21:00:00Z', end: '2026-10-12T23:00:00Z' }],
    components: [ledger],
  });
  // R3: no environment yet, shares billing with R1 at the same time
  await release('R3', { owner: bob.id, plannedStart: '2026-10-12T21:30:00Z', plannedEnd: '2026-10-12T22:30:00Z', components: [billing] });
  // R4: outside the month
  await release('R4', { owner: ann.id, plannedStart: '2026-12-03T10:00:00Z', plannedEnd: '2026-12-03T11:00:00Z', targets: [{ env: prod }] });
  // R5: a long window (the longest allowed: 31 days) that starts before the month and runs into it
  await release('R5', { owner: ann.id, plannedStart: '2026-09-20T00:00:00Z', plannedEnd: '2026-10-21T00:00:00Z', targets: [{ env: qa }] });
  // R6: cancelled, overlapping R2 on prod: shown, never a conflict
  await release('R6', { owner: ann.id, status: 'cancelled', targets: [{ env: prod, start: '2026-10-12T21:00:00Z', end: '2026-10-12T21:30:00Z' }] });
  // R7: unplanned: not on the calendar
  await release('R7', { owner: ann.id, targets: [{ env: prod }] });

  // a weekly freeze from Friday 18:00 London time for 60 hours, across the end of summer time (25 Oct 2026)
  await h.prisma.freezeWindow.create({
    data: {
      name: 'Weekend freeze',
      reason: 'Weekends are for people',
      kind: 'recurring',
      rrule: 'FREQ=WEEKLY;BYDAY=FR;BYHOUR=18;BYMINUTE=0',
      durationMinutes: 60 * 60,
      timezone: 'Europe/London',
      environments: { create: [{ environmentId: prod.id }] },
    },
  });
  await h.prisma.freezeWindow.create({
    data: { name: 'Old inactive', reason: 'x', kind: 'one_off', startsAt: at('2026-10-01T00:00:00Z'), endsAt: at('2026-10-02T00:00:00Z'), active: false },
  });
});

afterAll(async () => {
  await h?.close();
});

describe('getCalendar', () => {
  it('shows release windows in range, by scheduled window where set and planned window otherwise', async () => {
    const cal = await getCalendar(viewer, { view: 'month', date: '2026-10-15', timezone: 'Europe/London' });
    expect(cal.grid.title).toBe('October 2026');
    // Monday 28 September, midnight in London (summer time)
    expect(cal.grid.start.toISOString()).toBe('2026-09-27T23:00:00.000Z');
    const mine = cal.events.filter((e) => Object.keys(rel).some((n) => e.key === key(n)));
    expect(ids(mine)).toEqual(
      [
        `${key('R1')}:${prod.name}`,
        `${key('R1')}:${staging.name}`,
        `${key('R2')}:${prod.name}`,
        `${key('R3')}:`,
        `${key('R5')}:${qa.name}`,
        `${key('R6')}:${prod.name}`,
      ].sort(),
    );
    const r1prod = mine.find((e) => e.id === `${key('R1')}:${prod.name}`)!;
    expect(r1prod).toMatchObject({
      source: 'planned',
      start: '2026-10-12T20:00:00.000Z',
      end: '2026-10-12T22:00:00.000Z',
      status: 'approved',
      owner: { name: 'Ann' },
      team: { slug: payments.slug },
      components: [billing.name],
    });
    expect(mine.find((e) => e.id === `${key('R1')}:${staging.name}`)).toMatchObject({ source: 'scheduled', start: '2026-10-05T10:00:00.000Z' });
    // R2's scheduled window on prod wins over its December plan
    expect(mine.find((e) => e.key === key('R2'))).toMatchObject({ source: 'scheduled', start: '2026-10-12T21:00:00.000Z' });
    expect(cal.options.environments.map((e) => e.name)).toEqual(expect.arrayContaining([prod.name, staging.name, qa.name]));
  });

  it('flags conflicts: the same environment or a shared component, not a cancelled or finished release', async () => {
    const cal = await getCalendar(viewer, { view: 'week', date: '2026-10-12', timezone: 'UTC' });
    const byKey = (k: string, env = '') => cal.events.find((e) => e.id === `${k}:${env}`)!;
    expect(byKey(key('R1'), prod.name).conflictsWith).toEqual([key('R2'), key('R3')]);
    expect(byKey(key('R2'), prod.name).conflictsWith).toEqual([key('R1')]);
    expect(byKey(key('R3')).conflictsWith).toEqual([key('R1')]);
    expect(byKey(key('R3')).conflictNotes.join()).toContain(billing.name);
    expect(byKey(key('R6'), prod.name).conflictsWith).toEqual([]);
    // once R2 is deployed, its overlap with R1 is history
    await h.prisma.release.update({ where: { id: rel.R2!.id }, data: { status: 'deployed' } });
    const after = await getCalendar(viewer, { view: 'week', date: '2026-10-12', timezone: 'UTC' });
    expect(after.events.find((e) => e.id === `${key('R1')}:${prod.name}`)!.conflictsWith).toEqual([key('R3')]);
    await h.prisma.release.update({ where: { id: rel.R2!.id }, data: { status: 'approved' } });
    expect(
      cal.conflicts.find((c) => c.aKey === key('R1') && c.bKey === key('R2')) ?? cal.conflicts.find((c) => c.aKey === key('R2') && c.bKey === key('R1')),
    ).toMatchObject({ sameEnvironment: true, environment: prod.name });
  });

  it('flags the pairs the scheduling check reports: one side occupies its window (approved, scheduled, deploying), the other is still ahead', async () => {
    const setStatus = (name: string, status: 'draft' | 'submitted' | 'approved') => h.prisma.release.update({ where: { id: rel[name]!.id }, data: { status } });
    const conflictsOf = async (name: string) =>
      (await getCalendar(viewer, { view: 'week', date: '2026-10-12', timezone: 'UTC' })).events.find((e) => e.id === `${key(name)}:${prod.name}`)!
        .conflictsWith;
    try {
      // two proposals (draft, submitted) block nobody: no conflict between R1 and R2
      await setStatus('R1', 'draft');
      await setStatus('R2', 'submitted');
      expect(await conflictsOf('R2')).toEqual([]);
      // a draft overlapping a committed window is flagged (the draft's schedule check reports it too)
      expect(await conflictsOf('R1')).toEqual([key('R3')]);
      await setStatus('R2', 'approved');
      expect(await conflictsOf('R1')).toEqual([key('R2'), key('R3')]);
    } finally {
      await setStatus('R1', 'approved');
      await setStatus('R2', 'approved');
    }
  });

  it('filters by environment, component and team', async () => {
    const mine = async (q: Record<string, string>) =>
      ids((await getCalendar(viewer, { view: 'month', date: '2026-10-01', ...q })).events.filter((e) => Object.keys(rel).some((n) => e.key === key(n))));
    expect(await mine({ environment: prod.name })).toEqual([`${key('R1')}:${prod.name}`, `${key('R2')}:${prod.name}`, `${key('R6')}:${prod.name}`].sort());
    expect(await mine({ component: billing.name })).toEqual([`${key('R1')}:${prod.name}`, `${key('R1')}:${staging.name}`, `${key('R3')}:`].sort());
    // team: the owner's team or a component's owner team
    expect(await mine({ team: ledgerTeam.slug })).toEqual([`${key('R2')}:${prod.name}`, `${key('R3')}:`].sort());
    expect(await mine({ team: payments.slug })).toEqual(
      [`${key('R1')}:${prod.name}`, `${key('R1')}:${staging.name}`, `${key('R3')}:`, `${key('R5')}:${qa.name}`, `${key('R6')}:${prod.name}`].sort(),
    );
    expect(await mine({ environment: prod.name, component: ledger.name })).toEqual([`${key('R2')}:${prod.name}`]);
  });

  it('shades freezes from a recurring weekly freeze, keeping London wall time across the DST change', async () => {
    const cal = await getCalendar(viewer, { view: 'month', date: '2026-10-01', timezone: 'Europe/London' });
    const weekend = cal.freezes.filter((f) => f.name === 'Weekend freeze');
    expect(weekend.map((f) => f.start)).toEqual(
      expect.arrayContaining(['2026-10-09T17:00:00.000Z', '2026-10-16T17:00:00.000Z', '2026-10-23T17:00:00.000Z', '2026-10-30T18:00:00.000Z']),
    );
    const oct23 = weekend.find((f) => f.start === '2026-10-23T17:00:00.000Z')!;
    // 60 elapsed hours: ends 04:00 GMT on Monday, after the clocks went back
    expect(oct23.end).toBe('2026-10-26T05:00:00.000Z');
    expect(oct23.environments).toEqual([prod.name]);
    expect(cal.freezes.some((f) => f.name === 'Old inactive')).toBe(false);
    // a freeze scoped to prod is kept for prod and dropped for qa
    expect((await getCalendar(viewer, { date: '2026-10-01', environment: qa.name })).freezes.some((f) => f.name === 'Weekend freeze')).toBe(false);
    expect((await getCalendar(viewer, { date: '2026-10-01', environment: prod.name })).freezes.some((f) => f.name === 'Weekend freeze')).toBe(true);
  });

  it('falls back on hostile or malformed queries instead of failing', async () => {
    for (const q of [
      { view: 'year', date: '2026-13-45', timezone: 'Mars/Olympus', environment: "prod'; drop table", component: ['a', 'b'], team: '\u0000' },
      { date: '0001-01-01' },
      { date: ['2026-10-01', 'x'], view: ['week'] },
      null,
      'junk',
    ]) {
      const cal = await getCalendar(viewer, q);
      expect(cal.query.view === 'month' || cal.query.view === 'week').toBe(true);
      expect(cal.grid.timezone).toBe('UTC');
    }
  });

  it('needs release.read', async () => {
    await expect(getCalendar(null, {})).rejects.toMatchObject({ code: 'unauthenticated' });
    await expect(getCalendar({ ...viewer, roles: [] }, {})).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('the feed read limits freezes to the next 180 days', async () => {
    const feed = await getCalendarFeed(viewer, { from: at('2026-10-01T00:00:00Z'), to: at('2026-11-01T00:00:00Z') }, at('2026-10-20T00:00:00Z'));
    expect(feed.events.some((e) => e.key === key('R1'))).toBe(true);
    // freezes from "now" (20 Oct) only
    expect(feed.freezes.every((f) => f.end > '2026-10-20')).toBe(true);
    expect(feed.freezes.map((f) => f.start)).toContain('2026-10-30T18:00:00.000Z');
  });
});

describe('GET /api/v1/calendar.ics', () => {
  const BASE = 'http://relm.test';
  const noParams = { params: Promise.resolve({}) as Promise<Record<string, never>> };
  const get = (path: string, token?: string) =>
    calendarFeed(new Request(`${BASE}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} }), noParams);
  const RANGE = '?from=2026-10-01&to=2026-11-01';

  it('answers 401 without a token or with a bad one', async () => {
    for (const path of [`/api/v1/calendar.ics${RANGE}`, `/api/v1/calendar.ics${RANGE}&token=`, `/api/v1/calendar.ics${RANGE}&token=relm_nonsense`]) {
      const res = await get(path);
      expect(res.status).toBe(401);
      const body = await res.json();
      expect(body.error.code).toBe('unauthenticated');
      if (!path.includes('token=relm')) expect(body.error.message).toContain('?token=');
    }
  });

  it('answers 403 for a token without release.read', async () => {
    const t = await tokenFor((await makeUser(h.prisma, ['release_manager'])).id, ['build.record']);
    expect((await get(`/api/v1/calendar.ics${RANGE}`, t)).status).toBe(403);
  });

  it('serves the calendar with the token in the header or in ?token=', async () => {
    const token = await tokenFor(viewerId, ['release.read']);
    for (const res of [await get(`/api/v1/calendar.ics${RANGE}`, token), await get(`/api/v1/calendar.ics${RANGE}&token=${token}`)]) {
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
      const text = await res.text();
      expect(text.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
      const cal = parseCalendar(text);
      expect(cal.properties).toMatchObject({ VERSION: '2.0', 'X-WR-CALNAME': expect.any(String), PRODID: expect.any(String) });
      const r1 = cal.events.find((e) => e.UID === `rel-${rel.R1!.number}-${prod.name}@relm`)!;
      expect(r1).toBeDefined();
      expect(r1).toMatchObject({ DTSTART: '20261012T200000Z', DTEND: '20261012T220000Z', STATUS: 'CONFIRMED', URL: `${BASE}/releases/${key('R1')}/schedule` });
      expect(r1.SUMMARY).toBe(`${key('R1')} ${(await h.prisma.release.findUniqueOrThrow({ where: { id: rel.R1!.id } })).title} (${prod.name})`);
      expect(r1.DESCRIPTION).toContain('Owner: Ann');
      expect(cal.events.find((e) => e.UID === `rel-${rel.R6!.number}-${prod.name}@relm`)?.STATUS).toBe('CANCELLED');
      expect(cal.events.find((e) => e.UID === `rel-${rel.R3!.number}-none@relm`)).toBeDefined();
      expect(cal.events.some((e) => e.UID?.startsWith(`rel-${rel.R4!.number}-`))).toBe(false);
      for (const line of text.split('\r\n')) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
      for (const e of cal.events) expect(parseUtc(e.DTSTART!)).not.toBeNull();
    }
    // the token never lands in the audit trail (and a feed read writes no event: docs/decisions/018)
    const audit = JSON.stringify(await h.prisma.auditEvent.findMany(), (_, v) => (typeof v === 'bigint' ? String(v) : v));
    expect(audit).not.toContain('/api/v1/calendar.ics');
    expect(audit).not.toContain(token);
  });

  it('lists freezes in the next 180 days as opaque events', async () => {
    const token = await tokenFor(viewerId, ['release.read']);
    const cal = parseCalendar(await (await get('/api/v1/calendar.ics', token)).text());
    const freezes = cal.events.filter((e) => e.SUMMARY === 'Freeze: Weekend freeze');
    expect(freezes.length).toBeGreaterThanOrEqual(24);
    expect(freezes.length).toBeLessThanOrEqual(27);
    expect(freezes.every((e) => e.TRANSP === 'OPAQUE' && e.UID?.endsWith('@relm'))).toBe(true);
  });

  it('refuses bad ranges with 400 and field errors, and other methods with 405', async () => {
    const token = await tokenFor(viewerId, ['release.read']);
    for (const q of [
      '?from=2026-10-01&to=2026-09-01',
      '?from=2020-01-01&to=2026-01-01',
      '?from=yesterday',
      '?to=2026-02-30',
      '?environment=BAD%20NAME',
      '?from=a&from=b',
    ]) {
      const res = await get(`/api/v1/calendar.ics${q}`, token);
      expect(res.status, q).toBe(400);
      expect((await res.json()).error.fieldErrors).toBeTruthy();
    }
    expect((await calendarFeedPost(new Request(`${BASE}/api/v1/calendar.ics`, { method: 'POST' }))).status).toBe(405);
  });

  it('accepts ?token= on this endpoint only', async () => {
    const token = await tokenFor(viewerId, ['release.read']);
    expect((await listReleasesRoute(new Request(`${BASE}/api/v1/releases?token=${token}`), noParams)).status).toBe(401);
  });
});

describe('calendar markup', () => {
  it('renders the month and the week with one bar per window and environment, status text, freezes and conflict flags', async () => {
    const { createElement } = await import('react');
    const { renderToStaticMarkup } = await import('react-dom/server');
    const { MonthGrid } = await import('@/components/calendar/month-grid');
    const { WeekGrid } = await import('@/components/calendar/week-grid');
    const month = await getCalendar(viewer, { view: 'month', date: '2026-10-01', timezone: 'Europe/London' });
    const html = renderToStaticMarkup(
      await inEnglish(
        createElement(MonthGrid, {
          grid: month.grid,
          events: month.events,
          freezes: month.freezes,
          maintenance: month.maintenance,
          params: {},
          density: month.density,
        }),
      ),
    );
    expect(html).toContain('October 2026 (Europe/London)');
    expect(html).toContain(`href="/releases/${key('R1')}/schedule"`);
    expect(html).toContain(`conflicts with ${key('R2')}, ${key('R3')}`);
    expect(html).toContain(`Freeze: </span><span class="font-medium">Weekend freeze</span><span> (${prod.name})</span>`);
    expect(html).toContain('Approved');
    // R5 runs 20 September to 21 October: one bar per week row it crosses (four), not one per day,
    // and only the first is in the Tab order
    const r5 = html.split(`data-event="${key('R5')}:${qa.name}"`).length - 1;
    expect(r5).toBe(4);
    expect(html.match(new RegExp(`tabindex="-1"[^>]*data-event="${key('R5')}:${qa.name}"`, 'g'))?.length ?? 0).toBe(r5 - 1);
    const week = await getCalendar(viewer, { view: 'week', date: '2026-10-12', timezone: 'UTC' });
    const w = renderToStaticMarkup(
      await inEnglish(createElement(WeekGrid, { grid: week.grid, events: week.events, freezes: week.freezes, density: week.density })),
    );
    expect(w).toContain('Mon 12 Oct 20:00–22:00');
    expect(w).toContain('Mon 12 Oct');
  });
});
