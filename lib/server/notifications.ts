import 'server-only';
import { z } from 'zod';
import type { Prisma } from '@/lib/generated/prisma/client';
import { assertCan } from './authz';
import { db } from './db';
import { pageParam, releaseKey } from './releases';
import type { Actor } from './actor';

// The signed-in person's own notifications. Read-only for now (marking as read
// comes with the notification mutations).

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
