import 'server-only';
import { computeReleaseMetrics, type ReleaseMetrics } from '@/lib/domain/release-metrics';
import { assertCan } from './authz';
import { db } from './db';
import { parseReleaseKey, releaseKey } from './releases';
import type { Actor } from './actor';
import { now as clockNow } from './clock';

// Per-release metrics for the release page: the timestamps come from the
// package's builds, the deployments and the status history; the arithmetic and
// the words are lib/domain/release-metrics.

export interface ReleaseMetricsDto extends ReleaseMetrics {
  releaseKey: string;
  timezone: string;
}

export async function getReleaseMetrics(actor: Actor | null, key: string, now = clockNow()): Promise<ReleaseMetricsDto | null> {
  assertCan(actor, 'release.read');
  const number = parseReleaseKey(typeof key === 'string' ? key : '');
  if (number === null) return null;
  const prisma = await db();
  const release = await prisma.release.findUnique({
    where: { number },
    select: { id: true, number: true, plannedStart: true, plannedEnd: true, timezone: true },
  });
  if (!release) return null;
  const [items, deployments, transitions] = await Promise.all([
    prisma.packageItem.findMany({ where: { package: { releaseId: release.id } }, select: { build: { select: { builtAt: true, createdAt: true } } } }),
    prisma.deployment.findMany({
      where: { releaseId: release.id },
      orderBy: { createdAt: 'asc' },
      take: 500,
      select: { id: true, kind: true, status: true, startedAt: true, finishedAt: true, environment: { select: { displayName: true, tier: true } } },
    }),
    prisma.releaseTransition.findMany({ where: { releaseId: release.id }, orderBy: { at: 'asc' }, take: 1000, select: { fromStatus: true, toStatus: true, at: true } }),
  ]);
  const metrics = computeReleaseMetrics({
    buildTimes: items.map((i) => i.build.builtAt ?? i.build.createdAt),
    plannedStart: release.plannedStart,
    plannedEnd: release.plannedEnd,
    deployments: deployments.map((d) => ({
      id: d.id,
      environment: d.environment.displayName,
      production: d.environment.tier === 'production',
      kind: d.kind,
      status: d.status,
      startedAt: d.startedAt,
      finishedAt: d.finishedAt,
    })),
    transitions: transitions.map((t) => ({ from: t.fromStatus, to: t.toStatus, at: t.at })),
    now,
  });
  return { ...metrics, releaseKey: releaseKey(release.number), timezone: release.timezone };
}
