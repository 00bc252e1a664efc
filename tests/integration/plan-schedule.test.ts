import { createElement, type ReactNode } from 'react';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DbHandle } from '@/lib/server/db';
import { addPlanTask, finishPlanTask, getPlanSchedule, startPlanTask, updatePlanTask } from '@/lib/server/plan';
import type { Actor } from '@/lib/server/actor';
import type { ActionResult } from '@/lib/domain/result';
import { freshDatabase } from '../support/db';
import { makeRelease, makeUser } from '../support/factories';
import { releaseRefFor } from '../support/release-ref';
import { releaseKey } from '@/lib/domain/release-key';
import { renderToString } from '../support/render';

const session = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock('next/cache', () => ({ revalidatePath: () => {} }));
vi.mock('@/lib/server/session', () => ({ currentUser: async () => session.actor, requireUser: async () => session.actor }));

const { PlanTimelineView } = await import('@/app/(app)/releases/[key]/_sections/plan-timeline');
const { PlanTasks } = await import('@/app/(app)/releases/[key]/_sections/plan-tasks');

let h: DbHandle;
let rm: Actor;
let viewer: Actor;

beforeAll(async () => {
  h = await freshDatabase();
  rm = (await makeUser(h.prisma, ['release_manager'], { name: 'Robin Release' })).actor;
  viewer = (await makeUser(h.prisma, ['viewer'])).actor;
});

afterAll(async () => {
  await h?.close();
});

function ok<T>(r: ActionResult<T>): T {
  if (!r.ok) throw new Error(JSON.stringify(r));
  return r.data;
}

const START = new Date('2026-12-03T20:00:00Z');
const at = (minutes: number) => new Date(START.getTime() + minutes * 60_000);
const iso = (minutes: number) => at(minutes).toISOString();

/** Backup (10) → Migrate (30) → Deploy (20), Backup → Warm cache (5) → Deploy; window 20:00–21:00 Europe/London. */
async function plannedRelease(window: { plannedStart?: Date | null; plannedEnd?: Date | null } = { plannedStart: START, plannedEnd: at(60) }) {
  const rel = await makeRelease(h.prisma);
  await h.prisma.release.update({ where: { id: rel.id }, data: { ...window, timezone: 'Europe/London' } });
  const key = releaseKey(rel.number);
  const backup = ok(await addPlanTask.as(rm)({ releaseKey: key, name: 'Backup', estimateMinutes: 10, ownerId: rm.id }));
  const deploy = ok(await addPlanTask.as(rm)({ releaseKey: key, name: 'Deploy', estimateMinutes: 20 }));
  const migrate = ok(await addPlanTask.as(rm)({ releaseKey: key, name: 'Migrate', estimateMinutes: 30, dependsOn: [backup.id] }));
  const warm = ok(await addPlanTask.as(rm)({ releaseKey: key, name: 'Warm cache', estimateMinutes: 5, dependsOn: [backup.id] }));
  ok(await updatePlanTask.as(rm)({ taskId: deploy.id, name: 'Deploy', estimateMinutes: 20, dependsOn: [migrate.id, warm.id] }));
  return { key, ids: { backup: backup.id, migrate: migrate.id, warm: warm.id, deploy: deploy.id } };
}

describe('getPlanSchedule', () => {
  it('computes slack and the critical path, ordered by planned start, on time against the window', async () => {
    const { key, ids } = await plannedRelease();
    const s = (await getPlanSchedule(viewer, key, at(-120)))!;
    expect(s.problem).toBeNull();
    expect(s.tasks.map((t) => t.name)).toEqual(['Backup', 'Migrate', 'Warm cache', 'Deploy']);
    expect(s.criticalPath).toEqual([ids.backup, ids.migrate, ids.deploy]);
    expect(s.durationMinutes).toBe(60);
    expect(s.projectedFinish).toBe(iso(60));
    expect(s.plannedEnd).toBe(iso(60));
    expect(s.lateByMinutes).toBe(0);
    expect(s.timezone).toBe('Europe/London');
    const warm = s.tasks.find((t) => t.id === ids.warm)!;
    expect(warm).toMatchObject({ critical: false, slackMinutes: 25, earliestStart: iso(10), latestFinish: iso(40), status: 'not_started' });
    expect(s.tasks.find((t) => t.id === ids.backup)).toMatchObject({ owner: 'Robin Release', critical: true, slackMinutes: 0 });
    expect(s.tasks.find((t) => t.id === ids.deploy)!.dependsOn.sort()).toEqual([ids.migrate, ids.warm].sort());
  });

  it('moves the projection as tasks start and finish', async () => {
    const { key, ids } = await plannedRelease();
    ok(await startPlanTask.as(rm)({ taskId: ids.backup, at: iso(0) }));
    ok(await finishPlanTask.as(rm)({ taskId: ids.backup, at: iso(25) }));
    // Backup took 25 minutes instead of 10: everything after it moves by 15
    let s = (await getPlanSchedule(viewer, key, at(25)))!;
    expect(s.projectedFinish).toBe(iso(75));
    expect(s.plannedFinish).toBe(iso(60));
    expect(s.lateByMinutes).toBe(15);
    expect(s.tasks.find((t) => t.id === ids.backup)).toMatchObject({ status: 'finished', actualFinish: iso(25), earliestFinish: iso(25) });

    ok(await startPlanTask.as(rm)({ taskId: ids.migrate, at: iso(25) }));
    ok(await startPlanTask.as(rm)({ taskId: ids.warm, at: iso(25) }));
    ok(await finishPlanTask.as(rm)({ taskId: ids.warm, at: iso(26) }));
    // Migrate overruns: at 70 it is still running, so Deploy cannot start before 70
    s = (await getPlanSchedule(viewer, key, at(70)))!;
    expect(s.tasks.find((t) => t.id === ids.migrate)).toMatchObject({ status: 'in_progress', earliestFinish: iso(70), critical: true });
    expect(s.projectedFinish).toBe(iso(90));
    expect(s.lateByMinutes).toBe(30);
    expect(s.criticalPath).toEqual([ids.backup, ids.migrate, ids.deploy]);

    ok(await finishPlanTask.as(rm)({ taskId: ids.migrate, at: iso(50) }));
    ok(await startPlanTask.as(rm)({ taskId: ids.deploy, at: iso(50) }));
    ok(await finishPlanTask.as(rm)({ taskId: ids.deploy, at: iso(58) }));
    s = (await getPlanSchedule(viewer, key, at(200)))!;
    expect(s.tasks.every((t) => t.status === 'finished')).toBe(true);
    expect(s.projectedFinish).toBe(iso(58));
    expect(s.lateByMinutes).toBe(-2);
  });

  it('without a planned window the plan starts now and there is nothing to compare with', async () => {
    const { key } = await plannedRelease({ plannedStart: null, plannedEnd: null });
    const now = new Date('2026-11-30T09:00:00Z');
    const s = (await getPlanSchedule(viewer, key, now))!;
    expect(s.planStartIsNow).toBe(true);
    expect(s.planStart).toBe(now.toISOString());
    expect(s.projectedFinish).toBe(new Date(now.getTime() + 60 * 60_000).toISOString());
    expect(s.lateByMinutes).toBeNull();
  });

  it('an empty plan, an unknown release, a hostile key, and no permission', async () => {
    const rel = await makeRelease(h.prisma);
    const s = (await getPlanSchedule(viewer, releaseKey(rel.number)))!;
    expect(s.tasks).toEqual([]);
    expect(s.criticalPath).toEqual([]);
    expect(await getPlanSchedule(viewer, 'REL-999999')).toBeNull();
    expect(await getPlanSchedule(viewer, "REL-1' OR 1=1 --")).toBeNull();
    await expect(getPlanSchedule(null, releaseKey(rel.number))).rejects.toMatchObject({ code: 'unauthenticated' });
  });

  it('a loop written around the mutations is reported, not thrown', async () => {
    const { key, ids } = await plannedRelease();
    await h.prisma.planTaskDependency.create({ data: { taskId: ids.backup, dependsOnId: ids.deploy } });
    const s = (await getPlanSchedule(viewer, key))!;
    expect(s.tasks).toEqual([]);
    expect(s.problem).toMatch(/round in a circle: .*Backup.*→.*Backup/);
  });
});

/** Server components nest async components (PlanTimeline loads its own data): render them to completion. */
// rendered completely, under the test's next-intl provider
const renderAsync = (node: ReactNode): Promise<string> => renderToString(node);

describe('the plan timeline', () => {
  it('renders bars, the critical path in words, the summary against the window and the table alternative', async () => {
    const { key, ids } = await plannedRelease();
    ok(await startPlanTask.as(rm)({ taskId: ids.backup, at: iso(0) }));
    ok(await finishPlanTask.as(rm)({ taskId: ids.backup, at: iso(25) }));
    const s = (await getPlanSchedule(viewer, key, at(25)))!;
    const html = (await renderAsync(createElement(PlanTimelineView, { s }))).replaceAll('<!-- -->', '');
    // 20:00 UTC is 20:00 in London in December; 75 minutes projected against a 60-minute window
    expect(html).toContain('Projected finish Thu 3 Dec 21:15');
    expect(html).toMatch(/15 min after the planned end of 21:00/);
    expect(html).toContain('Critical path');
    expect(html).toMatch(/Backup → Migrate → Deploy/);
    // three rows marked in words (not colour alone), plus the table's column header
    expect(html.match(/>Critical</g)).toHaveLength(4);
    expect(html).toContain('Europe/London');
    expect(html).toContain('Done: started 20:00, finished 20:25.');
    expect(html).toMatch(/Latest finish 21:15, no slack/);
    expect(html).toContain('The schedule as a table');
    expect(html).toContain('<th scope="row"');
    expect(html).toContain('>Now<');
    expect(html).toContain('>Planned end<');

    const early = (await getPlanSchedule(viewer, key, at(-600)))!;
    expect((await renderAsync(createElement(PlanTimelineView, { s: { ...early, lateByMinutes: -25 } }))).replaceAll('<!-- -->', '')).toMatch(
      /on time, 25 min to spare/,
    );
  });

  it('is mounted under the plan tasks and says what is wrong with a looping plan', async () => {
    const { key, ids } = await plannedRelease();
    session.actor = viewer;
    const html = await renderAsync(await PlanTasks({ r: (await releaseRefFor(key)) as never }));
    expect(html).toContain('Plan tasks');
    expect(html).toContain('Timeline and critical path');
    expect(html).toContain('Projected finish');
    await h.prisma.planTaskDependency.create({ data: { taskId: ids.backup, dependsOnId: ids.deploy } });
    const broken = await renderAsync(await PlanTasks({ r: (await releaseRefFor(key)) as never }));
    expect(broken).toMatch(/goes round in a circle/);
  });
});
