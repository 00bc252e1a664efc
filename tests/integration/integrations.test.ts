import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Webhook } from 'standardwebhooks';
import type { DbHandle } from '@/lib/server/db';
import type { Actor } from '@/lib/server/actor';
import { EVENT_TYPES } from '@/lib/domain/events';
import { decideApproval } from '@/lib/server/approvals';
import { executeBackout } from '@/lib/server/backout';
import { recordDeployment, updateDeploymentStatus } from '@/lib/server/deployments';
import { emitEvent } from '@/lib/server/events';
import { requestFreezeOverride } from '@/lib/server/freezes';
import { saveHandover } from '@/lib/server/handover';
import {
  createChatChannel,
  createWebhook,
  deleteWebhook,
  deliveryLog,
  listChatChannels,
  listWebhooks,
  redeliver,
  updateWebhook,
} from '@/lib/server/integrations';
import { deliverOne, DELIVER_WEBHOOK_SPEC } from '@/lib/server/jobs/delivery';
import { transitionRelease } from '@/lib/server/transitions';
import { nowMs } from '@/lib/server/clock';
import { freshDatabase } from '../support/db';
import { makeEnvironment, makeTeam, makeUser, uid } from '../support/factories';
import { testEnv } from '../support/env';
import { INSTANTS, withClockAt } from '../support/clock';
import { startWebhookReceiver, type ReceivedRequest, type WebhookReceiver } from '../support/webhook-receiver';
import { SmtpTestServer } from '../support/smtp';
import { resetEmailTransport } from '@/lib/server/channels/email';
import { draftRelease, policyDocument, savePolicy } from './approvals-support';
import { GET as listRoute, POST as createRoute } from '@/app/api/v1/webhooks/route';
import { DELETE as deleteRoute, GET as getRoute, PATCH as patchRoute } from '@/app/api/v1/webhooks/[id]/route';
import { makeApiToken } from '../support/factories';
import { deployedScene } from './backout-support';
import { readyRelease } from './lifecycle-support';

// Events reach machines and team chats (issue 13): admins register signed webhook endpoints
// and Slack / Teams channels; each event is queued with the change that causes it, sent by the
// delivery job to a real HTTP receiver, signed by the Standard Webhooks specification (checked
// with the standardwebhooks package), retried, and the endpoint disabled when it stays down.

withClockAt(INSTANTS.weekdayMorning);

const env = testEnv(['RELM_WEBHOOKS_ALLOW_PRIVATE', 'RELM_OUTBOUND_ALLOW', 'RELM_PUBLIC_URL', 'RELM_SMTP_URL'] as const);
const HOUR = 3_600_000;

let h: DbHandle;
let receiver: WebhookReceiver;
let admin: Actor;
let adminId: string;
let owner: { id: string; actor: Actor };
let approver: Actor;
let ops: Actor;
let teamY: { id: string };

beforeAll(async () => {
  receiver = await startWebhookReceiver();
  env.set({ RELM_PUBLIC_URL: 'https://relm.example.com', RELM_WEBHOOKS_ALLOW_PRIVATE: undefined, RELM_OUTBOUND_ALLOW: undefined, RELM_SMTP_URL: undefined });
  h = await freshDatabase();
  const teamX = await makeTeam(h.prisma, `Payments ${uid()}`);
  teamY = await makeTeam(h.prisma, `Search ${uid()}`);
  const a = await makeUser(h.prisma, ['admin'], { name: 'Ada Admin' });
  admin = a.actor;
  adminId = a.id;
  owner = await makeUser(h.prisma, ['release_manager'], { name: 'Rita Owner', teamId: teamX.id });
  approver = (await makeUser(h.prisma, ['approver'], { name: 'Ana Approver' })).actor;
  ops = (await makeUser(h.prisma, ['operations', 'release_manager'], { name: 'Olga Ops' })).actor;
  await savePolicy(h.prisma, policyDocument({}));
  // the owner's team, for team-scoped channels
  (globalThis as Record<string, unknown>).__teamX = teamX.id;
});

afterAll(async () => {
  await h?.close();
  await receiver?.stop();
  env.restore();
});

/** Sends everything waiting in the outbox, as the delivery job would (first attempt). */
async function deliverPending(where: { webhookEndpointId?: string } = {}) {
  const rows = await h.prisma.delivery.findMany({ where: { status: 'pending', ...where }, orderBy: { createdAt: 'asc' }, select: { id: true } });
  for (const r of rows) await deliverOne(r.id, { retryCount: 0, retryLimit: DELIVER_WEBHOOK_SPEC.retryLimit });
  return rows.length;
}

const at = (path: string) => (r: ReceivedRequest) => r.path === path;

describe('registering a webhook endpoint', () => {
  it("refuses the organisation's own network, naming the reason and the setting that allows it", async () => {
    const res = await createWebhook.as(admin)({ url: receiver.url('/hooks/a'), events: ['release.deployed'] });
    expect(res).toMatchObject({ ok: false, code: 'invalid' });
    const why = (res as { fieldErrors?: Record<string, string[]> }).fieldErrors?.url?.[0] ?? '';
    expect(why).toMatch(/127\.0\.0\.1 is a loopback address/);
    expect(why).toMatch(/RELM_WEBHOOKS_ALLOW_PRIVATE=true/);
    expect(await h.prisma.webhookEndpoint.count()).toBe(0);
  });

  it('with RELM_WEBHOOKS_ALLOW_PRIVATE=true accepts it, but never the cloud metadata address', async () => {
    env.set({ RELM_WEBHOOKS_ALLOW_PRIVATE: 'true' });
    const metadata = await createWebhook.as(admin)({ url: 'http://169.254.169.254/latest/meta-data/', events: ['release.deployed'] });
    expect(metadata).toMatchObject({ ok: false, code: 'invalid' });
    expect(JSON.stringify(metadata)).toMatch(/cloud metadata service/);
    const res = await createWebhook.as(admin)({ url: receiver.url('/hooks/a'), description: 'Status page', events: ['release.deployed'] });
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    expect(res.data.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    // the secret is shown once: no later read carries it
    const listed = await listWebhooks(admin);
    expect(listed.map((w) => w.id)).toContain(res.data.webhook.id);
    expect(JSON.stringify(listed)).not.toContain(res.data.secret.slice(6));
    const audit = await h.prisma.auditEvent.findFirstOrThrow({ where: { action: 'webhook.create', targetId: res.data.webhook.id } });
    expect(JSON.stringify([audit.before, audit.after])).not.toContain(res.data.secret.slice(6));
    const removed = await deleteWebhook.as(admin)({ id: res.data.webhook.id });
    expect(removed.ok).toBe(true);
  });

  it('refuses an unknown event and a non-http URL with messages beside the fields', async () => {
    const res = await createWebhook.as(admin)({ url: 'ftp://example.com/x', events: ['release.exploded'] });
    expect(res).toMatchObject({ ok: false, code: 'invalid' });
    const fe = (res as { fieldErrors?: Record<string, string[]> }).fieldErrors ?? {};
    expect(fe.url?.[0]).toMatch(/https:\/\//);
    expect(Object.keys(fe).some((k) => k.startsWith('events'))).toBe(true);
  });

  it('is for admins only', async () => {
    const res = await createWebhook.as(owner.actor)({ url: 'https://8.8.8.8/x', events: ['release.deployed'] });
    expect(res).toMatchObject({ ok: false, code: 'forbidden' });
    await expect(listWebhooks(owner.actor)).rejects.toThrow();
  });
});

describe('every event', () => {
  let secret = '';
  const teamX = () => (globalThis as Record<string, unknown>).__teamX as string;
  // people hear of the same events by e-mail: a real SMTP server receives them
  const smtp = new SmtpTestServer();

  afterAll(async () => {
    env.set({ RELM_SMTP_URL: undefined });
    resetEmailTransport();
    await smtp.stop();
  });

  beforeAll(async () => {
    await smtp.start();
    env.set({ RELM_WEBHOOKS_ALLOW_PRIVATE: 'true', RELM_SMTP_URL: smtp.url });
    const ep = await createWebhook.as(admin)({ url: receiver.url('/hooks/all'), description: 'Everything', events: [...EVENT_TYPES] });
    if (!ep.ok) throw new Error(ep.message);
    secret = ep.data.secret;
    for (const c of [
      { kind: 'slack' as const, teamId: '', name: '#releases', url: receiver.url('/slack/org') },
      { kind: 'teams' as const, teamId: teamX(), name: 'Payments channel', url: receiver.url('/teams/payments') },
      { kind: 'teams' as const, teamId: teamY.id, name: 'Search channel', url: receiver.url('/teams/search') },
    ]) {
      const res = await createChatChannel.as(admin)({ ...c, events: [...EVENT_TYPES] });
      if (!res.ok) throw new Error(res.message);
    }
    // shown masked: the path of a Slack or Teams URL is its secret
    expect((await listChatChannels(admin)).map((c) => c.url)).toEqual(Array(3).fill(`${receiver.origin}/…`));
  });

  /** A scheduled release of the owner, targeting staging and production, windows around now. */
  async function scheduledRelease() {
    const r = await readyRelease(h.prisma, { ownerId: owner.id });
    const [a, b] = [await makeEnvironment(h.prisma), await makeEnvironment(h.prisma)];
    const [staging, production] = a.position < b.position ? [a, b] : [b, a];
    for (const e of [staging, production]) {
      await h.prisma.releaseEnvironment.create({
        data: { releaseId: r.id, environmentId: e.id, scheduledStart: new Date(nowMs() - HOUR), scheduledEnd: new Date(nowMs() + HOUR) },
      });
    }
    await h.prisma.release.update({ where: { id: r.id }, data: { status: 'scheduled' } });
    return { ...r, staging, production };
  }

  const ok = <T extends { ok: boolean; message?: string }>(res: T) => {
    expect(res.ok ? 'ok' : res.message).toBe('ok');
    return res;
  };

  async function deploy(key: string, environment: string, outcome: 'succeeded' | 'failed') {
    const rec = ok(await recordDeployment.as(ops)({ releaseKey: key, environment }));
    if (rec.ok) ok(await updateDeploymentStatus.as(ops)({ id: rec.data.id, status: outcome }));
  }

  it('is signed to the endpoint, posted to Slack and to the release team’s Teams channel, and never to another team', async () => {
    receiver.reset();
    // submitted, approval requested, approval decided, rejected
    const submitted = await draftRelease(h.prisma, { ownerId: owner.id });
    const sub = ok(await transitionRelease.as(owner.actor)({ releaseKey: submitted.key, to: 'submitted', version: submitted.version }));
    ok(await decideApproval.as(approver)({ releaseKey: submitted.key, decision: 'reject', comment: 'Needs a rollback test', packageDigest: submitted.digest }));
    expect(sub.ok).toBe(true);
    // approved: a second release, approved by the approver
    const second = await draftRelease(h.prisma, { ownerId: owner.id });
    ok(await transitionRelease.as(owner.actor)({ releaseKey: second.key, to: 'submitted', version: second.version }));
    ok(await decideApproval.as(approver)({ releaseKey: second.key, decision: 'approve', comment: '', packageDigest: second.digest }));
    // deploying, a deployment succeeded and one failed
    const failing = await scheduledRelease();
    await deploy(failing.key, failing.staging.name, 'succeeded');
    await deploy(failing.key, failing.production.name, 'failed');
    // deployed, then its handover is ready
    const shipped = await scheduledRelease();
    await deploy(shipped.key, shipped.staging.name, 'succeeded');
    await deploy(shipped.key, shipped.production.name, 'succeeded');
    ok(
      await saveHandover.as(owner.actor)({
        releaseKey: shipped.key,
        whatChanged: 'Faster invoices',
        runbook: 'Restart the invoice worker',
        monitoring: 'Grafana: invoices',
        knownErrors: 'None known',
        supportContacts: 'payments@example.com',
        markReady: true,
      }),
    );
    // rolled back
    const scene = await deployedScene(h.prisma);
    ok(await executeBackout.as(ops)({ releaseKey: scene.key, environment: scene.env.name, reason: 'Checkout errors at 5%' }));
    // a freeze override requested
    const frozen = await scheduledRelease();
    const freeze = await h.prisma.freezeWindow.create({
      data: {
        name: `Incident freeze ${uid()}`,
        reason: 'Major incident',
        kind: 'one_off',
        startsAt: new Date(nowMs() - 2 * HOUR),
        endsAt: new Date(nowMs() + 2 * HOUR),
        environments: { create: [{ environmentId: frozen.production.id }] },
      },
    });
    ok(
      await requestFreezeOverride.as(owner.actor)({
        releaseKey: frozen.key,
        freezeId: freeze.id,
        environmentName: frozen.production.name,
        reason: 'The payment provider switches its API off tomorrow; agreed with the CAB chair.',
      }),
    );
    // cancelled
    const dropped = await draftRelease(h.prisma, { ownerId: owner.id });
    ok(
      await transitionRelease.as(owner.actor)({ releaseKey: dropped.key, to: 'cancelled', version: dropped.version, reason: 'Superseded by a later release' }),
    );

    // nothing was sent while the changes were made: it waits in the outbox
    expect(receiver.requests).toHaveLength(0);
    const sent = await deliverPending();
    expect(sent).toBeGreaterThan(10);

    const hooks = receiver.requests.filter(at('/hooks/all'));
    const verifier = new Webhook(secret);
    const bodies = hooks.map(
      (r) => verifier.verify(r.body, r.headers as Record<string, string>) as { type: string; timestamp: string; data: Record<string, unknown> },
    );
    const types = new Set(bodies.map((b) => b.type));
    for (const t of [
      'release.submitted',
      'approval.requested',
      'approval.decided',
      'release.rejected',
      'release.approved',
      'release.deploying',
      'deployment.succeeded',
      'deployment.failed',
      'release.deployed',
      'handover.ready',
      'release.rolled_back',
      'freeze.override_requested',
      'release.cancelled',
    ])
      expect([t, types.has(t)]).toEqual([t, true]);
    // the body carries the release key, status, environment and a link to the exact page
    const failed = bodies.find((b) => b.type === 'deployment.failed')!;
    expect(failed.data).toMatchObject({
      releaseKey: failing.key,
      status: 'deploying',
      environment: failing.production.name,
      link: `https://relm.example.com/releases/${failing.key}/deployments`,
      deploymentStatus: 'failed',
    });
    const requested = bodies.find((b) => b.type === 'approval.requested')!;
    expect(requested.data.link).toBe(`https://relm.example.com/approvals/${submitted.key}`);
    // each event has its own webhook-id
    expect(new Set(hooks.map((r) => r.headers['webhook-id'])).size).toBe(hooks.length);

    // Slack: a Block Kit message naming the release; Teams: an Adaptive Card
    const slack = receiver.requests.filter(at('/slack/org')).map((r) => JSON.parse(r.body) as { text: string; blocks: unknown[] });
    expect(slack.length).toBe(hooks.length);
    expect(slack.some((m) => m.text.includes(failing.key) && /failed to deploy/.test(m.text))).toBe(true);
    expect(slack.every((m) => Array.isArray(m.blocks) && m.blocks.length > 0)).toBe(true);
    const teams = receiver.requests.filter(at('/teams/payments')).map((r) => JSON.parse(r.body) as { attachments: { contentType: string }[] });
    expect(teams.length).toBeGreaterThan(5);
    expect(teams.every((m) => m.attachments[0]!.contentType === 'application/vnd.microsoft.card.adaptive')).toBe(true);
    // the other team's channel hears nothing of releases it has no part in
    expect(receiver.requests.filter(at('/teams/search'))).toHaveLength(0);

    // the people involved were e-mailed (as their role defaults say), each e-mail received by
    // the SMTP server, with the release key in the subject and a link to the exact page
    const mails = await h.prisma.delivery.findMany({ where: { channel: 'email' }, select: { event: true, status: true, recipient: true, payload: true } });
    expect(mails.length).toBeGreaterThan(5);
    expect(mails.filter((m) => m.status !== 'sent')).toEqual([]);
    const kinds = new Set(mails.map((m) => m.event));
    for (const k of ['approval.requested', 'approval.decided', 'deployment.failed', 'handover.ready', 'release.rolled_back'])
      expect([k, kinds.has(k)]).toEqual([k, true]);
    expect(smtp.messages.length).toBe(mails.length);
    for (const m of smtp.messages) {
      expect(m.subject).toMatch(/REL-\d+/);
      expect(m.text).toMatch(/https:\/\/relm\.example\.com\/(releases|approvals)\/REL-\d+/);
    }

    // every send is recorded
    const log = await deliveryLog(admin, { webhookEndpointId: (await listWebhooks(admin)).find((w) => w.description === 'Everything')!.id });
    expect(log.length).toBe(hooks.length);
    expect(log.every((d) => d.status === 'sent' && d.attempts === 1 && d.lastCode === 200 && d.messageId?.startsWith('msg_'))).toBe(true);
  });

  it('is not queued when the change that causes it fails', async () => {
    const before = await h.prisma.delivery.count();
    const r = await draftRelease(h.prisma, { ownerId: owner.id });
    // a stale version: refused, so nothing is emitted
    const res = await transitionRelease.as(owner.actor)({ releaseKey: r.key, to: 'submitted', version: r.version + 5 });
    expect(res.ok).toBe(false);
    expect(await h.prisma.delivery.count()).toBe(before);
  });
});

describe('a failing endpoint', () => {
  it('is retried, then disabled after its last attempt; admins are told; an admin re-enables it and redelivers', async () => {
    env.set({ RELM_WEBHOOKS_ALLOW_PRIVATE: 'true' });
    receiver.reset();
    const created = await createWebhook.as(admin)({ url: receiver.url('/hooks/down'), description: 'Flaky receiver', events: ['release.closed'] });
    if (!created.ok) throw new Error(created.message);
    const id = created.data.webhook.id;
    const r = await draftRelease(h.prisma, { ownerId: owner.id });
    await h.prisma.$transaction(async (tx) => {
      await emitEvent(tx, { type: 'release.closed', releaseId: r.id, summary: `${r.key} closed`, link: `/releases/${r.key}` });
    });
    const d = await h.prisma.delivery.findFirstOrThrow({ where: { webhookEndpointId: id } });

    receiver.setDefault({ status: 503, body: 'maintenance' });
    const first = await deliverOne(d.id, { retryCount: 0, retryLimit: DELIVER_WEBHOOK_SPEC.retryLimit });
    expect(first).toMatchObject({ ok: false, permanent: false, code: 503 });
    expect(await h.prisma.delivery.findUniqueOrThrow({ where: { id: d.id } })).toMatchObject({ status: 'queued', attempts: 1, lastCode: 503 });
    expect((await h.prisma.webhookEndpoint.findUniqueOrThrow({ where: { id } })).disabledAt).toBeNull();

    // the engine's last retry (about a day later) fails too
    const last = await deliverOne(d.id, { retryCount: DELIVER_WEBHOOK_SPEC.retryLimit, retryLimit: DELIVER_WEBHOOK_SPEC.retryLimit });
    expect(last).toMatchObject({ ok: false, code: 503 });
    expect(await h.prisma.delivery.findUniqueOrThrow({ where: { id: d.id } })).toMatchObject({ status: 'failed', attempts: 2 });
    const ep = await h.prisma.webhookEndpoint.findUniqueOrThrow({ where: { id } });
    expect(ep.disabledAt).not.toBeNull();
    expect(ep.disabledReason).toMatch(/for about a day: HTTP 503/);
    const told = await h.prisma.notification.findMany({ where: { userId: adminId, kind: 'integration.disabled' } });
    expect(told.map((n) => n.title)).toEqual(['Relm stopped sending to the webhook endpoint “Flaky receiver”']);
    expect(await h.prisma.auditEvent.count({ where: { action: 'webhook.disabled', targetId: id } })).toBe(1);

    // a disabled endpoint receives nothing new
    await h.prisma.$transaction((tx) => emitEvent(tx, { type: 'release.closed', releaseId: r.id, summary: 'again', link: '/' }));
    expect(await h.prisma.delivery.count({ where: { webhookEndpointId: id } })).toBe(1);
    // redelivery waits for the endpoint to be enabled
    expect(await redeliver.as(admin)({ deliveryId: d.id })).toMatchObject({ ok: false, code: 'conflict' });
    receiver.setDefault({ status: 200, body: 'ok' });
    expect((await updateWebhook.as(admin)({ id, enabled: true })).ok).toBe(true);
    expect((await redeliver.as(admin)({ deliveryId: d.id })).ok).toBe(true);
    await deliverPending({ webhookEndpointId: id });
    const after = await h.prisma.delivery.findUniqueOrThrow({ where: { id: d.id } });
    expect(after).toMatchObject({ status: 'sent', attempts: 3, lastCode: 200 });
    // the same webhook-id every time, so the receiver can tell it is one event
    const ids = new Set(receiver.requests.filter(at('/hooks/down')).map((q) => q.headers['webhook-id']));
    expect(ids.size).toBe(1);
  });

  it('answering 410 Gone is disabled at once', async () => {
    env.set({ RELM_WEBHOOKS_ALLOW_PRIVATE: 'true' });
    const created = await createWebhook.as(admin)({ url: receiver.url('/hooks/gone'), events: ['release.closed'] });
    if (!created.ok) throw new Error(created.message);
    const r = await draftRelease(h.prisma, { ownerId: owner.id });
    await h.prisma.$transaction((tx) => emitEvent(tx, { type: 'release.closed', releaseId: r.id, summary: 'closed', link: '/' }));
    receiver.respondWith({ status: 410, body: 'gone' });
    await deliverPending({ webhookEndpointId: created.data.webhook.id });
    const ep = await h.prisma.webhookEndpoint.findUniqueOrThrow({ where: { id: created.data.webhook.id } });
    expect(ep.disabledReason).toMatch(/410 Gone/);
  });
});

describe('/api/v1/webhooks', () => {
  const noParams = { params: Promise.resolve({}) as Promise<Record<string, never>> };
  const idParams = (id: string) => ({ params: Promise.resolve({ id }) });
  const call = (path: string, token: string, init: { method?: string; body?: unknown } = {}) =>
    new Request(`http://relm.test${path}`, {
      method: init.method ?? (init.body !== undefined ? 'POST' : 'GET'),
      headers: { authorization: `Bearer ${token}`, ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
    });

  it('registers (secret once), lists, shows the log, pauses and deletes, for a token scoped integration.manage', async () => {
    env.set({ RELM_WEBHOOKS_ALLOW_PRIVATE: undefined });
    const token = await makeApiToken(h.prisma, adminId, ['integration.manage']);
    const refused = await createRoute(call('/api/v1/webhooks', token, { body: { url: 'http://10.0.0.8/hook', events: ['release.deployed'] } }), noParams);
    expect(refused.status).toBe(400);
    expect((await refused.json()).error.fieldErrors.url[0]).toMatch(/10\.0\.0\.8 is a private address/);

    const created = await createRoute(
      call('/api/v1/webhooks', token, {
        body: { url: 'https://8.8.8.8/relm', description: 'Pipeline bot', events: ['release.deployed', 'deployment.failed'] },
      }),
      noParams,
    );
    expect(created.status).toBe(201);
    const body = await created.json();
    expect(body.secret).toMatch(/^whsec_/);
    const id = body.webhook.id as string;

    const listed = await (await listRoute(call('/api/v1/webhooks', token), noParams)).json();
    expect(listed.items.find((w: { id: string }) => w.id === id)).toMatchObject({ description: 'Pipeline bot', status: 'active' });
    expect(JSON.stringify(listed)).not.toContain(body.secret.slice(6));

    const one = await getRoute(call(`/api/v1/webhooks/${id}`, token), idParams(id));
    expect(await one.json()).toMatchObject({ id, recentDeliveries: [] });

    const paused = await patchRoute(call(`/api/v1/webhooks/${id}`, token, { method: 'PATCH', body: { enabled: false } }), idParams(id));
    expect(paused.status).toBe(200);
    expect(await paused.json()).toMatchObject({ status: 'disabled', disabledReason: 'Paused by an admin.' });

    const gone = await deleteRoute(call(`/api/v1/webhooks/${id}`, token, { method: 'DELETE' }), idParams(id));
    expect(await gone.json()).toEqual({ id, deleted: true });
    expect((await getRoute(call(`/api/v1/webhooks/${id}`, token), idParams(id))).status).toBe(404);
  });

  it('refuses a token without the scope, and a person who is not an admin', async () => {
    const narrow = await makeApiToken(h.prisma, adminId, ['release.read']);
    expect((await listRoute(call('/api/v1/webhooks', narrow), noParams)).status).toBe(403);
    const rm = await makeApiToken(h.prisma, owner.id, ['*']);
    const res = await createRoute(call('/api/v1/webhooks', rm, { body: { url: 'https://8.8.8.8/x', events: ['release.deployed'] } }), noParams);
    expect(res.status).toBe(403);
    expect(await h.prisma.webhookEndpoint.count({ where: { url: 'https://8.8.8.8/x' } })).toBe(0);
  });
});
