import 'server-only';
import { managedByKey, managedByRow } from './release-managers';
import { recordTransition } from './transition-record';
import { z } from 'zod';
import type { ReleaseStatus } from '@/lib/domain/lifecycle';
import { allows as statusAllows, refusalFor } from '@/lib/domain/release-rules';
import { defineMutation } from './action';
import { notifyApprovalsInvalidated, prepareApprovalsOnSubmit, recheckPreApproval } from './approvals';
import { recomputeRiskLevel } from './risk-level';
import { conflict, forbidden, invalid, notFound, Refusal } from './errors';
import type { Tx } from './db';
import { bumpReleaseVersion, compatibilityGates, compatibilityOf, currentItems, releaseByKey, releaseKeyField, sealInTx } from './packages';
import { releaseKey } from './release-ref';
import type { Actor } from './actor';
import { now as clockNow } from './clock';
import { sayer, type SayValue } from './say';

const say = sayer('server-scope-changes');

/** Sentences one after the other, as `join(' ')` wrote them, each said in the reader's language. */
const oneAfterAnother = (sentences: string[]): SayValue =>
  sentences.length <= 1
    ? { said: sentences[0] ?? '' }
    : { key: 'twoSentences', values: { first: { said: sentences[0]! }, rest: oneAfterAnother(sentences.slice(1)) } };

/** A request's status in words. */
const requestStatus = (status: string): SayValue => (['pending', 'approved', 'rejected', 'applied'].includes(status) ? { key: `status.${status}` } : status);

// After a package is sealed, its scope changes only through a request: someone
// asks to add or remove builds and says why; a release manager other than the
// requester approves or rejects it; applying an approved request changes the
// items, re-seals the package (the new seal's reason is the request's reason),
// invalidates the release's live approvals (they were given for the old digest)
// and bumps the release's version, all in one transaction.

const idField = z
  .string({ error: say('id.missing') })
  .trim()
  .min(1, say('id.missing'))
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, say('id.invalid'));

const ScopeItemSchema = z.object({
  action: z.enum(['add', 'remove'], { error: say('item.action') }),
  componentName: z
    .string({ error: say('item.component') })
    .trim()
    .toLowerCase()
    .min(1, say('item.component'))
    .max(64, say('item.componentTooLong'))
    .regex(/^[a-z0-9][a-z0-9-]*$/, say('item.componentCharacters')),
  buildId: z
    .string()
    .trim()
    .max(64, say('item.buildId'))
    .regex(/^[A-Za-z0-9_-]*$/, say('item.buildId'))
    .optional()
    .transform((v) => v || undefined),
});

export const RequestScopeChangeSchema = z.object({
  releaseKey: releaseKeyField,
  reason: z
    .string({ error: say('reason.required') })
    .trim()
    .min(10, say('reason.tooShort'))
    .max(2000, say('reason.tooLong')),
  items: z
    .array(ScopeItemSchema, { error: say('items.required') })
    .min(1, say('items.required'))
    .max(50, say('items.tooMany')),
});

export const DecideScopeChangeSchema = z
  .object({
    id: idField,
    decision: z.enum(['approve', 'reject'], { error: say('decision.choose') }),
    comment: z.string().trim().max(2000, say('decision.commentTooLong')).default(''),
  })
  .superRefine((v, ctx) => {
    if (v.decision === 'reject' && v.comment.length < 3) {
      ctx.addIssue({ code: 'custom', path: ['comment'], message: say('decision.rejectWhy') });
    }
  });

export const ApplyScopeChangeSchema = z.object({ id: idField });

function assertScopeChangeAllowed(release: { number: number; status: ReleaseStatus }) {
  if (!statusAllows(release.status, 'requestScopeChange')) {
    const key = releaseKey(release.number);
    throw new Refusal('gates', refusalFor(key, release.status, 'requestScopeChange'), {
      gates: [
        {
          rule: 'scope_change.open',
          passed: false,
          why: say('closed.why', { key, status: { term: `releaseWord.${release.status}` } }),
          fix: say('closed.fix'),
        },
      ],
    });
  }
}

export const requestScopeChange = defineMutation({
  name: 'scope_change.request',
  permission: 'package.edit',
  input: RequestScopeChangeSchema,
  release: managedByKey('releaseKey'),
  async run({ tx, actor, input, audit }) {
    const release = await releaseByKey(tx, input.releaseKey);
    const key = releaseKey(release.number);
    assertScopeChangeAllowed(release);
    const pkg = await tx.releasePackage.findUnique({ where: { releaseId: release.id } });
    if (!pkg?.sealedDigest) {
      throw invalid(say('notSealed', { key }));
    }
    const items = await currentItems(tx, pkg.id);
    const inPackage = new Map(items.map((i) => [i.component, i]));
    const fieldErrors: Record<string, string[]> = {};
    const seen = new Set<string>();
    const resolved: {
      action: 'add' | 'remove';
      componentId: string;
      buildId: string | null;
      component: string;
      version: string | null;
      replaces: string | null;
    }[] = [];
    for (const [n, item] of input.items.entries()) {
      const path = `items.${n}`;
      if (seen.has(item.componentName)) {
        (fieldErrors[`${path}.componentName`] ??= []).push(say('field.twice', { component: item.componentName }));
        continue;
      }
      seen.add(item.componentName);
      const component = await tx.component.findUnique({ where: { name: item.componentName }, select: { id: true, name: true } });
      if (!component) {
        (fieldErrors[`${path}.componentName`] ??= []).push(say('field.noComponent', { component: item.componentName }));
        continue;
      }
      const present = inPackage.get(component.name);
      if (item.action === 'remove') {
        if (!present) {
          (fieldErrors[`${path}.componentName`] ??= []).push(say('field.notInPackage', { component: component.name }));
          continue;
        }
        resolved.push({ action: 'remove', componentId: component.id, buildId: null, component: component.name, version: present.version, replaces: null });
      } else {
        if (!item.buildId) {
          (fieldErrors[`${path}.buildId`] ??= []).push(say('field.chooseBuild', { component: component.name }));
          continue;
        }
        const build = await tx.build.findFirst({ where: { id: item.buildId, componentId: component.id }, select: { id: true, version: true } });
        if (!build) {
          (fieldErrors[`${path}.buildId`] ??= []).push(say('field.notThatComponent', { component: component.name }));
          continue;
        }
        if (present?.buildId === build.id) {
          (fieldErrors[`${path}.buildId`] ??= []).push(say('field.alreadyIn', { component: component.name, version: build.version }));
          continue;
        }
        resolved.push({
          action: 'add',
          componentId: component.id,
          buildId: build.id,
          component: component.name,
          version: build.version,
          replaces: present?.version ?? null,
        });
      }
    }
    if (Object.keys(fieldErrors).length) throw invalid(say('someCannot'), fieldErrors);
    const request = await tx.scopeChangeRequest.create({
      data: {
        releaseId: release.id,
        requestedById: requesterId(actor),
        reason: input.reason,
        items: { create: resolved.map((r) => ({ action: r.action, componentId: r.componentId, buildId: r.buildId })) },
      },
    });
    await audit({
      action: 'scope_change.request',
      targetType: 'scope_change_request',
      targetId: request.id,
      releaseId: release.id,
      after: { reason: input.reason, items: resolved.map(({ action, component, version, replaces }) => ({ action, component, version, replaces })) },
    });
    return { id: request.id, items: resolved.length };
  },
});

/** A request is recorded against a person; API tokens act for their owner. */
function requesterId(actor: Actor): string {
  if (!actor.id) throw forbidden(say('byAPerson'));
  return actor.id;
}

async function requestWithRelease(tx: Tx, id: string) {
  const request = await tx.scopeChangeRequest.findUnique({
    where: { id },
    include: {
      release: { select: { id: true, number: true, status: true } },
      requestedBy: { select: { id: true, name: true } },
      items: { include: { component: { select: { name: true } }, build: { select: { version: true } } } },
    },
  });
  if (!request) throw notFound(say('thatRequest'));
  return request;
}

export const decideScopeChange = defineMutation({
  name: 'scope_change.decide',
  permission: 'release.edit',
  input: DecideScopeChangeSchema,
  release: managedByRow('scopeChange', 'id'),
  async run({ tx, actor, input, audit }) {
    const request = await requestWithRelease(tx, input.id);
    const key = releaseKey(request.release.number);
    if (actor.id && request.requestedById === actor.id) {
      throw forbidden(say('fourEyes'));
    }
    if (request.status !== 'pending') {
      throw conflict(say('alreadyDecided', { key, status: requestStatus(request.status) }));
    }
    assertScopeChangeAllowed(request.release);
    // compare-and-set on the status: of two deciders at once, one wins
    const res = await tx.scopeChangeRequest.updateMany({
      where: { id: request.id, status: 'pending' },
      data: { status: input.decision === 'approve' ? 'approved' : 'rejected', decidedById: actor.id, decidedAt: clockNow(), decisionComment: input.comment },
    });
    if (res.count === 0) throw conflict(say('decidedMeanwhile', { key }));
    await audit({
      action: 'scope_change.decide',
      targetType: 'scope_change_request',
      targetId: request.id,
      releaseId: request.release.id,
      before: { status: 'pending' },
      after: { status: input.decision === 'approve' ? 'approved' : 'rejected', comment: input.comment },
    });
    return { id: request.id, status: input.decision === 'approve' ? ('approved' as const) : ('rejected' as const) };
  },
});

export const applyScopeChange = defineMutation({
  name: 'scope_change.apply',
  permission: 'package.edit',
  input: ApplyScopeChangeSchema,
  release: managedByRow('scopeChange', 'id'),
  async run({ tx, actor, input, audit }) {
    const first = await requestWithRelease(tx, input.id);
    // lock the release first, as approvals do, so that an approval crossing the
    // quorum and this change to what ships cannot interleave; then re-read
    await tx.$queryRaw`SELECT "id" FROM "Release" WHERE "id" = ${first.release.id} FOR UPDATE`;
    const request = await requestWithRelease(tx, input.id);
    const release = request.release;
    const key = releaseKey(release.number);
    if (request.status !== 'approved') {
      throw conflict(request.status === 'pending' ? say('notDecided', { key }) : say('notApproved', { key, status: requestStatus(request.status) }));
    }
    assertScopeChangeAllowed(release);
    const claimed = await tx.scopeChangeRequest.updateMany({ where: { id: request.id, status: 'approved' }, data: { status: 'applied' } });
    if (claimed.count === 0) throw conflict(say('appliedMeanwhile', { key }));
    const pkg = await tx.releasePackage.findUnique({ where: { releaseId: release.id } });
    if (!pkg) throw invalid(say('noPackage', { key }));
    await bumpReleaseVersion(tx, actor, { id: release.id, number: release.number }, null);

    const before = await currentItems(tx, pkg.id);
    const byComponent = new Map(before.map((i) => [i.componentId, i]));
    const problems: string[] = [];
    for (const item of request.items) {
      const present = byComponent.get(item.componentId);
      if (item.action === 'remove') {
        if (!present) {
          problems.push(say('problem.gone', { component: item.component.name }));
          continue;
        }
        await tx.packageItem.delete({ where: { id: present.itemId } });
      } else {
        if (!item.buildId) {
          problems.push(say('problem.noBuild', { component: item.component.name }));
          continue;
        }
        if (present) await tx.packageItem.update({ where: { id: present.itemId }, data: { buildId: item.buildId, addedAt: clockNow() } });
        else await tx.packageItem.create({ data: { packageId: pkg.id, componentId: item.componentId, buildId: item.buildId } });
      }
    }
    if (problems.length) {
      throw new Refusal('gates', say('noLongerFits', { key, problems: oneAfterAnother(problems) }), {
        gates: problems.map((why) => ({
          rule: 'scope_change.applicable',
          passed: false,
          why,
          fix: say('problem.fix'),
        })),
      });
    }
    const after = await currentItems(tx, pkg.id);
    const compat = await compatibilityOf(tx, release.id, after);
    if (compat.problems.length) {
      throw new Refusal(
        'gates',
        compat.problems.length > 1
          ? say('incompatibleMore', { key, problem: { said: compat.problems[0]!.message }, more: compat.problems.length - 1 })
          : say('incompatible', { key, problem: { said: compat.problems[0]!.message } }),
        { gates: compatibilityGates(compat.problems) },
      );
    }
    // sealInTx refuses an empty package: removing every build is not a scope change but a cancellation
    const seal = await sealInTx(tx, actor, release, pkg, request.reason);
    await tx.scopeChangeRequest.update({ where: { id: request.id }, data: { appliedSealId: seal.id } });
    const now = clockNow();
    const invalidated = await tx.approval.updateMany({
      where: { releaseId: release.id, invalidatedAt: null },
      data: {
        invalidatedAt: now,
        invalidatedReason: `The package changed (scope change applied, seal revision ${seal.revision}): this decision was about digest ${pkg.sealedDigest?.slice(0, 12) ?? 'none'}….`,
        invalidatedBySealId: seal.id,
      },
    });
    // requirements met by the invalidated approvals are open again
    if (invalidated.count > 0) {
      await tx.approvalRequirement.updateMany({ where: { releaseId: release.id, satisfiedAt: { not: null } }, data: { satisfiedAt: null } });
      await notifyApprovalsInvalidated(tx, { id: release.id, number: release.number }, seal.id, request.reason, actor.name);
    }
    await recomputeRiskLevel(tx, release.id);
    // a submitted standard change that left its limits loses its pre-approval now (an approved
    // or scheduled one starts a new round below either way, where the limits are judged again)
    if (release.status === 'submitted') await recheckPreApproval(tx, actor, audit, release.id);
    // Approvals bind to exactly what ships: an approved (or scheduled) release
    // whose package changed goes back to submitted, and a new approval round
    // starts with requirements derived from its current risk level.
    let reopened = false;
    if (release.status === 'approved' || release.status === 'scheduled') {
      const current = await tx.release.findUniqueOrThrow({
        where: { id: release.id },
        select: { id: true, number: true, type: true, riskLevel: true, ownerId: true, requesterId: true },
      });
      const round = await prepareApprovalsOnSubmit(tx, current);
      const reason = `Scope change applied after approval (“${request.reason}”): the package digest is now ${seal.digest.slice(0, 12)}…, so the approvals given for the old package no longer count. A new approval round has started.`;
      await tx.release.update({ where: { id: release.id }, data: { status: 'submitted', approvedAt: null, submittedAt: now } });
      await recordTransition(tx, {
        data: {
          releaseId: release.id,
          fromStatus: release.status,
          toStatus: 'submitted',
          actorId: actor.id,
          reason,
          gates: [{ rule: 'approvals.digest', passed: false, why: reason, fix: 'Approvers decide again on the new package.' }],
          policyVersionId: round.policyVersionId,
        },
      });
      await audit({
        action: 'release.transition',
        targetType: 'release',
        targetId: release.id,
        releaseId: release.id,
        before: { status: release.status },
        after: { status: 'submitted', reason, requirements: round.requirements, preApproval: round.preApproval?.decision ?? null },
      });
      reopened = true;
    }
    await audit({
      action: 'scope_change.apply',
      targetType: 'scope_change_request',
      targetId: request.id,
      releaseId: release.id,
      before: { digest: pkg.sealedDigest, revision: pkg.revision, items: before.map((i) => `${i.component}@${i.version}`) },
      after: { digest: seal.digest, revision: seal.revision, items: after.map((i) => `${i.component}@${i.version}`), approvalsInvalidated: invalidated.count },
    });
    return { id: request.id, revision: seal.revision, digest: seal.digest, approvalsInvalidated: invalidated.count, reopened };
  },
});
