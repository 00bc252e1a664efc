import { describe, expect, it } from 'vitest';
import { escapeSlack, escapeTeams, slackPayload, teamsPayload, truncate, type ChatMessage } from '@/lib/domain/chat-payloads';

const message: ChatMessage = {
  event: 'approval.requested',
  releaseKey: 'REL-12',
  subject: 'REL-12 waits for your approval: Billing 4.13',
  summary: 'Ana asks you to approve REL-12.',
  lines: ['Window: Tuesday 20:00–22:00 UTC.', ''],
  facts: [
    { label: 'Owner', value: 'Ana' },
    { label: 'Risk', value: 'high' },
  ],
  action: { label: 'Open the approval', url: 'https://relm.example.com/releases/REL-12/approvals' },
};

const hostile = 'Deploy <!channel> & <@U123> <http://evil.example|click> @here @channel @Everyone > now';

describe('escapeSlack', () => {
  it('escapes &, < and > and disarms broadcasts', () => {
    const out = escapeSlack(hostile);
    expect(out).not.toMatch(/[<>]/);
    expect(out).toContain('&lt;!channel&gt;');
    expect(out).toContain('&amp;');
    expect(out).not.toMatch(/@(here|channel|everyone)\b/i);
    // still readable: only a word joiner was inserted
    expect(out.replace(/\u2060/g, '')).toContain('@here @channel @Everyone');
  });
  it('drops control characters', () => {
    expect(escapeSlack('a\u0000b\u0007c\r\nd')).toBe('abc\nd');
  });
});

describe('escapeTeams', () => {
  it('escapes link, emphasis and code characters and list or heading starts', () => {
    expect(escapeTeams('[click](http://evil) **bold** _it_ `code`')).toBe('\\[click\\](http://evil) \\*\\*bold\\*\\* \\_it\\_ \\`code\\`');
    expect(escapeTeams('- item\n1. first\n# title\n> quote')).toBe('\\- item\n\\1. first\n\\# title\n\\> quote');
    expect(escapeTeams('a\\b')).toBe('a\\\\b');
  });
});

describe('truncate', () => {
  it('keeps short text and cuts long text with an ellipsis within the limit', () => {
    expect(truncate('abc', 3)).toBe('abc');
    expect(truncate('abcdef', 4)).toBe('abc…');
    expect(Array.from(truncate('😀'.repeat(10), 5))).toHaveLength(5);
  });
});

describe('slackPayload', () => {
  it('has a fallback text, a header, a section, fields for the facts and a button', () => {
    const p = slackPayload(message);
    expect(p.text).toBe('REL-12 waits for your approval: Billing 4.13: Ana asks you to approve REL-12.');
    expect(p.blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: message.subject, emoji: false } });
    expect(p.blocks[1]).toEqual({
      type: 'section',
      text: { type: 'mrkdwn', text: 'Ana asks you to approve REL-12.\n\nWindow: Tuesday 20:00–22:00 UTC.', verbatim: true },
    });
    expect(p.blocks[2]).toEqual({
      type: 'section',
      fields: [
        { type: 'mrkdwn', text: '*Owner*\nAna', verbatim: true },
        { type: 'mrkdwn', text: '*Risk*\nhigh', verbatim: true },
      ],
    });
    expect(p.blocks[3]).toEqual({
      type: 'actions',
      elements: [
        {
          type: 'button',
          text: { type: 'plain_text', text: 'Open the approval', emoji: false },
          url: 'https://relm.example.com/releases/REL-12/approvals',
          style: 'primary',
          action_id: 'open',
        },
      ],
    });
    expect(p.blocks[4]).toEqual({ type: 'context', elements: [{ type: 'mrkdwn', text: 'REL-12 · approval.requested', verbatim: true }] });
    // round-trips as JSON
    expect(JSON.parse(JSON.stringify(p))).toEqual(p);
  });

  it('escapes user text everywhere mrkdwn is read and disarms broadcasts in plain text too', () => {
    const p = slackPayload({ ...message, subject: `REL-1 ${hostile}`, summary: hostile, lines: [hostile], facts: [{ label: hostile, value: hostile }] });
    const json = JSON.stringify(p);
    expect(json).not.toContain('<!channel>');
    expect(json).not.toContain('<@U123>');
    expect(json).not.toContain('<http://evil');
    expect(json).not.toMatch(/@(here|channel|everyone)\b/i);
    // mrkdwn parts: no raw < or >
    const mrkdwnTexts = [
      p.text,
      ...p.blocks.flatMap((b) => ('text' in b && b.text?.type === 'mrkdwn' ? [b.text.text] : 'fields' in b ? (b.fields ?? []).map((f) => f.text) : [])),
    ];
    for (const t of mrkdwnTexts) expect(t).not.toMatch(/[<>]/);
  });

  it('splits more than ten facts into sections and respects the length limits', () => {
    const facts = Array.from({ length: 13 }, (_, i) => ({ label: `F${i}`, value: 'x'.repeat(3000) }));
    const p = slackPayload({ ...message, subject: 'S'.repeat(400), facts });
    const header = p.blocks[0];
    expect(header?.type === 'header' && header.text.text.length).toBe(150);
    const sections = p.blocks.filter((b) => b.type === 'section' && b.fields);
    expect(sections.map((s) => (s.type === 'section' ? s.fields?.length : 0))).toEqual([10, 3]);
    for (const s of sections) for (const f of s.type === 'section' ? (s.fields ?? []) : []) expect(f.text.length).toBeLessThanOrEqual(2000);
  });

  it('leaves out a button whose URL is not absolute http(s), and empty parts', () => {
    const p = slackPayload({ event: 'x', subject: 'S', summary: '', lines: [], action: { label: 'Go', url: 'javascript:alert(1)' } });
    expect(p.blocks.map((b) => b.type)).toEqual(['header', 'context']);
    expect(slackPayload({ ...message, action: { label: 'Go', url: '/relative' } }).blocks.some((b) => b.type === 'actions')).toBe(false);
  });
});

describe('teamsPayload', () => {
  it('is a message with one Adaptive Card 1.4: text blocks, a fact set and an OpenUrl action', () => {
    const p = teamsPayload(message);
    expect(p.type).toBe('message');
    expect(p.attachments).toHaveLength(1);
    const [att] = p.attachments;
    expect(att?.contentType).toBe('application/vnd.microsoft.card.adaptive');
    const card = att!.content;
    expect(card.type).toBe('AdaptiveCard');
    expect(card.version).toBe('1.4');
    expect(card.body[0]).toEqual({ type: 'TextBlock', text: message.subject, wrap: true, size: 'Large', weight: 'Bolder' });
    expect(card.body[1]).toEqual({ type: 'TextBlock', text: 'Ana asks you to approve REL-12.', wrap: true });
    expect(card.body[2]).toEqual({ type: 'TextBlock', text: 'Window: Tuesday 20:00–22:00 UTC.', wrap: true });
    expect(card.body[3]).toEqual({
      type: 'FactSet',
      facts: [
        { title: 'Owner', value: 'Ana' },
        { title: 'Risk', value: 'high' },
      ],
    });
    expect(card.actions).toEqual([{ type: 'Action.OpenUrl', title: 'Open the approval', url: 'https://relm.example.com/releases/REL-12/approvals' }]);
  });

  it('escapes markdown in user text and drops unsafe action URLs', () => {
    const p = teamsPayload({
      ...message,
      summary: '[phish](http://evil.example) *now*',
      facts: [{ label: '_x_', value: '[y](http://z)' }],
      action: { label: 'Go', url: 'data:text/html,hi' },
    });
    const card = p.attachments[0]!.content;
    expect(card.body[1]).toEqual({ type: 'TextBlock', text: '\\[phish\\](http://evil.example) \\*now\\*', wrap: true });
    expect(card.body.find((b) => b.type === 'FactSet')).toEqual({ type: 'FactSet', facts: [{ title: '\\_x\\_', value: '\\[y\\](http://z)' }] });
    expect(card.actions).toEqual([]);
  });
});
