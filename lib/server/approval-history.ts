import 'server-only';
import type { ReleaseStatus, RiskLevel } from '@/lib/generated/prisma/client';
import { assertCan } from './authz';
import { db } from './db';
import { releaseKey } from './release-ref';
import type { Actor } from './actor';
import { now as clockNow } from './clock';

// The caller's own recent approval decisions, for the approvals inbox ("decided
// by you recently"). Read-only; the decisions themselves are lib/server/approvals.ts.

export interface MyDecisionDto {
  id: string;
  release: { key: string; title: string; status: ReleaseStatus; riskLevel: RiskLevel | null; timezone: string };
  decision: 'approve' | 'reject';
  comment: string;
  at: string;
  requirement: string | null;
  /** counts now, expired, or no longer counts (with why) */
  state: 'valid' | 'expired' | 'invalidated';
  expiresAt: string | null;
  invalidatedReason: string | null;
}

export async function listMyRecentDecisions(actor: Actor | null, take = 20, now = clockNow()): Promise<MyDecisionDto[]> {
  assertCan(actor, 'approval.inbox');
  const prisma = await db();
  const rows = await prisma.approval.findMany({
    where: { approverId: actor.id ?? '' },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: Math.min(Math.max(1, take), 100),
    select: {
      id: true,
      decision: true,
      comment: true,
      createdAt: true,
      expiresAt: true,
      invalidatedAt: true,
      invalidatedReason: true,
      requirement: { select: { description: true } },
      release: { select: { number: true, title: true, status: true, riskLevel: true, timezone: true } },
    },
  });
  return rows.map((a) => ({
    id: a.id,
    release: {
      key: releaseKey(a.release.number),
      title: a.release.title,
      status: a.release.status,
      riskLevel: a.release.riskLevel,
      timezone: a.release.timezone,
    },
    decision: a.decision,
    comment: a.comment,
    at: a.createdAt.toISOString(),
    requirement: a.requirement?.description ?? null,
    state: a.invalidatedAt ? 'invalidated' : a.expiresAt && a.expiresAt <= now ? 'expired' : 'valid',
    expiresAt: a.expiresAt?.toISOString() ?? null,
    invalidatedReason: a.invalidatedAt ? (a.invalidatedReason ?? 'No longer counts.') : null,
  }));
}
