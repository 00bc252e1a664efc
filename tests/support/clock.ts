import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { advanceClock, clockState, nowMs, resetClock, setClock, type ClockSetting } from '@/lib/server/clock';

// The test side of lib/server/clock.ts. Integration tests run with
// RELM_TEST_CLOCK=1 (tests/support/integration-setup.ts), so they may move it.

export { advanceClock, clockState, resetClock, setClock };

/** Fixed instants for time-dependent tests: never the day the suite happens to run on. */
export const INSTANTS = {
  /** Wednesday 10 June 2026, 09:00 in London (BST) */
  weekdayMorning: '2026-06-10T08:00:00Z',
  /** Friday 4 December 2026, 19:00 in London (GMT): inside a Friday-evening weekend freeze */
  fridayEvening: '2026-12-04T19:00:00Z',
  /** Sunday 6 December 2026, 20:00 in London */
  sundayEvening: '2026-12-06T20:00:00Z',
  /** Sunday 29 March 2026, 01:30 UTC: London has just sprung forward (01:00 GMT became 02:00 BST) */
  dstSpringForward: '2026-03-29T01:30:00Z',
  /** Sunday 25 October 2026, 01:30 UTC: London falls back (02:00 BST became 01:00 GMT) */
  dstFallBack: '2026-10-25T01:30:00Z',
} as const;

/**
 * Runs every test of the calling file (or describe block) with the clock set to
 * `at`, running on from there at wall speed unless `frozen`; back to the wall
 * clock afterwards.
 */
export function withClockAt(at: ClockSetting['at'], opts: { frozen?: boolean; each?: boolean } = {}): void {
  const set = () => void setClock({ at, frozen: opts.frozen });
  if (opts.each) {
    beforeEach(set);
    afterEach(resetClock);
  } else {
    beforeAll(set);
    afterAll(resetClock);
  }
}

/** Runs `fn` with the clock set to `at` (frozen unless told otherwise), then puts the clock back as it was. */
export async function atClock<T>(at: ClockSetting['at'], fn: () => Promise<T> | T, opts: { frozen?: boolean } = {}): Promise<T> {
  const before = clockState();
  const wasMs = nowMs();
  setClock({ at, frozen: opts.frozen ?? true });
  try {
    return await fn();
  } finally {
    if (before.source === 'wall') resetClock();
    else setClock({ at: wasMs, frozen: before.frozen });
  }
}
