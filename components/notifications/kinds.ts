import type { Tone } from '@/components/ui/badge';
import { releaseHref } from '@/lib/domain/release-parts';

// What each kind of notification is called in the inbox, so the four approval
// kinds (requested, decision made, invalidated, about to expire) read as such
// whatever the title written at the time says. Unknown kinds get a generic label.

export interface NotificationKindInfo {
  label: string;
  tone: Tone;
  /** the approval card is the place to act on it */
  toApprovalCard: boolean;
}

const KINDS: Record<string, NotificationKindInfo> = {
  'approval.requested': { label: 'Approval requested', tone: 'blue', toApprovalCard: true },
  'approval.given': { label: 'Decision made', tone: 'green', toApprovalCard: false },
  'approval.decided': { label: 'Decision made', tone: 'indigo', toApprovalCard: false },
  'approval.approved': { label: 'Decision made', tone: 'green', toApprovalCard: false },
  'approval.rejected': { label: 'Decision made', tone: 'red', toApprovalCard: false },
  'release.approved': { label: 'Decision made: approved', tone: 'green', toApprovalCard: false },
  'release.rejected': { label: 'Decision made: rejected', tone: 'red', toApprovalCard: false },
  'approval.invalidated': { label: 'Approvals invalidated', tone: 'orange', toApprovalCard: true },
  'approvals.invalidated': { label: 'Approvals invalidated', tone: 'orange', toApprovalCard: true },
  'approval.expiring': { label: 'Approval about to expire', tone: 'amber', toApprovalCard: true },
  'approval.expiry': { label: 'Approval about to expire', tone: 'amber', toApprovalCard: true },
  'approval.expired': { label: 'Approval expired', tone: 'amber', toApprovalCard: true },
  'emergency.confirm': { label: 'Emergency confirmation needed', tone: 'red', toApprovalCard: true },
  'handover.ready': { label: 'Handover ready', tone: 'teal', toApprovalCard: false },
  'release.scheduled': { label: 'Release scheduled', tone: 'violet', toApprovalCard: false },
  'window.opening': { label: 'Window opens soon', tone: 'violet', toApprovalCard: false },
  'release.progress': { label: 'Release progress', tone: 'blue', toApprovalCard: false },
  'window.missed': { label: 'Window passed, nothing deployed', tone: 'amber', toApprovalCard: false },
  'review.required': { label: 'Review required', tone: 'amber', toApprovalCard: false },
  'window.missed_escalated': { label: 'Missed window escalated', tone: 'red', toApprovalCard: false },
  'approval.reminder': { label: 'Approval waiting', tone: 'blue', toApprovalCard: true },
  'approval.escalated': { label: 'Approval escalated', tone: 'red', toApprovalCard: false },
  'freeze.starting': { label: 'Freeze starts soon', tone: 'orange', toApprovalCard: false },
  'review.action_item_overdue': { label: 'Action item overdue', tone: 'amber', toApprovalCard: false },
  'integration.disabled': { label: 'Integration disabled', tone: 'red', toApprovalCard: false },
  'release.mentioned': { label: 'Mentioned in a discussion', tone: 'blue', toApprovalCard: false },
  'release.question': { label: 'Question from an approver', tone: 'amber', toApprovalCard: false },
};

export function notificationKind(kind: string): NotificationKindInfo {
  const known = KINDS[kind];
  if (known) return known;
  const words = kind.replace(/[._]+/g, ' ').trim();
  return { label: words ? words.charAt(0).toUpperCase() + words.slice(1) : 'Notification', tone: 'gray', toApprovalCard: false };
}

/** Where a notification leads: its own in-app link, else the approval card or the release. */
export function notificationHref(n: { kind: string; link: string | null; release: { key: string } | null }): string | null {
  const info = notificationKind(n.kind);
  if (n.release && info.toApprovalCard) {
    // the card shows the same decisions (same anchors), with what is needed to act
    const onRelease = n.link?.match(/^\/releases\/([A-Za-z0-9-]+)(?:\/approvals)?(#approval-[\w-]+)?$/);
    if (!n.link) return `/approvals/${n.release.key}`;
    if (onRelease && onRelease[1] === n.release.key) return `/approvals/${n.release.key}${onRelease[2] ?? ''}`;
  }
  if (n.link) return n.link;
  return n.release ? releaseHref(n.release.key) : null;
}
