import { afterEach, describe, expect, it } from 'vitest';
import { NextRequest } from 'next/server';
import { config, proxy } from '@/proxy';

// proxy.ts as Next calls it: the policy and nonce on the response and on the request it
// forwards (NextResponse.next passes request headers on as x-middleware-request-*).

const NONCE = /'nonce-([A-Za-z0-9+/]{22}==)'/;

function restore(name: string, value: string | undefined) {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}

const saved = { trust: process.env.RELM_TRUST_PROXY, nodeEnv: process.env.NODE_ENV };
afterEach(() => {
  restore('RELM_TRUST_PROXY', saved.trust);
  restore('NODE_ENV', saved.nodeEnv);
});

function run(url: string, headers: Record<string, string> = {}) {
  return proxy(new NextRequest(url, { headers }));
}

describe('proxy: Content-Security-Policy', () => {
  it('sets a script-src with a fresh nonce on the response, and hands the same nonce to the page render', () => {
    const res = run('http://127.0.0.1:3000/releases');
    const policy = res.headers.get('content-security-policy')!;
    expect(policy).toMatch(/^script-src 'self' 'nonce-[^']+' 'strict-dynamic'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'$/);
    const nonce = NONCE.exec(policy)![1];
    // Next reads the nonce from the forwarded request's policy; pages may read x-nonce
    expect(res.headers.get('x-middleware-request-x-nonce')).toBe(nonce);
    expect(res.headers.get('x-middleware-request-content-security-policy')).toBe(policy);
    expect(res.headers.get('x-middleware-next')).toBe('1');

    const again = NONCE.exec(run('http://127.0.0.1:3000/releases').headers.get('content-security-policy')!)![1];
    expect(again).not.toBe(nonce);
  });

  it("adds 'unsafe-eval' only in development", () => {
    expect(run('http://127.0.0.1:3000/').headers.get('content-security-policy')).not.toContain('unsafe-eval');
    (process.env as Record<string, string>).NODE_ENV = 'development';
    expect(run('http://127.0.0.1:3000/').headers.get('content-security-policy')).toContain("'strict-dynamic' 'unsafe-eval';");
  });

  it('runs for pages, not for the API, static files or prefetches', () => {
    const [matcher] = config.matcher;
    const re = new RegExp(`^${matcher!.source}$`);
    for (const page of ['/', '/releases/REL-42', '/sign-in', '/admin/users', '/no-such-page']) expect(page).toMatch(re);
    for (const other of ['/api/v1/releases', '/api/auth/session', '/_next/static/chunks/app.js', '/favicon.svg', '/logo.svg']) expect(other).not.toMatch(re);
    expect(matcher!.missing.map((m) => m.key)).toEqual(['next-router-prefetch', 'purpose']);
  });
});

describe('proxy: Strict-Transport-Security', () => {
  it('is sent when the request came over TLS', () => {
    expect(run('https://relm.example.com/').headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
  });

  it('is not sent over plain HTTP, nor on an untrusted X-Forwarded-Proto', () => {
    expect(run('http://relm.example.com/').headers.get('strict-transport-security')).toBeNull();
    expect(run('http://relm.example.com/', { 'x-forwarded-proto': 'https' }).headers.get('strict-transport-security')).toBeNull();
  });

  it("behind a trusted proxy (RELM_TRUST_PROXY=true), follows the proxy's X-Forwarded-Proto", () => {
    process.env.RELM_TRUST_PROXY = 'true';
    expect(run('http://10.0.0.5:3000/', { 'x-forwarded-proto': 'https' }).headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
    expect(run('http://10.0.0.5:3000/', { 'x-forwarded-proto': 'http' }).headers.get('strict-transport-security')).toBeNull();
    expect(run('http://10.0.0.5:3000/').headers.get('strict-transport-security')).toBeNull();
  });
});
