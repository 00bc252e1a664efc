import type { ReactElement, ReactNode } from 'react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/lib/server/db';
import { getCalendar, viewCache } from '@/lib/server/calendar';
import { getRememberedFilters, resetCalendarFilters, saveCalendarFilters } from '@/lib/server/calendar-preferences';
import { freshDatabase } from '../support/db';
import { makeEnvironment, makeUser, uid } from '../support/factories';
import type { Actor } from '@/lib/server/actor';
import { releaseKey } from '@/lib/domain/release-key';
import { resetClock, setClock } from '@/lib/server/clock';

// Issue 16, point 6 (docs/decisions/053): bars across days, maintenance shading, the agenda
// view and the filters each person's calendar remembers.

let h: DbHandle;
let viewer: Actor;
let other: Actor;
let prod: { id: string; name: string };
let staging: { id: string; name: string };
let longKey: string;
let draftKey: string;

async function release(opts: { status: 'approved' | 'draft'; targets: { env: { id: string }; start: string; end: string }[] }) {
  const owner = await makeUser(h.prisma, ['release_manager']);
  const r = await h.prisma.release.create({
    data: {
      title: `Bars ${uid()}`,
      type: 'normal',
      status: opts.status,
      ownerId: owner.id,
      requesterId: owner.id,
      environments: {
        create: opts.targets.map((t) => ({ environmentId: t.env.id, scheduledStart: new Date(t.start), scheduledEnd: new Date(t.end) })),
      },
    },
  });
  return releaseKey(r.number);
}

/** What a calendar component renders, under next-intl's provider in English (its words come from the catalogues). */
async function inEnglish(node: ReactNode): Promise<ReactElement> {
  const { createElement } = await import('react');
  const { NextIntlClientProvider } = await import('next-intl');
  const { messagesFor } = await import('@/messages');
  return createElement(NextIntlClientProvider, { locale: 'en', timeZone: 'UTC', messages: messagesFor('en'), children: node });
}

async function render(node: unknown): Promise<string> {
  const { renderToStaticMarkup } = await import('react-dom/server');
  return renderToStaticMarkup(await inEnglish(node as ReactNode));
}

beforeAll(async () => {
  h = await freshDatabase();
  viewer = (await makeUser(h.prisma, ['viewer'])).actor;
  other = (await makeUser(h.prisma, ['viewer'])).actor;
  [prod, staging] = await Promise.all([makeEnvironment(h.prisma), makeEnvironment(h.prisma)]);
  // five days on two environments: two bars, where there used to be ten cards
  longKey = await release({
    status: 'approved',
    targets: [
      { env: prod, start: '2027-02-03T20:00:00Z', end: '2027-02-08T02:00:00Z' },
      { env: staging, start: '2027-02-02T08:00:00Z', end: '2027-02-04T18:00:00Z' },
    ],
  });
  draftKey = await release({ status: 'draft', targets: [{ env: staging, start: '2027-02-10T09:00:00Z', end: '2027-02-10T10:00:00Z' }] });
  // Sunday patching on production, 02:00–04:00 UTC, and a one-off on staging
  await h.prisma.maintenanceWindow.create({
    data: { environmentId: prod.id, label: 'Sunday patching', kind: 'recurring', rrule: 'FREQ=WEEKLY;BYDAY=SU;BYHOUR=2;BYMINUTE=0', durationMinutes: 120 },
  });
  await h.prisma.maintenanceWindow.create({
    data: {
      environmentId: staging.id,
      label: 'Storage move',
      kind: 'one_off',
      startsAt: new Date('2027-02-10T22:00:00Z'),
      endsAt: new Date('2027-02-11T03:00:00Z'),
    },
  });
  setClock({ at: '2027-02-01T09:00:00Z', frozen: true });
  viewCache.clear();
});

afterAll(async () => {
  resetClock();
  await h?.close();
});

describe('bars, maintenance and the agenda', () => {
  it('draws each window once per environment, split at the week boundary, with its accessible name', async () => {
    const { createElement } = await import('react');
    const { MonthGrid } = await import('@/components/calendar/month-grid');
    const cal = await getCalendar(viewer, { view: 'month', date: '2027-02-01' });
    const html = await render(
      createElement(MonthGrid, { grid: cal.grid, events: cal.events, freezes: cal.freezes, maintenance: cal.maintenance, params: {}, density: cal.density }),
    );
    const prodBars = html.split(`data-event="${longKey}:${prod.name}"`).length - 1;
    const stagingBars = html.split(`data-event="${longKey}:${staging.name}"`).length - 1;
    // Wed 3 Feb 20:00 to Mon 8 Feb 02:00: the week of 1 Feb and the week of 8 Feb
    expect(prodBars).toBe(2);
    expect(stagingBars).toBe(1);
    expect(html).toContain('data-bar="2-6"');
    expect(html).toContain('data-continues="after"');
    expect(html).toContain('data-continues="before"');
    // the link's text is its accessible name: key, title, environment, window, status, marks
    const first = html.match(new RegExp(`<a [^>]*data-event="${longKey}:${prod.name}"[^>]*>(.*?)</a>`))![1]!;
    const name = first
      .replace(/<span aria-hidden="true"[^>]*>[^<]*<\/span>/g, '')
      .replace(/<[^>]+>/g, '')
      .replace(/&#x27;/g, "'");
    expect(name).toMatch(new RegExp(`^${longKey} Bars \\S+ · [^,]+, Wed 3 Feb 20:00 – Mon 8 Feb 02:00 · Approved, continues next week$`));
    // maintenance: shaded and named on the days it covers
    expect(cal.maintenance.filter((m) => m.label === 'Sunday patching').map((m) => m.start)).toEqual([
      '2027-02-07T02:00:00.000Z',
      '2027-02-14T02:00:00.000Z',
      '2027-02-21T02:00:00.000Z',
      '2027-02-28T02:00:00.000Z',
    ]);
    expect(html).toContain('data-shade="maintenance"');
    expect(html).toContain('Maintenance window: </span><span class="font-medium">Sunday patching</span>');
    expect(html).toContain('from 02:00 until 04:00');
    // the one-off crosses midnight: named on both days
    expect(html.split('>Storage move<').length - 1).toBe(2);
  });

  it('the agenda lists each window once under the day it starts, with its whole span', async () => {
    const { createElement } = await import('react');
    const { AgendaList } = await import('@/components/calendar/agenda-list');
    const cal = await getCalendar(viewer, { view: 'agenda', date: '2027-02-01' });
    expect(cal.grid.view).toBe('agenda');
    expect(cal.responsive).toBe(false);
    const html = await render(
      createElement(AgendaList, { grid: cal.grid, events: cal.events, freezes: cal.freezes, maintenance: cal.maintenance, params: {}, density: cal.density }),
    );
    expect(html.split(`data-event="${longKey}:${prod.name}"`).length - 1).toBe(1);
    const tue = html.indexOf('Tuesday 2 February');
    const wed = html.indexOf('Wednesday 3 February');
    const staged = html.indexOf(`data-event="${longKey}:${staging.name}"`);
    const produced = html.indexOf(`data-event="${longKey}:${prod.name}"`);
    expect(tue).toBeGreaterThan(-1);
    expect(tue < staged && staged < wed && wed < produced).toBe(true);
    expect(html).toContain('Wed 3 Feb 20:00 – Mon 8 Feb 02:00');
    expect(html).toContain('Maintenance window: Sunday patching');
    // a day with nothing is left out
    expect(html).not.toContain('Monday 1 February');
  });

  it('with no view named the page is responsive; the status filter narrows the windows', async () => {
    expect((await getCalendar(viewer, { date: '2027-02-01' })).responsive).toBe(true);
    expect((await getCalendar(viewer, { view: 'week', date: '2027-02-01' })).responsive).toBe(false);
    const drafts = await getCalendar(viewer, { view: 'month', date: '2027-02-01', status: 'draft' });
    expect(drafts.events.map((e) => e.key)).toEqual([draftKey]);
    expect(drafts.density.total).toBe(1);
  });
});

describe('remembered filters', () => {
  it('applying saves them for the person only, /calendar without a query opens with them, reset forgets them', async () => {
    expect(await getRememberedFilters(viewer)).toEqual({});
    const saved = await saveCalendarFilters.as(viewer)({ environment: staging.name, status: 'draft', component: '' });
    expect(saved).toMatchObject({ ok: true, data: { changed: true } });
    expect(await getRememberedFilters(viewer)).toEqual({ environment: staging.name, status: 'draft' });
    expect(await getRememberedFilters(other)).toEqual({});

    const opened = await getCalendar(viewer, {});
    expect(opened.remembered).toBe(true);
    expect(opened.responsive).toBe(true);
    expect(opened.query).toMatchObject({ environment: staging.name, status: 'draft' });
    expect(opened.grid.title).toBe('February 2027');
    expect(opened.events.map((e) => e.key)).toEqual([draftKey]);
    // maintenance follows the environment filter
    expect(new Set(opened.maintenance.map((m) => m.label))).toEqual(new Set(['Storage move']));
    // any query (a shared address, a view, a date) wins over what is remembered
    const shared = await getCalendar(viewer, { date: '2027-02-01' });
    expect(shared.remembered).toBe(false);
    expect(shared.query.environment).toBeUndefined();
    // the other person opens the calendar unfiltered
    expect((await getCalendar(other, {})).remembered).toBe(false);

    // saving the same again changes nothing and writes no audit event
    const again = await saveCalendarFilters.as(viewer)({ environment: staging.name, status: 'draft' });
    expect(again).toMatchObject({ ok: true, data: { changed: false } });
    // a value that is no filter is refused beside its field
    const bad = await saveCalendarFilters.as(viewer)({ status: 'nonsense' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.fieldErrors?.status).toBeTruthy();

    expect(await resetCalendarFilters.as(viewer)({})).toMatchObject({ ok: true, data: { changed: true } });
    expect(await getRememberedFilters(viewer)).toEqual({});
    expect((await getCalendar(viewer, {})).remembered).toBe(false);
    expect(await resetCalendarFilters.as(viewer)({})).toMatchObject({ ok: true, data: { changed: false } });

    const actions = await h.prisma.auditEvent.findMany({
      where: { action: { startsWith: 'calendar_filters.' } },
      orderBy: { seq: 'asc' },
      select: { action: true, after: true },
    });
    expect(actions.map((a) => a.action)).toEqual(['calendar_filters.saved', 'calendar_filters.reset']);
    expect(actions[0]!.after).toEqual({ environment: staging.name, status: 'draft' });
  });
});
