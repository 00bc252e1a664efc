import { describe, expect, it } from 'vitest';
import { parsePolicy, PolicyDocumentSchema } from '@/lib/domain/policy';
import { errorsForForm, policyFromFormValues, policyToFormValues, rowIndices } from '@/lib/domain/policy-form';
import { DEMO_POLICY_DOCUMENT } from '@/prisma/seed/data/policy';

const demo = PolicyDocumentSchema.parse(DEMO_POLICY_DOCUMENT);

describe('the policy form', () => {
  it('round-trips a document through the flat form', () => {
    const withExtras = structuredClone(demo);
    withExtras.approvals.byReleaseType.major = [
      { key: 'cab', description: 'CAB for major releases', role: 'approver', count: 1, distinctTeams: false, cabOnly: true, teamSlug: 'payments' },
    ];
    const { document, errors } = policyFromFormValues(policyToFormValues(withExtras));
    expect(errors).toEqual({});
    const parsed = parsePolicy(document);
    expect(parsed.ok && parsed.policy).toEqual(withExtras);
  });

  it('skips the blank "add" rows and rows marked for removal, and maps errors back to the row shown', () => {
    const v = policyToFormValues(demo);
    // medium has rows 0 (approver) and 1 (operations): remove row 0, leave a blank row 2, fill row 3 badly
    v['approvals.byRiskLevel.medium.0.remove'] = 'on';
    Object.assign(v, {
      'approvals.byRiskLevel.medium.2.key': '',
      'approvals.byRiskLevel.medium.2.description': '',
      'approvals.byRiskLevel.medium.2.role': 'approver',
      'approvals.byRiskLevel.medium.2.count': '1',
    });
    Object.assign(v, {
      'approvals.byRiskLevel.medium.3.key': 'Bad Key',
      'approvals.byRiskLevel.medium.3.description': 'Someone',
      'approvals.byRiskLevel.medium.3.role': 'approver',
      'approvals.byRiskLevel.medium.3.count': 'two',
    });
    expect(rowIndices(v, 'approvals.byRiskLevel.medium')).toEqual([0, 1, 2, 3]);
    const { document, errors, rowMap } = policyFromFormValues(v);
    const medium = (document.approvals as { byRiskLevel: { medium: { key: string }[] } }).byRiskLevel.medium;
    expect(medium.map((r) => r.key)).toEqual(['operations', 'Bad Key']);
    expect(errors['approvals.byRiskLevel.medium.3.count']).toEqual(['Enter a whole number, not "two".']);
    const parsed = parsePolicy(document);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    const mapped = errorsForForm(parsed.errors, rowMap);
    expect(Object.keys(mapped)).toContain('approvals.byRiskLevel.medium.3.key');
    expect(Object.keys(mapped)).not.toContain('approvals.byRiskLevel.medium.1.key');
  });

  it('reports blank numbers instead of falling back to defaults, and never lets SoD be switched off', () => {
    const v = policyToFormValues(demo);
    v['approvals.expiryWarningHours'] = '';
    v['approvals.excludeOwner'] = 'off';
    const { document, errors } = policyFromFormValues(v);
    expect(errors['approvals.expiryWarningHours']).toEqual(['Enter a whole number.']);
    expect((document.approvals as Record<string, unknown>).excludeOwner).toBe(true);
  });

  it('carries the reminders section, and reports a blank delay instead of a default', () => {
    const v = policyToFormValues(demo);
    expect(v['reminders.approvalEscalationHours']).toBe(String(demo.reminders.approvalEscalationHours));
    v['reminders.freezeNoticeHours'] = '0';
    v['reminders.windowNoticeHours'] = '';
    const { document, errors } = policyFromFormValues(v);
    expect(errors['reminders.windowNoticeHours']).toEqual(['Enter a whole number.']);
    expect((document.reminders as Record<string, unknown>).freezeNoticeHours).toBe(0);
  });

  it('reads CAB members one per line (commas too) and lists from checkboxes', () => {
    const v = policyToFormValues(demo);
    v['approvals.cab.members'] = 'A@Example.com\n\n b@example.com, c@example.com ';
    v['gates.backoutPlanRequiredFor'] = 'major';
    delete v['gates.planTasksNeedOwners'];
    const parsed = parsePolicy(policyFromFormValues(v).document);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.policy.approvals.cab.members).toEqual(['a@example.com', 'b@example.com', 'c@example.com']);
    expect(parsed.policy.gates.backoutPlanRequiredFor).toEqual(['major']);
    expect(parsed.policy.gates.planTasksNeedOwners).toBe(false);
  });
});
