import 'server-only';
import type { DeliveryChannel, Prisma } from '@/lib/generated/prisma/client';
import type { OutboundMessage } from './channels/types';
import type { Tx } from './db';

// The transactional outbox (docs/decisions/026-job-engine.md): a change that tells somebody
// something writes its deliveries here, in its own transaction. The job engine takes them
// from there (lib/server/jobs/delivery.ts); nothing is sent while the user waits.

export interface DeliveryInput {
  channel: DeliveryChannel;
  /** the event kind, e.g. approval.requested */
  event: string;
  /** one per event instance, channel and recipient, e.g. approval.requested:<requirement>:<user>:email */
  dedupeKey: string;
  releaseId?: string | null;
  userId?: string | null;
  /** who or where, for people reading the record (never a secret or a webhook URL) */
  recipient: string;
  /** what the channel renders (e-mail, chat), or a webhook's signed body */
  message: OutboundMessage | object;
  webhookEndpointId?: string;
  chatChannelId?: string;
}

/** Writes the deliveries in the caller's transaction; one already written (same dedupeKey) is left as it is. */
export async function enqueueDeliveries(tx: Tx, deliveries: DeliveryInput[]): Promise<number> {
  if (!deliveries.length) return 0;
  const r = await tx.delivery.createMany({
    data: deliveries.map((d) => ({
      channel: d.channel,
      event: d.event,
      dedupeKey: d.dedupeKey,
      releaseId: d.releaseId ?? null,
      userId: d.userId ?? null,
      recipient: d.recipient,
      payload: d.message as unknown as Prisma.InputJsonValue,
      webhookEndpointId: d.webhookEndpointId ?? null,
      chatChannelId: d.chatChannelId ?? null,
    })),
    skipDuplicates: true,
  });
  return r.count;
}
