import type { PrismaClient } from '@/lib/generated/prisma/client';
import { addPackageBuild, sealPackage } from '@/lib/server/packages';
import { makeBuild, makeRelease, makeUser, systemActor } from '../support/factories';
import { now } from '@/lib/server/clock';
import { releaseKey } from '@/lib/domain/release-key';

const versionOf = async (prisma: PrismaClient, id: string) => (await prisma.release.findUniqueOrThrow({ where: { id } })).version;

/**
 * A draft release that meets every submit gate: a sealed, compatible package of
 * one build, "no known risks" stated, and one plan task with an owner.
 */
export async function readyRelease(prisma: PrismaClient, opts: { ownerId?: string } = {}) {
  const ownerId = opts.ownerId ?? (await makeUser(prisma, ['release_manager'])).id;
  const release = await makeRelease(prisma, { ownerId });
  const key = releaseKey(release.number);
  const rm = systemActor(['release_manager']);
  const build = await makeBuild(prisma);
  const added = await addPackageBuild.as(rm)({ releaseKey: key, buildId: build.id, version: await versionOf(prisma, release.id) });
  if (!added.ok) throw new Error(`readyRelease: adding the build failed: ${added.message}`);
  const sealed = await sealPackage.as(rm)({ releaseKey: key, version: await versionOf(prisma, release.id) });
  if (!sealed.ok) throw new Error(`readyRelease: sealing failed: ${sealed.message}`);
  await prisma.release.update({ where: { id: release.id }, data: { noKnownRisks: true, risksAssessedAt: now() } });
  await prisma.planTask.create({ data: { releaseId: release.id, name: 'Deploy', ownerId, estimateMinutes: 30 } });
  // the default policy requires a back-out plan for normal releases (nothing runs before this release, so no targets)
  await prisma.backoutPlan.create({
    data: {
      releaseId: release.id,
      expectedDurationMinutes: 15,
      triggerCriteria: 'Smoke tests fail',
      steps: { create: [{ position: 1, description: 'Redeploy the previous build', expectedMinutes: 15 }] },
    },
  });
  return { id: release.id, key, version: await versionOf(prisma, release.id) };
}
