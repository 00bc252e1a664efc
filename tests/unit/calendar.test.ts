import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  calendarGrid,
  conflictsById,
  dayOf,
  findOverlaps,
  intervalsOverlap,
  parseCalendarDate,
  placeByDay,
  touchesDay,
  type OverlapEvent,
} from '@/lib/domain/calendar';

const at = (iso: string) => new Date(iso);
const H = 3_600_000;

describe('calendarGrid', () => {
  it('lays out a month in whole weeks starting on Monday', () => {
    const g = calendarGrid('month', '2026-11-15', 'Europe/London', at('2026-11-23T12:00:00Z'));
    expect(g.title).toBe('November 2026');
    expect(g.weeks[0]![0]!.date).toBe('2026-10-26');
    expect(g.weeks.at(-1)!.at(-1)!.date).toBe('2026-12-06');
    expect(g.weeks.every((w) => w.length === 7 && w[0]!.weekday === 1 && w[6]!.weekday === 7)).toBe(true);
    expect(g.weeks.flat().filter((d) => d.inPeriod)).toHaveLength(30);
    expect(
      g.weeks
        .flat()
        .filter((d) => d.isToday)
        .map((d) => d.date),
    ).toEqual(['2026-11-23']);
    expect(g.prev).toBe('2026-10-01');
    expect(g.next).toBe('2026-12-01');
    expect(g.start.toISOString()).toBe('2026-10-26T00:00:00.000Z');
  });

  it('uses day boundaries of the zone, so the DST day lasts 25 hours', () => {
    const g = calendarGrid('month', '2026-10-01', 'Europe/London', at('2026-11-23T12:00:00Z'));
    const days = g.weeks.flat();
    const change = days.find((d) => d.date === '2026-10-25')!;
    expect(change.end.getTime() - change.start.getTime()).toBe(25 * H);
    expect(days.find((d) => d.date === '2026-10-24')!.start.toISOString()).toBe('2026-10-23T23:00:00.000Z');
    // consecutive days tile the range with no gap
    for (let i = 1; i < days.length; i++) expect(days[i]!.start.getTime()).toBe(days[i - 1]!.end.getTime());
    expect(days.at(-1)!.end.getTime()).toBe(g.end.getTime());
  });

  it('lays out a week from Monday to Sunday', () => {
    const g = calendarGrid('week', '2026-11-26', 'America/New_York', at('2026-11-23T12:00:00Z'));
    expect(g.weeks).toHaveLength(1);
    expect(g.weeks[0]!.map((d) => d.date)).toEqual(['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27', '2026-11-28', '2026-11-29']);
    expect(g.title).toBe('Week 48: 23–29 Nov 2026');
    expect(g.prev).toBe('2026-11-16');
    expect(g.next).toBe('2026-11-30');
  });

  it('falls back to today for bad dates and to UTC for bad zones', () => {
    const now = at('2026-11-23T12:00:00Z');
    for (const date of ['2026-02-30', 'yesterday', '0000-01-01', '99999-01-01', '', undefined]) {
      expect(calendarGrid('week', date, 'Nowhere/City', now)).toMatchObject({ timezone: 'UTC', date: '2026-11-23' });
    }
    expect(parseCalendarDate('2026-02-29', 'UTC')).toBeNull();
  });

  it('any date gives a grid of 4 to 6 weeks that contains it', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1975-01-01'), max: new Date('2200-01-01'), noInvalidDate: true }),
        fc.constantFrom('UTC', 'Europe/London', 'Pacific/Auckland', 'America/Los_Angeles'),
        (d, zone) => {
          const date = dayOf(d, zone);
          const g = calendarGrid('month', date, zone, d);
          expect(g.weeks.length).toBeGreaterThanOrEqual(4);
          expect(g.weeks.length).toBeLessThanOrEqual(6);
          expect(g.weeks.flat().some((x) => x.date === date)).toBe(true);
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('placeByDay', () => {
  const g = calendarGrid('week', '2026-11-23', 'UTC', at('2026-11-23T12:00:00Z'));
  const days = g.weeks[0]!;
  it('places an event on every day it touches, and an instant on its day', () => {
    const multi = { id: 'm', start: at('2026-11-23T22:00:00Z'), end: at('2026-11-25T01:00:00Z') };
    const instant = { id: 'i', start: at('2026-11-27T10:00:00Z'), end: at('2026-11-27T10:00:00Z') };
    const endsAtMidnight = { id: 'e', start: at('2026-11-28T20:00:00Z'), end: at('2026-11-29T00:00:00Z') };
    const placed = placeByDay([multi, instant, endsAtMidnight], days).map((l) => l.map((x) => x.id).join(''));
    expect(placed).toEqual(['m', 'm', 'm', '', 'i', 'e', '']);
  });
  it('agrees with checking every day', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: -3 * 24, max: 9 * 24 }), fc.integer({ min: 0, max: 72 })), { maxLength: 20 }), (specs) => {
        const items = specs.map(([s, len], i) => ({
          id: String(i),
          start: new Date(g.start.getTime() + s * H),
          end: new Date(g.start.getTime() + (s + len) * H),
        }));
        const placed = placeByDay(items, days);
        days.forEach((d, i) =>
          expect(placed[i]!.map((x) => x.id).sort()).toEqual(
            items
              .filter((x) => touchesDay(x, d))
              .map((x) => x.id)
              .sort(),
          ),
        );
      }),
    );
  });
});

function bruteForce(events: OverlapEvent[]) {
  const out = new Map<string, { a: string; b: string; sameEnvironment: boolean; components: string[] }>();
  for (let i = 0; i < events.length; i++) {
    for (let j = i + 1; j < events.length; j++) {
      const x = events[i]!;
      const y = events[j]!;
      if (x.releaseId === y.releaseId || !intervalsOverlap(x, y)) continue;
      const sameEnvironment = x.environment !== null && x.environment === y.environment;
      const components = [...new Set(x.components.filter((c) => y.components.includes(c)))].sort();
      if (!sameEnvironment && !components.length) continue;
      const [a, b] = x.id < y.id ? [x.id, y.id] : [y.id, x.id];
      out.set(`${a}|${b}`, { a, b, sameEnvironment, components });
    }
  }
  return [...out.values()].sort((p, q) => (p.a < q.a ? -1 : p.a > q.a ? 1 : p.b < q.b ? -1 : p.b > q.b ? 1 : 0));
}

describe('findOverlaps', () => {
  const ev = (id: string, releaseId: string, s: number, e: number, environment: string | null, components: string[] = []): OverlapEvent => ({
    id,
    releaseId,
    start: new Date(s * H),
    end: new Date(e * H),
    environment,
    components,
  });

  it('flags the same environment or a shared component, but not touching windows or one release with itself', () => {
    const events = [
      ev('A:prod', 'A', 0, 4, 'prod', ['billing']),
      ev('A:stage', 'A', 0, 4, 'stage', ['billing']),
      ev('B:prod', 'B', 3, 5, 'prod', ['ledger']),
      ev('C:stage', 'C', 1, 2, 'stage', ['billing', 'ledger']),
      ev('D:prod', 'D', 5, 6, 'prod', ['ledger']),
      ev('E:qa', 'E', 0, 10, 'qa', []),
    ];
    expect(findOverlaps(events)).toEqual([
      { a: 'A:prod', b: 'B:prod', sameEnvironment: true, components: [] },
      { a: 'A:prod', b: 'C:stage', sameEnvironment: false, components: ['billing'] },
      { a: 'A:stage', b: 'C:stage', sameEnvironment: true, components: ['billing'] },
    ]);
    const by = conflictsById(findOverlaps(events));
    expect(by.get('C:stage')).toEqual(['A:prod', 'A:stage']);
    expect(by.has('D:prod')).toBe(false);
  });

  it('agrees with a brute-force reference', () => {
    const arb = fc.array(
      fc.record({
        releaseId: fc.constantFrom('r1', 'r2', 'r3', 'r4', 'r5'),
        s: fc.integer({ min: 0, max: 48 }),
        len: fc.integer({ min: 0, max: 24 }),
        environment: fc.constantFrom(null, 'prod', 'stage', 'qa'),
        components: fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'd'), { maxLength: 3 }),
      }),
      { maxLength: 30 },
    );
    fc.assert(
      fc.property(arb, (specs) => {
        const events = specs.map((x, i) => ev(`e${String(i).padStart(2, '0')}`, x.releaseId, x.s, x.s + x.len, x.environment, x.components));
        expect(findOverlaps(events)).toEqual(bruteForce(events));
      }),
      { numRuns: 300 },
    );
  });

  // how long it takes: npm run bench
  it('handles thousands of events', () => {
    const events = Array.from({ length: 20_000 }, (_, i) => ev(`e${i}`, `r${i}`, i * 2, i * 2 + 9, `env${i % 4}`, [`c${i % 50}`]));
    const found = findOverlaps(events);
    expect(found.length).toBeGreaterThan(0);
  });
});
