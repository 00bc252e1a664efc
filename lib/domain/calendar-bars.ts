import { comparePriority, type Prioritised, type Timed } from './calendar';

// How the month and week views draw release windows (docs/decisions/053): one bar per
// window (a release on one environment) across the days it spans, split where a week
// row ends, stacked in lanes so no two bars of a row overlap, with at most `maxLanes`
// lanes per row; what does not fit is counted per day ("+ n more", which opens the day).
// Pure: the caller passes the days of each row and the priority of each window.

export interface BarDay {
  start: Date;
  end: Date;
}

export interface BarItem extends Timed {
  id: string;
  priority: Prioritised;
}

export interface BarSegment<T extends BarItem> {
  item: T;
  /** first and last column (0-based, inclusive) of the row the bar covers */
  from: number;
  to: number;
  /** 0 = top */
  lane: number;
  /** the window started before this row's first day (drawn with a "continues" mark on the left) */
  continuesBefore: boolean;
  /** the window ends after this row's last day */
  continuesAfter: boolean;
  /** whether this is the first segment of the window in the whole grid (the one in the Tab order) */
  first: boolean;
}

export interface BarRow<T extends BarItem> {
  segments: BarSegment<T>[];
  /** lanes in use (0 … maxLanes) */
  lanes: number;
  /** per column: windows touching the day that have no bar in this row */
  hidden: T[][];
}

/** The columns [from, to] an item covers in a row of consecutive days, or null when it touches none. */
export function columnsOf(item: Timed, days: readonly BarDay[]): { from: number; to: number } | null {
  const s = item.start.getTime();
  // a window is half-open; one without length belongs to the day it happens on
  const e = Math.max(item.end.getTime(), s + 1);
  let from = -1;
  let to = -1;
  for (let i = 0; i < days.length; i++) {
    const d = days[i]!;
    if (s < d.end.getTime() && e > d.start.getTime()) {
      if (from < 0) from = i;
      to = i;
    }
  }
  return from < 0 ? null : { from, to };
}

/**
 * Lays out one row (a week, or fewer days). Which windows get a bar is decided by
 * priority (comparePriority: conflicts, status, tier, start…): a window gets one when
 * every day it covers in the row still has fewer than `maxLanes` bars, so a day never
 * holds more than `maxLanes` and the most important windows are the ones drawn. The
 * chosen bars are then stacked by start (longer first), the greedy order that needs no
 * more lanes than the most crowded day: the row reads by time, as the calendar does.
 * `counts` (per column, optional) are the windows touching each day when more exist than
 * were given (a crowded period, decision 022); `hidden` then lists only those given.
 */
export function layoutRow<T extends BarItem>(
  items: readonly T[],
  days: readonly BarDay[],
  maxLanes: number,
  seen: Set<string> = new Set(),
): BarRow<T> & { counts: number[] } {
  const placed: { item: T; from: number; to: number }[] = [];
  for (const item of items) {
    const cols = columnsOf(item, days);
    if (cols) placed.push({ item, ...cols });
  }
  const counts = days.map(() => 0);
  for (const p of placed) for (let c = p.from; c <= p.to; c++) counts[c]!++;

  const used = days.map(() => 0);
  const shown: typeof placed = [];
  const hidden: T[][] = days.map(() => []);
  const byPriority = [...placed].sort((a, b) => comparePriority(a.item.priority, b.item.priority) || (a.item.id < b.item.id ? -1 : 1));
  for (const p of byPriority) {
    let fits = maxLanes > 0;
    for (let c = p.from; c <= p.to && fits; c++) if (used[c]! >= maxLanes) fits = false;
    if (fits) {
      for (let c = p.from; c <= p.to; c++) used[c]!++;
      shown.push(p);
    } else {
      for (let c = p.from; c <= p.to; c++) hidden[c]!.push(p.item);
    }
  }
  for (const h of hidden) h.sort((a, b) => a.start.getTime() - b.start.getTime() || a.end.getTime() - b.end.getTime());

  shown.sort(
    (a, b) =>
      a.from - b.from ||
      b.to - b.from - (a.to - a.from) ||
      a.item.start.getTime() - b.item.start.getTime() ||
      comparePriority(a.item.priority, b.item.priority),
  );
  // laneEnds[l]: the last column taken in lane l
  const laneEnds: number[] = [];
  const segments: BarSegment<T>[] = [];
  const rowStart = days[0]?.start.getTime() ?? 0;
  const rowEnd = days[days.length - 1]?.end.getTime() ?? 0;
  for (const p of shown) {
    let lane = laneEnds.findIndex((end) => end < p.from);
    if (lane < 0) {
      lane = laneEnds.length;
      laneEnds.push(p.to);
    } else laneEnds[lane] = p.to;
    segments.push({
      item: p.item,
      from: p.from,
      to: p.to,
      lane,
      continuesBefore: p.item.start.getTime() < rowStart,
      continuesAfter: p.item.end.getTime() > rowEnd,
      first: !seen.has(p.item.id),
    });
  }
  for (const s of segments) seen.add(s.item.id);
  // document order: by lane, then column (what a screen reader and the Tab key meet) is less
  // useful than by day: bars starting on Monday first, top to bottom
  segments.sort((a, b) => a.from - b.from || a.lane - b.lane);
  return { segments, lanes: laneEnds.length, hidden, counts };
}

/**
 * Every row of a month (or the one row of a week). `counts`, when given (a crowded
 * period: only some windows were loaded), are the windows touching each day of the grid
 * in order; "+ n more" of a day is its count minus the bars drawn on it.
 */
export function layoutBars<T extends BarItem>(
  items: readonly T[],
  weeks: readonly (readonly BarDay[])[],
  maxLanes: number,
  counts?: readonly number[],
): (BarRow<T> & { more: number[] })[] {
  const seen = new Set<string>();
  let offset = 0;
  return weeks.map((days) => {
    const row = layoutRow(items, days, maxLanes, seen);
    const drawn = days.map(() => 0);
    for (const s of row.segments) for (let c = s.from; c <= s.to; c++) drawn[c]!++;
    const more = days.map((_, c) => Math.max(0, (counts ? (counts[offset + c] ?? row.counts[c]!) : row.counts[c]!) - drawn[c]!));
    offset += days.length;
    return { segments: row.segments, lanes: row.lanes, hidden: row.hidden, more };
  });
}

/**
 * The agenda: each window once, under the day it starts (a window already running when
 * the period begins goes under the period's first day), days in order, windows by start.
 * Days with nothing starting are left out unless `keep` says otherwise (a day with a
 * freeze or a maintenance window, or with more to open in a crowded period).
 */
export function agendaDays<T extends Timed>(
  items: readonly T[],
  days: readonly BarDay[],
  keep: (index: number) => boolean = () => false,
): { index: number; items: T[] }[] {
  const out = days.map((_, index) => ({ index, items: [] as T[] }));
  if (!days.length) return [];
  const first = days[0]!.start.getTime();
  const last = days[days.length - 1]!.end.getTime();
  for (const item of items) {
    const s = item.start.getTime();
    const e = Math.max(item.end.getTime(), s + 1);
    if (!(s < last && e > first)) continue;
    let index = 0;
    if (s >= first) {
      index = days.findIndex((d) => s >= d.start.getTime() && s < d.end.getTime());
      if (index < 0) continue;
    }
    out[index]!.items.push(item);
  }
  for (const d of out) d.items.sort((a, b) => a.start.getTime() - b.start.getTime() || a.end.getTime() - b.end.getTime());
  return out.filter((d) => d.items.length > 0 || keep(d.index));
}
