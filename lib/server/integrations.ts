import 'server-only';
import { z } from 'zod';
import { CHAT_DEFAULT_EVENTS, EVENT_LABELS, EVENT_TYPES, type EventType } from '@/lib/domain/events';
import { defineMutation } from './action';
import type { Actor } from './actor';
import { afterCommit } from './after-commit';
import { assertCan } from './authz';
import { checkDestination } from './channels/http';
import { newWebhookSecret } from './channels/webhook';
import { now } from './clock';
import { db, type Tx } from './db';
import { conflict, invalid, notFound } from './errors';
import { sayer } from './say';

const say = sayer('server-integrations');

// Admins connect Relm to the outside (docs/decisions/032-events-and-integrations.md): signed
// webhook endpoints for machines (also through /api/v1/webhooks) and Slack or Teams incoming
// webhooks for the organisation or one team. Every change is audited; a URL is checked against
// the outgoing-HTTP rules when it is saved, with the reason shown, and again at every send.

const idField = z
  .string({ error: say('chooseItem') })
  .trim()
  .min(1, say('chooseItem'))
  .max(64, say('idTooLong'));

const urlField = z
  .string({ error: say('url.enter') })
  .trim()
  .min(1, say('url.enter'))
  .max(2000, say('url.tooLong'))
  .refine((v) => URL.canParse(v), say('url.full'))
  .refine((v) => !URL.canParse(v) || ['http:', 'https:'].includes(new URL(v).protocol), say('url.scheme'));

const eventsField = z
  .array(z.enum(EVENT_TYPES, { error: say('events.unknown') }), { error: say('events.atLeastOne') })
  .min(1, say('events.atLeastOne'))
  .max(EVENT_TYPES.length, say('events.once'))
  .transform((v) => [...new Set(v)])
  .meta({ description: 'Event types to receive.', examples: [['release.deployed', 'deployment.failed']] });

const descriptionField = z
  .string({ error: say('description.text') })
  .trim()
  .max(200, say('description.tooLong'))
  .default('')
  .meta({ description: 'What receives it, shown in the delivery log.', examples: ['Status page updater'] });

export const CreateWebhookSchema = z
  .object({
    url: urlField.meta({ description: 'Where events are POSTed (https).', examples: ['https://hooks.example.com/relm'] }),
    description: descriptionField,
    events: eventsField,
  })
  .meta({ id: 'CreateWebhook' });

export const UpdateWebhookSchema = z.object({
  id: idField,
  description: descriptionField.optional(),
  events: eventsField.optional(),
  /** true re-enables an endpoint Relm disabled after failures; false pauses it */
  enabled: z.boolean({ error: say('enabledBoolean') }).optional(),
});

export const DeleteWebhookSchema = z.object({ id: idField });
export const RedeliverSchema = z.object({ deliveryId: idField });

const chatKind = z.enum(['slack', 'teams'], { error: say('chatKind') });

export const CreateChatChannelSchema = z.object({
  kind: chatKind,
  /** empty: the whole organisation */
  teamId: z
    .string({ error: say('teamOrOrganisation') })
    .trim()
    .max(64)
    .default(''),
  name: z
    .string({ error: say('name.enter') })
    .trim()
    .min(1, say('name.example'))
    .max(80, say('name.tooLong')),
  url: urlField,
  events: eventsField,
});

export const UpdateChatChannelSchema = z.object({
  id: idField,
  name: z.string().trim().min(1, say('name.example')).max(80, say('name.tooLong')).optional(),
  events: eventsField.optional(),
  enabled: z.boolean({ error: say('enabledBoolean') }).optional(),
});

export const DeleteChatChannelSchema = z.object({ id: idField });

export const MAX_WEBHOOKS = 50;
export const MAX_CHAT_CHANNELS = 100;

/** The URL without its path and query (Slack and Teams URLs carry their secret there). */
export function maskUrl(url: string): string {
  try {
    const u = new URL(url);
    return u.pathname.length > 1 || u.search ? `${u.origin}/…` : u.origin;
  } catch {
    return '(invalid URL)';
  }
}

async function assertDestination(url: string): Promise<void> {
  const check = await checkDestination(url);
  if (!check.ok) {
    const msg = say('cannotSendThere', { reason: { said: check.reason } });
    throw invalid(msg, { url: [msg] });
  }
}

/** Said once when the module loads, so a page can say it in any language whenever it was stored. */
const PAUSED = say('paused');

const nudge = () => ((globalThis as Record<string, unknown>).__relmNudgeDeliveries as (() => Promise<void>) | undefined)?.();

// ---------------------------------------------------------------- webhooks

export interface WebhookDto {
  id: string;
  url: string;
  description: string;
  events: EventType[];
  status: 'active' | 'disabled';
  disabledAt: string | null;
  disabledReason: string | null;
  createdAt: string;
  deliveries: { sent: number; failed: number; waiting: number; lastAt: string | null; lastStatus: string | null };
}

export interface CreatedWebhook {
  webhook: WebhookDto;
  /** whsec_…: shown once, never again */
  secret: string;
}

type EndpointRow = {
  id: string;
  url: string;
  description: string;
  events: string[];
  disabledAt: Date | null;
  disabledReason: string | null;
  createdAt: Date;
};

const endpointSelect = { id: true, url: true, description: true, events: true, disabledAt: true, disabledReason: true, createdAt: true } as const;

async function deliveryStats(tx: Tx, where: { webhookEndpointId: { in: string[] } } | { chatChannelId: { in: string[] } }) {
  const key = 'webhookEndpointId' in where ? 'webhookEndpointId' : 'chatChannelId';
  const ids = 'webhookEndpointId' in where ? where.webhookEndpointId.in : where.chatChannelId.in;
  const out = new Map<string, WebhookDto['deliveries']>();
  if (!ids.length) return out;
  const rows = await tx.$queryRawUnsafe<{ target: string; status: string; n: number; last: Date | null }[]>(
    `SELECT "${key}" AS target, status::text AS status, count(*)::int AS n, max("updatedAt") AS last
       FROM "Delivery" WHERE "${key}" = ANY($1::text[]) GROUP BY 1, 2`,
    ids,
  );
  for (const r of rows) {
    const s = out.get(r.target) ?? { sent: 0, failed: 0, waiting: 0, lastAt: null, lastStatus: null };
    if (r.status === 'sent') s.sent += r.n;
    else if (r.status === 'failed') s.failed += r.n;
    else if (r.status === 'pending' || r.status === 'queued') s.waiting += r.n;
    if (r.last && (!s.lastAt || r.last.toISOString() > s.lastAt)) {
      s.lastAt = r.last.toISOString();
      s.lastStatus = r.status;
    }
    out.set(r.target, s);
  }
  return out;
}

const noStats = (): WebhookDto['deliveries'] => ({ sent: 0, failed: 0, waiting: 0, lastAt: null, lastStatus: null });

function toWebhookDto(e: EndpointRow, stats?: WebhookDto['deliveries']): WebhookDto {
  return {
    id: e.id,
    url: e.url,
    description: e.description,
    events: e.events.filter((x): x is EventType => (EVENT_TYPES as readonly string[]).includes(x)),
    status: e.disabledAt ? 'disabled' : 'active',
    disabledAt: e.disabledAt?.toISOString() ?? null,
    disabledReason: e.disabledReason,
    createdAt: e.createdAt.toISOString(),
    deliveries: stats ?? noStats(),
  };
}

/** Every webhook endpoint with its delivery counts (admins). */
export async function listWebhooks(actor: Actor | null): Promise<WebhookDto[]> {
  assertCan(actor, 'integration.manage');
  const prisma = await db();
  const rows = await prisma.webhookEndpoint.findMany({ orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], select: endpointSelect, take: MAX_WEBHOOKS * 2 });
  const stats = await deliveryStats(prisma as unknown as Tx, { webhookEndpointId: { in: rows.map((r) => r.id) } });
  return rows.map((r) => toWebhookDto(r, stats.get(r.id)));
}

export interface DeliveryLogRow {
  id: string;
  event: string;
  /** the webhook-id receivers de-duplicate on (webhooks only) */
  messageId: string | null;
  status: string;
  attempts: number;
  lastCode: number | null;
  lastError: string | null;
  createdAt: string;
  updatedAt: string;
  sentAt: string | null;
  releaseKey: string | null;
}

/** The newest deliveries to one endpoint or channel (admins). */
export async function deliveryLog(
  actor: Actor | null,
  target: { webhookEndpointId: string } | { chatChannelId: string },
  take = 50,
): Promise<DeliveryLogRow[]> {
  assertCan(actor, 'integration.manage');
  const prisma = await db();
  const rows = await prisma.delivery.findMany({
    where: target,
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: Math.min(Math.max(take, 1), 200),
    select: {
      id: true,
      event: true,
      payload: true,
      status: true,
      attempts: true,
      lastCode: true,
      lastError: true,
      createdAt: true,
      updatedAt: true,
      sentAt: true,
      release: { select: { number: true } },
    },
  });
  return rows.map((d) => ({
    id: d.id,
    event: d.event,
    messageId: 'webhookEndpointId' in target ? String((d.payload as { id?: unknown })?.id ?? '') || null : null,
    status: d.status,
    attempts: d.attempts,
    lastCode: d.lastCode,
    lastError: d.lastError,
    createdAt: d.createdAt.toISOString(),
    updatedAt: d.updatedAt.toISOString(),
    sentAt: d.sentAt?.toISOString() ?? null,
    releaseKey: d.release ? `REL-${d.release.number}` : null,
  }));
}

async function endpointOr404(tx: Tx, id: string): Promise<EndpointRow> {
  const e = await tx.webhookEndpoint.findUnique({ where: { id }, select: endpointSelect });
  if (!e) throw notFound(say('thatEndpoint'));
  return e;
}

const auditView = (e: EndpointRow) => ({
  url: maskUrl(e.url),
  description: e.description,
  events: e.events,
  disabled: !!e.disabledAt,
});

export const createWebhook = defineMutation({
  name: 'webhook.create',
  permission: 'integration.manage',
  input: CreateWebhookSchema,
  async run({ tx, actor, input, audit }): Promise<CreatedWebhook> {
    await assertDestination(input.url);
    const count = await tx.webhookEndpoint.count();
    if (count >= MAX_WEBHOOKS) throw conflict(say('tooManyEndpoints', { count }));
    const secret = newWebhookSecret();
    const row = await tx.webhookEndpoint.create({
      data: { url: input.url, description: input.description, events: input.events, secret, createdById: actor?.id ?? null },
      select: endpointSelect,
    });
    await audit({ action: 'webhook.create', targetType: 'WebhookEndpoint', targetId: row.id, after: auditView(row) });
    return { webhook: toWebhookDto(row), secret };
  },
});

export const updateWebhook = defineMutation({
  name: 'webhook.update',
  permission: 'integration.manage',
  input: UpdateWebhookSchema,
  async run({ tx, input, audit, noChange }): Promise<WebhookDto> {
    const before = await endpointOr404(tx, input.id);
    const data = {
      ...(input.description !== undefined ? { description: input.description } : {}),
      ...(input.events !== undefined ? { events: input.events } : {}),
      ...(input.enabled === true ? { disabledAt: null, disabledReason: null } : {}),
      ...(input.enabled === false && !before.disabledAt ? { disabledAt: now(), disabledReason: PAUSED } : {}),
    };
    if (!Object.keys(data).length) {
      noChange();
      return toWebhookDto(before);
    }
    const after = await tx.webhookEndpoint.update({ where: { id: before.id }, data, select: endpointSelect });
    await audit({ action: 'webhook.update', targetType: 'WebhookEndpoint', targetId: before.id, before: auditView(before), after: auditView(after) });
    return toWebhookDto(after);
  },
});

export const deleteWebhook = defineMutation({
  name: 'webhook.delete',
  permission: 'integration.manage',
  input: DeleteWebhookSchema,
  async run({ tx, input, audit }): Promise<{ id: string; deleted: true }> {
    const before = await endpointOr404(tx, input.id);
    // its delivery log goes with it (the audit trail keeps what was registered and when)
    await tx.webhookEndpoint.delete({ where: { id: before.id } });
    await audit({ action: 'webhook.delete', targetType: 'WebhookEndpoint', targetId: before.id, before: auditView(before) });
    return { id: before.id, deleted: true };
  },
});

/**
 * Sends one delivery again (same webhook-id, so a receiver that did get it can tell): a failed
 * or skipped delivery goes back to the outbox; a sent one is sent once more on request.
 */
export const redeliver = defineMutation({
  name: 'delivery.redeliver',
  permission: 'integration.manage',
  input: RedeliverSchema,
  async run({ tx, input, audit }): Promise<{ id: string; status: 'pending' }> {
    const d = await tx.delivery.findUnique({
      where: { id: input.deliveryId },
      select: {
        id: true,
        status: true,
        event: true,
        webhookEndpointId: true,
        chatChannelId: true,
        webhookEndpoint: { select: { disabledAt: true } },
        chatChannel: { select: { disabledAt: true } },
      },
    });
    if (!d || (!d.webhookEndpointId && !d.chatChannelId)) throw notFound(say('thatDelivery'));
    if (d.status === 'pending' || d.status === 'queued') throw conflict(say('alreadyWaiting'));
    if (d.webhookEndpoint?.disabledAt || d.chatChannel?.disabledAt) throw conflict(say('destinationDisabled'));
    await tx.delivery.update({ where: { id: d.id }, data: { status: 'pending', lastError: null } });
    await audit({
      action: 'delivery.redeliver',
      targetType: 'Delivery',
      targetId: d.id,
      before: { status: d.status },
      after: { status: 'pending', event: d.event },
    });
    afterCommit(tx, nudge);
    return { id: d.id, status: 'pending' };
  },
});

// ---------------------------------------------------------------- Slack and Teams

export interface ChatChannelDto {
  id: string;
  kind: 'slack' | 'teams';
  team: { id: string; name: string } | null;
  name: string;
  /** origin only: the path is the channel's secret */
  url: string;
  events: EventType[];
  status: 'active' | 'disabled';
  disabledReason: string | null;
  createdAt: string;
  deliveries: WebhookDto['deliveries'];
}

const channelSelect = {
  id: true,
  kind: true,
  name: true,
  url: true,
  events: true,
  disabledAt: true,
  disabledReason: true,
  createdAt: true,
  team: { select: { id: true, name: true } },
} as const;

type ChannelRow = {
  id: string;
  kind: 'slack' | 'teams';
  name: string;
  url: string;
  events: string[];
  disabledAt: Date | null;
  disabledReason: string | null;
  createdAt: Date;
  team: { id: string; name: string } | null;
};

function toChannelDto(c: ChannelRow, stats?: WebhookDto['deliveries']): ChatChannelDto {
  return {
    id: c.id,
    kind: c.kind,
    team: c.team,
    name: c.name,
    url: maskUrl(c.url),
    events: c.events.filter((x): x is EventType => (EVENT_TYPES as readonly string[]).includes(x)),
    status: c.disabledAt ? 'disabled' : 'active',
    disabledReason: c.disabledReason,
    createdAt: c.createdAt.toISOString(),
    deliveries: stats ?? noStats(),
  };
}

const channelAudit = (c: ChannelRow) => ({
  kind: c.kind,
  team: c.team?.name ?? null,
  name: c.name,
  url: maskUrl(c.url),
  events: c.events,
  disabled: !!c.disabledAt,
});

export async function listChatChannels(actor: Actor | null): Promise<ChatChannelDto[]> {
  assertCan(actor, 'integration.manage');
  const prisma = await db();
  const rows = await prisma.chatChannel.findMany({ orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], select: channelSelect, take: MAX_CHAT_CHANNELS * 2 });
  const stats = await deliveryStats(prisma as unknown as Tx, { chatChannelId: { in: rows.map((r) => r.id) } });
  return rows.map((r) => toChannelDto(r, stats.get(r.id)));
}

async function channelOr404(tx: Tx, id: string): Promise<ChannelRow> {
  const c = await tx.chatChannel.findUnique({ where: { id }, select: channelSelect });
  if (!c) throw notFound(say('thatChannel'));
  return c;
}

export const createChatChannel = defineMutation({
  name: 'chat_channel.create',
  permission: 'integration.manage',
  input: CreateChatChannelSchema,
  async run({ tx, actor, input, audit }): Promise<ChatChannelDto> {
    if (input.teamId) {
      const team = await tx.team.findUnique({ where: { id: input.teamId }, select: { id: true } });
      if (!team) throw invalid(say('teamGone'), { teamId: [say('teamFromList')] });
    }
    await assertDestination(input.url);
    const count = await tx.chatChannel.count();
    if (count >= MAX_CHAT_CHANNELS) throw conflict(say('tooManyChannels', { count }));
    const row = await tx.chatChannel.create({
      data: { kind: input.kind, teamId: input.teamId || null, name: input.name, url: input.url, events: input.events, createdById: actor?.id ?? null },
      select: channelSelect,
    });
    await audit({ action: 'chat_channel.create', targetType: 'ChatChannel', targetId: row.id, after: channelAudit(row) });
    return toChannelDto(row);
  },
});

export const updateChatChannel = defineMutation({
  name: 'chat_channel.update',
  permission: 'integration.manage',
  input: UpdateChatChannelSchema,
  async run({ tx, input, audit, noChange }): Promise<ChatChannelDto> {
    const before = await channelOr404(tx, input.id);
    const data = {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.events !== undefined ? { events: input.events } : {}),
      ...(input.enabled === true ? { disabledAt: null, disabledReason: null } : {}),
      ...(input.enabled === false && !before.disabledAt ? { disabledAt: now(), disabledReason: PAUSED } : {}),
    };
    if (!Object.keys(data).length) {
      noChange();
      return toChannelDto(before);
    }
    const after = await tx.chatChannel.update({ where: { id: before.id }, data, select: channelSelect });
    await audit({ action: 'chat_channel.update', targetType: 'ChatChannel', targetId: before.id, before: channelAudit(before), after: channelAudit(after) });
    return toChannelDto(after);
  },
});

export const deleteChatChannel = defineMutation({
  name: 'chat_channel.delete',
  permission: 'integration.manage',
  input: DeleteChatChannelSchema,
  async run({ tx, input, audit }): Promise<{ id: string; deleted: true }> {
    const before = await channelOr404(tx, input.id);
    await tx.chatChannel.delete({ where: { id: before.id } });
    await audit({ action: 'chat_channel.delete', targetType: 'ChatChannel', targetId: before.id, before: channelAudit(before) });
    return { id: before.id, deleted: true };
  },
});

/** For forms: the events with their labels, and the chat defaults. */
export function eventChoices(): { value: EventType; label: string; description: string; chatDefault: boolean }[] {
  return EVENT_TYPES.map((t) => ({
    value: t,
    label: EVENT_LABELS[t].label,
    description: EVENT_LABELS[t].description,
    chatDefault: CHAT_DEFAULT_EVENTS.includes(t),
  }));
}
