import 'server-only';
import crypto from 'node:crypto';
import { authSecret } from './env';

// The signed link in every e-mail that is not about security (issue 13): whoever holds it may
// stop that kind of e-mail for the person it was sent to, without signing in. The token names
// the person and the kind, signed with HMAC-SHA256 under a key derived from AUTH_SECRET for
// this purpose only (HKDF, so a token is never a session signature and the other way round).
// It does not expire: an unsubscribe link in an old e-mail must still work (RFC 8058).

/** '*' stands for every kind that is not about security. */
export const ALL_KINDS = '*';

export interface UnsubscribeClaim {
  userId: string;
  kind: string;
}

const VERSION = 'u1';
const INFO = 'relm unsubscribe link v1';

let cachedKey: { secret: string; key: Buffer } | undefined;

function key(): Buffer {
  const secret = authSecret();
  if (cachedKey?.secret !== secret) {
    cachedKey = { secret, key: Buffer.from(crypto.hkdfSync('sha256', secret, Buffer.alloc(0), INFO, 32)) };
  }
  return cachedKey.key;
}

function sign(payload: string): Buffer {
  return crypto.createHmac('sha256', key()).update(`${VERSION}.${payload}`).digest();
}

/** "u1.<payload>.<signature>", URL-safe. */
export function unsubscribeToken(claim: UnsubscribeClaim): string {
  const payload = Buffer.from(JSON.stringify([claim.userId, claim.kind]), 'utf8').toString('base64url');
  return `${VERSION}.${payload}.${sign(payload).toString('base64url')}`;
}

/** The claim of a genuine token; null for anything else (malformed, tampered, signed with another key). */
export function readUnsubscribeToken(token: unknown): UnsubscribeClaim | null {
  if (typeof token !== 'string' || token.length > 600) return null;
  const parts = token.trim().split('.');
  if (parts.length !== 3 || parts[0] !== VERSION) return null;
  const [, payload, signature] = parts as [string, string, string];
  if (!/^[A-Za-z0-9_-]+$/.test(payload) || !/^[A-Za-z0-9_-]+$/.test(signature)) return null;
  const given = Buffer.from(signature, 'base64url');
  const expected = sign(payload);
  // constant time: the comparison does not tell how much of a forged signature was right
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) return null;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    if (!Array.isArray(parsed) || parsed.length !== 2) return null;
    const [userId, kind] = parsed as unknown[];
    if (typeof userId !== 'string' || typeof kind !== 'string' || !userId || !kind || kind.length > 100) return null;
    return { userId, kind };
  } catch {
    return null;
  }
}
