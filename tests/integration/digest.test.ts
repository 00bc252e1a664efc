import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resetEmailTransport } from '@/lib/server/channels/email';
import type { DbHandle } from '@/lib/server/db';
import { digestMoment, sendDailyDigests } from '@/lib/server/digest';
import { deliveryJobs, relayPending } from '@/lib/server/jobs/delivery';
import { startEngine, type Engine } from '@/lib/server/jobs/engine';
import { runTimedWork } from '@/lib/server/jobs/runtime';
import { tellPeople } from '@/lib/server/notify';
import { freshDatabase } from '../support/db';
import { makeRelease, makeUser, uid } from '../support/factories';
import { resetClock, setClock } from '../support/clock';
import { testEnv } from '../support/env';
import { SmtpTestServer } from '../support/smtp';
import { waitUntil } from '../support/wait';

// The daily digest (issue 13): e-mails a person chose to get "in the daily digest" wait, and at
// 07:00 UTC go out as one e-mail through the outbox and a real SMTP server; a second tick sends
// nothing again.

const env = testEnv(['RELM_SMTP_URL', 'RELM_MAIL_FROM', 'RELM_PUBLIC_URL'] as const);
const smtp = new SmtpTestServer();
let h: DbHandle;
let engine: Engine | undefined;

beforeAll(async () => {
  await smtp.start();
  env.set({ RELM_SMTP_URL: smtp.url, RELM_MAIL_FROM: 'Relm <relm@relm.example.com>', RELM_PUBLIC_URL: 'https://relm.example.com' });
  h = await freshDatabase();
});
afterAll(async () => {
  resetClock();
  await engine?.stop();
  await h?.close();
  resetEmailTransport();
  await smtp.stop();
  env.restore();
});

describe('the daily digest', () => {
  it('is the latest 07:00 UTC at or before the moment', () => {
    expect(digestMoment(new Date('2026-12-09T07:00:00Z')).toISOString()).toBe('2026-12-09T07:00:00.000Z');
    expect(digestMoment(new Date('2026-12-09T06:59:59Z')).toISOString()).toBe('2026-12-08T07:00:00.000Z');
    expect(digestMoment(new Date('2026-12-09T23:00:00Z')).toISOString()).toBe('2026-12-09T07:00:00.000Z');
  });

  it('collects a person’s waiting items into one e-mail at 07:00, once', async () => {
    const viewer = await makeUser(h.prisma, ['viewer'], { name: 'Vera Viewer' });
    const r = await makeRelease(h.prisma);
    await h.prisma.notificationPreference.create({
      data: { userId: viewer.id, kind: 'deployment.failed', inApp: true, email: 'digest', updatedAt: new Date() },
    });
    setClock({ at: '2026-12-09T05:30:00Z', frozen: true });
    const first = `REL-5 is now submitted ${uid()}`;
    const second = `REL-5 failed to deploy ${uid()}`;
    await h.prisma.$transaction(async (tx) => {
      // release.progress goes to a viewer's digest by default; deployment.failed by their choice
      await tellPeople(tx, [viewer.id], {
        kind: 'release.progress',
        say: () => ({ title: first }),
        link: '/releases/REL-5',
        releaseId: r.id,
        releaseKey: 'REL-5',
      });
      await tellPeople(tx, [viewer.id], {
        kind: 'deployment.failed',
        say: () => ({ title: second }),
        link: '/releases/REL-5/deployments',
        releaseId: r.id,
        releaseKey: 'REL-5',
      });
    });
    expect(await h.prisma.delivery.count({ where: { userId: viewer.id } })).toBe(0);
    expect(await h.prisma.digestItem.count({ where: { userId: viewer.id, collectedAt: null } })).toBe(2);

    // before the hour: nothing
    setClock({ at: '2026-12-09T06:59:00Z', frozen: true });
    expect((await runTimedWork()).digests).toBe(0);

    setClock({ at: '2026-12-09T07:00:00Z', frozen: true });
    expect((await runTimedWork()).digests).toBe(1);
    // the tick again, and a minute later: nothing more
    expect((await runTimedWork()).digests).toBe(0);
    setClock({ at: '2026-12-09T07:01:00Z', frozen: true });
    expect(await sendDailyDigests()).toBe(0);

    const d = await h.prisma.delivery.findUniqueOrThrow({ where: { dedupeKey: `digest:${viewer.id}:2026-12-09` } });
    expect(d).toMatchObject({ channel: 'email', event: 'digest.daily', recipient: viewer.email });
    const items = await h.prisma.digestItem.findMany({ where: { userId: viewer.id } });
    expect(items.map((i) => [i.collectedAt?.toISOString(), i.digestKey])).toEqual([
      ['2026-12-09T07:00:00.000Z', d.dedupeKey],
      ['2026-12-09T07:00:00.000Z', d.dedupeKey],
    ]);

    engine = await startEngine(h, deliveryJobs(), { onError: () => {} });
    await relayPending(engine.boss);
    const mail = await smtp.waitFor((m) => m.envelope.to.includes(viewer.email.toLowerCase()), { timeoutMs: 20_000 });
    expect(mail.subject).toBe('Relm daily digest: 2 updates');
    expect(mail.text).toContain(first);
    expect(mail.text).toContain(second);
    expect(mail.text).toContain('https://relm.example.com/releases/REL-5/deployments');
    expect(mail.text).toContain('https://relm.example.com/profile/notifications');
    expect(mail.headers['list-unsubscribe']).toMatch(/^<https:\/\/relm\.example\.com\/api\/unsubscribe\?t=u1\.[\w-]+\.[\w-]+>$/);
    await waitUntil(async () => (await h.prisma.delivery.findUniqueOrThrow({ where: { id: d.id } })).status === 'sent', 10_000);
    expect(smtp.messages.filter((m) => m.envelope.to.includes(viewer.email.toLowerCase()))).toHaveLength(1);
    await engine.stop();
    engine = undefined;
  });

  it('keeps what arrives after the hour for the next day', async () => {
    const viewer = await makeUser(h.prisma, ['viewer']);
    const r = await makeRelease(h.prisma);
    setClock({ at: '2026-12-10T07:00:00Z', frozen: true });
    expect(await sendDailyDigests()).toBe(0);
    setClock({ at: '2026-12-10T07:30:00Z', frozen: true });
    await h.prisma.$transaction((tx) =>
      tellPeople(tx, [viewer.id], { kind: 'release.progress', say: () => ({ title: `REL-6 moved ${uid()}` }), link: '/releases/REL-6', releaseId: r.id }),
    );
    expect(await sendDailyDigests()).toBe(0);
    setClock({ at: '2026-12-11T07:00:00Z', frozen: true });
    expect(await sendDailyDigests()).toBe(1);
    expect(await h.prisma.delivery.count({ where: { dedupeKey: `digest:${viewer.id}:2026-12-11` } })).toBe(1);
  });
});
