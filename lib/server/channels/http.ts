import 'server-only';
import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import ipaddr from 'ipaddr.js';
import { env } from '@/lib/server/env';
import { sayer, type SayValue } from '@/lib/server/say';
import type { DeliveryResult } from './types';

const say = sayer('server-channels');

// Outgoing HTTP for webhooks, Slack and Teams (docs/decisions/028-outgoing-http.md).
// An admin types the URL, so Relm must not become a way into its own network (SSRF):
// only http(s); the host is resolved here and only global unicast addresses pass, unless
// the host or the address is on RELM_OUTBOUND_ALLOW; the request connects to exactly the
// address that was checked (no second lookup, so no DNS-rebinding gap); redirects are not
// followed; time and the response read are bounded.

export interface SafePostOptions {
  /** the whole attempt (DNS, connect, request, response), default 10 s */
  timeoutMs?: number;
  /** from the start until the TCP (and TLS) connection is up, default 5 s */
  connectTimeoutMs?: number;
  /** how much of the response body is read (then the connection is dropped), default 64 kB */
  maxResponseBytes?: number;
}

const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_CONNECT_TIMEOUT_MS = 5_000;
const DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024;
const EXCERPT_CHARS = 200;

/** A destination the rules refuse; retrying cannot help. */
class RefusedError extends Error {}
class TimeoutError extends Error {}

type Address = { address: string; family: 4 | 6 };
type Target = { url: URL; host: string; addresses: Address[] };

// IPv4 and IPv6 "ranges" of ipaddr.js, named for people reading a refusal (server-channels http.range.*)
const RANGE_NAMES = new Set([
  'unspecified',
  'broadcast',
  'multicast',
  'linkLocal',
  'loopback',
  'carrierGradeNat',
  'private',
  'uniqueLocal',
  'reserved',
  'ipv4Mapped',
  'rfc6145',
  'rfc6052',
  '6to4',
  'teredo',
  'deprecatedSiteLocal',
]);

/** The ranges RELM_WEBHOOKS_ALLOW_PRIVATE=true lets through. */
const PRIVATE_RANGES = new Set(['loopback', 'private', 'linkLocal', 'uniqueLocal', 'carrierGradeNat']);

type AllowEntry = { kind: 'host'; host: string } | { kind: 'cidr'; range: [ipaddr.IPv4 | ipaddr.IPv6, number] };

function normaliseHost(host: string): string {
  return host
    .toLowerCase()
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '');
}

function parseAllow(entries: string[]): AllowEntry[] {
  return entries.map((raw): AllowEntry => {
    const entry = raw.trim();
    if (ipaddr.isValidCIDR(entry)) {
      const [addr, bits] = ipaddr.parseCIDR(entry);
      // a CIDR of IPv4-mapped IPv6 addresses means the IPv4 range
      if (addr.kind() === 'ipv6' && (addr as ipaddr.IPv6).isIPv4MappedAddress() && bits >= 96) {
        return { kind: 'cidr', range: [(addr as ipaddr.IPv6).toIPv4Address(), bits - 96] };
      }
      return { kind: 'cidr', range: [addr, bits] };
    }
    const bare = normaliseHost(entry);
    if (ipaddr.isValid(bare)) {
      const addr = ipaddr.process(bare);
      return { kind: 'cidr', range: [addr, addr.kind() === 'ipv4' ? 32 : 128] };
    }
    return { kind: 'host', host: bare };
  });
}

function allowedByHost(host: string, allow: AllowEntry[]): boolean {
  return allow.some((a) => a.kind === 'host' && a.host === host);
}

function allowedByAddress(addr: ipaddr.IPv4 | ipaddr.IPv6, allow: AllowEntry[]): boolean {
  return allow.some((a) => a.kind === 'cidr' && a.range[0].kind() === addr.kind() && addr.match(a.range));
}

/** Why an address may not be connected to (a phrase of server-channels), or null when it may. */
function addressRefusal(address: string, allow: AllowEntry[]): SayValue | null {
  // ipaddr.process turns an IPv4-mapped IPv6 address (::ffff:10.0.0.1) into its IPv4 address
  const addr = ipaddr.process(address);
  if (allowedByAddress(addr, allow)) return null;
  const range = addr.range();
  // RELM_WEBHOOKS_ALLOW_PRIVATE=true: the organisation's own network may receive (loopback,
  // private and link-local ranges), but never the cloud metadata service
  if (env().RELM_WEBHOOKS_ALLOW_PRIVATE && PRIVATE_RANGES.has(range) && addr.toString() !== '169.254.169.254') return null;
  // IPv4-compatible IPv6 (::a.b.c.d, deprecated) would reach an IPv4 address under another name
  const ipv4Compatible = addr.kind() === 'ipv6' && addr.match(ipaddr.parseCIDR('::/96'));
  if (range === 'unicast' && !ipv4Compatible) return null;
  const what: SayValue =
    ipv4Compatible && range === 'unicast'
      ? { key: 'http.range.ipv4Compatible' }
      : RANGE_NAMES.has(range)
        ? { key: `http.range.${range}` }
        : { key: 'http.range.other', values: { range } };
  const metadata = addr.toString() === '169.254.169.254';
  return { key: metadata ? 'http.addressIsMetadata' : 'http.addressIs', values: { address: addr.toString(), what } };
}

/** Parses and checks a URL's form: http(s) only, no credentials. Throws RefusedError. */
function parseDestination(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new RefusedError(say('http.invalidUrl'));
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new RefusedError(say('http.onlyHttp', { protocol: url.protocol.replace(/:$/, '') }));
  // Refused rather than stripped: credentials in a URL would be sent as Basic auth by some
  // clients and logged by others; an endpoint that needs them is misconfigured.
  if (url.username || url.password) throw new RefusedError(say('http.credentials'));
  if (!url.hostname) throw new RefusedError(say('http.noHost'));
  return url;
}

/** Resolves the URL's host and keeps the addresses the rules allow. Throws RefusedError. */
async function resolveDestination(raw: string): Promise<Target> {
  const url = parseDestination(raw);
  const host = normaliseHost(url.hostname);
  const allow = parseAllow(env().RELM_OUTBOUND_ALLOW);
  if (net.isIP(host)) {
    const refusal = allowedByHost(host, allow) ? null : addressRefusal(host, allow);
    if (refusal) throw new RefusedError(say('http.refusedAddress', { refusal }));
    return { url, host, addresses: [{ address: host, family: net.isIP(host) as 4 | 6 }] };
  }
  let found: dns.LookupAddress[];
  try {
    found = await dns.promises.lookup(host, { all: true, order: 'verbatim' });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    throw Object.assign(new Error(say('http.cannotResolve', { host, code })), { code });
  }
  if (allowedByHost(host, allow)) return { url, host, addresses: found.map((a) => ({ address: a.address, family: a.family as 4 | 6 })) };
  const refusals: SayValue[] = [];
  const addresses: Address[] = [];
  for (const a of found) {
    const refusal = addressRefusal(a.address, allow);
    if (refusal) refusals.push(refusal);
    else addresses.push({ address: a.address, family: a.family as 4 | 6 });
  }
  // Only the allowed addresses are ever connected to; with none, the host is refused.
  if (addresses.length === 0) throw new RefusedError(say('http.refusedHost', { host, refusal: refusals[0] ?? { key: 'http.noAddress' } }));
  return { url, host, addresses };
}

/**
 * Whether a URL may receive Relm's requests, by the same rules as safePost: for validating
 * an admin's URL when it is registered, with a reason to show. Resolves the host now; the
 * answer can change with DNS, so every delivery checks again.
 */
export async function checkDestination(url: string): Promise<{ ok: true } | { ok: false; reason: string }> {
  try {
    await resolveDestination(url);
    return { ok: true };
  } catch (err) {
    return { ok: false, reason: err instanceof Error ? err.message : say('http.invalidDestination') };
  }
}

/** A short, single-line excerpt of a response body, without anything that looks like a secret. */
function excerpt(body: Buffer): string {
  const text = body
    .toString('utf8')
    .replace(/whsec_[A-Za-z0-9+/=]+/g, 'whsec_…')
    .replace(/[\u0000-\u001f\u007f]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const chars = Array.from(text);
  return chars.length > EXCERPT_CHARS ? chars.slice(0, EXCERPT_CHARS).join('') + '…' : text;
}

function classify(status: number, body: Buffer, headers: http.IncomingHttpHeaders): DeliveryResult {
  const said = excerpt(body);
  const tail = said ? `: ${said}` : '';
  if (status >= 200 && status < 300) return { ok: true, code: status, detail: `HTTP ${status}` };
  if (status >= 300 && status < 400) {
    // Not followed: the new location would need the same checks, and a receiver that moved
    // should be re-registered by an admin. Only its origin is named (a path may hold a token).
    let where: SayValue | null = null;
    try {
      if (headers.location) {
        const origin = new URL(headers.location, 'http://invalid').origin;
        where = origin === 'http://invalid' ? { key: 'http.sameHost' } : origin.replace('http://invalid', say('http.sameHost'));
      }
    } catch {
      // an unparseable Location says nothing useful
    }
    const detail = where === null ? say('http.redirect', { status }) : say('http.redirectTo', { status, where });
    return { ok: false, permanent: true, code: status, detail };
  }
  const retryAfter = typeof headers['retry-after'] === 'string' ? ` (retry-after ${headers['retry-after'].slice(0, 40)})` : '';
  if (status === 408 || status === 429 || status >= 500) return { ok: false, permanent: false, code: status, detail: `HTTP ${status}${retryAfter}${tail}` };
  if (status >= 400) return { ok: false, permanent: true, code: status, detail: `HTTP ${status}${tail}` };
  return { ok: false, permanent: false, code: status, detail: say('http.unexpected', { status, tail }) };
}

/**
 * POSTs `body` to `url` under the SSRF rules above and answers what happened; never throws.
 * 2xx: ok. 408, 429, 5xx, network errors and timeouts: temporary (retry). Other 4xx, 3xx
 * (redirects are not followed), refused destinations and invalid URLs: permanent.
 * The detail names the status and a short excerpt of the response, never the URL's path or
 * query (Slack and Teams webhook URLs are secrets) nor the request's headers.
 */
export async function safePost(url: string, body: string, headers: Record<string, string>, opts: SafePostOptions = {}): Promise<DeliveryResult> {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const connectTimeoutMs = Math.min(opts.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS, timeoutMs);
  const maxBytes = opts.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const started = Date.now();

  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(say('http.noAnswerWithin', { ms: timeoutMs }))), timeoutMs);
  });
  let request: http.ClientRequest | undefined;
  try {
    const target = await Promise.race([resolveDestination(url), deadline]);
    return await Promise.race([send(target, body, headers, { connectTimeoutMs, maxBytes }, (r) => (request = r)), deadline]);
  } catch (err) {
    request?.destroy();
    const elapsed = Date.now() - started;
    if (err instanceof RefusedError) return { ok: false, permanent: true, detail: err.message };
    if (err instanceof TimeoutError) return { ok: false, permanent: false, detail: say('http.timedOut', { elapsed, reason: { said: err.message } }) };
    const code = (err as NodeJS.ErrnoException).code;
    // Invalid header names or values (ERR_INVALID_CHAR, ERR_INVALID_HTTP_TOKEN) are our bug, not the network's
    if (code === 'ERR_INVALID_CHAR' || code === 'ERR_INVALID_HTTP_TOKEN') return { ok: false, permanent: true, detail: say('http.invalidHeader') };
    const message = err instanceof Error ? err.message : String(err);
    const said = excerpt(Buffer.from(message));
    return { ok: false, permanent: false, detail: code ? say('http.networkErrorCode', { code, message: said }) : say('http.networkError', { message: said }) };
  } finally {
    clearTimeout(timer);
    // a late rejection of the deadline must not surface as unhandled
    deadline.catch(() => undefined);
  }
}

function send(
  target: Target,
  body: string,
  headers: Record<string, string>,
  limits: { connectTimeoutMs: number; maxBytes: number },
  onRequest: (r: http.ClientRequest) => void,
): Promise<DeliveryResult> {
  const { url, addresses } = target;
  const pinned = addresses[0];
  if (!pinned) return Promise.reject(new RefusedError(say('http.refusedNoAddress')));
  // The socket connects to the address checked above, never to a fresh lookup's answer.
  // With autoSelectFamily (Node's default) net asks for all addresses.
  const lookup: net.LookupFunction = (_hostname, options, callback) => {
    if ((options as dns.LookupAllOptions).all) (callback as unknown as (e: null, a: Address[]) => void)(null, [pinned]);
    else callback(null, pinned.address, pinned.family);
  };
  const payload = Buffer.from(body, 'utf8');
  return new Promise<DeliveryResult>((resolve, reject) => {
    const client = url.protocol === 'https:' ? https : http;
    const req = client.request(
      {
        protocol: url.protocol,
        host: target.host,
        port: url.port || undefined,
        path: `${url.pathname}${url.search}`,
        method: 'POST',
        // a fresh connection per delivery: a pooled socket would skip this check
        agent: false,
        lookup,
        // SNI and certificate checks use the name, not the pinned address
        servername: net.isIP(target.host) ? undefined : target.host,
        headers: { 'user-agent': 'Relm/1', ...headers, 'content-length': String(payload.length) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        const finish = () => resolve(classify(res.statusCode ?? 0, Buffer.concat(chunks), res.headers));
        res.on('data', (chunk: Buffer) => {
          if (size >= limits.maxBytes) return;
          const room = limits.maxBytes - size;
          chunks.push(chunk.length > room ? chunk.subarray(0, room) : chunk);
          size += Math.min(chunk.length, room);
          // enough read: drop the rest instead of downloading it
          if (size >= limits.maxBytes) {
            finish();
            res.destroy();
          }
        });
        res.on('end', finish);
        res.on('error', () => finish());
        res.on('aborted', () => finish());
      },
    );
    onRequest(req);
    const connectTimer = setTimeout(
      () => req.destroy(new TimeoutError(say('http.noConnectionWithin', { ms: limits.connectTimeoutMs }))),
      limits.connectTimeoutMs,
    );
    req.on('socket', (socket) => {
      const connected = () => clearTimeout(connectTimer);
      if (!socket.connecting) connected();
      socket.once(url.protocol === 'https:' ? 'secureConnect' : 'connect', connected);
    });
    req.on('close', () => clearTimeout(connectTimer));
    req.on('error', reject);
    req.end(payload);
  });
}
