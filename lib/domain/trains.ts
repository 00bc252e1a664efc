import { describeMoments, instantToFloating, isValidTimeZone, nextOccurrences, occurrences, validateRecurrence, type Recurrence } from './recurrence';
import en from '@/messages/en/domain-trains.json';
import { durationWords } from './release-metrics';
import { sayer, type SayValue } from './said';
import { allowsValue } from './release-rules';
import { failWith, term, words } from './gate-words';
import { isReleaseStatus } from './lifecycle';
import type { GateResult, MessageRef } from './result';

// Release trains (docs/decisions/046-release-trains.md). A train's cadence is a recurrence
// (an RRULE or cron expression in an IANA zone, read by lib/domain/recurrence.ts exactly as a
// freeze's is); every occurrence's start is a departure. Releases join a departure until its
// cut-off, a fixed time before it; after that, only with a late-join exception that a second
// person grants (the same two-person rule as a freeze override). Pure: the caller passes the
// clock and the facts.

const MINUTE = 60_000;

/** The longest cut-off: two weeks before the departure (as long as a freeze window may last). */
export const MAX_CUTOFF_MINUTES = 60 * 24 * 14;
export { LATE_JOIN_REASON_MIN } from './train-rules';

// Its sentences (countdowns, cut-offs, sums, refusals) are messages of the domain-trains catalogue,
// said in English and remembered for the reader's language (decision 060); gates speak through gate-words.
const tell = sayer('domain-trains', en);

export interface TrainCadence {
  rrule: string | null;
  cron: string | null;
  timezone: string;
}

export interface Departure {
  departureAt: Date;
  cutoffAt: Date;
}

/**
 * The cadence as a Recurrence: each occurrence lasts one minute (a departure is a moment;
 * the recurrence engine wants a duration). null when the stored cadence cannot be read.
 */
export function cadenceRecurrence(c: TrainCadence): Recurrence | null {
  if (!c.rrule && !c.cron) return null;
  const checked = validateRecurrence({ kind: 'recurring', ...(c.rrule ? { rrule: c.rrule } : { cron: c.cron }), durationMinutes: 1, timezone: c.timezone });
  return checked.ok ? checked.value : null;
}

export const cutoffOf = (departureAt: Date, cutoffMinutes: number): Date => new Date(departureAt.getTime() - cutoffMinutes * MINUTE);

/** The next `n` departures that have not left by `now` (a departure at exactly `now` has left). */
export function upcomingDepartures(c: TrainCadence, cutoffMinutes: number, now: Date, n: number): Departure[] {
  const rec = cadenceRecurrence(c);
  if (!rec) return [];
  return nextOccurrences(rec, new Date(now.getTime() + 1), n + 1)
    .filter((o) => o.start.getTime() > now.getTime())
    .slice(0, n)
    .map((o) => ({ departureAt: o.start, cutoffAt: cutoffOf(o.start, cutoffMinutes) }));
}

/** Every departure in [from, to), at most `limit`. */
export function departuresBetween(c: TrainCadence, cutoffMinutes: number, from: Date, to: Date, limit = 500): Departure[] {
  const rec = cadenceRecurrence(c);
  if (!rec) return [];
  return occurrences(rec, from, to, limit)
    .filter((o) => o.start.getTime() >= from.getTime())
    .map((o) => ({ departureAt: o.start, cutoffAt: cutoffOf(o.start, cutoffMinutes) }));
}

/** Whether `at` is one of the cadence's departures (to the minute). */
export function isDeparture(c: TrainCadence, at: Date): boolean {
  const rec = cadenceRecurrence(c);
  if (!rec) return false;
  return occurrences(rec, new Date(at.getTime() - MINUTE + 1), new Date(at.getTime() + 1), 2).some((o) => o.start.getTime() === at.getTime());
}

export function describeCadence(c: TrainCadence): string {
  const rec = cadenceRecurrence(c);
  if (!rec) return tell('cadenceUnreadable');
  // "Every Tuesday at 10:00 (Europe/London)": a departure is a moment
  return describeMoments(rec);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** "Tue 8 Dec 2026 10:00 Europe/London": a departure or cut-off as wall-clock time in the train's zone. */
export function formatTrainTime(d: Date, timezone: string): string {
  const zone = isValidTimeZone(timezone) ? timezone : 'UTC';
  const local = new Date(instantToFloating(d, zone));
  const day = local.toLocaleDateString('en-GB', { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).replace(',', '');
  return `${day} ${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())} ${zone}`;
}

/** "24 h", "2 d", "90 min", "at the departure". */
export function describeCutoff(minutes: number): string {
  if (minutes <= 0) return tell('cutoff.atDeparture');
  return tell('cutoff.before', { duration: durationWords(minutes * MINUTE) });
}

// ---------------------------------------------------------------- countdown and status

export type DepartureStatus = 'boarding' | 'cut_off' | 'departed' | 'shipped';

export const DEPARTURE_STATUS_LABELS: Record<DepartureStatus, string> = {
  boarding: 'Boarding',
  cut_off: 'Cut off',
  departed: 'Departed',
  shipped: 'Shipped',
};

/** Time left until the cut-off, in words: "2 d 3 h left", "cut-off passed 5 h ago". */
export function cutoffCountdown(cutoffAt: Date, now: Date): { ms: number; text: string } {
  const ms = cutoffAt.getTime() - now.getTime();
  if (ms > 0) return { ms, text: tell('countdown.left', { duration: durationWords(ms) }) };
  if (ms === 0) return { ms, text: tell('countdown.now') };
  return { ms, text: tell('countdown.passed', { duration: durationWords(-ms) }) };
}

/** A release on a departure, as the status and the sums read it. */
export interface DepartureRelease {
  status: string;
  /** it reached every target environment of the train with a successful deployment */
  deployedToTargets: boolean;
  failedDeployments: number;
  backouts: number;
  leadTimeMs: number | null;
}

const SHIPPED_STATUSES = ['deployed', 'handed_over', 'in_review', 'closed'];
const DROPPED_STATUSES = ['cancelled', 'rejected', 'rolled_back'];

export const releaseShipped = (r: Pick<DepartureRelease, 'status' | 'deployedToTargets'>) => r.deployedToTargets || SHIPPED_STATUSES.includes(r.status);
export const releaseDropped = (r: Pick<DepartureRelease, 'status'>) => DROPPED_STATUSES.includes(r.status);

/**
 * Boarding until the cut-off, cut off until the departure; afterwards shipped once every
 * release on it that was not dropped (cancelled, rejected, rolled back) has shipped (reached
 * the train's environments, or moved on to deployed or later), and at least one did.
 */
export function departureStatus(d: Departure, releases: readonly Pick<DepartureRelease, 'status' | 'deployedToTargets'>[], now: Date): DepartureStatus {
  const kept = releases.filter((r) => !releaseDropped(r));
  if (kept.length > 0 && kept.every(releaseShipped)) return 'shipped';
  if (now.getTime() < d.cutoffAt.getTime()) return 'boarding';
  if (now.getTime() < d.departureAt.getTime()) return 'cut_off';
  return 'departed';
}

export interface DepartureMetrics {
  releases: number;
  shipped: number;
  dropped: number;
  failedDeployments: number;
  backouts: number;
  /** the mean lead time of the releases that have one */
  meanLeadTimeMs: number | null;
  text: string;
}

/** The departure's metrics: the sum of its releases' (release-metrics.ts computes each). */
export function departureMetrics(releases: readonly DepartureRelease[]): DepartureMetrics {
  const leads = releases.map((r) => r.leadTimeMs).filter((ms): ms is number => ms !== null);
  const m = {
    releases: releases.length,
    shipped: releases.filter(releaseShipped).length,
    dropped: releases.filter((r) => !releaseShipped(r) && releaseDropped(r)).length,
    failedDeployments: releases.reduce((s, r) => s + r.failedDeployments, 0),
    backouts: releases.reduce((s, r) => s + r.backouts, 0),
    meanLeadTimeMs: leads.length ? Math.round(leads.reduce((s, ms) => s + ms, 0) / leads.length) : null,
  };
  const part = (key: string, values: Record<string, SayValue>): SayValue => ({ key: `sums.${key}`, values });
  const parts: SayValue[] = [
    part('shipped', { shipped: m.shipped, releases: m.releases }),
    ...(m.dropped ? [part('dropped', { count: m.dropped })] : []),
    part('failed', { count: m.failedDeployments }),
    part('backouts', { count: m.backouts }),
    ...(m.meanLeadTimeMs !== null ? [part('leadTime', { duration: durationWords(m.meanLeadTimeMs) })] : []),
  ];
  // "a, b, c": each part in the reader's language
  const joined = parts.reduceRight<SayValue | null>((rest, p) => (rest === null ? p : part('comma', { first: p, rest })), null)!;
  return { ...m, text: tell('sums.line', { parts: joined }) };
}

// ---------------------------------------------------------------- joining

export interface JoinFacts {
  trainName: string;
  trainActive: boolean;
  releaseKey: string;
  releaseStatus: string;
  departure: Departure;
  /** the departure's time as people read it, e.g. "Tue 8 Dec 2026 10:00 Europe/London" */
  departureText: string;
  cutoffText: string;
  cutoffMinutes: number;
  now: Date;
  /** a late-join exception for this release and departure has been granted */
  lateJoinGranted: boolean;
}

/**
 * May the release join the departure now? Each refusal is a gate: the rule, why, and what
 * would satisfy it. `late` says the join needs (and has) the late-join exception.
 */
export function joinDecision(f: JoinFacts): { ok: true; late: boolean } | { ok: false; gate: GateResult } {
  const refuse = (rule: string, why: MessageRef, fix: MessageRef) => ({ ok: false as const, gate: failWith(rule, why, fix) });
  const train = f.trainName;
  if (!f.trainActive) return refuse('train.active', words('train.active.retired', { train }), words('train.active.fix'));
  if (!allowsValue(f.releaseStatus, 'planWindows')) {
    const status = isReleaseStatus(f.releaseStatus) ? term(`releaseWord.${f.releaseStatus}`) : f.releaseStatus.replace(/_/g, ' ');
    return refuse('train.release_open', words('train.release_open.closed', { key: f.releaseKey, status }), words('train.release_open.fix'));
  }
  if (f.now.getTime() >= f.departure.departureAt.getTime()) {
    return refuse('train.departed', words('train.departed.left', { train, departure: f.departureText }), words('train.departed.fix'));
  }
  if (f.now.getTime() >= f.departure.cutoffAt.getTime()) {
    if (f.lateJoinGranted) return { ok: true, late: true };
    return refuse(
      'train.cutoff',
      words('train.cutoff.closed', { train, departure: f.departureText, cutoff: f.cutoffText, cutoffRule: describeCutoff(f.cutoffMinutes) }),
      words('train.cutoff.fix', { key: f.releaseKey }),
    );
  }
  return { ok: true, late: false };
}

/**
 * Whether `granterId` may grant a late join requested by `requesterId`: the two-person rule
 * of a freeze override (lib/domain/freeze.ts overrideConfirmRefusal), applied to trains.
 */
export function lateJoinGrantRefusal(requesterId: string, granterId: string | null): string | null {
  if (!granterId) return tell('lateJoin.signedIn');
  if (requesterId === granterId) {
    return tell('lateJoin.ownRequest');
  }
  return null;
}

/** "weekly-web-train" from "Weekly web train"; "train" when nothing is left. */
export function trainSlug(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/g, '');
  return slug || 'train';
}
