import type { PolicyDocument, ReleaseTypeName, RiskLevelName } from './policy';

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
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const TYPE_LABEL: Record<ReleaseTypeName, string> = { standard: 'Standard', normal: 'Normal', major: 'Major', emergency: 'Emergency' };

function day(at: Date, now: Date): string {
  const d = `${at.getUTCDate()} ${MONTHS[at.getUTCMonth()]}`;
  return at.getUTCFullYear() === now.getUTCFullYear() ? d : `${d} ${at.getUTCFullYear()}`;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

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
  factors.push({ name: 'Release type', contribution: f.releaseType[facts.type] ?? 0, detail: `${TYPE_LABEL[facts.type] ?? facts.type} release` });

  // component criticality: the component whose tier weighs most
  const tierWeight = (tier: number) => (f.highestComponentTier as Record<string, number>)[String(tier)] ?? 0;
  if (!facts.componentTiers.length) {
    factors.push({ name: 'Component criticality', contribution: 0, detail: 'No components in the package yet' });
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
      name: 'Component criticality',
      contribution: tierWeight(tier),
      detail: name ? `${name} is tier ${tier}` : `Most critical component is tier ${tier}`,
    });
  }

  // production target
  factors.push({
    name: 'Production target',
    contribution: facts.targetsProduction ? f.targetsProduction : 0,
    detail: facts.targetsProduction ? 'Deploys to production' : 'Does not deploy to production',
  });

  // package size: per component beyond the first, capped in all
  const size = Math.max(0, Math.floor(facts.packageSize));
  const extra = Math.max(0, size - 1);
  const sizeContribution = Math.min(f.perExtraComponentMax, extra * f.perExtraComponent);
  factors.push({
    name: 'Package size',
    contribution: sizeContribution,
    detail:
      extra === 0
        ? `${plural(size, 'component')}: nothing beyond the first`
        : `${plural(size, 'component')}${extra * f.perExtraComponent > f.perExtraComponentMax ? ` (capped at ${f.perExtraComponentMax})` : ''}`,
  });

  // open risks: the best band the highest open or accepted risk reaches
  const highest = facts.openRiskScores.reduce((m, s) => Math.max(m, s), 0);
  const reached = f.highestOpenRiskScore.filter((b) => highest >= b.atLeast);
  const riskContribution = reached.reduce((m, b) => Math.max(m, b.contribution), 0);
  factors.push({
    name: 'Open risks',
    contribution: riskContribution,
    detail: facts.openRiskScores.length
      ? `Highest open or accepted risk scores ${highest}${reached.length ? '' : ' (below every band)'}`
      : 'No open or accepted risks',
  });

  // recent failures of the package's components
  const within = f.recentFailure.withinDays;
  const since = facts.now.getTime() - within * DAY;
  const recent = facts.recentFailures
    .filter((x) => x.at.getTime() <= facts.now.getTime() && x.at.getTime() > since)
    .sort((a, b) => b.at.getTime() - a.at.getTime());
  if (recent.length) {
    const shown = recent
      .slice(0, 3)
      .map((x) => `${x.component} ${x.kind === 'backout' ? 'was backed out' : 'failed'} on ${day(x.at, facts.now)}${x.release ? ` (${x.release})` : ''}`);
    const more = recent.length > 3 ? `, and ${recent.length - 3} more` : '';
    factors.push({ name: 'Recent failures', contribution: f.recentFailure.contribution, detail: `${shown.join('; ')}${more}` });
  } else {
    factors.push({
      name: 'Recent failures',
      contribution: 0,
      detail: `No failed deployment or back-out of these components in the last ${plural(within, 'day')}`,
    });
  }

  const score = factors.reduce((n, x) => n + x.contribution, 0);
  return { level: levelForScore(policy.risk.thresholds, score), score, factors };
}

const LEVEL_RANK: Record<RiskLevelName, number> = { low: 0, medium: 1, high: 2, critical: 3 };
export const riskLevelRank = (level: RiskLevelName) => LEVEL_RANK[level];
