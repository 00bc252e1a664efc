import { CalendarDate, CalendarDateTime } from '@internationalized/date';
import { createElement } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { DateField, normalizeFieldValue } from '@/components/ui/date-field';
import { fieldValueOf, parseFieldValue } from '@/components/ui/date-picker-field';
import { setTestLocale } from '@/tests/support/intl-config';
import { renderToString } from '@/tests/support/render';

// The date field (components/ui/date-field.tsx, decision 059) as the server renders it: the
// first paint shows the value in the reader's order (day/month/year, 24 hours) and the form
// already holds the ISO value. Typing is tested in date-field-typing.test.ts (a DOM).

/** The segments' types and texts in document order: [['day', '24'], ['literal', '/'], …]. */
function segments(html: string): [string, string][] {
  return [...html.matchAll(/<span[^>]*data-type="(\w+)"[^>]*>([^<]*)<\/span>/g)].map((m) => [m[1]!, m[2]!]);
}

const editable = (html: string) => segments(html).filter(([type]) => type !== 'literal');

afterEach(() => setTestLocale('en'));

describe('date field', () => {
  it('shows a date and time day first, in 24 hours, in English and in French', async () => {
    for (const locale of ['en', 'fr'] as const) {
      setTestLocale(locale);
      const html = await renderToString(createElement(DateField, { name: 'plannedStart', label: 'Starts', withTime: true, defaultValue: '2040-12-24T18:05' }));
      expect(editable(html)).toEqual([
        ['day', '24'],
        ['month', '12'],
        ['year', '2040'],
        ['hour', '18'],
        ['minute', '05'],
      ]);
      expect(html).not.toMatch(/data-type="dayPeriod"/);
      expect(html).toContain('<input type="hidden" name="plannedStart" value="2040-12-24T18:05"/>');
    }
  });

  it('shows a date as dd/mm/yyyy and submits YYYY-MM-DD under its name', async () => {
    setTestLocale('fr');
    const html = await renderToString(createElement(DateField, { id: 'filter-from', name: 'from', label: 'Du', defaultValue: '2026-03-05' }));
    expect(
      segments(html)
        .map(([, text]) => text)
        .join(''),
    ).toBe('05/03/2026');
    expect(html).toContain('name="from" value="2026-03-05"');
    // the buttons' words come from the catalogue (ui.dateField)
    expect(html).toContain('Choisir une date');
    expect(html).toContain('Effacer la date');
  });

  it('wires the label, hint and error as the other fields do', async () => {
    const html = await renderToString(
      createElement(DateField, { id: 'rehearsal-at', name: 'at', label: 'Rehearsed on', hint: 'The day it ran', errors: ['Enter a date.'], required: true }),
    );
    // the field is the group named by the label, described by the hint and the error
    const group = /<div[^>]*role="group"[^>]*>/.exec(html)?.[0] ?? '';
    expect(group).toContain('id="rehearsal-at"');
    expect(group).toMatch(/aria-describedby="[^"]*rehearsal-at-hint rehearsal-at-error/);
    const labelId = /aria-labelledby="([^"]+)"/.exec(group)?.[1];
    expect(html).toContain(`id="${labelId}"`);
    expect(html).toMatch(new RegExp(`<span[^>]*id="${labelId}"[^>]*>Rehearsed on</span>`));
    expect(html).toContain('<p id="rehearsal-at-hint"');
    expect(html).toContain('<p id="rehearsal-at-error"');
    // the segments are marked invalid, so a refused form moves focus to the first of them
    expect(html).toMatch(/<span[^>]*aria-invalid="true"[^>]*data-type="day"/);
    // no element but the group is named by the label (one match per field for getByLabel)
    const referencing = [...html.matchAll(/aria-labelledby="([^"]+)"/g)].filter((m) => m[1]!.split(' ').includes(labelId!));
    expect(referencing).toHaveLength(1);
    // empty and required: no clear button, an empty value
    expect(html).not.toContain('Clear the date');
    expect(html).toContain('name="at" value=""');
  });

  it('reads and writes the values of the inputs it replaces', () => {
    expect(parseFieldValue('2040-12-24T00:00', true)).toEqual(new CalendarDateTime(2040, 12, 24, 0, 0));
    expect(parseFieldValue('2040-12-24T10:30:45', true)).toEqual(new CalendarDateTime(2040, 12, 24, 10, 30));
    expect(parseFieldValue('2040-12-24', false)).toEqual(new CalendarDate(2040, 12, 24));
    for (const bad of ['', '2026-02-30', '24/12/2040', '2040-12-24T25:00', '2040-12-24T10:00']) expect(parseFieldValue(bad, false)).toBeNull();
    expect(parseFieldValue('2040-12-24', true)).toBeNull();
    expect(fieldValueOf(new CalendarDateTime(2040, 1, 2, 3, 4), true)).toBe('2040-01-02T03:04');
    expect(fieldValueOf(new CalendarDate(2040, 1, 2), false)).toBe('2040-01-02');
    expect(fieldValueOf(new CalendarDate(2040, 1, 2), true)).toBe('2040-01-02T00:00');
    expect(fieldValueOf(null, true)).toBe('');
    // the value the form holds before the field's script runs, and after a script sets it
    expect(normalizeFieldValue('2040-12-24T10:30:45', true)).toBe('2040-12-24T10:30');
    expect(normalizeFieldValue('2041-02-29', false)).toBe('');
    expect(normalizeFieldValue('2036-02-29', false)).toBe('2036-02-29');
    for (const bad of ['', '2026-02-30', '24/12/2040', '2040-12-24T24:00', '2040-12-24', '0000-01-01T00:00']) expect(normalizeFieldValue(bad, true)).toBe('');
  });
});
