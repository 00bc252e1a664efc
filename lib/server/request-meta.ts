import 'server-only';
import { env } from './env';
import { newRequestId, servedRequest } from './log';
import type { Actor, RequestMeta } from './actor';

export { newRequestId };

/**
 * The id of the request these headers came with: the one our server (scripts/start.ts) gave it,
 * sent back as x-request-id and written on its log line, else a new one (`next dev`, tests).
 */
export function requestIdOf(h: Headers): string {
  return servedRequest(h)?.requestId ?? newRequestId();
}

/** Tells the request's log line who is acting (a signed-in person, or an API token's owner). */
export function noteActorOf(h: Headers, actor: Actor | null): void {
  const served = servedRequest(h);
  if (!served || !actor || actor.type === 'system') return;
  served.userId = actor.id;
  served.tokenId = actor.tokenId ?? null;
}

/** noteActorOf for the current request, from a page, layout or server action. */
export async function noteActor(actor: Actor | null): Promise<void> {
  if (!actor) return;
  try {
    const { headers } = await import('next/headers');
    noteActorOf(await headers(), actor);
  } catch {
    // outside a request (scripts, tests): no request line to tell
  }
}

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

/** The request's id (requestIdOf), the client address and the caller's own request id of the current request. */
export async function currentRequestMeta(): Promise<RequestMeta> {
  try {
    const { headers } = await import('next/headers');
    const h = await headers();
    return { requestId: requestIdOf(h), ip: clientAddress(h), clientRequestId: clientRequestIdOf(h) };
  } catch {
    return { requestId: newRequestId(), ip: null };
  }
}
