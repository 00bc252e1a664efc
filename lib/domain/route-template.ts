// Request paths to the route templates of the app (`/releases/REL-12/plan` → `/releases/[key]/plan`),
// so request metrics are labelled per route and their number of series stays bounded (issue 17):
// a path no route matches is `other`, never itself.

type Segment = { kind: 'static'; text: string } | { kind: 'one' } | { kind: 'rest'; optional: boolean };

interface Route {
  template: string;
  segments: Segment[];
}

function parse(template: string): Route {
  const segments: Segment[] = template
    .split('/')
    .filter(Boolean)
    .map((s) => {
      if (/^\[\[\.\.\..+\]\]$/.test(s)) return { kind: 'rest', optional: true };
      if (/^\[\.\.\..+\]$/.test(s)) return { kind: 'rest', optional: false };
      if (/^\[.+\]$/.test(s)) return { kind: 'one' };
      return { kind: 'static', text: s };
    });
  return { template, segments };
}

/** Static segments first, then single dynamic ones, catch-alls last: Next.js's own precedence. */
function rank(r: Route): number[] {
  return r.segments.map((s) => (s.kind === 'static' ? 0 : s.kind === 'one' ? 1 : 2));
}

function compare(a: Route, b: Route): number {
  const ra = rank(a);
  const rb = rank(b);
  for (let i = 0; i < Math.max(ra.length, rb.length); i++) {
    const x = ra[i] ?? -1;
    const y = rb[i] ?? -1;
    if (x !== y) return x - y;
  }
  return 0;
}

function matches(route: Route, parts: string[]): boolean {
  for (let i = 0; i < route.segments.length; i++) {
    const s = route.segments[i]!;
    if (s.kind === 'rest') return s.optional || parts.length > i;
    const part = parts[i];
    if (part === undefined) return false;
    if (s.kind === 'static' && s.text !== part) return false;
  }
  return parts.length === route.segments.length;
}

/** A function from a request path to its route template, or `other`. */
export function routeMatcher(templates: readonly string[]): (path: string) => string {
  const routes = [...new Set(templates)].map(parse).sort(compare);
  return (path: string) => {
    const pathname = path.split(/[?#]/)[0] ?? '/';
    if (pathname.startsWith('/_next/')) return '/_next/*';
    let parts: string[];
    try {
      parts = pathname.split('/').filter(Boolean).map(decodeURIComponent);
    } catch {
      return 'other';
    }
    for (const r of routes) if (matches(r, parts)) return r.template;
    return 'other';
  };
}

/**
 * The URL template of an app-directory file path (`app/(app)/releases/[key]/plan/page.tsx` →
 * `/releases/[key]/plan`): route groups and the file name dropped; null for private folders.
 */
export function templateOfAppFile(file: string): string | null {
  const parts = file
    .replace(/\\/g, '/')
    .replace(/^.*?\bapp\//, '')
    .split('/');
  parts.pop(); // page.tsx / route.ts
  if (parts.some((p) => p.startsWith('_') || p.startsWith('@'))) return null;
  return '/' + parts.filter((p) => !/^\(.*\)$/.test(p)).join('/');
}
