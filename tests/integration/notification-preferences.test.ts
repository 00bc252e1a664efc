import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderEmail } from '@/lib/domain/email-render';
import { instantForReader } from '@/lib/domain/zoned-time';
import type { OutboundMessage } from '@/lib/server/channels/types';
import type { DbHandle } from '@/lib/server/db';
import { tellPeople, type Tell } from '@/lib/server/notify';
import {
  describeUnsubscribe,
  getMyNotificationPreferences,
  resetNotificationPreferences,
  saveNotificationPreferences,
  unsubscribe,
} from '@/lib/server/notification-preferences';
import { readUnsubscribeToken, unsubscribeToken } from '@/lib/server/unsubscribe-token';
import { POST as oneClick, GET as oneClickGet } from '@/app/api/unsubscribe/route';
import { freshDatabase } from '../support/db';
import { makeRelease, makeUser, uid } from '../support/factories';
import { testEnv } from '../support/env';
import { countStatements } from '../support/sql-count';

// Each person decides what reaches them (issue 13): tellPeople follows each recipient's choice
// for the kind (in Relm, e-mail now, the digest, nothing), security e-mails cannot be switched
// off, and the signed unsubscribe link works without signing in.

const env = testEnv(['RELM_SMTP_URL', 'RELM_PUBLIC_URL'] as const);

let h: DbHandle;
let releaseId: string;
beforeAll(async () => {
  // e-mail on (nothing is sent here: deliveries stay in the outbox without an engine)
  env.set({ RELM_SMTP_URL: 'smtp://127.0.0.1:9', RELM_PUBLIC_URL: 'https://relm.example.com' });
  h = await freshDatabase();
  releaseId = (await makeRelease(h.prisma)).id;
});
afterAll(async () => {
  await h?.close();
  env.restore();
});

// a notification that says the same to everyone, its title kept to find it by
type Told = Tell & { title: string; body: string };
const tell = (kind: string, over: Partial<Omit<Told, 'say'>> = {}): Told => {
  const title = over.title ?? `REL-1 news ${uid()}`;
  const body = over.body ?? 'Something happened.';
  return { kind, link: '/releases/REL-1', releaseId, releaseKey: 'REL-1', ...over, title, body, say: () => ({ title, body }) };
};

async function told(userIds: string[], n: Tell) {
  await h.prisma.$transaction((tx) => tellPeople(tx, userIds, n));
}

const inbox = (userId: string, title: string) => h.prisma.notification.findMany({ where: { userId, title } });
const mails = (userId: string, subject: string) =>
  h.prisma.delivery
    .findMany({ where: { userId, channel: 'email' } })
    .then((ds) => ds.filter((d) => (d.payload as unknown as OutboundMessage).subject === subject));
const digestItems = (userId: string) => h.prisma.digestItem.findMany({ where: { userId } });

async function choose(userId: string, kind: string, inApp: boolean, email: 'off' | 'immediate' | 'digest') {
  await h.prisma.notificationPreference.upsert({
    where: { userId_kind: { userId, kind } },
    create: { userId, kind, inApp, email, updatedAt: new Date() },
    update: { inApp, email },
  });
}

describe('tellPeople follows each person’s choices', () => {
  it('uses the defaults of the roles when nothing is stored: an approver by e-mail at once, a viewer in the digest', async () => {
    const approver = await makeUser(h.prisma, ['approver']);
    const viewer = await makeUser(h.prisma, ['viewer']);
    const n = tell('approval.expiring');
    await told([approver.id, viewer.id], n);
    expect(await inbox(approver.id, n.title)).toHaveLength(1);
    expect(await inbox(viewer.id, n.title)).toHaveLength(1);
    const [mail] = await mails(approver.id, n.title);
    expect(mail).toBeDefined();
    const note = (await inbox(approver.id, n.title))[0]!;
    expect(mail!.dedupeKey).toBe(`notification:${note.id}:email`);
    const msg = mail!.payload as unknown as OutboundMessage;
    expect(msg.settingsUrl).toBe('https://relm.example.com/profile/notifications');
    // the unsubscribe link is the recipient's own, for this kind
    const token = new URL(msg.unsubscribeUrl!).searchParams.get('t');
    expect(new URL(msg.unsubscribeUrl!).pathname).toBe('/unsubscribe');
    expect(readUnsubscribeToken(token)).toEqual({ userId: approver.id, kind: 'approval.expiring' });
    expect(await mails(viewer.id, n.title)).toHaveLength(0);
    expect((await digestItems(viewer.id)).map((d) => d.title)).toEqual([n.title]);
  });

  it('writes no notification with the bell off, but still the e-mail, under a key of its own that a repeat does not duplicate', async () => {
    const rm = await makeUser(h.prisma, ['release_manager']);
    await choose(rm.id, 'window.opening', false, 'immediate');
    const n = tell('window.opening', { eventKey: `window-${uid()}` });
    await told([rm.id], n);
    await told([rm.id], n);
    expect(await inbox(rm.id, n.title)).toHaveLength(0);
    const sent = await mails(rm.id, n.title);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.dedupeKey).toMatch(new RegExp(`^tell:window\\.opening:[0-9a-f]{32}:${rm.id}:email$`));
    // without an eventKey, each call is an event of its own
    const other = tell('window.opening');
    await told([rm.id], other);
    await told([rm.id], other);
    expect(await mails(rm.id, other.title)).toHaveLength(2);
  });

  it('sends nothing by e-mail when e-mail is off, and keeps the bell', async () => {
    const rm = await makeUser(h.prisma, ['release_manager']);
    await choose(rm.id, 'release.progress', true, 'off');
    const n = tell('release.progress');
    await told([rm.id], n);
    expect(await inbox(rm.id, n.title)).toHaveLength(1);
    expect(await mails(rm.id, n.title)).toHaveLength(0);
    expect(await digestItems(rm.id)).toHaveLength(0);
  });

  it('puts a digest choice in the digest, not in the outbox', async () => {
    const approver = await makeUser(h.prisma, ['approver']);
    await choose(approver.id, 'approval.requested', true, 'digest');
    const n = tell('approval.requested');
    await told([approver.id], n);
    expect(await mails(approver.id, n.title)).toHaveLength(0);
    const [item] = await digestItems(approver.id);
    expect(item).toMatchObject({ kind: 'approval.requested', title: n.title, url: 'https://relm.example.com/releases/REL-1', collectedAt: null });
  });

  it('always e-mails a security kind, without an unsubscribe link', async () => {
    const viewer = await makeUser(h.prisma, ['viewer']);
    await choose(viewer.id, 'security.made_up', false, 'off');
    const n = tell('security.made_up');
    await told([viewer.id], n);
    const [mail] = await mails(viewer.id, n.title);
    expect(mail).toBeDefined();
    expect((mail!.payload as unknown as OutboundMessage).unsubscribeUrl).toBeUndefined();
    expect(await inbox(viewer.id, n.title)).toHaveLength(0);
  });

  it('reads every recipient’s choices in one statement, however many they are', async () => {
    const one = await makeUser(h.prisma, ['approver']);
    const many = await Promise.all(Array.from({ length: 8 }, (_, i) => makeUser(h.prisma, [i % 2 ? 'viewer' : 'approver'])));
    for (const u of many.slice(0, 3)) await choose(u.id, 'approval.decided', false, 'immediate');
    const single = await countStatements(() => told([one.id, many[7]!.id], tell('approval.decided')));
    const all = await countStatements(() => told([one.id, ...many.map((u) => u.id)], tell('approval.decided')));
    expect(all.statements).toBe(single.statements);
    // the transaction, the choices, the bell, the outbox, the digest
    expect(all.statements).toBeLessThanOrEqual(7);
  });
});

describe('Profile → Notifications', () => {
  it('stores only what differs from the defaults, audited, and resets to them', async () => {
    const u = await makeUser(h.prisma, ['viewer']);
    const before = await getMyNotificationPreferences(u.actor);
    const progress = before.groups.flatMap((g) => g.kinds).find((k) => k.kind === 'release.progress')!;
    expect(progress).toMatchObject({ choice: { inApp: true, email: 'digest' }, custom: false });

    const saved = await saveNotificationPreferences.as(u.actor)({
      choices: [
        { kind: 'release.progress', inApp: true, email: 'off' },
        // the default: nothing stored
        { kind: 'approval.decided', inApp: true, email: 'digest' },
      ],
    });
    expect(saved).toEqual({ ok: true, data: { changed: 1 } });
    expect(await h.prisma.notificationPreference.findMany({ where: { userId: u.id }, select: { kind: true, inApp: true, email: true } })).toEqual([
      { kind: 'release.progress', inApp: true, email: 'off' },
    ]);
    const audit = await h.prisma.auditEvent.findFirstOrThrow({ where: { action: 'notification.preferences_save', actorId: u.id } });
    expect(audit.after).toEqual({ 'release.progress': { inApp: true, email: 'off' } });

    // saving the default again removes the row
    await saveNotificationPreferences.as(u.actor)({ choices: [{ kind: 'release.progress', inApp: true, email: 'digest' }] });
    expect(await h.prisma.notificationPreference.count({ where: { userId: u.id } })).toBe(0);

    await saveNotificationPreferences.as(u.actor)({ choices: [{ kind: 'window.opening', inApp: false, email: 'immediate' }] });
    expect((await getMyNotificationPreferences(u.actor)).customCount).toBe(1);
    expect(await resetNotificationPreferences.as(u.actor)({})).toEqual({ ok: true, data: { removed: 1 } });
    expect(await h.prisma.notificationPreference.count({ where: { userId: u.id } })).toBe(0);
    expect(await h.prisma.auditEvent.count({ where: { action: 'notification.preferences_reset', actorId: u.id } })).toBe(1);
  });

  it('names the field of a bad choice, and refuses to switch off a security e-mail', async () => {
    const u = await makeUser(h.prisma, ['viewer']);
    const bad = await saveNotificationPreferences.as(u.actor)({ choices: [{ kind: 'made.up', inApp: true, email: 'sometimes' }] });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.fieldErrors?.['choices.0.kind']?.[0]).toMatch(/not a kind/);
      expect(bad.fieldErrors?.['choices.0.email']?.[0]).toMatch(/off, immediately or daily digest/);
    }
    const security = await saveNotificationPreferences.as(u.actor)({ choices: [{ kind: 'security.made_up', inApp: true, email: 'off' }] });
    expect(security).toMatchObject({ ok: false, code: 'invalid', fieldErrors: { 'choices.0.email': ['Security e-mails cannot be switched off.'] } });
    expect(await h.prisma.notificationPreference.count({ where: { userId: u.id } })).toBe(0);
  });
});

describe('unsubscribing without signing in', () => {
  const post = (token: string) =>
    oneClick(new Request(`https://relm.example.com/api/unsubscribe?t=${encodeURIComponent(token)}`, { method: 'POST', body: 'List-Unsubscribe=One-Click' }));

  it('stops the next e-mail of that kind (one-click POST), audited as the person, and keeps the bell', async () => {
    const approver = await makeUser(h.prisma, ['approver']);
    const first = tell('approval.requested');
    await told([approver.id], first);
    const [mail] = await mails(approver.id, first.title);
    const token = new URL((mail!.payload as unknown as OutboundMessage).unsubscribeUrl!).searchParams.get('t')!;

    expect(await describeUnsubscribe(token)).toMatchObject({ ok: true, email: approver.email, label: 'Approval requested', alreadyOff: false });
    const res = await post(token);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain(`Unsubscribed ${approver.email} from Approval requested`);
    const audit = await h.prisma.auditEvent.findFirstOrThrow({ where: { action: 'notification.unsubscribe', targetId: approver.id } });
    expect(audit).toMatchObject({ actorId: approver.id, actorLabel: approver.email, actorType: 'user' });

    const next = tell('approval.requested');
    await told([approver.id], next);
    expect(await mails(approver.id, next.title)).toHaveLength(0);
    expect(await inbox(approver.id, next.title)).toHaveLength(1);
    // other kinds still come
    const other = tell('approval.expiring');
    await told([approver.id], other);
    expect(await mails(approver.id, other.title)).toHaveLength(1);
    // a second click changes nothing and says so
    expect(await describeUnsubscribe(token)).toMatchObject({ ok: true, alreadyOff: true });
    expect(await unsubscribe(token)).toMatchObject({ ok: true, changed: 0 });
  });

  it('stops every kind but security with "all"', async () => {
    const rm = await makeUser(h.prisma, ['release_manager']);
    const token = unsubscribeToken({ userId: rm.id, kind: 'release.progress' });
    expect(await unsubscribe(token, { all: true })).toMatchObject({ ok: true, all: true });
    for (const kind of ['release.progress', 'window.opening', 'approval.decided']) {
      const n = tell(kind);
      await told([rm.id], n);
      expect(await mails(rm.id, n.title), kind).toHaveLength(0);
    }
    const security = tell('security.made_up');
    await told([rm.id], security);
    expect(await mails(rm.id, security.title)).toHaveLength(1);
  });

  it('refuses a tampered or foreign token and a security kind with a clear message, never a 500', async () => {
    const u = await makeUser(h.prisma, ['approver']);
    const other = await makeUser(h.prisma, ['approver']);
    const token = unsubscribeToken({ userId: u.id, kind: 'approval.requested' });
    const [v, , sig] = token.split('.');
    const forged = `${v}.${Buffer.from(JSON.stringify([other.id, 'approval.requested'])).toString('base64url')}.${sig}`;
    for (const bad of [forged, token.slice(0, -3), 'nonsense', '']) {
      const res = await post(bad);
      expect(res.status, bad).toBe(400);
      expect(await res.text()).toMatch(/not valid/);
      expect(await describeUnsubscribe(bad)).toMatchObject({ ok: false });
    }
    const security = await post(unsubscribeToken({ userId: u.id, kind: 'security.made_up' }));
    expect(security.status).toBe(400);
    expect(await security.text()).toMatch(/Security e-mails cannot be switched off/);
    expect(await h.prisma.notificationPreference.count({ where: { userId: { in: [u.id, other.id] } } })).toBe(0);
    expect(await h.prisma.auditEvent.count({ where: { action: 'notification.unsubscribe', targetId: { in: [u.id, other.id] } } })).toBe(0);
  });

  it('sends a GET of the one-click URL to the page that asks first', async () => {
    const res = await oneClickGet(new Request('https://relm.example.com/api/unsubscribe?t=abc'));
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('https://relm.example.com/unsubscribe?t=abc');
  });
});

describe('each reader is told in their own language', () => {
  it('writes the notification and the e-mail in French for a person who chose French, in English for the others', async () => {
    const french = await makeUser(h.prisma, ['approver']);
    await h.prisma.user.update({ where: { id: french.id }, data: { locale: 'fr', timeZone: 'Europe/Paris' } });
    const english = await makeUser(h.prisma, ['approver']);
    const at = new Date('2026-12-08T09:00:00Z');
    const n: Tell = {
      kind: 'approval.expiring',
      say: ({ t, zone, locale }) => ({
        title: t('approval.expiring.title', { name: 'Ana', key: 'REL-1' }),
        body: t('approval.expiring.body', { at: instantForReader(at, zone, locale) }),
      }),
      link: `/releases/REL-1/approvals#${uid()}`,
      releaseId,
      releaseKey: 'REL-1',
    };
    await told([french.id, english.id], n);

    const [fr] = await h.prisma.notification.findMany({ where: { userId: french.id, link: n.link } });
    expect(fr!.title).toBe('L’approbation de REL-1 par Ana expire bientôt');
    expect(fr!.body).toBe('Elle expire le 8 déc. 2026 10:00 UTC+1\u202f; ensuite elle ne compte plus et doit être redonnée.');
    const [en] = await h.prisma.notification.findMany({ where: { userId: english.id, link: n.link } });
    expect(en!.title).toBe("Ana's approval of REL-1 expires soon");
    expect(en!.body).toBe('It expires at 8 Dec 2026 09:00 UTC; after that it no longer counts and must be given again.');

    // the e-mail: the same words, and its greeting, button and footer in the reader's language
    const [frMail] = await mails(french.id, fr!.title);
    const frMessage = frMail!.payload as unknown as OutboundMessage;
    expect(frMessage).toMatchObject({ locale: 'fr', action: { label: 'Ouvrir dans Relm' } });
    const frRendered = renderEmail(frMessage, { name: 'Félix' });
    expect(frRendered.subject).toBe('REL-1: L’approbation de REL-1 par Ana expire bientôt');
    expect(frRendered.text).toContain('Bonjour Félix,');
    expect(frRendered.text).toContain(
      'Relm vous a envoyé cet e-mail selon vos préférences de notification\u00a0: https://relm.example.com/profile/notifications',
    );
    expect(frRendered.html).toContain('<html lang="fr">');
    expect(frRendered.html).toContain('>Ouvrir dans Relm</a>');
    expect(frRendered.html).toContain('style="color:#1d4ed8;text-decoration:underline">préférences de notification</a>.');
    expect(frRendered.html).toContain('>Se désabonner de ces e-mails</a>.');
    expect(frRendered.html).toContain('Si le bouton ne fonctionne pas, ouvrez <a href="https://relm.example.com/releases/REL-1/approvals#');
    const [enMail] = await mails(english.id, en!.title);
    const enRendered = renderEmail(enMail!.payload as unknown as OutboundMessage, { name: 'Ed' });
    expect(enRendered.text).toContain('Hello Ed,');
    expect(enRendered.html).toContain('<html lang="en">');
    expect(enRendered.html).toContain('>Open in Relm</a>');
  });
});
