import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeReleaseMetrics, formatDelta, formatDuration, type MetricsDeployment, type MetricsInput } from '@/lib/domain/release-metrics';

const H = 3_600_000;
const M = 60_000;
const t0 = Date.parse('2026-03-02T08:00:00Z');
const at = (ms: number) => new Date(t0 + ms);

const dep = (o: Partial<MetricsDeployment> & { id: string }): MetricsDeployment => ({
  environment: 'Production',
  production: true,
  kind: 'deploy',
  status: 'succeeded',
  startedAt: null,
  finishedAt: null,
  ...o,
});

const base = (o: Partial<MetricsInput> = {}): MetricsInput => ({
  buildTimes: [],
  plannedStart: null,
  plannedEnd: null,
  deployments: [],
  transitions: [],
  now: at(100 * H),
  ...o,
});

describe('formatDuration', () => {
  it('uses the largest sensible units', () => {
    expect(formatDuration(0)).toBe('0 s');
    expect(formatDuration(30_000)).toBe('30 s');
    expect(formatDuration(45 * M)).toBe('45 min');
    expect(formatDuration(3 * H + 12 * M)).toBe('3 h 12 min');
    expect(formatDuration(2 * H)).toBe('2 h');
    expect(formatDuration(51 * H)).toBe('2 d 3 h');
    expect(formatDuration(48 * H)).toBe('2 d');
    expect(formatDuration(-5 * M)).toBe('−5 min');
    expect(formatDuration(Number.NaN)).toBe('—');
  });

  it('never throws and always gives text (property)', () => {
    fc.assert(fc.property(fc.double({ noNaN: false }), (ms) => typeof formatDuration(ms) === 'string' && formatDuration(ms).length > 0));
  });

  it('formats deltas', () => {
    expect(formatDelta(10_000)).toBe('on time');
    expect(formatDelta(12 * M)).toBe('12 min late');
    expect(formatDelta(-5 * M)).toBe('5 min early');
  });
});

describe('computeReleaseMetrics', () => {
  it('measures lead time from the first build to the first successful production deployment', () => {
    const m = computeReleaseMetrics(
      base({
        buildTimes: [at(5 * H), at(0), null],
        deployments: [
          dep({ id: 'a', environment: 'Staging', production: false, startedAt: at(10 * H), finishedAt: at(10 * H + 20 * M) }),
          dep({ id: 'b', status: 'failed', startedAt: at(20 * H), finishedAt: at(20 * H + 5 * M) }),
          dep({ id: 'c', startedAt: at(24 * H), finishedAt: at(24 * H + 30 * M) }),
        ],
      }),
    );
    expect(m.leadTime.ms).toBe(24 * H + 30 * M);
    expect(m.leadTime.text).toBe('1 d 1 h');
    expect(m.failedDeployments).toBe(1);
    expect(m.deployments.map((d) => d.durationMs)).toEqual([20 * M, 5 * M, 30 * M]);
    expect(m.longestDeploymentMs).toBe(30 * M);
  });

  it('says why there is no lead time', () => {
    expect(computeReleaseMetrics(base()).leadTime).toMatchObject({ ms: null, text: 'No builds in the package yet.' });
    expect(computeReleaseMetrics(base({ buildTimes: [at(0)] })).leadTime.text).toMatch(/^Not in production yet/);
    const failed = dep({ id: 'p1', status: 'failed', startedAt: at(H), finishedAt: at(2 * H) });
    expect(computeReleaseMetrics(base({ buildTimes: [at(0)], deployments: [failed] })).leadTime.text).toMatch(
      /^Not in production: the production deployment failed/,
    );
    const backout = dep({ id: 'b1', kind: 'backout', startedAt: at(2 * H), finishedAt: at(3 * H) });
    const rolledBack = dep({ id: 'p1', status: 'rolled_back', startedAt: at(H), finishedAt: at(2 * H) });
    const m = computeReleaseMetrics(base({ buildTimes: [at(0)], deployments: [rolledBack, backout] }));
    expect(m.leadTime).toMatchObject({ ms: null, text: 'Never in production: the production deployment was backed out.' });
    // the replaced deployment counts as failed; the back-out itself does not
    expect(m).toMatchObject({ failedDeployments: 1, backouts: 1 });
  });

  it('compares the planned window with the actual one', () => {
    const m = computeReleaseMetrics(
      base({
        plannedStart: at(10 * H),
        plannedEnd: at(12 * H),
        deployments: [
          dep({ id: 'a', production: false, startedAt: at(10 * H + 15 * M), finishedAt: at(11 * H) }),
          dep({ id: 'b', startedAt: at(11 * H), finishedAt: at(12 * H + 30 * M) }),
        ],
      }),
    );
    expect(m.window.planned?.ms).toBe(2 * H);
    expect(m.window.actual?.ms).toBe(2 * H + 15 * M);
    expect(m.window.startDeltaMs).toBe(15 * M);
    expect(m.window.endDeltaMs).toBe(30 * M);
    expect(m.window.text).toContain('started 15 min late');
    expect(m.window.text).toContain('30 min after the window');
  });

  it('reports a running deployment without a duration', () => {
    const m = computeReleaseMetrics(
      base({ plannedStart: at(0), plannedEnd: at(H), deployments: [dep({ id: 'a', status: 'in_progress', startedAt: at(99 * H) })] }),
    );
    expect(m.deployments[0]).toMatchObject({ durationMs: null, text: 'running for 1 h' });
    expect(m.window.actual).toBeNull();
    expect(m.window.text).toMatch(/still deploying/);
  });

  it('sums every stretch spent waiting for approval, including an ongoing one', () => {
    const m = computeReleaseMetrics(
      base({
        transitions: [
          { from: 'draft', to: 'submitted', at: at(0) },
          { from: 'submitted', to: 'rejected', at: at(2 * H) },
          { from: 'rejected', to: 'draft', at: at(3 * H) },
          { from: 'draft', to: 'submitted', at: at(4 * H) },
          { from: 'submitted', to: 'approved', at: at(5 * H) },
        ],
      }),
    );
    expect(m.approvalWait).toMatchObject({ ms: 3 * H, rounds: 2, ongoing: false, text: '3 h over 2 submissions' });
    const waiting = computeReleaseMetrics(base({ transitions: [{ from: 'draft', to: 'submitted', at: at(98 * H) }] }));
    expect(waiting.approvalWait).toMatchObject({ ms: 2 * H, ongoing: true, text: '2 h so far (still waiting)' });
    expect(computeReleaseMetrics(base()).approvalWait).toMatchObject({ ms: null, text: 'Not submitted for approval yet.' });
  });

  it('counts back-outs', () => {
    const m = computeReleaseMetrics(
      base({ deployments: [dep({ id: 'a' }), dep({ id: 'b', kind: 'backout' }), dep({ id: 'c', kind: 'backout', status: 'failed' })] }),
    );
    expect(m.backouts).toBe(2);
    expect(m.failedDeployments).toBe(0);
  });

  it('never produces negative durations or lead times from arbitrary timestamps (property)', () => {
    const stamp = fc.option(
      fc.integer({ min: 0, max: 1000 * H }).map((n) => at(n)),
      { nil: null },
    );
    const d = fc.record({
      id: fc.uuid(),
      environment: fc.constant('E'),
      production: fc.boolean(),
      kind: fc.constantFrom('deploy' as const, 'backout' as const),
      status: fc.constantFrom('scheduled' as const, 'in_progress' as const, 'succeeded' as const, 'failed' as const, 'rolled_back' as const),
      startedAt: stamp,
      finishedAt: stamp,
    });
    fc.assert(
      fc.property(fc.array(stamp), fc.array(d, { maxLength: 8 }), stamp, stamp, (builds, deployments, ps, pe) => {
        const m = computeReleaseMetrics(base({ buildTimes: builds, deployments, plannedStart: ps, plannedEnd: pe, now: at(2000 * H) }));
        expect(m.leadTime.ms === null || m.leadTime.ms >= 0).toBe(true);
        for (const x of m.deployments) expect(x.durationMs === null || x.durationMs >= 0).toBe(true);
        expect(m.longestDeploymentMs).toBeGreaterThanOrEqual(0);
        expect(m.backouts).toBe(deployments.filter((x) => x.kind === 'backout').length);
      }),
    );
  });
});
