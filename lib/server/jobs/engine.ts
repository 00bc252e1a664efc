import 'server-only';
import PgBoss from 'pg-boss';
import pg from 'pg';
import type { DbHandle } from '../db';
import { log } from '../log';

// The job engine (docs/decisions/026-job-engine.md): pg-boss on the database Relm already
// uses. On PostgreSQL it has a small pool of its own; on the embedded PGlite it runs its SQL
// through PGlite's own query API, which waits for any open transaction (Prisma's included),
// so a job query never lands inside a user's transaction. Its tables live in the `pgboss`
// schema, which it creates and migrates itself (under an advisory lock: two processes
// starting together migrate once).

export const JOB_SCHEMA = 'pgboss';

/** a semicolon followed by more SQL: a script, not one statement */
const MULTI_STATEMENT = /;\s*\S/;

/** A queue: its name and how its jobs are retried and expired. */
export interface QueueSpec {
  name: string;
  retryLimit: number;
  /** seconds before the first retry; doubled each time with retryBackoff (pg-boss adds jitter) */
  retryDelay: number;
  retryBackoff: boolean;
  /** a job still active after this long is failed (and retried): the process that held it died */
  expireInSeconds: number;
  policy?: 'standard' | 'singleton' | 'stately' | 'short';
}

/** The work a queue's jobs do. A job that throws is retried as its queue says. */
export interface JobDefinition<T extends object = object> {
  queue: QueueSpec;
  /** jobs fetched per poll (and handled one after the other) */
  batchSize: number;
  pollingIntervalSeconds: number;
  handle(data: T, job: { id: string; retryCount: number }, boss: PgBoss): Promise<void>;
}

/** How the engine connects: its own pool on PostgreSQL, or PGlite's API through the handle's runner. */
export function bossOptions(
  handle: DbHandle,
  opts: { poolMax?: number; tuning?: EngineTuning; inFlight?: Set<Promise<unknown>> } = {},
): PgBoss.ConstructorOptions {
  const common: PgBoss.ConstructorOptions = {
    schema: JOB_SCHEMA,
    // jobs and their history are kept 14 days, then pg-boss's maintenance removes them
    deleteAfterDays: 14,
    // maintenance also fails the jobs whose process died holding them (past expireInSeconds)
    maintenanceIntervalSeconds: 60,
    monitorStateIntervalSeconds: 60,
    ...opts.tuning,
  };
  if (handle.target.kind === 'postgres') {
    return { ...common, connectionString: handle.target.url, max: opts.poolMax ?? 3, application_name: 'relm-jobs' };
  }
  const runner = handle.runner;
  return {
    ...common,
    db: {
      // One statement goes through PGlite's query(); pg-boss's scripts (its migrations, and
      // maintenance as BEGIN; …; COMMIT) come without parameters and run whole through exec().
      executeSql(text: string, values: unknown[] = []) {
        const run = async () => {
          try {
            if (values.length || !MULTI_STATEMENT.test(text)) return { rows: await runner.query(text, values) };
            await runner.exec(text);
            return { rows: [] };
          } catch (err) {
            // the database closed under a job whose handler outlived the engine's stop (pg-boss
            // then marks it failed from a timer, awaited by nobody): nothing can be recorded, and
            // the job is retried at the next start, as after a crash
            if (err instanceof Error && /PGlite is closed/.test(err.message)) {
              log().warn({ statement: text.slice(0, 80) }, 'job engine: the embedded database closed before this statement');
              // no result: pg-boss counts a completion or failure as affecting nothing, and a
              // worker's fetch fails inside the worker, which reports it through 'error'
              return null as unknown as { rows: unknown[] };
            }
            throw err;
          }
        };
        const p = run();
        // pg-boss does not await a job's completion or failure: stop() waits for these
        const inFlight = opts.inFlight;
        if (inFlight) {
          inFlight.add(p);
          void p.then(
            () => inFlight.delete(p),
            () => inFlight.delete(p),
          );
        }
        return p;
      },
    },
  };
}

/** pg-boss's own intervals; tests shorten maintenance so an expired job is retried within seconds */
export type EngineTuning = Pick<PgBoss.ConstructorOptions, 'maintenanceIntervalSeconds' | 'monitorStateIntervalSeconds'>;

export interface Engine {
  boss: PgBoss;
  definitions: JobDefinition[];
  stop(): Promise<void>;
}

/** Any constant will do; it only has to be the same for every Relm process (and differ from the migrations' and the seed's). */
const SETUP_LOCK_KEY = 7_311_044;

/** PostgreSQL: waits for a session advisory lock on a connection of its own; returns its release. */
async function oneSetupAtATime(handle: DbHandle): Promise<() => Promise<void>> {
  if (handle.target.kind !== 'postgres') return async () => undefined;
  const client = new pg.Client({ connectionString: handle.target.url });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [SETUP_LOCK_KEY]);
  } catch (err) {
    await client.end().catch(() => undefined);
    throw err;
  }
  return () => client.end().catch(() => undefined);
}

/**
 * Starts pg-boss on the database of `handle`, creates the queues of `definitions` and, with
 * `work`, polls them. `schedules` are cron entries (UTC) pg-boss sends once per slot across
 * every process.
 */
export async function startEngine(
  handle: DbHandle,
  definitions: JobDefinition[],
  opts: { work?: boolean; schedules?: { queue: string; cron: string }[]; poolMax?: number; tuning?: EngineTuning; onError?: (err: Error) => void } = {},
): Promise<Engine> {
  const inFlight = new Set<Promise<unknown>>();
  const boss = new PgBoss(bossOptions(handle, { poolMax: opts.poolMax, tuning: opts.tuning, inFlight }));
  boss.on('error', (err: Error) => (opts.onError ?? ((e: Error) => log().error({ err: e }, 'job engine error')))(err));
  // Replicas starting together set up pg-boss one at a time: two processes creating the same
  // queues at once (each a partition of pgboss.job) could deadlock, and the loser ran no jobs
  // (docs/decisions/066-replicas.md)
  const setupDone = await oneSetupAtATime(handle);
  try {
    await boss.start();
    for (const d of definitions) {
      const { name, ...options } = d.queue;
      const existing = await boss.getQueue(name);
      if (existing) await boss.updateQueue(name, { name, ...options, policy: options.policy ?? 'standard' });
      else await boss.createQueue(name, { name, ...options, policy: options.policy ?? 'standard' });
    }
    for (const s of opts.schedules ?? []) await boss.schedule(s.queue, s.cron, {}, { tz: 'UTC' });
  } catch (err) {
    // a half-started engine would keep polling: stop it, so that the caller may try again
    await boss.stop({ graceful: false, close: true }).catch(() => undefined);
    throw err;
  } finally {
    await setupDone();
  }
  if (opts.work !== false) {
    for (const d of definitions) {
      // pg-boss waits its polling interval after every batch, even when more jobs wait: a queue
      // of 50 e-mails would take 50 intervals. A worker that found jobs asks for the next batch
      // at once (notifyWorker skips the wait); an empty queue, or a failed batch, waits it.
      const worker: { id?: string } = {};
      worker.id = await boss.work<object>(
        d.queue.name,
        { batchSize: d.batchSize, pollingIntervalSeconds: d.pollingIntervalSeconds, includeMetadata: true },
        async (jobs) => {
          for (const job of jobs as PgBoss.JobWithMetadata<object>[]) {
            try {
              await d.handle(job.data ?? {}, { id: job.id, retryCount: job.retryCount }, boss);
            } catch (err) {
              // the engine records the failure and retries as the queue says; the log says why, as
              // a warning while attempts are left and as an error for the last one
              const last = job.retryCount >= d.queue.retryLimit;
              const fields = { err, queue: d.queue.name, jobId: job.id, retryCount: job.retryCount, willRetry: !last };
              if (last) log().error(fields, `job ${d.queue.name} failed`);
              else log().warn(fields, `job ${d.queue.name} failed; it will be tried again`);
              throw err;
            }
          }
          // a batch that went through: look for the next at once (a failing one waits the
          // interval, so a queue of broken jobs does not spin)
          if (worker.id) boss.notifyWorker(worker.id);
        },
      );
    }
  }
  return {
    boss,
    definitions,
    stop: async () => {
      await boss.stop({ graceful: true, wait: true, timeout: 10_000, close: true });
      // the last job's completion or failure, which pg-boss sent without waiting for it, lands
      // before the caller closes the database (else it fails on a closed PGlite, unhandled)
      await Promise.allSettled([...inFlight]);
    },
  };
}
