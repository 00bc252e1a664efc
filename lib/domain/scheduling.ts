import enScheduling from '@/messages/en/domain-scheduling.json';
import { describeFreezeHit, freezeCovers, freezesHitting, type FreezeSpec } from './freeze';
import { describeRecurrence, instantToFloating, isValidTimeZone, occurrences, type Recurrence } from './recurrence';
import { allowsValue, statusesAllowing } from './release-rules';
import { clauses, en, list, words } from './gate-words';
import type { CheckFacts, Remedy } from './lifecycle';
import type { GateResult, MessageRef } from './result';
import { sayer, type SayValue } from './said';

const say = sayer('domain-scheduling', enScheduling);

/**
 * A problem's sentence. Its clause (the sentence without its final period, as the gates and
 * refusals list problems: "…; …") is said too, so that both can be said in the reader's language.
 */
function problem(key: string, values: Record<string, SayValue>): string {
  say(key, values);
  return say('sentence', { clause: { key, values } });
}

// Scheduling a release: is each target environment's window inside a maintenance
// window, outside every freeze that applies, in promotion order, and clear of
// other releases? Pure: the caller loads every fact and passes it in.
//
// Decisions (see docs/decisions/010-scheduling.md):
// - Intervals are half-open [start, end): a window ending at 12:00 does not
//   overlap one starting at 12:00.
// - An environment without maintenance windows accepts any time (there is
//   nothing to be outside of); with windows, the whole interval must lie inside
//   ONE occurrence (two back-to-back occurrences do not join). The policy's
//   gates.respectMaintenanceWindows = false switches the check off.
// - Only releases that are committed to their windows conflict: approved,
//   scheduled and deploying. Draft and submitted windows are proposals; finished
//   releases are history.
// - Conflicts: the same environment overlapping; a component both releases ship
//   overlapping in any environments; the same owner with overlapping windows
//   anywhere. One problem per window of ours and other release (and shared
//   component), naming the first overlapping window of the other release.
// - Environment, component and owner conflicts may be acknowledged with a reason
//   when the policy's conflicts.acknowledgeable lists the kind; freezes,
//   maintenance and promotion problems never.
// - Promotion path (gates.productionRequiresStagingSuccess): a production-tier
//   window must start at or after the end of every staging-tier window of the
//   same release. Attributed to the production environment.

export type ScheduleRule =
  | 'schedule.window_missing'
  | 'schedule.maintenance'
  | 'schedule.freeze'
  | 'schedule.promotion'
  | 'conflict.environment'
  | 'conflict.component'
  | 'conflict.owner';

export type ConflictKind = 'environment' | 'component' | 'owner';
export const CONFLICT_KINDS: readonly ConflictKind[] = ['environment', 'component', 'owner'];

export interface Window {
  start: Date;
  end: Date;
}

export interface TargetWindow {
  environmentId: string;
  environmentName: string;
  tier: string;
  position: number;
  start: Date | null;
  end: Date | null;
}

export interface ScheduleRelease {
  id: string;
  /** emergency releases are not held to maintenance windows (freezes still apply, with an override) */
  emergency?: boolean;
  key: string;
  ownerId: string;
  ownerName: string;
  componentIds: string[];
  windows: TargetWindow[];
}

export interface OtherRelease {
  id: string;
  key: string;
  ownerId: string;
  ownerName: string;
  status: string;
  componentIds: string[];
  windows: { environmentId: string; environmentName: string; start: Date; end: Date }[];
}

export interface Acknowledgement {
  otherReleaseId: string;
  kind: string;
  environmentId: string | null;
  componentId: string | null;
  reason?: string;
  by?: string;
}

export interface SchedulePolicy {
  acknowledgeable: readonly ConflictKind[];
  respectMaintenanceWindows: boolean;
  productionRequiresStagingSuccess: boolean;
}

export const DEFAULT_SCHEDULE_POLICY: SchedulePolicy = {
  acknowledgeable: ['component', 'owner'],
  respectMaintenanceWindows: true,
  productionRequiresStagingSuccess: true,
};

export interface ScheduleInput {
  release: ScheduleRelease;
  /** maintenance windows per environment id (absent or empty: any time) */
  maintenance: Record<string, { label: string; recurrence: Recurrence }[]>;
  freezes: FreezeSpec[];
  /** granted overrides: the freeze is lifted for this release in that environment */
  overrides: { freezeId: string; environmentId: string }[];
  others: OtherRelease[];
  acknowledgements: Acknowledgement[];
  policy: SchedulePolicy;
  /** component id → name, for messages */
  componentNames: Record<string, string>;
  /** the release's time zone, for messages */
  timezone: string;
  /** windows that ended before this instant are refused (absent: not checked) */
  now?: Date;
}

export interface ScheduleProblem {
  rule: ScheduleRule;
  /** environment name */
  environment?: string;
  environmentId?: string;
  otherReleaseKey?: string;
  otherReleaseId?: string;
  componentId?: string;
  /** the conflict kind, for conflicts */
  kind?: ConflictKind;
  freezeId?: string;
  message: string;
  acknowledgeable: boolean;
  acknowledged: boolean;
}

export interface ScheduleCheck {
  ok: boolean;
  problems: ScheduleProblem[];
  gates: GateResult[];
}

// ---------------------------------------------------------------- time words

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number) => String(n).padStart(2, '0');
const zoneOf = (tz: string) => (isValidTimeZone(tz) ? tz : 'UTC');

function local(d: Date, tz: string): Date {
  return new Date(instantToFloating(d, zoneOf(tz)));
}

/** "3 Dec 20:00" in `tz` */
export function formatWhen(d: Date, tz: string): string {
  const l = local(d, tz);
  return `${l.getUTCDate()} ${MONTHS[l.getUTCMonth()]} ${pad(l.getUTCHours())}:${pad(l.getUTCMinutes())}`;
}

/** "3 Dec 20:00–22:00", or "3 Dec 20:00 – 4 Dec 02:00" across days, in `tz` */
export function formatRange(w: Window, tz: string): string {
  const a = local(w.start, tz);
  const b = local(w.end, tz);
  const sameDay = a.getUTCFullYear() === b.getUTCFullYear() && a.getUTCMonth() === b.getUTCMonth() && a.getUTCDate() === b.getUTCDate();
  if (sameDay) return `${formatWhen(w.start, tz)}–${pad(b.getUTCHours())}:${pad(b.getUTCMinutes())}`;
  return `${formatWhen(w.start, tz)} – ${formatWhen(w.end, tz)}`;
}

// ---------------------------------------------------------------- intervals

/** Half-open overlap: [a.start, a.end) ∩ [b.start, b.end) ≠ ∅. */
export function overlaps(a: Window, b: Window): boolean {
  return a.start.getTime() < b.end.getTime() && b.start.getTime() < a.end.getTime();
}

const isWindow = (w: { start: Date | null; end: Date | null }): w is Window =>
  w.start instanceof Date && w.end instanceof Date && !Number.isNaN(w.start.getTime()) && !Number.isNaN(w.end.getTime()) && w.end.getTime() > w.start.getTime();

/** The maintenance occurrence that contains the whole window, if any (null also when the environment has none). */
function containingOccurrence(list: { recurrence: Recurrence }[], w: Window): Window | null {
  for (const m of list) {
    let occ: Window[] = [];
    try {
      occ = occurrences(m.recurrence, w.start, w.end, 50);
    } catch {
      occ = [];
    }
    const hit = occ.find((o) => o.start.getTime() <= w.start.getTime() && o.end.getTime() >= w.end.getTime());
    if (hit) return hit;
  }
  return null;
}

// ---------------------------------------------------------------- conflicts

function acknowledged(
  acks: readonly Acknowledgement[],
  p: { kind: ConflictKind; otherReleaseId: string; environmentId?: string; componentId?: string },
): boolean {
  return acks.some(
    (a) =>
      a.kind === p.kind &&
      a.otherReleaseId === p.otherReleaseId &&
      (p.kind !== 'environment' || a.environmentId === p.environmentId) &&
      (p.kind !== 'component' || a.componentId === p.componentId),
  );
}

/** Other releases whose windows ours must respect: those occupying them (release-rules' `occupyWindow`). */
const isActive = (o: OtherRelease) => allowsValue(o.status, 'occupyWindow');
const OCCUPYING = new Set<string>(statusesAllowing('occupyWindow'));

/**
 * The conflicts between the release's windows and other active releases'
 * windows. Exported on its own for the property tests.
 */
export function findConflicts(
  input: Pick<ScheduleInput, 'release' | 'others' | 'acknowledgements' | 'policy' | 'componentNames' | 'timezone'>,
): ScheduleProblem[] {
  const { release, policy, timezone: tz } = input;
  const zone = zoneOf(tz);
  const mine = release.windows.filter(isWindow) as (TargetWindow & Window)[];
  const out: ScheduleProblem[] = [];
  const ackable = (k: ConflictKind) => policy.acknowledgeable.includes(k);
  // only a release with a window overlapping one of ours can conflict: the rest are left
  // out before sorting (a slot search may pass thousands of releases in its horizon)
  const others = input.others
    .filter((o) => o.id !== release.id && isActive(o) && o.windows.some((x) => isWindow(x) && mine.some((w) => overlaps(w, x))))
    .sort((a, b) => a.key.localeCompare(b.key, 'en', { numeric: true }));
  for (const o of others) {
    const theirs = o.windows.filter(isWindow);
    // the same environment overlapping
    for (const w of mine) {
      const t = theirs.find((x) => x.environmentId === w.environmentId && overlaps(w, x));
      if (!t) continue;
      const base = { kind: 'environment' as const, otherReleaseId: o.id, environmentId: w.environmentId };
      out.push({
        rule: 'conflict.environment',
        environment: w.environmentName,
        environmentId: w.environmentId,
        otherReleaseKey: o.key,
        otherReleaseId: o.id,
        kind: 'environment',
        message: problem('conflict.environment', {
          environment: w.environmentName,
          window: formatRange(w, zone),
          other: o.key,
          otherEnvironment: t.environmentName,
          otherWindow: formatRange(t, zone),
          zone,
        }),
        acknowledgeable: ackable('environment'),
        acknowledged: ackable('environment') && acknowledged(input.acknowledgements, base),
      });
    }
    // a shared component overlapping in any environments (one problem per window of ours)
    const shared = release.componentIds
      .filter((c) => o.componentIds.includes(c))
      .sort((a, b) => (input.componentNames[a] ?? a).localeCompare(input.componentNames[b] ?? b));
    for (const w of mine) {
      const t = theirs.find((x) => overlaps(w, x));
      if (!t) continue;
      for (const c of shared) {
        const name = input.componentNames[c] ?? c;
        const base = { kind: 'component' as const, otherReleaseId: o.id, componentId: c };
        out.push({
          rule: 'conflict.component',
          environment: w.environmentName,
          environmentId: w.environmentId,
          otherReleaseKey: o.key,
          otherReleaseId: o.id,
          componentId: c,
          kind: 'component',
          message: problem('conflict.component', {
            component: name,
            other: o.key,
            otherEnvironment: t.environmentName,
            otherWindow: formatRange(t, zone),
            zone,
            environment: w.environmentName,
            window: formatRange(w, zone),
          }),
          acknowledgeable: ackable('component'),
          acknowledged: ackable('component') && acknowledged(input.acknowledgements, base),
        });
      }
      // the same owner double-booked
      if (o.ownerId === release.ownerId) {
        const base = { kind: 'owner' as const, otherReleaseId: o.id };
        out.push({
          rule: 'conflict.owner',
          environment: w.environmentName,
          environmentId: w.environmentId,
          otherReleaseKey: o.key,
          otherReleaseId: o.id,
          kind: 'owner',
          message: problem('conflict.owner', {
            owner: o.ownerName,
            other: o.key,
            // approved, scheduled or deploying (the statuses occupying a window): the status word
            status: OCCUPYING.has(o.status) ? { term: `releaseWord.${o.status}` } : o.status,
            otherWindow: formatRange(t, zone),
            zone,
            otherEnvironment: t.environmentName,
            environment: w.environmentName,
            window: formatRange(w, zone),
          }),
          acknowledgeable: ackable('owner'),
          acknowledged: ackable('owner') && acknowledged(input.acknowledgements, base),
        });
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------- per environment

function describeMaintenance(list: { label: string; recurrence: Recurrence }[]): SayValue {
  const parts: SayValue[] = list.slice(0, 3).map((m) => {
    let d: string;
    try {
      d = describeRecurrence(m.recurrence);
    } catch {
      d = m.label;
    }
    return m.label ? { key: 'maintenance.labelled', values: { label: m.label, description: { said: d } } } : { said: d };
  });
  // "a; b; c", "a; b; c; and 2 more"
  const joined = parts.slice(1).reduce<SayValue>((a, b) => ({ key: 'maintenance.then', values: { a, b } }), parts[0] ?? '');
  return list.length > 3 ? { key: 'maintenance.more', values: { items: joined, count: list.length - 3 } } : joined;
}

function windowProblems(input: ScheduleInput, w: TargetWindow): ScheduleProblem[] {
  const zone = zoneOf(input.timezone);
  const env = { environment: w.environmentName, environmentId: w.environmentId };
  const fixed = { acknowledgeable: false, acknowledged: false };
  if (!w.start || !w.end) {
    return [{ rule: 'schedule.window_missing', ...env, ...fixed, message: problem('window.missing', { environment: w.environmentName }) }];
  }
  if (!isWindow(w)) {
    return [{ rule: 'schedule.window_missing', ...env, ...fixed, message: problem('window.endsBeforeStart', { environment: w.environmentName }) }];
  }
  const out: ScheduleProblem[] = [];
  if (input.now && w.end.getTime() <= input.now.getTime()) {
    out.push({
      rule: 'schedule.window_missing',
      ...env,
      ...fixed,
      message: problem('window.over', { environment: w.environmentName, window: formatRange(w, zone), zone }),
    });
  }
  const maint = input.maintenance[w.environmentId] ?? [];
  if (input.policy.respectMaintenanceWindows && !input.release.emergency && maint.length > 0 && !containingOccurrence(maint, w)) {
    out.push({
      rule: 'schedule.maintenance',
      ...env,
      ...fixed,
      message: problem('maintenance.outside', { window: formatRange(w, zone), zone, environment: w.environmentName, maintenance: describeMaintenance(maint) }),
    });
  }
  const lifted = new Set(input.overrides.filter((o) => o.environmentId === w.environmentId).map((o) => o.freezeId));
  for (const hit of freezesHitting(input.freezes, { environmentId: w.environmentId, componentIds: input.release.componentIds }, w)) {
    if (lifted.has(hit.freeze.id)) continue;
    out.push({ rule: 'schedule.freeze', ...env, ...fixed, freezeId: hit.freeze.id, message: describeFreezeHit(hit, zone, w.environmentName) });
  }
  if (input.policy.productionRequiresStagingSuccess && w.tier === 'production') {
    const staging = input.release.windows.filter((s) => s.tier === 'staging' && isWindow(s)) as (TargetWindow & Window)[];
    const latest = staging.sort((a, b) => b.end.getTime() - a.end.getTime())[0];
    if (latest && w.start.getTime() < latest.end.getTime()) {
      out.push({
        rule: 'schedule.promotion',
        ...env,
        ...fixed,
        message: problem('promotion', {
          environment: w.environmentName,
          earlier: latest.environmentName,
          earlierEnd: formatWhen(latest.end, zone),
          zone,
          start: formatWhen(w.start, zone),
        }),
      });
    }
  }
  return out;
}

// ---------------------------------------------------------------- the check

const RULE_ORDER: ScheduleRule[] = [
  'schedule.window_missing',
  'schedule.maintenance',
  'schedule.freeze',
  'schedule.promotion',
  'conflict.environment',
  'conflict.component',
  'conflict.owner',
];

const blocking = (p: ScheduleProblem) => !p.acknowledged;

function gate(rule: string, problems: ScheduleProblem[], okWhy: MessageRef, fix: MessageRef | ((open: ScheduleProblem[]) => MessageRef)): GateResult {
  const open = problems.filter(blocking);
  if (open.length === 0) {
    const acked = problems.length;
    const why = acked ? words('schedule.acknowledged', { met: okWhy, count: acked }) : okWhy;
    return { rule, passed: true, why: en(why), words: { why } };
  }
  // the problems are sentences of their own (English for now: docs/decisions/058)
  const why = words('problems', {
    problems: clauses(
      open.map((p) => p.message.replace(/\.$/, '')),
      3,
    ),
  });
  const fixWords = typeof fix === 'function' ? fix(open) : fix;
  return { rule, passed: false, why: en(why), fix: en(fixWords), words: { why, fix: fixWords } };
}

/** Every scheduling check for the release's windows, with its problems and gates. */
export function checkSchedule(input: ScheduleInput): ScheduleCheck {
  const problems: ScheduleProblem[] = [];
  if (input.release.windows.length === 0) {
    problems.push({
      rule: 'schedule.window_missing',
      message: problem('noTargetEnvironment', { key: input.release.key }),
      acknowledgeable: false,
      acknowledged: false,
    });
  }
  const ordered = [...input.release.windows].sort((a, b) => a.position - b.position);
  for (const w of ordered) problems.push(...windowProblems(input, w));
  problems.push(...findConflicts(input));
  problems.sort((a, b) => RULE_ORDER.indexOf(a.rule) - RULE_ORDER.indexOf(b.rule));
  const of = (...rules: ScheduleRule[]) => problems.filter((p) => rules.includes(p.rule));
  const gates: GateResult[] = [
    gate('schedule.window_set', of('schedule.window_missing'), words('schedule.window_set.met'), words('schedule.window_set.fix')),
    gate(
      'schedule.maintenance',
      of('schedule.maintenance'),
      words(input.release.emergency ? 'schedule.maintenance.emergency' : 'schedule.maintenance.met'),
      words('schedule.maintenance.fix'),
    ),
    gate('schedule.freeze', of('schedule.freeze'), words('schedule.freeze.met'), words('schedule.freeze.fix')),
    gate('schedule.promotion', of('schedule.promotion'), words('schedule.promotion.met'), words('schedule.promotion.fix')),
    gate(
      'schedule.conflicts',
      of('conflict.environment', 'conflict.component', 'conflict.owner'),
      words('schedule.conflicts.met'),
      // acknowledging is advice only where the policy lets one of these conflicts be acknowledged
      (open) => {
        const kinds = [...new Set(open.filter((p) => p.acknowledgeable && p.kind).map((p) => p.kind!))];
        if (kinds.length === 0) return words('schedule.conflicts.moveFix');
        // three kinds read "environment or component or owner" in English: one sentence of its own
        if (kinds.length > 2) return words('schedule.conflicts.acknowledgeAnyFix');
        return words('schedule.conflicts.acknowledgeFix', {
          kinds: list(
            kinds.map((k) => words(`schedule.conflicts.kind.${k}`)),
            2,
            'or',
          ),
        });
      },
    ),
  ];
  return { ok: problems.every((p) => !blocking(p)), problems, gates };
}

/** The lifecycle's `facts.schedule`: ok, or the open problems' messages. */
export function scheduleFacts(check: ScheduleCheck): CheckFacts {
  const open = check.problems.filter(blocking);
  const remedies: Remedy[] = [];
  if (open.some((p) => p.rule === 'schedule.freeze')) remedies.push('freeze_override');
  if (open.some((p) => p.acknowledgeable)) remedies.push('acknowledge');
  return { ok: check.ok, problems: open.map((p) => p.message.replace(/\.$/, '')), remedies };
}

/** The check's problems that belong to one environment and are not acknowledged. */
export function openProblemsFor(check: ScheduleCheck, environmentId: string): ScheduleProblem[] {
  return check.problems.filter((p) => p.environmentId === environmentId && blocking(p));
}

/** The input with one environment's window replaced. */
export function withWindow(input: ScheduleInput, environmentId: string, w: Window): ScheduleInput {
  return {
    ...input,
    release: { ...input.release, windows: input.release.windows.map((x) => (x.environmentId === environmentId ? { ...x, start: w.start, end: w.end } : x)) },
  };
}

// ---------------------------------------------------------------- next free slots

const MINUTE = 60_000;
const GRID = 30 * MINUTE;

function ceilTo(ms: number, step: number): number {
  return Math.ceil(ms / step) * step;
}

/**
 * The first free slots of `durationMinutes` for one environment of the release,
 * starting at or after `from` and within `days`: each passes every check for
 * that environment (maintenance, freezes, promotion, conflicts not
 * acknowledged). Candidates are the starts of maintenance occurrences (or a
 * 30-minute UTC grid when the environment has none, or the policy ignores
 * maintenance windows) and the ends of whatever blocks them; the blockers are
 * computed once, so no minute is scanned. Slots returned do not overlap one
 * another.
 */
export function nextFreeSlots(input: ScheduleInput, environmentId: string, durationMinutes: number, from: Date, days = 90, limit = 5): Window[] {
  const target = input.release.windows.find((w) => w.environmentId === environmentId);
  if (!target || !(durationMinutes > 0) || limit <= 0 || Number.isNaN(from.getTime())) return [];
  const dur = Math.round(durationMinutes) * MINUTE;
  const startMs = ceilTo(from.getTime(), MINUTE);
  const horizon = startMs + days * 24 * 60 * MINUTE;
  const range = { start: new Date(startMs), end: new Date(horizon + dur) };

  // what blocks this environment: [start, end) intervals no slot may overlap
  const blockers: Window[] = [];
  const lifted = new Set(input.overrides.filter((o) => o.environmentId === environmentId).map((o) => o.freezeId));
  for (const f of input.freezes) {
    if (!f.active || lifted.has(f.id) || !freezeCovers(f, { environmentId, componentIds: input.release.componentIds })) continue;
    try {
      blockers.push(...occurrences(f.recurrence, range.start, range.end, 5000));
    } catch {
      blockers.push(range); // fail closed, like freezesHitting
    }
  }
  const ackable = (k: ConflictKind) => input.policy.acknowledgeable.includes(k);
  for (const o of input.others) {
    if (o.id === input.release.id || !isActive(o)) continue;
    const theirs = o.windows.filter(isWindow);
    const envAcked = ackable('environment') && acknowledged(input.acknowledgements, { kind: 'environment', otherReleaseId: o.id, environmentId });
    if (!envAcked) blockers.push(...theirs.filter((t) => t.environmentId === environmentId));
    const shared = input.release.componentIds.filter((c) => o.componentIds.includes(c));
    const compBlocks = shared.some(
      (c) => !(ackable('component') && acknowledged(input.acknowledgements, { kind: 'component', otherReleaseId: o.id, componentId: c })),
    );
    const ownerBlocks =
      o.ownerId === input.release.ownerId && !(ackable('owner') && acknowledged(input.acknowledgements, { kind: 'owner', otherReleaseId: o.id }));
    if (compBlocks || ownerBlocks) blockers.push(...theirs);
  }
  let earliest = startMs;
  if (input.policy.productionRequiresStagingSuccess && target.tier === 'production') {
    for (const s of input.release.windows) if (s.tier === 'staging' && isWindow(s)) earliest = Math.max(earliest, s.end.getTime());
  }
  blockers.sort((a, b) => a.start.getTime() - b.start.getTime());
  const blockerEnds = blockers.map((b) => b.end.getTime()).sort((a, b) => a - b);

  const free = (s: number) => {
    const e = s + dur;
    for (const b of blockers) {
      if (b.start.getTime() >= e) break;
      if (b.end.getTime() > s) return false;
    }
    return true;
  };

  // the spans candidates must fit in, and their candidate starts
  const spans: { start: number; end: number; grid: boolean }[] = [];
  const maint = input.policy.respectMaintenanceWindows && !input.release.emergency ? (input.maintenance[environmentId] ?? []) : [];
  if (maint.length === 0) spans.push({ start: Math.max(startMs, earliest), end: horizon + dur, grid: true });
  else {
    for (const m of maint) {
      let occ: Window[] = [];
      try {
        occ = occurrences(m.recurrence, new Date(startMs), new Date(horizon), 5000);
      } catch {
        occ = [];
      }
      for (const o of occ) spans.push({ start: o.start.getTime(), end: o.end.getTime(), grid: false });
    }
  }
  const candidates = new Set<number>();
  for (const sp of spans) {
    const lo = Math.max(sp.start, startMs, earliest);
    const hi = Math.min(sp.end - dur, horizon);
    if (hi < lo) continue;
    if (sp.grid) {
      for (let t = ceilTo(lo, GRID); t <= hi; t += GRID) candidates.add(t);
      candidates.add(lo);
    } else {
      candidates.add(sp.start >= lo ? sp.start : Math.min(ceilTo(lo, GRID), hi));
      if (sp.start < lo) candidates.add(lo);
    }
    // right after each blocker ends, inside this span
    for (const e of blockerEnds) if (e >= lo && e <= hi) candidates.add(e);
  }

  const out: Window[] = [];
  let lastEnd = -Infinity;
  for (const s of [...candidates].sort((a, b) => a - b)) {
    if (out.length >= limit) break;
    if (s < lastEnd || !free(s)) continue;
    const w = { start: new Date(s), end: new Date(s + dur) };
    // the precomputed filter is an optimisation: the full check has the last word. Only
    // releases with a window overlapping w can conflict with it (the environment's problems
    // are those of w), so the check reads those, not every release in the horizon.
    const near = input.others.filter((o) => o.windows.some((x) => overlaps(x, w)));
    if (openProblemsFor(checkSchedule({ ...withWindow(input, environmentId, w), others: near, now: undefined }), environmentId).length > 0) continue;
    out.push(w);
    lastEnd = s + dur;
  }
  return out;
}
