// Critical path of a release plan (CPM): a forward pass gives each task's
// earliest start and finish, a backward pass from the projected finish gives the
// latest start and finish; slack is how far a task may slip without moving the
// finish, and the tasks without slack form the critical path.
//
// Pure and O(V + E): one topological order (Kahn's algorithm over index arrays),
// one pass forwards, one backwards. All arithmetic is in whole milliseconds, so
// "slack is exactly zero" is an exact comparison.
//
// With what has happened (actual start/finish), the schedule is a projection:
// - a finished task occupies its actual start to its actual finish;
// - a started task starts at its actual start and finishes at
//   max(start + estimate, now): once the estimate is used up it runs at least until now;
// - a task not started yet starts no earlier than its prerequisites' finish, the
//   plan start, and now (it cannot start in the past).
// So the projection moves as tasks start and finish (and as time passes).
// The baseline (`plannedStart`/`plannedFinish`) is the same plan with estimates
// only, from the plan start: what was planned, to compare with what happens.

import { describeCycle, findCycle } from './graph';

export interface CpmTaskInput {
  id: string;
  name: string;
  /** the estimate; negative or non-finite values count as 0 */
  durationMinutes: number;
  /** ids of the tasks this one waits for; unknown ids are ignored */
  dependsOn: readonly string[];
  actualStart?: Date | null;
  actualFinish?: Date | null;
}

export type CpmStatus = 'not_started' | 'in_progress' | 'finished';

export interface CpmTask {
  id: string;
  name: string;
  durationMinutes: number;
  status: CpmStatus;
  /** baseline: estimates only, from the plan start */
  plannedStart: Date;
  plannedFinish: Date;
  /** projection (with actuals) */
  earliestStart: Date;
  earliestFinish: Date;
  latestStart: Date;
  latestFinish: Date;
  /** minutes from the plan start (fractional when actual times are not on a whole minute) */
  es: number;
  ef: number;
  ls: number;
  lf: number;
  /** latest finish − earliest finish, in minutes; negative only when recorded times contradict the dependencies */
  slackMinutes: number;
  /** no slack: slipping this task moves the projected finish */
  critical: boolean;
}

export interface CpmSchedule {
  planStart: Date;
  now: Date;
  /** in the order given */
  tasks: CpmTask[];
  /** ids in dependency order: the chain of tasks that determines the projected finish */
  criticalPath: string[];
  /** projected finish − plan start, in minutes */
  durationMinutes: number;
  projectedFinish: Date;
  /** baseline: the longest path of estimates, in minutes, and when it ends */
  plannedDurationMinutes: number;
  plannedFinish: Date;
}

export class PlanCycleError extends Error {
  constructor(readonly cycle: string[]) {
    super(`The plan goes round in a circle: ${describeCycle(cycle)}.`);
    this.name = 'PlanCycleError';
  }
}

const MINUTE = 60_000;

const durationMs = (minutes: number) => (Number.isFinite(minutes) && minutes > 0 ? Math.round(minutes * MINUTE) : 0);
const validTime = (d: Date | null | undefined): number | null => (d instanceof Date && Number.isFinite(d.getTime()) ? d.getTime() : null);

/**
 * The schedule of a plan. Throws `PlanCycleError` (naming the tasks) when the
 * dependencies go round in a circle.
 */
export function criticalPath(tasks: readonly CpmTaskInput[], opts: { planStart: Date; now: Date }): CpmSchedule {
  const n = tasks.length;
  const start = validTime(opts.planStart) ?? 0;
  const now = validTime(opts.now) ?? start;
  const index = new Map<string, number>();
  tasks.forEach((t, i) => {
    if (index.has(t.id)) throw new Error(`duplicate task id ${t.id}`);
    index.set(t.id, i);
  });

  // adjacency as index arrays; duplicate and unknown dependencies dropped
  const preds: number[][] = Array.from({ length: n }, () => []);
  const succs: number[][] = Array.from({ length: n }, () => []);
  for (let i = 0; i < n; i++) {
    const seen = new Set<number>();
    for (const dep of tasks[i]!.dependsOn) {
      const j = index.get(dep);
      if (j === undefined || seen.has(j)) continue;
      seen.add(j);
      preds[i]!.push(j);
      succs[j]!.push(i);
    }
  }

  // Kahn's algorithm with a FIFO queue: ties keep the input order
  const pending = preds.map((p) => p.length);
  const order: number[] = [];
  for (let i = 0; i < n; i++) if (pending[i] === 0) order.push(i);
  for (let head = 0; head < order.length; head++) {
    for (const s of succs[order[head]!]!) if (--pending[s]! === 0) order.push(s);
  }
  if (order.length !== n) {
    const edges = tasks.flatMap((t) => t.dependsOn.filter((d) => index.has(d)).map((d) => ({ from: t.id, to: d })));
    const cycle =
      findCycle(
        tasks.map((t) => t.id),
        edges,
      ) ?? [];
    const names = new Map(tasks.map((t) => [t.id, t.name]));
    throw new PlanCycleError(cycle.map((id) => names.get(id) ?? id));
  }

  const dur = tasks.map((t) => durationMs(t.durationMinutes));
  const aStart = tasks.map((t) => validTime(t.actualStart));
  const aFinish = tasks.map((t, i) => (aStart[i] === null ? null : validTime(t.actualFinish)));

  // baseline and projection, forwards
  const pes = new Array<number>(n);
  const pef = new Array<number>(n);
  const es = new Array<number>(n);
  const ef = new Array<number>(n);
  for (const i of order) {
    let base = start;
    let ready = Math.max(start, now);
    for (const p of preds[i]!) {
      if (pef[p]! > base) base = pef[p]!;
      if (ef[p]! > ready) ready = ef[p]!;
    }
    pes[i] = base;
    pef[i] = base + dur[i]!;
    const s = aStart[i] ?? null;
    const f = aFinish[i] ?? null;
    if (s !== null && f !== null) {
      es[i] = s;
      ef[i] = Math.max(s, f);
    } else if (s !== null) {
      es[i] = s;
      ef[i] = Math.max(s + dur[i]!, now);
    } else {
      es[i] = ready;
      ef[i] = ready + dur[i]!;
    }
  }
  // an empty plan finishes when it starts; otherwise at the latest finish (even
  // if, oddly, everything was done before the planned start)
  let finish = n ? -Infinity : start;
  let plannedFinish = start;
  for (let i = 0; i < n; i++) {
    if (ef[i]! > finish) finish = ef[i]!;
    if (pef[i]! > plannedFinish) plannedFinish = pef[i]!;
  }

  // backwards: latest finish is the earliest latest start of the dependents
  const ls = new Array<number>(n);
  const lf = new Array<number>(n);
  for (let k = n - 1; k >= 0; k--) {
    const i = order[k]!;
    let latest = finish;
    for (const s of succs[i]!) if (ls[s]! < latest) latest = ls[s]!;
    lf[i] = latest;
    ls[i] = latest - (ef[i]! - es[i]!);
  }
  const slack = (i: number) => lf[i]! - ef[i]!;

  // the chain that ends at the projected finish, walked back through the
  // prerequisite that held each task up (latest finish first, then input order)
  const path: number[] = [];
  if (n) {
    let cur = -1;
    for (const i of order) if (ef[i] === finish && slack(i) <= 0 && (cur === -1 || i < cur)) cur = i;
    while (cur !== -1) {
      path.push(cur);
      let next = -1;
      for (const p of preds[cur]!) {
        if (slack(p) > 0 || ef[p]! < es[cur]!) continue;
        if (next === -1 || ef[p]! > ef[next]! || (ef[p] === ef[next] && p < next)) next = p;
      }
      cur = next;
    }
    path.reverse();
  }

  const at = (ms: number) => new Date(ms);
  const min = (ms: number) => (ms - start) / MINUTE;
  return {
    planStart: at(start),
    now: at(now),
    tasks: tasks.map((t, i) => ({
      id: t.id,
      name: t.name,
      durationMinutes: dur[i]! / MINUTE,
      status: aFinish[i] !== null ? 'finished' : aStart[i] !== null ? 'in_progress' : 'not_started',
      plannedStart: at(pes[i]!),
      plannedFinish: at(pef[i]!),
      earliestStart: at(es[i]!),
      earliestFinish: at(ef[i]!),
      latestStart: at(ls[i]!),
      latestFinish: at(lf[i]!),
      es: min(es[i]!),
      ef: min(ef[i]!),
      ls: min(ls[i]!),
      lf: min(lf[i]!),
      slackMinutes: slack(i) / MINUTE,
      critical: slack(i) <= 0,
    })),
    criticalPath: path.map((i) => tasks[i]!.id),
    durationMinutes: min(finish),
    projectedFinish: at(finish),
    plannedDurationMinutes: min(plannedFinish),
    plannedFinish: at(plannedFinish),
  };
}

export interface WindowComparison {
  projectedFinish: Date;
  plannedEnd: Date | null;
  /** projected finish − planned end in whole minutes (rounded); negative = early; null without a planned end */
  lateByMinutes: number | null;
}

/** The projected finish against the end of the release's planned window. */
export function compareWithWindow(schedule: Pick<CpmSchedule, 'projectedFinish'>, window: { plannedEnd?: Date | null }): WindowComparison {
  const end = validTime(window.plannedEnd);
  return {
    projectedFinish: schedule.projectedFinish,
    plannedEnd: end === null ? null : new Date(end),
    lateByMinutes: end === null ? null : Math.round((schedule.projectedFinish.getTime() - end) / MINUTE) || 0,
  };
}
