import semver from 'semver';
import type { ReleaseStatus } from '@/lib/generated/prisma/enums';
import { APPROVER2, BUILDS, COMPONENTS, MANAGER, MANAGER2, OPS2, RELM, type Email } from './data';

// A few months of finished releases before the demo's own (docs/decisions/043-delivery-metrics.md),
// so the delivery metrics page has a history to show: production deployments from about 17
// weeks to 2 weeks ago, some failed and retried, some backed out, a couple judged failed by
// their review. Pure and deterministic for a given `now` (a fixed pseudo-random sequence). The
// releases are all closed and older than anything the demo shows for today: they come after
// the demo's own in number (REL-1…REL-23), and their builds are older than every component's
// newest build, so the demo's lists, dashboards and calendar weeks look as before. Relm itself
// has no history here: its versions before the demo's are the ones in CHANGELOG.md.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export const HISTORY_RELEASES = 96;
/** the newest history deployment is at least this many days old */
export const HISTORY_NEWEST_DAYS = 13;
export const HISTORY_OLDEST_DAYS = 120;

export type HistoryOutcome = 'clean' | 'failed_then_retried' | 'backed_out' | 'review_failed';

export interface HistoryDeployment {
  env: 'staging' | 'production';
  kind: 'deploy' | 'backout';
  status: 'succeeded' | 'failed';
  startedAt: number;
  finishedAt: number;
}

export interface HistoryRelease {
  title: string;
  owner: Email;
  approver: Email;
  items: { component: string; version: string; builtAt: number }[];
  created: number;
  sealed: number;
  submitted: number;
  approved: number;
  scheduled: number;
  window: { start: number; end: number };
  stagingWindow: { start: number; end: number };
  deployments: HistoryDeployment[];
  outcome: HistoryOutcome;
  transitions: { from: ReleaseStatus; to: ReleaseStatus; at: number }[];
  closed: number;
  review: { outcome: 'partially_successful' | 'failed'; reasons: string[]; incidents: string; wentBadly: string; action: string } | null;
}

/** mulberry32: a small deterministic generator, so the demo's history is the same every time */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The n-th history version of a component: below the oldest version the demo records for it, in
 * the minor line before (ledger 2.3.0 → 2.2.1, 2.2.2, …), so it never meets one of the demo's.
 */
export function historyVersion(component: string, n: number): string {
  const oldest = BUILDS.filter((b) => b.component === component)
    .map((b) => b.version)
    .sort(semver.compare)[0];
  const v = semver.parse(oldest ?? '1.0.0')!;
  if (v.minor > 0) return `${v.major}.${v.minor - 1}.${n}`;
  if (v.major > 0) return `${v.major - 1}.99.${n}`;
  return `0.0.${n}-history`;
}

const WHAT = ['Performance fixes', 'Dependency upgrades', 'Bug fixes', 'Small features', 'Configuration clean-up', 'Logging and metrics', 'Security patches'];

export function planHistory(now: number): HistoryRelease[] {
  const rnd = random(43);
  const between = (lo: number, hi: number) => lo + (hi - lo) * rnd();
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const minute = (t: number) => Math.round(t / MINUTE) * MINUTE;
  const versions = new Map<string, number>();
  const today = Math.floor(now / DAY) * DAY;
  const out: HistoryRelease[] = [];
  const span = HISTORY_OLDEST_DAYS - HISTORY_NEWEST_DAYS;
  for (let i = 0; i < HISTORY_RELEASES; i++) {
    // oldest first; on a Tuesday, Wednesday or Thursday (the production maintenance windows)
    let day = today - Math.round(HISTORY_OLDEST_DAYS - (i * span) / (HISTORY_RELEASES - 1)) * DAY;
    while (![2, 3, 4].includes(new Date(day).getUTCDay())) day -= DAY;
    const windowStart = day + Math.floor(between(9, 14)) * HOUR;
    const window = { start: windowStart, end: windowStart + (rnd() < 0.5 ? 2 : 3) * HOUR };
    const r = rnd();
    const delay = r < 0.1 ? -5 * MINUTE : r < 0.8 ? minute(between(0, 20 * MINUTE)) : minute(between(30 * MINUTE, 120 * MINUTE));
    const start = window.start + delay;
    const duration = minute(between(15 * MINUTE, 75 * MINUTE));
    const o = rnd();
    const outcome: HistoryOutcome = i === 20 || i === 55 ? 'review_failed' : o < 0.08 ? 'failed_then_retried' : o < 0.15 ? 'backed_out' : 'clean';

    const team = pick(['payments', 'payments', 'platform', 'customer-experience', 'data'] as const);
    const owned = COMPONENTS.filter((c) => c.team === team && c.name !== RELM);
    const first = pick(owned);
    const second = rnd() < 0.3 ? pick(owned.filter((c) => c.name !== first.name)) : null;
    const stagingGap = minute(between(2 * HOUR, 20 * HOUR));
    const stagingWindow = { start: start - stagingGap - 30 * MINUTE, end: start - stagingGap + 90 * MINUTE };
    const scheduled = stagingWindow.start - HOUR;
    const approved = scheduled - 30 * MINUTE;
    const wait = minute(rnd() < 0.7 ? between(2 * HOUR, 26 * HOUR) : between(26 * HOUR, 72 * HOUR));
    const submitted = approved - wait;
    const sealed = submitted - 30 * MINUTE;
    const created = sealed - 2 * HOUR;
    // lead time: from the build to production; at least what the steps above take
    const l = rnd();
    const leadDraw = l < 0.4 ? between(0.5, 2) : l < 0.75 ? between(2, 6) : l < 0.95 ? between(6, 14) : between(14, 30);
    const builtAt = minute(Math.min(created - HOUR, start - leadDraw * DAY));
    const items = [first, ...(second ? [second] : [])].map((c) => {
      const n = (versions.get(c.name) ?? 0) + 1;
      versions.set(c.name, n);
      return { component: c.name, version: historyVersion(c.name, n), builtAt: builtAt + (c === first ? 0 : 40 * MINUTE) };
    });

    const deployments: HistoryDeployment[] = [
      { env: 'staging', kind: 'deploy', status: 'succeeded', startedAt: start - stagingGap, finishedAt: start - stagingGap + 20 * MINUTE },
    ];
    const t: HistoryRelease['transitions'] = [
      { from: 'draft', to: 'submitted', at: submitted },
      { from: 'submitted', to: 'approved', at: approved },
      { from: 'approved', to: 'scheduled', at: scheduled },
      { from: 'scheduled', to: 'deploying', at: start - stagingGap },
    ];
    let end = start + duration;
    let review: HistoryRelease['review'] = null;
    if (outcome === 'failed_then_retried') {
      deployments.push({ env: 'production', kind: 'deploy', status: 'failed', startedAt: start, finishedAt: end });
      const retry = end + minute(between(HOUR, 5 * HOUR));
      end = retry + duration;
      deployments.push({ env: 'production', kind: 'deploy', status: 'succeeded', startedAt: retry, finishedAt: end });
      t.push({ from: 'deploying', to: 'deployed', at: end });
      review = {
        outcome: 'partially_successful',
        reasons: ['failed deployment'],
        incidents: 'The first production run failed its health checks and stopped; nothing reached customers.',
        wentBadly: 'A migration step timed out under production load.',
        action: 'Raise the migration step timeout and rehearse it on a production-sized copy',
      };
    } else if (outcome === 'backed_out') {
      deployments.push({ env: 'production', kind: 'deploy', status: 'succeeded', startedAt: start, finishedAt: end });
      const back = end + minute(between(20 * MINUTE, 180 * MINUTE));
      deployments.push({ env: 'production', kind: 'backout', status: 'succeeded', startedAt: back, finishedAt: back + 15 * MINUTE });
      t.push({ from: 'deploying', to: 'deployed', at: end }, { from: 'deployed', to: 'rolled_back', at: back + 15 * MINUTE });
      end = back + 15 * MINUTE;
      review = {
        outcome: 'failed',
        reasons: ['backed out'],
        incidents: 'Error rates rose after the deployment; the release was backed out to the previous builds.',
        wentBadly: 'The canary stage was too short to show the problem.',
        action: 'Lengthen the canary stage to 30 minutes',
      };
    } else {
      deployments.push({ env: 'production', kind: 'deploy', status: 'succeeded', startedAt: start, finishedAt: end });
      t.push({ from: 'deploying', to: 'deployed', at: end });
      if (outcome === 'review_failed') {
        review = {
          outcome: 'failed',
          reasons: ['incident reported'],
          incidents: 'A customer-facing incident followed the release; it was fixed forward in a later release.',
          wentBadly: 'The change was not behind a feature flag.',
          action: 'Put risky changes behind a feature flag',
        };
      }
    }
    const lastStatus = t[t.length - 1]!.to;
    if (lastStatus === 'deployed') t.push({ from: 'deployed', to: 'handed_over', at: end + 3 * HOUR });
    t.push({ from: t[t.length - 1]!.to, to: 'in_review', at: end + DAY });
    const closed = end + DAY + 2 * HOUR;
    t.push({ from: 'in_review', to: 'closed', at: closed });
    out.push({
      title: `${pick(WHAT)}: ${items.map((x) => `${x.component} ${x.version}`).join(', ')}`,
      owner: team === 'payments' || team === 'platform' ? MANAGER : MANAGER2,
      approver: i % 2 ? APPROVER2 : OPS2,
      items,
      created,
      sealed,
      submitted,
      approved,
      scheduled,
      window,
      stagingWindow,
      deployments,
      outcome,
      transitions: t,
      closed,
      review,
    });
  }
  return out;
}
