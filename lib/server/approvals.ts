import 'server-only';
import { instantForReader } from '@/lib/domain/zoned-time';
import { recordTransition } from './transition-record';
import { emitEvent } from './events';
import { tellPeople, type Tell } from './notify';
import { z } from 'zod';
import {
  deriveRequirements,
  eligibility,
  whyApprovalWouldNotCount,
  EMERGENCY_CONFIRM_KEY,
  evaluateQuorum,
  feasibility,
  separationOfDuties,
  type ApprovalInput,
  type Candidate,
  type QuorumEvaluation,
  type ReleaseParties,
  type RequirementSpec,
} from '@/lib/domain/approvals';
import type { ApprovalCardView, ApprovalDecisionView, ApprovalPersonRef, ApprovalRequirementView } from '@/lib/domain/approval-card';
import type { ApprovalFacts } from '@/lib/domain/lifecycle';
import type { Locale } from '@/lib/domain/locale';
import type { Role } from '@/lib/domain/permissions';
import type { Prisma } from '@/lib/generated/prisma/client';
import { parsePolicy, type PolicyDocument, type ReleaseTypeName, type RiskLevelName } from '@/lib/domain/policy';
import { allowsValue } from '@/lib/domain/release-rules';
import type { GateResult } from '@/lib/domain/result';
import { defineMutation } from './action';
import type { AuditInput } from './audit';
import { allows, assertCan } from './authz';
import { db, type Tx } from './db';
import { conflict, forbidden, notFound, Refusal, stale } from './errors';
import { releaseKeyField } from './packages';
import { findCurrentPolicy } from './policy-read';
import { findRelease, lockRelease, type ReleaseArg, releaseKey } from './release-ref';
import type { Actor } from './actor';
import { now as clockNow } from './clock';
import { releaseHref } from '@/lib/domain/release-parts';
import type { PreApprovalRecord } from '@/lib/domain/standard-changes';
import { policyOfRelease, preApprovalRecord, standardChangeView, storedPreApproval, storePreApproval } from './standard-changes';

import { localize, sayer, type SayValue, localizeGates } from './say';

const say = sayer('server-approvals');
/** A message said when the check fails (so one with values is fresh for the request that reads it). */
const saying = (key: string, values?: Record<string, SayValue>) => ({ error: () => say(key, values) });

/** Sentences (or phrases) one after the other, as `join(' ')` or `join('; ')` wrote them, each in the reader's language. */
function joined(items: SayValue[], by: 'space' | 'semicolon'): SayValue {
  if (items.length <= 1) return items[0] ?? '';
  return { key: `join.${by}`, values: { first: items[0]!, rest: joined(items.slice(1), by) } };
}
/** Sentences said elsewhere (lib/domain's eligibility reasons), one after the other. */
const saidOneAfterAnother = (sentences: (string | null | undefined)[]) =>
  joined(
    sentences.filter((x): x is string => !!x).map((x) => ({ said: x })),
    'space',
  );

/** "14:05 UTC on 2025-03-01", in parts the sentence places. */
const atTime = (d: Date) => ({ time: d.toISOString().slice(11, 16), day: d.toISOString().slice(0, 10) });
const statusWord = (status: string): SayValue => ({ term: `releaseWord.${status}` });
const typeWord = (type: string): SayValue => (['standard', 'normal', 'major', 'emergency'].includes(type) ? { key: `releaseType.${type}` } : type);
const someone: SayValue = { key: 'someone' };

// The approvals engine: requirements derived from the policy at submit, decisions
// (approve / reject with a comment) bound to the sealed package digest, separation
// of duties, expiry, the emergency break-glass confirmation, and the quorum crossed
// exactly once (the release row is locked FOR UPDATE, so concurrent decisions on
// one release queue behind each other and each sees the previous one's row).
// Every rule is decided by lib/domain/approvals.ts; this module loads and writes.

export const MAX_COMMENT = 4_000;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const fmtUtc = (d: Date) => `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
const short = (digest: string | null | undefined) => (digest ? `${digest.slice(0, 12)}…` : 'none');

// ---------------------------------------------------------------- input

const digestField = z
  .string({ error: say('digest.required') })
  .trim()
  .toLowerCase()
  .transform((v) => v.replace(/^sha256:/, ''))
  .pipe(z.string().regex(/^[0-9a-f]{64}$/, say('digest.shape')));

const commentField = z
  .string({ error: say('comment.text') })
  .trim()
  .max(MAX_COMMENT, saying('comment.tooLong', { max: String(MAX_COMMENT) }))
  .optional()
  .transform((v) => v ?? '');

const decisionField = z.enum(['approve', 'reject'], { error: say('decision.choose') });

const DecisionFields = z.object({
  decision: decisionField.meta({ description: 'approve or reject.', examples: ['approve'] }),
  comment: commentField.meta({ description: `Why; required when rejecting (at most ${MAX_COMMENT} characters).`, examples: ['Checked the rollout plan.'] }),
  packageDigest: digestField.meta({
    description:
      'The sealed package digest the decision is about (GET /api/v1/releases/{key} → package.sealedDigest). Refused as stale when the package changed since.',
    examples: ['4f'.repeat(32)],
  }),
});

function requireRejectComment(v: { decision: 'approve' | 'reject'; comment: string }, ctx: z.RefinementCtx) {
  if (v.decision === 'reject' && !v.comment) {
    ctx.addIssue({ code: 'custom', path: ['comment'], message: say('decision.rejectWhy') });
  }
}

/** The body of POST /api/v1/releases/{key}/approvals. */
export const ApprovalBodySchema = DecisionFields.superRefine(requireRejectComment).meta({ id: 'ApprovalDecisionBody' });

export const DecideApprovalSchema = DecisionFields.extend({ releaseKey: releaseKeyField }).superRefine(requireRejectComment);
export type DecideApprovalInput = z.input<typeof DecideApprovalSchema>;

export const ConfirmEmergencySchema = z.object({ releaseKey: releaseKeyField, packageDigest: digestField, comment: commentField });

// ---------------------------------------------------------------- loading

const userSelect = {
  id: true,
  name: true,
  email: true,
  disabledAt: true,
  team: { select: { slug: true, name: true } },
  roles: { select: { role: true } },
} as const;

type UserRow = { id: string; name: string; email: string; disabledAt: Date | null; team: { slug: string; name: string } | null; roles: { role: Role }[] };

const toPerson = (u: UserRow): Candidate => ({
  id: u.id,
  name: u.name,
  email: u.email.toLowerCase(),
  roles: u.roles.map((r) => r.role),
  teamSlug: u.team?.slug ?? null,
  disabled: !!u.disabledAt,
});
const toRef = (u: UserRow): ApprovalPersonRef => ({ id: u.id, name: u.name, email: u.email, team: u.team?.name ?? null });

const levelOf = (level: string | null): RiskLevelName => (level === 'low' || level === 'medium' || level === 'high' || level === 'critical' ? level : 'high');

async function buildAuthors(tx: Tx, releaseId: string) {
  const items = await tx.packageItem.findMany({ where: { package: { releaseId } }, select: { build: { select: { recordedById: true, producedBy: true } } } });
  return {
    ids: [...new Set(items.map((i) => i.build.recordedById).filter((x): x is string => !!x))],
    emails: [...new Set(items.map((i) => i.build.producedBy.trim().toLowerCase()).filter((x) => x.includes('@')))],
  };
}

/** Names of the protected environments a release targets: the policy's extra rules for them apply. */
async function protectedTargets(tx: Tx, releaseId: string): Promise<string[]> {
  const rows = await tx.releaseEnvironment.findMany({
    where: { releaseId, environment: { protected: true } },
    select: { environment: { select: { name: true } } },
  });
  return rows.map((r) => r.environment.name);
}

async function activeCandidates(tx: Tx): Promise<Candidate[]> {
  const users = await tx.user.findMany({ where: { disabledAt: null }, select: userSelect, orderBy: [{ name: 'asc' }, { id: 'asc' }] });
  return users.map(toPerson);
}

/** Requirement rows back to the domain's specs (cabOnly and kind come from the policy version they were derived from). */
function specsOf(
  rows: { id: string; key: string; description: string; role: Role | null; requiredCount: number; distinctTeams: boolean; team: { slug: string } | null }[],
  policy: PolicyDocument | null,
  release: { riskLevel: string | null; type: string },
): (RequirementSpec & { id: string })[] {
  // a protected environment's extra rules have the same keys whichever environments they name
  const anyProtected = ['(protected)'];
  const derived = policy
    ? deriveRequirements(policy, { level: levelOf(release.riskLevel), type: release.type as ReleaseTypeName, protectedTargets: anyProtected })
    : [];
  const all = policy
    ? (['low', 'medium', 'high', 'critical'] as const).flatMap((level) =>
        deriveRequirements(policy, { level, type: release.type as ReleaseTypeName, protectedTargets: anyProtected }),
      )
    : [];
  return rows.map((r) => {
    const rule = derived.find((d) => d.key === r.key) ?? all.find((d) => d.key === r.key);
    return {
      id: r.id,
      key: r.key,
      description: r.description,
      role: r.role,
      count: r.requiredCount,
      distinctTeams: r.distinctTeams,
      cabOnly: rule?.cabOnly ?? false,
      teamSlug: r.team?.slug ?? null,
      kind: r.key === EMERGENCY_CONFIRM_KEY ? 'emergency_confirm' : 'rule',
    };
  });
}

interface Loaded {
  release: {
    id: string;
    number: number;
    key: string;
    title: string;
    type: string;
    status: string;
    version: number;
    riskLevel: string | null;
    riskFactors: unknown;
    policyVersionId: string | null;
    owner: UserRow;
    requester: UserRow;
  };
  policy: { id: string; version: number; document: PolicyDocument } | null;
  digest: string | null;
  parties: ReleaseParties;
  requirements: (RequirementSpec & { id: string })[];
  approvals: {
    id: string;
    requirementId: string | null;
    decision: 'approve' | 'reject';
    comment: string;
    packageDigest: string;
    createdAt: Date;
    expiresAt: Date | null;
    invalidatedAt: Date | null;
    invalidatedReason: string | null;
    invalidatedBySealId: string | null;
    approver: UserRow;
  }[];
  inputs: ApprovalInput[];
  quorum: QuorumEvaluation | null;
}

async function loadApprovals(tx: Tx, releaseId: string, now: Date): Promise<Loaded> {
  const loaded = (await loadApprovalsMany(tx, [releaseId], now)).get(releaseId);
  if (!loaded) throw notFound(say('release', { key: releaseId.slice(0, 40) }));
  return loaded;
}

/** The approval state of many releases in a fixed number of queries (the inbox reads up to 200 at once). */
async function loadApprovalsMany(tx: Tx, releaseIds: string[], now: Date): Promise<Map<string, Loaded>> {
  const out = new Map<string, Loaded>();
  if (releaseIds.length === 0) return out;
  const where = { releaseId: { in: releaseIds } };
  const releases = await tx.release.findMany({
    where: { id: { in: releaseIds } },
    select: {
      id: true,
      number: true,
      title: true,
      type: true,
      status: true,
      version: true,
      riskLevel: true,
      riskFactors: true,
      policyVersionId: true,
      ownerId: true,
      requesterId: true,
    },
  });
  const policyIds = [...new Set(releases.map((r) => r.policyVersionId).filter((x): x is string => !!x))];
  const [policyRows, packages, items, reqRows, approvalRows] = await Promise.all([
    policyIds.length ? tx.policyVersion.findMany({ where: { id: { in: policyIds } } }) : Promise.resolve([]),
    tx.releasePackage.findMany({ where, select: { releaseId: true, sealedDigest: true } }),
    tx.packageItem.findMany({
      where: { package: where },
      select: { package: { select: { releaseId: true } }, build: { select: { recordedById: true, producedBy: true } } },
    }),
    tx.approvalRequirement.findMany({ where, include: { team: { select: { slug: true } } }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] }),
    tx.approval.findMany({
      where,
      select: {
        id: true,
        releaseId: true,
        requirementId: true,
        decision: true,
        comment: true,
        packageDigest: true,
        createdAt: true,
        expiresAt: true,
        invalidatedAt: true,
        invalidatedReason: true,
        invalidatedBySealId: true,
        approverId: true,
      },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    }),
  ]);
  // The people involved (owners, requesters, approvers: a few dozen) read once, by id, instead
  // of once per release and per decision inside the rows above (the inbox reads 200 releases).
  const userIds = [...new Set([...releases.flatMap((r) => [r.ownerId, r.requesterId]), ...approvalRows.map((a) => a.approverId)])];
  const users = new Map((await tx.user.findMany({ where: { id: { in: userIds } }, select: userSelect })).map((u) => [u.id, u]));
  const person = (id: string): UserRow => {
    const u = users.get(id);
    if (!u) throw new Error(`user ${id} not found`); // foreign keys (onDelete: Restrict) keep them
    return u;
  };
  const group = <T>(rows: T[], key: (row: T) => string): Map<string, T[]> => {
    const m = new Map<string, T[]>();
    for (const row of rows) {
      const k = key(row);
      const list = m.get(k);
      if (list) list.push(row);
      else m.set(k, [row]);
    }
    return m;
  };
  const itemsOf = group(items, (i) => i.package.releaseId);
  const approvalsOf = group(approvalRows, (a) => a.releaseId);
  const requirementsOf = group(reqRows, (q) => q.releaseId);
  const policies = new Map<string, { id: string; version: number; document: PolicyDocument }>();
  for (const row of policyRows) {
    const parsed = parsePolicy(row.document);
    if (parsed.ok) policies.set(row.id, { id: row.id, version: row.version, document: parsed.policy });
  }
  const digestOf = new Map(packages.map((p) => [p.releaseId, p.sealedDigest]));
  for (const { ownerId, requesterId, ...r } of releases) {
    const key = releaseKey(r.number);
    const owner = person(ownerId);
    const requester = person(requesterId);
    const policy = r.policyVersionId ? (policies.get(r.policyVersionId) ?? null) : null;
    const builds = (itemsOf.get(r.id) ?? []).map((i) => i.build);
    const authors = {
      ids: [...new Set(builds.map((b) => b.recordedById).filter((x): x is string => !!x))],
      emails: [...new Set(builds.map((b) => b.producedBy.trim().toLowerCase()).filter((x) => x.includes('@')))],
    };
    const digest = digestOf.get(r.id) ?? null;
    const approvals = (approvalsOf.get(r.id) ?? []).map(({ releaseId: _releaseId, approverId, ...a }) => ({ ...a, approver: person(approverId) }));
    const parties: ReleaseParties = { key, ownerId, requesterId, buildAuthorIds: authors.ids, buildAuthorEmails: authors.emails };
    const requirements = specsOf(requirementsOf.get(r.id) ?? [], policy?.document ?? null, r);
    const confirmId = requirements.find((q) => q.kind === 'emergency_confirm')?.id;
    const inputs: ApprovalInput[] = approvals.map((a) => ({
      id: a.id,
      approver: toPerson(a.approver),
      decision: a.decision,
      digest: a.packageDigest,
      createdAt: a.createdAt,
      expiresAt: a.expiresAt,
      invalidatedAt: a.invalidatedAt,
      confirmation: !!confirmId && a.requirementId === confirmId,
    }));
    const quorum = policy ? evaluateQuorum(requirements, inputs, digest, now, policy.document, parties) : null;
    out.set(r.id, { release: { ...r, owner, requester, key }, policy, digest, parties, requirements, approvals, inputs, quorum });
  }
  return out;
}

// ---------------------------------------------------------------- notifications

async function notify(
  tx: Tx,
  userIds: (string | null | undefined)[],
  n: { kind: string; say: Tell['say']; link: string; releaseId: string; releaseKey?: string },
  except: string | null = null,
) {
  await tellPeople(tx, userIds, n, except);
}

const releaseLink = (key: string) => releaseHref(key, 'approvals');

// ---------------------------------------------------------------- submit

export interface SubmitRelease {
  id: string;
  number: number;
  type: string;
  riskLevel: string | null;
  ownerId: string;
  requesterId: string;
}

/**
 * Called by transitionRelease when a release is submitted (same transaction):
 * writes the requirements the current policy asks for, records the policy version,
 * marks a post-release review as required where the policy says so already, and
 * tells every eligible person. Without a saved policy nothing is derived (the
 * approve gate then says so).
 */
export async function prepareApprovalsOnSubmit(
  tx: Tx,
  release: SubmitRelease,
  policyIn?: { id: string; version: number; document: PolicyDocument } | null,
): Promise<{
  requirements: number;
  notified: number;
  policyVersionId: string | null;
  preApproval: PreApprovalRecord | null;
  standardChangeNote: string | null;
}> {
  const policy = policyIn === undefined ? await findCurrentPolicy(tx) : policyIn;
  const key = releaseKey(release.number);
  const now = clockNow();
  // a new round: earlier decisions (before a rework) no longer count
  await tx.approval.updateMany({
    where: { releaseId: release.id, invalidatedAt: null },
    data: { invalidatedAt: now, invalidatedReason: `Superseded: ${key} was submitted again at ${fmtUtc(now)}; decisions from an earlier round do not count.` },
  });
  await tx.approvalRequirement.deleteMany({ where: { releaseId: release.id } });
  // a pre-approval belongs to one round too: decided again below
  await storePreApproval(tx, release.id, null);
  if (!policy) return { requirements: 0, notified: 0, policyVersionId: null, preApproval: null, standardChangeNote: null };
  const level = levelOf(release.riskLevel);
  const triggers = policy.document.reviewRequiredAfter;
  const review =
    (release.type === 'emergency' && triggers.includes('emergency')) ||
    (release.type === 'major' && triggers.includes('major_release')) ||
    (level === 'critical' && triggers.includes('critical_risk'));
  // the standard-change path (docs/decisions/045-standard-changes.md): within its template's
  // limits, the policy's pre-approval is the decision, recorded on the release; no requirements
  const sc = await standardChangeView(tx, release.id, policy);
  const pre = preApprovalRecord(policy, sc);
  if (pre) {
    await storePreApproval(tx, release.id, pre);
    await tx.release.update({ where: { id: release.id }, data: { policyVersionId: policy.id, ...(review ? { postReviewRequired: true } : {}) } });
    return { requirements: 0, notified: 0, policyVersionId: policy.id, preApproval: pre, standardChangeNote: sc.note };
  }
  const specs = deriveRequirements(policy.document, { level, type: release.type as ReleaseTypeName, protectedTargets: await protectedTargets(tx, release.id) });
  const teams = await tx.team.findMany({
    where: { slug: { in: specs.map((s) => s.teamSlug).filter((s): s is string => !!s) } },
    select: { id: true, slug: true },
  });
  for (const s of specs) {
    await tx.approvalRequirement.create({
      data: {
        releaseId: release.id,
        policyVersionId: policy.id,
        key: s.key,
        description: s.description,
        role: s.role,
        teamId: teams.find((t) => t.slug === s.teamSlug)?.id ?? null,
        requiredCount: s.count,
        distinctTeams: s.distinctTeams,
      },
    });
  }
  await tx.release.update({ where: { id: release.id }, data: { policyVersionId: policy.id, ...(review ? { postReviewRequired: true } : {}) } });

  const authors = await buildAuthors(tx, release.id);
  const parties: ReleaseParties = {
    key,
    ownerId: release.ownerId,
    requesterId: release.requesterId,
    buildAuthorIds: authors.ids,
    buildAuthorEmails: authors.emails,
  };
  const people = await activeCandidates(tx);
  const eligible = people.filter((p) => specs.some((s) => eligibility(p, parties, s, policy.document).eligible));
  const title = await tx.release.findUniqueOrThrow({ where: { id: release.id }, select: { title: true } });
  await notify(
    tx,
    eligible.map((p) => p.id),
    {
      kind: 'approval.requested',
      say: ({ t }) => ({
        title: t(release.type === 'emergency' ? 'approval.requested.titleEmergency' : 'approval.requested.title', { key }),
        body: t('approval.requested.body', { title: title.title, required: specs.map((s) => s.description).join('; ') }),
      }),
      // the approval card: everything an approver decides on, and the decision form
      link: `/approvals/${key}`,
      releaseId: release.id,
      releaseKey: key,
    },
  );
  await emitEvent(tx, {
    type: 'approval.requested',
    releaseId: release.id,
    summary: `${key} waits for approval${release.type === 'emergency' ? ' (emergency)' : ''}: ${title.title}`,
    lines: [`Required: ${specs.map((s) => s.description).join('; ')}.`],
    link: `/approvals/${key}`,
    details: { required: specs.map((s) => s.description), emergency: release.type === 'emergency' },
  });
  return { requirements: specs.length, notified: eligible.length, policyVersionId: policy.id, preApproval: null, standardChangeNote: sc.note };
}

/**
 * A recorded standard-change pre-approval that no longer holds (a risk raised the level, a scope
 * change brought in another component or more builds) is withdrawn in the transaction of the
 * change that broke it (docs/decisions/045-standard-changes.md): the record is cleared, the
 * normal approval round starts with requirements derived now, and an approved or scheduled
 * release goes back to submitted. From deploying on, the pre-approval has been used and stays
 * as the record of what was decided. Returns whether it was withdrawn.
 */
export async function recheckPreApproval(tx: Tx, actor: Actor, audit: (e: AuditInput) => Promise<void>, releaseId: string): Promise<boolean> {
  const pre = await storedPreApproval(tx, releaseId);
  if (!pre) return false;
  const r = await tx.release.findUniqueOrThrow({
    where: { id: releaseId },
    select: { id: true, number: true, status: true, type: true, riskLevel: true, ownerId: true, requesterId: true },
  });
  if (r.status !== 'submitted' && r.status !== 'approved' && r.status !== 'scheduled') return false;
  const decidedUnder = await policyOfRelease(tx, pre.policyVersionId);
  const sc = decidedUnder ? await standardChangeView(tx, releaseId, decidedUnder) : null;
  if (sc?.verdict.kind === 'within') return false;
  const reasons = sc?.verdict.kind === 'exceeded' ? sc.verdict.reasons : [`policy version ${pre.policyVersion} cannot be read`];
  const key = releaseKey(r.number);
  const round = await prepareApprovalsOnSubmit(tx, r);
  const why = `The standard-change pre-approval (${pre.decision}) no longer holds: ${reasons.join('; ')}. The normal approval rules apply.`;
  if (r.status !== 'submitted') {
    const now = clockNow();
    await tx.release.update({ where: { id: r.id }, data: { status: 'submitted', approvedAt: null, submittedAt: now } });
    await recordTransition(tx, {
      data: {
        releaseId: r.id,
        fromStatus: r.status,
        toStatus: 'submitted',
        actorId: actor.id,
        reason: why,
        gates: [{ rule: 'approvals.standard_change', passed: false, why, fix: 'Approvers decide in the new approval round.' }],
        policyVersionId: round.policyVersionId,
        at: now,
      },
    });
    await audit({
      action: 'release.transition',
      targetType: 'release',
      targetId: r.id,
      releaseId: r.id,
      before: { status: r.status },
      after: { status: 'submitted', reason: why, requirements: round.requirements },
    });
  }
  await audit({
    action: 'release.pre_approval_withdrawn',
    targetType: 'release',
    targetId: r.id,
    releaseId: r.id,
    before: { preApproval: pre.decision },
    after: { reasons, requirements: round.requirements, reopened: r.status !== 'submitted', preApproval: round.preApproval?.decision ?? null },
  });
  await notify(tx, [r.ownerId], {
    kind: 'approval.decided',
    say: ({ t }) => ({ title: t('approval.roundNeeded', { key }), body: why }),
    link: releaseLink(key),
    releaseId: r.id,
  });
  return true;
}

// ---------------------------------------------------------------- facts for the lifecycle gates

/**
 * The approvals facts of loadReleaseFacts: before submitting, whether the current
 * policy's requirements can be met by the people who exist (feasibility); after,
 * whether the stored requirements are met by valid approvals.
 */
export async function approvalFacts(tx: Tx, release: { id: string; status: string }, now = clockNow()): Promise<ApprovalFacts> {
  if (allowsValue(release.status, 'followPolicy')) {
    let policy: Awaited<ReturnType<typeof findCurrentPolicy>>;
    try {
      policy = await findCurrentPolicy(tx);
    } catch (err) {
      if (err instanceof Refusal)
        return { quorumMet: false, missing: [], rejectedBy: [], feasibility: { ok: false, problems: [err.message.replace(/\.$/, '')] } };
      throw err;
    }
    if (!policy) return { quorumMet: false, missing: [], rejectedBy: [], feasibility: null };
    // a standard change within its limits will need no approvers: nothing to be feasible
    const sc = await standardChangeView(tx, release.id, policy);
    const standardChange = sc.note ? { preApproved: null, notPreApproved: sc.verdict.kind === 'exceeded' ? sc.note : null } : null;
    if (sc.verdict.kind === 'within') {
      return {
        quorumMet: false,
        missing: [],
        rejectedBy: [],
        feasibility: { ok: true, problems: [] },
        standardChange: { preApproved: null, notPreApproved: null },
      };
    }
    const r = await tx.release.findUniqueOrThrow({
      where: { id: release.id },
      select: { number: true, type: true, riskLevel: true, ownerId: true, requesterId: true },
    });
    const specs = deriveRequirements(policy.document, {
      level: levelOf(r.riskLevel),
      type: r.type as ReleaseTypeName,
      protectedTargets: await protectedTargets(tx, release.id),
    });
    const authors = await buildAuthors(tx, release.id);
    const parties: ReleaseParties = {
      key: releaseKey(r.number),
      ownerId: r.ownerId,
      requesterId: r.requesterId,
      buildAuthorIds: authors.ids,
      buildAuthorEmails: authors.emails,
    };
    const problems = feasibility(specs, await activeCandidates(tx), parties, policy.document);
    return {
      quorumMet: false,
      missing: [],
      rejectedBy: [],
      feasibility: { ok: problems.length === 0, problems: problems.map((p) => p.replace(/\.$/, '')) },
      standardChange,
    };
  }
  // a recorded pre-approval counts only while the release is still within the limits of the
  // policy version it was decided under (never a stale one: see recheckPreApproval)
  const pre = await storedPreApproval(tx, release.id);
  if (pre) {
    const decidedUnder = await policyOfRelease(tx, pre.policyVersionId);
    const sc = decidedUnder ? await standardChangeView(tx, release.id, decidedUnder) : null;
    if (sc?.verdict.kind === 'within') {
      return { quorumMet: true, missing: [], rejectedBy: [], standardChange: { preApproved: pre.decision, notPreApproved: null } };
    }
    const why = sc?.note ?? say('facts.preApprovalUnreadable', { version: pre.policyVersion });
    return {
      quorumMet: false,
      missing: [say('facts.newRound')],
      rejectedBy: [],
      standardChange: { preApproved: null, notPreApproved: why },
    };
  }
  const loaded = await loadApprovals(tx, release.id, now);
  const q = loaded.quorum;
  if (!q) return { quorumMet: false, missing: [say('facts.noRequirements')], rejectedBy: [] };
  const missing = loaded.requirements
    .map((r, i) => ({ r, e: q.requirements[i]! }))
    .filter(({ e }) => !e.satisfied)
    .map(({ r, e }) => say('facts.givenOf', { given: e.given, count: r.count, description: r.description }));
  // from a standard-change template but outside its limits: say which limit brought the rules back
  let standardChange: ApprovalFacts['standardChange'] = null;
  if (loaded.policy && (await tx.release.count({ where: { id: release.id, templateVersionId: { not: null } } }))) {
    const sc = await standardChangeView(tx, release.id, { version: loaded.policy.version, document: loaded.policy.document });
    if (sc.verdict.kind === 'exceeded') standardChange = { preApproved: null, notPreApproved: sc.note };
  }
  return { quorumMet: q.allSatisfied, missing, rejectedBy: [], standardChange };
}

// ---------------------------------------------------------------- decisions

async function actorPerson(tx: Tx, actor: Actor): Promise<UserRow> {
  if (!actor.id) throw forbidden(say('person.only'));
  const u = await tx.user.findUnique({ where: { id: actor.id }, select: userSelect });
  if (!u) throw forbidden(say('person.gone'));
  if (u.disabledAt) throw forbidden(say('person.disabled'));
  return u;
}

/** Locks the submitted release, resolves the deciding person and loads the approval state. */
async function openDecision(tx: Tx, actor: Actor, releaseKey: string) {
  const { id: releaseId } = await lockRelease(tx, releaseKey);
  const now = clockNow();
  const me = await actorPerson(tx, actor);
  const l = await loadApprovals(tx, releaseId, now);
  return { releaseId, now, me, l, key: l.release.key };
}

/**
 * Stores the caller's decision, bound to the package digest they reviewed and the
 * policy version in force (both already checked), counting for `requirementId`.
 */
async function insertApproval(
  tx: Tx,
  { releaseId, now, me, l }: Awaited<ReturnType<typeof openDecision>>,
  d: { requirementId: string; decision: 'approve' | 'reject'; comment: string; expiresAt: Date | null },
) {
  return tx.approval.create({
    data: {
      releaseId,
      requirementId: d.requirementId,
      approverId: me.id,
      decision: d.decision,
      comment: d.comment,
      packageDigest: l.digest!,
      policyVersionId: l.policy!.id,
      createdAt: now,
      expiresAt: d.expiresAt,
    },
    select: { id: true },
  });
}

function assertSubmitted(l: Loaded) {
  if (!allowsValue(l.release.status, 'decideApprovals')) {
    const values = { key: l.release.key, status: statusWord(l.release.status) };
    throw conflict(l.release.status === 'approved' ? say('notSubmitted.approved', values) : say('notSubmitted.other', values));
  }
  if (!l.policy || l.requirements.length === 0) {
    throw conflict(say('noRequirements', { key: l.release.key }));
  }
}

async function assertDigest(tx: Tx, l: Loaded, seen: string) {
  if (!l.digest) throw conflict(say('digest.notSealed', { key: l.release.key }));
  if (seen === l.digest) return;
  const seals = await tx.packageSeal.findMany({
    where: { package: { releaseId: l.release.id } },
    orderBy: { revision: 'asc' },
    select: {
      revision: true,
      digest: true,
      reason: true,
      sealedAt: true,
      sealedBy: { select: { name: true } },
      scopeChangesApplied: { select: { reason: true, requestedBy: { select: { name: true } } } },
    },
  });
  const at = seals.findIndex((s) => s.digest === seen);
  if (at < 0) {
    throw stale(say('digest.unknown', { sent: short(seen), key: l.release.key, current: short(l.digest) }));
  }
  const later = seals.slice(at + 1).map((s): SayValue => {
    const sc = s.scopeChangesApplied[0];
    const what: SayValue = sc
      ? { key: 'seal.scopeChange', values: { reason: sc.reason.slice(0, 200), name: sc.requestedBy.name } }
      : s.reason
        ? { key: 'seal.reason', values: { reason: s.reason.slice(0, 200) } }
        : { key: 'seal.resealed' };
    return { key: 'seal.revision', values: { revision: s.revision, what, name: s.sealedBy?.name ?? someone, at: fmtUtc(s.sealedAt) } };
  });
  throw stale(say('digest.changed', { key: l.release.key, later: joined(later, 'semicolon'), seen: short(seen), current: short(l.digest) }));
}

/** Submitted → approved when every requirement is met, in the caller's transaction (the release row is locked). */
async function crossQuorumIfMet(tx: Tx, actor: Actor, audit: (e: AuditInput) => Promise<void>, releaseId: string, now: Date) {
  const l = await loadApprovals(tx, releaseId, now);
  const q = l.quorum;
  if (!q) return { approved: false, loaded: l };
  // requirements' satisfiedAt follows the evaluation
  for (let i = 0; i < l.requirements.length; i++) {
    const e = q.requirements[i]!;
    await tx.approvalRequirement.updateMany({
      where: { id: l.requirements[i]!.id, satisfiedAt: e.satisfied ? null : { not: null } },
      data: { satisfiedAt: e.satisfied ? now : null },
    });
  }
  for (const [approvalId, reqKey] of Object.entries(q.countsFor)) {
    const req = l.requirements.find((r) => r.key === reqKey)!;
    await tx.approval.updateMany({ where: { id: approvalId, NOT: { requirementId: req.id } }, data: { requirementId: req.id } });
  }
  if (!q.allSatisfied || l.release.status !== 'submitted') return { approved: false, loaded: l };
  const updated = await tx.release.updateMany({
    where: { id: releaseId, status: 'submitted', version: l.release.version },
    data: { status: 'approved', approvedAt: now, version: { increment: 1 }, updatedById: actor.id },
  });
  if (updated.count !== 1) return { approved: false, loaded: l };
  const gates: GateResult[] = [{ rule: 'lifecycle.from_state', passed: true, why: 'A submitted release can be approved.' }, ...q.gates];
  await recordTransition(tx, {
    data: {
      releaseId,
      fromStatus: 'submitted',
      toStatus: 'approved',
      actorId: actor.id,
      reason: `Every required approval is present for package ${short(l.digest)}.`,
      gates: JSON.parse(JSON.stringify(gates)),
      policyVersionId: l.policy!.id,
      at: now,
    },
  });
  await audit({
    action: 'release.transition',
    targetType: 'release',
    targetId: releaseId,
    releaseId,
    before: { status: 'submitted', version: l.release.version },
    after: { status: 'approved', version: l.release.version + 1, reason: 'quorum reached', gates: gates.map((g) => g.rule) },
  });
  await notify(tx, [l.release.owner.id, l.release.requester.id], {
    kind: 'approval.decided',
    say: ({ t }) => ({ title: t('approval.approved.title', { key: l.release.key }), body: t('approval.approved.body', { digest: short(l.digest) }) }),
    link: releaseLink(l.release.key),
    releaseId,
  });
  return { approved: true, loaded: l };
}

export interface DecisionResult {
  key: string;
  approvalId: string;
  decision: 'approve' | 'reject';
  /** the release's status after the decision */
  status: string;
  /** this decision completed the quorum */
  approved: boolean;
  countsFor: string | null;
  expiresAt: string | null;
}

export const decideApproval = defineMutation({
  name: 'approval.decide',
  permission: 'approval.decide',
  input: DecideApprovalSchema,
  async run({ tx, actor, input, audit }): Promise<DecisionResult> {
    const opened = await openDecision(tx, actor, input.releaseKey);
    const { releaseId, now, me, l, key } = opened;
    assertSubmitted(l);
    const person = toPerson(me);
    const sod = separationOfDuties(person, l.parties);
    if (sod) throw forbidden(sod);
    const policy = l.policy!.document;

    // one live decision per person
    const mine = l.approvals.find((a) => a.approver.id === me.id && !a.invalidatedAt);
    if (mine) {
      const expired = mine.decision === 'approve' && mine.expiresAt && mine.expiresAt.getTime() <= now.getTime();
      if (!expired) {
        throw conflict(say(mine.decision === 'approve' ? 'countsOnce.approved' : 'countsOnce.rejected', { key, ...atTime(mine.createdAt) }));
      }
    }
    // which requirements this person could count for (the emergency confirmation is confirmEmergency's)
    const rules = l.requirements.filter((r) => r.kind === 'rule');
    const verdicts = rules.map((r) => ({ r, e: eligibility(person, l.parties, r, policy) }));
    const fits = verdicts.filter((v) => v.e.eligible);
    if (fits.length === 0) {
      const reasons = [...new Set(verdicts.map((v) => v.e.reason).filter(Boolean))];
      throw forbidden(say('cannotCount', { key, reasons: saidOneAfterAnother(reasons) }));
    }
    const q = l.quorum!;
    const open = fits.filter(({ r }) => !q.requirements[l.requirements.indexOf(r)]!.satisfied);
    if (input.decision === 'approve' && open.length === 0) {
      const values = { key, requirements: fits.map(({ r }) => `"${r.description}"`).join(', ') };
      throw conflict(q.allSatisfied ? say('allMet.done', values) : say('allMet.othersOpen', values));
    }
    await assertDigest(tx, l, input.packageDigest);
    if (input.decision === 'approve') {
      // an approval that would count for nothing is refused, not stored uncounted (under the release lock, so a race cannot slip one in)
      const teamNames = new Map([...l.approvals.map((a) => a.approver), me].flatMap((u) => (u.team ? [[u.team.slug, u.team.name] as const] : [])));
      const why = whyApprovalWouldNotCount(l.requirements, l.inputs, l.digest, now, policy, l.parties, person, (slug) => teamNames.get(slug) ?? slug);
      if (why) throw conflict(why);
    }

    if (mine) {
      // the expired approval steps aside for the new one
      await tx.approval.update({
        where: { id: mine.id },
        data: { invalidatedAt: now, invalidatedReason: `Superseded: it expired at ${fmtUtc(mine.expiresAt!)} and ${me.name} decided again at ${fmtUtc(now)}.` },
      });
    }
    const isEmergency = l.release.type === 'emergency';
    const expiresAt =
      input.decision === 'approve'
        ? new Date(
            now.getTime() +
              (isEmergency ? Math.min(policy.approvals.expiryDays * DAY, policy.emergency.confirmWithinHours * HOUR) : policy.approvals.expiryDays * DAY),
          )
        : null;
    const target = (open[0] ?? fits[0])!.r;
    const created = await insertApproval(tx, opened, { requirementId: target.id, decision: input.decision, comment: input.comment, expiresAt });
    await audit({
      action: 'approval.decide',
      targetType: 'approval',
      targetId: created.id,
      releaseId,
      after: {
        decision: input.decision,
        comment: input.comment,
        packageDigest: l.digest,
        requirement: target.key,
        expiresAt: expiresAt?.toISOString() ?? null,
      },
    });
    await emitEvent(tx, {
      type: 'approval.decided',
      releaseId,
      summary: `${me.name} ${input.decision === 'approve' ? 'approved' : 'rejected'} ${key}: ${l.release.title}`,
      lines: input.comment ? [`“${input.comment}”`] : [],
      link: `/approvals/${key}`,
      details: { decision: input.decision, approver: me.name, comment: input.comment ?? '', requirement: target.description },
    });

    if (input.decision === 'reject') {
      await tx.approval.updateMany({
        where: { releaseId, invalidatedAt: null },
        data: { invalidatedAt: now, invalidatedReason: `Superseded: the release was rejected by ${me.name} at ${fmtUtc(now)}.` },
      });
      await tx.approvalRequirement.updateMany({ where: { releaseId }, data: { satisfiedAt: null } });
      const updated = await tx.release.updateMany({
        where: { id: releaseId, status: 'submitted', version: l.release.version },
        data: { status: 'rejected', version: { increment: 1 }, updatedById: actor.id, submittedAt: null },
      });
      if (updated.count !== 1) throw stale(say('changedMeanwhile', { key }));
      const gates: GateResult[] = [
        { rule: 'lifecycle.from_state', passed: true, why: 'A submitted release can be rejected.' },
        { rule: 'approvals.rejection', passed: true, why: `Rejected by ${me.name}.` },
      ];
      await recordTransition(tx, {
        data: {
          releaseId,
          fromStatus: 'submitted',
          toStatus: 'rejected',
          actorId: actor.id,
          reason: input.comment,
          gates: JSON.parse(JSON.stringify(gates)),
          policyVersionId: l.policy!.id,
          at: now,
        },
      });
      await audit({
        action: 'release.transition',
        targetType: 'release',
        targetId: releaseId,
        releaseId,
        before: { status: 'submitted', version: l.release.version },
        after: { status: 'rejected', version: l.release.version + 1, reason: input.comment, gates: gates.map((g) => g.rule) },
      });
      await notify(tx, [l.release.owner.id, l.release.requester.id], {
        kind: 'approval.decided',
        say: ({ t }) => ({ title: t('approval.rejected.title', { key, name: me.name }), body: t('approval.rejected.body', { reasons: input.comment }) }),
        link: releaseLink(key),
        releaseId,
      });
      return { key, approvalId: created.id, decision: 'reject', status: 'rejected', approved: false, countsFor: null, expiresAt: null };
    }

    const crossed = await crossQuorumIfMet(tx, actor, audit, releaseId, now);
    if (!crossed.approved) {
      await notify(
        tx,
        [l.release.owner.id, l.release.requester.id],
        {
          kind: 'approval.decided',
          say: ({ t }) => ({
            title: t('approval.approvedBy.title', { name: me.name, key }),
            body: input.comment ? t('approval.approvedBy.comment', { comment: input.comment }) : t('approval.approvedBy.noComment'),
          }),
          link: releaseLink(key),
          releaseId,
        },
        me.id,
      );
    }
    const countsFor = crossed.loaded.quorum?.countsFor[created.id] ?? null;
    return {
      key,
      approvalId: created.id,
      decision: 'approve',
      status: crossed.approved ? 'approved' : 'submitted',
      approved: crossed.approved,
      countsFor,
      expiresAt: expiresAt?.toISOString() ?? null,
    };
  },
});

export const confirmEmergency = defineMutation({
  name: 'approval.confirm_emergency',
  permission: 'approval.confirm_emergency',
  input: ConfirmEmergencySchema,
  async run({ tx, actor, input, audit }): Promise<DecisionResult> {
    const opened = await openDecision(tx, actor, input.releaseKey);
    const { releaseId, now, me, l, key } = opened;
    if (l.release.type !== 'emergency') throw conflict(say('emergency.notEmergency', { key, type: typeWord(l.release.type) }));
    assertSubmitted(l);
    const confirmReq = l.requirements.find((r) => r.kind === 'emergency_confirm');
    if (!confirmReq) throw conflict(say('emergency.noRequirement', { key }));
    const policy = l.policy!.document;
    const person = toPerson(me);
    const e = eligibility(person, l.parties, confirmReq, policy);
    if (!e.eligible) throw forbidden(e.reason!);
    const mine = l.approvals.find((a) => a.approver.id === me.id && !a.invalidatedAt);
    if (mine)
      throw conflict(
        say(mine.decision === 'approve' ? 'emergency.secondPerson.approved' : 'emergency.secondPerson.decided', { key, ...atTime(mine.createdAt) }),
      );
    const idx = l.requirements.indexOf(confirmReq);
    if (l.quorum!.requirements[idx]!.satisfied) throw conflict(say('emergency.alreadyConfirmed', { key }));
    const first = l.inputs.find((a) => !a.confirmation && l.quorum!.states[a.id] === 'valid');
    if (!first) {
      const lapsed = l.inputs.find((a) => !a.confirmation && l.quorum!.states[a.id] === 'expired');
      throw conflict(
        lapsed
          ? say('emergency.lapsed', { key, at: fmtUtc(lapsed.expiresAt!), hours: policy.emergency.confirmWithinHours })
          : say('emergency.nothingYet', { key, hours: policy.emergency.confirmWithinHours }),
      );
    }
    const deadline = new Date(first.createdAt.getTime() + policy.emergency.confirmWithinHours * HOUR);
    if (now.getTime() > deadline.getTime()) {
      throw conflict(say('emergency.closed', { key, at: fmtUtc(deadline) }));
    }
    await assertDigest(tx, l, input.packageDigest);
    const created = await insertApproval(tx, opened, {
      requirementId: confirmReq.id,
      decision: 'approve',
      comment: input.comment,
      expiresAt: new Date(now.getTime() + policy.approvals.expiryDays * DAY),
    });
    await audit({
      action: 'approval.confirm_emergency',
      targetType: 'approval',
      targetId: created.id,
      releaseId,
      after: { packageDigest: l.digest, confirms: first.id, deadline: deadline.toISOString(), comment: input.comment },
    });
    await emitEvent(tx, {
      type: 'approval.decided',
      releaseId,
      summary: `${me.name} confirmed the emergency approval of ${key}: ${l.release.title}`,
      lines: input.comment ? [`“${input.comment}”`] : [],
      link: `/approvals/${key}`,
      details: { decision: 'approve', approver: me.name, comment: input.comment ?? '', requirement: confirmReq.description },
    });
    const crossed = await crossQuorumIfMet(tx, actor, audit, releaseId, now);
    if (!crossed.approved) {
      await notify(
        tx,
        [l.release.owner.id, l.release.requester.id],
        { kind: 'approval.decided', say: ({ t }) => ({ title: t('approval.emergencyConfirmed', { name: me.name, key }) }), link: releaseLink(key), releaseId },
        me.id,
      );
    }
    return {
      key,
      approvalId: created.id,
      decision: 'approve',
      status: crossed.approved ? 'approved' : 'submitted',
      approved: crossed.approved,
      countsFor: confirmReq.key,
      expiresAt: null,
    };
  },
});

// ---------------------------------------------------------------- scope changes

/**
 * After applyScopeChange invalidated approvals (same transaction): tells the people
 * whose approvals no longer count, and the owner, which change invalidated them.
 */
export async function notifyApprovalsInvalidated(tx: Tx, release: { id: string; number: number }, sealId: string, changeReason: string, appliedBy: string) {
  const rows = await tx.approval.findMany({ where: { releaseId: release.id, invalidatedBySealId: sealId }, select: { approverId: true } });
  if (rows.length === 0) return;
  const { ownerId } = await tx.release.findUniqueOrThrow({ where: { id: release.id }, select: { ownerId: true } });
  const key = releaseKey(release.number);
  await notify(tx, [...rows.map((r) => r.approverId), ownerId], {
    kind: 'approval.invalidated',
    say: ({ t }) => ({
      title: t('approval.invalidated.title', { key }),
      body: t('approval.invalidated.body', { name: appliedBy, reason: changeReason.slice(0, 300), count: rows.length }),
    }),
    link: releaseLink(key),
    releaseId: release.id,
  });
}

// ---------------------------------------------------------------- expiry warnings

/**
 * One "about to expire" notification per valid approval on a submitted release, to
 * the approver and the release owner, once the policy's warning period starts.
 * Idempotent: an approval already warned about is skipped. Run every minute by the job
 * engine's tick (lib/server/jobs/runtime.ts), not by page loads.
 */
export async function notifyExpiringApprovals(now = clockNow()): Promise<number> {
  const prisma = await db();
  const horizon = new Date(now.getTime() + 240 * HOUR);
  const rows = await prisma.approval.findMany({
    where: { invalidatedAt: null, decision: 'approve', expiresAt: { gt: now, lte: horizon }, release: { status: 'submitted' } },
    select: {
      id: true,
      approverId: true,
      expiresAt: true,
      policyVersionId: true,
      approver: { select: { name: true } },
      release: { select: { id: true, number: true, ownerId: true } },
    },
    take: 500,
  });
  let written = 0;
  const warnings = new Map<string, number>();
  for (const a of rows) {
    if (!warnings.has(a.policyVersionId)) {
      const pv = await prisma.policyVersion.findUnique({ where: { id: a.policyVersionId }, select: { document: true } });
      const parsed = pv ? parsePolicy(pv.document) : null;
      warnings.set(a.policyVersionId, parsed?.ok ? parsed.policy.approvals.expiryWarningHours : 24);
    }
    if (a.expiresAt!.getTime() - now.getTime() > warnings.get(a.policyVersionId)! * HOUR) continue;
    const key = releaseKey(a.release.number);
    const link = releaseHref(key, 'approvals', `approval-${a.id}`);
    const done = await prisma.notification.count({ where: { kind: 'approval.expiring', link } });
    if (done > 0) continue;
    await prisma.$transaction(async (tx) => {
      await tellPeople(tx, [a.approverId, a.release.ownerId], {
        kind: 'approval.expiring',
        say: ({ t, zone, locale }) => ({
          title: t('approval.expiring.title', { name: a.approver.name, key }),
          body: t('approval.expiring.body', { at: instantForReader(a.expiresAt!, zone, locale) }),
        }),
        link,
        releaseId: a.release.id,
        releaseKey: key,
        // asked again on every tick while nobody has it in Relm: one e-mail per warning and person
        eventKey: link,
      });
    });
    written++;
  }
  return written;
}

// ---------------------------------------------------------------- waiting approvals (reminders, escalation)

export interface WaitingApproval {
  releaseId: string;
  key: string;
  title: string;
  ownerId: string;
  /** the open requirements, in words ("0 of 2: 2 approvers from different teams") */
  missing: string[];
  /** the people who can still count for an open requirement and have not decided */
  canApprove: { id: string; name: string }[];
}

/**
 * For the timed approval reminders and escalation (lib/server/escalations.ts): of the given
 * releases, those still submitted with requirements not met, with who can still approve
 * each (the inbox's rule: eligible for an open requirement, separation of duties, no live
 * decision of their own; an emergency confirmation only once an approval exists to confirm).
 */
export async function waitingApprovals(tx: Tx, releaseIds: string[], now = clockNow()): Promise<WaitingApproval[]> {
  const loaded = await loadApprovalsMany(tx, releaseIds, now);
  const out: WaitingApproval[] = [];
  let people: Candidate[] | null = null;
  for (const id of releaseIds) {
    const l = loaded.get(id);
    if (!l || !l.policy || !l.quorum || l.release.status !== 'submitted' || l.requirements.length === 0 || l.quorum.allSatisfied) continue;
    people ??= await activeCandidates(tx);
    const q = l.quorum;
    const open = l.requirements.filter((_, i) => !q.requirements[i]!.satisfied);
    const hasEmergencyApproval = l.inputs.some((a) => !a.confirmation && q.states[a.id] === 'valid');
    const canApprove = people.filter((p) => {
      const mine = l.approvals.find((a) => a.approver.id === p.id && !a.invalidatedAt);
      if (mine && !(mine.decision === 'approve' && mine.expiresAt && mine.expiresAt.getTime() <= now.getTime())) return false;
      return open.some((r) => eligibility(p, l.parties, r, l.policy!.document).eligible && (r.kind === 'rule' || hasEmergencyApproval));
    });
    out.push({
      releaseId: l.release.id,
      key: l.release.key,
      title: l.release.title,
      ownerId: l.release.owner.id,
      missing: open.map((x) => say('missingOf', { given: q.requirements[l.requirements.indexOf(x)]!.given, count: x.count, description: x.description })),
      canApprove: canApprove.map((p) => ({ id: p.id, name: p.name })),
    });
  }
  return out;
}

// ---------------------------------------------------------------- reads

function decisionState(a: Loaded['approvals'][number], q: QuorumEvaluation | null): ApprovalDecisionView['state'] {
  if (a.invalidatedAt) return a.invalidatedReason?.startsWith('Superseded') ? 'superseded' : 'invalidated';
  const s = q?.states[a.id];
  if (s === 'expired') return 'expired';
  if (s === 'stale_digest') return 'invalidated';
  return 'valid';
}

async function invalidationWords(
  tx: Tx,
  approvals: Loaded['approvals'],
  q: QuorumEvaluation | null,
  digest: string | null,
): Promise<Map<string, string | null>> {
  const sealIds = [...new Set(approvals.map((a) => a.invalidatedBySealId).filter((x): x is string => !!x))];
  const seals = sealIds.length
    ? await tx.packageSeal.findMany({
        where: { id: { in: sealIds } },
        select: {
          id: true,
          revision: true,
          sealedAt: true,
          sealedBy: { select: { name: true } },
          scopeChangesApplied: { select: { reason: true, requestedBy: { select: { name: true } } } },
        },
      })
    : [];
  const out = new Map<string, string | null>();
  for (const a of approvals) {
    const seal = seals.find((s) => s.id === a.invalidatedBySealId);
    if (seal) {
      const sc = seal.scopeChangesApplied[0];
      out.set(
        a.id,
        sc
          ? say('invalidated.byScopeChange', {
              reason: sc.reason,
              requester: sc.requestedBy.name,
              name: seal.sealedBy?.name ?? someone,
              at: fmtUtc(seal.sealedAt),
              revision: seal.revision,
            })
          : say('invalidated.bySeal', { revision: seal.revision, name: seal.sealedBy?.name ?? someone, at: fmtUtc(seal.sealedAt) }),
      );
    } else if (a.invalidatedAt) out.set(a.id, a.invalidatedReason ?? say('invalidated.since', { at: fmtUtc(a.invalidatedAt) }));
    else if (q?.states[a.id] === 'expired') out.set(a.id, say('invalidated.expired', { at: fmtUtc(a.expiresAt!) }));
    else if (q?.states[a.id] === 'stale_digest')
      out.set(
        a.id,
        digest
          ? say('invalidated.staleDigest', { digest: short(a.packageDigest), current: short(digest) })
          : say('invalidated.staleNoDigest', { digest: short(a.packageDigest) }),
      );
    else if (q?.states[a.id] === 'excluded') out.set(a.id, say('invalidated.excluded'));
    else out.set(a.id, null);
  }
  return out;
}

/** Why the viewer may (not) decide now. */
function viewerVerdict(actor: Actor | null, l: Loaded, viewer: Candidate | null): { can: boolean; why: string | null } {
  if (!actor || !viewer) return { can: false, why: say('verdict.signIn') };
  if (!allowsValue(l.release.status, 'decideApprovals'))
    return { can: false, why: say('verdict.notSubmitted', { key: l.release.key, status: statusWord(l.release.status) }) };
  if (!l.policy || !l.quorum || l.requirements.length === 0) return { can: false, why: say('verdict.noRequirements', { key: l.release.key }) };
  const sod = separationOfDuties(viewer, l.parties);
  if (sod) return { can: false, why: sod };
  const mine = l.approvals.find((a) => a.approver.id === viewer.id && !a.invalidatedAt);
  const now = clockNow();
  if (mine && !(mine.decision === 'approve' && mine.expiresAt && mine.expiresAt.getTime() <= now.getTime())) {
    return {
      can: false,
      why: say(mine.decision === 'approve' ? 'countsOnce.approved' : 'countsOnce.rejected', { key: l.release.key, ...atTime(mine.createdAt) }),
    };
  }
  const q = l.quorum;
  const open = l.requirements.filter((r, i) => !q.requirements[i]!.satisfied);
  const decide = allows(actor, 'approval.decide');
  const confirm = allows(actor, 'approval.confirm_emergency');
  const hasEmergencyApproval = l.inputs.some((a) => !a.confirmation && q.states[a.id] === 'valid');
  for (const r of open) {
    const e = eligibility(viewer, l.parties, r, l.policy.document);
    if (e.eligible && r.kind === 'rule' && decide) return { can: true, why: null };
    if (e.eligible && r.kind === 'emergency_confirm' && confirm) {
      if (hasEmergencyApproval) return { can: true, why: null };
      return { can: false, why: say('verdict.nothingToConfirm', { key: l.release.key, hours: l.policy.document.emergency.confirmWithinHours }) };
    }
  }
  const reasons = [...new Set(open.map((r) => eligibility(viewer, l.parties, r, l.policy!.document).reason).filter(Boolean))];
  if (open.length === 0) return { can: false, why: say('verdict.allMet') };
  if (reasons.length === 1) return { can: false, why: reasons[0]! };
  return { can: false, why: reasons.length ? say('verdict.reasons', { reasons: saidOneAfterAnother(reasons) }) : say('verdict.cannotCount') };
}

/** Everything an approver needs to decide on one release (lib/domain/approval-card.ts). */
export async function getApprovalCard(actor: Actor | null, release: ReleaseArg): Promise<ApprovalCardView | null> {
  assertCan(actor, 'release.read');
  const prisma = await db();
  const ref = typeof release === 'string' ? await findRelease(prisma, String(release).toUpperCase()) : release;
  if (!ref) return null;
  return prisma.$transaction(async (tx) => {
    const now = clockNow();
    const l = await loadApprovals(tx, ref.id, now);
    const q = l.quorum;
    const words = await invalidationWords(tx, l.approvals, q, l.digest);
    const candidates = l.policy ? await activeCandidates(tx) : [];
    const viewerRow = actor.id ? await tx.user.findUnique({ where: { id: actor.id }, select: userSelect }) : null;
    const viewer = viewerRow ? toPerson(viewerRow) : null;
    const decided = new Set(l.approvals.filter((a) => !a.invalidatedAt && !(q?.states[a.id] === 'expired')).map((a) => a.approver.id));
    const refOf = new Map<string, ApprovalPersonRef>();
    const users = l.policy ? await tx.user.findMany({ where: { disabledAt: null }, select: userSelect }) : [];
    for (const u of users) refOf.set(u.id, toRef(u));

    const requirements: ApprovalRequirementView[] = l.requirements.map((r, i) => {
      const e = q?.requirements[i];
      const given = e?.given ?? 0;
      const remaining = l.policy
        ? candidates
            .filter((c) => !decided.has(c.id) && eligibility(c, l.parties, r, l.policy!.document).eligible)
            .map((c) => refOf.get(c.id)!)
            .filter(Boolean)
        : [];
      const missing = r.count - given;
      const usable = r.distinctTeams ? new Set(remaining.map((p) => p.team)).size : remaining.length;
      return {
        id: r.id,
        key: r.key,
        description: r.description,
        role: r.role,
        requiredCount: r.count,
        distinctTeams: r.distinctTeams,
        cabOnly: r.cabOnly,
        team: r.teamSlug,
        given,
        satisfied: e?.satisfied ?? false,
        eligibleRemaining: remaining,
        unmeetable:
          !e?.satisfied && usable < missing
            ? r.distinctTeams
              ? say('unmeetable.teams', { missing, count: remaining.length, teams: usable })
              : say('unmeetable.people', { missing, count: remaining.length })
            : null,
      };
    });
    const decisions: ApprovalDecisionView[] = l.approvals.map((a) => ({
      id: a.id,
      approver: toRef(a.approver),
      decision: a.decision,
      comment: a.comment,
      at: a.createdAt.toISOString(),
      packageDigest: a.packageDigest,
      countsFor: q?.countsFor[a.id] ?? null,
      expiresAt: a.expiresAt?.toISOString() ?? null,
      state: decisionState(a, q),
      invalidatedReason: words.get(a.id) ?? null,
    }));
    const verdict = viewerVerdict(actor, l, viewer);
    let emergency: ApprovalCardView['emergency'] = null;
    if (l.release.type === 'emergency') {
      const confirmReq = l.requirements.find((r) => r.kind === 'emergency_confirm');
      const first = q ? l.inputs.find((a) => !a.confirmation && q.states[a.id] === 'valid') : undefined;
      const confirmation = confirmReq ? l.approvals.find((a) => a.requirementId === confirmReq.id && !a.invalidatedAt) : undefined;
      emergency = {
        required: true,
        confirmBy: first && l.policy ? new Date(first.createdAt.getTime() + l.policy.document.emergency.confirmWithinHours * HOUR).toISOString() : null,
        confirmedBy: confirmation ? toRef(confirmation.approver) : null,
      };
    }
    const rf = (l.release.riskFactors ?? null) as { score?: unknown; factors?: unknown } | null;
    const factors = Array.isArray(rf?.factors)
      ? (rf!.factors as { name?: unknown; contribution?: unknown; detail?: unknown }[]).map((f) => ({
          name: String(f.name ?? ''),
          contribution: typeof f.contribution === 'number' ? f.contribution : 0,
          detail: String(f.detail ?? ''),
        }))
      : [];
    return {
      releaseKey: l.release.key,
      title: l.release.title,
      type: l.release.type,
      status: l.release.status,
      owner: toRef(l.release.owner),
      requester: toRef(l.release.requester),
      version: l.release.version,
      policyVersion: l.policy?.version ?? null,
      packageDigest: l.digest,
      riskLevel: l.release.riskLevel,
      riskScore: typeof rf?.score === 'number' ? rf.score : null,
      riskFactors: factors,
      requirements,
      decisions,
      viewerCanDecide: verdict.can,
      viewerCannotDecideBecause: verdict.can ? null : verdict.why,
      gates: q?.gates ?? [],
      emergency,
    };
  });
}

/** The card's sentences (why the viewer cannot decide, unmeetable requirements, why a decision no longer counts) in the reader's language. */
export function approvalCardIn(card: ApprovalCardView, locale: Locale): ApprovalCardView {
  if (locale === 'en') return card;
  const said = (text: string | null) => (text === null ? null : localize(text, locale));
  return {
    ...card,
    viewerCannotDecideBecause: said(card.viewerCannotDecideBecause),
    requirements: card.requirements.map((r) => ({ ...r, unmeetable: said(r.unmeetable) })),
    decisions: card.decisions.map((d) => ({ ...d, invalidatedReason: said(d.invalidatedReason) })),
    gates: localizeGates(card.gates, locale) ?? card.gates,
  };
}

export interface InboxItem {
  key: string;
  title: string;
  type: string;
  riskLevel: string | null;
  owner: string;
  submittedAt: string | null;
  plannedStart: string | null;
  packageDigest: string | null;
  /** the open requirements the viewer can count for */
  youCountFor: string[];
  /** every open requirement, in words */
  missing: string[];
  /** emergency: confirm by */
  confirmBy: string | null;
  /** the earliest expiry among the approvals counted so far */
  nextExpiry: string | null;
}

export const INBOX_PAGE_SIZE = 50;
/** releases evaluated per round of loadApprovalsMany: bounds the IN lists and the memory of one round */
const INBOX_BATCH = 200;

export interface InboxPage {
  /**
   * Releases waiting for the viewer: every one when `complete`, else those found so far
   * (at least one beyond this page; the next pages find the rest).
   */
  total: number;
  /** whether `total` counts every waiting release */
  complete: boolean;
  /**
   * submitted releases that might wait for the viewer: when `complete`, exactly those that passed
   * the inbox's filters; before that an upper bound (every submitted release)
   */
  candidates: number;
  /** 1-based, clamped to the last page */
  page: number;
  pageSize: number;
  items: InboxItem[];
}

/**
 * Releases waiting for the viewer's decision: submitted, the viewer eligible for an open
 * requirement and not yet decided; oldest submission first, one page of them. Eligibility
 * is the policy's rule (lib/domain), so submitted releases are read and evaluated in batches,
 * oldest first, as far as the page needs (it used to stop at the first 200 submitted); the
 * total is exact once the last batch has been evaluated, a lower bound before.
 */
export async function listMyApprovalInbox(actor: Actor | null, opts: { page?: number; pageSize?: number } = {}): Promise<InboxPage> {
  assertCan(actor, 'approval.inbox');
  const pageSize = Math.max(1, Math.min(opts.pageSize ?? INBOX_PAGE_SIZE, 500));
  const requested = Math.max(1, Math.floor(opts.page ?? 1) || 1);
  const prisma = await db();
  // No interactive transaction: these are reads, each statement seeing committed data as it
  // would inside a read-committed transaction, and none holds a pooled connection for the
  // whole page.
  const all = await (async () => {
    const viewerRow = actor.id ? await prisma.user.findUnique({ where: { id: actor.id }, select: userSelect }) : null;
    if (!viewerRow || viewerRow.disabledAt) return { items: [] as InboxItem[], complete: true, candidates: 0 };
    const viewer = toPerson(viewerRow);
    const now = clockNow();
    // Only what viewerVerdict would certainly refuse is left out here (no requirements,
    // the viewer's own release or build, a live decision of theirs that has not expired);
    // the verdict below still decides every release that remains.
    // The viewer's own builds first (usually none: then the package is not looked at; as a
    // relation filter it joined every package of the organisation).
    const authored = await prisma.build.findMany({
      where: { OR: [{ recordedById: viewer.id }, { producedBy: { equals: viewer.email, mode: 'insensitive' } }] },
      select: { id: true },
    });
    const where: Prisma.ReleaseWhereInput = {
      status: 'submitted',
      policyVersionId: { not: null },
      approvalRequirements: { some: {} },
      ownerId: { not: viewer.id },
      requesterId: { not: viewer.id },
      NOT: [
        ...(authored.length ? [{ package: { is: { items: { some: { buildId: { in: authored.map((b) => b.id) } } } } } }] : []),
        {
          approvals: {
            some: { approverId: viewer.id, invalidatedAt: null, OR: [{ decision: 'reject' }, { expiresAt: null }, { expiresAt: { gt: now } }] },
          },
        },
      ],
    };
    // The verdict is decided a batch at a time, oldest first, only as far as the page asked
    // for (and one release beyond it, to know whether a next page exists): the cost of a
    // page does not grow with the number of submitted releases in the organisation. Each
    // batch reads one row more than it evaluates, which says whether any candidate is left.
    const wanted = requested * pageSize + 1;
    const items: InboxItem[] = [];
    let at = 0;
    let more = true;
    while (more && items.length < wanted) {
      const rows = await prisma.release.findMany({
        where,
        select: { id: true, plannedStart: true, submittedAt: true },
        // the order the inbox shows (components/approvals/inbox.tsx oldestFirst): oldest submission, then key
        orderBy: [{ submittedAt: { sort: 'asc', nulls: 'last' } }, { number: 'asc' }],
        skip: at,
        take: INBOX_BATCH + 1,
      });
      more = rows.length > INBOX_BATCH;
      const batch = rows.slice(0, INBOX_BATCH);
      at += batch.length;
      if (batch.length) items.push(...(await inboxItems(prisma, actor, viewer, batch, now)));
    }
    // Every candidate read: their number is exact. Otherwise the submitted releases, an upper
    // bound counted on the status index: counting the candidates themselves (the filters above
    // over every submitted release) was the slowest statement of the page at 100,000 releases,
    // for a number no page shows.
    const candidates = more ? Math.max(at + 1, await prisma.release.count({ where: { status: 'submitted' } })) : at;
    return { items, complete: !more, candidates };
  })();
  const found = all.items.length;
  const page = Math.min(requested, Math.max(1, Math.ceil(found / pageSize)));
  return { total: found, complete: all.complete, candidates: all.candidates, page, pageSize, items: all.items.slice((page - 1) * pageSize, page * pageSize) };
}

/** Inbox items with their open requirements in the reader's language. */
export function inboxItemsIn(items: InboxItem[], locale: Locale): InboxItem[] {
  if (locale === 'en') return items;
  return items.map((i) => ({ ...i, missing: i.missing.map((m) => localize(m, locale)) }));
}

async function inboxItems(
  tx: Tx,
  actor: Actor,
  viewer: ReturnType<typeof toPerson>,
  releases: { id: string; plannedStart: Date | null; submittedAt: Date | null }[],
  now: Date,
): Promise<InboxItem[]> {
  const items: InboxItem[] = [];
  const all = await loadApprovalsMany(
    tx,
    releases.map((r) => r.id),
    now,
  );
  for (const r of releases) {
    const l = all.get(r.id);
    if (!l || !l.policy || !l.quorum) continue;
    const verdict = viewerVerdict(actor, l, viewer);
    if (!verdict.can) continue;
    const q = l.quorum;
    const open = l.requirements.filter((_, i) => !q.requirements[i]!.satisfied);
    const counted = l.approvals.filter((a) => q.countsFor[a.id] && a.expiresAt).map((a) => a.expiresAt!.getTime());
    const first = l.inputs.find((a) => !a.confirmation && q.states[a.id] === 'valid');
    items.push({
      key: l.release.key,
      title: l.release.title,
      type: l.release.type,
      riskLevel: l.release.riskLevel,
      owner: l.release.owner.name,
      submittedAt: r.submittedAt?.toISOString() ?? null,
      plannedStart: r.plannedStart?.toISOString() ?? null,
      packageDigest: l.digest,
      youCountFor: open.filter((x) => eligibility(viewer, l.parties, x, l.policy!.document).eligible).map((x) => x.description),
      missing: open.map((x) => say('missingOf', { given: q.requirements[l.requirements.indexOf(x)]!.given, count: x.count, description: x.description })),
      confirmBy:
        l.release.type === 'emergency' && first
          ? new Date(first.createdAt.getTime() + l.policy.document.emergency.confirmWithinHours * HOUR).toISOString()
          : null,
      nextExpiry: counted.length ? new Date(Math.min(...counted)).toISOString() : null,
    });
  }
  return items;
}

export interface ApprovalSummary {
  required: {
    key: string;
    description: string;
    role: string | null;
    count: number;
    distinctTeams: boolean;
    cabOnly: boolean;
    given: number;
    satisfied: boolean;
  }[];
  given: {
    id: string;
    approver: ApprovalPersonRef;
    decision: 'approve' | 'reject';
    comment: string;
    at: string;
    packageDigest: string;
    countsFor: string | null;
    expiresAt: string | null;
    state: ApprovalDecisionView['state'];
  }[];
  invalidated: {
    id: string;
    approver: ApprovalPersonRef;
    decision: 'approve' | 'reject';
    at: string;
    packageDigest: string;
    state: ApprovalDecisionView['state'];
    reason: string | null;
  }[];
  missing: string[];
  quorumMet: boolean;
  policyVersion: number | null;
}

/** For GET /api/v1/releases/{key}: required, given (valid), invalidated (or expired) and missing approvals. */
export async function approvalSummary(tx: Tx, releaseId: string, now = clockNow()): Promise<ApprovalSummary> {
  const l = await loadApprovals(tx, releaseId, now);
  const q = l.quorum;
  const words = await invalidationWords(tx, l.approvals, q, l.digest);
  const given: ApprovalSummary['given'] = [];
  const invalidated: ApprovalSummary['invalidated'] = [];
  for (const a of l.approvals) {
    const state = decisionState(a, q);
    if (state === 'valid') {
      given.push({
        id: a.id,
        approver: toRef(a.approver),
        decision: a.decision,
        comment: a.comment,
        at: a.createdAt.toISOString(),
        packageDigest: a.packageDigest,
        countsFor: q?.countsFor[a.id] ?? null,
        expiresAt: a.expiresAt?.toISOString() ?? null,
        state,
      });
    } else {
      invalidated.push({
        id: a.id,
        approver: toRef(a.approver),
        decision: a.decision,
        at: a.createdAt.toISOString(),
        packageDigest: a.packageDigest,
        state,
        reason: words.get(a.id) ?? null,
      });
    }
  }
  return {
    required: l.requirements.map((r, i) => ({
      key: r.key,
      description: r.description,
      role: r.role,
      count: r.count,
      distinctTeams: r.distinctTeams,
      cabOnly: r.cabOnly,
      given: q?.requirements[i]?.given ?? 0,
      satisfied: q?.requirements[i]?.satisfied ?? false,
    })),
    given,
    invalidated,
    missing: q
      ? l.requirements
          .filter((_, i) => !q.requirements[i]!.satisfied)
          .map((r) => `${r.count - (q.requirements[l.requirements.indexOf(r)]?.given ?? 0)} more for "${r.description}"`)
      : [],
    quorumMet: q?.allSatisfied ?? false,
    policyVersion: l.policy?.version ?? null,
  };
}

/** approvalSummary by release key, checking release.read (for the API). */
export async function getApprovalSummary(actor: Actor | null, release: ReleaseArg): Promise<ApprovalSummary | null> {
  assertCan(actor, 'release.read');
  const prisma = await db();
  const ref = typeof release === 'string' ? await findRelease(prisma, String(release).toUpperCase()) : release;
  if (!ref) return null;
  return prisma.$transaction(async (tx) => approvalSummary(tx, ref.id));
}
