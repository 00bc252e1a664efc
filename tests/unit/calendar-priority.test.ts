import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { calendarGrid, comparePriority, STATUS_PRIORITY, TIER_PRIORITY, topOfDay, type Prioritised } from '@/lib/domain/calendar';

const item = (p: Partial<Prioritised> & { start: string }) => ({
  status: 'draft',
  tier: 'staging',
  number: 1,
  environment: 'staging',
  ...p,
  s: new Date(p.start),
});
const timed = (x: ReturnType<typeof item>) => ({ ...x, start: x.s, end: new Date(x.s.getTime() + 3_600_000), p: x });

describe('what a crowded day shows first', () => {
  it('conflicts, then status, then production, then start and number', () => {
    const a = item({ start: '2026-12-01T10:00:00Z', status: 'draft', tier: 'production', number: 5 });
    const b = item({ start: '2026-12-01T11:00:00Z', status: 'deploying', tier: 'staging', number: 6 });
    const c = item({ start: '2026-12-01T09:00:00Z', status: 'deploying', tier: 'production', number: 7 });
    const d = item({ start: '2026-12-01T08:00:00Z', status: 'cancelled', tier: null, environment: null, number: 8, conflict: true });
    const sorted = [a, b, c, d].sort(comparePriority).map((x) => x.number);
    expect(sorted).toEqual([8, 7, 6, 5]);
  });

  it('keeps the first n by priority and shows them by time', () => {
    const xs = [
      item({ start: '2026-12-01T10:00:00Z', status: 'draft', number: 1 }),
      item({ start: '2026-12-01T12:00:00Z', status: 'scheduled', number: 2 }),
      item({ start: '2026-12-01T08:00:00Z', status: 'approved', number: 3 }),
      item({ start: '2026-12-01T09:00:00Z', status: 'closed', number: 4 }),
    ].map(timed);
    expect(topOfDay(xs, 2, (x) => x.p).map((x) => x.number)).toEqual([3, 2]);
    expect(topOfDay(xs, 10, (x) => x.p)).toHaveLength(4);
  });

  it('is a total order that agrees with taking the first n of the sorted list', () => {
    const arb = fc.record({
      status: fc.constantFrom(...STATUS_PRIORITY),
      tier: fc.option(fc.constantFrom(...TIER_PRIORITY), { nil: null }),
      start: fc.integer({ min: 0, max: 48 }).map((h) => new Date(Date.UTC(2026, 11, 1, h)).toISOString()),
      number: fc.integer({ min: 1, max: 50 }),
      environment: fc.option(fc.constantFrom('production', 'staging', 'qa'), { nil: null }),
      conflict: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(arb, { maxLength: 30 }), fc.integer({ min: 0, max: 8 }), (list, n) => {
        // as placeByDay hands them over: by start
        const xs = list
          .map((p) => ({ p, start: new Date(p.start), end: new Date(new Date(p.start).getTime() + 1) }))
          .sort((a, b) => a.start.getTime() - b.start.getTime());
        const picked = topOfDay(xs, n, (x) => x.p);
        const expected = [...xs].sort((a, b) => comparePriority(a.p, b.p)).slice(0, n);
        expect(new Set(picked)).toEqual(new Set(xs.length <= n ? xs : expected));
        for (let i = 1; i < picked.length; i++) expect(picked[i]!.start.getTime()).toBeGreaterThanOrEqual(picked[i - 1]!.start.getTime());
      }),
    );
  });
});

describe('the day view grid', () => {
  it('is one day, moves by a day, and lasts 23 hours across spring-forward', () => {
    const g = calendarGrid('day', '2026-03-29', 'Europe/London', new Date('2026-03-29T12:00:00Z'));
    expect(g.weeks).toHaveLength(1);
    expect(g.weeks[0]).toHaveLength(1);
    expect(g.title).toBe('Sunday 29 March 2026');
    expect([g.prev, g.next]).toEqual(['2026-03-28', '2026-03-30']);
    expect(g.end.getTime() - g.start.getTime()).toBe(23 * 3_600_000);
    expect(g.weeks[0]![0]!.isToday).toBe(true);
  });
});
