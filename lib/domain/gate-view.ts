import { en, words } from './gate-words';
import type { GateResult, MessageRef } from './result';

// How a list of gates is presented to one person (docs/decisions/051-calm-gates.md). The
// gates themselves (rule, passed, why, fix) are what the API returns, unchanged; this
// only decides the stance of a list: red is kept for what blocks the next step the person
// looking can take. Pure, so the release page and its tests share one rule.

/**
 * - ready: every gate met
 * - deployed: the environment already runs this package (deployment gates only)
 * - blocked: the next step this person can take is held by these gates (red)
 * - waiting: held by time or by other people's decisions, nothing for this person to fix (grey)
 * - later: not the next step (a draft's deployment checks, production before staging) (grey, collapsed)
 * - observed: unmet, but the step is someone else's to take (grey)
 */
export type GateStance = 'ready' | 'deployed' | 'blocked' | 'waiting' | 'later' | 'observed';

/** Stances whose unmet gates are drawn in red. */
export const isAlarming = (s: GateStance) => s === 'blocked';

/** Unmet gates first (in their order), the passed ones apart, to be collapsed. */
export function splitGates<G extends GateResult>(gates: readonly G[]): { unmet: G[]; passed: G[] } {
  return { unmet: gates.filter((g) => !g.passed), passed: gates.filter((g) => g.passed) };
}

// approvals are decided by approvers: the release manager waits for them, nothing to fix
const WAITS_ON_OTHERS = new Set(['approvals.quorum', 'approvals.rejection']);

/** A gate met by other people's decisions (approvals), not by anything the person looking can fix. */
export const waitsOnOthers = (rule: string) => WAITS_ON_OTHERS.has(rule) || rule.startsWith('approvals.quorum.');
const ACTOR_RULES = new Set(['actor.permission', 'actor.manages']);

export interface TransitionStanceInput {
  to: string;
  allowed: boolean;
  gates: readonly GateResult[];
}

/**
 * The stance of one lifecycle step for the person looking. `canAct`: they may move this
 * release through its lifecycle at all. `windowOpensAt`: when the first environment's window
 * opens, if it is still ahead (scheduled → deploying waits for it).
 */
export function transitionStance(t: TransitionStanceInput, canAct: boolean, windowOpensAt: Date | null = null): GateStance {
  if (t.allowed) return 'ready';
  const unmet = t.gates.filter((g) => !g.passed);
  if (!canAct || unmet.some((g) => ACTOR_RULES.has(g.rule))) return 'observed';
  if (unmet.every((g) => waitsOnOthers(g.rule))) return 'waiting';
  if (t.to === 'deploying' && windowOpensAt && unmet.every((g) => g.rule === 'deploy.window')) return 'waiting';
  return 'blocked';
}

export interface DeploymentStanceInput {
  allowed: boolean;
  gates: readonly GateResult[];
  /** when this package last succeeded in the environment (null: never) */
  deployedAt: string | null;
  /** the person may record deployments */
  canRecord: boolean;
  /** when the environment's scheduled window opens, if it is still ahead */
  windowOpensAt: Date | null;
}

const unmetRule = (gates: readonly GateResult[], rule: string) => gates.some((g) => g.rule === rule && !g.passed);

/** The stance of one environment's deployment gate for the person looking. */
export function deploymentStance(d: DeploymentStanceInput): GateStance {
  // succeeded there and nothing open: the gate's question is answered
  if (d.deployedAt && !unmetRule(d.gates, 'deploy.in_flight')) return 'deployed';
  if (d.allowed) return 'ready';
  // not deployable in this status (a draft, or a release past deploying), or an earlier
  // environment comes first: not the next step
  if (unmetRule(d.gates, 'deploy.status') || unmetRule(d.gates, 'deploy.promotion')) return 'later';
  const unmet = d.gates.filter((g) => !g.passed);
  if (d.windowOpensAt && unmet.every((g) => g.rule === 'deploy.window')) return 'waiting';
  if (!d.canRecord) return 'observed';
  return 'blocked';
}

/** The latest success per environment, from a release's deployments of the given digest. */
export function lastSuccessByEnvironment(
  deployments: readonly { environment: string; kind: string; status: string; packageDigest: string | null; finishedAt: string | null }[],
  digest: string | null,
): Map<string, string> {
  const out = new Map<string, string>();
  if (!digest) return out;
  for (const d of deployments) {
    if (d.kind !== 'deploy' || d.status !== 'succeeded' || d.packageDigest !== digest || !d.finishedAt) continue;
    const seen = out.get(d.environment);
    if (!seen || Date.parse(seen) < Date.parse(d.finishedAt)) out.set(d.environment, d.finishedAt);
  }
  return out;
}

/**
 * A countdown in words, minute-grained so that it changes at most once a minute:
 * "2 days 3 h", "2 h 14 min", "14 min", "less than a minute"; "now" once reached.
 */
export function countdownWords(ms: number): string {
  return en(countdownMessage(ms));
}

/** The countdown as a message of the `gates` catalogue (`countdown.*`), for the reader's language. */
export function countdownMessage(ms: number): MessageRef {
  if (!(ms > 0)) return words('countdown.now');
  const minutes = Math.ceil(ms / 60_000);
  if (ms < 60_000) return words('countdown.underMinute');
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  if (days > 0) return hours ? words('countdown.daysHours', { days, hours }) : words('countdown.days', { days });
  if (hours > 0) return mins ? words('countdown.hoursMinutes', { hours, minutes: mins }) : words('countdown.hours', { hours });
  return words('countdown.minutes', { minutes: mins });
}

/** The instant a window opens, if it is still ahead of `now`. */
export function opensAhead(start: string | null | undefined, now: Date): Date | null {
  if (!start) return null;
  const t = Date.parse(start);
  return Number.isFinite(t) && t > now.getTime() ? new Date(t) : null;
}
