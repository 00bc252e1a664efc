import { describe, expect, it } from 'vitest';
import { parsePolicy, PolicyDocumentSchema } from '@/lib/domain/policy';
import { describePolicyChanges } from '@/lib/domain/policy-diff';
import { policyFromFormValues, policyToFormValues } from '@/lib/domain/policy-form';
import { describeVerdict, evaluateStandardChange, exceededLimits, parsePreApproval } from '@/lib/domain/standard-changes';
import { evaluateTransition, type ReleaseFacts } from '@/lib/domain/lifecycle';
import { DEMO_POLICY_DOCUMENT } from '@/prisma/seed/data/policy';

// Standard changes (lib/domain/standard-changes.ts, docs/decisions/045): the policy section, the
// verdict on a release, and the approval gate's standard-change path.

const demo = PolicyDocumentSchema.parse(DEMO_POLICY_DOCUMENT);
const rule = { template: 'Weekly web', components: ['web', 'api'], maxRiskLevel: 'medium' as const, maxPackageItems: 2 };
const policy = { ...demo, standardChanges: [rule] };
const facts = { template: { name: 'weekly WEB', version: 3 }, components: ['web'], riskLevel: 'low' as const, packageItems: 1 };

describe('the policy section', () => {
  it('an old stored document without it still parses, with no standard changes', () => {
    const old = structuredClone(DEMO_POLICY_DOCUMENT) as Record<string, unknown>;
    delete old.standardChanges;
    const parsed = parsePolicy(old);
    expect(parsed.ok && parsed.policy.standardChanges).toEqual([]);
  });

  it('validates its entries', () => {
    const bad = (r: object) => parsePolicy({ ...DEMO_POLICY_DOCUMENT, standardChanges: [{ ...rule, ...r }] });
    expect(bad({ components: [] }).ok).toBe(false);
    expect(bad({ maxRiskLevel: 'extreme' }).ok).toBe(false);
    expect(bad({ maxPackageItems: 0 }).ok).toBe(false);
    expect(parsePolicy({ ...DEMO_POLICY_DOCUMENT, standardChanges: [rule, { ...rule, template: 'WEEKLY web' }] }).ok).toBe(false);
  });

  it('round-trips through the policy form, and a change is described in words', () => {
    const { document, errors } = policyFromFormValues(policyToFormValues(policy));
    expect(errors).toEqual({});
    const parsed = parsePolicy(document);
    expect(parsed.ok && parsed.policy).toEqual(policy);
    const changed = {
      ...policy,
      standardChanges: [
        { ...rule, maxPackageItems: 5 },
        { ...rule, template: 'Config push', components: ['config'] },
      ],
    };
    const texts = describePolicyChanges(policy, changed).map((c) => c.text);
    expect(texts).toEqual([
      'Standard changes (pre-approved templates): "Weekly web" (components web, api; risk at most medium; at most 2 builds) → "Weekly web" (components web, api; risk at most medium; at most 5 builds)',
      'Standard changes (pre-approved templates): added "Config push" (components config; risk at most medium; at most 2 builds)',
    ]);
  });
});

describe('the verdict on a release', () => {
  it('within every limit: the recorded decision names the policy version and the template version', () => {
    const v = evaluateStandardChange(policy, 7, facts);
    expect(v).toMatchObject({ kind: 'within', decision: 'Pre-approved by policy version 7, template weekly WEB v3' });
    expect(describeVerdict(v, facts.template)).toMatch(/no approval round is needed/);
  });

  it('not from a template, or from one the policy does not name: the normal rules, nothing to say', () => {
    expect(evaluateStandardChange(policy, 7, { ...facts, template: null })).toEqual({ kind: 'none' });
    expect(evaluateStandardChange(policy, 7, { ...facts, template: { name: 'Other', version: 1 } })).toEqual({ kind: 'none' });
    expect(describeVerdict({ kind: 'none' }, null)).toBeNull();
  });

  it('names each limit exceeded', () => {
    expect(exceededLimits(rule, { ...facts, components: ['web', 'ledger', 'billing'] })).toEqual([
      'components billing, ledger are not in the allowed list (web, api)',
    ]);
    expect(exceededLimits(rule, { ...facts, riskLevel: 'high' })).toEqual(['the risk level is high, above the highest pre-approved level (medium)']);
    expect(exceededLimits(rule, { ...facts, riskLevel: null })).toEqual(['the risk level is not assessed yet (at most medium is pre-approved)']);
    expect(exceededLimits(rule, { ...facts, packageItems: 3 })).toEqual(['the package holds 3 builds, more than the 2 pre-approved']);
    const v = evaluateStandardChange(policy, 7, { ...facts, riskLevel: 'critical', packageItems: 9 });
    expect(v.kind).toBe('exceeded');
    expect(describeVerdict(v, facts.template)).toMatch(
      /^Not pre-approved: weekly WEB v3 is a standard change, but the risk level is critical.*; the package holds 9 builds.*The normal approval rules apply\.$/,
    );
  });

  it('a stored pre-approval record is read only when it has its fields', () => {
    expect(parsePreApproval(null)).toBeNull();
    expect(parsePreApproval({ decision: 'x' })).toBeNull();
    expect(parsePreApproval({ decision: 'd', policyVersion: 1, templateName: 't', templateVersion: 2 })).toMatchObject({ decision: 'd' });
  });
});

describe('the approval gate', () => {
  const submitted: ReleaseFacts = { status: 'submitted', type: 'standard' };
  const actor = { transition: true };

  it('a pre-approved standard change passes with the decision, explicitly', () => {
    const e = evaluateTransition(
      {
        ...submitted,
        approvals: {
          quorumMet: true,
          missing: [],
          rejectedBy: [],
          standardChange: { preApproved: 'Pre-approved by policy version 7, template T v3', notPreApproved: null },
        },
      },
      'approved',
      actor,
    );
    expect(e.allowed).toBe(true);
    expect(e.gates.find((g) => g.rule === 'approvals.standard_change')?.why).toBe(
      'Pre-approved by policy version 7, template T v3: a standard change within its limits, so no approval round is needed.',
    );
  });

  it('outside the limits the normal quorum applies and says why', () => {
    const e = evaluateTransition(
      {
        ...submitted,
        approvals: {
          quorumMet: false,
          missing: ['0 of 1 for "1 approver"'],
          rejectedBy: [],
          standardChange: { preApproved: null, notPreApproved: 'Not pre-approved: T v3 is a standard change, but X.' },
        },
      },
      'approved',
      actor,
    );
    expect(e.allowed).toBe(false);
    const g = e.gates.find((x) => x.rule === 'approvals.quorum')!;
    expect(g.passed).toBe(false);
    expect(g.fix).toMatch(/^Not pre-approved: T v3 is a standard change, but X\./);
  });
});
