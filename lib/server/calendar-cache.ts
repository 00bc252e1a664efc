import 'server-only';
import { db } from './db';
import { nowMs } from './clock';

// A short-lived, in-process cache for what the calendar feed renders
// (docs/decisions/022-calendar-density.md). An entry is used only while the data
// fingerprint it was built under still holds and it is younger than its TTL, so a
// change to a release, a freeze, an environment, a component, a team or a user is
// seen by the next request; the TTL bounds anything the fingerprint cannot see.

export interface CalendarFingerprint {
  /** opaque: equal when nothing a calendar shows has changed (as far as it can tell) */
  key: string;
  /** the latest change it saw (epoch ms), for Last-Modified */
  lastModified: number;
}

type Row = { r: Date | null; n: number | null; f: Date | null; fc: bigint; e: Date | null; c: Date | null; t: Date | null; u: Date | null };

/**
 * One statement, constant cost: the newest Release.updatedAt (its index, read
 * backwards) and the highest release number (unique index) catch every edit,
 * transition and new release (every release write bumps updatedAt through
 * saveVersioned; releases are never deleted); freezes, environments, components,
 * teams and users are small tables an admin curates (names and scopes shown in
 * the feed), read whole.
 */
export async function calendarFingerprint(): Promise<CalendarFingerprint> {
  const prisma = await db();
  const [row] = await prisma.$queryRaw<Row[]>`SELECT
      (SELECT max("updatedAt") FROM "Release") AS r,
      (SELECT max("number") FROM "Release") AS n,
      (SELECT max("updatedAt") FROM "FreezeWindow") AS f,
      (SELECT count(*) FROM "FreezeWindow") AS fc,
      (SELECT max("updatedAt") FROM "Environment") AS e,
      (SELECT max("updatedAt") FROM "Component") AS c,
      (SELECT max("updatedAt") FROM "Team") AS t,
      (SELECT max("updatedAt") FROM "User") AS u`;
  const times = [row?.r, row?.f, row?.e, row?.c, row?.t, row?.u].map((d) => (d ? new Date(d).getTime() : 0));
  return { key: [...times, row?.n ?? 0, String(row?.fc ?? 0)].join('.'), lastModified: Math.max(0, ...times) };
}

/** A small LRU of values valid under one fingerprint for at most `ttlMs` of the business clock. */
export class FingerprintCache<T> {
  private readonly entries = new Map<string, { fingerprint: string; at: number; value: T }>();

  constructor(
    private readonly maxEntries: number,
    private readonly ttlMs: number,
  ) {}

  get(key: string, fingerprint: string): T | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    const age = nowMs() - e.at;
    if (e.fingerprint !== fingerprint || age < 0 || age >= this.ttlMs) {
      this.entries.delete(key);
      return undefined;
    }
    // most recently used last
    this.entries.delete(key);
    this.entries.set(key, e);
    return e.value;
  }

  set(key: string, fingerprint: string, value: T): void {
    this.entries.delete(key);
    this.entries.set(key, { fingerprint, at: nowMs(), value });
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }

  clear(): void {
    this.entries.clear();
  }

  /** the cached values, least recently used first (for diagnostics) */
  values(): T[] {
    return [...this.entries.values()].map((e) => e.value);
  }

  get size(): number {
    return this.entries.size;
  }
}

export interface RenderedFeed {
  body: string;
  gzip: Buffer;
  etag: string;
  lastModified: Date;
  truncated: boolean;
}

/**
 * Rendered iCalendar feeds by query (app/api/v1/calendar.ics), valid while nothing
 * they show has changed and for at most ten minutes: calendar programs poll hourly,
 * many subscribers share a few addresses, and a dense feed takes a second to build.
 * On globalThis: Next.js may load this module once per bundle.
 */
export const FEED_TTL_MS = 10 * 60_000;
const KEY = '__relmFeedCache';
const globals = globalThis as unknown as Record<string, FingerprintCache<RenderedFeed> | undefined>;
export const feedCache: FingerprintCache<RenderedFeed> = (globals[KEY] ??= new FingerprintCache<RenderedFeed>(32, FEED_TTL_MS));
