import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FreezeSpec } from '@/lib/domain/freeze';
import { evaluateTransition, type ReleaseFacts } from '@/lib/domain/lifecycle';
import {
  checkSchedule,
  DEFAULT_SCHEDULE_POLICY,
  findConflicts,
  nextFreeSlots,
  openProblemsFor,
  overlaps,
  scheduleFacts,
  withWindow,
  type OtherRelease,
  type ScheduleInput,
  type TargetWindow,
} from '@/lib/domain/scheduling';
import type { Recurrence } from '@/lib/domain/recurrence';
import { releaseKey } from '@/lib/domain/release-key';

const at = (iso: string) => new Date(iso);
const H = 3_600_000;

const STAGING = { environmentId: 'e-stg', environmentName: 'staging', tier: 'staging', position: 2 };
const PROD = { environmentId: 'e-prod', environmentName: 'production', tier: 'production', position: 3 };

function win(env: typeof STAGING, start: string | null, end: string | null): TargetWindow {
  return { ...env, start: start ? at(start) : null, end: end ? at(end) : null };
}

function baseInput(over: Partial<ScheduleInput> = {}, windows?: TargetWindow[]): ScheduleInput {
  return {
    release: {
      id: 'r1',
      key: 'REL-10',
      ownerId: 'u-priya',
      ownerName: 'Priya Shah',
      componentIds: ['c-billing'],
      windows: windows ?? [win(STAGING, '2026-12-02T10:00:00Z', '2026-12-02T12:00:00Z'), win(PROD, '2026-12-03T20:00:00Z', '2026-12-03T22:00:00Z')],
    },
    maintenance: {},
    freezes: [],
    overrides: [],
    others: [],
    acknowledgements: [],
    policy: DEFAULT_SCHEDULE_POLICY,
    componentNames: { 'c-billing': 'billing-api', 'c-web': 'web' },
    timezone: 'Europe/London',
    ...over,
  };
}

const other = (over: Partial<OtherRelease> = {}): OtherRelease => ({
  id: 'r14',
  key: 'REL-14',
  ownerId: 'u-sam',
  ownerName: 'Sam Lee',
  status: 'scheduled',
  componentIds: ['c-web'],
  windows: [{ environmentId: 'e-prod', environmentName: 'production', start: at('2026-12-03T21:00:00Z'), end: at('2026-12-03T23:00:00Z') }],
  ...over,
});

// Tue–Thu 09:00–17:00 London
const weekdays: Recurrence = { kind: 'recurring', rrule: 'FREQ=WEEKLY;BYDAY=TU,WE,TH;BYHOUR=9;BYMINUTE=0', durationMinutes: 480, timezone: 'Europe/London' };
const freeze = (over: Partial<FreezeSpec> = {}): FreezeSpec => ({
  id: 'f1',
  name: 'Year-end freeze',
  reason: 'Peak trading',
  recurrence: { kind: 'one_off', startsAt: at('2026-12-03T00:00:00Z'), endsAt: at('2026-12-04T00:00:00Z') },
  environmentIds: [],
  componentIds: [],
  active: true,
  ...over,
});

describe('checkSchedule', () => {
  it('passes a clean schedule', () => {
    const c = checkSchedule(baseInput());
    expect(c.problems).toEqual([]);
    expect(c.ok).toBe(true);
    expect(c.gates.every((g) => g.passed)).toBe(true);
  });

  it('needs a window for every target environment', () => {
    const c = checkSchedule(baseInput({}, [win(STAGING, null, null), win(PROD, '2026-12-03T20:00:00Z', '2026-12-03T22:00:00Z')]));
    expect(c.ok).toBe(false);
    expect(c.problems[0]).toMatchObject({ rule: 'schedule.window_missing', environment: 'staging', acknowledgeable: false });
    expect(c.gates.find((g) => g.rule === 'schedule.window_set')?.passed).toBe(false);
  });

  it('refuses a release with no target environment, and windows in the past', () => {
    expect(checkSchedule(baseInput({}, [])).problems[0]?.rule).toBe('schedule.window_missing');
    const past = checkSchedule({ ...baseInput(), now: at('2027-01-01T00:00:00Z') });
    expect(past.problems.filter((p) => p.rule === 'schedule.window_missing')).toHaveLength(2);
  });

  it('explains a window outside the maintenance windows', () => {
    // 3 Dec 2026 is a Thursday; 20:00 is after 17:00
    const c = checkSchedule(baseInput({ maintenance: { 'e-prod': [{ label: 'Weekdays', recurrence: weekdays }] } }));
    const p = c.problems.find((x) => x.rule === 'schedule.maintenance');
    expect(p?.message).toContain('3 Dec 20:00–22:00 Europe/London is outside production');
    expect(p?.message).toContain('Weekdays');
    expect(p?.acknowledgeable).toBe(false);
    // inside one occurrence: fine
    const ok = checkSchedule(
      baseInput({ maintenance: { 'e-prod': [{ label: 'Weekdays', recurrence: weekdays }] } }, [win(PROD, '2026-12-03T10:00:00Z', '2026-12-03T12:00:00Z')]),
    );
    expect(ok.ok).toBe(true);
    // the policy may switch it off
    const off = checkSchedule(
      baseInput({
        maintenance: { 'e-prod': [{ label: 'W', recurrence: weekdays }] },
        policy: { ...DEFAULT_SCHEDULE_POLICY, respectMaintenanceWindows: false },
      }),
    );
    expect(off.ok).toBe(true);
  });

  it('holds an emergency release to freezes but not to maintenance windows, and says so', () => {
    const maintenance = { 'e-prod': [{ label: 'Weekdays', recurrence: weekdays }] };
    const normal = baseInput({ maintenance });
    const emergency = checkSchedule({ ...normal, release: { ...normal.release, emergency: true } });
    expect(emergency.problems.filter((x) => x.rule === 'schedule.maintenance')).toEqual([]);
    expect(emergency.gates.find((g) => g.rule === 'schedule.maintenance')).toMatchObject({ passed: true, why: expect.stringContaining('emergency') });
    const frozen = checkSchedule({
      ...normal,
      release: { ...normal.release, emergency: true },
      freezes: [freeze({ environmentIds: ['e-prod'] })],
    });
    expect(frozen.problems.map((x) => x.rule)).toContain('schedule.freeze');
  });

  it('refuses a freeze (never acknowledgeable) unless an override lifts it for that environment', () => {
    const c = checkSchedule(baseInput({ freezes: [freeze({ environmentIds: ['e-prod'] })] }));
    const p = c.problems.find((x) => x.rule === 'schedule.freeze');
    expect(p?.message).toContain('Year-end freeze');
    expect(p?.message).toContain('production');
    expect(p?.acknowledgeable).toBe(false);
    expect(c.ok).toBe(false);
    const lifted = checkSchedule(baseInput({ freezes: [freeze({ environmentIds: ['e-prod'] })], overrides: [{ freezeId: 'f1', environmentId: 'e-prod' }] }));
    expect(lifted.ok).toBe(true);
    const otherEnv = checkSchedule(baseInput({ freezes: [freeze({ environmentIds: ['e-prod'] })], overrides: [{ freezeId: 'f1', environmentId: 'e-stg' }] }));
    expect(otherEnv.ok).toBe(false);
  });

  it('keeps production after staging', () => {
    const c = checkSchedule(
      baseInput({}, [win(STAGING, '2026-12-04T10:00:00Z', '2026-12-04T12:00:00Z'), win(PROD, '2026-12-03T20:00:00Z', '2026-12-03T22:00:00Z')]),
    );
    const p = c.problems.find((x) => x.rule === 'schedule.promotion');
    expect(p?.message).toContain("production's window must start after staging's window ends (staging ends 4 Dec 12:00 Europe/London");
    expect(p?.environment).toBe('production');
    const off = checkSchedule({
      ...baseInput({}, [win(STAGING, '2026-12-04T10:00:00Z', '2026-12-04T12:00:00Z'), win(PROD, '2026-12-03T20:00:00Z', '2026-12-03T22:00:00Z')]),
      policy: { ...DEFAULT_SCHEDULE_POLICY, productionRequiresStagingSuccess: false },
    });
    expect(off.ok).toBe(true);
  });

  it('names the other release and its times for an environment conflict, not acknowledgeable by default', () => {
    const c = checkSchedule(baseInput({ others: [other()] }));
    const p = c.problems.find((x) => x.rule === 'conflict.environment');
    expect(p?.message).toBe('production 3 Dec 20:00–22:00 overlaps REL-14 on production (3 Dec 21:00–23:00 Europe/London).');
    expect(p).toMatchObject({ otherReleaseKey: 'REL-14', acknowledgeable: false, acknowledged: false });
    const allowed = checkSchedule(
      baseInput({
        others: [other()],
        policy: { ...DEFAULT_SCHEDULE_POLICY, acknowledgeable: ['environment'] },
        acknowledgements: [{ otherReleaseId: 'r14', kind: 'environment', environmentId: 'e-prod', componentId: null }],
      }),
    );
    expect(allowed.ok).toBe(true);
    expect(allowed.problems[0]?.acknowledged).toBe(true);
    // an acknowledgement the policy no longer allows does not count
    const disallowed = checkSchedule(
      baseInput({ others: [other()], acknowledgements: [{ otherReleaseId: 'r14', kind: 'environment', environmentId: 'e-prod', componentId: null }] }),
    );
    expect(disallowed.ok).toBe(false);
  });

  it('finds a shared component in another environment and the same owner double-booked', () => {
    const o = other({
      ownerId: 'u-priya',
      ownerName: 'Priya Shah',
      componentIds: ['c-billing'],
      windows: [{ environmentId: 'e-other', environmentName: 'uat', start: at('2026-12-02T11:00:00Z'), end: at('2026-12-02T13:30:00Z') }],
    });
    const c = checkSchedule(baseInput({ others: [o] }));
    const comp = c.problems.find((x) => x.rule === 'conflict.component');
    expect(comp?.message).toContain('billing-api is also deployed by REL-14 in uat 2 Dec 11:00–13:30 Europe/London');
    expect(comp?.acknowledgeable).toBe(true);
    const owner = c.problems.find((x) => x.rule === 'conflict.owner');
    expect(owner?.message).toContain('Priya Shah also owns REL-14 scheduled 2 Dec 11:00–13:30');
    expect(c.problems.some((x) => x.rule === 'conflict.environment')).toBe(false);
    const acked = checkSchedule(
      baseInput({
        others: [o],
        acknowledgements: [
          { otherReleaseId: 'r14', kind: 'component', environmentId: null, componentId: 'c-billing' },
          { otherReleaseId: 'r14', kind: 'owner', environmentId: null, componentId: null },
        ],
      }),
    );
    expect(acked.ok).toBe(true);
    expect(scheduleFacts(acked)).toEqual({ ok: true, problems: [], remedies: [] });
  });

  it('ignores releases that are not committed to their windows', () => {
    for (const status of ['draft', 'submitted', 'cancelled', 'closed', 'deployed']) {
      expect(checkSchedule(baseInput({ others: [other({ status })] })).ok).toBe(true);
    }
    for (const status of ['approved', 'scheduled', 'deploying']) {
      expect(checkSchedule(baseInput({ others: [other({ status })] })).ok).toBe(false);
    }
  });

  it('feeds the approved → scheduled gate', () => {
    const facts: ReleaseFacts = {
      status: 'approved',
      type: 'normal',
      package: {
        hasPackage: true,
        itemCount: 1,
        sealed: true,
        sealedDigest: 'a'.repeat(64),
        integrity: { ok: true, problems: [] },
        compatibility: { ok: true, problems: [] },
      },
      risks: { riskCount: 0, openRisks: 0, noKnownRisks: true, assessed: true },
      plan: { taskCount: 0, tasksWithoutOwner: [] },
    };
    const bad = evaluateTransition({ ...facts, schedule: scheduleFacts(checkSchedule(baseInput({ others: [other()] }))) }, 'scheduled', { transition: true });
    expect(bad.allowed).toBe(false);
    expect(bad.gates.find((g) => g.rule === 'schedule.window')?.why).toContain('REL-14');
    const good = evaluateTransition({ ...facts, schedule: scheduleFacts(checkSchedule(baseInput())) }, 'scheduled', { transition: true });
    expect(good.allowed).toBe(true);
  });
});

// ---------------------------------------------------------------- properties

/** small integer intervals, in hours from a base instant */
const BASE = Date.UTC(2026, 11, 1);
const arbInterval = fc
  .tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 1, max: 8 }))
  .map(([s, d]) => ({ start: new Date(BASE + s * H), end: new Date(BASE + (s + d) * H) }));
const ENVS = [STAGING, PROD, { environmentId: 'e-uat', environmentName: 'uat', tier: 'test', position: 1 }];
const COMPS = ['c-billing', 'c-web', 'c-auth'];

const arbOther = fc.record({
  n: fc.integer({ min: 1, max: 99 }),
  owner: fc.constantFrom('u-priya', 'u-sam'),
  status: fc.constantFrom('approved', 'scheduled', 'deploying', 'draft'),
  components: fc.subarray(COMPS),
  windows: fc.array(fc.tuple(fc.constantFrom(...ENVS), arbInterval), { maxLength: 3 }),
});

const arbInput = fc
  .record({
    components: fc.subarray(COMPS),
    mine: fc.array(fc.tuple(fc.constantFrom(...ENVS), arbInterval), { minLength: 1, maxLength: 3 }),
    others: fc.array(arbOther, { maxLength: 4 }),
  })
  .map(({ components, mine, others }) => {
    const seenEnv = new Set<string>();
    const windows = mine.filter(([e]) => !seenEnv.has(e.environmentId) && seenEnv.add(e.environmentId)).map(([e, i]) => ({ ...e, ...i }));
    const input = baseInput({
      timezone: 'UTC',
      others: others.map((o, i) => ({
        id: `o${i}`,
        key: releaseKey(100 + i),
        ownerId: o.owner,
        ownerName: o.owner,
        status: o.status,
        componentIds: o.components,
        windows: o.windows.map(([e, w]) => ({ environmentId: e.environmentId, environmentName: e.environmentName, ...w })),
      })),
    });
    return { ...input, release: { ...input.release, componentIds: components, windows } };
  });

/** brute force: sample every hour; two windows overlap when some sampled hour (or half hour) is inside both */
function bruteOverlap(a: { start: Date; end: Date }, b: { start: Date; end: Date }): boolean {
  for (let t = BASE; t < BASE + 60 * H; t += H / 2) {
    if (t >= a.start.getTime() && t < a.end.getTime() && t >= b.start.getTime() && t < b.end.getTime()) return true;
  }
  return false;
}

function bruteConflicts(input: ScheduleInput): Set<string> {
  const out = new Set<string>();
  for (const o of input.others) {
    if (!['approved', 'scheduled', 'deploying'].includes(o.status)) continue;
    for (const w of input.release.windows) {
      const mw = { start: w.start!, end: w.end! };
      for (const t of o.windows) {
        if (!bruteOverlap(mw, t)) continue;
        if (t.environmentId === w.environmentId) out.add(`environment|${o.key}|${w.environmentName}`);
        for (const c of input.release.componentIds) if (o.componentIds.includes(c)) out.add(`component|${o.key}|${w.environmentName}|${c}`);
        if (o.ownerId === input.release.ownerId) out.add(`owner|${o.key}|${w.environmentName}`);
      }
    }
  }
  return out;
}

describe('conflict detection (properties)', () => {
  it('overlap is symmetric and agrees with sampling', () => {
    fc.assert(
      fc.property(arbInterval, arbInterval, (a, b) => {
        expect(overlaps(a, b)).toBe(overlaps(b, a));
        expect(overlaps(a, b)).toBe(bruteOverlap(a, b));
      }),
    );
  });

  it('finds exactly the conflicts a brute-force reference finds', () => {
    fc.assert(
      fc.property(arbInput, (input) => {
        const found = new Set(
          findConflicts(input).map((p) =>
            p.rule === 'conflict.component'
              ? `component|${p.otherReleaseKey}|${p.environment}|${p.componentId}`
              : `${p.kind}|${p.otherReleaseKey}|${p.environment}`,
          ),
        );
        expect([...found].sort()).toEqual([...bruteConflicts(input)].sort());
      }),
      { numRuns: 300 },
    );
  });

  it('an environment conflict is seen from both sides', () => {
    fc.assert(
      fc.property(arbInterval, arbInterval, (a, b) => {
        const mine = baseInput({ timezone: 'UTC', others: [other({ windows: [{ environmentId: 'e-prod', environmentName: 'production', ...b }] })] }, [
          { ...PROD, ...a },
        ]);
        const theirs = baseInput(
          { timezone: 'UTC', others: [other({ id: 'r1', key: 'REL-10', windows: [{ environmentId: 'e-prod', environmentName: 'production', ...a }] })] },
          [{ ...PROD, ...b }],
        );
        const x = findConflicts(mine).some((p) => p.rule === 'conflict.environment');
        const y = findConflicts({ ...theirs, release: { ...theirs.release, id: 'r14', key: 'REL-14' } }).some((p) => p.rule === 'conflict.environment');
        expect(x).toBe(y);
      }),
    );
  });
});

describe('nextFreeSlots', () => {
  const from = at('2026-12-01T00:00:00Z');

  it('offers maintenance window starts, skipping a freeze and a conflicting release', () => {
    const input = baseInput(
      {
        maintenance: { 'e-prod': [{ label: 'Weekdays', recurrence: weekdays }] },
        freezes: [freeze({ environmentIds: ['e-prod'] })], // all of Thursday 3 Dec
        others: [
          other({ windows: [{ environmentId: 'e-prod', environmentName: 'production', start: at('2026-12-02T09:00:00Z'), end: at('2026-12-02T12:00:00Z') }] }),
        ],
      },
      [win(PROD, null, null)],
    );
    const slots = nextFreeSlots(input, 'e-prod', 120, from, 90, 3);
    expect(slots.map((s) => s.start.toISOString())).toEqual(['2026-12-01T09:00:00.000Z', '2026-12-02T12:00:00.000Z', '2026-12-08T09:00:00.000Z']);
    for (const s of slots) expect(openProblemsFor(checkSchedule(withWindow(input, 'e-prod', s)), 'e-prod')).toEqual([]);
  });

  it('uses a 30-minute grid when the environment has no maintenance windows, after staging for production', () => {
    const input = baseInput({}, [win(STAGING, '2026-12-01T10:10:00Z', '2026-12-01T11:10:00Z'), win(PROD, null, null)]);
    const slots = nextFreeSlots(input, 'e-prod', 60, from, 90, 2);
    expect(slots[0]?.start.toISOString()).toBe('2026-12-01T11:10:00.000Z');
    expect(slots[1]?.start.toISOString()).toBe('2026-12-01T12:30:00.000Z');
  });

  it('returns nothing for an unknown environment or a silly duration', () => {
    expect(nextFreeSlots(baseInput(), 'nope', 60, from)).toEqual([]);
    expect(nextFreeSlots(baseInput(), 'e-prod', 0, from)).toEqual([]);
  });

  it('every slot it returns passes every check for that environment', () => {
    const arbFreeze = fc.record({
      s: fc.integer({ min: 0, max: 60 }),
      d: fc.integer({ min: 1, max: 24 }),
      env: fc.constantFrom<string[]>([], ['e-prod'], ['e-stg']),
    });
    fc.assert(
      fc.property(arbInput, fc.array(arbFreeze, { maxLength: 3 }), fc.integer({ min: 15, max: 600 }), fc.boolean(), (input, fz, minutes, maint) => {
        const withStuff: ScheduleInput = {
          ...input,
          freezes: fz.map((f, i) =>
            freeze({
              id: `f${i}`,
              environmentIds: f.env,
              recurrence: { kind: 'one_off', startsAt: new Date(BASE + f.s * H), endsAt: new Date(BASE + (f.s + f.d) * H) },
            }),
          ),
          maintenance: maint ? { 'e-prod': [{ label: 'Weekdays', recurrence: weekdays }] } : {},
        };
        for (const w of withStuff.release.windows) {
          const slots = nextFreeSlots(withStuff, w.environmentId, minutes, new Date(BASE), 10, 3);
          for (const s of slots) {
            expect(s.end.getTime() - s.start.getTime()).toBe(minutes * 60_000);
            expect(s.start.getTime()).toBeGreaterThanOrEqual(BASE);
            expect(openProblemsFor(checkSchedule(withWindow(withStuff, w.environmentId, s)), w.environmentId)).toEqual([]);
          }
        }
      }),
      { numRuns: 60 },
    );
  });

  // how long it takes: npm run bench
  it('finds slots over 90 days without maintenance windows', () => {
    const many = Array.from({ length: 200 }, (_, i) =>
      other({
        id: `o${i}`,
        key: releaseKey(200 + i),
        windows: [{ environmentId: 'e-prod', environmentName: 'production', start: new Date(BASE + i * 10 * H), end: new Date(BASE + (i * 10 + 9) * H) }],
      }),
    );
    const slots = nextFreeSlots(baseInput({ others: many }, [win(PROD, null, null)]), 'e-prod', 120, new Date(BASE), 90, 5);
    expect(slots).toHaveLength(5);
  });
});
