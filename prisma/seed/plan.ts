import { releaseKey } from '@/lib/domain/release-key';
import semver from 'semver';
import type { ApprovalDecision, DeploymentKind, DeploymentStatus, ReleaseStatus, VerificationStatus } from '@/lib/generated/prisma/enums';
import { evaluateQuorum, separationOfDuties } from '@/lib/domain/approvals';
import { checkCompatibility, type DependencyRange } from '@/lib/domain/compatibility';
import { freezesHitting, type FreezeSpec } from '@/lib/domain/freeze';
import { isEdge } from '@/lib/domain/lifecycle';
import { approvalRulesFor, PolicyDocumentSchema, type ApprovalRule } from '@/lib/domain/policy';
import { floatingToInstant, instantToFloating, recurrenceOfStored, type Recurrence } from '@/lib/domain/recurrence';
import { computeRiskLevel, type RiskAssessment } from '@/lib/domain/risk-level';
import { checkSchedule } from '@/lib/domain/scheduling';
import {
  ADMIN,
  BASELINE,
  BASELINE_DAYS_AGO,
  BUILDS,
  CI_ENVIRONMENTS,
  COMPONENTS,
  DEFAULT_APPROVERS,
  DEMO_POLICY_DOCUMENT,
  DEMO_RELEASES,
  DEMO_USERS,
  ENV_ORDER,
  ENVIRONMENTS,
  LEDGER_MIGRATION_SLOT,
  MAINTENANCE_WINDOWS,
  OPS,
  OPS2,
  RELM,
  TZ,
  WEEKEND_FREEZE,
  YEAR_END_FREEZE,
  type Email,
  type BuildSeed,
  type EnvName,
  type ReleaseSeed,
  type SlotSpec,
  type Snap,
} from './data';

// Turns the demo data (./data) into dated facts: windows, timelines, deployments,
// risk levels, approvals and what each environment runs. Pure (no database), so
// tests can check it at any moment of the year. Every rule it applies is the
// application's own, from lib/domain: time zones and recurrences, freezes,
// maintenance windows and promotion order (scheduling), semver ranges
// (compatibility), risk levels, approval rules and separation of duties, and
// the lifecycle's transition graph. It throws when the data contradicts them.

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export const POLICY = PolicyDocumentSchema.parse(DEMO_POLICY_DOCUMENT);

// ================================================================ London days (lib/domain/recurrence.ts)

/** A day in London, as the wall-clock-as-UTC ("floating") milliseconds of its midnight. */
type LocalDay = number;

/** The London day an instant falls on. */
export const londonDay = (t: number): LocalDay => {
  const floating = instantToFloating(new Date(t), TZ);
  return floating - (((floating % DAY) + DAY) % DAY);
};

/** The instant at which London's clocks show this day and time. */
const londonTime = (day: LocalDay, hour: number, minute: number): number => floatingToInstant(day + hour * HOUR + minute * MINUTE, TZ).getTime();

/** 0 = Sunday … 6 = Saturday */
const weekday = (day: LocalDay) => new Date(day).getUTCDay();

// ================================================================ freezes and maintenance windows, as stored

/** A window row's columns read the way the application reads them (recurrenceOfStored). */
function stored(w: { kind: 'one_off' | 'recurring'; startsAt?: Date; endsAt?: Date; rrule?: string; durationMinutes?: number }): Recurrence {
  const rec = recurrenceOfStored({
    kind: w.kind,
    startsAt: w.startsAt ?? null,
    endsAt: w.endsAt ?? null,
    rrule: w.rrule ?? null,
    durationMinutes: w.durationMinutes ?? null,
    timezone: TZ,
  });
  if (!rec) throw new Error(`seed: unusable window ${JSON.stringify(w)}`);
  return rec;
}

/** A demo user as the approvals engine sees a person (ids are emails). */
const person = (email: string) => {
  const u = DEMO_USERS.find((x) => x.email === email);
  if (!u) throw new Error(`seed: unknown user ${email}`);
  return { id: email, email, name: u.name, roles: u.roles, teamSlug: u.team };
};

export type FreezeName = 'weekend' | 'year-end';

/** The two freezes as the domain sees them (ids are names; environment ids are environment names). */
const FREEZES: (FreezeSpec & { id: FreezeName })[] = [
  {
    id: 'weekend',
    name: WEEKEND_FREEZE.name,
    reason: WEEKEND_FREEZE.reason,
    recurrence: stored({ kind: 'recurring', rrule: WEEKEND_FREEZE.rrule, durationMinutes: WEEKEND_FREEZE.durationMinutes }),
    environmentIds: ['production'],
    componentIds: [],
    active: true,
  },
  {
    id: 'year-end',
    name: YEAR_END_FREEZE.name,
    reason: YEAR_END_FREEZE.reason,
    recurrence: stored({ kind: 'one_off', startsAt: YEAR_END_FREEZE.startsAt, endsAt: YEAR_END_FREEZE.endsAt }),
    environmentIds: [...YEAR_END_FREEZE.environments],
    componentIds: [],
    active: true,
  },
];
const YEAR_END = FREEZES.filter((f) => f.id === 'year-end');

export interface Span {
  start: number;
  end: number;
}

/** The maintenance windows of each environment, as the writer stores them (the ledger window depends on now). */
function maintenanceWindows(now: number): Record<string, { label: string; recurrence: Recurrence }[]> {
  const out: Record<string, { label: string; recurrence: Recurrence }[]> = {};
  for (const w of MAINTENANCE_WINDOWS)
    (out[w.env] ??= []).push({ label: w.label, recurrence: stored({ kind: 'recurring', rrule: w.rrule, durationMinutes: w.durationMinutes }) });
  const ledger = ledgerMigrationWindow(now);
  (out.production ??= []).push({
    label: LEDGER_WINDOW_LABEL,
    recurrence: stored({ kind: 'one_off', startsAt: new Date(ledger.start), endsAt: new Date(ledger.end) }),
  });
  return out;
}

export const LEDGER_WINDOW_LABEL = 'Ledger 3.0 migration (one-off, agreed with Finance)';

/** The one-off production window agreed for the ledger 3.0 migration. */
export const ledgerMigrationWindow = (now: number) => slot(now, LEDGER_MIGRATION_SLOT, 'production');

// ================================================================ windows of each release

const dayAllowed = (day: LocalDay, snap: Snap) => {
  const wd = weekday(day);
  switch (snap) {
    case 'prod':
      return wd >= 2 && wd <= 4;
    case 'weekday':
      return wd >= 1 && wd <= 5;
    case 'saturday':
      return wd === 6;
    case 'monday':
      return wd === 1;
    case 'any':
      return true;
  }
};

/**
 * The window a spec names: from the day `spec.day` days from now, the nearest day
 * the snap allows (earlier for the past, later for the future) on which the window
 * does not fall into the year-end freeze.
 */
function slot(now: number, spec: SlotSpec, env: EnvName, direction?: 1 | -1): Span {
  const [hh, mm] = spec.at.split(':').map(Number) as [number, number];
  const dir = direction ?? (spec.day < 0 ? -1 : 1);
  // calendar days in London (not 24-hour steps, which drift by an hour across a clock change)
  let day = londonDay(now) + spec.day * DAY;
  const snap = spec.snap ?? (env === 'production' ? 'prod' : 'weekday');
  for (let i = 0; i < 60; i++, day += dir * DAY) {
    if (!dayAllowed(day, snap)) continue;
    const start = londonTime(day, hh, mm);
    const end = start + spec.minutes * MINUTE;
    if (freezesHitting(YEAR_END, { environmentId: env, componentIds: [] }, { start: new Date(start), end: new Date(end) }).length === 0) return { start, end };
  }
  throw new Error(`seed: no day found for window ${JSON.stringify(spec)}`);
}

/** The windows of every target environment, production last, each earlier one before the next. */
function targetWindows(now: number, r: ReleaseSeed): Map<EnvName, Span> {
  const windows = new Map<EnvName, Span>();
  const quarter = Math.floor(now / (15 * MINUTE)) * 15 * MINUTE;
  const prod: Span =
    'fromNowMinutes' in r.production
      ? { start: quarter + r.production.fromNowMinutes * MINUTE, end: quarter + (r.production.fromNowMinutes + r.production.minutes) * MINUTE }
      : slot(now, r.production, 'production');
  windows.set('production', prod);
  let next = prod;
  const earlier = r.targets.filter((e) => e !== 'production').sort((a, b) => ENV_ORDER.indexOf(b) - ENV_ORDER.indexOf(a));
  for (const env of earlier) {
    let w: Span;
    if (r.leadMinutes !== undefined) {
      w = { start: next.start - r.leadMinutes * MINUTE, end: next.start - r.leadMinutes * MINUTE + 60 * MINUTE };
    } else {
      const lead = env === 'staging' ? (r.stagingLeadDays ?? 1) : 1;
      const daysFromNow = Math.round((londonDay(next.start) - londonDay(now)) / DAY) - lead;
      w = slot(now, { day: daysFromNow, at: env === 'staging' ? '10:00' : '11:00', minutes: 60, snap: 'weekday' }, env, -1);
    }
    windows.set(env, w);
    next = w;
  }
  return windows;
}

// ================================================================ compatibility (lib/domain/compatibility.ts)

const DEPENDENCIES: DependencyRange[] = COMPONENTS.flatMap((c) =>
  Object.entries(c.dependsOn).map(([dependsOn, range]) => ({ component: c.name, dependsOn, range })),
);
const asItems = (versions: Iterable<[string, string]>) => [...versions].map(([component, version]) => ({ component, version }));

/** Every broken range within one complete set of builds (what an environment runs). */
const inconsistencies = (versions: Map<string, string>) => checkCompatibility({ items: asItems(versions), dependencies: DEPENDENCIES }).map((p) => p.message);

/** The submit gate's check: the package against what production runs. */
const packageProblems = (items: [string, string][], production: Map<string, string>) =>
  checkCompatibility({
    items: asItems(items),
    dependencies: DEPENDENCIES,
    running: [...production].map(([component, version]) => ({ environment: 'production', component, version })),
    environments: ['production'],
  }).map((p) => p.message);

// ================================================================ Relm itself (issue 17 point 7)

/**
 * The build of the Relm that seeds the demo (package.json's version, which the writer reads)
 * when no Relm build of ./data has that version and it is newer than all of them: a version
 * bumped before the demo learnt of it. The demo's newest Relm build is then still the one
 * running. Null when ./data has it (or for a version that is not semver, or older).
 */
export function runningRelmBuild(version: string): BuildSeed | null {
  const known = BUILDS.filter((b) => b.component === RELM).map((b) => b.version);
  if (!semver.valid(version) || known.includes(version) || known.some((v) => semver.gte(v, version))) return null;
  return {
    component: RELM,
    version,
    daysAgo: 0,
    notes: [`The changes listed under ${version} in CHANGELOG.md.`],
    workItems: [],
  };
}

// ================================================================ the plan

export const EXECUTED: ReleaseStatus[] = ['deploying', 'deployed', 'handed_over', 'in_review', 'closed', 'rolled_back'];
export const PAST_APPROVAL: ReleaseStatus[] = ['approved', 'scheduled', ...EXECUTED];
export const SUBMITTED_ONCE: ReleaseStatus[] = ['submitted', 'rejected', 'cancelled', ...PAST_APPROVAL];
export const DEPLOYED_FULLY: ReleaseStatus[] = ['deployed', 'handed_over', 'in_review', 'closed'];

export interface PlannedDeployment {
  env: EnvName;
  kind: DeploymentKind;
  status: DeploymentStatus;
  scheduledFor: number;
  startedAt?: number;
  finishedAt?: number;
  executedBy: string;
  notes: string;
  /** component → version */
  items: [string, string][];
  checks: { name: string; status: VerificationStatus; details: string; manual?: boolean }[];
}

export interface PlannedRelease {
  seed: ReleaseSeed;
  number: number;
  windows: Map<EnvName, Span>;
  plannedStart: number;
  plannedEnd: number;
  created: number;
  submitted?: number;
  sealed?: number;
  approved?: number;
  decided?: number;
  scheduled?: number;
  deploying?: number;
  finished?: number;
  handedOver?: number;
  inReview?: number;
  closed?: number;
  deployments: PlannedDeployment[];
  transitions: { from: ReleaseStatus; to: ReleaseStatus; at: number; actor: Email; reason: string; gates: { rule: string; ok: boolean; detail: string }[] }[];
  risk?: RiskAssessment;
  /** the policy's approval rules for the release's risk level and type */
  rules: ApprovalRule[];
  overrides: { env: EnvName; freeze: FreezeName; reason: string; by: Email; confirmedBy: Email; at: number }[];
  decisions: { email: Email; key: string; decision: ApprovalDecision; comment: string; at: number }[];
}

const PRODUCTION_CHECKS: Record<string, string> = {
  'web-storefront': 'Synthetic journey: sign up, change plan, pay',
  'billing-api': 'Synthetic journey: upgrade plan and download invoice',
  'payment-gateway': 'Synthetic journey: card payment with 3-D Secure challenge',
  'mobile-bff': 'Synthetic journey: app sign-in and saved cards',
  identity: 'Synthetic journey: sign in, refresh session, sign out',
  relm: 'Synthetic journey: sign in through single sign-on and open a release',
};

function checksFor(env: EnvName, items: [string, string][], ok: boolean): PlannedDeployment['checks'] {
  if (env !== 'production') {
    return [
      {
        name: env === 'staging' ? 'Integration test suite (staging)' : 'Contract tests',
        status: 'passed',
        details: `${220 + items.length * 37} tests, 0 failures`,
      },
      { name: 'Smoke tests', status: 'passed', details: 'All health endpoints green' },
    ];
  }
  const journeys = items.map(([c]) => PRODUCTION_CHECKS[c]).filter((x): x is string => !!x);
  if (!ok) {
    return [{ name: 'Smoke tests', status: 'failed', details: 'Health checks failing on 2 of 6 pods after 10 minutes', manual: false }];
  }
  return [
    { name: 'Smoke tests', status: 'passed', details: 'All health endpoints green' },
    ...journeys.slice(0, 1).map((name) => ({ name, status: 'passed' as const, details: 'Passed 3 runs in a row' })),
    { name: 'Error rate below 0.5% for 15 minutes', status: 'passed', details: 'Peak 0.18%', manual: true },
  ];
}

/**
 * Turns the tables into dated facts; throws when the data contradicts itself (a
 * mistake in this file). Pure, so tests can check it at any moment of the year.
 */
export function planDemo(now: number) {
  const maintenance = maintenanceWindows(now);
  const buildTimes = new Map<string, number>();
  const planned: PlannedRelease[] = [];
  const failures: { number: number; at: number; components: string[] }[] = [];

  DEMO_RELEASES.forEach((seed, index) => {
    const windows = targetWindows(now, seed);
    const all = [...windows.values()];
    const plannedStart = Math.min(...all.map((w) => w.start));
    const plannedEnd = Math.max(...all.map((w) => w.end));
    const executed = EXECUTED.includes(seed.status);
    const anchor = executed ? plannedStart : now;
    const at = (days: number) => Math.round((anchor + days * DAY) / MINUTE) * MINUTE;
    const p: PlannedRelease = {
      seed,
      number: index + 1,
      windows,
      plannedStart,
      plannedEnd,
      created: at(seed.timeline.created),
      deployments: [],
      transitions: [],
      overrides: [],
      decisions: [],
      rules: [],
    };
    const owner = seed.owner;
    const t = p.transitions;
    if (SUBMITTED_ONCE.includes(seed.status)) {
      p.submitted = at(seed.timeline.submitted ?? seed.timeline.created + 1);
      p.sealed = p.submitted - 20 * MINUTE;
      t.push({
        from: 'draft',
        to: 'submitted',
        at: p.submitted,
        actor: owner,
        reason: 'Ready for approval',
        gates: [
          { rule: 'package.sealed', ok: true, detail: 'Package sealed (revision 1)' },
          { rule: 'package.compatible', ok: true, detail: 'All dependency ranges satisfied, including the builds in the target environments' },
          { rule: 'package.integrity', ok: true, detail: 'Stored digest matches the recomputed manifest digest' },
          { rule: 'risks.assessed', ok: true, detail: seed.noKnownRisks ? 'No known risks (stated explicitly)' : `${seed.risks?.length ?? 0} risks assessed` },
          ...(seed.type !== 'standard' ? [{ rule: 'backout.present', ok: true, detail: 'Back-out plan with steps and targets' }] : []),
          { rule: 'plan.owned', ok: true, detail: 'Every plan task has an owner' },
        ],
      });
    }
    if (seed.status === 'rejected') {
      p.decided = at(seed.timeline.decided ?? 0);
      t.push({ from: 'submitted', to: 'rejected', at: p.decided, actor: seed.rejection!.by, reason: seed.rejection!.comment, gates: [] });
    }
    if (seed.status === 'cancelled') {
      p.decided = at(seed.timeline.decided ?? 0);
      t.push({ from: 'submitted', to: 'cancelled', at: p.decided, actor: owner, reason: seed.cancelReason ?? 'Cancelled', gates: [] });
    }
    if (PAST_APPROVAL.includes(seed.status)) {
      p.approved = at(seed.timeline.decided ?? 0);
      // the approval that crossed the quorum moved the release on
      t.push({
        from: 'submitted',
        to: 'approved',
        at: p.approved,
        actor: '', // the approver who completed the quorum (set below)
        reason: 'Approval quorum reached',
        gates: [
          { rule: 'approvals.quorum', ok: true, detail: 'Every approval requirement is satisfied' },
          { rule: 'approvals.independent', ok: true, detail: 'No approver owns, requested or built anything in this release' },
          { rule: 'approvals.digest', ok: true, detail: 'All approvals are bound to the current package digest' },
          { rule: 'approvals.fresh', ok: true, detail: 'No approval has expired' },
        ],
      });
    }
    if (seed.status !== 'approved' && PAST_APPROVAL.includes(seed.status)) {
      const next = executed ? plannedStart : now;
      p.scheduled = p.approved! + Math.min(3 * HOUR, Math.floor((next - p.approved!) / 2 / MINUTE) * MINUTE);
      t.push({
        from: 'approved',
        to: 'scheduled',
        at: p.scheduled,
        actor: owner,
        reason: 'Scheduled in the agreed window',
        gates: [
          {
            rule: 'schedule.maintenance',
            ok: true,
            detail: seed.type === 'emergency' ? 'Emergency release: maintenance windows do not apply' : 'Inside the maintenance windows of every target',
          },
          { rule: 'schedule.freeze', ok: true, detail: seed.override ? 'Freeze override granted by two people' : 'No active freeze' },
          { rule: 'schedule.conflicts', ok: true, detail: 'No other release on these environments or components' },
          { rule: 'schedule.promotion', ok: true, detail: 'Production comes after staging' },
        ],
      });
    }

    // deployments
    const items = seed.items;
    const envs = [...windows.keys()].sort((a, b) => ENV_ORDER.indexOf(a) - ENV_ORDER.indexOf(b));
    const prodExecutor = seed.productionExecutor ?? 'pipeline:deploy-prod';
    if (seed.status === 'scheduled') {
      for (const env of envs) {
        p.deployments.push({
          env,
          kind: 'deploy',
          status: 'scheduled',
          scheduledFor: windows.get(env)!.start,
          executedBy: env === 'production' ? prodExecutor : `pipeline:deploy-${env}`,
          notes: '',
          items,
          checks: [],
        });
      }
    }
    if (executed) {
      for (const env of envs) {
        const w = windows.get(env)!;
        const isProd = env === 'production';
        const minutes = (isProd ? 22 : env === 'staging' ? 16 : 10) + 3 * items.length;
        const start = w.start + 5 * MINUTE;
        const executedBy = isProd ? prodExecutor : `pipeline:deploy-${env}`;
        const base = { env, kind: 'deploy' as const, scheduledFor: w.start, executedBy, items };
        if (isProd && seed.outcome === 'in_progress') {
          p.deployments.push({ ...base, status: 'in_progress', startedAt: now - 25 * MINUTE, notes: 'Rolling update: 4 of 6 pods updated', checks: [] });
        } else if (isProd && seed.outcome === 'rolled_back') {
          const failedAt = start + (minutes + 10) * MINUTE;
          p.deployments.push({
            ...base,
            status: 'failed',
            startedAt: start,
            finishedAt: failedAt,
            notes: 'Challenge requests timed out for two large issuers; authorisation rate fell 4 points. Back-out called by the release owner.',
            checks: checksFor(env, items, false),
          });
          const backStart = failedAt + 8 * MINUTE;
          p.deployments.push({
            env,
            kind: 'backout',
            status: 'succeeded',
            scheduledFor: backStart,
            startedAt: backStart,
            finishedAt: backStart + 18 * MINUTE,
            executedBy: OPS,
            notes: 'Back-out plan executed: previous builds restored, authorisation rate back to baseline within 10 minutes.',
            items: [], // the back-out targets, filled in once production's history is known
            checks: [
              { name: 'Smoke tests after back-out', status: 'passed', details: 'All health endpoints green' },
              { name: 'Authorisation rate back to baseline', status: 'passed', details: '94.1% (baseline 94.3%)', manual: true },
            ],
          });
        } else if (isProd && seed.outcome === 'failed_then_retried') {
          const failedAt = start + 14 * MINUTE;
          p.deployments.push({
            ...base,
            status: 'failed',
            startedAt: start,
            finishedAt: failedAt,
            notes: 'Schema migration timed out waiting for a lock held by a long-running report query. Nothing was switched over.',
            checks: [{ name: 'Schema migration', status: 'failed', details: 'lock timeout after 300 s on payment_challenge_sessions' }],
          });
          const retry = failedAt + 35 * MINUTE;
          p.deployments.push({
            ...base,
            status: 'succeeded',
            scheduledFor: retry,
            startedAt: retry,
            finishedAt: retry + minutes * MINUTE,
            notes: 'Retried after the report query was stopped; migration took 40 s.',
            checks: checksFor(env, items, true),
          });
        } else {
          p.deployments.push({
            ...base,
            status: 'succeeded',
            startedAt: start,
            finishedAt: start + minutes * MINUTE,
            notes: '',
            checks: checksFor(env, items, true),
          });
        }
      }
      p.deploying = p.deployments[0]!.startedAt!;
      t.push({
        from: 'scheduled',
        to: 'deploying',
        at: p.deploying,
        actor: OPS,
        reason: `Deployment to ${envs[0]} started`,
        gates: [
          { rule: 'deploy.window', ok: true, detail: 'Now is inside the scheduled window' },
          {
            rule: 'deploy.freeze',
            ok: true,
            detail: seed.override || seed.type === 'emergency' ? 'Outside every freeze, or override granted' : 'Outside every freeze',
          },
        ],
      });
      const last = p.deployments[p.deployments.length - 1]!;
      if (seed.status === 'rolled_back') {
        p.finished = last.finishedAt!;
        t.push({ from: 'deploying', to: 'rolled_back', at: p.finished, actor: OPS, reason: 'Production deployment failed; back-out completed', gates: [] });
      }
      if (DEPLOYED_FULLY.includes(seed.status)) {
        p.finished = last.finishedAt!;
        t.push({
          from: 'deploying',
          to: 'deployed',
          at: p.finished,
          actor: OPS,
          reason: 'All target environments deployed and verified',
          gates: [{ rule: 'deploy.verified', ok: true, detail: 'Every deployment succeeded with passing verification' }],
        });
      }
      if (['handed_over', 'in_review', 'closed'].includes(seed.status)) {
        p.handedOver = p.finished! + 20 * HOUR;
        t.push({
          from: 'deployed',
          to: 'handed_over',
          at: p.handedOver,
          actor: OPS,
          reason: 'Handover acknowledged by operations',
          gates: [{ rule: 'handover.acknowledged', ok: true, detail: 'Operations acknowledged the handover' }],
        });
      }
      if (['in_review', 'closed'].includes(seed.status)) {
        p.inReview = p.handedOver! + 2 * HOUR;
        t.push({
          from: 'handed_over',
          to: 'in_review',
          at: p.inReview,
          actor: owner,
          reason: seed.review?.requiredReasons.length
            ? `Post-release review required: ${seed.review.requiredReasons.join(', ')}`
            : seed.review
              ? 'Post-release review (not required by the policy)'
              : 'Post-release check',
          gates: [],
        });
      }
      if (seed.status === 'closed') {
        p.closed = p.inReview! + 2 * DAY;
        t.push({
          from: 'in_review',
          to: 'closed',
          at: p.closed,
          actor: owner,
          reason: 'Release complete',
          gates: [
            { rule: 'close.handover', ok: true, detail: 'Handover acknowledged' },
            { rule: 'close.review', ok: true, detail: seed.review ? 'Post-release review completed' : 'No review required by the policy' },
          ],
        });
      }
    }

    // freezes, maintenance windows and promotion order, checked as the scheduling
    // gate checks them: only an emergency or a granted override may break them
    const check = checkSchedule({
      release: {
        id: `${releaseKey(p.number)}`,
        key: `${releaseKey(p.number)}`,
        emergency: seed.type === 'emergency',
        ownerId: owner,
        ownerName: owner,
        componentIds: seed.items.map(([c]) => c),
        windows: [...windows].map(([env, w]) => {
          const e = ENVIRONMENTS.find((x) => x.name === env)!;
          return { environmentId: env, environmentName: env, tier: e.tier, position: e.position, start: new Date(w.start), end: new Date(w.end) };
        }),
      },
      maintenance,
      freezes: FREEZES,
      overrides: [],
      others: [],
      acknowledgements: [],
      policy: {
        acknowledgeable: [],
        respectMaintenanceWindows: POLICY.gates.respectMaintenanceWindows,
        productionRequiresStagingSuccess: POLICY.gates.productionRequiresStagingSuccess,
      },
      componentNames: {},
      timezone: TZ,
    });
    for (const problem of check.problems) {
      if (problem.rule === 'schedule.freeze') {
        const by =
          seed.override ??
          (seed.type === 'emergency'
            ? { reason: 'Emergency fix for a customer-facing failure; the on-call engineers of the affected teams are present.', by: owner, confirmedBy: ADMIN }
            : null);
        if (!by) throw new Error(`seed: ${releaseKey(p.number)} is planned in ${problem.environment} inside the ${problem.freezeId} freeze`);
        if (p.scheduled !== undefined)
          p.overrides.push({ env: problem.environment as EnvName, freeze: problem.freezeId as FreezeName, ...by, at: p.scheduled - 30 * MINUTE });
      } else if (problem.rule === 'schedule.maintenance') {
        // the demo's one freeze override (REL-6) also moved the release out of the maintenance windows
        if (!seed.override) throw new Error(`seed: ${releaseKey(p.number)} ${problem.environment} window is outside the maintenance windows`);
      } else {
        throw new Error(`seed: ${releaseKey(p.number)}: ${problem.message}`);
      }
    }

    // risk, then the decisions the policy needed for that level
    if (p.submitted !== undefined) {
      p.risk = assessRisk(p, failures);
      const approves = seed.approvals ?? (PAST_APPROVAL.includes(seed.status) ? DEFAULT_APPROVERS[p.risk.level] : []);
      const end = p.approved ?? p.decided ?? now;
      approves.forEach(([email, key], i) => {
        const last = PAST_APPROVAL.includes(seed.status) && i === approves.length - 1;
        const at = last ? p.approved! - MINUTE : p.submitted! + Math.round(((end - p.submitted!) * ((i + 1) / (approves.length + 1))) / MINUTE) * MINUTE;
        p.decisions.push({ email, key, decision: 'approve', comment: i === 0 ? 'Scope, risks and back-out plan reviewed.' : '', at });
      });
      if (seed.rejection)
        p.decisions.push({
          email: seed.rejection.by,
          key: seed.rejection.requirement,
          decision: 'reject',
          comment: seed.rejection.comment,
          at: p.decided! - MINUTE,
        });
      const rules = (p.rules = approvalRulesFor(POLICY, p.risk.level, seed.type));
      const parties = {
        key: `${releaseKey(p.number)}`,
        ownerId: seed.owner,
        requesterId: seed.requester ?? seed.owner,
        buildAuthorIds: [],
        buildAuthorEmails: items.flatMap(([c, v]) => BUILDS.find((b) => b.component === c && b.version === v)?.producedBy ?? []),
      };
      for (const x of p.decisions) {
        const refused = separationOfDuties(person(x.email), parties);
        if (refused) throw new Error(`seed: ${refused}`);
        if (!rules.some((r) => r.key === x.key)) throw new Error(`seed: ${releaseKey(p.number)} (${p.risk.level}) has no requirement "${x.key}"`);
      }
      // the quorum as the approvals engine counts it (roles, teams, the CAB, one person once),
      // at the moment of the last decision: met exactly when the release got past approval
      const quorum = evaluateQuorum(
        rules.map((r) => ({
          key: r.key,
          description: r.description,
          role: r.role,
          count: r.count,
          distinctTeams: r.distinctTeams,
          cabOnly: r.cabOnly,
          teamSlug: r.teamSlug ?? null,
          kind: 'rule' as const,
        })),
        p.decisions.map((x, i) => ({
          id: String(i),
          approver: person(x.email),
          decision: x.decision,
          digest: 'sealed',
          createdAt: new Date(x.at),
          expiresAt: x.decision === 'approve' ? new Date(x.at + POLICY.approvals.expiryDays * DAY) : null,
          invalidatedAt: null,
        })),
        'sealed',
        new Date(Math.max(p.submitted!, ...p.decisions.map((x) => x.at))),
        POLICY,
        parties,
      );
      if (quorum.allSatisfied !== PAST_APPROVAL.includes(seed.status)) {
        const open = quorum.gates.filter((g) => !g.passed).map((g) => g.why);
        throw new Error(
          `seed: ${releaseKey(p.number)} is ${seed.status} but its approvals ${quorum.allSatisfied ? 'meet' : `do not meet`} the ${p.risk.level}-risk quorum${open.length ? `: ${open.join(' ')}` : ''}`,
        );
      }
      if (PAST_APPROVAL.includes(seed.status)) {
        const crossed = t.find((x) => x.to === 'approved')!;
        crossed.actor = p.decisions[p.decisions.length - 1]!.email;
      }
    }
    for (const d of p.deployments) if (d.status === 'failed') failures.push({ number: p.number, at: d.finishedAt!, components: seed.items.map(([c]) => c) });

    // builds must exist before anyone could package them
    const needed = p.sealed ?? p.created + HOUR;
    for (const [c, v] of items) {
      const key = `${c}@${v}`;
      buildTimes.set(key, Math.min(buildTimes.get(key) ?? Infinity, needed - 6 * HOUR));
    }

    // edges of the lifecycle, ordered in time, and nothing after now
    for (const [i, x] of t.entries())
      if (!isEdge(x.from, x.to) || (i > 0 && t[i - 1]!.to !== x.from))
        throw new Error(`seed: ${releaseKey(p.number)} moves ${x.from} → ${x.to}, not a lifecycle edge`);
    for (let i = 1; i < t.length; i++) {
      if (t[i]!.at <= t[i - 1]!.at) throw new Error(`seed: ${releaseKey(p.number)} transitions out of order (${t[i - 1]!.to} then ${t[i]!.to})`);
    }
    const lastEvent = Math.max(p.created, ...t.map((x) => x.at), ...p.deployments.map((d) => d.finishedAt ?? 0));
    if (lastEvent > now) throw new Error(`seed: ${releaseKey(p.number)} has events in the future`);
    if (p.created >= (p.submitted ?? Infinity)) throw new Error(`seed: ${releaseKey(p.number)} submitted before it was created`);
    planned.push(p);
  });

  // builds: when they were built, never later than a release needed them, each version after the one before
  const builtAt = new Map<string, number>();
  for (const component of COMPONENTS) {
    const builds = BUILDS.filter((b) => b.component === component.name).sort((a, b) => semver.rcompare(a.version, b.version));
    let later = now;
    for (const b of builds) {
      const key = `${b.component}@${b.version}`;
      let t = Math.min(now - b.daysAgo * DAY, buildTimes.get(key) ?? Infinity, later - DAY);
      if (BASELINE[b.component] === b.version) t = Math.min(t, now - (BASELINE_DAYS_AGO + 3) * DAY);
      t = Math.round(t / MINUTE) * MINUTE;
      builtAt.set(key, t);
      later = t;
    }
  }

  // What production runs before each release (past and planned), so back-out
  // targets point at the builds to return to, and packages can be checked against it.
  const prodBefore = new Map<number, Map<string, string>>();
  {
    const future: { at: number; number: number; items: [string, string][] }[] = [];
    for (const p of planned) {
      if (['draft', 'rejected', 'cancelled', 'rolled_back'].includes(p.seed.status)) continue;
      const prodDeploy = p.deployments.find((x) => x.env === 'production' && x.status === 'succeeded' && x.kind === 'deploy');
      future.push({ at: prodDeploy?.finishedAt ?? p.windows.get('production')!.start, number: p.number, items: p.seed.items });
    }
    future.sort((a, b) => a.at - b.at);
    for (const p of planned) {
      const start = p.windows.get('production')!.start;
      const state = new Map(Object.entries(BASELINE));
      for (const f of future) if (f.at < start && f.number !== p.number) for (const [c, v] of f.items) state.set(c, v);
      prodBefore.set(p.number, state);
      // every package except the deliberately broken one fits what production will run
      const problems = packageProblems(p.seed.items, state);
      if (p.seed.incompatible && !problems.length) throw new Error(`seed: ${releaseKey(p.number)} should be incompatible`);
      if (!p.seed.incompatible && problems.length) throw new Error(`seed: ${releaseKey(p.number)} is incompatible: ${problems.join('; ')}`);
    }
  }
  for (const p of planned) {
    for (const dep of p.deployments) if (dep.kind === 'backout') dep.items = p.seed.items.map(([c]) => [c, prodBefore.get(p.number)!.get(c)!]);
  }
  // and what staging and production run now must fit together
  for (const env of ['staging', 'production'] as const) {
    const state = new Map(Object.entries(BASELINE));
    const done = planned.flatMap((p) => p.deployments.filter((x) => x.env === env && x.status === 'succeeded')).sort((a, b) => a.finishedAt! - b.finishedAt!);
    for (const dep of done) for (const [c, v] of dep.items) state.set(c, v);
    const problems = inconsistencies(state);
    if (problems.length) throw new Error(`seed: ${env} would run an incompatible set: ${problems.join('; ')}`);
  }
  for (const env of ['dev', 'test'] as const) {
    const problems = inconsistencies(new Map(Object.entries(CI_ENVIRONMENTS[env])));
    if (problems.length) throw new Error(`seed: ${env} runs an incompatible set: ${problems.join('; ')}`);
  }
  return { planned, builtAt, prodBefore };
}

function assessRisk(p: PlannedRelease, failures: { number: number; at: number; components: string[] }[]) {
  // the same computation the application runs (lib/domain/risk-level.ts), so the two cannot drift
  const s = p.seed;
  return computeRiskLevel(POLICY, {
    type: s.type,
    componentTiers: s.items.map(([c]) => COMPONENTS.find((x) => x.name === c)!.tier),
    componentNames: s.items.map(([c]) => c),
    targetsProduction: s.targets.includes('production'),
    packageSize: s.items.length,
    openRiskScores: (s.risks ?? []).filter((r) => r.status === 'open' || r.status === 'accepted').map((r) => r.likelihood * r.impact),
    recentFailures: failures.flatMap((f) =>
      f.components
        .filter((c) => s.items.some(([x]) => x === c))
        .map((c) => ({ component: c, at: new Date(f.at), release: `${releaseKey(f.number)}`, kind: 'failed' as const })),
    ),
    now: new Date(p.submitted! - 1),
  });
}

/** Plan tasks: go/no-go, snapshot where data changes, one deployment per component (dependencies first), checks, monitoring. */
export function planTasks(r: ReleaseSeed): { name: string; owner: Email; minutes: number; deps: number[] }[] {
  const tasks: { name: string; owner: Email; minutes: number; deps: number[] }[] = [];
  tasks.push({ name: 'Go/no-go check with stakeholders', owner: r.owner, minutes: 15, deps: [] });
  let before = 0;
  const stateful = r.items.filter(([c]) => COMPONENTS.find((x) => x.name === c)!.stateful);
  if (stateful.length && r.items.length <= 2) {
    tasks.push({ name: `Take database snapshots (${stateful.map(([c]) => c).join(', ')})`, owner: OPS, minutes: 20, deps: [0] });
    before = 1;
  }
  const order = [...r.items].sort(([a], [b]) =>
    COMPONENTS.find((x) => x.name === b)!.dependsOn[a] ? -1 : COMPONENTS.find((x) => x.name === a)!.dependsOn[b] ? 1 : 0,
  );
  const deployIdx: number[] = [];
  order.forEach(([c, v], i) => {
    const depOn = order.slice(0, i).filter(([d]) => COMPONENTS.find((x) => x.name === c)!.dependsOn[d]);
    const deps = depOn.length ? depOn.map(([d]) => deployIdx[order.findIndex(([x]) => x === d)]!) : [before];
    const tier = COMPONENTS.find((x) => x.name === c)!.tier;
    deployIdx.push(tasks.length);
    tasks.push({ name: `Deploy ${c} ${v} to production`, owner: i % 2 ? OPS2 : OPS, minutes: tier === 1 ? 30 : 20, deps });
  });
  const smoke = tasks.length;
  tasks.push({ name: 'Smoke tests and synthetic journeys', owner: OPS2, minutes: 15, deps: deployIdx });
  tasks.push({ name: 'Watch dashboards and error budget for 30 minutes, then announce completion', owner: r.owner, minutes: 30, deps: [smoke] });
  return tasks;
}

export function backoutSteps(r: ReleaseSeed, targets: [string, string][]): { description: string; minutes: number }[] {
  const steps = [{ description: 'Announce the back-out in #release-bridge and pause the deployment pipeline', minutes: 5 }];
  const stateful = r.items.filter(([c]) => COMPONENTS.find((x) => x.name === c)!.stateful).map(([c]) => c);
  if (stateful.length) steps.push({ description: `Drain traffic from ${stateful.join(' and ')} (maintenance mode at the gateway)`, minutes: 5 });
  // dependents first, so nothing runs against a dependency older than it needs
  const reverse = [...targets].sort(([a], [b]) =>
    COMPONENTS.find((x) => x.name === a)!.dependsOn[b] ? -1 : COMPONENTS.find((x) => x.name === b)!.dependsOn[a] ? 1 : 0,
  );
  for (const [c, v] of reverse) steps.push({ description: `Redeploy ${c} ${v} (the build production ran before)`, minutes: 10 });
  steps.push({ description: 'Run the smoke tests and synthetic journeys against the restored versions', minutes: 10 });
  steps.push({ description: 'Confirm error rate and latency are back to baseline; tell stakeholders and update the status page', minutes: 10 });
  return steps;
}

// ================================================================ writer
