// @ts-check

// next-intl: the per-request language and messages (i18n/request.ts, docs/decisions/057-english-and-french.md)
// (this file stays CommonJS: tests/unit/csp.test.ts requires it)
// eslint-disable-next-line @typescript-eslint/no-require-imports
const createNextIntlPlugin = require('next-intl/plugin');

/**
 * Security headers for every response. Pages get a stricter Content-Security-Policy
 * from proxy.ts (lib/server/csp.ts): these directives plus a script-src with a fresh
 * nonce per request, which replaces the one below; Strict-Transport-Security is set
 * there too, over TLS only. This one covers what the proxy skips (API, static files).
 */
const securityHeaders = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), browsing-topics=()' },
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
  // Framing is refused twice: the legacy header above and CSP's frame-ancestors.
  // Keep in step with BASE_CSP_DIRECTIVES in lib/server/csp.ts (a unit test compares them).
  { key: 'Content-Security-Policy', value: "frame-ancestors 'none'; base-uri 'self'; object-src 'none'" },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  typedRoutes: false,
  // `next dev` serves its scripts only to these origins (besides localhost); tests use 127.0.0.1
  allowedDevOrigins: ['127.0.0.1'],
  // Native or WebAssembly packages that must be loaded by Node, not bundled.
  serverExternalPackages: ['@electric-sql/pglite', 'pglite-prisma-adapter', 'argon2', 'pg', '@prisma/adapter-pg', 'prom-client'],
  experimental: {
    serverActions: { bodySizeLimit: '1mb' },
    // forbidden() and app/forbidden.tsx: refused pages answer 403 (docs/decisions/040)
    authInterrupts: true,
  },
  async headers() {
    return [{ source: '/:path*', headers: securityHeaders }];
  },
};

module.exports = createNextIntlPlugin('./i18n/request.ts')(nextConfig);
