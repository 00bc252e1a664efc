import 'server-only';
import { managedByKey, mayManage } from './release-managers';
import { cache } from 'react';
import { z } from 'zod';
import type { Prisma } from '@/lib/generated/prisma/client';
import {
  checkSchedule,
  CONFLICT_KINDS,
  DEFAULT_SCHEDULE_POLICY,
  formatRange,
  nextFreeSlots,
  scheduleFacts,
  type ConflictKind,
  type ScheduleCheck,
  type ScheduleInput,
  type ScheduleProblem,
} from '@/lib/domain/scheduling';
import { describeFreezeHitClause, freezesHitting } from '@/lib/domain/freeze';
import { allows as statusAllows, statusesAllowing } from '@/lib/domain/release-rules';
import { instantToLocalDateTime, isValidTimeZone, localDateTimeToInstant } from '@/lib/domain/recurrence';
import type { ReleaseStatus } from '@/lib/domain/lifecycle';
import type { GateResult } from '@/lib/domain/result';
import { defineMutation } from './action';
import { allows, assertCan } from './authz';
import { db, type Tx } from './db';
import { conflict, invalid, notFound, Refusal } from './errors';
import { maintenanceWindowsOf } from './environments';
import { grantedOverrides, loadFreezeSpecs } from './freezes';
import { findCurrentPolicy } from './policy-read';
import { releaseForWrite, touchRelease } from './release-edits';
import { parseReleaseKey, refOf, type ReleaseArg, releaseKey } from './release-ref';
import type { Actor } from './actor';
import { now as clockNow } from './clock';
import { localize, sayer, type SayValue } from './say';
import type { Locale } from '@/lib/domain/locale';

const say = sayer('server-scheduling');

/** "a; b; c" or "a; b; c; and 2 more": problems one after the other, as the gates list them. */
function clauseList(items: SayValue[], max: number): SayValue {
  const shown = items.slice(0, max);
  const joined = shown.slice(1).reduce<SayValue>((a, b) => ({ key: 'list.then', values: { a, b } }), shown[0] ?? '');
  return items.length > max ? { key: 'list.more', values: { items: joined, count: items.length - max } } : joined;
}

/** "a, b, c" (names), or "none". */
function nameList(items: SayValue[], none = 'list.none'): SayValue {
  if (items.length === 0) return { key: none };
  return items.slice(1).reduce<SayValue>((a, b) => ({ key: 'list.comma', values: { a, b } }), items[0]!);
}

// Scheduling a release: per target environment a window, checked by
// lib/domain/scheduling against maintenance windows, freezes, the promotion path
// and other releases. The proposed windows are stored even when they have
// problems (so the release manager sees them and can acknowledge conflicts);
// approved → scheduled only passes when the check does (facts.schedule).
// See docs/decisions/010-scheduling.md.

export const MAX_WINDOW_MINUTES = 14 * 24 * 60;
export const MIN_ACK_REASON = 10;
export const MAX_ACK_REASON = 2_000;
const SCHEDULE_LOCK = 7_305_550_001;

const LOCAL_DT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;
const LOCAL_MESSAGE = say('localDateTime');
const localField = z
  .string({ error: LOCAL_MESSAGE })
  .trim()
  .max(20, LOCAL_MESSAGE)
  .refine((v) => v === '' || LOCAL_DT.test(v), LOCAL_MESSAGE);

const VERSION_MESSAGE = say('versionField');
const versionField = z.coerce.number({ error: VERSION_MESSAGE }).int(VERSION_MESSAGE).min(1, VERSION_MESSAGE).max(2_147_483_647, VERSION_MESSAGE);

const KEY_MESSAGE = say('keyField');
const keyField = z.string({ error: KEY_MESSAGE }).trim().min(1, KEY_MESSAGE).max(40, KEY_MESSAGE);
const ENVIRONMENT_MESSAGE = say('environmentField');

export const ScheduleReleaseSchema = z.object({
  releaseKey: keyField,
  version: versionField,
  windows: z
    .array(
      z.object({
        environment: z.string({ error: ENVIRONMENT_MESSAGE }).trim().min(1, ENVIRONMENT_MESSAGE).max(64, ENVIRONMENT_MESSAGE),
        start: localField.default(''),
        end: localField.default(''),
      }),
      { error: say('windowsList') },
    )
    .min(1, say('windowsMin'))
    .max(20, say('windowsMax', { max: 20 })),
  timezone: z
    .string({ error: say('timezoneField') })
    .trim()
    .max(64)
    .optional()
    .refine((v) => !v || isValidTimeZone(v), say('timezoneUnknown')),
});
export type ScheduleReleaseInput = z.input<typeof ScheduleReleaseSchema>;

export const AcknowledgeConflictSchema = z.object({
  releaseKey: keyField,
  otherReleaseKey: keyField,
  kind: z.enum(['environment', 'component', 'owner', 'freeze', 'maintenance', 'promotion'], {
    error: say('kindField'),
  }),
  environment: z
    .string()
    .trim()
    .max(64)
    .optional()
    .transform((v) => v || undefined),
  component: z
    .string()
    .trim()
    .max(200)
    .optional()
    .transform((v) => v || undefined),
  reason: z
    .string({ error: say('ackReason') })
    .trim()
    .min(MIN_ACK_REASON, say('ackReasonMin', { min: MIN_ACK_REASON }))
    .max(MAX_ACK_REASON, say('reasonMax', { max: MAX_ACK_REASON })),
});
export type AcknowledgeConflictInput = z.input<typeof AcknowledgeConflictSchema>;

// ---------------------------------------------------------------- loading

async function schedulePolicy(tx: Tx) {
  let current: Awaited<ReturnType<typeof findCurrentPolicy>>;
  try {
    current = await findCurrentPolicy(tx);
  } catch (err) {
    // a stored policy that does not parse: fail closed (nothing acknowledgeable, every gate on)
    if (err instanceof Refusal) return { acknowledgeable: [], respectMaintenanceWindows: true, productionRequiresStagingSuccess: true };
    throw err;
  }
  if (!current) return DEFAULT_SCHEDULE_POLICY;
  return {
    acknowledgeable: current.document.conflicts.acknowledgeable as ConflictKind[],
    respectMaintenanceWindows: current.document.gates.respectMaintenanceWindows,
    productionRequiresStagingSuccess: current.document.gates.productionRequiresStagingSuccess,
  };
}

async function componentIdsOf(tx: Tx, releaseIds: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>(releaseIds.map((id) => [id, []]));
  if (!releaseIds.length) return out;
  const items = await tx.packageItem.findMany({
    where: { package: { releaseId: { in: releaseIds } } },
    select: { componentId: true, package: { select: { releaseId: true } } },
  });
  for (const i of items) out.get(i.package.releaseId)?.push(i.componentId);
  return out;
}

export interface LoadedSchedule {
  input: ScheduleInput;
  release: { id: string; number: number; key: string; status: ReleaseStatus; version: number; timezone: string; displayNames: Record<string, string> };
}

/** A scheduled window is at most this long (CHECK ReleaseEnvironment_window_length_check holds it in the database too). */
const MAX_WINDOW_MS = MAX_WINDOW_MINUTES * 60_000;
const DAY_MS = 86_400_000;
/** The free-slot search looks this many days ahead. */
export const SLOT_SEARCH_DAYS = 90;

export interface ScheduleLoadOptions {
  /** windows that ended before it are refused; default: the clock's now */
  now?: Date;
  /**
   * Also load what a free-slot search from `from` over `days` needs: the active
   * releases with a window in that horizon that could block a slot of this release
   * (same target environment, same owner, or a shared component).
   */
  slots?: { from: Date; days?: number };
  /** false: no other release at all (the deployment-time check needs none) */
  others?: boolean;
  /** windows to check instead of the stored ones (a schedule being saved) */
  proposed?: { environmentId: string; start: Date | null; end: Date | null }[];
}

type Period = { start: Date; end: Date };

/** Where a stored window [scheduledStart, scheduledEnd) overlaps `p`: a range on the indexed start column, the end checked in the index. */
function overlapping(p: Period) {
  return { scheduledStart: { gte: new Date(p.start.getTime() - MAX_WINDOW_MS), lt: p.end }, scheduledEnd: { gt: p.start } };
}

const isPeriod = (w: { start: Date | null; end: Date | null }): w is Period => !!w.start && !!w.end && w.end.getTime() > w.start.getTime();

/**
 * Everything the scheduling check needs for one release, in the caller's transaction.
 * Reads are bounded by time: the other releases are only those with a window
 * overlapping one of this release's windows (every one that can conflict), plus,
 * with `slots`, those that can block a slot in the search horizon; one-off
 * freezes only where they overlap the span checked. A `Date` as the third
 * argument is `{ now }` (the older signature).
 */
export async function loadScheduleInput(tx: Tx, releaseId: string, opts: Date | ScheduleLoadOptions = {}): Promise<LoadedSchedule> {
  const o: ScheduleLoadOptions = opts instanceof Date ? { now: opts } : opts;
  const now = o.now ?? clockNow();
  const r = await tx.release.findUniqueOrThrow({
    where: { id: releaseId },
    select: {
      id: true,
      number: true,
      status: true,
      version: true,
      timezone: true,
      type: true,
      ownerId: true,
      owner: { select: { name: true } },
      environments: {
        select: {
          environmentId: true,
          scheduledStart: true,
          scheduledEnd: true,
          environment: { select: { name: true, displayName: true, tier: true, position: true } },
        },
      },
    },
  });
  const envIds = r.environments.map((e) => e.environmentId);
  const windows = r.environments.map((e) => {
    const p = o.proposed?.find((x) => x.environmentId === e.environmentId);
    return {
      environmentId: e.environmentId,
      environmentName: e.environment.name,
      tier: e.environment.tier,
      position: e.environment.position,
      start: p ? p.start : e.scheduledStart,
      end: p ? p.end : e.scheduledEnd,
    };
  });
  const own: Period[] = windows.flatMap((w) => (isPeriod(w) ? [{ start: w.start, end: w.end }] : []));
  // the free-slot search reads [from, horizon + the longest slot)
  const horizon = o.slots
    ? { start: o.slots.from, end: new Date(o.slots.from.getTime() + (o.slots.days ?? SLOT_SEARCH_DAYS) * DAY_MS + MAX_WINDOW_MS + 60_000) }
    : null;
  const mine = await componentIdsOf(tx, [r.id]);
  const myComponents = mine.get(r.id) ?? [];

  // what can conflict: any window overlapping one of ours; what can block a slot: a window in
  // the horizon in one of our environments (both read through the window index alone), or
  // in any environment for a release of the same owner or sharing a component (read from
  // those releases: Release(ownerId, status), the package's components)
  const periods: Prisma.ReleaseEnvironmentWhereInput[] = own.map(overlapping);
  if (horizon && envIds.length) periods.push({ ...overlapping(horizon), environmentId: { in: envIds } });
  const wanted = o.others !== false;
  const hits =
    wanted && periods.length
      ? await tx.releaseEnvironment.findMany({ where: { releaseId: { not: r.id }, OR: periods }, select: { releaseId: true }, distinct: ['releaseId'] })
      : [];
  const active = [...statusesAllowing('occupyWindow')];
  const related: Prisma.ReleaseWhereInput[] = [{ ownerId: r.ownerId }];
  if (myComponents.length) related.push({ package: { items: { some: { componentId: { in: myComponents } } } } });
  const relatedHits =
    wanted && horizon
      ? await tx.release.findMany({
          where: { id: { not: r.id }, status: { in: active }, OR: related, environments: { some: overlapping(horizon) } },
          select: { id: true },
        })
      : [];
  const otherIds = [...new Set([...hits.map((h) => h.releaseId), ...relatedHits.map((x) => x.id)])];
  const others = otherIds.length
    ? await tx.release.findMany({
        where: { id: { in: otherIds }, status: { in: active } },
        select: {
          id: true,
          number: true,
          status: true,
          ownerId: true,
          owner: { select: { name: true } },
          environments: {
            where: { scheduledStart: { not: null }, scheduledEnd: { not: null } },
            select: { environmentId: true, scheduledStart: true, scheduledEnd: true, environment: { select: { name: true } } },
          },
        },
        orderBy: { number: 'asc' },
      })
    : [];
  const components = new Map([
    ...mine,
    ...(await componentIdsOf(
      tx,
      others.map((x) => x.id),
    )),
  ]);
  const allComponentIds = [...new Set([...components.values()].flat())];
  const names = allComponentIds.length ? await tx.component.findMany({ where: { id: { in: allComponentIds } }, select: { id: true, name: true } }) : [];
  const maintenance = await maintenanceWindowsOf(tx, envIds);
  // freezes matter over the span of every instant checked: the windows, the slot horizon and now
  const edges = [...own.flatMap((w) => [w.start.getTime(), w.end.getTime()]), now.getTime(), now.getTime() + 1];
  if (horizon) edges.push(horizon.start.getTime(), horizon.end.getTime());
  const freezes = await loadFreezeSpecs(tx, { start: new Date(Math.min(...edges)), end: new Date(Math.max(...edges)) });
  const overrides = await grantedOverrides(tx, r.id);
  const acks = await tx.conflictAcknowledgement.findMany({
    where: { releaseId: r.id },
    select: { otherReleaseId: true, kind: true, environmentId: true, componentId: true, reason: true, acknowledgedBy: { select: { name: true } } },
  });
  const policy = await schedulePolicy(tx);
  const timezone = isValidTimeZone(r.timezone) ? r.timezone : 'UTC';
  const input: ScheduleInput = {
    release: {
      id: r.id,
      emergency: r.type === 'emergency',
      key: releaseKey(r.number),
      ownerId: r.ownerId,
      ownerName: r.owner.name,
      componentIds: myComponents,
      windows,
    },
    maintenance: Object.fromEntries([...maintenance.entries()].map(([id, list]) => [id, list.map((w) => ({ label: w.label, recurrence: w.recurrence }))])),
    freezes,
    overrides,
    others: others.map((x) => ({
      id: x.id,
      key: releaseKey(x.number),
      ownerId: x.ownerId,
      ownerName: x.owner.name,
      status: x.status,
      componentIds: components.get(x.id) ?? [],
      windows: x.environments.map((e) => ({
        environmentId: e.environmentId,
        environmentName: e.environment.name,
        start: e.scheduledStart!,
        end: e.scheduledEnd!,
      })),
    })),
    acknowledgements: acks.map((a) => ({
      otherReleaseId: a.otherReleaseId,
      kind: a.kind,
      environmentId: a.environmentId,
      componentId: a.componentId,
      reason: a.reason,
      by: a.acknowledgedBy.name,
    })),
    policy,
    componentNames: Object.fromEntries(names.map((c) => [c.id, c.name])),
    timezone,
    now,
  };
  return {
    input,
    release: {
      id: r.id,
      number: r.number,
      key: releaseKey(r.number),
      status: r.status,
      version: r.version,
      timezone,
      displayNames: Object.fromEntries(r.environments.map((e) => [e.environmentId, e.environment.displayName])),
    },
  };
}

/** Serialises scheduling decisions, so two releases cannot claim the same slot at once. */
export async function lockScheduling(tx: Tx): Promise<void> {
  await tx.$queryRaw`SELECT 1 AS locked FROM pg_advisory_xact_lock(${SCHEDULE_LOCK}::bigint)`;
}

/** The lifecycle's facts.schedule for a release (loadReleaseFacts calls this for approved releases). */
// No advisory lock here: the transition already holds the release's row lock, and
// taking the scheduling lock after it could deadlock with a schedule write. It is
// not needed either: a transition changes no window, and the check is symmetric
// over approved/scheduled/deploying releases, so a window saved meanwhile is
// checked against this release by that save.
export async function loadScheduleFacts(tx: Tx, releaseId: string): Promise<ReturnType<typeof scheduleFacts>> {
  const { input } = await loadScheduleInput(tx, releaseId);
  return scheduleFacts(checkSchedule(input));
}

// ---------------------------------------------------------------- DTOs

export interface ScheduleWindowDto {
  environmentId: string;
  environment: string;
  displayName: string;
  tier: string;
  position: number;
  /** instants (ISO) */
  start: string | null;
  end: string | null;
  /** "YYYY-MM-DDTHH:mm" in the release's time zone, for datetime-local inputs */
  startLocal: string;
  endLocal: string;
  /** "3 Dec 20:00–22:00" */
  label: string | null;
}

export interface ScheduleProblemDto extends Omit<ScheduleProblem, 'acknowledgeable' | 'acknowledged'> {
  acknowledgeable: boolean;
  acknowledged: boolean;
  /** component name, for component conflicts */
  component?: string;
  /** who acknowledged and why */
  acknowledgement?: { reason: string; by: string } | null;
}

export interface ScheduleCheckDto {
  ok: boolean;
  problems: ScheduleProblemDto[];
  gates: GateResult[];
}

export interface ScheduleDto {
  key: string;
  status: string;
  version: number;
  timezone: string;
  windows: ScheduleWindowDto[];
  check: ScheduleCheckDto;
  /** the caller may change the schedule (release.edit) and the status allows it */
  canEdit: boolean;
  acknowledgeable: ConflictKind[];
}

function windowsDto(input: ScheduleInput, displayNames: Record<string, string> = {}): ScheduleWindowDto[] {
  const tz = input.timezone;
  return [...input.release.windows]
    .sort((a, b) => a.position - b.position)
    .map((w) => ({
      environmentId: w.environmentId,
      environment: w.environmentName,
      displayName: displayNames[w.environmentId] ?? w.environmentName,
      tier: w.tier,
      position: w.position,
      start: w.start?.toISOString() ?? null,
      end: w.end?.toISOString() ?? null,
      startLocal: w.start ? instantToLocalDateTime(w.start, tz) : '',
      endLocal: w.end ? instantToLocalDateTime(w.end, tz) : '',
      label: w.start && w.end && w.end > w.start ? `${formatRange({ start: w.start, end: w.end }, tz)} ${tz}` : null,
    }));
}

function checkDto(input: ScheduleInput, check: ScheduleCheck): ScheduleCheckDto {
  return {
    ok: check.ok,
    gates: check.gates,
    problems: check.problems.map((p) => {
      const ack = p.acknowledged
        ? input.acknowledgements.find(
            (a) =>
              a.kind === p.kind &&
              a.otherReleaseId === p.otherReleaseId &&
              (p.kind !== 'environment' || a.environmentId === p.environmentId) &&
              (p.kind !== 'component' || a.componentId === p.componentId),
          )
        : undefined;
      return {
        ...p,
        ...(p.componentId ? { component: input.componentNames[p.componentId] ?? p.componentId } : {}),
        acknowledgement: ack ? { reason: ack.reason ?? '', by: ack.by ?? '' } : null,
      };
    }),
  };
}

// ---------------------------------------------------------------- mutations

export interface ScheduleResult {
  key: string;
  version: number;
  windows: ScheduleWindowDto[];
  check: ScheduleCheckDto;
}

const sameTime = (a: Date | null, b: Date | null) => (a?.getTime() ?? null) === (b?.getTime() ?? null);

export const scheduleRelease = defineMutation({
  name: 'release.schedule',
  permission: 'release.edit',
  input: ScheduleReleaseSchema,
  release: managedByKey('releaseKey'),
  async run({ tx, actor, input, audit, noChange }): Promise<ScheduleResult> {
    const current = await releaseForWrite(tx, input.releaseKey, { rule: 'planWindows' });
    const key = releaseKey(current.number);
    await lockScheduling(tx);
    const tz = input.timezone || (isValidTimeZone(current.timezone) ? current.timezone : 'UTC');
    const targets = await tx.releaseEnvironment.findMany({
      where: { releaseId: current.id },
      select: { environmentId: true, scheduledStart: true, scheduledEnd: true, environment: { select: { name: true } } },
    });
    const byName = new Map(targets.map((t) => [t.environment.name, t]));
    const fieldErrors: Record<string, string[]> = {};
    const seen = new Set<string>();
    const changes: { environmentId: string; name: string; start: Date | null; end: Date | null }[] = [];
    input.windows.forEach((w, i) => {
      const t = byName.get(w.environment);
      const err = (field: string, msg: string) => (fieldErrors[`windows.${i}.${field}`] ??= []).push(msg);
      if (!t) {
        err('environment', say('notTarget', { environment: w.environment.slice(0, 64), key, targets: nameList(targets.map((x) => x.environment.name)) }));
        return;
      }
      if (seen.has(w.environment)) return err('environment', say('listedTwice', { environment: w.environment }));
      seen.add(w.environment);
      if (!w.start && !w.end) return void changes.push({ environmentId: t.environmentId, name: w.environment, start: null, end: null });
      if (!w.start) return err('start', say('enterStart', { environment: w.environment }));
      if (!w.end) return err('end', say('enterEnd', { environment: w.environment }));
      const start = localDateTimeToInstant(w.start, tz);
      const end = localDateTimeToInstant(w.end, tz);
      if (!start) return err('start', say('noSuchTime', { value: w.start }));
      if (!end) return err('end', say('noSuchTime', { value: w.end }));
      if (end.getTime() <= start.getTime()) return err('end', say('endAfterStart', { environment: w.environment, start: w.start }));
      if (end.getTime() - start.getTime() > MAX_WINDOW_MINUTES * 60_000) return err('end', say('windowTooLong'));
      if (start.getUTCFullYear() < 2000 || end.getUTCFullYear() > 2200) return err('start', say('yearRange'));
      changes.push({ environmentId: t.environmentId, name: w.environment, start, end });
    });
    if (Object.keys(fieldErrors).length) throw invalid(say('windowsNeedAttention'), fieldErrors);

    const before = Object.fromEntries(
      targets.map((t) => [t.environment.name, { start: t.scheduledStart?.toISOString() ?? null, end: t.scheduledEnd?.toISOString() ?? null }]),
    );
    const changed = changes.filter((c) => {
      const t = targets.find((x) => x.environmentId === c.environmentId)!;
      return !sameTime(t.scheduledStart, c.start) || !sameTime(t.scheduledEnd, c.end);
    });

    // the check the release will have after the change: the others are read where the new windows are
    const loaded = await loadScheduleInput(tx, current.id, { proposed: changes });
    const names = loaded.release.displayNames;
    const proposed: ScheduleInput = {
      ...loaded.input,
      timezone: tz,
      release: {
        ...loaded.input.release,
        windows: loaded.input.release.windows.map((w) => {
          const c = changes.find((x) => x.environmentId === w.environmentId);
          return c ? { ...w, start: c.start, end: c.end } : w;
        }),
      },
      // an acknowledgement is for the windows as they were: moving a window clears this release's
      acknowledgements: changed.length ? [] : loaded.input.acknowledgements,
    };
    const check = checkSchedule(proposed);
    if (current.status === 'scheduled' && !check.ok) {
      const hard = check.problems.filter((p) => !p.acknowledged && !p.acknowledgeable);
      if (hard.length) {
        // each problem as a clause (lib/domain/scheduling.ts says it without its period too)
        const clauses = hard.map((p): SayValue => ({ said: p.message.replace(/\.$/, '') }));
        throw new Refusal('gates', say('scheduledMustPass', { key, problems: clauseList(clauses, 3) }), { gates: check.gates });
      }
    }

    if (changed.length === 0) {
      if (input.version !== current.version) await touchRelease(tx, actor, current.id, {}, input.version); // stale refusal
      noChange();
      return { key, version: current.version, windows: windowsDto(proposed, names), check: checkDto(proposed, check) };
    }

    const all = proposed.release.windows.filter((w) => w.start && w.end);
    const plannedStart = all.length ? new Date(Math.min(...all.map((w) => w.start!.getTime()))) : null;
    const plannedEnd = all.length ? new Date(Math.max(...all.map((w) => w.end!.getTime()))) : null;
    await touchRelease(tx, actor, current.id, { plannedStart, plannedEnd }, input.version);
    for (const c of changed) {
      await tx.releaseEnvironment.update({
        where: { releaseId_environmentId: { releaseId: current.id, environmentId: c.environmentId } },
        data: { scheduledStart: c.start, scheduledEnd: c.end },
      });
    }
    const cleared = await tx.conflictAcknowledgement.deleteMany({ where: { OR: [{ releaseId: current.id }, { otherReleaseId: current.id }] } });
    await audit({
      action: 'release.schedule',
      targetType: 'release',
      targetId: current.id,
      releaseId: current.id,
      before: { version: current.version, windows: before },
      after: {
        version: current.version + 1,
        timezone: tz,
        windows: Object.fromEntries(changed.map((c) => [c.name, { start: c.start?.toISOString() ?? null, end: c.end?.toISOString() ?? null }])),
        ok: check.ok,
        problems: check.problems.filter((p) => !p.acknowledged).map((p) => p.rule),
        acknowledgementsCleared: cleared.count,
      },
    });
    return { key, version: current.version + 1, windows: windowsDto(proposed, names), check: checkDto(proposed, check) };
  },
});

export interface AcknowledgeResult {
  id: string;
  key: string;
  otherReleaseKey: string;
  kind: ConflictKind;
  version: number;
}

export const acknowledgeConflict = defineMutation({
  name: 'release.acknowledge_conflict',
  permission: 'release.edit',
  input: AcknowledgeConflictSchema,
  release: managedByKey('releaseKey'),
  async run({ tx, actor, input, audit }): Promise<AcknowledgeResult> {
    // acknowledging is part of planning the windows: the page offers it with them (canEdit)
    const current = await releaseForWrite(tx, input.releaseKey, { rule: 'planWindows' });
    const key = releaseKey(current.number);
    if (input.kind === 'freeze') {
      throw conflict(say('ackFreeze'));
    }
    if (input.kind === 'maintenance' || input.kind === 'promotion') {
      throw conflict(say(input.kind === 'maintenance' ? 'ackMaintenance' : 'ackPromotion'));
    }
    const kind = input.kind as ConflictKind;
    if (!actor.id) throw new Refusal('forbidden', say('ackByPerson'));
    await lockScheduling(tx);
    const { input: scheduleInput } = await loadScheduleInput(tx, current.id);
    if (!scheduleInput.policy.acknowledgeable.includes(kind)) {
      throw conflict(
        say('ackNotAllowed', {
          kind: { key: `kind.${kind}` },
          allowed: nameList(
            scheduleInput.policy.acknowledgeable.map((k) => ({ key: `kindNoun.${k}` })),
            'kindNoun.none',
          ),
        }),
      );
    }
    const otherNumber = parseReleaseKey(input.otherReleaseKey);
    const other = otherNumber === null ? null : await tx.release.findUnique({ where: { number: otherNumber }, select: { id: true, number: true } });
    if (!other) throw notFound(say('release', { key: input.otherReleaseKey.slice(0, 20) }));
    const otherKey = releaseKey(other.number);
    let environmentId: string | null = null;
    let componentId: string | null = null;
    if (kind === 'environment') {
      if (!input.environment) throw invalid(say('ackEnvironment'), { environment: [say('ackEnvironment')] });
      const env = await tx.environment.findUnique({ where: { name: input.environment }, select: { id: true } });
      if (!env)
        throw invalid(say('noEnvironment', { environment: input.environment }), { environment: [say('noEnvironment', { environment: input.environment })] });
      environmentId = env.id;
    }
    if (kind === 'component') {
      if (!input.component) throw invalid(say('ackComponent'), { component: [say('ackComponent')] });
      const c = await tx.component.findFirst({ where: { OR: [{ id: input.component }, { name: input.component }] }, select: { id: true } });
      if (!c) throw invalid(say('noComponent', { component: input.component }), { component: [say('noComponent', { component: input.component })] });
      componentId = c.id;
    }
    // only a conflict the check reports now can be acknowledged
    const check = checkSchedule({ ...scheduleInput, acknowledgements: [] });
    const match = check.problems.find(
      (p) =>
        p.kind === kind &&
        p.otherReleaseId === other.id &&
        (kind !== 'environment' || p.environmentId === environmentId) &&
        (kind !== 'component' || p.componentId === componentId),
    );
    if (!match) {
      const values = { key, kind: { key: `kind.${kind}` }, other: otherKey };
      throw conflict(
        input.environment && kind === 'environment'
          ? say('noConflictIn', { ...values, environment: input.environment })
          : input.component && kind === 'component'
            ? say('noConflictOn', { ...values, component: input.component })
            : say('noConflict', values),
      );
    }
    const existing = await tx.conflictAcknowledgement.findFirst({
      where: { releaseId: current.id, otherReleaseId: other.id, kind, environmentId, componentId },
      select: { id: true },
    });
    if (existing) throw conflict(say('alreadyAcknowledged', { kind: { key: `kind.${kind}` }, other: otherKey }));
    const ack = await tx.conflictAcknowledgement.create({
      data: { releaseId: current.id, otherReleaseId: other.id, kind, environmentId, componentId, reason: input.reason, acknowledgedById: actor.id },
      select: { id: true },
    });
    await touchRelease(tx, actor, current.id);
    await audit({
      action: 'release.acknowledge_conflict',
      targetType: 'release',
      targetId: current.id,
      releaseId: current.id,
      after: {
        otherRelease: otherKey,
        kind,
        environment: input.environment ?? null,
        component: input.component ?? null,
        reason: input.reason,
        message: match.message,
      },
    });
    return { id: ack.id, key, otherReleaseKey: otherKey, kind, version: current.version + 1 };
  },
});

// ---------------------------------------------------------------- reads

/**
 * One release's schedule as a page shows it: the loaded input and its check,
 * computed once. `withSlots` also loads what the free-slot search over the first
 * SLOT_FIRST_DAYS days from `now` needs (suggestSlots reads further only when needed).
 */
export interface ScheduleView extends LoadedSchedule {
  check: ScheduleCheck;
  now: Date;
  withSlots: boolean;
  /** the days of the slot horizon read (0 without slots) */
  slotDays: number;
}

/**
 * The free-slot search reads this many days first, and the whole SLOT_SEARCH_DAYS only
 * when they hold fewer slots than asked for: the first slots of the short search are the
 * first slots of the long one (same candidates, same blockers up to its end).
 */
export const SLOT_FIRST_DAYS = 14;

/** Loads a release's schedule view in a transaction of its own (not cached); `withSlots` reads the slot horizon of `slotDays`. */
export async function loadScheduleView(releaseId: string, withSlots: boolean, now = clockNow(), slotDays = SLOT_FIRST_DAYS): Promise<ScheduleView | null> {
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const exists = await tx.release.findUnique({ where: { id: releaseId }, select: { id: true } });
    if (!exists) return null;
    const loaded = await loadScheduleInput(tx, releaseId, { now, ...(withSlots ? { slots: { from: now, days: slotDays } } : {}) });
    return { ...loaded, check: checkSchedule(loaded.input), now, withSlots, slotDays: withSlots ? slotDays : 0 };
  });
}

/** The view with the whole slot horizon, from the instant the shared view was read (React cache, like sharedScheduleView). */
const sharedFullSlotView = cache((releaseId: string, nowMs: number) => loadScheduleView(releaseId, true, new Date(nowMs), SLOT_SEARCH_DAYS));

/**
 * The schedule view, loaded once per server render (React cache): the lifecycle
 * gates, the schedule panel and its free slots of one page share it. Outside a
 * render (route handlers, scripts, tests) every call loads afresh.
 */
export const sharedScheduleView = cache((releaseId: string, withSlots: boolean) => loadScheduleView(releaseId, withSlots));

/** Whether the caller is offered free slots for the release (the page asks for them only then): the view to share. */
export function scheduleViewWantsSlots(actor: Actor | null, status: ReleaseStatus): boolean {
  return allows(actor, 'release.edit') && statusAllows(status, 'planWindows');
}

/**
 * The release's windows and the result of every scheduling check now. `withSlots` also reads
 * the first days of the free-slot horizon into the view the page shares, for a page that will
 * ask suggestSlots next; without it only the releases overlapping the release's own windows
 * are read.
 */
export async function getSchedule(actor: Actor | null, release: ReleaseArg, opts: { withSlots?: boolean } = {}): Promise<ScheduleDto | null> {
  assertCan(actor, 'release.read');
  const prisma = await db();
  const ref = await refOf(prisma, release);
  if (!ref) return null;
  const view = await sharedScheduleView(ref.id, Boolean(opts.withSlots) && scheduleViewWantsSlots(actor, ref.status));
  if (!view) return null;
  const { input, release: loaded, check } = view;
  return {
    key: loaded.key,
    status: loaded.status,
    version: loaded.version,
    timezone: loaded.timezone,
    windows: windowsDto(input, loaded.displayNames),
    check: checkDto(input, check),
    canEdit: allows(actor, 'release.edit') && statusAllows(loaded.status, 'planWindows') && (await mayManage(actor, ref)),
    acknowledgeable: [...input.policy.acknowledgeable],
  };
}

/** The schedule with its problems in the reader's language, for a page that shows them (the API keeps English). */
export function localizeSchedule(s: ScheduleDto | null, locale: Locale): ScheduleDto | null {
  if (!s || locale === 'en') return s;
  return { ...s, check: { ...s.check, problems: s.check.problems.map((p) => ({ ...p, message: localize(p.message, locale) })) } };
}

export interface SlotDto {
  start: string;
  end: string;
  startLocal: string;
  endLocal: string;
  label: string;
}

export const MAX_SLOT_MINUTES = MAX_WINDOW_MINUTES;

/**
 * The first free slots (up to `limit`) for one environment of the release, in the next
 * `days` (SLOT_SEARCH_DAYS, 90, by default; the release page asks for SLOT_FIRST_DAYS and
 * offers the whole horizon on request, since a booked-solid horizon is read in full).
 */
export async function suggestSlots(
  actor: Actor | null,
  release: ReleaseArg,
  environment: string,
  durationMinutes: number,
  opts: { from?: Date; limit?: number; days?: number } = {},
): Promise<SlotDto[] | null> {
  assertCan(actor, 'release.read');
  const minutes = Math.round(Number(durationMinutes));
  if (!Number.isFinite(minutes) || minutes < 1 || minutes > MAX_SLOT_MINUTES) {
    throw invalid(say('duration', { max: MAX_SLOT_MINUTES }), { durationMinutes: [say('durationField', { max: MAX_SLOT_MINUTES })] });
  }
  const prisma = await db();
  const ref = await refOf(prisma, release);
  if (!ref) return null;
  const limit = Math.min(Math.max(opts.limit ?? 5, 1), 20);
  // from a given instant: a search of its own; from now: the view the page shares
  const view = opts.from ? await loadScheduleView(ref.id, true, opts.from) : await sharedScheduleView(ref.id, true);
  if (!view) return null;
  const target = view.input.release.windows.find((w) => w.environmentName === environment);
  if (!target) return null;
  const tz = view.input.timezone;
  const days = Math.min(Math.max(Math.round(opts.days ?? SLOT_SEARCH_DAYS), 1), SLOT_SEARCH_DAYS);
  let found = nextFreeSlots(view.input, target.environmentId, minutes, view.now, Math.min(view.slotDays, days), limit);
  if (found.length < limit && days > view.slotDays) {
    // not enough in the first days: read and search the whole horizon
    const full = opts.from ? await loadScheduleView(ref.id, true, opts.from, SLOT_SEARCH_DAYS) : await sharedFullSlotView(ref.id, view.now.getTime());
    if (!full) return null;
    found = nextFreeSlots(full.input, target.environmentId, minutes, full.now, days, limit);
  }
  return found.map((s) => ({
    start: s.start.toISOString(),
    end: s.end.toISOString(),
    startLocal: instantToLocalDateTime(s.start, tz),
    endLocal: instantToLocalDateTime(s.end, tz),
    label: `${formatRange(s, tz)} ${tz}`,
  }));
}

// ---------------------------------------------------------------- deploy time

/**
 * For the deployment issue: may the release be deployed to `environmentId` at
 * `at`? Inside the scheduled window of that environment, inside a maintenance
 * window when the environment has any (and the policy respects them), and in no
 * freeze that applies unless an override was granted for it.
 */
export async function deploymentWindowCheck(tx: Tx, releaseId: string, environmentId: string, at: Date): Promise<{ ok: boolean; problems: string[] }> {
  // freezes, maintenance and the window itself: no other release matters at deployment time
  const { input } = await loadScheduleInput(tx, releaseId, { now: at, others: false });
  const tz = input.timezone;
  const w = input.release.windows.find((x) => x.environmentId === environmentId);
  const problems: string[] = [];
  if (!w) return { ok: false, problems: [say('deployTime.notTarget', { key: input.release.key })] };
  if (!w.start || !w.end) problems.push(say('deployTime.noWindow', { environment: w.environmentName }));
  else if (at < w.start || at >= w.end)
    problems.push(say('deployTime.outsideWindow', { environment: w.environmentName, window: formatRange({ start: w.start, end: w.end }, tz), zone: tz }));
  const maint = input.maintenance[environmentId] ?? [];
  if (input.policy.respectMaintenanceWindows && !input.release.emergency && maint.length) {
    const instant = { start: at, end: new Date(at.getTime() + 1) };
    const probe = checkSchedule({
      ...input,
      others: [],
      release: { ...input.release, windows: [{ ...w, ...instant }] },
      policy: { ...input.policy, productionRequiresStagingSuccess: false },
      now: undefined,
    });
    if (probe.problems.some((p) => p.rule === 'schedule.maintenance')) problems.push(say('deployTime.outsideMaintenance', { environment: w.environmentName }));
  }
  const lifted = new Set(input.overrides.filter((o) => o.environmentId === environmentId).map((o) => o.freezeId));
  for (const hit of freezesHitting(
    input.freezes,
    { environmentId, componentIds: input.release.componentIds },
    { start: at, end: new Date(at.getTime() + 1) },
  )) {
    if (!lifted.has(hit.freeze.id)) problems.push(describeFreezeHitClause(hit, tz, w.environmentName));
  }
  return { ok: problems.length === 0, problems };
}

export { CONFLICT_KINDS };
