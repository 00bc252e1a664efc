import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/lib/server/db';
import { releaseKey } from '@/lib/domain/release-key';
import { resetClock, setClock } from '@/lib/server/clock';
import { addPackageBuild, sealPackage } from '@/lib/server/packages';
import { createRelease } from '@/lib/server/release-edits';
import { copyRelease, getTemplate, listTemplates, renameTemplate, retireTemplate, saveReleaseAsTemplate } from '@/lib/server/templates';
import { freshDatabase } from '../support/db';
import { digest, makeBuild, makeEnvironment, makeRelease, makeUser, uid } from '../support/factories';
import { policyDocument, savePolicy } from './approvals-support';

// Release templates and copies (issue 15 point 4, docs/decisions/044-release-templates-and-copies.md):
// a release saved as a template keeps its reusable parts (type, components, plan tasks with
// durations and dependencies, risks, back-out steps, handover skeleton, stakeholders); saving
// again under the same name adds a version and keeps the older ones; a release created from a
// template gets all of it in the same transaction; a copy carries nothing that records a
// decision or an event.

let h: DbHandle;

beforeAll(async () => {
  setClock({ at: '2026-12-06T09:00:00Z', frozen: true });
  h = await freshDatabase();
  await savePolicy(h.prisma, policyDocument());
});

afterAll(async () => {
  resetClock();
  await h?.close();
});

const versionOf = async (id: string) => (await h.prisma.release.findUniqueOrThrow({ where: { id } })).version;

/** A release with every part a template keeps, and everything a copy must leave behind. */
async function fullRelease() {
  const rm = await makeUser(h.prisma, ['release_manager']);
  const stake = await makeUser(h.prisma, ['approver'], { name: `Stella Stake ${uid()}` });
  const env = await makeEnvironment(h.prisma);
  const r = await makeRelease(h.prisma, { ownerId: rm.id });
  const key = releaseKey(r.number);
  await h.prisma.release.update({ where: { id: r.id }, data: { type: 'standard', description: 'Weekly web rollout', timezone: 'Europe/Berlin' } });
  await h.prisma.releaseEnvironment.create({ data: { releaseId: r.id, environmentId: env.id } });
  await h.prisma.releaseStakeholder.create({ data: { releaseId: r.id, userId: stake.id, note: 'Business owner' } });
  const build = await makeBuild(h.prisma);
  const added = await addPackageBuild.as(rm.actor)({ releaseKey: key, buildId: build.id, version: await versionOf(r.id) });
  expect(added.ok).toBe(true);
  const sealed = await sealPackage.as(rm.actor)({ releaseKey: key, version: await versionOf(r.id) });
  expect(sealed.ok).toBe(true);
  const a = await h.prisma.planTask.create({ data: { releaseId: r.id, name: 'Drain traffic', estimateMinutes: 10, position: 0, ownerId: rm.id } });
  const b = await h.prisma.planTask.create({ data: { releaseId: r.id, name: 'Deploy web', estimateMinutes: 25, position: 1 } });
  const c = await h.prisma.planTask.create({ data: { releaseId: r.id, name: 'Smoke test', estimateMinutes: 5, position: 2 } });
  await h.prisma.planTaskDependency.createMany({
    data: [
      { taskId: b.id, dependsOnId: a.id },
      { taskId: c.id, dependsOnId: b.id },
    ],
  });
  await h.prisma.planTask.update({ where: { id: a.id }, data: { actualStart: new Date('2026-12-01T10:00:00Z') } });
  await h.prisma.risk.create({
    data: { releaseId: r.id, title: 'Cache cold start', likelihood: 2, impact: 3, score: 6, mitigation: 'Warm the cache', status: 'mitigated' },
  });
  await h.prisma.backoutPlan.create({
    data: {
      releaseId: r.id,
      expectedDurationMinutes: 20,
      triggerCriteria: 'Error rate above 2%',
      lastRehearsedAt: new Date('2026-12-01T10:00:00Z'),
      lastRehearsalResult: 'passed',
      steps: {
        create: [
          { position: 1, description: 'Switch traffic back', expectedMinutes: 5 },
          { position: 2, description: 'Redeploy previous build', expectedMinutes: 15 },
        ],
      },
    },
  });
  await h.prisma.handover.create({
    data: {
      releaseId: r.id,
      runbook: 'See the web runbook',
      monitoring: 'Dashboard "web"',
      status: 'acknowledged',
      acknowledgedById: rm.id,
      acknowledgedAt: new Date(),
    },
  });
  // things a copy must never carry
  const policy = await h.prisma.policyVersion.findFirstOrThrow({ orderBy: { version: 'desc' } });
  await h.prisma.approval.create({ data: { releaseId: r.id, approverId: stake.id, decision: 'approve', packageDigest: digest(), policyVersionId: policy.id } });
  await h.prisma.releaseTransition.create({ data: { releaseId: r.id, fromStatus: 'draft', toStatus: 'submitted' } });
  await h.prisma.releaseComment.create({ data: { releaseId: r.id, authorId: rm.id, body: 'Looks fine', createdAt: new Date() } });
  await h.prisma.deployment.create({ data: { releaseId: r.id, environmentId: env.id, executedBy: 'ci', status: 'succeeded' } });
  return { rm, stake, env, release: r, key, build, tasks: [a, b, c] };
}

describe('saving a release as a template', () => {
  it('keeps every reusable part, and saving again under the same name makes version 2 while version 1 stays readable', async () => {
    const src = await fullRelease();
    const name = `Web rollout ${uid()}`;
    const saved = await saveReleaseAsTemplate.as(src.rm.actor)({ releaseKey: src.key, name, description: 'Our weekly web rollout' });
    expect(saved.ok).toBe(true);
    if (!saved.ok) return;
    expect(saved.data).toMatchObject({ version: 1, created: true });

    const t1 = await getTemplate(src.rm.actor, saved.data.templateId);
    const body = t1!.shown.body!;
    expect(body.type).toBe('standard');
    expect(body.timezone).toBe('Europe/Berlin');
    expect(body.environments).toEqual([src.env.name]);
    expect(body.components).toHaveLength(1);
    expect(body.tasks.map((t) => [t.name, t.estimateMinutes, t.dependsOn])).toEqual([
      ['Drain traffic', 10, []],
      ['Deploy web', 25, [0]],
      ['Smoke test', 5, [1]],
    ]);
    expect(body.risks).toEqual([
      expect.objectContaining({ title: 'Cache cold start', likelihood: 2, impact: 3, mitigation: 'Warm the cache', status: 'mitigated' }),
    ]);
    expect(body.backout?.steps.map((s) => s.description)).toEqual(['Switch traffic back', 'Redeploy previous build']);
    expect(body.handover).toMatchObject({ runbook: 'See the web runbook', monitoring: 'Dashboard "web"' });
    expect(body.stakeholders).toEqual([{ userId: src.stake.id, note: 'Business owner' }]);
    expect(t1!.shown.sourceReleaseKey).toBe(src.key);

    // the release changes, then is saved again under the same name (any case)
    await h.prisma.planTask.create({ data: { releaseId: src.release.id, name: 'Announce', estimateMinutes: 2, position: 3 } });
    const again = await saveReleaseAsTemplate.as(src.rm.actor)({ releaseKey: src.key, name: name.toUpperCase() });
    expect(again.ok && again.data).toMatchObject({ templateId: saved.data.templateId, version: 2, created: false, name });
    const latest = await getTemplate(src.rm.actor, saved.data.templateId);
    expect(latest!.versions.map((v) => v.version)).toEqual([2, 1]);
    expect(latest!.shown.body!.tasks).toHaveLength(4);
    const older = await getTemplate(src.rm.actor, saved.data.templateId, 1);
    expect(older!.shown.body!.tasks).toHaveLength(3);

    const audit = await h.prisma.auditEvent.findMany({ where: { action: 'template.save', targetId: saved.data.templateId } });
    expect(audit).toHaveLength(2);
  });

  it('is refused to a viewer and an approver (template.write)', async () => {
    const src = await fullRelease();
    for (const roles of [['viewer'], ['approver']] as const) {
      const u = await makeUser(h.prisma, [...roles]);
      const r = await saveReleaseAsTemplate.as(u.actor)({ releaseKey: src.key, name: `Nope ${uid()}` });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.code).toBe('forbidden');
    }
  });
});

describe('creating a release from a template', () => {
  it('creates the plan with its dependencies, risks, back-out steps, handover skeleton and stakeholder notes in the same transaction, and records the template', async () => {
    const src = await fullRelease();
    const name = `Web rollout ${uid()}`;
    const saved = await saveReleaseAsTemplate.as(src.rm.actor)({ releaseKey: src.key, name });
    if (!saved.ok) throw new Error(saved.message);
    const created = await createRelease.as(src.rm.actor)({
      title: 'Web rollout week 50',
      type: 'standard',
      environments: [src.env.name],
      stakeholderIds: [src.stake.id],
      templateVersionId: saved.data.versionId,
    });
    expect(created.ok).toBe(true);
    if (!created.ok) return;
    const r = await h.prisma.release.findUniqueOrThrow({
      where: { id: created.data.id },
      include: {
        tasks: { orderBy: { position: 'asc' }, include: { dependsOn: true } },
        risks: true,
        backoutPlan: { include: { steps: { orderBy: { position: 'asc' } } } },
        handover: true,
        stakeholders: true,
        approvals: true,
        package: true,
      },
    });
    expect(r.status).toBe('draft');
    expect(r.templateVersionId).toBe(saved.data.versionId);
    expect(r.tasks.map((t) => t.name)).toEqual(['Drain traffic', 'Deploy web', 'Smoke test']);
    expect(r.tasks.every((t) => t.actualStart === null)).toBe(true);
    expect(r.tasks[0]!.ownerId).toBe(src.rm.id);
    expect(r.tasks[1]!.dependsOn.map((d) => d.dependsOnId)).toEqual([r.tasks[0]!.id]);
    expect(r.tasks[2]!.dependsOn.map((d) => d.dependsOnId)).toEqual([r.tasks[1]!.id]);
    expect(r.risks.map((x) => [x.title, x.score, x.status])).toEqual([['Cache cold start', 6, 'mitigated']]);
    expect(r.backoutPlan?.steps.map((s) => s.description)).toEqual(['Switch traffic back', 'Redeploy previous build']);
    expect(r.backoutPlan?.lastRehearsedAt).toBeNull();
    expect(r.handover).toMatchObject({ runbook: 'See the web runbook', status: 'draft', acknowledgedById: null });
    expect(r.stakeholders).toEqual([expect.objectContaining({ userId: src.stake.id, note: 'Business owner' })]);
    expect(r.approvals).toEqual([]);
    expect(r.package).toBeNull();

    const [event] = await h.prisma.auditEvent.findMany({ where: { action: 'release.create', targetId: r.id } });
    expect(event!.after).toMatchObject({ fromTemplate: { name, version: 1, versionId: saved.data.versionId }, tasks: 3, risks: 1 });
  });

  it('refuses a retired template, and a rename keeps its versions', async () => {
    const src = await fullRelease();
    const saved = await saveReleaseAsTemplate.as(src.rm.actor)({ releaseKey: src.key, name: `Old way ${uid()}` });
    if (!saved.ok) throw new Error(saved.message);
    const renamed = await renameTemplate.as(src.rm.actor)({ templateId: saved.data.templateId, name: `New way ${uid()}` });
    expect(renamed.ok).toBe(true);
    const retired = await retireTemplate.as(src.rm.actor)({ templateId: saved.data.templateId, retired: 'true' });
    expect(retired.ok).toBe(true);
    expect((await listTemplates(src.rm.actor)).some((t) => t.id === saved.data.templateId)).toBe(false);
    expect((await listTemplates(src.rm.actor, { includeRetired: true })).find((t) => t.id === saved.data.templateId)).toMatchObject({
      retired: true,
      latestVersion: 1,
    });
    const refused = await createRelease.as(src.rm.actor)({
      title: 'From retired',
      type: 'standard',
      environments: [src.env.name],
      templateVersionId: saved.data.versionId,
    });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.message).toMatch(/retired/);
    const before = await h.prisma.release.count();
    expect(await h.prisma.release.count()).toBe(before);
  });
});

describe('copying a release', () => {
  it('starts a draft with a new key and the reusable parts, and carries no approvals, deployments, transitions, seal, comments or sign-offs', async () => {
    const src = await fullRelease();
    const copied = await copyRelease.as(src.rm.actor)({ releaseKey: src.key });
    expect(copied.ok).toBe(true);
    if (!copied.ok) return;
    expect(copied.data.key).not.toBe(src.key);
    expect(copied.data.copiedFrom).toBe(src.key);
    const r = await h.prisma.release.findUniqueOrThrow({
      where: { id: copied.data.id },
      include: {
        approvals: true,
        approvalRequirements: true,
        deployments: true,
        transitions: true,
        comments: true,
        review: true,
        package: { include: { items: true, seals: true } },
        handover: true,
        tasks: { include: { dependsOn: true } },
        risks: true,
        backoutPlan: { include: { steps: true } },
        environments: true,
        stakeholders: true,
      },
    });
    expect(r.status).toBe('draft');
    expect(r.title).toMatch(/^Copy of /);
    expect(r.approvals).toEqual([]);
    expect(r.approvalRequirements).toEqual([]);
    expect(r.deployments).toEqual([]);
    expect(r.transitions).toEqual([]);
    expect(r.comments).toEqual([]);
    expect(r.review).toBeNull();
    expect(r.preApproval).toBeNull();
    expect(r.policyVersionId).toBeNull();
    expect(r.submittedAt).toBeNull();
    expect(r.package?.sealedDigest).toBeNull();
    expect(r.package?.seals).toEqual([]);
    expect(r.package?.items.map((i) => i.buildId)).toEqual([src.build.id]);
    expect(r.handover).toMatchObject({ status: 'draft', acknowledgedById: null, acknowledgedAt: null, runbook: 'See the web runbook' });
    expect(r.tasks).toHaveLength(3);
    expect(r.tasks.flatMap((t) => t.dependsOn)).toHaveLength(2);
    expect(r.tasks.every((t) => !t.actualStart && !t.actualFinish)).toBe(true);
    expect(r.risks).toHaveLength(1);
    expect(r.backoutPlan?.steps).toHaveLength(2);
    expect(r.backoutPlan?.lastRehearsalResult).toBeNull();
    expect(r.environments.map((e) => e.environmentId)).toEqual([src.env.id]);
    expect(r.stakeholders.map((s) => s.userId)).toEqual([src.stake.id]);
    // the source is untouched
    expect(await h.prisma.approval.count({ where: { releaseId: src.release.id } })).toBe(1);

    const [event] = await h.prisma.auditEvent.findMany({ where: { action: 'release.copy', targetId: r.id } });
    expect(event!.after).toMatchObject({ copiedFrom: src.key, key: copied.data.key });
  });

  it('is refused to someone who may not create releases', async () => {
    const src = await fullRelease();
    const ops = await makeUser(h.prisma, ['operations']);
    const r = await copyRelease.as(ops.actor)({ releaseKey: src.key });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.code).toBe('forbidden');
  });
});
