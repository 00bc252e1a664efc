import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/lib/server/db';
import type { Actor } from '@/lib/server/actor';
import { addVerification, getDeploymentGate, listDeployments, recordDeployment, updateDeploymentStatus, whatRunsWhere } from '@/lib/server/deployments';
import { getReleaseGates } from '@/lib/server/transitions';
import { GET as getGateRoute } from '@/app/api/v1/releases/[key]/gate/route';
import { POST as postDeploymentRoute } from '@/app/api/v1/deployments/route';
import { GET as getDeploymentRoute, PATCH as patchDeploymentRoute } from '@/app/api/v1/deployments/[id]/route';
import { POST as postVerificationRoute } from '@/app/api/v1/deployments/[id]/verifications/route';
import { freshDatabase } from '../support/db';
import { digest, makeEnvironment, makeTeam, makeUser, uid, makeApiToken } from '../support/factories';
import { readyRelease } from './lifecycle-support';
import { policyDocument, savePolicy } from './approvals-support';
import { now as clockNow, nowMs } from '@/lib/server/clock';
import { advanceClock, INSTANTS, withClockAt } from '../support/clock';

// A fixed weekday morning, running on: windows "around now" never depend on the day the suite runs.
withClockAt(INSTANTS.weekdayMorning);
import { itRaces, race } from '../support/race';

let h: DbHandle;
let ops: Actor;
let owner: { id: string; actor: Actor };
let viewer: Actor;

beforeAll(async () => {
  h = await freshDatabase();
  ops = (await makeUser(h.prisma, ['operations'], { name: 'Olga Ops' })).actor;
  owner = await makeUser(h.prisma, ['release_manager'], { name: 'Rita Owner' });
  viewer = (await makeUser(h.prisma, ['viewer'])).actor;
});

afterAll(async () => {
  await h?.close();
});

const HOUR = 3_600_000;

/** A scheduled release with a sealed package, targeting staging and production (in that promotion order), windows around now. */
async function scheduledRelease(opts: { window?: [Date, Date]; status?: 'scheduled' | 'approved' } = {}) {
  const r = await readyRelease(h.prisma, { ownerId: owner.id });
  const [a, b] = [await makeEnvironment(h.prisma), await makeEnvironment(h.prisma)];
  const [staging, production] = a.position < b.position ? [a, b] : [b, a];
  const now = nowMs();
  const [start, end] = opts.window ?? [new Date(now - HOUR), new Date(now + HOUR)];
  for (const env of [staging, production]) {
    await h.prisma.releaseEnvironment.create({ data: { releaseId: r.id, environmentId: env.id, scheduledStart: start, scheduledEnd: end } });
  }
  await h.prisma.release.update({ where: { id: r.id }, data: { status: opts.status ?? 'scheduled' } });
  return { ...r, staging, production };
}

const failedRules = (res: { ok: boolean; gates?: { rule: string; passed: boolean }[] }) => (res.gates ?? []).filter((g) => !g.passed).map((g) => g.rule);
const release = (id: string) => h.prisma.release.findUniqueOrThrow({ where: { id } });

describe('the deployment gate', () => {
  it('refuses an approved release that is not scheduled yet, naming "schedule it first"', async () => {
    const r = await scheduledRelease({ status: 'approved' });
    const res = await recordDeployment.as(ops)({ releaseKey: r.key, environment: r.staging.name });
    expect(res).toMatchObject({ ok: false, code: 'gates' });
    expect(failedRules(res as never)).toContain('deploy.status');
    expect(JSON.stringify(res)).toMatch(/schedule it first/i);
    expect(await h.prisma.deployment.count({ where: { releaseId: r.id } })).toBe(0);
  });

  it('refuses outside the scheduled window', async () => {
    const later = nowMs() + 24 * HOUR;
    const r = await scheduledRelease({ window: [new Date(later), new Date(later + HOUR)] });
    const res = await recordDeployment.as(ops)({ releaseKey: r.key, environment: r.staging.name });
    expect(failedRules(res as never)).toEqual(['deploy.window']);
  });

  it('refuses in a freeze, and a granted override lifts it', async () => {
    const r = await scheduledRelease();
    const freeze = await h.prisma.freezeWindow.create({
      data: {
        name: `Incident freeze ${uid()}`,
        reason: 'Major incident',
        kind: 'one_off',
        startsAt: new Date(nowMs() - HOUR),
        endsAt: new Date(nowMs() + HOUR),
        environments: { create: { environmentId: r.staging.id } },
      },
    });
    const refused = await recordDeployment.as(ops)({ releaseKey: r.key, environment: r.staging.name });
    expect(failedRules(refused as never)).toEqual(['deploy.freeze']);
    expect(JSON.stringify(refused)).toContain(freeze.name);
    const confirmer = await makeUser(h.prisma, ['release_manager']);
    await h.prisma.freezeOverride.create({
      data: {
        freezeId: freeze.id,
        releaseId: r.id,
        environmentId: r.staging.id,
        reason: 'Fix for the incident itself, agreed',
        status: 'granted',
        requestedById: owner.id,
        confirmedById: confirmer.id,
        decidedAt: clockNow(),
      },
    });
    const ok = await recordDeployment.as(ops)({ releaseKey: r.key, environment: r.staging.name });
    expect(ok).toMatchObject({ ok: true });
  });

  it('holds a normal release to maintenance windows at deployment time, but not an emergency', async () => {
    const r = await scheduledRelease();
    const later = nowMs() + 48 * HOUR;
    await h.prisma.maintenanceWindow.create({
      data: {
        environmentId: r.staging.id,
        label: 'Thursday window',
        kind: 'one_off',
        startsAt: new Date(later),
        endsAt: new Date(later + HOUR),
        timezone: 'UTC',
      },
    });
    const refused = await recordDeployment.as(ops)({ releaseKey: r.key, environment: r.staging.name });
    expect(failedRules(refused as never)).toEqual(['deploy.window']);
    expect(JSON.stringify(refused)).toContain('maintenance windows');
    await h.prisma.release.update({ where: { id: r.id }, data: { type: 'emergency' } });
    expect(await recordDeployment.as(ops)({ releaseKey: r.key, environment: r.staging.name })).toMatchObject({ ok: true });
  });

  it('refuses production before staging succeeded (promotion path)', async () => {
    const r = await scheduledRelease();
    const res = await recordDeployment.as(ops)({ releaseKey: r.key, environment: r.production.name });
    expect(failedRules(res as never)).toEqual(['deploy.promotion']);
    expect(JSON.stringify(res)).toContain(r.staging.name);
  });

  it('refuses a package whose integrity no longer verifies', async () => {
    const r = await scheduledRelease();
    await h.prisma.releasePackage.update({ where: { releaseId: r.id }, data: { sealedDigest: digest() } });
    const res = await recordDeployment.as(ops)({ releaseKey: r.key, environment: r.staging.name });
    expect(failedRules(res as never)).toContain('deploy.integrity');
  });

  it('refuses a second open deployment to the same environment, and unknown environments', async () => {
    const r = await scheduledRelease();
    expect(await recordDeployment.as(ops)({ releaseKey: r.key, environment: r.staging.name })).toMatchObject({ ok: true });
    const again = await recordDeployment.as(ops)({ releaseKey: r.key, environment: r.staging.name });
    expect(failedRules(again as never)).toEqual(['deploy.in_flight']);
    expect(await recordDeployment.as(ops)({ releaseKey: r.key, environment: 'nowhere' })).toMatchObject({ ok: false, code: 'not_found' });
    expect(await recordDeployment.as(viewer)({ releaseKey: r.key, environment: r.staging.name })).toMatchObject({ ok: false, code: 'forbidden' });
  });
});

describe('deploying a release', () => {
  it('goes staging → production, records what runs where, and the release becomes deployed', async () => {
    const r = await scheduledRelease();
    const first = await recordDeployment.as(ops)({ releaseKey: r.key, environment: r.staging.name, externalRef: 'ci-981' });
    if (!first.ok) throw new Error(first.message);
    expect(first.data).toMatchObject({
      status: 'in_progress',
      environment: r.staging.name,
      executedBy: ops.label,
      items: [expect.objectContaining({ version: expect.any(String) })],
    });
    expect((await release(r.id)).status).toBe('deploying');
    expect(await h.prisma.releaseTransition.count({ where: { releaseId: r.id, toStatus: 'deploying' } })).toBe(1);

    const done = await updateDeploymentStatus.as(ops)({ id: first.data.id, status: 'succeeded' });
    expect(done).toMatchObject({ ok: true, data: { status: 'succeeded', durationSeconds: expect.any(Number) } });
    const running = await h.prisma.environmentComponent.findMany({ where: { environmentId: r.staging.id } });
    expect(running).toHaveLength(1);
    expect(running[0]).toMatchObject({ buildId: first.data.items[0]!.buildId, deploymentId: first.data.id });
    expect((await release(r.id)).status).toBe('deploying');

    // a retry of the same status is harmless; an illegal move is explained
    expect(await updateDeploymentStatus.as(ops)({ id: first.data.id, status: 'succeeded' })).toMatchObject({ ok: true });
    const back = await updateDeploymentStatus.as(ops)({ id: first.data.id, status: 'in_progress' });
    expect(back).toMatchObject({ ok: false, code: 'conflict', message: expect.stringContaining('final') });

    const gate = await getDeploymentGate(viewer, r.key, r.production.name);
    expect(gate).toMatchObject({ allowed: true });
    const prod = await recordDeployment.as(ops)({ releaseKey: r.key, environment: r.production.name, status: 'scheduled' });
    if (!prod.ok) throw new Error(prod.message);
    expect(await updateDeploymentStatus.as(ops)({ id: prod.data.id, status: 'succeeded' })).toMatchObject({ ok: false, code: 'conflict' });
    expect(await addVerification.as(ops)({ deploymentId: prod.data.id, name: 'smoke', status: 'passed' })).toMatchObject({ ok: false, code: 'conflict' });
    expect(await updateDeploymentStatus.as(ops)({ id: prod.data.id, status: 'in_progress' })).toMatchObject({ ok: true });
    expect(await updateDeploymentStatus.as(ops)({ id: prod.data.id, status: 'succeeded' })).toMatchObject({ ok: true });
    const rel = await release(r.id);
    expect(rel.status).toBe('deployed');
    expect(await h.prisma.releaseTransition.count({ where: { releaseId: r.id, toStatus: 'deployed' } })).toBe(1);

    const list = await listDeployments(viewer, r.key);
    expect(list!.deployments).toHaveLength(2);
    const where = await whatRunsWhere(viewer);
    expect(
      where
        .filter((w) => w.releaseKey === r.key)
        .map((w) => w.environment)
        .sort(),
    ).toEqual([r.staging.name, r.production.name].sort());
  });

  it('a failed deployment requires a review and notifies the owner', async () => {
    const r = await scheduledRelease();
    const d = await recordDeployment.as(ops)({ releaseKey: r.key, environment: r.staging.name });
    if (!d.ok) throw new Error(d.message);
    expect(await updateDeploymentStatus.as(ops)({ id: d.data.id, status: 'failed', notes: 'Health checks red' })).toMatchObject({
      ok: true,
      data: { status: 'failed' },
    });
    expect((await release(r.id)).postReviewRequired).toBe(true);
    expect(await h.prisma.notification.count({ where: { userId: owner.id, releaseId: r.id, kind: 'deployment.failed' } })).toBe(1);
    expect(await h.prisma.environmentComponent.count({ where: { environmentId: r.staging.id } })).toBe(0);
  });

  it('verifications: named checks with http(s) evidence only; a failed one blocks deployed', async () => {
    const r = await scheduledRelease();
    const d = await recordDeployment.as(ops)({ releaseKey: r.key, environment: r.staging.name });
    if (!d.ok) throw new Error(d.message);
    const bad = await addVerification.as(ops)({ deploymentId: d.data.id, name: 'smoke', status: 'passed', evidenceUrl: 'javascript:alert(1)' });
    expect(bad).toMatchObject({ ok: false, code: 'invalid', fieldErrors: { evidenceUrl: [expect.stringContaining('https://')] } });
    expect(await addVerification.as(ops)({ deploymentId: d.data.id, name: 'smoke', status: 'maybe' })).toMatchObject({ ok: false, code: 'invalid' });
    const good = await addVerification.as(ops)({ deploymentId: d.data.id, name: 'smoke tests', status: 'failed', evidenceUrl: 'https://ci.example/981' });
    expect(good).toMatchObject({ ok: true, data: { name: 'smoke tests', status: 'failed' } });
    expect(await addVerification.as(ops)({ deploymentId: 'nope', name: 'x', status: 'passed' })).toMatchObject({ ok: false, code: 'not_found' });
    await updateDeploymentStatus.as(ops)({ id: d.data.id, status: 'succeeded' });
    const gates = await getReleaseGates(viewer, r.key);
    const deployed = gates!.transitions.find((t) => t.to === 'deployed')!;
    expect(deployed.allowed).toBe(false);
    expect(JSON.stringify(deployed.gates)).toContain('smoke tests');
  });
});

describe('test evidence before production (policy gates.testEvidenceRequiredFor)', () => {
  /** staging → production, production-tier, of the given type */
  async function productionRelease(type: 'normal' | 'standard') {
    const r = await scheduledRelease();
    await h.prisma.environment.update({ where: { id: r.production.id }, data: { tier: 'production' } });
    await h.prisma.release.update({ where: { id: r.id }, data: { type } });
    return r;
  }
  const evidence = async (key: string, env: string) => (await getDeploymentGate(viewer, key, env))!.gates.find((g) => g.rule === 'deploy.test_evidence');

  it('asks nothing before the policy requires it, and never for non-production environments', async () => {
    const r = await productionRelease('normal');
    // no policy in force yet: not required
    expect(await evidence(r.key, r.production.name)).toMatchObject({ passed: true });
    await savePolicy(h.prisma, policyDocument());
    expect(await evidence(r.key, r.staging.name)).toBeUndefined();
  });

  it('refuses production without a passing check on the staging deployment, then with a failed one, and allows it once the check passes', async () => {
    const r = await productionRelease('normal');
    const staging = await recordDeployment.as(ops)({ releaseKey: r.key, environment: r.staging.name });
    if (!staging.ok) throw new Error(staging.message);
    expect(await updateDeploymentStatus.as(ops)({ id: staging.data.id, status: 'succeeded' })).toMatchObject({ ok: true });

    const none = await recordDeployment.as(ops)({ releaseKey: r.key, environment: r.production.name });
    expect(failedRules(none as never)).toEqual(['deploy.test_evidence']);
    expect(JSON.stringify(none)).toMatch(/no passing verification result/);
    expect(JSON.stringify(none)).toContain('/api/v1/deployments/{id}/verifications');

    expect(await addVerification.as(ops)({ deploymentId: staging.data.id, name: 'smoke tests', status: 'failed' })).toMatchObject({ ok: true });
    const failed = await evidence(r.key, r.production.name);
    expect(failed).toMatchObject({ passed: false, why: expect.stringContaining(`"smoke tests" in ${r.staging.name} failed`) });

    // the latest result of the check counts
    advanceClock(1_000);
    expect(await addVerification.as(ops)({ deploymentId: staging.data.id, name: 'smoke tests', status: 'passed' })).toMatchObject({ ok: true });
    expect(await evidence(r.key, r.production.name)).toMatchObject({ passed: true, why: expect.stringContaining('"smoke tests"') });
    const ok = await recordDeployment.as(ops)({ releaseKey: r.key, environment: r.production.name });
    expect(ok).toMatchObject({ ok: true });
  });

  it('does not ask standard releases, and refuses a release with no earlier environment to test in', async () => {
    const std = await productionRelease('standard');
    expect(await evidence(std.key, std.production.name)).toMatchObject({ passed: true, why: expect.stringContaining('standard') });

    const r = await productionRelease('normal');
    await h.prisma.releaseEnvironment.delete({ where: { releaseId_environmentId: { releaseId: r.id, environmentId: r.staging.id } } });
    const res = await recordDeployment.as(ops)({ releaseKey: r.key, environment: r.production.name });
    expect(failedRules(res as never)).toEqual(['deploy.test_evidence']);
    expect(JSON.stringify(res)).toMatch(/without an earlier environment/);
  });
});

describe('two callers at once', () => {
  itRaces('records exactly one deployment when two pipelines race for the same environment', async () => {
    const r = await scheduledRelease();
    const [a, b] = await race(h, [
      () => recordDeployment.as(ops)({ releaseKey: r.key, environment: r.staging.name }),
      () => recordDeployment.as(ops)({ releaseKey: r.key, environment: r.staging.name }),
    ]);
    expect([a.ok, b.ok].filter(Boolean)).toHaveLength(1);
    const loser = a.ok ? b : a;
    expect(failedRules(loser as never)).toEqual(['deploy.in_flight']);
    expect(await h.prisma.deployment.count({ where: { releaseId: r.id } })).toBe(1);
    expect(await h.prisma.releaseTransition.count({ where: { releaseId: r.id, toStatus: 'deploying' } })).toBe(1);
  });

  itRaces('marks a deployment once when succeeded and failed arrive together', async () => {
    const r = await scheduledRelease();
    const d = await recordDeployment.as(ops)({ releaseKey: r.key, environment: r.staging.name });
    if (!d.ok) throw new Error(d.message);
    const results = await race(h, [
      () => updateDeploymentStatus.as(ops)({ id: d.data.id, status: 'succeeded' }),
      () => updateDeploymentStatus.as(ops)({ id: d.data.id, status: 'failed' }),
    ]);
    expect(results.filter((x) => x.ok)).toHaveLength(1);
    expect(results.find((x) => !x.ok)).toMatchObject({ code: 'conflict' });
  });

  it('answers hostile input with refusals, never an error', async () => {
    const r = await scheduledRelease();
    for (const input of [
      {},
      { releaseKey: 'REL-0', environment: 'x' },
      { releaseKey: r.key, environment: 'a'.repeat(500) },
      { releaseKey: r.key, environment: r.staging.name, status: 'succeeded' },
      { releaseKey: r.key, environment: r.staging.name, notes: 'a\u0000b' },
    ]) {
      const res = await recordDeployment.as(ops)(input);
      expect(res.ok).toBe(false);
      expect((res as { code: string }).code).not.toBe('error');
    }
    for (const id of ['', 'x'.repeat(65), '\'; DROP TABLE "Deployment"; --']) {
      const res = await updateDeploymentStatus.as(ops)({ id, status: 'failed' });
      expect(res.ok).toBe(false);
      expect((res as { code: string }).code).not.toBe('error');
    }
  });
});

describe('protected environments (deploy.protected)', () => {
  async function protectedScene(opts: { roles?: string[]; teams?: boolean } = {}) {
    const r = await scheduledRelease();
    const platform = await makeTeam(h.prisma, `Platform ${uid()}`);
    const red = await makeTeam(h.prisma, `Red ${uid()}`);
    await h.prisma.environment.update({
      where: { id: r.staging.id },
      data: {
        protected: true,
        deployRoles: opts.roles ?? ['operations'],
        ...(opts.teams === false ? {} : { deployTeams: { create: [{ teamId: platform.id }] } }),
      },
    });
    const insider = await makeUser(h.prisma, ['operations'], { name: 'Pia Platform', teamId: platform.id });
    const outsider = await makeUser(h.prisma, ['operations'], { name: 'Otto Ops', teamId: red.id });
    return { r, platform, red, insider, outsider };
  }

  it('refuses someone not named, explaining who may and who they are; the allowed person passes; unprotected environments are unchanged', async () => {
    const { r, platform, red, insider, outsider } = await protectedScene();
    const refused = await recordDeployment.as(outsider.actor)({ releaseKey: r.key, environment: r.staging.name });
    expect(refused).toMatchObject({ ok: false, code: 'gates' });
    expect(failedRules(refused as never)).toEqual(['deploy.protected']);
    const gate = (refused as { gates: { rule: string; why: string; fix?: string }[] }).gates.find((g) => g.rule === 'deploy.protected')!;
    expect(gate.why).toBe(
      `${r.staging.name} is protected: only operations of team ${platform.name} may deploy to it; you are Otto Ops (operations, team ${red.name}).`,
    );
    expect(gate.fix).toMatch(new RegExp(`^Ask operations of team ${platform.name} to record the deployment`));
    // someone of the right team without the named role
    const dual = await makeUser(h.prisma, ['operations', 'release_manager'], { name: 'Dee Dual', teamId: red.id });
    await h.prisma.environment.update({ where: { id: r.staging.id }, data: { deployRoles: ['release_manager'] } });
    expect((await getDeploymentGate(outsider.actor, r.key, r.staging.name))!.gates.find((g) => g.rule === 'deploy.protected')!.why).toMatch(
      /only release managers of team/,
    );
    await h.prisma.environment.update({ where: { id: r.staging.id }, data: { deployRoles: ['operations'] } });
    expect((await getDeploymentGate(dual.actor, r.key, r.staging.name))!.allowed).toBe(false);
    expect(await h.prisma.deployment.count({ where: { releaseId: r.id } })).toBe(0);

    // the gate as each would see it
    expect((await getDeploymentGate(outsider.actor, r.key, r.staging.name))!.allowed).toBe(false);
    const theirs = (await getDeploymentGate(insider.actor, r.key, r.staging.name))!;
    expect(theirs.gates.find((g) => g.rule === 'deploy.protected')).toMatchObject({ passed: true });

    const ok = await recordDeployment.as(insider.actor)({ releaseKey: r.key, environment: r.staging.name });
    expect(ok).toMatchObject({ ok: true });
    // production is not protected: no such gate, anyone who may record deployments is judged as before
    const prod = (await getDeploymentGate(outsider.actor, r.key, r.production.name))!;
    expect(prod.gates.map((g) => g.rule)).not.toContain('deploy.protected');
  });

  it('roles only, and a protected environment naming no one refuses everyone', async () => {
    const { r, outsider } = await protectedScene({ roles: ['operations'], teams: false });
    expect((await getDeploymentGate(outsider.actor, r.key, r.staging.name))!.gates.find((g) => g.rule === 'deploy.protected')).toMatchObject({ passed: true });
    await h.prisma.environment.update({ where: { id: r.staging.id }, data: { deployRoles: [] } });
    const res = await recordDeployment.as(outsider.actor)({ releaseKey: r.key, environment: r.staging.name });
    expect(failedRules(res as never)).toEqual(['deploy.protected']);
    expect(JSON.stringify(res)).toContain('no one is named who may deploy to it');
  });

  it('the API enforces it for tokens, as their owner', async () => {
    const { r, insider, outsider } = await protectedScene();
    const BASE = 'http://relm.test';
    const post = async (token: string) =>
      postDeploymentRoute(
        new Request(`${BASE}/api/v1/deployments`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ releaseKey: r.key, environment: r.staging.name }),
        }),
        { params: Promise.resolve({}) },
      );
    const refused = await post(await makeApiToken(h.prisma, outsider.id, ['deployment.record'], { namePrefix: 'ci' }));
    expect(refused.status).toBe(422);
    expect((await refused.json()).error.gates.find((g: { rule: string }) => g.rule === 'deploy.protected')).toMatchObject({ passed: false });
    expect((await post(await makeApiToken(h.prisma, insider.id, ['deployment.record'], { namePrefix: 'ci' }))).status).toBe(201);
  });
});

describe('the pipeline API', () => {
  const BASE = 'http://relm.test';
  const tokenFor = (userId: string, scopes: string[]) => makeApiToken(h.prisma, userId, scopes, { namePrefix: 'ci' });
  function req(path: string, init: { method?: string; token?: string; body?: unknown } = {}) {
    const headers: Record<string, string> = {};
    if (init.token) headers.authorization = `Bearer ${init.token}`;
    const body = init.body !== undefined ? JSON.stringify(init.body) : undefined;
    if (body !== undefined) headers['content-type'] = 'application/json';
    return new Request(`${BASE}${path}`, { method: init.method ?? (body ? 'POST' : 'GET'), headers, body });
  }
  const p = <T>(v: T) => ({ params: Promise.resolve(v) });

  it('answers 401, 403, 422, 201 and 200 as documented', async () => {
    const r = await scheduledRelease();
    const opsUser = await makeUser(h.prisma, ['operations']);
    const ci = await tokenFor(opsUser.id, ['release.read', 'deployment.record']);
    const readOnly = await tokenFor(opsUser.id, ['release.read']);

    expect((await postDeploymentRoute(req('/api/v1/deployments', { body: { releaseKey: r.key, environment: r.staging.name } }), p({}))).status).toBe(401);
    expect(
      (await postDeploymentRoute(req('/api/v1/deployments', { token: readOnly, body: { releaseKey: r.key, environment: r.staging.name } }), p({}))).status,
    ).toBe(403);

    const gate = await getGateRoute(req(`/api/v1/releases/${r.key}/gate?environment=${r.production.name}`, { token: readOnly }), p({ key: r.key }));
    expect(gate.status).toBe(200);
    const gateBody = await gate.json();
    expect(gateBody).toMatchObject({ allowed: false, environment: r.production.name, packageDigest: expect.any(String) });
    expect(gateBody.gates.find((g: { rule: string }) => g.rule === 'deploy.promotion').passed).toBe(false);
    expect((await getGateRoute(req(`/api/v1/releases/${r.key}/gate`, { token: readOnly }), p({ key: r.key }))).status).toBe(400);
    expect((await getGateRoute(req(`/api/v1/releases/${r.key}/gate?environment=nowhere`, { token: readOnly }), p({ key: r.key }))).status).toBe(404);
    expect((await getGateRoute(req(`/api/v1/releases/bogus/gate?environment=x`, { token: readOnly }), p({ key: 'bogus' }))).status).toBe(404);

    const refused = await postDeploymentRoute(req('/api/v1/deployments', { token: ci, body: { releaseKey: r.key, environment: r.production.name } }), p({}));
    expect(refused.status).toBe(422);
    expect((await refused.json()).error.gates.some((g: { rule: string; passed: boolean }) => g.rule === 'deploy.promotion' && !g.passed)).toBe(true);

    const created = await postDeploymentRoute(
      req('/api/v1/deployments', { token: ci, body: { releaseKey: r.key, environment: r.staging.name, externalRef: 'https://ci.example/runs/1' } }),
      p({}),
    );
    expect(created.status).toBe(201);
    const dep = await created.json();
    expect(dep).toMatchObject({ status: 'in_progress', viaToken: true, externalRef: 'https://ci.example/runs/1' });

    const ver = await postVerificationRoute(
      req(`/api/v1/deployments/${dep.id}/verifications`, {
        token: ci,
        body: { name: 'smoke', status: 'passed', evidenceUrl: 'https://ci.example/runs/1/smoke' },
      }),
      p({ id: dep.id }),
    );
    expect(ver.status).toBe(201);
    const badVer = await postVerificationRoute(
      req(`/api/v1/deployments/${dep.id}/verifications`, { token: ci, body: { name: 'smoke', status: 'passed', evidenceUrl: 'ftp://x' } }),
      p({ id: dep.id }),
    );
    expect(badVer.status).toBe(400);

    const patched = await patchDeploymentRoute(
      req(`/api/v1/deployments/${dep.id}`, { method: 'PATCH', token: ci, body: { status: 'succeeded' } }),
      p({ id: dep.id }),
    );
    expect(patched.status).toBe(200);
    expect(await patched.json()).toMatchObject({ status: 'succeeded', verifications: [expect.objectContaining({ name: 'smoke', status: 'passed' })] });
    const illegal = await patchDeploymentRoute(
      req(`/api/v1/deployments/${dep.id}`, { method: 'PATCH', token: ci, body: { status: 'failed' } }),
      p({ id: dep.id }),
    );
    expect(illegal.status).toBe(409);
    const junk = await patchDeploymentRoute(req(`/api/v1/deployments/${dep.id}`, { method: 'PATCH', token: ci, body: { status: 'done' } }), p({ id: dep.id }));
    expect(junk.status).toBe(400);
    expect(
      (await patchDeploymentRoute(req(`/api/v1/deployments/nope`, { method: 'PATCH', token: ci, body: { status: 'failed' } }), p({ id: 'nope' }))).status,
    ).toBe(404);

    const one = await getDeploymentRoute(req(`/api/v1/deployments/${dep.id}`, { token: readOnly }), p({ id: dep.id }));
    expect(one.status).toBe(200);
    expect((await getDeploymentRoute(req(`/api/v1/deployments/x`, { token: readOnly }), p({ id: 'x' }))).status).toBe(404);

    const row = await h.prisma.deployment.findUniqueOrThrow({ where: { id: dep.id } });
    expect(row.apiTokenId).not.toBeNull();
    expect(row.executedBy).toMatch(/^token ci-/);
  });
});
