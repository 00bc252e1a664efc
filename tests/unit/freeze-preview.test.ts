import { describe, expect, it } from 'vitest';
import { previewWithoutEngine, type FreezeDraft } from '@/components/freezes/freeze-draft';
import { previewOf } from '@/components/freezes/freeze-preview';
import { isValidTimeZone } from '@/lib/domain/recurrence';

// The freeze form answers some drafts without loading the recurrence engine
// (freeze-draft.ts) and the rest with it (freeze-preview.ts): both must say the same.

const recurring: FreezeDraft = {
  kind: 'recurring',
  startsAt: '',
  endsAt: '',
  rrule: 'FREQ=WEEKLY;BYDAY=FR;BYHOUR=18;BYMINUTE=0',
  cron: '',
  durationMinutes: '3600',
  timezone: 'Europe/London',
};
const oneOff: FreezeDraft = { ...recurring, kind: 'one_off', rrule: '', startsAt: '2026-12-24T00:00', endsAt: '2027-01-02T00:00' };
const now = new Date('2026-12-01T12:00:00Z');

describe('freeze preview', () => {
  it('describes a recurring rule and lists the next five occurrences in the zone', () => {
    expect(previewWithoutEngine(recurring)).toBeNull();
    const p = previewOf(recurring, now);
    expect(p).toMatchObject({ description: 'Every Friday at 18:00 for 2 days 12 hours (Europe/London)', zone: 'Europe/London' });
    expect('next' in p && p.next.map((o) => o.start)).toEqual([
      '2026-12-04T18:00:00.000Z',
      '2026-12-11T18:00:00.000Z',
      '2026-12-18T18:00:00.000Z',
      '2026-12-25T18:00:00.000Z',
      '2027-01-01T18:00:00.000Z',
    ]);
  });

  it('describes a cron rule and a one-off window', () => {
    expect(previewWithoutEngine({ ...recurring, rrule: '', cron: '0 18 * * 5' })).toBeNull();
    expect(previewOf({ ...recurring, rrule: '', cron: '0 18 * * 5' }, now)).toMatchObject({ description: expect.stringMatching(/18:00.*Friday/) });
    expect(previewWithoutEngine(oneOff)).toBeNull();
    expect(previewOf(oneOff, now)).toMatchObject({ description: expect.stringMatching(/^Once, from /), next: [{ start: '2026-12-24T00:00:00.000Z' }] });
  });

  it('answers incomplete drafts without the engine, with the same words as the engine', () => {
    const cases: [FreezeDraft, string][] = [
      [{ ...recurring, timezone: 'Mars/Olympus' }, 'Choose a known time zone to see a preview.'],
      [{ ...recurring, timezone: `Europe/${'x'.repeat(70)}` }, 'Choose a known time zone to see a preview.'],
      [{ ...recurring, rrule: '  ', cron: '' }, 'Enter a rule to see a preview.'],
      [{ ...oneOff, endsAt: '' }, 'Enter the start and the end to see a preview.'],
      [{ ...oneOff, startsAt: ' ' }, 'Enter the start and the end to see a preview.'],
    ];
    for (const [draft, problem] of cases) {
      expect(previewWithoutEngine(draft)).toEqual({ problem });
      expect(previewOf(draft, now)).toEqual({ problem });
    }
    // an empty zone means UTC
    expect(previewWithoutEngine({ ...recurring, timezone: ' ' })).toBeNull();
    expect(previewOf({ ...recurring, timezone: ' ' }, now)).toMatchObject({ zone: 'UTC' });
  });

  it("the engine-free zone check agrees with the engine's", () => {
    for (const zone of ['UTC', 'Europe/London', 'America/Argentina/Buenos_Aires', 'Etc/GMT+5', 'europe/london', 'Mars/Olympus', 'GMT+1', 'Nowhere', '+01:00']) {
      const early = previewWithoutEngine({ ...recurring, timezone: zone });
      expect(early === null, zone).toBe(isValidTimeZone(zone));
    }
  });

  it('refuses rules the engine cannot read, with its explanation', () => {
    const p = previewOf({ ...recurring, rrule: 'FREQ=SOMETIMES' }, now);
    expect(p).toMatchObject({ problem: expect.stringContaining('FREQ must be one of') });
  });
});
