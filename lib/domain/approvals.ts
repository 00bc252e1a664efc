import { can, type Role } from './permissions';
import { approvalRulesFor, type PolicyDocument, type ReleaseTypeName, type RiskLevelName } from './policy';
import { failWith, passWith, words as say } from './gate-words';
import type { GateResult } from './result';
import en from '@/messages/en/domain-approvals.json';
import { sayer, type SayValue } from './said';

// The approvals engine's rules, pure: which approvals a release needs (from the
// policy), who may give them (separation of duties), which given approvals count
// (digest, expiry, one person once) and whether the rules can be met at all.
// lib/server/approvals.ts loads the data and writes; everything decided is here.

export const EMERGENCY_APPROVERS_KEY = 'emergency-approvers';
export const EMERGENCY_CONFIRM_KEY = 'emergency-confirm';

export type RequirementKind = 'rule' | 'emergency_confirm';

export interface RequirementSpec {
  key: string;
  description: string;
  /** the role a person must hold; null for the emergency confirmation (admin or CAB) */
  role: Role | null;
  count: number;
  distinctTeams: boolean;
  cabOnly: boolean;
  teamSlug: string | null;
  kind: RequirementKind;
}

export interface Requirement extends RequirementSpec {
  id: string;
}

export interface ApprovalPerson {
  id: string;
  name?: string;
  email: string;
  roles: readonly string[];
  teamSlug: string | null;
  disabled?: boolean;
}

/** Who may not approve a release: separation of duties. */
export interface ReleaseParties {
  key?: string;
  ownerId: string;
  requesterId: string;
  buildAuthorIds: readonly string[];
  buildAuthorEmails: readonly string[];
}

export interface ApprovalInput {
  id: string;
  approver: ApprovalPerson;
  decision: 'approve' | 'reject';
  digest: string;
  createdAt: Date;
  expiresAt: Date | null;
  invalidatedAt: Date | null;
  /** an emergency confirmation (confirmEmergency), not an approval */
  confirmation?: boolean;
}

// Requirements, eligibility and feasibility in words: messages of the domain-approvals catalogue,
// said in English and remembered for the reader's language (decision 060). Gates speak through
// gate-words (the `gates` catalogue). A requirement's description comes from the policy (or from
// here, for the emergency path): it is passed as a sentence said elsewhere.
const tell = sayer('domain-approvals', en);
const described = (description: string): SayValue => ({ said: description });
/** "a, b, c, d and 2 more" (at most four named) */
const names = (items: readonly SayValue[]): SayValue => ({ list: items, max: 4 });

// ---------------------------------------------------------------- requirements

/** The requirements a release needs when it is submitted. Emergency releases take the break-glass path instead. */
export function deriveRequirements(
  policy: PolicyDocument,
  /** protectedTargets: names of the protected environments the release targets (their extra rules apply) */
  release: { level: RiskLevelName; type: ReleaseTypeName; protectedTargets?: readonly string[] },
): RequirementSpec[] {
  if (release.type === 'emergency') {
    const n = policy.emergency.approversRequired;
    return [
      {
        key: EMERGENCY_APPROVERS_KEY,
        description: tell('emergency.approvers', { count: n }),
        role: 'approver',
        count: n,
        distinctTeams: false,
        cabOnly: false,
        teamSlug: null,
        kind: 'rule',
      },
      {
        key: EMERGENCY_CONFIRM_KEY,
        description: tell('emergency.confirmation', { cab: policy.approvals.cab.name, hours: policy.emergency.confirmWithinHours }),
        role: null,
        count: 1,
        distinctTeams: false,
        cabOnly: false,
        teamSlug: null,
        kind: 'emergency_confirm',
      },
    ];
  }
  return approvalRulesFor(policy, release.level, release.type, release.protectedTargets ?? []).map((r) => ({
    key: r.key,
    description: r.description,
    role: r.role,
    count: r.count,
    distinctTeams: r.distinctTeams,
    cabOnly: r.cabOnly,
    teamSlug: r.teamSlug ?? null,
    kind: 'rule' as const,
  }));
}

// ---------------------------------------------------------------- eligibility

export interface Eligibility {
  eligible: boolean;
  reason?: string;
}

const isCab = (person: ApprovalPerson, policy: PolicyDocument) => policy.approvals.cab.members.includes(person.email.toLowerCase());

/** A reason in words, said only when someone reads it (the engine asks "may they?" far more often than "why not?"). */
type Why = { key: string; values?: Record<string, SayValue> };

function sodWhy(person: ApprovalPerson, release: ReleaseParties): Why | null {
  const key: SayValue = release.key ?? { key: 'sod.thisRelease' };
  if (person.id === release.requesterId) return { key: 'sod.requester', values: { key } };
  if (person.id === release.ownerId) return { key: 'sod.owner', values: { key } };
  const email = person.email.toLowerCase();
  if (release.buildAuthorIds.includes(person.id) || release.buildAuthorEmails.some((e) => e.toLowerCase() === email)) {
    return { key: 'sod.buildAuthor', values: { key } };
  }
  return null;
}

/** Separation of duties alone: the reason a person may not decide on this release at all, or null. */
export function separationOfDuties(person: ApprovalPerson, release: ReleaseParties): string | null {
  const why = sodWhy(person, release);
  return why ? tell(why.key, why.values) : null;
}

function ineligibility(person: ApprovalPerson, release: ReleaseParties, rule: RequirementSpec, policy: PolicyDocument): Why | null {
  if (person.disabled) return { key: 'eligibility.disabled' };
  const sod = sodWhy(person, release);
  if (sod) return sod;
  if (rule.kind === 'emergency_confirm') {
    if (!can(person.roles, 'approval.confirm_emergency')) return { key: 'eligibility.confirmRole' };
    if (!person.roles.includes('admin') && !isCab(person, policy)) return { key: 'eligibility.confirmCab', values: { cab: policy.approvals.cab.name } };
    return null;
  }
  // no admin bypass: only people who may decide on approvals count, whatever else they hold
  if (!can(person.roles, 'approval.decide')) return { key: 'eligibility.approveRole' };
  if (rule.role && !person.roles.includes(rule.role)) return { key: 'eligibility.role', values: { description: described(rule.description), role: rule.role } };
  if (rule.cabOnly && !isCab(person, policy))
    return { key: 'eligibility.cabOnly', values: { description: described(rule.description), cab: policy.approvals.cab.name } };
  if (rule.teamSlug && person.teamSlug !== rule.teamSlug)
    return { key: 'eligibility.team', values: { description: described(rule.description), team: rule.teamSlug } };
  if (rule.distinctTeams && !person.teamSlug) return { key: 'eligibility.noTeam', values: { description: described(rule.description) } };
  return null;
}

const isEligible = (person: ApprovalPerson, release: ReleaseParties, rule: RequirementSpec, policy: PolicyDocument) =>
  ineligibility(person, release, rule, policy) === null;

/** May this person's decision count for this requirement? With the reason in words when not. */
export function eligibility(person: ApprovalPerson, release: ReleaseParties, rule: RequirementSpec, policy: PolicyDocument): Eligibility {
  const why = ineligibility(person, release, rule, policy);
  return why ? { eligible: false, reason: tell(why.key, why.values) } : { eligible: true };
}

// ---------------------------------------------------------------- assignment (one person counts once)

/**
 * Assigns people (by index) to requirements so that every requirement in `subset`
 * gets its count, each person at most once, one person per team where distinct
 * teams are asked. Max flow (source → requirement → [team →] person → sink) with
 * deterministic augmenting paths. Returns person → requirement, or null.
 */
function assign(
  subset: readonly number[],
  reqs: readonly RequirementSpec[],
  candidates: readonly { team: string | null; eligibleFor: ReadonlySet<number> }[],
): Map<number, number> | null {
  const need = subset.reduce((s, r) => s + reqs[r]!.count, 0);
  if (need > candidates.length) return null;
  // nodes: 0 source, 1 sink, then requirements, team nodes, people
  const cap: Map<number, Map<number, number>> = new Map();
  const order: Map<number, number[]> = new Map();
  const edge = (u: number, v: number, c: number) => {
    if (!cap.has(u)) cap.set(u, new Map());
    if (!cap.has(v)) cap.set(v, new Map());
    if (!order.has(u)) order.set(u, []);
    if (!order.has(v)) order.set(v, []);
    if (!cap.get(u)!.has(v)) order.get(u)!.push(v);
    if (!cap.get(v)!.has(u)) order.get(v)!.push(u);
    cap.get(u)!.set(v, (cap.get(u)!.get(v) ?? 0) + c);
    if (!cap.get(v)!.has(u)) cap.get(v)!.set(u, 0);
  };
  let next = 2;
  const personNode = candidates.map(() => next++);
  const reqNode = new Map<number, number>();
  for (const r of subset) reqNode.set(r, next++);
  for (const r of subset) {
    const rn = reqNode.get(r)!;
    edge(0, rn, reqs[r]!.count);
    if (reqs[r]!.distinctTeams) {
      const teamNode = new Map<string, number>();
      candidates.forEach((c, p) => {
        if (!c.eligibleFor.has(r) || !c.team) return;
        let tn = teamNode.get(c.team);
        if (tn === undefined) {
          tn = next++;
          teamNode.set(c.team, tn);
          edge(rn, tn, 1);
        }
        edge(tn, personNode[p]!, 1);
      });
    } else {
      candidates.forEach((c, p) => {
        if (c.eligibleFor.has(r)) edge(rn, personNode[p]!, 1);
      });
    }
  }
  personNode.forEach((pn) => edge(pn, 1, 1));
  const dfs = (u: number, seen: Set<number>): boolean => {
    if (u === 1) return true;
    seen.add(u);
    for (const v of order.get(u) ?? []) {
      if (seen.has(v) || (cap.get(u)!.get(v) ?? 0) <= 0) continue;
      if (dfs(v, seen)) {
        cap.get(u)!.set(v, cap.get(u)!.get(v)! - 1);
        cap.get(v)!.set(u, (cap.get(v)!.get(u) ?? 0) + 1);
        return true;
      }
    }
    return false;
  };
  let flow = 0;
  while (flow < need && dfs(0, new Set())) flow++;
  if (flow < need) return null;
  // read the assignment back: which requirement sends flow into each person
  const personOf = new Map<number, number>();
  const reqOfNode = new Map<number, number>();
  for (const [r, rn] of reqNode) reqOfNode.set(rn, r);
  const teamOwner = new Map<number, number>();
  for (const [r, rn] of reqNode) for (const v of order.get(rn) ?? []) if (!reqOfNode.has(v) && v !== 0 && !personNode.includes(v)) teamOwner.set(v, r);
  candidates.forEach((_, p) => {
    const pn = personNode[p]!;
    if ((cap.get(pn)!.get(1) ?? 0) > 0) return; // no flow through this person
    for (const u of order.get(pn) ?? []) {
      if (u === 1) continue;
      // flow u -> pn exists when the reverse capacity is positive
      if ((cap.get(pn)!.get(u) ?? 0) > 0) {
        const r = reqOfNode.get(u) ?? teamOwner.get(u);
        if (r !== undefined) personOf.set(p, r);
        break;
      }
    }
  });
  return personOf;
}

/** Subsets of 0..n-1 of size k, in lexicographic order. */
function* subsetsOfSize(n: number, k: number, start = 0, prefix: number[] = []): Generator<number[]> {
  if (prefix.length === k) {
    yield prefix;
    return;
  }
  for (let i = start; i <= n - (k - prefix.length); i++) yield* subsetsOfSize(n, k, i + 1, [...prefix, i]);
}

/**
 * The largest set of requirements that can all be met at once by these people,
 * each person counted once; deterministic (first such set in requirement order).
 */
function bestAssignment(
  reqs: readonly RequirementSpec[],
  candidates: readonly { team: string | null; eligibleFor: ReadonlySet<number> }[],
): { satisfied: number[]; personOf: Map<number, number> } {
  const n = reqs.length;
  const exhaustive = n <= 12;
  if (exhaustive) {
    for (let k = n; k >= 1; k--) {
      for (const subset of subsetsOfSize(n, k)) {
        const a = assign(subset, reqs, candidates);
        if (a) return { satisfied: subset, personOf: a };
      }
    }
    return { satisfied: [], personOf: new Map() };
  }
  // many requirements: greedy in order (policies hold at most 20 rules; in practice a handful)
  let chosen: number[] = [];
  let best = new Map<number, number>();
  for (let r = 0; r < n; r++) {
    const a = assign([...chosen, r], reqs, candidates);
    if (a) {
      chosen = [...chosen, r];
      best = a;
    }
  }
  return { satisfied: chosen, personOf: best };
}

/** Gives the people not used by a full requirement to the open ones, for partial counts ("1 of 2"). */
function fillPartial(
  reqs: readonly RequirementSpec[],
  candidates: readonly { team: string | null; eligibleFor: ReadonlySet<number> }[],
  satisfied: readonly number[],
  personOf: Map<number, number>,
) {
  const out = new Map(personOf);
  const done = new Set(satisfied);
  for (let r = 0; r < reqs.length; r++) {
    if (done.has(r)) continue;
    const teams = new Set<string>();
    let given = 0;
    for (let p = 0; p < candidates.length && given < reqs[r]!.count - 1; p++) {
      if (out.has(p) || !candidates[p]!.eligibleFor.has(r)) continue;
      const t = candidates[p]!.team;
      if (reqs[r]!.distinctTeams && (!t || teams.has(t))) continue;
      if (t) teams.add(t);
      out.set(p, r);
      given++;
    }
  }
  return out;
}

// ---------------------------------------------------------------- quorum

export type ApprovalState = 'valid' | 'expired' | 'invalidated' | 'stale_digest' | 'excluded' | 'rejection';

export interface RequirementEvaluation {
  key: string;
  given: number;
  satisfied: boolean;
  countedApprovalIds: string[];
}

export interface QuorumEvaluation {
  requirements: RequirementEvaluation[];
  allSatisfied: boolean;
  gates: GateResult[];
  /** per approval id: why it does (not) count */
  states: Record<string, ApprovalState>;
  /** approval id -> requirement key it counts for */
  countsFor: Record<string, string>;
  /** approve decisions on the current digest by someone not counted (no open requirement fits them) */
  uncounted: string[];
}

/** Whether one approval is live and about the current package, before assignment. */
export function approvalState(a: ApprovalInput, currentDigest: string | null, now: Date, release?: ReleaseParties): ApprovalState {
  if (a.invalidatedAt) return 'invalidated';
  if (a.decision === 'reject') return 'rejection';
  if (!currentDigest || a.digest !== currentDigest) return 'stale_digest';
  if (a.expiresAt && a.expiresAt.getTime() <= now.getTime()) return 'expired';
  if (release && sodWhy(a.approver, release)) return 'excluded';
  return 'valid';
}

/**
 * Which requirements the given approvals meet. Only valid approvals count (live,
 * about the current digest, not expired, not by the requester, owner or a build
 * author); each counts for at most one requirement; one person counts once; the
 * assignment maximises the number of requirements met.
 */
export function evaluateQuorum(
  requirements: readonly RequirementSpec[],
  approvals: readonly ApprovalInput[],
  currentDigest: string | null,
  now: Date,
  policy: PolicyDocument,
  release: ReleaseParties = { ownerId: '', requesterId: '', buildAuthorIds: [], buildAuthorEmails: [] },
): QuorumEvaluation {
  const states: Record<string, ApprovalState> = {};
  const valid: ApprovalInput[] = [];
  const seenPeople = new Set<string>();
  const ordered = [...approvals].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const a of ordered) {
    const s = approvalState(a, currentDigest, now, release);
    states[a.id] = s;
    if (s !== 'valid') continue;
    // one person counts once, even if the data holds two live rows
    if (seenPeople.has(a.approver.id)) {
      states[a.id] = 'invalidated';
      continue;
    }
    seenPeople.add(a.approver.id);
    valid.push(a);
  }

  // the emergency confirmation counts only within the window after the first emergency approval
  const firstEmergency = valid.find((a) => !a.confirmation);
  const windowMs = policy.emergency.confirmWithinHours * 3_600_000;
  const candidates = valid.map((a) => {
    const eligibleFor = new Set<number>();
    requirements.forEach((r, i) => {
      if (r.kind === 'emergency_confirm') {
        if (!a.confirmation || !firstEmergency) return;
        const t = a.createdAt.getTime() - firstEmergency.createdAt.getTime();
        if (t < 0 || t > windowMs) return;
      } else if (a.confirmation) {
        return;
      }
      if (isEligible(a.approver, release, r, policy)) eligibleFor.add(i);
    });
    return { team: a.approver.teamSlug, eligibleFor };
  });

  const { satisfied, personOf } = bestAssignment(requirements, candidates);
  const assigned = fillPartial(requirements, candidates, satisfied, personOf);
  const satisfiedSet = new Set(satisfied);
  const countsFor: Record<string, string> = {};
  const evals: RequirementEvaluation[] = requirements.map((r, i) => {
    const ids = valid.filter((_, p) => assigned.get(p) === i).map((a) => a.id);
    for (const id of ids) countsFor[id] = r.key;
    return { key: r.key, given: ids.length, satisfied: satisfiedSet.has(i), countedApprovalIds: ids };
  });
  const uncounted = valid.filter((a) => !countsFor[a.id]).map((a) => a.id);
  const allSatisfied = requirements.length > 0 && evals.every((e) => e.satisfied);

  const gates: GateResult[] = requirements.map((r, i) => {
    const e = evals[i]!;
    const rule = `approvals.quorum.${r.key}`;
    const values = { description: r.description, given: e.given, count: r.count };
    if (e.satisfied) return passWith(rule, say('approvals.quorum.requirementMet', values));
    return failWith(
      rule,
      say('approvals.quorum.requirementUnmet', values),
      r.kind === 'emergency_confirm'
        ? say('approvals.quorum.emergencyFix', { cab: policy.approvals.cab.name, hours: policy.emergency.confirmWithinHours })
        : say('approvals.quorum.moreFix', { more: r.count - e.given }),
    );
  });
  if (requirements.length === 0) {
    gates.push(failWith('approvals.quorum', say('approvals.quorum.noRequirements'), say('approvals.quorum.noRequirementsFix')));
  }
  const stale = ordered.filter((a) => states[a.id] === 'stale_digest').length;
  gates.push(
    passWith(
      'approvals.digest',
      stale
        ? say('approvals.digest.stale', { stale, digest: currentDigest?.slice(0, 12) ?? '—' })
        : currentDigest
          ? say('approvals.digest.current', { digest: currentDigest.slice(0, 12) })
          : say('approvals.digest.currentNone'),
    ),
  );
  const expired = ordered.filter((a) => states[a.id] === 'expired').length;
  const days = policy.approvals.expiryDays;
  gates.push(passWith('approvals.expired', expired ? say('approvals.expired.expired', { expired, days }) : say('approvals.expired.none', { days })));
  const excluded = ordered.filter((a) => states[a.id] === 'excluded').length;
  gates.push(passWith('approvals.sod', excluded ? say('approvals.sod.excluded', { excluded }) : say('approvals.sod.none')));
  return { requirements: evals, allSatisfied, gates, states, countsFor, uncounted };
}

// ---------------------------------------------------------------- feasibility

export interface Candidate extends ApprovalPerson {
  name: string;
}

/**
 * Why an approval by `person` now would count for no requirement, or null when it would count.
 * The caller has already checked that the person may approve and that some requirement they fit
 * is still open; what is left is the assignment itself, e.g. a second approver of the same team
 * on "2 approvers from different teams". `teamName` turns a team slug into the name people know.
 */
export function whyApprovalWouldNotCount(
  requirements: readonly RequirementSpec[],
  approvals: readonly ApprovalInput[],
  currentDigest: string | null,
  now: Date,
  policy: PolicyDocument,
  release: ReleaseParties,
  person: ApprovalPerson,
  teamName: (slug: string) => string = (slug) => slug,
): string | null {
  const others = approvals.filter((a) => a.approver.id !== person.id);
  const probe: ApprovalInput = {
    id: '\u0000probe',
    approver: person,
    decision: 'approve',
    digest: currentDigest ?? '',
    createdAt: now,
    expiresAt: new Date(now.getTime() + 86_400_000),
    invalidatedAt: null,
  };
  const withProbe = evaluateQuorum(requirements, [...others, probe], currentDigest, now, policy, release);
  if (withProbe.countsFor[probe.id]) return null;
  const before = evaluateQuorum(requirements, others, currentDigest, now, policy, release);
  const byId = new Map(others.map((a) => [a.id, a]));
  const reasons = requirements.flatMap((r, i) => {
    if (r.kind !== 'rule' || before.requirements[i]!.satisfied || !isEligible(person, release, r, policy)) return [];
    const counted = before.requirements[i]!.countedApprovalIds.map((id) => byId.get(id)!);
    const sameTeam = r.distinctTeams && person.teamSlug ? counted.find((a) => a.approver.teamSlug === person.teamSlug) : undefined;
    if (sameTeam && person.teamSlug) {
      const team = teamName(person.teamSlug);
      return [tell('wouldNotCount.sameTeam', { description: described(r.description), team })];
    }
    return [tell('wouldNotCount.filled', { description: described(r.description) })];
  });
  // the reasons follow one another as sentences
  const joined = reasons.reduceRight<SayValue | null>(
    (rest, r) => (rest === null ? { said: r } : { key: 'wouldNotCount.then', values: { first: { said: r }, rest } }),
    null,
  );
  return tell('wouldNotCount.line', { reasons: joined ?? { key: 'wouldNotCount.noneOpen' } });
}

/**
 * Can the requirements be met by the people who exist? Each problem in words,
 * e.g. "2 approvers from different teams: only 1 eligible person (Elena Petrova) —
 * Rita Manager is excluded as the requester, the owner or a build author."
 */
export function feasibility(
  requirements: readonly RequirementSpec[],
  candidates: readonly Candidate[],
  release: ReleaseParties,
  policy: PolicyDocument,
): string[] {
  const problems: string[] = [];
  const active = candidates.filter((c) => !c.disabled);
  const byName = (a: Candidate, b: Candidate) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id);
  const sorted = [...active].sort(byName);
  const elig = sorted.map((c) => {
    const eligibleFor = new Set<number>();
    requirements.forEach((r, i) => {
      if (isEligible(c, release, r, policy)) eligibleFor.add(i);
    });
    return { team: c.teamSlug, eligibleFor };
  });
  requirements.forEach((r, i) => {
    const people = sorted.filter((_, p) => elig[p]!.eligibleFor.has(i));
    const usable = r.distinctTeams ? new Set(people.map((p) => p.teamSlug)).size : people.length;
    if (usable >= r.count) return;
    // who would qualify but for separation of duties
    const nobody: ReleaseParties = { ownerId: '', requesterId: '', buildAuthorIds: [], buildAuthorEmails: [] };
    const excluded = sorted.filter((c) => sodWhy(c, release) && isEligible(c, nobody, r, policy));
    const who: SayValue = people.length ? { key: 'feasibility.who', values: { names: names(people.map((p) => p.name)) } } : '';
    const only: SayValue = r.distinctTeams
      ? { key: 'feasibility.onlyInTeams', values: { people: people.length, who, teams: usable } }
      : { key: 'feasibility.only', values: { people: people.length, who } };
    const rest: SayValue = excluded.length
      ? { key: 'feasibility.excluded', values: { names: names(excluded.map((c) => c.name)), count: excluded.length } }
      : '';
    problems.push(tell('feasibility.problem', { description: described(r.description), only, rest }));
  });
  if (problems.length === 0 && requirements.length > 0) {
    const all = requirements.map((_, i) => i);
    if (!assign(all, requirements, elig)) {
      const need = requirements.reduce((s, r) => s + r.count, 0);
      problems.push(tell('feasibility.together', { need, requirements: names(requirements.map((r) => described(r.description))) }));
    }
  }
  return problems;
}
