import 'server-only';
import crypto from 'node:crypto';
import type {
  ApprovalDecision,
  DeploymentKind,
  DeploymentStatus,
  EnvironmentTier,
  Prisma,
  PrismaClient,
  ReleaseStatus,
  ReleaseType,
  RiskLevel,
  RiskStatus,
  Role,
  VerificationStatus,
} from '@/lib/generated/prisma/client';
import { packageManifest } from '@/lib/domain/manifest';
import { PolicyDocumentSchema } from '@/lib/domain/policy';
import { computeRiskLevel } from '@/lib/domain/risk-level';
import { appendAudit } from './audit';
import { hashPassword } from './password';
import type { Tx } from './db';

// The demo organisation: a small company with four teams, twelve components and a
// release history that touches every status, so each screen has something real
// to show. Everything is relative to `now` (except the year-end freeze, which is
// a fixed date), so the calendar always has a past and a future.
//
// The data tables come first (plain objects), then the derivations (timelines,
// risk scores, seals, what each environment runs), then the writer. The writer
// runs in one transaction and refuses to run when the database has any user.

// ================================================================ people

export const DEMO_PASSWORD = 'relm-demo-password';

export const DEMO_TEAMS = [
  { slug: 'platform', name: 'Platform', description: 'Runtime, CI/CD, identity, the API gateway and shared configuration.' },
  { slug: 'payments', name: 'Payments', description: 'Card processing, billing, fraud decisions and the ledger.' },
  { slug: 'customer-experience', name: 'Customer Experience', description: 'Web storefront, mobile apps and customer notifications.' },
  { slug: 'data', name: 'Data', description: 'Reporting, search and the fraud-scoring models.' },
] as const;

type TeamSlug = (typeof DEMO_TEAMS)[number]['slug'];

export interface DemoUser {
  email: string;
  name: string;
  roles: Role[];
  team: TeamSlug;
  /** what this person is for in the demo */
  persona: string;
}

export const DEMO_USERS: readonly DemoUser[] = [
  { email: 'admin@relm.test', name: 'Morgan Reyes', roles: ['admin'], team: 'platform', persona: 'administrator: users, teams, policy, environments, audit' },
  { email: 'manager@relm.test', name: 'Priya Shah', roles: ['release_manager'], team: 'payments', persona: 'release manager for Payments' },
  { email: 'manager2@relm.test', name: 'Tom Okafor', roles: ['release_manager'], team: 'customer-experience', persona: 'release manager for Customer Experience and Data' },
  { email: 'approver@relm.test', name: 'Elena Petrova', roles: ['approver'], team: 'payments', persona: 'approver (Payments engineering lead)' },
  { email: 'cab@relm.test', name: 'Samuel Adeyemi', roles: ['approver'], team: 'platform', persona: 'approver and Change Advisory Board chair' },
  { email: 'approver2@relm.test', name: 'Hannah Lindqvist', roles: ['approver'], team: 'data', persona: 'approver (Data engineering lead)' },
  { email: 'ops@relm.test', name: 'Jamie Walsh', roles: ['operations'], team: 'platform', persona: 'operations: deployments, handovers, back-outs' },
  { email: 'ops2@relm.test', name: 'Kenji Watanabe', roles: ['operations', 'approver'], team: 'platform', persona: 'operations, also signs the operations approval of medium-risk releases' },
  { email: 'viewer@relm.test', name: 'Lucy Chen', roles: ['viewer'], team: 'customer-experience', persona: 'read-only (customer support lead)' },
];

type Email = (typeof DEMO_USERS)[number]['email'];
const MANAGER = 'manager@relm.test';
const MANAGER2 = 'manager2@relm.test';
const APPROVER = 'approver@relm.test';
const CAB = 'cab@relm.test';
const APPROVER2 = 'approver2@relm.test';
const OPS = 'ops@relm.test';
const OPS2 = 'ops2@relm.test';
const ADMIN = 'admin@relm.test';
const VIEWER = 'viewer@relm.test';

// ================================================================ catalogue

interface ComponentSeed {
  name: string;
  team: TeamSlug;
  tier: 1 | 2 | 3 | 4;
  description: string;
  /** component name → semver range it needs */
  dependsOn: Record<string, string>;
  /** holds data: its deployments start with a snapshot */
  stateful?: boolean;
}

const COMPONENTS: ComponentSeed[] = [
  { name: 'ledger', team: 'payments', tier: 1, stateful: true, description: 'Double-entry ledger: the source of truth for balances, postings and settlement batches.', dependsOn: {} },
  {
    name: 'billing-api',
    team: 'payments',
    tier: 1,
    stateful: true,
    description: 'Subscriptions, plans, invoices and proration. Posts every charge to the ledger.',
    dependsOn: { ledger: '>=2.3.0 <3.0.0', identity: '>=1.8.0 <2.0.0' },
  },
  {
    name: 'payment-gateway',
    team: 'payments',
    tier: 1,
    stateful: true,
    description: 'Card authorisation, 3-D Secure, wallets (Apple Pay, Google Pay) and acquirer routing.',
    dependsOn: { ledger: '>=2.2.0 <3.0.0', 'fraud-scoring': '>=3.0.0 <4.0.0' },
  },
  { name: 'fraud-scoring', team: 'data', tier: 2, description: 'Real-time fraud model serving: scores every authorisation in under 40 ms.', dependsOn: { 'config-service': '>=1.0.0 <2.0.0' } },
  { name: 'identity', team: 'platform', tier: 1, stateful: true, description: 'Sign-in, sessions, passkeys and service-to-service tokens (OpenID Connect provider).', dependsOn: {} },
  { name: 'api-gateway', team: 'platform', tier: 1, description: 'Edge routing, TLS termination, authentication and per-tenant rate limits for every public API.', dependsOn: { identity: '>=1.8.0 <2.0.0' } },
  { name: 'config-service', team: 'platform', tier: 2, description: 'Feature flags and runtime configuration, with per-tenant overrides.', dependsOn: {} },
  { name: 'notification-service', team: 'customer-experience', tier: 3, description: 'Email, SMS and push notifications with provider failover and unsubscribe handling.', dependsOn: { identity: '>=1.8.0 <2.0.0' } },
  {
    name: 'web-storefront',
    team: 'customer-experience',
    tier: 2,
    description: 'The customer web app: sign-up, plans, checkout and account pages.',
    dependsOn: { 'api-gateway': '>=5.2.0 <6.0.0', 'billing-api': '>=4.11.0 <5.0.0' },
  },
  {
    name: 'mobile-bff',
    team: 'customer-experience',
    tier: 2,
    description: 'Backend for the iOS and Android apps: aggregates billing, payments and notifications.',
    dependsOn: { 'api-gateway': '>=5.2.0 <6.0.0', 'notification-service': '>=2.6.0 <3.0.0' },
  },
  { name: 'reporting-etl', team: 'data', tier: 3, description: 'Loads ledger postings and billing events into the warehouse for Finance reporting.', dependsOn: { ledger: '>=2.3.0 <3.0.0' } },
  { name: 'search-indexer', team: 'data', tier: 4, description: 'Keeps the help-centre and product search indexes up to date.', dependsOn: {} },
];

interface BuildSeed {
  component: string;
  version: string;
  /** built at most this many days before now (earlier if a release needs it sooner) */
  daysAgo: number;
  notes: string[];
  workItems: [string, string][];
  branch?: string;
  producedBy?: string;
}

const BUILDS: BuildSeed[] = [
  // ledger
  { component: 'ledger', version: '2.2.0', daysAgo: 96, notes: ['Finance can reopen a settlement batch within 24 hours of closing it.', 'Postings API returns Retry-After while the ledger compacts.'], workItems: [['PAY-311', 'Reopen settlement batches'], ['PAY-318', 'Retry-After during compaction']] },
  { component: 'ledger', version: '2.3.0', daysAgo: 70, notes: ['Multi-currency postings (GBP, EUR, USD) with FX rate snapshots.', 'New /v1/balances/at endpoint for point-in-time balances.'], workItems: [['PAY-340', 'Multi-currency postings'], ['PAY-352', 'Point-in-time balances']] },
  { component: 'ledger', version: '2.3.1', daysAgo: 30, notes: ['Posting retries are idempotent: a repeated Idempotency-Key returns the original posting.', 'Fix: balance cache is invalidated after a reversal.'], workItems: [['PAY-371', 'Idempotent posting retries'], ['PAY-374', 'Stale balance after reversal']], branch: 'release/2.3' },
  { component: 'ledger', version: '2.4.0', daysAgo: 12, notes: ['Postings carry the SEPA mandate reference.', 'Postings table partitioned by month (online migration, no downtime).'], workItems: [['PAY-390', 'Mandate reference on postings'], ['PAY-395', 'Monthly partitions for postings']] },
  { component: 'ledger', version: '3.0.0', daysAgo: 4, notes: ['BREAKING: Postings API v1 removed; clients must use v2 (amounts in minor units).', 'Append-only journal with a per-entry hash.'], workItems: [['PAY-402', 'Postings API v2 only'], ['PAY-407', 'Hash-chained journal']] },
  // billing-api
  { component: 'billing-api', version: '4.11.0', daysAgo: 75, notes: ['Annual plans with monthly invoicing.', 'Invoice PDFs rendered asynchronously.'], workItems: [['PAY-330', 'Annual plans billed monthly'], ['PAY-336', 'Async invoice rendering']] },
  { component: 'billing-api', version: '4.12.0', daysAgo: 18, notes: ['Proration for mid-cycle plan changes (upgrade now, downgrade at renewal).', 'Plan-change preview endpoint for the storefront.'], workItems: [['PAY-361', 'Mid-cycle proration'], ['PAY-366', 'Plan-change preview API']] },
  { component: 'billing-api', version: '4.13.0', daysAgo: 9, notes: ['SEPA Direct Debit: mandate capture, pre-notification emails and collection.', 'Fix: proration preview rounded half-down (seen after REL-6).'], workItems: [['PAY-388', 'SEPA Direct Debit mandates'], ['PAY-392', 'Proration preview rounding']] },
  { component: 'billing-api', version: '4.14.0', daysAgo: 5, notes: ['Usage-based pricing tiers with monthly usage meters.', 'Usage events are idempotent by event id.'], workItems: [['PAY-399', 'Usage-based pricing tiers'], ['PAY-401', 'Idempotent usage events']] },
  // payment-gateway
  { component: 'payment-gateway', version: '7.4.2', daysAgo: 64, notes: ['Fix: acquirer failover did not retry soft declines.'], workItems: [['PAY-322', 'Retry soft declines on failover']], branch: 'release/7.4' },
  { component: 'payment-gateway', version: '7.5.0', daysAgo: 22, notes: ['3-D Secure 2.2 challenge flow with in-app challenge support.', 'Fraud score passed to the issuer as a risk indicator.'], workItems: [['PAY-355', '3DS 2.2 challenge flow'], ['PAY-359', 'Send fraud score to issuer']] },
  { component: 'payment-gateway', version: '7.5.1', daysAgo: 12, notes: ['ACS challenge timeout raised to 15 s, with a per-issuer circuit breaker.', 'Fix: challenge sessions table migration no longer takes an exclusive lock.'], workItems: [['PAY-383', 'Per-issuer circuit breaker'], ['PAY-384', 'Lock-free sessions migration']], branch: 'release/7.5' },
  { component: 'payment-gateway', version: '7.6.0', daysAgo: 6, notes: ['Apple Pay merchant tokens (MPAN) for recurring payments.', 'Token vault schema migration (new table, backfill).'], workItems: [['PAY-396', 'Apple Pay merchant tokens'], ['PAY-397', 'Token vault migration']] },
  // fraud-scoring
  { component: 'fraud-scoring', version: '3.1.0', daysAgo: 60, notes: ['Model v13: velocity features per card fingerprint.'], workItems: [['DATA-201', 'Model v13']] },
  { component: 'fraud-scoring', version: '3.2.0', daysAgo: 23, notes: ['Model v14 with device fingerprint features, shadow-scored for 7 days.', 'Score explanations returned to the gateway.'], workItems: [['DATA-219', 'Model v14'], ['DATA-223', 'Score explanations']] },
  { component: 'fraud-scoring', version: '3.2.1', daysAgo: 1, notes: ['Hotfix: prepaid-card BIN ranges excluded from the velocity rule that caused false declines.'], workItems: [['DATA-241', 'False declines on prepaid cards']], branch: 'hotfix/prepaid-velocity' },
  // identity
  { component: 'identity', version: '1.8.3', daysAgo: 80, notes: ['Session cookies are SameSite=Lax by default.', 'Admin API: list active sessions per user.'], workItems: [['PLAT-510', 'SameSite cookies'], ['PLAT-514', 'List sessions API']] },
  { component: 'identity', version: '1.8.4', daysAgo: 21, notes: ['Security: revoke every refresh token issued before the signing-key rotation.'], workItems: [['PLAT-533', 'Revoke refresh tokens after key rotation']], branch: 'hotfix/refresh-token-revocation' },
  { component: 'identity', version: '1.9.0', daysAgo: 11, notes: ['Passkey sign-in (WebAuthn) with recovery codes.', 'Password sign-in remains available.'], workItems: [['PLAT-540', 'Passkeys'], ['PLAT-544', 'Recovery codes']] },
  { component: 'identity', version: '1.10.0', daysAgo: 3, notes: ['SCIM 2.0 user provisioning for enterprise tenants.'], workItems: [['PLAT-561', 'SCIM provisioning']] },
  // api-gateway
  { component: 'api-gateway', version: '5.2.0', daysAgo: 72, notes: ['Request IDs propagated to every upstream.', 'Structured access logs.'], workItems: [['PLAT-498', 'Propagate request IDs'], ['PLAT-501', 'Structured access logs']] },
  { component: 'api-gateway', version: '5.3.0', daysAgo: 8, notes: ['Per-tenant rate limits, read from config-service, observe-only for the first 48 hours.'], workItems: [['PLAT-547', 'Per-tenant rate limits']] },
  { component: 'api-gateway', version: '5.3.1', daysAgo: 6, notes: ['Fix: Retry-After header rounded down to 0 seconds.', 'Accepts passkey-issued session tokens.'], workItems: [['PLAT-552', 'Retry-After rounding'], ['PLAT-553', 'Passkey session tokens']], branch: 'release/5.3' },
  { component: 'api-gateway', version: '5.4.0', daysAgo: 3, notes: ['HTTP/3 at the edge; TLS terminated at the gateway instead of the load balancer.'], workItems: [['PLAT-558', 'HTTP/3'], ['PLAT-559', 'TLS termination at the gateway']] },
  // config-service
  { component: 'config-service', version: '1.0.0', daysAgo: 90, notes: ['First stable release: flags, percentages and tenant targeting.'], workItems: [['PLAT-470', 'Config service 1.0']], producedBy: 'admin@relm.test' },
  { component: 'config-service', version: '1.1.0', daysAgo: 10, notes: ['Per-tenant overrides for any key.', 'Watch API for push updates.'], workItems: [['PLAT-545', 'Per-tenant overrides'], ['PLAT-546', 'Watch API']] },
  { component: 'config-service', version: '1.2.0', daysAgo: 4, notes: ['Flags validated against a JSON schema on write.'], workItems: [['PLAT-556', 'Flag schema validation']] },
  // notification-service
  { component: 'notification-service', version: '2.6.0', daysAgo: 85, notes: ['Push notifications through the new APNs token API.'], workItems: [['CX-610', 'APNs token auth']] },
  { component: 'notification-service', version: '2.7.0', daysAgo: 20, notes: ['Automatic failover to the secondary SMS provider after 3 failed sends.'], workItems: [['CX-642', 'SMS provider failover']] },
  { component: 'notification-service', version: '2.8.0', daysAgo: 9, notes: ['Weekly digest emails.', 'One-click unsubscribe (RFC 8058).'], workItems: [['CX-655', 'Digest emails'], ['CX-657', 'One-click unsubscribe']] },
  // web-storefront
  { component: 'web-storefront', version: '12.3.0', daysAgo: 74, notes: ['New pricing page.', 'Core Web Vitals: LCP down from 2.9 s to 1.8 s.'], workItems: [['CX-600', 'Pricing page'], ['CX-603', 'Improve LCP']] },
  { component: 'web-storefront', version: '12.4.0', daysAgo: 17, notes: ['Plan-change preview showing the prorated amount.'], workItems: [['CX-640', 'Plan-change preview']] },
  { component: 'web-storefront', version: '12.5.0', daysAgo: 8, notes: ['Redesigned account pages (profile, security, billing).', 'Digest email preferences.'], workItems: [['CX-650', 'Account pages redesign'], ['CX-656', 'Digest preferences']] },
  { component: 'web-storefront', version: '12.6.0', daysAgo: 4, notes: ['Usage meter on the billing page.'], workItems: [['CX-661', 'Usage meter']] },
  // mobile-bff
  { component: 'mobile-bff', version: '3.8.0', daysAgo: 76, notes: ['Paginated transaction history.'], workItems: [['CX-605', 'Paginate transactions']] },
  { component: 'mobile-bff', version: '3.9.0', daysAgo: 20, notes: ['Push token refresh on app start; SMS fallback for one-time codes.'], workItems: [['CX-644', 'Push token refresh'], ['CX-645', 'SMS fallback for OTP']] },
  { component: 'mobile-bff', version: '3.10.0', daysAgo: 10, notes: ['Saved-cards endpoint for one-tap checkout in the apps.'], workItems: [['CX-649', 'Saved cards']] },
  // reporting-etl
  { component: 'reporting-etl', version: '0.14.0', daysAgo: 78, notes: ['Daily Finance extract of settlement batches.'], workItems: [['DATA-180', 'Settlement extract']] },
  { component: 'reporting-etl', version: '0.15.0', daysAgo: 30, notes: ['Multi-currency columns for postings (amount, currency, FX rate).'], workItems: [['DATA-207', 'Multi-currency columns']] },
  { component: 'reporting-etl', version: '0.16.0', daysAgo: 5, notes: ['Incremental loads by posting sequence instead of nightly full loads.'], workItems: [['DATA-236', 'Incremental loads']] },
  // search-indexer
  { component: 'search-indexer', version: '1.4.0', daysAgo: 95, notes: ['Help-centre articles indexed in 6 languages.'], workItems: [['DATA-150', 'Multilingual help centre']], producedBy: 'manager2@relm.test' },
  { component: 'search-indexer', version: '1.5.0', daysAgo: 28, notes: ['Synonym dictionaries maintained by the support team.'], workItems: [['DATA-210', 'Synonym dictionaries']] },
  { component: 'search-indexer', version: '1.5.1', daysAgo: 4, notes: ['Reindex throttled to 200 documents per second to protect the cluster.'], workItems: [['DATA-238', 'Reindex throttling']] },
];

/** What staging and production ran before the history below begins. */
const BASELINE: Record<string, string> = {
  ledger: '2.3.0',
  'billing-api': '4.11.0',
  'payment-gateway': '7.4.2',
  'fraud-scoring': '3.1.0',
  identity: '1.8.3',
  'api-gateway': '5.2.0',
  'config-service': '1.0.0',
  'notification-service': '2.6.0',
  'web-storefront': '12.3.0',
  'mobile-bff': '3.8.0',
  'reporting-etl': '0.14.0',
  'search-indexer': '1.4.0',
};
const BASELINE_DAYS_AGO = 45;

/** dev and test follow CI; releases do not track them. */
const CI_ENVIRONMENTS: Record<'dev' | 'test', Record<string, string>> = {
  dev: {
    ledger: '2.4.0',
    'billing-api': '4.14.0',
    'payment-gateway': '7.6.0',
    'fraud-scoring': '3.2.1',
    identity: '1.10.0',
    'api-gateway': '5.4.0',
    'config-service': '1.2.0',
    'notification-service': '2.8.0',
    'web-storefront': '12.6.0',
    'mobile-bff': '3.10.0',
    'reporting-etl': '0.16.0',
    'search-indexer': '1.5.1',
  },
  test: {
    ledger: '2.4.0',
    'billing-api': '4.14.0',
    'payment-gateway': '7.6.0',
    'fraud-scoring': '3.2.1',
    identity: '1.9.0',
    'api-gateway': '5.4.0',
    'config-service': '1.1.0',
    'notification-service': '2.8.0',
    'web-storefront': '12.6.0',
    'mobile-bff': '3.10.0',
    'reporting-etl': '0.15.0',
    'search-indexer': '1.5.1',
  },
};

// ================================================================ environments and calendar

type EnvName = 'dev' | 'test' | 'staging' | 'production';
const ENV_ORDER: EnvName[] = ['dev', 'test', 'staging', 'production'];

const ENVIRONMENTS: { name: EnvName; displayName: string; tier: EnvironmentTier; position: number; protected: boolean; description: string }[] = [
  { name: 'dev', displayName: 'Development', tier: 'development', position: 1, protected: false, description: 'Shared development cluster; every merge to main deploys here.' },
  { name: 'test', displayName: 'Test', tier: 'test', position: 2, protected: false, description: 'Integration and contract tests; nightly deploys from CI.' },
  { name: 'staging', displayName: 'Staging', tier: 'staging', position: 3, protected: true, description: 'Production-like, with anonymised production data. Releases rehearse here first.' },
  { name: 'production', displayName: 'Production', tier: 'production', position: 4, protected: true, description: 'Customer-facing (eu-west-2, two availability zones).' },
];

const TZ = 'Europe/London';

const MAINTENANCE_WINDOWS = [
  { env: 'production' as const, label: 'Weekday change window (Tue–Thu 09:00–17:00)', rrule: 'FREQ=WEEKLY;BYDAY=TU,WE,TH;BYHOUR=9;BYMINUTE=0', durationMinutes: 480 },
  { env: 'staging' as const, label: 'Weekday window (Mon–Fri 08:00–18:00)', rrule: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=8;BYMINUTE=0', durationMinutes: 600 },
];

/** The one-off production window agreed for the ledger 3.0 migration (REL-20). */
const LEDGER_MIGRATION_SLOT: SlotSpec = { day: 45, at: '19:00', minutes: 240, snap: 'monday' };

const WEEKEND_FREEZE = {
  name: 'Weekend production freeze',
  reason: 'Reduced on-call cover at weekends, while Saturday is the busiest trading day.',
  rrule: 'FREQ=WEEKLY;BYDAY=FR;BYHOUR=18;BYMINUTE=0;BYSECOND=0',
  durationMinutes: 3600, // Friday 18:00 to Monday 06:00
};

// London is on GMT (UTC+0) between late October and late March, so these instants are also the wall-clock times.
const YEAR_END_FREEZE = {
  name: 'Year-end change freeze',
  reason: 'Year-end change freeze: peak trading, reduced staffing and the Finance year-end close. Emergency changes only, with an override.',
  startsAt: new Date('2026-12-21T00:00:00Z'),
  endsAt: new Date('2027-01-04T06:00:00Z'),
  environments: ['staging', 'production'] as EnvName[],
};

// ================================================================ policy

const APPROVAL_RULES: Record<RiskLevel, { key: string; description: string; role: Role; count: number; distinctTeams?: boolean; cab?: boolean }[]> = {
  low: [{ key: 'approver', description: '1 approver', role: 'approver', count: 1 }],
  medium: [
    { key: 'approver', description: '1 approver', role: 'approver', count: 1 },
    { key: 'operations', description: '1 approver from operations', role: 'operations', count: 1 },
  ],
  high: [{ key: 'approvers', description: '2 approvers from different teams', role: 'approver', count: 2, distinctTeams: true }],
  critical: [
    { key: 'approvers', description: '2 approvers from different teams', role: 'approver', count: 2, distinctTeams: true },
    { key: 'cab', description: '1 Change Advisory Board member', role: 'approver', count: 1, cab: true },
  ],
};

const RISK_MODEL = {
  thresholds: { medium: 7, high: 12, critical: 17 },
  releaseType: { standard: 0, normal: 2, major: 4, emergency: 5 } as Record<ReleaseType, number>,
  componentTier: { 1: 5, 2: 3, 3: 1, 4: 0 } as Record<number, number>,
  productionTarget: 2,
  perExtraComponent: 1,
  maxPackageSize: 3,
  openRiskScore: [
    { atLeast: 15, contribution: 6 },
    { atLeast: 10, contribution: 4 },
    { atLeast: 5, contribution: 2 },
  ],
  recentFailure: { withinDays: 30, contribution: 3 },
};

export const DEMO_POLICY_DOCUMENT = {
  name: 'Relm release policy',
  risk: {
    // the level is the highest threshold the score reaches (below medium: low)
    thresholds: RISK_MODEL.thresholds,
    factors: {
      releaseType: RISK_MODEL.releaseType,
      highestComponentTier: { '1': 5, '2': 3, '3': 1, '4': 0 },
      targetsProduction: RISK_MODEL.productionTarget,
      perExtraComponent: RISK_MODEL.perExtraComponent,
      perExtraComponentMax: RISK_MODEL.maxPackageSize,
      highestOpenRiskScore: RISK_MODEL.openRiskScore,
      recentFailure: RISK_MODEL.recentFailure,
    },
  },
  approvals: {
    byRiskLevel: Object.fromEntries(
      Object.entries(APPROVAL_RULES).map(([level, rules]) => [
        level,
        rules.map((r) => ({ key: r.key, description: r.description, role: r.role, count: r.count, distinctTeams: !!r.distinctTeams, cabOnly: !!r.cab })),
      ]),
    ),
    cab: { name: 'Change Advisory Board', members: [CAB] },
    // nobody approves their own work
    excludeOwner: true,
    excludeRequester: true,
    excludeBuildAuthors: true,
    bindToPackageDigest: true,
    expiryDays: 7,
  },
  gates: {
    backoutPlanRequiredFor: ['normal', 'major', 'emergency'],
    testEvidenceRequiredFor: ['normal', 'major', 'emergency'],
    planTasksNeedOwners: true,
    productionRequiresStagingSuccess: true,
    respectMaintenanceWindows: true,
  },
  reviewRequiredAfter: ['failed_deployment', 'backout', 'emergency', 'freeze_override'],
  freezeOverride: { peopleRequired: 2, reasonRequired: true },
};

// ================================================================ releases

type Snap = 'prod' | 'weekday' | 'any' | 'saturday' | 'monday';
/** A window `minutes` long starting at `at` (London) on the day `day` days from now, moved to a day `snap` allows. */
export interface SlotSpec {
  day: number;
  at: string;
  minutes: number;
  snap?: Snap;
}
/** A window relative to the current minute (emergencies). */
export interface ExactSpec {
  fromNowMinutes: number;
  minutes: number;
}

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
  /** the package breaks a dependency range on purpose (a demo of the compatibility check) */
  incompatible?: boolean;
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

const BACKOUT_TRIGGER_DEFAULT =
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
    targets: ['dev', 'test', 'staging', 'production'],
    production: { day: 52, at: '10:00', minutes: 120 },
    timeline: { created: -1 },
    description: 'SCIM 2.0 provisioning so enterprise customers manage their users from their identity provider.',
    justification: 'Two enterprise deals (\u00a3240k ARR) are conditional on SCIM.',
    items: [['identity', '1.10.0']],
  },
];

// ================================================================ time

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

interface CalendarDay {
  y: number;
  m: number;
  d: number;
}

const londonFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: TZ,
  hourCycle: 'h23',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
});

function londonParts(t: number) {
  const p: Record<string, number> = {};
  for (const part of londonFormat.formatToParts(new Date(t))) if (part.type !== 'literal') p[part.type] = Number(part.value);
  return { y: p.year!, m: p.month!, d: p.day!, hour: p.hour!, minute: p.minute!, second: p.second! };
}

const offsetAt = (t: number) => {
  const p = londonParts(t);
  return Date.UTC(p.y, p.m - 1, p.d, p.hour, p.minute, p.second) - Math.floor(t / 1000) * 1000;
};

/** The instant at which London's clocks show this day and time. */
function londonTime(day: CalendarDay, hour: number, minute: number): number {
  const wall = Date.UTC(day.y, day.m - 1, day.d, hour, minute);
  const first = wall - offsetAt(wall);
  return wall - offsetAt(first);
}

const londonDay = (t: number): CalendarDay => {
  const p = londonParts(t);
  return { y: p.y, m: p.m, d: p.d };
};

const addDays = (day: CalendarDay, n: number): CalendarDay => {
  const t = new Date(Date.UTC(day.y, day.m - 1, day.d + n));
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
};

/** 0 = Sunday … 6 = Saturday */
const weekday = (day: CalendarDay) => new Date(Date.UTC(day.y, day.m - 1, day.d)).getUTCDay();

function inWeekendFreeze(t: number): boolean {
  const p = londonParts(t);
  const wd = weekday(p);
  return (wd === 5 && p.hour >= 18) || wd === 6 || wd === 0 || (wd === 1 && p.hour < 6);
}

/** Which freezes cover [start, end) in an environment (checked every 15 minutes: windows are short). */
function freezesAt(env: EnvName, start: number, end: number): ('weekend' | 'year-end')[] {
  const found = new Set<'weekend' | 'year-end'>();
  for (let t = start; t < end; t += 15 * MINUTE) {
    if (env === 'production' && inWeekendFreeze(t)) found.add('weekend');
    if (YEAR_END_FREEZE.environments.includes(env) && t >= YEAR_END_FREEZE.startsAt.getTime() && t < YEAR_END_FREEZE.endsAt.getTime()) found.add('year-end');
  }
  return [...found];
}

function insideMaintenance(env: EnvName, start: number, end: number): boolean {
  if (env === 'dev' || env === 'test') return true;
  const s = londonParts(start);
  const e = londonParts(end - 1);
  if (s.y !== e.y || s.m !== e.m || s.d !== e.d) return false;
  const wd = weekday(s);
  const startMin = s.hour * 60 + s.minute;
  const endMin = startMin + Math.round((end - start) / MINUTE);
  if (env === 'production') return wd >= 2 && wd <= 4 && startMin >= 9 * 60 && endMin <= 17 * 60;
  return wd >= 1 && wd <= 5 && startMin >= 8 * 60 && endMin <= 18 * 60;
}

interface Window {
  start: number;
  end: number;
}

const dayAllowed = (day: CalendarDay, snap: Snap) => {
  const wd = weekday(day);
  switch (snap) {
    case 'prod':
      return wd >= 2 && wd <= 4;
    case 'weekday':
      return wd >= 1 && wd <= 5;
    case 'saturday':
      return wd === 6;
    case 'monday':
      return wd === 1;
    case 'any':
      return true;
  }
};

/**
 * The window a spec names: from the day `spec.day` days from now, the nearest day
 * the snap allows (earlier for the past, later for the future) on which the window
 * does not fall into the year-end freeze.
 */
function slot(now: number, spec: SlotSpec, env: EnvName, direction?: 1 | -1): Window {
  const [hh, mm] = spec.at.split(':').map(Number) as [number, number];
  const dir = direction ?? (spec.day < 0 ? -1 : 1);
  let day = londonDay(now + spec.day * DAY);
  for (let i = 0; i < 60; i++) {
    const start = londonTime(day, hh, mm);
    const end = start + spec.minutes * MINUTE;
    if (dayAllowed(day, spec.snap ?? (env === 'production' ? 'prod' : 'weekday')) && !freezesAt(env, start, end).includes('year-end')) return { start, end };
    day = addDays(day, dir);
  }
  throw new Error(`seed: no day found for window ${JSON.stringify(spec)}`);
}

/** The windows of every target environment, production last, each earlier one before the next. */
function targetWindows(now: number, r: ReleaseSeed): Map<EnvName, Window> {
  const windows = new Map<EnvName, Window>();
  const quarter = Math.floor(now / (15 * MINUTE)) * 15 * MINUTE;
  const prod: Window =
    'fromNowMinutes' in r.production
      ? { start: quarter + r.production.fromNowMinutes * MINUTE, end: quarter + (r.production.fromNowMinutes + r.production.minutes) * MINUTE }
      : slot(now, r.production, 'production');
  windows.set('production', prod);
  let next = prod;
  const earlier = r.targets.filter((e) => e !== 'production').sort((a, b) => ENV_ORDER.indexOf(b) - ENV_ORDER.indexOf(a));
  for (const env of earlier) {
    let w: Window;
    if (r.leadMinutes !== undefined) {
      w = { start: next.start - r.leadMinutes * MINUTE, end: next.start - r.leadMinutes * MINUTE + 60 * MINUTE };
    } else {
      const lead = env === 'staging' ? (r.stagingLeadDays ?? 1) : 1;
      const p = londonParts(next.start);
      const daysFromNow = Math.round((Date.UTC(p.y, p.m - 1, p.d) - Date.UTC(...ymd(londonDay(now)))) / DAY) - lead;
      w = slot(now, { day: daysFromNow, at: env === 'staging' ? '10:00' : '11:00', minutes: 60, snap: 'weekday' }, env, -1);
    }
    windows.set(env, w);
    next = w;
  }
  return windows;
}

const ymd = (day: CalendarDay): [number, number, number] => [day.y, day.m - 1, day.d];

// ================================================================ semver

const parseVersion = (v: string) => v.split(/[-+]/)[0]!.split('.').map(Number) as [number, number, number];

function compareVersions(a: string, b: string): number {
  const x = parseVersion(a);
  const y = parseVersion(b);
  for (let i = 0; i < 3; i++) if (x[i]! !== y[i]!) return x[i]! - y[i]!;
  return 0;
}

/** Space-separated comparators, all of which must hold (">=2.3.0 <3.0.0"). */
function satisfies(version: string, range: string): boolean {
  return range
    .trim()
    .split(/\s+/)
    .every((c) => {
      const m = /^(>=|<=|>|<|=)?(\d+\.\d+\.\d+)$/.exec(c);
      if (!m) throw new Error(`seed: unsupported range "${range}"`);
      const cmp = compareVersions(version, m[2]!);
      switch (m[1]) {
        case '>=':
          return cmp >= 0;
        case '<=':
          return cmp <= 0;
        case '>':
          return cmp > 0;
        case '<':
          return cmp < 0;
        default:
          return cmp === 0;
      }
    });
}

/** Every broken range among a set of component versions. */
function incompatibilities(versions: Map<string, string>): string[] {
  const problems: string[] = [];
  for (const [name, version] of versions) {
    const component = COMPONENTS.find((c) => c.name === name)!;
    for (const [dep, range] of Object.entries(component.dependsOn)) {
      const have = versions.get(dep);
      if (have && !satisfies(have, range)) problems.push(`${name}@${version} needs ${dep} ${range}, has ${have}`);
    }
  }
  return problems;
}

// ================================================================ derivations

const sha256 = (s: string) => crypto.createHash('sha256').update(s).digest('hex');
const buildDigest = (component: string, version: string) => sha256(`relm-demo-artifact:${component}@${version}`);
const buildCommit = (component: string, version: string) => crypto.createHash('sha1').update(`relm-demo-commit:${component}@${version}`).digest('hex');

// the manifest format is the one real seals use (lib/domain/manifest.ts)
export { packageManifest };

const EXECUTED: ReleaseStatus[] = ['deploying', 'deployed', 'handed_over', 'in_review', 'closed', 'rolled_back'];
const PAST_APPROVAL: ReleaseStatus[] = ['approved', 'scheduled', ...EXECUTED];
const SUBMITTED_ONCE: ReleaseStatus[] = ['submitted', 'rejected', 'cancelled', ...PAST_APPROVAL];
const DEPLOYED_FULLY: ReleaseStatus[] = ['deployed', 'handed_over', 'in_review', 'closed'];

interface PlannedDeployment {
  env: EnvName;
  kind: DeploymentKind;
  status: DeploymentStatus;
  scheduledFor: number;
  startedAt?: number;
  finishedAt?: number;
  executedBy: string;
  notes: string;
  /** component → version */
  items: [string, string][];
  checks: { name: string; status: VerificationStatus; details: string; manual?: boolean }[];
}

interface PlannedRelease {
  seed: ReleaseSeed;
  number: number;
  windows: Map<EnvName, Window>;
  plannedStart: number;
  plannedEnd: number;
  created: number;
  submitted?: number;
  sealed?: number;
  approved?: number;
  decided?: number;
  scheduled?: number;
  deploying?: number;
  finished?: number;
  handedOver?: number;
  inReview?: number;
  closed?: number;
  deployments: PlannedDeployment[];
  transitions: { from: ReleaseStatus; to: ReleaseStatus; at: number; actor: Email; reason: string; gates: { rule: string; ok: boolean; detail: string }[] }[];
  risk?: { level: RiskLevel; score: number; factors: { name: string; contribution: number; detail: string }[] };
  overrides: { env: EnvName; freeze: 'weekend' | 'year-end'; reason: string; by: Email; confirmedBy: Email; at: number }[];
  decisions: { email: Email; key: string; decision: ApprovalDecision; comment: string; at: number }[];
}

const PRODUCTION_CHECKS: Record<string, string> = {
  'web-storefront': 'Synthetic journey: sign up, change plan, pay',
  'billing-api': 'Synthetic journey: upgrade plan and download invoice',
  'payment-gateway': 'Synthetic journey: card payment with 3-D Secure challenge',
  'mobile-bff': 'Synthetic journey: app sign-in and saved cards',
  identity: 'Synthetic journey: sign in, refresh session, sign out',
};

function checksFor(env: EnvName, items: [string, string][], ok: boolean): PlannedDeployment['checks'] {
  if (env !== 'production') {
    return [
      { name: env === 'staging' ? 'Integration test suite (staging)' : 'Contract tests', status: 'passed', details: `${220 + items.length * 37} tests, 0 failures` },
      { name: 'Smoke tests', status: 'passed', details: 'All health endpoints green' },
    ];
  }
  const journeys = items.map(([c]) => PRODUCTION_CHECKS[c]).filter((x): x is string => !!x);
  if (!ok) {
    return [{ name: 'Smoke tests', status: 'failed', details: 'Health checks failing on 2 of 6 pods after 10 minutes', manual: false }];
  }
  return [
    { name: 'Smoke tests', status: 'passed', details: 'All health endpoints green' },
    ...journeys.slice(0, 1).map((name) => ({ name, status: 'passed' as const, details: 'Passed 3 runs in a row' })),
    { name: 'Error rate below 0.5% for 15 minutes', status: 'passed', details: 'Peak 0.18%', manual: true },
  ];
}

/**
 * Turns the tables into dated facts; throws when the data contradicts itself (a
 * mistake in this file). Pure, so tests can check it at any moment of the year.
 */
export function planDemo(now: number) {
  const buildTimes = new Map<string, number>();
  const planned: PlannedRelease[] = [];
  const failures: { number: number; at: number; components: string[] }[] = [];

  DEMO_RELEASES.forEach((seed, index) => {
    const windows = targetWindows(now, seed);
    const all = [...windows.values()];
    const plannedStart = Math.min(...all.map((w) => w.start));
    const plannedEnd = Math.max(...all.map((w) => w.end));
    const executed = EXECUTED.includes(seed.status);
    const anchor = executed ? plannedStart : now;
    const at = (days: number) => Math.round((anchor + days * DAY) / MINUTE) * MINUTE;
    const p: PlannedRelease = {
      seed,
      number: index + 1,
      windows,
      plannedStart,
      plannedEnd,
      created: at(seed.timeline.created),
      deployments: [],
      transitions: [],
      overrides: [],
      decisions: [],
    };
    const owner = seed.owner;
    const t = p.transitions;
    if (SUBMITTED_ONCE.includes(seed.status)) {
      p.submitted = at(seed.timeline.submitted ?? seed.timeline.created + 1);
      p.sealed = p.submitted - 20 * MINUTE;
      t.push({
        from: 'draft',
        to: 'submitted',
        at: p.submitted,
        actor: owner,
        reason: 'Ready for approval',
        gates: [
          { rule: 'package.sealed', ok: true, detail: 'Package sealed (revision 1)' },
          { rule: 'package.compatible', ok: true, detail: 'All dependency ranges satisfied, including the builds in the target environments' },
          { rule: 'package.integrity', ok: true, detail: 'Stored digest matches the recomputed manifest digest' },
          { rule: 'risks.assessed', ok: true, detail: seed.noKnownRisks ? 'No known risks (stated explicitly)' : `${seed.risks?.length ?? 0} risks assessed` },
          ...(seed.type !== 'standard' ? [{ rule: 'backout.present', ok: true, detail: 'Back-out plan with steps and targets' }] : []),
          { rule: 'plan.owned', ok: true, detail: 'Every plan task has an owner' },
        ],
      });
    }
    if (seed.status === 'rejected') {
      p.decided = at(seed.timeline.decided ?? 0);
      t.push({ from: 'submitted', to: 'rejected', at: p.decided, actor: seed.rejection!.by, reason: seed.rejection!.comment, gates: [] });
    }
    if (seed.status === 'cancelled') {
      p.decided = at(seed.timeline.decided ?? 0);
      t.push({ from: 'submitted', to: 'cancelled', at: p.decided, actor: owner, reason: seed.cancelReason ?? 'Cancelled', gates: [] });
    }
    if (PAST_APPROVAL.includes(seed.status)) {
      p.approved = at(seed.timeline.decided ?? 0);
      // the approval that crossed the quorum moved the release on
      t.push({
        from: 'submitted',
        to: 'approved',
        at: p.approved,
        actor: '', // the approver who completed the quorum (set below)
        reason: 'Approval quorum reached',
        gates: [
          { rule: 'approvals.quorum', ok: true, detail: 'Every approval requirement is satisfied' },
          { rule: 'approvals.independent', ok: true, detail: 'No approver owns, requested or built anything in this release' },
          { rule: 'approvals.digest', ok: true, detail: 'All approvals are bound to the current package digest' },
          { rule: 'approvals.fresh', ok: true, detail: 'No approval has expired' },
        ],
      });
    }
    if (seed.status !== 'approved' && PAST_APPROVAL.includes(seed.status)) {
      const next = executed ? plannedStart : now;
      p.scheduled = p.approved! + Math.min(3 * HOUR, Math.floor((next - p.approved!) / 2 / MINUTE) * MINUTE);
      t.push({
        from: 'approved',
        to: 'scheduled',
        at: p.scheduled,
        actor: owner,
        reason: 'Scheduled in the agreed window',
        gates: [
          { rule: 'schedule.maintenance', ok: true, detail: seed.type === 'emergency' ? 'Emergency release: maintenance windows do not apply' : 'Inside the maintenance windows of every target' },
          { rule: 'schedule.freeze', ok: true, detail: seed.override ? 'Freeze override granted by two people' : 'No active freeze' },
          { rule: 'schedule.conflicts', ok: true, detail: 'No other release on these environments or components' },
          { rule: 'schedule.promotion', ok: true, detail: 'Production comes after staging' },
        ],
      });
    }

    // deployments
    const items = seed.items;
    const envs = [...windows.keys()].sort((a, b) => ENV_ORDER.indexOf(a) - ENV_ORDER.indexOf(b));
    const prodExecutor = seed.productionExecutor ?? 'pipeline:deploy-prod';
    if (seed.status === 'scheduled') {
      for (const env of envs) {
        p.deployments.push({
          env,
          kind: 'deploy',
          status: 'scheduled',
          scheduledFor: windows.get(env)!.start,
          executedBy: env === 'production' ? prodExecutor : `pipeline:deploy-${env}`,
          notes: '',
          items,
          checks: [],
        });
      }
    }
    if (executed) {
      for (const env of envs) {
        const w = windows.get(env)!;
        const isProd = env === 'production';
        const minutes = (isProd ? 22 : env === 'staging' ? 16 : 10) + 3 * items.length;
        const start = w.start + 5 * MINUTE;
        const executedBy = isProd ? prodExecutor : `pipeline:deploy-${env}`;
        const base = { env, kind: 'deploy' as const, scheduledFor: w.start, executedBy, items };
        if (isProd && seed.outcome === 'in_progress') {
          p.deployments.push({ ...base, status: 'in_progress', startedAt: now - 25 * MINUTE, notes: 'Rolling update: 4 of 6 pods updated', checks: [] });
        } else if (isProd && seed.outcome === 'rolled_back') {
          const failedAt = start + (minutes + 10) * MINUTE;
          p.deployments.push({ ...base, status: 'failed', startedAt: start, finishedAt: failedAt, notes: 'Challenge requests timed out for two large issuers; authorisation rate fell 4 points. Back-out called by the release owner.', checks: checksFor(env, items, false) });
          const backStart = failedAt + 8 * MINUTE;
          p.deployments.push({
            env,
            kind: 'backout',
            status: 'succeeded',
            scheduledFor: backStart,
            startedAt: backStart,
            finishedAt: backStart + 18 * MINUTE,
            executedBy: OPS,
            notes: 'Back-out plan executed: previous builds restored, authorisation rate back to baseline within 10 minutes.',
            items: [], // the back-out targets, filled in once production's history is known
            checks: [
              { name: 'Smoke tests after back-out', status: 'passed', details: 'All health endpoints green' },
              { name: 'Authorisation rate back to baseline', status: 'passed', details: '94.1% (baseline 94.3%)', manual: true },
            ],
          });
        } else if (isProd && seed.outcome === 'failed_then_retried') {
          const failedAt = start + 14 * MINUTE;
          p.deployments.push({ ...base, status: 'failed', startedAt: start, finishedAt: failedAt, notes: 'Schema migration timed out waiting for a lock held by a long-running report query. Nothing was switched over.', checks: [{ name: 'Schema migration', status: 'failed', details: 'lock timeout after 300 s on payment_challenge_sessions' }] });
          const retry = failedAt + 35 * MINUTE;
          p.deployments.push({ ...base, status: 'succeeded', scheduledFor: retry, startedAt: retry, finishedAt: retry + minutes * MINUTE, notes: 'Retried after the report query was stopped; migration took 40 s.', checks: checksFor(env, items, true) });
        } else {
          p.deployments.push({ ...base, status: 'succeeded', startedAt: start, finishedAt: start + minutes * MINUTE, notes: '', checks: checksFor(env, items, true) });
        }
      }
      p.deploying = p.deployments[0]!.startedAt!;
      t.push({ from: 'scheduled', to: 'deploying', at: p.deploying, actor: OPS, reason: `Deployment to ${envs[0]} started`, gates: [
        { rule: 'deploy.window', ok: true, detail: 'Now is inside the scheduled window' },
        { rule: 'deploy.freeze', ok: true, detail: seed.override || seed.type === 'emergency' ? 'Outside every freeze, or override granted' : 'Outside every freeze' },
      ] });
      const last = p.deployments[p.deployments.length - 1]!;
      if (seed.status === 'rolled_back') {
        p.finished = last.finishedAt!;
        t.push({ from: 'deploying', to: 'rolled_back', at: p.finished, actor: OPS, reason: 'Production deployment failed; back-out completed', gates: [] });
      }
      if (DEPLOYED_FULLY.includes(seed.status)) {
        p.finished = last.finishedAt!;
        t.push({ from: 'deploying', to: 'deployed', at: p.finished, actor: OPS, reason: 'All target environments deployed and verified', gates: [{ rule: 'deploy.verified', ok: true, detail: 'Every deployment succeeded with passing verification' }] });
      }
      if (['handed_over', 'in_review', 'closed'].includes(seed.status)) {
        p.handedOver = p.finished! + 20 * HOUR;
        t.push({ from: 'deployed', to: 'handed_over', at: p.handedOver, actor: OPS, reason: 'Handover acknowledged by operations', gates: [{ rule: 'handover.acknowledged', ok: true, detail: 'Operations acknowledged the handover' }] });
      }
      if (['in_review', 'closed'].includes(seed.status)) {
        p.inReview = p.handedOver! + 2 * HOUR;
        t.push({ from: 'handed_over', to: 'in_review', at: p.inReview, actor: owner, reason: seed.review ? `Post-release review required: ${seed.review.requiredReasons.join(', ')}` : 'Post-release check', gates: [] });
      }
      if (seed.status === 'closed') {
        p.closed = p.inReview! + 2 * DAY;
        t.push({
          from: 'in_review',
          to: 'closed',
          at: p.closed,
          actor: owner,
          reason: 'Release complete',
          gates: [
            { rule: 'close.handover', ok: true, detail: 'Handover acknowledged' },
            { rule: 'close.review', ok: true, detail: seed.review ? 'Post-release review completed' : 'No review required by the policy' },
          ],
        });
      }
    }

    // freezes and maintenance windows: only an emergency or a granted override may break them
    for (const [env, w] of windows) {
      for (const freeze of freezesAt(env, w.start, w.end)) {
        const by = seed.override ?? (seed.type === 'emergency' ? { reason: 'Emergency fix for a customer-facing failure; the on-call engineers of the affected teams are present.', by: owner, confirmedBy: ADMIN } : null);
        if (!by) throw new Error(`seed: REL-${p.number} is planned in ${env} inside the ${freeze} freeze`);
        if (p.scheduled !== undefined) p.overrides.push({ env, freeze, ...by, at: p.scheduled - 30 * MINUTE });
      }
      const agreedOneOff = env === 'production' && seed.production === LEDGER_MIGRATION_SLOT;
      if (seed.type !== 'emergency' && !seed.override && !agreedOneOff && !insideMaintenance(env, w.start, w.end)) {
        throw new Error(`seed: REL-${p.number} ${env} window is outside the maintenance windows`);
      }
    }

    // risk, then the decisions the policy needed for that level
    if (p.submitted !== undefined) {
      p.risk = assessRisk(p, failures);
      const approves = seed.approvals ?? (PAST_APPROVAL.includes(seed.status) ? DEFAULT_APPROVERS[p.risk.level] : []);
      const end = p.approved ?? p.decided ?? now;
      approves.forEach(([email, key], i) => {
        const last = PAST_APPROVAL.includes(seed.status) && i === approves.length - 1;
        const at = last ? p.approved! - MINUTE : p.submitted! + Math.round((end - p.submitted!) * ((i + 1) / (approves.length + 1)) / MINUTE) * MINUTE;
        p.decisions.push({ email, key, decision: 'approve', comment: i === 0 ? 'Scope, risks and back-out plan reviewed.' : '', at });
      });
      if (seed.rejection) p.decisions.push({ email: seed.rejection.by, key: seed.rejection.requirement, decision: 'reject', comment: seed.rejection.comment, at: p.decided! - MINUTE });
      const rules = APPROVAL_RULES[p.risk.level];
      for (const x of p.decisions) {
        if (x.email === seed.owner || x.email === (seed.requester ?? seed.owner)) throw new Error(`seed: REL-${p.number} is approved by its owner or requester`);
        if (!rules.some((r) => r.key === x.key)) throw new Error(`seed: REL-${p.number} (${p.risk.level}) has no requirement "${x.key}"`);
      }
      if (PAST_APPROVAL.includes(seed.status)) {
        for (const r of rules) {
          if (p.decisions.filter((x) => x.key === r.key && x.decision === 'approve').length < r.count) {
            throw new Error(`seed: REL-${p.number} is ${seed.status} without enough "${r.key}" approvals for ${p.risk.level} risk`);
          }
        }
        const crossed = t.find((x) => x.to === 'approved')!;
        crossed.actor = p.decisions[p.decisions.length - 1]!.email;
      }
    }
    for (const d of p.deployments) if (d.status === 'failed') failures.push({ number: p.number, at: d.finishedAt!, components: seed.items.map(([c]) => c) });

    // builds must exist before anyone could package them
    const needed = p.sealed ?? p.created + HOUR;
    for (const [c, v] of items) {
      const key = `${c}@${v}`;
      buildTimes.set(key, Math.min(buildTimes.get(key) ?? Infinity, needed - 6 * HOUR));
    }

    // ordered in time, and nothing after now
    for (let i = 1; i < t.length; i++) {
      if (t[i]!.at <= t[i - 1]!.at) throw new Error(`seed: REL-${p.number} transitions out of order (${t[i - 1]!.to} then ${t[i]!.to})`);
    }
    const lastEvent = Math.max(p.created, ...t.map((x) => x.at), ...p.deployments.map((d) => d.finishedAt ?? 0));
    if (lastEvent > now) throw new Error(`seed: REL-${p.number} has events in the future`);
    if (p.created >= (p.submitted ?? Infinity)) throw new Error(`seed: REL-${p.number} submitted before it was created`);
    planned.push(p);
  });

  // builds: when they were built, never later than a release needed them, each version after the one before
  const builtAt = new Map<string, number>();
  for (const component of COMPONENTS) {
    const builds = BUILDS.filter((b) => b.component === component.name).sort((a, b) => compareVersions(b.version, a.version));
    let later = now;
    for (const b of builds) {
      const key = `${b.component}@${b.version}`;
      let t = Math.min(now - b.daysAgo * DAY, buildTimes.get(key) ?? Infinity, later - DAY);
      if (BASELINE[b.component] === b.version) t = Math.min(t, now - (BASELINE_DAYS_AGO + 3) * DAY);
      t = Math.round(t / MINUTE) * MINUTE;
      builtAt.set(key, t);
      later = t;
    }
  }

  // What production runs before each release (past and planned), so back-out
  // targets point at the builds to return to, and packages can be checked against it.
  const prodBefore = new Map<number, Map<string, string>>();
  {
    const future: { at: number; number: number; items: [string, string][] }[] = [];
    for (const p of planned) {
      if (['draft', 'rejected', 'cancelled', 'rolled_back'].includes(p.seed.status)) continue;
      const prodDeploy = p.deployments.find((x) => x.env === 'production' && x.status === 'succeeded' && x.kind === 'deploy');
      future.push({ at: prodDeploy?.finishedAt ?? p.windows.get('production')!.start, number: p.number, items: p.seed.items });
    }
    future.sort((a, b) => a.at - b.at);
    for (const p of planned) {
      const start = p.windows.get('production')!.start;
      const state = new Map(Object.entries(BASELINE));
      for (const f of future) if (f.at < start && f.number !== p.number) for (const [c, v] of f.items) state.set(c, v);
      prodBefore.set(p.number, state);
      // every package except the deliberately broken one fits what production will run
      const combined = new Map([...state, ...p.seed.items]);
      const problems = incompatibilities(combined);
      if (p.seed.incompatible && !problems.length) throw new Error(`seed: REL-${p.number} should be incompatible`);
      if (!p.seed.incompatible && problems.length) throw new Error(`seed: REL-${p.number} is incompatible: ${problems.join('; ')}`);
    }
  }
  for (const p of planned) {
    for (const dep of p.deployments) if (dep.kind === 'backout') dep.items = p.seed.items.map(([c]) => [c, prodBefore.get(p.number)!.get(c)!]);
  }
  // and what staging and production run now must fit together
  for (const env of ['staging', 'production'] as const) {
    const state = new Map(Object.entries(BASELINE));
    const done = planned.flatMap((p) => p.deployments.filter((x) => x.env === env && x.status === 'succeeded')).sort((a, b) => a.finishedAt! - b.finishedAt!);
    for (const dep of done) for (const [c, v] of dep.items) state.set(c, v);
    const problems = incompatibilities(state);
    if (problems.length) throw new Error(`seed: ${env} would run an incompatible set: ${problems.join('; ')}`);
  }
  for (const env of ['dev', 'test'] as const) {
    const problems = incompatibilities(new Map(Object.entries(CI_ENVIRONMENTS[env])));
    if (problems.length) throw new Error(`seed: ${env} runs an incompatible set: ${problems.join('; ')}`);
  }
  return { planned, builtAt, prodBefore };
}

function assessRisk(p: PlannedRelease, failures: { number: number; at: number; components: string[] }[]) {
  // the same computation the application runs (lib/domain/risk-level.ts), so the two cannot drift
  const s = p.seed;
  return computeRiskLevel(PolicyDocumentSchema.parse(DEMO_POLICY_DOCUMENT), {
    type: s.type,
    componentTiers: s.items.map(([c]) => COMPONENTS.find((x) => x.name === c)!.tier),
    componentNames: s.items.map(([c]) => c),
    targetsProduction: s.targets.includes('production'),
    packageSize: s.items.length,
    openRiskScores: (s.risks ?? []).filter((r) => r.status === 'open' || r.status === 'accepted').map((r) => r.likelihood * r.impact),
    recentFailures: failures.flatMap((f) =>
      f.components.filter((c) => s.items.some(([x]) => x === c)).map((c) => ({ component: c, at: new Date(f.at), release: `REL-${f.number}`, kind: 'failed' as const })),
    ),
    now: new Date(p.submitted! - 1),
  });
}

const DEFAULT_APPROVERS: Record<RiskLevel, [Email, string][]> = {
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

/** Plan tasks: go/no-go, snapshot where data changes, one deployment per component (dependencies first), checks, monitoring. */
function planTasks(r: ReleaseSeed): { name: string; owner: Email; minutes: number; deps: number[] }[] {
  const tasks: { name: string; owner: Email; minutes: number; deps: number[] }[] = [];
  tasks.push({ name: 'Go/no-go check with stakeholders', owner: r.owner, minutes: 15, deps: [] });
  let before = 0;
  const stateful = r.items.filter(([c]) => COMPONENTS.find((x) => x.name === c)!.stateful);
  if (stateful.length && r.items.length <= 2) {
    tasks.push({ name: `Take database snapshots (${stateful.map(([c]) => c).join(', ')})`, owner: OPS, minutes: 20, deps: [0] });
    before = 1;
  }
  const order = [...r.items].sort(([a], [b]) => (COMPONENTS.find((x) => x.name === b)!.dependsOn[a] ? -1 : COMPONENTS.find((x) => x.name === a)!.dependsOn[b] ? 1 : 0));
  const deployIdx: number[] = [];
  order.forEach(([c, v], i) => {
    const depOn = order.slice(0, i).filter(([d]) => COMPONENTS.find((x) => x.name === c)!.dependsOn[d]);
    const deps = depOn.length ? depOn.map(([d]) => deployIdx[order.findIndex(([x]) => x === d)]!) : [before];
    const tier = COMPONENTS.find((x) => x.name === c)!.tier;
    deployIdx.push(tasks.length);
    tasks.push({ name: `Deploy ${c} ${v} to production`, owner: i % 2 ? OPS2 : OPS, minutes: tier === 1 ? 30 : 20, deps });
  });
  const smoke = tasks.length;
  tasks.push({ name: 'Smoke tests and synthetic journeys', owner: OPS2, minutes: 15, deps: deployIdx });
  tasks.push({ name: 'Watch dashboards and error budget for 30 minutes, then announce completion', owner: r.owner, minutes: 30, deps: [smoke] });
  return tasks;
}

function backoutSteps(r: ReleaseSeed, targets: [string, string][]): { description: string; minutes: number }[] {
  const steps = [{ description: 'Announce the back-out in #release-bridge and pause the deployment pipeline', minutes: 5 }];
  const stateful = r.items.filter(([c]) => COMPONENTS.find((x) => x.name === c)!.stateful).map(([c]) => c);
  if (stateful.length) steps.push({ description: `Drain traffic from ${stateful.join(' and ')} (maintenance mode at the gateway)`, minutes: 5 });
  // dependents first, so nothing runs against a dependency older than it needs
  const reverse = [...targets].sort(([a], [b]) => (COMPONENTS.find((x) => x.name === a)!.dependsOn[b] ? -1 : COMPONENTS.find((x) => x.name === b)!.dependsOn[a] ? 1 : 0));
  for (const [c, v] of reverse) steps.push({ description: `Redeploy ${c} ${v} (the build production ran before)`, minutes: 10 });
  steps.push({ description: 'Run the smoke tests and synthetic journeys against the restored versions', minutes: 10 });
  steps.push({ description: 'Confirm error rate and latency are back to baseline; tell stakeholders and update the status page', minutes: 10 });
  return steps;
}

// ================================================================ writer

export async function seedDemo(prisma: PrismaClient, opts: { now?: Date } = {}): Promise<{ created: boolean; summary: string }> {
  const nothing = { created: false, summary: 'the database already has users: nothing seeded' };
  if ((await prisma.user.count()) > 0) return nothing;
  const now = Math.floor((opts.now ?? new Date()).getTime() / MINUTE) * MINUTE;
  const { planned, builtAt, prodBefore } = planDemo(now);
  const passwordHash = await hashPassword(DEMO_PASSWORD); // once: argon2id is slow on purpose

  return prisma.$transaction(
    async (tx) => {
      // checked again inside the transaction: another process may have seeded meanwhile
      if ((await tx.user.count()) > 0) return nothing;
      const counts = await write(tx, now, planned, builtAt, prodBefore, passwordHash);
      await appendAudit(tx, { id: null, label: 'system', type: 'system' }, null, { action: 'seed.demo', targetType: 'organisation', after: counts });
      const last = planned.length;
      return {
        created: true,
        summary:
          `${counts.teams} teams, ${counts.users} users, ${counts.components} components, ${counts.builds} builds, ${counts.environments} environments, ` +
          `${counts.releases} releases (REL-1 to REL-${last}). Sign in as ${DEMO_USERS.map((u) => u.email).join(', ')} with the password "${DEMO_PASSWORD}".`,
      };
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
}

async function write(tx: Tx, now: number, planned: PlannedRelease[], builtAt: Map<string, number>, prodBefore: Map<number, Map<string, string>>, passwordHash: string) {
  const d = (t: number) => new Date(t);
  const json = (v: unknown) => v as Prisma.InputJsonValue;

  // ---- people
  const teamId = new Map<string, string>();
  for (const t of DEMO_TEAMS) {
    const row = await tx.team.create({ data: { ...t, createdAt: d(now - 120 * DAY), updatedAt: d(now - 120 * DAY) } });
    teamId.set(t.slug, row.id);
  }
  const userId = new Map<string, string>();
  for (const u of DEMO_USERS) {
    const row = await tx.user.create({
      data: {
        email: u.email,
        name: u.name,
        passwordHash,
        teamId: teamId.get(u.team)!,
        createdAt: d(now - 110 * DAY),
        updatedAt: d(now - 110 * DAY),
        roles: { create: u.roles.map((role) => ({ role, createdAt: d(now - 110 * DAY) })) },
      },
    });
    userId.set(u.email, row.id);
  }
  const uid = (email: string) => {
    const id = userId.get(email);
    if (!id) throw new Error(`seed: unknown user ${email}`);
    return id;
  };
  const admin = uid(ADMIN);

  // ---- catalogue
  const componentId = new Map<string, string>();
  for (const c of COMPONENTS) {
    const row = await tx.component.create({
      data: {
        name: c.name,
        description: c.description,
        ownerTeamId: teamId.get(c.team)!,
        tier: c.tier,
        repository: `https://git.relm.test/${c.team}/${c.name}`,
        createdAt: d(now - 100 * DAY),
        updatedAt: d(now - 100 * DAY),
      },
    });
    componentId.set(c.name, row.id);
  }
  await tx.componentDependency.createMany({
    data: COMPONENTS.flatMap((c) =>
      Object.entries(c.dependsOn).map(([dep, range]) => ({ componentId: componentId.get(c.name)!, dependsOnId: componentId.get(dep)!, versionRange: range, createdAt: d(now - 100 * DAY) })),
    ),
  });

  const buildId = new Map<string, string>();
  const buildsByAge = [...BUILDS].sort((a, b) => builtAt.get(`${a.component}@${a.version}`)! - builtAt.get(`${b.component}@${b.version}`)!);
  for (const b of buildsByAge) {
    const key = `${b.component}@${b.version}`;
    const at = builtAt.get(key)!;
    const team = COMPONENTS.find((c) => c.name === b.component)!.team;
    const row = await tx.build.create({
      data: {
        componentId: componentId.get(b.component)!,
        version: b.version,
        artifactDigest: buildDigest(b.component, b.version),
        sourceRepo: `https://git.relm.test/${team}/${b.component}`,
        sourceCommit: buildCommit(b.component, b.version),
        sourceBranch: b.branch ?? 'main',
        notes: b.notes.map((n) => `- ${n}`).join('\n'),
        workItems: json(b.workItems.map(([key, title]) => ({ key, title, url: `https://tracker.relm.test/browse/${key}` }))),
        producedBy: b.producedBy ?? (team === 'data' ? 'ci:buildkite' : 'ci:github-actions'),
        recordedById: b.producedBy ? (userId.get(b.producedBy) ?? null) : null,
        builtAt: d(at),
        createdAt: d(at + 7 * MINUTE),
      },
    });
    buildId.set(key, row.id);
  }
  const build = (c: string, v: string) => {
    const id = buildId.get(`${c}@${v}`);
    if (!id) throw new Error(`seed: no build ${c}@${v}`);
    return id;
  };

  // ---- environments, windows, freezes
  const envId = new Map<EnvName, string>();
  for (const e of ENVIRONMENTS) {
    const row = await tx.environment.create({ data: { ...e, createdAt: d(now - 120 * DAY), updatedAt: d(now - 120 * DAY) } });
    envId.set(e.name, row.id);
  }
  const ledgerWindow = slot(now, LEDGER_MIGRATION_SLOT, 'production');
  await tx.maintenanceWindow.createMany({
    data: [
      ...MAINTENANCE_WINDOWS.map((w) => ({
        environmentId: envId.get(w.env)!,
        label: w.label,
        kind: 'recurring' as const,
        rrule: w.rrule,
        durationMinutes: w.durationMinutes,
        timezone: TZ,
        createdAt: d(now - 120 * DAY),
      })),
      {
        environmentId: envId.get('production')!,
        label: 'Ledger 3.0 migration (one-off, agreed with Finance)',
        kind: 'one_off' as const,
        startsAt: d(ledgerWindow.start),
        endsAt: d(ledgerWindow.end),
        timezone: TZ,
        createdAt: d(now - 2 * DAY),
      },
    ],
  });

  const weekend = await tx.freezeWindow.create({
    data: {
      name: WEEKEND_FREEZE.name,
      reason: WEEKEND_FREEZE.reason,
      kind: 'recurring',
      rrule: WEEKEND_FREEZE.rrule,
      durationMinutes: WEEKEND_FREEZE.durationMinutes,
      timezone: TZ,
      createdById: admin,
      createdAt: d(now - 100 * DAY),
      updatedAt: d(now - 100 * DAY),
      environments: { create: [{ environmentId: envId.get('production')! }] },
    },
  });
  const yearEnd = await tx.freezeWindow.create({
    data: {
      name: YEAR_END_FREEZE.name,
      reason: YEAR_END_FREEZE.reason,
      kind: 'one_off',
      startsAt: YEAR_END_FREEZE.startsAt,
      endsAt: YEAR_END_FREEZE.endsAt,
      timezone: TZ,
      createdById: admin,
      createdAt: d(now - 30 * DAY),
      updatedAt: d(now - 30 * DAY),
      environments: { create: YEAR_END_FREEZE.environments.map((e) => ({ environmentId: envId.get(e)! })) },
    },
  });
  const freezeId = { weekend: weekend.id, 'year-end': yearEnd.id };

  // ---- policy
  const policy = await tx.policyVersion.create({
    data: { version: 1, document: json(DEMO_POLICY_DOCUMENT), note: 'Initial policy agreed by the Change Advisory Board.', createdById: admin, createdAt: d(now - 90 * DAY) },
  });

  // ---- what staging and production run, deployment by deployment
  type State = Map<string, { version: string; since: number; deploymentKey: string | null }>;
  const baselineState = (): State => new Map(Object.entries(BASELINE).map(([c, v]) => [c, { version: v, since: now - BASELINE_DAYS_AGO * DAY, deploymentKey: null }]));
  const envState: Record<'staging' | 'production', State> = { staging: baselineState(), production: baselineState() };
  const completed: { env: 'staging' | 'production'; at: number; items: [string, string][]; key: string }[] = [];

  // ---- releases
  const releaseId = new Map<number, string>();
  const deploymentId = new Map<string, string>();
  const counters = { deployments: 0, approvals: 0, transitions: 0, risks: 0, tasks: 0 };
  let ref = 4100;

  // REL-1 is the first release even if an earlier seed attempt rolled back after taking numbers
  await tx.$executeRawUnsafe(`SELECT setval(pg_get_serial_sequence('"Release"', 'number'), 1, false)`);

  for (const p of planned) {
    const s = p.seed;
    const owner = uid(s.owner);
    const lastTransition = p.transitions[p.transitions.length - 1];
    const risk = p.risk;
    const rel = await tx.release.create({
      data: {
        title: s.title,
        type: s.type,
        status: s.status,
        ownerId: owner,
        requesterId: uid(s.requester ?? s.owner),
        plannedStart: d(p.plannedStart),
        plannedEnd: d(p.plannedEnd),
        timezone: TZ,
        description: s.description,
        businessJustification: s.justification,
        riskLevel: risk?.level ?? null,
        riskFactors: risk ? json({ score: risk.score, factors: risk.factors }) : undefined,
        riskComputedAt: p.sealed ? d(p.sealed - 5 * MINUTE) : null,
        noKnownRisks: !!s.noKnownRisks,
        risksAssessedAt: p.sealed ? d(p.sealed - 30 * MINUTE) : null,
        policyVersionId: p.submitted ? policy.id : null,
        version: 2 + p.transitions.length + (s.items.length > 1 ? 1 : 0),
        updatedById: lastTransition ? uid(lastTransition.actor) : owner,
        submittedAt: p.submitted ? d(p.submitted) : null,
        approvedAt: p.approved ? d(p.approved) : null,
        closedAt: p.closed ? d(p.closed) : null,
        postReviewRequired: !!s.review || s.type === 'emergency' || p.overrides.length > 0,
        createdAt: d(p.created),
        updatedAt: d(lastTransition?.at ?? p.created + 2 * HOUR),
      },
    });
    if (rel.number !== p.number) throw new Error(`seed: expected REL-${p.number}, the database assigned REL-${rel.number}`);
    releaseId.set(p.number, rel.id);
    const scheduledTimes = PAST_APPROVAL.includes(s.status) && s.status !== 'approved';
    await tx.releaseEnvironment.createMany({
      data: [...p.windows].map(([env, w]) => ({
        releaseId: rel.id,
        environmentId: envId.get(env)!,
        scheduledStart: scheduledTimes ? d(w.start) : null,
        scheduledEnd: scheduledTimes ? d(w.end) : null,
      })),
    });
    if (s.stakeholders?.length) {
      await tx.releaseStakeholder.createMany({ data: s.stakeholders.map(([email, note]) => ({ releaseId: rel.id, userId: uid(email), note })) });
    }

    // package and seal
    const pkg = await tx.releasePackage.create({ data: { releaseId: rel.id, createdAt: d(p.created + 10 * MINUTE) } });
    await tx.packageItem.createMany({
      data: s.items.map(([c, v]) => ({
        packageId: pkg.id,
        componentId: componentId.get(c)!,
        buildId: build(c, v),
        addedAt: d(Math.min(Math.max(p.created + 30 * MINUTE, builtAt.get(`${c}@${v}`)! + HOUR), (p.sealed ?? now) - 10 * MINUTE)),
      })),
    });
    let seal: { id: string; digest: string } | null = null;
    if (p.sealed) {
      const manifest = packageManifest(s.items.map(([c, v]) => ({ component: c, version: v, digest: buildDigest(c, v) })));
      const digest = sha256(manifest);
      seal = await tx.packageSeal.create({
        data: { packageId: pkg.id, revision: 1, digest, manifest, reason: 'Sealed for submission', sealedById: owner, sealedAt: d(p.sealed) },
        select: { id: true, digest: true },
      });
      await tx.releasePackage.update({ where: { id: pkg.id }, data: { sealedDigest: digest, sealedAt: d(p.sealed), revision: 1, updatedAt: d(p.sealed) } });
    }

    // risks
    if (s.risks?.length) {
      await tx.risk.createMany({
        data: s.risks.map((r, i) => ({
          releaseId: rel.id,
          title: r.title,
          description: r.description ?? '',
          likelihood: r.likelihood,
          impact: r.impact,
          score: r.likelihood * r.impact,
          mitigation: r.mitigation,
          ownerId: uid(r.owner ?? s.owner),
          status: r.status,
          createdAt: d(p.created + (i + 1) * HOUR),
          updatedAt: d(p.created + (i + 1) * HOUR),
        })),
      });
      counters.risks += s.risks.length;
    }

    // plan tasks, with actual times where the work happened
    if (s.plan) {
      const tasks = planTasks(s);
      // Actual times follow production's deployment: the deployment tasks are
      // stretched or squeezed to span it exactly (up to the failure, for a
      // back-out), and what comes after follows from there.
      const prodRuns = p.deployments.filter((x) => x.env === 'production' && x.kind === 'deploy' && x.startedAt !== undefined);
      const firstDeploy = tasks.findIndex((x) => x.name.startsWith('Deploy '));
      const lastDeploy = firstDeploy + s.items.length - 1;
      const isDeploy = (i: number) => i >= firstDeploy && i <= lastDeploy;
      const lead = tasks.slice(0, firstDeploy).reduce((n, x) => n + x.minutes, 0) * MINUTE;
      const d0 = prodRuns[0]?.startedAt;
      const deployEnd = prodRuns[prodRuns.length - 1]?.finishedAt; // undefined while in progress
      const stopAfter = s.outcome === 'rolled_back' ? lastDeploy : s.outcome === 'in_progress' ? firstDeploy - 1 : tasks.length;
      const times: { start: number; end: number }[] = [];
      if (d0 !== undefined) {
        for (const [i, task] of tasks.entries()) {
          const start = Math.max(d0 - lead, ...task.deps.map((x) => times[x]!.end));
          times.push({ start, end: start + Math.round(task.minutes * (i < firstDeploy ? 1 : [1, 0.8, 1.2, 1.1, 0.9][i % 5]!)) * MINUTE });
        }
        if (deployEnd !== undefined) {
          const natural = Math.max(...times.filter((_, i) => isDeploy(i)).map((x) => x.end));
          const scale = (t: number) => d0 + Math.round(((t - d0) * (deployEnd - d0)) / (natural - d0) / MINUTE) * MINUTE;
          for (const [i, task] of tasks.entries()) {
            if (isDeploy(i)) times[i] = { start: scale(times[i]!.start), end: scale(times[i]!.end) };
            else if (i > lastDeploy) {
              const start = Math.max(...task.deps.map((x) => times[x]!.end));
              times[i] = { start, end: start + (times[i]!.end - times[i]!.start) };
            }
          }
        }
      }
      const ids: string[] = [];
      for (const [i, task] of tasks.entries()) {
        let actualStart: number | null = null;
        let actualFinish: number | null = null;
        const at = times[i];
        if (at) {
          const startedDeploy = s.outcome === 'in_progress' && isDeploy(i);
          if ((i <= stopAfter || startedDeploy) && at.start <= now) actualStart = at.start;
          if (i <= stopAfter && at.end <= now) actualFinish = at.end;
        }
        const row = await tx.planTask.create({
          data: {
            releaseId: rel.id,
            name: task.name,
            ownerId: uid(task.owner),
            estimateMinutes: task.minutes,
            position: i + 1,
            actualStart: actualStart === null ? null : d(actualStart),
            actualFinish: actualFinish === null ? null : d(actualFinish),
            createdAt: d(p.created + 3 * HOUR),
            updatedAt: d(actualFinish ?? actualStart ?? p.created + 3 * HOUR),
          },
        });
        ids.push(row.id);
      }
      await tx.planTaskDependency.createMany({ data: tasks.flatMap((task, i) => task.deps.map((dep) => ({ taskId: ids[i]!, dependsOnId: ids[dep]! }))) });
      counters.tasks += tasks.length;
    }

    // back-out plan: return each component to what production ran before
    const before = prodBefore.get(p.number)!;
    const targets: [string, string][] = s.items.map(([c]) => [c, before.get(c)!]);
    if (s.backout && s.type !== 'standard' && p.submitted) {
      const steps = backoutSteps(s, targets);
      const r = s.backout.rehearsed;
      await tx.backoutPlan.create({
        data: {
          releaseId: rel.id,
          expectedDurationMinutes: steps.reduce((n, x) => n + x.minutes, 0),
          triggerCriteria: s.backout.trigger,
          lastRehearsedAt: r ? d(p.submitted - r.daysBefore * DAY) : null,
          lastRehearsalResult: r?.result ?? null,
          lastRehearsalNotes: r?.notes ?? '',
          updatedById: owner,
          createdAt: d(p.created + 4 * HOUR),
          updatedAt: d((p.sealed ?? p.created) - HOUR),
          steps: { create: steps.map((x, i) => ({ position: i + 1, description: x.description, expectedMinutes: x.minutes })) },
          targets: { create: targets.map(([c, v]) => ({ componentId: componentId.get(c)!, buildId: build(c, v) })) },
        },
      });
    }

    // approvals
    if (p.submitted && risk) {
      const rules = APPROVAL_RULES[risk.level];
      const decisions = p.decisions;
      const reqId = new Map<string, string>();
      for (const r of rules) {
        const got = decisions.filter((x) => x.key === r.key && x.decision === 'approve').sort((a, b) => a.at - b.at);
        const row = await tx.approvalRequirement.create({
          data: {
            releaseId: rel.id,
            policyVersionId: policy.id,
            key: r.key,
            description: r.description,
            role: r.role,
            requiredCount: r.count,
            distinctTeams: !!r.distinctTeams,
            satisfiedAt: got.length >= r.count ? d(got[r.count - 1]!.at) : null,
            createdAt: d(p.submitted),
          },
        });
        reqId.set(r.key, row.id);
      }
      for (const x of decisions) {
        await tx.approval.create({
          data: {
            releaseId: rel.id,
            requirementId: reqId.get(x.key)!,
            approverId: uid(x.email),
            decision: x.decision,
            comment: x.comment,
            packageDigest: seal!.digest,
            policyVersionId: policy.id,
            createdAt: d(x.at),
            expiresAt: x.decision === 'approve' ? d(x.at + DEMO_POLICY_DOCUMENT.approvals.expiryDays * DAY) : null,
          },
        });
      }
      counters.approvals += decisions.length;
    }

    // freeze overrides (two people)
    for (const o of p.overrides) {
      await tx.freezeOverride.create({
        data: {
          freezeId: freezeId[o.freeze],
          releaseId: rel.id,
          environmentId: envId.get(o.env)!,
          reason: o.reason,
          status: 'granted',
          requestedById: uid(o.by),
          confirmedById: uid(o.confirmedBy),
          decidedAt: d(o.at + 20 * MINUTE),
          createdAt: d(o.at),
        },
      });
    }

    // deployments
    for (const [i, dep] of p.deployments.entries()) {
      const items = dep.items;
      const key = `${p.number}:${i}`;
      const row = await tx.deployment.create({
        data: {
          releaseId: rel.id,
          environmentId: envId.get(dep.env)!,
          sealId: dep.kind === 'deploy' ? (seal?.id ?? null) : null,
          packageDigest: dep.kind === 'deploy' ? (seal?.digest ?? null) : null,
          kind: dep.kind,
          status: dep.status,
          executedBy: dep.executedBy,
          triggeredById: dep.env === 'production' ? uid(OPS) : owner,
          externalRef: dep.status === 'scheduled' ? null : `${dep.executedBy.startsWith('pipeline:') ? dep.executedBy.slice(9) : 'manual'}#${ref++}`,
          scheduledFor: d(dep.scheduledFor),
          startedAt: dep.startedAt === undefined ? null : d(dep.startedAt),
          finishedAt: dep.finishedAt === undefined ? null : d(dep.finishedAt),
          notes: dep.notes,
          createdAt: d(Math.min(p.scheduled ?? dep.scheduledFor, dep.scheduledFor) + MINUTE),
          updatedAt: d(dep.finishedAt ?? dep.startedAt ?? p.scheduled ?? now),
          items: { create: items.map(([c, v]) => ({ componentId: componentId.get(c)!, buildId: build(c, v) })) },
          verifications: {
            create: dep.checks.map((c, j) => ({
              name: c.name,
              status: c.status,
              details: c.details,
              evidenceUrl: c.manual ? `https://grafana.relm.test/d/release-health?from=${dep.startedAt}&to=${dep.finishedAt}` : `https://ci.relm.test/runs/${ref * 10 + j}`,
              recordedById: c.manual ? uid(OPS) : null,
              recordedAt: d(dep.finishedAt ?? now),
            })),
          },
        },
      });
      deploymentId.set(key, row.id);
      counters.deployments++;
      if (dep.status === 'succeeded' && (dep.env === 'staging' || dep.env === 'production')) completed.push({ env: dep.env, at: dep.finishedAt!, items, key });
    }

    // handover
    if (s.handover && (DEPLOYED_FULLY.includes(s.status) || s.status === 'deploying')) {
      const acknowledged = s.status !== 'deployed' && s.status !== 'deploying';
      const teams = [...new Set(s.items.map(([c]) => COMPONENTS.find((x) => x.name === c)!.team))];
      await tx.handover.create({
        data: {
          releaseId: rel.id,
          whatChanged: `${s.handover.whatChanged}\n\n${s.items.map(([c, v]) => `- ${c} ${before.get(c)} → ${v}`).join('\n')}`,
          runbook: s.items.map(([c]) => `https://wiki.relm.test/runbooks/${c}`).join('\n'),
          monitoring: s.items.map(([c]) => `Grafana "${c} overview" dashboard; alerts page the ${COMPONENTS.find((x) => x.name === c)!.team} on-call`).join('\n'),
          knownErrors: s.handover.knownErrors ?? 'None known.',
          supportContacts: `${DEMO_USERS.find((u) => u.email === s.owner)!.name} (release owner); on-call: ${teams.map((t) => `#${t}-oncall`).join(', ')}`,
          status: acknowledged ? 'acknowledged' : s.status === 'deployed' ? 'ready' : 'draft',
          preparedById: owner,
          acknowledgedById: acknowledged ? uid(OPS) : null,
          acknowledgedAt: acknowledged ? d(p.handedOver!) : null,
          createdAt: d((p.finished ?? now) - 3 * HOUR),
          updatedAt: d(acknowledged ? p.handedOver! : Math.min(now, (p.finished ?? now) + HOUR)),
        },
      });
    }

    // post-release review
    if (s.review) {
      const c = s.review.completed;
      const startedAt = p.inReview ?? p.finished ?? now;
      await tx.postReleaseReview.create({
        data: {
          releaseId: rel.id,
          requiredReasons: s.review.requiredReasons,
          outcome: c?.outcome ?? null,
          objectivesMet: c ? c.objectivesMet : null,
          objectivesNotes: c?.objectivesNotes ?? '',
          incidents: c?.incidents ?? s.review.draft?.incidents ?? '',
          wentWell: c?.wentWell ?? s.review.draft?.wentWell ?? '',
          wentBadly: c?.wentBadly ?? s.review.draft?.wentBadly ?? '',
          completedById: c ? uid(c.by) : null,
          completedAt: c ? d(p.closed! - HOUR) : null,
          createdAt: d(startedAt),
          updatedAt: d(c ? p.closed! - HOUR : Math.min(now, startedAt + HOUR)),
          actionItems: c
            ? {
                create: c.actionItems.map((a) => {
                  const due = londonDay(now + a.dueInDays * DAY);
                  return {
                    title: a.title,
                    ownerId: uid(a.owner),
                    dueDate: new Date(Date.UTC(due.y, due.m - 1, due.d)),
                    status: a.status,
                    createdAt: d(p.closed! - HOUR),
                    updatedAt: d(a.status === 'done' ? Math.min(now, now + a.dueInDays * DAY) : p.closed! - HOUR),
                  };
                }),
              }
            : undefined,
        },
      });
    }

    // lifecycle
    await tx.releaseTransition.createMany({
      data: p.transitions.map((x) => ({
        releaseId: rel.id,
        fromStatus: x.from,
        toStatus: x.to,
        actorId: uid(x.actor),
        reason: x.reason,
        gates: json(x.gates),
        policyVersionId: policy.id,
        at: d(x.at),
      })),
    });
    counters.transitions += p.transitions.length;
  }

  // ---- what each environment runs now
  completed.sort((a, b) => a.at - b.at);
  for (const c of completed) for (const [comp, v] of c.items) envState[c.env].set(comp, { version: v, since: c.at, deploymentKey: c.key });
  const rows: Prisma.EnvironmentComponentCreateManyInput[] = [];
  for (const env of ['dev', 'test'] as const) {
    for (const [c, v] of Object.entries(CI_ENVIRONMENTS[env])) {
      const since = Math.min(now - HOUR, builtAt.get(`${c}@${v}`)! + (env === 'dev' ? 1 : 20) * HOUR);
      rows.push({ environmentId: envId.get(env)!, componentId: componentId.get(c)!, buildId: build(c, v), since: d(Math.floor(since / HOUR) * HOUR) });
    }
  }
  for (const env of ['staging', 'production'] as const) {
    for (const [c, x] of envState[env]) {
      rows.push({
        environmentId: envId.get(env)!,
        componentId: componentId.get(c)!,
        buildId: build(c, x.version),
        deploymentId: x.deploymentKey ? deploymentId.get(x.deploymentKey)! : null,
        since: d(x.since),
      });
    }
  }
  await tx.environmentComponent.createMany({ data: rows });

  // ---- notifications
  const notes: Prisma.NotificationCreateManyInput[] = [];
  const note = (email: Email, n: number, kind: string, title: string, body: string, at: number, read: boolean) =>
    notes.push({ userId: uid(email), kind, title, body, link: `/releases/REL-${n}`, releaseId: releaseId.get(n)!, createdAt: d(at), readAt: read ? d(Math.min(now, at + 2 * HOUR)) : null });
  for (const p of planned.filter((x) => x.seed.status === 'submitted')) {
    const who = DEMO_USERS.find((u) => u.email === p.seed.owner)!.name;
    for (const email of [APPROVER, CAB, APPROVER2]) {
      const decided = (p.seed.approvals ?? []).some(([e]) => e === email);
      note(email, p.number, 'approval.requested', `Approval requested: REL-${p.number} ${p.seed.title}`, `${who} submitted this ${p.risk!.level}-risk release for approval.`, p.submitted!, decided);
    }
  }
  for (const p of planned.filter((x) => x.seed.status === 'submitted' && x.seed.approvals?.length)) {
    for (const x of p.decisions) {
      const name = DEMO_USERS.find((u) => u.email === x.email)!.name;
      note(p.seed.owner, p.number, 'approval.given', `${name} approved REL-${p.number}`, 'Waiting for the remaining approvals.', x.at, false);
    }
  }
  for (const p of planned.filter((x) => x.seed.status === 'approved')) {
    note(p.seed.owner, p.number, 'release.approved', `REL-${p.number} is approved`, 'All approval requirements are satisfied: schedule it.', p.approved!, true);
  }
  for (const p of planned.filter((x) => x.seed.status === 'rejected')) {
    const by = DEMO_USERS.find((u) => u.email === p.seed.rejection!.by)!.name;
    note(p.seed.owner, p.number, 'release.rejected', `REL-${p.number} was rejected by ${by}`, p.seed.rejection!.comment, p.decided!, false);
  }
  for (const p of planned.filter((x) => x.seed.status === 'deployed')) {
    note(OPS, p.number, 'handover.ready', `Handover ready: REL-${p.number} ${p.seed.title}`, 'Read the handover notes and acknowledge them, or ask questions.', Math.min(now, p.finished! + HOUR), false);
    note(OPS2, p.number, 'handover.ready', `Handover ready: REL-${p.number} ${p.seed.title}`, 'Read the handover notes and acknowledge them, or ask questions.', Math.min(now, p.finished! + HOUR), true);
  }
  for (const p of planned.filter((x) => x.seed.status === 'scheduled')) {
    const when = new Intl.DateTimeFormat('en-GB', { timeZone: TZ, weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' }).format(p.windows.get('production')!.start);
    note(OPS, p.number, 'release.scheduled', `REL-${p.number} scheduled`, `Production window starts ${when} (London time).`, p.scheduled!, true);
  }
  const rolledBack = planned.find((x) => x.seed.status === 'rolled_back');
  if (rolledBack) note(rolledBack.seed.owner, rolledBack.number, 'review.required', `Post-release review required for REL-${rolledBack.number}`, 'The release was backed out: the policy requires a review.', rolledBack.finished!, true);
  await tx.notification.createMany({ data: notes });

  return {
    teams: DEMO_TEAMS.length,
    users: DEMO_USERS.length,
    components: COMPONENTS.length,
    builds: BUILDS.length,
    environments: ENVIRONMENTS.length,
    freezeWindows: 2,
    policyVersions: 1,
    releases: planned.length,
    deployments: counters.deployments,
    approvals: counters.approvals,
    transitions: counters.transitions,
    risks: counters.risks,
    planTasks: counters.tasks,
    notifications: notes.length,
  };
}
