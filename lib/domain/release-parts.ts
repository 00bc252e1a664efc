import en from '@/messages/en/domain-release-parts.json';
import type { ReleasePart } from './release-links';
import { sayer } from './said';

// The release page's parts and links (release-links.ts, light enough for client components),
// and the next step a person can take on a release, in words.

export { RELEASE_PARTS, partForOldAnchor, releaseHref, type ReleasePart } from './release-links';

export type NextStepKey =
  | 'assemble'
  | 'rework'
  | 'decide'
  | 'awaitApprovals'
  | 'schedule'
  | 'deploy'
  | 'record'
  | 'prepareHandover'
  | 'acknowledgeHandover'
  | 'awaitAcknowledgement'
  | 'review';

/** What one person can do next on a release in one status: a sentence and the part where it is done. */
export interface NextStep {
  /** the sentence's key in release-page.overview.nextStep.steps (the same words in every language) */
  key: NextStepKey;
  /** the sentence in English */
  text: string;
  part: ReleasePart;
  anchor?: string;
  /** a page outside the release (the approval card) */
  href?: string;
}

type Can = (permission: string) => boolean;

// the next step is a message of the domain-release-parts catalogue, for the reader's language (decision 060)
const say = sayer('domain-release-parts', en);

/**
 * The next action for this person in this status (one rules table, read by the overview).
 * `can` answers for the person's permissions; null when nothing is theirs to do.
 */
export function nextStepFor(status: string, can: Can, key: string): NextStep | null {
  switch (status) {
    case 'draft':
      return can('package.edit') || can('release.transition') ? { key: 'assemble', text: say('nextStep.draft'), part: 'package' } : null;
    case 'rejected':
      return can('release.transition') ? { key: 'rework', text: say('nextStep.rejected'), part: 'overview', anchor: 'lifecycle' } : null;
    case 'submitted':
      if (can('approval.decide')) return { key: 'decide', text: say('nextStep.decide'), part: 'approvals', href: `/approvals/${key}` };
      return can('release.transition') ? { key: 'awaitApprovals', text: say('nextStep.submitted'), part: 'approvals' } : null;
    case 'approved':
      return can('release.transition') ? { key: 'schedule', text: say('nextStep.approved'), part: 'schedule' } : null;
    case 'scheduled':
      return can('release.transition') || can('deployment.record')
        ? { key: 'deploy', text: say('nextStep.scheduled'), part: 'overview', anchor: 'lifecycle' }
        : null;
    case 'deploying':
      return can('deployment.record') || can('release.transition') ? { key: 'record', text: say('nextStep.deploying'), part: 'deployments' } : null;
    case 'deployed':
      return can('handover.prepare') ? { key: 'prepareHandover', text: say('nextStep.deployed'), part: 'handover' } : null;
    case 'handed_over':
      if (can('handover.acknowledge')) return { key: 'acknowledgeHandover', text: say('nextStep.acknowledge'), part: 'handover' };
      return can('release.transition') ? { key: 'awaitAcknowledgement', text: say('nextStep.handedOver'), part: 'handover' } : null;
    case 'in_review':
    case 'rolled_back':
      return can('review.edit') ? { key: 'review', text: say('nextStep.review'), part: 'handover', anchor: 'review' } : null;
    default:
      return null;
  }
}
