// What reaches a person (issue 13): for each kind of notification, in Relm (the bell) on or off,
// and e-mail off, immediately or in the daily digest. A person stores only what they change;
// everything else follows the defaults of their roles, in this one table
// (docs/decisions/029-notification-preferences.md). Pure: lib/server/notify.ts and the
// Profile → Notifications page both read it.

import en from '@/messages/en/domain-notification-preferences.json';
import type { EmailMode } from './email-modes';
import type { Role } from './permissions';
import { sayer } from './said';

export { EMAIL_MODES, type EmailMode } from './email-modes';

// The settings page's group titles, kind labels and descriptions are messages of the
// domain-notification-preferences catalogue, for the reader's language (decision 060).
const say = sayer('domain-notification-preferences', en);

export const EMAIL_MODE_LABELS: Record<EmailMode, string> = { off: 'Off', immediate: 'Immediately', digest: 'Daily digest' };

export interface ChannelChoice {
  inApp: boolean;
  email: EmailMode;
}

/** The daily digest goes out at this hour, UTC, to everyone with something waiting. */
export const DIGEST_HOUR_UTC = 7;

/**
 * Kinds about a person's account or Relm's security (a sign-in from somewhere new, a token
 * created for them, a role change): their e-mail cannot be switched off nor unsubscribed. None
 * is sent today; the mechanism is here so the first one is safe from the start.
 */
export const SECURITY_KIND_PREFIXES = ['security.', 'account.'] as const;

export function isSecurityKind(kind: string): boolean {
  return SECURITY_KIND_PREFIXES.some((p) => kind.startsWith(p));
}

interface KindDefault {
  label: string;
  /** what a short description on the settings page says */
  description: string;
  /** the e-mail default for anyone whose roles are not listed in immediateFor */
  email: EmailMode;
  /** roles that get it by e-mail immediately */
  immediateFor: readonly Role[];
  /** only these roles are ever sent it: the settings page shows it to them only */
  onlyFor?: readonly Role[];
}

/** The kinds a person can choose for, grouped as the settings page shows them. */
export const PREFERENCE_GROUPS: readonly { title: string; kinds: readonly (readonly [string, KindDefault])[] }[] = [
  {
    title: say('group.approvals'),
    kinds: [
      [
        'approval.requested',
        { label: say('kind.approval.requested.label'), description: say('kind.approval.requested.description'), email: 'immediate', immediateFor: [] },
      ],
      [
        'approval.decided',
        {
          label: say('kind.approval.decided.label'),
          description: say('kind.approval.decided.description'),
          email: 'digest',
          immediateFor: ['release_manager', 'approver'],
        },
      ],
      [
        'approval.invalidated',
        {
          label: say('kind.approval.invalidated.label'),
          description: say('kind.approval.invalidated.description'),
          email: 'digest',
          immediateFor: ['release_manager', 'approver', 'operations'],
        },
      ],
      [
        'approval.expiring',
        {
          label: say('kind.approval.expiring.label'),
          description: say('kind.approval.expiring.description'),
          email: 'digest',
          immediateFor: ['release_manager', 'approver', 'operations'],
        },
      ],
      [
        'approval.expired',
        { label: say('kind.approval.expired.label'), description: say('kind.approval.expired.description'), email: 'immediate', immediateFor: [] },
      ],
      [
        'approval.reminder',
        {
          label: say('kind.approval.reminder.label'),
          description: say('kind.approval.reminder.description'),
          email: 'immediate',
          immediateFor: [],
        },
      ],
      [
        'approval.escalated',
        {
          label: say('kind.approval.escalated.label'),
          description: say('kind.approval.escalated.description'),
          email: 'immediate',
          immediateFor: [],
        },
      ],
    ],
  },
  {
    title: say('group.releaseProgress'),
    kinds: [
      [
        'release.progress',
        {
          label: say('kind.release.progress.label'),
          description: say('kind.release.progress.description'),
          email: 'digest',
          immediateFor: ['release_manager'],
        },
      ],
      [
        'deployment.failed',
        { label: say('kind.deployment.failed.label'), description: say('kind.deployment.failed.description'), email: 'immediate', immediateFor: [] },
      ],
      [
        'release.rolled_back',
        { label: say('kind.release.rolled_back.label'), description: say('kind.release.rolled_back.description'), email: 'immediate', immediateFor: [] },
      ],
    ],
  },
  {
    title: say('group.deploymentWindows'),
    kinds: [
      [
        'window.opening',
        {
          label: say('kind.window.opening.label'),
          description: say('kind.window.opening.description'),
          email: 'digest',
          immediateFor: ['operations', 'release_manager'],
        },
      ],
      [
        'window.missed',
        {
          label: say('kind.window.missed.label'),
          description: say('kind.window.missed.description'),
          email: 'digest',
          immediateFor: ['release_manager'],
        },
      ],
      [
        'window.missed_escalated',
        {
          label: say('kind.window.missed_escalated.label'),
          description: say('kind.window.missed_escalated.description'),
          email: 'immediate',
          immediateFor: [],
        },
      ],
      [
        'freeze.starting',
        { label: say('kind.freeze.starting.label'), description: say('kind.freeze.starting.description'), email: 'immediate', immediateFor: [] },
      ],
    ],
  },
  {
    title: say('group.freezeOverrides'),
    kinds: [
      [
        'freeze.override_requested',
        {
          label: say('kind.freeze.override_requested.label'),
          description: say('kind.freeze.override_requested.description'),
          email: 'immediate',
          immediateFor: [],
        },
      ],
      [
        'freeze.override_granted',
        {
          label: say('kind.freeze.override_granted.label'),
          description: say('kind.freeze.override_granted.description'),
          email: 'immediate',
          immediateFor: [],
        },
      ],
      [
        'freeze.override_refused',
        {
          label: say('kind.freeze.override_refused.label'),
          description: say('kind.freeze.override_refused.description'),
          email: 'immediate',
          immediateFor: [],
        },
      ],
    ],
  },
  {
    title: say('group.releaseTrains'),
    kinds: [
      [
        'train.late_join_requested',
        {
          label: say('kind.train.late_join_requested.label'),
          description: say('kind.train.late_join_requested.description'),
          email: 'immediate',
          immediateFor: [],
        },
      ],
      [
        'train.late_join_decided',
        {
          label: say('kind.train.late_join_decided.label'),
          description: say('kind.train.late_join_decided.description'),
          email: 'immediate',
          immediateFor: [],
        },
      ],
    ],
  },
  {
    title: say('group.handoverAndReview'),
    kinds: [
      [
        'handover.ready',
        { label: say('kind.handover.ready.label'), description: say('kind.handover.ready.description'), email: 'digest', immediateFor: ['operations'] },
      ],
      [
        'handover.acknowledged',
        {
          label: say('kind.handover.acknowledged.label'),
          description: say('kind.handover.acknowledged.description'),
          email: 'digest',
          immediateFor: ['release_manager'],
        },
      ],
      [
        'handover.questions',
        { label: say('kind.handover.questions.label'), description: say('kind.handover.questions.description'), email: 'immediate', immediateFor: [] },
      ],
      [
        'review.action_item',
        {
          label: say('kind.review.action_item.label'),
          description: say('kind.review.action_item.description'),
          email: 'digest',
          immediateFor: ['release_manager'],
        },
      ],
      [
        'review.action_item_overdue',
        {
          label: say('kind.review.action_item_overdue.label'),
          description: say('kind.review.action_item_overdue.description'),
          email: 'digest',
          immediateFor: ['release_manager'],
        },
      ],
    ],
  },
  {
    title: say('group.discussion'),
    kinds: [
      [
        'release.mentioned',
        {
          label: say('kind.release.mentioned.label'),
          description: say('kind.release.mentioned.description'),
          email: 'digest',
          immediateFor: ['admin', 'release_manager', 'approver', 'operations'],
        },
      ],
      [
        'release.question',
        {
          label: say('kind.release.question.label'),
          description: say('kind.release.question.description'),
          email: 'digest',
          immediateFor: ['release_manager'],
        },
      ],
    ],
  },
  {
    title: say('group.administration'),
    kinds: [
      [
        'integration.disabled',
        {
          label: say('kind.integration.disabled.label'),
          description: say('kind.integration.disabled.description'),
          email: 'immediate',
          immediateFor: [],
          onlyFor: ['admin'],
        },
      ],
    ],
  },
];

const DEFAULTS = new Map<string, KindDefault>(PREFERENCE_GROUPS.flatMap((g) => g.kinds.map(([k, d]) => [k, d] as const)));

export const PREFERENCE_KINDS: readonly string[] = [...DEFAULTS.keys()];

/** A kind a person may store a choice for: one on the settings page, or a security kind. */
export function isPreferenceKind(kind: string): boolean {
  return DEFAULTS.has(kind) || isSecurityKind(kind);
}

/**
 * What a person gets for a kind when they chose nothing: in Relm always; by e-mail immediately
 * when one of their roles is listed for it, else the kind's default. Viewers are listed for no
 * kind, so the progress of releases reaches them in the digest. Kinds not in the table (new,
 * or security ones) are e-mailed immediately: nothing new is held back without a decision.
 */
export function defaultChoice(kind: string, roles: readonly string[]): ChannelChoice {
  const d = DEFAULTS.get(kind);
  if (!d || isSecurityKind(kind)) return { inApp: true, email: 'immediate' };
  return { inApp: true, email: roles.some((r) => (d.immediateFor as readonly string[]).includes(r)) ? 'immediate' : d.email };
}

/** What reaches a person: their stored choice, else the default; a security kind's e-mail is never off. */
export function effectiveChoice(kind: string, roles: readonly string[], stored?: ChannelChoice | null): ChannelChoice {
  const choice = stored ?? defaultChoice(kind, roles);
  if (isSecurityKind(kind) && choice.email === 'off') return { inApp: choice.inApp, email: 'immediate' };
  return choice;
}

/** The settings page's label of a kind. */
export function preferenceKindLabel(kind: string): string {
  return DEFAULTS.get(kind)?.label ?? kind;
}

/** For the decision record and the settings page: each kind's e-mail default per role. */
export function defaultsTable(roles: readonly Role[]): { kind: string; label: string; email: Record<Role, EmailMode> }[] {
  return PREFERENCE_KINDS.map((kind) => ({
    kind,
    label: preferenceKindLabel(kind),
    email: Object.fromEntries(roles.map((r) => [r, defaultChoice(kind, [r]).email])) as Record<Role, EmailMode>,
  }));
}
