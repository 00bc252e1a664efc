import { describe, expect, it } from 'vitest';
import { evaluateDeploymentGate, type DeploymentGateFacts } from '@/lib/domain/deployment-gate';
import {
  countdownWords,
  deploymentStance,
  lastSuccessByEnvironment,
  opensAhead,
  splitGates,
  transitionStance,
  waitsOnOthers,
  type DeploymentStanceInput,
} from '@/lib/domain/gate-view';
import { deployWindowAdvice, evaluateTransition, scheduleAdvice, type ReleaseFacts } from '@/lib/domain/lifecycle';
import { checkSchedule, DEFAULT_SCHEDULE_POLICY, nextFreeSlots, scheduleFacts, type ScheduleInput } from '@/lib/domain/scheduling';
import type { GateResult } from '@/lib/domain/result';

// Decision 051: red only for what blocks this person's next step, a succeeded environment
// says so, advice names only remedies that apply, and the slot finder offers the rest of an
// open window.

const met = (rule: string): GateResult => ({ rule, passed: true, why: `${rule} met.` });
const unmet = (rule: string): GateResult => ({ rule, passed: false, why: `${rule} not met.`, fix: `Fix ${rule}.` });

describe('transitionStance', () => {
  const submit = { to: 'submitted', allowed: false, gates: [met('lifecycle.from_state'), met('actor.permission'), unmet('package.sealed')] };

  it('is red (blocked) only for a step the person can take', () => {
    expect(transitionStance(submit, true)).toBe('blocked');
    expect(transitionStance(submit, false)).toBe('observed');
    expect(transitionStance({ ...submit, gates: [met('lifecycle.from_state'), unmet('actor.manages'), unmet('package.sealed')] }, true)).toBe('observed');
    expect(transitionStance({ ...submit, allowed: true, gates: [met('package.sealed')] }, true)).toBe('ready');
  });

  it('waits, not blocks, on approvers and on a window still ahead', () => {
    expect(transitionStance({ to: 'approved', allowed: false, gates: [met('actor.permission'), unmet('approvals.quorum')] }, true)).toBe('waiting');
    expect(transitionStance({ to: 'rejected', allowed: false, gates: [met('actor.permission'), unmet('approvals.rejection')] }, true)).toBe('waiting');
    const deploying = { to: 'deploying', allowed: false, gates: [met('actor.permission'), unmet('deploy.window')] };
    expect(transitionStance(deploying, true, new Date('2026-12-07T20:00:00Z'))).toBe('waiting');
    // no window ahead (a freeze, or a window that has passed): it blocks
    expect(transitionStance(deploying, true, null)).toBe('blocked');
    expect(waitsOnOthers('approvals.quorum.cab')).toBe(true);
    expect(waitsOnOthers('approvals.sod')).toBe(false);
  });

  it('keeps a draft submit with real lifecycle gates red for its manager and grey for a viewer', () => {
    const facts: ReleaseFacts = { status: 'draft', type: 'normal', package: null, risks: null, plan: null };
    const e = evaluateTransition(facts, 'submitted', { transition: true });
    expect(transitionStance(e, true)).toBe('blocked');
    const seen = evaluateTransition(facts, 'submitted', { transition: false });
    expect(transitionStance(seen, false)).toBe('observed');
  });
});

describe('deploymentStance', () => {
  const scheduled: DeploymentGateFacts = {
    releaseStatus: 'scheduled',
    environment: { name: 'production', position: 2, tier: 'production' },
    window: { ok: true, problems: [] },
    integrity: { ok: true, problems: [] },
    promotion: { earlierEnvironments: [{ name: 'staging', succeeded: true }] },
  };
  const input = (f: DeploymentGateFacts, over: Partial<DeploymentStanceInput> = {}): DeploymentStanceInput => ({
    ...evaluateDeploymentGate(f),
    deployedAt: null,
    canRecord: true,
    windowOpensAt: null,
    ...over,
  });

  it('says an environment that succeeded is deployed, instead of "not met"', () => {
    // after the release moved on, its gate fails on the status: the success is what counts
    const deployed = input({ ...scheduled, releaseStatus: 'deployed' }, { deployedAt: '2026-12-05T21:00:00.000Z' });
    expect(deployed.allowed).toBe(false);
    expect(deploymentStance(deployed)).toBe('deployed');
    // a deployment still open there: not settled yet
    const open = input({ ...scheduled, releaseStatus: 'deploying', alreadyRunning: true }, { deployedAt: '2026-12-05T21:00:00.000Z' });
    expect(deploymentStance(open)).toBe('blocked');
  });

  it('puts a draft\'s deployment checks "later", never red', () => {
    for (const status of ['draft', 'submitted', 'approved', 'rejected']) {
      const d = input({ ...scheduled, releaseStatus: status, window: { ok: false, problems: ['production has no scheduled window'] } });
      expect(d.gates.filter((g) => !g.passed).length).toBeGreaterThan(1);
      expect(deploymentStance(d)).toBe('later');
    }
  });

  it('puts production "later" while staging comes first, and waits for a window still ahead', () => {
    expect(deploymentStance(input({ ...scheduled, promotion: { earlierEnvironments: [{ name: 'staging', succeeded: false }] } }))).toBe('later');
    const outside = { ...scheduled, window: { ok: false, problems: ["Now is outside production's scheduled window (7 Dec 20:00–22:00 UTC)"] } };
    expect(deploymentStance(input(outside, { windowOpensAt: new Date('2026-12-07T20:00:00Z') }))).toBe('waiting');
    expect(deploymentStance(input(outside))).toBe('blocked');
    expect(deploymentStance(input(outside, { canRecord: false }))).toBe('observed');
    expect(deploymentStance(input(scheduled))).toBe('ready');
  });

  it('finds the latest success of the current digest per environment', () => {
    const d = (environment: string, finishedAt: string | null, over: Record<string, string> = {}) => ({
      environment,
      kind: 'deploy',
      status: 'succeeded',
      packageDigest: 'abc',
      finishedAt,
      ...over,
    });
    const m = lastSuccessByEnvironment(
      [
        d('staging', '2026-12-01T10:00:00Z'),
        d('staging', '2026-12-02T10:00:00Z'),
        d('production', '2026-12-03T10:00:00Z', { packageDigest: 'old' }),
        d('production', '2026-12-04T10:00:00Z', { status: 'failed' }),
        d('production', '2026-12-04T11:00:00Z', { kind: 'backout' }),
      ],
      'abc',
    );
    expect([...m]).toEqual([['staging', '2026-12-02T10:00:00Z']]);
    expect(lastSuccessByEnvironment([d('staging', '2026-12-01T10:00:00Z')], null).size).toBe(0);
  });

  it('splits unmet from passed gates, keeping their order', () => {
    const { unmet: u, passed: p } = splitGates([met('a'), unmet('b'), met('c'), unmet('d')]);
    expect(u.map((g) => g.rule)).toEqual(['b', 'd']);
    expect(p.map((g) => g.rule)).toEqual(['a', 'c']);
  });
});

describe('countdown words', () => {
  it('is minute-grained and says "now" once reached', () => {
    const MIN = 60_000;
    expect(countdownWords(0)).toBe('now');
    expect(countdownWords(-5)).toBe('now');
    expect(countdownWords(30_000)).toBe('less than a minute');
    expect(countdownWords(14 * MIN)).toBe('14 min');
    expect(countdownWords(14 * MIN - 1_000)).toBe('14 min');
    expect(countdownWords(2 * 60 * MIN + 14 * MIN)).toBe('2 h 14 min');
    expect(countdownWords(3 * 60 * MIN)).toBe('3 h');
    expect(countdownWords(2 * 1440 * MIN + 3 * 60 * MIN)).toBe('2 days 3 h');
    expect(countdownWords(1440 * MIN)).toBe('1 day');
  });

  it('knows whether a window is still ahead', () => {
    const now = new Date('2026-12-06T10:00:00Z');
    expect(opensAhead('2026-12-06T12:00:00Z', now)?.toISOString()).toBe('2026-12-06T12:00:00.000Z');
    expect(opensAhead('2026-12-06T09:00:00Z', now)).toBeNull();
    expect(opensAhead(null, now)).toBeNull();
    expect(opensAhead('not a date', now)).toBeNull();
  });
});

describe('advice names only remedies that apply', () => {
  const scheduled: DeploymentGateFacts = {
    releaseStatus: 'scheduled',
    environment: { name: 'production', position: 2, tier: 'production' },
    window: { ok: true, problems: [] },
    integrity: { ok: true, problems: [] },
    promotion: { earlierEnvironments: [] },
  };
  const fixOf = (f: DeploymentGateFacts, rule: string) => evaluateDeploymentGate(f).gates.find((g) => g.rule === rule)!.fix;

  it('deployment gate: no "submit" for a submitted release, no "wait" for a window that does not exist', () => {
    expect(fixOf({ ...scheduled, releaseStatus: 'draft' }, 'deploy.status')).toMatch(/^Submit it for approval/);
    expect(fixOf({ ...scheduled, releaseStatus: 'submitted' }, 'deploy.status')).not.toMatch(/submit/i);
    expect(fixOf({ ...scheduled, releaseStatus: 'rejected' }, 'deploy.status')).toMatch(/return it to draft/i);
    expect(fixOf({ ...scheduled, window: { ok: false, problems: ['production has no scheduled window'] } }, 'deploy.window')).toBe(
      'Give production a window in the Schedule section.',
    );
    expect(fixOf({ ...scheduled, window: { ok: false, problems: ["Now is outside production's scheduled window (x)"] } }, 'deploy.window')).toMatch(
      /^Wait for the scheduled window/,
    );
    expect(fixOf({ ...scheduled, window: { ok: false, problems: ["Now is outside production's maintenance windows"] } }, 'deploy.window')).toMatch(
      /maintenance window/,
    );
  });

  it('lifecycle deploy window: a freeze override only when a freeze applies', () => {
    expect(deployWindowAdvice({ ok: false, problems: ["Now is outside production's scheduled window (x)"] })).not.toMatch(/override/);
    expect(deployWindowAdvice({ ok: false, problems: ['Year-end freeze (20 Dec – 2 Jan) covers production'] })).toMatch(/freeze override/);
    expect(deployWindowAdvice({ ok: false, problems: ['Year-end freeze (20 Dec – 2 Jan) covers production'] })).not.toMatch(/approved window/);
    expect(deployWindowAdvice({ ok: false, problems: ['package integrity: the digest differs'] })).toMatch(/re-seal/);
    expect(deployWindowAdvice({ ok: false, problems: ['package integrity: the digest differs'] })).not.toMatch(/override/);
  });

  it('schedule gate: override and acknowledging only where a problem allows them', () => {
    expect(scheduleAdvice({ ok: false, problems: ['x'], remedies: [] })).toBe(
      'In the Schedule section: move the window (a suggested free slot passes every check).',
    );
    expect(scheduleAdvice({ ok: false, problems: ['x'], remedies: ['freeze_override'] })).toMatch(/freeze override/);
    expect(scheduleAdvice({ ok: false, problems: ['x'], remedies: ['freeze_override'] })).not.toMatch(/acknowledge/);
    expect(scheduleAdvice({ ok: false, problems: ['x'], remedies: ['acknowledge'] })).toMatch(/acknowledge the conflict/);
  });

  const prod = { environmentId: 'e-prod', environmentName: 'production', tier: 'production', position: 3 };
  const input = (over: Partial<ScheduleInput> = {}): ScheduleInput => ({
    release: {
      id: 'r1',
      key: 'REL-10',
      ownerId: 'u1',
      ownerName: 'Priya',
      componentIds: ['c1'],
      windows: [{ ...prod, start: new Date('2026-12-08T10:00:00Z'), end: new Date('2026-12-08T12:00:00Z') }],
    },
    maintenance: {},
    freezes: [],
    overrides: [],
    others: [
      {
        id: 'r2',
        key: 'REL-11',
        ownerId: 'u2',
        ownerName: 'Sam',
        status: 'scheduled',
        componentIds: ['c2'],
        windows: [{ environmentId: 'e-prod', environmentName: 'production', start: new Date('2026-12-08T11:00:00Z'), end: new Date('2026-12-08T13:00:00Z') }],
      },
    ],
    acknowledgements: [],
    policy: DEFAULT_SCHEDULE_POLICY,
    componentNames: {},
    timezone: 'UTC',
    ...over,
  });

  it('scheduling conflicts: acknowledging is advised only when the policy allows that kind', () => {
    const allowed = checkSchedule(input({ policy: { ...DEFAULT_SCHEDULE_POLICY, acknowledgeable: ['environment'] } }));
    expect(allowed.gates.find((g) => g.rule === 'schedule.conflicts')!.fix).toMatch(/acknowledge the environment conflict/);
    expect(scheduleFacts(allowed).remedies).toEqual(['acknowledge']);
    const refused = checkSchedule(input({ policy: { ...DEFAULT_SCHEDULE_POLICY, acknowledgeable: [] } }));
    const fix = refused.gates.find((g) => g.rule === 'schedule.conflicts')!.fix!;
    expect(fix).toMatch(/^Move the window/);
    expect(fix).not.toMatch(/acknowledge the/);
    expect(scheduleFacts(refused).remedies).toEqual([]);
    // the lifecycle's schedule gate follows: no freeze override without a freeze
    const e = evaluateTransition({ status: 'approved', type: 'normal', schedule: scheduleFacts(refused) }, 'scheduled', { transition: true });
    expect(e.gates.find((g) => g.rule === 'schedule.window')!.fix).not.toMatch(/override|acknowledge/);
  });
});

describe('nextFreeSlots: the rest of an open window', () => {
  // Tue–Thu 09:00–17:00 UTC; Tuesday 1 Dec 2026, 13:10 is inside today's occurrence
  const maintenance = {
    'e-prod': [
      {
        label: 'Weekdays',
        recurrence: { kind: 'recurring' as const, rrule: 'FREQ=WEEKLY;BYDAY=TU,WE,TH;BYHOUR=9;BYMINUTE=0', durationMinutes: 480, timezone: 'UTC' },
      },
    ],
  };
  const input: ScheduleInput = {
    release: {
      id: 'r1',
      key: 'REL-10',
      ownerId: 'u1',
      ownerName: 'Priya',
      componentIds: ['c1'],
      windows: [{ environmentId: 'e-prod', environmentName: 'production', tier: 'production', position: 3, start: null, end: null }],
    },
    maintenance,
    freezes: [],
    overrides: [],
    others: [],
    acknowledgements: [],
    policy: DEFAULT_SCHEDULE_POLICY,
    componentNames: {},
    timezone: 'UTC',
  };
  const starts = (minutes: number, from: string) => nextFreeSlots(input, 'e-prod', minutes, new Date(from), 10, 2).map((s) => s.start.toISOString());

  it('offers the remaining part of the open window when the planned duration fits', () => {
    // from the next whole minute; the rest after that slot (15:11–17:00) is too short, so tomorrow
    expect(starts(120, '2026-12-01T13:10:30Z')).toEqual(['2026-12-01T13:11:00.000Z', '2026-12-02T09:00:00.000Z']);
    // exactly long enough: 17:00 − 4 h
    expect(starts(240, '2026-12-01T13:00:00Z')[0]).toBe('2026-12-01T13:00:00.000Z');
  });

  it('skips it when the rest is too short, offering the next occurrence', () => {
    expect(starts(240, '2026-12-01T13:10:00Z')[0]).toBe('2026-12-02T09:00:00.000Z');
  });
});
