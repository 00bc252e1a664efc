import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareWithWindow, criticalPath, PlanCycleError, type CpmTaskInput } from '@/lib/domain/critical-path';

const T0 = new Date('2026-12-03T20:00:00Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
const task = (id: string, durationMinutes: number, dependsOn: string[] = [], extra: Partial<CpmTaskInput> = {}): CpmTaskInput => ({
  id,
  name: id.toUpperCase(),
  durationMinutes,
  dependsOn,
  ...extra,
});
const byId = <T extends { id: string }>(list: T[]) => Object.fromEntries(list.map((t) => [t.id, t]));

// a → b → d, a → c → d: b is the long branch
const DIAMOND = [task('a', 10), task('b', 30, ['a']), task('c', 5, ['a']), task('d', 20, ['b', 'c'])];

describe('criticalPath: the plan as estimated', () => {
  it('computes earliest/latest times, slack and the critical path of a diamond', () => {
    const s = criticalPath(DIAMOND, { planStart: T0, now: T0 });
    const t = byId(s.tasks);
    expect(s.durationMinutes).toBe(60);
    expect(s.projectedFinish).toEqual(at(60));
    expect(s.plannedFinish).toEqual(at(60));
    expect(s.criticalPath).toEqual(['a', 'b', 'd']);
    expect([t.c!.es, t.c!.ef, t.c!.ls, t.c!.lf, t.c!.slackMinutes]).toEqual([10, 15, 35, 40, 25]);
    expect(t.c!.critical).toBe(false);
    expect(t.b!.critical && t.a!.critical && t.d!.critical).toBe(true);
    expect(t.d!.earliestStart).toEqual(at(40));
    expect(t.d!.latestFinish).toEqual(at(60));
    expect(t.a!.status).toBe('not_started');
  });

  it('handles an empty plan, independent tasks and unknown or repeated dependencies', () => {
    const empty = criticalPath([], { planStart: T0, now: T0 });
    expect(empty).toMatchObject({ criticalPath: [], durationMinutes: 0, projectedFinish: T0 });
    const s = criticalPath([task('x', 15, ['ghost', 'y', 'y']), task('y', 5), task('z', 45)], { planStart: T0, now: T0 });
    expect(s.criticalPath).toEqual(['z']);
    expect(byId(s.tasks).x!.es).toBe(5);
    expect(byId(s.tasks).x!.slackMinutes).toBe(25);
  });

  it('refuses a cycle, naming the tasks', () => {
    const cyc = () => criticalPath([task('a', 1, ['c']), task('b', 1, ['a']), task('c', 1, ['b']), task('d', 1)], { planStart: T0, now: T0 });
    expect(cyc).toThrow(PlanCycleError);
    expect(cyc).toThrow(/A → C → B → A|B → A → C → B|C → B → A → C/);
    expect(() => criticalPath([task('a', 1, ['a'])], { planStart: T0, now: T0 })).toThrow(/A → A/);
  });

  it('treats hostile durations as zero', () => {
    const s = criticalPath([task('a', Number.NaN), task('b', -5, ['a']), task('c', Infinity, ['b'])], { planStart: T0, now: T0 });
    expect(s.durationMinutes).toBe(0);
  });

  it('walks a 20,000-task chain without overflowing the stack', () => {
    const n = 20_000;
    const tasks = Array.from({ length: n }, (_, i) => task(`t${i}`, 1, i ? [`t${i - 1}`] : []));
    const s = criticalPath(tasks.reverse(), { planStart: T0, now: T0 });
    expect(s.durationMinutes).toBe(n);
    expect(s.criticalPath).toHaveLength(n);
    expect(s.criticalPath[0]).toBe('t0');
  });

  // how long it takes: npm run bench
  it('computes 1,000 tasks with ~3,000 dependencies', () => {
    let seed = 42;
    const rnd = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
    const tasks = Array.from({ length: 1000 }, (_, i) => {
      const deps = new Set<string>();
      for (let k = 0; k < 3 && i > 0; k++) deps.add(`t${Math.floor(rnd() * i)}`);
      return task(`t${i}`, 1 + Math.floor(rnd() * 120), [...deps]);
    });
    expect(tasks.reduce((n, t) => n + t.dependsOn.length, 0)).toBeGreaterThan(2500);
    const s = criticalPath(tasks, { planStart: T0, now: T0 });
    // every task but t0 depends on an earlier one, so the longest chain starts there
    expect(s.criticalPath[0]).toBe('t0');
    const minutes = new Map(tasks.map((t) => [t.id, t.durationMinutes]));
    expect(s.criticalPath.reduce((n, id) => n + minutes.get(id)!, 0)).toBe(s.durationMinutes);
  });
});

describe('criticalPath: the projection with actual times', () => {
  it('a started task that overruns its estimate runs at least until now, and moves the finish', () => {
    const tasks = [task('a', 10, [], { actualStart: at(0), actualFinish: at(10) }), ...DIAMOND.slice(1)];
    tasks[1] = task('b', 30, ['a'], { actualStart: at(10) });
    tasks[2] = task('c', 5, ['a'], { actualStart: at(10), actualFinish: at(16) });
    const onTime = criticalPath(tasks, { planStart: T0, now: at(25) });
    expect(onTime.durationMinutes).toBe(60);
    expect(byId(onTime.tasks).b!.status).toBe('in_progress');
    const overrun = criticalPath(tasks, { planStart: T0, now: at(55) });
    expect(byId(overrun.tasks).b!.ef).toBe(55);
    expect(overrun.durationMinutes).toBe(75);
    expect(overrun.projectedFinish).toEqual(at(75));
    expect(overrun.plannedFinish).toEqual(at(60));
    expect(overrun.criticalPath).toEqual(['a', 'b', 'd']);
    // had c not started, it could not start in the past: it would start now and hold d up
    tasks[2] = task('c', 5, ['a']);
    const waiting = criticalPath(tasks, { planStart: T0, now: at(55) });
    expect(byId(waiting.tasks).c!.es).toBe(55);
    expect(waiting.durationMinutes).toBe(80);
    expect(waiting.criticalPath).toEqual(['c', 'd']);
  });

  it('a task finished early pulls the finish in; recorded times are kept as they are', () => {
    const tasks = [
      task('a', 10, [], { actualStart: at(0), actualFinish: at(10) }),
      task('b', 30, ['a'], { actualStart: at(10), actualFinish: at(22) }),
      task('c', 5, ['a'], { actualStart: at(11), actualFinish: at(17) }),
      task('d', 20, ['b', 'c']),
    ];
    const s = criticalPath(tasks, { planStart: T0, now: at(22) });
    expect(s.durationMinutes).toBe(42);
    expect(s.criticalPath).toEqual(['a', 'b', 'd']);
    const t = byId(s.tasks);
    expect(t.b!.status).toBe('finished');
    expect([t.c!.es, t.c!.ef]).toEqual([11, 17]);
    expect(t.c!.slackMinutes).toBe(5);
  });

  it('a late start of an unstarted task puts it on the critical path on its own', () => {
    const tasks = [task('a', 10, [], { actualStart: at(0), actualFinish: at(10) }), task('b', 30, ['a'])];
    const s = criticalPath(tasks, { planStart: T0, now: at(40) });
    expect(s.durationMinutes).toBe(70);
    expect(s.criticalPath).toEqual(['b']);
    expect(byId(s.tasks).a!.critical).toBe(false);
  });

  it('a plan that has not begun yet is scheduled from its planned start; one overdue to start, from now', () => {
    expect(criticalPath(DIAMOND, { planStart: T0, now: at(-600) }).projectedFinish).toEqual(at(60));
    expect(criticalPath(DIAMOND, { planStart: T0, now: at(30) }).projectedFinish).toEqual(at(90));
  });

  it('compares the projected finish with the planned window', () => {
    const s = criticalPath(DIAMOND, { planStart: T0, now: T0 });
    expect(compareWithWindow(s, { plannedEnd: at(20) })).toEqual({ projectedFinish: at(60), plannedEnd: at(20), lateByMinutes: 40 });
    expect(compareWithWindow(s, { plannedEnd: at(85) }).lateByMinutes).toBe(-25);
    expect(compareWithWindow(s, { plannedEnd: at(60) }).lateByMinutes).toBe(0);
    expect(compareWithWindow(s, {})).toEqual({ projectedFinish: at(60), plannedEnd: null, lateByMinutes: null });
    expect(compareWithWindow(s, { plannedEnd: new Date(Number.NaN) }).lateByMinutes).toBeNull();
  });
});

// ------------------------------------------------------------ properties

/** A random DAG: task i may depend on tasks with a smaller index; given shuffled. */
const dagArb = fc
  .integer({ min: 1, max: 7 })
  .chain((n) =>
    fc.record({
      durations: fc.array(fc.integer({ min: 0, max: 20 }), { minLength: n, maxLength: n }),
      deps: fc.array(fc.array(fc.boolean(), { minLength: n, maxLength: n }), { minLength: n, maxLength: n }),
      order: fc.shuffledSubarray([...Array(n).keys()], { minLength: n, maxLength: n }),
    }),
  )
  .map(({ durations, deps, order }) => {
    const n = durations.length;
    const tasks = Array.from({ length: n }, (_, i) =>
      task(
        `t${i}`,
        durations[i]!,
        Array.from({ length: i }, (_, j) => j)
          .filter((j) => deps[i]![j])
          .map((j) => `t${j}`),
      ),
    );
    return order.map((i) => tasks[i]!);
  });

/** Every path through the graph (following dependency → dependent), by enumeration. */
function allPaths(tasks: CpmTaskInput[]): string[][] {
  const dependents = new Map<string, string[]>(tasks.map((t) => [t.id, []]));
  for (const t of tasks) for (const d of t.dependsOn) dependents.get(d)!.push(t.id);
  const paths: string[][] = [];
  const walk = (path: string[]) => {
    paths.push(path);
    for (const next of dependents.get(path[path.length - 1]!)!) walk([...path, next]);
  };
  for (const t of tasks) walk([t.id]);
  return paths;
}

describe('criticalPath agrees with a brute-force reference on small random plans', () => {
  it('duration = longest path; slack 0 exactly on some longest path; ES/LF from enumerated paths', () => {
    fc.assert(
      fc.property(dagArb, (tasks) => {
        const s = criticalPath(tasks, { planStart: T0, now: T0 });
        const dur = new Map(tasks.map((t) => [t.id, t.durationMinutes]));
        const paths = allPaths(tasks);
        const len = (p: string[]) => p.reduce((n, id) => n + dur.get(id)!, 0);
        const longest = Math.max(...paths.map(len));
        expect(s.durationMinutes).toBe(longest);
        expect(s.plannedDurationMinutes).toBe(longest);

        const onLongest = new Set(paths.filter((p) => len(p) === longest).flat());
        const es = new Map<string, number>();
        const tail = new Map<string, number>();
        for (const p of paths) {
          let before = 0;
          p.forEach((id, k) => {
            es.set(id, Math.max(es.get(id) ?? 0, before));
            tail.set(id, Math.max(tail.get(id) ?? 0, len(p.slice(k + 1))));
            before += dur.get(id)!;
          });
        }
        for (const t of s.tasks) {
          expect(t.critical).toBe(onLongest.has(t.id));
          expect(t.slackMinutes === 0).toBe(onLongest.has(t.id));
          expect(t.es).toBe(es.get(t.id));
          expect(t.lf).toBe(longest - tail.get(t.id)!);
          expect(t.es).toBeLessThanOrEqual(t.ls);
          expect(t.slackMinutes).toBeGreaterThanOrEqual(0);
          expect(t.plannedStart).toEqual(t.earliestStart);
        }
        const t = byId(s.tasks);
        for (const x of tasks) {
          for (const d of x.dependsOn) {
            expect(t[d]!.ef).toBeLessThanOrEqual(t[x.id]!.es);
            expect(t[d]!.lf).toBeLessThanOrEqual(t[x.id]!.ls);
          }
        }
        // the critical path is a chain of dependencies from the start to the finish, as long as the longest path
        const cp = s.criticalPath;
        expect(cp.length).toBeGreaterThan(0);
        expect(t[cp[0]!]!.es).toBe(0);
        expect(t[cp[cp.length - 1]!]!.ef).toBe(longest);
        expect(len(cp)).toBe(longest);
        for (let k = 1; k < cp.length; k++) expect(byId(tasks)[cp[k]!]!.dependsOn).toContain(cp[k - 1]);
        expect(cp.every((id) => t[id]!.critical)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('with recorded progress: dependencies hold, the projection never ends before now, and only moves later as time passes', () => {
    const progressArb = dagArb.chain((tasks) =>
      fc.record({
        tasks: fc.constant(tasks),
        actual: fc.array(fc.integer({ min: 0, max: 40 }), { minLength: tasks.length, maxLength: tasks.length }),
        delay: fc.array(fc.integer({ min: 0, max: 10 }), { minLength: tasks.length, maxLength: tasks.length }),
        now: fc.integer({ min: -30, max: 200 }),
        later: fc.integer({ min: 0, max: 100 }),
      }),
    );
    fc.assert(
      fc.property(progressArb, ({ tasks, actual, delay, now, later }) => {
        // simulate what happened: each task starts some time after its prerequisites finished
        const finish = new Map<string, number>();
        const startAt = new Map<string, number>();
        const byKey = byId(tasks);
        const done = (id: string): number => {
          if (!finish.has(id)) {
            const i = tasks.indexOf(byKey[id]!);
            const s = Math.max(0, ...byKey[id]!.dependsOn.map(done)) + delay[i]!;
            startAt.set(id, s);
            finish.set(id, s + actual[i]!);
          }
          return finish.get(id)!;
        };
        const recorded = tasks.map((t) => {
          const f = done(t.id);
          const s = startAt.get(t.id)!;
          return { ...t, actualStart: s <= now ? at(s) : null, actualFinish: f <= now ? at(f) : null };
        });
        const sched = criticalPath(recorded, { planStart: T0, now: at(now) });
        const t = byId(sched.tasks);
        for (const x of sched.tasks) {
          expect(x.es).toBeLessThanOrEqual(x.ls);
          expect(x.slackMinutes).toBeGreaterThanOrEqual(0);
          if (x.status === 'not_started') expect(x.es).toBeGreaterThanOrEqual(Math.max(0, now));
          if (x.status === 'finished') expect(x.earliestFinish).toEqual(at(finish.get(x.id)!));
        }
        for (const x of tasks) for (const d of x.dependsOn) expect(t[d]!.ef).toBeLessThanOrEqual(t[x.id]!.es);
        if (sched.tasks.some((x) => x.status !== 'finished')) expect(sched.durationMinutes).toBeGreaterThanOrEqual(now);
        else expect(sched.durationMinutes).toBe(Math.max(...finish.values()));
        const cp = sched.criticalPath;
        expect(cp.length).toBeGreaterThan(0);
        expect(t[cp[cp.length - 1]!]!.earliestFinish).toEqual(sched.projectedFinish);
        expect(cp.every((id) => t[id]!.critical)).toBe(true);
        const afterwards = criticalPath(recorded, { planStart: T0, now: at(now + later) });
        expect(afterwards.projectedFinish.getTime()).toBeGreaterThanOrEqual(sched.projectedFinish.getTime());
      }),
      { numRuns: 300 },
    );
  });
});
