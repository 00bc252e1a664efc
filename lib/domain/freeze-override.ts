// The rule a freeze override's reason follows, apart from lib/domain/freeze.ts: the
// override form (a client component) needs it, and freeze.ts brings the recurrence
// engine (rrule, ~70 kB gzip) into any bundle that imports it.

/** A freeze override needs a reason of at least this many characters. */
export const OVERRIDE_REASON_MIN = 20;
