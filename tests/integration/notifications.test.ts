import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/lib/server/db';
import type { Actor } from '@/lib/server/actor';
import { listNotifications, markAllNotificationsRead, markNotificationRead, unreadNotificationCount } from '@/lib/server/notifications';
import { freshDatabase } from '../support/db';
import { makeUser, uid } from '../support/factories';
import { eventsOfRequest, fingerprint } from '../support/inspect';

let h: DbHandle;
let me: Actor;
let other: Actor;

beforeAll(async () => {
  h = await freshDatabase();
  me = (await makeUser(h.prisma, ['approver'])).actor;
  other = (await makeUser(h.prisma, ['approver'])).actor;
});

afterAll(async () => {
  await h?.close();
});

const note = (userId: string, kind = 'approval.requested') =>
  h.prisma.notification.create({ data: { userId, kind, title: `Note ${uid()}`, link: '/approvals' } });

describe('notification.mark_read', () => {
  it('marks one of my notifications read, lowers my unread count and records it', async () => {
    const n = await note(me.id!);
    const before = await unreadNotificationCount(me);
    const requestId = `req-${uid()}`;
    const result = await markNotificationRead.as(me, { requestId })({ id: n.id });
    expect(result).toEqual({ ok: true, data: { id: n.id, changed: true } });
    expect(await unreadNotificationCount(me)).toBe(before - 1);
    const events = await eventsOfRequest(h.prisma, requestId);
    expect(events.map((e) => e.action)).toEqual(['notification.mark_read']);
  });

  it('changes nothing, and records nothing, when it is already read', async () => {
    const n = await note(me.id!);
    await markNotificationRead.as(me)({ id: n.id });
    const requestId = `req-${uid()}`;
    const result = await markNotificationRead.as(me, { requestId })({ id: n.id });
    expect(result).toEqual({ ok: true, data: { id: n.id, changed: false } });
    expect(await eventsOfRequest(h.prisma, requestId)).toEqual([]);
  });

  it("refuses someone else's notification as not found, and changes nothing", async () => {
    const theirs = await note(other.id!);
    const before = await fingerprint(h.runner);
    const result = await markNotificationRead.as(me)({ id: theirs.id });
    expect(result).toMatchObject({ ok: false, code: 'not_found' });
    expect(await fingerprint(h.runner)).toEqual(before);
    expect((await h.prisma.notification.findUniqueOrThrow({ where: { id: theirs.id } })).readAt).toBeNull();
  });

  it('refuses hostile ids with a field message, never a 500', async () => {
    for (const id of ['', ' ', "x' OR 1=1 --", 'a'.repeat(500), 'abc\u0000', 42, null]) {
      const result = await markNotificationRead.as(me)({ id });
      expect(result).toMatchObject({ ok: false, code: 'invalid' });
      expect(result.ok === false && result.fieldErrors?.id?.length).toBeGreaterThan(0);
    }
    expect(await markNotificationRead.as(me)({ id: 'does-not-exist' })).toMatchObject({ ok: false, code: 'not_found' });
  });
});

describe('notification.mark_all_read', () => {
  it("marks all of mine read and none of anyone else's", async () => {
    await note(me.id!);
    await note(me.id!, 'approval.invalidated');
    const theirs = await note(other.id!);
    const result = await markAllNotificationsRead.as(me)({});
    expect(result.ok && result.data.marked).toBeGreaterThanOrEqual(2);
    expect(await unreadNotificationCount(me)).toBe(0);
    expect((await h.prisma.notification.findUniqueOrThrow({ where: { id: theirs.id } })).readAt).toBeNull();
    const list = await listNotifications(me, { show: 'unread' });
    expect(list.notifications).toEqual([]);
  });

  it('says nothing was unread, without an audit event, when all are read', async () => {
    const requestId = `req-${uid()}`;
    expect(await markAllNotificationsRead.as(me, { requestId })({})).toEqual({ ok: true, data: { marked: 0 } });
    expect(await eventsOfRequest(h.prisma, requestId)).toEqual([]);
  });

  it('asks a caller who is not signed in to sign in', async () => {
    expect(await markAllNotificationsRead.as(null)({})).toMatchObject({ ok: false, code: 'unauthenticated' });
  });
});
