import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/lib/server/db';
import { acknowledgeConflict, deploymentWindowCheck, getSchedule, scheduleRelease, suggestSlots } from '@/lib/server/scheduling';
import { transitionRelease } from '@/lib/server/transitions';
import type { Actor } from '@/lib/server/actor';
import { GET as getScheduleRoute, PUT as putScheduleRoute } from '@/app/api/v1/releases/[key]/schedule/route';
import { GET as slotsRoute } from '@/app/api/v1/releases/[key]/schedule/slots/route';
import { POST as ackRoute } from '@/app/api/v1/releases/[key]/schedule/acknowledgements/route';
import { RELEASE_STATUSES, type ReleaseStatus } from '@/lib/domain/lifecycle';
import { allows as statusAllows, isFinished, refusalFor } from '@/lib/domain/release-rules';
import { freshDatabase } from '../support/db';
import { makeApiToken, makeBuild, makeComponent, makeUser, uid, uniqueInt } from '../support/factories';
import { policyDocument, savePolicy } from './approvals-support';
import { now } from '@/lib/server/clock';
import { itRaces, race } from '../support/race';
import { releaseKey } from '@/lib/domain/release-key';

let h: DbHandle;
let rm: Actor;
let viewer: Actor;

beforeAll(async () => {
  h = await freshDatabase();
  rm = (await makeUser(h.prisma, ['release_manager'], { name: 'Rita Manager' })).actor;
  viewer = (await makeUser(h.prisma, ['viewer'])).actor;
});

afterAll(async () => {
  await h?.close();
});

type Status = ReleaseStatus;

/** staging + production environments of their own (unique names and positions) */
async function envs() {
  const base = uniqueInt() % 1_000_000_000;
  const staging = await h.prisma.environment.create({ data: { name: `stg-${uid()}`, displayName: 'Staging', tier: 'staging', position: base } });
  const production = await h.prisma.environment.create({ data: { name: `prod-${uid()}`, displayName: 'Production', tier: 'production', position: base + 1 } });
  return { staging, production };
}

/** a release targeting `environments`, shipping `componentIds` (new component when absent), in `status` */
async function release(opts: { environments: { id: string }[]; status?: Status; ownerId?: string; componentIds?: string[]; windows?: [string, Date, Date][] }) {
  const ownerId = opts.ownerId ?? (await makeUser(h.prisma, ['release_manager'], { name: `Owner ${uid()}` })).id;
  const r = await h.prisma.release.create({
    data: { title: `Release ${uid()}`, type: 'normal', ownerId, requesterId: ownerId, status: opts.status ?? 'approved', timezone: 'Europe/London' },
  });
  const pkg = await h.prisma.releasePackage.create({ data: { releaseId: r.id } });
  const componentIds = opts.componentIds ?? [(await makeComponent(h.prisma)).id];
  for (const componentId of componentIds) {
    const b = await makeBuild(h.prisma, { componentId });
    await h.prisma.packageItem.create({ data: { packageId: pkg.id, componentId, buildId: b.id } });
  }
  for (const e of opts.environments) {
    const w = opts.windows?.find(([id]) => id === e.id);
    await h.prisma.releaseEnvironment.create({ data: { releaseId: r.id, environmentId: e.id, scheduledStart: w?.[1] ?? null, scheduledEnd: w?.[2] ?? null } });
  }
  return { id: r.id, key: releaseKey(r.number), version: r.version, ownerId, componentIds };
}

const version = async (id: string) => (await h.prisma.release.findUniqueOrThrow({ where: { id } })).version;

async function schedule(r: { id: string; key: string }, windows: { environment: string; start: string; end: string }[], actor = rm) {
  return scheduleRelease.as(actor)({ releaseKey: r.key, version: await version(r.id), windows, timezone: 'Europe/London' });
}

async function toScheduled(r: { id: string; key: string }) {
  return transitionRelease.as(rm)({ releaseKey: r.key, to: 'scheduled', version: await version(r.id) });
}

// 1 Dec 2027 is a Wednesday; London is on GMT (UTC+0) in December
const d = (local: string) => new Date(`${local}:00Z`);

describe('scheduleRelease: a clean schedule', () => {
  it('stores the windows, bumps the version, and approved → scheduled passes', async () => {
    const { staging, production } = await envs();
    const r = await release({ environments: [staging, production] });
    const res = await schedule(r, [
      { environment: staging.name, start: '2027-12-01T10:00', end: '2027-12-01T12:00' },
      { environment: production.name, start: '2027-12-02T20:00', end: '2027-12-02T22:00' },
    ]);
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    expect(res.data.check.ok).toBe(true);
    expect(res.data.version).toBe(r.version + 1);
    const rows = await h.prisma.releaseEnvironment.findMany({ where: { releaseId: r.id } });
    expect(rows.find((x) => x.environmentId === production.id)?.scheduledStart?.toISOString()).toBe('2027-12-02T20:00:00.000Z');
    const row = await h.prisma.release.findUniqueOrThrow({ where: { id: r.id } });
    expect(row.plannedStart?.toISOString()).toBe('2027-12-01T10:00:00.000Z');
    expect(row.plannedEnd?.toISOString()).toBe('2027-12-02T22:00:00.000Z');
    const audit = await h.prisma.auditEvent.findFirst({ where: { action: 'release.schedule', targetId: r.id } });
    expect(audit).not.toBeNull();
    const moved = await toScheduled(r);
    expect(moved.ok).toBe(true);
    const view = await getSchedule(viewer, r.key);
    expect(view?.windows.map((w) => w.label)).toEqual(['1 Dec 10:00–12:00 Europe/London', '2 Dec 20:00–22:00 Europe/London']);
    expect(view?.canEdit).toBe(false);
  });

  it('refuses approved → scheduled while a target has no window, naming it', async () => {
    const { staging, production } = await envs();
    const r = await release({ environments: [staging, production] });
    await schedule(r, [{ environment: staging.name, start: '2027-12-01T10:00', end: '2027-12-01T12:00' }]);
    const res = await toScheduled(r);
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.code).toBe('gates');
    const gate = res.gates?.find((g) => g.rule === 'schedule.window');
    expect(gate?.passed).toBe(false);
    expect(gate?.why).toContain(`${production.name} has no window yet`);
  });

  it('refuses a stale version naming who changed it, bad input with field errors, and viewers', async () => {
    const { staging } = await envs();
    const r = await release({ environments: [staging] });
    const v = await version(r.id);
    const first = await scheduleRelease.as(rm)({
      releaseKey: r.key,
      version: v,
      windows: [{ environment: staging.name, start: '2027-12-01T10:00', end: '2027-12-01T11:00' }],
    });
    expect(first.ok).toBe(true);
    const second = await scheduleRelease.as(rm)({
      releaseKey: r.key,
      version: v,
      windows: [{ environment: staging.name, start: '2027-12-01T13:00', end: '2027-12-01T14:00' }],
    });
    expect(second.ok).toBe(false);
    if (!second.ok) {
      expect(second.code).toBe('stale');
      expect(second.message).toContain('Rita Manager');
    }
    const bad = await schedule(r, [
      { environment: 'nowhere', start: '2027-12-01T10:00', end: '2027-12-01T11:00' },
      { environment: staging.name, start: '2027-12-01T12:00', end: '2027-12-01T11:00' },
    ]);
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.fieldErrors?.['windows.0.environment']?.[0]).toContain('not a target environment');
      expect(bad.fieldErrors?.['windows.1.end']?.[0]).toContain('must end after it starts');
    }
    for (const raw of [
      {},
      { releaseKey: r.key, version: 'x', windows: 'no' },
      { releaseKey: r.key, version: v + 1, windows: [{ environment: staging.name, start: '2027-02-30T10:00', end: '2027-03-01T10:00' }] },
      { releaseKey: 'REL-999999', version: 1, windows: [{ environment: 'x' }] },
    ]) {
      const res = await scheduleRelease.as(rm)(raw);
      expect(res.ok).toBe(false);
      if (!res.ok) expect(['invalid', 'not_found']).toContain(res.code);
    }
    const denied = await schedule(r, [{ environment: staging.name, start: '2027-12-01T10:00', end: '2027-12-01T11:00' }], viewer);
    expect(denied.ok).toBe(false);
    if (!denied.ok) expect(denied.code).toBe('forbidden');
  });
});

describe('scheduling checks', () => {
  it('maintenance: a window outside is stored with the problem, and blocks scheduling', async () => {
    const { production } = await envs();
    await h.prisma.maintenanceWindow.create({
      data: {
        environmentId: production.id,
        label: 'Weekdays',
        kind: 'recurring',
        rrule: 'FREQ=WEEKLY;BYDAY=TU,WE,TH;BYHOUR=9;BYMINUTE=0',
        durationMinutes: 480,
        timezone: 'Europe/London',
      },
    });
    const r = await release({ environments: [production] });
    const res = await schedule(r, [{ environment: production.name, start: '2027-12-02T20:00', end: '2027-12-02T22:00' }]);
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    const p = res.data.check.problems.find((x) => x.rule === 'schedule.maintenance');
    expect(p?.message).toContain(`2 Dec 20:00–22:00 Europe/London is outside ${production.name}'s maintenance windows`);
    expect((await toScheduled(r)).ok).toBe(false);
    const fixed = await schedule(r, [{ environment: production.name, start: '2027-12-02T10:00', end: '2027-12-02T12:00' }]);
    expect(fixed.ok && fixed.data.check.ok).toBe(true);
    expect((await toScheduled(r)).ok).toBe(true);
  });

  it('freeze: refused with an explanation, not acknowledgeable; a granted override lifts it', async () => {
    const { production } = await envs();
    const freeze = await h.prisma.freezeWindow.create({
      data: {
        name: `Year-end ${uid()}`,
        reason: 'Peak trading',
        kind: 'one_off',
        startsAt: d('2027-12-20T00:00'),
        endsAt: d('2028-01-04T00:00'),
        timezone: 'Europe/London',
        environments: { create: [{ environmentId: production.id }] },
      },
    });
    const r = await release({ environments: [production] });
    const res = await schedule(r, [{ environment: production.name, start: '2027-12-21T10:00', end: '2027-12-21T12:00' }]);
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    const p = res.data.check.problems.find((x) => x.rule === 'schedule.freeze');
    expect(p?.message).toContain(freeze.name);
    expect(p?.message).toContain('Peak trading');
    expect(p?.acknowledgeable).toBe(false);
    const ack = await acknowledgeConflict.as(rm)({ releaseKey: r.key, otherReleaseKey: r.key, kind: 'freeze', reason: 'We really need to ship this' });
    expect(ack.ok).toBe(false);
    if (!ack.ok) expect(ack.message).toContain('A freeze cannot be acknowledged');
    const refused = await toScheduled(r);
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.gates?.find((g) => g.rule === 'schedule.window')?.why).toContain(freeze.name);

    const approver = await makeUser(h.prisma, ['admin']);
    await h.prisma.freezeOverride.create({
      data: {
        freezeId: freeze.id,
        releaseId: r.id,
        environmentId: production.id,
        reason: 'Regulatory deadline on 22 Dec',
        status: 'granted',
        requestedById: rm.id!,
        confirmedById: approver.id,
        decidedAt: now(),
      },
    });
    const view = await getSchedule(rm, r.key);
    expect(view?.check.ok).toBe(true);
    expect((await toScheduled(r)).ok).toBe(true);
  });

  it('promotion path: production must start after staging ends', async () => {
    const { staging, production } = await envs();
    const r = await release({ environments: [staging, production] });
    const res = await schedule(r, [
      { environment: staging.name, start: '2027-12-04T10:00', end: '2027-12-04T12:00' },
      { environment: production.name, start: '2027-12-03T20:00', end: '2027-12-03T22:00' },
    ]);
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    const p = res.data.check.problems.find((x) => x.rule === 'schedule.promotion');
    expect(p?.message).toContain(`${production.name}'s window must start after ${staging.name}'s window ends (${staging.name} ends 4 Dec 12:00 Europe/London`);
    expect((await toScheduled(r)).ok).toBe(false);
  });

  it('environment conflict: names the other release; acknowledgement refused unless the policy allows it', async () => {
    await savePolicy(h.prisma, { ...policyDocument(), conflicts: { acknowledgeable: ['component', 'owner'] } });
    const { production } = await envs();
    const other = await release({ environments: [production], status: 'scheduled', windows: [[production.id, d('2027-12-02T21:00'), d('2027-12-02T23:00')]] });
    const r = await release({ environments: [production] });
    const res = await schedule(r, [{ environment: production.name, start: '2027-12-02T20:00', end: '2027-12-02T22:00' }]);
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    const p = res.data.check.problems.find((x) => x.rule === 'conflict.environment');
    expect(p?.message).toBe(`${production.name} 2 Dec 20:00–22:00 overlaps ${other.key} on ${production.name} (2 Dec 21:00–23:00 Europe/London).`);
    expect(p?.acknowledgeable).toBe(false);
    const refused = await acknowledgeConflict.as(rm)({
      releaseKey: r.key,
      otherReleaseKey: other.key,
      kind: 'environment',
      environment: production.name,
      reason: 'Both are tiny config changes',
    });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.message).toContain('does not allow environment conflicts');

    await savePolicy(h.prisma, { ...policyDocument(), conflicts: { acknowledgeable: ['environment', 'component', 'owner'] } });
    const short = await acknowledgeConflict.as(rm)({
      releaseKey: r.key,
      otherReleaseKey: other.key,
      kind: 'environment',
      environment: production.name,
      reason: 'ok',
    });
    expect(short.ok).toBe(false);
    if (!short.ok) expect(short.fieldErrors?.reason?.[0]).toContain('at least 10 characters');
    const ok = await acknowledgeConflict.as(rm)({
      releaseKey: r.key,
      otherReleaseKey: other.key,
      kind: 'environment',
      environment: production.name,
      reason: 'Both are tiny config changes',
    });
    expect(ok.ok).toBe(true);
    const again = await acknowledgeConflict.as(rm)({
      releaseKey: r.key,
      otherReleaseKey: other.key,
      kind: 'environment',
      environment: production.name,
      reason: 'Both are tiny config changes',
    });
    expect(again.ok).toBe(false);
    const view = await getSchedule(rm, r.key);
    expect(view?.check.ok).toBe(true);
    expect(view?.check.problems[0]?.acknowledgement?.reason).toBe('Both are tiny config changes');
    expect((await toScheduled(r)).ok).toBe(true);
    await savePolicy(h.prisma, { ...policyDocument(), conflicts: { acknowledgeable: ['component', 'owner'] } });
  });

  it('component conflict in another environment: acknowledged with a reason, which moving the window clears', async () => {
    const { staging, production } = await envs();
    const shared = await makeComponent(h.prisma, { name: `billing-api-${uid()}` });
    const other = await release({
      environments: [staging],
      status: 'approved',
      componentIds: [shared.id],
      windows: [[staging.id, d('2027-11-25T10:00'), d('2027-11-25T12:30')]],
    });
    const r = await release({ environments: [production], componentIds: [shared.id] });
    const res = await schedule(r, [{ environment: production.name, start: '2027-11-25T11:00', end: '2027-11-25T13:00' }]);
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    const p = res.data.check.problems.find((x) => x.rule === 'conflict.component');
    expect(p?.message).toContain(`${shared.name} is also deployed by ${other.key} in ${staging.name} 25 Nov 10:00–12:30`);
    expect(p?.acknowledgeable).toBe(true);
    const none = await acknowledgeConflict.as(rm)({ releaseKey: r.key, otherReleaseKey: other.key, kind: 'owner', reason: 'Different people on call' });
    expect(none.ok).toBe(false);
    if (!none.ok) expect(none.message).toContain('no owner conflict');
    const ack = await acknowledgeConflict.as(rm)({
      releaseKey: r.key,
      otherReleaseKey: other.key,
      kind: 'component',
      component: shared.name,
      reason: 'Staging and production deploys are independent',
    });
    expect(ack.ok).toBe(true);
    expect((await getSchedule(rm, r.key))?.check.ok).toBe(true);
    // moving the window clears the acknowledgement: it was for the old windows
    await schedule(r, [{ environment: production.name, start: '2027-11-25T11:30', end: '2027-11-25T13:00' }]);
    expect((await getSchedule(rm, r.key))?.check.ok).toBe(false);
    expect(await h.prisma.conflictAcknowledgement.count({ where: { releaseId: r.id } })).toBe(0);
  });

  it('owner conflict: the same person owning an overlapping release', async () => {
    const owner = await makeUser(h.prisma, ['release_manager'], { name: 'Priya Shah' });
    const { staging, production } = await envs();
    const other = await release({
      environments: [staging],
      status: 'scheduled',
      ownerId: owner.id,
      windows: [[staging.id, d('2027-11-30T10:00'), d('2027-11-30T15:00')]],
    });
    const r = await release({ environments: [production], ownerId: owner.id });
    const res = await schedule(r, [{ environment: production.name, start: '2027-11-30T14:00', end: '2027-11-30T16:00' }]);
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    const p = res.data.check.problems.find((x) => x.rule === 'conflict.owner');
    expect(p?.message).toContain(`Priya Shah also owns ${other.key} scheduled 30 Nov 10:00–15:00`);
    const ack = await acknowledgeConflict.as(rm)({ releaseKey: r.key, otherReleaseKey: other.key, kind: 'owner', reason: 'Priya has a deputy for REL-x' });
    expect(ack.ok).toBe(true);
    expect((await toScheduled(r)).ok).toBe(true);
  });

  it('a scheduled release cannot be moved into a freeze', async () => {
    const { production } = await envs();
    await h.prisma.freezeWindow.create({
      data: {
        name: `Freeze ${uid()}`,
        reason: 'Audit',
        kind: 'one_off',
        startsAt: d('2027-10-01T00:00'),
        endsAt: d('2027-10-02T00:00'),
        environments: { create: [{ environmentId: production.id }] },
      },
    });
    const r = await release({ environments: [production], status: 'scheduled', windows: [[production.id, d('2027-10-05T10:00'), d('2027-10-05T11:00')]] });
    const res = await schedule(r, [{ environment: production.name, start: '2027-10-01T10:00', end: '2027-10-01T11:00' }]);
    expect(res.ok).toBe(false);
    if (!res.ok) {
      expect(res.code).toBe('gates');
      expect(res.message).toContain('Audit');
    }
  });
});

describe('one rules table: the page offers what the mutations accept', () => {
  it('canEdit is true in exactly the statuses whose schedule save is accepted', async () => {
    for (const status of RELEASE_STATUSES) {
      // an environment of its own: the releases of this loop do not conflict with each other
      const { production } = await envs();
      const r = await release({ environments: [production], status });
      const view = await getSchedule(rm, r.key);
      expect({ status, canEdit: view?.canEdit }).toEqual({ status, canEdit: statusAllows(status, 'planWindows') });
      const res = await schedule(r, [{ environment: production.name, start: '2028-03-01T10:00', end: '2028-03-01T11:00' }]);
      expect({ status, ok: res.ok }).toEqual({ status, ok: view?.canEdit });
      if (!res.ok && !isFinished(status)) expect(res.message).toBe(refusalFor(r.key, status, 'planWindows'));
    }
  });

  it('a conflict is acknowledged only where the page offers it (planWindows), not once the release is deploying', async () => {
    const { production } = await envs();
    const shared = await makeComponent(h.prisma);
    const other = await release({
      environments: [production],
      status: 'approved',
      componentIds: [shared.id],
      windows: [[production.id, d('2028-03-02T10:00'), d('2028-03-02T12:00')]],
    });
    const r = await release({
      environments: [production],
      status: 'deploying',
      componentIds: [shared.id],
      windows: [[production.id, d('2028-03-02T11:00'), d('2028-03-02T13:00')]],
    });
    const view = await getSchedule(rm, r.key);
    expect(view?.canEdit).toBe(false);
    expect(view?.check.problems.some((p) => p.rule === 'conflict.component' && p.otherReleaseKey === other.key)).toBe(true);
    const ack = await acknowledgeConflict.as(rm)({
      releaseKey: r.key,
      otherReleaseKey: other.key,
      kind: 'component',
      component: shared.name,
      reason: 'Independent deploys, really',
    });
    expect(ack.ok).toBe(false);
    if (!ack.ok) expect(ack.message).toBe(refusalFor(r.key, 'deploying', 'planWindows'));
    expect(await h.prisma.conflictAcknowledgement.count({ where: { releaseId: r.id } })).toBe(0);
  });
});

describe('two people at once', () => {
  itRaces('lets exactly one of two saves of the same version through', async () => {
    const { production } = await envs();
    const r = await release({ environments: [production] });
    const v = await version(r.id);
    const save = (hour: string) =>
      scheduleRelease.as(rm)({
        releaseKey: r.key,
        version: v,
        windows: [{ environment: production.name, start: `2027-07-06T${hour}:00`, end: `2027-07-06T${hour}:30` }],
      });
    const results = await race(h, [() => save('10'), () => save('14')]);
    expect(results.filter((x) => x.ok)).toHaveLength(1);
    const refused = results.find((x) => !x.ok);
    expect(refused && !refused.ok && refused.code).toBe('stale');
    expect(await version(r.id)).toBe(v + 1);
  });

  itRaces('two releases claiming the same slot at once: the later one sees the earlier', async () => {
    const { production } = await envs();
    const a = await release({ environments: [production] });
    const b = await release({ environments: [production] });
    const w = [{ environment: production.name, start: '2027-07-07T10:00', end: '2027-07-07T11:00' }];
    const [ra, rb] = await race(h, [() => schedule(a, w), () => schedule(b, w)]);
    expect(ra.ok && rb.ok).toBe(true);
    if (!ra.ok || !rb.ok) return;
    const conflicts = [ra, rb].filter((x) => x.data.check.problems.some((p) => p.rule === 'conflict.environment'));
    expect(conflicts.length).toBeGreaterThanOrEqual(1);
    // and neither can be scheduled while they overlap
    expect((await toScheduled(a)).ok).toBe(false);
    expect((await toScheduled(b)).ok).toBe(false);
  });
});

describe('no deadlock', () => {
  itRaces('a transition, a save and an acknowledgement racing on two releases all finish', async () => {
    const { staging, production } = await envs();
    const c = await makeComponent(h.prisma);
    const b = await release({ environments: [staging], componentIds: [c.id], windows: [[staging.id, d('2027-06-01T10:00'), d('2027-06-01T12:00')]] });
    const a = await release({ environments: [production], componentIds: [c.id], windows: [[production.id, d('2027-06-01T11:00'), d('2027-06-01T13:00')]] });
    const results = await race(h, [
      () => toScheduled(b),
      () => acknowledgeConflict.as(rm)({ releaseKey: a.key, otherReleaseKey: b.key, kind: 'component', component: c.name, reason: 'Independent environments' }),
      () => toScheduled(a),
      () => schedule(b, [{ environment: staging.name, start: '2027-06-01T10:00', end: '2027-06-01T11:30' }]),
    ]);
    for (const r of results) if (!r.ok) expect(['gates', 'stale', 'conflict']).toContain(r.code);
  });
});

describe('next free slots', () => {
  it('offers maintenance slots that pass every check, skipping a freeze, and one can be taken', async () => {
    const { production } = await envs();
    await h.prisma.maintenanceWindow.create({
      data: {
        environmentId: production.id,
        label: 'Evenings',
        kind: 'recurring',
        rrule: 'FREQ=DAILY;BYHOUR=20;BYMINUTE=0',
        durationMinutes: 180,
        timezone: 'Europe/London',
      },
    });
    // freezes 1–2 Dec 2027 in production
    await h.prisma.freezeWindow.create({
      data: {
        name: `Mini freeze ${uid()}`,
        reason: 'Launch',
        kind: 'one_off',
        startsAt: d('2027-12-01T00:00'),
        endsAt: d('2027-12-03T00:00'),
        environments: { create: [{ environmentId: production.id }] },
      },
    });
    const r = await release({ environments: [production] });
    const slots = await suggestSlots(rm, r.key, production.name, 120, { from: d('2027-12-01T00:00'), limit: 3 });
    expect(slots?.map((s) => s.startLocal)).toEqual(['2027-12-03T20:00', '2027-12-04T20:00', '2027-12-05T20:00']);
    const take = await schedule(r, [{ environment: production.name, start: slots![0]!.startLocal, end: slots![0]!.endLocal }]);
    expect(take.ok && take.data.check.ok).toBe(true);
    expect((await toScheduled(r)).ok).toBe(true);
    await expect(suggestSlots(rm, r.key, production.name, 0)).rejects.toThrow();
    expect(await suggestSlots(rm, r.key, 'nowhere', 60)).toBeNull();
    expect(await suggestSlots(rm, 'REL-0', production.name, 60)).toBeNull();
  });
});

describe('deploymentWindowCheck', () => {
  it('is ok inside the scheduled window and refuses outside it or in a freeze', async () => {
    const { production } = await envs();
    const r = await release({ environments: [production], status: 'scheduled', windows: [[production.id, d('2027-09-01T10:00'), d('2027-09-01T12:00')]] });
    const check = (at: Date) => h.prisma.$transaction((tx) => deploymentWindowCheck(tx, r.id, production.id, at));
    expect(await check(d('2027-09-01T10:30'))).toEqual({ ok: true, problems: [] });
    const outside = await check(d('2027-09-01T12:30'));
    expect(outside.ok).toBe(false);
    expect(outside.problems[0]).toContain('outside');
    const f = await h.prisma.freezeWindow.create({
      data: {
        name: `Sudden ${uid()}`,
        reason: 'Incident',
        kind: 'one_off',
        startsAt: d('2027-09-01T11:00'),
        endsAt: d('2027-09-01T13:00'),
        environments: { create: [{ environmentId: production.id }] },
      },
    });
    const frozen = await check(d('2027-09-01T11:30'));
    expect(frozen.ok).toBe(false);
    expect(frozen.problems.join(' ')).toContain(f.name);
  });
});

describe('API v1', () => {
  const token = (userId: string) => makeApiToken(h.prisma, userId, ['*']);
  const call = (path: string, t: string, method = 'GET', body?: unknown) =>
    new Request(`http://relm.test${path}`, {
      method,
      headers: { authorization: `Bearer ${t}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
  const params = (key: string) => ({ params: Promise.resolve({ key }) });

  it('sets windows, reads the check, suggests slots and refuses hostile input without a 500', async () => {
    const t = await token(rm.id!);
    const { production } = await envs();
    const r = await release({ environments: [production] });
    const put = await putScheduleRoute(
      call(`/api/v1/releases/${r.key}/schedule`, t, 'PUT', {
        version: await version(r.id),
        timezone: 'UTC',
        windows: [{ environment: production.name, start: '2027-08-03T10:00', end: '2027-08-03T11:00' }],
      }),
      params(r.key),
    );
    expect(put.status).toBe(200);
    const got = await (await getScheduleRoute(call(`/api/v1/releases/${r.key}/schedule`, t), params(r.key))).json();
    expect(got.check.ok).toBe(true);
    // entered in UTC, shown in the release's zone (London is on BST in August)
    expect(got.windows[0].label).toBe('3 Aug 11:00–12:00 Europe/London');
    const stale = await putScheduleRoute(
      call(`/api/v1/releases/${r.key}/schedule`, t, 'PUT', {
        version: 1,
        windows: [{ environment: production.name, start: '2027-08-03T12:00', end: '2027-08-03T13:00' }],
      }),
      params(r.key),
    );
    expect(stale.status).toBe(409);
    const slots = await slotsRoute(call(`/api/v1/releases/${r.key}/schedule/slots?environment=${production.name}&duration=60&limit=2`, t), params(r.key));
    expect(slots.status).toBe(200);
    expect((await slots.json()).slots).toHaveLength(2);
    for (const q of ['', '?environment=x', `?environment=${production.name}&duration=-5`, `?environment=${production.name}&duration=60&limit=500`]) {
      const res = await slotsRoute(call(`/api/v1/releases/${r.key}/schedule/slots${q}`, t), params(r.key));
      expect(res.status).toBe(422);
    }
    expect((await slotsRoute(call(`/api/v1/releases/${r.key}/schedule/slots?environment=nope&duration=60`, t), params(r.key))).status).toBe(404);
    for (const body of [{ windows: 'x' }, { version: 'abc' }, { version: 1, windows: [{ environment: 1, start: {}, end: [] }] }]) {
      const res = await putScheduleRoute(call(`/api/v1/releases/${r.key}/schedule`, t, 'PUT', body), params(r.key));
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
    }
    const ack = await ackRoute(
      call(`/api/v1/releases/${r.key}/schedule/acknowledgements`, t, 'POST', { otherReleaseKey: 'REL-1', kind: 'freeze', reason: 'please let me through' }),
      params(r.key),
    );
    expect(ack.status).toBe(409);
    expect((await getScheduleRoute(call('/api/v1/releases/nonsense/schedule', t), params('nonsense'))).status).toBe(404);
  });
});
