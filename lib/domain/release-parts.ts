// The release page in parts (issue 12): an overview and one sub-page per concern,
// each with its own URL under /releases/REL-12/…, each loading only its own data.
// Links from elsewhere (notifications, calendar, approval cards, e-mails) name the
// part they are about through releaseHref.

export const RELEASE_PARTS = [
  { part: 'overview', slug: '', label: 'Overview' },
  { part: 'package', slug: 'package', label: 'Package' },
  { part: 'plan', slug: 'plan', label: 'Plan & timeline' },
  { part: 'risks', slug: 'risks', label: 'Risks' },
  { part: 'approvals', slug: 'approvals', label: 'Approvals' },
  { part: 'schedule', slug: 'schedule', label: 'Schedule' },
  { part: 'deployments', slug: 'deployments', label: 'Deployments' },
  { part: 'backout', slug: 'backout', label: 'Back-out' },
  { part: 'handover', slug: 'handover', label: 'Handover & review' },
  { part: 'discussion', slug: 'discussion', label: 'Discussion' },
  { part: 'history', slug: 'history', label: 'History' },
] as const;

export type ReleasePart = (typeof RELEASE_PARTS)[number]['part'];

/** `/releases/REL-12` for the overview, `/releases/REL-12/schedule` for a part; `anchor` adds `#…` within the part. */
export function releaseHref(key: string, part: ReleasePart = 'overview', anchor?: string): string {
  const slug = RELEASE_PARTS.find((p) => p.part === part)!.slug;
  return `/releases/${key}${slug ? `/${slug}` : ''}${anchor ? `#${anchor}` : ''}`;
}

/**
 * Where an anchor of the old one-page release (`/releases/REL-12#handover`, still in
 * notifications and e-mails sent before the split) lives now: its part and, when the
 * part has several sections, the anchor within it. null when it stays on the overview.
 */
export function partForOldAnchor(anchor: string): { part: ReleasePart; anchor?: string } | null {
  const a = anchor.replace(/^#/, '');
  if (/^approval-[A-Za-z0-9_-]{1,64}$/.test(a)) return { part: 'approvals', anchor: a };
  switch (a) {
    case 'package':
    case 'risks':
    case 'plan':
    case 'approvals':
    case 'deployments':
    case 'backout':
    case 'history':
      return { part: a };
    case 'handover':
      return { part: 'handover' };
    case 'review':
      return { part: 'handover', anchor: 'review' };
    case 'schedule':
      return { part: 'schedule' };
    case 'freeze-overrides':
      return { part: 'schedule', anchor: 'freeze-overrides' };
    default:
      return null;
  }
}

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

/**
 * The next action for this person in this status (one rules table, read by the overview).
 * `can` answers for the person's permissions; null when nothing is theirs to do.
 */
export function nextStepFor(status: string, can: Can, key: string): NextStep | null {
  switch (status) {
    case 'draft':
      return can('package.edit') || can('release.transition')
        ? {
            key: 'assemble',
            text: 'Assemble and seal the package, assess the risks, plan the tasks and the back-out, then submit the release for approval.',
            part: 'package',
          }
        : null;
    case 'rejected':
      return can('release.transition')
        ? { key: 'rework', text: 'Read why it was rejected, rework the release (back to draft) and submit it again.', part: 'overview', anchor: 'lifecycle' }
        : null;
    case 'submitted':
      if (can('approval.decide'))
        return { key: 'decide', text: 'Decide on the approval card: approve or reject with a comment.', part: 'approvals', href: `/approvals/${key}` };
      return can('release.transition')
        ? { key: 'awaitApprovals', text: 'Wait for the required approvals, then approve the release when every gate is met.', part: 'approvals' }
        : null;
    case 'approved':
      return can('release.transition')
        ? { key: 'schedule', text: 'Schedule the release: choose a window per environment outside freezes and conflicts.', part: 'schedule' }
        : null;
    case 'scheduled':
      return can('release.transition') || can('deployment.record')
        ? { key: 'deploy', text: 'Start deploying inside the approved window, outside every freeze.', part: 'overview', anchor: 'lifecycle' }
        : null;
    case 'deploying':
      return can('deployment.record') || can('release.transition')
        ? { key: 'record', text: 'Record each deployment and its verification, environment by environment.', part: 'deployments' }
        : null;
    case 'deployed':
      return can('handover.prepare')
        ? { key: 'prepareHandover', text: 'Prepare the handover notes for operations and hand the release over.', part: 'handover' }
        : null;
    case 'handed_over':
      if (can('handover.acknowledge')) return { key: 'acknowledgeHandover', text: 'Read the handover notes and acknowledge the handover.', part: 'handover' };
      return can('release.transition')
        ? { key: 'awaitAcknowledgement', text: 'Wait for operations to acknowledge the handover, then close or review the release.', part: 'handover' }
        : null;
    case 'in_review':
    case 'rolled_back':
      return can('review.edit') ? { key: 'review', text: 'Complete the post-release review and its action items.', part: 'handover', anchor: 'review' } : null;
    default:
      return null;
  }
}
