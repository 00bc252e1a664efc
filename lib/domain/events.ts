// The events Relm tells machines (signed webhooks) and team chats (Slack, Teams) about
// (docs/decisions/032-events-and-integrations.md). Each is emitted once, in the transaction of
// the change that causes it (lib/server/events.ts); the README lists them with their payloads.

import en from '@/messages/en/domain-events.json';
import { sayer } from './said';

// the events' labels and descriptions are messages of the domain-events catalogue, for the reader's language (decision 060)
const say = sayer('domain-events', en);

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
  'release.submitted': { label: say('release.submitted.label'), description: say('release.submitted.description') },
  'approval.requested': { label: say('approval.requested.label'), description: say('approval.requested.description') },
  'approval.decided': { label: say('approval.decided.label'), description: say('approval.decided.description') },
  'release.approved': { label: say('release.approved.label'), description: say('release.approved.description') },
  'release.rejected': { label: say('release.rejected.label'), description: say('release.rejected.description') },
  'release.scheduled': { label: say('release.scheduled.label'), description: say('release.scheduled.description') },
  'release.deploying': { label: say('release.deploying.label'), description: say('release.deploying.description') },
  'deployment.succeeded': { label: say('deployment.succeeded.label'), description: say('deployment.succeeded.description') },
  'deployment.failed': { label: say('deployment.failed.label'), description: say('deployment.failed.description') },
  'release.deployed': { label: say('release.deployed.label'), description: say('release.deployed.description') },
  'release.rolled_back': { label: say('release.rolled_back.label'), description: say('release.rolled_back.description') },
  'handover.ready': { label: say('handover.ready.label'), description: say('handover.ready.description') },
  'release.closed': { label: say('release.closed.label'), description: say('release.closed.description') },
  'release.cancelled': { label: say('release.cancelled.label'), description: say('release.cancelled.description') },
  'freeze.override_requested': { label: say('freeze.override_requested.label'), description: say('freeze.override_requested.description') },
  'announcement.published': { label: say('announcement.published.label'), description: say('announcement.published.description') },
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
