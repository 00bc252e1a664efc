import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateTransition, RELEASE_TYPES, type BackoutFacts, type ReleaseFacts } from '@/lib/domain/lifecycle';

const CAN = { transition: true };

function ready(backout: BackoutFacts | null | undefined, type: ReleaseFacts['type'] = 'normal'): ReleaseFacts {
  return {
    key: 'REL-1',
    status: 'draft',
    type,
    package: {
      hasPackage: true,
      itemCount: 1,
      sealed: true,
      sealedDigest: 'a'.repeat(64),
      integrity: { ok: true, problems: [] },
      compatibility: { ok: true, problems: [] },
    },
    risks: { riskCount: 0, openRisks: 0, noKnownRisks: true, assessed: true },
    plan: { taskCount: 1, tasksWithoutOwner: [] },
    backout,
  };
}

const backoutGate = (f: ReleaseFacts) => evaluateTransition(f, 'submitted', CAN).gates.find((g) => g.rule === 'backout.plan');

describe('the backout.plan submit gate', () => {
  it('fails without a plan when required, naming the type and the fix', () => {
    const e = evaluateTransition(ready({ required: true, present: false, complete: false, problems: [] }), 'submitted', CAN);
    expect(e.allowed).toBe(false);
    expect(backoutGate(ready({ required: true, present: false, complete: false, problems: [] }))).toMatchObject({
      passed: false,
      why: 'The release policy requires a back-out plan for normal releases and this release has none.',
    });
  });

  it('fails with the problems of an incomplete plan, and passes a complete one', () => {
    expect(backoutGate(ready({ required: true, present: true, complete: false, problems: ['it has no steps'] }))).toMatchObject({
      passed: false,
      why: 'The back-out plan is incomplete: it has no steps.',
    });
    expect(backoutGate(ready({ required: true, present: true, complete: true, problems: [] }))!.passed).toBe(true);
  });

  it('is absent when the policy does not require a plan, or when the fact is not loaded', () => {
    expect(backoutGate(ready({ required: false, present: false, complete: false, problems: [] }, 'standard'))).toBeUndefined();
    expect(backoutGate(ready(undefined))).toBeUndefined();
    expect(evaluateTransition(ready(null), 'submitted', CAN).allowed).toBe(true);
  });

  it('blocks submit exactly when required and not complete (property)', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.boolean(), fc.boolean(), fc.constantFrom(...RELEASE_TYPES), (required, present, completeRaw, type) => {
        const complete = present && completeRaw;
        const e = evaluateTransition(ready({ required, present, complete, problems: complete ? [] : ['x'] }, type), 'submitted', CAN);
        expect(e.allowed).toBe(!required || complete);
      }),
    );
  });
});
