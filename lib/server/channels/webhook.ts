import 'server-only';
import crypto from 'node:crypto';
import { sayer } from '@/lib/server/say';
import { safePost, type SafePostOptions } from './http';
import type { DeliveryResult } from './types';

// Signed deliveries to machines, by the Standard Webhooks specification
// (docs/decisions/028-outgoing-http.md): headers webhook-id, webhook-timestamp and
// webhook-signature ("v1,<base64 HMAC-SHA256 of id.timestamp.body>"), the secret in its
// "whsec_<base64>" form. Receivers verify with any Standard Webhooks library.

const say = sayer('server-channels');

const SECRET_PREFIX = 'whsec_';

/** A new endpoint secret: 32 random bytes, as "whsec_<base64>". Shown to the admin once. */
export function newWebhookSecret(): string {
  return SECRET_PREFIX + crypto.randomBytes(32).toString('base64');
}

function secretKey(secret: string): Buffer {
  const encoded = secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret;
  const key = Buffer.from(encoded, 'base64');
  if (key.length === 0) throw new Error('The webhook secret is empty or not base64');
  return key;
}

/**
 * The webhook-signature value for one delivery: "v1,<base64 HMAC-SHA256>" over
 * "<id>.<timestamp>.<body>", the timestamp in whole seconds since the epoch.
 */
export function signWebhook(secret: string, msg: { id: string; timestamp: Date; body: string }): string {
  const seconds = Math.floor(msg.timestamp.getTime() / 1000);
  const mac = crypto.createHmac('sha256', secretKey(secret)).update(`${msg.id}.${seconds}.${msg.body}`, 'utf8').digest('base64');
  return `v1,${mac}`;
}

export interface WebhookEvent {
  /** stable per event: the same on every retry, so receivers de-duplicate on webhook-id */
  id: string;
  /** e.g. 'release.deployed' */
  type: string;
  /** when the event happened (the body's timestamp) */
  timestamp: Date;
  data: unknown;
}

/** The JSON body of a delivery: {"type", "timestamp" (ISO 8601), "data"}. */
export function webhookBody(event: WebhookEvent): string {
  return JSON.stringify({ type: event.type, timestamp: event.timestamp.toISOString(), data: event.data });
}

export interface PostWebhookOptions extends SafePostOptions {
  /** the attempt's time for webhook-timestamp; default the wall clock */
  sentAt?: Date;
}

/**
 * Delivers one event to one endpoint. webhook-timestamp is the time of this attempt on the
 * wall clock, not the event's time: receivers reject signatures more than a few minutes from
 * their own clock (replay protection), and a retry hours later must still verify. It is
 * deliberately not lib/server's business clock, which tests may move far from the receiver's.
 */
export async function postWebhook(endpoint: { url: string; secret: string }, event: WebhookEvent, opts: PostWebhookOptions = {}): Promise<DeliveryResult> {
  const body = webhookBody(event);
  const sentAt = opts.sentAt ?? new Date();
  let signature: string;
  try {
    signature = signWebhook(endpoint.secret, { id: event.id, timestamp: sentAt, body });
  } catch {
    return { ok: false, permanent: true, detail: say('webhook.badSecret') };
  }
  return safePost(
    endpoint.url,
    body,
    {
      'content-type': 'application/json',
      'user-agent': 'Relm-Webhooks/1',
      'webhook-id': event.id,
      'webhook-timestamp': String(Math.floor(sentAt.getTime() / 1000)),
      'webhook-signature': signature,
    },
    opts,
  );
}
