// A small RFC 5545 (iCalendar) writer for the calendar feed, and a reader good
// enough to parse its own output back (for tests and sanity checks).
//
// - TEXT values escape backslash, semicolon, comma and newlines (§3.3.11);
//   other control characters are dropped.
// - Lines are folded at 75 octets (§3.1): CRLF followed by one space, never
//   inside a UTF-8 sequence.
// - Times are written in UTC ("20261123T180000Z").

export interface IcalEvent {
  uid: string;
  dtstamp: Date;
  start: Date;
  end: Date;
  summary: string;
  description?: string;
  url?: string;
  status?: 'CONFIRMED' | 'TENTATIVE' | 'CANCELLED';
  categories?: string[];
  transp?: 'OPAQUE' | 'TRANSPARENT';
  location?: string;
  lastModified?: Date;
}

export interface IcalCalendar {
  prodId: string;
  name: string;
  description?: string;
  /** how often clients should refresh, ISO 8601 duration (e.g. "PT1H") */
  refreshInterval?: string;
  events: IcalEvent[];
}

const CRLF = '\r\n';

/** Escapes a TEXT value. */
export function escapeText(value: string): string {
  return value
    .replace(/\r\n?/g, '\n')
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\n/g, '\\n');
}

/** The inverse of escapeText. */
export function unescapeText(value: string): string {
  return value.replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

const encoder = new TextEncoder();

/** Folds one content line into chunks of at most 75 octets, continuation lines starting with a space. */
export function foldLine(line: string): string {
  if (encoder.encode(line).length <= 75) return line;
  const out: string[] = [];
  let current = '';
  let size = 0;
  let limit = 75;
  for (const ch of line) {
    const n = encoder.encode(ch).length;
    if (size + n > limit) {
      out.push(current);
      current = '';
      size = 0;
      // continuation lines begin with a space, which counts towards their 75 octets
      limit = 74;
    }
    current += ch;
    size += n;
  }
  out.push(current);
  return out.join(`${CRLF} `);
}

/** "20261123T180000Z" */
export function formatUtc(d: Date): string {
  return d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** A URI value: no escaping in iCalendar, so refuse anything that could break the line. */
function uri(value: string): string | null {
  return /^https?:\/\/[^\s"<>\\]+$/.test(value) && value.length <= 2000 ? value : null;
}

function eventLines(e: IcalEvent): string[] {
  const lines = [
    'BEGIN:VEVENT',
    `UID:${escapeText(e.uid)}`,
    `DTSTAMP:${formatUtc(e.dtstamp)}`,
    `DTSTART:${formatUtc(e.start)}`,
    // an end before the start is not allowed (RFC 5545 §3.6.1)
    `DTEND:${formatUtc(e.end.getTime() > e.start.getTime() ? e.end : e.start)}`,
    `SUMMARY:${escapeText(e.summary)}`,
  ];
  if (e.description) lines.push(`DESCRIPTION:${escapeText(e.description)}`);
  if (e.location) lines.push(`LOCATION:${escapeText(e.location)}`);
  const url = e.url ? uri(e.url) : null;
  if (url) lines.push(`URL:${url}`);
  if (e.status) lines.push(`STATUS:${e.status}`);
  const cats = (e.categories ?? []).map((c) => escapeText(c)).filter(Boolean);
  if (cats.length) lines.push(`CATEGORIES:${cats.join(',')}`);
  if (e.transp) lines.push(`TRANSP:${e.transp}`);
  if (e.lastModified) lines.push(`LAST-MODIFIED:${formatUtc(e.lastModified)}`);
  lines.push('END:VEVENT');
  return lines;
}

/** The whole VCALENDAR object, CRLF line endings, folded. */
export function buildCalendar(cal: IcalCalendar): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${escapeText(cal.prodId)}`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(cal.name)}`,
    `NAME:${escapeText(cal.name)}`,
  ];
  if (cal.description) lines.push(`X-WR-CALDESC:${escapeText(cal.description)}`);
  if (cal.refreshInterval && /^P(T\d+[HM]|\d+D)$/.test(cal.refreshInterval)) {
    lines.push(`REFRESH-INTERVAL;VALUE=DURATION:${cal.refreshInterval}`, `X-PUBLISHED-TTL:${cal.refreshInterval}`);
  }
  for (const e of cal.events) lines.push(...eventLines(e));
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join(CRLF) + CRLF;
}

// ------------------------------------------------------------------ reading back

export interface ParsedProperty {
  name: string;
  params: string;
  value: string;
}

export interface ParsedCalendar {
  properties: Record<string, string>;
  events: Record<string, string>[];
}

/** Unfolds and splits content lines ("NAME;PARAMS:VALUE"). */
export function parseLines(text: string): ParsedProperty[] {
  const unfolded = text
    .replace(/\r\n[ \t]/g, '')
    .split('\r\n')
    .filter((l) => l.length > 0);
  return unfolded.map((line) => {
    const colon = line.indexOf(':');
    const head = colon < 0 ? line : line.slice(0, colon);
    const semi = head.indexOf(';');
    return {
      name: (semi < 0 ? head : head.slice(0, semi)).toUpperCase(),
      params: semi < 0 ? '' : head.slice(semi + 1),
      value: colon < 0 ? '' : line.slice(colon + 1),
    };
  });
}

/** Reads a calendar this module wrote: calendar properties and each VEVENT's properties (TEXT values unescaped). */
export function parseCalendar(text: string): ParsedCalendar {
  const properties: Record<string, string> = {};
  const events: Record<string, string>[] = [];
  let current: Record<string, string> | null = null;
  const TEXT = new Set(['SUMMARY', 'DESCRIPTION', 'LOCATION', 'UID', 'X-WR-CALNAME', 'NAME', 'PRODID', 'X-WR-CALDESC']);
  for (const p of parseLines(text)) {
    if (p.name === 'BEGIN' && p.value === 'VEVENT') current = {};
    else if (p.name === 'END' && p.value === 'VEVENT') {
      if (current) events.push(current);
      current = null;
    } else {
      const v = TEXT.has(p.name) ? unescapeText(p.value) : p.value;
      if (current) current[p.name] = v;
      else if (p.name !== 'BEGIN' && p.name !== 'END') properties[p.name] = v;
    }
  }
  return { properties, events };
}

/** "20261123T180000Z" → Date, or null. */
export function parseUtc(value: string): Date | null {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) return null;
  return new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!));
}
