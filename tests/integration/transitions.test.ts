import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/lib/server/db';
import { getReleaseGates, transitionRelease } from '@/lib/server/transitions';
import type { Actor } from '@/lib/server/actor';
import { freshDatabase } from '../support/db';
import { makeEnvironment, makeRelease, makeUser, uid } from '../support/factories';
import { eventsOfRequest, fingerprint } from '../support/inspect';
import { readyRelease } from './lifecycle-support';
import { now as clockNow, nowMs } from '@/lib/server/clock';
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

const row = (id: string) => h.prisma.release.findUniqueOrThrow({ where: { id } });

describe('submit', () => {
  it('is refused with every unmet gate, and writes nothing', async () => {
    const r = await makeRelease(h.prisma, { ownerId: rm.id! });
    const key = releaseKey(r.number);
    await h.prisma.planTask.createMany({
      data: [
        { releaseId: r.id, name: 'Run smoke tests', estimateMinutes: 10 },
        { releaseId: r.id, name: 'Notify support', estimateMinutes: 5 },
        { releaseId: r.id, name: 'Deploy', ownerId: rm.id, estimateMinutes: 30 },
      ],
    });
    const before = await fingerprint(h.runner);
    const res = await transitionRelease.as(rm)({ releaseKey: key, to: 'submitted', version: r.version });
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.code).toBe('gates');
    expect(res.message).toBe(`${key} cannot be submitted: 5 gates are not met.`);
    const failed = res.gates!.filter((g) => !g.passed);
    expect(failed.map((g) => g.rule).sort()).toEqual(['package.compatible', 'package.integrity', 'package.sealed', 'plan.owners', 'risks.assessed']);
    expect(failed.every((g) => g.why && g.fix)).toBe(true);
    expect(res.gates!.find((g) => g.rule === 'plan.owners')!.why).toBe('2 of 3 plan tasks have no owner: Run smoke tests and Notify support.');
    expect(await fingerprint(h.runner)).toEqual(before);
  });

  it('passes with a sealed, compatible, verified package, no known risks and owned tasks', async () => {
    const r = await readyRelease(h.prisma, { ownerId: rm.id! });
    const gatesBefore = await getReleaseGates(rm, r.key);
    expect(gatesBefore!.transitions.find((t) => t.to === 'submitted')!.allowed).toBe(true);

    const requestId = `req-${uid()}`;
    const res = await transitionRelease.as(rm, { requestId })({ releaseKey: r.key.toLowerCase(), to: 'submitted', version: r.version });
    expect(res).toMatchObject({ ok: true, data: { key: r.key, from: 'draft', to: 'submitted', version: r.version + 1 } });
    const after = await row(r.id);
    expect(after).toMatchObject({ status: 'submitted', version: r.version + 1, updatedById: rm.id });
    expect(after.submittedAt).toBeInstanceOf(Date);
    const transitions = await h.prisma.releaseTransition.findMany({ where: { releaseId: r.id } });
    expect(transitions).toHaveLength(1);
    expect(transitions[0]).toMatchObject({ fromStatus: 'draft', toStatus: 'submitted', actorId: rm.id, policyVersionId: null });
    expect((transitions[0]!.gates as { rule: string }[]).map((g) => g.rule)).toContain('plan.owners');
    const events = await eventsOfRequest(h.prisma, requestId);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: 'release.transition', targetId: r.id });

    // the next step's gates say which capability is missing
    const next = await getReleaseGates(viewer, r.key);
    expect(next!.canTransition).toBe(false);
    expect(next!.transitions.map((t) => t.to)).toEqual(['approved', 'rejected', 'cancelled']);
    expect(next!.transitions.every((t) => !t.allowed)).toBe(true);
  });
});

describe('integrity', () => {
  it('refuses to submit a package whose seal no longer matches', async () => {
    const r = await readyRelease(h.prisma, { ownerId: rm.id! });
    await h.prisma.releasePackage.update({ where: { releaseId: r.id }, data: { sealedDigest: 'f'.repeat(64) } });
    const res = await transitionRelease.as(rm)({ releaseKey: r.key, to: 'submitted', version: r.version });
    expect(res).toMatchObject({ ok: false, code: 'gates' });
    if (res.ok) return;
    expect(res.gates!.filter((g) => !g.passed).map((g) => g.rule)).toEqual(['package.integrity']);
    expect(res.gates!.find((g) => g.rule === 'package.integrity')!.why).toMatch(/^Integrity verification failed: /);
  });
});

describe('cancel', () => {
  it('needs a reason, then records it', async () => {
    const r = await makeRelease(h.prisma, { ownerId: rm.id! });
    const key = releaseKey(r.number);
    const missing = await transitionRelease.as(rm)({ releaseKey: key, to: 'cancelled', version: r.version, reason: '   ' });
    expect(missing).toMatchObject({ ok: false, code: 'invalid', fieldErrors: { reason: [expect.stringMatching(/Say why/)] } });
    const res = await transitionRelease.as(rm)({ releaseKey: key, to: 'cancelled', version: r.version, reason: 'Superseded by a later release.' });
    expect(res.ok).toBe(true);
    expect((await row(r.id)).status).toBe('cancelled');
    const t = await h.prisma.releaseTransition.findFirstOrThrow({ where: { releaseId: r.id } });
    expect(t.reason).toBe('Superseded by a later release.');
    // terminal: nothing more
    const again = await transitionRelease.as(rm)({ releaseKey: key, to: 'draft', version: r.version + 1 });
    expect(again).toMatchObject({ ok: false, code: 'gates' });
    expect(again.ok === false && again.gates![0]!.rule).toBe('lifecycle.from_state');
  });
});

describe('refusals', () => {
  it('refuses a stale version, naming who changed the release', async () => {
    const r = await readyRelease(h.prisma, { ownerId: rm.id! });
    const res = await transitionRelease.as(rm)({ releaseKey: r.key, to: 'submitted', version: r.version - 1 });
    expect(res).toMatchObject({ ok: false, code: 'stale' });
    expect(res.ok === false && res.message).toMatch(/version/);
    expect((await row(r.id)).status).toBe('draft');
  });

  it('refuses unknown keys and statuses, and viewers', async () => {
    expect(await transitionRelease.as(rm)({ releaseKey: 'REL-999999', to: 'submitted', version: 1 })).toMatchObject({ ok: false, code: 'not_found' });
    expect(await transitionRelease.as(rm)({ releaseKey: 'nope', to: 'submitted', version: 1 })).toMatchObject({ ok: false, code: 'invalid' });
    expect(await transitionRelease.as(rm)({ releaseKey: 'REL-1', to: 'shipped', version: 1 })).toMatchObject({
      ok: false,
      code: 'invalid',
      fieldErrors: { to: [expect.any(String)] },
    });
    expect(await transitionRelease.as(viewer)({ releaseKey: 'REL-1', to: 'submitted', version: 1 })).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await getReleaseGates(rm, 'REL-999999')).toBeNull();
    expect(await getReleaseGates(rm, 'garbage')).toBeNull();
  });

  itRaces('lets exactly one of two concurrent submits through', async () => {
    const r = await readyRelease(h.prisma, { ownerId: rm.id! });
    const other = (await makeUser(h.prisma, ['release_manager'])).actor;
    const results = await race(h, [
      () => transitionRelease.as(rm)({ releaseKey: r.key, to: 'submitted', version: r.version }),
      () => transitionRelease.as(other)({ releaseKey: r.key, to: 'submitted', version: r.version }),
    ]);
    expect(results.filter((x) => x.ok)).toHaveLength(1);
    const loser = results.find((x) => !x.ok);
    expect(loser).toMatchObject({ ok: false, code: 'stale' });
    expect(await h.prisma.releaseTransition.count({ where: { releaseId: r.id } })).toBe(1);
    expect(await row(r.id)).toMatchObject({ status: 'submitted', version: r.version + 1 });
  });
});

describe('start deployment (scheduled → deploying)', () => {
  it('checks freezes again at deployment time, and a granted override lifts the freeze', async () => {
    const r = await readyRelease(h.prisma, { ownerId: rm.id! });
    const env = await makeEnvironment(h.prisma);
    const now = nowMs();
    await h.prisma.releaseEnvironment.create({
      data: { releaseId: r.id, environmentId: env.id, scheduledStart: new Date(now - 3_600_000), scheduledEnd: new Date(now + 3_600_000) },
    });
    await h.prisma.release.update({ where: { id: r.id }, data: { status: 'scheduled' } });
    const version = (await row(r.id)).version;

    // inside the window and no freeze: allowed
    const open = await getReleaseGates(rm, r.key);
    expect(open!.transitions.find((t) => t.to === 'deploying')!.allowed).toBe(true);

    // a freeze declared after scheduling blocks the deployment, named
    const freeze = await h.prisma.freezeWindow.create({
      data: {
        name: `Incident freeze ${uid()}`,
        reason: 'Major incident in progress',
        kind: 'one_off',
        startsAt: new Date(now - 600_000),
        endsAt: new Date(now + 600_000),
        environments: { create: { environmentId: env.id } },
      },
    });
    const refused = await transitionRelease.as(rm)({ releaseKey: r.key, to: 'deploying', version });
    expect(refused).toMatchObject({ ok: false, code: 'gates' });
    const gate = refused.ok ? undefined : refused.gates!.find((g) => g.rule === 'deploy.window');
    expect(gate).toMatchObject({ passed: false });
    expect(gate!.why).toContain(freeze.name);
    expect((await row(r.id)).status).toBe('scheduled');

    // two people granted an override for this release and environment
    const confirmer = await makeUser(h.prisma, ['release_manager']);
    await h.prisma.freezeOverride.create({
      data: {
        freezeId: freeze.id,
        releaseId: r.id,
        environmentId: env.id,
        reason: 'Fix for the incident itself, agreed with the CAB',
        status: 'granted',
        requestedById: rm.id!,
        confirmedById: confirmer.id,
        decidedAt: clockNow(),
      },
    });
    const started = await transitionRelease.as(rm)({ releaseKey: r.key, to: 'deploying', version });
    expect(started).toMatchObject({ ok: true, data: { to: 'deploying' } });
  });
});
