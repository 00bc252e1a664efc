import 'server-only';
import crypto from 'node:crypto';
import { env } from './env';
import type { RequestMeta } from './actor';

export const newRequestId = () => crypto.randomBytes(8).toString('hex');

const CLIENT_REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/**
 * The caller's x-request-id when it is well-formed, else null. It is recorded
 * beside Relm's own id, never instead of it: a caller cannot choose the id the
 * audit trail and the logs know a request by (docs/decisions/033).
 */
export function clientRequestIdOf(h: Headers): string | null {
  const given = h.get('x-request-id')?.trim();
  return given && CLIENT_REQUEST_ID.test(given) ? given : null;
}

/**
 * The client's address. Our server (scripts/start.ts) replaces X-Forwarded-For
 * with the socket's address unless RELM_TRUST_PROXY is set, so a client cannot
 * choose it; behind a trusted proxy the first entry, which the proxy sets, is the
 * real client.
 */
export function clientAddress(h: Headers): string | null {
  const xff = h.get('x-forwarded-for');
  if (xff) {
    const parts = xff
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const pick = env().RELM_TRUST_PROXY ? parts[0] : parts[parts.length - 1];
    if (pick) return pick.slice(0, 64);
  }
  return h.get('x-real-ip')?.slice(0, 64) ?? null;
}

/** A new request id, the client address and the caller's own request id of the current request. */
export async function currentRequestMeta(): Promise<RequestMeta> {
  try {
    const { headers } = await import('next/headers');
    const h = await headers();
    return { requestId: newRequestId(), ip: clientAddress(h), clientRequestId: clientRequestIdOf(h) };
  } catch {
    return { requestId: newRequestId(), ip: null };
  }
}
