import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { PolicyDocumentSchema, RELEASE_TYPES, type PolicyDocument } from '@/lib/domain/policy';
import { computeRiskLevel, levelForScore, riskLevelRank, type RiskFacts } from '@/lib/domain/risk-level';
import { DEMO_POLICY_DOCUMENT } from '@/prisma/seed/data/policy';

const policy = PolicyDocumentSchema.parse(DEMO_POLICY_DOCUMENT);
const NOW = new Date('2026-11-23T12:00:00Z');
const DAY = 86_400_000;

const base: RiskFacts = {
  type: 'normal',
  componentTiers: [3],
  componentNames: ['docs-site'],
  targetsProduction: false,
  packageSize: 1,
  openRiskScores: [],
  recentFailures: [],
  now: NOW,
};

describe('computeRiskLevel', () => {
  it('gives one factor per policy factor, each explained, summing to the score', () => {
    const r = computeRiskLevel(policy, base);
    expect(r.factors.map((f) => f.name)).toEqual([
      'Release type',
      'Component criticality',
      'Production target',
      'Package size',
      'Open risks',
      'Recent failures',
    ]);
    expect(r.score).toBe(2 + 1);
    expect(r.level).toBe('low');
    expect(r.factors.every((f) => f.detail.length > 0)).toBe(true);
  });

  it('explains a risky release: tier-1 component, production, size, a high open risk and a recent failure', () => {
    const r = computeRiskLevel(policy, {
      type: 'major',
      componentTiers: [3, 1, 2],
      componentNames: ['docs-site', 'billing-api', 'web-storefront'],
      targetsProduction: true,
      packageSize: 3,
      openRiskScores: [6, 12],
      recentFailures: [
        { component: 'payment-gateway', at: new Date('2026-11-03T10:00:00Z'), release: 'REL-4', kind: 'failed' },
        { component: 'ledger', at: new Date(NOW.getTime() - 40 * DAY), release: 'REL-1' },
      ],
      now: NOW,
    });
    const by = Object.fromEntries(r.factors.map((f) => [f.name, f]));
    expect(by['Release type']).toEqual({ name: 'Release type', contribution: 4, detail: 'Major release' });
    expect(by['Component criticality']).toEqual({ name: 'Component criticality', contribution: 5, detail: 'billing-api is tier 1' });
    expect(by['Production target']!.contribution).toBe(2);
    expect(by['Package size']).toMatchObject({ contribution: 2, detail: '3 components' });
    expect(by['Open risks']).toMatchObject({ contribution: 4, detail: 'Highest open or accepted risk scores 12' });
    expect(by['Recent failures']).toMatchObject({ contribution: 3, detail: 'payment-gateway failed on 3 Nov (REL-4)' });
    expect(r.score).toBe(4 + 5 + 2 + 2 + 4 + 3);
    expect(r.level).toBe('critical');
  });

  it('ignores failures older than the policy period and caps the package size', () => {
    const r = computeRiskLevel(policy, {
      ...base,
      packageSize: 9,
      recentFailures: [{ component: 'ledger', at: new Date(NOW.getTime() - 31 * DAY) }],
    });
    const by = Object.fromEntries(r.factors.map((f) => [f.name, f]));
    expect(by['Package size']!.contribution).toBe(3);
    expect(by['Package size']!.detail).toMatch(/capped/);
    expect(by['Recent failures']!.contribution).toBe(0);
    expect(by['Recent failures']!.detail).toMatch(/last 30 days/);
  });

  it('explains an empty package', () => {
    const r = computeRiskLevel(policy, { ...base, componentTiers: [], componentNames: [], packageSize: 0 });
    expect(r.factors.find((f) => f.name === 'Component criticality')).toMatchObject({ contribution: 0, detail: 'No components in the package yet' });
    expect(r.factors.find((f) => f.name === 'Package size')!.contribution).toBe(0);
  });

  it('maps scores to levels by the highest threshold reached', () => {
    const t = policy.risk.thresholds;
    expect(levelForScore(t, t.medium - 1)).toBe('low');
    expect(levelForScore(t, t.medium)).toBe('medium');
    expect(levelForScore(t, t.high)).toBe('high');
    expect(levelForScore(t, t.critical + 10)).toBe('critical');
  });
});

// ---------------------------------------------------------------- properties

const weight = fc.integer({ min: 0, max: 50 });
const policyArb: fc.Arbitrary<PolicyDocument> = fc
  .record({
    thresholds: fc.tuple(fc.integer({ min: 0, max: 48 }), fc.integer({ min: 1, max: 10 }), fc.integer({ min: 1, max: 10 })),
    types: fc.tuple(weight, weight, weight, weight),
    tiers: fc.tuple(weight, weight, weight, weight),
    prod: weight,
    per: weight,
    max: weight,
    bands: fc.array(fc.record({ atLeast: fc.integer({ min: 1, max: 25 }), contribution: weight }), { maxLength: 5 }),
    within: fc.integer({ min: 1, max: 365 }),
    fail: weight,
  })
  .map((p) => {
    const [m, dh, dc] = p.thresholds;
    const high = Math.min(49, m + dh);
    const thresholds = { medium: Math.min(m, high - 1), high, critical: Math.min(50, Math.max(high + 1, high + dc)) };
    return PolicyDocumentSchema.parse({
      ...DEMO_POLICY_DOCUMENT,
      risk: {
        thresholds,
        factors: {
          releaseType: { standard: p.types[0], normal: p.types[1], major: p.types[2], emergency: p.types[3] },
          highestComponentTier: { '1': p.tiers[0], '2': p.tiers[1], '3': p.tiers[2], '4': p.tiers[3] },
          targetsProduction: p.prod,
          perExtraComponent: p.per,
          perExtraComponentMax: p.max,
          highestOpenRiskScore: p.bands,
          recentFailure: { withinDays: p.within, contribution: p.fail },
        },
      },
    });
  });

const factsArb: fc.Arbitrary<RiskFacts> = fc
  .record({
    type: fc.constantFrom(...RELEASE_TYPES),
    tiers: fc.array(fc.integer({ min: 1, max: 4 }), { maxLength: 8 }),
    prod: fc.boolean(),
    risks: fc.array(fc.integer({ min: 1, max: 25 }), { maxLength: 6 }),
    failures: fc.array(fc.record({ daysAgo: fc.integer({ min: 0, max: 400 }), component: fc.constantFrom('a', 'b', 'c') }), { maxLength: 4 }),
  })
  .map((x) => ({
    type: x.type,
    componentTiers: x.tiers,
    targetsProduction: x.prod,
    packageSize: x.tiers.length,
    openRiskScores: x.risks,
    recentFailures: x.failures.map((f) => ({ component: f.component, at: new Date(NOW.getTime() - f.daysAgo * DAY) })),
    now: NOW,
  }));

describe('computeRiskLevel properties', () => {
  it('contributions sum to the score, and the level respects the thresholds', () => {
    fc.assert(
      fc.property(policyArb, factsArb, (p, facts) => {
        const r = computeRiskLevel(p, facts);
        expect(r.factors.reduce((n, f) => n + f.contribution, 0)).toBe(r.score);
        expect(r.factors).toHaveLength(6);
        const t = p.risk.thresholds;
        const expected = r.score >= t.critical ? 'critical' : r.score >= t.high ? 'high' : r.score >= t.medium ? 'medium' : 'low';
        expect(r.level).toBe(expected);
        for (const f of r.factors) expect(f.contribution).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it('adding an open risk never lowers the score or the level', () => {
    fc.assert(
      fc.property(policyArb, factsArb, fc.integer({ min: 1, max: 25 }), (p, facts, score) => {
        const a = computeRiskLevel(p, facts);
        const b = computeRiskLevel(p, { ...facts, openRiskScores: [...facts.openRiskScores, score] });
        expect(b.score).toBeGreaterThanOrEqual(a.score);
        expect(riskLevelRank(b.level)).toBeGreaterThanOrEqual(riskLevelRank(a.level));
      }),
    );
  });

  it('adding a tier-1 component never lowers the score or the level', () => {
    fc.assert(
      fc.property(policyArb, factsArb, (p, facts) => {
        const a = computeRiskLevel(p, facts);
        const b = computeRiskLevel(p, { ...facts, componentTiers: [...facts.componentTiers, 1], packageSize: facts.packageSize + 1 });
        expect(b.score).toBeGreaterThanOrEqual(a.score);
        expect(riskLevelRank(b.level)).toBeGreaterThanOrEqual(riskLevelRank(a.level));
      }),
    );
  });
});
