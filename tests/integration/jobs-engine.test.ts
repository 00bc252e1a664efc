import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openDatabase, type DbHandle } from '@/lib/server/db';
import { startEngine, type Engine, type JobDefinition, type QueueSpec } from '@/lib/server/jobs/engine';
import { log } from '@/lib/server/log';
import { freshDatabase } from '../support/db';
import { waitUntil } from '../support/wait';

// The job engine on the database the tests run on (PGlite, or PostgreSQL under
// TEST_DATABASE_URL): jobs are durable rows, retried with backoff, picked up again when the
// process that held them died, and each runs once with two engines on one database.
// pg-boss keeps its own time (the database's clock): the waits below poll for an outcome
// with a bound, they do not sleep to make time pass for Relm.

let h: DbHandle;
const engines: Engine[] = [];

beforeAll(async () => {
  h = await freshDatabase();
});

afterAll(async () => {
  for (const e of engines) await e.stop().catch(() => undefined);
  await h?.close();
});

const queue = (name: string, over: Partial<QueueSpec> = {}): QueueSpec => ({
  name,
  retryLimit: 3,
  retryDelay: 1,
  retryBackoff: false,
  expireInSeconds: 60,
  ...over,
});

function recorder(name: string, over: Partial<QueueSpec> = {}, behave: (data: { n: number }, retryCount: number) => Promise<void> = async () => {}) {
  const seen: { n: number; retryCount: number; engine: string }[] = [];
  const def = (engine: string): JobDefinition<{ n: number }> => ({
    queue: queue(name, over),
    batchSize: 1,
    pollingIntervalSeconds: 0.5,
    handle: async (data, job) => {
      await behave(data, job.retryCount);
      seen.push({ n: data.n, retryCount: job.retryCount, engine });
    },
  });
  return { seen, def };
}

async function start(defs: JobDefinition[], opts: Parameters<typeof startEngine>[2] = {}) {
  const e = await startEngine(h, defs as JobDefinition[], { onError: () => {}, ...opts });
  engines.push(e);
  return e;
}

describe('the job engine', () => {
  it('runs queued jobs, once each', async () => {
    const r = recorder('test-echo');
    const e = await start([r.def('a') as JobDefinition]);
    for (let n = 1; n <= 5; n++) await e.boss.send('test-echo', { n });
    await waitUntil(() => r.seen.length >= 5, 20_000);
    expect(r.seen.map((x) => x.n).sort()).toEqual([1, 2, 3, 4, 5]);
    await e.stop();
  });

  it('drains a backlog without waiting the polling interval between jobs', async () => {
    const r = recorder('test-backlog');
    // an interval far longer than the bound below: only a worker that asks again at once makes it
    const def = { ...r.def('a'), pollingIntervalSeconds: 60 } as JobDefinition;
    // the backlog is there before a worker looks (its first look finds a job; the 60 s wait
    // would follow an empty one)
    const queued = await start([def], { work: false });
    await queued.boss.insert(Array.from({ length: 30 }, (_, i) => ({ name: 'test-backlog', data: { n: i + 1 } })));
    await queued.stop();
    const e = await start([def]);
    await waitUntil(() => r.seen.length >= 30, 30_000);
    expect(new Set(r.seen.map((x) => x.n)).size).toBe(30);
    await e.stop();
  });

  it('retries a job that fails, with the queue’s limit, and records the final failure', async () => {
    let calls = 0;
    const r = recorder('test-flaky', { retryLimit: 1 }, async (data) => {
      calls++;
      if (data.n === 1 && calls === 1) throw new Error('the receiver is down');
      if (data.n === 2) throw new Error('always broken');
    });
    const e = await start([r.def('a') as JobDefinition]);
    const first = await e.boss.send('test-flaky', { n: 1 });
    const second = await e.boss.send('test-flaky', { n: 2 });
    await waitUntil(async () => (await e.boss.getJobById('test-flaky', second!))?.state === 'failed', 30_000);
    await waitUntil(() => r.seen.some((x) => x.n === 1), 30_000);
    expect(r.seen.find((x) => x.n === 1)!.retryCount).toBe(1);
    const failed = await e.boss.getJobById('test-flaky', second!);
    expect(failed?.state).toBe('failed');
    expect(failed?.retryCount).toBe(1);
    expect(JSON.stringify(failed?.output)).toContain('always broken');
    expect((await e.boss.getJobById('test-flaky', first!))?.state).toBe('completed');
    await e.stop();
  });

  it('keeps jobs across a restart, and retries one whose process died holding it', async () => {
    // queued while nothing works the queue, then the process stops
    const r = recorder('test-durable', { expireInSeconds: 1, retryDelay: 0 });
    const idle = await start([r.def('a') as JobDefinition], { work: false });
    await idle.boss.send('test-durable', { n: 1 });
    await idle.stop();
    // a process that takes the job and never finishes it (as if killed -9)
    const hung = recorder('test-durable', { expireInSeconds: 1, retryDelay: 0 }, () => new Promise<void>(() => {}));
    const dying = await start([hung.def('dying') as JobDefinition]);
    await waitUntil(async () => {
      const rows = await h.runner.query<{ state: string }>(`SELECT state FROM pgboss.job WHERE name = 'test-durable'`);
      return rows.some((x) => x.state === 'active');
    }, 20_000);
    await dying.boss.stop({ graceful: false, wait: false, close: true }).catch(() => undefined);
    // a new process: maintenance fails the expired job, and it runs again here
    await start([r.def('b') as JobDefinition], { tuning: { maintenanceIntervalSeconds: 1 } });
    await waitUntil(() => r.seen.length >= 1, 60_000);
    expect(r.seen).toEqual([{ n: 1, retryCount: 1, engine: 'b' }]);
  });
});

// On PostgreSQL these are two pools, as two processes have; PGlite is one process's database,
// so there the two engines share it (two workers competing for the same rows all the same).
describe('two engines on one database', () => {
  it('run each job once', async () => {
    const r = recorder('test-shared');
    const a = await start([r.def('a') as JobDefinition], { poolMax: 2 });
    await start([r.def('b') as JobDefinition], { poolMax: 2 });
    for (let n = 1; n <= 40; n++) await a.boss.send('test-shared', { n });
    await waitUntil(() => r.seen.length >= 40, 60_000);
    // nothing more arrives: each job ran once, whichever engine took it
    const settled = r.seen.length;
    await waitUntil(async () => {
      const rows = await h.runner.query<{ n: string }>(`SELECT count(*)::text AS n FROM pgboss.job WHERE name = 'test-shared' AND state = 'completed'`);
      return Number(rows[0]!.n) === 40;
    }, 20_000);
    expect(r.seen.length).toBe(settled);
    expect(r.seen.map((x) => x.n).sort((x, y) => x - y)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
  });
});

// The embedded database's adapter (bossOptions' executeSql), whichever database the other tests
// use: on PostgreSQL pg-boss has its own pool, which it ends itself.
describe('an engine whose embedded database closes under a running job', () => {
  it('lets pg-boss record the overrun against the closed database without an unhandled failure', async () => {
    const own = await openDatabase({ kind: 'memory' }, { migrate: true });
    const warned = vi.spyOn(log(), 'warn').mockImplementation(() => undefined);
    try {
      // a handler that never returns: pg-boss fails its job from a timer once expireInSeconds pass
      const hung = recorder('test-outlives', { expireInSeconds: 1, retryLimit: 0 }, () => new Promise<void>(() => {}));
      const e = await startEngine(own, [hung.def('a') as JobDefinition], { onError: () => {} });
      await e.boss.send('test-outlives', { n: 1 });
      await waitUntil(
        async () => (await own.runner.query<{ state: string }>(`SELECT state FROM pgboss.job WHERE name = 'test-outlives'`)).some((x) => x.state === 'active'),
        20_000,
      );
      await e.boss.stop({ graceful: false, wait: false, close: true });
      await own.close();
      // the timer fires after the close: the statement is dropped with a warning, not thrown unawaited
      await waitUntil(() => warned.mock.calls.some((c) => String(c[1]).includes('closed before this statement')), 10_000);
    } finally {
      warned.mockRestore();
      await own.close().catch(() => undefined);
    }
  });
});
