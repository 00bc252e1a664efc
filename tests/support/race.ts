import pg from 'pg';
import { expect, it } from 'vitest';
import type { DbHandle } from '@/lib/server/db';
import { onPostgres } from './db';

// Races mean something only on PostgreSQL. PGlite is one connection that runs one
// transaction at a time, so calls started together there queue up: the same test
// then checks that the outcome is right when they run one after another, and says
// so in its name. CI runs the integration tests on both databases
// (docs/decisions/013-test-databases-and-toolchain.md).

/** What a race test proves on this run's database, for its title. */
export const raceMode = onPostgres() ? 'racing on PostgreSQL connections' : 'serialized on PGlite: no true race';

/** `it` for a test built on `race()`: its title says whether it races or only checks serialized calls. */
export function itRaces(title: string, fn: () => Promise<void>, timeout?: number): void {
  it(`${title} [${raceMode}]`, fn, timeout);
}

/** What the calls resolve to, position by position (like Promise.all). */
type Results<T extends readonly (() => Promise<unknown>)[]> = { -readonly [K in keyof T]: T[K] extends () => Promise<infer R> ? R : never };

/**
 * Starts every call at once and waits for all. On PostgreSQL it makes them race and
 * proves it: while the calls start, a separate connection holds the audit trail's
 * table lock, so every call's transaction (each writes an audit event) waits with its
 * connection held until at least two are open at once; only then is the lock let go.
 * Without that barrier, a fast first call could finish before the second began, and
 * the test would pass without having raced (or fail now and then). A test whose calls
 * still end up one after another (a lock in JavaScript, a pool of one) fails.
 */
export async function race<const T extends readonly (() => Promise<unknown>)[]>(h: DbHandle, calls: T): Promise<Results<T>> {
  const pool = h.pool;
  if (!onPostgres()) return (await Promise.all(calls.map((call) => call()))) as Results<T>;
  if (!pool) throw new Error('race(): a PostgreSQL handle without its pool');
  const target = Math.min(2, calls.length);
  let busy = 0;
  let mostBusy = 0;
  let reached: () => void = () => undefined;
  const together = new Promise<void>((resolve) => (reached = resolve));
  const acquired = () => {
    busy += 1;
    mostBusy = Math.max(mostBusy, busy);
    if (busy >= target) reached();
  };
  const released = () => {
    busy -= 1;
  };
  // the barrier: its own connection, outside the pool the calls use
  const barrier = new pg.Client({ connectionString: (pool.options as { connectionString?: string }).connectionString });
  await barrier.connect();
  let results: Results<T>;
  try {
    await barrier.query('BEGIN');
    await barrier.query('LOCK TABLE "AuditEvent" IN EXCLUSIVE MODE');
    pool.on('acquire', acquired);
    pool.on('release', released);
    const all = Promise.allSettled(calls.map((call) => call()));
    // let go once two calls hold connections together (or all are done without it)
    await Promise.race([together, all]);
    await barrier.query('COMMIT');
    const settled = await all;
    const failed = settled.find((r) => r.status === 'rejected');
    if (failed) throw (failed as PromiseRejectedResult).reason;
    results = settled.map((r) => (r as PromiseFulfilledResult<unknown>).value) as Results<T>;
  } finally {
    pool.off('acquire', acquired);
    pool.off('release', released);
    await barrier.end().catch(() => undefined);
  }
  expect(mostBusy, `${calls.length} calls never used two connections at once: they did not race`).toBeGreaterThanOrEqual(target);
  return results;
}
