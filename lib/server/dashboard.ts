import 'server-only';
import type { ReleaseStatus } from '@/lib/generated/prisma/client';
import { listMyApprovalInbox, type InboxItem } from './approvals';
import { allows, assertCan } from './authz';
import { db } from './db';
import {
  FINISHED_STATUSES,
  listHandoverQueue,
  releaseKey,
  releaseRowSelect,
  toRow,
  type HandoverQueueItem,
  type ReleaseRowDto,
} from './releases';
import type { Actor } from './actor';

// The signed-in person's morning view: their releases, what waits for them, and
// a compact picture of the whole portfolio.

const SECTION_LIMIT = 20;

export interface ActionItemDto {
  id: string;
  title: string;
  dueDate: string;
  overdue: boolean;
  release: { key: string; title: string };
}

export interface DashboardDto {
  myReleases: { total: number; items: ReleaseRowDto[] };
  /** null when the caller's roles do not include approving; the same list as /approvals, oldest submission first */
  approvals: { total: number; items: InboxItem[] } | null;
  /** null when the caller's roles do not include acknowledging handovers */
  handovers: { total: number; items: HandoverQueueItem[] } | null;
  actionItems: { total: number; items: ActionItemDto[] };
  summary: {
    byStatus: { status: ReleaseStatus; count: number }[];
    nextSevenDays: { total: number; items: ReleaseRowDto[] };
  };
}

export async function getDashboard(actor: Actor | null, now = new Date()): Promise<DashboardDto> {
  assertCan(actor, 'release.read');
  const me = actor.id ?? '';
  const prisma = await db();
  const inAWeek = new Date(now.getTime() + 7 * 86_400_000);
  const today = new Date(now.toISOString().slice(0, 10));

  const mineWhere = { ownerId: me, status: { notIn: FINISHED_STATUSES } };
  const itemsWhere = { ownerId: me, status: 'open' as const };
  const upcomingWhere = { plannedStart: { gte: now, lt: inAWeek }, status: { not: 'cancelled' as const } };

  const [myTotal, myRows, itemTotal, itemRows, byStatus, upcomingTotal, upcomingRows, approvals, handovers] = await Promise.all([
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
      select: { id: true, title: true, dueDate: true, review: { select: { release: { select: { number: true, title: true } } } } },
    }),
    prisma.release.groupBy({ by: ['status'], _count: { _all: true } }),
    prisma.release.count({ where: upcomingWhere }),
    prisma.release.findMany({ where: upcomingWhere, select: releaseRowSelect, orderBy: [{ plannedStart: 'asc' }, { number: 'asc' }], take: 10 }),
    allows(actor, 'approval.inbox') ? listMyApprovalInbox(actor) : Promise.resolve(null),
    allows(actor, 'handover.acknowledge') ? listHandoverQueue(actor, SECTION_LIMIT) : Promise.resolve(null),
  ]);

  return {
    myReleases: { total: myTotal, items: myRows.map(toRow) },
    approvals: approvals
      ? {
          total: approvals.total,
          items: [...approvals.items].sort((a, b) => (a.submittedAt ?? '9999').localeCompare(b.submittedAt ?? '9999')).slice(0, SECTION_LIMIT),
        }
      : null,
    handovers,
    actionItems: {
      total: itemTotal,
      items: itemRows.map((i) => ({
        id: i.id,
        title: i.title,
        dueDate: i.dueDate.toISOString().slice(0, 10),
        overdue: i.dueDate < today,
        release: { key: releaseKey(i.review.release.number), title: i.review.release.title },
      })),
    },
    summary: {
      byStatus: byStatus.map((g) => ({ status: g.status, count: g._count._all })),
      nextSevenDays: { total: upcomingTotal, items: upcomingRows.map(toRow) },
    },
  };
}
