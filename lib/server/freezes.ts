import 'server-only';
import { emitEvent } from './events';
import { tellPeople, type Tell } from './notify';
import { z } from 'zod';
import { describeFreezeHit, freezeCovers, freezesHitting, OVERRIDE_REASON_MIN, overrideConfirmRefusal, type FreezeSpec } from '@/lib/domain/freeze';
import { allows as statusAllows } from '@/lib/domain/release-rules';
import {
  describeRecurrence,
  instantToLocalDateTime,
  isInside,
  isValidTimeZone,
  nextOccurrences,
  recurrenceOfStored,
  validateOneOffText,
  validateRecurrence,
  type Recurrence,
} from '@/lib/domain/recurrence';
import { defineMutation } from './action';
import { assertCan } from './authz';
import { conflict, forbidden, invalid, notFound } from './errors';
import { db, type Tx } from './db';
import { findCurrentPolicy } from './policy-read';
import { assertVersion, saveVersioned, versionField } from './versioned';
import type { Actor } from './actor';
import { parseReleaseKey, refOf, type ReleaseArg, releaseKey } from './release-ref';
import { now as clockNow } from './clock';
import { releaseHref } from '@/lib/domain/release-parts';
import { sayer, type SayValue } from './say';

const say = sayer('server-freezes');

/** "a, b, c": names as this module lists them, each as it is. */
const commaList = (items: SayValue[]): SayValue => items.slice(1).reduce<SayValue>((a, b) => ({ key: 'list.comma', values: { a, b } }), items[0] ?? '');
/** `"a", "b"`: names as typed, quoted. */
const quotedList = (items: string[]): SayValue => commaList(items.map((n) => ({ key: 'list.quoted', values: { name: n } })));

// Change freezes (admin: freeze.edit) and two-person freeze overrides (freeze.override).
// The decision "does a freeze hit this deployment" is lib/domain/freeze.ts
// (freezesHitting); this module stores freezes and overrides and loads them for it.

export const MAX_FREEZE_SCOPE = 100;

const id = z.string().trim().min(1, say('field.idMissing')).max(64, say('field.idTooLong'));
/** `what`: environments or components (server-freezes `field.names.<what>`) */
const nameList = (what: 'environment' | 'component') =>
  z
    .preprocess(
      (v) => (typeof v === 'string' ? v.split(',') : v === undefined || v === null ? [] : v),
      z
        .array(
          z
            .string({ error: say(`field.names.${what}.text`) })
            .trim()
            .toLowerCase()
            .max(64, say(`field.names.${what}.max`, { max: 64 })),
          { error: say(`field.names.${what}.list`) },
        )
        .max(MAX_FREEZE_SCOPE, say('field.names.atMost', { max: MAX_FREEZE_SCOPE })),
    )
    .transform((list) => [...new Set(list.filter(Boolean))]);

const freezeFields = {
  name: z
    .string()
    .trim()
    .min(3, say('field.name', { min: 3 }))
    .max(120, say('field.nameMax', { max: 120 })),
  reason: z
    .string()
    .trim()
    .min(1, say('field.reason'))
    .max(1000, say('field.reasonMax', { max: 1000 })),
  kind: z.enum(['one_off', 'recurring'], { error: say('field.kind') }),
  startsAt: z.string().trim().max(64).default(''),
  endsAt: z.string().trim().max(64).default(''),
  rrule: z
    .string()
    .trim()
    .max(500, say('field.rruleMax', { max: 500 }))
    .default(''),
  cron: z
    .string()
    .trim()
    .max(200, say('field.cronMax', { max: 200 }))
    .default(''),
  durationMinutes: z.union([z.number(), z.string().trim().max(20)]).default(''),
  timezone: z
    .string()
    .trim()
    .max(64, say('field.timezoneMax', { max: 64 }))
    .default('UTC'),
  environments: nameList('environment').default([]),
  components: nameList('component').default([]),
};

export const CreateFreezeSchema = z.object(freezeFields);
export const UpdateFreezeSchema = z.object({ id, version: versionField, ...freezeFields });
export const SetFreezeActiveSchema = z.object({
  id,
  active: z.union([z.boolean(), z.enum(['true', 'false', 'on', '1', '0']).transform((v) => v === 'true' || v === 'on' || v === '1')], {
    error: say('field.active'),
  }),
});

export const RequestOverrideSchema = z.object({
  releaseKey: z.string().trim().toUpperCase().min(1, say('field.releaseKey')).max(20),
  freezeId: z.string().trim().min(1, say('field.freezeId')).max(64, say('field.idTooLong')),
  environmentName: z.string().trim().toLowerCase().min(1, say('field.environmentName')).max(64),
  reason: z
    .string()
    .trim()
    .min(OVERRIDE_REASON_MIN, say('field.overrideReason', { min: OVERRIDE_REASON_MIN }))
    .max(2000, say('field.reasonMax', { max: 2000 })),
});
export const DecideOverrideSchema = z.object({ id });

// ------------------------------------------------------------------ DTOs

export interface IntervalDto {
  start: string;
  end: string;
}

export interface FreezeWindowDto {
  id: string;
  name: string;
  reason: string;
  kind: 'one_off' | 'recurring';
  startsAt: string | null;
  endsAt: string | null;
  rrule: string | null;
  cron: string | null;
  durationMinutes: number | null;
  timezone: string;
  active: boolean;
  environments: { id: string; name: string; displayName: string }[];
  components: { id: string; name: string }[];
  /** "Everything", "production, staging", "billing-api in production" */
  scope: string;
  description: string;
  next: IntervalDto[];
  /** an occurrence is running now */
  inForceNow: boolean;
  updatedAt: string;
  version: number;
  createdBy: string | null;
  overrides: number;
}

export interface FreezeOverrideDto {
  id: string;
  freezeId: string;
  freezeName: string;
  environmentId: string;
  environmentName: string;
  reason: string;
  status: 'requested' | 'granted' | 'refused' | 'withdrawn';
  requestedBy: { id: string; name: string };
  decidedBy: { id: string; name: string } | null;
  createdAt: string;
  decidedAt: string | null;
}

export interface FreezeOverrideOptions {
  releaseId: string;
  releaseKey: string;
  finished: boolean;
  freezes: { id: string; name: string; description: string }[];
  environments: { id: string; name: string; displayName: string }[];
  /** freezes hitting the release's scheduled windows (per environment, else its planned window) */
  hits: { freezeId: string; environmentName: string; text: string; overridden: boolean }[];
}

// ------------------------------------------------------------------ helpers

type FreezeRow = {
  kind: 'one_off' | 'recurring';
  startsAt: Date | null;
  endsAt: Date | null;
  rrule: string | null;
  cron: string | null;
  durationMinutes: number | null;
  timezone: string;
};

/** A stored freeze as a Recurrence (null when the row is unusable, which the CHECKs should prevent). */
export function recurrenceOfFreeze(w: FreezeRow): Recurrence | null {
  return recurrenceOfStored(w);
}

/**
 * Every freeze window (active or not; with `period`, those that can overlap it) as a FreezeSpec, for lib/domain/freeze.ts
 * `freezesHitting`. A stored freeze whose recurrence cannot be read is kept as
 * "always in force" (fail closed) so that it is noticed and fixed, not ignored.
 */
export async function loadFreezeSpecs(tx: Pick<Tx, 'freezeWindow'>, period?: { start: Date; end: Date }): Promise<FreezeSpec[]> {
  const rows = await tx.freezeWindow.findMany({
    // with a period: every recurring freeze (its expansion is bounded by the period where
    // it is checked), one-off freezes overlapping the period, and unreadable rows (fail closed)
    ...(period
      ? {
          where: {
            OR: [{ kind: 'recurring' as const }, { startsAt: null }, { endsAt: null }, { startsAt: { lt: period.end }, endsAt: { gt: period.start } }],
          },
        }
      : {}),
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    include: { environments: { select: { environmentId: true } }, components: { select: { componentId: true } } },
  });
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    reason: r.reason,
    recurrence: recurrenceOfFreeze(r) ?? {
      kind: 'one_off',
      startsAt: new Date(Date.UTC(1970, 0, 1)),
      endsAt: new Date(Date.UTC(9999, 11, 31)),
      timezone: r.timezone,
    },
    environmentIds: r.environments.map((e) => e.environmentId),
    componentIds: r.components.map((c) => c.componentId),
    active: r.active,
  }));
}

/** The overrides granted for a release: a freeze hit with a matching (freezeId, environmentId) is allowed. */
export async function grantedOverrides(tx: Pick<Tx, 'freezeOverride'>, releaseId: string): Promise<{ freezeId: string; environmentId: string }[]> {
  const rows = await tx.freezeOverride.findMany({ where: { releaseId, status: 'granted' }, select: { freezeId: true, environmentId: true } });
  return rows;
}

type FreezeInput = z.output<typeof CreateFreezeSchema>;
const ATTENTION = say('attention');

/** Validates the recurrence with the recurrence engine; field errors per field. */
function checkRecurrence(input: FreezeInput, errors: Record<string, string[]>) {
  const timezone = input.timezone || 'UTC';
  if (input.kind === 'one_off') {
    if (!isValidTimeZone(timezone)) {
      errors.timezone = [say('unknownZone', { zone: timezone.slice(0, 64) })];
      return null;
    }
    const rec = validateOneOffText(input.startsAt, input.endsAt, timezone, { startsAt: '2026-12-21T00:00', endsAt: '2027-01-04T06:00' });
    if (!rec.ok) {
      Object.assign(errors, rec.errors);
      return null;
    }
    const v = rec.value as Extract<Recurrence, { kind: 'one_off' }>;
    return { kind: 'one_off' as const, startsAt: v.startsAt, endsAt: v.endsAt, rrule: null, cron: null, durationMinutes: null, timezone };
  }
  const rec = validateRecurrence({ kind: 'recurring', rrule: input.rrule, cron: input.cron, durationMinutes: input.durationMinutes, timezone });
  if (!rec.ok) {
    const errs = { ...rec.errors };
    // "neither given" is reported on rrule by the engine: say both fields here
    if (!input.rrule && !input.cron && errs.rrule) {
      errs.rrule = [say('rruleOrCron')];
    }
    Object.assign(errors, errs);
    return null;
  }
  const v = rec.value as Extract<Recurrence, { kind: 'recurring' }>;
  return {
    kind: 'recurring' as const,
    startsAt: null,
    endsAt: null,
    rrule: v.rrule ?? null,
    cron: v.cron ?? null,
    durationMinutes: v.durationMinutes,
    timezone: v.timezone,
  };
}

/** Environment and component names → ids; unknown names are field errors naming what exists. */
async function resolveScope(tx: Tx, input: FreezeInput, errors: Record<string, string[]>) {
  const [envs, comps] = await Promise.all([
    input.environments.length ? tx.environment.findMany({ where: { name: { in: input.environments } }, select: { id: true, name: true } }) : [],
    input.components.length ? tx.component.findMany({ where: { name: { in: input.components } }, select: { id: true, name: true } }) : [],
  ]);
  const missingEnvs = input.environments.filter((n) => !envs.some((e) => e.name === n));
  const missingComps = input.components.filter((n) => !comps.some((c) => c.name === n));
  if (missingEnvs.length) {
    const known = (await tx.environment.findMany({ orderBy: { position: 'asc' }, select: { name: true }, take: 20 })).map((e) => e.name);
    errors.environments = [
      say('noEnvironment', {
        names: quotedList(missingEnvs.map((n) => n.slice(0, 64))),
        known: known.length ? commaList(known) : { key: 'noneYet' },
      }),
    ];
  }
  if (missingComps.length) {
    errors.components = [say('noComponent', { names: quotedList(missingComps.map((n) => n.slice(0, 64))) })];
  }
  return {
    environmentIds: envs.map((e) => e.id),
    componentIds: comps.map((c) => c.id),
    environmentNames: envs.map((e) => e.name).sort(),
    componentNames: comps.map((c) => c.name).sort(),
  };
}

async function uniqueName(tx: Tx, name: string, errors: Record<string, string[]>, exceptId?: string) {
  const clash = await tx.freezeWindow.findFirst({
    where: { name: { equals: name, mode: 'insensitive' }, ...(exceptId ? { id: { not: exceptId } } : {}) },
    select: { id: true },
  });
  if (clash) errors.name = [say('nameTaken', { name })];
}

/** Serialises freeze writes, so two people cannot create freezes with the same name at once. */
const FREEZE_LOCK = 7304221077;

async function checkFreeze(tx: Tx, input: FreezeInput, exceptId?: string) {
  await tx.$queryRaw`SELECT 1 AS locked FROM pg_advisory_xact_lock(${FREEZE_LOCK}::bigint)`;
  const errors: Record<string, string[]> = {};
  const fields = checkRecurrence(input, errors);
  const scope = await resolveScope(tx, input, errors);
  await uniqueName(tx, input.name, errors, exceptId);
  if (!fields || Object.keys(errors).length) {
    const onlyName = Object.keys(errors).length === 1 && errors.name;
    throw onlyName ? conflict(say('nameTakenShort'), errors) : invalid(ATTENTION, errors);
  }
  return { fields, scope };
}

/** What a freeze covers, in words (a page localizes it: lib/server/say.ts). */
function scopeLabel(envs: string[], comps: string[]): string {
  if (!envs.length && !comps.length) return say('scope.everything');
  if (!comps.length) return say('scope.allComponents', { environments: commaList(envs) });
  if (!envs.length) return say('scope.everywhere', { components: commaList(comps) });
  return say('scope.componentsIn', { components: commaList(comps), environments: commaList(envs) });
}

function snapshot(w: FreezeRow & { name: string; reason: string; active?: boolean }, envs: string[], comps: string[]) {
  return {
    name: w.name,
    reason: w.reason,
    kind: w.kind,
    startsAt: w.startsAt?.toISOString() ?? null,
    endsAt: w.endsAt?.toISOString() ?? null,
    rrule: w.rrule,
    cron: w.cron,
    durationMinutes: w.durationMinutes,
    timezone: w.timezone,
    environments: [...envs].sort(),
    components: [...comps].sort(),
    ...(w.active === undefined ? {} : { active: w.active }),
  };
}

function preview(w: FreezeRow, n = 5, now = clockNow()): { description: string; next: IntervalDto[] } {
  const rec = recurrenceOfFreeze(w);
  if (!rec) return { description: say('unreadable'), next: [] };
  return { description: describeRecurrence(rec), next: nextOccurrences(rec, now, n).map((o) => ({ start: o.start.toISOString(), end: o.end.toISOString() })) };
}

// ------------------------------------------------------------------ freeze mutations

export const createFreezeWindow = defineMutation({
  name: 'freeze.create',
  permission: 'freeze.edit',
  input: CreateFreezeSchema,
  async run({ tx, actor, input, audit }) {
    const { fields, scope } = await checkFreeze(tx, input);
    const w = await tx.freezeWindow.create({
      data: {
        name: input.name,
        reason: input.reason,
        ...fields,
        createdById: actor.type === 'user' || actor.type === 'token' ? actor.id : null,
        environments: { create: scope.environmentIds.map((environmentId) => ({ environmentId })) },
        components: { create: scope.componentIds.map((componentId) => ({ componentId })) },
      },
    });
    await audit({
      action: 'freeze.create',
      targetType: 'freeze',
      targetId: w.id,
      after: snapshot({ ...w, active: true }, scope.environmentNames, scope.componentNames),
    });
    return {
      id: w.id,
      name: w.name,
      scope: scopeLabel(scope.environmentNames, scope.componentNames),
      updatedAt: w.updatedAt.toISOString(),
      version: w.version,
      ...preview(w),
    };
  },
});

export const updateFreezeWindow = defineMutation({
  name: 'freeze.update',
  permission: 'freeze.edit',
  input: UpdateFreezeSchema,
  async run({ tx, actor, input, audit, noChange }) {
    const current = await tx.freezeWindow.findUnique({
      where: { id: input.id },
      include: { environments: { select: { environment: { select: { name: true } } } }, components: { select: { component: { select: { name: true } } } } },
    });
    if (!current) throw notFound(say('thatFreeze'));
    await assertVersion(tx, 'freezeWindow', current, input.version);
    const { fields, scope } = await checkFreeze(tx, input, current.id);
    const before = snapshot(
      current,
      current.environments.map((e) => e.environment.name),
      current.components.map((c) => c.component.name),
    );
    const after = snapshot({ name: input.name, reason: input.reason, ...fields }, scope.environmentNames, scope.componentNames);
    if (JSON.stringify(before) === JSON.stringify(after)) {
      noChange();
      return {
        id: current.id,
        name: current.name,
        scope: scopeLabel(scope.environmentNames, scope.componentNames),
        updatedAt: current.updatedAt.toISOString(),
        version: current.version,
        ...preview(current),
      };
    }
    // compare-and-set on the version: of two concurrent edits only the first wins
    await saveVersioned(tx, actor, {
      model: 'freezeWindow',
      id: current.id,
      expectedVersion: input.version,
      data: { name: input.name, reason: input.reason, ...fields },
    });
    await tx.freezeWindowEnvironment.deleteMany({ where: { freezeId: current.id } });
    await tx.freezeWindowComponent.deleteMany({ where: { freezeId: current.id } });
    if (scope.environmentIds.length)
      await tx.freezeWindowEnvironment.createMany({ data: scope.environmentIds.map((environmentId) => ({ freezeId: current.id, environmentId })) });
    if (scope.componentIds.length)
      await tx.freezeWindowComponent.createMany({ data: scope.componentIds.map((componentId) => ({ freezeId: current.id, componentId })) });
    const saved = await tx.freezeWindow.findUniqueOrThrow({ where: { id: current.id } });
    await audit({ action: 'freeze.update', targetType: 'freeze', targetId: current.id, before, after });
    return {
      id: saved.id,
      name: saved.name,
      scope: scopeLabel(scope.environmentNames, scope.componentNames),
      updatedAt: saved.updatedAt.toISOString(),
      version: saved.version,
      ...preview(saved),
    };
  },
});

export const setFreezeWindowActive = defineMutation({
  name: 'freeze.set_active',
  permission: 'freeze.edit',
  input: SetFreezeActiveSchema,
  async run({ tx, actor, input, audit, noChange }) {
    const current = await tx.freezeWindow.findUnique({ where: { id: input.id }, select: { id: true, name: true, active: true } });
    if (!current) throw notFound(say('thatFreeze'));
    if (current.active === input.active) {
      noChange();
      return { id: current.id, name: current.name, active: current.active, changed: false };
    }
    // a toggle, not an edit form: no expected version, but an edit form opened before it becomes stale
    await saveVersioned(tx, actor, { model: 'freezeWindow', id: current.id, data: { active: input.active } });
    const saved = await tx.freezeWindow.findUniqueOrThrow({ where: { id: current.id } });
    await audit({
      action: 'freeze.set_active',
      targetType: 'freeze',
      targetId: current.id,
      before: { active: current.active },
      after: { active: saved.active },
    });
    return { id: saved.id, name: saved.name, active: saved.active, changed: true };
  },
});

// ------------------------------------------------------------------ overrides

async function notify(
  tx: Tx,
  userIds: (string | null | undefined)[],
  n: { kind: string; say: Tell['say']; link: string; releaseId: string; releaseKey?: string },
  except: string | null,
) {
  await tellPeople(tx, userIds, n, except);
}

/** Serialises override decisions on one release (concurrent requests and confirmations). */
async function lockRelease(tx: Tx, releaseId: string) {
  await tx.$queryRaw`SELECT "id" FROM "Release" WHERE "id" = ${releaseId} FOR UPDATE`;
}

/** The zone a freeze is described in: its own, else the fallback (e.g. the release's), else UTC. */
function freezeZone(freeze: FreezeSpec, fallback: string): string {
  const own = freeze.recurrence.timezone;
  if (own && isValidTimeZone(own)) return own;
  return isValidTimeZone(fallback) ? fallback : 'UTC';
}

export const requestFreezeOverride = defineMutation({
  name: 'freeze.override_request',
  permission: 'freeze.override',
  input: RequestOverrideSchema,
  async run({ tx, actor, input, audit }) {
    if (actor.type === 'system' || !actor.id) throw invalid(say('override.byPerson'));
    const number = parseReleaseKey(input.releaseKey);
    const release = number ? await tx.release.findUnique({ where: { number }, include: { environments: { select: { environmentId: true } } } }) : null;
    if (!release) throw notFound(say('theRelease', { key: input.releaseKey.slice(0, 20) }));
    const key = releaseKey(release.number);
    if (!statusAllows(release.status, 'requestFreezeOverride')) throw conflict(say('override.finished', { key, status: release.status }));
    await lockRelease(tx, release.id);
    const freeze = await tx.freezeWindow.findUnique({
      where: { id: input.freezeId },
      include: { environments: { select: { environmentId: true } }, components: { select: { componentId: true } } },
    });
    if (!freeze) throw invalid(say('override.freezeGone'), { freezeId: [say('override.freezeGoneField')] });
    if (!freeze.active) throw invalid(say('override.inactive', { name: freeze.name }), { freezeId: [say('override.inactiveField')] });
    const env = await tx.environment.findUnique({ where: { name: input.environmentName }, select: { id: true, name: true, displayName: true } });
    if (!env)
      throw invalid(say('override.noEnvironment', { name: input.environmentName.slice(0, 64) }), {
        environmentName: [say('override.noEnvironmentField')],
      });
    const releaseEnvs = release.environments.map((e) => e.environmentId);
    if (releaseEnvs.length && !releaseEnvs.includes(env.id)) {
      throw invalid(say('override.notPlanned', { key, environment: env.displayName }), {
        environmentName: [say('override.notPlannedField', { key })],
      });
    }
    const envScope = freeze.environments.map((e) => e.environmentId);
    if (!freezeCovers({ environmentIds: envScope, componentIds: [] }, { environmentId: env.id, componentIds: [] })) {
      throw invalid(say('override.notCovered', { name: freeze.name, environment: env.displayName }), {
        environmentName: [say('override.notCoveredField')],
      });
    }
    const live = await tx.freezeOverride.findFirst({
      where: { releaseId: release.id, freezeId: freeze.id, environmentId: env.id, status: { in: ['requested', 'granted'] } },
      include: { requestedBy: { select: { name: true } } },
    });
    if (live) {
      throw conflict(
        live.status === 'granted'
          ? say('override.alreadyGranted', { key, name: freeze.name, environment: env.displayName })
          : say('override.alreadyRequested', { who: live.requestedBy.name, name: freeze.name, environment: env.displayName }),
      );
    }
    const o = await tx.freezeOverride.create({
      data: { freezeId: freeze.id, releaseId: release.id, environmentId: env.id, reason: input.reason, requestedById: actor.id },
    });
    await audit({
      action: 'freeze.override_request',
      targetType: 'release',
      targetId: release.id,
      after: { overrideId: o.id, freezeId: freeze.id, freeze: freeze.name, environment: env.name, reason: input.reason },
    });
    await notify(
      tx,
      [release.ownerId],
      {
        kind: 'freeze.override_requested',
        say: ({ t }) => ({
          title: t('freeze.overrideRequested.title', { name: actor.name, key }),
          body: t('freeze.overrideRequested.body', { freeze: freeze.name, environment: env.displayName, reason: input.reason }),
        }),
        link: releaseHref(key, 'schedule', 'freeze-overrides'),
        releaseId: release.id,
      },
      actor.id,
    );
    await emitEvent(tx, {
      type: 'freeze.override_requested',
      releaseId: release.id,
      environment: env.name,
      summary: `${actor.name} asks to deploy ${key} inside the freeze “${freeze.name}” in ${env.displayName}`,
      lines: [`Reason: ${input.reason}`, 'A second person must confirm the override in Relm.'],
      link: releaseHref(key, 'schedule', 'freeze-overrides'),
      details: { freeze: freeze.name, reason: input.reason, requestedBy: actor.label },
    });
    return { id: o.id, releaseKey: key, freeze: freeze.name, environment: env.name, status: o.status };
  },
});

async function loadOverride(tx: Tx, overrideId: string) {
  const o = await tx.freezeOverride.findUnique({
    where: { id: overrideId },
    include: {
      freeze: { select: { name: true } },
      environment: { select: { name: true, displayName: true } },
      release: { select: { id: true, number: true, ownerId: true, status: true } },
      requestedBy: { select: { id: true, name: true } },
      confirmedBy: { select: { name: true } },
    },
  });
  if (!o) throw notFound(say('thatOverride'));
  return o;
}

function alreadyDecided(o: Awaited<ReturnType<typeof loadOverride>>): string {
  const who = o.confirmedBy?.name ?? o.requestedBy.name;
  const status = { key: `override.status.${o.status}` };
  return o.decidedAt
    ? say('override.alreadyDecidedAt', { status, who, when: o.decidedAt.toISOString().slice(0, 16).replace('T', ' ') })
    : say('override.alreadyDecided', { status, who });
}

/** The policy's freezeOverride.peopleRequired; 2 (the rule's minimum) when no valid policy is stored. */
async function peopleRequired(tx: Tx): Promise<number> {
  try {
    const policy = await findCurrentPolicy(tx);
    return Math.max(2, policy?.document.freezeOverride.peopleRequired ?? 2);
  } catch {
    return 2;
  }
}

/** Who already confirmed a still-requested override (partial confirmations, from the audit trail). */
async function earlierConfirmers(tx: Tx, releaseId: string, overrideId: string): Promise<string[]> {
  const events = await tx.auditEvent.findMany({
    where: { action: 'freeze.override_confirm', targetType: 'release', targetId: releaseId },
    select: { actorId: true, after: true },
  });
  const ids = events
    .filter((e) => {
      const after = e.after as { overrideId?: unknown; status?: unknown } | null;
      return after?.overrideId === overrideId && after.status === 'requested';
    })
    .map((e) => e.actorId)
    .filter((x): x is string => !!x);
  return [...new Set(ids)];
}

export const confirmFreezeOverride = defineMutation({
  name: 'freeze.override_confirm',
  permission: 'freeze.override',
  input: DecideOverrideSchema,
  async run({ tx, actor, input, audit }) {
    const first = await loadOverride(tx, input.id);
    await lockRelease(tx, first.release.id);
    const o = await loadOverride(tx, input.id);
    const refusal = overrideConfirmRefusal(o.requestedById, actor.type === 'system' ? null : actor.id);
    if (refusal) throw forbidden(refusal);
    if (o.status !== 'requested') throw conflict(alreadyDecided(o));
    const key = releaseKey(o.release.number);
    if (!statusAllows(o.release.status, 'requestFreezeOverride')) throw conflict(say('override.finishedRefuse', { key, status: o.release.status }));
    // the policy's freezeOverride.peopleRequired (at least 2): the requester plus confirmers.
    // With more than 2, the earlier confirmations are recorded in the audit trail and
    // the last one needed grants the override (and is stored as its confirmer).
    const required = await peopleRequired(tx);
    const earlier = await earlierConfirmers(tx, o.release.id, o.id);
    if (earlier.includes(actor.id!)) {
      throw conflict(say('override.alreadyConfirmed', { required, confirmers: required - 1, more: required - 1 - earlier.length }));
    }
    if (1 + earlier.length + 1 < required) {
      const missing = required - (1 + earlier.length + 1);
      await audit({
        action: 'freeze.override_confirm',
        targetType: 'release',
        targetId: o.release.id,
        before: { overrideId: o.id, status: 'requested', confirmations: earlier.length },
        after: {
          overrideId: o.id,
          status: 'requested',
          confirmations: earlier.length + 1,
          peopleRequired: required,
          freeze: o.freeze.name,
          environment: o.environment.name,
        },
      });
      return { id: o.id, releaseKey: key, status: 'requested' as const, postReviewRequired: false, peopleRequired: required, stillNeeded: missing };
    }
    const decidedAt = clockNow();
    const { count } = await tx.freezeOverride.updateMany({
      where: { id: o.id, status: 'requested' },
      data: { status: 'granted', confirmedById: actor.id, decidedAt },
    });
    if (count !== 1) throw conflict(say('override.raced'));
    // a freeze override always makes the post-release review mandatory
    await tx.release.update({ where: { id: o.release.id }, data: { postReviewRequired: true } });
    const review = await tx.postReleaseReview.findUnique({ where: { releaseId: o.release.id }, select: { requiredReasons: true } });
    if (review && !review.requiredReasons.includes('freeze override')) {
      await tx.postReleaseReview.update({ where: { releaseId: o.release.id }, data: { requiredReasons: [...review.requiredReasons, 'freeze override'] } });
    }
    await audit({
      action: 'freeze.override_confirm',
      targetType: 'release',
      targetId: o.release.id,
      before: { overrideId: o.id, status: 'requested' },
      after: {
        overrideId: o.id,
        status: 'granted',
        freeze: o.freeze.name,
        environment: o.environment.name,
        requestedBy: o.requestedBy.name,
        reason: o.reason,
        postReviewRequired: true,
      },
    });
    await notify(
      tx,
      [o.release.ownerId, o.requestedById],
      {
        kind: 'freeze.override_granted',
        say: ({ t }) => ({
          title: t('freeze.overrideGranted.title', { key }),
          body: t('freeze.overrideGranted.body', {
            name: actor.name,
            freeze: o.freeze.name,
            environment: o.environment.displayName,
            requester: o.requestedBy.name,
          }),
        }),
        link: releaseHref(key, 'schedule', 'freeze-overrides'),
        releaseId: o.release.id,
      },
      actor.id,
    );
    return { id: o.id, releaseKey: key, status: 'granted' as const, postReviewRequired: true, peopleRequired: required, stillNeeded: 0 };
  },
});

export const refuseFreezeOverride = defineMutation({
  name: 'freeze.override_refuse',
  permission: 'freeze.override',
  input: DecideOverrideSchema,
  async run({ tx, actor, input, audit }) {
    const first = await loadOverride(tx, input.id);
    await lockRelease(tx, first.release.id);
    const o = await loadOverride(tx, input.id);
    if (o.status !== 'requested') throw conflict(alreadyDecided(o));
    // the requester may withdraw their own request; anyone else refuses it
    const own = actor.id !== null && actor.id === o.requestedById;
    const status = own ? ('withdrawn' as const) : ('refused' as const);
    const { count } = await tx.freezeOverride.updateMany({
      where: { id: o.id, status: 'requested' },
      data: { status, decidedAt: clockNow(), ...(own || actor.type === 'system' ? {} : { confirmedById: actor.id }) },
    });
    if (count !== 1) throw conflict(say('override.raced'));
    const key = releaseKey(o.release.number);
    await audit({
      action: 'freeze.override_refuse',
      targetType: 'release',
      targetId: o.release.id,
      before: { overrideId: o.id, status: 'requested' },
      after: { overrideId: o.id, status, freeze: o.freeze.name, environment: o.environment.name },
    });
    await notify(
      tx,
      [o.release.ownerId, o.requestedById],
      {
        kind: 'freeze.override_refused',
        say: ({ t }) => ({
          title: own ? t('freeze.overrideWithdrawn', { name: actor.name, key }) : t('freeze.overrideRefused.title', { key }),
          body: t('freeze.overrideRefused.body', { freeze: o.freeze.name, environment: o.environment.displayName }),
        }),
        link: releaseHref(key, 'schedule', 'freeze-overrides'),
        releaseId: o.release.id,
      },
      actor.id,
    );
    return { id: o.id, releaseKey: key, status };
  },
});

// ------------------------------------------------------------------ reads

const iso = (d: Date) => d.toISOString();

const freezeInclude = {
  environments: { select: { environment: { select: { id: true, name: true, displayName: true, position: true } } } },
  components: { select: { component: { select: { id: true, name: true } } } },
  createdBy: { select: { name: true } },
  _count: { select: { overrides: true } },
} as const;

type FreezeWithScope = FreezeRow & {
  id: string;
  name: string;
  reason: string;
  active: boolean;
  updatedAt: Date;
  version: number;
  environments: { environment: { id: string; name: string; displayName: string; position: number } }[];
  components: { component: { id: string; name: string } }[];
  createdBy: { name: string } | null;
  _count: { overrides: number };
};

function toDto(w: FreezeWithScope, n: number, now: Date): FreezeWindowDto {
  const rec = recurrenceOfFreeze(w);
  const environments = w.environments.map((e) => e.environment).sort((a, b) => a.position - b.position);
  const components = w.components.map((c) => c.component).sort((a, b) => a.name.localeCompare(b.name));
  return {
    id: w.id,
    name: w.name,
    reason: w.reason,
    kind: w.kind,
    startsAt: w.startsAt ? iso(w.startsAt) : null,
    endsAt: w.endsAt ? iso(w.endsAt) : null,
    rrule: w.rrule,
    cron: w.cron,
    durationMinutes: w.durationMinutes,
    timezone: w.timezone,
    active: w.active,
    environments: environments.map(({ id: i, name, displayName }) => ({ id: i, name, displayName })),
    components,
    scope: scopeLabel(
      environments.map((e) => e.name),
      components.map((c) => c.name),
    ),
    description: rec ? describeRecurrence(rec) : say('unreadable'),
    next: rec ? nextOccurrences(rec, now, n).map((o) => ({ start: iso(o.start), end: iso(o.end) })) : [],
    inForceNow: rec ? isInside(rec, now) : true,
    updatedAt: iso(w.updatedAt),
    version: w.version,
    createdBy: w.createdBy?.name ?? null,
    overrides: w._count.overrides,
  };
}

/** Every freeze window, active first, with its description and next 3 occurrences. */
export async function listFreezeWindows(actor: Actor | null, now = clockNow()): Promise<FreezeWindowDto[]> {
  assertCan(actor, 'catalog.read');
  const prisma = await db();
  const rows = await prisma.freezeWindow.findMany({ orderBy: [{ active: 'desc' }, { name: 'asc' }], include: freezeInclude, take: 500 });
  return rows.map((r) => toDto(r, 3, now));
}

/** One freeze window with its next 10 occurrences, or null. */
export async function getFreezeWindow(actor: Actor | null, freezeId: string, now = clockNow()): Promise<FreezeWindowDto | null> {
  assertCan(actor, 'catalog.read');
  if (typeof freezeId !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(freezeId)) return null;
  const prisma = await db();
  const row = await prisma.freezeWindow.findUnique({ where: { id: freezeId }, include: freezeInclude });
  return row ? toDto(row, 10, now) : null;
}

/** A stored freeze as form values (datetime-local boundaries in its own zone). */
export interface FreezeFormValues {
  id: string;
  version: number;
  name: string;
  reason: string;
  kind: 'one_off' | 'recurring';
  startsAt: string;
  endsAt: string;
  rrule: string;
  cron: string;
  durationMinutes: string;
  timezone: string;
  environments: string[];
  components: string[];
}

/** A freeze as values for the edit form: datetime-local boundaries in the freeze's zone. */
export function freezeFormValues(w: FreezeWindowDto): FreezeFormValues {
  const zone = isValidTimeZone(w.timezone) ? w.timezone : 'UTC';
  return {
    id: w.id,
    version: w.version,
    name: w.name,
    reason: w.reason,
    kind: w.kind,
    startsAt: w.startsAt ? instantToLocalDateTime(new Date(w.startsAt), zone) : '',
    endsAt: w.endsAt ? instantToLocalDateTime(new Date(w.endsAt), zone) : '',
    rrule: w.rrule ?? '',
    cron: w.cron ?? '',
    durationMinutes: w.durationMinutes ? String(w.durationMinutes) : '',
    timezone: w.timezone,
    environments: w.environments.map((e) => e.name),
    components: w.components.map((c) => c.name),
  };
}

/** The choices for a freeze window's scope: every environment and component by name. */
export async function freezeScopeChoices(
  actor: Actor | null,
): Promise<{ environments: { name: string; displayName: string }[]; components: { name: string }[] }> {
  assertCan(actor, 'catalog.read');
  const prisma = await db();
  const [environments, components] = await Promise.all([
    prisma.environment.findMany({ orderBy: { position: 'asc' }, select: { name: true, displayName: true } }),
    prisma.component.findMany({ orderBy: { name: 'asc' }, select: { name: true }, take: 1000 }),
  ]);
  return { environments, components };
}

/** The freeze overrides of a release (newest first); [] when the release does not exist. */
export async function listFreezeOverrides(actor: Actor | null, release: ReleaseArg): Promise<FreezeOverrideDto[]> {
  assertCan(actor, 'release.read');
  const prisma = await db();
  const ref = await refOf(prisma, typeof release === 'string' ? release.trim().toUpperCase() : release);
  if (!ref) return [];
  const rows = await prisma.freezeOverride.findMany({
    where: { releaseId: ref.id },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    include: {
      freeze: { select: { name: true } },
      environment: { select: { displayName: true } },
      requestedBy: { select: { id: true, name: true } },
      confirmedBy: { select: { id: true, name: true } },
    },
  });
  return rows.map((o) => ({
    id: o.id,
    freezeId: o.freezeId,
    freezeName: o.freeze.name,
    environmentId: o.environmentId,
    environmentName: o.environment.displayName,
    reason: o.reason,
    status: o.status,
    requestedBy: o.requestedBy,
    decidedBy: o.status === 'withdrawn' ? o.requestedBy : o.confirmedBy,
    createdAt: iso(o.createdAt),
    decidedAt: o.decidedAt ? iso(o.decidedAt) : null,
  }));
}

/**
 * What the override request form offers for a release: the active freezes that
 * can cover its environments (those hitting its schedule first), its environments,
 * and the freeze hits on its scheduled windows, each with whether it is overridden.
 */
export async function freezeOverrideOptions(actor: Actor | null, release: ReleaseArg): Promise<FreezeOverrideOptions | null> {
  assertCan(actor, 'release.read');
  const prisma = await db();
  const ref = await refOf(prisma, typeof release === 'string' ? release.trim().toUpperCase() : release);
  if (!ref) return null;
  const row = await prisma.release.findUnique({
    where: { id: ref.id },
    select: {
      id: true,
      number: true,
      status: true,
      timezone: true,
      plannedStart: true,
      plannedEnd: true,
      package: { select: { items: { select: { componentId: true } } } },
      environments: {
        select: { scheduledStart: true, scheduledEnd: true, environment: { select: { id: true, name: true, displayName: true, position: true } } },
      },
    },
  });
  if (!row) return null;
  const planned = [...row.environments].sort((a, b) => a.environment.position - b.environment.position);
  let environments = planned.map((e) => e.environment);
  if (!environments.length)
    environments = await prisma.environment.findMany({ orderBy: { position: 'asc' }, select: { id: true, name: true, displayName: true, position: true } });
  const specs = await loadFreezeSpecs(prisma);
  const granted = await grantedOverrides(prisma, row.id);
  const componentIds = row.package?.items.map((i) => i.componentId) ?? [];
  const hits: FreezeOverrideOptions['hits'] = [];
  for (const e of planned) {
    const start = e.scheduledStart ?? row.plannedStart;
    const end = e.scheduledEnd ?? row.plannedEnd ?? start;
    if (!start || !end) continue;
    for (const hit of freezesHitting(specs, { environmentId: e.environment.id, componentIds }, { start, end })) {
      hits.push({
        freezeId: hit.freeze.id,
        environmentName: e.environment.name,
        text: describeFreezeHit(hit, freezeZone(hit.freeze, row.timezone), e.environment.displayName),
        overridden: granted.some((g) => g.freezeId === hit.freeze.id && g.environmentId === e.environment.id),
      });
    }
  }
  const envIds = environments.map((e) => e.id);
  const hitIds = new Set(hits.map((h) => h.freezeId));
  return {
    releaseId: row.id,
    releaseKey: releaseKey(row.number),
    finished: !statusAllows(row.status, 'requestFreezeOverride'),
    freezes: specs
      .filter((f) => f.active && (f.environmentIds.length === 0 || f.environmentIds.some((e) => envIds.includes(e))))
      .sort((a, b) => Number(hitIds.has(b.id)) - Number(hitIds.has(a.id)) || a.name.localeCompare(b.name))
      .map((f) => ({ id: f.id, name: f.name, description: describeRecurrence(f.recurrence) })),
    environments: environments.map(({ id: i, name, displayName }) => ({ id: i, name, displayName })),
    hits,
  };
}
