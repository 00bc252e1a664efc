// Per-release metrics: lead time, planned against actual window, time waiting
// for approval, deployment durations and back-outs. Pure: the caller passes
// every timestamp in (as Date or ISO text) and gets numbers plus words.

import type { Locale } from './locale';
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
            ? `running for ${formatDuration(Math.max(0, now - s))}`
            : s === null
              ? 'not started'
              : 'times inconsistent';
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
          ? 'No builds in the package yet.'
          : input.deployments.some((d) => d.production && d.kind === 'backout')
            ? 'Never in production: the production deployment was backed out.'
            : input.deployments.some((d) => d.production && d.kind === 'deploy' && d.status === 'failed')
              ? `Not in production: the production deployment failed (first build ${formatDuration(Math.max(0, now - firstBuild))} ago).`
              : `Not in production yet (first build ${formatDuration(Math.max(0, now - firstBuild))} ago).`,
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
  if (!planned) windowText = as !== null ? 'No planned window was set.' : 'No planned window and no deployment yet.';
  else if (as === null) windowText = `Planned ${planned.text}; no deployment has started.`;
  else if (!actual) windowText = `Started ${formatDelta(startDeltaMs!)}; still deploying.`;
  else
    windowText = `Planned ${planned.text}, took ${actual.text}: started ${formatDelta(startDeltaMs!)}, finished ${formatDelta(endDeltaMs!, 'after the window', 'before the end of the window')}.`;

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
      ? 'Not submitted for approval yet.'
      : `${formatDuration(waitMs)}${ongoing ? ' so far (still waiting)' : ''}${rounds > 1 ? ` over ${rounds} submissions` : ''}`,
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
