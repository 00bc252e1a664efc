// The events Relm tells machines (signed webhooks) and team chats (Slack, Teams) about
// (docs/decisions/032-events-and-integrations.md). Each is emitted once, in the transaction of
// the change that causes it (lib/server/events.ts); the README lists them with their payloads.

export const EVENT_TYPES = [
  'release.submitted',
  'approval.requested',
  'approval.decided',
  'release.approved',
  'release.rejected',
  'release.scheduled',
  'release.deploying',
  'deployment.succeeded',
  'deployment.failed',
  'release.deployed',
  'release.rolled_back',
  'handover.ready',
  'release.closed',
  'release.cancelled',
  'freeze.override_requested',
  'announcement.published',
] as const;

export type EventType = (typeof EVENT_TYPES)[number];

export const EVENT_LABELS: Record<EventType, { label: string; description: string }> = {
  'release.submitted': { label: 'Release submitted', description: 'A release was submitted for approval.' },
  'approval.requested': { label: 'Approval requested', description: 'A release waits for approvals: once per submission, naming what the policy requires.' },
  'approval.decided': { label: 'Approval decided', description: 'Somebody approved or rejected a release (data.decision, data.approver).' },
  'release.approved': { label: 'Release approved', description: 'Every approval the policy requires was given.' },
  'release.rejected': { label: 'Release rejected', description: 'An approver rejected the release; it went back to its owner.' },
  'release.scheduled': { label: 'Release scheduled', description: 'The release has windows in its target environments (data.windows).' },
  'release.deploying': { label: 'Deploying', description: 'The first deployment of the release started.' },
  'deployment.succeeded': { label: 'Deployment succeeded', description: 'A deployment to one environment succeeded (data.environment).' },
  'deployment.failed': { label: 'Deployment failed', description: 'A deployment to one environment failed (data.environment).' },
  'release.deployed': { label: 'Release deployed', description: 'Every target environment has a successful deployment.' },
  'release.rolled_back': { label: 'Rolled back', description: 'The release was backed out.' },
  'handover.ready': { label: 'Handover ready', description: 'The handover to operations was submitted for acknowledgement.' },
  'release.closed': { label: 'Release closed', description: 'The release was closed.' },
  'release.cancelled': { label: 'Release cancelled', description: 'The release was cancelled.' },
  'freeze.override_requested': { label: 'Freeze override requested', description: 'A release asks to deploy inside a change freeze.' },
  'announcement.published': { label: 'Announcement published', description: 'A release announcement for users was published.' },
};

/** What a new Slack or Teams channel receives unless the admin chooses otherwise (the list). */
export const CHAT_DEFAULT_EVENTS: readonly EventType[] = [
  'approval.requested',
  'approval.decided',
  'release.scheduled',
  'release.deploying',
  'release.deployed',
  'deployment.failed',
  'release.rolled_back',
  'handover.ready',
  'freeze.override_requested',
];

export function isEventType(value: string): value is EventType {
  return (EVENT_TYPES as readonly string[]).includes(value);
}

/** The release status a lifecycle transition reaches, as the event it is (null: none). */
export function transitionEvent(toStatus: string): EventType | null {
  switch (toStatus) {
    case 'submitted':
      return 'release.submitted';
    case 'approved':
      return 'release.approved';
    case 'rejected':
      return 'release.rejected';
    case 'scheduled':
      return 'release.scheduled';
    case 'deploying':
      return 'release.deploying';
    case 'deployed':
      return 'release.deployed';
    case 'rolled_back':
      return 'release.rolled_back';
    case 'closed':
      return 'release.closed';
    case 'cancelled':
      return 'release.cancelled';
    default:
      return null;
  }
}

/**
 * The `data` of a webhook body: the release key, status, environment and a link, then what
 * the event adds. Flat and stable: receivers may rely on every field listed in the README.
 */
export interface EventData {
  releaseKey: string;
  releaseTitle: string;
  /** the release's status after the event */
  status: string;
  /** the environment's name for deployment events and single-environment windows, else null */
  environment: string | null;
  /** absolute when RELM_PUBLIC_URL is set, else a path */
  link: string;
  [more: string]: unknown;
}
