// The rule a late-join exception's reason follows, apart from lib/domain/trains.ts: the
// request form (a client component) needs it, and trains.ts brings the recurrence engine
// (rrule, ~70 kB gzip) into any bundle that imports it.

/** A late join needs a typed reason of at least this many characters. */
export const LATE_JOIN_REASON_MIN = 20;
