import { createElement } from 'react';
import { describe, expect, it } from 'vitest';
import { Markdown, safeHref } from '@/components/ui/markdown';
import { renderToString } from '@/tests/support/render';

// Decision 052: what people write is shown as Markdown without letting it run script, fetch
// from other sites or break the page outline.

// under the test's next-intl provider: the link and image words come from the catalogue
const render = (text: string, mentions?: string[]) => renderToString(createElement(Markdown, { text, mentions }));

describe('Markdown', () => {
  it('makes http(s) links clickable, opening elsewhere without opener, referrer or ranking', async () => {
    const html = await render('See [the runbook](https://wiki.example.com/runbook) now');
    expect(html).toContain('href="https://wiki.example.com/runbook"');
    expect(html).toContain('rel="noopener noreferrer nofollow"');
    expect(html).toContain('target="_blank"');
  });

  it('keeps same-site paths as plain links', async () => {
    const html = await render('[REL-7](/releases/REL-7)');
    expect(html).toContain('href="/releases/REL-7"');
    expect(html).not.toContain('target=');
  });

  it.each([
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    ' javascript:alert(1)',
    'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
    'vbscript:msgbox(1)',
    '//evil.example.com/x',
  ])('drops the link target %s and keeps the words', async (url) => {
    const html = await render(`[click me](${url})`);
    expect(html).toContain('click me');
    expect(html).not.toContain('href');
    expect(html.toLowerCase()).not.toContain('javascript:');
    expect(html).not.toContain('data:');
  });

  it('drops javascript: in autolinks and reference links', async () => {
    const html = await render('[x][r]\n\n[r]: javascript:alert(1)\n\n<javascript:alert(2)>');
    expect(html).not.toContain('href');
    expect(html).toContain('x');
  });

  it('shows no raw HTML', async () => {
    const html = await render(
      'Hello <script>alert(1)</script> <img src=x onerror=alert(1)> <b onclick="x()">bold</b>\n\n<div style="position:fixed">overlay</div>',
    );
    expect(html).not.toContain('<script');
    expect(html).not.toContain('onerror');
    expect(html).not.toContain('onclick');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('position:fixed');
  });

  it('never fetches an image: image syntax becomes a link named by its alt text', async () => {
    const html = await render('![deploy graph](https://cdn.example.com/graph.png)');
    expect(html).not.toContain('<img');
    expect(html).toContain('href="https://cdn.example.com/graph.png"');
    expect(html).toContain('Image: deploy graph');
    expect(render('![pixel](javascript:alert(1))')).not.toContain('href');
  });

  it('demotes headings so they cannot break the page outline', async () => {
    const html = await render('# Big\n\n## Smaller\n\n###### Least');
    expect(html).not.toMatch(/<h[1-6]/);
    expect(html).toContain('<p class="font-semibold text-gray-900">Big</p>');
  });

  it('puts code blocks in their own scrolling region', async () => {
    const html = await render('```\n' + 'x'.repeat(400) + '\n```');
    expect(html).toMatch(/<pre tabindex="0" class="[^"]*overflow-x-auto/);
  });

  it('highlights known mentions but not inside links or code', async () => {
    const html = await render('Thanks @priya.shah and @nobody, see `@priya.shah` and [@priya.shah](https://x.example.com)', ['priya.shah']);
    expect(html.match(/data-mention="priya.shah"/g)).toHaveLength(1);
    expect(html).toContain('@nobody');
  });
});

describe('safeHref', () => {
  it('allows http, https, mailto and relative links only', () => {
    expect(safeHref('https://a.example')).toBe('https://a.example');
    expect(safeHref('mailto:a@example.com')).toBe('mailto:a@example.com');
    expect(safeHref('/releases')).toBe('/releases');
    expect(safeHref('#top')).toBe('#top');
    expect(safeHref('ftp://x')).toBeNull();
    expect(safeHref('data:image/png;base64,AAAA')).toBeNull();
    expect(safeHref('')).toBeNull();
  });
});
