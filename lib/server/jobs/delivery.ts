import 'server-only';
import type PgBoss from 'pg-boss';
import { sendEmail, messageIdFor } from '../channels/email';
import type { DeliveryResult, OutboundMessage } from '../channels/types';
import { now } from '../clock';
import { db, type Tx } from '../db';
import type { JobDefinition, QueueSpec } from './engine';

// From the outbox to the channels (docs/decisions/026-job-engine.md). The relay turns pending
// deliveries into relm-deliver jobs in one transaction (the rows are marked queued with their
// jobs, or neither); a relm-deliver job sends one delivery, records the attempt on its row,
// and throws on a temporary failure so the engine retries it with backoff.

export const RELAY_QUEUE = 'relm-relay';
export const DELIVER_QUEUE = 'relm-deliver';

export const DELIVER_SPEC: QueueSpec = {
  name: DELIVER_QUEUE,
  // about 1, 2, 4 … 64 minutes: seven attempts over two hours
  retryLimit: 6,
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
    const rows = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM "Delivery" WHERE status = 'pending' ORDER BY "createdAt" LIMIT ${limit}::int FOR UPDATE SKIP LOCKED`;
    if (!rows.length) return 0;
    const via = inTransaction(tx);
    for (const r of rows) await boss.send(DELIVER_QUEUE, { id: r.id }, { singletonKey: r.id, db: via });
    await tx.delivery.updateMany({ where: { id: { in: rows.map((r) => r.id) } }, data: { status: 'queued' } });
    return rows.length;
  });
}

type Channel = 'email' | 'slack' | 'teams' | 'webhook';

async function send(d: { id: string; channel: Channel; userId: string | null; recipient: string; payload: unknown }): Promise<DeliveryResult> {
  const msg = d.payload as OutboundMessage;
  if (d.channel === 'email') {
    const prisma = await db();
    const person = d.userId ? await prisma.user.findUnique({ where: { id: d.userId }, select: { email: true, name: true, disabledAt: true } }) : null;
    if (d.userId && (!person || person.disabledAt)) return { ok: false, permanent: true, detail: 'the person is no longer active' };
    return sendEmail({ email: person?.email ?? d.recipient, name: person?.name ?? d.recipient }, msg, { messageId: messageIdFor(d.id) });
  }
  return { ok: false, permanent: true, detail: `no ${d.channel} destination is configured for this delivery` };
}

/** Sends one delivery once: a delivery already sent, failed or skipped is left alone. */
export async function deliverOne(id: string, attempt: { retryCount: number; retryLimit: number }): Promise<DeliveryResult | null> {
  const prisma = await db();
  const d = await prisma.delivery.findUnique({
    where: { id },
    select: { id: true, channel: true, userId: true, recipient: true, payload: true, status: true, attempts: true },
  });
  if (!d || d.status === 'sent' || d.status === 'failed' || d.status === 'skipped') return null;
  const result = await send(d);
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
    {
      queue: DELIVER_SPEC,
      batchSize: 1,
      pollingIntervalSeconds: 2,
      handle: async (data, job) => {
        const result = await deliverOne(String((data as { id?: unknown }).id ?? ''), { retryCount: job.retryCount, retryLimit: DELIVER_SPEC.retryLimit });
        // a temporary failure with attempts left: the engine retries with backoff
        if (result && !result.ok && !result.permanent && job.retryCount < DELIVER_SPEC.retryLimit) throw new Error(result.detail);
      },
    },
  ];
}
