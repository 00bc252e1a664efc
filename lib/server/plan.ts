import 'server-only';
import { managedByKey, managedByRow } from './release-managers';
import { z } from 'zod';
import { cycleIfAdded, describeCycle, topologicalOrder, type Edge } from '@/lib/domain/graph';
import { compareWithWindow, criticalPath, PlanCycleError, type CpmStatus } from '@/lib/domain/critical-path';
import { allows as statusAllows } from '@/lib/domain/release-rules';
import { defineMutation } from './action';
import { assertCan } from './authz';
import { db, type Tx } from './db';
import { conflict, invalid } from './errors';
import { releaseOfChild, checkActiveOwner } from './release-children';
import { releaseForWrite, touchRelease } from './release-edits';
import { refOf, type ReleaseArg, releaseKey } from './release-ref';
import type { Actor } from './actor';
import { now as clockNow } from './clock';
import { sayer, type SayValue } from './say';

const say = sayer('server-plan');

/** "a, b, c": task names as they are. */
const commaList = (items: SayValue[]): SayValue => items.slice(1).reduce<SayValue>((a, b) => ({ key: 'list.comma', values: { a, b } }), items[0] ?? '');
/** "2026-12-01 20:15" (UTC) */
const minute = (d: Date) => d.toISOString().slice(0, 16).replace('T', ' ');

// The plan of a release: tasks with an owner, an estimate and dependencies on
// other tasks of the same release. A dependency that would close a loop is
// refused, naming the loop. Every plan write bumps the release's version.

export const MAX_ESTIMATE_MINUTES = 30 * 24 * 60;

const estimate = z.preprocess(
  (v) => (typeof v === 'string' && v.trim() !== '' ? Number(v.trim()) : v),
  z
    .number({ error: say('field.estimate') })
    .int(say('field.estimate'))
    .min(1, say('field.estimateMin'))
    .max(MAX_ESTIMATE_MINUTES, say('field.estimateMax', { max: MAX_ESTIMATE_MINUTES })),
);

const TaskFields = z.object({
  name: z
    .string({ error: say('field.name') })
    .trim()
    .min(2, say('field.nameMin', { min: 2 }))
    .max(200, say('field.nameMax', { max: 200 })),
  ownerId: z
    .string()
    .trim()
    .max(64)
    .optional()
    .transform((v) => v || null),
  estimateMinutes: estimate,
  dependsOn: z
    .array(z.string().trim().max(64), { error: say('field.dependsOn') })
    .max(100, say('field.dependsOnMax', { max: 100 }))
    .default([])
    .transform((l) => [...new Set(l.filter(Boolean))]),
});

export const AddPlanTaskSchema = TaskFields.extend({ releaseKey: z.string().trim().max(20) });
export const UpdatePlanTaskSchema = TaskFields.extend({ taskId: z.string().trim().min(1).max(64) });
export const TaskIdSchema = z.object({ taskId: z.string().trim().min(1).max(64) });
export const TaskTimeSchema = TaskIdSchema.extend({
  /** when it happened (ISO 8601 instant); now when omitted */
  at: z
    .string()
    .trim()
    .max(40)
    .optional()
    .transform((v) => v || undefined)
    .refine((v) => v === undefined || (!Number.isNaN(Date.parse(v)) && /^\d{4}-\d{2}-\d{2}T/.test(v)), say('field.at')),
});

const checkOwner = (tx: Tx, ownerId: string | null) => checkActiveOwner(tx, ownerId, say('activeOwner'));

async function taskForWrite(tx: Tx, taskId: string) {
  const found = await tx.planTask.findUnique({
    where: { id: taskId },
    include: { release: { select: { number: true } }, dependsOn: { select: { dependsOnId: true } } },
  });
  const { child: task, release } = await releaseOfChild(tx, found, say('thatTask'), 'editPlan');
  return { task, release };
}

/**
 * Replaces the dependencies of `taskId` (a task of `releaseId`) after checking
 * that every prerequisite belongs to the same release and no loop is closed.
 */
async function setDependencies(tx: Tx, releaseId: string, taskId: string, taskName: string, dependsOn: string[]) {
  if (dependsOn.includes(taskId)) throw invalid(say('dependsOnItself'), { dependsOn: [say('taskDependsOnItself', { task: taskName })] });
  const tasks = await tx.planTask.findMany({ where: { releaseId }, select: { id: true, name: true } });
  const names = new Map(tasks.map((t) => [t.id, t.name]));
  names.set(taskId, taskName);
  const foreign = dependsOn.filter((id) => !names.has(id));
  if (foreign.length) {
    const others = await tx.planTask.findMany({ where: { id: { in: foreign } }, select: { name: true, release: { select: { number: true } } } });
    const described = others.map((o): SayValue => ({ key: 'list.taskOf', values: { task: o.name, key: releaseKey(o.release.number) } }));
    throw invalid(say('sameRelease'), {
      dependsOn: [described.length ? say('otherRelease', { tasks: commaList(described), count: described.length }) : say('tasksGone')],
    });
  }
  const existing = await tx.planTaskDependency.findMany({ where: { task: { releaseId } }, select: { taskId: true, dependsOnId: true } });
  let edges: Edge[] = existing.filter((e) => e.taskId !== taskId).map((e) => ({ from: e.taskId, to: e.dependsOnId }));
  for (const to of dependsOn) {
    const edge = { from: taskId, to };
    const found = cycleIfAdded(names.keys(), edges, edge);
    if (found) {
      // start the loop at the task being edited: "Run migrations → Deploy API → Run migrations"
      const ring = found.slice(0, -1);
      const at = Math.max(0, ring.indexOf(taskId));
      const cycle = [...ring.slice(at), ...ring.slice(0, at), ring[at]!];
      const loop = describeCycle(cycle, (id) => names.get(id) ?? id);
      throw invalid(say('circle', { loop }), {
        dependsOn: [say('closesLoop', { task: String(names.get(to)), loop })],
      });
    }
    edges = [...edges, edge];
  }
  await tx.planTaskDependency.deleteMany({ where: { taskId } });
  if (dependsOn.length) await tx.planTaskDependency.createMany({ data: dependsOn.map((dependsOnId) => ({ taskId, dependsOnId })) });
}

const snapshot = (t: { name: string; ownerId: string | null; estimateMinutes: number }, dependsOn: string[]) => ({
  name: t.name,
  ownerId: t.ownerId,
  estimateMinutes: t.estimateMinutes,
  dependsOn,
});

export const addPlanTask = defineMutation({
  name: 'plan.add_task',
  permission: 'plan.edit',
  input: AddPlanTaskSchema,
  release: managedByKey('releaseKey'),
  async run({ tx, actor, input, audit }) {
    const release = await releaseForWrite(tx, input.releaseKey, { rule: 'editPlan' });
    await checkOwner(tx, input.ownerId);
    const last = await tx.planTask.findFirst({ where: { releaseId: release.id }, orderBy: { position: 'desc' }, select: { position: true } });
    const task = await tx.planTask.create({
      data: { releaseId: release.id, name: input.name, ownerId: input.ownerId, estimateMinutes: input.estimateMinutes, position: (last?.position ?? 0) + 1 },
    });
    await setDependencies(tx, release.id, task.id, task.name, input.dependsOn);
    await touchRelease(tx, actor, release.id);
    await audit({ action: 'plan.add_task', targetType: 'plan_task', targetId: task.id, releaseId: release.id, after: snapshot(task, input.dependsOn) });
    return { id: task.id };
  },
});

export const updatePlanTask = defineMutation({
  name: 'plan.update_task',
  permission: 'plan.edit',
  input: UpdatePlanTaskSchema,
  release: managedByRow('planTask', 'taskId'),
  async run({ tx, actor, input, audit }) {
    const { task, release } = await taskForWrite(tx, input.taskId);
    await checkOwner(tx, input.ownerId);
    const updated = await tx.planTask.update({
      where: { id: task.id },
      data: { name: input.name, ownerId: input.ownerId, estimateMinutes: input.estimateMinutes },
    });
    await setDependencies(tx, release.id, task.id, input.name, input.dependsOn);
    await touchRelease(tx, actor, release.id);
    await audit({
      action: 'plan.update_task',
      targetType: 'plan_task',
      targetId: task.id,
      releaseId: release.id,
      before: snapshot(
        task,
        task.dependsOn.map((d) => d.dependsOnId),
      ),
      after: snapshot(updated, input.dependsOn),
    });
    return { id: task.id };
  },
});

export const removePlanTask = defineMutation({
  name: 'plan.remove_task',
  permission: 'plan.edit',
  input: TaskIdSchema,
  release: managedByRow('planTask', 'taskId'),
  async run({ tx, actor, input, audit }) {
    const { task, release } = await taskForWrite(tx, input.taskId);
    const dependents = await tx.planTaskDependency.findMany({ where: { dependsOnId: task.id }, select: { task: { select: { name: true } } } });
    if (dependents.length) {
      throw conflict(say('dependents', { tasks: commaList(dependents.map((d) => d.task.name)), count: dependents.length, task: task.name }));
    }
    await tx.planTask.delete({ where: { id: task.id } });
    await touchRelease(tx, actor, release.id);
    await audit({
      action: 'plan.remove_task',
      targetType: 'plan_task',
      targetId: task.id,
      releaseId: release.id,
      before: snapshot(
        task,
        task.dependsOn.map((d) => d.dependsOnId),
      ),
    });
    return { id: task.id };
  },
});

export const startPlanTask = defineMutation({
  name: 'plan.start_task',
  permission: 'plan.edit',
  input: TaskTimeSchema,
  release: managedByRow('planTask', 'taskId'),
  async run({ tx, actor, input, audit }) {
    const { task, release } = await taskForWrite(tx, input.taskId);
    if (task.actualStart) throw conflict(say('alreadyStarted', { task: task.name, at: minute(task.actualStart) }));
    const pending = await tx.planTask.findMany({
      where: { id: { in: task.dependsOn.map((d) => d.dependsOnId) }, actualFinish: null },
      select: { name: true },
    });
    if (pending.length) {
      throw conflict(say('pending', { task: task.name, tasks: commaList(pending.map((p) => p.name)), count: pending.length }));
    }
    const at = input.at ? new Date(input.at) : clockNow();
    await tx.planTask.update({ where: { id: task.id }, data: { actualStart: at } });
    await touchRelease(tx, actor, release.id);
    await audit({ action: 'plan.start_task', targetType: 'plan_task', targetId: task.id, releaseId: release.id, after: { actualStart: at } });
    return { id: task.id, actualStart: at.toISOString() };
  },
});

export const finishPlanTask = defineMutation({
  name: 'plan.finish_task',
  permission: 'plan.edit',
  input: TaskTimeSchema,
  release: managedByRow('planTask', 'taskId'),
  async run({ tx, actor, input, audit }) {
    const { task, release } = await taskForWrite(tx, input.taskId);
    if (!task.actualStart) throw conflict(say('notStarted', { task: task.name }));
    if (task.actualFinish) throw conflict(say('alreadyFinished', { task: task.name, at: minute(task.actualFinish) }));
    const at = input.at ? new Date(input.at) : clockNow();
    if (at.getTime() < task.actualStart.getTime()) {
      throw invalid(say('finishBeforeStart', { at: minute(task.actualStart) }), {
        at: [say('finishBeforeStartField')],
      });
    }
    await tx.planTask.update({ where: { id: task.id }, data: { actualFinish: at } });
    await touchRelease(tx, actor, release.id);
    await audit({ action: 'plan.finish_task', targetType: 'plan_task', targetId: task.id, releaseId: release.id, after: { actualFinish: at } });
    return { id: task.id, actualFinish: at.toISOString() };
  },
});

// ---------------------------------------------------------------- reads

export interface PlanTaskDto {
  id: string;
  name: string;
  ownerId: string | null;
  owner: string | null;
  estimateMinutes: number;
  actualStart: string | null;
  actualFinish: string | null;
  dependsOn: { id: string; name: string }[];
  /** every prerequisite has finished (or there is none) */
  ready: boolean;
}

export interface PlanDto {
  releaseKey: string;
  finished: boolean;
  timezone: string;
  tasks: PlanTaskDto[];
  totalMinutes: number;
  users: { id: string; name: string }[];
}

/** The release's tasks, each after the tasks it depends on, with owner names. */
export async function listPlanTasks(actor: Actor | null, release: ReleaseArg): Promise<PlanDto | null> {
  assertCan(actor, 'release.read');
  const prisma = await db();
  const ref = await refOf(prisma, release);
  if (!ref) return null;
  const row = await prisma.release.findUnique({
    where: { id: ref.id },
    include: {
      tasks: {
        include: { owner: { select: { name: true } }, dependsOn: { select: { dependsOnId: true } } },
        orderBy: [{ position: 'asc' }, { createdAt: 'asc' }],
      },
    },
  });
  if (!row) return null;
  const byId = new Map(row.tasks.map((t) => [t.id, t]));
  const edges = row.tasks.flatMap((t) => t.dependsOn.filter((d) => byId.has(d.dependsOnId)).map((d) => ({ from: t.id, to: d.dependsOnId })));
  // ties are broken by position, not by id, so the order people entered is kept where it can be
  const rank = new Map(row.tasks.map((t, i) => [t.id, String(i).padStart(6, '0')]));
  const idOf = new Map([...rank.entries()].map(([id, r]) => [r, id]));
  let order: string[];
  try {
    order = topologicalOrder(
      rank.values(),
      edges.map((e) => ({ from: rank.get(e.from)!, to: rank.get(e.to)! })),
    ).map((r) => idOf.get(r)!);
  } catch {
    order = row.tasks.map((t) => t.id);
  }
  const users = await prisma.user.findMany({ where: { disabledAt: null }, orderBy: { name: 'asc' }, select: { id: true, name: true }, take: 1000 });
  const tasks = order.map((id) => {
    const t = byId.get(id)!;
    const deps = t.dependsOn.map((d) => byId.get(d.dependsOnId)).filter((d) => !!d);
    return {
      id: t.id,
      name: t.name,
      ownerId: t.ownerId,
      owner: t.owner?.name ?? null,
      estimateMinutes: t.estimateMinutes,
      actualStart: t.actualStart?.toISOString() ?? null,
      actualFinish: t.actualFinish?.toISOString() ?? null,
      dependsOn: deps.map((d) => ({ id: d.id, name: d.name })),
      ready: deps.every((d) => d.actualFinish !== null),
    };
  });
  return {
    releaseKey: releaseKey(row.number),
    finished: !statusAllows(row.status, 'editPlan'),
    timezone: row.timezone,
    tasks,
    totalMinutes: tasks.reduce((n, t) => n + t.estimateMinutes, 0),
    users,
  };
}

/** What the lifecycle gates need to know about a release's plan. */
export async function planFacts(tx: Tx, releaseId: string): Promise<{ taskCount: number; tasksWithoutOwner: string[] }> {
  const tasks = await tx.planTask.findMany({
    where: { releaseId },
    select: { name: true, ownerId: true },
    orderBy: [{ position: 'asc' }, { createdAt: 'asc' }],
  });
  return { taskCount: tasks.length, tasksWithoutOwner: tasks.filter((t) => !t.ownerId).map((t) => t.name) };
}

// ---------------------------------------------------------------- schedule

export interface PlanScheduleTaskDto {
  id: string;
  name: string;
  owner: string | null;
  estimateMinutes: number;
  status: CpmStatus;
  dependsOn: string[];
  actualStart: string | null;
  actualFinish: string | null;
  /** baseline: estimates only, from the plan start */
  plannedStart: string;
  plannedFinish: string;
  /** projection with what has happened so far */
  earliestStart: string;
  earliestFinish: string;
  latestStart: string;
  latestFinish: string;
  slackMinutes: number;
  critical: boolean;
}

export interface PlanScheduleDto {
  releaseKey: string;
  timezone: string;
  /** closed or cancelled */
  finished: boolean;
  now: string;
  /** the release's planned start, or now when it has none */
  planStart: string;
  planStartIsNow: boolean;
  plannedEnd: string | null;
  /** ordered by baseline start, then the order people entered */
  tasks: PlanScheduleTaskDto[];
  /** task ids, in order */
  criticalPath: string[];
  durationMinutes: number;
  plannedDurationMinutes: number;
  projectedFinish: string;
  plannedFinish: string;
  /** projected finish − planned end, whole minutes; negative = early; null without a planned end */
  lateByMinutes: number | null;
  /** set when the schedule cannot be computed (the tasks are then empty) */
  problem: string | null;
}

/**
 * The release's plan as a schedule (critical path method): earliest and latest
 * start and finish, slack and the critical path, projected from the recorded
 * starts and finishes, against the release's planned window. Null when there is
 * no such release. `now` is for tests.
 */
export async function getPlanSchedule(actor: Actor | null, release: ReleaseArg, now: Date = clockNow()): Promise<PlanScheduleDto | null> {
  assertCan(actor, 'release.read');
  const prisma = await db();
  const ref = await refOf(prisma, release);
  if (!ref) return null;
  const row = await prisma.release.findUnique({
    where: { id: ref.id },
    select: {
      number: true,
      status: true,
      timezone: true,
      plannedStart: true,
      plannedEnd: true,
      tasks: {
        select: {
          id: true,
          name: true,
          estimateMinutes: true,
          actualStart: true,
          actualFinish: true,
          owner: { select: { name: true } },
          dependsOn: { select: { dependsOnId: true } },
        },
        orderBy: [{ position: 'asc' }, { createdAt: 'asc' }],
      },
    },
  });
  if (!row) return null;
  const planStart = row.plannedStart ?? now;
  const base = {
    releaseKey: releaseKey(row.number),
    timezone: row.timezone,
    finished: !statusAllows(row.status, 'editPlan'),
    now: now.toISOString(),
    planStart: planStart.toISOString(),
    planStartIsNow: !row.plannedStart,
    plannedEnd: row.plannedEnd?.toISOString() ?? null,
  };
  let schedule;
  try {
    schedule = criticalPath(
      row.tasks.map((t) => ({
        id: t.id,
        name: t.name,
        durationMinutes: t.estimateMinutes,
        dependsOn: t.dependsOn.map((d) => d.dependsOnId),
        actualStart: t.actualStart,
        actualFinish: t.actualFinish,
      })),
      { planStart, now },
    );
  } catch (err) {
    if (!(err instanceof PlanCycleError)) throw err;
    // the plan mutations refuse loops, so this is data written some other way
    return {
      ...base,
      tasks: [],
      criticalPath: [],
      durationMinutes: 0,
      plannedDurationMinutes: 0,
      projectedFinish: planStart.toISOString(),
      plannedFinish: planStart.toISOString(),
      lateByMinutes: null,
      // err.message with the advice after it, in the reader's language
      problem: say('cycleProblem', { loop: describeCycle(err.cycle) }),
    };
  }
  const known = new Set(row.tasks.map((t) => t.id));
  const rows = row.tasks.map((t, i) => {
    const s = schedule.tasks[i]!;
    return {
      position: i,
      dto: {
        id: t.id,
        name: t.name,
        owner: t.owner?.name ?? null,
        estimateMinutes: t.estimateMinutes,
        status: s.status,
        dependsOn: t.dependsOn.map((d) => d.dependsOnId).filter((id) => known.has(id)),
        actualStart: t.actualStart?.toISOString() ?? null,
        actualFinish: t.actualFinish?.toISOString() ?? null,
        plannedStart: s.plannedStart.toISOString(),
        plannedFinish: s.plannedFinish.toISOString(),
        earliestStart: s.earliestStart.toISOString(),
        earliestFinish: s.earliestFinish.toISOString(),
        latestStart: s.latestStart.toISOString(),
        latestFinish: s.latestFinish.toISOString(),
        slackMinutes: s.slackMinutes,
        critical: s.critical,
      } satisfies PlanScheduleTaskDto,
      key: s.plannedStart.getTime(),
    };
  });
  // estimates are at least a minute, so a task's baseline start is after each prerequisite's: this order respects the dependencies
  rows.sort((a, b) => a.key - b.key || a.position - b.position);
  const cmp = compareWithWindow(schedule, { plannedEnd: row.plannedEnd });
  return {
    ...base,
    tasks: rows.map((r) => r.dto),
    criticalPath: schedule.criticalPath,
    durationMinutes: schedule.durationMinutes,
    plannedDurationMinutes: schedule.plannedDurationMinutes,
    projectedFinish: schedule.projectedFinish.toISOString(),
    plannedFinish: schedule.plannedFinish.toISOString(),
    lateByMinutes: cmp.lateByMinutes,
    problem: null,
  };
}
