import type { TeamSlug } from './people';

// The catalogue: thirteen components with their dependency ranges, every build
// the demo knows, and what each environment ran before the history begins. One
// of them is Relm itself (issue 17 point 7), with a build per version in CHANGELOG.md.

export interface ComponentSeed {
  name: string;
  team: TeamSlug;
  tier: 1 | 2 | 3 | 4;
  description: string;
  /** component name → semver range it needs */
  dependsOn: Record<string, string>;
  /** holds data: its deployments start with a snapshot */
  stateful?: boolean;
  /** who hears of its release announcements by e-mail */
  distributionList?: string;
}

export const COMPONENTS: ComponentSeed[] = [
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
    distributionList: 'support-leads@relm.test\nmobile-product@relm.test',
  },
  { name: 'reporting-etl', team: 'data', tier: 3, description: 'Loads ledger postings and billing events into the warehouse for Finance reporting.', dependsOn: { ledger: '>=2.3.0 <3.0.0' } },
  { name: 'search-indexer', team: 'data', tier: 4, description: 'Keeps the help-centre and product search indexes up to date.', dependsOn: {} },
  {
    name: 'relm',
    team: 'platform',
    tier: 3,
    stateful: true,
    description: 'Relm itself: the release management platform this organisation plans, approves and records its releases in. Signs people in through identity.',
    dependsOn: { identity: '>=1.8.0 <2.0.0' },
    distributionList: 'engineering@relm.test',
  },
];

/** Relm's own component (issue 17 point 7): its builds are the versions of CHANGELOG.md. */
export const RELM = 'relm';

export interface BuildSeed {
  component: string;
  version: string;
  /** built at most this many days before now (earlier if a release needs it sooner) */
  daysAgo: number;
  notes: string[];
  workItems: [string, string][];
  branch?: string;
  producedBy?: string;
}

export const BUILDS: BuildSeed[] = [
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
  // relm: one build per released version of CHANGELOG.md, its notes the entry's, shortened
  // (tests/unit/seed-plan.test.ts keeps them in step; the seed records the running version's
  // commit on its build, and adds a build for a newer running version: prisma/seed/write.ts)
  {
    component: 'relm',
    version: '0.1.0',
    daysAgo: 13,
    notes: [
      'The governance engine: releases from draft to closed, in the browser and through the API.',
      'Release policy and risk levels, approvals with separation of duties and quorums.',
      'Scheduling around freezes and maintenance windows; packages, back-out plans, handover and post-release reviews.',
      'An audit trail sealed in a hash chain.',
      'Embedded database by default, PostgreSQL when DATABASE_URL names one; API tokens and the operator command line.',
    ],
    workItems: [
      ['RELM-1', 'Governance engine'],
      ['RELM-11', 'Hash-chained audit trail'],
    ],
  },
  {
    component: 'relm',
    version: '0.2.0',
    daysAgo: 1,
    notes: [
      'One clock for the whole application and its tests.',
      'A release page in parts; dashboards, search and calendar measured at 100,000 releases.',
      'A job engine; e-mail, signed webhooks, Slack and Teams; reminders, escalations and release announcements.',
      'Single sign-on through OpenID Connect, server-side sessions, tamper-evident audit checkpoints, least-privilege database roles.',
      'CSV export, the CAB agenda, discussions, delivery metrics, templates, standard changes, release trains, the portfolio timeline and saved searches.',
    ],
    workItems: [
      ['RELM-26', 'Job engine and notifications'],
      ['RELM-33', 'Single sign-on through OpenID Connect'],
      ['RELM-46', 'Release trains'],
      ['RELM-47', 'Portfolio timeline'],
    ],
  },
];

/** What staging and production ran before the history below begins. */
export const BASELINE: Record<string, string> = {
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
  relm: '0.1.0',
};
export const BASELINE_DAYS_AGO = 45;

/** dev and test follow CI; releases do not track them. */
export const CI_ENVIRONMENTS: Record<'dev' | 'test', Record<string, string>> = {
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
    relm: '0.2.0',
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
    relm: '0.2.0',
  },
};

