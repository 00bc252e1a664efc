// Per-release metrics: lead time, planned against actual window, time waiting
// for approval, deployment durations and back-outs. Pure: the caller passes
// every timestamp in (as Date or ISO text) and gets numbers plus words.

import en from '@/messages/en/domain-release-metrics.json';
import type { Locale } from './locale';
import { sayer, type SayValue } from './said';
export type Stamp = Date | string | null | undefined;

export interface MetricsDeployment {
  id: string;
  environment: string;
  production: boolean;
  kind: 'deploy' | 'backout';
  status: 'scheduled' | 'in_progress' | 'succeeded' | 'failed' | 'rolled_back';
  startedAt: Stamp;
  finishedAt: Stamp;
}

export interface MetricsTransition {
  from: string;
  to: string;
  at: Stamp;
}

export interface MetricsInput {
  /** builtAt (or createdAt when unknown) of every build in the package */
  buildTimes: Stamp[];
  plannedStart: Stamp;
  plannedEnd: Stamp;
  deployments: MetricsDeployment[];
  /** the release's status changes, any order */
  transitions: MetricsTransition[];
  now: Date;
}

export interface Span {
  start: string;
  end: string;
  ms: number;
  text: string;
}

export interface DeploymentMetric {
  id: string;
  environment: string;
  production: boolean;
  kind: 'deploy' | 'backout';
  status: MetricsDeployment['status'];
  startedAt: string | null;
  finishedAt: string | null;
  /** null while not started or not finished */
  durationMs: number | null;
  text: string;
}

export interface ReleaseMetrics {
  leadTime: { ms: number | null; from: string | null; to: string | null; text: string };
  window: {
    planned: Span | null;
    actual: Span | null;
    /** actual start − planned start (positive = late) */
    startDeltaMs: number | null;
    /** actual end − planned end (positive = overran) */
    endDeltaMs: number | null;
    text: string;
  };
  approvalWait: { ms: number | null; ongoing: boolean; rounds: number; text: string };
  deployments: DeploymentMetric[];
  backouts: number;
  failedDeployments: number;
  /** the longest finished deployment, for scaling bars; 0 when none */
  longestDeploymentMs: number;
}

function toTime(s: Stamp): number | null {
  if (s === null || s === undefined) return null;
  const t = s instanceof Date ? s.getTime() : Date.parse(s);
  return Number.isFinite(t) ? t : null;
}

const iso = (t: number) => new Date(t).toISOString();

/** "2 d 3 h", "3 h 12 min", "45 min", "30 s"; negative durations keep their sign. */
export function formatDuration(ms: number, language: Locale = 'en'): string {
  if (!Number.isFinite(ms)) return '—';
  if (ms < 0) return `−${formatDuration(-ms, language)}`;
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const min = Math.round(ms / 60_000);
  if (min < 60) return `${min} min`;
  const totalMin = Math.round(ms / 60_000);
  const h = Math.floor(totalMin / 60);
  if (h < 24) {
    const m = totalMin % 60;
    return m ? `${h} h ${m} min` : `${h} h`;
  }
  const totalH = Math.round(ms / 3_600_000);
  const d = Math.floor(totalH / 24);
  const rh = totalH % 24;
  // a day is "d" in English and "j" (jour) in French; s, min and h are the same in both
  const day = language === 'fr' ? 'j' : 'd';
  return rh ? `${d} ${day} ${rh} h` : `${d} ${day}`;
}

/** "12 min late", "5 min early", "on time" (within a minute). */
export function formatDelta(ms: number, late = 'late', early = 'early'): string {
  if (Math.abs(ms) < 60_000) return 'on time';
  return ms > 0 ? `${formatDuration(ms)} ${late}` : `${formatDuration(-ms)} ${early}`;
}

// The sentences about a release's metrics are messages of the domain-release-metrics catalogue,
// said in English and remembered for the reader's language (decision 060).
const say = sayer('domain-release-metrics', en);

/** A duration inside a sentence: as formatDuration writes it, with the day's letter of the reader's language. */
export function durationWords(ms: number): SayValue {
  const text = formatDuration(ms);
  const m = /^(−?)(\d+) d(?: (\d+) h)?$/.exec(text);
  if (!m) return text;
  return {
    ns: 'domain-release-metrics',
    key: m[3] ? 'duration.daysHours' : 'duration.days',
    values: { sign: m[1]!, days: m[2]!, ...(m[3] ? { hours: m[3] } : {}) },
  };
}

/** formatDelta's words: "12 min late" ("after the window" for an end), "on time". */
function deltaWords(ms: number, end = false): SayValue {
  if (Math.abs(ms) < 60_000) return { key: 'delta.onTime' };
  const later = ms > 0;
  return { key: `delta.${end ? (later ? 'afterWindow' : 'beforeEnd') : later ? 'late' : 'early'}`, values: { duration: durationWords(Math.abs(ms)) } };
}

function span(start: number, end: number): Span {
  return { start: iso(start), end: iso(end), ms: end - start, text: formatDuration(end - start) };
}

export function computeReleaseMetrics(input: MetricsInput): ReleaseMetrics {
  const now = input.now.getTime();

  // ---- deployments
  const deployments: DeploymentMetric[] = input.deployments
    .map((d) => {
      const s = toTime(d.startedAt);
      const f = toTime(d.finishedAt);
      const durationMs = s !== null && f !== null && f >= s ? f - s : null;
      const text =
        durationMs !== null
          ? formatDuration(durationMs)
          : s !== null && f === null
            ? say('deployment.running', { duration: durationWords(Math.max(0, now - s)) })
            : s === null
              ? say('deployment.notStarted')
              : say('deployment.inconsistent');
      return {
        id: d.id,
        environment: d.environment,
        production: d.production,
        kind: d.kind,
        status: d.status,
        startedAt: s === null ? null : iso(s),
        finishedAt: f === null ? null : iso(f),
        durationMs,
        text,
      };
    })
    .sort((a, b) => (a.startedAt ?? '9999').localeCompare(b.startedAt ?? '9999') || a.id.localeCompare(b.id));
  const longestDeploymentMs = deployments.reduce((m, d) => Math.max(m, d.durationMs ?? 0), 0);

  // ---- lead time: first build of the package → first successful production deployment
  const buildTimes = input.buildTimes.map(toTime).filter((t): t is number => t !== null);
  const firstBuild = buildTimes.length ? Math.min(...buildTimes) : null;
  const prodFinishes = input.deployments
    .filter((d) => d.production && d.kind === 'deploy' && d.status === 'succeeded')
    .map((d) => toTime(d.finishedAt))
    .filter((t): t is number => t !== null);
  const inProduction = prodFinishes.length ? Math.min(...prodFinishes) : null;
  const leadMs = firstBuild !== null && inProduction !== null ? Math.max(0, inProduction - firstBuild) : null;
  const leadTime = {
    ms: leadMs,
    from: firstBuild === null ? null : iso(firstBuild),
    to: inProduction === null ? null : iso(inProduction),
    text:
      leadMs !== null
        ? formatDuration(leadMs)
        : firstBuild === null
          ? say('leadTime.noBuilds')
          : input.deployments.some((d) => d.production && d.kind === 'backout')
            ? say('leadTime.backedOut')
            : input.deployments.some((d) => d.production && d.kind === 'deploy' && d.status === 'failed')
              ? say('leadTime.failed', { duration: durationWords(Math.max(0, now - firstBuild)) })
              : say('leadTime.notYet', { duration: durationWords(Math.max(0, now - firstBuild)) }),
  };

  // ---- planned against actual window
  const ps = toTime(input.plannedStart);
  const pe = toTime(input.plannedEnd);
  const planned = ps !== null && pe !== null && pe >= ps ? span(ps, pe) : null;
  const starts = input.deployments.map((d) => toTime(d.startedAt)).filter((t): t is number => t !== null);
  const ends = input.deployments.map((d) => toTime(d.finishedAt)).filter((t): t is number => t !== null);
  const as = starts.length ? Math.min(...starts) : null;
  const ae = ends.length ? Math.max(...ends) : null;
  const actual = as !== null && ae !== null && ae >= as ? span(as, ae) : null;
  const startDeltaMs = planned && as !== null ? as - ps! : null;
  const endDeltaMs = planned && actual ? ae! - pe! : null;
  let windowText: string;
  if (!planned) windowText = as !== null ? say('window.noPlan') : say('window.nothing');
  else if (as === null) windowText = say('window.notStarted', { planned: durationWords(planned.ms) });
  else if (!actual) windowText = say('window.deploying', { started: deltaWords(startDeltaMs!) });
  else
    windowText = say('window.done', {
      planned: durationWords(planned.ms),
      took: durationWords(actual.ms),
      started: deltaWords(startDeltaMs!),
      finished: deltaWords(endDeltaMs!, true),
    });

  // ---- time waiting for approval: every stretch spent in "submitted"
  const ts = input.transitions
    .map((t) => ({ ...t, t: toTime(t.at) }))
    .filter((t): t is MetricsTransition & { t: number } => t.t !== null)
    .sort((a, b) => a.t - b.t);
  let waitMs = 0;
  let rounds = 0;
  let openSince: number | null = null;
  for (const t of ts) {
    if (openSince !== null && t.from === 'submitted') {
      waitMs += Math.max(0, t.t - openSince);
      openSince = null;
    }
    if (t.to === 'submitted') {
      openSince = t.t;
      rounds++;
    }
  }
  const ongoing = openSince !== null;
  if (openSince !== null) waitMs += Math.max(0, now - openSince);
  const approvalWait = {
    ms: rounds ? waitMs : null,
    ongoing,
    rounds,
    text: !rounds
      ? say('approvalWait.notSubmitted')
      : say(`approvalWait.${ongoing ? 'ongoing' : 'done'}${rounds > 1 ? 'Rounds' : ''}`, {
          duration: durationWords(waitMs),
          ...(rounds > 1 ? { rounds: String(rounds) } : {}),
        }),
  };

  return {
    leadTime,
    window: { planned, actual, startDeltaMs, endDeltaMs, text: windowText },
    approvalWait,
    deployments,
    backouts: input.deployments.filter((d) => d.kind === 'backout').length,
    failedDeployments: input.deployments.filter((d) => d.kind === 'deploy' && (d.status === 'failed' || d.status === 'rolled_back')).length,
    longestDeploymentMs,
  };
}
