import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatWorkItemLines, httpUrl, MAX_WORK_ITEMS, parseWorkItemLines } from '@/lib/domain/work-items';

describe('parseWorkItemLines', () => {
  it('reads key, optional title and optional link, skipping blank lines', () => {
    const r = parseWorkItemLines('PAY-1 Faster refunds https://jira.example/PAY-1\r\n\n  PAY-2  \nOPS-7 Rotate keys\nINC-9 http://x.example/9');
    expect(r.errors).toEqual([]);
    expect(r.items).toEqual([
      { key: 'PAY-1', title: 'Faster refunds', url: 'https://jira.example/PAY-1' },
      { key: 'PAY-2' },
      { key: 'OPS-7', title: 'Rotate keys' },
      { key: 'INC-9', url: 'http://x.example/9' },
    ]);
    expect(r.lines).toEqual([1, 3, 4, 5]);
  });

  it('names the line of each problem', () => {
    expect(parseWorkItemLines('PAY-5 Fix foo:').items).toEqual([{ key: 'PAY-5', title: 'Fix foo:' }]);
    const r = parseWorkItemLines('PAY-1 ok\n!!! bad key\nPAY-3 Title javascript:alert(1)\nPAY-4 t ftp://x');
    expect(r.items).toEqual([{ key: 'PAY-1', title: 'ok' }]);
    expect(r.errors).toHaveLength(3);
    expect(r.errors[0]).toMatch(/^Line 2: .*not a work item key/);
    expect(r.errors[1]).toMatch(/^Line 3: .*not an http or https link/);
    expect(r.errors[2]).toMatch(/^Line 4: /);
  });

  it('refuses more than the maximum number of items', () => {
    const text = Array.from({ length: MAX_WORK_ITEMS + 1 }, (_, i) => `K-${i}`).join('\n');
    expect(parseWorkItemLines(text).errors.at(-1)).toMatch(/at most 100/);
  });

  it('only accepts http and https links', () => {
    expect(httpUrl('https://a.example/x')).toBe('https://a.example/x');
    expect(httpUrl('javascript:alert(1)')).toBeNull();
    expect(httpUrl('data:text/html,hi')).toBeNull();
    expect(httpUrl('not a url')).toBeNull();
  });

  it('never throws, and every item or error comes from a non-blank line', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (text) => {
        const r = parseWorkItemLines(text);
        const nonBlank = text.split(/\r\n|\r|\n/).filter((l) => l.trim()).length;
        expect(r.items.length + r.errors.filter((e) => e.startsWith('Line')).length).toBe(nonBlank);
        for (const item of r.items) expect(item.key).not.toMatch(/\s/);
      }),
    );
  });

  it('round-trips what it formats', () => {
    const key = fc.stringMatching(/^[A-Z][A-Z0-9]{0,5}-[1-9][0-9]{0,4}$/);
    const title = fc.option(fc.stringMatching(/^[A-Za-z][A-Za-z ]{0,20}[a-z]$/), { nil: undefined });
    const url = fc.option(fc.constantFrom('https://jira.example/browse/X-1', 'http://t.example/1'), { nil: undefined });
    fc.assert(
      fc.property(fc.array(fc.record({ key, title, url }), { maxLength: 20 }), (items) => {
        const clean = items.map((w) => ({ key: w.key, ...(w.title ? { title: w.title.replace(/\s+/g, ' ') } : {}), ...(w.url ? { url: w.url } : {}) }));
        const r = parseWorkItemLines(formatWorkItemLines(clean));
        expect(r.errors).toEqual([]);
        expect(r.items).toEqual(clean);
      }),
    );
  });
});
