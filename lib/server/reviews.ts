import 'server-only';
import { managedByKey, managedByRow, mayManage } from './release-managers';
import { tellPeople, type Tell } from './notify';
import { z } from 'zod';
import type { ActionItemStatus, ReviewOutcome } from '@/lib/generated/prisma/enums';
import { REVIEW_TRIGGERS, type ReviewTrigger } from '@/lib/domain/policy';
import { allows as statusAllows, refusalWords } from '@/lib/domain/release-rules';
import type { MessageRef } from '@/lib/domain/result';
import { ACTION_ITEM_STATUSES } from '@/lib/domain/statuses';
import { defineMutation } from './action';
import { allows, assertCan } from './authz';
import { db, type Tx } from './db';
import { conflict, invalid, notFound } from './errors';
import { releaseKeyField } from './packages';
import { findCurrentPolicy } from './policy-read';
import { lockRelease, refOf, type ReleaseArg, releaseKey } from './release-ref';
import { assertVersion, saveVersioned, versionOrNoneField } from './versioned';
import type { Actor } from './actor';
import { now as clockNow } from './clock';
import { releaseHref } from '@/lib/domain/release-parts';
import { sayer, type SayValue } from './say';

const say = sayer('server-reviews');
/** A sentence of the `gates` catalogue inside one of ours. */
const inGates = (ref: MessageRef): SayValue => ({ ns: 'gates', ...ref }) as SayValue;

// The post-release review: outcome, objectives, incidents, what went well and
// badly, and action items (owner, due date, status) that appear on their owner's
// dashboard. Whether a review is required comes from the release's own flag and
// the policy's triggers; in_review → closed waits for a required review.

export const REVIEW_OUTCOMES = ['successful', 'partially_successful', 'failed'] as const;
export const MAX_REVIEW_TEXT = 10_000;

/** `what`: a key of server-reviews `field.what` ("Incidents") */
const text = (what: 'objectivesNotes' | 'incidents' | 'wentWell' | 'wentBadly') =>
  z
    .string({ error: say('field.text', { what: { key: `field.what.${what}` } }) })
    .trim()
    .max(MAX_REVIEW_TEXT, say('field.textMax', { what: { key: `field.what.${what}` }, max: MAX_REVIEW_TEXT }))
    .default('');

const bool = (what: 'complete') =>
  z.preprocess(
    (v) =>
      v === 'true' || v === 'on' || v === '1' || v === 'yes'
        ? true
        : v === 'false' || v === '0' || v === 'no' || v === '' || v === undefined || v === null
          ? false
          : v,
    z.boolean({ error: say('field.bool', { what }) }),
  );

const optionalOutcome = z.preprocess((v) => (v === '' || v === undefined ? null : v), z.enum(REVIEW_OUTCOMES, { error: say('field.outcome') }).nullable());

const objectivesField = z.preprocess(
  (v) => (v === '' || v === undefined || v === null ? null : v === 'yes' || v === 'true' ? true : v === 'no' || v === 'false' ? false : v),
  z.boolean({ error: say('field.objectivesMet') }).nullable(),
);

export const SaveReviewSchema = z.object({
  releaseKey: releaseKeyField,
  outcome: optionalOutcome.default(null),
  objectivesMet: objectivesField.default(null),
  objectivesNotes: text('objectivesNotes'),
  incidents: text('incidents'),
  wentWell: text('wentWell'),
  wentBadly: text('wentBadly'),
  complete: bool('complete').default(false),
  /** the review's version the editor opened (0 = there was none); another one is refused as stale. Absent: no check (API callers). */
  version: versionOrNoneField.optional(),
});

const itemId = z
  .string({ error: say('field.itemId') })
  .trim()
  .min(1, say('field.itemId'))
  .max(64, say('field.notAnItemId'));
const title = z
  .string({ error: say('field.title') })
  .trim()
  .min(3, say('field.titleMin', { min: 3 }))
  .max(300, say('field.titleMax', { max: 300 }));
const OWNER_MESSAGE = say('field.owner');
const ownerId = z.string({ error: OWNER_MESSAGE }).trim().min(1, OWNER_MESSAGE).max(64, OWNER_MESSAGE);
const dueDate = z
  .string({ error: say('field.dueDate') })
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, say('field.dueDate'))
  .refine((v) => {
    const d = new Date(`${v}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v && d.getUTCFullYear() >= 2000 && d.getUTCFullYear() <= 2200;
  }, say('field.dueDateRange'));
const itemStatus = z.enum(ACTION_ITEM_STATUSES, { error: say('field.itemStatus') });

export const AddActionItemSchema = z.object({ releaseKey: releaseKeyField, title, ownerId, dueDate, status: itemStatus.default('open') });
export const UpdateActionItemSchema = z.object({ itemId, title, ownerId, dueDate, status: itemStatus });
export const UpdateMyActionItemStatusSchema = z.object({ itemId, status: itemStatus });

// ---------------------------------------------------------------- facts

// why a review is required, in words (server-reviews `trigger.*`); a page says them in the reader's language
const TRIGGER_WORDS: Record<ReviewTrigger, string> = {
  failed_deployment: say('trigger.failedDeployment'),
  backout: say('trigger.backout'),
  emergency: say('trigger.emergency'),
  freeze_override: say('trigger.freezeOverride'),
  major_release: say('trigger.majorRelease'),
  critical_risk: say('trigger.criticalRisk'),
};

export interface ReviewFactsDto {
  required: boolean;
  done: boolean;
  /** why the review is required, in words; empty when it is not */
  reasons: string[];
}

async function requiredReasons(tx: Tx, releaseId: string): Promise<string[]> {
  const release = await tx.release.findUniqueOrThrow({ where: { id: releaseId }, select: { type: true, riskLevel: true, postReviewRequired: true } });
  let triggers: readonly ReviewTrigger[] = ['failed_deployment', 'backout', 'emergency', 'freeze_override'];
  try {
    const policy = await findCurrentPolicy(tx);
    if (policy) triggers = policy.document.reviewRequiredAfter;
  } catch {
    // an invalid stored policy: the four triggers every policy must keep still apply
  }
  const failed = await tx.deployment.count({ where: { releaseId, kind: 'deploy', status: 'failed' } });
  const backouts = await tx.deployment.count({ where: { releaseId, kind: 'backout' } });
  const rolledBack = await tx.releaseTransition.count({ where: { releaseId, toStatus: 'rolled_back' } });
  const overrides = await tx.freezeOverride.count({ where: { releaseId, status: 'granted' } });
  const happened: Record<ReviewTrigger, boolean> = {
    failed_deployment: failed > 0,
    backout: backouts > 0 || rolledBack > 0,
    emergency: release.type === 'emergency',
    freeze_override: overrides > 0,
    major_release: release.type === 'major',
    critical_risk: release.riskLevel === 'critical',
  };
  const reasons = REVIEW_TRIGGERS.filter((t) => triggers.includes(t) && happened[t]).map((t) => TRIGGER_WORDS[t]);
  // the flag is set by the same events as the triggers: name it only when no trigger explains it
  if (release.postReviewRequired && reasons.length === 0) reasons.push(say('trigger.marked'));
  return reasons;
}

/** Whether a post-release review is required, whether it is complete, and why it is required. */
export async function reviewFacts(tx: Tx, releaseId: string): Promise<ReviewFactsDto> {
  const reasons = await requiredReasons(tx, releaseId);
  const review = await tx.postReleaseReview.findUnique({ where: { releaseId }, select: { completedAt: true } });
  return { required: reasons.length > 0, done: !!review?.completedAt, reasons };
}

// ---------------------------------------------------------------- mutations

async function lockedRelease(tx: Tx, key: string) {
  const { id } = await lockRelease(tx, key);
  return tx.release.findUniqueOrThrow({ where: { id }, select: { id: true, number: true, status: true, ownerId: true } });
}

async function ensureReview(tx: Tx, releaseId: string) {
  const existing = await tx.postReleaseReview.findUnique({ where: { releaseId } });
  if (existing) return existing;
  return tx.postReleaseReview.create({ data: { releaseId, requiredReasons: await requiredReasons(tx, releaseId) } });
}

async function activeUser(tx: Tx, id: string) {
  const u = await tx.user.findUnique({ where: { id }, select: { id: true, disabledAt: true, name: true } });
  if (!u || u.disabledAt) throw invalid(say('fieldsNeedAttention'), { ownerId: [say('activeOwner')] });
  return u;
}

const reviewSnapshot = (r: {
  outcome: ReviewOutcome | null;
  objectivesMet: boolean | null;
  objectivesNotes: string;
  incidents: string;
  wentWell: string;
  wentBadly: string;
  completedAt: Date | null;
}) => ({
  outcome: r.outcome,
  objectivesMet: r.objectivesMet,
  objectivesNotes: r.objectivesNotes,
  incidents: r.incidents,
  wentWell: r.wentWell,
  wentBadly: r.wentBadly,
  completedAt: r.completedAt?.toISOString() ?? null,
});

export const saveReview = defineMutation({
  name: 'review.save',
  permission: 'review.edit',
  input: SaveReviewSchema,
  release: managedByKey('releaseKey'),
  async run({ tx, actor, input, audit }) {
    const release = await lockedRelease(tx, input.releaseKey);
    const key = releaseKey(release.number);
    if (!statusAllows(release.status, 'editReview')) {
      throw conflict(
        say('statusRule', {
          refusal: inGates(refusalWords(key, release.status, 'editReview')),
          then: { key: release.status === 'closed' ? 'alreadyClosed' : 'afterDeployment' },
        }),
      );
    }
    if (input.complete) {
      const errors: Record<string, string[]> = {};
      if (!input.outcome) errors.outcome = [say('complete.outcome')];
      if (input.objectivesMet === null) errors.objectivesMet = [say('complete.objectivesMet')];
      if (!input.wentWell) errors.wentWell = [say('complete.wentWell')];
      if (!input.wentBadly) errors.wentBadly = [say('complete.wentBadly')];
      if (Object.keys(errors).length) throw invalid(say('complete.refused'), errors);
    }
    const before = await tx.postReleaseReview.findUnique({ where: { releaseId: release.id } });
    if (before) await assertVersion(tx, 'review', before, input.version);
    // a review created since the form was opened (e.g. by an action item) counts as a newer version too
    const reasons = await requiredReasons(tx, release.id);
    const data = {
      outcome: input.outcome,
      objectivesMet: input.objectivesMet,
      objectivesNotes: input.objectivesNotes,
      incidents: input.incidents,
      wentWell: input.wentWell,
      wentBadly: input.wentBadly,
      requiredReasons: reasons,
      completedAt: input.complete ? (before?.completedAt ?? clockNow()) : null,
      completedById: input.complete ? (before?.completedAt ? before.completedById : actor.id) : null,
    };
    if (before) await saveVersioned(tx, actor, { model: 'review', id: before.id, expectedVersion: input.version, data });
    const saved = before
      ? await tx.postReleaseReview.findUniqueOrThrow({ where: { id: before.id } })
      : await tx.postReleaseReview.create({ data: { ...data, releaseId: release.id, updatedById: actor.id } });
    await audit({
      action: 'review.save',
      targetType: 'review',
      targetId: saved.id,
      releaseId: release.id,
      before: before ? reviewSnapshot(before) : undefined,
      after: reviewSnapshot(saved),
    });
    return { key, complete: !!saved.completedAt };
  },
});

async function notifyOwner(tx: Tx, ownerId: string, actor: Actor, key: string, releaseId: string, say: Tell['say']) {
  await tellPeople(tx, [ownerId], { kind: 'review.action_item', say, link: releaseHref(key, 'handover', 'review'), releaseId, releaseKey: key }, actor.id);
}

const itemSnapshot = (i: { title: string; ownerId: string; dueDate: Date; status: ActionItemStatus }) => ({
  title: i.title,
  ownerId: i.ownerId,
  dueDate: i.dueDate.toISOString().slice(0, 10),
  status: i.status,
});

export const addActionItem = defineMutation({
  name: 'review.action_item.add',
  permission: 'review.edit',
  input: AddActionItemSchema,
  release: managedByKey('releaseKey'),
  async run({ tx, actor, input, audit }) {
    const release = await lockedRelease(tx, input.releaseKey);
    const key = releaseKey(release.number);
    if (!statusAllows(release.status, 'addActionItems')) {
      throw conflict(say('statusRule', { refusal: inGates(refusalWords(key, release.status, 'addActionItems')), then: { key: 'itemsAfterDeployment' } }));
    }
    await activeUser(tx, input.ownerId);
    const review = await ensureReview(tx, release.id);
    const count = await tx.reviewActionItem.count({ where: { reviewId: review.id } });
    if (count >= 200) throw conflict(say('tooManyItems', { max: 200 }));
    const item = await tx.reviewActionItem.create({
      data: { reviewId: review.id, title: input.title, ownerId: input.ownerId, dueDate: new Date(`${input.dueDate}T00:00:00Z`), status: input.status },
    });
    await audit({ action: 'review.action_item.add', targetType: 'review_action_item', targetId: item.id, releaseId: release.id, after: itemSnapshot(item) });
    await notifyOwner(tx, item.ownerId, actor, key, release.id, ({ t }) => ({ title: t('review.actionItem.new', { key, title: item.title }) }));
    return { id: item.id };
  },
});

async function itemForWrite(tx: Tx, id: string) {
  const item = await tx.reviewActionItem.findUnique({
    where: { id },
    include: { review: { select: { releaseId: true, release: { select: { number: true } } } } },
  });
  if (!item) throw notFound(say('thatItem'));
  return item;
}

export const updateActionItem = defineMutation({
  name: 'review.action_item.update',
  permission: 'review.edit',
  input: UpdateActionItemSchema,
  release: managedByRow('actionItem', 'itemId'),
  async run({ tx, actor, input, audit, noChange }) {
    const item = await itemForWrite(tx, input.itemId);
    const key = releaseKey(item.review.release.number);
    if (input.ownerId !== item.ownerId) await activeUser(tx, input.ownerId);
    const due = new Date(`${input.dueDate}T00:00:00Z`);
    if (item.title === input.title && item.ownerId === input.ownerId && item.dueDate.getTime() === due.getTime() && item.status === input.status) {
      noChange();
      return { id: item.id };
    }
    const updated = await tx.reviewActionItem.update({
      where: { id: item.id },
      data: { title: input.title, ownerId: input.ownerId, dueDate: due, status: input.status },
    });
    await audit({
      action: 'review.action_item.update',
      targetType: 'review_action_item',
      targetId: item.id,
      releaseId: item.review.releaseId,
      before: itemSnapshot(item),
      after: itemSnapshot(updated),
    });
    if (updated.ownerId !== item.ownerId)
      await notifyOwner(tx, updated.ownerId, actor, key, item.review.releaseId, ({ t }) => ({
        title: t('review.actionItem.reassigned', { key, title: updated.title }),
      }));
    return { id: item.id };
  },
});

export const updateMyActionItemStatus = defineMutation({
  name: 'review.action_item.own_status',
  permission: 'notification.own',
  input: UpdateMyActionItemStatusSchema,
  async run({ tx, actor, input, audit, noChange }) {
    const item = await tx.reviewActionItem.findUnique({ where: { id: input.itemId }, include: { review: { select: { releaseId: true } } } });
    // someone else's item looks exactly like a missing one
    if (!item || !actor.id || item.ownerId !== actor.id) throw notFound(say('thatItem'));
    if (item.status === input.status) {
      noChange();
      return { id: item.id, status: item.status };
    }
    const updated = await tx.reviewActionItem.update({ where: { id: item.id }, data: { status: input.status } });
    await audit({
      action: 'review.action_item.own_status',
      targetType: 'review_action_item',
      targetId: item.id,
      releaseId: item.review.releaseId,
      before: { status: item.status },
      after: { status: updated.status },
    });
    return { id: item.id, status: updated.status };
  },
});

// ---------------------------------------------------------------- reads

export interface ActionItemRowDto {
  id: string;
  title: string;
  ownerId: string;
  owner: string;
  dueDate: string;
  status: ActionItemStatus;
  overdue: boolean;
  mine: boolean;
}

export interface ReviewDto {
  releaseKey: string;
  releaseStatus: string;
  required: boolean;
  reasons: string[];
  started: boolean;
  outcome: ReviewOutcome | null;
  objectivesMet: boolean | null;
  objectivesNotes: string;
  incidents: string;
  wentWell: string;
  wentBadly: string;
  completedBy: string | null;
  completedAt: string | null;
  updatedAt: string | null;
  /** 0 while there is no review */
  version: number;
  actionItems: ActionItemRowDto[];
  canEdit: boolean;
  canAddItems: boolean;
  users: { id: string; name: string }[];
}

export async function getReview(actor: Actor | null, release: ReleaseArg, now = clockNow()): Promise<ReviewDto | null> {
  assertCan(actor, 'release.read');
  const prisma = await db();
  const ref = await refOf(prisma, release);
  if (!ref) return null;
  const facts = await reviewFacts(prisma as unknown as Tx, ref.id);
  const review = await prisma.postReleaseReview.findUnique({
    where: { releaseId: ref.id },
    include: {
      completedBy: { select: { name: true } },
      actionItems: { orderBy: [{ dueDate: 'asc' }, { createdAt: 'asc' }], include: { owner: { select: { name: true } } } },
    },
  });
  const canEditRole = allows(actor, 'review.edit') && (await mayManage(actor, ref));
  const today = now.toISOString().slice(0, 10);
  const users = canEditRole
    ? await prisma.user.findMany({ where: { disabledAt: null }, orderBy: { name: 'asc' }, select: { id: true, name: true }, take: 500 })
    : [];
  return {
    releaseKey: ref.key,
    releaseStatus: ref.status,
    required: facts.required,
    reasons: facts.reasons,
    started: !!review,
    outcome: review?.outcome ?? null,
    objectivesMet: review?.objectivesMet ?? null,
    objectivesNotes: review?.objectivesNotes ?? '',
    incidents: review?.incidents ?? '',
    wentWell: review?.wentWell ?? '',
    wentBadly: review?.wentBadly ?? '',
    completedBy: review?.completedBy?.name ?? null,
    completedAt: review?.completedAt?.toISOString() ?? null,
    updatedAt: review?.updatedAt.toISOString() ?? null,
    version: review?.version ?? 0,
    actionItems: (review?.actionItems ?? []).map((i) => {
      const due = i.dueDate.toISOString().slice(0, 10);
      return {
        id: i.id,
        title: i.title,
        ownerId: i.ownerId,
        owner: i.owner.name,
        dueDate: due,
        status: i.status,
        overdue: (i.status === 'open' || i.status === 'in_progress') && due < today,
        mine: i.ownerId === actor.id,
      };
    }),
    canEdit: canEditRole && statusAllows(ref.status, 'editReview'),
    canAddItems: canEditRole && statusAllows(ref.status, 'addActionItems'),
    users,
  };
}
