import { DateTime, IANAZone } from 'luxon';

// The release calendar's pure parts: the visible range of a month or week view
// (weeks start on Monday; day boundaries in the viewer's time zone, so a day
// across a DST change lasts 23 or 25 hours), which day each event or freeze
// lands on, and overlap detection between events (a sweep line per
// environment and per component).

/** `agenda` lists the month's days with their windows (docs/decisions/053): a month's period, not a grid. */
export type CalendarView = 'month' | 'week' | 'day' | 'agenda';
export const CALENDAR_VIEWS: readonly CalendarView[] = ['month', 'week', 'day', 'agenda'];

export interface CalendarDay {
  /** "2026-11-23" in the calendar's zone */
  date: string;
  /** the instant the day starts in the zone (inclusive) */
  start: Date;
  /** the instant the next day starts (exclusive) */
  end: Date;
  /** ISO weekday, 1 = Monday … 7 = Sunday */
  weekday: number;
  /** false for the leading and trailing days of a month grid */
  inPeriod: boolean;
  isToday: boolean;
}

export interface CalendarGrid {
  view: CalendarView;
  timezone: string;
  /** the date the view was asked for, normalised (YYYY-MM-DD) */
  date: string;
  /** "November 2026", "Week 48: 23–29 Nov 2026" or "Monday 23 November 2026" */
  title: string;
  /** the visible range [start, end) */
  start: Date;
  end: Date;
  /** rows of seven days (one row for a week view, one row of one day for a day view) */
  weeks: CalendarDay[][];
  /** dates to link to for the previous and next period and for today */
  prev: string;
  next: string;
  today: string;
}

export const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
/** the years a calendar may show: far enough for planning, near enough that arithmetic stays safe */
export const MIN_YEAR = 1971;
export const MAX_YEAR = 9998;

export function isValidZone(zone: unknown): zone is string {
  return typeof zone === 'string' && zone.length > 0 && zone.length <= 64 && IANAZone.isValidZone(zone);
}

/** "2026-02-30", "x" or a year out of range → null; otherwise the date in `zone` at midnight. */
export function parseCalendarDate(date: string, zone: string): DateTime | null {
  if (!DATE_PATTERN.test(date)) return null;
  const dt = DateTime.fromISO(date, { zone });
  if (!dt.isValid || dt.year < MIN_YEAR || dt.year > MAX_YEAR) return null;
  return dt.startOf('day');
}

/** Today's date (YYYY-MM-DD) in `zone`; `now` is the caller's clock (lib/domain reads none). */
export function todayIn(zone: string, now: Date): string {
  return DateTime.fromJSDate(now, { zone }).toISODate()!;
}

/** The day (YYYY-MM-DD) an instant falls on in `zone`. */
export function dayOf(instant: Date, zone: string): string {
  return DateTime.fromJSDate(instant, { zone }).toISODate()!;
}

function day(dt: DateTime, inPeriod: boolean, today: string): CalendarDay {
  const date = dt.toISODate()!;
  return { date, start: dt.toJSDate(), end: dt.plus({ days: 1 }).startOf('day').toJSDate(), weekday: dt.weekday, inPeriod, isToday: date === today };
}

/**
 * The grid of a month view (whole weeks from the Monday on or before the 1st to
 * the Sunday on or after the last day) or of a week view (Monday to Sunday).
 * An invalid date falls back to today (of `now`); an invalid zone to UTC.
 */
export function calendarGrid(view: CalendarView, date: string | undefined, zone: string | undefined, now: Date): CalendarGrid {
  const tz = isValidZone(zone) ? zone : 'UTC';
  const today = todayIn(tz, now);
  const base = (date && parseCalendarDate(date, tz)) || parseCalendarDate(today, tz)!;
  const weeks: CalendarDay[][] = [];
  let first: DateTime;
  let last: DateTime;
  let title: string;
  let prev: DateTime;
  let next: DateTime;
  if (view === 'month' || view === 'agenda') {
    const monthStart = base.startOf('month');
    const monthEnd = base.endOf('month').startOf('day');
    first = monthStart.startOf('week');
    last = monthEnd.startOf('week').plus({ days: 6 });
    title = monthStart.setLocale('en-GB').toFormat('LLLL yyyy');
    prev = monthStart.minus({ months: 1 });
    next = monthStart.plus({ months: 1 });
    for (let w = first; w <= last; w = w.plus({ weeks: 1 }).startOf('day')) {
      const row: CalendarDay[] = [];
      for (let i = 0; i < 7; i++) {
        const d = w.plus({ days: i }).startOf('day');
        row.push(day(d, d.month === monthStart.month, today));
      }
      weeks.push(row);
    }
  } else if (view === 'day') {
    first = base;
    last = base;
    title = base.setLocale('en-GB').toFormat('cccc d LLLL yyyy');
    prev = base.minus({ days: 1 }).startOf('day');
    next = base.plus({ days: 1 }).startOf('day');
    weeks.push([day(base, true, today)]);
  } else {
    first = base.startOf('week');
    last = first.plus({ days: 6 }).startOf('day');
    const sameMonth = first.month === last.month;
    title = `Week ${first.weekNumber}: ${first.setLocale('en-GB').toFormat(sameMonth ? 'd' : 'd LLL')}–${last.setLocale('en-GB').toFormat('d LLL yyyy')}`;
    prev = first.minus({ weeks: 1 });
    next = first.plus({ weeks: 1 });
    weeks.push(Array.from({ length: 7 }, (_, i) => day(first.plus({ days: i }).startOf('day'), true, today)));
  }
  const clamp = (d: DateTime) => (d.year < MIN_YEAR || d.year > MAX_YEAR ? base : d);
  return {
    view,
    timezone: tz,
    date: base.toISODate()!,
    title,
    start: first.toJSDate(),
    end: last.plus({ days: 1 }).startOf('day').toJSDate(),
    weeks,
    prev: clamp(prev).toISODate()!,
    next: clamp(next).toISODate()!,
    today,
  };
}

// ------------------------------------------------------------------ placement

export interface Timed {
  start: Date;
  end: Date;
}

/** Whether [start, end) touches the day; an instant event (end <= start) belongs to the day it happens on. */
export function touchesDay(item: Timed, d: { start: Date; end: Date }): boolean {
  const s = item.start.getTime();
  const e = item.end.getTime();
  if (e <= s) return s >= d.start.getTime() && s < d.end.getTime();
  return s < d.end.getTime() && e > d.start.getTime();
}

/**
 * For each day (in the order given), the items that touch it, sorted by start
 * then by end. Items are placed by binary search over the days, so a month with
 * thousands of events stays linear in the output.
 */
export function placeByDay<T extends Timed>(items: readonly T[], days: readonly { start: Date; end: Date }[]): T[][] {
  const out: T[][] = days.map(() => []);
  if (!days.length) return out;
  const starts = days.map((d) => d.start.getTime());
  const firstDay = (t: number) => {
    // the last day whose start is <= t (or 0)
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= t) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  for (const item of items) {
    for (let i = firstDay(item.start.getTime()); i < days.length; i++) {
      const d = days[i]!;
      if (d.start.getTime() >= Math.max(item.end.getTime(), item.start.getTime() + 1)) break;
      if (touchesDay(item, d)) out[i]!.push(item);
    }
  }
  for (const list of out) list.sort((a, b) => a.start.getTime() - b.start.getTime() || a.end.getTime() - b.end.getTime());
  return out;
}

/** How an item sits on a day: starts there, ends there, or runs through it. */
export function spanOnDay(item: Timed, d: { start: Date; end: Date }): { startsToday: boolean; endsToday: boolean } {
  return {
    startsToday: item.start.getTime() >= d.start.getTime(),
    endsToday: item.end.getTime() <= d.end.getTime(),
  };
}

// ------------------------------------------------------------------ priority

/**
 * Which release windows a crowded day shows first (docs/decisions/022): what is
 * happening or about to happen before what is still a wish, history last.
 * One table, read by the month and week grids and (as an array position) by
 * the SQL that picks each day's first windows in lib/server/calendar.ts.
 */
export const STATUS_PRIORITY = [
  'deploying',
  'scheduled',
  'approved',
  'rolled_back',
  'submitted',
  'deployed',
  'handed_over',
  'in_review',
  'draft',
  'closed',
  'rejected',
  'cancelled',
] as const;

/** Production first, then the environments nearer to it; a window with no environment last. */
export const TIER_PRIORITY = ['production', 'staging', 'test', 'development'] as const;

export interface Prioritised {
  status: string;
  tier: string | null;
  start: string;
  number: number;
  environment: string | null;
  /** known only when the whole period was loaded (see 022): a conflict outranks everything */
  conflict?: boolean;
}

const rank = (list: readonly string[], v: string | null) => {
  const i = v === null ? -1 : list.indexOf(v);
  return i < 0 ? list.length : i;
};

/** Most important first: conflicts, then status, environment tier, start, release number, environment name. */
export function comparePriority(a: Prioritised, b: Prioritised): number {
  return (
    Number(!!b.conflict) - Number(!!a.conflict) ||
    rank(STATUS_PRIORITY, a.status) - rank(STATUS_PRIORITY, b.status) ||
    rank(TIER_PRIORITY, a.tier) - rank(TIER_PRIORITY, b.tier) ||
    (a.start < b.start ? -1 : a.start > b.start ? 1 : 0) ||
    a.number - b.number ||
    ((a.environment ?? '') < (b.environment ?? '') ? -1 : (a.environment ?? '') > (b.environment ?? '') ? 1 : 0)
  );
}

/**
 * The first `n` items of a day by priority, shown in order of start (a calendar
 * reads by time; the priority only decides who gets the few places).
 */
export function topOfDay<T extends Timed>(items: readonly T[], n: number, key: (t: T) => Prioritised): T[] {
  if (items.length <= n) return [...items];
  return [...items]
    .sort((a, b) => comparePriority(key(a), key(b)))
    .slice(0, n)
    .sort((a, b) => a.start.getTime() - b.start.getTime() || a.end.getTime() - b.end.getTime());
}

// ------------------------------------------------------------------ overlaps

export interface OverlapEvent {
  /** unique per event (e.g. "REL-12:production") */
  id: string;
  /** events of the same release never conflict with each other */
  releaseId: string;
  start: Date;
  end: Date;
  /** environment name, or null when the release names none */
  environment: string | null;
  components: readonly string[];
}

export interface Overlap {
  /** the two event ids, a < b */
  a: string;
  b: string;
  /** whether both are on the same environment */
  sameEnvironment: boolean;
  /** components both deploy, sorted */
  components: string[];
}

/** Half-open intervals: touching end to start is not an overlap, and an empty interval overlaps nothing. */
export const intervalsOverlap = (a: Timed, b: Timed) =>
  a.start.getTime() < a.end.getTime() && b.start.getTime() < b.end.getTime() && a.start.getTime() < b.end.getTime() && b.start.getTime() < a.end.getTime();

/**
 * Pairs of events of different releases that overlap in time and run on the
 * same environment or share a component. One sweep line per environment and per
 * component: events sorted by start, an active list pruned of those that ended.
 * Cost is O(n log n + k) for k reported (group, pair) hits.
 */
export function findOverlaps(events: readonly OverlapEvent[]): Overlap[] {
  const groups = new Map<string, OverlapEvent[]>();
  const add = (key: string, e: OverlapEvent) => {
    const list = groups.get(key);
    if (list) list.push(e);
    else groups.set(key, [e]);
  };
  for (const e of events) {
    if (!(e.end.getTime() > e.start.getTime())) continue;
    if (e.environment !== null) add(`e\u0000${e.environment}`, e);
    for (const c of new Set(e.components)) add(`c\u0000${c}`, e);
  }
  const pairs = new Map<string, Overlap>();
  for (const [key, list] of groups) {
    if (list.length < 2) continue;
    const isEnv = key.startsWith('e\u0000');
    const component = key.slice(2);
    list.sort((x, y) => x.start.getTime() - y.start.getTime());
    let active: OverlapEvent[] = [];
    for (const e of list) {
      const t = e.start.getTime();
      active = active.filter((x) => x.end.getTime() > t);
      for (const other of active) {
        if (other.releaseId === e.releaseId) continue;
        const [a, b] = other.id < e.id ? [other.id, e.id] : [e.id, other.id];
        const k = `${a}\u0000${b}`;
        let p = pairs.get(k);
        if (!p) {
          p = { a, b, sameEnvironment: false, components: [] };
          pairs.set(k, p);
        }
        if (isEnv) p.sameEnvironment = true;
        else if (!p.components.includes(component)) p.components.push(component);
      }
      active.push(e);
    }
  }
  const out = [...pairs.values()];
  for (const p of out) p.components.sort();
  return out.sort((x, y) => (x.a < y.a ? -1 : x.a > y.a ? 1 : x.b < y.b ? -1 : x.b > y.b ? 1 : 0));
}

/** For each event id, the ids it conflicts with. */
export function conflictsById(overlaps: readonly Overlap[]): Map<string, string[]> {
  const m = new Map<string, string[]>();
  const push = (k: string, v: string) => {
    const l = m.get(k);
    if (l) l.push(v);
    else m.set(k, [v]);
  };
  for (const o of overlaps) {
    push(o.a, o.b);
    push(o.b, o.a);
  }
  return m;
}

/** Why two events conflict, as a sentence fragment: "both on production; both deploy billing-api". */
export function describeOverlap(o: Pick<Overlap, 'sameEnvironment' | 'components'>, environment: string | null): string {
  const parts: string[] = [];
  if (o.sameEnvironment && environment) parts.push(`both on ${environment}`);
  if (o.components.length)
    parts.push(`both deploy ${o.components.slice(0, 3).join(', ')}${o.components.length > 3 ? ` and ${o.components.length - 3} more` : ''}`);
  return parts.join('; ');
}
