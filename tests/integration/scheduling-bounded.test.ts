import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/lib/server/db';
import { getSchedule, loadScheduleFacts, loadScheduleInput, suggestSlots } from '@/lib/server/scheduling';
import { getCalendar, getCalendarFeed } from '@/lib/server/calendar';
import type { Actor } from '@/lib/server/actor';
import { releaseKey } from '@/lib/domain/release-key';
import { freshDatabase } from '../support/db';
import { makeUser, uid, uniqueInt } from '../support/factories';
import { countStatements } from '../support/sql-count';

// Scheduling reads are bounded by time (docs/decisions/017-bounded-scheduling.md): the
// conflict check reads the releases whose windows overlap the release's own, every one of
// them; free slots those that can block a slot in the search horizon; the calendar and the
// feed the windows that overlap their range.

let h: DbHandle;
let rm: Actor;
let viewer: Actor;
let ownerId: string;
let bulkOwnerId: string;

beforeAll(async () => {
  h = await freshDatabase();
  rm = (await makeUser(h.prisma, ['release_manager'])).actor;
  viewer = (await makeUser(h.prisma, ['viewer'])).actor;
  ownerId = (await makeUser(h.prisma, ['release_manager'], { name: 'Owner One' })).id;
  bulkOwnerId = (await makeUser(h.prisma, ['release_manager'], { name: 'Bulk Owner' })).id;
});

afterAll(async () => {
  await h?.close();
});

async function env(tier: 'staging' | 'production' = 'staging') {
  const name = `env-${uid()}`;
  return h.prisma.environment.create({ data: { name, displayName: name, tier, position: uniqueInt() } });
}

async function release(opts: {
  status?: 'approved' | 'scheduled';
  owner?: string;
  windows: { env: { id: string }; start: string | null; end: string | null }[];
}) {
  const owner = opts.owner ?? ownerId;
  const r = await h.prisma.release.create({
    data: {
      title: `Release ${uid()}`,
      type: 'normal',
      status: opts.status ?? 'approved',
      ownerId: owner,
      requesterId: owner,
      timezone: 'UTC',
      environments: {
        create: opts.windows.map((w) => ({
          environmentId: w.env.id,
          scheduledStart: w.start ? new Date(w.start) : null,
          scheduledEnd: w.end ? new Date(w.end) : null,
        })),
      },
    },
  });
  return { id: r.id, number: r.number, key: releaseKey(r.number) };
}

/**
 * `count` active releases in a few set-based statements, each with a one-hour window in
 * `environmentId`: the g-th starts at `first` + (g - 1) × `stepHours` hours.
 */
async function bulkReleases(count: number, environmentId: string, first: string, stepHours: number) {
  const tag = uid();
  await h.runner.exec(`
    INSERT INTO "Release" (id, title, type, status, "ownerId", "requesterId", timezone, "updatedAt")
      SELECT 'bulk-${tag}-' || g, 'Bulk ' || g, 'normal', 'scheduled', '${bulkOwnerId}', '${bulkOwnerId}', 'UTC', now()
      FROM generate_series(1, ${count}) g;
    INSERT INTO "ReleaseEnvironment" ("releaseId", "environmentId", "scheduledStart", "scheduledEnd")
      SELECT 'bulk-${tag}-' || g, '${environmentId}',
             timestamptz '${first}' + (g - 1) * ${stepHours} * interval '1 hour',
             timestamptz '${first}' + (g - 1) * ${stepHours} * interval '1 hour' + interval '1 hour'
      FROM generate_series(1, ${count}) g;
  `);
}

const inTx = <T>(fn: (tx: Parameters<Parameters<DbHandle['prisma']['$transaction']>[0]>[0]) => Promise<T>) => h.prisma.$transaction(fn);

describe('conflict check: every conflicting release is found', () => {
  it('finds a conflict numbered after more than 2,000 other active releases with windows', async () => {
    const target = await env();
    const elsewhere = await env();
    // 2,100 active releases, all overlapping the window below but in another environment,
    // owned by someone else and sharing no component: read, and no conflict
    await bulkReleases(2_100, elsewhere.id, '2031-03-01T09:30:00Z', 0);
    const r = await release({ windows: [{ env: target, start: '2031-03-01T10:00:00Z', end: '2031-03-01T12:00:00Z' }] });
    const conflicting = await release({
      status: 'scheduled',
      owner: bulkOwnerId,
      windows: [{ env: target, start: '2031-03-01T11:00:00Z', end: '2031-03-01T13:00:00Z' }],
    });
    const all = await h.prisma.release.aggregate({ _max: { number: true } });
    expect(conflicting.number).toBe(all._max.number);

    const loaded = await inTx((tx) => loadScheduleInput(tx, r.id));
    expect(loaded.input.others.length).toBe(2_101);
    const facts = await inTx((tx) => loadScheduleFacts(tx, r.id));
    expect(facts.ok).toBe(false);
    expect(facts.problems.join('\n')).toContain(conflicting.key);

    const schedule = await getSchedule(viewer, r.key);
    const envConflicts = schedule!.check.problems.filter((p) => p.rule === 'conflict.environment');
    expect(envConflicts.map((p) => p.otherReleaseKey)).toEqual([conflicting.key]);
  }, 60_000);
});

describe('conflict check and free slots: the same work with 10 or 1,000 releases elsewhere in time', () => {
  // each scenario in a year of its own, so one scenario's release is no neighbour of the other's
  async function scenario(count: number, year: number) {
    const y = (rest: string) => `${year}${rest}`;
    const e = await env();
    // an owner of its own: the two scenarios' windows overlap, and must not conflict with each other
    const owner = (await makeUser(h.prisma, ['release_manager'])).id;
    const r = await release({ owner, windows: [{ env: e, start: y('-03-01T10:00:00Z'), end: y('-03-01T12:00:00Z') }] });
    // active releases in the same environment, owned by the same person: half well before
    // the window, half after the free-slot horizon (90 days from 1 March, plus 14 days)
    const half = count / 2;
    await bulkReleases(half, e.id, `${year - 1}-06-01T00:00:00Z`, 2);
    await bulkReleases(half, e.id, y('-07-01T00:00:00Z'), 2);
    await h.runner.exec(`UPDATE "Release" SET "ownerId" = '${owner}', "requesterId" = '${owner}' WHERE "ownerId" = '${bulkOwnerId}' AND id IN (
      SELECT "releaseId" FROM "ReleaseEnvironment" WHERE "environmentId" = '${e.id}')`);
    const check = await countStatements(() => inTx((tx) => loadScheduleFacts(tx, r.id)));
    const loaded = await inTx((tx) => loadScheduleInput(tx, r.id));
    const from = new Date(y('-03-01T00:00:00Z'));
    const withSlots = await inTx((tx) => loadScheduleInput(tx, r.id, { slots: { from } }));
    const slots = await countStatements(() => suggestSlots(rm, r.key, e.name, 60, { from, limit: 3 }));
    const view = await countStatements(() => getSchedule(viewer, r.key));
    return { check, loaded, withSlots, slots, view, total: await h.prisma.releaseEnvironment.count({ where: { environmentId: e.id } }) };
  }

  it('runs as many statements and loads no release that cannot conflict', async () => {
    const few = await scenario(10, 2040);
    const many = await scenario(1_000, 2044);
    expect(few.total).toBe(11);
    expect(many.total).toBe(1_001);
    expect(few.check.result.problems).toEqual([]);
    expect(many.check.result.problems).toEqual([]);
    expect(few.check.result.ok).toBe(true);
    expect(many.check.result.ok).toBe(true);
    expect(many.check.statements).toBe(few.check.statements);
    expect(many.slots.statements).toBe(few.slots.statements);
    expect(many.view.statements).toBe(few.view.statements);
    expect(few.loaded.input.others).toHaveLength(0);
    expect(many.loaded.input.others).toHaveLength(0);
    expect(many.withSlots.input.others).toHaveLength(0);
    // the first free slot is the window's own time: nothing else blocks it
    expect(many.slots.result?.[0]?.start).toBe('2044-03-01T00:00:00.000Z');
  }, 60_000);

  it('the slot search reads a release that blocks the horizon, and avoids its window', async () => {
    const e = await env();
    const r = await release({ windows: [{ env: e, start: null, end: null }] });
    const blocker = await release({
      status: 'scheduled',
      owner: bulkOwnerId,
      windows: [{ env: e, start: '2032-09-01T00:00:00Z', end: '2032-09-01T05:00:00Z' }],
    });
    const loaded = await inTx((tx) => loadScheduleInput(tx, r.id, { slots: { from: new Date('2032-09-01T00:00:00Z') } }));
    expect(loaded.input.others.map((o) => o.key)).toEqual([blocker.key]);
    const slots = await suggestSlots(rm, r.key, e.name, 60, { from: new Date('2032-09-01T00:00:00Z'), limit: 1 });
    expect(slots?.[0]?.start).toBe('2032-09-01T05:00:00.000Z');
  });
});

describe('free slots beyond the first days', () => {
  it('reads the whole horizon when the first 14 days hold no slot', async () => {
    const e = await env();
    const r = await release({ windows: [{ env: e, start: null, end: null }] });
    // the environment is taken for 20 days: 14 days, then 6 more
    await release({ status: 'scheduled', owner: bulkOwnerId, windows: [{ env: e, start: '2035-01-01T00:00:00Z', end: '2035-01-15T00:00:00Z' }] });
    await release({ status: 'scheduled', owner: bulkOwnerId, windows: [{ env: e, start: '2035-01-15T00:00:00Z', end: '2035-01-21T00:00:00Z' }] });
    const slots = await suggestSlots(rm, r.key, e.name, 120, { from: new Date('2035-01-01T00:00:00Z'), limit: 2 });
    expect(slots?.map((x) => x.start)).toEqual(['2035-01-21T00:00:00.000Z', '2035-01-21T02:00:00.000Z']);
  });
});

describe('calendar and feed: windows overlapping the range, including those that start before it', () => {
  it('shows a window spanning into the month and leaves out windows outside it', async () => {
    const e = await env();
    const spanning = await release({ status: 'scheduled', windows: [{ env: e, start: '2033-04-25T08:00:00Z', end: '2033-05-06T08:00:00Z' }] });
    const inside = await release({ status: 'scheduled', windows: [{ env: e, start: '2033-05-15T08:00:00Z', end: '2033-05-15T10:00:00Z' }] });
    const before = await release({ status: 'scheduled', windows: [{ env: e, start: '2033-03-01T08:00:00Z', end: '2033-03-10T08:00:00Z' }] });
    const after = await release({ status: 'scheduled', windows: [{ env: e, start: '2033-07-01T08:00:00Z', end: '2033-07-02T08:00:00Z' }] });
    // a planned window (no scheduled one) that starts before the month
    const planned = await h.prisma.release.create({
      data: {
        title: `Planned ${uid()}`,
        type: 'normal',
        status: 'approved',
        ownerId,
        requesterId: ownerId,
        plannedStart: new Date('2033-04-10T00:00:00Z'),
        plannedEnd: new Date('2033-05-02T00:00:00Z'),
        environments: { create: [{ environmentId: e.id }] },
      },
    });

    const month = await getCalendar(viewer, { view: 'month', date: '2033-05-15', environment: e.name });
    const keys = month.events.map((x) => x.key);
    expect(keys).toEqual(expect.arrayContaining([spanning.key, inside.key, releaseKey(planned.number)]));
    expect(keys).not.toContain(before.key);
    expect(keys).not.toContain(after.key);
    expect(month.events.find((x) => x.key === spanning.key)?.start).toBe('2033-04-25T08:00:00.000Z');

    const feed = await getCalendarFeed(
      viewer,
      { from: new Date('2033-05-01T00:00:00Z'), to: new Date('2033-06-01T00:00:00Z'), environment: e.name },
      new Date('2033-05-01T00:00:00Z'),
    );
    const feedKeys = feed.events.map((x) => x.key);
    expect(feedKeys).toEqual(expect.arrayContaining([spanning.key, inside.key, releaseKey(planned.number)]));
    expect(feedKeys).not.toContain(before.key);
    expect(feedKeys).not.toContain(after.key);
  });

  it('refuses a scheduled window longer than 14 days in the database (the bound the reads rely on)', async () => {
    const e = await env();
    await expect(release({ windows: [{ env: e, start: '2034-01-01T00:00:00Z', end: '2034-01-16T00:00:00Z' }] })).rejects.toThrow();
  });
});
