// @ts-check

/**
 * Security headers for every response. The Content-Security-Policy restricts
 * framing, <base> and plugins only: a script-src policy needs per-request nonces
 * for Next's inline bootstrap scripts (set in a proxy), which is a later step.
 */
const securityHeaders = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), browsing-topics=()' },
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
  // Framing is refused twice: the legacy header above and CSP's frame-ancestors.
  // These CSP directives do not restrict scripts, so Next's inline scripts keep working.
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
  serverExternalPackages: ['@electric-sql/pglite', 'pglite-prisma-adapter', 'argon2', 'pg', '@prisma/adapter-pg'],
  experimental: {
    serverActions: { bodySizeLimit: '1mb' },
  },
  async headers() {
    return [{ source: '/:path*', headers: securityHeaders }];
  },
};

module.exports = nextConfig;
