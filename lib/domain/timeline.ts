import { DateTime } from 'luxon';
import { isValidZone, parseCalendarDate, todayIn } from './calendar';
import en from '@/messages/en/domain-timeline.json';
import { sayer } from './said';

// The portfolio timeline's pure parts (docs/decisions/047-portfolio-timeline.md): the
// period (whole weeks from a Monday, in the viewer's zone), where a window's bar sits in
// it (percentages of the period, clipped at its edges), lanes for bars of one row that
// overlap, and grouping. A grouping is one small function from a window to its group
// (TIMELINE_GROUPINGS): adding one (e.g. release trains) is one entry there plus the
// field it reads on TimelineWindow.

export const TIMELINE_SPANS = [2, 4, 8, 12] as const;
export type TimelineSpan = (typeof TIMELINE_SPANS)[number];
export const DEFAULT_SPAN: TimelineSpan = 4;

export interface TimelineDay {
  /** "2026-12-07" in the zone */
  date: string;
  start: Date;
  end: Date;
  /** ISO weekday, 1 = Monday */
  weekday: number;
  isToday: boolean;
}

export interface TimelineWeek {
  /** "Week 50: 7 Dec" */
  label: string;
  /** the Monday (YYYY-MM-DD) */
  date: string;
  /** where the week starts and how wide it is, in percent of the period */
  left: number;
  width: number;
}

export interface TimelinePeriod {
  timezone: string;
  weeks: TimelineSpan;
  /** the Monday the period starts on (YYYY-MM-DD) */
  start: string;
  from: Date;
  to: Date;
  days: TimelineDay[];
  weekLabels: TimelineWeek[];
  /** "7 Dec 2026 – 3 Jan 2027" */
  title: string;
  /** the start dates of the previous and next period (moved by the whole span), and of today's */
  prev: string;
  next: string;
  today: string;
  /** where "now" is, in percent of the period; null when now is outside it */
  nowAt: number | null;
}

export function isTimelineSpan(n: unknown): n is TimelineSpan {
  return typeof n === 'number' && (TIMELINE_SPANS as readonly number[]).includes(n);
}

/**
 * The period that starts on the Monday on or before `date` (today when missing or
 * invalid) and lasts `weeks` weeks, with day boundaries in `zone` (UTC when invalid).
 */
export function timelinePeriod(date: string | undefined, weeks: TimelineSpan, zone: string | undefined, now: Date): TimelinePeriod {
  const tz = isValidZone(zone) ? zone : 'UTC';
  const today = todayIn(tz, now);
  const base = (date && parseCalendarDate(date, tz)) || parseCalendarDate(today, tz)!;
  const first = base.startOf('week');
  const days: TimelineDay[] = [];
  for (let i = 0; i < weeks * 7; i++) {
    const d = first.plus({ days: i }).startOf('day');
    days.push({
      date: d.toISODate()!,
      start: d.toJSDate(),
      end: d.plus({ days: 1 }).startOf('day').toJSDate(),
      weekday: d.weekday,
      isToday: d.toISODate() === today,
    });
  }
  const from = days[0]!.start;
  const to = days[days.length - 1]!.end;
  const weekLabels: TimelineWeek[] = [];
  for (let w = 0; w < weeks; w++) {
    const monday = days[w * 7]!;
    const left = pct(monday.start, from, to);
    const right = pct(days[w * 7 + 6]!.end, from, to);
    const dt = DateTime.fromJSDate(monday.start, { zone: tz }).setLocale('en-GB');
    weekLabels.push({ label: `Week ${dt.weekNumber}: ${dt.toFormat('d LLL')}`, date: monday.date, left, width: right - left });
  }
  const last = DateTime.fromJSDate(days[days.length - 1]!.start, { zone: tz }).setLocale('en-GB');
  const firstFmt = first.setLocale('en-GB');
  const title = `${firstFmt.toFormat(firstFmt.year === last.year ? 'd LLL' : 'd LLL yyyy')} – ${last.toFormat('d LLL yyyy')}`;
  const inRange = (d: DateTime) => d.year >= 1971 && d.year <= 9998;
  const prev = first.minus({ weeks });
  const next = first.plus({ weeks });
  const nowMs = now.getTime();
  return {
    timezone: tz,
    weeks,
    start: first.toISODate()!,
    from,
    to,
    days,
    weekLabels,
    title,
    prev: (inRange(prev) ? prev : first).toISODate()!,
    next: (inRange(next) ? next : first).toISODate()!,
    today: parseCalendarDate(today, tz)!.startOf('week').toISODate()!,
    nowAt: nowMs >= from.getTime() && nowMs < to.getTime() ? pct(now, from, to) : null,
  };
}

function pct(at: Date, from: Date, to: Date): number {
  const span = to.getTime() - from.getTime();
  return span > 0 ? ((at.getTime() - from.getTime()) / span) * 100 : 0;
}

/** Bars narrower than this (in percent of the period) are widened so they stay visible and clickable. */
export const MIN_BAR_PERCENT = 0.6;

export interface BarGeometry {
  /** percent of the period from its start */
  left: number;
  width: number;
  /** the window starts before the period / ends after it (the bar is cut there) */
  clippedStart: boolean;
  clippedEnd: boolean;
}

/** Where a window [start, end) sits in the period [from, to), or null when it does not touch it. */
export function barGeometry(start: Date, end: Date, from: Date, to: Date): BarGeometry | null {
  const s = start.getTime();
  const e = Math.max(end.getTime(), s);
  if (!(s < to.getTime() && e > from.getTime()) && !(s === e && s >= from.getTime() && s < to.getTime())) return null;
  const clippedStart = s < from.getTime();
  const clippedEnd = e > to.getTime();
  let left = clippedStart ? 0 : pct(start, from, to);
  let width = (clippedEnd ? 100 : pct(new Date(e), from, to)) - left;
  if (width < MIN_BAR_PERCENT) {
    width = MIN_BAR_PERCENT;
    if (left + width > 100) left = 100 - width;
  }
  return { left, width, clippedStart, clippedEnd };
}

/**
 * Lanes for intervals drawn in one row: each item gets the lowest lane whose last
 * interval ended at or before it starts (greedy by start, which uses as few lanes as
 * the most intervals overlapping at one instant). Returns lanes in the items' order.
 */
export function assignLanes(items: readonly { start: number; end: number }[]): { lanes: number[]; count: number } {
  const order = items.map((_, i) => i).sort((a, b) => items[a]!.start - items[b]!.start || items[a]!.end - items[b]!.end || a - b);
  const laneEnds: number[] = [];
  const lanes = new Array<number>(items.length).fill(0);
  for (const i of order) {
    const it = items[i]!;
    let lane = laneEnds.findIndex((end) => end <= it.start);
    if (lane === -1) {
      lane = laneEnds.length;
      laneEnds.push(it.end);
    } else laneEnds[lane] = it.end;
    lanes[i] = lane;
  }
  return { lanes, count: Math.max(laneEnds.length, 1) };
}

// ---------------------------------------------------------------- grouping

/** One release window as the timeline needs it (a plain-data subset of the calendar's event). */
export interface TimelineWindow {
  id: string;
  releaseId: string;
  key: string;
  number: number;
  title: string;
  status: string;
  riskLevel: string | null;
  environment: { name: string; displayName: string; position: number } | null;
  team: { slug: string; name: string } | null;
  /** the train departure the release rides (docs/decisions/046-release-trains.md), if any */
  train: { slug: string; name: string; departureAt: string; departureLabel: string } | null;
  start: string;
  end: string;
  source: 'scheduled' | 'planned';
  conflictsWith: string[];
  conflictNotes: string[];
  inFreezes: string[];
}

/** A freeze occurrence: which environments it covers (empty = every one). */
export interface TimelineFreeze {
  id: string;
  name: string;
  start: string;
  end: string;
  environments: string[];
  components: string[];
}

export interface GroupOf {
  key: string;
  label: string;
  /** groups sort by this, then by label */
  order: number;
}

export interface TimelineGrouping {
  label: string;
  /** the group a window belongs to */
  groupOf: (w: TimelineWindow) => GroupOf;
  /** whether a freeze is shaded across a group's rows (default: every freeze) */
  freezeApplies?: (f: TimelineFreeze, group: GroupOf) => boolean;
}

const LAST = Number.MAX_SAFE_INTEGER;

// a departure's heading is a message of the domain-timeline catalogue, for the reader's language (decision 060)
const say = sayer('domain-timeline', en);

export const TIMELINE_GROUPINGS = {
  team: {
    label: 'Team',
    // the owner's team, as the calendar's team
    groupOf: (w) => (w.team ? { key: w.team.slug, label: w.team.name, order: 0 } : { key: '', label: 'No team', order: LAST }),
  },
  environment: {
    label: 'Environment',
    groupOf: (w) =>
      w.environment
        ? { key: w.environment.name, label: w.environment.displayName, order: w.environment.position }
        : { key: '', label: 'No environment yet', order: LAST },
    // an environment's rows are shaded by the freezes that cover every environment or this one
    freezeApplies: (f, g) => f.environments.length === 0 || f.environments.includes(g.key),
  },
  train: {
    label: 'Train',
    // one group per departure, in departure order: the releases that ship together
    groupOf: (w) =>
      w.train
        ? {
            key: `${w.train.slug}@${w.train.departureAt}`,
            label: say('trainGroup', { train: w.train.name, departure: w.train.departureLabel }),
            order: Date.parse(w.train.departureAt),
          }
        : { key: '', label: 'Not on a train', order: LAST },
  },
} satisfies Record<string, TimelineGrouping>;

export type TimelineGroupBy = keyof typeof TIMELINE_GROUPINGS;
export const TIMELINE_GROUP_BYS = Object.keys(TIMELINE_GROUPINGS) as TimelineGroupBy[];

export interface TimelineBar extends BarGeometry {
  window: TimelineWindow;
  lane: number;
}

export interface TimelineRow {
  releaseId: string;
  key: string;
  title: string;
  status: string;
  bars: TimelineBar[];
  lanes: number;
}

export interface TimelineFreezeBand extends BarGeometry {
  freeze: TimelineFreeze;
}

export interface TimelineGroup {
  key: string;
  label: string;
  rows: TimelineRow[];
  /** freeze bands shaded across this group's rows */
  freezes: TimelineFreezeBand[];
}

/**
 * The chart: windows grouped by `grouping`, one row per release in each group (a
 * release on two environments is in two environment groups), its bars in lanes when
 * they overlap; rows by first start, then key number. Windows outside the period are dropped.
 */
export function layoutTimeline(
  windows: readonly TimelineWindow[],
  freezes: readonly TimelineFreeze[],
  grouping: TimelineGrouping,
  period: { from: Date; to: Date },
): TimelineGroup[] {
  const groups = new Map<string, { g: GroupOf; rows: Map<string, TimelineWindow[]> }>();
  for (const w of windows) {
    const g = grouping.groupOf(w);
    let entry = groups.get(g.key);
    if (!entry) groups.set(g.key, (entry = { g, rows: new Map() }));
    const list = entry.rows.get(w.releaseId);
    if (list) list.push(w);
    else entry.rows.set(w.releaseId, [w]);
  }
  const out: TimelineGroup[] = [];
  const sorted = [...groups.values()].sort((a, b) => a.g.order - b.g.order || a.g.label.localeCompare(b.g.label));
  for (const { g, rows } of sorted) {
    const built: (TimelineRow & { first: number; number: number })[] = [];
    for (const ws of rows.values()) {
      const placed = ws
        .map((w) => ({ w, geo: barGeometry(new Date(w.start), new Date(w.end), period.from, period.to) }))
        .filter((x): x is { w: TimelineWindow; geo: BarGeometry } => x.geo !== null);
      if (!placed.length) continue;
      // lanes by the drawn extent, so two short bars that touch on screen do not overlap
      const { lanes, count } = assignLanes(placed.map((p) => ({ start: p.geo.left, end: p.geo.left + p.geo.width })));
      const bars = placed.map((p, i) => ({ ...p.geo, window: p.w, lane: lanes[i]! }));
      const w0 = ws[0]!;
      built.push({
        releaseId: w0.releaseId,
        key: w0.key,
        title: w0.title,
        status: w0.status,
        bars: bars.sort((a, b) => a.left - b.left),
        lanes: count,
        first: Math.min(...placed.map((p) => new Date(p.w.start).getTime())),
        number: w0.number,
      });
    }
    if (!built.length) continue;
    built.sort((a, b) => a.first - b.first || a.number - b.number);
    const applies = grouping.freezeApplies ?? (() => true);
    const bands = freezes
      .filter((f) => applies(f, g))
      .map((f) => ({ freeze: f, geo: barGeometry(new Date(f.start), new Date(f.end), period.from, period.to) }))
      .filter((x): x is { freeze: TimelineFreeze; geo: BarGeometry } => x.geo !== null)
      .map((x) => ({ ...x.geo, freeze: x.freeze }));
    out.push({ key: g.key, label: g.label, rows: built.map(({ first: _f, number: _n, ...row }) => row), freezes: bands });
  }
  return out;
}
