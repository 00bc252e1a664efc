import { describe, expect, it, vi } from 'vitest';
import {
  formatCount,
  formatDateTime,
  formatMinutes,
  formatWhen,
  formatWhenBeside,
  formatWindow,
  formatWindowFor,
  otherZoneNote,
  safeLocale,
} from '@/components/format';
import { instantForReader, rangeForReader } from '@/lib/domain/zoned-time';

// Every time is shown in the viewer's zone with the zone named, and in their locale
// (docs/decisions/050-one-time-zone-per-person.md).

const paris = { timeZone: 'Europe/Paris', locale: 'en-GB' };
const london = { timeZone: 'Europe/London', locale: 'en-GB' };
const AT = '2026-12-08T09:00:00Z'; // 10:00 in Paris (CET), 09:00 in London (GMT)

describe('formatWhen', () => {
  it('writes the moment in the viewer’s zone and names the zone', () => {
    expect(formatWhen(AT, paris, { weekday: true })).toBe('Tue, 8 Dec 2026, 10:00 CET');
    expect(formatWhen(AT, london, { weekday: false })).toBe('8 Dec 2026, 09:00 GMT');
    expect(formatWhen(AT, { timeZone: 'America/New_York', locale: 'en-GB' }, { weekday: false })).toBe('8 Dec 2026, 04:00 GMT-5');
    expect(formatWhen(null, paris)).toBe('—');
  });

  it('follows the locale it is given, and falls back to en-GB for one Intl does not know', () => {
    expect(formatWhen(AT, { timeZone: 'Europe/Paris', locale: 'fr' }, { weekday: true })).toBe('mar. 8 déc. 2026, 10:00 UTC+1');
    expect(formatDateTime(AT, 'Europe/Paris', { weekday: false }, 'fr')).toBe('8 déc. 2026, 10:00');
    expect(safeLocale('xx-not-a-locale-!')).toBe('en-GB');
    expect(formatCount(12345, 'fr')).toBe('12\u202f345');
    expect(formatCount(12345)).toBe('12,345');
  });

  it('builds each formatter once per locale, zone and shape', () => {
    formatWhen(AT, { timeZone: 'Asia/Kathmandu', locale: 'de' });
    const spy = vi.spyOn(Intl, 'DateTimeFormat');
    try {
      for (let i = 0; i < 5; i++) formatWhen(AT, { timeZone: 'Asia/Kathmandu', locale: 'de' });
      expect(spy).not.toHaveBeenCalled();
    } finally {
      spy.mockRestore();
    }
  });
});

describe('the record’s own zone beside the viewer’s', () => {
  it('is shown only where its wall clock differs', () => {
    expect(formatWhenBeside(AT, paris, 'Europe/London', { weekday: true })).toBe('Tue, 8 Dec 2026, 10:00 CET (09:00 GMT, the release’s zone Europe/London)');
    expect(otherZoneNote(AT, london, 'Europe/London')).toBeNull();
    // same instant, same wall clock and name under another zone id: nothing to add
    expect(otherZoneNote(AT, london, 'Europe/Guernsey')).toBeNull();
    expect(otherZoneNote(AT, paris, null)).toBeNull();
    // UTC and London in winter read 09:00 alike: the other zone's name alone is not worth a note
    expect(otherZoneNote(AT, { timeZone: 'UTC', locale: 'en-GB' }, 'Europe/London')).toBeNull();
    expect(otherZoneNote('2026-07-08T09:00:00Z', { timeZone: 'UTC', locale: 'en-GB' }, 'Europe/London')).toBe('10:00 BST, the release’s zone Europe/London');
  });

  it('names the other day when the record’s zone is on another date', () => {
    expect(otherZoneNote('2026-12-08T23:30:00Z', london, 'Asia/Tokyo')).toBe('9 Dec 2026, 08:30 GMT+9, the release’s zone Asia/Tokyo');
  });

  it('shows a window in the viewer’s zone with the release’s times beside it', () => {
    expect(formatWindowFor('2026-12-08T09:00:00Z', '2026-12-08T11:00:00Z', paris, 'Europe/London', { weekday: true })).toEqual({
      text: 'Tue, 8 Dec 2026, 10:00–12:00 CET',
      note: '09:00–11:00 GMT, the release’s zone Europe/London',
    });
    expect(formatWindowFor('2026-12-08T09:00:00Z', '2026-12-08T11:00:00Z', london, 'Europe/London', { weekday: false })).toEqual({
      text: '8 Dec 2026, 09:00–11:00 GMT',
      note: null,
    });
    expect(formatWindowFor(null, null, london, 'UTC')).toBeNull();
  });
});

describe('in French', () => {
  const parisFr = { timeZone: 'Europe/Paris', locale: 'fr-FR' };

  it('names the other zone, the open ends of a window and durations in French', () => {
    expect(formatWhenBeside(AT, parisFr, 'Europe/London', { weekday: true })).toBe(
      'mar. 8 déc. 2026, 10:00 UTC+1 (09:00 UTC+0, fuseau de la mise en production Europe/London)',
    );
    expect(otherZoneNote(AT, parisFr, 'Europe/London', 'freeze')).toBe('09:00 UTC+0, fuseau du gel Europe/London');
    expect(formatWindow(AT, null, 'Europe/Paris', { weekday: false }, 'fr-FR')).toBe('à partir du 8 déc. 2026, 10:00');
    expect(formatWindow(null, AT, 'Europe/Paris', { weekday: false }, 'fr-FR')).toBe('jusqu’au 8 déc. 2026, 10:00');
    expect(formatMinutes(3 * 1440 + 120, 'fr-FR')).toBe('3 j 2 h');
    expect(formatMinutes(90, 'fr-FR')).toBe('1 h 30 min');
    expect(formatMinutes(3 * 1440 + 120)).toBe('3 d 2 h');
    expect(formatMinutes(0)).toBe('0 min');
  });

  it('keeps English for a viewer in English', () => {
    expect(formatWindow(AT, null, 'Europe/Paris', { weekday: false })).toBe('from 8 Dec 2026, 10:00');
    expect(otherZoneNote(AT, paris, 'Europe/London', 'window')).toBe('09:00 GMT, the window’s zone Europe/London');
  });
});

describe('times written to one reader (notifications, e-mails)', () => {
  it('name the reader’s zone and add the release’s where it differs', () => {
    const w = { start: new Date('2027-03-10T14:00:00Z'), end: new Date('2027-03-10T16:00:00Z') };
    expect(rangeForReader(w, 'America/New_York', 'Europe/London')).toBe('10 Mar 09:00–11:00 GMT-5 (14:00–16:00 GMT, the release’s zone Europe/London)');
    expect(rangeForReader(w, 'Europe/London', 'Europe/London')).toBe('10 Mar 14:00–16:00 GMT');
    expect(rangeForReader(w, 'Not/AZone', 'UTC')).toBe('10 Mar 14:00–16:00 UTC');
    expect(rangeForReader(w, 'UTC', 'Europe/London')).toBe('10 Mar 14:00–16:00 UTC');
    expect(instantForReader(new Date('2026-12-04T16:59:24Z'), 'Europe/Paris')).toBe('4 Dec 2026 17:59 CET');
  });
});
