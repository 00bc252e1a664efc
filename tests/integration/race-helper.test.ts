import { describe, expect, it } from 'vitest';
import type { DbHandle } from '@/lib/server/db';
import { onPostgres } from '../support/db';
import { race, raceMode } from '../support/race';
import { withFreshDatabase } from '../support/suite';

// The race tests rely on race() to refuse calls that did not overlap; this checks it can.

let h: DbHandle;
withFreshDatabase((db) => {
  h = db;
});

const sleep = (ms: number) => () => h.runner.query<{ n: number }>(`SELECT ${ms} AS n, pg_sleep(${ms / 1000})`).then((rows) => rows[0]!.n);

describe(`race() [${raceMode}]`, () => {
  it('runs every call and answers in the order given', async () => {
    expect(await race(h, [sleep(30), sleep(10), sleep(20)])).toEqual([30, 10, 20]);
  });

  if (onPostgres()) {
    it('fails calls that ran one after another', async () => {
      let chain: Promise<unknown> = Promise.resolve();
      const queued = (ms: number) => () => (chain = chain.then(sleep(ms))) as Promise<number>;
      await expect(race(h, [queued(50), queued(50)])).rejects.toThrow(/did not race/);
    });
  } else {
    it("checks no overlap on PGlite, and the race tests' titles say so", () => {
      expect(raceMode).toMatch(/serialized on PGlite: no true race/);
    });
  }
});
