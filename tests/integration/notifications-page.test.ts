import { renderToString } from '@/tests/support/render';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DbHandle } from '@/lib/server/db';
import type { Actor } from '@/lib/server/actor';
import type { FormState } from '@/components/forms/form-state';
import { freshDatabase } from '../support/db';
import { makeRelease, makeUser } from '../support/factories';
import { releaseKey } from '@/lib/domain/release-key';

// The notifications page with real rows: each approval kind has its title and a
// link, and the mark-as-read actions work for one's own notifications only.

const session = vi.hoisted(() => ({ actor: null as Actor | null, revalidated: [] as string[] }));
vi.mock('next/cache', () => ({ revalidatePath: (p: string, t?: string) => session.revalidated.push(`${p}${t ? `:${t}` : ''}`) }));
vi.mock('@/lib/server/session', () => ({ currentUser: async () => session.actor, requireUser: async () => session.actor }));

const { default: NotificationsPage } = await import('@/app/(app)/notifications/page');
const { markAllNotificationsReadAction, markNotificationReadAction } = await import('@/app/(app)/notifications/actions');

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

const IDLE: FormState = { status: 'idle' };
const text = (html: string) =>
  html
    .replace(/<!-- -->/g, '')
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
const render = async (params: Record<string, string> = {}) => text(await renderToString(await NotificationsPage({ searchParams: Promise.resolve(params) })));
const form = (values: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(values)) f.set(k, v);
  return f;
};

describe('the notifications page', () => {
  it('titles each approval kind, links it, and offers mark as read; mark all read empties the unread filter', async () => {
    const r = await makeRelease(h.prisma);
    const key = releaseKey(r.number);
    const rows = [
      ['approval.requested', `Approval requested: ${key}`],
      ['approval.decided', `${key} was rejected by Bo`],
      ['approval.invalidated', `Approvals of ${key} were invalidated by a scope change`],
      ['approval.expiring', `Your approval of ${key} expires soon`],
    ] as const;
    for (const [kind, title] of rows) {
      await h.prisma.notification.create({ data: { userId: me.id!, kind, title, link: `/releases/${key}`, releaseId: r.id } });
    }
    session.actor = me;
    const html = await render();
    for (const label of ['Approval requested', 'Decision made', 'Approvals invalidated', 'Approval about to expire']) expect(html).toContain(`>${label}<`);
    expect(html).toContain(`href="/approvals/${key}"`);
    expect(html).toContain('Mark all as read');
    expect(html.match(/>Mark as read</g)).toHaveLength(4);

    const first = await h.prisma.notification.findFirstOrThrow({ where: { userId: me.id!, kind: 'approval.requested' } });
    session.revalidated = [];
    expect(await markNotificationReadAction(IDLE, form({ id: first.id }))).toMatchObject({ status: 'ok' });
    expect(session.revalidated).toContain('/:layout');
    expect((await render()).match(/>Mark as read</g)).toHaveLength(3);

    expect(await markAllNotificationsReadAction(IDLE, new FormData())).toMatchObject({ status: 'ok', message: 'Marked 3 notifications as read.' });
    const unread = await render({ show: 'unread' });
    expect(unread).toContain('No unread notifications');
    expect(unread).not.toContain('Mark all as read');
  });

  it("cannot mark someone else's notification read", async () => {
    const theirs = await h.prisma.notification.create({ data: { userId: other.id!, kind: 'approval.requested', title: 'Theirs' } });
    session.actor = me;
    const state = await markNotificationReadAction(IDLE, form({ id: theirs.id }));
    expect(state.status).toBe('error');
    expect((await h.prisma.notification.findUniqueOrThrow({ where: { id: theirs.id } })).readAt).toBeNull();
  });
});
