// What the HTTP benchmarks share (scripts/bench-http.ts, scripts/bench-writes.ts): a scratch
// database (PostgreSQL, or PGlite in a temp folder), the environment of the built server on it,
// the preparation (migrations and the demo organisation, scripts/prepare.ts), and the built
// server itself (scripts/start.ts) in its own process group, ready once /api/health answers.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase } from '@/lib/server/db';
import type { SqlRunner } from '@/lib/server/migrate';

const root = path.resolve(__dirname, '..');

export interface Scratch {
  env: Record<string, string>;
  dataDir: string;
  describe: string;
  /** a single-session connection for filling; closed by the caller */
  connect(): Promise<{ runner: SqlRunner; close(): Promise<void> }>;
  drop(): Promise<void>;
}

export interface ScratchOptions {
  /** names the temp folder and the database: relm-<prefix>-…, relm_<prefix>_… */
  prefix: string;
  embedded: boolean;
  /** an existing database to measure again (BENCH_REUSE); kept afterwards */
  reuse?: string;
  /** keep the scratch database afterwards (BENCH_KEEP) */
  keep?: boolean;
}

/** Creates database `name` on the PostgreSQL server at `server` (a URL); returns the URL of the new database. */
export async function createDatabase(server: string, name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(server);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Drops database `name` on the PostgreSQL server at `server`, closing its connections. */
export async function dropDatabase(server: string, name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

export async function scratchDatabase(opts: ScratchOptions): Promise<Scratch> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `relm-${opts.prefix.replace(/_/g, '-')}-`));
  if (opts.embedded) {
    return {
      env: { DATABASE_URL: '', RELM_DATA_DIR: dataDir },
      dataDir,
      describe: `embedded PGlite in ${dataDir}`,
      connect: async () => {
        const handle = await openDatabase({ kind: 'embedded', dir: path.join(dataDir, 'pglite') }, { migrate: false });
        return { runner: handle.runner, close: () => handle.close() };
      },
      drop: async () => fs.rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  const server = process.env.BENCH_DATABASE_URL?.trim() || 'postgresql://postgres@127.0.0.1:5432/postgres';
  const reuse = opts.reuse ?? '';
  if (reuse && !/^[a-z_][a-z0-9_]*$/.test(reuse)) throw new Error(`BENCH_REUSE must name a database (got ${reuse})`);
  const name = reuse || `relm_${opts.prefix}_${crypto.randomBytes(4).toString('hex')}`;
  if (!reuse) await createDatabase(server, name);
  const url = new URL(server);
  url.pathname = `/${name}`;
  return {
    env: { DATABASE_URL: url.toString(), RELM_DATA_DIR: dataDir },
    dataDir,
    describe: `PostgreSQL database ${name} on ${url.host}`,
    connect: async () => {
      const client = new pg.Client({ connectionString: url.toString() });
      await client.connect();
      return {
        runner: {
          exec: async (sql) => {
            await client.query(sql);
          },
          query: async <T>(sql: string, params?: unknown[]) => (await client.query(sql, params)).rows as T[],
        },
        close: () => client.end(),
      };
    },
    drop: async () => {
      if (opts.keep || reuse) {
        console.log(`kept the database ${name}: BENCH_REUSE=${name} measures it again, DROP DATABASE ${name} removes it`);
        fs.rmSync(dataDir, { recursive: true, force: true });
        return;
      }
      await dropDatabase(server, name);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

const authSecret = crypto.randomBytes(48).toString('base64url');

/** The built server's environment on the scratch database; `extra` adds settings (RELM_DIAGNOSTICS…). */
export function serverEnv(scratch: Scratch, port: number, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    ...scratch.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    AUTH_SECRET: authSecret,
    NODE_ENV: 'production',
    NEXT_TELEMETRY_DISABLED: '1',
    RELM_TEST_CLOCK: '0',
    RELM_REBUILD: '0',
    ...extra,
  };
}

/** Migrations and the demo organisation, as `npm start` prepares them. */
export function prepare(scratch: Scratch): void {
  const r = spawnSync(path.join(root, 'node_modules', '.bin', 'tsx'), ['--conditions=react-server', path.join(root, 'scripts', 'prepare.ts')], {
    cwd: root,
    env: serverEnv(scratch, 3000),
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`scripts/prepare.ts failed:\n${r.stdout}\n${r.stderr}`);
  for (const line of r.stdout.trim().split('\n')) console.log(`  ${line}`);
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

export interface Server {
  base: string;
  /** the server's process group */
  pid: number;
  stop(): Promise<void>;
}

/** Starts the built server on the scratch database and waits (up to 240 s) for /api/health. */
export async function startServer(scratch: Scratch, opts: { port?: number; env?: Record<string, string> } = {}): Promise<Server> {
  const port = opts.port ?? (await freePort());
  const log = path.join(scratch.dataDir, `server-${port}.log`);
  const out = fs.openSync(log, 'a');
  // its own process group, so that stopping it stops tsx and the node process under it
  const child: ChildProcess = spawn(path.join(root, 'node_modules', '.bin', 'tsx'), [path.join(root, 'scripts', 'start.ts')], {
    cwd: root,
    env: serverEnv(scratch, port, opts.env),
    stdio: ['ignore', out, out],
    detached: true,
  });
  fs.closeSync(out);
  const base = `http://127.0.0.1:${port}`;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode !== null) return;
    process.kill(-child.pid!, 'SIGTERM');
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
    }, 15_000);
    await exited;
    clearTimeout(timer);
  };
  const deadline = Date.now() + 240_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}); its log:\n${fs.readFileSync(log, 'utf8').slice(-4000)}`);
    try {
      const r = await fetch(`${base}/api/health`);
      await r.arrayBuffer();
      if (r.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      process.kill(-child.pid!, 'SIGKILL');
      throw new Error(`the server did not answer within 240 s; its log:\n${fs.readFileSync(log, 'utf8').slice(-4000)}`);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return { base, pid: child.pid!, stop };
}
