import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeFreezeHit, freezeCovers, freezesHitting, formatFreezeOccurrence, overrideConfirmRefusal, type FreezeSpec } from '@/lib/domain/freeze';
import { validateRecurrence, type Recurrence } from '@/lib/domain/recurrence';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const at = (iso: string) => new Date(iso);

function valid(input: unknown): Recurrence {
  const r = validateRecurrence(input);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
}

/** Friday 18:00 → Monday 06:00 (60 h), London wall-clock time */
const weekend = valid({ kind: 'recurring', rrule: 'FREQ=WEEKLY;BYDAY=FR;BYHOUR=18;BYMINUTE=0', durationMinutes: 60 * 60, timezone: 'Europe/London' });
const weekendCron = valid({ kind: 'recurring', cron: '0 18 * * 5', durationMinutes: 60 * 60, timezone: 'Europe/London' });
const yearEnd = valid({ kind: 'one_off', startsAt: at('2026-12-21T00:00:00Z'), endsAt: at('2027-01-04T06:00:00Z'), timezone: 'Europe/London' });

function spec(over: Partial<FreezeSpec> = {}): FreezeSpec {
  return {
    id: 'f1',
    name: 'Weekend freeze',
    reason: 'No changes at weekends.',
    recurrence: weekend,
    environmentIds: [],
    componentIds: [],
    active: true,
    ...over,
  };
}

const prod = { environmentId: 'prod', componentIds: ['billing', 'web'] };
const point = (iso: string) => ({ start: at(iso), end: new Date(at(iso).getTime() + 1) });

describe('freezesHitting: DST', () => {
  it('the weekly Friday 18:00 → Monday 06:00 Europe/London freeze blocks Saturday noon in GMT and in BST', () => {
    for (const rec of [weekend, weekendCron]) {
      const f = spec({ recurrence: rec });
      // winter (GMT = UTC)
      const winter = freezesHitting([f], prod, point('2026-01-10T12:00:00Z'));
      expect(winter).toHaveLength(1);
      expect(winter[0]!.occurrence.start.toISOString()).toBe('2026-01-09T18:00:00.000Z');
      expect(winter[0]!.occurrence.end.toISOString()).toBe('2026-01-12T06:00:00.000Z');
      // summer (BST = UTC+1): Saturday noon local is 11:00 UTC
      const summer = freezesHitting([f], prod, point('2026-07-11T11:00:00Z'));
      expect(summer).toHaveLength(1);
      expect(summer[0]!.occurrence.start.toISOString()).toBe('2026-07-10T17:00:00.000Z');
      // the weekend when the clocks go forward (29 March 2026): still Saturday noon GMT
      expect(freezesHitting([f], prod, point('2026-03-28T12:00:00Z'))).toHaveLength(1);
      // and the one when they go back (25 October 2026): Saturday noon BST
      expect(freezesHitting([f], prod, point('2026-10-24T11:00:00Z'))).toHaveLength(1);
      // Wednesday noon is free in both seasons
      expect(freezesHitting([f], prod, point('2026-01-14T12:00:00Z'))).toEqual([]);
      expect(freezesHitting([f], prod, point('2026-07-15T11:00:00Z'))).toEqual([]);
    }
  });

  it('starts at 18:00 local in both seasons: 17:30 Friday is free, 18:00 is frozen', () => {
    const f = spec();
    expect(freezesHitting([f], prod, point('2026-07-10T16:30:00Z'))).toEqual([]); // 17:30 BST
    expect(freezesHitting([f], prod, point('2026-07-10T17:00:00Z'))).toHaveLength(1); // 18:00 BST
    expect(freezesHitting([f], prod, point('2026-01-09T17:30:00Z'))).toEqual([]); // 17:30 GMT
    expect(freezesHitting([f], prod, point('2026-01-09T18:00:00Z'))).toHaveLength(1);
  });
});

describe('freezesHitting: properties', () => {
  const zones = fc.constantFrom('Europe/London', 'America/New_York', 'Australia/Sydney', 'Asia/Kolkata', 'UTC');
  const recurrences = fc.oneof(
    fc
      .record({
        hour: fc.integer({ min: 0, max: 23 }),
        day: fc.constantFrom('MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'),
        dur: fc.integer({ min: 1, max: 4 * 24 * 60 }),
        zone: zones,
      })
      .map(({ hour, day, dur, zone }) =>
        valid({ kind: 'recurring', rrule: `FREQ=WEEKLY;BYDAY=${day};BYHOUR=${hour};BYMINUTE=0`, durationMinutes: dur, timezone: zone }),
      ),
    fc
      .record({ hour: fc.integer({ min: 0, max: 23 }), dur: fc.integer({ min: 1, max: 600 }), zone: zones })
      .map(({ hour, dur, zone }) => valid({ kind: 'recurring', cron: `30 ${hour} * * *`, durationMinutes: dur, timezone: zone })),
    fc
      .record({ s: fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2029, 0, 1) }), len: fc.integer({ min: 1, max: 30 * DAY }) })
      .map(({ s, len }) => valid({ kind: 'one_off', startsAt: new Date(s), endsAt: new Date(s + len) })),
  );
  const intervals = fc
    .record({ s: fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2029, 0, 1) }), len: fc.integer({ min: 0, max: 10 * DAY }) })
    .map(({ s, len }) => ({ start: new Date(s), end: new Date(s + len) }));

  it("a hit's occurrence really overlaps the interval, and is the earliest overlapping one", () => {
    fc.assert(
      fc.property(recurrences, intervals, (recurrence, interval) => {
        const hits = freezesHitting([spec({ recurrence })], prod, interval);
        const end = Math.max(interval.end.getTime(), interval.start.getTime() + 1);
        for (const h of hits) {
          expect(h.occurrence.start.getTime()).toBeLessThan(end);
          expect(h.occurrence.end.getTime()).toBeGreaterThan(interval.start.getTime());
          expect(h.occurrence.end.getTime()).toBeGreaterThan(h.occurrence.start.getTime());
        }
        // no hit → no instant of the interval (sampled) is inside an occurrence
        if (!hits.length) {
          for (let t = interval.start.getTime(); t < end; t += Math.max(1, Math.floor((end - interval.start.getTime()) / 7))) {
            expect(freezesHitting([spec({ recurrence })], prod, { start: new Date(t), end: new Date(t + 1) })).toEqual([]);
          }
        } else {
          // nothing earlier overlaps: the part of the interval before the hit's start is free
          const before = hits[0]!.occurrence.start.getTime();
          if (before > interval.start.getTime()) {
            expect(freezesHitting([spec({ recurrence })], prod, { start: interval.start, end: new Date(before) })).toEqual([]);
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it('inactive freezes never hit; scope rules hold for any ids', () => {
    const ids = fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'd'), { maxLength: 3 });
    fc.assert(
      fc.property(ids, ids, fc.constantFrom('a', 'b', 'c', 'd'), ids, fc.boolean(), (envs, comps, env, targetComps, active) => {
        const f = spec({ recurrence: yearEnd, environmentIds: envs, componentIds: comps, active });
        const hits = freezesHitting([f], { environmentId: env, componentIds: targetComps }, point('2026-12-25T12:00:00Z'));
        const envOk = envs.length === 0 || envs.includes(env);
        const compOk = comps.length === 0 || targetComps.some((c) => comps.includes(c));
        expect(hits.length === 1).toBe(active && envOk && compOk);
      }),
    );
  });
});

describe('freezesHitting: scope', () => {
  const during = point('2026-12-25T12:00:00Z');
  it('empty lists apply to everything', () => {
    expect(freezesHitting([spec({ recurrence: yearEnd })], { environmentId: 'dev', componentIds: [] }, during)).toHaveLength(1);
  });
  it('environment scope', () => {
    const f = spec({ recurrence: yearEnd, environmentIds: ['prod'] });
    expect(freezesHitting([f], prod, during)).toHaveLength(1);
    expect(freezesHitting([f], { ...prod, environmentId: 'staging' }, during)).toEqual([]);
  });
  it('component scope: any of the components, in any environment', () => {
    const f = spec({ recurrence: yearEnd, componentIds: ['billing'] });
    expect(freezesHitting([f], { environmentId: 'dev', componentIds: ['web', 'billing'] }, during)).toHaveLength(1);
    expect(freezesHitting([f], { environmentId: 'prod', componentIds: ['web'] }, during)).toEqual([]);
    expect(freezesHitting([f], { environmentId: 'prod', componentIds: [] }, during)).toEqual([]);
  });
  it('both: the component in the environment', () => {
    const f = spec({ recurrence: yearEnd, environmentIds: ['prod'], componentIds: ['billing'] });
    expect(freezeCovers(f, prod)).toBe(true);
    expect(freezeCovers(f, { environmentId: 'staging', componentIds: ['billing'] })).toBe(false);
    expect(freezeCovers(f, { environmentId: 'prod', componentIds: ['web'] })).toBe(false);
  });
  it('inactive freezes are ignored; hits are ordered by start', () => {
    const a = spec({ id: 'a', name: 'B weekend', recurrence: weekend });
    const b = spec({ id: 'b', name: 'A year end', recurrence: yearEnd });
    const c = spec({ id: 'c', name: 'Off', recurrence: yearEnd, active: false });
    const hits = freezesHitting([a, b, c], prod, { start: at('2026-12-20T00:00:00Z'), end: at('2026-12-31T00:00:00Z') });
    expect(hits.map((h) => h.freeze.id)).toEqual(['a', 'b']);
    expect(hits[0]!.occurrence.start.toISOString()).toBe('2026-12-18T18:00:00.000Z');
  });
});

describe('describeFreezeHit', () => {
  it('names the freeze, the occurrence in the zone, what it covers and why', () => {
    const f = spec({ name: 'Year-end change freeze', reason: 'Peak trading.', recurrence: yearEnd });
    const [hit] = freezesHitting([f], prod, point('2026-12-25T12:00:00Z'));
    expect(describeFreezeHit(hit!, 'Europe/London', 'production')).toBe(
      'Year-end change freeze (21 Dec 2026 00:00 – 4 Jan 2027 06:00 Europe/London) covers production: Peak trading.',
    );
    expect(describeFreezeHit(hit!, 'America/New_York')).toContain('20 Dec 2026 19:00 – 4 Jan 2027 01:00 America/New_York) covers this deployment');
  });
  it('falls back to UTC for an unknown zone', () => {
    expect(formatFreezeOccurrence({ start: at('2026-07-01T10:00:00Z'), end: at('2026-07-01T11:00:00Z') }, 'Mars/Base')).toBe(
      '1 Jul 2026 10:00 – 1 Jul 2026 11:00 UTC',
    );
  });
});

describe('overrideConfirmRefusal', () => {
  it('refuses the requester and explains', () => {
    expect(overrideConfirmRefusal('u1', 'u1')).toMatch(/second person/);
    expect(overrideConfirmRefusal('u1', null)).toMatch(/signed-in/);
    expect(overrideConfirmRefusal('u1', 'u2')).toBeNull();
  });
});
