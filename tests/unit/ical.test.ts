import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildCalendar, escapeText, foldLine, formatUtc, parseCalendar, parseLines, parseUtc, unescapeText, type IcalEvent } from '@/lib/domain/ical';

const octets = (s: string) => new TextEncoder().encode(s).length;

describe('escapeText', () => {
  it('escapes backslash, semicolon, comma and newlines', () => {
    expect(escapeText('a\\b;c,d\ne\r\nf')).toBe('a\\\\b\\;c\\,d\\ne\\nf');
    expect(escapeText('bell\u0007 and nul\u0000')).toBe('bell and nul');
  });
  it('round-trips any text without control characters', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (s) => {
        const clean = s.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '');
        const escaped = escapeText(s);
        expect(escaped).not.toMatch(/[\r\n]/);
        expect(unescapeText(escaped)).toBe(clean);
      }),
    );
  });
});

describe('foldLine', () => {
  it('leaves short lines alone and folds long ones at 75 octets with a leading space', () => {
    expect(foldLine('SUMMARY:short')).toBe('SUMMARY:short');
    const long = `DESCRIPTION:${'x'.repeat(200)}`;
    const folded = foldLine(long);
    const parts = folded.split('\r\n');
    expect(parts.length).toBeGreaterThan(2);
    expect(parts.every((p) => octets(p) <= 75)).toBe(true);
    expect(parts.slice(1).every((p) => p.startsWith(' '))).toBe(true);
    expect(parts.map((p, i) => (i ? p.slice(1) : p)).join('')).toBe(long);
  });
  it('never splits a multi-byte character and unfolds to the original', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), (s) => {
        const line = `SUMMARY:${escapeText(s)}`;
        const folded = foldLine(line);
        for (const p of folded.split('\r\n')) {
          expect(octets(p)).toBeLessThanOrEqual(75);
          expect(p).not.toContain('\uFFFD');
        }
        expect(folded.replace(/\r\n /g, '')).toBe(line);
      }),
    );
  });
});

describe('buildCalendar', () => {
  const event: IcalEvent = {
    uid: 'rel-12-production@relm',
    dtstamp: new Date('2026-11-23T10:00:00Z'),
    start: new Date('2026-11-25T20:00:00Z'),
    end: new Date('2026-11-25T22:30:00Z'),
    summary: 'REL-12 Billing; ledger, retries (production)',
    description: `Status: Approved\nOwner: Ann\n${'Long text with ünïcödé 🚀 '.repeat(10)}`,
    url: 'https://relm.example/releases/REL-12',
    status: 'CONFIRMED',
    categories: ['Release', 'production'],
  };

  it('writes a valid VCALENDAR that parses back', () => {
    const text = buildCalendar({
      prodId: '-//Relm//Release calendar//EN',
      name: 'Relm releases',
      events: [event, { ...event, uid: 'freeze-x@relm', summary: 'Freeze: Year end', transp: 'OPAQUE', status: undefined, categories: ['Freeze'] }],
    });
    expect(text.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of text.split('\r\n')) expect(octets(line)).toBeLessThanOrEqual(75);
    const cal = parseCalendar(text);
    expect(cal.properties).toMatchObject({ VERSION: '2.0', PRODID: '-//Relm//Release calendar//EN', 'X-WR-CALNAME': 'Relm releases' });
    expect(cal.events).toHaveLength(2);
    const [rel, freeze] = cal.events;
    expect(rel).toMatchObject({
      UID: 'rel-12-production@relm',
      DTSTART: '20261125T200000Z',
      DTEND: '20261125T223000Z',
      DTSTAMP: '20261123T100000Z',
      SUMMARY: event.summary,
      DESCRIPTION: event.description,
      URL: event.url,
      STATUS: 'CONFIRMED',
      CATEGORIES: 'Release,production',
    });
    expect(parseUtc(rel!.DTSTART!)).toEqual(event.start);
    expect(freeze).toMatchObject({ SUMMARY: 'Freeze: Year end', TRANSP: 'OPAQUE' });
    expect(freeze!.STATUS).toBeUndefined();
    // every BEGIN has its END
    const names = parseLines(text)
      .filter((l) => l.name === 'BEGIN' || l.name === 'END')
      .map((l) => `${l.name}:${l.value}`);
    expect(names).toEqual(['BEGIN:VCALENDAR', 'BEGIN:VEVENT', 'END:VEVENT', 'BEGIN:VEVENT', 'END:VEVENT', 'END:VCALENDAR']);
  });

  it('drops URLs that could break the line and never writes an end before the start', () => {
    const text = buildCalendar({ prodId: 'p', name: 'n', events: [{ ...event, url: 'javascript:alert(1)\r\nX:1', end: new Date('2026-11-01T00:00:00Z') }] });
    const [e] = parseCalendar(text).events;
    expect(e!.URL).toBeUndefined();
    expect(e!.DTEND).toBe(e!.DTSTART);
    expect(text).not.toContain('X:1');
  });

  it('hostile summaries cannot inject properties or components', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 120 }), (s) => {
        const text = buildCalendar({ prodId: 'p', name: s, events: [{ ...event, summary: `x\r\nEND:VEVENT\r\nBEGIN:VEVENT${s}`, description: s }] });
        const cal = parseCalendar(text);
        expect(cal.events).toHaveLength(1);
        expect(cal.events[0]!.UID).toBe(event.uid);
      }),
    );
  });

  it('formats UTC times', () => {
    expect(formatUtc(new Date('2026-03-29T01:30:05.123Z'))).toBe('20260329T013005Z');
    expect(parseUtc('20260329T013005Z')?.toISOString()).toBe('2026-03-29T01:30:05.000Z');
    expect(parseUtc('nope')).toBeNull();
  });
});
