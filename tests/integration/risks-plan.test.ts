import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db, type DbHandle } from '@/lib/server/db';
import { addRisk, heatMapCounts, listRisks, removeRisk, riskFacts, updateRisk } from '@/lib/server/risks';
import { addPlanTask, finishPlanTask, listPlanTasks, planFacts, removePlanTask, startPlanTask, updatePlanTask } from '@/lib/server/plan';
import type { Actor } from '@/lib/server/actor';
import type { ActionResult } from '@/lib/domain/result';
import { freshDatabase } from '../support/db';
import { makeRelease, makeUser } from '../support/factories';
import { fingerprint } from '../support/inspect';
import { releaseKey } from '@/lib/domain/release-key';

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

async function refused<T>(call: () => Promise<ActionResult<T>>) {
  const before = await fingerprint(h.runner);
  const r = await call();
  expect(r.ok).toBe(false);
  expect(await fingerprint(h.runner)).toEqual(before);
  return r as Extract<ActionResult<T>, { ok: false }>;
}

function ok<T>(r: ActionResult<T>): T {
  if (!r.ok) throw new Error(JSON.stringify(r));
  return r.data;
}

const newRelease = async () => {
  const r = await makeRelease(h.prisma);
  return { ...r, key: releaseKey(r.number) };
};

describe('risks', () => {
  it('computes the score, fills the heat map, and counts as an assessment', async () => {
    const rel = await newRelease();
    const a = ok(await addRisk.as(rm)({ releaseKey: rel.key, title: 'Lock contention', likelihood: '3', impact: 4, ownerId: rm.id }));
    expect(a.score).toBe(12);
    ok(await addRisk.as(rm)({ releaseKey: rel.key, title: 'Cache cold start', likelihood: 3, impact: 4 }));
    const closed = ok(await addRisk.as(rm)({ releaseKey: rel.key, title: 'Old risk', likelihood: 5, impact: 5, status: 'closed' }));
    ok(await updateRisk.as(rm)({ riskId: closed.id, title: 'Old risk', likelihood: 1, impact: 5, status: 'closed' }));
    const register = (await listRisks(viewer, rel.key))!;
    expect(register.risks.map((r) => r.score)).toEqual([12, 12, 5]);
    expect(register.heatMap[2]![3]).toBe(2);
    expect(register.heatMap.flat().reduce((n, x) => n + x, 0)).toBe(2);
    expect(register.openCount).toBe(2);
    expect(register.risks[0]!.owner).toBe('Robin Release');
    const row = await h.prisma.release.findUniqueOrThrow({ where: { id: rel.id } });
    expect(row.version).toBe(5);
    expect(row.updatedById).toBe(rm.id);
    const facts = await riskFacts((await db()) as never, rel.id);
    expect(facts).toEqual({ riskCount: 3, openRisks: 2, noKnownRisks: false, assessed: true });
    ok(await removeRisk.as(rm)({ riskId: closed.id }));
    expect((await listRisks(viewer, rel.key))!.risks).toHaveLength(2);
  });

  it('refuses out-of-range and hostile values', async () => {
    const rel = await newRelease();
    const r = await refused(() => addRisk.as(rm)({ releaseKey: rel.key, title: '', likelihood: 6, impact: 0.5, status: 'ignored', ownerId: 'ghost' }));
    expect(r.code).toBe('invalid');
    expect(Object.keys(r.fieldErrors!).sort()).toEqual(['impact', 'likelihood', 'status', 'title']);
    const owner = await refused(() => addRisk.as(rm)({ releaseKey: rel.key, title: 'Real', likelihood: 1, impact: 1, ownerId: 'ghost' }));
    expect(owner.fieldErrors?.ownerId).toBeDefined();
    expect((await refused(() => addRisk.as(rm)({ releaseKey: 'REL-0', title: 'Real', likelihood: 1, impact: 1 }))).code).toBe('not_found');
    expect((await refused(() => updateRisk.as(rm)({ riskId: 'nope', title: 'Real', likelihood: 1, impact: 1 }))).code).toBe('not_found');
  });

  it('a release without risks is not assessed', async () => {
    const rel = await newRelease();
    expect(await riskFacts((await db()) as never, rel.id)).toEqual({ riskCount: 0, openRisks: 0, noKnownRisks: false, assessed: false });
  });

  it('heatMapCounts ignores closed and out-of-range risks', () => {
    const g = heatMapCounts([
      { likelihood: 1, impact: 1, status: 'open' },
      { likelihood: 5, impact: 5, status: 'closed' },
      { likelihood: 9, impact: 1, status: 'open' },
    ]);
    expect(g[0]![0]).toBe(1);
    expect(g.flat().reduce((n, x) => n + x, 0)).toBe(1);
  });
});

describe('plan tasks', () => {
  it('orders tasks after their dependencies and refuses a cycle naming it', async () => {
    const rel = await newRelease();
    const api = ok(await addPlanTask.as(rm)({ releaseKey: rel.key, name: 'Deploy API', estimateMinutes: '20', ownerId: rm.id }));
    const mig = ok(await addPlanTask.as(rm)({ releaseKey: rel.key, name: 'Run migrations', estimateMinutes: 15, ownerId: rm.id }));
    ok(await updatePlanTask.as(rm)({ taskId: api.id, name: 'Deploy API', estimateMinutes: 20, ownerId: rm.id, dependsOn: [mig.id] }));
    const plan = (await listPlanTasks(viewer, rel.key))!;
    expect(plan.tasks.map((t) => t.name)).toEqual(['Run migrations', 'Deploy API']);
    expect(plan.tasks[1]!.dependsOn).toEqual([{ id: mig.id, name: 'Run migrations' }]);
    expect(plan.totalMinutes).toBe(35);

    const r = await refused(() => updatePlanTask.as(rm)({ taskId: mig.id, name: 'Run migrations', estimateMinutes: 15, dependsOn: [api.id] }));
    expect(r.code).toBe('invalid');
    expect(r.message).toContain('Run migrations → Deploy API → Run migrations');
    expect(r.fieldErrors?.dependsOn?.[0]).toContain('Run migrations → Deploy API → Run migrations');
    const self = await refused(() => updatePlanTask.as(rm)({ taskId: mig.id, name: 'Run migrations', estimateMinutes: 15, dependsOn: [mig.id] }));
    expect(self.fieldErrors?.dependsOn?.[0]).toMatch(/cannot depend on itself/);
  });

  it('refuses a dependency on a task of another release', async () => {
    const a = await newRelease();
    const b = await newRelease();
    const other = ok(await addPlanTask.as(rm)({ releaseKey: b.key, name: 'Elsewhere', estimateMinutes: 5 }));
    const r = await refused(() => addPlanTask.as(rm)({ releaseKey: a.key, name: 'Here', estimateMinutes: 5, dependsOn: [other.id] }));
    expect(r.fieldErrors?.dependsOn?.[0]).toContain(`Elsewhere (${b.key}) belongs to another release`);
  });

  it('validates the estimate and name', async () => {
    const rel = await newRelease();
    for (const estimateMinutes of [0, -5, 1.5, 'ten', 43_201, '']) {
      const r = await refused(() => addPlanTask.as(rm)({ releaseKey: rel.key, name: 'Task', estimateMinutes }));
      expect(r.fieldErrors?.estimateMinutes).toBeDefined();
    }
    expect((await refused(() => addPlanTask.as(rm)({ releaseKey: rel.key, name: ' ', estimateMinutes: 5 }))).fieldErrors?.name).toBeDefined();
    expect(ok(await addPlanTask.as(rm)({ releaseKey: rel.key, name: 'Long', estimateMinutes: 43_200 })).id).toBeTruthy();
  });

  it('records start and finish in order, after prerequisites finished', async () => {
    const rel = await newRelease();
    const first = ok(await addPlanTask.as(rm)({ releaseKey: rel.key, name: 'Backup', estimateMinutes: 10 }));
    const second = ok(await addPlanTask.as(rm)({ releaseKey: rel.key, name: 'Migrate', estimateMinutes: 10, dependsOn: [first.id] }));
    expect((await refused(() => startPlanTask.as(rm)({ taskId: second.id }))).message).toMatch(/depends on Backup, which has not finished/);
    expect((await refused(() => finishPlanTask.as(rm)({ taskId: first.id }))).message).toMatch(/has not started/);
    ok(await startPlanTask.as(rm)({ taskId: first.id, at: '2026-12-01T20:00:00Z' }));
    const early = await refused(() => finishPlanTask.as(rm)({ taskId: first.id, at: '2026-12-01T19:00:00Z' }));
    expect(early.message).toMatch(/cannot finish before it started/);
    ok(await finishPlanTask.as(rm)({ taskId: first.id, at: '2026-12-01T20:10:00Z' }));
    ok(await startPlanTask.as(rm)({ taskId: second.id }));
    expect((await refused(() => startPlanTask.as(rm)({ taskId: second.id }))).message).toMatch(/already started/);
    expect((await refused(() => removePlanTask.as(rm)({ taskId: first.id }))).message).toMatch(/Migrate depends on Backup/);
  });

  it('reports tasks without an owner for the gates', async () => {
    const rel = await newRelease();
    ok(await addPlanTask.as(rm)({ releaseKey: rel.key, name: 'Owned', estimateMinutes: 5, ownerId: rm.id }));
    ok(await addPlanTask.as(rm)({ releaseKey: rel.key, name: 'Orphan', estimateMinutes: 5 }));
    expect(await planFacts((await db()) as never, rel.id)).toEqual({ taskCount: 2, tasksWithoutOwner: ['Orphan'] });
  });

  it('refuses writes to a closed release', async () => {
    const rel = await newRelease();
    await h.prisma.release.update({ where: { id: rel.id }, data: { status: 'closed' } });
    const r = await refused(() => addPlanTask.as(rm)({ releaseKey: rel.key, name: 'Late', estimateMinutes: 5 }));
    expect(r.code).toBe('conflict');
    expect(r.message).toMatch(/closed, so it can no longer be changed/);
  });
});
