import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DbHandle } from '@/lib/server/db';
import { runTimedWork } from '@/lib/server/jobs/runtime';
import { SESSION_RETENTION_DAYS } from '@/lib/server/session-store';
import { freshDatabase } from '../support/db';
import { makeUser } from '../support/factories';

// Session rows do not pile up: the minute tick deletes those that ended or expired more than
// SESSION_RETENTION_DAYS ago, and keeps the rest (docs/decisions/034-server-side-sessions.md).

let h: DbHandle;
beforeAll(async () => {
  h = await freshDatabase();
});
afterAll(async () => {
  await h?.close();
});

const DAY = 86_400_000;

it('the minute tick deletes sessions ended or expired longer ago than the retention, and only those', async () => {
  const { id: userId } = await makeUser(h.prisma, ['viewer']);
  const at = new Date('2031-03-01T12:00:00Z');
  const ago = (days: number) => new Date(at.getTime() - days * DAY);
  const row = (id: string, over: { endedAt?: Date; expiresAt: Date }) =>
    h.prisma.session.create({ data: { id, userId, lastSeenAt: ago(40), createdAt: ago(40), ...over } });
  await row(`ended-long-ago-${userId}`, { endedAt: ago(SESSION_RETENTION_DAYS + 1), expiresAt: ago(SESSION_RETENTION_DAYS) });
  await row(`expired-long-ago-${userId}`, { expiresAt: ago(SESSION_RETENTION_DAYS + 1) });
  await row(`ended-recently-${userId}`, { endedAt: ago(SESSION_RETENTION_DAYS - 1), expiresAt: at });
  await row(`expired-recently-${userId}`, { expiresAt: ago(1) });
  await row(`active-${userId}`, { expiresAt: new Date(at.getTime() + DAY) });

  const done = await runTimedWork(at);
  expect(done.sessionsPruned).toBe(2);
  const left = (await h.prisma.session.findMany({ where: { userId }, select: { id: true } })).map((s) => s.id.replace(`-${userId}`, '')).sort();
  expect(left).toEqual(['active', 'ended-recently', 'expired-recently']);
});
