import 'server-only';
import { computeRiskLevel, type RiskAssessment } from '@/lib/domain/risk-level';
import { statusesAllowing } from '@/lib/domain/release-rules';
import type { Tx } from './db';
import { findCurrentPolicy, type CurrentPolicy } from './policy-read';
import { releaseKey } from './release-ref';
import { now as clockNow } from './clock';

// Recomputes a release's risk level from its facts and the current policy, and
// stores it (Release.riskLevel / riskFactors / riskComputedAt). Called inside the
// transaction of every mutation that changes an input; it does not bump the
// release's version (the callers do). Without any saved policy there is nothing
// to compute with, so the level is left alone (returns null); a saved policy
// that does not parse is refused by findCurrentPolicy, never replaced by defaults.

const DAY = 86_400_000;

export async function recomputeRiskLevel(
  tx: Tx,
  releaseId: string,
  now = clockNow(),
  /** the current policy when the caller has it loaded already */
  current?: CurrentPolicy,
): Promise<(RiskAssessment & { policyVersion: number }) | null> {
  const policy = current ?? (await findCurrentPolicy(tx));
  if (!policy) return null;
  // one query at a time: a transaction runs on one connection
  const release = await tx.release.findUniqueOrThrow({
    where: { id: releaseId },
    select: {
      type: true,
      environments: { select: { environment: { select: { tier: true } } } },
      package: { select: { items: { select: { componentId: true, component: { select: { name: true, tier: true } } } } } },
    },
  });
  const risks = await tx.risk.findMany({ where: { releaseId, status: { in: ['open', 'accepted'] } }, select: { score: true } });
  const items = release.package?.items ?? [];
  const componentIds = items.map((i) => i.componentId);
  const since = new Date(now.getTime() - policy.document.risk.factors.recentFailure.withinDays * DAY);
  const failed = componentIds.length
    ? await tx.deployment.findMany({
        where: {
          OR: [{ status: 'failed' }, { kind: 'backout' }],
          createdAt: { lte: now },
          AND: [{ OR: [{ finishedAt: { gt: since } }, { finishedAt: null, createdAt: { gt: since } }] }],
          items: { some: { componentId: { in: componentIds } } },
        },
        select: {
          kind: true,
          status: true,
          finishedAt: true,
          startedAt: true,
          createdAt: true,
          release: { select: { number: true } },
          items: { where: { componentId: { in: componentIds } }, select: { component: { select: { name: true } } } },
        },
        orderBy: { createdAt: 'desc' },
        take: 50,
      })
    : [];
  const assessment = computeRiskLevel(policy.document, {
    type: release.type,
    componentTiers: items.map((i) => i.component.tier),
    componentNames: items.map((i) => i.component.name),
    targetsProduction: release.environments.some((e) => e.environment.tier === 'production'),
    packageSize: items.length,
    openRiskScores: risks.map((r) => r.score),
    recentFailures: failed.flatMap((d) =>
      d.items.map((i) => ({
        component: i.component.name,
        at: d.finishedAt ?? d.startedAt ?? d.createdAt,
        release: releaseKey(d.release.number),
        kind: d.kind === 'backout' ? ('backout' as const) : ('failed' as const),
      })),
    ),
    now,
  });
  await tx.release.update({
    where: { id: releaseId },
    data: {
      riskLevel: assessment.level,
      riskFactors: { score: assessment.score, factors: assessment.factors, policyVersion: policy.version } as object,
      riskComputedAt: now,
    },
  });
  return { ...assessment, policyVersion: policy.version };
}

/**
 * Recomputes the releases still being prepared (draft or rejected), optionally only
 * those whose package holds a component: after a policy change or a component's tier
 * change. Submitted releases keep the level their approvals were set up with.
 */
export async function recomputeDraftRiskLevels(tx: Tx, opts: { componentId?: string; policy?: CurrentPolicy } = {}): Promise<number> {
  const policy = opts.policy ?? (await findCurrentPolicy(tx));
  if (!policy) return 0;
  const releases = await tx.release.findMany({
    where: {
      status: { in: [...statusesAllowing('followPolicy')] },
      ...(opts.componentId ? { package: { items: { some: { componentId: opts.componentId } } } } : {}),
    },
    select: { id: true },
    orderBy: { number: 'desc' },
    take: 500,
  });
  const now = clockNow();
  for (const r of releases) await recomputeRiskLevel(tx, r.id, now, policy);
  return releases.length;
}
