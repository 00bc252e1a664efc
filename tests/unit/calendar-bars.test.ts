import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { agendaDays, columnsOf, layoutBars, layoutRow, type BarItem } from '@/lib/domain/calendar-bars';
import { calendarGrid } from '@/lib/domain/calendar';

const DAY = 86_400_000;
const H = 3_600_000;
const base = Date.parse('2026-11-30T00:00:00Z'); // a Monday
const week = (offset = 0) =>
  Array.from({ length: 7 }, (_, i) => ({ start: new Date(base + (offset + i) * DAY), end: new Date(base + (offset + i + 1) * DAY) }));

let n = 0;
function bar(startH: number, endH: number, over: Partial<BarItem['priority']> = {}, id = `w${++n}`): BarItem {
  const start = new Date(base + startH * H);
  const end = new Date(base + endH * H);
  return { id, start, end, priority: { status: 'scheduled', tier: 'production', start: start.toISOString(), number: n, environment: 'production', ...over } };
}

describe('columnsOf', () => {
  it('covers the days a window touches, half-open', () => {
    expect(columnsOf(bar(20, 26), week())).toEqual({ from: 0, to: 1 });
    // ends exactly at Tuesday midnight: Monday only
    expect(columnsOf(bar(2, 24), week())).toEqual({ from: 0, to: 0 });
    // an instant belongs to its day
    expect(columnsOf(bar(30, 30), week())).toEqual({ from: 1, to: 1 });
    expect(columnsOf(bar(-48, -1), week())).toBeNull();
  });
});

describe('layoutRow', () => {
  it('draws a multi-day window as one bar across its days', () => {
    const row = layoutRow([bar(20, 4 * 24 + 2)], week(), 4);
    expect(row.segments).toHaveLength(1);
    expect(row.segments[0]).toMatchObject({ from: 0, to: 4, lane: 0, continuesBefore: false, continuesAfter: false, first: true });
  });

  it('stacks overlapping bars in lanes and reuses a lane once it is free', () => {
    const a = bar(1, 2 * 24 + 1); // Mon–Wed
    const b = bar(24 + 1, 24 + 3); // Tue
    const c = bar(3 * 24 + 1, 3 * 24 + 2); // Thu: lane 0 is free again
    const row = layoutRow([a, b, c], week(), 4);
    const lane = (x: BarItem) => row.segments.find((s) => s.item === x)!.lane;
    expect([lane(a), lane(b), lane(c)]).toEqual([0, 1, 0]);
    expect(row.lanes).toBe(2);
  });

  it('hides what does not fit, most important first, and counts it per day', () => {
    const low = bar(1, 2, { status: 'draft' });
    const items = [low, bar(3, 4), bar(5, 6), bar(7, 8, { conflict: true })];
    const row = layoutRow(items, week(), 3);
    expect(row.segments.map((s) => s.item)).not.toContain(low);
    expect(row.hidden[0]).toEqual([low]);
    expect(row.hidden.slice(1).every((h) => h.length === 0)).toBe(true);
  });

  it('a bar that does not fit on one of its days is hidden on all of them', () => {
    const blockers = [bar(24 + 1, 24 + 2), bar(24 + 3, 24 + 4)];
    const long = bar(1, 3 * 24, { status: 'draft' }); // Mon–Wed, least important
    const row = layoutRow([...blockers, long], week(), 2);
    expect(row.segments.map((s) => s.item)).toEqual(blockers);
    expect(row.hidden.map((h) => h.length)).toEqual([1, 1, 1, 0, 0, 0, 0]);
  });

  it('no day ever holds more than maxLanes bars, and the lanes never overlap (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: -48, max: 8 * 24 }), fc.integer({ min: 0, max: 5 * 24 })), { maxLength: 40 }),
        fc.integer({ min: 0, max: 6 }),
        (spec, max) => {
          const items = spec.map(([s, len], i) => bar(s, s + len, { number: i }, `p${i}`));
          const row = layoutRow(items, week(), max);
          expect(row.lanes).toBeLessThanOrEqual(max);
          for (const a of row.segments) for (const b of row.segments) if (a !== b && a.lane === b.lane) expect(a.to < b.from || b.to < a.from).toBe(true);
          // every window touching the row is drawn or listed as hidden on each of its days
          for (const it of items) {
            const cols = columnsOf(it, week());
            if (!cols) continue;
            const drawn = row.segments.some((s) => s.item === it);
            for (let c = cols.from; c <= cols.to; c++) expect(drawn || row.hidden[c]!.includes(it)).toBe(true);
          }
        },
      ),
    );
  });
});

describe('layoutBars', () => {
  it('splits a window at week boundaries with a continues mark on each side', () => {
    const g = calendarGrid('month', '2026-12-01', 'UTC', new Date('2026-12-01T00:00:00Z'));
    // Sat 5 Dec 20:00 to Tue 8 Dec 02:00
    const item = { ...bar(0, 0), start: new Date('2026-12-05T20:00:00Z'), end: new Date('2026-12-08T02:00:00Z') };
    const rows = layoutBars([item], g.weeks, 4);
    const segs = rows.flatMap((r, w) => r.segments.map((s) => ({ w, ...s })));
    expect(segs.map(({ w, from, to, continuesBefore, continuesAfter, first }) => ({ w, from, to, continuesBefore, continuesAfter, first }))).toEqual([
      { w: 0, from: 5, to: 6, continuesBefore: false, continuesAfter: true, first: true },
      { w: 1, from: 0, to: 1, continuesBefore: true, continuesAfter: false, first: false },
    ]);
  });

  it('"+ n more" is the day count minus the bars drawn, using the counts of a crowded period', () => {
    const items = [bar(1, 2), bar(3, 4), bar(5, 6)];
    const [row] = layoutBars(items, [week()], 2);
    expect(row!.more).toEqual([1, 0, 0, 0, 0, 0, 0]);
    const [dense] = layoutBars(items, [week()], 2, [40, 7, 0, 0, 0, 0, 0]);
    expect(dense!.more).toEqual([38, 7, 0, 0, 0, 0, 0]);
  });
});

describe('agendaDays', () => {
  it('lists each window once, under the day it starts, days in order, by time', () => {
    const long = bar(24 + 20, 4 * 24); // Tue 20:00 to Fri
    const early = bar(24 + 8, 24 + 9); // Tue 08:00
    const running = bar(-30, 10); // began before the period
    const days = agendaDays([long, early, running], week());
    expect(days.map((d) => [d.index, d.items.map((i) => i.id)])).toEqual([
      [0, [running.id]],
      [1, [early.id, long.id]],
    ]);
  });

  it('keeps days the caller asks for (freezes, maintenance) and drops windows outside the period', () => {
    const days = agendaDays([bar(9 * 24, 9 * 24 + 1)], week(), (i) => i === 3);
    expect(days).toEqual([{ index: 3, items: [] }]);
  });
});
