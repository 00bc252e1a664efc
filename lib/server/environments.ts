import 'server-only';
import crypto from 'node:crypto';
import { z } from 'zod';
import {
  describeRecurrence,
  isInside,
  isValidTimeZone,
  nextOccurrences,
  recurrenceOfStored,
  validateOneOffText,
  validateRecurrence,
  type Recurrence,
} from '@/lib/domain/recurrence';
import { rolesWith, ROLE_LABELS, type Role } from '@/lib/domain/permissions';
import type { Locale } from '@/lib/domain/locale';
import type { SayValue } from '@/lib/domain/said';
import { defineMutation } from './action';
import { assertCan } from './authz';
import { conflict, invalid, notFound, stale } from './errors';
import { db, type Tx } from './db';
import { assertVersion, saveVersioned, versionField } from './versioned';
import type { Actor } from './actor';
import { releaseKey } from './release-ref';
import { now as clockNow } from './clock';
import { localize, sayer } from './say';

const say = sayer('server-environments');

/** "a, b, c": items one after the other, each said in the reader's language (no conjunction, as the English always was). */
const commaList = (items: readonly SayValue[]): SayValue =>
  items.length <= 1 ? (items[0] ?? '') : { key: 'comma', values: { first: items[0]!, rest: commaList(items.slice(1)) } };

// Environments (the promotion path) and their maintenance windows. Maintenance
// windows are RRULE-only (the table has no cron column); the recurrence engine in
// lib/domain/recurrence.ts also understands cron for freeze windows.

export const TIERS = ['development', 'test', 'staging', 'production'] as const;
export type Tier = (typeof TIERS)[number];
export const MAX_WINDOWS_PER_ENVIRONMENT = 50;
/** int4 max minus one, leaving room to move the last environment down */
export const MAX_POSITION = 2_147_483_646;
/** where an edited environment waits while the others move (never a valid position) */
const PARKED_POSITION = 2_147_483_647;

const id = z.string().trim().min(1, say('field.missingId')).max(64, say('field.idTooLong'));
const bool = z.union([z.boolean(), z.enum(['on', 'true', 'false', '1', '0', '']).transform((v) => v === 'on' || v === 'true' || v === '1')]).default(false);

/** The roles a protected environment may name as its deployers: those that may record deployments at all. */
export const DEPLOY_ROLES: readonly Role[] = rolesWith('deployment.record');
/** a single form value or a list: always a list */
const list = <T extends z.ZodType>(item: T, max: number, tooMany: string) =>
  z.preprocess((v) => (v === undefined || v === null || v === '' ? [] : Array.isArray(v) ? v : [v]), z.array(item).max(max, tooMany));

const environmentFields = {
  name: z
    .string()
    .trim()
    .toLowerCase()
    .min(2, say('field.nameTooShort'))
    .max(40, say('field.nameTooLong'))
    .regex(/^[a-z][a-z0-9-]*$/, say('field.nameShape')),
  displayName: z.string().trim().min(1, say('field.displayName')).max(80, say('field.displayNameTooLong')),
  // the tiers by their names, as the API takes them
  tier: z.enum(TIERS, { error: () => say('field.tier', { tiers: TIERS.join(', ') }) }),
  position: z.coerce
    .number({ error: say('field.position') })
    .int(say('field.position'))
    .min(0, say('field.positionMin'))
    .max(MAX_POSITION, { error: () => say('field.positionMax', { max: MAX_POSITION }) }),
  protected: bool,
  description: z.string().trim().max(1000, say('field.descriptionTooLong')).default(''),
  /** who may deploy when protected: any of these roles (none: no role beyond recording deployments) … */
  deployRoles: list(
    z.enum(DEPLOY_ROLES as [Role, ...Role[]], {
      error: () => say('field.deployRoles', { roles: commaList(DEPLOY_ROLES.map((r) => ({ ns: 'server-authz', key: `roleWord.${r}` }))) }),
    }),
    DEPLOY_ROLES.length,
    say('field.rolesOnce'),
  ),
  /** … and of any of these teams (none: any team) */
  deployTeamIds: list(z.string().trim().min(1).max(64, say('field.teamIdTooLong')), 50, say('field.tooManyTeams')),
  /** on a position clash: move that environment and every later one down by one */
  moveOthers: bool,
};

export const CreateEnvironmentSchema = z.object(environmentFields);
export const UpdateEnvironmentSchema = z.object({ ...environmentFields, id, version: versionField });

const windowFields = {
  label: z.string().trim().min(1, say('window.label')).max(80, say('window.labelTooLong')),
  kind: z.enum(['one_off', 'recurring'], { error: say('window.kind') }),
  startsAt: z.string().trim().max(64).default(''),
  endsAt: z.string().trim().max(64).default(''),
  rrule: z.string().trim().max(500, say('window.rruleTooLong')).default(''),
  durationMinutes: z.union([z.number(), z.string().trim().max(20)]).default(''),
  timezone: z.string().trim().max(64).default('UTC'),
};

export const AddWindowSchema = z.object({ environmentId: id, ...windowFields });
export const UpdateWindowSchema = z.object({ id, version: z.string().trim().min(1).max(128), ...windowFields });
export const RemoveWindowSchema = z.object({ id });

// ------------------------------------------------------------------ DTOs

export interface IntervalDto {
  start: string;
  end: string;
}

export interface NextWindowDto extends IntervalDto {
  label: string;
  /** true when the environment is inside this window now */
  now: boolean;
}

export interface EnvironmentSummaryDto {
  id: string;
  name: string;
  displayName: string;
  tier: Tier;
  position: number;
  protected: boolean;
  /** who may deploy when protected (both empty: no one) */
  deployRoles: string[];
  deployTeams: { id: string; name: string }[];
  description: string;
  updatedAt: string;
  version: number;
  components: number;
  windows: number;
  nextWindow: NextWindowDto | null;
}

export interface MaintenanceWindowDto {
  id: string;
  label: string;
  kind: 'one_off' | 'recurring';
  startsAt: string | null;
  endsAt: string | null;
  rrule: string | null;
  durationMinutes: number | null;
  timezone: string;
  description: string;
  next: IntervalDto[];
  activeNow: boolean;
  /** for optimistic locking of edits: changes whenever the window does */
  version: string;
}

export interface RunningDto {
  componentId: string;
  componentName: string;
  buildId: string;
  version: string;
  since: string;
  deploymentId: string | null;
  releaseKey: string | null;
}

export interface EnvironmentDetailDto extends Omit<EnvironmentSummaryDto, 'nextWindow' | 'components' | 'windows'> {
  windowsList: MaintenanceWindowDto[];
  running: RunningDto[];
  nextWindow: NextWindowDto | null;
}

// ------------------------------------------------------------------ helpers

type WindowRow = {
  id: string;
  environmentId: string;
  label: string;
  kind: 'one_off' | 'recurring';
  startsAt: Date | null;
  endsAt: Date | null;
  rrule: string | null;
  durationMinutes: number | null;
  timezone: string;
};

/** A stored window as a Recurrence (null when the row is unusable, which the CHECKs should prevent). */
export function recurrenceOfWindow(w: Omit<WindowRow, 'id' | 'environmentId' | 'label'>): Recurrence | null {
  return recurrenceOfStored(w);
}

export interface EnvironmentWindow {
  id: string;
  environmentId: string;
  label: string;
  recurrence: Recurrence;
}

/**
 * The maintenance windows of the given environments, as recurrences, keyed by
 * environment id (every requested id is present, possibly with no windows).
 * For the scheduling gates: "is [start, end) inside a maintenance window".
 */
export async function maintenanceWindowsOf(tx: Pick<Tx, 'maintenanceWindow'>, environmentIds: readonly string[]): Promise<Map<string, EnvironmentWindow[]>> {
  const out = new Map<string, EnvironmentWindow[]>(environmentIds.map((e) => [e, []]));
  if (!environmentIds.length) return out;
  const rows = await tx.maintenanceWindow.findMany({
    where: { environmentId: { in: [...new Set(environmentIds)] } },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  });
  for (const r of rows) {
    const recurrence = recurrenceOfWindow(r);
    if (recurrence) out.get(r.environmentId)?.push({ id: r.id, environmentId: r.environmentId, label: r.label, recurrence });
  }
  return out;
}

/** The optimistic-lock token of a stored maintenance window (what `updateMaintenanceWindow` expects as `version`). */
export function maintenanceWindowVersion(w: Omit<WindowRow, 'environmentId'>): string {
  const basis = JSON.stringify([
    w.id,
    w.label,
    w.kind,
    w.startsAt?.toISOString() ?? null,
    w.endsAt?.toISOString() ?? null,
    w.rrule,
    w.durationMinutes,
    w.timezone,
  ]);
  return crypto.createHash('sha256').update(basis).digest('hex').slice(0, 24);
}

function windowSnapshot(w: Omit<WindowRow, 'id' | 'environmentId'>) {
  return {
    label: w.label,
    kind: w.kind,
    startsAt: w.startsAt?.toISOString() ?? null,
    endsAt: w.endsAt?.toISOString() ?? null,
    rrule: w.rrule,
    durationMinutes: w.durationMinutes,
    timezone: w.timezone,
  };
}

type WindowInput = z.output<typeof AddWindowSchema> | z.output<typeof UpdateWindowSchema>;

/** Validates a window with the recurrence engine; throws a field-by-field `invalid` refusal. */
function checkWindow(input: WindowInput) {
  const errors: Record<string, string[]> = {};
  const timezone = input.timezone || 'UTC';
  let rec;
  if (input.kind === 'one_off') {
    if (!isValidTimeZone(timezone)) {
      throw invalid(say('window.attention'), { timezone: [say('window.unknownZone', { zone: timezone.slice(0, 64) })] });
    }
    rec = validateOneOffText(input.startsAt, input.endsAt, timezone, { startsAt: '2026-12-05T22:00', endsAt: '2026-12-06T02:00' });
  } else {
    rec = validateRecurrence({ kind: 'recurring', rrule: input.rrule, durationMinutes: input.durationMinutes, timezone });
  }
  if (!rec.ok) Object.assign(errors, rec.errors);
  if (Object.keys(errors).length || !rec.ok) {
    throw invalid(say('window.attention'), errors);
  }
  const v = rec.value;
  return v.kind === 'one_off'
    ? { kind: 'one_off' as const, startsAt: v.startsAt, endsAt: v.endsAt, rrule: null, durationMinutes: null, timezone }
    : { kind: 'recurring' as const, startsAt: null, endsAt: null, rrule: v.rrule ?? null, durationMinutes: v.durationMinutes, timezone: v.timezone };
}

/** Refuses a position already taken, naming the holder; or makes room when asked to. */
async function claimPosition(tx: Tx, position: number, moveOthers: boolean, exceptId?: string) {
  const holder = await tx.environment.findFirst({
    where: { position, ...(exceptId ? { id: { not: exceptId } } : {}) },
    select: { id: true, name: true, displayName: true },
  });
  if (!holder) return [] as { name: string; from: number; to: number }[];
  if (!moveOthers) {
    const values = { position, displayName: holder.displayName, name: holder.name };
    throw conflict(say('position.taken', values), { position: [say('position.takenField', values)] });
  }
  // shift the holder and everything after it by one, last first (position is unique)
  const later = await tx.environment.findMany({
    where: { position: { gte: position }, ...(exceptId ? { id: { not: exceptId } } : {}) },
    orderBy: { position: 'desc' },
    select: { id: true, name: true, position: true },
  });
  if (exceptId) {
    // the edited environment may sit inside the range being shifted: park it out of the way first
    await tx.environment.update({ where: { id: exceptId }, data: { position: PARKED_POSITION } });
  }
  const moved: { name: string; from: number; to: number }[] = [];
  let expected = position;
  const ascending = [...later].reverse();
  // only shift the contiguous run starting at `position`: a gap absorbs the move
  const run: typeof later = [];
  for (const e of ascending) {
    if (e.position !== expected) break;
    run.push(e);
    expected++;
  }
  if (expected > MAX_POSITION) throw invalid(say('position.noRoom'), { position: [say('position.noRoomField')] });
  for (const e of run.reverse()) {
    await tx.environment.update({ where: { id: e.id }, data: { position: e.position + 1 } });
    moved.push({ name: e.name, from: e.position, to: e.position + 1 });
  }
  return moved;
}

async function uniqueName(tx: Tx, name: string, exceptId?: string) {
  const clash = await tx.environment.findFirst({ where: { name, ...(exceptId ? { id: { not: exceptId } } : {}) }, select: { displayName: true } });
  if (clash) throw conflict(say('nameTaken'), { name: [say('nameTakenField', { displayName: clash.displayName, name })] });
}

/** The named deploy teams, checked to exist, unique and in name order: [{ id, name }]. */
async function deployTeamsOf(tx: Tx, ids: readonly string[]) {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  const teams = await tx.team.findMany({ where: { id: { in: unique } }, select: { id: true, name: true }, orderBy: { name: 'asc' } });
  if (teams.length !== unique.length) throw invalid(say('fieldsNeedAttention'), { deployTeamIds: [say('teamGone')] });
  return teams;
}

/** The description and next 5 occurrences of a saved window (shown after saving). */
function preview(w: Omit<WindowRow, 'id' | 'environmentId' | 'label'>, now = clockNow()): { description: string; next: IntervalDto[] } {
  const rec = recurrenceOfWindow(w);
  if (!rec) return { description: '', next: [] };
  return { description: describeRecurrence(rec), next: nextOccurrences(rec, now, 5).map((o) => ({ start: o.start.toISOString(), end: o.end.toISOString() })) };
}

// ------------------------------------------------------------------ mutations

export const createEnvironment = defineMutation({
  name: 'environment.create',
  permission: 'environment.edit',
  input: CreateEnvironmentSchema,
  async run({ tx, input, audit }) {
    await uniqueName(tx, input.name);
    const { moveOthers, deployTeamIds, ...fields } = input;
    const data = { ...fields, deployRoles: [...new Set(fields.deployRoles)].sort() };
    const teams = await deployTeamsOf(tx, deployTeamIds);
    const moved = await claimPosition(tx, data.position, moveOthers);
    const env = await tx.environment.create({ data: { ...data, deployTeams: { create: teams.map((t) => ({ teamId: t.id })) } } });
    await audit({
      action: 'environment.create',
      targetType: 'environment',
      targetId: env.id,
      after: { ...data, deployTeams: teams.map((t) => t.name), moved },
    });
    return { id: env.id, name: env.name, moved };
  },
});

export const updateEnvironment = defineMutation({
  name: 'environment.update',
  permission: 'environment.edit',
  input: UpdateEnvironmentSchema,
  async run({ tx, actor, input, audit, noChange }) {
    const current = await tx.environment.findUnique({
      where: { id: input.id },
      include: { deployTeams: { select: { team: { select: { id: true, name: true } } }, orderBy: { team: { name: 'asc' } } } },
    });
    if (!current) throw notFound(say('thatEnvironment'));
    await assertVersion(tx, 'environment', current, input.version);
    const { id: envId, version, moveOthers, deployTeamIds, ...fields } = input;
    const data = { ...fields, deployRoles: [...new Set(fields.deployRoles)].sort() };
    const teams = await deployTeamsOf(tx, deployTeamIds);
    const before = {
      name: current.name,
      displayName: current.displayName,
      tier: current.tier,
      position: current.position,
      protected: current.protected,
      description: current.description,
      deployRoles: [...current.deployRoles].sort(),
      deployTeams: current.deployTeams.map((t) => t.team.name),
    };
    if (
      JSON.stringify(before) ===
      JSON.stringify({
        name: data.name,
        displayName: data.displayName,
        tier: data.tier,
        position: data.position,
        protected: data.protected,
        description: data.description,
        deployRoles: data.deployRoles,
        deployTeams: teams.map((t) => t.name),
      })
    ) {
      noChange();
      return { id: envId, name: current.name, moved: [] as { name: string; from: number; to: number }[] };
    }
    // the compare-and-set first (it locks the row): of two saves of one version, the second stops here
    await saveVersioned(tx, actor, { model: 'environment', id: envId, expectedVersion: version });
    if (data.name !== current.name) await uniqueName(tx, data.name, envId);
    const moved = data.position !== current.position ? await claimPosition(tx, data.position, moveOthers, envId) : [];
    await tx.environment.update({ where: { id: envId }, data: { ...data, deployTeams: { deleteMany: {}, create: teams.map((t) => ({ teamId: t.id })) } } });
    await audit({
      action: 'environment.update',
      targetType: 'environment',
      targetId: envId,
      before,
      after: { ...data, deployTeams: teams.map((t) => t.name), moved },
    });
    return { id: envId, name: data.name, moved };
  },
});

export const addMaintenanceWindow = defineMutation({
  name: 'environment.window.add',
  permission: 'environment.edit',
  input: AddWindowSchema,
  async run({ tx, input, audit }) {
    const env = await tx.environment.findUnique({ where: { id: input.environmentId }, include: { _count: { select: { maintenanceWindows: true } } } });
    if (!env) throw notFound(say('thatEnvironment'));
    const fields = checkWindow(input);
    if (env._count.maintenanceWindows >= MAX_WINDOWS_PER_ENVIRONMENT) {
      throw invalid(say('window.tooMany', { name: env.displayName, max: MAX_WINDOWS_PER_ENVIRONMENT }));
    }
    const w = await tx.maintenanceWindow.create({ data: { environmentId: env.id, label: input.label, ...fields } });
    await audit({ action: 'environment.window.add', targetType: 'environment', targetId: env.id, after: { windowId: w.id, ...windowSnapshot(w) } });
    return { id: w.id, environmentName: env.name, ...preview(w) };
  },
});

export const updateMaintenanceWindow = defineMutation({
  name: 'environment.window.update',
  permission: 'environment.edit',
  input: UpdateWindowSchema,
  async run({ tx, input, audit, noChange }) {
    const current = await tx.maintenanceWindow.findUnique({ where: { id: input.id }, include: { environment: { select: { id: true, name: true } } } });
    if (!current) throw notFound(say('thatWindow'));
    if (maintenanceWindowVersion(current) !== input.version) {
      throw stale(say('window.stale', { label: current.label }));
    }
    const fields = checkWindow(input);
    const before = windowSnapshot(current);
    const after = windowSnapshot({ label: input.label, ...fields });
    if (JSON.stringify(before) === JSON.stringify(after)) {
      noChange();
      return { id: current.id, environmentName: current.environment.name, ...preview(current) };
    }
    const saved = await tx.maintenanceWindow.update({ where: { id: current.id }, data: { label: input.label, ...fields } });
    await audit({
      action: 'environment.window.update',
      targetType: 'environment',
      targetId: current.environment.id,
      before: { windowId: current.id, ...before },
      after: { windowId: current.id, ...after },
    });
    return { id: current.id, environmentName: current.environment.name, ...preview(saved) };
  },
});

export const removeMaintenanceWindow = defineMutation({
  name: 'environment.window.remove',
  permission: 'environment.edit',
  input: RemoveWindowSchema,
  async run({ tx, input, audit }) {
    const current = await tx.maintenanceWindow.findUnique({ where: { id: input.id }, include: { environment: { select: { id: true, name: true } } } });
    if (!current) throw notFound(say('thatWindow'));
    await tx.maintenanceWindow.delete({ where: { id: current.id } });
    await audit({
      action: 'environment.window.remove',
      targetType: 'environment',
      targetId: current.environment.id,
      before: { windowId: current.id, ...windowSnapshot(current) },
    });
    return { id: current.id, environmentName: current.environment.name };
  },
});

// ------------------------------------------------------------------ reads

const iso = (d: Date) => d.toISOString();

function nextWindowOf(windows: { label: string; recurrence: Recurrence }[], now: Date): NextWindowDto | null {
  let best: NextWindowDto | null = null;
  for (const w of windows) {
    const [o] = nextOccurrences(w.recurrence, now, 1);
    if (!o) continue;
    if (!best || o.start.getTime() < Date.parse(best.start))
      best = { label: w.label, start: iso(o.start), end: iso(o.end), now: o.start <= now && now < o.end };
  }
  return best;
}

/** Every environment in promotion order, with what it runs and its next maintenance window. */
export async function listEnvironments(actor: Actor | null, now = clockNow()): Promise<EnvironmentSummaryDto[]> {
  assertCan(actor, 'catalog.read');
  const prisma = await db();
  const envs = await prisma.environment.findMany({
    orderBy: { position: 'asc' },
    include: {
      _count: { select: { running: true, maintenanceWindows: true } },
      deployTeams: { select: { team: { select: { id: true, name: true } } }, orderBy: { team: { name: 'asc' } } },
    },
  });
  const windows = await maintenanceWindowsOf(
    prisma,
    envs.map((e) => e.id),
  );
  return envs.map((e) => ({
    id: e.id,
    name: e.name,
    displayName: e.displayName,
    tier: e.tier,
    position: e.position,
    protected: e.protected,
    deployRoles: e.deployRoles,
    deployTeams: e.deployTeams.map((t) => t.team),
    description: e.description,
    updatedAt: iso(e.updatedAt),
    version: e.version,
    components: e._count.running,
    windows: e._count.maintenanceWindows,
    nextWindow: nextWindowOf(windows.get(e.id) ?? [], now),
  }));
}

/** One environment by name, with its windows (described, next 5 occurrences) and what it runs now. */
export async function getEnvironment(actor: Actor | null, name: string, now = clockNow()): Promise<EnvironmentDetailDto | null> {
  assertCan(actor, 'catalog.read');
  if (typeof name !== 'string' || name.length > 64) return null;
  const prisma = await db();
  const env = await prisma.environment.findUnique({
    where: { name: name.toLowerCase() },
    include: {
      maintenanceWindows: { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] },
      deployTeams: { select: { team: { select: { id: true, name: true } } }, orderBy: { team: { name: 'asc' } } },
      running: {
        include: {
          component: { select: { name: true } },
          build: { select: { version: true } },
          deployment: { select: { id: true, release: { select: { number: true } } } },
        },
      },
    },
  });
  if (!env) return null;
  const windowsList: MaintenanceWindowDto[] = env.maintenanceWindows.map((w) => {
    const rec = recurrenceOfWindow(w);
    const next = rec ? nextOccurrences(rec, now, 5) : [];
    return {
      id: w.id,
      label: w.label,
      kind: w.kind,
      startsAt: w.startsAt ? iso(w.startsAt) : null,
      endsAt: w.endsAt ? iso(w.endsAt) : null,
      rrule: w.rrule,
      durationMinutes: w.durationMinutes,
      timezone: w.timezone,
      description: rec ? describeRecurrence(rec) : say('window.unreadable'),
      next: next.map((o) => ({ start: iso(o.start), end: iso(o.end) })),
      activeNow: rec ? isInside(rec, now) : false,
      version: maintenanceWindowVersion(w),
    };
  });
  const recs = env.maintenanceWindows.flatMap((w) => {
    const recurrence = recurrenceOfWindow(w);
    return recurrence ? [{ label: w.label, recurrence }] : [];
  });
  return {
    id: env.id,
    name: env.name,
    displayName: env.displayName,
    tier: env.tier,
    position: env.position,
    protected: env.protected,
    deployRoles: env.deployRoles,
    deployTeams: env.deployTeams.map((t) => t.team),
    description: env.description,
    updatedAt: iso(env.updatedAt),
    version: env.version,
    windowsList,
    nextWindow: nextWindowOf(recs, now),
    running: env.running
      .map((r) => ({
        componentId: r.componentId,
        componentName: r.component.name,
        buildId: r.buildId,
        version: r.build.version,
        since: iso(r.since),
        deploymentId: r.deploymentId,
        releaseKey: r.deployment ? releaseKey(r.deployment.release.number) : null,
      }))
      .sort((a, b) => a.componentName.localeCompare(b.componentName)),
  };
}

/** The environment's sentences (a window that could not be read) in the reader's language. */
export function localizeEnvironment(env: EnvironmentDetailDto, locale: Locale): EnvironmentDetailDto {
  if (locale === 'en') return env;
  return { ...env, windowsList: env.windowsList.map((w) => ({ ...w, description: localize(w.description, locale) })) };
}

/** What the environment form offers for "who may deploy when protected": the roles that may record deployments, and every team. */
export async function deployerChoices(actor: Actor | null): Promise<{ roles: { value: string; label: string }[]; teams: { id: string; name: string }[] }> {
  assertCan(actor, 'environment.edit');
  const prisma = await db();
  const teams = await prisma.team.findMany({ orderBy: { name: 'asc' }, select: { id: true, name: true }, take: 500 });
  return { roles: DEPLOY_ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] })), teams };
}

/** The first unused position after the last environment (a suggestion for the create form). */
export async function suggestedPosition(actor: Actor | null): Promise<number> {
  assertCan(actor, 'catalog.read');
  const prisma = await db();
  const last = await prisma.environment.findFirst({ orderBy: { position: 'desc' }, select: { position: true } });
  return last ? Math.min(MAX_POSITION, Math.ceil((last.position + 1) / 10) * 10) : 10;
}
