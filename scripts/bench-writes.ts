// npm run bench:writes [-- --embedded] — write throughput over HTTP: `POST /api/v1/builds`
// (what pipelines call) at several concurrencies against the production build (.next: run
// `npx next build` first; this builds nothing). It prepares a scratch database with the demo
// organisation (scripts/prepare.ts), starts the built server on it (scripts/start.ts), gives
// the demo release manager an API token scoped to build.record, then for each concurrency
// posts builds, each with a version of its own, for BENCH_SECONDS and prints requests/second,
// p50/p95 latency and the errors. Every request writes two audit events (token.use and
// build.record): the figure is how fast audited writes go (issue 17, decision 062). Results
// also go to bench-results/writes-<timestamp>.json.
//
//   BENCH_WRITE_CONCURRENCY=8,32   clients per phase
//   BENCH_SECONDS=5                length of each phase
//   BENCH_WARM_UP_SECONDS=3        writes before the first phase, not measured (V8 compiles the hot code)
//   BENCH_REPLICAS=1               Relm processes on the one database (PostgreSQL only), the
//                                  clients spread over them in turn, as behind a load balancer
//   BENCH_PORT                     the (first) server's port (default: a free one)
//   BENCH_DATABASE_URL             PostgreSQL server for the scratch database (default
//                                  postgresql://postgres@127.0.0.1:5432/postgres); dropped afterwards
//   --embedded                     the embedded database instead (PGlite in a temp folder)
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { SqlRunner } from '@/lib/server/migrate';
import { prepare, scratchDatabase, startServer, type Scratch, type Server } from './bench-server';

const root = path.resolve(__dirname, '..');
const CONCURRENCIES = (process.env.BENCH_WRITE_CONCURRENCY?.trim() || '8,32')
  .split(',')
  .map(Number)
  .filter((n) => Number.isInteger(n) && n > 0);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const EMBEDDED = process.argv.includes('--embedded');
const REPLICAS = EMBEDDED ? 1 : Math.max(1, Math.min(8, Math.trunc(Number(process.env.BENCH_REPLICAS ?? 1)) || 1));
/** Seconds of writes at the first phase's concurrency before measuring: V8 compiles the hot code first (the first phase measured the compiler). */
const WARM_UP_SECONDS = Number(process.env.BENCH_WARM_UP_SECONDS ?? 3);

/** A token of the demo release manager, scoped to build.record, written straight into the database. */
async function createToken(runner: SqlRunner): Promise<{ token: string; component: string }> {
  const b62 = (n: number) => {
    const A = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
    return Array.from(crypto.randomBytes(n), (b) => A[b % 62]).join('');
  };
  const prefix = b62(8);
  const token = `relm_${prefix}_${b62(43)}`;
  const hash = crypto.createHash('sha256').update(token, 'utf8').digest('hex');
  await runner.query(
    `INSERT INTO "ApiToken" (id, "userId", name, prefix, "tokenHash", scopes, "createdAt")
     SELECT 'bench-writes-' || $1::text, id, 'write benchmark', $2, $3, ARRAY['build.record'], now() FROM "User" WHERE email = 'manager@relm.test'`,
    [crypto.randomBytes(6).toString('hex'), prefix, hash],
  );
  const [component] = await runner.query<{ name: string }>(`SELECT name FROM "Component" ORDER BY name LIMIT 1`);
  if (!component) throw new Error('the demo organisation has no component to record builds of');
  return { token, component: component.name };
}

interface Phase {
  concurrency: number;
  seconds: number;
  requests: number;
  rps: number;
  p50: number;
  p95: number;
  errors: number;
  /** status codes other than 201, with counts */
  statuses: Record<string, number>;
  /**
   * CPU time per write (ms): the server's processes, the PostgreSQL backends serving the
   * scratch database, and this benchmark's own clients. On a shared machine the rate follows
   * the CPU left over; this does not (much), and cores × 1000 / (server + database + client)
   * is the rate the machine allows.
   */
  cpuMsPerWrite?: { server: number; database: number | null; client: number };
}

// ---------------------------------------------------------------- CPU time (Linux /proc)

const TICKS_PER_SECOND = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;

/** user + system CPU seconds of the processes in process group `pgrp`, or of the given pids. */
function cpuSeconds(select: { pgrp: number } | { pids: number[] }): number | null {
  try {
    const pids =
      'pids' in select
        ? select.pids
        : fs
            .readdirSync('/proc')
            .filter((d) => /^\d+$/.test(d))
            .map(Number);
    let ticks = 0;
    for (const pid of pids) {
      let stat: string;
      try {
        stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      } catch {
        continue;
      }
      // the fields after "(comm)": state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if ('pgrp' in select && Number(f[2]) !== select.pgrp) continue;
      ticks += Number(f[11]) + Number(f[12]);
    }
    return ticks / TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

const sum = (a: number | null, b: number | null) => (a === null || b === null ? null : a + b);

async function backendPids(scratch: Scratch): Promise<number[]> {
  if (EMBEDDED) return [];
  const conn = await scratch.connect();
  try {
    const rows = await conn.runner.query<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`);
    return rows.map((r) => r.pid);
  } finally {
    await conn.close();
  }
}

const pct = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : 0);

/**
 * The load generator: node:http on a keep-alive agent, not fetch. The clients share the
 * machine's cores with the server and PostgreSQL, and fetch (undici's web streams) cost them
 * about 2.7 ms of CPU a request, a sixth of what a write costs the server: the rate measured
 * was partly the client's. A pipeline posts from its own machine.
 */
const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

function postBuild(base: string, token: string, component: string, version: string): Promise<{ ms: number; status: number }> {
  const t0 = performance.now();
  const body = JSON.stringify({
    component,
    version,
    artifactDigest: `sha256:${crypto.createHash('sha256').update(version).digest('hex')}`,
    sourceCommit: crypto.randomBytes(20).toString('hex'),
    sourceBranch: 'main',
    notes: 'write benchmark',
  });
  return new Promise((resolve) => {
    const req = http.request(
      `${base}/api/v1/builds`,
      {
        method: 'POST',
        agent,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ ms: performance.now() - t0, status: res.statusCode ?? 0 }));
        res.on('error', () => resolve({ ms: performance.now() - t0, status: 0 }));
      },
    );
    req.on('error', () => resolve({ ms: performance.now() - t0, status: 0 }));
    req.end(body);
  });
}

let versions = 0;
/** strict semver, unique per request: 9.<phase>.<n>-bench.<random> */
const nextVersion = (phase: number) => `9.${phase}.${++versions}-bench.x${crypto.randomBytes(3).toString('hex')}`;

async function phase(bases: string[], token: string, component: string, concurrency: number, length = SECONDS, tag = concurrency): Promise<Phase> {
  const samples: number[] = [];
  const statuses: Record<string, number> = {};
  const started = performance.now();
  const until = started + length * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async (_, client) => {
      // each client keeps to one replica, the clients spread over them in turn
      const base = bases[client % bases.length]!;
      while (performance.now() < until) {
        const r = await postBuild(base, token, component, nextVersion(tag));
        samples.push(r.ms);
        if (r.status !== 201) statuses[r.status] = (statuses[r.status] ?? 0) + 1;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const sorted = [...samples].sort((a, b) => a - b);
  const errors = Object.values(statuses).reduce((a, b) => a + b, 0);
  return { concurrency, seconds, requests: samples.length, rps: samples.length / seconds, p50: pct(sorted, 50), p95: pct(sorted, 95), errors, statuses };
}

/** How the audit trail stands after the writes: events, and (with the sealed chain of decision 062) those not sealed yet. */
async function auditState(scratch: Scratch): Promise<{ events: number; head: string; unsealed: number | null }> {
  const conn = await scratch.connect();
  try {
    const [{ n }] = (await conn.runner.query<{ n: string }>(`SELECT count(*)::text AS n FROM "AuditEvent"`)) as [{ n: string }];
    const [{ seq }] = (await conn.runner.query<{ seq: string }>(`SELECT seq::text AS seq FROM "AuditChainHead" WHERE id = 1`)) as [{ seq: string }];
    const sealed = await conn.runner.query<{ present: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM information_schema.columns WHERE table_name = 'AuditEvent' AND column_name = 'chainSeq') AS present`,
    );
    let unsealed: number | null = null;
    if (sealed[0]?.present) {
      const rows = await conn.runner.query<{ n: number }>(`SELECT count(*)::int AS n FROM "AuditEvent" WHERE "chainSeq" IS NULL`);
      unsealed = rows[0]?.n ?? 0;
    }
    return { events: Number(n), head: seq, unsealed };
  } finally {
    await conn.close();
  }
}

const f1 = (n: number) => n.toFixed(1);

async function main() {
  if (!fs.existsSync(path.join(root, '.next', 'BUILD_ID'))) {
    console.error('No production build: run `npx next build` first (the write benchmark measures the build, it does not make one).');
    process.exit(1);
  }
  const started = new Date();
  const scratch = await scratchDatabase({ prefix: 'bench_writes', embedded: EMBEDDED });
  console.log(
    `write benchmark on ${scratch.describe}; POST /api/v1/builds at ${CONCURRENCIES.join(', ')} clients, ${SECONDS} s each` +
      (REPLICAS > 1 ? `, spread over ${REPLICAS} Relm processes` : ''),
  );
  const servers: Server[] = [];
  const stopAll = () => Promise.all(servers.map((s) => s.stop().catch(() => undefined)));
  const phases: Phase[] = [];
  let after: Awaited<ReturnType<typeof auditState>> | undefined;
  let afterSettled: Awaited<ReturnType<typeof auditState>> | undefined;
  process.on('SIGINT', () => {
    void stopAll()
      .then(() => scratch.drop())
      .finally(() => process.exit(130));
  });
  try {
    console.log('preparing the database (migrations, demo organisation)…');
    prepare(scratch);
    const conn = await scratch.connect();
    let token: string;
    let component: string;
    try {
      ({ token, component } = await createToken(conn.runner));
    } finally {
      await conn.close();
    }
    console.log(REPLICAS > 1 ? `starting ${REPLICAS} servers…` : 'starting the server…');
    for (let i = 0; i < REPLICAS; i++) {
      servers.push(await startServer(scratch, process.env.BENCH_PORT ? { port: Number(process.env.BENCH_PORT) + i } : {}));
    }
    const bases = servers.map((s) => s.base);
    for (const base of bases) {
      const first = await postBuild(base, token, component, nextVersion(0));
      if (first.status !== 201) throw new Error(`POST /api/v1/builds answered ${first.status}, not 201: the benchmark cannot measure writes`);
    }
    await phase(bases, token, component, CONCURRENCIES[0] ?? 8, WARM_UP_SECONDS, 0);
    const serverCpu = () => servers.reduce<number | null>((total, s) => sum(total, cpuSeconds({ pgrp: s.pid })), 0);
    for (const c of CONCURRENCIES) {
      process.stdout.write(`  ${c} clients…`.padEnd(16));
      // the backends serving the pool: those open before the phase, and those opened during it (all their CPU is the phase's)
      const pids = await backendPids(scratch);
      const cpu0 = { server: serverCpu(), database: EMBEDDED ? null : cpuSeconds({ pids }) };
      const client0 = process.cpuUsage();
      const p = await phase(bases, token, component, c);
      const client = process.cpuUsage(client0);
      const serverAfter = serverCpu();
      const opened = (await backendPids(scratch)).filter((pid) => !pids.includes(pid));
      const databaseAfter = EMBEDDED ? null : sum(cpuSeconds({ pids }), cpuSeconds({ pids: opened }));
      if (cpu0.server !== null && serverAfter !== null && p.requests) {
        const per = (a: number | null, b: number | null) => (a === null || b === null ? null : Math.round(((b - a) * 1000 * 10) / p.requests) / 10);
        p.cpuMsPerWrite = {
          server: per(cpu0.server, serverAfter)!,
          database: per(cpu0.database, databaseAfter),
          client: Math.round((client.user + client.system) / 100 / p.requests) / 10,
        };
      }
      phases.push(p);
      process.stdout.write(
        `${f1(p.rps)} writes/s, p50 ${f1(p.p50)} ms, p95 ${f1(p.p95)} ms, ${p.requests} requests, ${p.errors} errors` +
          (p.cpuMsPerWrite
            ? `; CPU per write: server ${p.cpuMsPerWrite.server} ms` +
              (p.cpuMsPerWrite.database === null ? '' : `, PostgreSQL ${p.cpuMsPerWrite.database} ms`) +
              `, clients ${p.cpuMsPerWrite.client} ms`
            : '') +
          (p.errors
            ? ` (${Object.entries(p.statuses)
                .map(([s, n]) => `${n}× HTTP ${s}`)
                .join(', ')})`
            : '') +
          '\n',
      );
    }
    // the embedded database is open in the server alone: read it once the server has stopped
    if (EMBEDDED) await new Promise((r) => setTimeout(r, 2000)).then(stopAll);
    after = await auditState(scratch);
    // events written by the last requests are sealed within about a second (decision 062)
    if (!EMBEDDED) await new Promise((r) => setTimeout(r, 2000));
    afterSettled = await auditState(scratch);
    console.log(
      `  audit: ${after.events} events, chain head ${after.head}` +
        (after.unsealed === null
          ? ''
          : `, ${after.unsealed} not sealed yet at the end, ${afterSettled.unsealed} two seconds later (head ${afterSettled.head})`),
    );
  } finally {
    await stopAll();
    await scratch.drop().catch((err: unknown) => console.warn('dropping the scratch database failed', err));
  }
  const dir = path.join(root, 'bench-results');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `writes-${started.toISOString().replace(/[:.]/g, '-')}.json`);
  fs.writeFileSync(
    file,
    JSON.stringify(
      {
        startedAt: started.toISOString(),
        database: EMBEDDED ? 'embedded' : 'postgresql',
        commit: spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).stdout.trim(),
        settings: { concurrencies: CONCURRENCIES, seconds: SECONDS, warmUpSeconds: WARM_UP_SECONDS, replicas: REPLICAS },
        machine: { cpus: os.cpus().length, loadavg: os.loadavg(), node: process.version },
        phases,
        audit: { atEnd: after, twoSecondsLater: afterSettled },
      },
      null,
      2,
    ),
  );
  console.log(`results written to ${path.relative(root, file)}`);
  process.exit(0);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
