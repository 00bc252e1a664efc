// Renders an outgoing message as an e-mail: a subject, a plain-text part and an HTML part.
// Pure and deterministic: the same message and name give the same bytes, so a retried
// delivery sends the same e-mail (docs/decisions/027-email.md).
//
// The HTML is deliberately plain: one column, inline styles only (mail clients drop <style>
// and <link>), no images or remote fonts (nothing is fetched when the mail is opened), a
// heading, the facts as a table with row headers, and the action as a real link with text.
// Every value is HTML-escaped, attribute values included; a link is rendered only for an
// http(s) URL, so a hostile title or a javascript: URL comes out as inert text.

import type { Locale } from './locale';
import type { OutboundMessage } from './outbound-message';
import { wordsFor } from './words';

/** What an e-mail is made of: the message every channel receives (the event kind is not shown). */
export type EmailContent = Omit<OutboundMessage, 'event'>;

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** The URL when it is an absolute http(s) URL, else undefined (no javascript:, data:, relative links). */
export function safeLinkUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  const trimmed = url.trim();
  if (!/^https?:\/\/[^\s/?#]+[^\s]*$/i.test(trimmed)) return undefined;
  return trimmed;
}

/** One line, no control characters (a header must not carry a line break), release key first. */
export function emailSubject(msg: Pick<EmailContent, 'subject' | 'releaseKey'>): string {
  const subject = oneLine(msg.subject);
  const key = msg.releaseKey ? oneLine(msg.releaseKey) : '';
  if (!key || subject.startsWith(key)) return subject || key;
  return subject ? `${key}: ${subject}` : key;
}

function oneLine(value: string): string {
  return value
    .replace(/[\u0000-\u001f\u007f]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export function renderEmail(msg: EmailContent, to: { name: string }): RenderedEmail {
  const subject = emailSubject(msg);
  const locale = msg.locale ?? 'en';
  const t = wordsFor(locale, 'email');
  const view: View = {
    locale,
    subject,
    greeting: oneLine(to.name) ? t('greeting', { name: oneLine(to.name) }) : t('greetingNoName'),
    summary: oneLine(msg.summary),
    lines: msg.lines.map((l) => l.replace(/\r\n?/g, '\n').trim()).filter(Boolean),
    facts: (msg.facts ?? []).map((f) => ({ label: oneLine(f.label), value: oneLine(f.value) })).filter((f) => f.label || f.value),
    action: msg.action ? { label: oneLine(msg.action.label) || t('openInRelm'), url: safeLinkUrl(msg.action.url) } : undefined,
    settingsUrl: safeLinkUrl(msg.settingsUrl),
    unsubscribeUrl: safeLinkUrl(msg.unsubscribeUrl),
  };
  return { subject, text: renderText(view), html: renderHtml(view) };
}

interface View {
  locale: Locale;
  subject: string;
  greeting: string;
  summary: string;
  lines: string[];
  facts: { label: string; value: string }[];
  action?: { label: string; url?: string };
  settingsUrl?: string;
  unsubscribeUrl?: string;
}

function renderText(v: View): string {
  const out: string[] = [v.greeting, ''];
  for (const line of v.lines) out.push(line, '');
  if (v.facts.length > 0) {
    for (const f of v.facts) out.push(`${f.label}: ${f.value}`);
    out.push('');
  }
  if (v.action?.url) out.push(`${v.action.label}: ${v.action.url}`, '');
  // "-- " (with its space) is the signature separator clients recognise
  out.push('-- ');
  out.push(...footerText(v));
  return out.join('\n') + '\n';
}

function footerText(v: View): string[] {
  const t = wordsFor(v.locale, 'email');
  const out: string[] = [];
  if (v.settingsUrl) out.push(t('sentBecause', { url: v.settingsUrl }));
  else out.push(t('sent'));
  if (v.unsubscribeUrl) out.push(t('unsubscribe', { url: v.unsubscribeUrl }));
  return out;
}

// Colours: text #1f2937 and muted text #4b5563 on white (15:1 and 7.6:1), links #1d4ed8 on
// white and white on the #1d4ed8 button (6.7:1): all above WCAG AA's 4.5:1.
const FONT = "font-family:-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,Helvetica,Arial,sans-serif";
const P = 'margin:0 0 16px;font-size:16px;line-height:1.5;color:#1f2937';
const LINK = 'color:#1d4ed8;text-decoration:underline';

function renderHtml(v: View): string {
  const e = escapeHtml;
  const t = wordsFor(v.locale, 'email');
  const body: string[] = [];
  body.push(`<h1 style="margin:0 0 16px;font-size:22px;line-height:1.3;color:#111827">${e(v.subject)}</h1>`);
  body.push(`<p style="${P}">${e(v.greeting)}</p>`);
  for (const line of v.lines) body.push(`<p style="${P}">${e(line).replace(/\n/g, '<br>')}</p>`);
  if (v.facts.length > 0) {
    const rows = v.facts
      .map(
        (f) =>
          `<tr><th scope="row" style="padding:8px 16px 8px 0;text-align:left;vertical-align:top;font-weight:600;color:#374151;border-top:1px solid #e5e7eb;white-space:nowrap">${e(f.label)}</th>` +
          `<td style="padding:8px 0;vertical-align:top;color:#1f2937;border-top:1px solid #e5e7eb">${e(f.value)}</td></tr>`,
      )
      .join('');
    body.push(`<table style="width:100%;margin:0 0 24px;border-collapse:collapse;font-size:15px;line-height:1.4"><tbody>${rows}</tbody></table>`);
  }
  if (v.action?.url) {
    const url = e(v.action.url);
    body.push(
      `<p style="margin:0 0 24px"><a href="${url}" style="display:inline-block;padding:12px 20px;border-radius:6px;background:#1d4ed8;color:#ffffff;font-size:16px;font-weight:600;text-decoration:none">${e(v.action.label)}</a></p>`,
    );
    body.push(
      `<p style="margin:0 0 16px;font-size:14px;line-height:1.5;color:#4b5563">${t.markup('buttonFallback', { url, link: (c) => `<a href="${url}" style="${LINK};word-break:break-all">${[c].flat().join('')}</a>` })}</p>`,
    );
  }

  const footer: string[] = [];
  // the catalogue's words are escaped like any other text; only the links are markup
  const words = (chunks: unknown) => e([chunks].flat().join(''));
  if (v.settingsUrl) footer.push(t.markup('sentBecauseHtml', { link: (c) => `<a href="${e(v.settingsUrl!)}" style="${LINK}">${words(c)}</a>` }));
  else footer.push(e(t('sent')));
  if (v.unsubscribeUrl) footer.push(t.markup('unsubscribeHtml', { link: (c) => `<a href="${e(v.unsubscribeUrl!)}" style="${LINK}">${words(c)}</a>` }));

  return [
    '<!DOCTYPE html>',
    `<html lang="${v.locale}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="color-scheme" content="light">',
    `<title>${e(v.subject)}</title>`,
    '</head>',
    `<body style="margin:0;padding:0;background:#f3f4f6;${FONT}">`,
    // the preheader: the line clients show next to the subject in the inbox; hidden in the body
    v.summary ? `<div style="display:none;max-height:0;overflow:hidden;mso-hide:all" aria-hidden="true">${e(v.summary)}</div>` : '',
    '<table role="presentation" style="width:100%;border-collapse:collapse;background:#f3f4f6"><tr><td style="padding:24px 12px">',
    '<table role="presentation" style="width:100%;max-width:600px;margin:0 auto;border-collapse:collapse;background:#ffffff;border:1px solid #e5e7eb;border-radius:8px">',
    `<tr><td style="padding:24px">${body.join('')}</td></tr>`,
    `<tr><td style="padding:16px 24px;border-top:1px solid #e5e7eb;font-size:13px;line-height:1.5;color:#4b5563">${footer.join(' ')}</td></tr>`,
    '</table>',
    '</td></tr></table>',
    '</body>',
    '</html>',
  ]
    .filter(Boolean)
    .join('\n');
}
