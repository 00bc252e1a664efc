// What reaches a person (issue 13): for each kind of notification, in Relm (the bell) on or off,
// and e-mail off, immediately or in the daily digest. A person stores only what they change;
// everything else follows the defaults of their roles, in this one table
// (docs/decisions/029-notification-preferences.md). Pure: lib/server/notify.ts and the
// Profile → Notifications page both read it.

import type { Role } from './permissions';

export const EMAIL_MODES = ['off', 'immediate', 'digest'] as const;
export type EmailMode = (typeof EMAIL_MODES)[number];

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

export type PreferenceGroupKey = 'approvals' | 'progress' | 'windows' | 'freezeOverrides' | 'trains' | 'handover' | 'discussion' | 'administration';

/**
 * The kinds a person can choose for, grouped as the settings page shows them. The English words
 * here are also the `notifications` catalogue's settings.groups.<key> and settings.kinds.<kind>
 * (the page's words in every language; tests/unit/status-words.test.ts keeps the two equal).
 */
export const PREFERENCE_GROUPS: readonly { key: PreferenceGroupKey; title: string; kinds: readonly (readonly [string, KindDefault])[] }[] = [
  {
    key: 'approvals',
    title: 'Approvals',
    kinds: [
      ['approval.requested', { label: 'Approval requested', description: 'A release waits for your decision.', email: 'immediate', immediateFor: [] }],
      [
        'approval.decided',
        {
          label: 'Decision made',
          description: 'Someone approved or rejected a release you own, requested or decide on.',
          email: 'digest',
          immediateFor: ['release_manager', 'approver'],
        },
      ],
      [
        'approval.invalidated',
        {
          label: 'Approvals invalidated',
          description: 'The package changed and approvals must be given again.',
          email: 'digest',
          immediateFor: ['release_manager', 'approver', 'operations'],
        },
      ],
      [
        'approval.expiring',
        {
          label: 'Approval about to expire',
          description: 'An approval stops counting soon.',
          email: 'digest',
          immediateFor: ['release_manager', 'approver', 'operations'],
        },
      ],
      [
        'approval.expired',
        { label: 'Approval expired', description: 'An approval stopped counting while its release still waits.', email: 'immediate', immediateFor: [] },
      ],
      [
        'approval.reminder',
        {
          label: 'Approval waiting',
          description: 'A release has waited longer than the policy allows for your decision.',
          email: 'immediate',
          immediateFor: [],
        },
      ],
      [
        'approval.escalated',
        {
          label: 'Approval escalated',
          description: 'A release waits far longer than the policy allows: you are its point of escalation.',
          email: 'immediate',
          immediateFor: [],
        },
      ],
    ],
  },
  {
    key: 'progress',
    title: 'Release progress',
    kinds: [
      [
        'release.progress',
        {
          label: 'Release progress',
          description: 'A release you are a stakeholder of or watch moves on (submitted, scheduled, deployed …).',
          email: 'digest',
          immediateFor: ['release_manager'],
        },
      ],
      [
        'deployment.failed',
        { label: 'Deployment failed', description: 'A deployment of your release was marked failed.', email: 'immediate', immediateFor: [] },
      ],
      [
        'release.rolled_back',
        { label: 'Release backed out', description: 'The back-out plan of your release was executed.', email: 'immediate', immediateFor: [] },
      ],
    ],
  },
  {
    key: 'windows',
    title: 'Deployment windows',
    kinds: [
      [
        'window.opening',
        {
          label: 'Window opens soon',
          description: 'A deployment window opens within 24 hours.',
          email: 'digest',
          immediateFor: ['operations', 'release_manager'],
        },
      ],
      [
        'window.missed',
        {
          label: 'Window passed, nothing deployed',
          description: 'A window of your release ended without a deployment.',
          email: 'digest',
          immediateFor: ['release_manager'],
        },
      ],
      [
        'window.missed_escalated',
        {
          label: 'Missed window escalated',
          description: 'A window passed and still nothing was deployed after the policy delay.',
          email: 'immediate',
          immediateFor: [],
        },
      ],
      [
        'freeze.starting',
        { label: 'Freeze starts soon', description: 'A change freeze covers a scheduled window of your release.', email: 'immediate', immediateFor: [] },
      ],
    ],
  },
  {
    key: 'freezeOverrides',
    title: 'Freeze overrides',
    kinds: [
      [
        'freeze.override_requested',
        { label: 'Override requested', description: 'Someone asks to deploy during a freeze.', email: 'immediate', immediateFor: [] },
      ],
      ['freeze.override_granted', { label: 'Override granted', description: 'Your freeze override was granted.', email: 'immediate', immediateFor: [] }],
      ['freeze.override_refused', { label: 'Override refused', description: 'Your freeze override was refused.', email: 'immediate', immediateFor: [] }],
    ],
  },
  {
    key: 'trains',
    title: 'Release trains',
    kinds: [
      [
        'train.late_join_requested',
        { label: 'Late join requested', description: 'Someone asks for a release to join a train after its cut-off.', email: 'immediate', immediateFor: [] },
      ],
      [
        'train.late_join_decided',
        {
          label: 'Late join decided',
          description: 'Your request to join a train after its cut-off was granted or refused.',
          email: 'immediate',
          immediateFor: [],
        },
      ],
    ],
  },
  {
    key: 'handover',
    title: 'Handover and review',
    kinds: [
      ['handover.ready', { label: 'Handover ready', description: 'A release is handed over to operations.', email: 'digest', immediateFor: ['operations'] }],
      [
        'handover.acknowledged',
        { label: 'Handover acknowledged', description: 'Operations acknowledged your handover.', email: 'digest', immediateFor: ['release_manager'] },
      ],
      [
        'handover.questions',
        { label: 'Handover questions', description: 'Operations have questions about your handover.', email: 'immediate', immediateFor: [] },
      ],
      [
        'review.action_item',
        { label: 'Review action item', description: 'A post-release review gave you something to do.', email: 'digest', immediateFor: ['release_manager'] },
      ],
      [
        'review.action_item_overdue',
        { label: 'Action item overdue', description: 'A review action item passed its due date.', email: 'digest', immediateFor: ['release_manager'] },
      ],
    ],
  },
  {
    key: 'discussion',
    title: 'Discussion',
    kinds: [
      [
        'release.mentioned',
        {
          label: 'Mentioned in a discussion',
          description: 'Someone wrote @your-name in the discussion of a release.',
          email: 'digest',
          immediateFor: ['admin', 'release_manager', 'approver', 'operations'],
        },
      ],
      [
        'release.question',
        {
          label: 'Question from an approver',
          description: 'An approver asked a question about a release you own or co-manage.',
          email: 'digest',
          immediateFor: ['release_manager'],
        },
      ],
    ],
  },
  {
    key: 'administration',
    title: 'Administration',
    kinds: [
      [
        'integration.disabled',
        {
          label: 'Integration disabled',
          description: 'Relm stopped sending to a webhook endpoint or chat channel that kept failing.',
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
