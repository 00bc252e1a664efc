import type { PolicyDocumentInput } from '@/lib/domain/policy';
import { CAB } from './people';

// The demo organisation's release policy (version 1). Pure data: the seed stores
// it, the domain (lib/domain/policy.ts) parses and applies it, and tests may
// import it without any server code.

const rule = (key: string, description: string, role: 'approver' | 'operations', count: number, opts: { distinctTeams?: boolean; cabOnly?: boolean } = {}) => ({
  key,
  description,
  role,
  count,
  distinctTeams: !!opts.distinctTeams,
  cabOnly: !!opts.cabOnly,
});

export const DEMO_POLICY_DOCUMENT = {
  name: 'Relm release policy',
  risk: {
    // the level is the highest threshold the score reaches (below medium: low)
    thresholds: { medium: 7, high: 12, critical: 17 },
    factors: {
      releaseType: { standard: 0, normal: 2, major: 4, emergency: 5 },
      highestComponentTier: { '1': 5, '2': 3, '3': 1, '4': 0 },
      targetsProduction: 2,
      perExtraComponent: 1,
      perExtraComponentMax: 3,
      highestOpenRiskScore: [
        { atLeast: 15, contribution: 6 },
        { atLeast: 10, contribution: 4 },
        { atLeast: 5, contribution: 2 },
      ],
      recentFailure: { withinDays: 30, contribution: 3 },
    },
  },
  approvals: {
    byRiskLevel: {
      low: [rule('approver', '1 approver', 'approver', 1)],
      medium: [rule('approver', '1 approver', 'approver', 1), rule('operations', '1 approver from operations', 'operations', 1)],
      high: [rule('approvers', '2 approvers from different teams', 'approver', 2, { distinctTeams: true })],
      critical: [
        rule('approvers', '2 approvers from different teams', 'approver', 2, { distinctTeams: true }),
        rule('cab', '1 Change Advisory Board member', 'approver', 1, { cabOnly: true }),
      ],
    },
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
  // the one template pre-approved as a standard change (docs/decisions/045-standard-changes.md);
  // the template itself is seeded too (DEMO_TEMPLATE below)
  standardChanges: [{ template: 'Ledger patch rollout', components: ['ledger'], maxRiskLevel: 'medium', maxPackageItems: 1 }],
} satisfies PolicyDocumentInput;

/**
 * The demo's release template (docs/decisions/044-release-templates-and-copies.md): a ledger
 * patch to staging, pre-approved by the policy above as a standard change. Task owners are
 * given by e-mail here and resolved when seeding.
 */
export const DEMO_TEMPLATE = {
  name: 'Ledger patch rollout',
  description: 'A patch release of the ledger to staging: pre-approved as a standard change while it ships only the ledger.',
  savedBy: 'manager@relm.test',
  body: {
    type: 'standard',
    title: 'Ledger patch rollout',
    description: 'Patch release of the ledger, following the standard ledger patch procedure.',
    businessJustification: 'Keeps the ledger on a supported patch level.',
    timezone: 'Europe/London',
    environments: ['staging'],
    components: ['ledger'],
    tasks: [
      { name: 'Announce the ledger maintenance', estimateMinutes: 10, dependsOn: [], owner: 'manager@relm.test' },
      { name: 'Deploy the ledger build', estimateMinutes: 20, dependsOn: [0], owner: 'manager@relm.test' },
      { name: 'Verify postings reconcile', estimateMinutes: 15, dependsOn: [1], owner: 'manager@relm.test' },
    ],
    risks: [
      {
        title: 'Postings queue backs up during the restart',
        description: 'Postings arriving during the restart wait in the queue.',
        likelihood: 2,
        impact: 2,
        mitigation: 'Restart outside the settlement batch; the queue drains within minutes.',
        status: 'mitigated',
      },
    ],
    backout: {
      expectedDurationMinutes: 15,
      triggerCriteria: 'Postings fail to reconcile, or the posting error rate is above 1% for 5 minutes.',
      steps: [
        { description: 'Redeploy the previous ledger build', expectedMinutes: 10 },
        { description: 'Reconcile the postings of the window', expectedMinutes: 5 },
      ],
    },
    handover: {
      whatChanged: '',
      runbook: 'Ledger runbook: restart order, queue drain, reconciliation report.',
      monitoring: 'Ledger dashboard: posting latency, error rate, queue depth.',
      knownErrors: '',
      supportContacts: 'Payments on-call.',
    },
  },
} as const;
