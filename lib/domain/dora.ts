// Delivery metrics (docs/decisions/043-delivery-metrics.md): the four DORA keys (deployment
// frequency, lead time for changes, change failure rate, time to restore service) plus the time
// releases wait for approval and how well deployments keep to their planned windows. Pure: the
// caller (lib/server/insights.ts) loads the recorded facts and passes them in as plain data. The
// definitions below are the only wording of what is counted: the page, the API and the CSV
// export all show DORA_DEFINITIONS.

import en from '@/messages/en/domain-dora.json';
import { durationWords } from './release-metrics';
import { sayer, type SayValue } from './said';

// The definitions, figures and comparisons are messages of the domain-dora catalogue, said in
// English and remembered for the reader's language (docs/decisions/060-refusals-in-the-readers-language.md).
const say = sayer('domain-dora', en);

export const DAY_MS = 86_400_000;
export const WEEK_MS = 7 * DAY_MS;
/** a deployment starting or ending within a minute of its window's edge keeps to it */
export const ADHERENCE_GRACE_MS = 60_000;

export type DoraKey = 'deploymentFrequency' | 'leadTime' | 'changeFailureRate' | 'timeToRestore' | 'approvalWait' | 'scheduleAdherence';
export const DORA_KEYS: readonly DoraKey[] = ['deploymentFrequency', 'leadTime', 'changeFailureRate', 'timeToRestore', 'approvalWait', 'scheduleAdherence'];

export interface DoraDefinition {
  key: DoraKey;
  title: string;
  unit: string;
  /** which way is better, for the words of a comparison */
  better: 'higher' | 'lower';
  definition: string;
}

export const DORA_DEFINITIONS: Record<DoraKey, DoraDefinition> = {
  deploymentFrequency: {
    key: 'deploymentFrequency',
    title: say('deploymentFrequency.title'),
    unit: say('deploymentFrequency.unit'),
    better: 'higher',
    definition: say('deploymentFrequency.definition'),
  },
  leadTime: { key: 'leadTime', title: say('leadTime.title'), unit: say('leadTime.unit'), better: 'lower', definition: say('leadTime.definition') },
  changeFailureRate: {
    key: 'changeFailureRate',
    title: say('changeFailureRate.title'),
    unit: say('changeFailureRate.unit'),
    better: 'lower',
    definition: say('changeFailureRate.definition'),
  },
  timeToRestore: {
    key: 'timeToRestore',
    title: say('timeToRestore.title'),
    unit: say('timeToRestore.unit'),
    better: 'lower',
    definition: say('timeToRestore.definition'),
  },
  approvalWait: {
    key: 'approvalWait',
    title: say('approvalWait.title'),
    unit: say('approvalWait.unit'),
    better: 'lower',
    definition: say('approvalWait.definition'),
  },
  scheduleAdherence: {
    key: 'scheduleAdherence',
    title: say('scheduleAdherence.title'),
    unit: say('scheduleAdherence.unit'),
    better: 'higher',
    definition: say('scheduleAdherence.definition'),
  },
};

export type DeployStatus = 'scheduled' | 'in_progress' | 'succeeded' | 'failed' | 'rolled_back';

export interface DoraDeployment {
  id: string;
  releaseId: string;
  environmentId: string;
  kind: 'deploy' | 'backout';
  status: DeployStatus;
  startedAt: Date | null;
  finishedAt: Date | null;
}

export interface DoraRelease {
  id: string;
  key: string;
  /** earliest builtAt (else createdAt) among the package's builds; null without builds */
  firstChangeAt: Date | null;
  reviewOutcome: 'successful' | 'partially_successful' | 'failed' | null;
  /** time spent in "submitted", ms, over all rounds; null when never submitted */
  approvalWaitMs: number | null;
  /** the window per environment id: scheduled there, else the release's planned window */
  windows: Record<string, { start: Date; end: Date } | undefined>;
}

export interface DoraInput {
  from: Date;
  /** exclusive */
  to: Date;
  /** every deployment (both kinds) of the releases concerned to the chosen environments, any time */
  deployments: DoraDeployment[];
  releases: DoraRelease[];
}

export interface FailureRow {
  deploymentId: string;
  releaseKey: string;
  environmentId: string;
  failedAt: string;
  reason: 'failed' | 'rolled_back' | 'backed_out' | 'review_failed';
  restoredAt: string | null;
  restoreMs: number | null;
}

export interface DeploymentRow {
  deploymentId: string;
  releaseKey: string;
  environmentId: string;
  finishedAt: string;
  leadTimeMs: number | null;
  approvalWaitMs: number | null;
  /** null without a window */
  keptToWindow: boolean | null;
  startDelayMs: number | null;
}

export interface DoraFigures {
  deployments: number;
  weeks: number;
  /** per week */
  deploymentFrequency: number;
  leadTimeMedianMs: number | null;
  leadTimeP90Ms: number | null;
  finished: number;
  failures: number;
  /** 0..1, null when nothing finished */
  changeFailureRate: number | null;
  restored: number;
  notRestored: number;
  timeToRestoreMedianMs: number | null;
  approvalWaitMedianMs: number | null;
  approvalWaitCount: number;
  withWindow: number;
  keptToWindow: number;
  /** 0..1, null when no counted deployment had a window */
  scheduleAdherence: number | null;
  startDelayMedianMs: number | null;
}

export interface DoraResult extends DoraFigures {
  rows: DeploymentRow[];
  failureRows: FailureRow[];
}

const t = (d: Date | null) => (d ? d.getTime() : null);
// code-unit order: ids and ISO times need no locale (and localeCompare is slow over thousands)
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The median of the values (mean of the middle two for an even count); null when empty. */
export function median(values: readonly number[]): number | null {
  return percentile(values, 50);
}

/** Nearest-rank-interpolated percentile (0–100) of the values; null when empty. */
export function percentile(values: readonly number[], p: number): number | null {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  const pos = ((s.length - 1) * p) / 100;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo]! + (s[hi]! - s[lo]!) * (pos - lo);
}

interface Index {
  releaseList: readonly DoraRelease[];
  releases: Map<string, DoraRelease>;
  byReleaseEnv: Map<string, DoraDeployment[]>;
}
// the same facts are asked about many periods (both periods, every week): index them once
const indexes = new WeakMap<readonly DoraDeployment[], Index>();

function indexed(input: Pick<DoraInput, 'deployments' | 'releases'>): Index {
  const hit = indexes.get(input.deployments);
  if (hit && hit.releaseList === input.releases) return hit;
  const byReleaseEnv = new Map<string, DoraDeployment[]>();
  for (const d of input.deployments) {
    const k = `${d.releaseId} ${d.environmentId}`;
    const list = byReleaseEnv.get(k);
    if (list) list.push(d);
    else byReleaseEnv.set(k, [d]);
  }
  const index = { releaseList: input.releases, releases: new Map(input.releases.map((r) => [r.id, r])), byReleaseEnv };
  indexes.set(input.deployments, index);
  return index;
}

/** The delivery figures for deployments that finished in [from, to). */
export function computeDora(input: DoraInput): DoraResult {
  const from = input.from.getTime();
  const to = input.to.getTime();
  const { releases, byReleaseEnv } = indexed(input);
  const inPeriod = (x: number | null): x is number => x !== null && x >= from && x < to;
  const later = (d: DoraDeployment) =>
    (byReleaseEnv.get(`${d.releaseId} ${d.environmentId}`) ?? []).filter(
      (x) => x.id !== d.id && t(x.finishedAt) !== null && t(x.finishedAt)! >= t(d.finishedAt)!,
    );

  // ---- deployments and their lead time, approval wait and window
  const succeeded = input.deployments
    .filter((d) => d.kind === 'deploy' && d.status === 'succeeded' && inPeriod(t(d.finishedAt)))
    .sort((a, b) => t(a.finishedAt)! - t(b.finishedAt)! || cmp(a.id, b.id));
  const rows: DeploymentRow[] = succeeded.map((d) => {
    const r = releases.get(d.releaseId);
    const end = t(d.finishedAt)!;
    const first = r ? t(r.firstChangeAt) : null;
    const w = r?.windows[d.environmentId];
    const start = t(d.startedAt) ?? end;
    const kept = w ? start >= w.start.getTime() - ADHERENCE_GRACE_MS && end <= w.end.getTime() + ADHERENCE_GRACE_MS : null;
    return {
      deploymentId: d.id,
      releaseKey: r?.key ?? d.releaseId,
      environmentId: d.environmentId,
      finishedAt: new Date(end).toISOString(),
      leadTimeMs: first === null ? null : Math.max(0, end - first),
      approvalWaitMs: r?.approvalWaitMs ?? null,
      keptToWindow: kept,
      startDelayMs: w ? start - w.start.getTime() : null,
    };
  });

  // ---- failures and restores
  const finished = input.deployments.filter(
    (d) => d.kind === 'deploy' && (d.status === 'succeeded' || d.status === 'failed' || d.status === 'rolled_back') && inPeriod(t(d.finishedAt)),
  );
  const failureRows: FailureRow[] = [];
  for (const d of finished) {
    let reason: FailureRow['reason'] | null = null;
    if (d.status === 'failed' || d.status === 'rolled_back') reason = d.status;
    else if (later(d).some((x) => x.kind === 'backout' && x.status === 'succeeded')) reason = 'backed_out';
    else if (releases.get(d.releaseId)?.reviewOutcome === 'failed') reason = 'review_failed';
    if (!reason) continue;
    const failedAt = t(d.finishedAt)!;
    const candidates = later(d).filter((x) => x.status === 'succeeded' && t(x.finishedAt)! >= failedAt);
    const restore = reason === 'review_failed' ? candidates.filter((x) => t(x.finishedAt)! > failedAt) : candidates;
    const restoredAt = restore.length ? Math.min(...restore.map((x) => t(x.finishedAt)!)) : null;
    failureRows.push({
      deploymentId: d.id,
      releaseKey: releases.get(d.releaseId)?.key ?? d.releaseId,
      environmentId: d.environmentId,
      failedAt: new Date(failedAt).toISOString(),
      reason,
      restoredAt: restoredAt === null ? null : new Date(restoredAt).toISOString(),
      restoreMs: restoredAt === null ? null : restoredAt - failedAt,
    });
  }
  failureRows.sort((a, b) => cmp(a.failedAt, b.failedAt) || cmp(a.deploymentId, b.deploymentId));

  // ---- approval wait: once per release
  const waits = new Map<string, number>();
  for (const d of succeeded) {
    const w = releases.get(d.releaseId)?.approvalWaitMs;
    if (w !== null && w !== undefined) waits.set(d.releaseId, w);
  }

  const weeks = Math.max(1, to - from) / WEEK_MS;
  const leads = rows.flatMap((r) => (r.leadTimeMs === null ? [] : [r.leadTimeMs]));
  const restores = failureRows.flatMap((f) => (f.restoreMs === null ? [] : [f.restoreMs]));
  const windowed = rows.filter((r) => r.keptToWindow !== null);
  return {
    deployments: rows.length,
    weeks,
    deploymentFrequency: rows.length / weeks,
    leadTimeMedianMs: median(leads),
    leadTimeP90Ms: percentile(leads, 90),
    finished: finished.length,
    failures: failureRows.length,
    changeFailureRate: finished.length ? failureRows.length / finished.length : null,
    restored: restores.length,
    notRestored: failureRows.length - restores.length,
    timeToRestoreMedianMs: median(restores),
    approvalWaitMedianMs: median([...waits.values()]),
    approvalWaitCount: waits.size,
    withWindow: windowed.length,
    keptToWindow: windowed.filter((r) => r.keptToWindow).length,
    scheduleAdherence: windowed.length ? windowed.filter((r) => r.keptToWindow).length / windowed.length : null,
    startDelayMedianMs: median(windowed.map((r) => r.startDelayMs!)),
    rows,
    failureRows,
  };
}

// ---------------------------------------------------------------- approval wait from transitions

/** Total time in "submitted" over every round (a round still open counts up to `now`); null if never submitted. */
export function approvalWaitMs(transitions: readonly { from: string; to: string; at: Date }[], now: Date): number | null {
  const ts = [...transitions].sort((a, b) => a.at.getTime() - b.at.getTime());
  let total = 0;
  let rounds = 0;
  let open: number | null = null;
  for (const x of ts) {
    if (open !== null && x.from === 'submitted') {
      total += Math.max(0, x.at.getTime() - open);
      open = null;
    }
    if (x.to === 'submitted') {
      open = x.at.getTime();
      rounds++;
    }
  }
  if (open !== null) total += Math.max(0, now.getTime() - open);
  return rounds ? total : null;
}

// ---------------------------------------------------------------- weeks, distribution, comparison

export interface WeekPoint {
  /** the week's first day, YYYY-MM-DD (UTC) */
  week: string;
  deployments: number;
  leadTimeHours: number | null;
  /** percent */
  changeFailureRate: number | null;
  timeToRestoreHours: number | null;
  approvalWaitHours: number | null;
  /** percent */
  scheduleAdherence: number | null;
}

const hours = (ms: number | null) => (ms === null ? null : Math.round((ms / 3_600_000) * 10) / 10);
const pct = (x: number | null) => (x === null ? null : Math.round(x * 1000) / 10);

/** The figures week by week: 7-day slices from `from` (the last one may be shorter). */
export function weeklyTrend(input: DoraInput): WeekPoint[] {
  const out: WeekPoint[] = [];
  for (let s = input.from.getTime(); s < input.to.getTime(); s += WEEK_MS) {
    const e = Math.min(s + WEEK_MS, input.to.getTime());
    const f = computeDora({ ...input, from: new Date(s), to: new Date(e) });
    out.push({
      week: new Date(s).toISOString().slice(0, 10),
      deployments: f.deployments,
      leadTimeHours: hours(f.leadTimeMedianMs),
      changeFailureRate: pct(f.changeFailureRate),
      timeToRestoreHours: hours(f.timeToRestoreMedianMs),
      approvalWaitHours: hours(f.approvalWaitMedianMs),
      scheduleAdherence: pct(f.scheduleAdherence),
    });
  }
  return out;
}

export const LEAD_TIME_BUCKETS: readonly { label: string; upToMs: number }[] = [
  { label: say('bucket.underDay'), upToMs: DAY_MS },
  { label: say('bucket.days1to3'), upToMs: 3 * DAY_MS },
  { label: say('bucket.days3to7'), upToMs: 7 * DAY_MS },
  { label: say('bucket.weeks1to2'), upToMs: 14 * DAY_MS },
  { label: say('bucket.weeks2to4'), upToMs: 28 * DAY_MS },
  { label: say('bucket.weeks4more'), upToMs: Infinity },
];

/** How many lead times fall in each bucket (a bucket holds values below its bound). */
export function leadTimeDistribution(leadTimesMs: readonly number[]): { bucket: string; deployments: number }[] {
  const counts = LEAD_TIME_BUCKETS.map(() => 0);
  for (const ms of leadTimesMs) counts[LEAD_TIME_BUCKETS.findIndex((b) => ms < b.upToMs)]!++;
  return LEAD_TIME_BUCKETS.map((b, i) => ({ bucket: b.label, deployments: counts[i]! }));
}

export interface Comparison {
  /** current − previous; null when either is unknown */
  delta: number | null;
  direction: 'up' | 'down' | 'same' | 'unknown';
  verdict: 'better' | 'worse' | 'unchanged' | 'unknown';
  /** words, e.g. "Up 1.5 per week from 2 per week: better." */
  text: string;
}

export type FigureValue = number | null;

/** A figure as words: durations, percentages or a rate. */
export function formatFigure(key: DoraKey, v: FigureValue): string {
  return say('figure.line', { figure: figureWords(key, v) });
}

function figureWords(key: DoraKey, v: FigureValue): SayValue {
  if (v === null) return { key: 'figure.noData' };
  switch (key) {
    case 'deploymentFrequency':
      return { key: 'figure.perWeek', values: { rate: Math.round(v * 10) / 10 } };
    case 'changeFailureRate':
    case 'scheduleAdherence':
      return { key: 'figure.percent', values: { percent: Math.round(v * 1000) / 10 } };
    default:
      return durationWords(v);
  }
}

/** The headline value of each figure (a rate per week, a share 0..1 or milliseconds). */
export function headline(f: DoraFigures): Record<DoraKey, FigureValue> {
  return {
    deploymentFrequency: f.deploymentFrequency,
    leadTime: f.leadTimeMedianMs,
    changeFailureRate: f.changeFailureRate,
    timeToRestore: f.timeToRestoreMedianMs,
    approvalWait: f.approvalWaitMedianMs,
    scheduleAdherence: f.scheduleAdherence,
  };
}

/** The current figure against the previous period's, in words (never colour alone). */
export function compare(key: DoraKey, current: FigureValue, previous: FigureValue): Comparison {
  if (current === null || previous === null) {
    return {
      delta: null,
      direction: 'unknown',
      verdict: 'unknown',
      text: previous === null ? say('compare.noPrevious') : say('compare.noCurrent'),
    };
  }
  const delta = current - previous;
  const tiny = key === 'deploymentFrequency' ? 0.05 : key === 'changeFailureRate' || key === 'scheduleAdherence' ? 0.0005 : 30_000;
  if (Math.abs(delta) < tiny)
    return { delta: 0, direction: 'same', verdict: 'unchanged', text: say('compare.unchanged', { previous: figureWords(key, previous) }) };
  const direction = delta > 0 ? 'up' : 'down';
  const better = DORA_DEFINITIONS[key].better === 'higher' ? delta > 0 : delta < 0;
  const size: SayValue =
    key === 'changeFailureRate' || key === 'scheduleAdherence'
      ? { key: 'figure.points', values: { points: Math.round(Math.abs(delta) * 1000) / 10 } }
      : key === 'deploymentFrequency'
        ? { key: 'figure.perWeek', values: { rate: Math.round(Math.abs(delta) * 10) / 10 } }
        : durationWords(Math.abs(delta));
  return {
    delta,
    direction,
    verdict: better ? 'better' : 'worse',
    text: say(`compare.${direction}`, { size, previous: figureWords(key, previous), verdict: better ? 'better' : 'worse' }),
  };
}

// ---------------------------------------------------------------- periods

export const PERIOD_PRESETS = [4, 12, 26] as const;
export const DEFAULT_PRESET_WEEKS = 12;
export const MAX_PERIOD_DAYS = 366;

export interface Period {
  from: Date;
  /** exclusive: the day after the last day */
  to: Date;
  days: number;
}

const dayStart = (ms: number) => Math.floor(ms / DAY_MS) * DAY_MS;

/**
 * The period from UTC dates (YYYY-MM-DD, `to` inclusive), or the last `weeks` weeks up to and
 * including today. A reversed period is turned round.
 */
export function resolvePeriod(opts: { from?: string; to?: string; weeks?: number }, now: Date): Period {
  const today = dayStart(now.getTime());
  const parse = (s: string | undefined) => (s ? Date.parse(`${s}T00:00:00Z`) : NaN);
  let f = parse(opts.from);
  let l = parse(opts.to);
  if (Number.isNaN(l)) l = today;
  if (Number.isNaN(f)) f = l - ((opts.weeks ?? DEFAULT_PRESET_WEEKS) * 7 - 1) * DAY_MS;
  if (f > l) [f, l] = [l, f];
  if ((l - f) / DAY_MS + 1 > MAX_PERIOD_DAYS) f = l - (MAX_PERIOD_DAYS - 1) * DAY_MS;
  const to = l + DAY_MS;
  return { from: new Date(f), to: new Date(to), days: Math.round((to - f) / DAY_MS) };
}

/** The period of equal length just before. */
export function previousPeriod(p: Period): Period {
  const len = p.to.getTime() - p.from.getTime();
  return { from: new Date(p.from.getTime() - len), to: p.from, days: p.days };
}
