import 'server-only';
import { managedByKey, mayManage } from './release-managers';
import { emitEvent } from './events';
import { tellPeople, type Tell } from './notify';
import { z } from 'zod';
import type { HandoverStatus } from '@/lib/generated/prisma/enums';
import { rolesWith } from '@/lib/domain/permissions';
import { allows as statusAllows, refusalFor } from '@/lib/domain/release-rules';
import { defineMutation } from './action';
import { allows, assertCan } from './authz';
import { db, type Tx } from './db';
import { conflict, forbidden, Refusal } from './errors';
import { diffPackage, productionComparison, releaseKeyField } from './packages';
import { lockRelease, refOf, type ReleaseArg, releaseKey } from './release-ref';
import { assertVersion, saveVersioned, versionOrNoneField } from './versioned';
import type { Actor } from './actor';
import { now as clockNow } from './clock';
import { releaseHref } from '@/lib/domain/release-parts';
import { sayer, type SayValue } from './say';

const say = sayer('server-handover');

// Handover notes for operations. A release manager prepares them (draft, then
// ready); operations acknowledge them or send them back with questions, and the
// owner edits and marks them ready again. deployed → handed_over needs the
// acknowledgement (lib/domain/lifecycle reads handoverFacts).

export const MAX_HANDOVER_TEXT = 20_000;
export const MAX_QUESTIONS = 5_000;

type NoteField = 'whatChanged' | 'runbook' | 'monitoring' | 'knownErrors' | 'supportContacts';

/** `field`: the field's name at the start of a sentence (server-handover field.*) */
const text = (field: NoteField, max = MAX_HANDOVER_TEXT) =>
  z
    .string({ error: say('text.mustBe', { what: { key: `field.${field}` } }) })
    .trim()
    .max(max, say('text.atMost', { what: { key: `field.${field}` }, max }))
    .default('');

/** "a, b, c" (the items said by this catalogue), as the English always listed them */
const commaList = (items: SayValue[]): SayValue =>
  items.length <= 1 ? (items[0] ?? '') : { key: 'commaList', values: { first: items[0]!, rest: commaList(items.slice(1)) } };

const boolish = z.preprocess(
  (v) => (v === 'true' || v === 'on' || v === '1' ? true : v === 'false' || v === '' || v === '0' || v === undefined || v === null ? false : v),
  z.boolean({ error: say('markReadyBoolean') }),
);

export const SaveHandoverSchema = z.object({
  releaseKey: releaseKeyField,
  whatChanged: text('whatChanged'),
  runbook: text('runbook'),
  monitoring: text('monitoring'),
  knownErrors: text('knownErrors'),
  supportContacts: text('supportContacts'),
  markReady: boolish.default(false),
  /** the notes' version the editor opened (0 = there were none); another one is refused as stale. Absent: no check (API callers). */
  version: versionOrNoneField.optional(),
});
export const AcknowledgeHandoverSchema = z.object({ releaseKey: releaseKeyField });
export const SendBackHandoverSchema = z.object({
  releaseKey: releaseKeyField,
  questions: z
    .string({ error: say('questions.write') })
    .trim()
    .min(1, say('questions.writeWhat'))
    .max(MAX_QUESTIONS, say('questions.atMost', { max: MAX_QUESTIONS })),
});

async function releaseRow(tx: Tx, key: string) {
  // one writer at a time per release: handover writes queue behind each other
  const { id } = await lockRelease(tx, key);
  return tx.release.findUniqueOrThrow({ where: { id }, select: { id: true, number: true, status: true, ownerId: true, title: true } });
}

const snapshot = (h: {
  status: string;
  whatChanged: string;
  runbook: string;
  monitoring: string;
  knownErrors: string;
  supportContacts: string;
  questions: string;
}) => ({
  status: h.status,
  whatChanged: h.whatChanged,
  runbook: h.runbook,
  monitoring: h.monitoring,
  knownErrors: h.knownErrors,
  supportContacts: h.supportContacts,
  questions: h.questions,
});

async function notifyUser(tx: Tx, userId: string | null, except: string | null, n: { kind: string; say: Tell['say']; key: string; releaseId: string }) {
  await tellPeople(tx, [userId], { kind: n.kind, say: n.say, link: releaseHref(n.key, 'handover'), releaseId: n.releaseId, releaseKey: n.key }, except);
}

export const saveHandover = defineMutation({
  name: 'handover.save',
  permission: 'handover.prepare',
  input: SaveHandoverSchema,
  release: managedByKey('releaseKey'),
  async run({ tx, actor, input, audit }) {
    const release = await releaseRow(tx, input.releaseKey);
    const key = releaseKey(release.number);
    if (!statusAllows(release.status, 'prepareHandover')) {
      const refusal = { said: refusalFor(key, release.status, 'prepareHandover') };
      throw conflict(
        release.status === 'handed_over' || release.status === 'in_review' || release.status === 'closed'
          ? say('prepare.takenOver', { refusal })
          : say('prepare.approveFirst', { refusal }),
      );
    }
    const before = await tx.handover.findUnique({ where: { releaseId: release.id } });
    if (before) await assertVersion(tx, 'handover', before, input.version);
    const status: HandoverStatus = input.markReady ? 'ready' : 'draft';
    if (input.markReady) {
      const missing = (['whatChanged', 'runbook', 'monitoring', 'supportContacts'] as const).filter((f) => !input[f]);
      if (missing.length) {
        const word = (m: NoteField): SayValue => ({ key: `word.${m}` });
        throw new Refusal('invalid', say('ready.missing', { fields: commaList(missing.map(word)) }), {
          fieldErrors: Object.fromEntries(missing.map((m) => [m, [say('ready.write', { field: word(m) })]])),
        });
      }
    }
    const data = {
      whatChanged: input.whatChanged,
      runbook: input.runbook,
      monitoring: input.monitoring,
      knownErrors: input.knownErrors,
      supportContacts: input.supportContacts,
      status,
      preparedById: actor.id,
      // an edit after the acknowledgement needs a new one
      acknowledgedById: null,
      acknowledgedAt: null,
    };
    // the release row is locked (releaseRow), so a first save cannot race another one creating the notes
    if (before) await saveVersioned(tx, actor, { model: 'handover', id: before.id, expectedVersion: input.version, data });
    const saved = before
      ? await tx.handover.findUniqueOrThrow({ where: { id: before.id } })
      : await tx.handover.create({ data: { ...data, releaseId: release.id, updatedById: actor.id } });
    await audit({
      action: 'handover.save',
      targetType: 'handover',
      targetId: saved.id,
      releaseId: release.id,
      before: before ? snapshot(before) : undefined,
      after: snapshot(saved),
    });
    if (status === 'ready' && before?.status !== 'ready') {
      // operations see it in their handover queue; the owner hears when someone else marked it ready
      await notifyUser(tx, release.ownerId, actor.id, {
        kind: 'handover.ready',
        say: ({ t }) => ({ title: t('handover.ready.owner', { key }) }),
        key,
        releaseId: release.id,
      });
      // and everyone who may acknowledge it (operations) is told, except the one who prepared it
      const acknowledgers = await tx.user.findMany({
        where: {
          disabledAt: null,
          id: { notIn: [actor.id ?? '', release.ownerId ?? ''] },
          roles: { some: { role: { in: rolesWith('handover.acknowledge') } } },
        },
        select: { id: true },
        take: 500,
      });
      if (acknowledgers.length) {
        await tellPeople(
          tx,
          acknowledgers.map((u) => u.id),
          {
            kind: 'handover.ready',
            say: ({ t }) => ({ title: t('handover.ready.operations', { key, title: release.title }) }),
            link: releaseHref(key, 'handover'),
            releaseId: release.id,
            releaseKey: key,
          },
        );
      }
      await emitEvent(tx, {
        type: 'handover.ready',
        releaseId: release.id,
        summary: `The handover of ${key} is ready for operations: ${release.title}`,
        lines: [`Prepared by ${actor.name}. Operations acknowledge it in Relm.`],
        link: releaseHref(key, 'handover'),
        details: { preparedBy: actor.label },
      });
    }
    return { key, status: saved.status };
  },
});

export const acknowledgeHandover = defineMutation({
  name: 'handover.acknowledge',
  permission: 'handover.acknowledge',
  input: AcknowledgeHandoverSchema,
  async run({ tx, actor, input, audit }) {
    const release = await releaseRow(tx, input.releaseKey);
    const key = releaseKey(release.number);
    const h = await tx.handover.findUnique({ where: { releaseId: release.id } });
    if (!h) throw conflict(say('acknowledge.none', { key }));
    if (h.status !== 'ready') {
      throw conflict(
        h.status === 'acknowledged'
          ? say('acknowledge.already', { key })
          : h.status === 'questions'
            ? say('acknowledge.sentBack', { key })
            : say('acknowledge.draft', { key }),
      );
    }
    if (h.preparedById && h.preparedById === actor.id) {
      throw forbidden(say('acknowledge.secondPerson', { key }));
    }
    const now = clockNow();
    await saveVersioned(tx, actor, { model: 'handover', id: h.id, data: { status: 'acknowledged', acknowledgedById: actor.id, acknowledgedAt: now } });
    const updated = await tx.handover.findUniqueOrThrow({ where: { id: h.id } });
    await audit({
      action: 'handover.acknowledge',
      targetType: 'handover',
      targetId: h.id,
      releaseId: release.id,
      before: { status: h.status },
      after: { status: updated.status, acknowledgedAt: now.toISOString() },
    });
    await notifyUser(tx, release.ownerId, actor.id, {
      kind: 'handover.acknowledged',
      say: ({ t }) => ({
        title: t('handover.acknowledged.title', { name: actor.name, key }),
        body: release.status === 'deployed' ? t('handover.acknowledged.body') : '',
      }),
      key,
      releaseId: release.id,
    });
    return { key, status: updated.status };
  },
});

export const sendBackHandover = defineMutation({
  name: 'handover.questions',
  permission: 'handover.acknowledge',
  input: SendBackHandoverSchema,
  async run({ tx, actor, input, audit }) {
    const release = await releaseRow(tx, input.releaseKey);
    const key = releaseKey(release.number);
    const h = await tx.handover.findUnique({ where: { releaseId: release.id } });
    if (!h || h.status !== 'ready') {
      throw conflict(
        !h
          ? say('sendBack.none', { key })
          : h.status === 'questions'
            ? say('sendBack.alreadySentBack', { key })
            : say('sendBack.notReady', { key, status: { key: `status.${h.status}` } }),
      );
    }
    await saveVersioned(tx, actor, { model: 'handover', id: h.id, data: { status: 'questions', questions: input.questions } });
    const updated = await tx.handover.findUniqueOrThrow({ where: { id: h.id } });
    await audit({
      action: 'handover.questions',
      targetType: 'handover',
      targetId: h.id,
      releaseId: release.id,
      before: { status: h.status, questions: h.questions },
      after: { status: updated.status, questions: updated.questions },
    });
    await notifyUser(tx, release.ownerId, actor.id, {
      kind: 'handover.questions',
      say: ({ t }) => ({ title: t('handover.questions', { name: actor.name, key }), body: input.questions }),
      key,
      releaseId: release.id,
    });
    return { key, status: updated.status };
  },
});

// ---------------------------------------------------------------- facts

export interface HandoverFactsDto {
  acknowledged: boolean;
  prepared: boolean;
  status: HandoverStatus | 'none' | 'not_needed';
}

/**
 * What the lifecycle gates need. A release that was backed out and never handed
 * over has nothing to hand over: its handover does not hold up closing it.
 */
export async function handoverFacts(tx: Tx, releaseId: string): Promise<HandoverFactsDto> {
  const h = await tx.handover.findUnique({ where: { releaseId }, select: { status: true } });
  if (h?.status === 'acknowledged') return { acknowledged: true, prepared: true, status: 'acknowledged' };
  const transitions = await tx.releaseTransition.findMany({
    where: { releaseId, toStatus: { in: ['rolled_back', 'handed_over'] } },
    select: { toStatus: true },
  });
  if (transitions.some((t) => t.toStatus === 'rolled_back') && !transitions.some((t) => t.toStatus === 'handed_over')) {
    return { acknowledged: true, prepared: true, status: 'not_needed' };
  }
  return { acknowledged: false, prepared: h?.status === 'ready' || h?.status === 'questions', status: h?.status ?? 'none' };
}

// ---------------------------------------------------------------- reads

export interface HandoverDto {
  releaseKey: string;
  releaseStatus: string;
  ownerId: string | null;
  status: HandoverStatus | null;
  whatChanged: string;
  runbook: string;
  monitoring: string;
  knownErrors: string;
  supportContacts: string;
  questions: string;
  preparedBy: string | null;
  acknowledgedBy: string | null;
  acknowledgedAt: string | null;
  updatedAt: string | null;
  /** 0 while there are no notes */
  version: number;
  canPrepare: boolean;
  canAcknowledge: boolean;
}

export async function getHandover(actor: Actor | null, release: ReleaseArg): Promise<HandoverDto | null> {
  assertCan(actor, 'release.read');
  const prisma = await db();
  const ref = await refOf(prisma, release);
  if (!ref) return null;
  const row = await prisma.release.findUnique({
    where: { id: ref.id },
    select: {
      number: true,
      status: true,
      ownerId: true,
      handover: { include: { preparedBy: { select: { name: true } }, acknowledgedBy: { select: { name: true } } } },
    },
  });
  if (!row) return null;
  const h = row.handover;
  return {
    releaseKey: releaseKey(row.number),
    releaseStatus: row.status,
    ownerId: row.ownerId,
    status: h?.status ?? null,
    whatChanged: h?.whatChanged ?? '',
    runbook: h?.runbook ?? '',
    monitoring: h?.monitoring ?? '',
    knownErrors: h?.knownErrors ?? '',
    supportContacts: h?.supportContacts ?? '',
    questions: h?.questions ?? '',
    preparedBy: h?.preparedBy?.name ?? null,
    acknowledgedBy: h?.acknowledgedBy?.name ?? null,
    acknowledgedAt: h?.acknowledgedAt?.toISOString() ?? null,
    updatedAt: h?.updatedAt.toISOString() ?? null,
    version: h?.version ?? 0,
    canPrepare: allows(actor, 'handover.prepare') && statusAllows(row.status, 'prepareHandover') && (await mayManage(actor, ref)),
    canAcknowledge: allows(actor, 'handover.acknowledge') && h?.status === 'ready' && h.preparedById !== actor.id,
  };
}

/**
 * A first draft of "what changed": the package compared with what production runs
 * now (or with the previous release when there is no production environment),
 * with every build's notes, as markdown.
 */
export async function draftWhatChanged(actor: Actor | null, release: ReleaseArg): Promise<string> {
  assertCan(actor, 'release.read');
  const view = await diffPackage(actor, release, await productionComparison(release));
  if (!view) return '';
  return view.markdown.slice(0, MAX_HANDOVER_TEXT);
}
