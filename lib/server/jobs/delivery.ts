import 'server-only';
import type PgBoss from 'pg-boss';
import { SYSTEM_ACTOR } from '../actor';
import { appendAudit } from '../audit';
import { postSlack, postTeams } from '../channels/chat';
import { sendEmail, messageIdFor } from '../channels/email';
import type { DeliveryResult, OutboundMessage } from '../channels/types';
import { postWebhook } from '../channels/webhook';
import { now } from '../clock';
import { db, type Tx } from '../db';
import type { WebhookPayload } from '../events';
import { tellPeople } from '../notify';
import type { JobDefinition, QueueSpec } from './engine';

// From the outbox to the channels (docs/decisions/026-job-engine.md). The relay turns pending
// deliveries into relm-deliver jobs in one transaction (the rows are marked queued with their
// jobs, or neither); a relm-deliver job sends one delivery, records the attempt on its row,
// and throws on a temporary failure so the engine retries it with backoff.

export const RELAY_QUEUE = 'relm-relay';
export const DELIVER_QUEUE = 'relm-deliver';
export const DELIVER_WEBHOOK_QUEUE = 'relm-deliver-webhook';

export const DELIVER_SPEC: QueueSpec = {
  name: DELIVER_QUEUE,
  // about 1, 2, 4 … 64 minutes: seven attempts over two hours
  retryLimit: 6,
  retryDelay: 60,
  retryBackoff: true,
  expireInSeconds: 120,
};

/**
 * Webhooks are retried for about a day (machines are down for maintenance, deploys, weekends):
 * pg-boss waits between retryDelay·2^n and retryDelay·2^(n+1) seconds before retry n+1, so
 * eleven attempts span about 17 to 34 hours. Then the endpoint is disabled and admins are told.
 */
export const DELIVER_WEBHOOK_SPEC: QueueSpec = {
  name: DELIVER_WEBHOOK_QUEUE,
  retryLimit: 10,
  retryDelay: 60,
  retryBackoff: true,
  expireInSeconds: 120,
};

/** pg-boss's SQL inside a Prisma transaction: the job row commits with the caller's. */
function inTransaction(tx: Tx): PgBoss.Db {
  return {
    executeSql: async (text: string, values: unknown[]) => ({ rows: await tx.$queryRawUnsafe<unknown[]>(text, ...values) }),
  };
}

/** Hands up to `limit` pending deliveries to the engine, oldest first. Safe to run in several processes at once. */
export async function relayPending(boss: PgBoss, limit = 200): Promise<number> {
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ id: string; channel: Channel }[]>`
      SELECT id, channel::text AS channel FROM "Delivery" WHERE status = 'pending' ORDER BY "createdAt" LIMIT ${limit}::int FOR UPDATE SKIP LOCKED`;
    if (!rows.length) return 0;
    const via = inTransaction(tx);
    for (const r of rows) await boss.send(r.channel === 'webhook' ? DELIVER_WEBHOOK_QUEUE : DELIVER_QUEUE, { id: r.id }, { singletonKey: r.id, db: via });
    await tx.delivery.updateMany({ where: { id: { in: rows.map((r) => r.id) } }, data: { status: 'queued' } });
    return rows.length;
  });
}

type Channel = 'email' | 'slack' | 'teams' | 'webhook';

interface Row {
  id: string;
  channel: Channel;
  userId: string | null;
  recipient: string;
  payload: unknown;
  webhookEndpointId: string | null;
  chatChannelId: string | null;
}

const SKIPPED = 'skipped';

async function send(d: Row): Promise<DeliveryResult | typeof SKIPPED> {
  const msg = d.payload as OutboundMessage;
  const prisma = await db();
  if (d.channel === 'webhook') {
    const ep = d.webhookEndpointId
      ? await prisma.webhookEndpoint.findUnique({ where: { id: d.webhookEndpointId }, select: { url: true, secret: true, disabledAt: true } })
      : null;
    if (!ep || ep.disabledAt) return SKIPPED;
    const p = d.payload as WebhookPayload;
    return postWebhook({ url: ep.url, secret: ep.secret }, { id: p.id, type: p.type, timestamp: new Date(p.timestamp), data: p.data });
  }
  if (d.channel === 'slack' || d.channel === 'teams') {
    const ch = d.chatChannelId ? await prisma.chatChannel.findUnique({ where: { id: d.chatChannelId }, select: { url: true, disabledAt: true } }) : null;
    if (!ch || ch.disabledAt) return SKIPPED;
    return d.channel === 'slack' ? postSlack(ch.url, msg) : postTeams(ch.url, msg);
  }
  if (d.channel === 'email') {
    const person = d.userId ? await prisma.user.findUnique({ where: { id: d.userId }, select: { email: true, name: true, disabledAt: true } }) : null;
    if (d.userId && (!person || person.disabledAt)) return { ok: false, permanent: true, detail: 'the person is no longer active' };
    return sendEmail({ email: person?.email ?? d.recipient, name: person?.name ?? d.recipient }, msg, { messageId: messageIdFor(d.id) });
  }
  return { ok: false, permanent: true, detail: `unknown channel ${String(d.channel)}` };
}

/**
 * A webhook endpoint or chat channel whose delivery ran out of attempts (about a day for a
 * webhook), or that answered 410 Gone, is disabled, audited and the admins are told; an admin
 * re-enables it once the receiver is back.
 */
async function disableDestination(d: Row, result: DeliveryResult): Promise<void> {
  const prisma = await db();
  const reason = `Disabled after a delivery failed ${result.code === 410 ? 'with 410 Gone' : 'for about a day'}: ${result.detail}`.slice(0, 500);
  await prisma.$transaction(async (tx) => {
    const at = now();
    const target = d.webhookEndpointId
      ? (
          await tx.webhookEndpoint.updateManyAndReturn({
            where: { id: d.webhookEndpointId, disabledAt: null },
            data: { disabledAt: at, disabledReason: reason },
            select: { id: true, description: true, url: true },
          })
        ).map((e) => ({ id: e.id, name: e.description || hostOf(e.url) }))
      : d.chatChannelId
        ? (
            await tx.chatChannel.updateManyAndReturn({
              where: { id: d.chatChannelId, disabledAt: null },
              data: { disabledAt: at, disabledReason: reason },
              select: { id: true, name: true },
            })
          ).map((c) => ({ id: c.id, name: c.name }))
        : [];
    const t = target[0];
    if (!t) return; // already disabled (by another delivery, or an admin)
    const name = t.name;
    await appendAudit(tx, SYSTEM_ACTOR, null, {
      action: d.webhookEndpointId ? 'webhook.disabled' : 'chat_channel.disabled',
      targetType: d.webhookEndpointId ? 'WebhookEndpoint' : 'ChatChannel',
      targetId: t.id,
      after: { disabledReason: reason, delivery: d.id },
    });
    const admins = await tx.user.findMany({ where: { disabledAt: null, roles: { some: { role: 'admin' } } }, select: { id: true } });
    await tellPeople(
      tx,
      admins.map((a) => a.id),
      {
        kind: 'integration.disabled',
        say: ({ t }) => ({
          title: t('integration.disabled.title', { kind: d.webhookEndpointId ? 'webhook' : d.channel === 'slack' ? 'slack' : 'teams', name }),
          body: t('integration.disabled.body', { reason }),
        }),
        link: `/admin/integrations#${d.webhookEndpointId ? 'webhook' : 'chat'}-${t.id}`,
      },
    );
  });
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'unknown host';
  }
}

/** Sends one delivery once: a delivery already sent, failed or skipped is left alone. */
export async function deliverOne(id: string, attempt: { retryCount: number; retryLimit: number }): Promise<DeliveryResult | null> {
  const prisma = await db();
  const d = await prisma.delivery.findUnique({
    where: { id },
    select: {
      id: true,
      channel: true,
      userId: true,
      recipient: true,
      payload: true,
      status: true,
      attempts: true,
      webhookEndpointId: true,
      chatChannelId: true,
    },
  });
  if (!d || d.status === 'sent' || d.status === 'failed' || d.status === 'skipped') return null;
  const sent = await send(d);
  if (sent === SKIPPED) {
    await prisma.delivery.updateMany({
      where: { id, status: { in: ['pending', 'queued'] } },
      data: { status: 'skipped', lastError: 'the destination was disabled or removed before this was sent' },
    });
    return null;
  }
  const result = sent;
  const last = attempt.retryCount >= attempt.retryLimit;
  const status = result.ok ? 'sent' : result.permanent || last ? 'failed' : 'queued';
  // only a row still waiting: two deliveries of one job cannot both record a send
  await prisma.delivery.updateMany({
    where: { id, status: { in: ['pending', 'queued'] } },
    data: {
      status,
      attempts: { increment: 1 },
      lastError: result.ok ? null : result.detail.slice(0, 1000),
      lastCode: result.code ?? null,
      ...(result.ok ? { sentAt: now() } : {}),
    },
  });
  if (!result.ok && (d.webhookEndpointId || d.chatChannelId) && ((last && !result.permanent) || result.code === 410)) await disableDestination(d, result);
  return result;
}

export function deliveryJobs(): JobDefinition[] {
  return [
    {
      queue: { name: RELAY_QUEUE, retryLimit: 0, retryDelay: 0, retryBackoff: false, expireInSeconds: 120, policy: 'singleton' },
      batchSize: 1,
      pollingIntervalSeconds: 2,
      handle: async (_data, _job, boss) => {
        await relayPending(boss);
      },
    },
    ...[DELIVER_SPEC, DELIVER_WEBHOOK_SPEC].map((spec): JobDefinition => ({
      queue: spec,
      batchSize: 1,
      pollingIntervalSeconds: 2,
      handle: async (data, job) => {
        const result = await deliverOne(String((data as { id?: unknown }).id ?? ''), { retryCount: job.retryCount, retryLimit: spec.retryLimit });
        // a temporary failure with attempts left: the engine retries with backoff
        if (result && !result.ok && !result.permanent && job.retryCount < spec.retryLimit) throw new Error(result.detail);
      },
    })),
  ];
}
