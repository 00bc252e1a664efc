import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateDeploymentGate, isWindowProblem, type DeploymentGateFacts } from '@/lib/domain/deployment-gate';

const base: DeploymentGateFacts = {
  releaseStatus: 'scheduled',
  environment: { name: 'production', position: 2, tier: 'production' },
  window: { ok: true, problems: [] },
  integrity: { ok: true, problems: [] },
  promotion: { earlierEnvironments: [{ name: 'staging', succeeded: true }] },
};
const gate = (f: DeploymentGateFacts, rule: string) => evaluateDeploymentGate(f).gates.find((g) => g.rule === rule)!;

describe('evaluateDeploymentGate', () => {
  it('allows a scheduled or deploying release inside its window with everything in order', () => {
    expect(evaluateDeploymentGate(base)).toMatchObject({ allowed: true });
    expect(evaluateDeploymentGate({ ...base, releaseStatus: 'deploying' }).allowed).toBe(true);
    expect(evaluateDeploymentGate(base).gates.map((g) => g.rule)).toEqual([
      'deploy.status',
      'deploy.window',
      'deploy.freeze',
      'deploy.promotion',
      'deploy.integrity',
      'deploy.in_flight',
    ]);
  });

  it('refuses an approved but unscheduled release with "schedule it first"', () => {
    const g = gate({ ...base, releaseStatus: 'approved' }, 'deploy.status');
    expect(g.passed).toBe(false);
    expect(g.fix).toMatch(/schedule it first/i);
    for (const s of ['draft', 'submitted', 'rejected', 'deployed', 'closed', 'cancelled'])
      expect(gate({ ...base, releaseStatus: s }, 'deploy.status').passed).toBe(false);
  });

  it('splits window problems from freeze problems', () => {
    const window = {
      ok: false,
      problems: ["now is outside production's scheduled window (Dec 1 10:00–12:00 UTC)", 'Year-end freeze (Dec 20 – Jan 2) covers production'],
    };
    const f = { ...base, window };
    expect(gate(f, 'deploy.window')).toMatchObject({ passed: false, why: expect.stringContaining('scheduled window') });
    expect(gate(f, 'deploy.freeze')).toMatchObject({ passed: false, why: expect.stringContaining('Year-end freeze') });
    expect(gate({ ...base, window: { ok: false, problems: ['Incident freeze covers production'] } }, 'deploy.window').passed).toBe(true);
    expect(isWindowProblem('production has no scheduled window')).toBe(true);
    expect(isWindowProblem("now is outside production's maintenance windows")).toBe(true);
  });

  it('refuses a window that is not ok even without a named problem', () => {
    expect(gate({ ...base, window: { ok: false, problems: [] } }, 'deploy.window').passed).toBe(false);
  });

  it('names the earlier environments that have not succeeded', () => {
    const g = gate(
      {
        ...base,
        promotion: {
          earlierEnvironments: [
            { name: 'test', succeeded: true },
            { name: 'staging', succeeded: false },
          ],
        },
      },
      'deploy.promotion',
    );
    expect(g).toMatchObject({ passed: false, why: expect.stringContaining('staging'), fix: expect.stringContaining('staging') });
    expect(gate({ ...base, promotion: { earlierEnvironments: [] } }, 'deploy.promotion').passed).toBe(true);
  });

  it('refuses a tampered package and a deployment already open', () => {
    expect(gate({ ...base, integrity: { ok: false, problems: ['billing-api changed from 2.4.1 to 2.4.2'] } }, 'deploy.integrity')).toMatchObject({
      passed: false,
      why: expect.stringContaining('billing-api'),
    });
    expect(gate({ ...base, alreadyRunning: true }, 'deploy.in_flight').passed).toBe(false);
  });

  it('property: allowed iff every gate passed, and every failed gate says why and what would fix it', () => {
    const problems = fc.array(fc.string({ maxLength: 40 }), { maxLength: 3 });
    const facts = fc.record({
      releaseStatus: fc.constantFrom('draft', 'submitted', 'approved', 'scheduled', 'deploying', 'deployed', 'closed'),
      environment: fc.record({
        name: fc.string({ minLength: 1, maxLength: 20 }),
        position: fc.integer(),
        tier: fc.constantFrom('test', 'staging', 'production'),
      }),
      window: fc.record({ ok: fc.boolean(), problems }),
      integrity: fc.record({ ok: fc.boolean(), problems }),
      promotion: fc.record({
        earlierEnvironments: fc.array(fc.record({ name: fc.string({ minLength: 1, maxLength: 10 }), succeeded: fc.boolean() }), { maxLength: 4 }),
      }),
      alreadyRunning: fc.option(fc.boolean(), { nil: undefined }),
    });
    fc.assert(
      fc.property(facts, (f) => {
        const r = evaluateDeploymentGate(f);
        expect(r.allowed).toBe(r.gates.every((g) => g.passed));
        for (const g of r.gates.filter((x) => !x.passed)) {
          expect(g.why.length).toBeGreaterThan(0);
          expect(g.fix?.length).toBeGreaterThan(0);
        }
        // the only way to be allowed: deployable status, clean window, integrity, promotion, nothing open
        const expected =
          ['scheduled', 'deploying'].includes(f.releaseStatus) &&
          f.window.ok &&
          f.window.problems.length === 0 &&
          f.integrity.ok &&
          f.promotion.earlierEnvironments.every((e) => e.succeeded) &&
          !f.alreadyRunning;
        expect(r.allowed).toBe(expected);
      }),
    );
  });
});

describe('deploy.test_evidence', () => {
  const evidence = (t: Partial<NonNullable<DeploymentGateFacts['testEvidence']>>): DeploymentGateFacts => ({
    ...base,
    testEvidence: { required: true, releaseType: 'normal', earlierEnvironments: ['staging'], passed: [], failed: [], ...t },
  });

  it('is absent unless asked (non-production environments)', () => {
    expect(evaluateDeploymentGate(base).gates.some((g) => g.rule === 'deploy.test_evidence')).toBe(false);
  });

  it('passes when the policy does not require it, naming the type', () => {
    expect(gate(evidence({ required: false, releaseType: 'standard' }), 'deploy.test_evidence')).toMatchObject({
      passed: true,
      why: expect.stringContaining('standard'),
    });
  });

  it('fails without a passing result, with a failure, or without an earlier environment — and blocks the deployment', () => {
    const none = evaluateDeploymentGate(evidence({}));
    expect(none.allowed).toBe(false);
    expect(none.gates.find((g) => g.rule === 'deploy.test_evidence')).toMatchObject({
      passed: false,
      why: expect.stringContaining('no passing verification'),
      fix: expect.stringContaining('staging'),
    });
    expect(gate(evidence({ passed: ['"smoke" in staging'], failed: ['"load" in staging'] }), 'deploy.test_evidence')).toMatchObject({
      passed: false,
      why: expect.stringContaining('"load" in staging failed'),
    });
    expect(gate(evidence({ earlierEnvironments: [], passed: [] }), 'deploy.test_evidence')).toMatchObject({
      passed: false,
      why: expect.stringContaining('without an earlier environment'),
    });
  });

  it('passes with passing results and no failure', () => {
    const ok = evaluateDeploymentGate(evidence({ passed: ['"smoke" in staging', '"contract" in staging'] }));
    expect(ok.gates.find((g) => g.rule === 'deploy.test_evidence')).toMatchObject({
      passed: true,
      why: expect.stringContaining('"contract" in staging passed'),
    });
  });
});

describe('deploy.protected', () => {
  const platform = { id: 't1', name: 'Platform' };
  const red = { id: 't2', name: 'Red' };
  const otto = { name: 'Otto Ops', roles: ['operations'], team: red };
  const pia = { name: 'Pia Platform', roles: ['operations'], team: platform };
  it('is judged only for protected environments (facts given)', () => {
    expect(evaluateDeploymentGate(base).gates.map((g) => g.rule)).not.toContain('deploy.protected');
  });
  it('names who may deploy and who the caller is', () => {
    const g = gate({ ...base, protection: { roles: ['operations'], teams: [platform], deployer: otto } }, 'deploy.protected');
    expect(g).toMatchObject({
      passed: false,
      why: 'production is protected: only operations of team Platform may deploy to it; you are Otto Ops (operations, team Red).',
    });
    expect(g.fix).toMatch(/^Ask operations of team Platform to record the deployment/);
    expect(gate({ ...base, protection: { roles: ['operations'], teams: [platform], deployer: pia } }, 'deploy.protected').passed).toBe(true);
  });
  it('roles only, teams only, several of each, and nobody named', () => {
    expect(gate({ ...base, protection: { roles: ['operations'], teams: [], deployer: otto } }, 'deploy.protected').passed).toBe(true);
    expect(gate({ ...base, protection: { roles: [], teams: [platform, red], deployer: otto } }, 'deploy.protected').passed).toBe(true);
    const noTeam = gate(
      { ...base, protection: { roles: ['admin', 'release_manager'], teams: [platform], deployer: { ...otto, team: null } } },
      'deploy.protected',
    );
    expect(noTeam.why).toBe(
      'production is protected: only admins or release managers of team Platform may deploy to it; you are Otto Ops (operations, in no team).',
    );
    const nobody = evaluateDeploymentGate({ ...base, protection: { roles: [], teams: [], deployer: pia } });
    expect(nobody.allowed).toBe(false);
    expect(nobody.gates.at(-1)!.why).toBe('production is protected, and no one is named who may deploy to it.');
  });
});
