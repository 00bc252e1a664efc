import type { PrismaClient } from '@/lib/generated/prisma/client';
import { addPackageBuild, sealPackage } from '@/lib/server/packages';
import { makeBuild, makeComponent, makeUser, systemActor, uid, uniqueInt } from '../support/factories';
import { now } from '@/lib/server/clock';
import { releaseKey } from '@/lib/domain/release-key';

const versionOf = async (prisma: PrismaClient, id: string) => (await prisma.release.findUniqueOrThrow({ where: { id } })).version;

/**
 * A production environment that runs build `old` of a component, and a draft
 * release (of the given type) targeting it whose sealed package ships build `next`
 * of the same component, with "no known risks" and one owned plan task.
 */
export async function backoutScene(prisma: PrismaClient, opts: { type?: 'standard' | 'normal' | 'major' | 'emergency'; ownerId?: string } = {}) {
  const ownerId = opts.ownerId ?? (await makeUser(prisma, ['release_manager'])).id;
  const env = await prisma.environment.create({ data: { name: `prod-${uid()}`, displayName: 'Production', tier: 'production', position: uniqueInt() } });
  const component = await makeComponent(prisma);
  const old = await makeBuild(prisma, { componentId: component.id, version: '1.0.0' });
  const next = await makeBuild(prisma, { componentId: component.id, version: '1.1.0' });
  await prisma.environmentComponent.create({ data: { environmentId: env.id, componentId: component.id, buildId: old.id } });
  const release = await prisma.release.create({ data: { title: `Release ${uid()}`, type: opts.type ?? 'normal', ownerId, requesterId: ownerId } });
  await prisma.releaseEnvironment.create({ data: { releaseId: release.id, environmentId: env.id } });
  const key = releaseKey(release.number);
  const rm = systemActor(['release_manager']);
  const added = await addPackageBuild.as(rm)({ releaseKey: key, buildId: next.id, version: await versionOf(prisma, release.id) });
  if (!added.ok) throw new Error(`backoutScene: adding the build failed: ${added.message}`);
  const sealed = await sealPackage.as(rm)({ releaseKey: key, version: await versionOf(prisma, release.id) });
  if (!sealed.ok) throw new Error(`backoutScene: sealing failed: ${sealed.message}`);
  await prisma.release.update({ where: { id: release.id }, data: { noKnownRisks: true, risksAssessedAt: now() } });
  await prisma.planTask.create({ data: { releaseId: release.id, name: 'Deploy', ownerId, estimateMinutes: 30 } });
  return { id: release.id, key, ownerId, env, component, old, next, version: await versionOf(prisma, release.id) };
}

/** The scene's release deployed to production (status deployed, production runs `next`), with a saved back-out plan returning to `old`. */
export async function deployedScene(prisma: PrismaClient, opts: { deploymentStatus?: 'failed' | 'succeeded' } = {}) {
  const s = await backoutScene(prisma);
  const plan = await prisma.backoutPlan.create({
    data: {
      releaseId: s.id,
      expectedDurationMinutes: 20,
      triggerCriteria: 'Error rate above 2%',
      steps: { create: [{ position: 1, description: 'Redeploy 1.0.0', expectedMinutes: 20 }] },
      targets: { create: [{ componentId: s.component.id, buildId: s.old.id }] },
    },
  });
  const deployment = await prisma.deployment.create({
    data: {
      releaseId: s.id,
      environmentId: s.env.id,
      kind: 'deploy',
      status: opts.deploymentStatus ?? 'failed',
      executedBy: 'ci-pipeline',
      items: { create: [{ componentId: s.component.id, buildId: s.next.id }] },
    },
  });
  await prisma.environmentComponent.update({
    where: { environmentId_componentId: { environmentId: s.env.id, componentId: s.component.id } },
    data: { buildId: s.next.id, deploymentId: deployment.id },
  });
  await prisma.release.update({ where: { id: s.id }, data: { status: 'deployed' } });
  return { ...s, planId: plan.id, deploymentId: deployment.id, version: await versionOf(prisma, s.id) };
}
