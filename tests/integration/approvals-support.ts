import type { PrismaClient } from '@/lib/generated/prisma/client';
import type { PolicyDocumentInput } from '@/lib/domain/policy';
import { addPackageBuild, sealPackage } from '@/lib/server/packages';
import { transitionRelease } from '@/lib/server/transitions';
import type { Actor } from '@/lib/server/actor';
import { digest, makeComponent, makeUser, uid, uniqueInt } from '../support/factories';
import { now } from '@/lib/server/clock';
import { releaseKey } from '@/lib/domain/release-key';

export { policyDocument, rule } from '../support/policy';

/** Saves a policy version above every other one, so it is the current policy. */
export async function savePolicy(prisma: PrismaClient, doc: PolicyDocumentInput) {
  const top = await prisma.policyVersion.findFirst({ orderBy: { version: 'desc' }, select: { version: true } });
  return prisma.policyVersion.create({ data: { version: (top?.version ?? 0) + 1, document: JSON.parse(JSON.stringify(doc)) } });
}

const versionOf = async (prisma: PrismaClient, id: string) => (await prisma.release.findUniqueOrThrow({ where: { id } })).version;

/**
 * A draft release meeting every submit gate except (maybe) the approvals one: a
 * sealed package of one build produced by `producedBy`, no known risks, one owned
 * plan task; the given type and risk level.
 */
export async function draftRelease(
  prisma: PrismaClient,
  opts: {
    ownerId?: string;
    requesterId?: string;
    type?: 'standard' | 'normal' | 'major' | 'emergency';
    level?: 'low' | 'medium' | 'high' | 'critical';
    producedBy?: string;
  } = {},
) {
  const ownerId = opts.ownerId ?? (await makeUser(prisma, ['release_manager'])).id;
  const release = await prisma.release.create({
    data: { title: `Release ${uid()}`, type: opts.type ?? 'normal', ownerId, requesterId: opts.requesterId ?? ownerId },
  });
  const key = releaseKey(release.number);
  const rm: Actor = { type: 'system', id: null, label: 'system', email: null, name: 'Relm', roles: ['release_manager'], teamId: null };
  const component = await makeComponent(prisma);
  const build = await prisma.build.create({
    data: { componentId: component.id, version: `1.${uniqueInt()}.0`, artifactDigest: digest(), producedBy: opts.producedBy ?? 'ci-pipeline' },
  });
  const added = await addPackageBuild.as(rm)({ releaseKey: key, buildId: build.id, version: await versionOf(prisma, release.id) });
  if (!added.ok) throw new Error(`draftRelease: adding the build failed: ${added.message}`);
  const sealed = await sealPackage.as(rm)({ releaseKey: key, version: await versionOf(prisma, release.id) });
  if (!sealed.ok) throw new Error(`draftRelease: sealing failed: ${sealed.message}`);
  await prisma.release.update({ where: { id: release.id }, data: { noKnownRisks: true, risksAssessedAt: now(), riskLevel: opts.level ?? 'low' } });
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
  const pkg = await prisma.releasePackage.findUniqueOrThrow({ where: { releaseId: release.id } });
  return { id: release.id, key, number: release.number, ownerId, version: await versionOf(prisma, release.id), digest: pkg.sealedDigest!, buildId: build.id };
}

/** draftRelease, then submitted by a release manager (throws when refused). */
export async function submittedRelease(prisma: PrismaClient, submitter: Actor, opts: Parameters<typeof draftRelease>[1] = {}) {
  const r = await draftRelease(prisma, opts);
  // the submitter manages the release (decision 039): its owner, or else one of its co-managers
  if (submitter.id && submitter.id !== r.ownerId) {
    await prisma.releaseCoManager.createMany({ data: [{ releaseId: r.id, userId: submitter.id }], skipDuplicates: true });
  }
  const res = await transitionRelease.as(submitter)({ releaseKey: r.key, to: 'submitted', version: r.version });
  if (!res.ok) throw new Error(`submittedRelease: ${res.message} ${JSON.stringify(res.gates?.filter((g) => !g.passed))}`);
  return { ...r, version: res.data.version };
}
