import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/lib/server/db';
import { getTimeline, MAX_TIMELINE_WINDOWS, timelineCache } from '@/lib/server/timeline';
import { releaseKey } from '@/lib/domain/release-key';
import { Refusal } from '@/lib/server/errors';
import { freshDatabase } from '../support/db';
import { makeBuild, makeComponent, makeTeam, makeUser, uid } from '../support/factories';
import type { Actor } from '@/lib/server/actor';

// docs/decisions/047-portfolio-timeline.md: the timeline reads only the windows that
// overlap its period (the calendar's reads), filters by team, environment, status,
// risk and text, groups by team or environment, and marks freezes and conflicts as the
// calendar and the scheduling check do.

let h: DbHandle;
let viewer: Actor;
const at = (iso: string) => new Date(iso);
const rel: Record<string, { id: string; number: number; title: string }> = {};
let prod: { id: string; name: string };
let staging: { id: string; name: string };
let pay: { id: string; slug: string; name: string };
let led: { id: string; slug: string; name: string };
const PERIOD = { start: '2027-02-01', weeks: '2' }; // Mon 1 Feb – Sun 14 Feb 2027

async function release(
  name: string,
  opts: {
    owner: string;
    status?: 'draft' | 'approved' | 'scheduled' | 'closed';
    riskLevel?: 'low' | 'high';
    plannedStart?: string;
    plannedEnd?: string;
    targets?: { env: { id: string }; start?: string; end?: string }[];
    components?: { id: string }[];
  },
) {
  const r = await h.prisma.release.create({
    data: {
      title: `${name} ${uid()}`,
      type: 'normal',
      status: opts.status ?? 'approved',
      riskLevel: opts.riskLevel ?? null,
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
  rel[name] = { id: r.id, number: r.number, title: r.title };
}

const key = (name: string) => releaseKey(rel[name]!.number);
const keys = (t: { windows: { key: string }[] }) => [...new Set(t.windows.map((w) => w.key))].sort();
const expectKeys = (t: { windows: { key: string }[] }, names: string[]) => expect(keys(t)).toEqual(names.map(key).sort());

beforeAll(async () => {
  timelineCache.clear();
  h = await freshDatabase();
  viewer = (await makeUser(h.prisma, ['viewer'])).actor;
  prod = await h.prisma.environment.create({ data: { name: `prod-${uid()}`, displayName: 'Prod', tier: 'production', position: 900 } });
  staging = await h.prisma.environment.create({ data: { name: `stage-${uid()}`, displayName: 'Stage', tier: 'staging', position: 800 } });
  pay = await makeTeam(h.prisma, `Pay ${uid()}`);
  led = await makeTeam(h.prisma, `Led ${uid()}`);
  const billing = await makeComponent(h.prisma, { ownerTeamId: pay.id });
  const ann = await makeUser(h.prisma, ['release_manager'], { teamId: pay.id });
  const bob = await makeUser(h.prisma, ['release_manager'], { teamId: led.id });
  // A and B overlap on prod: A is approved (occupies its window), B a draft still to be planned: a conflict
  await release('A', {
    owner: ann.id,
    riskLevel: 'high',
    targets: [{ env: prod, start: '2027-02-03T10:00:00Z', end: '2027-02-03T12:00:00Z' }],
    components: [billing],
  });
  await release('B', {
    owner: bob.id,
    status: 'draft',
    riskLevel: 'low',
    targets: [{ env: prod, start: '2027-02-03T11:00:00Z', end: '2027-02-03T13:00:00Z' }],
  });
  // C: closed, a planned window and no environment: only with status=all
  await release('C', { owner: ann.id, status: 'closed', plannedStart: '2027-02-10T09:00:00Z', plannedEnd: '2027-02-10T10:00:00Z' });
  // D: after the period
  await release('D', { owner: ann.id, targets: [{ env: prod, start: '2027-02-20T10:00:00Z', end: '2027-02-20T11:00:00Z' }] });
  // E: starts before the period and runs into it, on staging
  await release('E', { owner: bob.id, status: 'scheduled', targets: [{ env: staging, start: '2027-01-30T10:00:00Z', end: '2027-02-02T10:00:00Z' }] });
  // F: before the period
  await release('F', { owner: bob.id, targets: [{ env: staging, start: '2027-01-20T10:00:00Z', end: '2027-01-20T11:00:00Z' }] });
  await h.prisma.freezeWindow.create({
    data: {
      name: 'Prod day',
      reason: 'Board meeting',
      kind: 'one_off',
      startsAt: at('2027-02-03T00:00:00Z'),
      endsAt: at('2027-02-04T00:00:00Z'),
      environments: { create: [{ environmentId: prod.id }] },
    },
  });
  await h.prisma.freezeWindow.create({
    data: {
      name: 'Every Friday',
      reason: 'Weekend',
      kind: 'recurring',
      rrule: 'FREQ=WEEKLY;BYDAY=FR;BYHOUR=18;BYMINUTE=0',
      durationMinutes: 600,
      timezone: 'UTC',
    },
  });
});

afterAll(async () => {
  await h?.close();
});

describe('getTimeline', () => {
  it('needs release.read', async () => {
    await expect(getTimeline(null, PERIOD)).rejects.toBeInstanceOf(Refusal);
  });

  it('returns only windows overlapping the period; active releases by default, finished ones with status=all', async () => {
    const t = await getTimeline(viewer, PERIOD);
    expect(t.period.from.toISOString()).toBe('2027-02-01T00:00:00.000Z');
    expect(t.period.to.toISOString()).toBe('2027-02-15T00:00:00.000Z');
    expectKeys(t, ['A', 'B', 'E']);
    expect(t.truncated).toBe(false);
    const all = await getTimeline(viewer, { ...PERIOD, status: 'all' });
    expectKeys(all, ['A', 'B', 'C', 'E']);
    // E is cut at the period's start
    const e = t.groups.flatMap((g) => g.rows).find((r) => r.key === key('E'))!;
    expect(e.bars[0]).toMatchObject({ left: 0, clippedStart: true, clippedEnd: false });
  });

  it('filters by team, environment, risk level and text', async () => {
    expectKeys(await getTimeline(viewer, { ...PERIOD, team: pay.slug }), ['A']);
    expectKeys(await getTimeline(viewer, { ...PERIOD, team: led.slug }), ['B', 'E']);
    expectKeys(await getTimeline(viewer, { ...PERIOD, environment: staging.name }), ['E']);
    expectKeys(await getTimeline(viewer, { ...PERIOD, risk: 'high' }), ['A']);
    expectKeys(await getTimeline(viewer, { ...PERIOD, risk: 'unassessed' }), ['E']);
    expectKeys(await getTimeline(viewer, { ...PERIOD, q: rel.B!.title.toUpperCase() }), ['B']);
    expectKeys(await getTimeline(viewer, { ...PERIOD, q: key('E') }), ['E']);
    expectKeys(await getTimeline(viewer, { ...PERIOD, q: 'nothing like this' }), []);
    // junk in the query falls back to the defaults instead of failing
    const junk = await getTimeline(viewer, { ...PERIOD, weeks: '5', group: 'x', status: 'x', risk: 'x', team: 'NOT A SLUG' });
    expect(junk.query).toMatchObject({ weeks: 4, group: 'team', status: 'active', risk: undefined, team: undefined });
  });

  it('groups by team (the owner’s) or by environment (in promotion order)', async () => {
    const byTeam = await getTimeline(viewer, PERIOD);
    expect(byTeam.groups.map((g) => [g.label, g.rows.map((r) => r.key)])).toEqual([
      [led.name, [key('E'), key('B')]],
      [pay.name, [key('A')]],
    ]);
    const byEnv = await getTimeline(viewer, { ...PERIOD, group: 'environment', status: 'all' });
    expect(byEnv.groups.map((g) => [g.label, g.rows.map((r) => r.key)])).toEqual([
      ['Stage', [key('E')]],
      ['Prod', [key('A'), key('B')]],
      ['No environment yet', [key('C')]],
    ]);
  });

  it('groups by train departure, read fresh (joining a train is seen at once, not after the cache)', async () => {
    const before = await getTimeline(viewer, PERIOD);
    expect(before.windows.every((w) => w.train === null)).toBe(true);
    const train = await h.prisma.train.create({
      data: { slug: `web-${uid()}`, name: 'Web train', rrule: 'FREQ=WEEKLY;BYDAY=WE;BYHOUR=10;BYMINUTE=0', timezone: 'UTC', cutoffMinutes: 1440 },
    });
    const departure = await h.prisma.trainDeparture.create({
      data: { trainId: train.id, departureAt: at('2027-02-03T10:00:00Z'), cutoffAt: at('2027-02-02T10:00:00Z') },
    });
    await h.prisma.trainSeat.create({ data: { releaseId: rel.A!.id, departureId: departure.id, joinedAt: at('2027-01-25T10:00:00Z') } });
    const byTrain = await getTimeline(viewer, { ...PERIOD, group: 'train' });
    expect(byTrain.groups.map((g) => [g.label, g.rows.map((r) => r.key)])).toEqual([
      ['Web train, departs Wed 3 Feb 10:00', [key('A')]],
      ['Not on a train', [key('E'), key('B')]],
    ]);
    await h.prisma.trainSeat.delete({ where: { releaseId: rel.A!.id } });
    const after = await getTimeline(viewer, { ...PERIOD, group: 'train' });
    expect(after.groups.map((g) => g.label)).toEqual(['Not on a train']);
  });

  it('marks freezes (per environment where they apply) and conflicts as the calendar does', async () => {
    const t = await getTimeline(viewer, { ...PERIOD, group: 'environment' });
    // the one-off freeze and two Friday evenings
    expect(t.freezes.map((f) => f.name).sort()).toEqual(['Every Friday', 'Every Friday', 'Prod day']);
    const groups = Object.fromEntries(t.groups.map((g) => [g.label, g]));
    expect(groups.Prod!.freezes.map((f) => f.freeze.name).sort()).toEqual(['Every Friday', 'Every Friday', 'Prod day']);
    expect(groups.Stage!.freezes.map((f) => f.freeze.name)).toEqual(['Every Friday', 'Every Friday']);
    const a = t.windows.find((w) => w.key === key('A'))!;
    const b = t.windows.find((w) => w.key === key('B'))!;
    expect(a.inFreezes).toEqual(['Prod day']);
    expect(a.conflictsWith).toEqual([key('B')]);
    expect(b.conflictsWith).toEqual([key('A')]);
    expect(a.riskLevel).toBe('high');
    expect(t.conflicts).toHaveLength(1);
    expect(t.conflicts[0]).toMatchObject({ sameEnvironment: true, environment: prod.name });
    const e = t.windows.find((w) => w.key === key('E'))!;
    expect(e.conflictsWith).toEqual([]);
  });

  it('sees a change at once, although periods are cached', async () => {
    expectKeys(await getTimeline(viewer, { ...PERIOD, risk: 'low' }), ['B']);
    await h.prisma.release.update({ where: { id: rel.E!.id }, data: { riskLevel: 'low' } });
    expectKeys(await getTimeline(viewer, { ...PERIOD, risk: 'low' }), ['B', 'E']);
    await h.prisma.release.update({ where: { id: rel.E!.id }, data: { riskLevel: null } });
  });

  it('caps the windows and says so', async () => {
    const owner = (await makeUser(h.prisma, ['release_manager'])).id;
    const rows = Array.from({ length: MAX_TIMELINE_WINDOWS + 1 }, (_, i) => ({
      id: `tl-${uid()}-${i}`,
      title: `Crowd ${i}`,
      type: 'normal' as const,
      status: 'draft' as const,
      ownerId: owner,
      requesterId: owner,
    }));
    await h.prisma.release.createMany({ data: rows });
    const start = at('2027-06-07T00:00:00Z').getTime();
    await h.prisma.releaseEnvironment.createMany({
      data: rows.map((r, i) => ({
        releaseId: r.id,
        environmentId: staging.id,
        scheduledStart: new Date(start + i * 60_000),
        scheduledEnd: new Date(start + i * 60_000 + 3_600_000),
      })),
    });
    const t = await getTimeline(viewer, { start: '2027-06-07' });
    expect(t.truncated).toBe(true);
    expect(t.windows).toHaveLength(MAX_TIMELINE_WINDOWS);
    // the earliest windows are the ones shown
    expect(t.windows[0]!.start).toBe('2027-06-07T00:00:00.000Z');
  });
});
