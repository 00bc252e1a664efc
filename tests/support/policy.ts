import type { PolicyDocumentInput } from '@/lib/domain/policy';

// A release policy for tests (pure data: unit and integration tests share it).

type Rule = {
  key: string;
  description: string;
  role: 'approver' | 'operations' | 'admin' | 'release_manager' | 'viewer';
  count: number;
  distinctTeams?: boolean;
  cabOnly?: boolean;
  teamSlug?: string;
};

export const rule = (key: string, over: Partial<Rule> = {}): Rule => ({
  key,
  description:
    over.description ?? `${over.count ?? 1} ${over.role ?? 'approver'}${over.distinctTeams ? ' from different teams' : ''}${over.cabOnly ? ' (CAB)' : ''}`,
  role: over.role ?? 'approver',
  count: over.count ?? 1,
  distinctTeams: over.distinctTeams ?? false,
  cabOnly: over.cabOnly ?? false,
  ...(over.teamSlug ? { teamSlug: over.teamSlug } : {}),
});

export function policyDocument(
  opts: {
    cab?: string[];
    byRiskLevel?: Partial<Record<'low' | 'medium' | 'high' | 'critical', Rule[]>>;
    byReleaseType?: Partial<Record<'standard' | 'normal' | 'major' | 'emergency', Rule[]>>;
    forProtectedEnvironments?: Rule[];
    expiryDays?: number;
    confirmWithinHours?: number;
  } = {},
): PolicyDocumentInput {
  return {
    name: 'Test policy',
    risk: {
      thresholds: { medium: 7, high: 12, critical: 17 },
      factors: {
        releaseType: { standard: 0, normal: 2, major: 4, emergency: 5 },
        highestComponentTier: { '1': 5, '2': 3, '3': 1, '4': 0 },
        targetsProduction: 2,
        perExtraComponent: 1,
        perExtraComponentMax: 3,
        highestOpenRiskScore: [],
        recentFailure: { withinDays: 30, contribution: 3 },
      },
    },
    approvals: {
      byRiskLevel: {
        low: [rule('approver')],
        medium: [rule('approver'), rule('operations', { role: 'operations' })],
        high: [rule('approvers', { count: 2, distinctTeams: true, description: '2 approvers from different teams' })],
        critical: [
          rule('approvers', { count: 2, distinctTeams: true, description: '2 approvers from different teams' }),
          rule('cab', { cabOnly: true, description: '1 CAB member' }),
        ],
        ...opts.byRiskLevel,
      },
      ...(opts.byReleaseType ? { byReleaseType: opts.byReleaseType } : {}),
      ...(opts.forProtectedEnvironments ? { forProtectedEnvironments: opts.forProtectedEnvironments } : {}),
      cab: { name: 'Change Advisory Board', members: opts.cab ?? [] },
      expiryDays: opts.expiryDays ?? 7,
      expiryWarningHours: 24,
    },
    emergency: { approversRequired: 1, confirmWithinHours: opts.confirmWithinHours ?? 4 },
  } as PolicyDocumentInput;
}
