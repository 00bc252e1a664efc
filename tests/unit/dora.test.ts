import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  approvalWaitMs,
  compare,
  computeDora,
  DAY_MS,
  DORA_DEFINITIONS,
  DORA_KEYS,
  leadTimeDistribution,
  median,
  percentile,
  previousPeriod,
  resolvePeriod,
  weeklyTrend,
  type DoraDeployment,
  type DoraRelease,
} from '@/lib/domain/dora';

const H = 3_600_000;
const from = new Date('2026-03-02T00:00:00Z');
const to = new Date('2026-03-16T00:00:00Z'); // two weeks
const at = (ms: number) => new Date(from.getTime() + ms);

const rel = (o: Partial<DoraRelease> & { id: string }): DoraRelease => ({
  key: o.id.toUpperCase(),
  firstChangeAt: null,
  reviewOutcome: null,
  approvalWaitMs: null,
  windows: {},
  ...o,
});
const dep = (o: Partial<DoraDeployment> & { id: string; releaseId: string }): DoraDeployment => ({
  environmentId: 'prod',
  kind: 'deploy',
  status: 'succeeded',
  startedAt: null,
  finishedAt: null,
  ...o,
});

describe('median and percentile', () => {
  it('interpolates between ranks', () => {
    expect(median([])).toBeNull();
    expect(median([5])).toBe(5);
    expect(median([1, 3])).toBe(2);
    expect(median([9, 1, 5])).toBe(5);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBeCloseTo(9.1);
  });
  it('lies between the smallest and the largest value', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1e9 }), { minLength: 1 }), fc.integer({ min: 0, max: 100 }), (xs, p) => {
        const v = percentile(xs, p)!;
        return v >= Math.min(...xs) && v <= Math.max(...xs);
      }),
    );
  });
});

describe('computeDora', () => {
  // r1: built 2 days before, deployed in its window at day 1 (succeeded); waited 5 h for approval
  // r2: failed at day 3 + 1 h, retried successfully 2 h later, review says failed (counts once more: the retry)
  // r3: succeeded at day 5, backed out 30 min later
  // r4: succeeded before the period (not counted); r5 succeeded in staging (another environment id, not passed)
  const releases = [
    rel({ id: 'r1', firstChangeAt: at(-DAY_MS), approvalWaitMs: 5 * H, windows: { prod: { start: at(DAY_MS - H), end: at(DAY_MS + H) } } }),
    rel({
      id: 'r2',
      firstChangeAt: at(0),
      approvalWaitMs: 1 * H,
      reviewOutcome: 'failed',
      windows: { prod: { start: at(3 * DAY_MS), end: at(3 * DAY_MS + 2 * H) } },
    }),
    rel({ id: 'r3', firstChangeAt: at(4 * DAY_MS), approvalWaitMs: 3 * H }),
    rel({ id: 'r4', firstChangeAt: at(-9 * DAY_MS) }),
  ];
  const deployments = [
    dep({ id: 'd1', releaseId: 'r1', startedAt: at(DAY_MS - 30 * 60_000), finishedAt: at(DAY_MS) }),
    dep({ id: 'd2', releaseId: 'r2', status: 'failed', startedAt: at(3 * DAY_MS), finishedAt: at(3 * DAY_MS + H) }),
    dep({ id: 'd3', releaseId: 'r2', startedAt: at(3 * DAY_MS + 2 * H), finishedAt: at(3 * DAY_MS + 3 * H) }),
    dep({ id: 'd4', releaseId: 'r3', startedAt: at(5 * DAY_MS - H), finishedAt: at(5 * DAY_MS) }),
    dep({ id: 'd5', releaseId: 'r3', kind: 'backout', startedAt: at(5 * DAY_MS + 10 * 60_000), finishedAt: at(5 * DAY_MS + 30 * 60_000) }),
    dep({ id: 'd6', releaseId: 'r4', startedAt: at(-DAY_MS), finishedAt: at(-DAY_MS + H) }),
    dep({ id: 'd7', releaseId: 'r2', status: 'in_progress', startedAt: at(6 * DAY_MS) }),
  ];
  const result = computeDora({ from, to, deployments, releases });

  it('counts successful deployments that finished in the period, per week', () => {
    expect(result.deployments).toBe(3); // d1, d3, d4
    expect(result.weeks).toBe(2);
    expect(result.deploymentFrequency).toBe(1.5);
  });

  it('measures lead time from the first build to the deployment’s finish', () => {
    // d1: 2 days; d3: 3 d 3 h; d4: 1 day
    expect(result.rows.map((r) => r.leadTimeMs)).toEqual([2 * DAY_MS, 3 * DAY_MS + 3 * H, DAY_MS]);
    expect(result.leadTimeMedianMs).toBe(2 * DAY_MS);
  });

  it('counts failed, backed-out and review-failed deployments as failures, with their restores', () => {
    expect(result.finished).toBe(4); // d1, d2, d3, d4
    expect(result.failureRows.map((f) => [f.deploymentId, f.reason, f.restoreMs])).toEqual([
      ['d2', 'failed', 2 * H], // restored by d3
      ['d3', 'review_failed', null], // nothing succeeded after it
      ['d4', 'backed_out', 30 * 60_000], // restored by the back-out d5
    ]);
    expect(result.failures).toBe(3);
    expect(result.changeFailureRate).toBe(0.75);
    expect(result.restored).toBe(2);
    expect(result.notRestored).toBe(1);
    expect(result.timeToRestoreMedianMs).toBe((2 * H + 30 * 60_000) / 2);
  });

  it('takes the approval wait once per release and judges windows', () => {
    expect(result.approvalWaitCount).toBe(3);
    expect(result.approvalWaitMedianMs).toBe(3 * H);
    // d1 inside its window; d3 started after the start but finished an hour after the end; d4 has no window
    expect(result.rows.map((r) => r.keptToWindow)).toEqual([true, false, null]);
    expect(result.withWindow).toBe(2);
    expect(result.scheduleAdherence).toBe(0.5);
  });

  it('gives nulls, not zeros, where there is nothing to measure', () => {
    const empty = computeDora({ from, to, deployments: [], releases: [] });
    expect(empty.deployments).toBe(0);
    expect(empty.changeFailureRate).toBeNull();
    expect(empty.leadTimeMedianMs).toBeNull();
    expect(empty.scheduleAdherence).toBeNull();
  });

  it('splits the period into weeks whose counts add up', () => {
    const weeks = weeklyTrend({ from, to, deployments, releases });
    expect(weeks.map((w) => w.week)).toEqual(['2026-03-02', '2026-03-09']);
    expect(weeks.reduce((n, w) => n + w.deployments, 0)).toBe(result.deployments);
    expect(weeks[0]!.changeFailureRate).toBe(75);
  });
});

describe('approvalWaitMs', () => {
  it('adds up every stretch in submitted, an open one up to now', () => {
    const x = (from: string, to: string, h: number) => ({ from, to, at: new Date(from === 'x' ? 0 : h * H) });
    expect(approvalWaitMs([], new Date(0))).toBeNull();
    expect(
      approvalWaitMs([x('draft', 'submitted', 0), x('submitted', 'draft', 2), x('draft', 'submitted', 3), x('submitted', 'approved', 4)], new Date(99 * H)),
    ).toBe(3 * H);
    expect(approvalWaitMs([x('draft', 'submitted', 1)], new Date(5 * H))).toBe(4 * H);
  });
});

describe('leadTimeDistribution', () => {
  it('puts each value in exactly one bucket', () => {
    const d = leadTimeDistribution([0, DAY_MS - 1, DAY_MS, 5 * DAY_MS, 40 * DAY_MS]);
    expect(d.map((b) => b.deployments)).toEqual([2, 1, 1, 0, 0, 1]);
  });
});

describe('compare', () => {
  it('says up or down, by how much and whether that is better', () => {
    expect(compare('deploymentFrequency', 3, 2).text).toBe('Up 1 per week from 2 per week in the previous period: better.');
    expect(compare('leadTime', 2 * H, 3 * H)).toMatchObject({ direction: 'down', verdict: 'better' });
    expect(compare('changeFailureRate', 0.25, 0.1)).toMatchObject({ direction: 'up', verdict: 'worse', text: expect.stringContaining('15 percentage points') });
    expect(compare('scheduleAdherence', 0.5, 0.5).verdict).toBe('unchanged');
    expect(compare('timeToRestore', H, null).verdict).toBe('unknown');
  });
  it('has a definition for every key', () => {
    for (const k of DORA_KEYS) expect(DORA_DEFINITIONS[k].definition.length).toBeGreaterThan(40);
  });
});

describe('periods', () => {
  const now = new Date('2026-12-06T10:30:00Z');
  it('defaults to the last 12 weeks including today', () => {
    const p = resolvePeriod({}, now);
    expect(p.to.toISOString()).toBe('2026-12-07T00:00:00.000Z');
    expect(p.days).toBe(84);
    expect(previousPeriod(p).to).toEqual(p.from);
    expect(previousPeriod(p).from.toISOString()).toBe(new Date(p.from.getTime() - 84 * DAY_MS).toISOString());
  });
  it('takes dates (the last one included), turns a reversed period round and caps its length', () => {
    expect(resolvePeriod({ from: '2026-11-01', to: '2026-11-07' }, now).days).toBe(7);
    expect(resolvePeriod({ from: '2026-11-07', to: '2026-11-01' }, now).from.toISOString()).toBe('2026-11-01T00:00:00.000Z');
    expect(resolvePeriod({ from: '2020-01-01', to: '2026-11-01' }, now).days).toBe(366);
    expect(resolvePeriod({ weeks: 4 }, now).days).toBe(28);
  });
});
