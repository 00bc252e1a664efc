// The Prometheus registry of this process (issue 17 point 3, docs/decisions/061-operations.md).
// No 'server-only' here: scripts/start.ts, which serves the requests, times them into it, and
// the /metrics route (inside Next.js) reads it; both are one process, and the registry is kept
// on globalThis so they share it even if each loads its own copy of this module.
import fs from 'node:fs';
import path from 'node:path';
import client from 'prom-client';
import { routeMatcher, templateOfAppFile } from '@/lib/domain/route-template';

export interface RelmRegistry {
  registry: client.Registry;
  httpDuration: client.Histogram<'method' | 'route' | 'status'>;
  /** set once by the /metrics route: the gauges that read the database at each scrape */
  scrapeCollectorsInstalled: boolean;
}

const KEY = '__relmPrometheus';

export function relmRegistry(): RelmRegistry {
  const g = globalThis as Record<string, unknown>;
  let r = g[KEY] as RelmRegistry | undefined;
  if (!r) {
    const registry = new client.Registry();
    client.collectDefaultMetrics({ register: registry, prefix: 'relm_' });
    const httpDuration = new client.Histogram({
      name: 'relm_http_request_duration_seconds',
      help: 'Time to answer an HTTP request, by method, route template and status',
      labelNames: ['method', 'route', 'status'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    });
    r = { registry, httpDuration, scrapeCollectorsInstalled: false };
    g[KEY] = r;
  }
  return r;
}

function walk(dir: string, out: string[]) {
  for (const entry of fs.readdirSync(/* turbopackIgnore: true */ dir, { withFileTypes: true })) {
    const full = path.join(/* turbopackIgnore: true */ dir, entry.name);
    if (entry.isDirectory()) walk(full, out);
    else if (/^(page|route)\.(tsx?|jsx?)$/.test(entry.name)) out.push(full);
  }
}

/** The app's route templates: from the build's manifest, else from the app directory. */
export function appRouteTemplates(root: string): string[] {
  try {
    const manifest = JSON.parse(fs.readFileSync(path.join(/* turbopackIgnore: true */ root, '.next', 'app-path-routes-manifest.json'), 'utf8')) as Record<
      string,
      string
    >;
    const list = Object.values(manifest);
    if (list.length) return list;
  } catch {
    // no build yet (tests): read the app directory
  }
  const files: string[] = [];
  try {
    walk(path.join(/* turbopackIgnore: true */ root, 'app'), files);
  } catch {
    return [];
  }
  return files.map((f) => templateOfAppFile(path.relative(root, f))).filter((t): t is string => t !== null);
}

/**
 * Times every request into relm_http_request_duration_seconds, labelled by its route template
 * (`/releases/[key]`), so the series stay bounded whatever paths clients send.
 */
export function requestTimer(
  root: string,
): (req: { method?: string; url?: string }, res: { statusCode: number; once(event: 'finish', cb: () => void): unknown }) => void {
  const route = routeMatcher(appRouteTemplates(root));
  const { httpDuration } = relmRegistry();
  return (req, res) => {
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      httpDuration.observe({ method: (req.method ?? 'GET').slice(0, 10), route: route(req.url ?? '/'), status: String(res.statusCode) }, seconds);
    });
  };
}
