import { describe, expect, it } from 'vitest';
import { PolicyDocumentSchema } from '@/lib/domain/policy';
import { describePolicyChanges } from '@/lib/domain/policy-diff';
import { DEMO_POLICY_DOCUMENT } from '@/prisma/seed/data/policy';

const base = PolicyDocumentSchema.parse(DEMO_POLICY_DOCUMENT);
const clone = () => structuredClone(base);

describe('describePolicyChanges', () => {
  it('finds nothing between equal documents', () => {
    expect(describePolicyChanges(base, clone())).toEqual([]);
  });

  it('names changed numbers, lists and rules in words', () => {
    const b = clone();
    b.approvals.expiryDays = 5;
    b.risk.thresholds.high = 13;
    b.gates.testEvidenceRequiredFor = ['major', 'emergency'];
    b.approvals.cab.members = [...b.approvals.cab.members, 'new.member@example.com'];
    b.approvals.byRiskLevel.high[0]!.count = 3;
    b.approvals.byRiskLevel.low.push({ key: 'ops', description: '1 from operations', role: 'operations', count: 1, distinctTeams: false, cabOnly: false });
    b.approvals.byRiskLevel.medium = b.approvals.byRiskLevel.medium.filter((r) => r.key !== 'operations');
    const texts = describePolicyChanges(base, b).map((c) => c.text);
    expect(texts).toContain('Approval expiry (days): 7 → 5');
    expect(texts).toContain('Risk threshold for high: 12 → 13');
    expect(texts).toContain('Test evidence required for: removed normal');
    expect(texts).toContain('CAB members: added new.member@example.com');
    expect(texts).toContain('Approval rules for high risk: rule "approvers" count 2 → 3');
    expect(texts.some((t) => t.startsWith('Approval rules for low risk: added rule "ops" (1 × operations'))).toBe(true);
    expect(texts.some((t) => t.startsWith('Approval rules for medium risk: removed rule "operations"'))).toBe(true);
    expect(describePolicyChanges(base, b).map((c) => c.path)).toContain('approvals.expiryDays');
  });

  it('describes extra rules for a release type appearing', () => {
    const b = clone();
    b.approvals.byReleaseType.major = [{ key: 'cab', description: 'CAB for major releases', role: 'approver', count: 1, distinctTeams: false, cabOnly: true }];
    const texts = describePolicyChanges(base, b).map((c) => c.text);
    expect(texts).toEqual(['Extra approval rules for major releases: added rule "cab" (1 × approver, CAB only)']);
  });
});
