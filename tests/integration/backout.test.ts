import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/lib/server/db';
import { environmentsRunning } from '@/lib/server/deployments';
import { executeBackout, getBackoutPlan, recordRehearsal, saveBackoutPlan } from '@/lib/server/backout';
import { getReleaseGates, transitionRelease } from '@/lib/server/transitions';
import type { Actor } from '@/lib/server/actor';
import { RELEASE_STATUSES } from '@/lib/domain/lifecycle';
import { allows as statusAllows, refusalFor } from '@/lib/domain/release-rules';
import { freshDatabase } from '../support/db';
import { makeApiToken, makeBuild, makeTeam, makeUser, uid } from '../support/factories';
import { eventsOfRequest, fingerprint } from '../support/inspect';
import { policyDocument, savePolicy } from './approvals-support';
import { backoutScene, deployedScene } from './backout-support';
import { POST as postBackoutRoute } from '@/app/api/v1/releases/[key]/backout/route';
import { GET as getEnvironmentsRoute } from '@/app/api/v1/environments/route';
import { GET as getReleaseRoute } from '@/app/api/v1/releases/[key]/route';
import { POST as postDeploymentRoute } from '@/app/api/v1/deployments/route';
import { POST as postVerificationRoute } from '@/app/api/v1/deployments/[id]/verifications/route';
import fc from 'fast-check';
import { itRaces, race } from '../support/race';

let h: DbHandle;
let rm: Actor;
let ops: Actor;
let viewer: Actor;

beforeAll(async () => {
  h = await freshDatabase();
  rm = (await makeUser(h.prisma, ['release_manager'], { name: 'Rita Manager' })).actor;
  ops = (await makeUser(h.prisma, ['operations'], { name: 'Otto Ops' })).actor;
  viewer = (await makeUser(h.prisma, ['viewer'])).actor;
  // approvers exist, so approval feasibility never blocks a submit here
  await makeUser(h.prisma, ['approver']);
  await makeUser(h.prisma, ['approver']);
  // a policy that requires a back-out plan for normal, major and emergency releases (the default)
  await savePolicy(h.prisma, policyDocument());
});

afterAll(async () => {
  await h?.close();
});

const steps = [
  { description: 'Stop traffic to the new version', expectedMinutes: 5 },
  { description: 'Redeploy the previous build', expectedMinutes: 15 },
];

describe('saving a back-out plan', () => {
  it('defaults each target to what the production environment runs now, and audits', async () => {
    const s = await backoutScene(h.prisma, { ownerId: rm.id! });
    const view = await getBackoutPlan(rm, s.key);
    expect(view!.plan).toBeNull();
    expect(view!.targets).toEqual([
      expect.objectContaining({
        component: s.component.name,
        shipping: '1.1.0',
        runningNow: { buildId: s.old.id, version: '1.0.0' },
        target: { buildId: s.old.id, version: '1.0.0', defaulted: true },
      }),
    ]);
    expect(view!.facts).toMatchObject({ present: false, complete: false });

    const requestId = `req-${uid()}`;
    const res = await saveBackoutPlan.as(rm, { requestId })({
      releaseKey: s.key,
      version: s.version,
      expectedDurationMinutes: 20,
      triggerCriteria: 'Error rate above 2% for 5 minutes',
      steps,
      targets: [{ component: s.component.name }],
    });
    expect(res).toMatchObject({
      ok: true,
      data: {
        key: s.key,
        version: s.version + 1,
        targets: [{ component: s.component.name, buildId: s.old.id, version: '1.0.0', defaulted: true }],
        untargeted: [],
      },
    });
    const plan = await h.prisma.backoutPlan.findUniqueOrThrow({
      where: { releaseId: s.id },
      include: { steps: { orderBy: { position: 'asc' } }, targets: true },
    });
    expect(plan.steps.map((x) => [x.position, x.description, x.expectedMinutes])).toEqual([
      [1, 'Stop traffic to the new version', 5],
      [2, 'Redeploy the previous build', 15],
    ]);
    expect(plan.targets).toEqual([{ planId: plan.id, componentId: s.component.id, buildId: s.old.id }]);
    expect((await h.prisma.release.findUniqueOrThrow({ where: { id: s.id } })).version).toBe(s.version + 1);
    const events = await eventsOfRequest(h.prisma, requestId);
    expect(events.map((e) => e.action)).toEqual(['backout.plan_created']);

    const after = await getBackoutPlan(viewer, s.key);
    expect(after!.plan!.steps).toHaveLength(2);
    expect(after!.facts).toEqual({ present: true, complete: true, problems: [] });
    expect(after!.canEdit).toBe(false);
  });

  it('is editable in exactly the statuses whose save is accepted, refused with the rules sentence (one rules table)', async () => {
    for (const status of RELEASE_STATUSES) {
      const s = await backoutScene(h.prisma, { ownerId: rm.id! });
      await h.prisma.release.update({ where: { id: s.id }, data: { status } });
      const view = (await getBackoutPlan(rm, s.key))!;
      expect({ status, editable: view.editable }).toEqual({ status, editable: statusAllows(status, 'editBackoutPlan') });
      const res = await saveBackoutPlan.as(rm)({
        releaseKey: s.key,
        version: s.version,
        expectedDurationMinutes: 10,
        triggerCriteria: 'x',
        steps,
        targets: [],
      });
      expect({ status, ok: res.ok }).toEqual({ status, ok: view.editable });
      if (!res.ok) expect(res.message).toBe(refusalFor(s.key, status, 'editBackoutPlan'));
    }
  });

  it('fills targets for package components that are not listed, and replaces steps on a second save', async () => {
    const s = await backoutScene(h.prisma, { ownerId: rm.id! });
    const first = await saveBackoutPlan.as(rm)({
      releaseKey: s.key,
      version: s.version,
      expectedDurationMinutes: 10,
      triggerCriteria: 'x',
      steps,
      targets: [],
    });
    expect(first).toMatchObject({ ok: true, data: { targets: [{ component: s.component.name, buildId: s.old.id, defaulted: true }] } });
    const other = await makeBuild(h.prisma, { componentId: s.component.id, version: '0.9.0' });
    const second = await saveBackoutPlan.as(rm)({
      releaseKey: s.key,
      version: s.version + 1,
      expectedDurationMinutes: 10,
      triggerCriteria: 'x',
      steps: [steps[1]],
      targets: [{ component: s.component.name.toUpperCase(), buildId: other.id }],
    });
    expect(second).toMatchObject({ ok: true, data: { targets: [{ buildId: other.id, version: '0.9.0', defaulted: false }] } });
    const plan = await h.prisma.backoutPlan.findUniqueOrThrow({ where: { releaseId: s.id }, include: { steps: true, targets: true } });
    expect(plan.steps).toHaveLength(1);
    expect(plan.targets[0]!.buildId).toBe(other.id);
  });

  it('refuses a build of another component, this release’s own build and components outside the package, writing nothing', async () => {
    const s = await backoutScene(h.prisma, { ownerId: rm.id! });
    const foreign = await makeBuild(h.prisma);
    const before = await fingerprint(h.runner);
    const wrong = await saveBackoutPlan.as(rm)({
      releaseKey: s.key,
      version: s.version,
      expectedDurationMinutes: 10,
      triggerCriteria: 'x',
      steps,
      targets: [{ component: s.component.name, buildId: foreign.id }],
    });
    expect(wrong).toMatchObject({ ok: false, code: 'invalid' });
    if (wrong.ok) return;
    expect(wrong.fieldErrors!['targets.0.buildId']![0]).toMatch(/belongs to component-.*, not /);

    const own = await saveBackoutPlan.as(rm)({
      releaseKey: s.key,
      version: s.version,
      expectedDurationMinutes: 10,
      triggerCriteria: 'x',
      steps,
      targets: [{ component: s.component.name, buildId: s.next.id }],
    });
    expect(own).toMatchObject({ ok: false, code: 'invalid' });
    if (!own.ok) expect(own.fieldErrors!['targets.0.buildId']![0]).toMatch(/is the one REL-\d+ ships/);

    const outside = await saveBackoutPlan.as(rm)({
      releaseKey: s.key,
      version: s.version,
      expectedDurationMinutes: 10,
      triggerCriteria: 'x',
      steps,
      targets: [{ component: 'not-in-package' }],
    });
    expect(outside).toMatchObject({ ok: false, code: 'invalid' });
    if (!outside.ok) expect(outside.fieldErrors!['targets.0.component']![0]).toMatch(/is not in REL-\d+'s package/);
    expect(await fingerprint(h.runner)).toEqual(before);
  });

  it('refuses missing triggers, no steps and hostile input with field errors', async () => {
    const s = await backoutScene(h.prisma, { ownerId: rm.id! });
    const res = await saveBackoutPlan.as(rm)({
      releaseKey: s.key,
      version: s.version,
      expectedDurationMinutes: 0,
      triggerCriteria: '  ',
      steps: [],
      targets: [],
    });
    expect(res).toMatchObject({ ok: false, code: 'invalid' });
    if (!res.ok) expect(Object.keys(res.fieldErrors!).sort()).toEqual(['expectedDurationMinutes', 'steps', 'triggerCriteria']);
    for (const raw of [
      null,
      'x',
      { releaseKey: s.key, version: 'NaN' },
      { releaseKey: s.key, version: 1, steps: [{ description: { $ne: 1 } }] },
      { releaseKey: 'x'.repeat(10_000) },
    ]) {
      const r = await saveBackoutPlan.as(rm)(raw);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.code).toBe('invalid');
    }
  });

  it('refuses a stale version, naming who changed the release', async () => {
    const s = await backoutScene(h.prisma, { ownerId: rm.id! });
    const ok = await saveBackoutPlan.as(rm)({ releaseKey: s.key, version: s.version, expectedDurationMinutes: 10, triggerCriteria: 'x', steps, targets: [] });
    expect(ok.ok).toBe(true);
    const again = await saveBackoutPlan.as(rm)({
      releaseKey: s.key,
      version: s.version,
      expectedDurationMinutes: 30,
      triggerCriteria: 'y',
      steps,
      targets: [],
    });
    expect(again).toMatchObject({ ok: false, code: 'stale' });
    if (!again.ok) expect(again.message).toMatch(/Rita Manager saved a newer version of REL-/);
    expect((await h.prisma.backoutPlan.findUniqueOrThrow({ where: { releaseId: s.id } })).triggerCriteria).toBe('x');
  });

  it('refuses an unknown release and a viewer', async () => {
    expect(
      await saveBackoutPlan.as(rm)({ releaseKey: 'REL-999999', version: 1, expectedDurationMinutes: 10, triggerCriteria: 'x', steps, targets: [] }),
    ).toMatchObject({ ok: false, code: 'not_found' });
    const s = await backoutScene(h.prisma);
    expect(
      await saveBackoutPlan.as(viewer)({ releaseKey: s.key, version: s.version, expectedDurationMinutes: 10, triggerCriteria: 'x', steps, targets: [] }),
    ).toMatchObject({ ok: false, code: 'forbidden' });
  });
});

describe('rehearsal', () => {
  it('records the last rehearsal and refuses without a plan, in the future or older than the last', async () => {
    const s = await backoutScene(h.prisma, { ownerId: rm.id! });
    const none = await recordRehearsal.as(rm)({ releaseKey: s.key, at: '2026-01-10', result: 'passed', notes: '' });
    expect(none).toMatchObject({ ok: false, code: 'conflict' });
    await saveBackoutPlan.as(rm)({ releaseKey: s.key, version: s.version, expectedDurationMinutes: 10, triggerCriteria: 'x', steps, targets: [] });
    const requestId = `req-${uid()}`;
    const ok = await recordRehearsal.as(rm, { requestId })({
      releaseKey: s.key,
      at: '2026-01-10T10:00:00Z',
      result: 'passed_with_notes',
      notes: 'Took 25 minutes, not 20',
    });
    expect(ok).toMatchObject({ ok: true, data: { result: 'passed_with_notes' } });
    expect((await eventsOfRequest(h.prisma, requestId)).map((e) => e.action)).toEqual(['backout.rehearsal_recorded']);
    const view = await getBackoutPlan(rm, s.key);
    expect(view!.plan!.lastRehearsal).toEqual({ at: '2026-01-10T10:00:00.000Z', result: 'passed_with_notes', notes: 'Took 25 minutes, not 20' });

    expect(await recordRehearsal.as(rm)({ releaseKey: s.key, at: '2099-01-01', result: 'passed' })).toMatchObject({ ok: false, code: 'invalid' });
    expect(await recordRehearsal.as(rm)({ releaseKey: s.key, at: '2025-01-01', result: 'passed' })).toMatchObject({ ok: false, code: 'conflict' });
    expect(await recordRehearsal.as(rm)({ releaseKey: s.key, at: 'not a date', result: 'passed' })).toMatchObject({ ok: false, code: 'invalid' });
    expect(await recordRehearsal.as(rm)({ releaseKey: s.key, at: '2026-01-11', result: 'maybe' })).toMatchObject({ ok: false, code: 'invalid' });
  });
});

describe('the submit gate', () => {
  it('refuses to submit a normal release without a back-out plan when the policy requires one', async () => {
    const s = await backoutScene(h.prisma, { ownerId: rm.id! });
    const res = await transitionRelease.as(rm)({ releaseKey: s.key, to: 'submitted', version: s.version });
    expect(res).toMatchObject({ ok: false, code: 'gates' });
    if (res.ok) return;
    const failed = res.gates!.filter((g) => !g.passed);
    expect(failed.map((g) => g.rule)).toEqual(['backout.plan']);
    expect(failed[0]!.why).toMatch(/requires a back-out plan for normal releases/);
    expect(failed[0]!.fix).toMatch(/Back-out section/);
  });

  it('allows submitting the normal release once the plan is complete', async () => {
    const s = await backoutScene(h.prisma, { ownerId: rm.id! });
    const saved = await saveBackoutPlan.as(rm)({
      releaseKey: s.key,
      version: s.version,
      expectedDurationMinutes: 10,
      triggerCriteria: 'x',
      steps,
      targets: [],
    });
    expect(saved.ok).toBe(true);
    const gates = await getReleaseGates(rm, s.key);
    expect(gates!.transitions.find((t) => t.to === 'submitted')!.gates.find((g) => g.rule === 'backout.plan')).toMatchObject({ passed: true });
    const res = await transitionRelease.as(rm)({ releaseKey: s.key, to: 'submitted', version: s.version + 1 });
    expect(res).toMatchObject({ ok: true, data: { to: 'submitted' } });
  });

  it('reports an incomplete plan (a component that runs now without a target)', async () => {
    const s = await backoutScene(h.prisma, { ownerId: rm.id! });
    await h.prisma.backoutPlan.create({
      data: { releaseId: s.id, expectedDurationMinutes: 5, triggerCriteria: 'x', steps: { create: [{ position: 1, description: 'x' }] } },
    });
    const gates = await getReleaseGates(rm, s.key);
    const g = gates!.transitions.find((t) => t.to === 'submitted')!.gates.find((x) => x.rule === 'backout.plan')!;
    expect(g.passed).toBe(false);
    expect(g.why).toMatch(/no build to return to for component-/);
  });

  it('allows submitting a standard release without a plan', async () => {
    const s = await backoutScene(h.prisma, { ownerId: rm.id!, type: 'standard' });
    const res = await transitionRelease.as(rm)({ releaseKey: s.key, to: 'submitted', version: s.version });
    expect(res).toMatchObject({ ok: true, data: { to: 'submitted' } });
    if (res.ok) expect(res.data.gates.map((g) => g.rule)).not.toContain('backout.plan');
  });
});

describe('executing a back-out', () => {
  it('records a backout deployment of the previous builds, restores the environment, rolls the release back and requires a review', async () => {
    const s = await deployedScene(h.prisma);
    await h.prisma.release.update({ where: { id: s.id }, data: { ownerId: rm.id! } });
    const view = await getBackoutPlan(ops, s.key);
    expect(view!.canExecute).toBe(true);
    expect(view!.backoutEnvironments).toEqual([{ name: s.env.name, displayName: 'Production', deploymentStatus: 'failed' }]);

    const requestId = `req-${uid()}`;
    const res = await executeBackout.as(ops, { requestId })({ releaseKey: s.key, environment: s.env.name, reason: 'Checkout errors at 5%' });
    expect(res).toMatchObject({
      ok: true,
      data: { key: s.key, environment: s.env.name, status: 'rolled_back', items: [{ component: s.component.name, version: '1.0.0' }], removed: [] },
    });
    if (!res.ok) return;

    const d = await h.prisma.deployment.findUniqueOrThrow({ where: { id: res.data.deploymentId }, include: { items: true } });
    expect(d).toMatchObject({
      kind: 'backout',
      status: 'succeeded',
      releaseId: s.id,
      environmentId: s.env.id,
      notes: 'Checkout errors at 5%',
      executedBy: ops.email,
    });
    expect(d.items).toEqual([{ deploymentId: d.id, componentId: s.component.id, buildId: s.old.id }]);
    expect((await h.prisma.deployment.findUniqueOrThrow({ where: { id: s.deploymentId } })).status).toBe('rolled_back');

    const running = await h.prisma.environmentComponent.findUniqueOrThrow({
      where: { environmentId_componentId: { environmentId: s.env.id, componentId: s.component.id } },
    });
    expect(running).toMatchObject({ buildId: s.old.id, deploymentId: d.id });

    const release = await h.prisma.release.findUniqueOrThrow({ where: { id: s.id } });
    expect(release).toMatchObject({ status: 'rolled_back', postReviewRequired: true, version: s.version + 1, updatedById: ops.id });
    const t = await h.prisma.releaseTransition.findFirstOrThrow({ where: { releaseId: s.id } });
    expect(t).toMatchObject({ fromStatus: 'deployed', toStatus: 'rolled_back', actorId: ops.id, reason: 'Checkout errors at 5%' });

    const events = await eventsOfRequest(h.prisma, requestId);
    expect(events.map((e) => e.action)).toEqual(['backout.executed', 'release.transition']);
    const notes = await h.prisma.notification.findMany({ where: { releaseId: s.id, userId: rm.id! } });
    expect(notes).toHaveLength(1);
    expect(notes[0]!.title).toBe(`${s.key} was backed out in ${s.env.name}`);

    // the next step is the review
    const gates = await getReleaseGates(rm, s.key);
    expect(gates!.transitions.map((x) => [x.to, x.allowed])).toEqual([['in_review', true]]);
    // and it cannot be backed out twice
    const twice = await executeBackout.as(ops)({ releaseKey: s.key, environment: s.env.name, reason: 'again' });
    expect(twice).toMatchObject({ ok: false, code: 'gates' });
  });

  it('to a protected environment, only its named deployers may back out (deploy.protected), with the reason', async () => {
    const s = await deployedScene(h.prisma);
    const team = await makeTeam(h.prisma, 'Night shift');
    const nightOps = (await makeUser(h.prisma, ['operations'], { name: 'Nia Night', teamId: team.id })).actor;
    await h.prisma.environment.update({
      where: { id: s.env.id },
      data: { protected: true, deployRoles: ['operations'], deployTeams: { create: [{ teamId: team.id }] } },
    });
    // the environments API names who may deploy there
    const listed = (await environmentsRunning(ops)).find((e) => e.name === s.env.name);
    expect(listed).toMatchObject({ protected: true, deployers: { roles: ['operations'], teams: [team.slug] } });
    const before = await fingerprint(h.runner);
    const refused = await executeBackout.as(ops)({ releaseKey: s.key, environment: s.env.name, reason: 'Errors' });
    expect(refused).toMatchObject({ ok: false, code: 'gates' });
    if (!refused.ok) {
      expect(refused.gates!.filter((g) => !g.passed)).toEqual([
        expect.objectContaining({
          rule: 'deploy.protected',
          why: `${s.env.name} is protected: only operations of team Night shift may deploy to it; you are Otto Ops (operations, in no team).`,
        }),
      ]);
    }
    expect(await fingerprint(h.runner)).toEqual(before);
    const done = await executeBackout.as(nightOps)({ releaseKey: s.key, environment: s.env.name, reason: 'Errors' });
    expect(done).toMatchObject({ ok: true, data: { status: 'rolled_back' } });
  });

  it('refuses without a deployment in that environment, without a reason, before deploying, and for a viewer — writing nothing', async () => {
    const s = await deployedScene(h.prisma);
    const other = await h.prisma.environment.create({
      data: { name: `stage-${uid()}`, displayName: 'Staging', tier: 'staging', position: Math.floor(Math.random() * 1e9) + 1 },
    });
    const before = await fingerprint(h.runner);
    const noDeploy = await executeBackout.as(ops)({ releaseKey: s.key, environment: other.name, reason: 'x' });
    expect(noDeploy).toMatchObject({ ok: false, code: 'gates' });
    if (!noDeploy.ok) expect(noDeploy.gates!.find((g) => !g.passed)!.rule).toBe('backout.deployment');
    expect(await executeBackout.as(ops)({ releaseKey: s.key, environment: s.env.name, reason: '   ' })).toMatchObject({ ok: false, code: 'invalid' });
    expect(await executeBackout.as(ops)({ releaseKey: s.key, environment: 'nowhere', reason: 'x' })).toMatchObject({ ok: false, code: 'not_found' });
    expect(await executeBackout.as(viewer)({ releaseKey: s.key, environment: s.env.name, reason: 'x' })).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await executeBackout.as(rm)({ releaseKey: s.key, environment: s.env.name, reason: 'x' })).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await fingerprint(h.runner)).toEqual(before);

    const draft = await backoutScene(h.prisma);
    const early = await executeBackout.as(ops)({ releaseKey: draft.key, environment: draft.env.name, reason: 'x' });
    expect(early).toMatchObject({ ok: false, code: 'gates' });
    if (!early.ok) expect(early.gates![0]).toMatchObject({ rule: 'backout.from_state', passed: false });
  });

  it('refuses when the plan names no build to return to', async () => {
    const s = await deployedScene(h.prisma, { deploymentStatus: 'succeeded' });
    await h.prisma.backoutTarget.deleteMany({ where: { planId: s.planId } });
    const res = await executeBackout.as(ops)({ releaseKey: s.key, environment: s.env.name, reason: 'Latency doubled' });
    expect(res).toMatchObject({ ok: false, code: 'gates' });
    if (!res.ok) expect(res.gates!.filter((g) => !g.passed).map((g) => g.rule)).toEqual(['backout.plan']);
  });

  itRaces('of two people executing at once, exactly one wins', async () => {
    const s = await deployedScene(h.prisma);
    const [a, b] = await race(h, [
      () => executeBackout.as(ops)({ releaseKey: s.key, environment: s.env.name, reason: 'a' }),
      () => executeBackout.as(ops)({ releaseKey: s.key, environment: s.env.name, reason: 'b' }),
    ]);
    expect([a.ok, b.ok].filter(Boolean)).toHaveLength(1);
    expect(await h.prisma.deployment.count({ where: { releaseId: s.id, kind: 'backout' } })).toBe(1);
  });
});

describe('the back-out and environments API', () => {
  const BASE = 'http://relm.test';
  const tokenFor = (userId: string, scopes: string[]) => makeApiToken(h.prisma, userId, scopes, { namePrefix: 'ci' });
  const req = (path: string, token?: string, body?: unknown) =>
    new Request(`${BASE}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const p = <T>(v: T) => ({ params: Promise.resolve(v) });

  it('POST /api/v1/releases/{key}/backout: 401, 403, 400, 201, then 422 once rolled back; GET /api/v1/environments shows the restored build', async () => {
    const s = await deployedScene(h.prisma);
    const opsUser = await makeUser(h.prisma, ['operations']);
    const ci = await tokenFor(opsUser.id, ['deployment.record', 'catalog.read']);
    const readOnly = await tokenFor(opsUser.id, ['release.read', 'catalog.read']);
    const path = `/api/v1/releases/${s.key}/backout`;
    const body = { environment: s.env.name, reason: 'Synthetic checkout failing' };

    expect((await postBackoutRoute(req(path, undefined, body), p({ key: s.key }))).status).toBe(401);
    expect((await postBackoutRoute(req(path, readOnly, body), p({ key: s.key }))).status).toBe(403);
    const bad = await postBackoutRoute(req(path, ci, { environment: s.env.name }), p({ key: s.key }));
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.fieldErrors.reason).toBeDefined();
    expect((await postBackoutRoute(req('/api/v1/releases/REL-99999999/backout', ci, body), p({ key: 'REL-99999999' }))).status).toBe(404);

    const done = await postBackoutRoute(req(path, ci, body), p({ key: s.key }));
    expect(done.status).toBe(201);
    expect(await done.json()).toMatchObject({
      key: s.key,
      environment: s.env.name,
      status: 'rolled_back',
      items: [{ component: s.component.name, version: '1.0.0' }],
    });
    const again = await postBackoutRoute(req(path, ci, body), p({ key: s.key }));
    expect(again.status).toBe(422);

    // the release as a pipeline reads it: the back-out, then the deployment it replaced
    const read = await getReleaseRoute(req(`/api/v1/releases/${s.key}`, readOnly), p({ key: s.key }));
    expect(read.status).toBe(200);
    const detail = await read.json();
    expect(detail.release.status).toBe('rolled_back');
    expect(detail.deployments.map((d: { kind: string; status: string }) => [d.kind, d.status])).toEqual([
      ['backout', 'succeeded'],
      ['deploy', 'rolled_back'],
    ]);

    const envs = await getEnvironmentsRoute(req('/api/v1/environments', readOnly), p({}));
    expect(envs.status).toBe(200);
    const prod = (await envs.json()).items.find((e: { name: string }) => e.name === s.env.name);
    expect(prod).toMatchObject({ tier: 'production', deployers: null, running: [{ component: s.component.name, version: '1.0.0', releaseKey: s.key }] });
    expect((await getEnvironmentsRoute(req('/api/v1/environments'), p({}))).status).toBe(401);
  });

  it('answers any JSON body to the pipeline write endpoints without a 500', async () => {
    const s = await deployedScene(h.prisma, { deploymentStatus: 'succeeded' });
    const opsUser = await makeUser(h.prisma, ['operations']);
    const ci = await tokenFor(opsUser.id, ['*']);
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ maxDepth: 3 }), async (body) => {
        for (const res of [
          await postBackoutRoute(req(`/api/v1/releases/${s.key}/backout`, ci, body), p({ key: s.key })),
          await postDeploymentRoute(req('/api/v1/deployments', ci, body), p({})),
          await postVerificationRoute(req(`/api/v1/deployments/${s.deploymentId}/verifications`, ci, body), p({ id: s.deploymentId })),
        ]) {
          expect(res.status).toBeLessThan(500);
        }
      }),
      { numRuns: 30 },
    );
  });
});
