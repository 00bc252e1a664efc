import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emailSubject, escapeHtml, renderEmail, safeLinkUrl, type EmailContent } from '@/lib/domain/email-render';

const message: EmailContent = {
  releaseKey: 'REL-12',
  subject: 'REL-12 waits for your approval: Billing 4.13',
  summary: 'Ana Owner asks you to approve REL-12 before Friday.',
  lines: ['Ana Owner asked the CAB to approve this release.', 'The window opens on Friday at 18:00.'],
  facts: [
    { label: 'Window', value: 'Fri 11 Dec 2026, 18:00–20:00 (Europe/Berlin)' },
    { label: 'Risk', value: 'High' },
  ],
  action: { label: 'Open the approval card', url: 'https://relm.example.com/releases/REL-12/approvals#card' },
  settingsUrl: 'https://relm.example.com/profile/notifications',
  unsubscribeUrl: 'https://relm.example.com/unsubscribe?token=abc.def',
};

// The tags and attributes the template writes. Anything else in the HTML would have come
// from a value that escaped its escaping.
const TAGS = new Set(['!doctype', 'html', 'head', 'meta', 'title', 'body', 'div', 'table', 'tbody', 'tr', 'th', 'td', 'h1', 'p', 'a', 'br']);
const ATTRIBUTES = new Set(['lang', 'charset', 'name', 'content', 'style', 'role', 'scope', 'href', 'aria-hidden', 'html']);
const TAG = /<\/?([a-zA-Z!][^\s>/]*)((?:\s+[^\s="'<>/]+(?:="[^"<>]*")?)*)\s*>/g;

/** Every tag and attribute in the HTML, or a failure naming what does not belong. */
function assertOnlyTemplateMarkup(html: string): { hrefs: string[] } {
  const hrefs: string[] = [];
  const rest = html.replace(TAG, (_tag, name: string, attrs: string) => {
    expect(TAGS, `unexpected tag <${name}>`).toContain(name.toLowerCase());
    for (const m of attrs.matchAll(/\s+([^\s=]+)(?:="([^"]*)")?/g)) {
      expect(ATTRIBUTES, `unexpected attribute ${m[1]} on <${name}>`).toContain(m[1]!.toLowerCase());
      if (m[1] === 'href') hrefs.push(m[2]!);
    }
    return '';
  });
  // what is left is text: no markup may start in it
  expect(rest).not.toMatch(/[<>]/);
  return { hrefs };
}

const unescape = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

describe('emailSubject', () => {
  it('keeps a subject that starts with the release key, and puts the key first otherwise', () => {
    expect(emailSubject(message)).toBe('REL-12 waits for your approval: Billing 4.13');
    expect(emailSubject({ releaseKey: 'REL-7', subject: 'Deployed to production' })).toBe('REL-7: Deployed to production');
    expect(emailSubject({ subject: 'Freeze starts tomorrow' })).toBe('Freeze starts tomorrow');
  });

  it('is one line: a line break in a title cannot start a new header', () => {
    const subject = emailSubject({ releaseKey: 'REL-9', subject: 'REL-9 ready\r\nBcc: victim@example.com\n\tagain' });
    expect(subject).toBe('REL-9 ready Bcc: victim@example.com again');
    expect(subject).not.toMatch(/[\r\n\t]/);
  });
});

describe('renderEmail', () => {
  it('is deterministic', () => {
    expect(renderEmail(message, { name: 'Carl Approver' })).toEqual(renderEmail(structuredClone(message), { name: 'Carl Approver' }));
  });

  it('writes a plain-text part with the greeting, the lines, the facts, the link and the footer', () => {
    const { subject, text } = renderEmail(message, { name: 'Carl Approver' });
    expect(subject).toBe('REL-12 waits for your approval: Billing 4.13');
    expect(text).toBe(
      [
        'Hello Carl Approver,',
        '',
        'Ana Owner asked the CAB to approve this release.',
        '',
        'The window opens on Friday at 18:00.',
        '',
        'Window: Fri 11 Dec 2026, 18:00–20:00 (Europe/Berlin)',
        'Risk: High',
        '',
        'Open the approval card: https://relm.example.com/releases/REL-12/approvals#card',
        '',
        '-- ',
        'Relm sent you this e-mail because of your notification settings: https://relm.example.com/profile/notifications',
        'Unsubscribe from these e-mails: https://relm.example.com/unsubscribe?token=abc.def',
        '',
      ].join('\n'),
    );
  });

  it('writes an HTML part: language, title, heading, facts as a table with row headers, a link button with text', () => {
    const { html } = renderEmail(message, { name: 'Carl Approver' });
    expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="en">/);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain('<title>REL-12 waits for your approval: Billing 4.13</title>');
    expect(html).toMatch(/<h1 [^>]*>REL-12 waits for your approval: Billing 4\.13<\/h1>/);
    expect(html).toMatch(/<p [^>]*>Hello Carl Approver,<\/p>/);
    expect(html).toMatch(/<th scope="row" [^>]*>Window<\/th><td [^>]*>Fri 11 Dec 2026, 18:00–20:00 \(Europe\/Berlin\)<\/td>/);
    expect(html).toMatch(/<th scope="row" [^>]*>Risk<\/th><td [^>]*>High<\/td>/);
    expect(html).toMatch(/<a href="https:\/\/relm\.example\.com\/releases\/REL-12\/approvals#card" [^>]*>Open the approval card<\/a>/);
    // the preheader: the summary, hidden from the body and from screen readers
    expect(html).toMatch(/<div style="display:none[^"]*" aria-hidden="true">Ana Owner asks you to approve REL-12 before Friday\.<\/div>/);
    const { hrefs } = assertOnlyTemplateMarkup(html);
    expect(hrefs).toEqual([
      'https://relm.example.com/releases/REL-12/approvals#card',
      'https://relm.example.com/releases/REL-12/approvals#card',
      'https://relm.example.com/profile/notifications',
      'https://relm.example.com/unsubscribe?token=abc.def',
    ]);
  });

  it('links the footer to the notification settings and to unsubscribe', () => {
    const { html } = renderEmail(message, { name: 'Carl' });
    expect(html).toMatch(/because of your <a href="https:\/\/relm\.example\.com\/profile\/notifications" [^>]*>notification settings<\/a>\./);
    expect(html).toMatch(/<a href="https:\/\/relm\.example\.com\/unsubscribe\?token=abc\.def" [^>]*>Unsubscribe from these e-mails<\/a>/);
  });

  it('leaves out what the message does not have', () => {
    const bare: EmailContent = { subject: 'Freeze starts tomorrow', summary: '', lines: ['The payments freeze starts at 00:00.'] };
    const { text, html } = renderEmail(bare, { name: '' });
    expect(text).toBe('Hello there,\n\nThe payments freeze starts at 00:00.\n\n-- \nRelm sent you this e-mail.\n');
    expect(html).not.toContain('<table style');
    expect(html).not.toContain('<a ');
    expect(html).not.toContain('aria-hidden');
    expect(html).toContain('Relm sent you this e-mail.');
    assertOnlyTemplateMarkup(html);
  });

  it('uses no stylesheet, script, image or remote resource: inline styles only', () => {
    const { html } = renderEmail(message, { name: 'Carl' });
    expect(html).not.toMatch(/<(style|link|script|img|iframe|object|svg)\b/i);
    expect(html).not.toMatch(/url\(|@import|@font-face|src=/i);
  });

  it('escapes hostile values everywhere: they come out as text, not markup', () => {
    const hostile = {
      releaseKey: 'REL-1',
      subject: 'REL-1 <script>alert(1)</script>',
      summary: '"><img src=x onerror=alert(1)>',
      lines: ['</p><iframe src="https://evil.example"></iframe>', "It's <b>bold</b> & 'quoted'"],
      facts: [{ label: '<th onclick=x>', value: '"><img src=x onerror=alert(document.cookie)>' }],
      action: { label: '<a href="https://evil.example">click</a>', url: 'https://relm.example.com/r?a=1&b="><script>x</script>' },
      settingsUrl: 'https://relm.example.com/s"onmouseover="alert(1)',
      unsubscribeUrl: 'javascript:alert(1)',
    } satisfies EmailContent;
    const { html, text } = renderEmail(hostile, { name: '<svg onload=alert(1)>' });
    const { hrefs } = assertOnlyTemplateMarkup(html);
    expect(html).not.toMatch(/<script|<img|<iframe|<svg|<b>/i);
    expect(html).toContain('REL-1 &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&quot;&gt;&lt;img src=x onerror=alert(document.cookie)&gt;');
    expect(html).toContain('It&#39;s &lt;b&gt;bold&lt;/b&gt; &amp; &#39;quoted&#39;');
    expect(html).toContain('Hello &lt;svg onload=alert(1)&gt;,');
    // hrefs keep their value, escaped inside the quotes; javascript: is no link at all
    expect(hrefs.map(unescape)).toEqual([hostile.action.url, hostile.action.url, hostile.settingsUrl]);
    expect(html).not.toContain('javascript:');
    expect(text).not.toContain('javascript:');
    // the plain-text part is text: values as they are, nothing to escape
    expect(text).toContain('Hello <svg onload=alert(1)>,');
  });

  it('gives no link for a URL that is not absolute http(s)', () => {
    for (const url of [
      'javascript:alert(1)',
      'JAVASCRIPT:alert(1)',
      'data:text/html,<b>x</b>',
      '/relative/path',
      'vbscript:x',
      ' https://',
      'https://exa mple.com',
    ]) {
      expect(safeLinkUrl(url), url).toBeUndefined();
      const { html, text } = renderEmail({ ...message, action: { label: 'Open', url }, settingsUrl: url, unsubscribeUrl: url }, { name: 'Carl' });
      expect(assertOnlyTemplateMarkup(html).hrefs).toEqual([]);
      expect(text).not.toContain('Open:');
    }
    expect(safeLinkUrl(' https://relm.example.com/x ')).toBe('https://relm.example.com/x');
  });

  it('never lets a value add a tag or an attribute (any text in any field)', () => {
    const value = fc.string({ unit: fc.constantFrom('<', '>', '"', "'", '&', '=', '/', ' ', 'a', 'on', 'script', 'img', '\n', 'https://x.example/') });
    fc.assert(
      fc.property(
        fc.record({
          releaseKey: fc.option(value, { nil: undefined }),
          subject: value,
          summary: value,
          lines: fc.array(value, { maxLength: 3 }),
          facts: fc.array(fc.record({ label: value, value }), { maxLength: 3 }),
          action: fc.record({ label: value, url: value }),
          settingsUrl: value,
          unsubscribeUrl: value,
        }),
        value,
        (msg, name) => {
          const { html, subject } = renderEmail(msg, { name });
          const { hrefs } = assertOnlyTemplateMarkup(html);
          for (const href of hrefs) expect(unescape(href)).toMatch(/^https?:\/\//i);
          expect(subject).not.toMatch(/[\r\n]/);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('escapeHtml', () => {
  it('escapes the five characters that matter in content and quoted attributes', () => {
    expect(escapeHtml(`<a href="x" title='y'>&amp;</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;');
  });
});
