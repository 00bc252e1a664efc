import { isFreezeProblem, isWindowProblem } from './gate-advice';
import type { GateResult } from './result';

// The release lifecycle of PRODUCT.md as plain data and pure functions. Every
// transition is decided here and nowhere else: the server actions, the API and
// the release page all ask evaluateTransition / availableTransitions.
//
// Gates that depend on capabilities later issues add (approvals, scheduling,
// deployments, handover, review) read optional facts. While a capability's facts
// are absent (undefined or null) its gate fails and says so, instead of silently
// allowing the step.

export const RELEASE_STATUSES = [
  'draft',
  'submitted',
  'approved',
  'scheduled',
  'deploying',
  'deployed',
  'handed_over',
  'in_review',
  'closed',
  'rejected',
  'cancelled',
  'rolled_back',
] as const;
export type ReleaseStatus = (typeof RELEASE_STATUSES)[number];

export const RELEASE_TYPES = ['standard', 'normal', 'major', 'emergency'] as const;
export type ReleaseType = (typeof RELEASE_TYPES)[number];

/** Statuses from which a release may still be cancelled: everything before deploying. */
export const CANCELLABLE_FROM: readonly ReleaseStatus[] = ['draft', 'submitted', 'approved', 'scheduled', 'rejected'];

/** The transition graph: for each status, the statuses it may move to. */
export const TRANSITIONS: Readonly<Record<ReleaseStatus, readonly ReleaseStatus[]>> = {
  draft: ['submitted', 'cancelled'],
  submitted: ['approved', 'rejected', 'cancelled'],
  approved: ['scheduled', 'cancelled'],
  scheduled: ['deploying', 'cancelled'],
  deploying: ['deployed', 'rolled_back'],
  deployed: ['handed_over', 'rolled_back'],
  handed_over: ['in_review'],
  in_review: ['closed'],
  closed: [],
  rejected: ['draft', 'cancelled'],
  cancelled: [],
  rolled_back: ['in_review'],
};

/** The facts a gate reads, by name (ReleaseFacts' optional fields). */
export type GateFact = 'package' | 'risks' | 'plan' | 'approvals' | 'schedule' | 'deployWindow' | 'deployment' | 'backout' | 'handover' | 'review';

/** Which facts the gates of reaching each status read (kept in step with targetGates below by tests/unit/lifecycle-facts.test.ts). */
export const GATE_FACTS: Readonly<Record<ReleaseStatus, readonly GateFact[]>> = {
  submitted: ['package', 'risks', 'plan', 'backout', 'approvals'],
  approved: ['approvals'],
  rejected: ['approvals'],
  scheduled: ['schedule'],
  deploying: ['deployWindow'],
  deployed: ['deployment'],
  rolled_back: ['deployment'],
  handed_over: ['handover'],
  in_review: ['review'],
  closed: ['handover', 'review'],
  draft: [],
  cancelled: [],
};

/**
 * The facts worth loading for a release in `status`: those the gates of its next steps
 * read. A transition outside the graph is refused on its from-state gate alone, so the
 * facts of other targets are never read (the overview and the API show the gates of the
 * next steps; a mutation evaluates one target, refused unless it is a next step).
 */
export function gateFactsFrom(status: ReleaseStatus): ReadonlySet<GateFact> {
  return new Set(TRANSITIONS[status].flatMap((to) => GATE_FACTS[to]));
}

export const TERMINAL_STATUSES: readonly ReleaseStatus[] = RELEASE_STATUSES.filter((s) => TRANSITIONS[s].length === 0);

export const isReleaseStatus = (v: unknown): v is ReleaseStatus => typeof v === 'string' && (RELEASE_STATUSES as readonly string[]).includes(v);
export const isTerminal = (s: ReleaseStatus) => TRANSITIONS[s].length === 0;
export const isEdge = (from: ReleaseStatus, to: ReleaseStatus) => TRANSITIONS[from].includes(to);

export const STATUS_WORDS: Record<ReleaseStatus, string> = {
  draft: 'draft',
  submitted: 'submitted',
  approved: 'approved',
  scheduled: 'scheduled',
  deploying: 'deploying',
  deployed: 'deployed',
  handed_over: 'handed over',
  in_review: 'in review',
  closed: 'closed',
  rejected: 'rejected',
  cancelled: 'cancelled',
  rolled_back: 'rolled back',
};

/** The status as a label (badges, filters, legends): "Handed over". */
export const STATUS_LABELS: Record<ReleaseStatus, string> = Object.fromEntries(
  RELEASE_STATUSES.map((s) => [s, STATUS_WORDS[s][0]!.toUpperCase() + STATUS_WORDS[s].slice(1)]),
) as Record<ReleaseStatus, string>;

/** What the person does to reach a status: button labels and refusal messages. */
export const TRANSITION_ACTIONS: Record<ReleaseStatus, { verb: string; label: string }> = {
  draft: { verb: 'returned to draft', label: 'Return to draft for rework' },
  submitted: { verb: 'submitted', label: 'Submit for approval' },
  approved: { verb: 'approved', label: 'Approve' },
  scheduled: { verb: 'scheduled', label: 'Schedule' },
  deploying: { verb: 'started deploying', label: 'Start deployment' },
  deployed: { verb: 'marked deployed', label: 'Mark deployed' },
  handed_over: { verb: 'handed over', label: 'Hand over to operations' },
  in_review: { verb: 'moved to review', label: 'Start post-release review' },
  closed: { verb: 'closed', label: 'Close' },
  rejected: { verb: 'rejected', label: 'Reject' },
  cancelled: { verb: 'cancelled', label: 'Cancel release' },
  rolled_back: { verb: 'rolled back', label: 'Roll back' },
};

// ---------------------------------------------------------------- facts

export interface PackageFacts {
  hasPackage: boolean;
  itemCount: number;
  sealed: boolean;
  sealedDigest: string | null;
  /** stored digest vs recomputed manifest */
  integrity: { ok: boolean; problems: string[] };
  /** dependency ranges, including what already runs in the target environments */
  compatibility: { ok: boolean; problems: string[] };
}

export interface RiskFacts {
  riskCount: number;
  openRisks: number;
  /** an explicit "no known risks" statement */
  noKnownRisks: boolean;
  assessed: boolean;
}

export interface PlanFacts {
  taskCount: number;
  /** names of the plan tasks that have no owner */
  tasksWithoutOwner: string[];
}

/** A later capability's verdict on one gate: ok, or the problems that block it. */
export interface CheckFacts {
  ok: boolean;
  problems: string[];
  /**
   * The remedies that apply to these problems (lib/domain/scheduling.ts scheduleFacts fills
   * them): the advice names only these. Absent: worked out from the problems' words.
   */
  remedies?: readonly Remedy[];
}

/** Remedies beyond waiting or moving the window, named in advice only when one applies. */
export type Remedy = 'freeze_override' | 'acknowledge' | 'reseal';

export interface ApprovalFacts {
  /** every approval requirement of the policy is met for the current package digest */
  quorumMet: boolean;
  /** requirements still open, in words ("1 of 2 CAB approvals") */
  missing: string[];
  /** who rejected the current package */
  rejectedBy: string[];
  /** before submitting: can the policy's requirements be met by the people who exist (absent: not checked) */
  feasibility?: CheckFacts | null;
  /**
   * A standard change (docs/decisions/045-standard-changes.md): `preApproved` is the recorded
   * decision ("Pre-approved by policy version N, template T vN") when the release is within its
   * template's limits, and then no approval round is needed; `notPreApproved` says which limit
   * a release from a standard-change template exceeds (the normal rules apply).
   */
  standardChange?: { preApproved: string | null; notPreApproved: string | null } | null;
}

export interface DeploymentFacts {
  succeeded: boolean;
  rolledBack: boolean;
  problems: string[];
}

/** The back-out plan, as far as the submit gate cares. */
export interface BackoutFacts {
  /** the current policy requires a back-out plan for this release's type */
  required: boolean;
  present: boolean;
  complete: boolean;
  problems: string[];
}

export interface HandoverFacts {
  prepared: boolean;
  acknowledged: boolean;
}

export interface ReviewFacts {
  required: boolean;
  done: boolean;
}

/**
 * Everything a transition's gates look at. Issues after the first fill the
 * optional members (and may add more); absent means "not recorded by Relm yet".
 */
export interface ReleaseFacts {
  key?: string;
  status: ReleaseStatus;
  type: ReleaseType;
  /** read by the submit gates only: the caller may leave them out when submitting is not a next step */
  package?: PackageFacts | null;
  risks?: RiskFacts | null;
  plan?: PlanFacts | null;
  approvals?: ApprovalFacts | null;
  schedule?: CheckFacts | null;
  deployWindow?: CheckFacts | null;
  deployment?: DeploymentFacts | null;
  backout?: BackoutFacts | null;
  handover?: HandoverFacts | null;
  review?: ReviewFacts | null;
}

export interface ActorAbilities {
  /** holds release.transition (checked again on the server) */
  transition: boolean;
  /**
   * holds the role but does not manage this release (lib/domain/release-managers.ts): who
   * does, e.g. "REL-12's owner (Maya Manager) and release managers of the Payments team"
   */
  notManagedBy?: string | null;
}

export interface TransitionEvaluation {
  from: ReleaseStatus;
  to: ReleaseStatus;
  label: string;
  allowed: boolean;
  gates: GateResult[];
}

// ---------------------------------------------------------------- wording

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** "a, b, c and 2 more" — keeps a refusal readable when a list is long. */
export function listWords(items: readonly string[], max = 5, conjunction: 'and' | 'or' = 'and'): string {
  const shown = items.slice(0, max).map((s) => s.trim() || '(unnamed)');
  const rest = items.length - shown.length;
  if (rest > 0) return `${shown.join(', ')} and ${rest} more`;
  if (shown.length <= 1) return shown.join('');
  return `${shown.slice(0, -1).join(', ')} ${conjunction} ${shown[shown.length - 1]}`;
}

const pass = (rule: string, why: string): GateResult => ({ rule, passed: true, why });
const fail = (rule: string, why: string, fix: string): GateResult => ({ rule, passed: false, why, fix });

function notYet(rule: string, capability: string): GateResult {
  return fail(
    rule,
    `Relm does not record ${capability} yet, so this gate cannot be met.`,
    `This step becomes possible once ${capability} can be recorded in Relm.`,
  );
}

// ---------------------------------------------------------------- gates

function fromStateGate(from: ReleaseStatus, to: ReleaseStatus): GateResult {
  if (isEdge(from, to)) return pass('lifecycle.from_state', `A ${STATUS_WORDS[from]} release can be ${TRANSITION_ACTIONS[to].verb}.`);
  const next = TRANSITIONS[from];
  if (to === 'cancelled') {
    return fail(
      'lifecycle.from_state',
      `A ${STATUS_WORDS[from]} release cannot be cancelled: only releases that have not started deploying (draft, submitted, approved, scheduled or rejected) can.`,
      next.length
        ? `From ${STATUS_WORDS[from]} it can only be ${listWords(
            next.map((s) => TRANSITION_ACTIONS[s].verb),
            10,
            'or',
          )}.`
        : 'Nothing: the release is finished.',
    );
  }
  if (from === to) return fail('lifecycle.from_state', `The release is already ${STATUS_WORDS[from]}.`, 'Reload the page to see its current state.');
  return fail(
    'lifecycle.from_state',
    `A ${STATUS_WORDS[from]} release cannot be ${TRANSITION_ACTIONS[to].verb}.`,
    next.length
      ? `From ${STATUS_WORDS[from]} it can only be ${listWords(
          next.map((s) => TRANSITION_ACTIONS[s].verb),
          10,
          'or',
        )}.`
      : `Nothing: a ${STATUS_WORDS[from]} release is finished.`,
  );
}

function actorGate(actor: ActorAbilities): GateResult {
  if (actor.transition && actor.notManagedBy) {
    return fail('actor.manages', `Only ${actor.notManagedBy} may move it through its lifecycle.`, 'Ask the owner to add you as a co-manager.');
  }
  return actor.transition
    ? pass('actor.permission', 'You may move releases through their lifecycle.')
    : fail(
        'actor.permission',
        'You may not move releases through their lifecycle: it needs the release manager role.',
        'Ask a release manager to do this step.',
      );
}

function packageSealedGate(p: PackageFacts): GateResult {
  if (!p.hasPackage || p.itemCount === 0) {
    return fail('package.sealed', 'The release has no builds in its package yet.', 'Add the builds this release ships to its package, then seal it.');
  }
  if (!p.sealed || !p.sealedDigest) {
    return fail('package.sealed', `The package has ${plural(p.itemCount, 'build')} but is not sealed.`, 'Seal the package in the Package section.');
  }
  return pass('package.sealed', `The package of ${plural(p.itemCount, 'build')} is sealed (digest ${p.sealedDigest.slice(0, 12)}…).`);
}

function packageCompatibleGate(p: PackageFacts): GateResult {
  if (!p.hasPackage || p.itemCount === 0) {
    return fail('package.compatible', 'There is no package to check for compatibility.', 'Add builds to the package.');
  }
  if (!p.compatibility.ok) {
    const problems = p.compatibility.problems;
    return fail(
      'package.compatible',
      problems.length
        ? `${plural(problems.length, 'compatibility problem')}: ${listWords(problems, 3)}.`
        : 'The package is not compatible with its dependencies.',
      'Choose builds whose dependency ranges are met by the package and by what runs in the target environments.',
    );
  }
  return pass('package.compatible', 'Every dependency range is met by the package and the target environments.');
}

function packageIntegrityGate(p: PackageFacts): GateResult {
  if (!p.hasPackage || !p.sealed || !p.sealedDigest) {
    return fail('package.integrity', 'Integrity can only be verified for a sealed package.', 'Seal the package; its digest is then verified.');
  }
  if (!p.integrity.ok) {
    const problems = p.integrity.problems;
    return fail(
      'package.integrity',
      problems.length ? `Integrity verification failed: ${listWords(problems, 3)}.` : 'The stored digest does not match the package contents.',
      'Find out why the package changed after sealing, then re-seal it.',
    );
  }
  return pass('package.integrity', 'The stored digest matches the recomputed manifest.');
}

function risksAssessedGate(r: RiskFacts): GateResult {
  if (!r.assessed) {
    if (r.riskCount === 0) {
      return fail(
        'risks.assessed',
        'No risks are recorded and nobody has stated that there are no known risks.',
        'Record the risks of this release, or state explicitly that there are no known risks.',
      );
    }
    return fail(
      'risks.assessed',
      `${plural(r.riskCount, 'risk is', 'risks are')} recorded but the assessment is not complete.`,
      'Finish assessing the risks in the Risks section.',
    );
  }
  if (r.riskCount === 0 && r.noKnownRisks) return pass('risks.assessed', 'The release manager stated there are no known risks.');
  return pass('risks.assessed', `${plural(r.riskCount, 'risk')} assessed, ${r.openRisks} still open.`);
}

function planOwnersGate(p: PlanFacts): GateResult {
  const missing = p.tasksWithoutOwner;
  if (missing.length > 0) {
    return fail(
      'plan.owners',
      `${missing.length} of ${plural(Math.max(p.taskCount, missing.length), 'plan task')} ${missing.length === 1 ? 'has' : 'have'} no owner: ${listWords(missing)}.`,
      'Give every plan task an owner in the Plan section.',
    );
  }
  if (p.taskCount === 0) return pass('plan.owners', 'The plan has no tasks, so none lacks an owner.');
  return pass('plan.owners', `All ${plural(p.taskCount, 'plan task')} have an owner.`);
}

function backoutPlanGate(type: ReleaseType, b: BackoutFacts): GateResult {
  if (!b.present) {
    return fail(
      'backout.plan',
      `The release policy requires a back-out plan for ${type} releases and this release has none.`,
      'Write the back-out plan in the Back-out section: ordered steps, expected duration, trigger criteria and the build to return to for each component.',
    );
  }
  if (!b.complete) {
    return fail(
      'backout.plan',
      b.problems.length ? `The back-out plan is incomplete: ${listWords(b.problems, 3)}.` : 'The back-out plan is incomplete.',
      'Complete the back-out plan in the Back-out section.',
    );
  }
  return pass('backout.plan', `A complete back-out plan is recorded, as the policy requires for ${type} releases.`);
}

function approvalsGate(f: ReleaseFacts): GateResult {
  const a = f.approvals;
  if (!a) return notYet('approvals.quorum', 'approval decisions');
  // the standard-change path: explicit, and explained by the decision the policy made
  if (a.standardChange?.preApproved && a.quorumMet) {
    return pass('approvals.standard_change', `${a.standardChange.preApproved}: a standard change within its limits, so no approval round is needed.`);
  }
  if (a.rejectedBy.length) {
    return fail('approvals.quorum', `The package was rejected by ${listWords(a.rejectedBy)}.`, 'Reject the release so it can be reworked, or cancel it.');
  }
  if (!a.quorumMet) {
    return fail(
      'approvals.quorum',
      a.missing.length ? `Approvals still missing: ${listWords(a.missing)}.` : 'The required approvals are not all present.',
      a.standardChange?.notPreApproved
        ? `${a.standardChange.notPreApproved} Wait for the required approvers to approve the current package.`
        : 'Wait for the required approvers to approve the current package.',
    );
  }
  return pass('approvals.quorum', 'Every required approval is present for the current package.');
}

function approvalsFeasibleGate(c: CheckFacts): GateResult {
  if (!c.ok) {
    return fail(
      'approvals.feasible',
      c.problems.length ? `The approval rules cannot be met: ${listWords(c.problems, 3)}.` : 'The approval rules cannot be met by the people in Relm.',
      'Ask an admin to give the approver role (or team, or CAB membership) to enough other people, or change who requests, owns or built the release.',
    );
  }
  return pass('approvals.feasible', 'Enough eligible people exist to meet every approval rule.');
}

function rejectionGate(f: ReleaseFacts): GateResult {
  const a = f.approvals;
  if (!a) return notYet('approvals.rejection', 'approval decisions');
  if (a.rejectedBy.length === 0) {
    return fail('approvals.rejection', 'No approver has rejected the current package.', 'A release is rejected by an approver’s decision.');
  }
  return pass('approvals.rejection', `Rejected by ${listWords(a.rejectedBy)}.`);
}

function checkGate(rule: string, capability: string, c: CheckFacts | null | undefined, okWhy: string, fix: string): GateResult {
  if (!c) return notYet(rule, capability);
  if (!c.ok) return fail(rule, c.problems.length ? `${listWords(c.problems, 3)}.` : `The ${capability} check did not pass.`, fix);
  return pass(rule, okWhy);
}

function deploymentSucceededGate(f: ReleaseFacts): GateResult {
  const d = f.deployment;
  if (!d) return notYet('deployment.succeeded', 'deployments and their verification');
  if (!d.succeeded) {
    return fail(
      'deployment.succeeded',
      d.problems.length ? `${listWords(d.problems, 3)}.` : 'No successful, verified deployment is recorded.',
      'Record the deployment to every target environment and its verification.',
    );
  }
  return pass('deployment.succeeded', 'The deployment succeeded and was verified.');
}

function rolledBackGate(f: ReleaseFacts): GateResult {
  const d = f.deployment;
  if (!d) return notYet('deployment.rolled_back', 'back-out executions');
  if (!d.rolledBack) return fail('deployment.rolled_back', 'No executed back-out is recorded.', 'Record the back-out as a deployment of the previous package.');
  return pass('deployment.rolled_back', 'A back-out to the previous package is recorded.');
}

function handoverAcknowledgedGate(f: ReleaseFacts): GateResult {
  const h = f.handover;
  if (!h) return notYet('handover.acknowledged', 'handovers to operations');
  if (!h.prepared) return fail('handover.acknowledged', 'The handover notes are not ready.', 'Prepare the handover notes for operations.');
  if (!h.acknowledged)
    return fail('handover.acknowledged', 'Operations have not acknowledged the handover.', 'Ask operations to read and acknowledge the handover.');
  return pass('handover.acknowledged', 'Operations acknowledged the handover.');
}

function reviewDoneGate(f: ReleaseFacts): GateResult {
  const r = f.review;
  if (!r) return notYet('review.done', 'post-release reviews');
  if (r.required && !r.done) return fail('review.done', 'A post-release review is required and not complete.', 'Complete the post-release review.');
  return pass('review.done', r.required ? 'The required post-release review is complete.' : 'No post-release review is required.');
}

function reviewAvailableGate(f: ReleaseFacts): GateResult {
  if (!f.review) return notYet('review.available', 'post-release reviews');
  return pass('review.available', 'A post-release review can be recorded.');
}

// ---------------------------------------------------------------- advice

/** The remedies a check's problems allow: given by the check, or read from the problems' words. */
export function remediesOf(c: CheckFacts | null | undefined): ReadonlySet<Remedy> {
  if (!c) return new Set();
  if (c.remedies) return new Set(c.remedies);
  const out = new Set<Remedy>();
  for (const p of c.problems) {
    if (isFreezeProblem(p)) out.add('freeze_override');
    if (/^package integrity/i.test(p)) out.add('reseal');
  }
  return out;
}

/** "a", "a or b", "a, b or c" */
const orWords = (parts: string[]) => listWords(parts, parts.length, 'or');

/** The advice of the schedule gate, naming only the remedies that apply to its problems. */
export function scheduleAdvice(c: CheckFacts | null | undefined): string {
  const r = remediesOf(c);
  const parts = ['move the window (a suggested free slot passes every check)'];
  if (r.has('freeze_override')) parts.push('have a freeze override granted');
  if (r.has('acknowledge')) parts.push('acknowledge the conflict with a reason');
  return `In the Schedule section: ${orWords(parts)}.`;
}

/** The advice of the deployment-window gate (scheduled → deploying), naming only the remedies that apply. */
export function deployWindowAdvice(c: CheckFacts | null | undefined): string {
  const r = remediesOf(c);
  const problems = c?.problems ?? [];
  const outsideWindow = problems.some((p) => isWindowProblem(p));
  const parts: string[] = [];
  if (outsideWindow || problems.length === 0) parts.push('wait for the approved window (or move it)');
  if (r.has('freeze_override')) parts.push(outsideWindow ? 'have a freeze override granted' : 'wait for the freeze to end, or have a freeze override granted');
  const advice = orWords(parts);
  const text = advice ? advice[0]!.toUpperCase() + advice.slice(1) + '.' : '';
  const reseal = r.has('reseal') ? 'Find out why the package changed after sealing, then re-seal it and have it approved again.' : '';
  return [text, reseal].filter(Boolean).join(' ');
}

/** The gates particular to reaching `to` (the from-state and permission gates are added by the caller). */
function targetGates(f: ReleaseFacts, to: ReleaseStatus): GateResult[] {
  switch (to) {
    case 'submitted':
      return [
        ...(f.package
          ? [packageSealedGate(f.package), packageCompatibleGate(f.package), packageIntegrityGate(f.package)]
          : [notYet('package.sealed', 'the package')]),
        f.risks ? risksAssessedGate(f.risks) : notYet('risks.assessed', 'risks'),
        f.plan ? planOwnersGate(f.plan) : notYet('plan.owners', 'plan tasks'),
        ...(f.backout?.required ? [backoutPlanGate(f.type, f.backout)] : []),
        ...(f.approvals?.feasibility ? [approvalsFeasibleGate(f.approvals.feasibility)] : []),
      ];
    case 'approved':
      return [approvalsGate(f)];
    case 'rejected':
      return [rejectionGate(f)];
    case 'scheduled':
      return [
        checkGate(
          'schedule.window',
          'scheduling',
          f.schedule,
          'Every target environment has a window inside its maintenance windows, outside every freeze, in promotion order, and clear of other releases (or the conflict is acknowledged).',
          scheduleAdvice(f.schedule),
        ),
      ];
    case 'deploying':
      return [
        checkGate(
          'deploy.window',
          'deployment windows',
          f.deployWindow,
          'Now is inside the approved window and outside every freeze.',
          deployWindowAdvice(f.deployWindow),
        ),
      ];
    case 'deployed':
      return [deploymentSucceededGate(f)];
    case 'rolled_back':
      return [rolledBackGate(f)];
    case 'handed_over':
      return [handoverAcknowledgedGate(f)];
    case 'in_review':
      // after a back-out the review is the next step by definition: nothing else to wait for
      return f.status === 'rolled_back' ? [] : [reviewAvailableGate(f)];
    case 'closed':
      return [handoverAcknowledgedGate(f), reviewDoneGate(f)];
    case 'draft':
    case 'cancelled':
      return [];
  }
}

/**
 * Whether the release described by `facts` may move to `to` now, and the result
 * of every gate. Pure: the caller passes every fact in.
 */
export function evaluateTransition(facts: ReleaseFacts, to: ReleaseStatus, actor: ActorAbilities): TransitionEvaluation {
  const from = facts.status;
  const state = fromStateGate(from, to);
  // a transition outside the graph is refused on that alone: the other gates would only confuse
  const gates = state.passed ? [state, actorGate(actor), ...targetGates(facts, to)] : [state];
  return { from, to, label: TRANSITION_ACTIONS[to].label, allowed: gates.every((g) => g.passed), gates };
}

/** Every transition the graph offers from the current status, each with its gates (for the page and the API). */
export function availableTransitions(facts: ReleaseFacts, actor: ActorAbilities): TransitionEvaluation[] {
  return TRANSITIONS[facts.status].map((to) => evaluateTransition(facts, to, actor));
}

/** The sentence a refusal starts with: "REL-12 cannot be submitted: 2 gates are not met." */
export function refusalMessage(key: string, evaluation: TransitionEvaluation): string {
  const unmet = evaluation.gates.filter((g) => !g.passed).length;
  return `${key} cannot be ${TRANSITION_ACTIONS[evaluation.to].verb}: ${unmet === 1 ? '1 gate is' : `${unmet} gates are`} not met.`;
}

/** A transition's reason is required when cancelling: the record must say why. */
export const REASON_REQUIRED: readonly ReleaseStatus[] = ['cancelled'];
