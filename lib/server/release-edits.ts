import 'server-only';
import { DateTime, IANAZone } from 'luxon';
import { z } from 'zod';
import type { Prisma } from '@/lib/generated/prisma/client';
import { allows as statusAllows, isFinished, refusalWords, type RefusableRule } from '@/lib/domain/release-rules';
import { sayer as domainSayer, type SayValue } from '@/lib/domain/said';
import enGates from '@/messages/en/gates.json';
import type { ReleaseStatus } from '@/lib/generated/prisma/enums';
import { defineMutation } from './action';
import { allows, assertCan } from './authz';
import { db, type Tx } from './db';
import { conflict, invalid, notFound } from './errors';
import { parseReleaseKey, releaseKey } from './release-ref';
import { assertVersion, saveVersioned } from './versioned';
import { recomputeRiskLevel } from './risk-level';
import { checkCoManagers, managedByKey, releaseManagement } from './release-managers';
import type { Actor } from './actor';
import { conflictingFields, RELEASE_EDIT_FIELDS, RELEASE_EDIT_LISTS, type FieldConflict, type FieldValue } from '@/lib/domain/form-conflict';
import { now as clockNow } from './clock';
import { applyBody, templateVersionForCreate } from './templates';
import { sayer } from './say';

const say = sayer('server-release-edits');
const sayGate = domainSayer('gates', enGates);

/** "REL-3 is deployed: its details can be edited only while the release is draft or rejected.", said from the gates catalogue. */
function statusRefusal(key: string, status: ReleaseStatus, rule: RefusableRule): string {
  const ref = refusalWords(key, status, rule);
  return sayGate(ref.key, ref.values as Record<string, SayValue>);
}

// Creating and editing releases. Every write to a release (here, and risk and
// plan writes in risks.ts / plan.ts) bumps Release.version and records who made
// it, so an edit form opened before that write is refused as stale instead of
// silently overwriting someone else's change.

export const RELEASE_TYPES = ['standard', 'normal', 'major', 'emergency'] as const;

const LOCAL_DT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/;

const isZone = (z: string) => {
  try {
    return IANAZone.isValidZone(z);
  } catch {
    return false;
  }
};

/** All IANA zone names this runtime knows, UTC first. */
export function timeZones(): string[] {
  let zones: string[] = [];
  try {
    zones = (Intl as unknown as { supportedValuesOf?: (k: string) => string[] }).supportedValuesOf?.('timeZone') ?? [];
  } catch {
    zones = [];
  }
  return ['UTC', ...zones.filter((z) => z !== 'UTC')];
}

/** `field` names the text in the catalogue (server-release-edits.json `what.*`). */
const text = (max: number, field: 'description' | 'businessJustification') =>
  z
    .string()
    .trim()
    .max(max, { error: () => say('field.textTooLong', { what: { key: `what.${field}` }, max }) })
    .default('');
const idList = (max: number, field: 'stakeholders' | 'coManagers') =>
  z
    .array(z.string().trim().max(64), { error: say(`field.${field}.choose`) })
    .max(max, { error: () => say(`field.${field}.tooMany`, { max }) })
    .default([])
    .transform((l) => [...new Set(l.filter(Boolean))]);
const localDateTime = z
  .string()
  .trim()
  .max(30)
  .default('')
  .refine((v) => v === '' || LOCAL_DT.test(v), say('field.dateTime'));

const NO_VERSION = say('field.noVersion');
const CHOOSE_ENVIRONMENT = say('field.environment');

const ReleaseFields = z.object({
  title: z
    .string({ error: say('field.title') })
    .trim()
    .min(3, say('field.titleTooShort'))
    .max(200, say('field.titleTooLong')),
  type: z.enum(RELEASE_TYPES, { error: say('field.type') }),
  ownerId: z
    .string()
    .trim()
    .max(64)
    .optional()
    .transform((v) => v || undefined),
  environments: z
    .array(z.string().trim().max(64), { error: CHOOSE_ENVIRONMENT })
    .transform((l) => [...new Set(l.filter(Boolean))])
    .refine((l) => l.length >= 1, CHOOSE_ENVIRONMENT)
    .refine((l) => l.length <= 20, say('field.tooManyEnvironments')),
  plannedStart: localDateTime,
  plannedEnd: localDateTime,
  timezone: z
    .string()
    .trim()
    .max(64)
    .default('UTC')
    .transform((v) => v || 'UTC')
    .refine(isZone, say('field.timezone')),
  description: text(10_000, 'description'),
  businessJustification: text(5_000, 'businessJustification'),
  stakeholderIds: idList(50, 'stakeholders'),
});

type Window = { start: Date | null; end: Date | null };

/** The planned window as instants, or field errors: both or neither, end after start, real local times. */
function resolveWindow(input: { plannedStart: string; plannedEnd: string; timezone: string }): Window {
  const errors: Record<string, string[]> = {};
  const parse = (v: string, field: string): Date | null => {
    if (!v) return null;
    const dt = DateTime.fromISO(v, { zone: input.timezone });
    if (!dt.isValid) {
      errors[field] = [say('window.noSuchDate')];
      return null;
    }
    // a wall-clock time skipped by a daylight-saving change moves; say so instead of guessing
    if (dt.toFormat("yyyy-MM-dd'T'HH:mm") !== v.slice(0, 16)) {
      errors[field] = [say('window.skipped', { time: v.replace('T', ' '), zone: input.timezone })];
      return null;
    }
    if (dt.year < 2000 || dt.year > 2100) {
      errors[field] = [say('window.years')];
      return null;
    }
    return dt.toJSDate();
  };
  const start = parse(input.plannedStart, 'plannedStart');
  const end = parse(input.plannedEnd, 'plannedEnd');
  if (!errors.plannedStart && !errors.plannedEnd) {
    if (input.plannedStart && !input.plannedEnd) errors.plannedEnd = [say('window.needsEnd')];
    if (!input.plannedStart && input.plannedEnd) errors.plannedStart = [say('window.needsStart')];
    if (start && end && end.getTime() <= start.getTime()) errors.plannedEnd = [say('window.endBeforeStart')];
    if (start && end && end.getTime() - start.getTime() > 31 * 86_400_000) errors.plannedEnd = [say('window.tooLong')];
  }
  if (Object.keys(errors).length) throw invalid(say('window.check'), errors);
  return { start, end };
}

/** Resolves names and ids to rows, refusing unknown ones field by field. */
async function resolveRefs(tx: Tx, actor: Actor, input: z.output<typeof ReleaseFields>) {
  const errors: Record<string, string[]> = {};
  const ownerId = input.ownerId ?? actor.id ?? undefined;
  let ownerName = '';
  if (!ownerId) {
    errors.ownerId = [say('refs.owner')];
  } else {
    const owner = await tx.user.findUnique({ where: { id: ownerId }, include: { roles: true } });
    if (!owner || owner.disabledAt) errors.ownerId = [say('refs.ownerInactive')];
    else if (!owner.roles.some((r) => r.role === 'release_manager')) errors.ownerId = [say('refs.ownerNotManager', { name: owner.name })];
    else ownerName = owner.name;
  }
  const envs = await tx.environment.findMany({ where: { name: { in: input.environments } }, select: { id: true, name: true } });
  const unknownEnvs = input.environments.filter((n) => !envs.some((e) => e.name === n));
  if (unknownEnvs.length)
    // names are data: separated by commas in every language
    errors.environments = [say('refs.unknownEnvironments', { count: unknownEnvs.length, names: unknownEnvs.map((n) => n.slice(0, 40)).join(', ') })];
  const people = input.stakeholderIds.length
    ? await tx.user.findMany({ where: { id: { in: input.stakeholderIds }, disabledAt: null }, select: { id: true } })
    : [];
  if (people.length !== input.stakeholderIds.length) errors.stakeholderIds = [say('refs.stakeholdersInactive')];
  if (Object.keys(errors).length) throw invalid(say('fieldsNeedAttention'), errors);
  return { ownerId: ownerId!, ownerName, environmentIds: envs.map((e) => e.id), stakeholderIds: people.map((p) => p.id) };
}

export const CreateReleaseSchema = ReleaseFields.extend({
  // other release managers who may change the release besides its owner (release-managers.ts)
  coManagerIds: idList(20, 'coManagers'),
  // the template version the release starts from (lib/server/templates.ts): its plan, risks,
  // back-out plan, handover skeleton and stakeholder notes are created with the release
  templateVersionId: z
    .string()
    .trim()
    .max(64)
    .optional()
    .transform((v) => v || undefined),
});
export const UpdateReleaseSchema = ReleaseFields.extend({
  key: z.string().trim().max(20),
  version: z.coerce.number({ error: NO_VERSION }).int().min(1).max(2_147_483_647),
});

export const createRelease = defineMutation({
  name: 'release.create',
  permission: 'release.create',
  input: CreateReleaseSchema,
  async run({ tx, actor, input, audit }) {
    const window = resolveWindow(input);
    const refs = await resolveRefs(tx, actor, input);
    const coManagers = await checkCoManagers(tx, input.coManagerIds, 'coManagerIds', refs.ownerId);
    const template = input.templateVersionId ? await templateVersionForCreate(tx, input.templateVersionId) : null;
    const release = await tx.release.create({
      data: {
        title: input.title,
        type: input.type,
        ownerId: refs.ownerId,
        requesterId: actor.id ?? refs.ownerId,
        plannedStart: window.start,
        plannedEnd: window.end,
        timezone: input.timezone,
        description: input.description,
        businessJustification: input.businessJustification,
        updatedById: actor.id,
        environments: { create: refs.environmentIds.map((environmentId) => ({ environmentId })) },
        stakeholders: { create: refs.stakeholderIds.map((userId) => ({ userId })) },
        coManagers: { create: coManagers.map((c) => ({ userId: c.id, addedById: actor.id })) },
        templateVersionId: template?.id ?? null,
      },
    });
    const key = releaseKey(release.number);
    const applied = template ? await applyBody(tx, actor, release.id, template.body) : null;
    await recomputeRiskLevel(tx, release.id);
    await audit({
      action: 'release.create',
      targetType: 'release',
      targetId: release.id,
      releaseId: release.id,
      after: {
        key,
        ...input,
        ownerId: refs.ownerId,
        plannedStart: window.start,
        plannedEnd: window.end,
        ...(template
          ? { fromTemplate: { name: template.name, version: template.version, templateId: template.templateId, versionId: template.id }, ...applied }
          : {}),
      },
    });
    return { key, id: release.id };
  },
});

// describeWhen lives with the one stale refusal in versioned.ts; re-exported for existing callers
export { describeWhen } from './versioned';

/**
 * Loads a release by key for a write; refuses unknown keys and finished releases,
 * and, given the rule the write needs (lib/domain/release-rules), a status that
 * does not allow it: the same rule the page's can-flag reads.
 */
export async function releaseForWrite(tx: Tx, key: string, opts: { finishedOk?: boolean; rule?: RefusableRule } = {}) {
  const number = parseReleaseKey(key);
  const release = number === null ? null : await tx.release.findUnique({ where: { number } });
  if (!release) throw notFound(say('release', { key: String(key).slice(0, 20) }));
  if (!opts.finishedOk && isFinished(release.status)) {
    throw conflict(say('finished', { key: releaseKey(release.number), status: { term: `releaseWord.${release.status}` } }));
  }
  if (opts.rule && !statusAllows(release.status, opts.rule)) throw conflict(statusRefusal(releaseKey(release.number), release.status, opts.rule));
  return release;
}

/**
 * Records a write to the release: bumps its version and remembers who wrote.
 * With `expectedVersion`, the write only happens when nobody else wrote since
 * (compare-and-set in one statement); otherwise the caller gets a stale refusal.
 */
export async function touchRelease(tx: Tx, actor: Actor, releaseId: string, data: Prisma.ReleaseUncheckedUpdateManyInput = {}, expectedVersion?: number) {
  return saveVersioned(tx, actor, { model: 'release', id: releaseId, expectedVersion, data });
}

export const updateRelease = defineMutation({
  name: 'release.update',
  permission: 'release.edit',
  input: UpdateReleaseSchema,
  release: managedByKey('key'),
  async run({ tx, actor, input, audit, noChange }) {
    const current = await releaseForWrite(tx, input.key, { finishedOk: true });
    const key = releaseKey(current.number);
    await assertVersion(tx, 'release', current, input.version);
    if (!statusAllows(current.status, 'editDetails')) {
      throw conflict(say('detailsLocked', { refusal: { said: statusRefusal(key, current.status, 'editDetails') } }));
    }
    const window = resolveWindow(input);
    // no owner given keeps the current one (an edit never hands the release to the editor silently)
    const refs = await resolveRefs(tx, actor, { ...input, ownerId: input.ownerId ?? current.ownerId });
    const before = await tx.release.findUniqueOrThrow({
      where: { id: current.id },
      include: { environments: { select: { environmentId: true } }, stakeholders: { select: { userId: true } } },
    });
    const same =
      before.title === input.title &&
      before.type === input.type &&
      before.ownerId === refs.ownerId &&
      before.timezone === input.timezone &&
      before.description === input.description &&
      before.businessJustification === input.businessJustification &&
      (before.plannedStart?.getTime() ?? null) === (window.start?.getTime() ?? null) &&
      (before.plannedEnd?.getTime() ?? null) === (window.end?.getTime() ?? null) &&
      sameSet(
        before.environments.map((e) => e.environmentId),
        refs.environmentIds,
      ) &&
      sameSet(
        before.stakeholders.map((s) => s.userId),
        refs.stakeholderIds,
      );
    if (same) {
      noChange();
      return { key, version: current.version, changed: false };
    }
    await touchRelease(
      tx,
      actor,
      current.id,
      {
        title: input.title,
        type: input.type,
        ownerId: refs.ownerId,
        plannedStart: window.start,
        plannedEnd: window.end,
        timezone: input.timezone,
        description: input.description,
        businessJustification: input.businessJustification,
      },
      input.version,
    );
    await tx.releaseEnvironment.deleteMany({ where: { releaseId: current.id, environmentId: { notIn: refs.environmentIds } } });
    await tx.releaseEnvironment.createMany({
      data: refs.environmentIds.map((environmentId) => ({ releaseId: current.id, environmentId })),
      skipDuplicates: true,
    });
    await tx.releaseStakeholder.deleteMany({ where: { releaseId: current.id, userId: { notIn: refs.stakeholderIds } } });
    await tx.releaseStakeholder.createMany({ data: refs.stakeholderIds.map((userId) => ({ releaseId: current.id, userId })), skipDuplicates: true });
    await recomputeRiskLevel(tx, current.id);
    await audit({
      action: 'release.update',
      targetType: 'release',
      targetId: current.id,
      releaseId: current.id,
      before: {
        title: before.title,
        type: before.type,
        ownerId: before.ownerId,
        plannedStart: before.plannedStart,
        plannedEnd: before.plannedEnd,
        timezone: before.timezone,
        description: before.description,
        businessJustification: before.businessJustification,
        environmentIds: before.environments.map((e) => e.environmentId),
        stakeholderIds: before.stakeholders.map((s) => s.userId),
        version: before.version,
      },
      after: {
        title: input.title,
        type: input.type,
        ownerId: refs.ownerId,
        plannedStart: window.start,
        plannedEnd: window.end,
        timezone: input.timezone,
        description: input.description,
        businessJustification: input.businessJustification,
        environmentIds: refs.environmentIds,
        stakeholderIds: refs.stakeholderIds,
        version: before.version + 1,
      },
    });
    return { key, version: before.version + 1, changed: true };
  },
});

function sameSet(a: string[], b: string[]) {
  const s = new Set(a);
  return s.size === new Set(b).size && b.every((x) => s.has(x));
}

export const SetNoKnownRisksSchema = z.object({
  releaseKey: z.string().trim().max(20),
  version: z.coerce.number({ error: NO_VERSION }).int().min(1).max(2_147_483_647),
  noKnownRisks: z.preprocess(
    (v) => (v === 'true' || v === 'on' ? true : v === 'false' || v === '' ? false : v),
    z.boolean({ error: say('field.noKnownRisks') }),
  ),
  statement: z.string().trim().max(2_000, say('field.statementTooLong')).default(''),
});

export const setNoKnownRisks = defineMutation({
  name: 'release.no_known_risks',
  permission: 'risk.edit',
  input: SetNoKnownRisksSchema,
  release: managedByKey('releaseKey'),
  async run({ tx, actor, input, audit, noChange }) {
    const release = await releaseForWrite(tx, input.releaseKey, { rule: 'editRisks' });
    const key = releaseKey(release.number);
    await assertVersion(tx, 'release', release, input.version);
    if (release.noKnownRisks === input.noKnownRisks) {
      noChange();
      return { key, noKnownRisks: input.noKnownRisks };
    }
    if (input.noKnownRisks) {
      const open = await tx.risk.findMany({ where: { releaseId: release.id, status: 'open' }, select: { title: true }, take: 5 });
      if (open.length) {
        // titles are data: separated by commas in every language
        throw conflict(say('openRisks', { key, titles: open.map((r) => r.title).join(', ') }));
      }
    }
    await touchRelease(
      tx,
      actor,
      release.id,
      { noKnownRisks: input.noKnownRisks, risksAssessedAt: input.noKnownRisks ? clockNow() : release.risksAssessedAt },
      input.version,
    );
    await audit({
      action: 'release.no_known_risks',
      targetType: 'release',
      targetId: release.id,
      releaseId: release.id,
      before: { noKnownRisks: release.noKnownRisks },
      after: { noKnownRisks: input.noKnownRisks, statement: input.statement },
    });
    return { key, noKnownRisks: input.noKnownRisks };
  },
});

// ---------------------------------------------------------------- reads

export interface ReleaseFormValues {
  key: string;
  version: number;
  status: ReleaseStatus;
  editable: boolean;
  /** why the form is read-only, when it is */
  lockedReason: string | null;
  title: string;
  type: (typeof RELEASE_TYPES)[number];
  ownerId: string;
  environments: string[];
  plannedStart: string;
  plannedEnd: string;
  timezone: string;
  description: string;
  businessJustification: string;
  stakeholderIds: string[];
}

const toLocal = (d: Date | null, zone: string) => (d ? DateTime.fromJSDate(d, { zone: isZone(zone) ? zone : 'UTC' }).toFormat("yyyy-MM-dd'T'HH:mm") : '');

/** The edit form's values (version included), or null for an unknown key. */
export async function getReleaseForEdit(actor: Actor | null, key: string): Promise<ReleaseFormValues | null> {
  assertCan(actor, 'release.edit');
  const number = parseReleaseKey(key);
  if (number === null) return null;
  const prisma = await db();
  const r = await prisma.release.findUnique({
    where: { number },
    include: { environments: { include: { environment: { select: { name: true, position: true } } } }, stakeholders: { select: { userId: true } } },
  });
  if (!r) return null;
  // someone who does not manage the release reads the form, with the note naming who may change it
  const management = await releaseManagement(actor, r.id);
  const statusOk = statusAllows(r.status, 'editDetails');
  const editable = statusOk && !!management?.mayManage;
  return {
    key: releaseKey(r.number),
    version: r.version,
    status: r.status,
    editable,
    lockedReason: editable ? null : !statusOk ? statusRefusal(releaseKey(r.number), r.status, 'editDetails') : (management?.note ?? null),
    title: r.title,
    type: r.type,
    ownerId: r.ownerId,
    environments: r.environments.sort((a, b) => a.environment.position - b.environment.position).map((e) => e.environment.name),
    plannedStart: toLocal(r.plannedStart, r.timezone),
    plannedEnd: toLocal(r.plannedEnd, r.timezone),
    timezone: r.timezone,
    description: r.description,
    businessJustification: r.businessJustification,
    stakeholderIds: r.stakeholders.map((s) => s.userId),
  };
}

/**
 * After a refused stale save: the values stored now (with the version to save against) and,
 * per field, the person's value beside the stored one where they differ (decision 054).
 */
export async function releaseEditConflict(
  actor: Actor | null,
  key: string,
  submitted: Record<string, unknown>,
): Promise<{ current: ReleaseFormValues; conflicts: FieldConflict[] } | null> {
  const current = await getReleaseForEdit(actor, key);
  if (!current) return null;
  const asField = (v: unknown): FieldValue => (typeof v === 'string' || (Array.isArray(v) && v.every((x) => typeof x === 'string')) ? v : undefined);
  const pick = (from: Record<string, unknown>) => Object.fromEntries(RELEASE_EDIT_FIELDS.map((f) => [f, asField(from[f])]));
  return { current, conflicts: conflictingFields(pick(submitted), pick({ ...current }), RELEASE_EDIT_FIELDS, RELEASE_EDIT_LISTS) };
}

export interface ReleaseFormOptions {
  environments: { name: string; displayName: string; tier: string; protected: boolean }[];
  releaseManagers: { id: string; name: string }[];
  users: { id: string; name: string; email: string }[];
  timeZones: string[];
}

export async function releaseFormOptions(actor: Actor | null): Promise<ReleaseFormOptions> {
  if (!allows(actor, 'release.create')) assertCan(actor, 'release.edit');
  const prisma = await db();
  const [environments, releaseManagers, users] = await Promise.all([
    prisma.environment.findMany({ orderBy: { position: 'asc' }, select: { name: true, displayName: true, tier: true, protected: true } }),
    prisma.user.findMany({
      where: { disabledAt: null, roles: { some: { role: 'release_manager' } } },
      orderBy: { name: 'asc' },
      select: { id: true, name: true },
      take: 500,
    }),
    prisma.user.findMany({ where: { disabledAt: null }, orderBy: { name: 'asc' }, select: { id: true, name: true, email: true }, take: 1000 }),
  ]);
  return { environments, releaseManagers, users, timeZones: timeZones() };
}
