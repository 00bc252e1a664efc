// An Atom 1.0 feed (RFC 4287), as text. Pure: the caller passes every value in.
// Every text is XML-escaped (element content and attribute values alike); characters XML 1.0
// cannot carry at all (most control characters) are dropped rather than escaped.

export interface AtomEntry {
  /** a permanent IRI: tag: or urn:uuid: */
  id: string;
  title: string;
  /** the page of the entry */
  link: string;
  published: Date;
  updated: Date;
  author: string;
  /** plain text */
  summary: string;
  /** HTML, already safe (the caller built it from escaped text) */
  contentHtml: string;
}

export interface AtomFeed {
  id: string;
  title: string;
  subtitle?: string;
  /** the newest entry's update, or when the feed's subject last changed */
  updated: Date;
  /** the feed's own URL (rel="self") */
  self: string;
  /** the page it mirrors (rel="alternate") */
  alternate: string;
  entries: AtomEntry[];
}

const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;
const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Escapes text for XML element content and quoted attribute values. */
export function escapeXml(value: string): string {
  return value.replace(NOT_XML, '').replace(/[&<>"']/g, (c) => XML_ESCAPES[c]!);
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (v: string) => v.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);

/** Plain text as HTML paragraphs (blank lines between them, line breaks within): every character escaped, no markup kept. */
export function textAsHtml(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
    .join('\n');
}

/** RFC 3339 in UTC, whole seconds. */
const stamp = (d: Date) => `${d.toISOString().slice(0, 19)}Z`;

/** A tag: URI (RFC 4151) for a host, the date the name was minted and a specific part. */
export function tagUri(host: string, minted: Date, specific: string): string {
  const authority = host.replace(/:\d+$/, '').toLowerCase() || 'relm.invalid';
  return `tag:${authority},${minted.toISOString().slice(0, 10)}:${specific.replace(/[^A-Za-z0-9._~\-/:]/g, '-')}`;
}

export function buildAtomFeed(feed: AtomFeed): string {
  const out = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `  <id>${escapeXml(feed.id)}</id>`,
    `  <title type="text">${escapeXml(feed.title)}</title>`,
    ...(feed.subtitle ? [`  <subtitle type="text">${escapeXml(feed.subtitle)}</subtitle>`] : []),
    `  <updated>${stamp(feed.updated)}</updated>`,
    `  <link rel="self" type="application/atom+xml" href="${escapeXml(feed.self)}"/>`,
    `  <link rel="alternate" type="text/html" href="${escapeXml(feed.alternate)}"/>`,
    '  <generator>Relm</generator>',
  ];
  for (const e of feed.entries) {
    out.push(
      '  <entry>',
      `    <id>${escapeXml(e.id)}</id>`,
      `    <title type="text">${escapeXml(e.title)}</title>`,
      `    <link rel="alternate" type="text/html" href="${escapeXml(e.link)}"/>`,
      `    <published>${stamp(e.published)}</published>`,
      `    <updated>${stamp(e.updated)}</updated>`,
      `    <author><name>${escapeXml(e.author)}</name></author>`,
      `    <summary type="text">${escapeXml(e.summary)}</summary>`,
      `    <content type="html">${escapeXml(e.contentHtml)}</content>`,
      '  </entry>',
    );
  }
  out.push('</feed>', '');
  return out.join('\n');
}
