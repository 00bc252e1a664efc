import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  assignLanes,
  barGeometry,
  layoutTimeline,
  MIN_BAR_PERCENT,
  TIMELINE_GROUPINGS,
  timelinePeriod,
  type TimelineFreeze,
  type TimelineGrouping,
  type TimelineWindow,
} from '@/lib/domain/timeline';

const at = (iso: string) => new Date(iso);

function win(over: Partial<TimelineWindow> & { id: string; start: string; end: string }): TimelineWindow {
  const number = Number(over.id.replace(/\D.*$/, '')) || 1;
  return {
    releaseId: `r${number}`,
    key: `REL-${number}`,
    number,
    title: `Release ${number}`,
    status: 'scheduled',
    riskLevel: null,
    environment: { name: 'production', displayName: 'Production', position: 4 },
    team: { slug: 'payments', name: 'Payments' },
    train: null,
    source: 'scheduled',
    conflictsWith: [],
    conflictNotes: [],
    inFreezes: [],
    ...over,
  };
}

describe('timelinePeriod', () => {
  it('starts on the Monday of the asked date and lasts whole weeks, with week labels', () => {
    const p = timelinePeriod('2026-12-09', 4, 'UTC', at('2026-12-06T12:00:00Z'));
    expect(p.start).toBe('2026-12-07');
    expect(p.from.toISOString()).toBe('2026-12-07T00:00:00.000Z');
    expect(p.to.toISOString()).toBe('2027-01-04T00:00:00.000Z');
    expect(p.days).toHaveLength(28);
    expect(p.weekLabels.map((w) => w.label)).toEqual(['Week 50: 7 Dec', 'Week 51: 14 Dec', 'Week 52: 21 Dec', 'Week 53: 28 Dec']);
    expect(p.weekLabels[1]!.left).toBeCloseTo(25);
    expect(p.title).toBe('7 Dec 2026 – 3 Jan 2027');
    expect(p.prev).toBe('2026-11-09');
    expect(p.next).toBe('2027-01-04');
    // today (Sunday 6 Dec) is in the week of Monday 30 Nov, outside this period
    expect(p.today).toBe('2026-11-30');
    expect(p.nowAt).toBeNull();
  });

  it('defaults to the week of today and places now', () => {
    const p = timelinePeriod(undefined, 2, 'UTC', at('2026-12-08T12:00:00Z'));
    expect(p.start).toBe('2026-12-07');
    expect(p.days.find((d) => d.isToday)?.date).toBe('2026-12-08');
    expect(p.nowAt).toBeCloseTo((36 / (14 * 24)) * 100);
  });

  it('falls back on a bad date or zone, and keeps day boundaries of the zone across DST', () => {
    const bad = timelinePeriod('2026-02-30', 2, 'Mars/Base', at('2026-12-08T12:00:00Z'));
    expect(bad.timezone).toBe('UTC');
    expect(bad.start).toBe('2026-12-07');
    const london = timelinePeriod('2027-03-22', 2, 'Europe/London', at('2027-03-22T12:00:00Z'));
    // 28 March 2027 lasts 23 hours in London
    const dst = london.days.find((d) => d.date === '2027-03-28')!;
    expect(dst.end.getTime() - dst.start.getTime()).toBe(23 * 3_600_000);
    expect(london.to.toISOString()).toBe('2027-04-04T23:00:00.000Z');
  });
});

describe('barGeometry', () => {
  const from = at('2026-12-07T00:00:00Z');
  const to = at('2026-12-21T00:00:00Z'); // 14 days

  it('places a window in percent of the period', () => {
    const g = barGeometry(at('2026-12-08T00:00:00Z'), at('2026-12-09T00:00:00Z'), from, to)!;
    expect(g.left).toBeCloseTo(100 / 14);
    expect(g.width).toBeCloseTo(100 / 14);
    expect(g.clippedStart || g.clippedEnd).toBe(false);
  });

  it('clips at the edges, drops windows outside, keeps tiny ones visible', () => {
    const g = barGeometry(at('2026-12-01T00:00:00Z'), at('2026-12-08T00:00:00Z'), from, to)!;
    expect(g).toMatchObject({ left: 0, clippedStart: true, clippedEnd: false });
    expect(g.width).toBeCloseTo(100 / 14);
    expect(barGeometry(at('2026-12-20T00:00:00Z'), at('2027-01-20T00:00:00Z'), from, to)).toMatchObject({ clippedEnd: true });
    expect(barGeometry(at('2026-12-01T00:00:00Z'), at('2026-12-07T00:00:00Z'), from, to)).toBeNull();
    expect(barGeometry(at('2026-12-21T00:00:00Z'), at('2026-12-22T00:00:00Z'), from, to)).toBeNull();
    const tiny = barGeometry(at('2026-12-20T23:59:00Z'), at('2026-12-21T00:00:00Z'), from, to)!;
    expect(tiny.width).toBe(MIN_BAR_PERCENT);
    expect(tiny.left + tiny.width).toBeLessThanOrEqual(100);
  });

  it('always stays inside the period', () => {
    fc.assert(
      fc.property(fc.integer({ min: -30, max: 30 }), fc.integer({ min: 0, max: 40 * 24 }), (day, hours) => {
        const s = new Date(from.getTime() + day * 86_400_000);
        const e = new Date(s.getTime() + hours * 3_600_000);
        const g = barGeometry(s, e, from, to);
        if (!g) return;
        expect(g.left).toBeGreaterThanOrEqual(0);
        expect(g.width).toBeGreaterThan(0);
        expect(g.left + g.width).toBeLessThanOrEqual(100 + 1e-9);
      }),
    );
  });
});

describe('assignLanes', () => {
  it('puts overlapping intervals in separate lanes and reuses freed lanes', () => {
    const { lanes, count } = assignLanes([
      { start: 0, end: 10 },
      { start: 5, end: 15 },
      { start: 10, end: 20 },
      { start: 16, end: 18 },
    ]);
    expect(lanes).toEqual([0, 1, 0, 1]);
    expect(count).toBe(2);
    expect(assignLanes([])).toEqual({ lanes: [], count: 1 });
  });

  it('never puts two overlapping intervals in one lane, and uses as many lanes as the deepest overlap', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 1, max: 30 })), { maxLength: 30 }), (raw) => {
        const items = raw.map(([s, d]) => ({ start: s, end: s + d }));
        const { lanes, count } = assignLanes(items);
        for (let i = 0; i < items.length; i++)
          for (let j = i + 1; j < items.length; j++)
            if (lanes[i] === lanes[j]) expect(items[i]!.end <= items[j]!.start || items[j]!.end <= items[i]!.start).toBe(true);
        const depth = Math.max(1, ...items.map((a) => items.filter((b) => b.start <= a.start && a.start < b.end).length));
        expect(count).toBe(depth);
      }),
    );
  });
});

describe('layoutTimeline', () => {
  const period = { from: at('2026-12-07T00:00:00Z'), to: at('2026-12-21T00:00:00Z') };
  const staging = { name: 'staging', displayName: 'Staging', position: 3 };
  const windows = [
    win({ id: '1:production', start: '2026-12-08T10:00:00Z', end: '2026-12-08T12:00:00Z' }),
    win({ id: '1:staging', start: '2026-12-08T11:00:00Z', end: '2026-12-08T13:00:00Z', environment: staging }),
    win({ id: '2:production', start: '2026-12-07T09:00:00Z', end: '2026-12-07T10:00:00Z', team: { slug: 'ledger', name: 'Ledger' } }),
    win({ id: '3:', start: '2026-12-09T09:00:00Z', end: '2026-12-09T10:00:00Z', environment: null, team: null }),
    win({ id: '4:production', start: '2026-11-01T09:00:00Z', end: '2026-11-01T10:00:00Z' }),
  ];
  const freezes: TimelineFreeze[] = [
    { id: 'f1', name: 'Prod freeze', start: '2026-12-12T00:00:00Z', end: '2026-12-14T00:00:00Z', environments: ['production'], components: [] },
    { id: 'f2', name: 'Year end', start: '2026-12-19T00:00:00Z', end: '2027-01-02T00:00:00Z', environments: [], components: [] },
  ];

  it('groups by team: a row per release, its environments in lanes, no-team last, windows outside dropped', () => {
    const groups = layoutTimeline(windows, freezes, TIMELINE_GROUPINGS.team, period);
    expect(groups.map((g) => g.label)).toEqual(['Ledger', 'Payments', 'No team']);
    const payments = groups[1]!;
    expect(payments.rows.map((r) => r.key)).toEqual(['REL-1']);
    expect(payments.rows[0]!.lanes).toBe(2);
    expect(payments.rows[0]!.bars.map((b) => b.lane).sort()).toEqual([0, 1]);
    // every freeze shades a team's rows
    expect(payments.freezes.map((f) => f.freeze.id)).toEqual(['f1', 'f2']);
    expect(payments.freezes[1]!.clippedEnd).toBe(true);
  });

  it('groups by environment in promotion order: a release on two environments is in both, freezes where they apply', () => {
    const groups = layoutTimeline(windows, freezes, TIMELINE_GROUPINGS.environment, period);
    expect(groups.map((g) => g.label)).toEqual(['Staging', 'Production', 'No environment yet']);
    expect(groups[1]!.rows.map((r) => r.key)).toEqual(['REL-2', 'REL-1']);
    expect(groups[0]!.freezes.map((f) => f.freeze.id)).toEqual(['f2']);
    expect(groups[1]!.freezes.map((f) => f.freeze.id)).toEqual(['f1', 'f2']);
  });

  it('groups by train departure, in departure order, releases on no train last', () => {
    const web = (departureAt: string, label: string) => ({ slug: 'web', name: 'Web train', departureAt, departureLabel: label });
    const groups = layoutTimeline(
      [
        win({ id: '1:production', start: '2026-12-15T10:00:00Z', end: '2026-12-15T11:00:00Z', train: web('2026-12-15T10:00:00Z', 'Tue 15 Dec 10:00') }),
        win({ id: '2:production', start: '2026-12-08T10:00:00Z', end: '2026-12-08T11:00:00Z', train: web('2026-12-08T10:00:00Z', 'Tue 8 Dec 10:00') }),
        win({ id: '3:production', start: '2026-12-08T12:00:00Z', end: '2026-12-08T13:00:00Z', train: web('2026-12-08T10:00:00Z', 'Tue 8 Dec 10:00') }),
        win({ id: '4:production', start: '2026-12-09T10:00:00Z', end: '2026-12-09T11:00:00Z' }),
      ],
      [],
      TIMELINE_GROUPINGS.train,
      period,
    );
    expect(groups.map((g) => [g.label, g.rows.map((r) => r.key)])).toEqual([
      ['Web train, departs Tue 8 Dec 10:00', ['REL-2', 'REL-3']],
      ['Web train, departs Tue 15 Dec 10:00', ['REL-1']],
      ['Not on a train', ['REL-4']],
    ]);
  });

  it('takes any grouping function (how a new one, e.g. release trains, plugs in)', () => {
    const byStatus: TimelineGrouping = { label: 'Status', groupOf: (w) => ({ key: w.status, label: w.status, order: 0 }) };
    const groups = layoutTimeline(
      [...windows.slice(0, 2), win({ id: '5:production', status: 'draft', start: '2026-12-10T00:00:00Z', end: '2026-12-10T01:00:00Z' })],
      [],
      byStatus,
      period,
    );
    expect(groups.map((g) => [g.label, g.rows.length])).toEqual([
      ['draft', 1],
      ['scheduled', 1],
    ]);
  });
});
