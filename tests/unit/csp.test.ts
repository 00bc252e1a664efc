import { describe, expect, it } from 'vitest';
import { BASE_CSP_DIRECTIVES, cameOverTls, contentSecurityPolicy, HSTS, newNonce } from '@/lib/server/csp';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const nextConfig = require('../../next.config.js') as { headers: () => Promise<{ source: string; headers: { key: string; value: string }[] }[]> };

const directives = (policy: string) => policy.split(';').map((d) => d.trim());

describe('contentSecurityPolicy', () => {
  it('allows scripts by nonce (and what they load), and keeps framing, <base> and plugins shut', () => {
    const policy = contentSecurityPolicy('abc123==', { dev: false });
    expect(directives(policy)).toEqual([
      "script-src 'self' 'nonce-abc123==' 'strict-dynamic'",
      "frame-ancestors 'none'",
      "base-uri 'self'",
      "object-src 'none'",
    ]);
    expect(policy).not.toMatch(/unsafe/);
  });

  it("adds 'unsafe-eval' in development only (React's dev tooling)", () => {
    expect(directives(contentSecurityPolicy('n', { dev: true }))[0]).toBe("script-src 'self' 'nonce-n' 'strict-dynamic' 'unsafe-eval'");
    expect(contentSecurityPolicy('n', { dev: false })).not.toContain('unsafe-eval');
  });

  it('keeps the directives next.config.js sends on every other response', async () => {
    const [rule] = await nextConfig.headers();
    const fixed = rule!.headers.find((h) => h.key === 'Content-Security-Policy')!.value;
    expect(directives(fixed)).toEqual([...BASE_CSP_DIRECTIVES]);
  });
});

describe('newNonce', () => {
  it('is 128 random bits in base64, new each time', () => {
    const a = newNonce();
    expect(a).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(new Set(Array.from({ length: 50 }, newNonce)).size).toBe(50);
  });
});

describe('cameOverTls', () => {
  const h = (proto?: string) => new Headers(proto ? { 'x-forwarded-proto': proto } : {});
  it('follows the URL scheme when no proxy is trusted, whatever X-Forwarded-Proto says', () => {
    expect(cameOverTls('https://relm.example.com/', h(), false)).toBe(true);
    expect(cameOverTls('http://relm.example.com/', h(), false)).toBe(false);
    expect(cameOverTls('http://relm.example.com/', h('https'), false)).toBe(false);
  });

  it('behind a trusted proxy, believes its X-Forwarded-Proto (the first entry)', () => {
    expect(cameOverTls('http://10.0.0.5:3000/', h('https'), true)).toBe(true);
    expect(cameOverTls('http://10.0.0.5:3000/', h('HTTPS, http'), true)).toBe(true);
    expect(cameOverTls('https://relm.example.com/', h('http'), true)).toBe(false);
    expect(cameOverTls('https://relm.example.com/', h(), true)).toBe(true);
  });

  it('HSTS lasts a year and covers subdomains', () => {
    expect(HSTS).toBe('max-age=31536000; includeSubDomains');
  });
});
