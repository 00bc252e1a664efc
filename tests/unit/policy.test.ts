import { describe, expect, it } from 'vitest';
import { approvalRulesFor, parsePolicy, REMINDER_DEFAULTS } from '@/lib/domain/policy';
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

describe('the policy: reminders and escalation', () => {
  it('gives a document saved before the section existed its defaults', () => {
    const { reminders: _gone, ...old } = DEMO_POLICY_DOCUMENT as typeof DEMO_POLICY_DOCUMENT & { reminders?: unknown };
    const parsed = parsePolicy(old);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.policy.reminders).toEqual({ ...REMINDER_DEFAULTS });
    expect(parsed.policy.reminders).toEqual({
      windowNoticeHours: 24,
      windowMissedEscalationHours: 4,
      approvalReminderHours: 24,
      approvalEscalationHours: 72,
      freezeNoticeHours: 48,
      actionItemReminderDays: 1,
    });
    // a partial section keeps the defaults of what it leaves out
    const partial = parsePolicy({ ...old, reminders: { freezeNoticeHours: 0 } });
    expect(partial.ok && partial.policy.reminders).toEqual({ ...REMINDER_DEFAULTS, freezeNoticeHours: 0 });
  });

  it('names the field and the bound that is broken', () => {
    const parsed = parsePolicy({
      ...DEMO_POLICY_DOCUMENT,
      reminders: { windowNoticeHours: 721, windowMissedEscalationHours: -1, approvalReminderHours: 1.5, freezeNoticeHours: 'soon', actionItemReminderDays: 31 },
    });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors['reminders.windowNoticeHours']).toEqual(['Window notice: at most 720 hours (30 days).']);
    expect(parsed.errors['reminders.windowMissedEscalationHours']).toEqual(['Missed window escalation: 0 (off) or more hours.']);
    expect(parsed.errors['reminders.approvalReminderHours']).toEqual(['Approval reminder: use a whole number of hours.']);
    expect(parsed.errors['reminders.freezeNoticeHours']).toEqual(['Freeze notice: enter a whole number of hours.']);
    expect(parsed.errors['reminders.actionItemReminderDays']).toEqual(['Overdue action item reminders: at most every 30 days.']);
  });

  it('escalates approvals only after the reminder (or not at all)', () => {
    const late = (approvalReminderHours: number, approvalEscalationHours: number) =>
      parsePolicy({ ...DEMO_POLICY_DOCUMENT, reminders: { approvalReminderHours, approvalEscalationHours } });
    const refused = late(48, 24);
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.errors['reminders.approvalEscalationHours']).toEqual([
      'Approval escalation: escalate later than the reminder (more than 48 hours), or 0 for no escalation.',
    ]);
    expect(late(48, 48).ok).toBe(false);
    expect(late(48, 0).ok).toBe(true);
    expect(late(0, 24).ok).toBe(true);
  });
});
