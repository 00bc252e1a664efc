import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CSV_BOM, csvCell, csvFileName, csvLine, neutralizeFormula, toCsv } from '@/lib/domain/csv';
import { parseCsv } from '../support/csv';

describe('csvCell', () => {
  it('quotes quotes, commas and line breaks', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('cr\rhere')).toBe('"cr\rhere"');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(42)).toBe('42');
    expect(csvCell(-3)).toBe('-3');
  });
  it('neutralizes cells a spreadsheet would run as a formula', () => {
    for (const evil of ['=1+1', '+1', '-2+3', '@SUM(A1)', '\t=cmd', '\r=cmd']) {
      expect(neutralizeFormula(evil)).toBe(`'${evil}`);
    }
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe('"\'=HYPERLINK(""http://x"",""y"")"');
    expect(neutralizeFormula('a=b')).toBe('a=b');
    expect(neutralizeFormula('')).toBe('');
  });
});

describe('toCsv', () => {
  it('starts with the BOM and ends each record with CRLF', () => {
    const doc = toCsv(['key', 'title'], [['REL-1', 'One, two']]);
    expect(doc).toBe(`${CSV_BOM}key,title\r\nREL-1,"One, two"\r\n`);
    expect(csvLine([])).toBe('\r\n');
  });
  it('reads back as the values written, apart from the formula prefix', () => {
    const text = fc.string({ unit: 'binary', maxLength: 40 });
    fc.assert(
      fc.property(fc.array(fc.array(text, { minLength: 1, maxLength: 6 }), { maxLength: 8 }), (rows) => {
        const width = Math.max(1, ...rows.map((r) => r.length));
        const header = Array.from({ length: width }, (_, i) => `c${i}`);
        const padded = rows.map((r) => [...r, ...Array<string>(width - r.length).fill('')]);
        const doc = toCsv(header, padded);
        expect(doc.startsWith(CSV_BOM)).toBe(true);
        const parsed = parseCsv(doc.slice(CSV_BOM.length));
        expect(parsed).toEqual([header, ...padded.map((r) => r.map(neutralizeFormula))]);
        // no parsed cell can start a formula
        for (const r of parsed) for (const cell of r) expect(/^[=+\-@\t\r]/.test(cell)).toBe(false);
      }),
    );
  });
});

describe('csvFileName', () => {
  it('names the export and the UTC day', () => {
    expect(csvFileName('releases', new Date('2026-12-06T23:30:00Z'))).toBe('relm-releases-2026-12-06.csv');
    expect(csvFileName('audit"\r\nx', new Date('2026-12-06T00:00:00Z'))).toBe('relm-auditx-2026-12-06.csv');
  });
});
