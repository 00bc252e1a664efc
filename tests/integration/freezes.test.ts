import { describe, expect, it } from 'vitest';
import type { DbHandle } from '@/lib/server/db';
import type { Actor } from '@/lib/server/actor';
import { freezesHitting } from '@/lib/domain/freeze';
import {
  confirmFreezeOverride,
  createFreezeWindow,
  freezeOverrideOptions,
  getFreezeWindow,
  grantedOverrides,
  listFreezeOverrides,
  listFreezeWindows,
  loadFreezeSpecs,
  refuseFreezeOverride,
  requestFreezeOverride,
  setFreezeWindowActive,
  updateFreezeWindow,
} from '@/lib/server/freezes';
import { makeComponent, makeEnvironment, makeRelease, uid } from '../support/factories';
import { DEMO_POLICY_DOCUMENT } from '@/prisma/seed/data/policy';
import { dbError, eventsOfRequest } from '../support/inspect';
import { actorsWith, refusalCheck, withFreshDatabase } from '../support/suite';
import { itRaces, race } from '../support/race';
import { releaseKey } from '@/lib/domain/release-key';

let h: DbHandle;
let admin: Actor;
let rm: Actor;
let rm2: Actor;
let viewer: Actor;

withFreshDatabase(async (db) => {
  h = db;
  [admin, rm, rm2, viewer] = await actorsWith(db, ['admin'], ['release_manager'], ['release_manager'], ['viewer']);
});

const expectRefusedWithoutWrites = refusalCheck(() => h);

const weekend = (over: Record<string, unknown> = {}) => ({
  name: `Weekend freeze ${uid()}`,
  reason: 'No changes at weekends: nobody on call.',
  kind: 'recurring',
  rrule: 'FREQ=WEEKLY;BYDAY=FR;BYHOUR=18;BYMINUTE=0',
  durationMinutes: '3600',
  timezone: 'Europe/London',
  ...over,
});

function ok<T>(r: { ok: true; data: T } | { ok: false; message: string }): T {
  if (!r.ok) throw new Error(`expected ok, got: ${r.message} ${JSON.stringify((r as { fieldErrors?: unknown }).fieldErrors)}`);
  return r.data;
}

describe('createFreezeWindow', () => {
  it('creates a recurring RRULE freeze in a time zone, scoped by names, described with a preview', async () => {
    const env = await makeEnvironment(h.prisma);
    const comp = await makeComponent(h.prisma);
    const requestId = `req-${uid()}`;
    const data = ok(await createFreezeWindow.as(admin, { requestId })(weekend({ environments: [env.name.toUpperCase()], components: [comp.name] })));
    expect(data.description).toBe('Every Friday at 18:00 for 2 days 12 hours (Europe/London)');
    expect(data.next).toHaveLength(5);
    expect(data.scope).toBe(`${comp.name} in ${env.name}`);
    const row = await h.prisma.freezeWindow.findUniqueOrThrow({ where: { id: data.id }, include: { environments: true, components: true } });
    expect(row).toMatchObject({
      kind: 'recurring',
      rrule: 'FREQ=WEEKLY;BYDAY=FR;BYHOUR=18;BYMINUTE=0',
      cron: null,
      durationMinutes: 3600,
      timezone: 'Europe/London',
      active: true,
      createdById: admin.id,
    });
    expect(row.environments.map((e) => e.environmentId)).toEqual([env.id]);
    expect(row.components.map((c) => c.componentId)).toEqual([comp.id]);
    const [event] = await eventsOfRequest(h.prisma, requestId);
    expect(event).toMatchObject({ action: 'freeze.create', targetType: 'freeze', targetId: data.id, actorId: admin.id });
    expect(event!.after).toMatchObject({ environments: [env.name], components: [comp.name] });

    // and it blocks Saturday noon in summer and in winter for that component in that environment
    const specs = await loadFreezeSpecs(h.prisma);
    const target = { environmentId: env.id, componentIds: [comp.id] };
    for (const iso of ['2026-07-11T11:00:00Z', '2026-01-10T12:00:00Z']) {
      const hits = freezesHitting(specs, target, { start: new Date(iso), end: new Date(new Date(iso).getTime() + 60_000) });
      expect(hits.map((x) => x.freeze.id)).toContain(data.id);
    }
  });

  it('creates a cron freeze and a one-off freeze read in its time zone', async () => {
    const cron = ok(await createFreezeWindow.as(admin)(weekend({ rrule: '', cron: '0 18 * * 5' })));
    expect(cron.description).toMatch(/06:00 PM|18:00/);
    const row = await h.prisma.freezeWindow.findUniqueOrThrow({ where: { id: cron.id } });
    expect(row).toMatchObject({ rrule: null, cron: '0 18 * * 5' });

    const one = ok(
      await createFreezeWindow.as(admin)({
        name: `Year-end change freeze ${uid()}`,
        reason: 'Peak trading',
        kind: 'one_off',
        startsAt: '2026-12-21T00:00',
        endsAt: '2027-01-04T06:00',
        timezone: 'America/New_York',
      }),
    );
    const stored = await h.prisma.freezeWindow.findUniqueOrThrow({ where: { id: one.id } });
    expect(stored.startsAt!.toISOString()).toBe('2026-12-21T05:00:00.000Z');
    expect(stored.endsAt!.toISOString()).toBe('2027-01-04T11:00:00.000Z');
    expect(one.scope).toBe('Everything');
  });

  it('refuses bad input field by field and writes nothing', async () => {
    const r = await expectRefusedWithoutWrites(() =>
      createFreezeWindow.as(admin)(
        weekend({
          name: '',
          reason: '  ',
          rrule: 'FREQ=SOMETIMES',
          durationMinutes: '0',
          timezone: 'Mars/Olympus',
          environments: ['nowhere'],
          components: ['nothing-here'],
        }),
      ),
    );
    expect(Object.keys(r.fieldErrors ?? {}).sort()).toEqual(['name', 'reason'].sort());
    const r2 = await expectRefusedWithoutWrites(() =>
      createFreezeWindow.as(admin)(
        weekend({ rrule: 'FREQ=SOMETIMES', durationMinutes: '0', timezone: 'Mars/Olympus', environments: ['nowhere'], components: ['nothing-here'] }),
      ),
    );
    expect(r2.code).toBe('invalid');
    expect(Object.keys(r2.fieldErrors ?? {}).sort()).toEqual(['components', 'durationMinutes', 'environments', 'rrule', 'timezone']);
    expect(r2.fieldErrors!.environments![0]).toMatch(/No environment is called "nowhere"/);
    const r3 = await expectRefusedWithoutWrites(() => createFreezeWindow.as(admin)(weekend({ rrule: 'FREQ=WEEKLY', cron: '0 18 * * 5' })));
    expect(r3.fieldErrors!.rrule![0]).toMatch(/not both/);
    const r4 = await expectRefusedWithoutWrites(() => createFreezeWindow.as(admin)(weekend({ rrule: '', cron: '' })));
    expect(r4.fieldErrors!.rrule![0]).toMatch(/RRULE .* or a cron/);
    const r5 = await expectRefusedWithoutWrites(() => createFreezeWindow.as(admin)(weekend({ rrule: '', cron: '61 * * * *' })));
    expect(r5.fieldErrors!.cron).toBeDefined();
    const r6 = await expectRefusedWithoutWrites(() =>
      createFreezeWindow.as(admin)({
        name: 'Bad one-off',
        reason: 'x',
        kind: 'one_off',
        startsAt: '2026-12-21T00:00',
        endsAt: '2026-12-20T00:00',
        timezone: 'UTC',
      }),
    );
    expect(r6.fieldErrors!.endsAt![0]).toMatch(/after the start/);
    const r7 = await expectRefusedWithoutWrites(() =>
      createFreezeWindow.as(admin)({ name: 'Bad one-off', reason: 'x', kind: 'one_off', startsAt: 'soon', endsAt: '', timezone: 'UTC' }),
    );
    expect(Object.keys(r7.fieldErrors!).sort()).toEqual(['endsAt', 'startsAt']);
    const r8 = await expectRefusedWithoutWrites(() => createFreezeWindow.as(admin)({ kind: 'whenever' }));
    expect(r8.fieldErrors!.kind).toBeDefined();
  });

  it('refuses a duplicate name (case-insensitive) and people without freeze.edit', async () => {
    const input = weekend();
    ok(await createFreezeWindow.as(admin)(input));
    const dup = await expectRefusedWithoutWrites(() => createFreezeWindow.as(admin)({ ...input, name: input.name.toUpperCase() }));
    expect(dup.code).toBe('conflict');
    expect(dup.fieldErrors!.name![0]).toMatch(/already called/);
    const r = await expectRefusedWithoutWrites(() => createFreezeWindow.as(rm)(weekend()));
    expect(r.code).toBe('forbidden');
  });
});

describe('two people at once', () => {
  itRaces('two creates with the same name: exactly one succeeds', async () => {
    const input = weekend();
    const results = await race(h, [
      () => createFreezeWindow.as(admin)(input),
      () => createFreezeWindow.as(admin)({ ...input, name: input.name.toLowerCase() }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toMatchObject({ code: 'conflict' });
  });

  itRaces('two edits from the same form version: the second is stale', async () => {
    const created = ok(await createFreezeWindow.as(admin)(weekend()));
    const results = await race(h, [
      () => updateFreezeWindow.as(admin)({ ...weekend({ name: `A ${uid()}` }), id: created.id, version: created.version }),
      () => updateFreezeWindow.as(admin)({ ...weekend({ name: `B ${uid()}` }), id: created.id, version: created.version }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toMatchObject({ code: 'stale' });
  });
});

describe('updateFreezeWindow and setFreezeWindowActive', () => {
  it('edits with an optimistic lock: a stale edit is refused with an explanation', async () => {
    const env = await makeEnvironment(h.prisma);
    const created = ok(await createFreezeWindow.as(admin)(weekend()));
    const first = ok(
      await updateFreezeWindow.as(admin)({ ...weekend({ name: `Renamed ${uid()}`, environments: [env.name] }), id: created.id, version: created.version }),
    );
    expect(first.scope).toBe(`All components in ${env.name}`);
    const staleTry = await expectRefusedWithoutWrites(() => updateFreezeWindow.as(admin)({ ...weekend(), id: created.id, version: created.version }));
    expect(staleTry.code).toBe('stale');
    expect(staleTry.message).toMatch(/saved a newer version of the freeze .* after you opened it/);
    // switching to cron and dropping the scope
    const second = ok(
      await updateFreezeWindow.as(admin)({ ...weekend({ name: 'Cron now ' + uid(), rrule: '', cron: '0 18 * * 5' }), id: created.id, version: first.version }),
    );
    const row = await h.prisma.freezeWindow.findUniqueOrThrow({ where: { id: created.id }, include: { environments: true } });
    expect(row).toMatchObject({ rrule: null, cron: '0 18 * * 5' });
    expect(row.environments).toEqual([]);
    expect(second.scope).toBe('Everything');
    const events = await h.prisma.auditEvent.findMany({ where: { targetId: created.id, action: 'freeze.update' } });
    expect(events).toHaveLength(2);
  });

  it('deactivates and reactivates; an inactive freeze blocks nothing', async () => {
    const created = ok(await createFreezeWindow.as(admin)(weekend()));
    const requestId = `req-${uid()}`;
    expect(ok(await setFreezeWindowActive.as(admin, { requestId })({ id: created.id, active: 'false' }))).toMatchObject({ active: false, changed: true });
    expect(await eventsOfRequest(h.prisma, requestId)).toHaveLength(1);
    expect(ok(await setFreezeWindowActive.as(admin)({ id: created.id, active: false }))).toMatchObject({ changed: false });
    const spec = (await loadFreezeSpecs(h.prisma)).find((s) => s.id === created.id)!;
    expect(spec.active).toBe(false);
    expect(
      freezesHitting([spec], { environmentId: 'x', componentIds: [] }, { start: new Date('2026-07-11T11:00:00Z'), end: new Date('2026-07-11T12:00:00Z') }),
    ).toEqual([]);
    expect(ok(await setFreezeWindowActive.as(admin)({ id: created.id, active: true }))).toMatchObject({ active: true });
    const missing = await setFreezeWindowActive.as(admin)({ id: 'nope', active: true });
    expect(missing).toMatchObject({ ok: false, code: 'not_found' });
  });

  it('reads: list with description and 3 next occurrences, one with 10, for everyone', async () => {
    const created = ok(await createFreezeWindow.as(admin)(weekend()));
    const list = await listFreezeWindows(viewer);
    const item = list.find((f) => f.id === created.id)!;
    expect(item.next).toHaveLength(3);
    expect(item.description).toMatch(/Every Friday at 18:00/);
    const one = (await getFreezeWindow(viewer, created.id))!;
    expect(one.next).toHaveLength(10);
    expect(await getFreezeWindow(viewer, "'; drop table")).toBeNull();
  });
});

describe('freeze overrides', () => {
  async function setup() {
    const env = await makeEnvironment(h.prisma);
    const owner = (await actorsWith(h, ['release_manager']))[0];
    const release = await makeRelease(h.prisma, { ownerId: owner.id! });
    await h.prisma.releaseEnvironment.create({ data: { releaseId: release.id, environmentId: env.id } });
    const freeze = ok(await createFreezeWindow.as(admin)(weekend({ environments: [env.name] })));
    return { env, release, freeze, owner, key: releaseKey(release.number) };
  }
  const REASON = 'Payment provider deadline: the fix must ship before Monday.';

  it('request by one person, confirmation by a second: granted, review required, owner notified, audited', async () => {
    const { env, release, freeze, owner, key } = await setup();
    const reqId = `req-${uid()}`;
    const requested = ok(
      await requestFreezeOverride.as(rm, { requestId: reqId })({ releaseKey: key, freezeId: freeze.id, environmentName: env.name, reason: REASON }),
    );
    expect(requested.status).toBe('requested');
    expect((await eventsOfRequest(h.prisma, reqId))[0]).toMatchObject({ action: 'freeze.override_request', targetType: 'release', targetId: release.id });
    expect(await grantedOverrides(h.prisma, release.id)).toEqual([]);

    // the requester cannot confirm their own request
    const self = await expectRefusedWithoutWrites(() => confirmFreezeOverride.as(rm)({ id: requested.id }));
    expect(self.code).toBe('forbidden');
    expect(self.message).toMatch(/second person/);

    const confId = `req-${uid()}`;
    const granted = ok(await confirmFreezeOverride.as(admin, { requestId: confId })({ id: requested.id }));
    expect(granted).toMatchObject({ status: 'granted', postReviewRequired: true });
    expect((await h.prisma.release.findUniqueOrThrow({ where: { id: release.id } })).postReviewRequired).toBe(true);
    expect(await grantedOverrides(h.prisma, release.id)).toEqual([{ freezeId: freeze.id, environmentId: env.id }]);
    expect((await eventsOfRequest(h.prisma, confId))[0]).toMatchObject({ action: 'freeze.override_confirm', actorId: admin.id });
    const notes = await h.prisma.notification.findMany({ where: { releaseId: release.id, kind: 'freeze.override_granted' } });
    expect(notes.map((n) => n.userId).sort()).toEqual([owner.id, rm.id].sort());

    const listed = await listFreezeOverrides(viewer, key);
    expect(listed[0]).toMatchObject({ status: 'granted', reason: REASON, requestedBy: { id: rm.id }, decidedBy: { id: admin.id } });

    // decided once: a second confirmation or a refusal is explained
    const again = await expectRefusedWithoutWrites(() => confirmFreezeOverride.as(rm2)({ id: requested.id }));
    expect(again.message).toMatch(/already granted/);
    // and a new request for the same freeze and environment is not needed
    const dup = await expectRefusedWithoutWrites(() =>
      requestFreezeOverride.as(rm2)({ releaseKey: key, freezeId: freeze.id, environmentName: env.name, reason: REASON }),
    );
    expect(dup.message).toMatch(/already has a granted override/);
  });

  it('the database refuses the same person as requester and confirmer too', async () => {
    const { env, freeze, release } = await setup();
    const o = await h.prisma.freezeOverride.create({
      data: { freezeId: freeze.id, releaseId: release.id, environmentId: env.id, reason: REASON, requestedById: rm.id! },
    });
    const err = await dbError(h.prisma.freezeOverride.update({ where: { id: o.id }, data: { confirmedById: rm.id!, status: 'granted' } }));
    expect(err.message).toMatch(/twoPeople/);
  });

  it('validates the request: reason length, freeze, environment, permission', async () => {
    const { env, freeze, key } = await setup();
    const short = await expectRefusedWithoutWrites(() =>
      requestFreezeOverride.as(rm)({ releaseKey: key, freezeId: freeze.id, environmentName: env.name, reason: '  too short   ' }),
    );
    expect(short.fieldErrors!.reason![0]).toMatch(/at least 20/);
    const other = await makeEnvironment(h.prisma);
    const notPlanned = await expectRefusedWithoutWrites(() =>
      requestFreezeOverride.as(rm)({ releaseKey: key, freezeId: freeze.id, environmentName: other.name, reason: REASON }),
    );
    expect(notPlanned.fieldErrors!.environmentName).toBeDefined();
    const noFreeze = await expectRefusedWithoutWrites(() =>
      requestFreezeOverride.as(rm)({ releaseKey: key, freezeId: 'missing', environmentName: env.name, reason: REASON }),
    );
    expect(noFreeze.fieldErrors!.freezeId).toBeDefined();
    const noRelease = await expectRefusedWithoutWrites(() =>
      requestFreezeOverride.as(rm)({ releaseKey: 'REL-999999', freezeId: freeze.id, environmentName: env.name, reason: REASON }),
    );
    expect(noRelease.code).toBe('not_found');
    const viewerTry = await expectRefusedWithoutWrites(() =>
      requestFreezeOverride.as(viewer)({ releaseKey: key, freezeId: freeze.id, environmentName: env.name, reason: REASON }),
    );
    expect(viewerTry.code).toBe('forbidden');
    ok(await setFreezeWindowActive.as(admin)({ id: freeze.id, active: false }));
    const inactive = await expectRefusedWithoutWrites(() =>
      requestFreezeOverride.as(rm)({ releaseKey: key, freezeId: freeze.id, environmentName: env.name, reason: REASON }),
    );
    expect(inactive.message).toMatch(/inactive/);
  });

  it('refusal by a second person, withdrawal by the requester; neither grants anything', async () => {
    const { env, freeze, release, key } = await setup();
    const a = ok(await requestFreezeOverride.as(rm)({ releaseKey: key, freezeId: freeze.id, environmentName: env.name, reason: REASON }));
    expect(ok(await refuseFreezeOverride.as(rm2)({ id: a.id })).status).toBe('refused');
    const b = ok(await requestFreezeOverride.as(rm)({ releaseKey: key, freezeId: freeze.id, environmentName: env.name, reason: REASON }));
    expect(ok(await refuseFreezeOverride.as(rm)({ id: b.id })).status).toBe('withdrawn');
    expect(await grantedOverrides(h.prisma, release.id)).toEqual([]);
    expect((await h.prisma.release.findUniqueOrThrow({ where: { id: release.id } })).postReviewRequired).toBe(false);
    const statuses = (await listFreezeOverrides(viewer, key)).map((o) => o.status).sort();
    expect(statuses).toEqual(['refused', 'withdrawn']);
  });

  itRaces('two confirmations at once grant exactly once', async () => {
    const { env, freeze, key } = await setup();
    const a = ok(await requestFreezeOverride.as(rm)({ releaseKey: key, freezeId: freeze.id, environmentName: env.name, reason: REASON }));
    const results = await race(h, [() => confirmFreezeOverride.as(rm2)({ id: a.id }), () => confirmFreezeOverride.as(admin)({ id: a.id })]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toMatchObject({ code: 'conflict' });
  });

  it('a policy asking for 3 people needs two confirmers, each a different person', async () => {
    const policy = await h.prisma.policyVersion.create({
      data: { version: 2_000_000_000, document: { ...DEMO_POLICY_DOCUMENT, freezeOverride: { peopleRequired: 3, reasonRequired: true } } },
    });
    try {
      const { env, freeze, release, key } = await setup();
      const a = ok(await requestFreezeOverride.as(rm)({ releaseKey: key, freezeId: freeze.id, environmentName: env.name, reason: REASON }));
      expect(ok(await confirmFreezeOverride.as(rm2)({ id: a.id }))).toMatchObject({ status: 'requested', stillNeeded: 1, peopleRequired: 3 });
      expect(await grantedOverrides(h.prisma, release.id)).toEqual([]);
      const twice = await expectRefusedWithoutWrites(() => confirmFreezeOverride.as(rm2)({ id: a.id }));
      expect(twice.message).toMatch(/already confirmed/);
      expect(ok(await confirmFreezeOverride.as(admin)({ id: a.id }))).toMatchObject({ status: 'granted', stillNeeded: 0 });
      expect(await grantedOverrides(h.prisma, release.id)).toHaveLength(1);
    } finally {
      await h.prisma.policyVersion.delete({ where: { id: policy.id } });
    }
  });

  it('offers the active freezes covering the release environments', async () => {
    const { freeze, env, key } = await setup();
    const opts = (await freezeOverrideOptions(viewer, key))!;
    expect(opts.freezes.map((f) => f.id)).toContain(freeze.id);
    expect(opts.environments.map((e) => e.name)).toEqual([env.name]);
    expect(await freezeOverrideOptions(viewer, 'REL-0')).toBeNull();
  });
});

describe('hostile input', () => {
  it('never fails with an unexpected error', async () => {
    const inputs: unknown[] = [
      null,
      'x',
      [],
      { ...weekend(), environments: 5 },
      { ...weekend(), environments: [{ a: 1 }] },
      { ...weekend(), components: 'a,b,,c' },
      { ...weekend(), durationMinutes: { n: 1 } },
      { ...weekend(), rrule: 'DTSTART:20261301T000000\nFREQ=DAILY' },
      { ...weekend(), timezone: 'x'.repeat(70) },
      { ...weekend(), name: 'a\u0000b' },
      { name: 'One-off', reason: 'r', kind: 'one_off', startsAt: '2026-02-30T10:00', endsAt: '2026-03-01T10:00', timezone: 'Europe/London' },
      { name: 'One-off', reason: 'r', kind: 'one_off', startsAt: '99999-01-01T00:00', endsAt: '2026-03-01T10:00+25:00' },
    ];
    for (const input of inputs) {
      const r = await createFreezeWindow.as(admin)(input);
      expect(r.ok ? 'ok' : r.code).not.toBe('error');
    }
    for (const input of [null, {}, { id: 'x', active: 'maybe' }, { id: ['x'], active: true }]) {
      const r = await setFreezeWindowActive.as(admin)(input);
      expect(r.ok).toBe(false);
      expect(r.ok ? '' : r.code).not.toBe('error');
    }
    for (const input of [null, { releaseKey: 'REL-1; drop', freezeId: 'x', environmentName: 'y', reason: 'z'.repeat(30) }, { releaseKey: 5 }]) {
      const r = await requestFreezeOverride.as(rm)(input);
      expect(r.ok ? '' : r.code).not.toBe('error');
    }
    for (const input of [null, { id: '' }, { id: 'nope' }]) {
      expect(await confirmFreezeOverride.as(admin)(input)).toMatchObject({ ok: false });
      expect(await refuseFreezeOverride.as(admin)(input)).toMatchObject({ ok: false });
    }
  });
});
