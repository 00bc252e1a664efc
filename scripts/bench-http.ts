// npm run bench -- --http [--embedded] — the pages people open, measured over HTTP
// against the production build (.next: run `npx next build` first; this builds
// nothing). For each size in BENCH_SIZES it fills a scratch database (on top of the
// seeded demo organisation, scripts/bench-fill.ts), starts the built server on it
// (scripts/start.ts, with RELM_DIAGNOSTICS=1), signs in as the demo release manager,
// approver, operations and admin through next-auth's credentials flow, and prints per
// route: HTTP status, SQL statements per request (median of a few, read from
// /api/internal/diagnostics), single-client p50/p95, p50/p95 and requests/second at
// BENCH_CONCURRENCY clients. Then the comparison across sizes, the routes that miss
// issue 12's targets (flagged, nothing fails) and first-load JS per page. Results also
// go to bench-results/http-<timestamp>.json.
//
//   BENCH_SIZES=1000,100000   releases per round (the database is topped up between rounds)
//   BENCH_AUDIT=1000000       audit events at the largest size (smaller sizes in proportion),
//                             or one figure per size: BENCH_AUDIT=10000,1000000
//   BENCH_CONCURRENCY=8       clients in the concurrent phase
//   BENCH_REQUESTS=40         requests per route in the concurrent phase (at most BENCH_SECONDS)
//   BENCH_SINGLE=20           sequential requests per route for the single-client figures
//   BENCH_SECONDS=5           time cap per phase per route
//   BENCH_DATABASE_URL        PostgreSQL server for the scratch database (default
//                             postgresql://postgres@127.0.0.1:5432/postgres); dropped afterwards
//   --embedded                the embedded database instead (PGlite in a temp folder)
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { releaseKey } from '@/lib/domain/release-key';
import { RELEASE_PARTS, releaseHref } from '@/lib/domain/release-parts';
import { fillTo, type FillResult, type SqlRunner } from './bench-fill';
import { prepare, scratchDatabase, startServer, type Server } from './bench-server';
import { Jar } from './cookie-jar';
import { firstLoadJs, printFirstLoadJs, type FirstLoadRow } from './first-load-js';

const root = path.resolve(__dirname, '..');
const numbers = (v: string | undefined, fallback: number[]) =>
  v?.trim()
    ? v
        .split(',')
        .map((s) => Number(s.replace(/[_\s]/g, '')))
        .filter((n) => Number.isFinite(n) && n > 0)
    : fallback;
const SIZES = numbers(process.env.BENCH_SIZES, [1000, 100_000]).sort((a, b) => a - b);
const AUDIT_SETTING = numbers(process.env.BENCH_AUDIT, [1_000_000]);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 40);
const SINGLE = Number(process.env.BENCH_SINGLE ?? 20);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const SQL_SAMPLES = 3;
const REQUEST_TIMEOUT_MS = 180_000;
/** A route whose warm-up request takes longer gets the fewest samples that still say something. */
const SLOW_MS = 2000;
const EMBEDDED = process.argv.includes('--embedded');
/** measure only the routes whose name or path matches (e.g. BENCH_ROUTES='schedule|calendar') */
const ROUTE_FILTER = process.env.BENCH_ROUTES?.trim() ? new RegExp(process.env.BENCH_ROUTES.trim(), 'i') : null;
/** PostgreSQL only: keep the scratch database at the end (its name is printed), or reuse a kept one */
const KEEP = process.env.BENCH_KEEP === '1';
const REUSE = process.env.BENCH_REUSE?.trim() || '';
const PASSWORD = 'relm-demo-password';

// issue 12's targets
const TARGET = { releaseSql: 40, releaseP95Ms: 150, ratio: 1.5, throughputShare: 0.25, saveP95Ms: 300 };

const auditFor = (size: number) => {
  const i = SIZES.indexOf(size);
  if (AUDIT_SETTING.length === SIZES.length) return AUDIT_SETTING[i]!;
  return Math.round((AUDIT_SETTING[AUDIT_SETTING.length - 1]! * size) / SIZES[SIZES.length - 1]!);
};

type Role = 'anonymous' | 'manager' | 'approver' | 'operations' | 'admin' | 'token';
const LOGINS: Record<Exclude<Role, 'anonymous' | 'token'>, string> = {
  manager: 'manager@relm.test',
  approver: 'approver@relm.test',
  operations: 'ops@relm.test',
  admin: 'admin@relm.test',
};

interface RouteSpec {
  name: string;
  path: string;
  role: Role;
  /** the release overview or one of its parts: held to the page targets */
  releasePage?: boolean;
  /** the floor every route's throughput is compared with */
  floor?: boolean;
}

interface Phase {
  n: number;
  p50: number;
  p95: number;
  rps: number;
  errors: number;
}
interface RouteResult {
  name: string;
  path: string;
  role: Role;
  status: number;
  bytes: number;
  sql: number | null;
  single: Phase;
  concurrent: Phase;
}
interface SizeResult {
  size: number;
  fill: FillResult;
  releaseKey: string;
  routes: RouteResult[];
  /** /sign-in measured again after the other routes: the machine is shared, so the floor is the mean of both */
  floorAgain?: RouteResult;
  /** saving the back-out plan part through its form, as a browser without JavaScript posts it */
  save?: SaveResult;
}

interface SaveResult {
  path: string;
  n: number;
  errors: number;
  p50: number;
  p95: number;
  sql: number | null;
}

// ---------------------------------------------------------------- HTTP

/** next-auth's credentials flow, as the browser runs it: CSRF token, then the callback. */
async function signIn(base: string, email: string): Promise<Jar> {
  const jar = new Jar();
  const csrf = await fetch(`${base}/api/auth/csrf`);
  jar.take(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: jar.header() },
    body: new URLSearchParams({ csrfToken, email, password: PASSWORD, callbackUrl: `${base}/` }).toString(),
  });
  jar.take(res);
  await res.arrayBuffer();
  if (!jar.has('authjs.session-token')) throw new Error(`signing in as ${email} failed (HTTP ${res.status}, ${res.headers.get('location') ?? 'no redirect'})`);
  // the session is good: the dashboard answers instead of sending us to /sign-in
  const check = await fetch(`${base}/`, { redirect: 'manual', headers: { cookie: jar.header() } });
  await check.arrayBuffer();
  if (check.status !== 200) throw new Error(`signed in as ${email}, but / answered ${check.status}`);
  return jar;
}

type Headers = Record<string, string>;

async function request(base: string, route: RouteSpec, headers: Headers): Promise<{ ms: number; status: number; bytes: number }> {
  const t = performance.now();
  const res = await fetch(base + route.path, { redirect: 'manual', headers, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  const body = await res.arrayBuffer();
  // A streamed page answers 200 before its parts render; a part that then fails is sent as an
  // error boundary (React's $RX / data-dgst markers). Such a page failed: count it as an error.
  const failed = res.status === 200 && /\$RX\(|data-dgst=/.test(Buffer.from(body).toString('latin1'));
  return { ms: performance.now() - t, status: failed ? 599 : res.status, bytes: body.byteLength };
}

const pct = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * p) - 1)]! : NaN);
function phase(samples: number[], errors: number, seconds: number): Phase {
  const s = [...samples].sort((a, b) => a - b);
  return { n: s.length, p50: pct(s, 0.5), p95: pct(s, 0.95), rps: s.length / seconds, errors };
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function sqlCount(base: string): Promise<number> {
  const r = await fetch(`${base}/api/internal/diagnostics`);
  return ((await r.json()) as { sqlStatements: number }).sqlStatements;
}

async function measure(base: string, route: RouteSpec, headers: Headers): Promise<RouteResult> {
  // warm-up (first render of a page compiles nothing in production, but fills caches)
  let first = await request(base, route, headers);
  const slow = first.ms > SLOW_MS;
  if (!slow) first = await request(base, route, headers);
  const ok = (s: number) => s === first.status;

  const sql: number[] = [];
  for (let i = 0; i < (slow ? 1 : SQL_SAMPLES); i++) {
    const before = await sqlCount(base);
    await request(base, route, headers);
    sql.push((await sqlCount(base)) - before);
  }

  const single: number[] = [];
  let singleErrors = 0;
  let t = performance.now();
  while (single.length < SINGLE && (single.length < (slow ? 3 : 5) || performance.now() - t < SECONDS * 1000)) {
    const r = await request(base, route, headers);
    single.push(r.ms);
    if (!ok(r.status)) singleErrors++;
  }
  const singlePhase = phase(single, singleErrors, (performance.now() - t) / 1000);

  const concurrent: number[] = [];
  let errors = 0;
  let started = 0;
  t = performance.now();
  const worker = async () => {
    while (started < REQUESTS && (started < CONCURRENCY * (slow ? 1 : 2) || performance.now() - t < SECONDS * 1000)) {
      started++;
      try {
        const r = await request(base, route, headers);
        concurrent.push(r.ms);
        if (!ok(r.status)) errors++;
      } catch {
        errors++;
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const concurrentPhase = phase(concurrent, errors, (performance.now() - t) / 1000);
  return {
    name: route.name,
    path: route.path,
    role: route.role,
    status: first.status,
    bytes: first.bytes,
    sql: median(sql),
    single: singlePhase,
    concurrent: concurrentPhase,
  };
}

// ---------------------------------------------------------------- a save

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", '#x27': "'", '#39': "'" };
const unescapeHtml = (v: string) => v.replace(/&(amp|lt|gt|quot|apos|#x27|#39);/g, (_, e: string) => ENTITIES[e]!);
const attr = (tag: string, name: string) => {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return m ? unescapeHtml(m[1]!) : null;
};

/**
 * The fields of the page's form that holds `field`, as the browser would submit them (the
 * progressive-enhancement fields React renders for a server action included): inputs,
 * textareas, and each select's selected option.
 */
function formFields(html: string, field: string): [string, string][] | null {
  for (const form of html.match(/<form[^>]*>[\s\S]*?<\/form>/g) ?? []) {
    if (!form.includes(`name="${field}"`)) continue;
    const out: [string, string][] = [];
    for (const m of form.matchAll(/<input\b[^>]*>|<textarea\b([^>]*)>([\s\S]*?)<\/textarea>|<select\b([^>]*)>([\s\S]*?)<\/select>/g)) {
      const tag = m[0];
      if (tag.startsWith('<input')) {
        const name = attr(tag, 'name');
        const type = attr(tag, 'type') ?? 'text';
        if (!name || type === 'submit' || type === 'button' || ((type === 'checkbox' || type === 'radio') && !/\schecked(=|\s|>)/.test(tag))) continue;
        out.push([name, attr(tag, 'value') ?? '']);
      } else if (tag.startsWith('<textarea')) {
        const name = attr(`<t ${m[1]}>`, 'name');
        if (name) out.push([name, unescapeHtml(m[2]!.replace(/^\n/, ''))]);
      } else {
        const name = attr(`<s ${m[3]}>`, 'name');
        const options = [...m[4]!.matchAll(/<option\b([^>]*)>([\s\S]*?)<\/option>/g)];
        const chosen = options.find((o) => /\sselected(=|\s|$)/.test(o[1]!)) ?? options[0];
        if (name && chosen) out.push([name, attr(`<o ${chosen[1]}>`, 'value') ?? unescapeHtml(chosen[2]!)]);
      }
    }
    return out;
  }
  return null;
}

/**
 * Saves the back-out plan of the release again and again, changing its expected duration by
 * a minute each time: the form is posted as a browser without JavaScript posts it, so the
 * server runs the action and renders the part in one request (its whole server time).
 */
async function measureSave(base: string, key: string, headers: Headers, count = Math.min(SINGLE, 10)): Promise<SaveResult> {
  const path = `${releaseHref(key, 'backout')}`;
  let html = await (await fetch(base + path, { headers })).text();
  const times: number[] = [];
  const sql: number[] = [];
  let errors = 0;
  for (let i = 0; i < count + 1; i++) {
    const fields = formFields(html, 'expectedDurationMinutes');
    if (!fields) throw new Error(`no back-out plan form on ${path}: the benchmark release cannot have its plan edited`);
    const body = new FormData();
    let minutes = '';
    for (const [k, v] of fields) {
      if (k === 'expectedDurationMinutes') {
        minutes = String(((Number(v) || 30) % 240) + 1);
        body.append(k, minutes);
      } else body.append(k, v);
    }
    const before = await sqlCount(base);
    const t = performance.now();
    const res = await fetch(base + path, { method: 'POST', body, headers, redirect: 'manual', signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    html = await res.text();
    const ms = performance.now() - t;
    const after = await sqlCount(base);
    const saved = res.status === 200 && new RegExp(`name="expectedDurationMinutes"[^>]*value="${minutes}"`).test(html);
    if (i === 0) continue; // warm-up
    times.push(ms);
    sql.push(after - before);
    if (!saved) {
      errors++;
      html = await (await fetch(base + path, { headers })).text();
    }
  }
  const sorted = [...times].sort((a, b) => a - b);
  return { path: `POST ${path}`, n: times.length, errors, p50: pct(sorted, 0.5), p95: pct(sorted, 0.95), sql: sql.length ? median(sql) : null };
}

// ---------------------------------------------------------------- the run

async function benchData(runner: SqlRunner) {
  // a release with a rich state: scheduled, sealed package, approvals, windows; the
  // seeded ones carry plans, risks and back-out plans too
  const rows = await runner.query<{ number: number }>(`
    SELECT r.number FROM "Release" r
    WHERE r.status = 'scheduled'
      AND EXISTS (SELECT 1 FROM "Approval" a WHERE a."releaseId" = r.id)
      AND EXISTS (SELECT 1 FROM "ReleaseEnvironment" e WHERE e."releaseId" = r.id AND e."scheduledStart" IS NOT NULL)
      AND EXISTS (SELECT 1 FROM "ReleasePackage" p JOIN "PackageItem" i ON i."packageId" = p.id WHERE p."releaseId" = r.id AND p."sealedDigest" IS NOT NULL)
    ORDER BY (r.id LIKE 'bench-%'),
      (SELECT count(*) FROM "PlanTask" t WHERE t."releaseId" = r.id) + (SELECT count(*) FROM "Risk" k WHERE k."releaseId" = r.id) DESC, r.number
    LIMIT 1`);
  if (!rows[0]) throw new Error('no scheduled release with a package, approvals and windows to measure');
  // the cursor a client following links.next holds half-way through the list (newest first)
  const [middle] = await runner.query<{ number: number }>(
    `SELECT number FROM "Release" ORDER BY number DESC OFFSET (SELECT count(*) / 2 FROM "Release") LIMIT 1`,
  );
  const deepCursor = Buffer.from(JSON.stringify({ s: 'newest', r: 0, p: null, n: middle?.number ?? 1 })).toString('base64url');
  return { key: releaseKey(rows[0].number), deepCursor };
}

/** An API token for the demo release manager, written straight into the database (as tests/support/factories.ts does). */
async function createToken(runner: SqlRunner): Promise<string> {
  const b62 = (n: number) => {
    const A = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
    return Array.from(crypto.randomBytes(n), (b) => A[b % 62]).join('');
  };
  const prefix = b62(8);
  const token = `relm_${prefix}_${b62(43)}`;
  const hash = crypto.createHash('sha256').update(token, 'utf8').digest('hex');
  await runner.query(
    `INSERT INTO "ApiToken" (id, "userId", name, prefix, "tokenHash", scopes, "createdAt")
     SELECT 'bench-token-' || $1::text, id, 'http benchmark', $2, $3, ARRAY['*'], now() FROM "User" WHERE email = 'manager@relm.test'`,
    [crypto.randomBytes(6).toString('hex'), prefix, hash],
  );
  return token;
}

function routes(key: string, releases: number, deepCursor: string): RouteSpec[] {
  const deepPage = Math.max(1, Math.floor(releases / 25 / 2));
  return [
    { name: 'sign-in (floor)', path: '/sign-in', role: 'anonymous', floor: true },
    { name: 'releases list', path: '/releases', role: 'manager' },
    { name: 'releases search', path: '/releases?q=checkout', role: 'manager' },
    ...RELEASE_PARTS.map((p) => ({ name: `release ${p.part}`, path: releaseHref(key, p.part), role: 'manager' as Role, releasePage: true })),
    { name: 'dashboard (manager)', path: '/', role: 'manager' },
    { name: 'dashboard (approver)', path: '/', role: 'approver' },
    { name: 'dashboard (operations)', path: '/', role: 'operations' },
    { name: 'approvals', path: '/approvals', role: 'approver' },
    { name: 'calendar', path: '/calendar', role: 'manager' },
    { name: 'timeline', path: '/timeline', role: 'manager' },
    { name: 'calendar.ics', path: '/api/v1/calendar.ics', role: 'token' },
    { name: 'insights (delivery metrics)', path: '/insights', role: 'manager' },
    { name: 'API metrics/dora', path: '/api/v1/metrics/dora', role: 'token' },
    { name: 'environments', path: '/environments', role: 'operations' },
    { name: 'admin audit', path: '/admin/audit', role: 'admin' },
    { name: 'API releases p1', path: '/api/v1/releases', role: 'token' },
    // half-way through the list: by cursor (as links.next pages), and by page number (OFFSET)
    { name: 'API releases deep cursor', path: `/api/v1/releases?cursor=${deepCursor}`, role: 'token' },
    { name: `API releases deep page`, path: `/api/v1/releases?page=${deepPage}`, role: 'token' },
    { name: 'API releases status', path: '/api/v1/releases?status=submitted', role: 'token' },
    { name: 'API releases q', path: '/api/v1/releases?q=checkout', role: 'token' },
  ];
}

const f1 = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '–');
const f0 = (n: number) => (Number.isFinite(n) ? n.toFixed(0) : '–');

function printSize(r: SizeResult) {
  console.log(
    `\n${r.size.toLocaleString('en')} releases, ${r.fill.auditEvents.toLocaleString('en')} audit events — release pages on ${r.releaseKey}; ` +
      `single client, then ${CONCURRENCY} clients (ms)`,
  );
  console.log(
    `${'route'.padEnd(26)} ${'path'.padEnd(36)} ${'HTTP'.padStart(4)} ${'SQL'.padStart(4)} ${'1c p50'.padStart(7)} ${'1c p95'.padStart(7)} ` +
      `${`${CONCURRENCY}c p50`.padStart(7)} ${`${CONCURRENCY}c p95`.padStart(7)} ${'req/s'.padStart(6)}`,
  );
  for (const x of r.routes) {
    const p = x.path.length > 36 ? `${x.path.slice(0, 35)}…` : x.path;
    console.log(
      `${x.name.padEnd(26)} ${p.padEnd(36)} ${String(x.status).padStart(4)} ${(x.sql === null ? '–' : String(x.sql)).padStart(4)} ` +
        `${f1(x.single.p50).padStart(7)} ${f1(x.single.p95).padStart(7)} ${f1(x.concurrent.p50).padStart(7)} ${f1(x.concurrent.p95).padStart(7)} ` +
        `${f1(x.concurrent.rps).padStart(6)}${x.single.errors + x.concurrent.errors ? `  (${x.single.errors + x.concurrent.errors} errors)` : ''}`,
    );
  }
  if (r.save) {
    const x = r.save;
    const p = x.path.length > 36 ? `${x.path.slice(0, 35)}…` : x.path;
    console.log(
      `${'save back-out plan'.padEnd(26)} ${p.padEnd(36)} ${'form'.padStart(4)} ${String(x.sql ?? '–').padStart(4)} ${f1(x.p50).padStart(7)} ${f1(x.p95).padStart(7)}` +
        `${x.errors ? `  (${x.errors} of ${x.n} failed)` : ''}${x.p95 > TARGET.saveP95Ms ? `  ! p95 > ${TARGET.saveP95Ms} ms` : ''}`,
    );
  }
  if (r.floorAgain) {
    const x = r.floorAgain;
    console.log(
      `${'sign-in, measured again'.padEnd(26)} ${x.path.padEnd(36)} ${String(x.status).padStart(4)} ${String(x.sql ?? '–').padStart(4)} ` +
        `${f1(x.single.p50).padStart(7)} ${f1(x.single.p95).padStart(7)} ${f1(x.concurrent.p50).padStart(7)} ${f1(x.concurrent.p95).padStart(7)} ${f1(x.concurrent.rps).padStart(6)}`,
    );
  }
}

interface Summary {
  name: string;
  path: string;
  status: number;
  sql: number | null;
  singleP95: number;
  ratioSingleP95: number;
  ratioConcurrentP95: number;
  throughputShare: number;
  flags: string[];
}

function summarize(results: SizeResult[], specs: RouteSpec[]): Summary[] {
  const first = results[0]!;
  const last = results[results.length - 1]!;
  const floor = last.routes.find((r) => specs.find((s) => s.name === r.name)?.floor);
  const floorRps = floor ? (floor.concurrent.rps + (last.floorAgain?.concurrent.rps ?? floor.concurrent.rps)) / 2 : NaN;
  return last.routes.map((r) => {
    const spec = specs.find((s) => s.name === r.name)!;
    const small = first.routes.find((x) => x.name === r.name);
    const ratioSingle = small && results.length > 1 ? r.single.p95 / small.single.p95 : NaN;
    const ratioConc = small && results.length > 1 ? r.concurrent.p95 / small.concurrent.p95 : NaN;
    const share = r.concurrent.rps / floorRps;
    const flags: string[] = [];
    if (r.status >= 300) {
      // a page that is not there (yet) has no speed worth comparing
      flags.push(`HTTP ${r.status}`);
      return {
        name: r.name,
        path: r.path,
        status: r.status,
        sql: r.sql,
        singleP95: r.single.p95,
        ratioSingleP95: ratioSingle,
        ratioConcurrentP95: ratioConc,
        throughputShare: share,
        flags,
      };
    }
    if (spec.releasePage && r.sql !== null && r.sql > TARGET.releaseSql) flags.push(`SQL ${r.sql} > ${TARGET.releaseSql}`);
    if (spec.releasePage && r.single.p95 > TARGET.releaseP95Ms) flags.push(`p95 ${f0(r.single.p95)} ms > ${TARGET.releaseP95Ms}`);
    if (!spec.floor && results.length > 1 && ratioSingle > TARGET.ratio) flags.push(`ratio ${ratioSingle.toFixed(2)} > ${TARGET.ratio}`);
    if (!spec.floor && share < TARGET.throughputShare) flags.push(`throughput ${(share * 100).toFixed(0)} % < ${TARGET.throughputShare * 100} %`);
    return {
      name: r.name,
      path: r.path,
      status: r.status,
      sql: r.sql,
      singleP95: r.single.p95,
      ratioSingleP95: ratioSingle,
      ratioConcurrentP95: ratioConc,
      throughputShare: share,
      flags,
    };
  });
}

function printSummary(results: SizeResult[], rows: Summary[]) {
  if (results.length === 1) console.log('\nOne size only: no ratios across sizes (give BENCH_SIZES two or more sizes).');
  const a = results[0]!.size.toLocaleString('en');
  const b = results[results.length - 1]!.size.toLocaleString('en');
  console.log(
    `\nAcross sizes: p95(${b}) / p95(${a}), single client and ${CONCURRENCY} clients; throughput as a share of /sign-in's at ${b} (the mean of its two measurements). ` +
      `Targets: release pages ≤ ${TARGET.releaseSql} SQL and single-client p95 ≤ ${TARGET.releaseP95Ms} ms; ratio ≤ ${TARGET.ratio}; throughput ≥ ${TARGET.throughputShare * 100} %.`,
  );
  // /sign-in does not touch the database: its own ratio (the mean of its two measurements
  // per round) is how much busier the machine was during the last round, and "÷ floor"
  // takes that out (the flags use the plain ratio)
  const floorP95 = (r: SizeResult) => {
    const floor = r.routes[0]!;
    return (floor.single.p95 + (r.floorAgain?.single.p95 ?? floor.single.p95)) / 2;
  };
  const floorRatio = results.length > 1 ? floorP95(results[results.length - 1]!) / floorP95(results[0]!) : NaN;
  const f2 = (n: number) => (Number.isFinite(n) ? n.toFixed(2) : '–');
  console.log(`${'route'.padEnd(26)} ${'1c ratio'.padStart(8)} ${'÷ floor'.padStart(8)} ${`${CONCURRENCY}c ratio`.padStart(8)} ${'share'.padStart(6)}  flags`);
  for (const r of rows) {
    console.log(
      `${r.name.padEnd(26)} ${f2(r.ratioSingleP95).padStart(8)} ${f2(r.ratioSingleP95 / floorRatio).padStart(8)} ${f2(r.ratioConcurrentP95).padStart(8)} ` +
        `${`${f0(r.throughputShare * 100)} %`.padStart(6)}  ${r.flags.length ? `! ${r.flags.join('; ')}` : 'ok'}`,
    );
  }
}

async function main() {
  if (!fs.existsSync(path.join(root, '.next', 'BUILD_ID'))) {
    console.error('No production build: run `npx next build` first (the HTTP benchmark measures the build, it does not make one).');
    process.exit(1);
  }
  const started = new Date();
  let firstLoad: FirstLoadRow[] = [];
  try {
    firstLoad = firstLoadJs(root);
  } catch (err) {
    console.warn(`first-load JS not measured: ${err instanceof Error ? err.message : String(err)}`);
  }

  const scratch = await scratchDatabase({ prefix: 'bench_http', embedded: EMBEDDED, reuse: REUSE, keep: KEEP });
  console.log(`HTTP benchmark on ${scratch.describe}; sizes ${SIZES.join(', ')}; ${CONCURRENCY} clients`);
  const results: SizeResult[] = [];
  let specs: RouteSpec[] = [];
  let server: Server | undefined;
  const stopAll = async () => {
    await server?.stop().catch(() => undefined);
    server = undefined;
  };
  process.on('SIGINT', () => {
    void stopAll()
      .then(() => scratch.drop())
      .finally(() => process.exit(130));
  });
  try {
    console.log('preparing the database (migrations, demo organisation)…');
    prepare(scratch);
    let token = '';
    for (const size of SIZES) {
      const audit = auditFor(size);
      console.log(`\nfilling to ${size.toLocaleString('en')} releases and ${audit.toLocaleString('en')} audit events…`);
      const conn = await scratch.connect();
      let fill: FillResult;
      let key: string;
      let deepCursor: string;
      try {
        fill = await fillTo(conn.runner, { releases: size, auditEvents: audit });
        if (!token) token = await createToken(conn.runner);
        ({ key, deepCursor } = await benchData(conn.runner));
      } finally {
        await conn.close();
      }
      console.log(
        `  +${fill.addedReleases.toLocaleString('en')} releases in ${fill.releaseSeconds.toFixed(1)} s, ` +
          `+${fill.addedAuditEvents.toLocaleString('en')} audit events in ${fill.auditSeconds.toFixed(1)} s, VACUUM ANALYZE ${fill.analyzeSeconds.toFixed(1)} s`,
      );
      console.log('starting the server…');
      server = await startServer(scratch, { env: { RELM_DIAGNOSTICS: '1' } });
      const diag = await fetch(`${server.base}/api/internal/diagnostics`);
      await diag.arrayBuffer();
      if (diag.status !== 200) throw new Error(`/api/internal/diagnostics answered ${diag.status}: the build predates it. Run \`npx next build\` again.`);
      const jars: Partial<Record<Role, Jar>> = {};
      for (const [role, email] of Object.entries(LOGINS) as [keyof typeof LOGINS, string][]) jars[role] = await signIn(server.base, email);
      const headersFor = (role: Role): Headers =>
        role === 'anonymous' ? {} : role === 'token' ? { authorization: `Bearer ${token}` } : { cookie: jars[role]!.header() };
      specs = routes(key, fill.releases, deepCursor).filter((r) => r.floor || !ROUTE_FILTER || ROUTE_FILTER.test(r.name) || ROUTE_FILTER.test(r.path));
      const measured: RouteResult[] = [];
      for (const spec of specs) {
        process.stdout.write(`  ${spec.name}…`.padEnd(32));
        const r = await measure(server.base, spec, headersFor(spec.role));
        process.stdout.write(`HTTP ${r.status}, ${r.sql} SQL, 1c p95 ${f1(r.single.p95)} ms, ${f1(r.concurrent.rps)} req/s\n`);
        measured.push(r);
      }
      process.stdout.write(`  save back-out plan…`.padEnd(32));
      let save: SaveResult | undefined;
      try {
        save = await measureSave(server.base, key, headersFor('manager'));
        process.stdout.write(`${save.sql} SQL, p95 ${f1(save.p95)} ms${save.errors ? `, ${save.errors} errors` : ''}\n`);
      } catch (err) {
        process.stdout.write(`not measured: ${err instanceof Error ? err.message : String(err)}\n`);
      }
      const floorSpec = specs.find((x) => x.floor)!;
      process.stdout.write(`  ${floorSpec.name}, again…`.padEnd(32));
      const floorAgain = await measure(server.base, floorSpec, {});
      process.stdout.write(`HTTP ${floorAgain.status}, 1c p95 ${f1(floorAgain.single.p95)} ms, ${f1(floorAgain.concurrent.rps)} req/s\n`);
      await server.stop();
      server = undefined;
      const result = { size, fill, releaseKey: key, routes: measured, floorAgain, save };
      results.push(result);
      printSize(result);
    }
  } finally {
    await stopAll();
    await scratch.drop().catch((err: unknown) => console.warn('dropping the scratch database failed', err));
  }

  console.log('\n==================== results ====================');
  for (const r of results) printSize(r);
  const summary = summarize(results, specs);
  printSummary(results, summary);
  if (firstLoad.length) {
    console.log('');
    printFirstLoadJs(firstLoad);
  }
  const dir = path.join(root, 'bench-results');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `http-${started.toISOString().replace(/[:.]/g, '-')}.json`);
  fs.writeFileSync(
    file,
    JSON.stringify(
      {
        startedAt: started.toISOString(),
        database: EMBEDDED ? 'embedded' : 'postgresql',
        settings: { sizes: SIZES, audit: SIZES.map(auditFor), concurrency: CONCURRENCY, requests: REQUESTS, single: SINGLE, seconds: SECONDS },
        machine: { cpus: os.cpus().length, node: process.version },
        targets: TARGET,
        results,
        summary,
        firstLoadJs: firstLoad,
      },
      null,
      2,
    ),
  );
  console.log(`\nresults written to ${path.relative(root, file)}`);
  process.exit(0);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
