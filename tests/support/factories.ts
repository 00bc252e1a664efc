import { generateToken, hashToken } from '@/lib/server/api-tokens';
import crypto from 'node:crypto';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import { SYSTEM_ACTOR, type Actor } from '@/lib/server/actor';
import type { Role } from '@/lib/domain/permissions';
import { DEMO_POLICY_DOCUMENT } from '@/prisma/seed/data/policy';
import { now } from '@/lib/server/clock';

// Minimal valid rows, each unique, so tests never collide with one another's data.

export const uid = () => crypto.randomBytes(4).toString('hex');
/** A unique positive 31-bit integer, for columns with a unique Int (Environment.position, PolicyVersion.version). */
export const uniqueInt = () => crypto.randomBytes(4).readUInt32BE(0) >>> 1 || 1;
/** 64 lowercase hex characters, like an artifact or package digest. */
export const digest = () => crypto.randomBytes(32).toString('hex');

/** A stored user with the given roles, and the Actor that stands for them. */
/**
 * The team release managers made by makeUser join unless the test names a team (or null):
 * a release is changed only by its owner, its co-managers and the release managers of the
 * owner's team (docs/decisions/039-who-may-edit-a-release.md), and tests about something else
 * (stale versions, races, gates) let several release managers work on one release, as the
 * release managers of one team do. Tests of that rule give their release managers other teams.
 */
export const RELEASE_MANAGERS_TEAM = 'Release management (tests)';

async function releaseManagersTeam(prisma: PrismaClient): Promise<string> {
  const existing = await prisma.team.findUnique({ where: { name: RELEASE_MANAGERS_TEAM }, select: { id: true } });
  if (existing) return existing.id;
  // two tests' first release managers at once: the second insert is refused and reads the first
  await prisma.team.createMany({ data: [{ name: RELEASE_MANAGERS_TEAM, slug: 'release-management-tests' }], skipDuplicates: true });
  return (await prisma.team.findUniqueOrThrow({ where: { name: RELEASE_MANAGERS_TEAM }, select: { id: true } })).id;
}

export async function makeUser(
  prisma: PrismaClient,
  roles: Role[],
  opts: { email?: string; name?: string; teamId?: string | null; passwordHash?: string; disabled?: boolean } = {},
): Promise<{ id: string; email: string; actor: Actor }> {
  const email = opts.email ?? `${roles.join('-').replace(/_/g, '-') || 'nobody'}-${uid()}@test.relm`;
  const teamId = opts.teamId !== undefined ? opts.teamId : roles.includes('release_manager') ? await releaseManagersTeam(prisma) : null;
  const user = await prisma.user.create({
    data: {
      email,
      name: opts.name ?? `Test ${roles.join(' ') || 'user'}`,
      passwordHash: opts.passwordHash ?? 'not-a-real-hash',
      teamId,
      disabledAt: opts.disabled ? now() : null,
      roles: { create: roles.map((role) => ({ role })) },
    },
  });
  return {
    id: user.id,
    email,
    actor: { type: 'user', id: user.id, label: email, email, name: user.name, roles, teamId: user.teamId },
  };
}

/** An actor that is no stored user (command line, jobs) holding the given roles. */
export function systemActor(roles: Role[]): Actor {
  return { ...SYSTEM_ACTOR, roles };
}

export async function makeTeam(prisma: PrismaClient, name = `Team ${uid()}`) {
  return prisma.team.create({ data: { name, slug: name.toLowerCase().replace(/[^a-z0-9]+/g, '-') } });
}

export async function makeComponent(prisma: PrismaClient, opts: { ownerTeamId?: string; name?: string } = {}) {
  const ownerTeamId = opts.ownerTeamId ?? (await makeTeam(prisma)).id;
  return prisma.component.create({ data: { name: opts.name ?? `component-${uid()}`, ownerTeamId } });
}

export async function makeBuild(prisma: PrismaClient, opts: { componentId?: string; version?: string } = {}) {
  const componentId = opts.componentId ?? (await makeComponent(prisma)).id;
  // 2^31 minor versions: two builds of one component never collide (1,000 did, now and then)
  return prisma.build.create({
    data: { componentId, version: opts.version ?? `1.${uniqueInt()}.0`, artifactDigest: digest(), producedBy: 'ci-pipeline' },
  });
}

export async function makeRelease(prisma: PrismaClient, opts: { ownerId?: string; requesterId?: string } = {}) {
  const ownerId = opts.ownerId ?? (await makeUser(prisma, ['release_manager'])).id;
  return prisma.release.create({
    data: { title: `Release ${uid()}`, type: 'normal', ownerId, requesterId: opts.requesterId ?? ownerId },
  });
}

export async function makePackage(prisma: PrismaClient, opts: { releaseId?: string } = {}) {
  const releaseId = opts.releaseId ?? (await makeRelease(prisma)).id;
  return prisma.releasePackage.create({ data: { releaseId } });
}

export async function makePolicyVersion(prisma: PrismaClient) {
  // a valid document: the risk level is computed with the latest version, which this may become
  return prisma.policyVersion.create({ data: { version: uniqueInt(), document: DEMO_POLICY_DOCUMENT } });
}

export async function makeEnvironment(prisma: PrismaClient) {
  const name = `env-${uid()}`;
  return prisma.environment.create({ data: { name, displayName: name, tier: 'test', position: uniqueInt() } });
}

export async function makeFreezeWindow(prisma: PrismaClient, opts: { environmentIds?: string[] } = {}) {
  const startsAt = new Date(Date.UTC(2030, 0, 1));
  return prisma.freezeWindow.create({
    data: {
      name: `Freeze ${uid()}`,
      reason: 'Year-end trading',
      kind: 'one_off',
      startsAt,
      endsAt: new Date(startsAt.getTime() + 7 * 86_400_000),
      // no environments: the freeze covers every environment
      ...(opts.environmentIds?.length ? { environments: { create: opts.environmentIds.map((environmentId) => ({ environmentId })) } } : {}),
    },
  });
}

/** Everything an Approval row needs: a release, a policy version and an approver. */
export async function makeApprovalContext(prisma: PrismaClient) {
  const [release, policy, approver] = await Promise.all([makeRelease(prisma), makePolicyVersion(prisma), makeUser(prisma, ['approver'])]);
  return {
    release,
    policy,
    approver,
    approval: (over: { approverId?: string; decision?: 'approve' | 'reject'; comment?: string; invalidatedAt?: Date | null } = {}) => ({
      releaseId: release.id,
      policyVersionId: policy.id,
      approverId: over.approverId ?? approver.id,
      decision: over.decision ?? ('approve' as const),
      comment: over.comment ?? '',
      invalidatedAt: over.invalidatedAt ?? null,
      packageDigest: digest(),
    }),
  };
}

/** An API token of the user with the given scopes (the secret is returned, as a pipeline would hold it). */
export async function makeApiToken(prisma: PrismaClient, userId: string, scopes: string[], over: { namePrefix?: string; revokedAt?: Date } = {}) {
  const { token, prefix } = generateToken();
  await prisma.apiToken.create({
    data: { userId, name: `${over.namePrefix ?? 't'}-${uid()}`, prefix, tokenHash: hashToken(token), scopes, revokedAt: over.revokedAt ?? null },
  });
  return token;
}
