import { createElement } from 'react';
import { renderToString } from '@/tests/support/render';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DbHandle } from '@/lib/server/db';
import type { Actor } from '@/lib/server/actor';
import type { FormState } from '@/components/forms/form-state';
import { releaseKey } from '@/lib/domain/release-key';
import { getReleaseHeader } from '@/lib/server/release-views';
import { unsubscribeToken } from '@/lib/server/unsubscribe-token';
import { freshDatabase } from '../support/db';
import { makeRelease, makeUser } from '../support/factories';

// The pages of issue 13's preferences, rendered with real rows: Profile → Notifications saves
// and resets through its actions, the unsubscribe page works from its token alone, and the
// release header's Watch toggle follows the person's watching.

const session = vi.hoisted(() => ({ actor: null as Actor | null, revalidated: [] as string[] }));
vi.mock('next/cache', () => ({ revalidatePath: (p: string, t?: string) => session.revalidated.push(`${p}${t ? `:${t}` : ''}`) }));
vi.mock('@/lib/server/session', () => ({ currentUser: async () => session.actor, requireUser: async () => session.actor }));

const { default: SettingsPage } = await import('@/app/(app)/profile/notifications/page');
const { saveNotificationPreferencesAction, resetNotificationPreferencesAction } = await import('@/app/(app)/profile/notifications/actions');
const { default: UnsubscribePage } = await import('@/app/unsubscribe/page');
const { unsubscribeAction } = await import('@/app/unsubscribe/actions');
const { ReleaseHeader } = await import('@/app/(app)/releases/[key]/_sections/release-header');
const { WatchToggle } = await import('@/app/(app)/releases/[key]/_sections/watch-toggle');
const { setWatchingAction } = await import('@/app/(app)/releases/[key]/watch-actions');

let h: DbHandle;
beforeAll(async () => {
  h = await freshDatabase();
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
const form = (values: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(values)) f.set(k, v);
  return f;
};

/** The settings form as the browser sends it: every kind's box and select, as shown. */
function submitted(html: string): FormData {
  const f = new FormData();
  for (const m of html.matchAll(/<input[^>]*type="checkbox"[^>]*name="(inApp:[^"]+)"[^>]*>/g)) if (/checked=""/.test(m[0])) f.set(m[1]!, 'on');
  for (const m of html.matchAll(/<select[^>]*name="(email:[^"]+)"[^>]*>([\s\S]*?)<\/select>/g)) {
    const selected = /<option value="([a-z]+)" selected="">/.exec(m[2]!)?.[1];
    f.set(m[1]!, selected ?? 'off');
  }
  return f;
}

describe('Profile → Notifications', () => {
  it('shows every kind with its default, saves a change and resets to the defaults', async () => {
    const me = await makeUser(h.prisma, ['viewer']);
    session.actor = me.actor;
    const html = text(await renderToString(await SettingsPage()));
    expect(html).toContain('Notification settings');
    for (const group of ['Approvals', 'Release progress', 'Deployment windows', 'Freeze overrides', 'Handover and review'])
      expect(html).toContain(`>${group}</legend>`);
    // what only admins are ever sent is not offered to a viewer
    expect(html).not.toContain('>Administration</legend>');
    expect(html).toContain('Default for your roles: in Relm, e-mail daily digest.');
    expect(html).toMatch(/<label for="release-progress-inapp"[^>]*>In Relm<span class="sr-only">: Release progress<\/span><\/label>/);
    expect(html).toMatch(/<label for="release-progress-email"[^>]*>E-mail<span class="sr-only">: Release progress<\/span><\/label>/);
    expect(html).toContain('07:00 UTC');

    const f = submitted(html);
    f.delete('inApp:release.progress');
    f.set('email:release.progress', 'off');
    expect(await saveNotificationPreferencesAction(IDLE, f)).toMatchObject({ status: 'ok', message: 'Saved 1 change.' });
    expect(session.revalidated).toContain('/profile/notifications');
    expect(await h.prisma.notificationPreference.findMany({ where: { userId: me.id }, select: { kind: true, inApp: true, email: true } })).toEqual([
      { kind: 'release.progress', inApp: false, email: 'off' },
    ]);
    const after = text(await renderToString(await SettingsPage()));
    expect(after).toContain('(changed)');
    expect(after).toContain('You changed 1 kind.');
    // the same form again changes nothing
    expect(await saveNotificationPreferencesAction(IDLE, submitted(after))).toMatchObject({ status: 'ok', message: 'Nothing changed.' });

    expect(await resetNotificationPreferencesAction(IDLE, new FormData())).toMatchObject({ status: 'ok', message: 'Back to the defaults of your roles.' });
    expect(await h.prisma.notificationPreference.count({ where: { userId: me.id } })).toBe(0);
  });

  it('keeps the submitted choices and names the problem when a choice is refused', async () => {
    const me = await makeUser(h.prisma, ['approver']);
    session.actor = me.actor;
    const f = submitted(text(await renderToString(await SettingsPage())));
    f.set('email:approval.decided', 'sometimes');
    const state = await saveNotificationPreferencesAction(IDLE, f);
    expect(state).toMatchObject({ status: 'error', message: 'Some fields need attention.' });
    expect(state.values?.['email:approval.decided']).toBe('sometimes');
    expect(await h.prisma.notificationPreference.count({ where: { userId: me.id } })).toBe(0);
  });
});

describe('the unsubscribe page', () => {
  it('says whose address and which kind, and stops it when asked', async () => {
    const u = await makeUser(h.prisma, ['release_manager'], { name: 'Rita Manager' });
    session.actor = null;
    const token = unsubscribeToken({ userId: u.id, kind: 'release.progress' });
    const html = text(await renderToString(await UnsubscribePage({ searchParams: Promise.resolve({ t: token }) })));
    expect(html).toContain(`This stops e-mails about <strong>Release progress</strong> to`);
    expect(html).toContain(u.email);
    expect(html).toContain('Stop these e-mails');
    expect(html).toContain('Stop all e-mails from Relm that are not about security');
    expect(html).toContain('href="/profile/notifications"');
    // opening the page changed nothing
    expect(await h.prisma.notificationPreference.count({ where: { userId: u.id } })).toBe(0);

    const done = await unsubscribeAction(IDLE, form({ t: token }));
    expect(done).toMatchObject({ status: 'ok', message: `Done: ${u.email} no longer receives e-mails about Release progress.` });
    expect(await h.prisma.notificationPreference.findFirstOrThrow({ where: { userId: u.id, kind: 'release.progress' } })).toMatchObject({
      email: 'off',
      inApp: true,
    });
    expect(text(await renderToString(await UnsubscribePage({ searchParams: Promise.resolve({ t: token }) })))).toContain('Already stopped');

    const all = await unsubscribeAction(IDLE, form({ t: token, all: 'on' }));
    expect(all).toMatchObject({ status: 'ok', data: { all: true } });
    expect(await h.prisma.notificationPreference.count({ where: { userId: u.id, email: 'off' } })).toBeGreaterThan(10);
  });

  it('refuses a changed link with a message, not an error page', async () => {
    const u = await makeUser(h.prisma, ['viewer']);
    const token = unsubscribeToken({ userId: u.id, kind: 'release.progress' });
    const html = text(await renderToString(await UnsubscribePage({ searchParams: Promise.resolve({ t: `${token}x` }) })));
    expect(html).toContain('This unsubscribe link is not valid');
    expect(html).not.toContain('Stop these e-mails');
    expect(await unsubscribeAction(IDLE, form({ t: 'u1.abc.def' }))).toMatchObject({ status: 'error', message: expect.stringMatching(/not valid/) });
    expect(text(await renderToString(await UnsubscribePage({ searchParams: Promise.resolve({}) })))).toContain('not valid');
  });
});

describe('the Watch toggle', () => {
  it('watches and unwatches from the release header', async () => {
    const me = await makeUser(h.prisma, ['viewer']);
    session.actor = me.actor;
    const r = await makeRelease(h.prisma);
    const key = releaseKey(r.number);
    const header = async () => (await getReleaseHeader(me.actor, key))!;
    const render = async () => {
      const hd = await header();
      return text(
        await renderToString(
          createElement(ReleaseHeader, { r: hd, watch: createElement(WatchToggle, { releaseKey: key, watching: hd.watching, action: setWatchingAction }) }),
        ),
      );
    };
    expect((await header()).watching).toBe(false);
    expect(await render()).toMatch(/<button type="submit"[^>]*>.*Watch<span class="sr-only"> REL-\d+: be told of its progress<\/span><\/button>/);

    const watched = await setWatchingAction(IDLE, form({ releaseKey: key, watch: 'true' }));
    expect(watched).toMatchObject({ status: 'ok', message: `You are watching ${key}: you will be told of its progress.` });
    // (that the header re-renders after the action is shown in Chromium: tests/e2e/notifications.spec.ts;
    // here files share loaded modules, so an earlier file's mock of next/cache may be the one the
    // release's revalidate helper holds)
    expect((await header()).watching).toBe(true);
    expect(await render()).toContain('Unwatch');

    expect(await setWatchingAction(IDLE, form({ releaseKey: key, watch: 'false' }))).toMatchObject({ status: 'ok', message: `You no longer watch ${key}.` });
    expect((await header()).watching).toBe(false);
    // someone else's watching is not mine
    const other = await makeUser(h.prisma, ['viewer']);
    await h.prisma.releaseWatcher.create({ data: { releaseId: r.id, userId: other.id, createdAt: new Date() } });
    expect((await header()).watching).toBe(false);
  });
});
