import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  deriveRequirements,
  eligibility,
  evaluateQuorum,
  feasibility,
  type ApprovalInput,
  type Candidate,
  type ReleaseParties,
  type RequirementSpec,
  whyApprovalWouldNotCount,
} from '@/lib/domain/approvals';
import { PolicyDocumentSchema, type PolicyDocument } from '@/lib/domain/policy';
import { policyDocument, rule } from '../support/policy';

export function testPolicy(cab: string[] = ['cab@x.test']): PolicyDocument {
  return PolicyDocumentSchema.parse(policyDocument({ cab, byReleaseType: { major: [rule('approver')] } }));
}

const policy = testPolicy();
const parties: ReleaseParties = { key: 'REL-12', ownerId: 'owner', requesterId: 'req', buildAuthorIds: ['author'], buildAuthorEmails: ['pipeline-dev@x.test'] };
const person = (id: string, roles: string[], teamSlug: string | null = 'red', email = `${id}@x.test`): Candidate => ({ id, name: id, email, roles, teamSlug });
const NOW = new Date('2026-11-23T12:00:00Z');
const D = 'a'.repeat(64);
let seq = 0;
const approval = (p: Candidate, over: Partial<ApprovalInput> = {}): ApprovalInput => ({
  id: `ap-${++seq}`,
  approver: p,
  decision: 'approve',
  digest: D,
  createdAt: new Date(NOW.getTime() - 3_600_000 + seq),
  expiresAt: new Date(NOW.getTime() + 86_400_000),
  invalidatedAt: null,
  ...over,
});

describe('deriveRequirements', () => {
  it('takes the risk level’s rules plus the type’s, renaming clashes', () => {
    expect(deriveRequirements(policy, { level: 'medium', type: 'normal' }).map((r) => r.key)).toEqual(['approver', 'operations']);
    expect(deriveRequirements(policy, { level: 'low', type: 'major' }).map((r) => r.key)).toEqual(['approver', 'major-approver']);
  });
  it('adds the protected environments’ rules when the release targets one, naming them', () => {
    const doc = PolicyDocumentSchema.parse(
      policyDocument({ forProtectedEnvironments: [rule('approver', { description: '1 platform approver' }), rule('ops', { role: 'operations' })] }),
    );
    expect(deriveRequirements(doc, { level: 'low', type: 'normal' }).map((r) => r.key)).toEqual(['approver']);
    const reqs = deriveRequirements(doc, { level: 'low', type: 'normal', protectedTargets: ['production', 'dr'] });
    expect(reqs.map((r) => [r.key, r.description])).toEqual([
      ['approver', '1 approver'],
      ['protected-approver', '1 platform approver (protected: dr, production)'],
      ['ops', '1 operations (protected: dr, production)'],
    ]);
  });
  it('gives emergencies the break-glass path', () => {
    const reqs = deriveRequirements(policy, { level: 'critical', type: 'emergency' });
    expect(reqs.map((r) => [r.key, r.kind, r.count])).toEqual([
      ['emergency-approvers', 'rule', 1],
      ['emergency-confirm', 'emergency_confirm', 1],
    ]);
  });
});

describe('eligibility', () => {
  const [approverRule] = deriveRequirements(policy, { level: 'low', type: 'normal' }) as [RequirementSpec];
  it('explains separation of duties in words', () => {
    expect(eligibility(person('req', ['approver']), parties, approverRule, policy)).toEqual({
      eligible: false,
      reason: 'You requested REL-12: separation of duties means someone else must approve it.',
    });
    expect(eligibility(person('owner', ['approver']), parties, approverRule, policy).reason).toMatch(/You own REL-12/);
    expect(eligibility(person('author', ['approver']), parties, approverRule, policy).reason).toMatch(/build in REL-12/);
    expect(eligibility(person('dev', ['approver'], 'red', 'Pipeline-Dev@x.test'), parties, approverRule, policy).reason).toMatch(/build in REL-12/);
  });
  it('has no admin bypass', () => {
    expect(eligibility(person('boss', ['admin', 'release_manager']), parties, approverRule, policy).eligible).toBe(false);
  });
  it('checks role, CAB and team', () => {
    const [, cab] = deriveRequirements(policy, { level: 'critical', type: 'normal' }) as [RequirementSpec, RequirementSpec];
    expect(eligibility(person('op', ['operations']), parties, approverRule, policy).reason).toMatch(/needs the approver role/);
    expect(eligibility(person('a', ['approver']), parties, cab, policy).reason).toMatch(/Change Advisory Board/);
    expect(eligibility(person('cab', ['approver'], 'red', 'CAB@x.test'), parties, cab, policy).eligible).toBe(true);
  });
});

describe('evaluateQuorum', () => {
  const critical = deriveRequirements(policy, { level: 'critical', type: 'normal' });
  it('counts a person once even when they could fill two requirements', () => {
    const cab = person('cab', ['approver'], 'blue', 'cab@x.test');
    const q = evaluateQuorum(critical, [approval(cab), approval(person('b', ['approver'], 'red'))], D, NOW, policy, parties);
    expect(q.allSatisfied).toBe(false);
    const counted = q.requirements.flatMap((r) => r.countedApprovalIds);
    expect(new Set(counted).size).toBe(counted.length);
  });
  it('finds the assignment that meets every requirement', () => {
    const cab = person('cab', ['approver'], 'blue', 'cab@x.test');
    // greedy would put the CAB member on "approvers"; the matching puts them on "cab"
    const q = evaluateQuorum(
      critical,
      [approval(cab), approval(person('b', ['approver'], 'red')), approval(person('c', ['approver'], 'green'))],
      D,
      NOW,
      policy,
      parties,
    );
    expect(q.allSatisfied).toBe(true);
    expect(q.requirements.find((r) => r.key === 'cab')!.countedApprovalIds).toHaveLength(1);
    expect(q.gates.filter((g) => !g.passed)).toEqual([]);
  });
  it('does not count stale, expired, invalidated or excluded approvals', () => {
    const low = deriveRequirements(policy, { level: 'low', type: 'normal' });
    for (const a of [
      approval(person('x', ['approver']), { digest: 'b'.repeat(64) }),
      approval(person('x', ['approver']), { expiresAt: new Date(NOW.getTime() - 1) }),
      approval(person('x', ['approver']), { invalidatedAt: NOW }),
      approval(person('req', ['approver'])),
    ]) {
      expect(evaluateQuorum(low, [a], D, NOW, policy, parties).allSatisfied).toBe(false);
    }
  });
  it('counts the emergency confirmation only within the window', () => {
    const em = deriveRequirements(policy, { level: 'high', type: 'emergency' });
    const first = approval(person('a', ['approver']), { createdAt: new Date(NOW.getTime() - 5 * 3_600_000) });
    const lateConfirm = approval(person('boss', ['admin']), { confirmation: true, createdAt: NOW });
    expect(evaluateQuorum(em, [first, lateConfirm], D, NOW, policy, parties).allSatisfied).toBe(false);
    const inTime = approval(person('boss2', ['admin']), { confirmation: true, createdAt: new Date(NOW.getTime() - 4 * 3_600_000) });
    expect(evaluateQuorum(em, [first, inTime], D, NOW, policy, parties).allSatisfied).toBe(true);
  });
});

describe('feasibility', () => {
  it('names who is eligible and who is excluded', () => {
    const high = deriveRequirements(policy, { level: 'high', type: 'normal' });
    const problems = feasibility(
      high,
      [
        { ...person('e', ['approver'], 'red'), name: 'Elena Petrova' },
        { ...person('req', ['approver'], 'blue'), name: 'Rita Manager' },
      ],
      parties,
      policy,
    );
    expect(problems).toEqual([
      '2 approvers from different teams: only 1 eligible person (Elena Petrova) in 1 team — Rita Manager is excluded as the requester, the owner or a build author.',
    ]);
  });
  it('reports when the people cannot cover every requirement at once', () => {
    const medium = deriveRequirements(policy, { level: 'medium', type: 'normal' });
    expect(feasibility(medium, [person('both', ['approver', 'operations'])], parties, policy)[0]).toMatch(/a person counts once/);
  });
});

// ---------------------------------------------------------------- properties

const ids = ['owner', 'req', 'author', 'p1', 'p2', 'p3', 'p4', 'p5', 'p6'];
const arbPerson = fc.record({
  id: fc.constantFrom(...ids),
  roles: fc.subarray(['approver', 'operations', 'admin', 'viewer'], { minLength: 1 }),
  teamSlug: fc.constantFrom('red', 'blue', 'green', null),
  cab: fc.boolean(),
});
const arbApproval = fc.record({
  p: arbPerson,
  stale: fc.boolean(),
  expired: fc.boolean(),
  invalidated: fc.boolean(),
  offset: fc.integer({ min: 0, max: 10_000 }),
});
const arbReqs = fc.constantFrom(
  ...(['low', 'medium', 'high', 'critical'] as const).flatMap((level) =>
    (['normal', 'major', 'emergency'] as const).map((type) => deriveRequirements(policy, { level, type })),
  ),
);
type RawApproval = typeof arbApproval extends fc.Arbitrary<infer A> ? A : never;
const toInput = (x: RawApproval, i: number): ApprovalInput => ({
  id: `a${i}`,
  approver: { id: x.p.id, email: x.p.cab ? 'cab@x.test' : `${x.p.id}@x.test`, roles: x.p.roles, teamSlug: x.p.teamSlug },
  decision: 'approve',
  digest: x.stale ? 'b'.repeat(64) : D,
  createdAt: new Date(NOW.getTime() - 3_600_000 + x.offset),
  expiresAt: x.expired ? new Date(NOW.getTime() - 1) : new Date(NOW.getTime() + 1000),
  invalidatedAt: x.invalidated ? NOW : null,
  confirmation: x.p.roles.includes('admin') && i % 2 === 0,
});

describe('properties', () => {
  it('one person never counts twice; stale, expired, invalidated and excluded approvals never count', () => {
    fc.assert(
      fc.property(arbReqs, fc.array(arbApproval, { maxLength: 10 }), (reqs, raw) => {
        const approvals = raw.map(toInput);
        const q = evaluateQuorum(reqs, approvals, D, NOW, policy, parties);
        const counted = q.requirements.flatMap((r) => r.countedApprovalIds);
        expect(new Set(counted).size).toBe(counted.length);
        const people = counted.map((id) => approvals.find((a) => a.id === id)!.approver.id);
        expect(new Set(people).size).toBe(people.length);
        for (const id of counted) {
          const a = approvals.find((x) => x.id === id)!;
          expect(a.digest).toBe(D);
          expect(a.expiresAt!.getTime()).toBeGreaterThan(NOW.getTime());
          expect(a.invalidatedAt).toBeNull();
          expect(['owner', 'req', 'author']).not.toContain(a.approver.id);
        }
        q.requirements.forEach((r, i) => expect(r.satisfied).toBe(r.given >= reqs[i]!.count));
      }),
      { numRuns: 300 },
    );
  });

  it('adding a valid approval never lowers the number of requirements met', () => {
    fc.assert(
      fc.property(arbReqs, fc.array(arbApproval, { maxLength: 8 }), arbApproval, (reqs, raw, extra) => {
        const approvals = raw.map(toInput);
        const before = evaluateQuorum(reqs, approvals, D, NOW, policy, parties);
        const added = toInput({ ...extra, stale: false, expired: false, invalidated: false, offset: 20_000 }, 99);
        const after = evaluateQuorum(reqs, [...approvals, added], D, NOW, policy, parties);
        const met = (q: typeof before) => q.requirements.filter((r) => r.satisfied).length;
        expect(met(after)).toBeGreaterThanOrEqual(met(before));
        if (before.allSatisfied) expect(after.allSatisfied).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('the submit gate', () => {
  it('fails with the feasibility problems, and is absent when not checked', async () => {
    const { evaluateTransition } = await import('@/lib/domain/lifecycle');
    const base = {
      status: 'draft' as const,
      type: 'normal' as const,
      package: {
        hasPackage: true,
        itemCount: 1,
        sealed: true,
        sealedDigest: D,
        integrity: { ok: true, problems: [] },
        compatibility: { ok: true, problems: [] },
      },
      risks: { riskCount: 0, openRisks: 0, noKnownRisks: true, assessed: true },
      plan: { taskCount: 0, tasksWithoutOwner: [] },
    };
    const blocked = evaluateTransition(
      { ...base, approvals: { quorumMet: false, missing: [], rejectedBy: [], feasibility: { ok: false, problems: ['1 CAB member: only 0 eligible people'] } } },
      'submitted',
      { transition: true },
    );
    expect(blocked.allowed).toBe(false);
    expect(blocked.gates.find((g) => g.rule === 'approvals.feasible')!.why).toBe('The approval rules cannot be met: 1 CAB member: only 0 eligible people.');
    expect(
      evaluateTransition({ ...base, approvals: { quorumMet: false, missing: [], rejectedBy: [], feasibility: { ok: true, problems: [] } } }, 'submitted', {
        transition: true,
      }).allowed,
    ).toBe(true);
    expect(evaluateTransition(base, 'submitted', { transition: true }).gates.some((g) => g.rule === 'approvals.feasible')).toBe(false);
  });
});

describe('whyApprovalWouldNotCount', () => {
  const reqs = deriveRequirements(policy, { level: 'high', type: 'normal' });
  const names = (slug: string) => ({ red: 'Red', blue: 'Blue' })[slug] ?? slug;
  it('names the different-teams rule and the team already counted', () => {
    const given = [approval(person('a1', ['approver'], 'red'))];
    expect(whyApprovalWouldNotCount(reqs, given, D, NOW, policy, parties, person('a2', ['approver'], 'red'), names)).toBe(
      `Your approval would not count: "${reqs[0]!.description}" already has one from team Red, and you are in team Red. Another approver from a different team must approve.`,
    );
  });
  it('is null when the approval would count', () => {
    const given = [approval(person('a1', ['approver'], 'red'))];
    expect(whyApprovalWouldNotCount(reqs, given, D, NOW, policy, parties, person('b1', ['approver'], 'blue'), names)).toBeNull();
    expect(whyApprovalWouldNotCount(reqs, [], D, NOW, policy, parties, person('a2', ['approver'], 'red'), names)).toBeNull();
  });
  it('ignores the person’s own earlier (expired) approval', () => {
    const mine = person('a1', ['approver'], 'red');
    const given = [approval(mine, { expiresAt: new Date(NOW.getTime() - 1) })];
    expect(whyApprovalWouldNotCount(reqs, given, D, NOW, policy, parties, mine, names)).toBeNull();
  });
});
