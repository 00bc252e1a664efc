import 'server-only';
import { managedByKey, mayManage } from './release-managers';
import { z } from 'zod';
import {
  announcementSubject,
  changedFields,
  draftRefusal,
  publishRefusal,
  recipientsOf,
  REQUIRED_TO_PUBLISH,
  type AnnouncementText,
} from '@/lib/domain/announcements';
import type { OutboundMessage } from '@/lib/domain/outbound-message';
import type { FieldErrors } from '@/lib/domain/result';
import { defineMutation } from './action';
import { afterCommit } from './after-commit';
import { allows, assertCan } from './authz';
import { emailEnabled } from './channels/email';
import { now as clockNow } from './clock';
import { db, type Db, type Tx } from './db';
import { conflict, invalid } from './errors';
import { draftWhatChanged } from './handover';
import { absoluteUrl } from './notify';
import { emitEvent } from './events';
import { enqueueDeliveries } from './outbox';
import { releaseKeyField } from './packages';
import { lockRelease, refOf, type ReleaseArg, type ReleaseRef } from './release-ref';
import { assertVersion, saveVersioned, versionField, versionOrNoneField } from './versioned';
import type { Actor } from './actor';
import { sayer, type SayValue } from './say';

const say = sayer('server-announcements');

// Release announcements for the users of components (issue 13, point 8;
// docs/decisions/031-release-announcements.md). A release manager drafts one per release,
// publishes it once the release is deployed, and corrects it afterwards; every published text
// is kept as a revision. Publishing (and a correction when asked) e-mails the distribution
// lists of the release's components through the outbox, in the same transaction.

export const MAX_TITLE = 200;
export const MAX_SUMMARY = 1_000;
export const MAX_BODY = 20_000;
export const MAX_EFFECTIVE = 300;
export const MAX_CONTACT = 500;
export const MAX_NOTE = 1_000;

type Field = (typeof REQUIRED_TO_PUBLISH)[number] | 'body';

/** `field`: the field's name at the start of a sentence (server-announcements field.*) */
const text = (field: Field, max: number) =>
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
  z.boolean({ error: say('sendEmailBoolean') }),
);

const TextFields = {
  title: text('title', MAX_TITLE),
  summary: text('summary', MAX_SUMMARY),
  body: text('body', MAX_BODY),
  effective: text('effective', MAX_EFFECTIVE),
  contact: text('contact', MAX_CONTACT),
};

export const SaveAnnouncementSchema = z.object({
  releaseKey: releaseKeyField,
  ...TextFields,
  /** the announcement's version the editor opened (0 = there was none); absent: no check (API callers) */
  version: versionOrNoneField.optional(),
});

export const PublishAnnouncementSchema = SaveAnnouncementSchema;

export const CorrectAnnouncementSchema = z.object({
  releaseKey: releaseKeyField,
  ...TextFields,
  note: z
    .string({ error: say('note.say') })
    .trim()
    .min(1, say('note.sayExample'))
    .max(MAX_NOTE, say('note.atMost', { max: MAX_NOTE })),
  sendEmail: boolish.default(false),
  version: versionField,
});

const textOf = (a: AnnouncementText): AnnouncementText => ({ title: a.title, summary: a.summary, body: a.body, effective: a.effective, contact: a.contact });

/** Registered by the job engine's runtime: asks the relay to run now (as lib/server/notify.ts does). */
const nudge = () => ((globalThis as Record<string, unknown>).__relmNudgeDeliveries as (() => Promise<void>) | undefined)?.();

async function releaseFor(tx: Tx, key: string) {
  // one writer at a time per release: announcement writes queue behind each other
  const ref = await lockRelease(tx, key);
  const row = await tx.release.findUniqueOrThrow({ where: { id: ref.id }, select: { id: true, title: true } });
  return { ...ref, title: row.title };
}

function assertPublishable(input: AnnouncementText) {
  const missing = REQUIRED_TO_PUBLISH.filter((f) => !input[f]);
  if (!missing.length) return;
  // the words of FIELD_WORDS, said by this catalogue (word.*)
  const word = (m: (typeof missing)[number]): SayValue => ({ key: `word.${m}` });
  throw invalid(
    say('publish.missing', { fields: commaList(missing.map(word)), count: missing.length }),
    Object.fromEntries(missing.map((m) => [m, [say('publish.write', { field: word(m) })]])) as FieldErrors,
  );
}

async function productionDeployed(tx: Db | Tx, releaseId: string): Promise<boolean> {
  const n = await tx.deployment.count({ where: { releaseId, kind: 'deploy', status: 'succeeded', environment: { tier: 'production' } } });
  return n > 0;
}

async function packageComponents(tx: Db | Tx, releaseId: string) {
  const items = await tx.packageItem.findMany({
    where: { package: { releaseId } },
    select: { component: { select: { id: true, name: true, distributionList: true } } },
    orderBy: { component: { name: 'asc' } },
  });
  return items.map((i) => i.component);
}

const whatsNewPath = (component: string) => `/whats-new/${encodeURIComponent(component)}`;

/** One e-mail per distribution-list address, in the caller's transaction. */
async function mailLists(
  tx: Tx,
  a: { id: string; revision: number; releaseId: string; key: string; text: AnnouncementText; correctionNote?: string },
  components: { name: string; distributionList: string }[],
): Promise<number> {
  if (!emailEnabled()) return 0;
  const recipients = recipientsOf(components);
  if (!recipients.length) return 0;
  const event = a.correctionNote !== undefined ? 'announcement.corrected' : 'announcement.published';
  const written = await enqueueDeliveries(
    tx,
    recipients.map((r) => {
      const url = absoluteUrl(whatsNewPath(r.components[0]!));
      const message: OutboundMessage = {
        event,
        releaseKey: a.key,
        subject: announcementSubject({ key: a.key, components: r.components, title: a.text.title, correction: a.correctionNote !== undefined }),
        summary: a.text.summary,
        lines: [
          ...(a.correctionNote !== undefined ? [`This corrects an earlier announcement: ${a.correctionNote}`] : []),
          a.text.summary,
          ...a.text.body.split(/\n{2,}/),
        ],
        facts: [
          { label: 'When', value: a.text.effective },
          { label: 'Whom to ask', value: a.text.contact },
          { label: r.components.length === 1 ? 'Component' : 'Components', value: r.components.join(', ') },
        ],
        ...(url ? { action: { label: 'Read it on What’s new', url } } : {}),
      };
      return {
        channel: 'email' as const,
        event,
        dedupeKey: `announcement:${a.id}:v${a.revision}:${r.address}`,
        releaseId: a.releaseId,
        userId: null,
        recipient: r.address,
        message,
      };
    }),
  );
  if (written) afterCommit(tx, nudge);
  return written;
}

export const saveAnnouncement = defineMutation({
  name: 'announcement.save',
  permission: 'release.edit',
  input: SaveAnnouncementSchema,
  release: managedByKey('releaseKey'),
  async run({ tx, actor, input, audit }) {
    const release = await releaseFor(tx, input.releaseKey);
    const refusal = draftRefusal(release);
    if (refusal) throw conflict(refusal);
    const before = await tx.announcement.findUnique({ where: { releaseId: release.id } });
    if (before?.status === 'published') {
      throw conflict(say('alreadyPublished', { key: release.key }));
    }
    if (before) await assertVersion(tx, 'announcement', before, input.version);
    const data = textOf(input);
    if (before) await saveVersioned(tx, actor, { model: 'announcement', id: before.id, expectedVersion: input.version, data });
    const saved = before
      ? await tx.announcement.findUniqueOrThrow({ where: { id: before.id } })
      : await tx.announcement.create({ data: { ...data, releaseId: release.id, updatedById: actor.id } });
    await audit({
      action: 'announcement.save',
      targetType: 'announcement',
      targetId: saved.id,
      releaseId: release.id,
      before: before ? textOf(before) : undefined,
      after: { status: saved.status, ...textOf(saved) },
    });
    return { key: release.key, status: saved.status, version: saved.version };
  },
});

export const publishAnnouncement = defineMutation({
  name: 'announcement.publish',
  permission: 'release.edit',
  input: PublishAnnouncementSchema,
  release: managedByKey('releaseKey'),
  async run({ tx, actor, input, audit }) {
    const release = await releaseFor(tx, input.releaseKey);
    const before = await tx.announcement.findUnique({ where: { releaseId: release.id } });
    if (before?.status === 'published') {
      throw conflict(say('alreadyPublished', { key: release.key }));
    }
    if (before) await assertVersion(tx, 'announcement', before, input.version);
    assertPublishable(input);
    const refusal = publishRefusal({ key: release.key, status: release.status, productionDeployed: await productionDeployed(tx, release.id) });
    if (refusal) throw conflict(refusal);
    const components = await packageComponents(tx, release.id);
    if (!components.length) {
      throw conflict(say('noComponents', { key: release.key }));
    }
    const at = clockNow();
    const data = { ...textOf(input), status: 'published' as const, publishedAt: at, publishedById: actor.id, revision: 1 };
    if (before) await saveVersioned(tx, actor, { model: 'announcement', id: before.id, expectedVersion: input.version, data });
    const saved = before
      ? await tx.announcement.findUniqueOrThrow({ where: { id: before.id } })
      : await tx.announcement.create({ data: { ...data, releaseId: release.id, updatedById: actor.id } });
    await tx.announcementComponent.deleteMany({ where: { announcementId: saved.id } });
    await tx.announcementComponent.createMany({ data: components.map((c) => ({ announcementId: saved.id, componentId: c.id })) });
    const emailed = await mailLists(tx, { id: saved.id, revision: 1, releaseId: release.id, key: release.key, text: textOf(saved) }, components);
    await tx.announcementRevision.create({
      data: { announcementId: saved.id, revision: 1, ...textOf(saved), emailed: emailed > 0, publishedBy: actor.name, publishedAt: at },
    });
    await audit({
      action: 'announcement.publish',
      targetType: 'announcement',
      targetId: saved.id,
      releaseId: release.id,
      before: before ? { status: before.status, ...textOf(before) } : undefined,
      after: { status: saved.status, revision: 1, ...textOf(saved), components: components.map((c) => c.name), emailsQueued: emailed },
    });
    await emitEvent(tx, {
      type: 'announcement.published',
      releaseId: release.id,
      summary: `${release.key} announced to users: ${saved.title}`,
      lines: [saved.summary, ...(saved.effective ? [`When: ${saved.effective}`] : []), ...(saved.contact ? [`Questions: ${saved.contact}`] : [])],
      link: `/whats-new/${components[0]!.name}`,
      details: { title: saved.title, summary: saved.summary, effective: saved.effective, contact: saved.contact, components: components.map((c) => c.name) },
    });
    return { key: release.key, status: saved.status, version: saved.version, emailsQueued: emailed, components: components.map((c) => c.name) };
  },
});

export const correctAnnouncement = defineMutation({
  name: 'announcement.correct',
  permission: 'release.edit',
  input: CorrectAnnouncementSchema,
  release: managedByKey('releaseKey'),
  async run({ tx, actor, input, audit }) {
    const release = await releaseFor(tx, input.releaseKey);
    const before = await tx.announcement.findUnique({ where: { releaseId: release.id }, include: { components: { include: { component: true } } } });
    if (!before || before.status !== 'published') {
      throw conflict(say('notPublished', { key: release.key }));
    }
    await assertVersion(tx, 'announcement', before, input.version);
    assertPublishable(input);
    const changed = changedFields(textOf(before), textOf(input));
    if (!changed.length) {
      throw invalid(say('nothingChanged'), { _form: [say('nothingChangedForm')] });
    }
    const at = clockNow();
    const revision = before.revision + 1;
    await saveVersioned(tx, actor, {
      model: 'announcement',
      id: before.id,
      expectedVersion: input.version,
      data: { ...textOf(input), correctedAt: at, revision },
    });
    const saved = await tx.announcement.findUniqueOrThrow({ where: { id: before.id } });
    const components = before.components.map((c) => c.component).sort((a, b) => a.name.localeCompare(b.name));
    const emailed = input.sendEmail
      ? await mailLists(tx, { id: saved.id, revision, releaseId: release.id, key: release.key, text: textOf(saved), correctionNote: input.note }, components)
      : 0;
    await tx.announcementRevision.create({
      data: { announcementId: saved.id, revision, ...textOf(saved), note: input.note, emailed: emailed > 0, publishedBy: actor.name, publishedAt: at },
    });
    const pick = (a: AnnouncementText) => Object.fromEntries(changed.map((f) => [f, a[f]]));
    await audit({
      action: 'announcement.correct',
      targetType: 'announcement',
      targetId: saved.id,
      releaseId: release.id,
      before: { revision: before.revision, ...pick(textOf(before)) },
      after: { revision, ...pick(textOf(saved)), note: input.note, changed, sendEmail: input.sendEmail, emailsQueued: emailed },
    });
    return { key: release.key, revision, version: saved.version, emailsQueued: emailed, changed };
  },
});

// ---------------------------------------------------------------- reads

export interface AnnouncementRevisionDto extends AnnouncementText {
  revision: number;
  note: string;
  emailed: boolean;
  publishedBy: string;
  publishedAt: string;
}

export interface AnnouncementPanelDto {
  releaseKey: string;
  status: 'none' | 'draft' | 'published';
  text: AnnouncementText;
  /** 0 while there is none */
  version: number;
  revision: number;
  publishedAt: string | null;
  correctedAt: string | null;
  revisions: AnnouncementRevisionDto[];
  /** the release's components (package), each with how many addresses its distribution list has */
  components: { name: string; addresses: number }[];
  /** may write, publish or correct it */
  canEdit: boolean;
  /** why publishing would be refused now (the rule), or null */
  publishBlocked: string | null;
  /** why nothing may be written (a cancelled or rejected release), or null */
  editBlocked: string | null;
}

export async function getAnnouncementPanel(actor: Actor | null, release: ReleaseArg): Promise<AnnouncementPanelDto | null> {
  assertCan(actor, 'release.read');
  const prisma = await db();
  const ref = await refOf(prisma, release);
  if (!ref) return null;
  const [a, components, deployed] = await Promise.all([
    prisma.announcement.findUnique({ where: { releaseId: ref.id }, include: { revisions: { orderBy: { revision: 'desc' }, take: 50 } } }),
    packageComponents(prisma, ref.id),
    productionDeployed(prisma, ref.id),
  ]);
  const editBlocked = draftRefusal(ref);
  return {
    releaseKey: ref.key,
    status: a?.status ?? 'none',
    text: a ? textOf(a) : { title: '', summary: '', body: '', effective: '', contact: '' },
    version: a?.version ?? 0,
    revision: a?.revision ?? 0,
    publishedAt: a?.publishedAt?.toISOString() ?? null,
    correctedAt: a?.correctedAt?.toISOString() ?? null,
    revisions: (a?.revisions ?? []).map((r) => ({
      ...textOf(r),
      revision: r.revision,
      note: r.note,
      emailed: r.emailed,
      publishedBy: r.publishedBy,
      publishedAt: r.publishedAt.toISOString(),
    })),
    components: components.map((c) => ({ name: c.name, addresses: recipientsOf([c]).length })),
    canEdit: allows(actor, 'release.edit') && !editBlocked && (await mayManage(actor, ref)),
    publishBlocked:
      publishRefusal({ key: ref.key, status: ref.status, productionDeployed: deployed }) ??
      (components.length ? null : say('noComponentsBlocked', { key: ref.key })),
    editBlocked,
  };
}

/**
 * A first draft from what the release already says: its title, the handover's "what changed"
 * (or the package compared with production, with the build notes), its description, the
 * support contacts and the planned window. The author rewrites it for users.
 */
export async function draftFromReleaseNotes(actor: Actor | null, release: ReleaseRef): Promise<AnnouncementText> {
  assertCan(actor, 'release.read');
  const prisma = await db();
  const r = await prisma.release.findUnique({
    where: { id: release.id },
    select: {
      title: true,
      description: true,
      plannedStart: true,
      timezone: true,
      owner: { select: { name: true, email: true } },
      handover: { select: { whatChanged: true, supportContacts: true } },
    },
  });
  if (!r) return { title: '', summary: '', body: '', effective: '', contact: '' };
  const changes = r.handover?.whatChanged || (await draftWhatChanged(actor, release));
  const body = [r.description, changes].filter(Boolean).join('\n\n').slice(0, MAX_BODY);
  const effective = r.plannedStart
    ? new Intl.DateTimeFormat('en-GB', {
        weekday: 'long',
        day: 'numeric',
        month: 'long',
        year: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
        timeZone: r.timezone || 'UTC',
        timeZoneName: 'short',
      }).format(r.plannedStart)
    : '';
  return {
    title: r.title.slice(0, MAX_TITLE),
    summary: '',
    body,
    effective: effective.slice(0, MAX_EFFECTIVE),
    contact: (r.handover?.supportContacts || `${r.owner.name} <${r.owner.email}>`).slice(0, MAX_CONTACT),
  };
}
