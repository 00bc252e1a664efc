// Chat messages for Slack (Block Kit, incoming webhook) and Microsoft Teams (a Workflows
// "when a Teams webhook request is received" flow posting an Adaptive Card), rendered from
// the one message a channel receives (lib/server/channels/types.ts OutboundMessage).
// Pure: lib/server/channels/chat.ts posts them (docs/decisions/028-outgoing-http.md).
//
// Everything in a message may carry user text (a release title, a comment, a component
// name), so each format escapes what it interprets: Slack mrkdwn &, < and > (which also
// disarms <!channel>, <@U…> and <http://…|links>) plus bare @here/@channel/@everyone;
// Teams' Adaptive Card markdown its link and emphasis characters.

import type { OutboundMessage } from './outbound-message';

/** The parts of an OutboundMessage a chat message shows. */
export type ChatMessage = Omit<OutboundMessage, 'settingsUrl' | 'unsubscribeUrl'>;

// Slack's documented limits (Block Kit reference): header text 150, section text 3000,
// a field 2000 and at most 10 fields per section, button text 75, button URL 3000.
const SLACK_HEADER_MAX = 150;
const SLACK_SECTION_MAX = 3000;
const SLACK_FIELD_MAX = 2000;
const SLACK_FIELDS_PER_SECTION = 10;
const SLACK_BUTTON_TEXT_MAX = 75;
const URL_MAX = 3000;

/** Shortens to at most `max` characters (code points), ending with an ellipsis when cut. */
export function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : chars.slice(0, max - 1).join('') + '…';
}

/** Drops control characters other than newline and tab; normalises line ends. */
function clean(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '');
}

// A word joiner (U+2060) after the @ keeps the text readable and stops it being a mention.
const BROADCAST = /@(here|channel|everyone)\b/gi;

/** Text safe in Slack mrkdwn: &, <, > escaped; @here, @channel and @everyone disarmed. */
export function escapeSlack(text: string): string {
  return clean(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(BROADCAST, '@\u2060$1');
}

/**
 * Text for Slack plain_text objects (header, button). Slack does not parse them, but a word
 * joiner after every "<" (so no <!channel>, <@U…> or <http://…|link>) and after a broadcast's
 * "@" keeps them inert should a client ever read them as mrkdwn; & stays as typed.
 */
export function plainSlack(text: string): string {
  return clean(text).replace(/</g, '<\u2060').replace(BROADCAST, '@\u2060$1');
}

/**
 * Text safe in an Adaptive Card TextBlock or Fact, whose hosts render a subset of Markdown
 * (emphasis, lists, links): the characters that start emphasis, code or a link are
 * backslash-escaped, and so is a line start that would make a list, heading or quote.
 */
export function escapeTeams(text: string): string {
  return clean(text)
    .replace(/([\\*_[\]`])/g, '\\$1')
    .replace(/^(\s*)([-+#>]|\d+\.)/gm, '$1\\$2');
}

/** Only absolute http(s) URLs become buttons; anything else (javascript:, relative) is dropped. */
function safeActionUrl(url: string): string | undefined {
  if (url.length > URL_MAX) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.toString() : undefined;
  } catch {
    return undefined;
  }
}

export type SlackTextObject = { type: 'plain_text'; text: string; emoji?: boolean } | { type: 'mrkdwn'; text: string; verbatim?: boolean };
export type SlackBlock =
  | { type: 'header'; text: SlackTextObject }
  | { type: 'section'; text?: SlackTextObject; fields?: SlackTextObject[] }
  | { type: 'actions'; elements: { type: 'button'; text: SlackTextObject; url: string; style?: 'primary'; action_id: string }[] }
  | { type: 'context'; elements: SlackTextObject[] };

export interface SlackPayload {
  /** the notification and fallback text (mrkdwn) */
  text: string;
  blocks: SlackBlock[];
}

// verbatim: Slack neither turns URLs into links nor parses mentions or channel names in it
const mrkdwn = (text: string): SlackTextObject => ({ type: 'mrkdwn', text, verbatim: true });

/** A Slack incoming-webhook message in Block Kit, with a top-level text fallback. */
export function slackPayload(msg: ChatMessage): SlackPayload {
  const blocks: SlackBlock[] = [{ type: 'header', text: { type: 'plain_text', text: truncate(plainSlack(msg.subject), SLACK_HEADER_MAX), emoji: false } }];
  const body = [msg.summary, ...msg.lines].filter((l) => l.trim() !== '').map(escapeSlack);
  if (body.length > 0) blocks.push({ type: 'section', text: mrkdwn(truncate(body.join('\n\n'), SLACK_SECTION_MAX)) });
  const facts = msg.facts ?? [];
  for (let i = 0; i < facts.length; i += SLACK_FIELDS_PER_SECTION) {
    blocks.push({
      type: 'section',
      fields: facts.slice(i, i + SLACK_FIELDS_PER_SECTION).map((f) => mrkdwn(truncate(`*${escapeSlack(f.label)}*\n${escapeSlack(f.value)}`, SLACK_FIELD_MAX))),
    });
  }
  const url = msg.action && safeActionUrl(msg.action.url);
  if (msg.action && url) {
    blocks.push({
      type: 'actions',
      elements: [
        {
          type: 'button',
          text: { type: 'plain_text', text: truncate(plainSlack(msg.action.label), SLACK_BUTTON_TEXT_MAX), emoji: false },
          url,
          style: 'primary',
          action_id: 'open',
        },
      ],
    });
  }
  const context = [msg.releaseKey, msg.event].filter((x): x is string => Boolean(x)).map(escapeSlack);
  if (context.length > 0) blocks.push({ type: 'context', elements: [mrkdwn(context.join(' · '))] });
  return { text: truncate(escapeSlack(`${msg.subject}: ${msg.summary}`), SLACK_SECTION_MAX), blocks };
}

export type AdaptiveElement =
  | { type: 'TextBlock'; text: string; wrap: true; size?: 'Medium' | 'Large'; weight?: 'Bolder'; isSubtle?: boolean; spacing?: 'Medium' }
  | { type: 'FactSet'; facts: { title: string; value: string }[] };

export interface TeamsPayload {
  type: 'message';
  attachments: {
    contentType: 'application/vnd.microsoft.card.adaptive';
    contentUrl: null;
    content: {
      $schema: 'http://adaptivecards.io/schemas/adaptive-card.json';
      type: 'AdaptiveCard';
      version: '1.4';
      body: AdaptiveElement[];
      actions: { type: 'Action.OpenUrl'; title: string; url: string }[];
      msteams: { width: 'Full' };
    };
  }[];
}

/**
 * A message for a Teams Workflows webhook ("Post to a channel when a webhook request is
 * received"): the Bot Framework message envelope with one Adaptive Card 1.4 attachment,
 * the format Workflows accepts (it takes no legacy MessageCard).
 */
export function teamsPayload(msg: ChatMessage): TeamsPayload {
  const body: AdaptiveElement[] = [{ type: 'TextBlock', text: escapeTeams(msg.subject), wrap: true, size: 'Large', weight: 'Bolder' }];
  for (const line of [msg.summary, ...msg.lines]) {
    if (line.trim() !== '') body.push({ type: 'TextBlock', text: escapeTeams(line), wrap: true });
  }
  if (msg.facts && msg.facts.length > 0) {
    body.push({ type: 'FactSet', facts: msg.facts.map((f) => ({ title: escapeTeams(f.label), value: escapeTeams(f.value) })) });
  }
  const context = [msg.releaseKey, msg.event].filter((x): x is string => Boolean(x)).join(' · ');
  if (context) body.push({ type: 'TextBlock', text: escapeTeams(context), wrap: true, isSubtle: true, spacing: 'Medium' });
  const url = msg.action && safeActionUrl(msg.action.url);
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        contentUrl: null,
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version: '1.4',
          body,
          // Action titles are plain text (no markdown), so they are not escaped
          actions: msg.action && url ? [{ type: 'Action.OpenUrl', title: clean(msg.action.label), url }] : [],
          msteams: { width: 'Full' },
        },
      },
    ],
  };
}
