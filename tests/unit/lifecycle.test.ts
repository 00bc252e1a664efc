import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  availableTransitions,
  CANCELLABLE_FROM,
  evaluateTransition,
  isEdge,
  listWords,
  refusalMessage,
  RELEASE_STATUSES,
  TERMINAL_STATUSES,
  TRANSITIONS,
  type ReleaseFacts,
  type ReleaseStatus,
} from '@/lib/domain/lifecycle';

const CAN = { transition: true };

/** A draft release that meets every submit gate. */
function ready(over: Partial<ReleaseFacts> = {}): ReleaseFacts {
  return {
    key: 'REL-1',
    status: 'draft',
    type: 'normal',
    package: {
      hasPackage: true,
      itemCount: 3,
      sealed: true,
      sealedDigest: 'a'.repeat(64),
      integrity: { ok: true, problems: [] },
      compatibility: { ok: true, problems: [] },
    },
    risks: { riskCount: 0, openRisks: 0, noKnownRisks: true, assessed: true },
    plan: { taskCount: 2, tasksWithoutOwner: [] },
    ...over,
  };
}

const gate = (e: ReturnType<typeof evaluateTransition>, rule: string) => e.gates.find((g) => g.rule === rule);

describe('the graph', () => {
  it('is the lifecycle of PRODUCT.md', () => {
    const edges = RELEASE_STATUSES.flatMap((from) => TRANSITIONS[from].map((to) => `${from}>${to}`)).sort();
    expect(edges).toEqual(
      [
        'draft>submitted',
        'submitted>approved',
        'approved>scheduled',
        'scheduled>deploying',
        'deploying>deployed',
        'deployed>handed_over',
        'handed_over>in_review',
        'in_review>closed',
        'submitted>rejected',
        'rejected>draft',
        'draft>cancelled',
        'submitted>cancelled',
        'approved>cancelled',
        'scheduled>cancelled',
        'rejected>cancelled',
        'deploying>rolled_back',
        'deployed>rolled_back',
        'rolled_back>in_review',
      ].sort(),
    );
    expect([...TERMINAL_STATUSES].sort()).toEqual(['cancelled', 'closed']);
    expect([...CANCELLABLE_FROM].sort()).toEqual(RELEASE_STATUSES.filter((s) => isEdge(s, 'cancelled')).sort());
  });

  it('refuses a transition outside the graph on the from-state gate alone', () => {
    const e = evaluateTransition(ready({ status: 'closed' }), 'draft', CAN);
    expect(e.allowed).toBe(false);
    expect(e.gates).toHaveLength(1);
    expect(e.gates[0]).toMatchObject({ rule: 'lifecycle.from_state', passed: false });
    expect(e.gates[0]!.why).toMatch(/closed release cannot be returned to draft/);
    expect(e.gates[0]!.fix).toMatch(/finished/);
    const late = evaluateTransition(ready({ status: 'deploying' }), 'cancelled', CAN);
    expect(late.gates[0]!.why).toMatch(/cannot be cancelled/);
    expect(late.gates[0]!.fix).toMatch(/marked deployed or rolled back/);
  });
});

describe('submit', () => {
  it('is allowed when every gate passes, and lists each gate', () => {
    const e = evaluateTransition(ready(), 'submitted', CAN);
    expect(e.allowed).toBe(true);
    expect(e.gates.map((g) => g.rule)).toEqual([
      'lifecycle.from_state',
      'actor.permission',
      'package.sealed',
      'package.compatible',
      'package.integrity',
      'risks.assessed',
      'plan.owners',
    ]);
    expect(e.gates.every((g) => g.passed && g.why.length > 0 && g.fix === undefined)).toBe(true);
  });

  it('names the tasks without an owner', () => {
    const e = evaluateTransition(ready({ plan: { taskCount: 5, tasksWithoutOwner: ['Run smoke tests', 'Notify support'] } }), 'submitted', CAN);
    expect(e.allowed).toBe(false);
    expect(gate(e, 'plan.owners')).toMatchObject({
      passed: false,
      why: '2 of 5 plan tasks have no owner: Run smoke tests and Notify support.',
      fix: expect.stringMatching(/owner/),
    });
    expect(refusalMessage('REL-1', e)).toBe('REL-1 cannot be submitted: 1 gate is not met.');
  });

  it('explains a missing, unsealed, incompatible or tampered package', () => {
    const none = evaluateTransition(
      ready({
        package: {
          hasPackage: false,
          itemCount: 0,
          sealed: false,
          sealedDigest: null,
          integrity: { ok: false, problems: [] },
          compatibility: { ok: true, problems: [] },
        },
      }),
      'submitted',
      CAN,
    );
    expect(gate(none, 'package.sealed')!.why).toMatch(/no builds/);
    expect(gate(none, 'package.integrity')!.passed).toBe(false);
    const unsealed = evaluateTransition(ready({ package: { ...ready().package!, sealed: false, sealedDigest: null } }), 'submitted', CAN);
    expect(gate(unsealed, 'package.sealed')).toMatchObject({ passed: false, why: 'The package has 3 builds but is not sealed.' });
    const incompatible = evaluateTransition(
      ready({ package: { ...ready().package!, compatibility: { ok: false, problems: ['billing-api needs ledger >=2.3 <3, the package has 3.0.0'] } } }),
      'submitted',
      CAN,
    );
    expect(gate(incompatible, 'package.compatible')!.why).toMatch(/1 compatibility problem: billing-api needs ledger/);
    const tampered = evaluateTransition(ready({ package: { ...ready().package!, integrity: { ok: false, problems: ['digest mismatch'] } } }), 'submitted', CAN);
    expect(gate(tampered, 'package.integrity')).toMatchObject({ passed: false, why: 'Integrity verification failed: digest mismatch.' });
  });

  it('needs risks assessed or an explicit no-known-risks statement', () => {
    const e = evaluateTransition(ready({ risks: { riskCount: 0, openRisks: 0, noKnownRisks: false, assessed: false } }), 'submitted', CAN);
    expect(gate(e, 'risks.assessed')).toMatchObject({ passed: false, fix: expect.stringMatching(/no known risks/) });
    const assessed = evaluateTransition(ready({ risks: { riskCount: 2, openRisks: 1, noKnownRisks: false, assessed: true } }), 'submitted', CAN);
    expect(gate(assessed, 'risks.assessed')).toMatchObject({ passed: true, why: '2 risks assessed, 1 still open.' });
  });

  it('needs the permission', () => {
    const e = evaluateTransition(ready(), 'submitted', { transition: false });
    expect(e.allowed).toBe(false);
    expect(gate(e, 'actor.permission')!.passed).toBe(false);
  });
});

describe('later capabilities', () => {
  it('fail with a reason instead of silently allowing', () => {
    const cases: [ReleaseStatus, ReleaseStatus][] = [
      ['submitted', 'approved'],
      ['submitted', 'rejected'],
      ['approved', 'scheduled'],
      ['scheduled', 'deploying'],
      ['deploying', 'deployed'],
      ['deploying', 'rolled_back'],
      ['deployed', 'handed_over'],
      ['handed_over', 'in_review'],
      ['in_review', 'closed'],
    ];
    for (const [from, to] of cases) {
      const e = evaluateTransition(ready({ status: from }), to, CAN);
      expect(e.allowed, `${from} → ${to}`).toBe(false);
      const failed = e.gates.filter((g) => !g.passed);
      expect(failed.length).toBeGreaterThan(0);
      expect(failed.every((g) => /does not record .* yet/.test(g.why) && g.fix)).toBe(true);
    }
  });

  it('decide where the facts can: cancel, rework, review after a back-out', () => {
    for (const from of CANCELLABLE_FROM) expect(evaluateTransition(ready({ status: from }), 'cancelled', CAN).allowed).toBe(true);
    expect(evaluateTransition(ready({ status: 'rejected' }), 'draft', CAN).allowed).toBe(true);
    expect(evaluateTransition(ready({ status: 'rolled_back' }), 'in_review', CAN).allowed).toBe(true);
  });

  it('use the facts once a later issue provides them', () => {
    const approvals = { quorumMet: false, missing: ['1 of 2 CAB approvals'], rejectedBy: [] };
    const e = evaluateTransition(ready({ status: 'submitted', approvals }), 'approved', CAN);
    expect(gate(e, 'approvals.quorum')!.why).toBe('Approvals still missing: 1 of 2 CAB approvals.');
    expect(evaluateTransition(ready({ status: 'submitted', approvals: { ...approvals, quorumMet: true } }), 'approved', CAN).allowed).toBe(true);
    const close = evaluateTransition(
      ready({ status: 'in_review', handover: { prepared: true, acknowledged: true }, review: { required: true, done: false } }),
      'closed',
      CAN,
    );
    expect(close.gates.filter((g) => !g.passed).map((g) => g.rule)).toEqual(['review.done']);
  });
});

describe('availableTransitions', () => {
  it('lists every edge from the current status with its gates', () => {
    const list = availableTransitions(ready(), CAN);
    expect(list.map((t) => [t.to, t.allowed])).toEqual([
      ['submitted', true],
      ['cancelled', true],
    ]);
    expect(availableTransitions(ready({ status: 'closed' }), CAN)).toEqual([]);
  });
});

describe('listWords', () => {
  it('joins and truncates', () => {
    expect(listWords([])).toBe('');
    expect(listWords(['a'])).toBe('a');
    expect(listWords(['a', 'b', 'c'])).toBe('a, b and c');
    expect(listWords(['a', 'b', 'c', 'd'], 2)).toBe('a, b and 2 more');
  });
});

// ---------------------------------------------------------------- properties

const checkArb = fc.option(fc.record({ ok: fc.boolean(), problems: fc.array(fc.string({ maxLength: 8 }), { maxLength: 2 }) }), { nil: undefined });

/** Facts that change between steps: anything the outside world could record. */
const factsArb = fc.record({
  type: fc.constantFrom('standard', 'normal', 'major', 'emergency' as const),
  package: fc.record({
    hasPackage: fc.boolean(),
    itemCount: fc.nat(5),
    sealed: fc.boolean(),
    sealedDigest: fc.option(fc.constant('b'.repeat(64)), { nil: null }),
    integrity: fc.record({ ok: fc.boolean(), problems: fc.array(fc.string({ maxLength: 8 }), { maxLength: 2 }) }),
    compatibility: fc.record({ ok: fc.boolean(), problems: fc.array(fc.string({ maxLength: 8 }), { maxLength: 2 }) }),
  }),
  risks: fc.record({ riskCount: fc.nat(4), openRisks: fc.nat(4), noKnownRisks: fc.boolean(), assessed: fc.boolean() }),
  plan: fc.record({ taskCount: fc.nat(6), tasksWithoutOwner: fc.array(fc.string({ maxLength: 10 }), { maxLength: 3 }) }),
  approvals: fc.option(
    fc.record({
      quorumMet: fc.boolean(),
      missing: fc.array(fc.string({ maxLength: 8 }), { maxLength: 2 }),
      rejectedBy: fc.array(fc.string({ maxLength: 8 }), { maxLength: 2 }),
    }),
    { nil: undefined },
  ),
  schedule: checkArb,
  deployWindow: checkArb,
  deployment: fc.option(fc.record({ succeeded: fc.boolean(), rolledBack: fc.boolean(), problems: fc.array(fc.string({ maxLength: 8 }), { maxLength: 2 }) }), {
    nil: undefined,
  }),
  handover: fc.option(fc.record({ prepared: fc.boolean(), acknowledged: fc.boolean() }), { nil: undefined }),
  review: fc.option(fc.record({ required: fc.boolean(), done: fc.boolean() }), { nil: undefined }),
});

const stepArb = fc.record({ to: fc.constantFrom(...RELEASE_STATUSES), facts: factsArb, can: fc.boolean() });
const SUBMIT_RULES = ['package.sealed', 'package.compatible', 'package.integrity', 'risks.assessed', 'plan.owners'];
const PRE_DEPLOY = new Set<ReleaseStatus>(['draft', 'submitted', 'approved', 'scheduled', 'rejected']);

describe('properties: random action sequences from draft', () => {
  it('never leave the graph, never leave a terminal state, never cancel after deploying, submit only through its gates', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 40 }), (steps) => {
        let status: ReleaseStatus = 'draft';
        let deployed = false;
        for (const step of steps) {
          const facts: ReleaseFacts = { ...step.facts, status };
          const e = evaluateTransition(facts, step.to, { transition: step.can });
          // allowed means every gate passed, and there is at least the from-state gate
          expect(e.allowed).toBe(e.gates.length > 0 && e.gates.every((g) => g.passed));
          for (const g of e.gates) {
            expect(g.why.length).toBeGreaterThan(0);
            if (!g.passed) expect(g.fix?.length ?? 0).toBeGreaterThan(0);
          }
          if (!e.allowed) continue;
          expect(isEdge(status, step.to)).toBe(true);
          expect(step.can).toBe(true);
          expect(TERMINAL_STATUSES).not.toContain(status);
          if (step.to === 'cancelled') {
            expect(PRE_DEPLOY.has(status)).toBe(true);
            expect(deployed).toBe(false);
          }
          if (step.to === 'submitted') {
            for (const rule of SUBMIT_RULES) expect(e.gates.find((g) => g.rule === rule)?.passed).toBe(true);
          }
          status = step.to;
          if (status === 'deploying') deployed = true;
          expect(RELEASE_STATUSES).toContain(status);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('reaches every status of the graph when the facts allow (the gates are not a dead end)', () => {
    const reached = new Set<ReleaseStatus>(['draft']);
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 30 }), (steps) => {
        let status: ReleaseStatus = 'draft';
        for (const step of steps) {
          if (evaluateTransition({ ...step.facts, status }, step.to, { transition: step.can }).allowed) {
            status = step.to;
            reached.add(status);
          }
        }
      }),
      { numRuns: 2000 },
    );
    // biased walk: always choose an edge of the graph with permissive facts
    const all: Omit<ReleaseFacts, 'status'> = {
      ...ready(),
      approvals: { quorumMet: true, missing: [], rejectedBy: [] },
      schedule: { ok: true, problems: [] },
      deployWindow: { ok: true, problems: [] },
      deployment: { succeeded: true, rolledBack: true, problems: [] },
      handover: { prepared: true, acknowledged: true },
      review: { required: true, done: true },
    };
    // every edge of the graph opens when its facts allow it, so every status is reachable
    for (const from of RELEASE_STATUSES) {
      for (const to of TRANSITIONS[from]) {
        const facts = { ...all, status: from, approvals: to === 'rejected' ? { quorumMet: false, missing: [], rejectedBy: ['Ann'] } : all.approvals };
        expect(evaluateTransition(facts, to, CAN).allowed, `${from} → ${to}`).toBe(true);
        reached.add(to);
      }
    }
    expect([...reached].sort()).toEqual([...RELEASE_STATUSES].sort());
  });

  it('keeps terminal states terminal whatever the facts', () => {
    fc.assert(
      fc.property(fc.constantFrom(...TERMINAL_STATUSES), stepArb, (status, step) => {
        expect(evaluateTransition({ ...step.facts, status }, step.to, { transition: true }).allowed).toBe(false);
      }),
    );
  });
});
