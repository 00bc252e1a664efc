import { list, term, words } from './gate-words';
import { isReleaseStatus, listWords, RELEASE_STATUSES, STATUS_WORDS, type ReleaseStatus } from './lifecycle';
import type { MessageRef } from './result';

// "Which release statuses allow what", as one table. Every lib/server mutation
// that checks a release's status and every can-flag it computes for the pages
// ask `allows` (or `statusesAllowing` for a database filter), so a button is
// offered exactly when the mutation behind it would accept the status.
// Moving a status in or out of a rule is a change here and in the pinned unit
// test (tests/unit/release-rules.test.ts), nowhere else.
// See docs/decisions/015-release-status-rules.md.

export const RELEASE_RULES = [
  /** the release's own fields: title, type, owner, targets, planned window, texts */
  'editDetails',
  /** add or remove builds directly (an unsealed package) */
  'editPackage',
  /** request, decide and apply a scope change for a sealed package */
  'requestScopeChange',
  /** plan or change the per-environment windows, acknowledge conflicts */
  'planWindows',
  /** its windows are committed: other releases' schedules must respect them */
  'occupyWindow',
  /** add, change or delete risks */
  'editRisks',
  /** add, change or delete plan tasks and their dependencies */
  'editPlan',
  /** write the back-out plan and record rehearsals */
  'editBackoutPlan',
  /** execute the back-out (roll the deployment back) */
  'backOut',
  /** write the handover notes for operations */
  'prepareHandover',
  /** write the post-release review */
  'editReview',
  /** add review action items (also after closing: follow-ups outlive the release) */
  'addActionItems',
  /** approvers approve or reject */
  'decideApprovals',
  /** start or record a deployment */
  'deploy',
  /** request or decide a freeze override */
  'requestFreezeOverride',
  /** not submitted yet: risk level and approval requirements still follow the current policy */
  'followPolicy',
  /** nothing about the release changes any more (other than follow-up action items) */
  'finished',
] as const;
export type ReleaseRule = (typeof RELEASE_RULES)[number];

// Still to change (not finished): risks, plan tasks and freeze overrides.
const OPEN = ['editRisks', 'editPlan', 'requestFreezeOverride'] as const;

/** The table: for each status, the rules it allows. */
export const STATUS_RULES: Readonly<Record<ReleaseStatus, readonly ReleaseRule[]>> = {
  draft: [...OPEN, 'editDetails', 'editPackage', 'requestScopeChange', 'planWindows', 'editBackoutPlan', 'followPolicy'],
  submitted: [...OPEN, 'requestScopeChange', 'planWindows', 'editBackoutPlan', 'decideApprovals'],
  approved: [...OPEN, 'requestScopeChange', 'planWindows', 'occupyWindow', 'editBackoutPlan', 'prepareHandover'],
  scheduled: [...OPEN, 'requestScopeChange', 'planWindows', 'occupyWindow', 'editBackoutPlan', 'prepareHandover', 'deploy'],
  deploying: [...OPEN, 'occupyWindow', 'editBackoutPlan', 'backOut', 'prepareHandover', 'deploy'],
  deployed: [...OPEN, 'editBackoutPlan', 'backOut', 'prepareHandover', 'editReview', 'addActionItems'],
  handed_over: [...OPEN, 'editReview', 'addActionItems'],
  in_review: [...OPEN, 'editReview', 'addActionItems'],
  closed: ['addActionItems', 'finished'],
  rejected: [...OPEN, 'editDetails', 'editPackage', 'requestScopeChange', 'planWindows', 'editBackoutPlan', 'followPolicy'],
  cancelled: ['finished'],
  rolled_back: [...OPEN, 'editReview', 'addActionItems'],
};

export function allows(status: ReleaseStatus, rule: ReleaseRule): boolean {
  return STATUS_RULES[status].includes(rule);
}

/** `allows` for a status typed as a plain string (DTOs, rows selected loosely): unknown values allow nothing. */
export const allowsValue = (status: string, rule: ReleaseRule): boolean => isReleaseStatus(status) && allows(status, rule);

const BY_RULE = Object.fromEntries(RELEASE_RULES.map((rule) => [rule, Object.freeze(RELEASE_STATUSES.filter((s) => allows(s, rule)))])) as Record<
  ReleaseRule,
  readonly ReleaseStatus[]
>;

/** The statuses allowing the rule, in lifecycle order: for Prisma `status: { in: … }` filters. */
export function statusesAllowing(rule: ReleaseRule): readonly ReleaseStatus[] {
  return BY_RULE[rule];
}

/** Closed or cancelled: nothing about the release changes any more. */
export const isFinished = (status: ReleaseStatus) => allows(status, 'finished');

/** "draft or rejected": the statuses allowing the rule, in words, for messages. */
export const statusesInWords = (rule: ReleaseRule) =>
  listWords(
    statusesAllowing(rule).map((s) => STATUS_WORDS[s]),
    20,
    'or',
  );

/** What each rule lets someone do, as the end of "… can be … only while …". */
const RULE_OBJECTS: Record<Exclude<ReleaseRule, 'occupyWindow' | 'followPolicy' | 'finished'>, string> = {
  editDetails: 'its details can be edited',
  editPackage: 'its package can be edited directly',
  requestScopeChange: 'its scope can change',
  planWindows: 'its windows can change',
  editRisks: 'its risks can change',
  editPlan: 'its plan can change',
  editBackoutPlan: 'its back-out plan can change',
  backOut: 'it can be backed out',
  prepareHandover: 'its handover notes can be prepared',
  editReview: 'its post-release review can be written',
  addActionItems: 'review action items can be added',
  decideApprovals: 'approvals can be decided',
  deploy: 'it can be deployed',
  requestFreezeOverride: 'a freeze override can be requested',
};
export type RefusableRule = keyof typeof RULE_OBJECTS;

/**
 * The one sentence for a refused status, e.g. "REL-3 is deployed: its package can
 * be edited directly only while the release is draft or rejected."
 */
export function refusalFor(key: string, status: ReleaseStatus, rule: RefusableRule): string {
  return `${key} is ${STATUS_WORDS[status]}: ${RULE_OBJECTS[rule]} only while the release is ${statusesInWords(rule)}.`;
}

/** The same sentence as a message of the `gates` catalogue (`statusRule.*`), for the reader's language. */
export function refusalWords(key: string, status: ReleaseStatus, rule: RefusableRule): MessageRef {
  return words('statusRule.refusal', {
    key,
    status: term(`releaseWord.${status}`),
    action: words(`statusRule.action.${rule}`),
    statuses: list(
      statusesAllowing(rule).map((s) => term(`releaseWord.${s}`)),
      20,
      'or',
    ),
  });
}

/**
 * Whether overlapping windows of two releases conflict, given their statuses.
 *
 * Decision (docs/decisions/015): the scheduling check (lib/domain/scheduling)
 * holds a release's windows against the windows of releases that occupy them
 * (approved, scheduled, deploying); a draft's, submitted or rejected release's
 * windows are proposals that block nobody, and deployed or finished releases'
 * windows are history. So a pair conflicts when one of the two occupies its
 * window and the other's window is still ahead (planned or occupied): exactly
 * the pairs the schedule check of one of the two reports. The calendar flags
 * these pairs and no others.
 */
export function windowsConflict(a: ReleaseStatus, b: ReleaseStatus): boolean {
  return (allows(a, 'occupyWindow') && windowAhead(b)) || (allows(b, 'occupyWindow') && windowAhead(a));
}

/** A window still to come: being planned, or committed and not yet deployed. */
export const windowAhead = (s: ReleaseStatus) => allows(s, 'planWindows') || allows(s, 'occupyWindow');
