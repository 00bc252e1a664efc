// The status vocabularies of a release's parts (risks, review action items), defined
// once with their labels: the zod schemas, the API schemas and the forms read these.
// They equal the database enums (checked in tests/unit/release-rules.test.ts).
// The release's own statuses are lib/domain/lifecycle's RELEASE_STATUSES. The same words in
// every language are the `statuses` catalogue (messages/<locale>/statuses.json), keyed by these
// values; tests/unit/status-words.test.ts keeps its English equal to the constants here.

export const RISK_STATUSES = ['open', 'mitigated', 'accepted', 'closed'] as const;
export type RiskStatusName = (typeof RISK_STATUSES)[number];
export const RISK_STATUS_LABELS: Record<RiskStatusName, string> = { open: 'Open', mitigated: 'Mitigated', accepted: 'Accepted', closed: 'Closed' };

export const ACTION_ITEM_STATUSES = ['open', 'in_progress', 'done', 'cancelled'] as const;
export type ActionItemStatusName = (typeof ACTION_ITEM_STATUSES)[number];
export const ACTION_ITEM_STATUS_LABELS: Record<ActionItemStatusName, string> = {
  open: 'Open',
  in_progress: 'In progress',
  done: 'Done',
  cancelled: 'Cancelled',
};

export const DEPLOYMENT_STATUSES = ['scheduled', 'in_progress', 'succeeded', 'failed', 'rolled_back'] as const;
export type DeploymentStatusName = (typeof DEPLOYMENT_STATUSES)[number];
export const DEPLOYMENT_STATUS_LABELS: Record<DeploymentStatusName, string> = {
  scheduled: 'Scheduled',
  in_progress: 'In progress',
  succeeded: 'Succeeded',
  failed: 'Failed',
  rolled_back: 'Rolled back',
};
/** The status inside a sentence ("deployment in progress"), as the pages write it today. */
export const DEPLOYMENT_STATUS_WORDS: Record<DeploymentStatusName, string> = Object.fromEntries(
  DEPLOYMENT_STATUSES.map((s) => [s, s.replace(/_/g, ' ')]),
) as Record<DeploymentStatusName, string>;

/**
 * The moves a deployment's status may make: the status mutation refuses any other
 * and the deployment page offers exactly these buttons. Finished ones move no more.
 */
export const DEPLOYMENT_MOVES: Readonly<Record<DeploymentStatusName, readonly DeploymentStatusName[]>> = {
  scheduled: ['in_progress', 'failed'],
  in_progress: ['succeeded', 'failed'],
  succeeded: [],
  failed: [],
  rolled_back: [],
};

/** The statuses a deployment in `status` may move to; none for an unknown status. */
export const deploymentMoves = (status: string): readonly DeploymentStatusName[] =>
  (DEPLOYMENT_STATUSES as readonly string[]).includes(status) ? DEPLOYMENT_MOVES[status as DeploymentStatusName] : [];
