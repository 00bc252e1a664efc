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
 * Starts every call at once and waits for all. On PostgreSQL it also proves they
 * raced: at least two of them held a pooled connection at the same moment; a test
 * whose calls ended up one after another (a lock in JavaScript, a pool of one)
 * fails instead of passing without having raced.
 */
export async function race<const T extends readonly (() => Promise<unknown>)[]>(h: DbHandle, calls: T): Promise<Results<T>> {
  const pool = h.pool;
  if (!onPostgres()) return (await Promise.all(calls.map((call) => call()))) as Results<T>;
  if (!pool) throw new Error('race(): a PostgreSQL handle without its pool');
  let busy = 0;
  let mostBusy = 0;
  const acquired = () => {
    busy += 1;
    mostBusy = Math.max(mostBusy, busy);
  };
  const released = () => {
    busy -= 1;
  };
  pool.on('acquire', acquired);
  pool.on('release', released);
  let results: Results<T>;
  try {
    results = (await Promise.all(calls.map((call) => call()))) as Results<T>;
  } finally {
    pool.off('acquire', acquired);
    pool.off('release', released);
  }
  expect(mostBusy, `${calls.length} calls never used two connections at once: they did not race`).toBeGreaterThanOrEqual(Math.min(2, calls.length));
  return results;
}
