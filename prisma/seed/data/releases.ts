import type { ReleaseStatus, ReleaseType, RiskLevel, RiskStatus } from '@/lib/generated/prisma/enums';
import type { EnvName, ExactSpec, SlotSpec } from './environments';
import { LEDGER_MIGRATION_SLOT } from './environments';
import { ADMIN, APPROVER, APPROVER2, CAB, type Email, MANAGER, MANAGER2, OPS, OPS2, VIEWER } from './people';

// The releases of the demo, one per row, in the states the demo shows. Dates are
// relative (days from now, or from the first deployment), and prisma/seed/plan.ts
// turns them into instants.

export interface RiskSeed {
  title: string;
  likelihood: number;
  impact: number;
  status: RiskStatus;
  mitigation: string;
  description?: string;
  owner?: Email;
}

export interface ReleaseSeed {
  title: string;
  type: ReleaseType;
  status: ReleaseStatus;
  owner: Email;
  requester?: Email;
  targets: EnvName[];
  /** the production window; the earlier environments come before it */
  production: SlotSpec | ExactSpec;
  /** minutes between each earlier environment's window and the next (default: one working day) */
  leadMinutes?: number;
  stagingLeadDays?: number;
  /**
   * Days from the anchor: for releases that reached deployment, the anchor is the
   * first deployment; otherwise it is now.
   */
  timeline: { created: number; submitted?: number; decided?: number };
  description: string;
  justification: string;
  items: [string, string][];
  risks?: RiskSeed[];
  noKnownRisks?: boolean;
  /** approve decisions as [approver, requirement key]; defaults follow the risk level */
  approvals?: [Email, string][];
  rejection?: { by: Email; requirement: string; comment: string };
  cancelReason?: string;
  /** how the production deployment went, when not plainly */
  outcome?: 'rolled_back' | 'failed_then_retried' | 'in_progress';
  productionExecutor?: string;
  override?: { reason: string; by: Email; confirmedBy: Email };
  plan?: boolean;
  backout?: { trigger: string; rehearsed?: { daysBefore: number; result: string; notes: string } | null };
  handover?: { whatChanged: string; knownErrors?: string; questions?: string };
  review?: ReviewSeed;
  stakeholders?: [Email, string][];
  /** release managers who may change it besides its owner and the owner's team (decision 039) */
  coManagers?: Email[];
  /** the package breaks a dependency range on purpose (a demo of the compatibility check) */
  incompatible?: boolean;
  /** a published announcement for the components' users (What's new) */
  announcement?: { title: string; summary: string; body: string; effective: string; contact: string };
}

export interface ReviewSeed {
  requiredReasons: string[];
  completed?: {
    outcome: 'successful' | 'partially_successful' | 'failed';
    objectivesMet: boolean;
    objectivesNotes: string;
    incidents: string;
    wentWell: string;
    wentBadly: string;
    by: Email;
    actionItems: { title: string; owner: Email; dueInDays: number; status: 'open' | 'in_progress' | 'done' | 'cancelled' }[];
  };
  draft?: { wentWell?: string; wentBadly?: string; incidents?: string };
}

export const BACKOUT_TRIGGER_DEFAULT =
  'Error rate above 2% for 5 minutes, p95 latency above 800 ms for 10 minutes, or any data-integrity alert. The release owner and the on-call engineer decide together; either may call it.';

// Created in this order, so REL-1 is the first row and the keys are stable.
export const DEMO_RELEASES: readonly ReleaseSeed[] = [
  // REL-1
  {
    title: 'Ledger 2.3.1: idempotent posting retries',
    type: 'normal',
    status: 'closed',
    owner: MANAGER,
    targets: ['staging', 'production'],
    production: { day: -22, at: '10:00', minutes: 120 },
    timeline: { created: -9, submitted: -5, decided: -3 },
    description:
      'Ships the idempotent retry fix for ledger postings and the matching reporting change. Retries from billing-api after a timeout created duplicate postings twice last month; with this release a repeated Idempotency-Key returns the original posting.',
    justification: 'Duplicate postings cost Finance two days of manual reconciliation each time and put the month-end close at risk.',
    items: [
      ['ledger', '2.3.1'],
      ['reporting-etl', '0.15.0'],
    ],
    risks: [
      { title: 'Reporting ETL reads postings during the deployment', likelihood: 2, impact: 3, status: 'mitigated', mitigation: 'Pause the 10:00 ETL run until the deployment is verified.', owner: MANAGER2 },
      { title: 'Legacy clients reuse idempotency keys', likelihood: 2, impact: 4, status: 'closed', mitigation: 'Checked 30 days of traffic: no client reuses keys across different requests.' },
    ],
    plan: true,
    backout: { trigger: BACKOUT_TRIGGER_DEFAULT, rehearsed: { daysBefore: 6, result: 'passed', notes: 'Rolled staging back to 2.3.0 in 12 minutes; no data migration involved.' } },
    handover: { whatChanged: 'Posting retries are idempotent; the reporting extract gains currency columns.' },
  },
  // REL-2
  {
    title: 'Search indexer 1.5.0: synonym dictionaries',
    type: 'standard',
    status: 'closed',
    owner: MANAGER2,
    targets: ['test', 'staging', 'production'],
    production: { day: -21, at: '14:00', minutes: 60 },
    timeline: { created: -6, submitted: -3, decided: -2 },
    description: 'Lets the support team maintain synonym dictionaries, so searches for "refund" also find "chargeback" articles.',
    justification: 'Top support-search queries return nothing for 14% of sessions; synonyms fix most of them.',
    items: [['search-indexer', '1.5.0']],
    risks: [{ title: 'Index rebuild slows search for an hour', likelihood: 3, impact: 2, status: 'accepted', mitigation: 'Rebuild runs behind an alias; the old index is kept for 24 hours.' }],
    approvals: [[APPROVER2, 'approver']],
    plan: true,
    handover: { whatChanged: 'Search uses the synonym dictionaries in the help-centre admin.' },
  },
  // REL-3
  {
    title: 'Hotfix: revoke refresh tokens issued before key rotation',
    type: 'emergency',
    status: 'closed',
    owner: MANAGER,
    targets: ['staging', 'production'],
    production: { day: -20, at: '21:30', minutes: 90, snap: 'any' },
    leadMinutes: 90,
    timeline: { created: -0.2, submitted: -0.12, decided: -0.05 },
    description:
      'Refresh tokens signed with the retired key were still accepted after the rotation. This hotfix revokes every refresh token issued before the rotation; affected users sign in again.',
    justification: 'Security incident SEC-88: a leaked token could mint new sessions. Security asked for the fix tonight.',
    items: [['identity', '1.8.4']],
    risks: [
      { title: 'All users signed out at once', likelihood: 4, impact: 2, status: 'accepted', mitigation: 'Expected: re-authentication is the fix. Support has a macro and a status-page message ready.', owner: MANAGER2 },
      { title: 'Service-to-service tokens rejected', likelihood: 2, impact: 5, status: 'mitigated', mitigation: 'Service tokens use a different key set; verified in staging.', owner: OPS },
    ],
    productionExecutor: OPS2,
    plan: true,
    backout: { trigger: 'Any service-to-service authentication failure, or sign-in error rate above 5%.', rehearsed: null },
    handover: {
      whatChanged: 'Refresh tokens issued before the key rotation are revoked; users sign in again once.',
      knownErrors: 'Expect a spike of "session expired" messages for about a day. The support macro SEC-88 explains it.',
    },
    review: {
      requiredReasons: ['emergency release'],
      completed: {
        outcome: 'successful',
        objectivesMet: true,
        objectivesNotes: 'All pre-rotation refresh tokens revoked within 4 minutes of the deployment; no reuse seen afterwards.',
        incidents: 'SEC-88 (the cause). No new incidents.',
        wentWell: 'From report to production in under 5 hours, with staging verification and two approvals.',
        wentBadly: 'The runbook had no step for revoking tokens; we improvised the verification query.',
        by: MANAGER,
        actionItems: [
          { title: 'Add refresh-token revocation to the identity incident runbook', owner: OPS, dueInDays: -10, status: 'done' },
          { title: 'Rotate signing keys through the pipeline, not by hand', owner: MANAGER, dueInDays: -2, status: 'open' },
          { title: 'Alert when a revoked refresh token is presented more than 50 times an hour', owner: OPS2, dueInDays: 6, status: 'in_progress' },
        ],
      },
    },
  },
  // REL-4
  {
    title: 'Payment gateway 7.5: 3-D Secure 2.2 challenge flow',
    type: 'major',
    status: 'rolled_back',
    owner: MANAGER,
    targets: ['staging', 'production'],
    production: { day: -16, at: '10:00', minutes: 150 },
    stagingLeadDays: 2,
    timeline: { created: -14, submitted: -7, decided: -5 },
    description:
      'Moves card payments to 3-D Secure 2.2 with the in-app challenge flow and sends the fraud score to issuers, ahead of the card schemes\u2019 deadline. Includes fraud model v14.',
    justification: 'Scheme mandate: 3DS 2.2 is required from next quarter. Issuers that see our fraud score approve about 2% more payments.',
    items: [
      ['payment-gateway', '7.5.0'],
      ['fraud-scoring', '3.2.0'],
    ],
    risks: [
      { title: 'Issuer ACS timeouts during the challenge', likelihood: 4, impact: 4, status: 'open', mitigation: 'Fall back to the frictionless flow after 10 s; per-issuer dashboards.', owner: APPROVER },
      { title: 'Model v14 raises the decline rate', likelihood: 3, impact: 4, status: 'mitigated', mitigation: 'Shadow-scored for 7 days: decline rate within 0.2 percentage points.', owner: APPROVER2 },
    ],
    outcome: 'rolled_back',
    plan: true,
    backout: {
      trigger: 'Authorisation success rate more than 1 point below the 7-day baseline for 10 minutes, or challenge timeouts above 3%.',
      rehearsed: { daysBefore: 3, result: 'passed', notes: 'Staging rolled back to 7.4.2 / 3.1.0 in 18 minutes.' },
    },
    review: { requiredReasons: ['failed deployment', 'back-out'] },
    stakeholders: [[APPROVER, 'Payments engineering lead']],
  },
  // REL-5
  {
    title: 'Notifications 2.7: SMS provider failover',
    type: 'normal',
    status: 'closed',
    owner: MANAGER2,
    targets: ['staging', 'production'],
    production: { day: -13, at: '10:00', minutes: 90 },
    timeline: { created: -10, submitted: -6, decided: -4 },
    description: 'Fails over to the secondary SMS provider after three failed sends; the apps fall back to SMS for one-time codes when push is unavailable.',
    justification: 'The primary provider had two outages this quarter, each blocking sign-in codes for about 40 minutes.',
    items: [
      ['notification-service', '2.7.0'],
      ['mobile-bff', '3.9.0'],
    ],
    risks: [
      { title: 'Secondary provider delivers slowly', likelihood: 3, impact: 2, status: 'mitigated', mitigation: 'Measured p95 delivery of 6 s in staging; acceptable for codes valid 10 minutes.' },
      { title: 'Push token refresh storm on app start', likelihood: 2, impact: 3, status: 'closed', mitigation: 'Refresh is jittered over 60 s.' },
    ],
    approvals: [
      [APPROVER, 'approver'],
      [OPS2, 'operations'],
    ],
    plan: true,
    backout: { trigger: BACKOUT_TRIGGER_DEFAULT, rehearsed: { daysBefore: 4, result: 'passed', notes: 'Back to 2.6.0 / 3.8.0 in 9 minutes.' } },
    handover: { whatChanged: 'SMS fails over to the secondary provider; the apps use SMS for codes when push fails.' },
    stakeholders: [[VIEWER, 'Support lead: brief the support desk before go-live']],
  },
  // REL-6
  {
    title: 'Billing 4.12: proration for mid-cycle plan changes',
    type: 'normal',
    status: 'closed',
    owner: MANAGER,
    targets: ['staging', 'production'],
    production: { day: -9, at: '09:30', minutes: 120, snap: 'saturday' },
    timeline: { created: -12, submitted: -6, decided: -4 },
    description: 'Customers who upgrade mid-cycle pay the prorated difference at once; downgrades apply at renewal. The storefront shows a preview of the amount before confirming.',
    justification: 'Upgrades are blocked until renewal today, which costs an estimated \u00a318k of monthly recurring revenue.',
    items: [
      ['billing-api', '4.12.0'],
      ['web-storefront', '12.4.0'],
    ],
    risks: [
      { title: 'Prorated amounts differ from the invoice by a penny', likelihood: 3, impact: 3, status: 'accepted', mitigation: 'Invoices are authoritative; support can credit differences.' },
      { title: 'Deploying during the weekend freeze', likelihood: 2, impact: 4, status: 'accepted', mitigation: 'Override confirmed by a second release manager; Payments on-call present throughout.' },
    ],
    override: {
      reason: 'The month-end invoice run on Monday needs proration live; Finance agreed. Payments on-call and a second release manager are present throughout.',
      by: MANAGER,
      confirmedBy: MANAGER2,
    },
    productionExecutor: OPS,
    plan: true,
    backout: { trigger: BACKOUT_TRIGGER_DEFAULT, rehearsed: { daysBefore: 3, result: 'passed', notes: 'Back to 4.11.0 / 12.3.0 in 14 minutes; proration rows are ignored by 4.11.' } },
    handover: {
      whatChanged: 'Mid-cycle upgrades are prorated and charged at once; the storefront previews the amount.',
      knownErrors: 'The preview can differ from the invoice by 1p (rounding); invoices are right. Fixed in billing-api 4.13.0.',
    },
    review: {
      requiredReasons: ['freeze override'],
      completed: {
        outcome: 'partially_successful',
        objectivesMet: true,
        objectivesNotes: 'Proration live for the month-end run; 1,140 upgrades prorated in the first week.',
        incidents: 'INC-2231: 37 customers saw a preview 1p off the invoice.',
        wentWell: 'Freeze override agreed with Finance in advance; deployment finished inside the planned window.',
        wentBadly: 'The preview and invoice use different rounding; contract tests did not cover it.',
        by: MANAGER,
        actionItems: [
          { title: 'Fix proration preview rounding (shipped in billing-api 4.13.0)', owner: MANAGER, dueInDays: -3, status: 'done' },
          { title: 'Add proration cases to the billing contract tests', owner: APPROVER, dueInDays: 3, status: 'open' },
          { title: 'Agree month-end freeze exceptions with Finance', owner: MANAGER, dueInDays: 9, status: 'open' },
        ],
      },
    },
  },
  // REL-7
  {
    title: 'Payment gateway 7.5.1: 3-D Secure 2.2, second attempt',
    type: 'normal',
    status: 'in_review',
    owner: MANAGER,
    targets: ['staging', 'production'],
    production: { day: -7, at: '10:00', minutes: 150 },
    timeline: { created: -6, submitted: -4, decided: -2 },
    description:
      'Second attempt at 3-D Secure 2.2 after the back-out of REL-4: the ACS challenge timeout is 15 s with a per-issuer circuit breaker, and the sessions-table migration no longer takes an exclusive lock.',
    justification: 'Scheme mandate for 3DS 2.2 next quarter; REL-4 was backed out.',
    items: [
      ['payment-gateway', '7.5.1'],
      ['fraud-scoring', '3.2.0'],
    ],
    risks: [
      { title: 'Repeat of the REL-4 challenge timeouts', likelihood: 3, impact: 4, status: 'mitigated', mitigation: 'Timeout raised to 15 s, per-issuer circuit breaker (PAY-383).', owner: APPROVER },
      { title: 'Migration lock on the 3DS sessions table', likelihood: 2, impact: 3, status: 'open', mitigation: 'Migration rewritten to be lock-free; run it first and watch lock waits.', owner: OPS },
    ],
    outcome: 'failed_then_retried',
    plan: true,
    backout: {
      trigger: 'Authorisation success rate more than 1 point below the 7-day baseline for 10 minutes, or challenge timeouts above 3%.',
      rehearsed: { daysBefore: 2, result: 'passed', notes: 'Rolled back to 7.4.2 / 3.1.0 in 16 minutes.' },
    },
    handover: {
      whatChanged: '3-D Secure 2.2 challenge flow live for all card payments; the fraud score is sent to issuers.',
      knownErrors: 'Some issuers answer challenges slowly; the circuit breaker falls back to frictionless. Dashboard: Payments / 3DS by issuer.',
    },
    review: {
      requiredReasons: ['failed deployment'],
      draft: {
        incidents: 'The first production attempt failed: the migration waited on a lock held by a long-running report query.',
        wentWell: 'Second attempt 35 minutes later succeeded; authorisation rate unchanged.',
      },
    },
    stakeholders: [[APPROVER, 'Payments engineering lead']],
  },
  // REL-8
  {
    title: 'Mobile BFF 3.10: saved cards for one-tap checkout',
    type: 'standard',
    status: 'handed_over',
    owner: MANAGER2,
    targets: ['staging', 'production'],
    production: { day: -5, at: '14:00', minutes: 60 },
    timeline: { created: -5, submitted: -3, decided: -2 },
    description: 'Adds the saved-cards endpoint the iOS and Android apps need for one-tap checkout (apps ship next week behind a flag).',
    justification: 'One-tap checkout lifted mobile conversion by 6% in the beta.',
    items: [['mobile-bff', '3.10.0']],
    risks: [{ title: 'Expired cards offered for one-tap checkout', likelihood: 2, impact: 3, status: 'mitigated', mitigation: 'Endpoint filters expired cards; covered by contract tests.' }],
    plan: true,
    handover: { whatChanged: 'New endpoint GET /v1/me/cards for the apps; not used until the app flag is on.' },
    stakeholders: [[VIEWER, 'Support lead']],
    announcement: {
      title: 'One-tap checkout with saved cards',
      summary: 'Customers can pay with a card they saved before, in one tap, once the next app version is out.',
      body: 'What support will hear about:\n\n- **Saved cards** appear at checkout in the iOS and Android apps (version 8.4 and later).\n- Expired cards are never offered; customers add a new card as before.\n- Nothing changes on the web storefront.\n\nThe apps switch it on over the week after they ship.',
      effective: 'With the apps released next week (iOS and Android 8.4)',
      contact: '#customer-experience on chat, or the Mobile BFF owner',
    },
  },
  // REL-9
  {
    title: 'API gateway 5.3: per-tenant rate limits',
    type: 'normal',
    status: 'deployed',
    owner: MANAGER,
    targets: ['staging', 'production'],
    production: { day: -2, at: '10:00', minutes: 120 },
    timeline: { created: -7, submitted: -4, decided: -3 },
    description: 'Per-tenant rate limits at the gateway, configured in config-service. The limits are observe-only for 48 hours, then enforced.',
    justification: 'One tenant\u2019s batch jobs degraded the API for everyone twice this month.',
    items: [
      ['api-gateway', '5.3.0'],
      ['config-service', '1.1.0'],
    ],
    risks: [
      { title: 'Limits throttle legitimate batch clients', likelihood: 3, impact: 3, status: 'mitigated', mitigation: 'Observe-only for 48 hours; allow-list for known batch tenants.', owner: OPS },
      { title: 'Config cache stampede on deploy', likelihood: 2, impact: 2, status: 'open', mitigation: 'Cache warm-up before traffic shifts.', owner: OPS },
    ],
    approvals: [
      [CAB, 'approver'],
      [OPS2, 'operations'],
    ],
    plan: true,
    backout: { trigger: BACKOUT_TRIGGER_DEFAULT, rehearsed: { daysBefore: 2, result: 'passed', notes: 'Back to 5.2.0 / 1.0.0 in 11 minutes.' } },
    handover: {
      whatChanged: 'Per-tenant rate limits in observe-only mode until enforcement is switched on (flag gateway.rate_limits.enforce).',
      knownErrors: 'Observe-only mode logs "would throttle" lines at INFO; they are expected.',
    },
  },
  // REL-10
  {
    title: 'Hotfix: false declines on prepaid cards',
    type: 'emergency',
    status: 'deploying',
    owner: MANAGER,
    targets: ['staging', 'production'],
    production: { fromNowMinutes: -60, minutes: 180 },
    leadMinutes: 180,
    timeline: { created: -0.3, submitted: -0.2, decided: -0.08 },
    description: 'The velocity rule in fraud model v14 declines prepaid cards topped up several times a day. This hotfix excludes prepaid BIN ranges from that rule.',
    justification: 'About 3% of prepaid-card payments are declined since Tuesday; customer complaints are rising.',
    items: [['fraud-scoring', '3.2.1']],
    risks: [{ title: 'Hotfix widens fraud exposure on prepaid cards', likelihood: 3, impact: 3, status: 'accepted', mitigation: 'Manual review queue for prepaid payments above \u00a3250 for two weeks.', owner: APPROVER2 }],
    outcome: 'in_progress',
    plan: true,
    backout: { trigger: 'Fraud rate on prepaid cards above 0.3% in any hour, or scoring latency p99 above 60 ms.', rehearsed: null },
    stakeholders: [[APPROVER2, 'Fraud model owner']],
  },
  // REL-11
  {
    title: 'Billing 4.13: SEPA Direct Debit mandates',
    type: 'normal',
    status: 'scheduled',
    owner: MANAGER,
    targets: ['staging', 'production'],
    production: { day: 3, at: '10:00', minutes: 150 },
    timeline: { created: -10, submitted: -4, decided: -2 },
    description: 'SEPA Direct Debit for euro customers: mandate capture at checkout, pre-notification emails and collection, with mandate references on ledger postings. Ledger 2.4 partitions the postings table online.',
    justification: 'Euro customers ask for direct debit; card payments cost us 1.4% versus 0.35% for SEPA.',
    items: [
      ['ledger', '2.4.0'],
      ['billing-api', '4.13.0'],
    ],
    risks: [
      { title: 'Online partitioning of the postings table', likelihood: 2, impact: 5, status: 'mitigated', mitigation: 'Rehearsed on a production snapshot: 41 minutes, no lock above 200 ms.', owner: OPS },
      { title: 'Legacy customers without a mandate reference', likelihood: 3, impact: 3, status: 'open', mitigation: 'Backfill job runs the day before; customers without a mandate stay on card payments.', owner: MANAGER },
    ],
    plan: true,
    backout: { trigger: BACKOUT_TRIGGER_DEFAULT, rehearsed: { daysBefore: 1, result: 'passed', notes: 'billing-api back to 4.12.0 in 8 minutes; ledger partitions are kept (2.3.1 reads them).' } },
    stakeholders: [
      [OPS, 'On call for the Thursday window'],
      [APPROVER, 'Payments engineering lead'],
    ],
  },
  // REL-12
  {
    title: 'Search indexer 1.5.1: reindex throttling',
    type: 'standard',
    status: 'scheduled',
    owner: MANAGER2,
    targets: ['staging', 'production'],
    production: { day: 8, at: '14:00', minutes: 60 },
    timeline: { created: -4, submitted: -2, decided: -1 },
    description: 'Throttles full reindexes to 200 documents per second so they no longer starve the search cluster.',
    justification: 'The last full reindex raised search latency to 4 s for 20 minutes.',
    items: [['search-indexer', '1.5.1']],
    noKnownRisks: true,
    approvals: [[APPROVER2, 'approver']],
    plan: true,
  },
  // REL-13
  {
    title: 'Web storefront 12.5: redesigned account pages',
    type: 'major',
    status: 'approved',
    owner: MANAGER2,
    targets: ['staging', 'production'],
    production: { day: 10, at: '10:00', minutes: 120 },
    timeline: { created: -12, submitted: -3, decided: -1 },
    description: 'New account pages (profile, security, billing) and digest-email preferences, with the notification service that sends the weekly digest.',
    justification: 'Account pages drive 22% of support contacts; the redesign tested 30% fewer "where do I change…" tickets.',
    items: [
      ['web-storefront', '12.5.0'],
      ['notification-service', '2.8.0'],
    ],
    risks: [
      { title: 'Returning users cannot find settings', likelihood: 3, impact: 2, status: 'accepted', mitigation: 'Feedback widget and a support macro; old URLs redirect.' },
      { title: 'Digest sent to unsubscribed users', likelihood: 2, impact: 5, status: 'mitigated', mitigation: 'Unsubscribe list synced before the first send; one-click unsubscribe (RFC 8058).', owner: MANAGER2 },
      { title: 'Layout regressions on older Safari', likelihood: 3, impact: 3, status: 'open', mitigation: 'Visual tests on Safari 15 and 16 before go-live.', owner: MANAGER2 },
    ],
    approvals: [
      [APPROVER2, 'approvers'],
      [CAB, 'approvers'],
    ],
    plan: true,
    backout: { trigger: BACKOUT_TRIGGER_DEFAULT, rehearsed: { daysBefore: 1, result: 'passed', notes: 'Back to 12.4.0 / 2.7.0 in 10 minutes.' } },
    stakeholders: [[VIEWER, 'Support lead: new macros for account pages']],
  },
  // REL-14
  {
    title: 'Identity 1.9: passkey sign-in',
    type: 'normal',
    status: 'approved',
    owner: MANAGER,
    targets: ['staging', 'production'],
    production: { day: 15, at: '10:00', minutes: 120 },
    timeline: { created: -9, submitted: -2.5, decided: -0.5 },
    description: 'Passkey (WebAuthn) sign-in with recovery codes; password sign-in remains. The gateway accepts passkey-issued session tokens from 5.3.1.',
    justification: 'Enterprise customers require phishing-resistant sign-in; passwords cause 40% of account-recovery tickets.',
    items: [
      ['identity', '1.9.0'],
      ['api-gateway', '5.3.1'],
    ],
    risks: [
      { title: 'Passkey enrolment fails on older Android', likelihood: 3, impact: 3, status: 'open', mitigation: 'Enrolment offered only where the platform authenticator is available.', owner: MANAGER },
      { title: 'Gateway rejects long-lived session tokens', likelihood: 2, impact: 4, status: 'mitigated', mitigation: 'Contract tests for both token types.', owner: OPS },
      { title: 'Users locked out after losing their passkey', likelihood: 2, impact: 5, status: 'mitigated', mitigation: 'Password sign-in stays; recovery codes at enrolment.' },
    ],
    plan: true,
    backout: { trigger: 'Sign-in success rate below 97% for 10 minutes, or any token validation error at the gateway.', rehearsed: { daysBefore: 1, result: 'passed', notes: 'Back to 1.8.4 / 5.3.0 in 12 minutes; passkeys enrolled meanwhile stay stored.' } },
  },
  // REL-15
  {
    title: 'Billing 4.14: usage-based pricing tiers',
    type: 'normal',
    status: 'submitted',
    owner: MANAGER,
    targets: ['staging', 'production'],
    production: { day: 17, at: '10:00', minutes: 150 },
    timeline: { created: -6, submitted: -1.2 },
    description: 'Usage-based pricing tiers with monthly usage meters, and the usage meter on the storefront billing page.',
    justification: 'Needed for the new Scale plan launching in January; Sales has 14 customers waiting.',
    items: [
      ['billing-api', '4.14.0'],
      ['web-storefront', '12.6.0'],
    ],
    risks: [
      { title: 'Usage meters double-count on retries', likelihood: 3, impact: 4, status: 'open', mitigation: 'Usage events are idempotent by event id; a daily reconciliation report compares meters with raw events.', owner: MANAGER },
      { title: 'Customers surprised by their first usage invoice', likelihood: 2, impact: 4, status: 'open', mitigation: 'Email customers 14 days ahead; the first invoice is capped at the previous plan price.', owner: MANAGER2 },
    ],
    approvals: [],
    plan: true,
    backout: { trigger: BACKOUT_TRIGGER_DEFAULT, rehearsed: { daysBefore: 1, result: 'passed', notes: 'Back to 4.13.0 / 12.5.0 in 9 minutes; usage events are kept.' } },
    stakeholders: [[VIEWER, 'Support lead: pricing FAQ']],
  },
  // REL-16
  {
    title: 'API gateway 5.4: HTTP/3 and TLS termination at the edge',
    type: 'major',
    status: 'submitted',
    owner: MANAGER2,
    targets: ['staging', 'production'],
    production: { day: 24, at: '10:00', minutes: 180 },
    timeline: { created: -8, submitted: -0.8 },
    description: 'Serves HTTP/3 and moves TLS termination from the load balancer to the gateway, so certificates are managed in one place.',
    justification: 'Mobile latency: HTTP/3 cut p95 by 120 ms on lossy networks in the canary.',
    items: [['api-gateway', '5.4.0']],
    risks: [
      { title: 'HTTP/3 breaks traffic through corporate proxies', likelihood: 4, impact: 4, status: 'open', mitigation: 'Alt-Svc advertised only after a 48-hour canary; HTTP/2 stays available.', owner: OPS },
      { title: 'Certificate rotation moves to the gateway', likelihood: 2, impact: 5, status: 'mitigated', mitigation: 'Automated renewal rehearsed in staging; expiry alerts at 21 and 7 days.', owner: OPS2 },
    ],
    approvals: [[CAB, 'cab']],
    plan: true,
    backout: { trigger: 'TLS handshake errors above 0.5% or any certificate error; p95 latency up more than 20%.', rehearsed: { daysBefore: 1, result: 'passed with notes', notes: 'Rollback took 31 minutes, longer than planned: the load balancer listeners must be re-enabled by hand.' } },
  },
  // REL-17
  {
    title: 'Config service 1.2: flag schema validation',
    type: 'standard',
    status: 'submitted',
    owner: MANAGER2,
    targets: ['test', 'staging', 'production'],
    production: { day: 9, at: '11:00', minutes: 60 },
    timeline: { created: -3, submitted: -0.3 },
    description: 'Flags are validated against a JSON schema when written, so a typo can no longer switch off a feature for everyone.',
    justification: 'A malformed flag caused INC-2207 (checkout disabled for 12 minutes).',
    items: [['config-service', '1.2.0']],
    risks: [{ title: 'Existing flags fail the new schema', likelihood: 3, impact: 2, status: 'mitigated', mitigation: 'Dry-run validation report: 0 failures across 1,204 flags.' }],
    approvals: [],
    plan: true,
  },
  // REL-18
  {
    title: 'Payment gateway 7.6: Apple Pay merchant tokens',
    type: 'normal',
    status: 'rejected',
    owner: MANAGER,
    targets: ['staging', 'production'],
    production: { day: 14, at: '14:00', minutes: 120 },
    timeline: { created: -8, submitted: -3, decided: -1 },
    description: 'Apple Pay merchant tokens (MPAN) for recurring payments, with a token-vault schema migration.',
    justification: 'Apple Pay subscriptions fail at renewal today for 8% of wallet customers.',
    items: [['payment-gateway', '7.6.0']],
    risks: [
      { title: 'Token vault migration cannot be reversed without a restore', likelihood: 4, impact: 4, status: 'open', mitigation: 'Back-out restores the vault from the pre-deployment snapshot (manual).', owner: OPS },
      { title: 'Apple Pay domain verification lapses', likelihood: 2, impact: 3, status: 'open', mitigation: 'Renew the verification file before deployment.' },
    ],
    approvals: [[APPROVER2, 'approvers']],
    rejection: {
      by: CAB,
      requirement: 'cab',
      comment:
        'The back-out plan relies on a manual restore of the token vault, which has never been rehearsed. Please make the migration reversible (or rehearse the restore in staging) and resubmit. Also wait until REL-7 has been stable for two weeks.',
    },
    plan: true,
    backout: { trigger: BACKOUT_TRIGGER_DEFAULT, rehearsed: null },
  },
  // REL-19
  {
    title: 'Notifications 2.8: weekly digest emails',
    type: 'standard',
    status: 'cancelled',
    owner: MANAGER2,
    targets: ['staging', 'production'],
    production: { day: 5, at: '10:00', minutes: 60 },
    timeline: { created: -10, submitted: -6, decided: -2 },
    description: 'Weekly digest emails with one-click unsubscribe.',
    justification: 'Marketing campaign for the winter sale.',
    items: [['notification-service', '2.8.0']],
    risks: [{ title: 'Digest lands during peak trading', likelihood: 3, impact: 3, status: 'open', mitigation: 'Send on Tuesday mornings only.' }],
    approvals: [],
    cancelReason: 'Marketing postponed the digest campaign; notification-service 2.8.0 now ships with the account pages in REL-13.',
  },
  // REL-20
  {
    title: 'Ledger 3.0: Postings API v2 and hash-chained journal',
    type: 'major',
    status: 'draft',
    owner: MANAGER,
    targets: ['staging', 'production'],
    production: LEDGER_MIGRATION_SLOT,
    stagingLeadDays: 3,
    timeline: { created: -2 },
    description:
      'Ledger 3.0 removes Postings API v1 and adds the append-only, hash-chained journal. Planned for the one-off Monday evening window agreed with Finance.\n\nNOT READY: the package is incompatible on purpose. billing-api 4.14.0 needs ledger >=2.3.0 <3.0.0, and payment-gateway and reporting-etl in production need ledger <3.0.0 too. Those components must move to Postings API v2 first (PAY-410, PAY-411, DATA-240).',
    justification: 'Auditors asked for a tamper-evident journal before the next annual audit.',
    items: [
      ['ledger', '3.0.0'],
      ['billing-api', '4.14.0'],
    ],
    risks: [
      { title: 'Billing API is not compatible with ledger 3.0', likelihood: 5, impact: 5, status: 'open', mitigation: 'billing-api must adopt Postings API v2 first (PAY-410). Do not submit until then.' },
      { title: 'Journal migration runs longer than the window', likelihood: 3, impact: 4, status: 'open', mitigation: 'Rehearse on a production snapshot; the window is 4 hours.' },
    ],
    plan: true,
    incompatible: true,
  },
  // REL-21
  {
    title: 'Reporting ETL 0.16: incremental loads',
    type: 'normal',
    status: 'draft',
    owner: MANAGER2,
    targets: ['test', 'staging', 'production'],
    production: { day: 30, at: '10:00', minutes: 90 },
    timeline: { created: -3 },
    description: 'Loads postings incrementally by sequence number instead of a nightly full load; reports are 15 minutes behind instead of a day.',
    justification: 'Finance wants same-day cash reports.',
    items: [['reporting-etl', '0.16.0']],
    risks: [{ title: 'Incremental loads miss late-arriving postings', likelihood: 3, impact: 3, status: 'open', mitigation: 'Weekly full reconciliation compares totals.', owner: APPROVER2 }],
  },
  // REL-22
  {
    title: 'Identity 1.10: SCIM provisioning for enterprise tenants',
    type: 'normal',
    status: 'draft',
    owner: MANAGER,
    // the customer-facing half (tenant admin screens) is Customer Experience's: their release manager co-manages it
    coManagers: [MANAGER2],
    targets: ['dev', 'test', 'staging', 'production'],
    production: { day: 52, at: '10:00', minutes: 120 },
    timeline: { created: -1 },
    description: 'SCIM 2.0 provisioning so enterprise customers manage their users from their identity provider.',
    justification: 'Two enterprise deals (\u00a3240k ARR) are conditional on SCIM.',
    items: [['identity', '1.10.0']],
  },
  // REL-23: Relm's own release (issue 17 point 7), the version this copy of Relm runs
  {
    title: 'Relm 0.2.0: single sign-on, notifications and release trains',
    type: 'normal',
    status: 'closed',
    owner: MANAGER,
    // the platform team runs Relm for everyone; its admin asked for the upgrade
    requester: ADMIN,
    targets: ['staging', 'production'],
    production: { day: -4, at: '16:00', minutes: 45 },
    timeline: { created: -6, submitted: -3, decided: -1 },
    description:
      'Upgrades the organisation\u2019s Relm from 0.1.0 to 0.2.0 (CHANGELOG.md): single sign-on through identity, server-side sessions, e-mail, chat and webhook notifications, release announcements, delivery metrics, templates and standard changes, release trains and the portfolio timeline.',
    justification: 'The security review asked for single sign-on and server-side sessions; release managers asked for trains, the timeline and the CAB agenda.',
    items: [['relm', '0.2.0']],
    risks: [
      { title: 'Everyone has to sign in again', likelihood: 4, impact: 1, status: 'accepted', mitigation: 'Sessions move to the server: announced on What\u2019s new the day before.' },
      {
        title: 'Migrations of the audit trail outlast the window',
        likelihood: 2,
        impact: 3,
        status: 'mitigated',
        mitigation: 'Rehearsed on a copy of production: 6 minutes. The chain is verified before and after.',
        owner: OPS,
      },
    ],
    approvals: [[CAB, 'approver']],
    plan: true,
    backout: {
      trigger: 'Nobody can sign in for 5 minutes, the audit chain does not verify, or the error rate is above 2% for 5 minutes.',
      rehearsed: { daysBefore: 2, result: 'passed', notes: 'Staging back on 0.1.0 from the pre-upgrade snapshot in 14 minutes (migrations only go forward).' },
    },
    handover: {
      whatChanged: 'Relm 0.2.0: sign-in through single sign-on (identity) beside passwords, sessions kept on the server, notifications by e-mail and chat.',
      knownErrors: 'Everyone signs in again once after the upgrade.',
    },
    review: {
      // not required by the policy: the platform team reviews every upgrade of Relm itself
      requiredReasons: [],
      completed: {
        outcome: 'successful',
        objectivesMet: true,
        objectivesNotes: 'Single sign-on used by 80% of people on the first day; the audit chain verified before and after.',
        incidents: 'None.',
        wentWell: 'The release went through Relm itself: policy, approvals and the back-out plan, like any other.',
        wentBadly: 'Two people missed the announcement and asked why they had to sign in again.',
        by: MANAGER,
        actionItems: [{ title: 'Announce Relm upgrades in #engineering as well as on What\u2019s new', owner: MANAGER, dueInDays: 5, status: 'open' }],
      },
    },
    announcement: {
      title: 'Relm 0.2.0: sign in with your company account',
      summary: 'Relm signs you in through single sign-on, sends notifications by e-mail and chat, and has release trains and a portfolio timeline.',
      body: 'What changes for you:\n\n- **Sign in with your company account** (single sign-on); passwords still work.\n- Notifications by **e-mail, Slack or Teams**: choose them on your profile.\n- **Release trains**, the **portfolio timeline**, the **CAB agenda** and **delivery metrics**.\n\nEveryone signs in again once after the upgrade. The full list is on the About page.',
      effective: 'Now',
      contact: '#platform on chat, or Morgan Reyes',
    },
  },
];

/** Who approved, when a release that got past approval names nobody: what its risk level needed. */
export const DEFAULT_APPROVERS: Record<RiskLevel, [Email, string][]> = {
  low: [[APPROVER, 'approver']],
  medium: [
    [APPROVER, 'approver'],
    [OPS2, 'operations'],
  ],
  high: [
    [APPROVER, 'approvers'],
    [CAB, 'approvers'],
  ],
  critical: [
    [APPROVER, 'approvers'],
    [APPROVER2, 'approvers'],
    [CAB, 'cab'],
  ],
};

