import 'server-only';
import { z } from 'zod';
import type { Prisma } from '@/lib/generated/prisma/client';
import { defineMutation } from './action';
import { assertCan } from './authz';
import { db } from './db';
import { notFound } from './errors';
import { pageParam } from './releases';
import { releaseKey } from './release-ref';
import type { Actor } from './actor';
import { now } from './clock';
import { sayer } from './say';

const say = sayer('server-notifications');

// The signed-in person's own notifications: the list, the header's unread count,
// and marking them read. Nobody reads or marks another person's notifications.

export const NOTIFICATION_PAGE_SIZE = 25;

export const NotificationListSchema = z.object({
  show: z.preprocess((v) => (Array.isArray(v) ? v[0] : v), z.enum(['all', 'unread'])).catch('all'),
  page: pageParam,
});

export interface NotificationDto {
  id: string;
  kind: string;
  title: string;
  body: string;
  /** an in-app path only: external or odd links are dropped */
  link: string | null;
  release: { key: string; title: string } | null;
  read: boolean;
  createdAt: string;
}

const safeLink = (link: string | null) => (link && /^\/(?!\/)[\w\-./?=&%#~]*$/.test(link) ? link : null);

export async function listNotifications(actor: Actor | null, raw: unknown, pageSize = NOTIFICATION_PAGE_SIZE) {
  assertCan(actor, 'notification.own');
  const f = NotificationListSchema.parse(raw ?? {});
  const where: Prisma.NotificationWhereInput = { userId: actor.id ?? '', ...(f.show === 'unread' ? { readAt: null } : {}) };
  const prisma = await db();
  const [total, unread] = await Promise.all([
    prisma.notification.count({ where }),
    prisma.notification.count({ where: { userId: actor.id ?? '', readAt: null } }),
  ]);
  const lastPage = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(f.page, lastPage);
  const rows = total
    ? await prisma.notification.findMany({
        where,
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        skip: (page - 1) * pageSize,
        take: pageSize,
        include: { release: { select: { number: true, title: true } } },
      })
    : [];
  const notifications: NotificationDto[] = rows.map((n) => ({
    id: n.id,
    kind: n.kind,
    title: n.title,
    body: n.body,
    link: safeLink(n.link),
    release: n.release ? { key: releaseKey(n.release.number), title: n.release.title } : null,
    read: !!n.readAt,
    createdAt: n.createdAt.toISOString(),
  }));
  return { filters: { ...f, page }, total, unread, page, pageSize, notifications };
}

/** The count on the header badge. */
export async function unreadNotificationCount(actor: Actor | null): Promise<number> {
  assertCan(actor, 'notification.own');
  const prisma = await db();
  return prisma.notification.count({ where: { userId: actor.id ?? '', readAt: null } });
}

// ---------------------------------------------------------------- mutations

const NotificationIdField = z
  .string()
  .trim()
  .min(1, say('choose'))
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, say('notAnId'));

export const MarkNotificationReadSchema = z.object({ id: NotificationIdField });
export const MarkAllNotificationsReadSchema = z.object({}).passthrough();

/** Marks one of the caller's own notifications read. Someone else's is "not found", so ids are not probed. */
export const markNotificationRead = defineMutation({
  name: 'notification.mark_read',
  permission: 'notification.own',
  input: MarkNotificationReadSchema,
  run: async ({ tx, actor, input, audit, noChange }) => {
    const n = await tx.notification.findFirst({ where: { id: input.id, userId: actor.id ?? '' }, select: { id: true, readAt: true, releaseId: true } });
    if (!n) throw notFound(say('thatNotification'));
    if (n.readAt) {
      noChange();
      return { id: n.id, changed: false };
    }
    // only unread rows: a second tab marking the same one read changes nothing
    const updated = await tx.notification.updateMany({ where: { id: n.id, userId: actor.id ?? '', readAt: null }, data: { readAt: now() } });
    if (updated.count === 0) {
      noChange();
      return { id: n.id, changed: false };
    }
    await audit({
      action: 'notification.mark_read',
      targetType: 'notification',
      targetId: n.id,
      releaseId: n.releaseId,
      before: { read: false },
      after: { read: true },
    });
    return { id: n.id, changed: true };
  },
});

/** Marks every unread notification of the caller read. */
export const markAllNotificationsRead = defineMutation({
  name: 'notification.mark_all_read',
  permission: 'notification.own',
  input: MarkAllNotificationsReadSchema,
  run: async ({ tx, actor, audit, noChange }) => {
    const updated = await tx.notification.updateMany({ where: { userId: actor.id ?? '', readAt: null }, data: { readAt: now() } });
    if (updated.count === 0) {
      noChange();
      return { marked: 0 };
    }
    await audit({ action: 'notification.mark_all_read', targetType: 'user', targetId: actor.id, after: { marked: updated.count } });
    return { marked: updated.count };
  },
});
