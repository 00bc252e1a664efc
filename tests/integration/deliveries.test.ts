import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resetEmailTransport } from '@/lib/server/channels/email';
import type { OutboundMessage } from '@/lib/server/channels/types';
import type { DbHandle } from '@/lib/server/db';
import { deliverOne, deliveryJobs, DELIVER_SPEC, relayPending } from '@/lib/server/jobs/delivery';
import { startEngine, type Engine } from '@/lib/server/jobs/engine';
import { enqueueDeliveries } from '@/lib/server/outbox';
import { freshDatabase } from '../support/db';
import { makeUser, uid } from '../support/factories';
import { testEnv } from '../support/env';
import { SmtpTestServer } from '../support/smtp';
import { waitUntil } from '../support/wait';

// The outbox to a real SMTP server: deliveries are written with the change that causes them
// (and vanish with it when it rolls back), relayed to the job engine, sent once, retried
// when the server says "later", and given up when it says "never".

const env = testEnv(['RELM_SMTP_URL', 'RELM_MAIL_FROM', 'RELM_PUBLIC_URL'] as const);
const setEnv = env.set;

const smtp = new SmtpTestServer();
let h: DbHandle;
let engine: Engine | undefined;

beforeAll(async () => {
  await smtp.start();
  setEnv({ RELM_SMTP_URL: smtp.url, RELM_MAIL_FROM: 'Relm <relm@relm.example.com>', RELM_PUBLIC_URL: 'https://relm.example.com' });
  h = await freshDatabase();
});

afterAll(async () => {
  await engine?.stop();
  await h?.close();
  resetEmailTransport();
  await smtp.stop();
  env.restore();
});

const message = (subject: string): OutboundMessage => ({
  event: 'approval.requested',
  releaseKey: 'REL-7',
  subject,
  summary: 'A release waits for your approval.',
  lines: ['Olga Owner asks you to approve REL-7.'],
  action: { label: 'Open the approval card', url: 'https://relm.example.com/releases/REL-7/approvals' },
});

async function queueFor(user: { id: string; email: string }, subject: string) {
  const dedupeKey = `test:${uid()}`;
  await h.prisma.$transaction(async (tx) => {
    await enqueueDeliveries(tx, [
      { channel: 'email', event: 'approval.requested', dedupeKey, userId: user.id, recipient: user.email, message: message(subject) },
    ]);
  });
  return h.prisma.delivery.findUniqueOrThrow({ where: { dedupeKey } });
}

describe('the outbox', () => {
  it('writes a delivery with its change, once per dedupe key, and nothing when the change rolls back', async () => {
    const u = await makeUser(h.prisma, ['approver']);
    const dedupeKey = `test:${uid()}`;
    const input = { channel: 'email' as const, event: 'approval.requested', dedupeKey, userId: u.id, recipient: u.email, message: message('REL-7 waits') };
    await h.prisma.$transaction(async (tx) => {
      expect(await enqueueDeliveries(tx, [input])).toBe(1);
      expect(await enqueueDeliveries(tx, [input])).toBe(0);
    });
    const rolledBack = `test:${uid()}`;
    await expect(
      h.prisma.$transaction(async (tx) => {
        await enqueueDeliveries(tx, [{ ...input, dedupeKey: rolledBack }]);
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await h.prisma.delivery.count({ where: { dedupeKey } })).toBe(1);
    expect(await h.prisma.delivery.count({ where: { dedupeKey: rolledBack } })).toBe(0);
  });

  it('relays pending deliveries to the engine, which sends each once', async () => {
    const u = await makeUser(h.prisma, ['approver']);
    const d = await queueFor(u, `REL-7 waits for your approval ${uid()}`);
    engine = await startEngine(h, deliveryJobs(), { onError: () => {} });
    expect(await relayPending(engine.boss)).toBeGreaterThanOrEqual(1);
    expect((await h.prisma.delivery.findUniqueOrThrow({ where: { id: d.id } })).status).not.toBe('pending');
    const mail = await smtp.waitFor((m) => m.envelope.to.includes(u.email.toLowerCase()) || m.to.includes(u.email), { timeoutMs: 20_000 });
    expect(mail.subject).toContain('REL-7 waits for your approval');
    await waitUntil(async () => (await h.prisma.delivery.findUniqueOrThrow({ where: { id: d.id } })).status === 'sent', 10_000);
    const sent = await h.prisma.delivery.findUniqueOrThrow({ where: { id: d.id } });
    expect(sent.attempts).toBe(1);
    expect(sent.sentAt).not.toBeNull();
    // the same job delivered again (a retry after a lost acknowledgement) sends nothing
    expect(await deliverOne(d.id, { retryCount: 1, retryLimit: DELIVER_SPEC.retryLimit })).toBeNull();
    // a second relay finds nothing pending
    expect(await relayPending(engine.boss)).toBe(0);
    expect(smtp.messages.filter((m) => m.subject === mail.subject)).toHaveLength(1);
    await engine.stop();
    engine = undefined;
  });

  it('records a temporary refusal and sends on the next attempt; gives up on a permanent one', async () => {
    const u = await makeUser(h.prisma, ['approver']);
    const later = await queueFor(u, `REL-7 later ${uid()}`);
    smtp.rejectNext(451);
    const first = await deliverOne(later.id, { retryCount: 0, retryLimit: DELIVER_SPEC.retryLimit });
    expect(first).toMatchObject({ ok: false });
    expect(first?.permanent).toBeFalsy();
    const waiting = await h.prisma.delivery.findUniqueOrThrow({ where: { id: later.id } });
    expect(waiting).toMatchObject({ status: 'queued', attempts: 1, lastCode: 451 });
    expect(waiting.lastError).toContain('451');
    expect(await deliverOne(later.id, { retryCount: 1, retryLimit: DELIVER_SPEC.retryLimit })).toMatchObject({ ok: true });
    expect(await h.prisma.delivery.findUniqueOrThrow({ where: { id: later.id } })).toMatchObject({ status: 'sent', attempts: 2, lastError: null });

    const never = await queueFor(u, `REL-7 never ${uid()}`);
    smtp.rejectNext(550);
    expect(await deliverOne(never.id, { retryCount: 0, retryLimit: DELIVER_SPEC.retryLimit })).toMatchObject({ ok: false, permanent: true });
    expect(await h.prisma.delivery.findUniqueOrThrow({ where: { id: never.id } })).toMatchObject({ status: 'failed', attempts: 1, lastCode: 550 });

    // out of attempts: a temporary refusal on the last one is the end
    const last = await queueFor(u, `REL-7 last ${uid()}`);
    smtp.rejectNext(451);
    await deliverOne(last.id, { retryCount: DELIVER_SPEC.retryLimit, retryLimit: DELIVER_SPEC.retryLimit });
    expect((await h.prisma.delivery.findUniqueOrThrow({ where: { id: last.id } })).status).toBe('failed');
  });
});

describe('an approval request by e-mail', () => {
  it('reaches each eligible approver with a link to the approval card, through the engine', async () => {
    const { draftRelease, policyDocument, savePolicy } = await import('./approvals-support');
    const { transitionRelease } = await import('@/lib/server/transitions');
    const approver = await makeUser(h.prisma, ['approver'], { name: 'Elena Approver' });
    const rm = (await makeUser(h.prisma, ['release_manager'], { name: 'Rita Manager' })).actor;
    await savePolicy(h.prisma, policyDocument({}));
    const r = await draftRelease(h.prisma, { ownerId: rm.id! });
    const submitted = await transitionRelease.as(rm)({ releaseKey: r.key, to: 'submitted', version: r.version });
    expect(submitted.ok).toBe(true);
    // written with the submission: in Relm and as an e-mail delivery
    const note = await h.prisma.notification.findFirstOrThrow({ where: { userId: approver.id, kind: 'approval.requested', releaseId: r.id } });
    expect(note.link).toBe(`/approvals/${r.key}`);
    const d = await h.prisma.delivery.findUniqueOrThrow({ where: { dedupeKey: `notification:${note.id}:email` } });
    expect(d).toMatchObject({ channel: 'email', userId: approver.id, recipient: approver.email, status: 'pending' });
    // the engine relays and sends it
    engine = await startEngine(h, deliveryJobs(), { onError: () => {} });
    await relayPending(engine.boss);
    const mail = await smtp.waitFor((m) => m.envelope.to.includes(approver.email.toLowerCase()), { timeoutMs: 20_000 });
    expect(mail.subject).toBe(`${r.key} needs your approval`);
    expect(mail.text).toContain(`https://relm.example.com/approvals/${r.key}`);
    expect(mail.html).toContain(`href="https://relm.example.com/approvals/${r.key}"`);
    expect(mail.text).toContain('https://relm.example.com/profile');
    await engine.stop();
    engine = undefined;
  });
});
