import 'server-only';
import { env } from './env';

// The one clock of lib/server (docs/decisions/012-one-clock.md). Business time —
// what a rule compares with a window, an expiry or a due date, and what a record
// stores as "when" — comes from here, never from `new Date()` elsewhere.
//
// Tests move this clock instead of sleeping. The seam is inert unless the
// process was started with RELM_TEST_CLOCK=1: without it, every attempt to set
// or advance the clock throws, so a production server cannot have its clock
// moved, whoever asks. Timestamps for logs may use the wall clock directly.

type ClockState = {
  /** the instant (ms) the clock was set to, or null for the wall clock */
  setTo: number | null;
  /** wall-clock ms when it was set; a running clock moves on from setTo by the elapsed wall time */
  setAtWall: number;
  /** a frozen clock stays at setTo until moved again */
  frozen: boolean;
};

// Kept on globalThis: Next.js may load this module once per bundle (route
// handlers, server components, actions), and all of them must read one clock.
const KEY = '__relmClock';
const globals = globalThis as unknown as Record<string, ClockState | undefined>;
const state: ClockState = (globals[KEY] ??= { setTo: null, setAtWall: 0, frozen: false });

/** Whether this process may have its clock moved (RELM_TEST_CLOCK=1 at startup). */
export function testClockEnabled(): boolean {
  return env().RELM_TEST_CLOCK;
}

/** Business "now" in epoch milliseconds. */
export function nowMs(): number {
  if (state.setTo === null) return Date.now();
  return state.frozen ? state.setTo : state.setTo + (Date.now() - state.setAtWall);
}

/** Business "now" as a fresh Date (callers may mutate it). */
export function now(): Date {
  return new Date(nowMs());
}

export class ClockLockedError extends Error {
  constructor() {
    super('The clock of this Relm process cannot be moved: it was not started with RELM_TEST_CLOCK=1 (tests only).');
    this.name = 'ClockLockedError';
  }
}

function assertMovable(): void {
  if (!testClockEnabled()) throw new ClockLockedError();
}

export interface ClockSetting {
  /** the instant to move to (ISO string, Date or epoch ms) */
  at: string | Date | number;
  /** stay at that instant until moved again (default: run on from it at wall speed) */
  frozen?: boolean;
}

/** Tests only: move the clock to an instant, frozen there or running on from it. */
export function setClock(setting: ClockSetting): Date {
  assertMovable();
  const at = new Date(setting.at).getTime();
  if (!Number.isFinite(at)) throw new RangeError(`Not an instant: ${String(setting.at)}`);
  state.setTo = at;
  state.setAtWall = Date.now();
  state.frozen = setting.frozen ?? false;
  return new Date(at);
}

/** Tests only: move the clock forward (or back, with a negative amount) by `ms`. */
export function advanceClock(ms: number): Date {
  assertMovable();
  if (!Number.isFinite(ms)) throw new RangeError(`Not a duration: ${ms}`);
  const current = nowMs();
  state.setTo = current + ms;
  state.setAtWall = Date.now();
  return new Date(state.setTo);
}

/**
 * Back to the wall clock. Allowed everywhere (on a server that never moved its clock
 * it changes nothing), so test setup can call it before the environment is read.
 */
export function resetClock(): void {
  state.setTo = null;
  state.frozen = false;
}

/** What the clock is doing, for the test endpoint and the health check. */
export function clockState(): { now: string; source: 'wall' | 'test'; frozen: boolean } {
  return { now: now().toISOString(), source: state.setTo === null ? 'wall' : 'test', frozen: state.setTo !== null && state.frozen };
}
