import { NextResponse, type NextRequest } from 'next/server';

// The security headers that depend on the request: a Content-Security-Policy whose
// script-src names a fresh nonce, and Strict-Transport-Security when the request came over
// TLS. proxy.ts calls securityHeadersProxy; the headers that never change (nosniff, framing,
// referrer…) stay in next.config.js. docs/decisions/035-security-headers-and-password-strength.md
//
// No `server-only` here, and no lib/server/env.ts (which imports it): Next has refused
// `server-only` in the proxy's bundle (vercel/next.js#75904), like instrumentation.ts's. This
// module holds no secret and reads two settings itself, with env.ts's meaning.

/**
 * The directives next.config.js sends on every response (the proxy skips API routes and
 * static files). The policy below keeps them and adds script-src.
 */
export const BASE_CSP_DIRECTIVES = ["frame-ancestors 'none'", "base-uri 'self'", "object-src 'none'"] as const;

export const HSTS = 'max-age=31536000; includeSubDomains';

/** 128 random bits, base64: unguessable, and new for every request. */
export function newNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64');
}

/**
 * The policy for one response. Scripts run only with the nonce (Next puts it on its own
 * scripts when it renders the page) or when loaded by such a script ('strict-dynamic');
 * 'self' is the fallback for browsers without 'strict-dynamic'. React's development
 * tooling needs eval, so 'unsafe-eval' is added in development only.
 */
export function contentSecurityPolicy(nonce: string, opts: { dev: boolean }): string {
  const scriptSrc = ["'self'", `'nonce-${nonce}'`, "'strict-dynamic'", ...(opts.dev ? ["'unsafe-eval'"] : [])];
  return [`script-src ${scriptSrc.join(' ')}`, ...BASE_CSP_DIRECTIVES].join('; ');
}

/**
 * Whether the request reached us over TLS. Behind a trusted proxy (RELM_TRUST_PROXY) its
 * X-Forwarded-Proto says so; otherwise the request URL's scheme. Next derives that scheme
 * from X-Forwarded-Proto as well, so a client could claim https without a proxy: harmless,
 * as browsers ignore Strict-Transport-Security received over plain HTTP (RFC 6797 §8.1).
 */
export function cameOverTls(url: string | URL, headers: Headers, trustProxy: boolean): boolean {
  if (trustProxy) {
    const forwarded = headers.get('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase();
    if (forwarded) return forwarded === 'https';
  }
  return new URL(url).protocol === 'https:';
}

/**
 * Continue with the request, the nonce and policy on it (Next reads the policy from the
 * request to find the nonce; pages may read x-nonce) and the policy, and HSTS over TLS,
 * on the response.
 */
export function securityHeadersProxy(request: NextRequest, opts: { dev: boolean; trustProxy: boolean } = fromEnv()): NextResponse {
  const nonce = newNonce();
  const policy = contentSecurityPolicy(nonce, { dev: opts.dev });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('x-nonce', nonce);
  requestHeaders.set('Content-Security-Policy', policy);
  // the path, for the (app) layout's 403 (lib/domain/page-access.ts); always Relm's, never the client's
  requestHeaders.set('x-relm-path', request.nextUrl.pathname);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set('Content-Security-Policy', policy);
  if (cameOverTls(request.url, request.headers, opts.trustProxy)) response.headers.set('Strict-Transport-Security', HSTS);
  return response;
}

/** NODE_ENV and RELM_TRUST_PROXY ('true' or '1'), as lib/server/env.ts reads them. */
export function fromEnv(): { dev: boolean; trustProxy: boolean } {
  /* eslint-disable no-restricted-syntax -- see the top of this file */
  return { dev: process.env.NODE_ENV === 'development', trustProxy: /^(1|true)$/.test(process.env.RELM_TRUST_PROXY ?? '') };
  /* eslint-enable no-restricted-syntax */
}
