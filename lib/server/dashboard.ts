import 'server-only';
import type { ReleaseStatus } from '@/lib/generated/prisma/client';
import { statusesAllowing } from '@/lib/domain/release-rules';
import { getAdminAttention, type AdminAttentionDto } from './admin-attention';
import { listMyApprovalInbox, type InboxItem } from './approvals';
import { allows, assertCan } from './authz';
import { db } from './db';
import { listHandoverQueue, releaseRowSelect, toRow, type HandoverQueueItem, type ReleaseRowDto } from './releases';
import { releaseKey } from './release-ref';
import { MAX_WINDOW_MINUTES } from './scheduling';
import type { Actor } from './actor';
import { now as clockNow } from './clock';

// The signed-in person's morning view: their releases, what waits for them, and
// a compact picture of the whole portfolio.

const SECTION_LIMIT = 20;

export interface ActionItemDto {
  id: string;
  title: string;
  dueDate: string;
  overdue: boolean;
  status: 'open' | 'in_progress';
  release: { key: string; title: string };
}

export interface DeploymentQueueItem extends ReleaseRowDto {
  /** target environments whose window is open now or opens in the next 24 hours, in promotion order */
  windows: { environment: string; start: string; end: string; open: boolean; deployment: string | null }[];
}

/** Operations' queue: scheduled or deploying releases with a target window open now or opening within 24 hours, soonest first. */
async function listDeploymentQueue(now: Date): Promise<{ total: number; items: DeploymentQueueItem[] }> {
  const prisma = await db();
  const horizon = new Date(now.getTime() + 86_400_000);
  const windowWhere = { scheduledStart: { lt: horizon }, scheduledEnd: { gt: now } };
  // the windows overlapping [now, horizon) first, through ReleaseEnvironment(scheduledStart,
  // scheduledEnd): a window is at most 14 days long (CHECK), so the start is bounded on both
  // sides; then only those releases, by id
  const hits = await prisma.releaseEnvironment.findMany({
    where: { scheduledStart: { gte: new Date(now.getTime() - MAX_WINDOW_MINUTES * 60_000), lt: horizon }, scheduledEnd: { gt: now } },
    select: { releaseId: true },
    distinct: ['releaseId'],
  });
  if (!hits.length) return { total: 0, items: [] };
  const rows = await prisma.release.findMany({
    where: { id: { in: hits.map((h) => h.releaseId) }, status: { in: [...statusesAllowing('deploy')] } },
    select: {
      ...releaseRowSelect,
      environments: {
        where: windowWhere,
        select: { environmentId: true, scheduledStart: true, scheduledEnd: true, environment: { select: { name: true, position: true } } },
      },
      deployments: { where: { kind: 'deploy' }, orderBy: { createdAt: 'desc' }, select: { environmentId: true, status: true } },
    },
    take: 200,
  });
  const items = rows
    .map((r) => {
      const windows = [...r.environments]
        .sort((a, b) => a.environment.position - b.environment.position)
        .map((e) => ({
          environment: e.environment.name,
          start: e.scheduledStart!.toISOString(),
          end: e.scheduledEnd!.toISOString(),
          open: e.scheduledStart! <= now,
          deployment: r.deployments.find((d) => d.environmentId === e.environmentId)?.status ?? null,
        }));
      return { ...toRow(r), windows };
    })
    .sort((a, b) => (a.windows[0]?.start ?? '').localeCompare(b.windows[0]?.start ?? '') || a.key.localeCompare(b.key));
  return { total: items.length, items: items.slice(0, SECTION_LIMIT) };
}

export interface DashboardDto {
  myReleases: { total: number; items: ReleaseRowDto[] };
  /** null when the caller's roles do not include approving; the same list as /approvals, oldest submission first */
  approvals: { total: number; complete: boolean; items: InboxItem[] } | null;
  /** null when the caller's roles do not include acknowledging handovers */
  handovers: { total: number; items: HandoverQueueItem[] } | null;
  /** null when the caller cannot record deployments: scheduled or deploying releases with a window open now or in the next 24 hours */
  deployments: { total: number; items: DeploymentQueueItem[] } | null;
  actionItems: { total: number; items: ActionItemDto[] };
  /** null unless the caller is an admin (reads the audit trail and the people): what needs an admin */
  admin: AdminAttentionDto | null;
  summary: {
    byStatus: { status: ReleaseStatus; count: number }[];
    nextSevenDays: { total: number; items: ReleaseRowDto[] };
  };
}

export async function getDashboard(actor: Actor | null, now = clockNow()): Promise<DashboardDto> {
  assertCan(actor, 'release.read');
  const me = actor.id ?? '';
  const prisma = await db();
  const inAWeek = new Date(now.getTime() + 7 * 86_400_000);
  const today = new Date(now.toISOString().slice(0, 10));

  const mineWhere = { ownerId: me, status: { notIn: [...statusesAllowing('finished')] } };
  const itemsWhere = { ownerId: me, status: { in: ['open' as const, 'in_progress' as const] } };
  const upcomingWhere = { plannedStart: { gte: now, lt: inAWeek }, status: { not: 'cancelled' as const } };

  const [myTotal, myRows, itemTotal, itemRows, byStatus, upcomingTotal, upcomingRows, approvals, handovers, deployments, admin] = await Promise.all([
    prisma.release.count({ where: mineWhere }),
    prisma.release.findMany({
      where: mineWhere,
      select: releaseRowSelect,
      orderBy: [{ plannedStart: { sort: 'asc', nulls: 'last' } }, { number: 'asc' }],
      take: SECTION_LIMIT,
    }),
    prisma.reviewActionItem.count({ where: itemsWhere }),
    prisma.reviewActionItem.findMany({
      where: itemsWhere,
      orderBy: [{ dueDate: 'asc' }, { createdAt: 'asc' }],
      take: SECTION_LIMIT,
      select: { id: true, title: true, dueDate: true, status: true, review: { select: { release: { select: { number: true, title: true } } } } },
    }),
    prisma.release.groupBy({ by: ['status'], _count: { _all: true } }),
    prisma.release.count({ where: upcomingWhere }),
    prisma.release.findMany({ where: upcomingWhere, select: releaseRowSelect, orderBy: [{ plannedStart: 'asc' }, { number: 'asc' }], take: 10 }),
    allows(actor, 'approval.inbox') ? listMyApprovalInbox(actor) : Promise.resolve(null),
    allows(actor, 'handover.acknowledge') ? listHandoverQueue(actor, SECTION_LIMIT) : Promise.resolve(null),
    allows(actor, 'deployment.record') ? listDeploymentQueue(now) : Promise.resolve(null),
    allows(actor, 'audit.read') && allows(actor, 'user.read') ? getAdminAttention(actor, now) : Promise.resolve(null),
  ]);

  return {
    myReleases: { total: myTotal, items: myRows.map(toRow) },
    approvals: approvals
      ? {
          total: approvals.total,
          complete: approvals.complete,
          items: [...approvals.items].sort((a, b) => (a.submittedAt ?? '9999').localeCompare(b.submittedAt ?? '9999')).slice(0, SECTION_LIMIT),
        }
      : null,
    handovers,
    deployments,
    admin,
    actionItems: {
      total: itemTotal,
      items: itemRows.map((i) => ({
        id: i.id,
        title: i.title,
        dueDate: i.dueDate.toISOString().slice(0, 10),
        overdue: i.dueDate < today,
        status: i.status === 'in_progress' ? ('in_progress' as const) : ('open' as const),
        release: { key: releaseKey(i.review.release.number), title: i.review.release.title },
      })),
    },
    summary: {
      byStatus: byStatus.map((g) => ({ status: g.status, count: g._count._all })),
      nextSevenDays: { total: upcomingTotal, items: upcomingRows.map(toRow) },
    },
  };
}
