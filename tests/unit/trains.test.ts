import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  cutoffCountdown,
  cutoffOf,
  departureMetrics,
  departureStatus,
  departuresBetween,
  describeCadence,
  describeCutoff,
  formatTrainTime,
  isDeparture,
  joinDecision,
  lateJoinGrantRefusal,
  trainSlug,
  upcomingDepartures,
  type JoinFacts,
} from '@/lib/domain/trains';

const weekly = { rrule: 'FREQ=WEEKLY;BYDAY=TU;BYHOUR=10;BYMINUTE=0', cron: null, timezone: 'Europe/London' };
const HOUR = 3_600_000;

describe('departures from a cadence', () => {
  it('are the occurrences of the recurrence, as wall-clock time in the zone (across a DST change)', () => {
    const ds = upcomingDepartures(weekly, 24 * 60, new Date('2026-10-14T12:00:00Z'), 3);
    // 20 Oct is BST (09:00 UTC), 27 Oct and 3 Nov are GMT (10:00 UTC)
    expect(ds.map((d) => d.departureAt.toISOString())).toEqual(['2026-10-20T09:00:00.000Z', '2026-10-27T10:00:00.000Z', '2026-11-03T10:00:00.000Z']);
    expect(ds.map((d) => d.cutoffAt.toISOString())).toEqual(['2026-10-19T09:00:00.000Z', '2026-10-26T10:00:00.000Z', '2026-11-02T10:00:00.000Z']);
  });

  it('leave out a departure at exactly now (it has left)', () => {
    const ds = upcomingDepartures(weekly, 60, new Date('2026-06-16T09:00:00Z'), 1);
    expect(ds[0]!.departureAt.toISOString()).toBe('2026-06-23T09:00:00.000Z');
  });

  it('work with cron too, and between two instants', () => {
    const cron = { rrule: null, cron: '0 10 * * 2', timezone: 'UTC' };
    const ds = departuresBetween(cron, 0, new Date('2026-06-01T00:00:00Z'), new Date('2026-06-30T00:00:00Z'));
    expect(ds.map((d) => d.departureAt.toISOString().slice(0, 10))).toEqual(['2026-06-02', '2026-06-09', '2026-06-16', '2026-06-23']);
  });

  it('recognise a departure to the minute', () => {
    expect(isDeparture(weekly, new Date('2026-06-16T09:00:00Z'))).toBe(true);
    expect(isDeparture(weekly, new Date('2026-06-16T09:01:00Z'))).toBe(false);
    expect(isDeparture(weekly, new Date('2026-06-17T09:00:00Z'))).toBe(false);
  });

  it('return nothing for an unreadable cadence', () => {
    expect(upcomingDepartures({ rrule: 'FREQ=NEVER', cron: null, timezone: 'UTC' }, 0, new Date(), 3)).toEqual([]);
    expect(describeCadence({ rrule: null, cron: null, timezone: 'UTC' })).toMatch(/could not be read/);
  });

  it('are described without the one-minute duration', () => {
    expect(describeCadence(weekly)).toBe('Every Tuesday at 10:00 (Europe/London)');
    expect(formatTrainTime(new Date('2026-06-16T09:00:00Z'), 'Europe/London')).toBe('Tue 16 Jun 2026 10:00 Europe/London');
  });

  it('always have their cut-off the given minutes before them, never after', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 20160 }), fc.integer({ min: 0, max: 3650 }), (cutoff, day) => {
        const now = new Date(Date.UTC(2026, 0, 1) + day * 24 * HOUR);
        const [d] = upcomingDepartures(weekly, cutoff, now, 1);
        return !!d && d.departureAt > now && d.departureAt.getTime() - d.cutoffAt.getTime() === cutoff * 60_000;
      }),
      { numRuns: 50 },
    );
  });
});

describe('cut-off', () => {
  it('counts down to the cut-off and says when it passed', () => {
    const cutoffAt = cutoffOf(new Date('2026-06-16T09:00:00Z'), 24 * 60);
    expect(cutoffCountdown(cutoffAt, new Date('2026-06-13T06:00:00Z')).text).toBe('2 d 3 h left to join');
    expect(cutoffCountdown(cutoffAt, new Date('2026-06-15T09:00:00Z')).text).toBe('cut-off now');
    expect(cutoffCountdown(cutoffAt, new Date('2026-06-15T09:45:00Z')).text).toBe('cut-off passed 45 min ago');
    expect(describeCutoff(0)).toBe('at the departure');
    expect(describeCutoff(90)).toBe('1 h 30 min before each departure');
  });

  const facts = (over: Partial<JoinFacts> = {}): JoinFacts => ({
    trainName: 'Weekly web train',
    trainActive: true,
    releaseKey: 'REL-7',
    releaseStatus: 'approved',
    departure: { departureAt: new Date('2026-06-16T09:00:00Z'), cutoffAt: new Date('2026-06-15T09:00:00Z') },
    departureText: 'Tue 16 Jun 2026 10:00 Europe/London',
    cutoffText: 'Mon 15 Jun 2026 10:00 Europe/London',
    cutoffMinutes: 1440,
    now: new Date('2026-06-14T09:00:00Z'),
    lateJoinGranted: false,
    ...over,
  });

  it('lets a release join before the cut-off', () => {
    expect(joinDecision(facts())).toEqual({ ok: true, late: false });
  });

  it('refuses after the cut-off, naming the rule, why and what would satisfy it; a granted exception lets it join late', () => {
    const after = joinDecision(facts({ now: new Date('2026-06-15T09:00:00Z') }));
    expect(after.ok).toBe(false);
    if (!after.ok) {
      expect(after.gate.rule).toBe('train.cutoff');
      expect(after.gate.why).toContain('Mon 15 Jun 2026 10:00 Europe/London (1 d before each departure)');
      expect(after.gate.fix).toMatch(/late-join exception/);
    }
    expect(joinDecision(facts({ now: new Date('2026-06-15T09:00:00Z'), lateJoinGranted: true }))).toEqual({ ok: true, late: true });
  });

  it('refuses a departed departure (even with an exception), a retired train and a release already deploying', () => {
    const gone = joinDecision(facts({ now: new Date('2026-06-16T09:00:00Z'), lateJoinGranted: true }));
    expect(!gone.ok && gone.gate.rule).toBe('train.departed');
    const retired = joinDecision(facts({ trainActive: false }));
    expect(!retired.ok && retired.gate.rule).toBe('train.active');
    const deploying = joinDecision(facts({ releaseStatus: 'deploying' }));
    expect(!deploying.ok && deploying.gate.rule).toBe('train.release_open');
  });

  it('needs a second person to grant a late join', () => {
    expect(lateJoinGrantRefusal('u1', 'u1')).toMatch(/you cannot grant it/);
    expect(lateJoinGrantRefusal('u1', null)).toMatch(/signed-in person/);
    expect(lateJoinGrantRefusal('u1', 'u2')).toBeNull();
  });
});

describe('departure status and metrics', () => {
  const d = { departureAt: new Date('2026-06-16T09:00:00Z'), cutoffAt: new Date('2026-06-15T09:00:00Z') };
  const rel = (status: string, deployedToTargets = false, failedDeployments = 0, backouts = 0, leadTimeMs: number | null = null) => ({
    status,
    deployedToTargets,
    failedDeployments,
    backouts,
    leadTimeMs,
  });

  it('boards, is cut off, departs, and ships when every release kept on it has shipped', () => {
    expect(departureStatus(d, [rel('approved')], new Date('2026-06-14T00:00:00Z'))).toBe('boarding');
    expect(departureStatus(d, [rel('approved')], new Date('2026-06-15T10:00:00Z'))).toBe('cut_off');
    expect(departureStatus(d, [rel('approved')], new Date('2026-06-16T10:00:00Z'))).toBe('departed');
    expect(departureStatus(d, [], new Date('2026-06-16T10:00:00Z'))).toBe('departed');
    expect(departureStatus(d, [rel('deploying', true), rel('cancelled')], new Date('2026-06-16T10:00:00Z'))).toBe('shipped');
    expect(departureStatus(d, [rel('closed'), rel('deploying')], new Date('2026-06-16T10:00:00Z'))).toBe('departed');
  });

  it('sums its releases', () => {
    const m = departureMetrics([rel('closed', true, 1, 0, 2 * HOUR), rel('deployed', false, 0, 1, 4 * HOUR), rel('cancelled')]);
    expect(m).toMatchObject({ releases: 3, shipped: 2, dropped: 1, failedDeployments: 1, backouts: 1, meanLeadTimeMs: 3 * HOUR });
    expect(m.text).toBe('2 of 3 shipped, 1 dropped, 1 failed deployment, 1 back-out, mean lead time 3 h');
  });

  it('makes slugs', () => {
    expect(trainSlug('Weekly web train')).toBe('weekly-web-train');
    expect(trainSlug('  Zürich — Mobile!  ')).toBe('zurich-mobile');
    expect(trainSlug('!!!')).toBe('train');
  });
});
