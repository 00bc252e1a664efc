import 'server-only';
import type { Prisma } from '@/lib/generated/prisma/client';
import { assertCan } from './authz';
import { db } from './db';
import type { Actor } from './actor';
import { refOf, releaseKey, type ReleaseArg } from './release-ref';
import type { ReleaseStatus, ReleaseType, RiskLevel } from '@/lib/generated/prisma/enums';
import { decisionsDto, parseRiskFactors, stakeholdersDto, targetsDto, transitionsDto, type ReleaseDetailDto, type PersonRef } from './releases';
import { now } from './clock';

// Lean readers for the release page in parts (issue 12). getRelease loads everything the
// one long page used to show (17 relations); the header (every part), the overview, and
// the parts that used its fields read only what they show here. Each runs a fixed number
// of statements, whatever the number of releases in the database.

const iso = (d: Date | null | undefined) => d?.toISOString() ?? null;

/** What the header of every part shows (and what the parts read from it: risk level, time zone). */
export interface ReleaseHeaderDto {
  id: string;
  key: string;
  number: number;
  title: string;
  type: ReleaseType;
  status: ReleaseStatus;
  riskLevel: RiskLevel | null;
  riskFactors: ReleaseDetailDto['riskFactors'];
  version: number;
  policyVersion: number | null;
  plannedStart: string | null;
  plannedEnd: string | null;
  timezone: string;
  owner: PersonRef;
  requester: PersonRef;
  /** whether the person reading watches the release (issue 13) */
  watching: boolean;
}

type HeaderRow = {
  id: string;
  number: number;
  title: string;
  type: ReleaseType;
  status: ReleaseStatus;
  riskLevel: RiskLevel | null;
  riskFactors: unknown;
  version: number;
  policyVersion: number | null;
  plannedStart: Date | null;
  plannedEnd: Date | null;
  timezone: string;
  ownerId: string;
  ownerName: string;
  requesterId: string;
  requesterName: string;
  watching: boolean;
};

/**
 * The header of a release in one statement (the layout of every part shows it, so it is
 * read on every view): the release row joined with its owner, requester and policy version.
 */
export async function getReleaseHeader(actor: Actor | null, release: ReleaseArg): Promise<ReleaseHeaderDto | null> {
  assertCan(actor, 'release.read');
  const prisma = await db();
  const ref = await refOf(prisma, release);
  if (!ref) return null;
  const rows = await prisma.$queryRaw<HeaderRow[]>`
    SELECT r."id", r."number", r."title", r."type"::text AS "type", r."status"::text AS "status",
           r."riskLevel"::text AS "riskLevel", r."riskFactors", r."version", p."version" AS "policyVersion",
           r."plannedStart", r."plannedEnd", r."timezone",
           o."id" AS "ownerId", o."name" AS "ownerName", q."id" AS "requesterId", q."name" AS "requesterName",
           EXISTS (SELECT 1 FROM "ReleaseWatcher" w WHERE w."releaseId" = r."id" AND w."userId" = ${actor.id ?? ''}) AS "watching"
    FROM "Release" r
    JOIN "User" o ON o."id" = r."ownerId"
    JOIN "User" q ON q."id" = r."requesterId"
    LEFT JOIN "PolicyVersion" p ON p."id" = r."policyVersionId"
    WHERE r."id" = ${ref.id}`;
  const r = rows[0];
  if (!r) return null;
  return {
    id: r.id,
    key: releaseKey(Number(r.number)),
    number: Number(r.number),
    title: r.title,
    type: r.type,
    status: r.status,
    riskLevel: r.riskLevel,
    riskFactors: parseRiskFactors(r.riskFactors),
    version: Number(r.version),
    policyVersion: r.policyVersion === null ? null : Number(r.policyVersion),
    plannedStart: iso(r.plannedStart),
    plannedEnd: iso(r.plannedEnd),
    timezone: r.timezone,
    owner: { id: r.ownerId, name: r.ownerName },
    requester: { id: r.requesterId, name: r.requesterName },
    watching: r.watching === true,
  };
}

/** What the overview shows beyond the header. */
export interface ReleaseOverviewDto {
  status: ReleaseStatus;
  timezone: string;
  description: string;
  businessJustification: string;
  submittedAt: string | null;
  approvedAt: string | null;
  closedAt: string | null;
  updatedAt: string;
  targets: ReleaseDetailDto['targets'];
  stakeholders: ReleaseDetailDto['stakeholders'];
  /** approvals progress: live approvals counted up to each requirement's quorum, of the approvals required */
  approvalProgress: { given: number; required: number; requirements: number; satisfied: number };
  /** for the rejection banner: the transitions to "submitted" and "rejected" */
  transitions: ReleaseDetailDto['transitions'];
  /** for the rejection banner: rejecting decisions (only loaded while the release is rejected) */
  approvals: ReleaseDetailDto['approvals'];
  /** the server clock when this was read, so countdowns are computed against it */
  readAt: string;
}

const overviewSelect = {
  status: true,
  timezone: true,
  description: true,
  businessJustification: true,
  submittedAt: true,
  approvedAt: true,
  closedAt: true,
  updatedAt: true,
  environments: {
    select: {
      scheduledStart: true,
      scheduledEnd: true,
      environment: { select: { name: true, displayName: true, tier: true, position: true, protected: true } },
    },
  },
  stakeholders: { select: { note: true, user: { select: { id: true, name: true, email: true } } } },
  approvalRequirements: {
    select: {
      requiredCount: true,
      satisfiedAt: true,
      _count: { select: { approvals: { where: { decision: 'approve', invalidatedAt: null } } } },
    },
  },
  transitions: {
    where: { toStatus: { in: ['submitted', 'rejected'] } },
    select: { id: true, fromStatus: true, toStatus: true, reason: true, at: true, actor: { select: { name: true } } },
    orderBy: { at: 'asc' },
  },
} satisfies Prisma.ReleaseSelect;

/** The overview of a release: description, environments, stakeholders, approvals progress, rejection. */
export async function getReleaseOverview(actor: Actor | null, release: ReleaseArg): Promise<ReleaseOverviewDto | null> {
  assertCan(actor, 'release.read');
  const prisma = await db();
  const ref = await refOf(prisma, release);
  if (!ref) return null;
  const r = await prisma.release.findUnique({ where: { id: ref.id }, select: overviewSelect });
  if (!r) return null;
  const rejections =
    r.status === 'rejected'
      ? await prisma.approval.findMany({
          where: { releaseId: ref.id, decision: 'reject' },
          select: {
            id: true,
            comment: true,
            packageDigest: true,
            createdAt: true,
            expiresAt: true,
            invalidatedAt: true,
            invalidatedReason: true,
            approver: { select: { name: true } },
          },
          orderBy: { createdAt: 'asc' },
        })
      : [];
  const progress = r.approvalRequirements.reduce(
    (p, q) => ({
      given: p.given + Math.min(q._count.approvals, q.requiredCount),
      required: p.required + q.requiredCount,
      requirements: p.requirements + 1,
      satisfied: p.satisfied + (q.satisfiedAt ? 1 : 0),
    }),
    { given: 0, required: 0, requirements: 0, satisfied: 0 },
  );
  return {
    status: r.status,
    timezone: r.timezone,
    description: r.description,
    businessJustification: r.businessJustification,
    submittedAt: iso(r.submittedAt),
    approvedAt: iso(r.approvedAt),
    closedAt: iso(r.closedAt),
    updatedAt: r.updatedAt.toISOString(),
    targets: targetsDto(r.environments),
    stakeholders: stakeholdersDto(r.stakeholders),
    approvalProgress: progress,
    transitions: transitionsDto(r.transitions),
    approvals: rejections.map((a) => ({
      id: a.id,
      approver: a.approver.name,
      decision: 'reject' as const,
      comment: a.comment,
      requirement: null,
      packageDigest: a.packageDigest,
      createdAt: a.createdAt.toISOString(),
      expiresAt: iso(a.expiresAt),
      invalidatedAt: iso(a.invalidatedAt),
      invalidatedReason: a.invalidatedReason,
    })),
    readAt: now().toISOString(),
  };
}

/** What the approvals part shows: the policy's requirements with their progress, and every decision. */
export type ReleaseApprovalsDto = Pick<ReleaseDetailDto, 'key' | 'status' | 'timezone' | 'approvalRequirements' | 'approvals'> & {
  package: { sealedDigest: string | null } | null;
};

export async function getReleaseApprovals(actor: Actor | null, release: ReleaseArg): Promise<ReleaseApprovalsDto | null> {
  assertCan(actor, 'release.read');
  const prisma = await db();
  const ref = await refOf(prisma, release);
  if (!ref) return null;
  const r = await prisma.release.findUnique({
    where: { id: ref.id },
    select: {
      status: true,
      timezone: true,
      package: { select: { sealedDigest: true } },
      approvalRequirements: {
        select: {
          id: true,
          key: true,
          description: true,
          role: true,
          requiredCount: true,
          distinctTeams: true,
          satisfiedAt: true,
          team: { select: { name: true } },
          _count: { select: { approvals: { where: { decision: 'approve', invalidatedAt: null } } } },
        },
        orderBy: { createdAt: 'asc' },
      },
      approvals: {
        select: {
          id: true,
          decision: true,
          comment: true,
          packageDigest: true,
          createdAt: true,
          expiresAt: true,
          invalidatedAt: true,
          invalidatedReason: true,
          approver: { select: { name: true } },
          requirement: { select: { key: true } },
        },
        orderBy: { createdAt: 'asc' },
      },
    },
  });
  if (!r) return null;
  return {
    key: ref.key,
    status: r.status,
    timezone: r.timezone,
    package: r.package ? { sealedDigest: r.package.sealedDigest } : null,
    approvalRequirements: r.approvalRequirements.map((q) => ({
      id: q.id,
      key: q.key,
      description: q.description,
      role: q.role,
      team: q.team?.name ?? null,
      requiredCount: q.requiredCount,
      distinctTeams: q.distinctTeams,
      satisfiedAt: iso(q.satisfiedAt),
      approvals: q._count.approvals,
    })),
    approvals: decisionsDto(r.approvals),
  };
}

/** What the history part shows: every status transition, oldest first. */
export type ReleaseHistoryDto = Pick<ReleaseDetailDto, 'timezone' | 'transitions'>;

export async function getReleaseHistory(actor: Actor | null, release: ReleaseArg): Promise<ReleaseHistoryDto | null> {
  assertCan(actor, 'release.read');
  const prisma = await db();
  const ref = await refOf(prisma, release);
  if (!ref) return null;
  const r = await prisma.release.findUnique({
    where: { id: ref.id },
    select: {
      timezone: true,
      transitions: {
        select: { id: true, fromStatus: true, toStatus: true, reason: true, at: true, actor: { select: { name: true } } },
        orderBy: { at: 'asc' },
      },
    },
  });
  if (!r) return null;
  return {
    timezone: r.timezone,
    transitions: transitionsDto(r.transitions),
  };
}
