import 'server-only';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from '@/lib/generated/prisma/client';
import { auditCheckpointsFile, databaseTarget, env, type DatabaseTarget } from './env';
import { applyMigrations, PGLITE_EXTENSIONS, type SqlRunner } from './migrate';
import { now } from './clock';

// One Prisma client per process. The database is PGlite (embedded, in a folder or
// in memory) unless DATABASE_URL names a PostgreSQL server
// (docs/decisions/001-databases.md).

export type Db = PrismaClient;
export type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];

export interface DbHandle {
  prisma: PrismaClient;
  target: DatabaseTarget;
  runner: SqlRunner;
  /** PostgreSQL only: the connection pool (tests watch it to prove calls ran in parallel) */
  pool?: pg.Pool;
  /** PGlite only (embedded or in memory): the instance, whose data directory a backup dumps (lib/server/backup.ts) */
  pglite?: PGlite;
  /**
   * Where this database's signed audit checkpoints are appended (lib/server/audit-checkpoints.ts):
   * RELM_AUDIT_CHECKPOINTS or RELM_DATA_DIR/audit-checkpoints.jsonl; an in-memory database
   * (tests) has a temporary file of its own, removed when it closes
   */
  auditCheckpointFile: string;
  close(): Promise<void>;
}

const TX_OPTIONS = { maxWait: 15_000, timeout: 30_000 };

/**
 * SQL statements this process has sent through Prisma since it started. The HTTP
 * benchmark reads it around one request (through /api/internal/diagnostics) and
 * tests read it around one call to prove a page's queries do not grow with the
 * data (tests/support/sql-count.ts). Counted in the driver adapter (a query, an
 * execute, a transaction's BEGIN and its COMMIT or ROLLBACK): one increment each.
 * (Prisma's query events would do it too, but then Prisma serialises every
 * statement's parameters into an event: CPU on every write, decision 062.)
 */
const counter: { statements: number } = ((globalThis as Record<string, unknown>).__relmSqlCounter as { statements: number } | undefined) ?? { statements: 0 };
(globalThis as Record<string, unknown>).__relmSqlCounter = counter;
export const sqlStatementCount = (): number => counter.statements;

interface Queryable {
  queryRaw(...args: never[]): Promise<unknown>;
  executeRaw(...args: never[]): Promise<unknown>;
}
interface AdapterTx extends Queryable {
  commit(): Promise<void>;
  rollback(): Promise<void>;
}

function countStatements<Q extends Queryable>(q: Q): Q {
  const queryRaw = q.queryRaw.bind(q);
  const executeRaw = q.executeRaw.bind(q);
  q.queryRaw = ((...args: never[]) => {
    counter.statements++;
    return queryRaw(...args);
  }) as Q['queryRaw'];
  q.executeRaw = ((...args: never[]) => {
    counter.statements++;
    return executeRaw(...args);
  }) as Q['executeRaw'];
  return q;
}

/** The adapter factory, its connections counting what they send (see sqlStatementCount). */
function counted<F extends PrismaPg | PrismaPGlite>(factory: F): F {
  const connect = factory.connect.bind(factory);
  factory.connect = (async () => {
    const adapter = countStatements(await connect());
    const startTransaction = adapter.startTransaction.bind(adapter);
    adapter.startTransaction = async (...args: Parameters<typeof startTransaction>) => {
      counter.statements++; // BEGIN, sent by the adapter itself
      const tx = countStatements(await startTransaction(...args)) as AdapterTx & { options?: { usePhantomQuery?: boolean } };
      // COMMIT and ROLLBACK: Prisma sends them through executeRaw (counted there) unless the
      // adapter's commit() and rollback() send them themselves ("phantom" queries: PGlite's)
      if (tx.options?.usePhantomQuery) {
        const commit = tx.commit.bind(tx);
        const rollback = tx.rollback.bind(tx);
        tx.commit = () => {
          counter.statements++;
          return commit();
        };
        tx.rollback = () => {
          counter.statements++;
          return rollback();
        };
      }
      return tx as Awaited<ReturnType<typeof startTransaction>>;
    };
    return adapter;
  }) as F['connect'];
  return factory;
}

/**
 * Columns no query result carries: the release search document, written by triggers and
 * read only in SQL (decision 024). Omitted at runtime; the types still list them, so cast.
 */
const OMIT = { release: { searchText: true, searchTerms: true } } as const;
const prismaClient = (adapter: PrismaPg | PrismaPGlite): PrismaClient =>
  new PrismaClient({ adapter: counted(adapter), transactionOptions: TX_OPTIONS, omit: OMIT }) as unknown as PrismaClient;

/**
 * The columns the schema stamps with the time of a write (`@default(now())`,
 * `@updatedAt`): Prisma and the database would take the wall clock, so the client
 * extension below fills them from lib/server/clock when the caller did not
 * (docs/decisions/012-one-clock.md). Kept in step with prisma/schema.prisma by
 * tests/integration/clock-stamps.test.ts. Nested writes (`{ create: ... }` inside
 * another write) are not stamped: give those rows their time explicitly.
 */
export const CLOCK_STAMPS: Record<string, { create: readonly string[]; update: readonly string[] }> = {
  Team: { create: ['createdAt', 'updatedAt'], update: ['updatedAt'] },
  User: { create: ['createdAt', 'updatedAt'], update: ['updatedAt'] },
  UserRole: { create: ['createdAt'], update: [] },
  IdentityLink: { create: ['createdAt'], update: [] },
  OidcGroupMapping: { create: ['createdAt'], update: [] },
  SignInSetting: { create: ['updatedAt'], update: ['updatedAt'] },
  BreakGlassAdmin: { create: ['createdAt'], update: [] },
  SignInAttempt: { create: ['at'], update: [] },
  ApiToken: { create: ['createdAt'], update: [] },
  Notification: { create: ['createdAt'], update: [] },
  Delivery: { create: ['createdAt', 'updatedAt'], update: ['updatedAt'] },
  Component: { create: ['createdAt', 'updatedAt'], update: ['updatedAt'] },
  ComponentDependency: { create: ['createdAt'], update: [] },
  Build: { create: ['createdAt'], update: [] },
  Environment: { create: ['createdAt', 'updatedAt'], update: ['updatedAt'] },
  MaintenanceWindow: { create: ['createdAt'], update: [] },
  EnvironmentComponent: { create: ['since'], update: [] },
  Release: { create: ['createdAt', 'updatedAt'], update: ['updatedAt'] },
  ReleaseTemplate: { create: ['createdAt', 'updatedAt'], update: ['updatedAt'] },
  ReleaseTemplateVersion: { create: ['createdAt'], update: [] },
  ReleaseTransition: { create: ['at'], update: [] },
  ReleaseCoManager: { create: ['addedAt'], update: [] },
  ReleasePackage: { create: ['createdAt', 'updatedAt'], update: ['updatedAt'] },
  PackageItem: { create: ['addedAt'], update: [] },
  PackageSeal: { create: ['sealedAt'], update: [] },
  ScopeChangeRequest: { create: ['createdAt'], update: [] },
  Risk: { create: ['createdAt', 'updatedAt'], update: ['updatedAt'] },
  PlanTask: { create: ['createdAt', 'updatedAt'], update: ['updatedAt'] },
  PolicyVersion: { create: ['createdAt'], update: [] },
  ApprovalRequirement: { create: ['createdAt'], update: [] },
  Approval: { create: ['createdAt'], update: [] },
  FreezeWindow: { create: ['createdAt', 'updatedAt'], update: ['updatedAt'] },
  FreezeOverride: { create: ['createdAt'], update: [] },
  Train: { create: ['createdAt', 'updatedAt'], update: ['updatedAt'] },
  TrainDeparture: { create: ['createdAt'], update: [] },
  TrainLateJoin: { create: ['createdAt'], update: [] },
  ConflictAcknowledgement: { create: ['createdAt'], update: [] },
  Deployment: { create: ['createdAt', 'updatedAt'], update: ['updatedAt'] },
  VerificationResult: { create: ['recordedAt'], update: [] },
  BackoutPlan: { create: ['createdAt', 'updatedAt'], update: ['updatedAt'] },
  Handover: { create: ['createdAt', 'updatedAt'], update: ['updatedAt'] },
  PostReleaseReview: { create: ['createdAt', 'updatedAt'], update: ['updatedAt'] },
  ReviewActionItem: { create: ['createdAt', 'updatedAt'], update: ['updatedAt'] },
  WebhookEndpoint: { create: ['createdAt', 'updatedAt'], update: ['updatedAt'] },
  ChatChannel: { create: ['createdAt', 'updatedAt'], update: ['updatedAt'] },
  Announcement: { create: ['createdAt', 'updatedAt'], update: ['updatedAt'] },
  Session: { create: ['createdAt'], update: [] },
};

type WriteArgs = { data?: unknown; create?: unknown; update?: unknown };

function stamped(data: unknown, fields: readonly string[] | undefined, at: Date): unknown {
  if (!fields?.length || !data || typeof data !== 'object') return data;
  if (Array.isArray(data)) return data.map((row) => stamped(row, fields, at));
  const row = { ...(data as Record<string, unknown>) };
  for (const f of fields) if (row[f] === undefined) row[f] = at;
  return row;
}

/**
 * The client every caller gets: the same Prisma client whose top-level writes take
 * their timestamps from the one clock. Interactive transactions of an extended
 * client run the same extension, so `tx` writes are stamped too. A query extension
 * changes no types, hence the cast back to PrismaClient (and Tx stays derived from it).
 */
export function withClock(prisma: PrismaClient): PrismaClient {
  const onCreate = ({ model, args, query }: { model: string; args: WriteArgs; query: (a: WriteArgs) => Promise<unknown> }) =>
    query({ ...args, data: stamped(args.data, CLOCK_STAMPS[model]?.create, now()) });
  const onUpdate = ({ model, args, query }: { model: string; args: WriteArgs; query: (a: WriteArgs) => Promise<unknown> }) =>
    query({ ...args, data: stamped(args.data, CLOCK_STAMPS[model]?.update, now()) });
  const onUpsert = ({ model, args, query }: { model: string; args: WriteArgs; query: (a: WriteArgs) => Promise<unknown> }) => {
    const at = now();
    return query({ ...args, create: stamped(args.create, CLOCK_STAMPS[model]?.create, at), update: stamped(args.update, CLOCK_STAMPS[model]?.update, at) });
  };
  return prisma.$extends({
    name: 'relm-clock',
    query: {
      $allModels: {
        create: onCreate,
        createMany: onCreate,
        createManyAndReturn: onCreate,
        update: onUpdate,
        updateMany: onUpdate,
        updateManyAndReturn: onUpdate,
        upsert: onUpsert,
      },
    },
  } as never) as unknown as PrismaClient;
}

export class DatabaseInUseError extends Error {}

function acquireFolderLock(dir: string): () => void {
  fs.mkdirSync(dir, { recursive: true });
  const lockFile = path.join(path.dirname(dir), `${path.basename(dir)}.lock`);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
      return () => fs.rmSync(lockFile, { force: true });
    } catch {
      const pid = Number(fs.readFileSync(lockFile, 'utf8'));
      let alive = false;
      if (pid && pid !== process.pid) {
        try {
          process.kill(pid, 0);
          alive = true;
        } catch {
          alive = false;
        }
      }
      if (alive) {
        throw new DatabaseInUseError(
          `The embedded database in ${dir} is open in another process (pid ${pid}). ` +
            'Only one process can open it at a time: stop that process, or use PostgreSQL (DATABASE_URL).',
        );
      }
      fs.rmSync(lockFile, { force: true }); // stale lock from a process that died
    }
  }
  throw new DatabaseInUseError(`Could not lock the embedded database in ${dir}`);
}

export interface OpenOptions {
  migrate: boolean;
  /** in-memory PGlite only: start from this data directory (a `dumpDataDir()` tarball) instead of an empty cluster */
  loadDataDir?: Blob;
  /** PostgreSQL: migrate as this role (the schema's owner) rather than as the target's (env migrationTarget()) */
  migrateUrl?: string;
}

export async function openDatabase(target: DatabaseTarget, opts: OpenOptions): Promise<DbHandle> {
  if (target.kind === 'postgres') {
    const migrateClient = new pg.Client({ connectionString: opts.migrateUrl ?? target.url });
    const runner: SqlRunner = {
      exec: async (sql) => {
        await migrateClient.query(sql);
      },
      query: async <T>(sql: string, params?: unknown[]) => (await migrateClient.query(sql, params)).rows as T[],
    };
    await migrateClient.connect();
    try {
      if (opts.migrate) await applyMigrations(runner, { lock: true });
    } finally {
      await migrateClient.end();
    }
    const pool = new pg.Pool({ connectionString: target.url, max: env().RELM_DB_POOL_MAX });
    // An idle connection the server closed (restart, dropped database) must not crash the process.
    pool.on('error', (err) => console.warn(`[relm] idle PostgreSQL connection closed: ${err.message}`));
    const prisma = withClock(prismaClient(new PrismaPg(pool)));
    const poolRunner: SqlRunner = {
      exec: async (sql) => {
        await pool.query(sql);
      },
      query: async <T>(sql: string, params?: unknown[]) => (await pool.query(sql, params)).rows as T[],
    };
    return {
      prisma,
      target,
      runner: poolRunner,
      pool,
      auditCheckpointFile: auditCheckpointsFile(),
      close: async () => {
        await prisma.$disconnect();
        await pool.end().catch(() => undefined);
      },
    };
  }

  const release = target.kind === 'embedded' ? acquireFolderLock(target.dir) : () => undefined;
  let client: PGlite;
  try {
    client =
      target.kind === 'embedded'
        ? new PGlite(target.dir, { extensions: PGLITE_EXTENSIONS })
        : new PGlite({ extensions: PGLITE_EXTENSIONS, ...(opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : {}) });
    await client.waitReady;
  } catch (err) {
    release();
    throw err;
  }
  const runner: SqlRunner = {
    exec: async (sql) => {
      await client.exec(sql);
    },
    query: async <T>(sql: string, params?: unknown[]) => (await client.query<T>(sql, params)).rows,
  };
  if (opts.migrate) await applyMigrations(runner, { lock: false });
  const prisma = withClock(prismaClient(new PrismaPGlite(client)));
  const auditCheckpointFile =
    target.kind === 'memory' ? path.join(os.tmpdir(), `relm-audit-checkpoints-${crypto.randomBytes(8).toString('hex')}.jsonl`) : auditCheckpointsFile();
  return {
    prisma,
    target,
    runner,
    pglite: client,
    auditCheckpointFile,
    close: async () => {
      await prisma.$disconnect();
      // $disconnect does not close PGlite; an open PGlite keeps the process alive
      if (!client.closed) await client.close();
      if (target.kind === 'memory') fs.rmSync(auditCheckpointFile, { force: true });
      release();
    },
  };
}

type Holder = { handle?: Promise<DbHandle> };
const holder: Holder = ((globalThis as Record<string, unknown>).__relmDb as Holder | undefined) ?? {};
(globalThis as Record<string, unknown>).__relmDb = holder;

/** The process's database handle, opened (and, when embedded, migrated) on first use. */
export function dbHandle(): Promise<DbHandle> {
  if (!holder.handle) {
    const target = databaseTarget();
    holder.handle = openDatabase(target, { migrate: target.kind !== 'postgres' });
    holder.handle.catch(() => {
      holder.handle = undefined; // let the next request try again
    });
  }
  return holder.handle;
}

export async function db(): Promise<PrismaClient> {
  return (await dbHandle()).prisma;
}

export async function closeDb(): Promise<void> {
  // the jobs first: they use the database (lib/server/jobs/runtime.ts registers its stop)
  const stopJobs = (globalThis as Record<string, unknown>).__relmStopJobs as (() => Promise<void>) | undefined;
  await stopJobs?.().catch(() => undefined);
  const handle = holder.handle;
  holder.handle = undefined;
  if (handle) await (await handle).close();
}

/** Tests and scripts install a handle they opened themselves. */
export function installDbHandle(handle: DbHandle): void {
  holder.handle = Promise.resolve(handle);
}

(globalThis as Record<string, unknown>).__relmCloseDb = closeDb;
