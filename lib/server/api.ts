import 'server-only';
import { AsyncLocalStorage } from 'node:async_hooks';
import type { z } from 'zod';
import { negotiateLocale, type Locale } from '@/lib/domain/locale';
import type { ActionResult, FieldErrors, GateResult } from '@/lib/domain/result';
import { fieldErrorsOf, type Mutation } from './action';
import { appendAudits } from './audit';
import { db } from './db';
import { actorFromBearer } from './api-tokens';
import { HTTP_STATUS, Refusal } from './errors';
import { log } from './log';
import { clientAddress, clientRequestIdOf, noteActorOf, requestIdOf } from './request-meta';
import type { Actor, RequestMeta } from './actor';
import { parseReleaseKey } from './release-ref';
import { localizeFailure, sayer } from './say';

const say = sayer('server-api');

// The one wrapper every app/api/v1 route handler goes through: request id,
// API-token authentication, JSON-only bodies with a size limit, and one error
// shape for every failure. Nothing a caller sends may produce a 500: an
// unexpected error is logged with the request id and answered without details.

export const API_BODY_LIMIT = 1024 * 1024;

export type ApiErrorCode = Extract<ActionResult<never>, { ok: false }>['code'] | 'unsupported_media_type' | 'payload_too_large' | 'method_not_allowed';

export interface ApiErrorBody {
  error: {
    code: ApiErrorCode;
    message: string;
    fieldErrors?: FieldErrors;
    gates?: GateResult[];
    requestId: string;
  };
}

/** An HTTP failure with the standard error body. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
    readonly details: { fieldErrors?: FieldErrors; gates?: GateResult[] } = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface ApiContext<P> {
  req: Request;
  url: URL;
  /** the authenticated caller (null only on public routes) */
  actor: Actor;
  meta: RequestMeta;
  params: P;
}

/** The caller's well-formed x-request-id goes back as x-client-request-id; Relm's own id is x-request-id. */
function withClientRequestId(res: Response, clientRequestId: string | null): Response {
  if (!clientRequestId) return res;
  try {
    res.headers.set('x-client-request-id', clientRequestId);
    return res;
  } catch {
    // immutable headers (Response.redirect): copy the response
    const headers = new Headers(res.headers);
    headers.set('x-client-request-id', clientRequestId);
    return new Response(res.body, { status: res.status, statusText: res.statusText, headers });
  }
}

function baseHeaders(requestId: string): Record<string, string> {
  return { 'x-request-id': requestId, 'cache-control': 'no-store' };
}

/** Answers smaller than this go out uncompressed: gzip would cost more CPU than the bytes it saves. */
const COMPRESS_FROM_BYTES = 1024;

export function jsonResponse(requestId: string, body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  const text = JSON.stringify(body);
  const all: Record<string, string> = { 'content-type': 'application/json; charset=utf-8', ...baseHeaders(requestId), ...headers };
  // Next.js streams an answer (its length unknown) and gzips whatever the caller accepts, however
  // small; `no-transform` is what its compression heeds. A build's or an error's few hundred bytes
  // thus go out as they are (issue 17: CPU on the write path); larger answers are still compressed.
  if (Buffer.byteLength(text) < COMPRESS_FROM_BYTES && !/no-transform/i.test(all['cache-control'] ?? '')) {
    all['cache-control'] = all['cache-control'] ? `${all['cache-control']}, no-transform` : 'no-transform';
  }
  return new Response(text, { status, headers: all });
}

/**
 * The caller's language for this API request: its Accept-Language, English or French (English
 * when it names neither). Codes, fields and rule ids stay English; messages follow it.
 */
const callerLocale = new AsyncLocalStorage<Locale>();

export function errorResponse(
  requestId: string,
  status: number,
  code: ApiErrorCode,
  message: string,
  details: { fieldErrors?: FieldErrors; gates?: GateResult[] } = {},
  headers: Record<string, string> = {},
): Response {
  const locale = callerLocale.getStore() ?? 'en';
  const said = localizeFailure({ message, fieldErrors: details.fieldErrors, gates: details.gates }, locale);
  const body: ApiErrorBody = {
    error: {
      code,
      message: said.message,
      ...(said.fieldErrors ? { fieldErrors: said.fieldErrors } : {}),
      ...(said.gates ? { gates: said.gates } : {}),
      requestId,
    },
  };
  return jsonResponse(requestId, body, status, { 'content-language': locale, vary: 'Accept-Language', ...headers });
}

/** A mutation's result as a response: the success status, or the refusal's code mapped to HTTP. */
export function resultResponse<T>(requestId: string, result: ActionResult<T>, ok: (data: T) => { status: number; body: unknown }): Response {
  if (result.ok) {
    const { status, body } = ok(result.data);
    return jsonResponse(requestId, body, status);
  }
  return errorResponse(requestId, HTTP_STATUS[result.code] ?? 500, result.code, result.message, { fieldErrors: result.fieldErrors, gates: result.gates });
}

// ---------------------------------------------------------------- bodies

async function readLimited(req: Request, limit: number): Promise<string> {
  const declared = req.headers.get('content-length');
  if (declared !== null && /^\d+$/.test(declared) && Number(declared) > limit) {
    throw new ApiError(413, 'payload_too_large', say('bodyTooLarge', { megabytes: limit / 1024 / 1024 }));
  }
  if (!req.body) return '';
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw new ApiError(413, 'payload_too_large', say('bodyTooLarge', { megabytes: limit / 1024 / 1024 }));
    }
    chunks.push(value);
  }
  const all = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.byteLength;
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(all);
  } catch {
    throw new ApiError(400, 'invalid', say('bodyNotUtf8'));
  }
}

/** The JSON body: 415 unless it is declared JSON, 413 above 1 MB, 400 when it does not parse. */
export async function readJson(req: Request): Promise<unknown> {
  const type = (req.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json' && !/^application\/[a-z0-9.+-]+\+json$/.test(type)) {
    throw new ApiError(415, 'unsupported_media_type', type ? say('jsonOnlyGot', { type: type.slice(0, 100) }) : say('jsonOnly'));
  }
  const text = await readLimited(req, API_BODY_LIMIT);
  if (!text.trim()) throw new ApiError(400, 'invalid', say('bodyEmpty'));
  try {
    return JSON.parse(text);
  } catch (err) {
    // the parser's own explanation stays as the engine wrote it
    throw new ApiError(400, 'invalid', err instanceof SyntaxError ? say('notJsonBecause', { detail: err.message.slice(0, 200) }) : say('notJson'));
  }
}

/** A JSON object body (not an array, string or null). */
export async function readJsonObject(req: Request): Promise<Record<string, unknown>> {
  const body = await readJson(req);
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw new ApiError(400, 'invalid', say('notAnObject'), {
      fieldErrors: { _form: [say('sendAnObject', { example: '{"to": "submitted", "version": 3}' })] },
    });
  }
  return body as Record<string, unknown>;
}

/** Validates query parameters (or anything) with a zod schema; 400 with field errors otherwise. */
export function parseOr400<S extends z.ZodType>(schema: S, raw: unknown, message = say('queryNeedsAttention')): z.output<S> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new ApiError(400, 'invalid', message, { fieldErrors: fieldErrorsOf(parsed.error) });
  return parsed.data;
}

// ---------------------------------------------------------------- the wrapper

type RouteContext<P> = { params: Promise<P> };

/**
 * Wraps a route handler. Authenticated routes resolve the API token first
 * (401/403 JSON, never a redirect); `public: true` routes skip that.
 * `queryToken: true` also accepts the token as ?token= when no Authorization
 * header is sent (the calendar feed only: docs/decisions/011).
 */
export function apiRoute<P = Record<string, never>>(
  handler: (ctx: ApiContext<P>) => Promise<Response>,
  opts: { public?: boolean; queryToken?: boolean } = {},
): (req: Request, ctx: RouteContext<P>) => Promise<Response> {
  return async (req, routeCtx) =>
    withClientRequestId(
      await callerLocale.run(negotiateLocale(req.headers.get('accept-language')), () => handle(req, routeCtx)),
      clientRequestIdOf(req.headers),
    );
  async function handle(req: Request, routeCtx: RouteContext<P>): Promise<Response> {
    const requestId = requestIdOf(req.headers);
    try {
      const url = new URL(req.url);
      const meta: RequestMeta = { requestId, ip: clientAddress(req.headers), clientRequestId: clientRequestIdOf(req.headers) };
      const params = ((await routeCtx?.params) ?? {}) as P;
      refuseUnreadableAddress(url, params);
      let actor: Actor | null = null;
      if (!opts.public) {
        // queryToken: feeds that calendar programs subscribe to cannot send headers, so they
        // may pass ?token=relm_… instead (only the path is ever logged or audited, never the query)
        const header = req.headers.get('authorization');
        const fromQuery = opts.queryToken && !header?.trim() ? url.searchParams.get('token') || null : null;
        const who = await actorFromBearer(fromQuery !== null ? `Bearer ${fromQuery.slice(0, 200)}` : header, {
          requestId,
          ip: meta.ip,
          clientRequestId: meta.clientRequestId,
          method: req.method,
          path: url.pathname,
          deferUse: true,
        });
        if (!who.ok) {
          if (opts.queryToken && fromQuery === null && !header?.trim()) {
            who.message = say('sendTokenOrQuery');
          }
          return errorResponse(
            requestId,
            who.status,
            who.status === 401 ? 'unauthenticated' : 'forbidden',
            who.message,
            {},
            who.status === 401 ? { 'www-authenticate': 'Bearer realm="relm"' } : {},
          );
        }
        actor = who.actor;
        meta.tokenUse = who.tokenUse;
        noteActorOf(req.headers, actor);
      }
      try {
        return await handler({ req, url, actor: actor as Actor, meta, params });
      } finally {
        // the token's use, where no mutation of this request wrote it (a refusal, a failure, a
        // route that writes without one): on its own, after the handler
        const use = meta.tokenUse;
        if (use && !use.written) {
          await appendAudits(await db(), meta, [use]);
          use.written = true;
        }
      }
    } catch (err) {
      if (err instanceof ApiError) return errorResponse(requestId, err.status, err.code, err.message, err.details);
      if (err instanceof Refusal) return errorResponse(requestId, HTTP_STATUS[err.code], err.code, err.message, err.details);
      log().error({ err, requestId, method: req.method, path: safePath(req) }, `${req.method} ${safePath(req)} failed`);
      return errorResponse(requestId, 500, 'error', say('unexpected', { requestId }));
    }
  }
}

const UNREADABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * A 400 for a path segment or query value holding a NUL or a lone surrogate
 * (which the database would refuse or garble), before any handler sees it.
 * Malformed percent-encoding never gets this far: scripts/request-guard.ts
 * answers it in front of Next.js.
 */
function refuseUnreadableAddress(url: URL, params: unknown) {
  const values: [string, unknown][] = [...url.searchParams.entries()];
  for (const [k, v] of Object.entries(params && typeof params === 'object' ? params : {})) values.push([k, v]);
  for (const [name, value] of values) {
    const texts = Array.isArray(value) ? value : [value];
    if (UNREADABLE.test(name) || texts.some((t) => typeof t === 'string' && UNREADABLE.test(t))) {
      throw new ApiError(400, 'invalid', say('unreadableAddress'));
    }
  }
}

function safePath(req: Request): string {
  try {
    return new URL(req.url).pathname.slice(0, 200);
  } catch {
    return '?';
  }
}

/** 405 for methods a route does not offer. */
export function methodNotAllowed(allow: string[]) {
  return async (req: Request) =>
    withClientRequestId(
      callerLocale.run(negotiateLocale(req.headers.get('accept-language')), () =>
        errorResponse(
          requestIdOf(req.headers),
          405,
          'method_not_allowed',
          say('methodNotAllowed', { methods: allow.join(', ') }),
          {},
          { allow: allow.join(', ') },
        ),
      ),
      clientRequestIdOf(req.headers),
    );
}

/** The release key from a route parameter, upper-cased; a 404 when it is not shaped like REL-12. */
export function releaseKeyParam(raw: unknown): string {
  const key = String(raw ?? '').toUpperCase();
  if (parseReleaseKey(key) === null) throw new ApiError(404, 'not_found', say('releaseKeyNotFound', { key: String(raw ?? '').slice(0, 40) }));
  return key;
}

/**
 * POST handler for a mutation on one release (`/releases/{key}/…`): the JSON object
 * body plus the key from the path go to `mutation`; `status` on success (the result's
 * data as the body), the refusal's status otherwise.
 */
export function releaseMutationRoute<T>(mutation: Pick<Mutation<z.ZodType, T>, 'as'>, status = 200) {
  return apiRoute<{ key: string }>(async ({ req, actor, meta, params }) => {
    const key = releaseKeyParam(params.key);
    const body = await readJsonObject(req);
    const result = await mutation.as(actor, meta)({ ...body, releaseKey: key });
    return resultResponse(meta.requestId, result, (data) => ({ status, body: data }));
  });
}
