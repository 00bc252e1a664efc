import type { NextRequest } from 'next/server';
import { securityHeadersProxy } from '@/lib/server/csp';

// Runs before every page: a per-request CSP nonce and, over TLS, HSTS (lib/server/csp.ts).
export function proxy(request: NextRequest) {
  return securityHeadersProxy(request);
}

export const config = {
  matcher: [
    {
      // Not the API (JSON for machines; /api/v1 answers tokens itself, docs/decisions/007),
      // nor static files: next.config.js gives those the fixed headers. Nor prefetches.
      source: '/((?!api/|_next/static|_next/image|favicon\\.svg|logo\\.svg).*)',
      missing: [
        { type: 'header', key: 'next-router-prefetch' },
        { type: 'header', key: 'purpose', value: 'prefetch' },
      ],
    },
  ],
};
