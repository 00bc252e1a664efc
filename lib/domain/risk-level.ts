import en from '@/messages/en/domain-risk-level.json';
import type { PolicyDocument, ReleaseTypeName, RiskLevelName } from './policy';
import { sayer, type SayValue } from './said';

// The computed risk level of a release: one factor per factor of the policy,
// each with its contribution and a sentence that says why, so the level can be
// explained (and argued with). Pure: the caller loads the facts.

export interface RiskFacts {
  type: ReleaseTypeName;
  /** tiers of the package's components (1 = most critical) */
  componentTiers: number[];
  /** names of those components, in the same order (for the explanation) */
  componentNames?: string[];
  targetsProduction: boolean;
  /** number of components in the package */
  packageSize: number;
  /** scores of the open or accepted risks */
  openRiskScores: number[];
  /** failed deployments or back-outs of the package's components (older ones are ignored) */
  recentFailures: { component: string; at: Date; release?: string | null; kind?: 'failed' | 'backout' }[];
  now: Date;
}

export interface RiskFactor {
  name: string;
  contribution: number;
  detail: string;
}

export interface RiskAssessment {
  level: RiskLevelName;
  score: number;
  factors: RiskFactor[];
}

const DAY = 86_400_000;

// Factor names and details are messages of the domain-risk-level catalogue, said in English and
// remembered for the reader's language (docs/decisions/060-refusals-in-the-readers-language.md).
const say = sayer('domain-risk-level', en);
const words = (key: string, values?: Record<string, SayValue>): SayValue => (values ? { key, values } : { key });

// said once when the module loads, so that factors stored before a restart are still put in the
// reader's language (the details with values are, while recent)
const NAME = {
  releaseType: say('name.releaseType'),
  componentCriticality: say('name.componentCriticality'),
  productionTarget: say('name.productionTarget'),
  packageSize: say('name.packageSize'),
  openRisks: say('name.openRisks'),
  recentFailures: say('name.recentFailures'),
};
const DETAIL = {
  noComponents: say('detail.noComponents'),
  deploysToProduction: say('detail.deploysToProduction'),
  notToProduction: say('detail.notToProduction'),
  noOpenRisks: say('detail.noOpenRisks'),
};

/** "4 Mar", or "4 Mar 2025" in another year than now's */
function day(at: Date, now: Date): SayValue {
  const values = { day: String(at.getUTCDate()), month: String(at.getUTCMonth() + 1) };
  return at.getUTCFullYear() === now.getUTCFullYear() ? words('day', values) : words('dayYear', { ...values, year: String(at.getUTCFullYear()) });
}

/** The level is the highest threshold the score reaches; below medium it is low. */
export function levelForScore(thresholds: PolicyDocument['risk']['thresholds'], score: number): RiskLevelName {
  if (score >= thresholds.critical) return 'critical';
  if (score >= thresholds.high) return 'high';
  if (score >= thresholds.medium) return 'medium';
  return 'low';
}

export function computeRiskLevel(policy: PolicyDocument, facts: RiskFacts): RiskAssessment {
  const f = policy.risk.factors;
  const factors: RiskFactor[] = [];

  // release type
  factors.push({ name: NAME.releaseType, contribution: f.releaseType[facts.type] ?? 0, detail: say('detail.releaseType', { type: facts.type }) });

  // component criticality: the component whose tier weighs most
  const tierWeight = (tier: number) => (f.highestComponentTier as Record<string, number>)[String(tier)] ?? 0;
  if (!facts.componentTiers.length) {
    factors.push({ name: NAME.componentCriticality, contribution: 0, detail: DETAIL.noComponents });
  } else {
    let best = 0;
    facts.componentTiers.forEach((tier, i) => {
      const w = tierWeight(tier);
      const bw = tierWeight(facts.componentTiers[best]!);
      if (w > bw || (w === bw && tier < facts.componentTiers[best]!)) best = i;
    });
    const tier = facts.componentTiers[best]!;
    const name = facts.componentNames?.[best];
    factors.push({
      name: NAME.componentCriticality,
      contribution: tierWeight(tier),
      detail: name ? say('detail.componentTier', { name, tier: String(tier) }) : say('detail.mostCriticalTier', { tier: String(tier) }),
    });
  }

  // production target
  factors.push({
    name: NAME.productionTarget,
    contribution: facts.targetsProduction ? f.targetsProduction : 0,
    detail: facts.targetsProduction ? DETAIL.deploysToProduction : DETAIL.notToProduction,
  });

  // package size: per component beyond the first, capped in all
  const size = Math.max(0, Math.floor(facts.packageSize));
  const extra = Math.max(0, size - 1);
  const sizeContribution = Math.min(f.perExtraComponentMax, extra * f.perExtraComponent);
  factors.push({
    name: NAME.packageSize,
    contribution: sizeContribution,
    detail:
      extra === 0
        ? say('detail.sizeFirstOnly', { count: size })
        : extra * f.perExtraComponent > f.perExtraComponentMax
          ? say('detail.sizeCapped', { count: size, max: String(f.perExtraComponentMax) })
          : say('detail.size', { count: size }),
  });

  // open risks: the best band the highest open or accepted risk reaches
  const highest = facts.openRiskScores.reduce((m, s) => Math.max(m, s), 0);
  const reached = f.highestOpenRiskScore.filter((b) => highest >= b.atLeast);
  const riskContribution = reached.reduce((m, b) => Math.max(m, b.contribution), 0);
  factors.push({
    name: NAME.openRisks,
    contribution: riskContribution,
    detail: facts.openRiskScores.length
      ? say(reached.length ? 'detail.highestRisk' : 'detail.highestRiskBelowBands', { score: String(highest) })
      : DETAIL.noOpenRisks,
  });

  // recent failures of the package's components
  const within = f.recentFailure.withinDays;
  const since = facts.now.getTime() - within * DAY;
  const recent = facts.recentFailures
    .filter((x) => x.at.getTime() <= facts.now.getTime() && x.at.getTime() > since)
    .sort((a, b) => b.at.getTime() - a.at.getTime());
  if (recent.length) {
    const shown = recent.slice(0, 3).map((x) =>
      words(x.release ? 'failure.withRelease' : 'failure.plain', {
        component: x.component,
        kind: x.kind === 'backout' ? 'backout' : 'failed',
        day: day(x.at, facts.now),
        ...(x.release ? { release: x.release } : {}),
      }),
    );
    // "a; b; c", then ", and 2 more"
    const joined = shown.reduceRight<SayValue | null>((rest, x) => (rest === null ? x : words('failure.then', { first: x, rest })), null)!;
    const detail = recent.length > 3 ? say('detail.failuresMore', { failures: joined, more: recent.length - 3 }) : say('detail.failures', { failures: joined });
    factors.push({ name: NAME.recentFailures, contribution: f.recentFailure.contribution, detail });
  } else {
    factors.push({
      name: NAME.recentFailures,
      contribution: 0,
      detail: say('detail.noFailures', { days: within }),
    });
  }

  const score = factors.reduce((n, x) => n + x.contribution, 0);
  return { level: levelForScore(policy.risk.thresholds, score), score, factors };
}

const LEVEL_RANK: Record<RiskLevelName, number> = { low: 0, medium: 1, high: 2, critical: 3 };
export const riskLevelRank = (level: RiskLevelName) => LEVEL_RANK[level];
