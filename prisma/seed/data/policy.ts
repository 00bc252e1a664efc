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
} satisfies PolicyDocumentInput;
