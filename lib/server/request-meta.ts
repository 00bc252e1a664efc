import 'server-only';
import crypto from 'node:crypto';
import { env } from './env';
import type { RequestMeta } from './actor';

export const newRequestId = () => crypto.randomBytes(8).toString('hex');

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

/** Request id and client address of the current request, when there is one. */
export async function currentRequestMeta(): Promise<RequestMeta> {
  try {
    const { headers } = await import('next/headers');
    const h = await headers();
    return { requestId: h.get('x-request-id')?.slice(0, 64) || newRequestId(), ip: clientAddress(h) };
  } catch {
    return { requestId: newRequestId(), ip: null };
  }
}
