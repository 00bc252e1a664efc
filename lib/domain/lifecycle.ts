import { isFreezeProblem, isWindowProblem } from './gate-advice';
import { en, failWith, list, listWords, passWith, term, words } from './gate-words';
import type { GateResult, MessageRef, MessageValue } from './result';

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

// Every sentence of a gate is a message of the `gates` catalogue (lib/domain/gate-words.ts):
// `why`/`fix` are its English, `words` the reference the page formats in the reader's language.

export { listWords };

const pass = passWith;
const fail = failWith;

type Capability =
  'package' | 'risks' | 'planTasks' | 'approvalDecisions' | 'scheduling' | 'deploymentWindows' | 'deployments' | 'backoutExecutions' | 'handovers' | 'reviews';

function notYet(rule: string, capability: Capability): GateResult {
  const c = words(`notYet.capability.${capability}`);
  return fail(rule, words('notYet.why', { capability: c }), words('notYet.fix', { capability: c }));
}

const statusWord = (s: ReleaseStatus) => term(`releaseWord.${s}`);
const verbWord = (s: ReleaseStatus) => term(`transition.${s}.verb`);

// ---------------------------------------------------------------- gates

function fromStateGate(from: ReleaseStatus, to: ReleaseStatus): GateResult {
  const rule = 'lifecycle.from_state';
  if (isEdge(from, to)) return pass(rule, words('lifecycle.from_state.allowed', { from: statusWord(from), verb: verbWord(to) }));
  const next = TRANSITIONS[from];
  const onlyNext = () => words('lifecycle.from_state.onlyNext', { from: statusWord(from), next: list(next.map(verbWord), 10, 'or') });
  if (to === 'cancelled') {
    return fail(
      rule,
      words('lifecycle.from_state.notCancellable', { from: statusWord(from) }),
      next.length ? onlyNext() : words('lifecycle.from_state.releaseFinished'),
    );
  }
  if (from === to) return fail(rule, words('lifecycle.from_state.already', { status: statusWord(from) }), words('lifecycle.from_state.reload'));
  return fail(
    rule,
    words('lifecycle.from_state.refused', { from: statusWord(from), verb: verbWord(to) }),
    next.length ? onlyNext() : words('lifecycle.from_state.statusFinished', { from: statusWord(from) }),
  );
}

function actorGate(actor: ActorAbilities): GateResult {
  if (actor.transition && actor.notManagedBy) {
    return fail('actor.manages', words('actor.manages.refused', { who: actor.notManagedBy }), words('actor.manages.fix'));
  }
  return actor.transition
    ? pass('actor.permission', words('actor.permission.allowed'))
    : fail('actor.permission', words('actor.permission.refused'), words('actor.permission.fix'));
}

function packageSealedGate(p: PackageFacts): GateResult {
  const rule = 'package.sealed';
  if (!p.hasPackage || p.itemCount === 0) return fail(rule, words('package.sealed.empty'), words('package.sealed.emptyFix'));
  if (!p.sealed || !p.sealedDigest) {
    return fail(rule, words('package.sealed.unsealed', { count: p.itemCount }), words('package.sealed.unsealedFix'));
  }
  return pass(rule, words('package.sealed.sealed', { count: p.itemCount, digest: p.sealedDigest.slice(0, 12) }));
}

function packageCompatibleGate(p: PackageFacts): GateResult {
  const rule = 'package.compatible';
  if (!p.hasPackage || p.itemCount === 0) return fail(rule, words('package.compatible.empty'), words('package.compatible.emptyFix'));
  if (!p.compatibility.ok) {
    const problems = p.compatibility.problems;
    return fail(
      rule,
      problems.length
        ? words('package.compatible.problems', { count: problems.length, problems: list(problems, 3) })
        : words('package.compatible.incompatible'),
      words('package.compatible.fix'),
    );
  }
  return pass(rule, words('package.compatible.met'));
}

function packageIntegrityGate(p: PackageFacts): GateResult {
  const rule = 'package.integrity';
  if (!p.hasPackage || !p.sealed || !p.sealedDigest) return fail(rule, words('package.integrity.unsealed'), words('package.integrity.unsealedFix'));
  if (!p.integrity.ok) {
    const problems = p.integrity.problems;
    return fail(
      rule,
      problems.length ? words('package.integrity.problems', { problems: list(problems, 3) }) : words('package.integrity.mismatch'),
      words('package.integrity.fix'),
    );
  }
  return pass(rule, words('package.integrity.met'));
}

function risksAssessedGate(r: RiskFacts): GateResult {
  const rule = 'risks.assessed';
  if (!r.assessed) {
    if (r.riskCount === 0) return fail(rule, words('risks.assessed.none'), words('risks.assessed.noneFix'));
    return fail(rule, words('risks.assessed.incomplete', { count: r.riskCount }), words('risks.assessed.incompleteFix'));
  }
  if (r.riskCount === 0 && r.noKnownRisks) return pass(rule, words('risks.assessed.noKnownRisks'));
  return pass(rule, words('risks.assessed.met', { count: r.riskCount, open: r.openRisks }));
}

function planOwnersGate(p: PlanFacts): GateResult {
  const rule = 'plan.owners';
  const missing = p.tasksWithoutOwner;
  if (missing.length > 0) {
    return fail(
      rule,
      words('plan.owners.missing', { missing: missing.length, total: Math.max(p.taskCount, missing.length), tasks: list(missing) }),
      words('plan.owners.fix'),
    );
  }
  if (p.taskCount === 0) return pass(rule, words('plan.owners.empty'));
  return pass(rule, words('plan.owners.met', { count: p.taskCount }));
}

function backoutPlanGate(type: ReleaseType, b: BackoutFacts): GateResult {
  const rule = 'backout.plan';
  if (!b.present) return fail(rule, words('backout.plan.missing', { type }), words('backout.plan.missingFix'));
  if (!b.complete) {
    return fail(
      rule,
      b.problems.length ? words('backout.plan.incompleteProblems', { problems: list(b.problems, 3) }) : words('backout.plan.incomplete'),
      words('backout.plan.incompleteFix'),
    );
  }
  return pass(rule, words('backout.plan.met', { type }));
}

function approvalsGate(f: ReleaseFacts): GateResult {
  const a = f.approvals;
  if (!a) return notYet('approvals.quorum', 'approvalDecisions');
  // the standard-change path: explicit, and explained by the decision the policy made
  if (a.standardChange?.preApproved && a.quorumMet) {
    return pass('approvals.standard_change', words('approvals.standard_change.met', { decision: a.standardChange.preApproved }));
  }
  if (a.rejectedBy.length) {
    return fail('approvals.quorum', words('approvals.quorum.rejected', { people: list(a.rejectedBy) }), words('approvals.quorum.rejectedFix'));
  }
  if (!a.quorumMet) {
    return fail(
      'approvals.quorum',
      a.missing.length ? words('approvals.quorum.missing', { missing: list(a.missing) }) : words('approvals.quorum.incomplete'),
      a.standardChange?.notPreApproved
        ? words('approvals.quorum.notPreApprovedFix', { reason: a.standardChange.notPreApproved })
        : words('approvals.quorum.fix'),
    );
  }
  return pass('approvals.quorum', words('approvals.quorum.met'));
}

function approvalsFeasibleGate(c: CheckFacts): GateResult {
  const rule = 'approvals.feasible';
  if (!c.ok) {
    return fail(
      rule,
      c.problems.length ? words('approvals.feasible.problems', { problems: list(c.problems, 3) }) : words('approvals.feasible.impossible'),
      words('approvals.feasible.fix'),
    );
  }
  return pass(rule, words('approvals.feasible.met'));
}

function rejectionGate(f: ReleaseFacts): GateResult {
  const a = f.approvals;
  if (!a) return notYet('approvals.rejection', 'approvalDecisions');
  if (a.rejectedBy.length === 0) return fail('approvals.rejection', words('approvals.rejection.none'), words('approvals.rejection.noneFix'));
  return pass('approvals.rejection', words('approvals.rejection.met', { people: list(a.rejectedBy) }));
}

function checkGate(
  rule: string,
  capability: 'scheduling' | 'deploymentWindows',
  c: CheckFacts | null | undefined,
  okWhy: MessageRef,
  fix: MessageRef | null,
): GateResult {
  if (!c) return notYet(rule, capability);
  if (!c.ok) {
    const why = c.problems.length ? words('problems', { problems: list(c.problems, 3) }) : words(`checkFailed.${capability}`);
    // no remedy applies: the gate says so by its problems alone (an empty fix, as before)
    return fix ? fail(rule, why, fix) : { rule, passed: false, why: en(why), fix: '', words: { why } };
  }
  return pass(rule, okWhy);
}

function deploymentSucceededGate(f: ReleaseFacts): GateResult {
  const rule = 'deployment.succeeded';
  const d = f.deployment;
  if (!d) return notYet(rule, 'deployments');
  if (!d.succeeded) {
    return fail(
      rule,
      d.problems.length ? words('problems', { problems: list(d.problems, 3) }) : words('deployment.succeeded.none'),
      words('deployment.succeeded.fix'),
    );
  }
  return pass(rule, words('deployment.succeeded.met'));
}

function rolledBackGate(f: ReleaseFacts): GateResult {
  const rule = 'deployment.rolled_back';
  const d = f.deployment;
  if (!d) return notYet(rule, 'backoutExecutions');
  if (!d.rolledBack) return fail(rule, words('deployment.rolled_back.none'), words('deployment.rolled_back.fix'));
  return pass(rule, words('deployment.rolled_back.met'));
}

function handoverAcknowledgedGate(f: ReleaseFacts): GateResult {
  const rule = 'handover.acknowledged';
  const h = f.handover;
  if (!h) return notYet(rule, 'handovers');
  if (!h.prepared) return fail(rule, words('handover.acknowledged.notPrepared'), words('handover.acknowledged.notPreparedFix'));
  if (!h.acknowledged) return fail(rule, words('handover.acknowledged.notAcknowledged'), words('handover.acknowledged.notAcknowledgedFix'));
  return pass(rule, words('handover.acknowledged.met'));
}

function reviewDoneGate(f: ReleaseFacts): GateResult {
  const rule = 'review.done';
  const r = f.review;
  if (!r) return notYet(rule, 'reviews');
  if (r.required && !r.done) return fail(rule, words('review.done.incomplete'), words('review.done.fix'));
  return pass(rule, words(r.required ? 'review.done.met' : 'review.done.notRequired'));
}

function reviewAvailableGate(f: ReleaseFacts): GateResult {
  if (!f.review) return notYet('review.available', 'reviews');
  return pass('review.available', words('review.available.met'));
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

/** The advice of the schedule gate, naming only the remedies that apply to its problems (a message). */
export function scheduleAdviceWords(c: CheckFacts | null | undefined): MessageRef {
  const r = remediesOf(c);
  const parts: MessageValue[] = [words('schedule.window.remedy.moveWindow')];
  if (r.has('freeze_override')) parts.push(words('schedule.window.remedy.freezeOverride'));
  if (r.has('acknowledge')) parts.push(words('schedule.window.remedy.acknowledge'));
  return words('schedule.window.advice', { remedies: list(parts, parts.length, 'or') });
}

/** The advice of the schedule gate, in English. */
export const scheduleAdvice = (c: CheckFacts | null | undefined): string => en(scheduleAdviceWords(c));

/** The advice of the deployment-window gate (scheduled → deploying), naming only the remedies that apply; null when none does. */
export function deployWindowAdviceWords(c: CheckFacts | null | undefined): MessageRef | null {
  const r = remediesOf(c);
  const problems = c?.problems ?? [];
  const outsideWindow = problems.some((p) => isWindowProblem(p));
  const wait = outsideWindow || problems.length === 0;
  const override = r.has('freeze_override');
  const key = wait ? (override ? (outsideWindow ? 'waitOrOverride' : 'waitOrFreezeEnd') : 'wait') : override ? 'freezeEnd' : null;
  const advice = key ? words(`deploy.window.advice.${key}`) : null;
  if (!r.has('reseal')) return advice;
  return advice ? words('deploy.window.advice.withReseal', { advice }) : words('deploy.window.advice.reseal');
}

/** The advice of the deployment-window gate, in English ('' when no remedy applies). */
export const deployWindowAdvice = (c: CheckFacts | null | undefined): string => {
  const ref = deployWindowAdviceWords(c);
  return ref ? en(ref) : '';
};

/** The gates particular to reaching `to` (the from-state and permission gates are added by the caller). */
function targetGates(f: ReleaseFacts, to: ReleaseStatus): GateResult[] {
  switch (to) {
    case 'submitted':
      return [
        ...(f.package
          ? [packageSealedGate(f.package), packageCompatibleGate(f.package), packageIntegrityGate(f.package)]
          : [notYet('package.sealed', 'package')]),
        f.risks ? risksAssessedGate(f.risks) : notYet('risks.assessed', 'risks'),
        f.plan ? planOwnersGate(f.plan) : notYet('plan.owners', 'planTasks'),
        ...(f.backout?.required ? [backoutPlanGate(f.type, f.backout)] : []),
        ...(f.approvals?.feasibility ? [approvalsFeasibleGate(f.approvals.feasibility)] : []),
      ];
    case 'approved':
      return [approvalsGate(f)];
    case 'rejected':
      return [rejectionGate(f)];
    case 'scheduled':
      return [checkGate('schedule.window', 'scheduling', f.schedule, words('schedule.window.met'), scheduleAdviceWords(f.schedule))];
    case 'deploying':
      return [checkGate('deploy.window', 'deploymentWindows', f.deployWindow, words('deploy.window.metNow'), deployWindowAdviceWords(f.deployWindow))];
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
  return en(refusalWords(key, evaluation));
}

/** The refusal's sentence as a message of the `gates` catalogue, for the reader's language. */
export function refusalWords(key: string, evaluation: TransitionEvaluation): MessageRef {
  const unmet = evaluation.gates.filter((g) => !g.passed).length;
  return words('lifecycle.refusal', { key, verb: verbWord(evaluation.to), unmet });
}

/** A transition's reason is required when cancelling: the record must say why. */
export const REASON_REQUIRED: readonly ReleaseStatus[] = ['cancelled'];
