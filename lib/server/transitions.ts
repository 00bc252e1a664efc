import 'server-only';
import { managedByKey, releaseManagement } from './release-managers';
import { recordTransition } from './transition-record';
import { cache } from 'react';
import { z } from 'zod';
import { Prisma } from '@/lib/generated/prisma/client';
import type { ReleaseStatus as DbReleaseStatus } from '@/lib/generated/prisma/enums';
import {
  availableTransitions,
  evaluateTransition,
  gateFactsFrom,
  REASON_REQUIRED,
  RELEASE_STATUSES,
  refusalWords,
  type ReleaseFacts,
  type ReleaseStatus,
  type TransitionEvaluation,
} from '@/lib/domain/lifecycle';
import { defineMutation } from './action';
import { approvalFacts, prepareApprovalsOnSubmit } from './approvals';
import { allows, assertCan } from './authz';
import { backoutFacts } from './backout';
import { db, type Tx } from './db';
import { deploymentFacts } from './deployments';
import { Refusal } from './errors';
import { handoverFacts } from './handover';
import { loadPackageFacts, releaseKeyField } from './packages';
import { planFacts } from './plan';
import { findCurrentPolicy } from './policy-read';
import { lockRelease, refOf, type ReleaseArg, releaseKey } from './release-ref';
import { reviewFacts } from './reviews';
import { riskFacts } from './risks';
import { deploymentWindowCheck, loadScheduleFacts, sharedScheduleView } from './scheduling';
import { scheduleFacts } from '@/lib/domain/scheduling';
import { assertVersion, saveVersioned } from './versioned';
import type { Actor } from './actor';
import { now as clockNow } from './clock';
import { sayer, type SayValue } from './say';
import type { MessageRef } from '@/lib/domain/result';

const say = sayer('server-transitions');
/** A sentence of the `gates` catalogue inside one of ours. */
const inGates = (ref: MessageRef): SayValue => ({ ns: 'gates', ...ref }) as SayValue;

// Moving a release through its lifecycle. The decision is lib/domain/lifecycle's:
// this module loads the facts under a row lock, asks it, and either writes the
// new status with its transition record and audit event, or refuses with the
// gates that are not met.

// the domain's statuses and the database enum must be the same set
type _Exact = [DbReleaseStatus] extends [ReleaseStatus] ? ([ReleaseStatus] extends [DbReleaseStatus] ? true : never) : never;
const _exact: _Exact = true;
void _exact;

export const MAX_REASON = 2_000;

const toField = z.enum(RELEASE_STATUSES, {
  error: say('toField', { statuses: RELEASE_STATUSES.join(', ') }),
});

const VERSION_MESSAGE = say('versionField');
const versionField = z.coerce.number({ error: VERSION_MESSAGE }).int(VERSION_MESSAGE).min(1, VERSION_MESSAGE).max(2_147_483_647, VERSION_MESSAGE);

const reasonField = z
  .string({ error: say('reasonText') })
  .trim()
  .max(MAX_REASON, say('reasonMax', { max: MAX_REASON }))
  .optional();

const TransitionFields = z.object({
  to: toField.meta({ description: 'The status to move the release to.', examples: ['submitted'] }),
  version: versionField.meta({ description: 'The release version the caller last saw (optimistic locking).', examples: [3] }),
  reason: reasonField.meta({ description: 'Why; required when cancelling.', examples: ['Superseded by REL-44.'] }),
});

function requireReason(v: { to: ReleaseStatus; reason?: string }, ctx: z.RefinementCtx) {
  if (REASON_REQUIRED.includes(v.to) && !v.reason) {
    ctx.addIssue({ code: 'custom', path: ['reason'], message: say('reasonRequired', { status: { term: `releaseWord.${v.to}` } }) });
  }
}

/** The body of POST /api/v1/releases/{key}/transitions. */
export const TransitionBodySchema = TransitionFields.superRefine(requireReason);

/** Input of transitionRelease. */
export const TransitionReleaseSchema = TransitionFields.extend({ releaseKey: releaseKeyField }).superRefine(requireReason);
export type TransitionReleaseInput = z.input<typeof TransitionReleaseSchema>;

// ---------------------------------------------------------------- facts

interface ReleaseCore {
  id: string;
  number: number;
  status: DbReleaseStatus;
  type: ReleaseFacts['type'];
  version: number;
}

/**
 * The facts the lifecycle gates of the release's next steps read (gateFactsFrom), loaded in
 * the caller's transaction one query at a time; facts no next step reads are left out. A
 * page passes the schedule check its schedule view computed (one load per view).
 */
export async function loadReleaseFacts(tx: Tx, release: ReleaseCore, preloaded: { schedule?: ReleaseFacts['schedule'] } = {}): Promise<ReleaseFacts> {
  const need = gateFactsFrom(release.status);
  const pkg = need.has('package') ? await loadPackageFacts(tx, release.id) : null;
  const risks = need.has('risks') ? await riskFacts(tx, release.id) : null;
  const plan = need.has('plan') ? await planFacts(tx, release.id) : null;
  const approvals = need.has('approvals') ? await approvalFacts(tx, release) : null;
  // the approved → scheduled gate: every target environment has a window and no unacknowledged problem
  const schedule = need.has('schedule') ? (preloaded.schedule ?? (await loadScheduleFacts(tx, release.id))) : null;
  // scheduled → deploying: freezes and windows are checked again now, at
  // deployment time, for the first environment of the promotion path
  const deployWindow = need.has('deployWindow') ? await firstDeploymentWindow(tx, release.id) : null;
  // draft → submitted: a back-out plan where the current policy requires one for this type
  const backout = need.has('backout') ? await loadBackoutGateFacts(tx, release) : null;
  // deploying → deployed (and deployed → rolled back): the recorded deployments
  const deployment = need.has('deployment') ? await deploymentFacts(tx, release.id) : null;
  // deployed → handed_over needs the acknowledged handover; closing needs a required review done
  const handover = need.has('handover') ? await handoverFacts(tx, release.id) : null;
  const review = need.has('review') ? await reviewFacts(tx, release.id) : null;
  return {
    key: releaseKey(release.number),
    status: release.status,
    type: release.type,
    package: pkg,
    risks,
    plan,
    approvals,
    schedule,
    deployWindow,
    backout,
    deployment,
    handover,
    review,
  };
}

async function loadBackoutGateFacts(tx: Tx, release: ReleaseCore): Promise<NonNullable<ReleaseFacts['backout']>> {
  const policy = await findCurrentPolicy(tx);
  const required = policy?.document.gates.backoutPlanRequiredFor.includes(release.type) ?? false;
  return { required, ...(await backoutFacts(tx, release.id)) };
}

async function firstDeploymentWindow(tx: Tx, releaseId: string): Promise<{ ok: boolean; problems: string[] }> {
  const first = await tx.releaseEnvironment.findFirst({
    where: { releaseId },
    orderBy: { environment: { position: 'asc' } },
    select: { environmentId: true },
  });
  if (!first) return { ok: false, problems: [say('noTargetEnvironment')] };
  const check = await deploymentWindowCheck(tx, releaseId, first.environmentId, clockNow());
  // the package must still be exactly what was approved
  const pkg = await loadPackageFacts(tx, releaseId);
  const problems = [...check.problems, ...(pkg.integrity.ok ? [] : pkg.integrity.problems.map((p) => say('packageIntegrity', { problem: { said: p } })))];
  return { ok: problems.length === 0, problems };
}

const STATUS_TIMESTAMPS: Partial<Record<ReleaseStatus, 'submittedAt' | 'approvedAt' | 'closedAt'>> = {
  submitted: 'submittedAt',
  approved: 'approvedAt',
  closed: 'closedAt',
};

// ---------------------------------------------------------------- mutation

export interface TransitionResult {
  key: string;
  from: ReleaseStatus;
  to: ReleaseStatus;
  version: number;
  transitionId: string;
  gates: TransitionEvaluation['gates'];
}

export const transitionRelease = defineMutation({
  name: 'release.transition',
  permission: 'release.transition',
  input: TransitionReleaseSchema,
  release: managedByKey('releaseKey'),
  async run({ tx, actor, input, audit }): Promise<TransitionResult> {
    // the row lock queues a second transition of the same release behind this one,
    // which then sees the new status and version and is refused as stale
    const { id } = await lockRelease(tx, input.releaseKey);
    const release = await tx.release.findUniqueOrThrow({
      where: { id },
      select: { id: true, number: true, status: true, type: true, version: true },
    });
    const key = releaseKey(release.number);
    await assertVersion(tx, 'release', release, input.version);

    const facts = await loadReleaseFacts(tx, release);
    const evaluation = evaluateTransition(facts, input.to, { transition: allows(actor, 'release.transition') });
    if (!evaluation.allowed) throw new Refusal('gates', say('gatesNotMet', { refusal: inGates(refusalWords(key, evaluation)) }), { gates: evaluation.gates });

    let policyVersionId: string | null = null;
    let preApproval: string | null = null;
    if (input.to === 'submitted') {
      const r = await tx.release.findUniqueOrThrow({ where: { id: release.id }, select: { riskLevel: true, ownerId: true, requesterId: true } });
      const round = await prepareApprovalsOnSubmit(tx, { id: release.id, number: release.number, type: release.type, ...r });
      policyVersionId = round.policyVersionId;
      preApproval = round.preApproval?.decision ?? null;
      if (round.preApproval) {
        // the standard-change decision, recorded where every decision is (docs/decisions/045)
        await audit({
          action: 'release.pre_approved',
          targetType: 'release',
          targetId: release.id,
          releaseId: release.id,
          after: {
            decision: round.preApproval.decision,
            policyVersion: round.preApproval.policyVersion,
            template: `${round.preApproval.templateName} v${round.preApproval.templateVersion}`,
            limits: round.preApproval.limits,
          },
        });
      }
    }
    // approving a pre-approved standard change: the policy's decision is the reason
    if (input.to === 'approved' && !input.reason) {
      const pre = evaluation.gates.find((g) => g.rule === 'approvals.standard_change' && g.passed);
      if (pre) preApproval = pre.why;
    }
    const now = clockNow();
    const stamp = STATUS_TIMESTAMPS[input.to];
    // a rework starts over: an earlier round's pre-approval is not carried to the next submit
    const reworked = input.to === 'draft' ? { submittedAt: null, approvedAt: null, preApproval: Prisma.DbNull, preApprovedAt: null } : {};
    await saveVersioned(tx, actor, {
      model: 'release',
      id: release.id,
      expectedVersion: release.version,
      data: { status: input.to, ...reworked, ...(stamp ? { [stamp]: now } : {}) },
    });
    const transition = await recordTransition(tx, {
      data: {
        releaseId: release.id,
        fromStatus: release.status,
        toStatus: input.to,
        actorId: actor.id,
        reason: input.reason ?? (input.to === 'approved' && preApproval ? preApproval : ''),
        gates: JSON.parse(JSON.stringify(evaluation.gates)),
        policyVersionId,
        at: now,
      },
    });
    await audit({
      action: 'release.transition',
      targetType: 'release',
      targetId: release.id,
      releaseId: release.id,
      before: { status: release.status, version: release.version },
      after: { status: input.to, version: release.version + 1, reason: input.reason ?? '', gates: evaluation.gates.map((g) => g.rule) },
    });
    return { key, from: release.status, to: input.to, version: release.version + 1, transitionId: transition.id, gates: evaluation.gates };
  },
});

// ---------------------------------------------------------------- read

export interface ReleaseGatesDto {
  key: string;
  status: ReleaseStatus;
  version: number;
  /** the caller may perform transitions at all (release.transition) */
  canTransition: boolean;
  transitions: TransitionEvaluation[];
}

/** Each transition the graph offers from the release's current status, with its gates evaluated now. */
export async function getReleaseGates(actor: Actor | null, release: ReleaseArg): Promise<ReleaseGatesDto | null> {
  assertCan(actor, 'release.read');
  const prisma = await db();
  const ref = await refOf(prisma, release);
  if (!ref) return null;
  // the schedule check, shared with anything else on the page that reads it (before the
  // transaction: PGlite has one connection); the gates need no free slots
  const view = ref.status === 'approved' ? await sharedScheduleView(ref.id, false) : null;
  // whether the caller manages the release (lib/server/release-managers.ts), before the transaction too
  const management = await releaseManagement(actor, ref.id);
  return prisma.$transaction(async (tx) => {
    const row = await tx.release.findUnique({ where: { id: ref.id }, select: { id: true, number: true, status: true, type: true, version: true } });
    if (!row) return null;
    const shared = view && view.release.status === row.status && view.release.version === row.version ? { schedule: scheduleFacts(view.check) } : {};
    const facts = await loadReleaseFacts(tx, row, shared);
    const roleOk =
      allows(actor, 'release.transition') &&
      (actor.type !== 'token' || !actor.scopes || actor.scopes.includes('release.transition') || actor.scopes.includes('*'));
    const canTransition = roleOk && !!management?.mayManage;
    return {
      key: releaseKey(row.number),
      status: row.status,
      version: row.version,
      canTransition,
      transitions: availableTransitions(facts, { transition: roleOk, notManagedBy: roleOk && management && !management.mayManage ? management.who : null }),
    };
  });
}

/**
 * getReleaseGates at most once per request for the same caller and release reference:
 * the overview's "what blocks the next step" and its lifecycle panel both read the gates
 * (a server request resolves its actor and reference once, so both pass the same objects).
 */
export const getReleaseGatesOnce = cache((actor: Actor | null, release: ReleaseArg) => getReleaseGates(actor, release));
