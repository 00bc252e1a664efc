// npx tsx scripts/first-load-js.ts — first-load JavaScript per page of the production
// build (.next), gzip-compressed, the way `next build` used to print "First Load JS".
//
// Next 16 (Turbopack) no longer prints sizes; it writes .next/diagnostics/route-bundle-stats.json
// instead: per app route, the chunks a first visit loads (the page's and its layouts'
// entry chunks from the client reference manifest, plus the root main files of the
// build manifest). We gzip each of those chunks (level 9, as the old build output did)
// and add them up. Without that file, the same union is computed from the manifests.
// kB here is 1,000 bytes. Pages above BUDGET_KB are flagged, nothing fails.
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import zlib from 'node:zlib';

export const FIRST_LOAD_BUDGET_KB = 180;

export interface FirstLoadRow {
  route: string;
  chunks: number;
  rawBytes: number;
  gzipBytes: number;
  overBudget: boolean;
}

interface RouteBundleStat {
  route: string;
  firstLoadChunkPaths: string[];
}

/** Chunk lists per route: Next's own diagnostics file, else rebuilt from the manifests. */
function routeChunks(root: string, distDir: string): RouteBundleStat[] {
  const stats = path.join(distDir, 'diagnostics', 'route-bundle-stats.json');
  if (fs.existsSync(stats)) {
    const rows = JSON.parse(fs.readFileSync(stats, 'utf8')) as RouteBundleStat[];
    return rows.map((r) => ({ route: r.route, firstLoadChunkPaths: r.firstLoadChunkPaths.map((p) => path.resolve(root, p)) }));
  }
  const buildManifest = JSON.parse(fs.readFileSync(path.join(distDir, 'build-manifest.json'), 'utf8')) as { rootMainFiles?: string[] };
  const appPaths = JSON.parse(fs.readFileSync(path.join(distDir, 'server', 'app-paths-manifest.json'), 'utf8')) as Record<string, string>;
  const shared = (buildManifest.rootMainFiles ?? []).filter((f) => f.endsWith('.js'));
  const out: RouteBundleStat[] = [];
  for (const appPath of Object.keys(appPaths)) {
    if (!appPath.endsWith('/page')) continue;
    const file = path.join(distDir, 'server', 'app', `${appPath}_client-reference-manifest.js`);
    if (!fs.existsSync(file)) continue;
    // the manifest is a script that assigns globalThis.__RSC_MANIFEST[appPath]
    const sandbox: { globalThis?: unknown; __RSC_MANIFEST?: Record<string, { entryJSFiles?: Record<string, string[]> }> } = {};
    sandbox.globalThis = sandbox;
    vm.runInNewContext(fs.readFileSync(file, 'utf8'), sandbox);
    const entry = sandbox.__RSC_MANIFEST?.[appPath];
    if (!entry?.entryJSFiles) continue;
    const files = [...new Set([...Object.values(entry.entryJSFiles).flat(), ...shared])].filter((f) => f.endsWith('.js'));
    // "/(app)/releases/[key]/page" → "/releases/[key]"
    const route = appPath.replace(/\/page$/, '').replace(/\/\([^/]+\)/g, '') || '/';
    out.push({ route, firstLoadChunkPaths: files.map((f) => path.join(distDir, f)) });
  }
  return out;
}

/** First-load JS per app page of the build in `root`/.next, largest first. */
export function firstLoadJs(root = process.cwd()): FirstLoadRow[] {
  const distDir = path.join(root, '.next');
  if (!fs.existsSync(path.join(distDir, 'BUILD_ID'))) throw new Error(`No production build in ${distDir}: run \`npx next build\` first.`);
  const gz = new Map<string, { raw: number; gzip: number }>();
  const size = (file: string) => {
    let s = gz.get(file);
    if (!s) {
      const bytes = fs.existsSync(file) ? fs.readFileSync(file) : Buffer.alloc(0);
      s = { raw: bytes.length, gzip: bytes.length ? zlib.gzipSync(bytes, { level: 9 }).length : 0 };
      gz.set(file, s);
    }
    return s;
  };
  return routeChunks(root, distDir)
    .filter((r) => !r.route.startsWith('/_'))
    .map((r) => {
      const sizes = r.firstLoadChunkPaths.map(size);
      const gzipBytes = sizes.reduce((n, s) => n + s.gzip, 0);
      return {
        route: r.route,
        chunks: r.firstLoadChunkPaths.length,
        rawBytes: sizes.reduce((n, s) => n + s.raw, 0),
        gzipBytes,
        overBudget: gzipBytes > FIRST_LOAD_BUDGET_KB * 1000,
      };
    })
    .sort((a, b) => b.gzipBytes - a.gzipBytes || a.route.localeCompare(b.route));
}

export function printFirstLoadJs(rows: FirstLoadRow[]): void {
  const kb = (n: number) => (n / 1000).toFixed(1);
  console.log(`First-load JS per page (gzip, kB = 1,000 bytes; flagged above ${FIRST_LOAD_BUDGET_KB} kB)`);
  console.log(`${'page'.padEnd(36)} ${'gzip kB'.padStart(8)} ${'raw kB'.padStart(8)} ${'chunks'.padStart(6)}`);
  for (const r of rows) {
    console.log(
      `${r.route.padEnd(36)} ${kb(r.gzipBytes).padStart(8)} ${kb(r.rawBytes).padStart(8)} ${String(r.chunks).padStart(6)}${r.overBudget ? `   ! over ${FIRST_LOAD_BUDGET_KB} kB` : ''}`,
    );
  }
}

if (require.main === module) {
  try {
    const rows = firstLoadJs();
    printFirstLoadJs(rows);
    if (process.argv.includes('--json')) console.log(JSON.stringify(rows, null, 2));
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  }
}
