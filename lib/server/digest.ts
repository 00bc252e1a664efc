import 'server-only';
import { isLocale } from '@/lib/domain/locale';
import { DIGEST_HOUR_UTC } from '@/lib/domain/notification-preferences';
import { wordsFor } from '@/lib/domain/words';
import { runAfterCommit } from './after-commit';
import type { OutboundMessage } from './channels/types';
import { emailEnabled } from './channels/email';
import { now as clockNow } from './clock';
import { db } from './db';
import { absoluteUrl, nudgeAfterCommit, SETTINGS_PATH, unsubscribeUrl } from './notify';
import { enqueueDeliveries } from './outbox';
import { ALL_KINDS } from './unsubscribe-token';

// The daily digest (issue 13): e-mails a person chose to receive "in the daily digest" wait as
// DigestItems (written by tellPeople); once a day, at DIGEST_HOUR_UTC, each person's waiting
// items go out as one e-mail, queued through the outbox in the same transaction that marks
// them collected. Run by the job engine's tick every minute (lib/server/jobs/runtime.ts); the
// e-mail's dedupeKey digest:<userId>:<yyyy-mm-dd> makes a second tick, or a second process,
// send nothing twice (docs/decisions/029-notification-preferences.md).

const DAY = 86_400_000;
/** lines in one digest; the rest are counted ("and 12 more in Relm") */
const MAX_LINES = 50;
/** people per transaction */
const BATCH = 100;

/** The latest digest moment at or before `at`: today's DIGEST_HOUR_UTC, or yesterday's before that hour. */
export function digestMoment(at: Date): Date {
  const today = Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate(), DIGEST_HOUR_UTC);
  return new Date(today <= at.getTime() ? today : today - DAY);
}

export const digestKey = (userId: string, moment: Date) => `digest:${userId}:${moment.toISOString().slice(0, 10)}`;

/**
 * Queues today's digest for everyone with items that waited since before today's digest hour
 * and no digest yet today. Items written after the hour wait for tomorrow's. A server that was
 * down at the hour catches up on its first tick after it. Returns the number of digests queued.
 */
export async function sendDailyDigests(at: Date = clockNow()): Promise<number> {
  if (!emailEnabled()) return 0;
  const moment = digestMoment(at);
  const prisma = await db();
  const waiting = await prisma.digestItem.findMany({
    where: { collectedAt: null, createdAt: { lt: moment } },
    distinct: ['userId'],
    select: { userId: true },
    orderBy: { userId: 'asc' },
    take: 5000,
  });
  let queued = 0;
  const committed: object[] = [];
  for (let i = 0; i < waiting.length; i += BATCH) {
    const userIds = waiting.slice(i, i + BATCH).map((w) => w.userId);
    queued += await prisma.$transaction(async (tx) => {
      const keys = userIds.map((u) => digestKey(u, moment));
      const done = new Set((await tx.delivery.findMany({ where: { dedupeKey: { in: keys } }, select: { userId: true } })).map((d) => d.userId));
      const due = userIds.filter((u) => !done.has(u));
      if (!due.length) return 0;
      const [people, items] = await Promise.all([
        tx.user.findMany({ where: { id: { in: due }, disabledAt: null }, select: { id: true, email: true, locale: true } }),
        tx.digestItem.findMany({
          where: { userId: { in: due }, collectedAt: null, createdAt: { lt: moment } },
          orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
          select: { id: true, userId: true, title: true, url: true },
        }),
      ]);
      const itemsOf = new Map<string, typeof items>();
      for (const it of items) itemsOf.set(it.userId, [...(itemsOf.get(it.userId) ?? []), it]);
      const settingsUrl = absoluteUrl(SETTINGS_PATH);
      const inbox = absoluteUrl('/notifications');
      const written = await enqueueDeliveries(
        tx,
        people.flatMap((p) => {
          const mine = itemsOf.get(p.id) ?? [];
          if (!mine.length) return [];
          const lines = mine.slice(0, MAX_LINES).map((it) => (it.url ? `${it.title}\n${it.url}` : it.title));
          const locale = isLocale(p.locale) ? p.locale : 'en';
          const t = wordsFor(locale, 'email');
          if (mine.length > MAX_LINES) lines.push(t('digest.more', { count: mine.length - MAX_LINES }));
          const n = mine.length;
          const unsubscribe = unsubscribeUrl(p.id, ALL_KINDS);
          const message: OutboundMessage = {
            event: 'digest.daily',
            locale,
            subject: t('digest.subject', { count: n }),
            summary: t('digest.summary', { count: n }),
            lines,
            ...(inbox ? { action: { label: t('digest.open'), url: inbox } } : {}),
            ...(settingsUrl ? { settingsUrl } : {}),
            ...(unsubscribe ? { unsubscribeUrl: unsubscribe } : {}),
          };
          return [{ channel: 'email' as const, event: 'digest.daily', dedupeKey: digestKey(p.id, moment), userId: p.id, recipient: p.email, message }];
        }),
      );
      // the items of everyone due are collected (a disabled person's too: nobody will read them),
      // each naming the digest it went out in
      const day = moment.toISOString().slice(0, 10);
      const ids = items.map((it) => it.id);
      if (ids.length) {
        await tx.$executeRaw`
          UPDATE "DigestItem" SET "collectedAt" = ${at}, "digestKey" = 'digest:' || "userId" || ':' || ${day}
          WHERE "id" = ANY(${ids}::text[]) AND "collectedAt" IS NULL`;
      }
      if (written) {
        nudgeAfterCommit(tx);
        committed.push(tx);
      }
      return written;
    });
  }
  for (const tx of committed) runAfterCommit(tx);
  return queued;
}
