import { describe, expect, it, vi } from 'vitest';
import { formatCount, formatDateTime, plural, safeZone } from '@/components/format';

// Formatters and zone checks are built once per process (building an Intl formatter was the
// hottest code of a full dashboard); the answers must not change with the cache.

describe('safeZone', () => {
  it('keeps a zone Intl accepts and answers UTC for a bad or missing one, the same on every call', () => {
    for (let i = 0; i < 3; i++) {
      expect(safeZone('Europe/Berlin')).toBe('Europe/Berlin');
      expect(safeZone('Not/AZone')).toBe('UTC');
      expect(safeZone(null)).toBe('UTC');
      expect(safeZone('')).toBe('UTC');
    }
  });

  it('asks Intl once per zone', () => {
    const spy = vi.spyOn(Intl, 'DateTimeFormat');
    try {
      const zone = 'America/Argentina/Ushuaia';
      safeZone(zone);
      safeZone(zone);
      safeZone(zone);
      expect(spy.mock.calls.filter((c) => (c[1] as Intl.DateTimeFormatOptions | undefined)?.timeZone === zone)).toHaveLength(1);
    } finally {
      spy.mockRestore();
    }
  });

  it('formats in the zone it was given, and in UTC for a bad one', () => {
    expect(formatDateTime('2026-07-01T10:00:00Z', 'Europe/Berlin', { weekday: false })).toBe('1 Jul 2026, 12:00');
    expect(formatDateTime('2026-07-01T10:00:00Z', 'Not/AZone', { weekday: false })).toBe('1 Jul 2026, 10:00');
  });
});

describe('formatCount', () => {
  it('groups thousands in the fixed locale', () => {
    expect(formatCount(100_000)).toBe('100,000');
    expect(formatCount(7)).toBe('7');
    expect(plural(1_000, 'release')).toBe('1,000 releases');
    expect(plural(1, 'release')).toBe('1 release');
  });
});
