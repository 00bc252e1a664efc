import 'server-only';
import crypto from 'node:crypto';
import type { EventData, EventType } from '@/lib/domain/events';
import type { OutboundMessage } from '@/lib/domain/outbound-message';
import { afterCommit } from './after-commit';
import { now } from './clock';
import type { Tx } from './db';
import { absoluteUrl } from './notify';
import { enqueueDeliveries, type DeliveryInput } from './outbox';
import { releaseKey as keyOf } from './release-ref';

// Events for machines and team chats (docs/decisions/032-events-and-integrations.md): the
// change that causes an event emits it in its own transaction, which writes one delivery per
// subscribed webhook endpoint and chat channel to the outbox. Nothing is sent while the user
// waits; a failing receiver never fails the change. People are told separately (notify.ts).

export interface RelmEvent {
  type: EventType;
  releaseId: string;
  /** the environment it is about (a deployment), if any */
  environment?: string | null;
  /** one line for a chat message, e.g. "REL-12 was deployed to Production" (given the key and title when the caller lacks them) */
  summary: string | ((release: { key: string; title: string }) => string);
  /** further paragraphs for chat */
  lines?: string[];
  facts?: { label: string; value: string }[];
  /** the page it is about, e.g. /releases/REL-12/deployments (given the key when the caller lacks it) */
  link: string | ((key: string) => string);
  /** event-specific fields of the webhook's data (flat, JSON); a function is called only when somebody listens */
  details?: Record<string, unknown> | (() => Promise<Record<string, unknown>>);
}

/** A webhook delivery's stored payload: the Standard Webhooks message id and body. */
export interface WebhookPayload {
  id: string;
  type: string;
  timestamp: string;
  data: EventData;
}

const nudge = () => ((globalThis as Record<string, unknown>).__relmNudgeDeliveries as (() => Promise<void>) | undefined)?.();

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'webhook endpoint';
  }
}

/** Emits one event; returns how many deliveries it queued. Two small queries when nobody listens. */
export async function emitEvent(tx: Tx, e: RelmEvent): Promise<number> {
  const [endpoints, channels] = await Promise.all([
    tx.webhookEndpoint.findMany({ where: { disabledAt: null, events: { has: e.type } }, select: { id: true, description: true, url: true } }),
    tx.chatChannel.findMany({ where: { disabledAt: null, events: { has: e.type } }, select: { id: true, kind: true, name: true, teamId: true } }),
  ]);
  if (!endpoints.length && !channels.length) return 0;
  const release = await tx.release.findUnique({
    where: { id: e.releaseId },
    select: {
      number: true,
      title: true,
      status: true,
      owner: { select: { teamId: true } },
      package: { select: { items: { select: { component: { select: { ownerTeamId: true } } } } } },
    },
  });
  if (!release) return 0;
  const teams = new Set<string>([
    ...(release.owner.teamId ? [release.owner.teamId] : []),
    ...(release.package?.items.map((i) => i.component.ownerTeamId) ?? []),
  ]);
  const key = keyOf(release.number);
  const path = typeof e.link === 'function' ? e.link(key) : e.link;
  const link = absoluteUrl(path) ?? path;
  const summary = typeof e.summary === 'function' ? e.summary({ key, title: release.title }) : e.summary;
  const details = typeof e.details === 'function' ? await e.details() : (e.details ?? {});
  const id = `msg_${crypto.randomUUID().replaceAll('-', '')}`;
  const webhook: WebhookPayload = {
    id,
    type: e.type,
    timestamp: now().toISOString(),
    data: { releaseKey: key, releaseTitle: release.title, status: release.status, environment: e.environment ?? null, link, ...details },
  };
  const message: OutboundMessage = {
    event: e.type,
    releaseKey: key,
    subject: summary,
    summary,
    lines: e.lines ?? [],
    ...(e.facts?.length ? { facts: e.facts } : {}),
    action: { label: 'Open in Relm', url: link },
  };
  const rows: DeliveryInput[] = [
    ...endpoints.map((ep) => ({
      channel: 'webhook' as const,
      event: e.type,
      dedupeKey: `${id}:webhook:${ep.id}`,
      releaseId: e.releaseId,
      recipient: ep.description || hostOf(ep.url),
      message: webhook,
      webhookEndpointId: ep.id,
    })),
    ...channels
      .filter((c) => c.teamId === null || teams.has(c.teamId))
      .map((c) => ({
        channel: c.kind,
        event: e.type,
        dedupeKey: `${id}:${c.kind}:${c.id}`,
        releaseId: e.releaseId,
        recipient: c.name,
        message,
        chatChannelId: c.id,
      })),
  ];
  const written = await enqueueDeliveries(tx, rows);
  if (written) afterCommit(tx, nudge);
  return written;
}
