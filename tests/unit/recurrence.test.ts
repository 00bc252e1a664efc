import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  describeRecurrence,
  floatingToInstant,
  instantToFloating,
  isInside,
  localDateTimeToInstant,
  nextOccurrences,
  occurrences,
  recurrenceOfStored,
  validateOneOffText,
  validateRecurrence,
  type Recurrence,
  type RecurringRecurrence,
} from '@/lib/domain/recurrence';

const DAY = 86_400_000;
const at = (iso: string) => new Date(iso);

/** local wall-clock hour:minute of an instant in a zone */
function localHm(d: Date, zone: string): string {
  return new Date(instantToFloating(d, zone)).toISOString().slice(11, 16);
}

function valid(input: unknown): Recurrence {
  const r = validateRecurrence(input);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
}

describe('validateRecurrence', () => {
  it('accepts a weekly rule and normalises it', () => {
    const r = valid({ kind: 'recurring', rrule: 'rrule:freq=weekly;byday=fr;byhour=18;byminute=0', durationMinutes: '3600', timezone: 'Europe/London' });
    expect(r).toEqual({ kind: 'recurring', rrule: 'FREQ=WEEKLY;BYDAY=FR;BYHOUR=18;BYMINUTE=0', durationMinutes: 3600, timezone: 'Europe/London' });
  });

  it.each([
    ['FREQ=FOO', 'FREQ must be one of'],
    ['FOO=1', 'Unknown or unsupported rule part'],
    ['garbage', 'is not KEY=VALUE'],
    ['FREQ=WEEKLY;BYHOUR=25', 'BYHOUR takes hours 0 to 23'],
    ['FREQ=WEEKLY;BYDAY=XX', 'BYDAY takes'],
    ['FREQ=WEEKLY;INTERVAL=0', 'INTERVAL must be'],
    ['FREQ=WEEKLY;INTERVAL=-1', 'INTERVAL must be'],
    ['FREQ=MINUTELY', 'FREQ must be one of'],
    ['FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30', 'no occurrence within eight years'],
    ['FREQ=DAILY;COUNT=3', 'COUNT needs a DTSTART'],
    ['FREQ=WEEKLY;BYDAY=1MO', 'works with FREQ=MONTHLY'],
    ['FREQ=DAILY;BYSETPOS=2', 'BYSETPOS works with'],
    ['FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30', 'no occurrence within eight years'],
    ['FREQ=MONTHLY;BYDAY=MO;BYSETPOS=6', 'never produces'],
    ['BYDAY=MO', 'needs a FREQ'],
    ['DTSTART;TZID=America/New_York:20260102T180000\nRRULE:FREQ=WEEKLY', 'TZID=America/New_York'],
    ['DTSTART:20260102T180000Z\nRRULE:FREQ=WEEKLY', 'UTC DTSTART'],
    ['DTSTART:20260231T180000\nRRULE:FREQ=WEEKLY', 'not a real date'],
    ['FREQ=WEEKLY;TZID=Europe/London', 'time zone in its own field'],
  ])('refuses the RRULE %s', (rrule, message) => {
    const r = validateRecurrence({ kind: 'recurring', rrule, durationMinutes: 60, timezone: 'Europe/London' });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors.rrule?.join(' ')).toContain(message);
      expect(Object.keys(r.errors)).toEqual(['rrule']);
    }
  });

  it('accepts a DTSTART in the same zone or floating, anchoring INTERVAL', () => {
    const a = valid({
      kind: 'recurring',
      rrule: 'DTSTART;TZID=Europe/London:20260106T200000\nRRULE:FREQ=WEEKLY;INTERVAL=2',
      durationMinutes: 60,
      timezone: 'Europe/London',
    });
    const b = valid({ kind: 'recurring', rrule: 'DTSTART:20260106T200000 RRULE:FREQ=WEEKLY;INTERVAL=2', durationMinutes: 60, timezone: 'Europe/London' });
    const oa = occurrences(a, at('2026-01-01T00:00:00Z'), at('2026-02-15T00:00:00Z'));
    expect(oa.map((o) => o.start.toISOString())).toEqual(['2026-01-06T20:00:00.000Z', '2026-01-20T20:00:00.000Z', '2026-02-03T20:00:00.000Z']);
    expect(occurrences(b, at('2026-01-01T00:00:00Z'), at('2026-02-15T00:00:00Z'))).toEqual(oa);
  });

  it.each([
    ['61 * * * *', 'not valid'],
    ['* * * *', 'five fields'],
    ['0 0 0 * * *', 'five fields'],
    ['*/0 * * * *', 'not valid'],
    ['foo', 'five fields'],
  ])('refuses the cron %s', (cron, message) => {
    const r = validateRecurrence({ kind: 'recurring', cron, durationMinutes: 60, timezone: 'UTC' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.cron?.join(' ')).toContain(message);
  });

  it('checks time zone, duration and kind per field', () => {
    const r = validateRecurrence({ kind: 'recurring', rrule: 'FREQ=DAILY', durationMinutes: 0, timezone: 'Mars/Olympus' });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors.timezone?.[0]).toContain('not a known IANA time zone');
      expect(r.errors.durationMinutes?.[0]).toContain('from 1 minute to 14 days');
    }
    const big = validateRecurrence({ kind: 'recurring', rrule: 'FREQ=DAILY', durationMinutes: 60 * 24 * 14 + 1, timezone: 'UTC' });
    expect(big.ok).toBe(false);
    expect(validateRecurrence({ kind: 'recurring', rrule: 'FREQ=DAILY', durationMinutes: 60 * 24 * 14, timezone: 'UTC' }).ok).toBe(true);
    expect(validateRecurrence({ kind: 'recurring', rrule: 'FREQ=DAILY', durationMinutes: 1.5, timezone: 'UTC' }).ok).toBe(false);
    const both = validateRecurrence({ kind: 'recurring', rrule: 'FREQ=DAILY', cron: '0 0 * * *', durationMinutes: 5, timezone: 'UTC' });
    expect(both.ok).toBe(false);
    expect(validateRecurrence({ kind: 'sometimes' })).toEqual({ ok: false, errors: { kind: ['Choose one-off or recurring.'] } });
    expect(validateRecurrence(null).ok).toBe(false);
  });

  it('checks one-off windows', () => {
    const r = validateRecurrence({ kind: 'one_off', startsAt: '2026-01-02T10:00:00Z', endsAt: '2026-01-02T09:00:00Z' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.endsAt).toEqual(['The end must be after the start.']);
    const missing = validateRecurrence({ kind: 'one_off', startsAt: 'tomorrow' });
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(Object.keys(missing.errors).sort()).toEqual(['endsAt', 'startsAt']);
  });

  it('never throws on arbitrary input', () => {
    fc.assert(
      fc.property(
        fc.record(
          {
            kind: fc.constantFrom('recurring', 'one_off', 'x'),
            rrule: fc.string(),
            cron: fc.string(),
            durationMinutes: fc.anything(),
            timezone: fc.string(),
            startsAt: fc.string(),
            endsAt: fc.string(),
          },
          { requiredKeys: [] },
        ),
        (input) => {
          const r = validateRecurrence(input);
          if (r.ok && r.value.kind === 'recurring') occurrences(r.value, at('2026-01-01T00:00:00Z'), at('2026-01-08T00:00:00Z'), 50);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('time zones', () => {
  it('resolves a local time in the spring gap forward and an ambiguous one to the earlier instant', () => {
    // London, 29 March 2026: 01:00 GMT → 02:00 BST
    expect(localDateTimeToInstant('2026-03-29T01:30', 'Europe/London')?.toISOString()).toBe('2026-03-29T01:30:00.000Z'); // = 02:30 BST
    // London, 25 October 2026: 02:00 BST → 01:00 GMT, 01:30 happens twice
    expect(localDateTimeToInstant('2026-10-25T01:30', 'Europe/London')?.toISOString()).toBe('2026-10-25T00:30:00.000Z');
    // New York, 8 March 2026 02:30 does not exist; 1 November 01:30 twice
    expect(localDateTimeToInstant('2026-03-08T02:30', 'America/New_York')?.toISOString()).toBe('2026-03-08T07:30:00.000Z'); // 03:30 EDT
    expect(localDateTimeToInstant('2026-11-01T01:30', 'America/New_York')?.toISOString()).toBe('2026-11-01T05:30:00.000Z'); // EDT
    expect(localDateTimeToInstant('2026-02-30T01:30', 'UTC')).toBeNull();
    expect(localDateTimeToInstant('soon', 'UTC')).toBeNull();
  });

  it('round-trips every instant that is not in an overlap', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2035, 0, 1) }),
        fc.constantFrom('Europe/London', 'America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe', 'UTC'),
        (ms, zone) => {
          const back = floatingToInstant(instantToFloating(new Date(ms), zone), zone).getTime();
          // in an overlap the earlier instant is taken
          expect(back === ms || back < ms).toBe(true);
          expect(instantToFloating(new Date(back), zone)).toBe(instantToFloating(new Date(ms), zone));
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('occurrences', () => {
  const fridays: RecurringRecurrence = {
    kind: 'recurring',
    rrule: 'FREQ=WEEKLY;BYDAY=FR;BYHOUR=18;BYMINUTE=0',
    durationMinutes: 60 * 60,
    timezone: 'Europe/London',
  };

  it('starts at 18:00 London time in winter and in summer, lasting 60 elapsed hours', () => {
    const winter = occurrences(fridays, at('2026-01-06T00:00:00Z'), at('2026-01-12T00:00:00Z'));
    expect(winter.map((o) => o.start.toISOString())).toEqual(['2026-01-09T18:00:00.000Z']);
    const summer = occurrences(fridays, at('2026-07-07T00:00:00Z'), at('2026-07-13T00:00:00Z'));
    expect(summer.map((o) => o.start.toISOString())).toEqual(['2026-07-10T17:00:00.000Z']);
    // the one spanning the October change (Fri 23 Oct 18:00 BST → 60 h later is Mon 26 Oct 05:00 GMT)
    const oct = occurrences(fridays, at('2026-10-24T00:00:00Z'), at('2026-10-24T00:00:01Z'));
    expect(oct).toEqual([{ start: at('2026-10-23T17:00:00Z'), end: at('2026-10-26T05:00:00Z') }]);
  });

  it('includes the occurrence that began before `from` and is still running', () => {
    const os = occurrences(fridays, at('2026-01-11T12:00:00Z'), at('2026-01-11T13:00:00Z'));
    expect(os).toEqual([{ start: at('2026-01-09T18:00:00Z'), end: at('2026-01-12T06:00:00Z') }]);
    expect(isInside(fridays, at('2026-01-12T05:59:59Z'))).toBe(true);
    expect(isInside(fridays, at('2026-01-12T06:00:00Z'))).toBe(false);
    expect(isInside(fridays, at('2026-01-09T18:00:00Z'))).toBe(true);
  });

  it('describes rules and durations for people', () => {
    expect(describeRecurrence(fridays)).toBe('Every Friday at 18:00 for 2 days 12 hours (Europe/London)');
    expect(describeRecurrence({ kind: 'recurring', rrule: 'FREQ=WEEKLY;BYDAY=TU,TH;BYHOUR=20;BYMINUTE=30', durationMinutes: 90, timezone: 'UTC' })).toBe(
      'Every Tuesday, Thursday at 20:30 for 1 hour 30 minutes (UTC)',
    );
    expect(describeRecurrence({ kind: 'recurring', cron: '0 18 * * 5', durationMinutes: 60, timezone: 'UTC' })).toBe(
      'At 18:00, only on Friday for 1 hour (UTC)',
    );
    expect(describeRecurrence({ kind: 'one_off', startsAt: at('2026-01-02T18:00:00Z'), endsAt: at('2026-01-02T20:00:00Z'), timezone: 'Europe/London' })).toBe(
      'Once, from Fri 2 Jan 2026 18:00 to Fri 2 Jan 2026 20:00 (Europe/London)',
    );
  });

  // how long it takes: npm run bench
  it('covers 90 days, even hourly', () => {
    const hourly: RecurringRecurrence = { kind: 'recurring', rrule: 'FREQ=HOURLY;BYMINUTE=15', durationMinutes: 10, timezone: 'America/New_York' };
    const os = occurrences(hourly, at('2026-02-01T00:00:00Z'), at('2026-05-02T00:00:00Z'));
    expect(os.length).toBeGreaterThan(90 * 24 - 5);
  });

  it('nextOccurrences gives the running one first, then the next ones', () => {
    const next = nextOccurrences(fridays, at('2026-01-10T00:00:00Z'), 3);
    expect(next.map((o) => o.start.toISOString())).toEqual(['2026-01-09T18:00:00.000Z', '2026-01-16T18:00:00.000Z', '2026-01-23T18:00:00.000Z']);
    const yearly: RecurringRecurrence = { kind: 'recurring', rrule: 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29', durationMinutes: 60, timezone: 'UTC' };
    expect(nextOccurrences(yearly, at('2026-01-01T00:00:00Z'), 2).map((o) => o.start.toISOString())).toEqual([
      '2028-02-29T00:00:00.000Z',
      '2032-02-29T00:00:00.000Z',
    ]);
    const once: Recurrence = { kind: 'one_off', startsAt: at('2026-05-01T00:00:00Z'), endsAt: at('2026-05-02T00:00:00Z') };
    expect(nextOccurrences(once, at('2026-01-01T00:00:00Z'), 5)).toHaveLength(1);
    expect(nextOccurrences(once, at('2026-06-01T00:00:00Z'), 5)).toHaveLength(0);
  });

  // ---- properties

  const zones = fc.constantFrom('Europe/London', 'America/New_York');
  // ranges around the 2026 March and October/November changes of both zones
  const dstRange = fc
    .tuple(
      fc.constantFrom(Date.UTC(2026, 2, 1), Date.UTC(2026, 9, 18), Date.UTC(2025, 2, 2), Date.UTC(2025, 9, 20)),
      fc.integer({ min: 0, max: 20 * DAY }),
      fc.integer({ min: 1, max: 21 * DAY }),
    )
    .map(([base, off, len]) => ({ from: new Date(base + off), to: new Date(base + off + len) }));
  const weekdays = fc.subarray(['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'], { minLength: 1 });
  // hours that exist on every day in both zones (02:xx can fall in a gap)
  const safeHour = fc.integer({ min: 0, max: 23 }).filter((h) => h !== 1 && h !== 2);
  const minute = fc.integer({ min: 0, max: 59 });
  const duration = fc.integer({ min: 1, max: 60 * 24 * 3 });

  it('preserves the local start time across DST changes; intervals are sorted and overlap the range', () => {
    fc.assert(
      fc.property(zones, dstRange, weekdays, safeHour, minute, duration, (timezone, { from, to }, days, hour, min, durationMinutes) => {
        const rec: RecurringRecurrence = {
          kind: 'recurring',
          rrule: `FREQ=WEEKLY;BYDAY=${days.join(',')};BYHOUR=${hour};BYMINUTE=${min}`,
          durationMinutes,
          timezone,
        };
        const os = occurrences(rec, from, to);
        const want = `${String(hour).padStart(2, '0')}:${String(min).padStart(2, '0')}`;
        for (let i = 0; i < os.length; i++) {
          const o = os[i]!;
          expect(localHm(o.start, timezone)).toBe(want);
          expect(o.end.getTime() - o.start.getTime()).toBe(durationMinutes * 60_000);
          expect(o.start.getTime()).toBeLessThan(to.getTime());
          expect(o.end.getTime()).toBeGreaterThan(from.getTime());
          if (i > 0) expect(o.start.getTime()).toBeGreaterThan(os[i - 1]!.start.getTime());
        }
        // every matching local day in range is present (no gaps in the series)
        const expectedDays = new Set<string>();
        for (let t = from.getTime() - durationMinutes * 60_000 - 2 * DAY; t < to.getTime() + 2 * DAY; t += DAY / 2) {
          const f = new Date(instantToFloating(new Date(t), timezone));
          const dayCode = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'][f.getUTCDay()]!;
          if (!days.includes(dayCode)) continue;
          const iso = f.toISOString().slice(0, 10);
          const start = localDateTimeToInstant(`${iso}T${want}`, timezone)!;
          if (start < to && start.getTime() + durationMinutes * 60_000 > from.getTime()) expectedDays.add(start.toISOString());
        }
        expect(os.map((o) => o.start.toISOString()).sort()).toEqual([...expectedDays].sort());
      }),
      { numRuns: 150 },
    );
  });

  it('resolves starts in the gap forward: the 01:30 window on the spring-forward day starts at 02:30 summer time', () => {
    const rec: RecurringRecurrence = { kind: 'recurring', rrule: 'FREQ=DAILY;BYHOUR=1;BYMINUTE=30', durationMinutes: 30, timezone: 'Europe/London' };
    const os = occurrences(rec, at('2026-03-28T00:00:00Z'), at('2026-03-31T00:00:00Z'));
    expect(os.map((o) => `${o.start.toISOString()} ${localHm(o.start, 'Europe/London')}`)).toEqual([
      '2026-03-28T01:30:00.000Z 01:30',
      '2026-03-29T01:30:00.000Z 02:30',
      '2026-03-30T00:30:00.000Z 01:30',
    ]);
    const autumn = occurrences(rec, at('2026-10-24T00:00:00Z'), at('2026-10-27T00:00:00Z'));
    expect(autumn.map((o) => o.start.toISOString())).toEqual(['2026-10-24T00:30:00.000Z', '2026-10-25T00:30:00.000Z', '2026-10-26T01:30:00.000Z']);
  });

  it('isInside agrees with occurrences', () => {
    fc.assert(
      fc.property(
        zones,
        weekdays,
        fc.integer({ min: 0, max: 23 }),
        minute,
        duration,
        fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2027, 0, 1) }),
        (timezone, days, hour, min, durationMinutes, ms) => {
          const rec: RecurringRecurrence = {
            kind: 'recurring',
            rrule: `FREQ=WEEKLY;BYDAY=${days.join(',')};BYHOUR=${hour};BYMINUTE=${min}`,
            durationMinutes,
            timezone,
          };
          const t = new Date(ms);
          const around = occurrences(rec, new Date(ms - 5 * DAY), new Date(ms + 5 * DAY));
          const covered = around.some((o) => o.start <= t && t < o.end);
          expect(isInside(rec, t)).toBe(covered);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('one-off windows overlap exactly when their interval does', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1000 }),
        fc.integer({ min: 1, max: 500 }),
        fc.integer({ min: 0, max: 1000 }),
        fc.integer({ min: 1, max: 500 }),
        (s, len, f, qlen) => {
          const base = Date.UTC(2026, 0, 1);
          const rec: Recurrence = { kind: 'one_off', startsAt: new Date(base + s * 60_000), endsAt: new Date(base + (s + len) * 60_000) };
          const from = new Date(base + f * 60_000);
          const to = new Date(base + (f + qlen) * 60_000);
          const os = occurrences(rec, from, to);
          expect(os.length).toBe(s < f + qlen && s + len > f ? 1 : 0);
          expect(isInside(rec, from)).toBe(s <= f && f < s + len);
        },
      ),
    );
  });

  it('moving the anchor near the query never changes the result (same as an explicit DTSTART in 2000)', () => {
    const part = fc.constantFrom(
      '',
      ';BYDAY=MO,FR',
      ';BYDAY=1SA',
      ';BYDAY=-1FR',
      ';BYMONTHDAY=15',
      ';BYMONTHDAY=-1',
      ';BYMONTH=3,10',
      ';BYHOUR=6,18',
      ';BYMINUTE=30',
      ';BYSETPOS=1;BYDAY=MO,TU',
    );
    fc.assert(
      fc.property(fc.constantFrom('YEARLY', 'MONTHLY', 'WEEKLY', 'DAILY', 'HOURLY'), part, part, zones, dstRange, (freq, a, b, timezone, { from, to }) => {
        if (a && b && a.split('=')[0] === b.split('=')[0]) return;
        const body = `FREQ=${freq}${a}${b}`;
        const moved = validateRecurrence({ kind: 'recurring', rrule: body, durationMinutes: 30, timezone });
        const fixed = validateRecurrence({ kind: 'recurring', rrule: `DTSTART:20000101T000000\nRRULE:${body}`, durationMinutes: 30, timezone });
        expect(moved.ok).toBe(fixed.ok);
        if (!moved.ok || !fixed.ok) return;
        expect(occurrences(moved.value, from, to)).toEqual(occurrences(fixed.value, from, to));
      }),
      { numRuns: 60 },
    );
    // the reference rule iterates from 2000 (HOURLY: about 230,000 steps a run): seconds of work, more on a busy machine
  }, 60_000);

  it('cron equivalents of RRULEs agree', () => {
    const cronDays = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
    fc.assert(
      fc.property(zones, dstRange, weekdays, fc.integer({ min: 0, max: 23 }), minute, duration, (timezone, { from, to }, days, hour, min, durationMinutes) => {
        const rrule: RecurringRecurrence = {
          kind: 'recurring',
          rrule: `FREQ=WEEKLY;BYDAY=${days.join(',')};BYHOUR=${hour};BYMINUTE=${min}`,
          durationMinutes,
          timezone,
        };
        const dow = days.map((d) => (cronDays.indexOf(d) + 1) % 7).join(',');
        const cron: RecurringRecurrence = { kind: 'recurring', cron: `${min} ${hour} * * ${dow}`, durationMinutes, timezone };
        expect(occurrences(cron, from, to)).toEqual(occurrences(rrule, from, to));
      }),
      { numRuns: 150 },
    );
  });
});

describe('validateOneOffText', () => {
  const examples = { startsAt: '2026-12-05T22:00', endsAt: '2026-12-06T02:00' };

  it('reads datetime-local values in the zone and ISO instants with an offset', () => {
    const r = validateOneOffText('2026-12-05T22:00', '2026-12-06T02:00Z', 'Europe/Berlin', examples);
    expect(r.ok && r.value).toEqual({ kind: 'one_off', startsAt: at('2026-12-05T21:00:00Z'), endsAt: at('2026-12-06T02:00:00Z'), timezone: 'Europe/Berlin' });
  });

  it("explains an unreadable boundary with the caller's example", () => {
    const r = validateOneOffText('next friday', 'soon', 'UTC', examples);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.startsAt).toEqual(['Enter the start as a date and time, e.g. 2026-12-05T22:00.']);
    expect(r.errors.endsAt).toEqual(['Enter the end as a date and time, e.g. 2026-12-06T02:00.']);
  });

  it("keeps the engine's message for a missing boundary", () => {
    const r = validateOneOffText('', '2026-12-06T02:00', 'UTC', examples);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.startsAt?.[0]).not.toContain('e.g. 2026-12-05T22:00');
  });
});

describe('recurrenceOfStored', () => {
  const row = { startsAt: null, endsAt: null, rrule: null, cron: null, durationMinutes: null, timezone: 'UTC' };

  it('reads one-off, RRULE and cron rows', () => {
    expect(recurrenceOfStored({ ...row, kind: 'one_off', startsAt: at('2026-12-01T00:00:00Z'), endsAt: at('2026-12-02T00:00:00Z') })).toEqual({
      kind: 'one_off',
      startsAt: at('2026-12-01T00:00:00Z'),
      endsAt: at('2026-12-02T00:00:00Z'),
      timezone: 'UTC',
    });
    expect(recurrenceOfStored({ ...row, kind: 'recurring', rrule: 'FREQ=WEEKLY;BYDAY=FR;BYHOUR=18;BYMINUTE=0', durationMinutes: 60 })).toMatchObject({
      kind: 'recurring',
      durationMinutes: 60,
    });
    expect(recurrenceOfStored({ ...row, kind: 'recurring', cron: '0 18 * * 5', durationMinutes: 60 })).toMatchObject({ kind: 'recurring', cron: '0 18 * * 5' });
  });

  it('gives null for unusable rows (a window row has no cron column)', () => {
    const { cron: _cron, ...windowRow } = row;
    expect(recurrenceOfStored({ ...windowRow, kind: 'recurring', durationMinutes: 60 })).toBeNull();
    expect(recurrenceOfStored({ ...row, kind: 'recurring', rrule: 'FREQ=WEEKLY' })).toBeNull();
    expect(recurrenceOfStored({ ...row, kind: 'one_off', startsAt: at('2026-12-01T00:00:00Z') })).toBeNull();
    expect(recurrenceOfStored({ ...row, kind: 'recurring', rrule: 'NOT A RULE', durationMinutes: 60 })).toBeNull();
  });
});
