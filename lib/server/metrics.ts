import 'server-only';
import { computeReleaseMetrics, type MetricsDeployment, type ReleaseMetrics } from '@/lib/domain/release-metrics';
import { assertCan } from './authz';
import { db } from './db';
import { refOf, type ReleaseArg, releaseKey } from './release-ref';
import type { Actor } from './actor';
import { now as clockNow } from './clock';

// Per-release metrics for the release page: the timestamps come from the
// package's builds, the deployments and the status history; the arithmetic and
// the words are lib/domain/release-metrics.

/** A deployment row (with its environment's name and tier) as the metrics arithmetic reads it. */
export function metricsDeployment(d: {
  id: string;
  kind: MetricsDeployment['kind'];
  status: MetricsDeployment['status'];
  startedAt: Date | null;
  finishedAt: Date | null;
  environment: { displayName: string; tier: string };
}): MetricsDeployment {
  return {
    id: d.id,
    environment: d.environment.displayName,
    production: d.environment.tier === 'production',
    kind: d.kind,
    status: d.status,
    startedAt: d.startedAt,
    finishedAt: d.finishedAt,
  };
}

export interface ReleaseMetricsDto extends ReleaseMetrics {
  releaseKey: string;
  timezone: string;
}

export async function getReleaseMetrics(actor: Actor | null, release: ReleaseArg, now = clockNow()): Promise<ReleaseMetricsDto | null> {
  assertCan(actor, 'release.read');
  const prisma = await db();
  const ref = await refOf(prisma, release);
  if (!ref) return null;
  const row = await prisma.release.findUnique({
    where: { id: ref.id },
    select: { id: true, number: true, plannedStart: true, plannedEnd: true, timezone: true },
  });
  if (!row) return null;
  const [items, deployments, transitions] = await Promise.all([
    prisma.packageItem.findMany({ where: { package: { releaseId: row.id } }, select: { build: { select: { builtAt: true, createdAt: true } } } }),
    prisma.deployment.findMany({
      where: { releaseId: row.id },
      orderBy: { createdAt: 'asc' },
      take: 500,
      select: { id: true, kind: true, status: true, startedAt: true, finishedAt: true, environment: { select: { displayName: true, tier: true } } },
    }),
    prisma.releaseTransition.findMany({
      where: { releaseId: row.id },
      orderBy: { at: 'asc' },
      take: 1000,
      select: { fromStatus: true, toStatus: true, at: true },
    }),
  ]);
  const metrics = computeReleaseMetrics({
    buildTimes: items.map((i) => i.build.builtAt ?? i.build.createdAt),
    plannedStart: row.plannedStart,
    plannedEnd: row.plannedEnd,
    deployments: deployments.map(metricsDeployment),
    transitions: transitions.map((t) => ({ from: t.fromStatus, to: t.toStatus, at: t.at })),
    now,
  });
  return { ...metrics, releaseKey: releaseKey(row.number), timezone: row.timezone };
}
