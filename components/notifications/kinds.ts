import type { Tone } from '@/components/ui/badge';
import type enNotifications from '@/messages/en/notifications.json';
import { releaseHref } from '@/lib/domain/release-links';

// What each kind of notification is called in the inbox, so the four approval
// kinds (requested, decision made, invalidated, about to expire) read as such
// whatever the title written at the time says. Unknown kinds get a generic label.
// The words are in messages/<locale>/notifications.json, under `kinds`.

/** A kind's name in the catalogue (notifications.kinds). */
export type NotificationKindLabel = keyof (typeof enNotifications)['kinds'];

export interface NotificationKindInfo {
  /** its name in the catalogue: t(`kinds.${label}`) */
  label: NotificationKindLabel;
  /** for a kind Relm has no name for: its code as words ("something.new" → "Something new"), '' if none */
  words?: string;
  tone: Tone;
  /** the approval card is the place to act on it */
  toApprovalCard: boolean;
}

const KINDS: Record<string, NotificationKindInfo> = {
  'approval.requested': { label: 'approvalRequested', tone: 'blue', toApprovalCard: true },
  'approval.given': { label: 'decisionMade', tone: 'green', toApprovalCard: false },
  'approval.decided': { label: 'decisionMade', tone: 'indigo', toApprovalCard: false },
  'approval.approved': { label: 'decisionMade', tone: 'green', toApprovalCard: false },
  'approval.rejected': { label: 'decisionMade', tone: 'red', toApprovalCard: false },
  'release.approved': { label: 'decisionApproved', tone: 'green', toApprovalCard: false },
  'release.rejected': { label: 'decisionRejected', tone: 'red', toApprovalCard: false },
  'approval.invalidated': { label: 'approvalsInvalidated', tone: 'orange', toApprovalCard: true },
  'approvals.invalidated': { label: 'approvalsInvalidated', tone: 'orange', toApprovalCard: true },
  'approval.expiring': { label: 'approvalExpiring', tone: 'amber', toApprovalCard: true },
  'approval.expiry': { label: 'approvalExpiring', tone: 'amber', toApprovalCard: true },
  'approval.expired': { label: 'approvalExpired', tone: 'amber', toApprovalCard: true },
  'emergency.confirm': { label: 'emergencyConfirm', tone: 'red', toApprovalCard: true },
  'handover.ready': { label: 'handoverReady', tone: 'teal', toApprovalCard: false },
  'release.scheduled': { label: 'releaseScheduled', tone: 'violet', toApprovalCard: false },
  'window.opening': { label: 'windowOpening', tone: 'violet', toApprovalCard: false },
  'release.progress': { label: 'releaseProgress', tone: 'blue', toApprovalCard: false },
  'window.missed': { label: 'windowMissed', tone: 'amber', toApprovalCard: false },
  'review.required': { label: 'reviewRequired', tone: 'amber', toApprovalCard: false },
  'window.missed_escalated': { label: 'windowMissedEscalated', tone: 'red', toApprovalCard: false },
  'approval.reminder': { label: 'approvalReminder', tone: 'blue', toApprovalCard: true },
  'approval.escalated': { label: 'approvalEscalated', tone: 'red', toApprovalCard: false },
  'freeze.starting': { label: 'freezeStarting', tone: 'orange', toApprovalCard: false },
  'review.action_item_overdue': { label: 'actionItemOverdue', tone: 'amber', toApprovalCard: false },
  'integration.disabled': { label: 'integrationDisabled', tone: 'red', toApprovalCard: false },
  'release.mentioned': { label: 'mentioned', tone: 'blue', toApprovalCard: false },
  'release.question': { label: 'question', tone: 'amber', toApprovalCard: false },
};

export function notificationKind(kind: string): NotificationKindInfo {
  const known = KINDS[kind];
  if (known) return known;
  const words = kind.replace(/[._]+/g, ' ').trim();
  return { label: 'generic', words: words ? words.charAt(0).toUpperCase() + words.slice(1) : '', tone: 'gray', toApprovalCard: false };
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
