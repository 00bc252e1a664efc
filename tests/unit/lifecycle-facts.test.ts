import { describe, expect, it } from 'vitest';
import { evaluateTransition, gateFactsFrom, RELEASE_STATUSES, TRANSITIONS, type GateFact, type ReleaseFacts } from '@/lib/domain/lifecycle';

// loadReleaseFacts loads only the facts gateFactsFrom names for the release's status (the
// overview of a release runs the gates on every view). Leaving the others out must never
// change a gate of a next step, nor the refusal of a step outside the graph.

const ALL: Omit<ReleaseFacts, 'status'> = {
  key: 'REL-1',
  type: 'normal',
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
  approvals: { quorumMet: false, missing: ['CAB'], rejectedBy: ['Ann'] },
  schedule: { ok: false, problems: ['a freeze'] },
  deployWindow: { ok: true, problems: [] },
  deployment: { succeeded: true, rolledBack: false, problems: [] },
  backout: { required: true, present: true, complete: false, problems: ['no steps'] },
  handover: { prepared: true, acknowledged: false },
  review: { required: true, done: false },
};
const FACTS: GateFact[] = ['package', 'risks', 'plan', 'approvals', 'schedule', 'deployWindow', 'deployment', 'backout', 'handover', 'review'];

describe('gateFactsFrom', () => {
  it('names every fact the gates of the next steps read', () => {
    for (const status of RELEASE_STATUSES) {
      const need = gateFactsFrom(status);
      const only = { ...ALL, status } as ReleaseFacts;
      for (const f of FACTS) if (!need.has(f)) (only as unknown as Record<string, unknown>)[f] = null;
      for (const to of RELEASE_STATUSES) {
        const full = evaluateTransition({ ...ALL, status }, to, { transition: true });
        const lean = evaluateTransition(only, to, { transition: true });
        expect(lean, `${status} → ${to}${TRANSITIONS[status].includes(to) ? '' : ' (outside the graph)'}`).toEqual(full);
      }
    }
  });
});
