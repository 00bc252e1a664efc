import { describe, expect, it } from 'vitest';
import { approvalRulesFor, parsePolicy } from '@/lib/domain/policy';
import { DEMO_POLICY_DOCUMENT } from '@/prisma/seed/data/policy';

describe('the release policy document', () => {
  it('accepts the demo organisation policy', () => {
    const parsed = parsePolicy(DEMO_POLICY_DOCUMENT);
    expect(parsed.ok, JSON.stringify(!parsed.ok && parsed.errors)).toBe(true);
    if (!parsed.ok) return;
    expect(approvalRulesFor(parsed.policy, 'critical', 'normal').map((r) => r.key)).toEqual(['approvers', 'cab']);
  });

  it('refuses switching separation of duties off, and names the field', () => {
    const parsed = parsePolicy({ ...DEMO_POLICY_DOCUMENT, approvals: { ...DEMO_POLICY_DOCUMENT.approvals, excludeOwner: false } });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(Object.keys(parsed.errors)).toContain('approvals.excludeOwner');
  });

  it('refuses thresholds that do not rise and dropping a mandatory review trigger', () => {
    const parsed = parsePolicy({
      ...DEMO_POLICY_DOCUMENT,
      risk: { ...DEMO_POLICY_DOCUMENT.risk, thresholds: { medium: 10, high: 8, critical: 20 } },
      reviewRequiredAfter: ['backout'],
    });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors['risk.thresholds']?.[0]).toMatch(/rise/);
    expect(parsed.errors.reviewRequiredAfter?.join(' ')).toMatch(/failed deployment/);
  });

  it('refuses anything that is not a policy without throwing', () => {
    for (const raw of [null, 42, 'x', [], { risk: 'no' }]) expect(parsePolicy(raw).ok).toBe(false);
  });
});
