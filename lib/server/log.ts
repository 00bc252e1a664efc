// Relm's log (issue 17 point 4, docs/decisions/063-logs.md): one pino logger per process, JSON
// lines on stdout (pino-pretty when a person reads them in development), one line per request
// written by our server (scripts/start.ts), and errors that carry the request id the user sees.
// No 'server-only' here: scripts/start.ts runs without the react-server condition and imports
// this module; the app (inside Next.js) imports its own copy. Both copies share the logger and
// the requests being served through globalThis, as they share one process.
import { AsyncLocalStorage } from 'node:async_hooks';
import crypto from 'node:crypto';
import type http from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';
import util from 'node:util';
import pino from 'pino';

/** Relm's own id for a request: 16 hex characters, never chosen by the caller (docs/decisions/033). */
export const newRequestId = () => crypto.randomBytes(8).toString('hex');

/**
 * The request header by which our server hands the request id it chose to the app. A value a
 * client sends is overwritten by the server, and the app only believes a value that names a
 * request this process is serving now (so under `next dev`, where our server does not run, a
 * client still cannot choose the id).
 */
export const REQUEST_ID_HEADER = 'x-relm-request-id';

/** What the request line says about a request beyond its method, route and status. */
export interface RequestContext {
  requestId: string;
  /** the signed-in person, or the owner of the API token, once the app knows who it is */
  userId: string | null;
  /** the API token, when the caller used one */
  tokenId: string | null;
}

// ---------------------------------------------------------------- the logger

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * Keys whose values never reach the log, wherever they sit (up to four objects deep): headers
 * that carry credentials, and the names of secrets. Values are replaced by "[Redacted]".
 */
const SECRET_KEYS = [
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'x-relm-control',
  'password',
  'newPassword',
  'currentPassword',
  'passwordHash',
  'token',
  'accessToken',
  'refreshToken',
  'idToken',
  'id_token',
  'access_token',
  'refresh_token',
  'tokenHash',
  'secret',
  'clientSecret',
  'client_secret',
  'apiKey',
  'sessionToken',
];

const REDACT_PATHS = SECRET_KEYS.flatMap((key) => {
  const k = /^[A-Za-z_$][\w$]*$/.test(key) ? key : `["${key}"]`;
  const dot = k.startsWith('[') ? '' : '.';
  return [k, `*${dot}${k}`, `*.*${dot}${k}`, `*.*.*${dot}${k}`];
});

/**
 * Secrets that can hide inside text (an error's message or stack, a console line): a bearer
 * credential, a Relm API token, a query value named like a secret, a password in a URL.
 */
export function scrub(text: string): string {
  return text
    .replace(/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi, '$1 [Redacted]')
    .replace(/relm_[A-Za-z0-9]{8}_[A-Za-z0-9]+/g, 'relm_[Redacted]')
    .replace(/([?&;](?:token|access_token|id_token|code|key|secret|password|signature|sig)=)[^&#\s"'<>]*/gi, '$1[Redacted]')
    .replace(/(\b[a-z][a-z0-9+.-]*:\/\/[^:/?#\s@]*:)[^@/?#\s]+@/gi, '$1[Redacted]@');
}

type SerializedError = Record<string, unknown> & { message?: string; stack?: string };

/** pino's error serializer (type, message, stack, cause, own properties such as Next.js's digest), scrubbed. */
function errSerializer(err: unknown): unknown {
  if (!(err instanceof Error)) return typeof err === 'string' ? scrub(err) : err;
  const out = pino.stdSerializers.err(err) as SerializedError;
  if (typeof out.message === 'string') out.message = scrub(out.message);
  if (typeof out.stack === 'string') out.stack = scrub(out.stack);
  return out;
}

function levelFrom(raw: string | undefined): LogLevel {
  const v = raw?.trim().toLowerCase();
  return (LOG_LEVELS as readonly string[]).includes(v ?? '') ? (v as LogLevel) : 'info';
}

/** RELM_LOG_FORMAT=json|pretty; unset: pretty in development on a terminal, JSON otherwise. */
export function logFormatFrom(source: Record<string, string | undefined>, stdoutIsTty: boolean): 'json' | 'pretty' {
  const f = source.RELM_LOG_FORMAT?.trim().toLowerCase();
  if (f === 'json' || f === 'pretty') return f;
  return source.NODE_ENV !== 'production' && source.NODE_ENV !== 'test' && stdoutIsTty ? 'pretty' : 'json';
}

/** pino-pretty, a development dependency: absent from a production install, so loaded only when wanted. */
function prettyStream(): pino.DestinationStream | null {
  try {
    // a require from the project, not through the bundler: Next.js keeps pino-pretty external anyway
    const load = createRequire(path.join(process.cwd(), 'package.json'));
    const pretty = load('pino-pretty') as (opts: Record<string, unknown>) => pino.DestinationStream;
    return pretty({ sync: true, ignore: 'pid,hostname', singleLine: true, translateTime: 'SYS:HH:MM:ss.l' });
  } catch {
    return null;
  }
}

/** A logger with Relm's settings: level, redaction, the scrubbed error serializer, ISO times. */
export function createLogger(opts: { level?: string; destination?: pino.DestinationStream; pretty?: boolean } = {}): pino.Logger {
  const options: pino.LoggerOptions = {
    level: levelFrom(opts.level),
    // the level's name ("error"), not its number, so a line reads on its own
    formatters: { level: (label) => ({ level: label }) },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: REDACT_PATHS, censor: '[Redacted]' },
    serializers: { err: errSerializer, error: errSerializer },
  };
  if (opts.destination) return pino(options, opts.destination);
  const pretty = opts.pretty ? prettyStream() : null;
  // asynchronous: lines written while a write is under way go out together in the next one
  // (one system call for many under load); pino flushes what is left when the process exits
  return pretty ? pino(options, pretty) : pino(options, pino.destination({ dest: 1, sync: false }));
}

interface Shared {
  logger?: pino.Logger;
  /** the logger requestLog() derives from, and its child without redaction */
  requestLogOf?: pino.Logger;
  requestLogger?: pino.Logger;
  context: AsyncLocalStorage<RequestContext>;
  serving: Map<string, RequestContext>;
}

function shared(): Shared {
  const g = globalThis as { __relmLog?: Shared };
  g.__relmLog ??= { context: new AsyncLocalStorage<RequestContext>(), serving: new Map() };
  return g.__relmLog;
}

/**
 * The process's logger. It reads RELM_LOG_LEVEL, RELM_LOG_FORMAT and NODE_ENV itself, with
 * lib/server/env.ts's meaning (which checks them at start): env.ts is 'server-only', which
 * scripts/start.ts cannot import.
 */
export function log(): pino.Logger {
  const s = shared();
  /* eslint-disable no-restricted-syntax -- see above */
  s.logger ??= createLogger({
    level: process.env.RELM_LOG_LEVEL,
    pretty: logFormatFrom(process.env, !!process.stdout.isTTY) === 'pretty',
  });
  /* eslint-enable no-restricted-syntax */
  return s.logger;
}

/**
 * The logger of the request line: the process's logger without the redaction pass. Every field
 * of that line is one Relm chose (method, route template, status, ids), never a header, a body
 * or an address, so there is nothing to redact, and redaction's walk of each key for secrets
 * nested four deep was a tenth of the CPU a small request costs (issue 17, decision 062).
 */
function requestLog(): pino.Logger {
  const s = shared();
  const base = log();
  if (s.requestLogOf !== base || !s.requestLogger) {
    s.requestLogOf = base;
    s.requestLogger = base.child({}, { redact: [] });
  }
  return s.requestLogger;
}

/** Tests: log into `logger` until the returned function is called. */
export function useLoggerForTests(logger: pino.Logger): () => void {
  const s = shared();
  const before = s.logger;
  s.logger = logger;
  return () => {
    s.logger = before;
  };
}

// ---------------------------------------------------------------- the request being served

type HeaderSource = { get(name: string): string | null } | http.IncomingHttpHeaders;

function headerOf(h: HeaderSource, name: string): string | undefined {
  if (typeof (h as { get?: unknown }).get === 'function') return (h as { get(name: string): string | null }).get(name) ?? undefined;
  const v = (h as http.IncomingHttpHeaders)[name];
  return Array.isArray(v) ? v[0] : v;
}

/**
 * The request this process is serving that these headers belong to (our server named it in
 * REQUEST_ID_HEADER), or undefined: under `next dev`, in tests, or for a header a client made up.
 */
export function servedRequest(h: HeaderSource): RequestContext | undefined {
  const id = headerOf(h, REQUEST_ID_HEADER);
  return id ? shared().serving.get(id) : undefined;
}

/** The request whose handling is running now, where Node carries the context that far. */
export function currentRequestContext(): RequestContext | undefined {
  return shared().context.getStore();
}

// ---------------------------------------------------------------- the request line

const CLIENT_REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/** Successful static files (`/_next/static/…`) are logged at debug only: they say nothing about use. */
const QUIET = /^\/_next\/(static|image)(\/|\?|$)|^\/favicon\.ico(\?|$)/;

/**
 * Wraps the server's request handler: gives each request its id (sent back as x-request-id and
 * handed to the app in REQUEST_ID_HEADER) and writes one line when the response is done:
 * method, route template (never the address itself: its query may hold a token), status,
 * duration, request id, and the user once the app knows who it is.
 */
export function withRequestLog(
  routeOf: (url: string) => string,
  next: (req: http.IncomingMessage, res: http.ServerResponse) => void,
): (req: http.IncomingMessage, res: http.ServerResponse) => void {
  const { context, serving } = shared();
  return (req, res) => {
    const started = process.hrtime.bigint();
    const ctx: RequestContext = { requestId: newRequestId(), userId: null, tokenId: null };
    const given = headerOf(req.headers, 'x-request-id')?.trim();
    req.headers[REQUEST_ID_HEADER] = ctx.requestId;
    serving.set(ctx.requestId, ctx);
    res.setHeader('x-request-id', ctx.requestId);
    res.once('close', () => {
      serving.delete(ctx.requestId);
      const url = req.url ?? '/';
      const status = res.statusCode;
      const line = {
        method: (req.method ?? 'GET').slice(0, 10),
        route: routeOf(url),
        status,
        durationMs: Math.round(Number(process.hrtime.bigint() - started) / 1e4) / 100,
        requestId: ctx.requestId,
        userId: ctx.userId,
        ...(ctx.tokenId ? { tokenId: ctx.tokenId } : {}),
        ...(given && CLIENT_REQUEST_ID.test(given) ? { clientRequestId: given } : {}),
        ...(res.writableFinished ? {} : { aborted: true }),
      };
      const msg = `${line.method} ${line.route} ${status}`;
      const logger = requestLog();
      if (status >= 500) logger.error(line, msg);
      else if (status < 400 && QUIET.test(url)) logger.debug(line, msg);
      else logger.info(line, msg);
    });
    context.run(ctx, () => next(req, res));
  };
}

// ---------------------------------------------------------------- console

/**
 * Our server's console as log lines (scripts/start.ts): what Relm and Next.js still write with
 * console.* becomes JSON too, with the request id when it is written while a request is handled
 * (Next.js's own report of a page that failed, with the digest the error page shows, included).
 */
export function bridgeConsole(): void {
  const levels = { error: 'error', warn: 'warn', info: 'info', log: 'info', debug: 'debug' } as const;
  for (const [method, level] of Object.entries(levels) as [keyof typeof levels, 'error' | 'warn' | 'info' | 'debug'][]) {
    console[method] = (...args: unknown[]) => {
      const err = args.find((a): a is Error => a instanceof Error);
      const rest = args.filter((a) => a !== err);
      const text = scrub(util.format(...rest)).replace(/^\[relm\] /, '');
      const ctx = currentRequestContext();
      const fields: Record<string, unknown> = {};
      if (ctx) fields.requestId = ctx.requestId;
      if (err) fields.err = err;
      log()[level](fields, text || (err ? err.message : ''));
    };
  }
}
