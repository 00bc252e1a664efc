// Date and number formatting for the pages. Formatting happens on the server
// (server components) in the viewer's time zone and locale (their Profile), so the markup does
// not depend on the browser. A record with its own zone (a release's window) is shown in the
// viewer's zone with the record's zone beside it where the wall clock differs
// (docs/decisions/050-one-time-zone-per-person.md). The few words here ("from", "until", the
// zone note, duration units) come from the `format` catalogue in the viewer's language
// (docs/decisions/057-english-and-french.md).

import { createTranslator } from 'use-intl/core';
import { languageOf, type Locale } from '@/lib/domain/locale';
import enFormat from '@/messages/en/format.json';
import frFormat from '@/messages/fr/format.json';

/** Whose clock and language a page is written for. */
export interface Viewer {
  timeZone: string;
  locale: string;
}

export const DEFAULT_LOCALE = 'en-GB';
/** A viewer nobody chose (machine output, a person with no zone yet): UTC in British English. */
export const UTC_VIEWER: Viewer = { timeZone: 'UTC', locale: DEFAULT_LOCALE };
const LOCALE = DEFAULT_LOCALE;
// Building an Intl formatter costs far more than formatting with one (it showed as the page's
// hottest code on a dashboard with a hundred dates), so formatters and the answer to "is this
// zone valid" are built once per process. Zones are a small set; the cap only guards against
// a flood of distinct bad strings in the data.
const cache = new Map<string, Intl.DateTimeFormat>();
const zones = new Map<string, string>();
const MAX_ZONES = 1_000;

/** A time zone Intl accepts, else UTC (a bad zone in the data must not break a page). */
export function safeZone(zone: string | null | undefined): string {
  if (!zone) return 'UTC';
  const known = zones.get(zone);
  if (known) return known;
  let safe = 'UTC';
  try {
    new Intl.DateTimeFormat(LOCALE, { timeZone: zone });
    safe = zone;
  } catch {
    // stays UTC
  }
  if (zones.size < MAX_ZONES) zones.set(zone, safe);
  return safe;
}

const locales = new Map<string, string>();

/** A locale Intl supports, else en-GB (a bad locale in the data must not break a page). */
export function safeLocale(locale: string | null | undefined): string {
  if (!locale) return LOCALE;
  const known = locales.get(locale);
  if (known) return known;
  let safe = LOCALE;
  try {
    safe = Intl.DateTimeFormat.supportedLocalesOf([locale]).length ? locale : LOCALE;
  } catch {
    // stays en-GB
  }
  if (locales.size < MAX_ZONES) locales.set(locale, safe);
  return safe;
}

// the format catalogue in both languages: a few words, imported here so that client components
// formatting a time need no provider
const WORDS: Record<Locale, typeof enFormat> = { en: enFormat, fr: frFormat };
const translators = new Map<Locale, ReturnType<typeof createTranslator<{ format: typeof enFormat }, 'format'>>>();
function words(locale: string | null | undefined) {
  const language = languageOf(locale);
  let t = translators.get(language);
  if (!t) translators.set(language, (t = createTranslator({ locale: language, messages: { format: WORDS[language] }, namespace: 'format' })));
  return t;
}

/** Whose zone a record's time is in, named beside the viewer's. */
export type ZoneOwner = 'release' | 'freeze' | 'window';

function fmt(zone: string, options: Intl.DateTimeFormatOptions, locale = LOCALE): Intl.DateTimeFormat {
  const key = `${locale}|${zone}|${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { ...options, timeZone: zone });
    cache.set(key, f);
  }
  return f;
}

const DAY: Intl.DateTimeFormatOptions = { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' };
const SHORT_DAY: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'short', year: 'numeric' };
const TIME: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };

const parse = (iso: string | null | undefined) => {
  if (!iso) return null;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d;
};

/** "Tue 25 Nov 2026, 20:00" in the given zone (and locale, en-GB unless told). */
export function formatDateTime(iso: string | null | undefined, zone = 'UTC', opts: { weekday?: boolean } = {}, locale = LOCALE): string {
  const d = parse(iso);
  if (!d) return '—';
  const z = safeZone(zone);
  const l = safeLocale(locale);
  return `${fmt(z, opts.weekday === false ? SHORT_DAY : DAY, l).format(d)}, ${fmt(z, TIME, l).format(d)}`;
}

/** "25 Nov 2026" in the given zone. */
export function formatDate(iso: string | null | undefined, zone = 'UTC', locale = LOCALE): string {
  const d = parse(iso);
  return d ? fmt(safeZone(zone), SHORT_DAY, safeLocale(locale)).format(d) : '—';
}

/** A calendar date stored without a time ("2026-11-25") → "25 Nov 2026". */
export function formatCalendarDate(ymd: string, locale = LOCALE): string {
  const d = parse(`${ymd}T12:00:00Z`);
  return d ? fmt('UTC', SHORT_DAY, safeLocale(locale)).format(d) : ymd;
}

/** The zone's short name at that moment, e.g. "CET" or "GMT+1". */
export function zoneAbbreviation(iso: string | null | undefined, zone: string, locale = LOCALE): string {
  const d = parse(iso) ?? new Date(0);
  const z = safeZone(zone);
  const part = fmt(z, { timeZoneName: 'short' }, safeLocale(locale))
    .formatToParts(d)
    .find((p) => p.type === 'timeZoneName');
  return part?.value ?? z;
}

/** "10:00" in the given zone. */
export function formatTime(iso: string | null | undefined, zone = 'UTC', locale = LOCALE): string {
  const d = parse(iso);
  return d ? fmt(safeZone(zone), TIME, safeLocale(locale)).format(d) : '—';
}

/**
 * A moment in the viewer's zone with the zone named: "Tue 8 Dec 2026, 10:00 CET". The zone is
 * always named, so a time read aloud or copied into a chat is never ambiguous.
 */
export function formatWhen(iso: string | null | undefined, viewer: Viewer = UTC_VIEWER, opts: { weekday?: boolean } = {}): string {
  if (!parse(iso)) return '—';
  return `${formatDateTime(iso, viewer.timeZone, opts, viewer.locale)} ${zoneAbbreviation(iso, viewer.timeZone, viewer.locale)}`;
}

/**
 * The record's own zone beside the viewer's, or null when its wall clock reads the same at that
 * moment: "09:00 GMT, the release's zone Europe/London". The date is added
 * only when it differs from the viewer's.
 */
export function otherZoneNote(iso: string | null | undefined, viewer: Viewer, zone: string | null | undefined, whose: ZoneOwner = 'release'): string | null {
  const d = parse(iso);
  if (!d || !zone) return null;
  const own = safeZone(zone);
  const mine = safeZone(viewer.timeZone);
  if (own === mine) return null;
  const l = safeLocale(viewer.locale);
  // the same wall clock (UTC and GMT in winter London) adds nothing worth reading
  const here = `${fmt(mine, SHORT_DAY, l).format(d)} ${fmt(mine, TIME, l).format(d)}`;
  const there = `${fmt(own, SHORT_DAY, l).format(d)} ${fmt(own, TIME, l).format(d)}`;
  if (here === there) return null;
  const sameDay = fmt(mine, SHORT_DAY, l).format(d) === fmt(own, SHORT_DAY, l).format(d);
  const time = `${sameDay ? '' : `${fmt(own, SHORT_DAY, l).format(d)}, `}${fmt(own, TIME, l).format(d)} ${zoneAbbreviation(iso, own, l)}`;
  return words(viewer.locale)('zoneNote', { time, whose, zone: own });
}

/** "Tue 8 Dec 2026, 10:00 CET (09:00 GMT, the release’s zone Europe/London)". */
export function formatWhenBeside(
  iso: string | null | undefined,
  viewer: Viewer,
  zone: string | null | undefined,
  opts: { weekday?: boolean; whose?: ZoneOwner } = {},
): string {
  const main = formatWhen(iso, viewer, opts);
  const note = otherZoneNote(iso, viewer, zone, opts.whose);
  return note ? `${main} (${note})` : main;
}

/**
 * A planned window in the release's zone: "Tue 25 Nov 2026, 20:00–22:30" or, over
 * midnight, "Tue 25 Nov 2026, 22:00 – Wed 26 Nov 2026, 02:00". Null when unplanned.
 */
export function formatWindow(start: string | null, end: string | null, zone: string, opts: { weekday?: boolean } = {}, locale = LOCALE): string | null {
  const s = parse(start);
  const e = parse(end);
  if (!s && !e) return null;
  const z = safeZone(zone);
  const l = safeLocale(locale);
  const dayFmt = fmt(z, opts.weekday === false ? SHORT_DAY : DAY, l);
  const t = fmt(z, TIME, l);
  if (s && e) {
    const sameDay = dayFmt.format(s) === dayFmt.format(e);
    return sameDay ? `${dayFmt.format(s)}, ${t.format(s)}–${t.format(e)}` : `${dayFmt.format(s)}, ${t.format(s)} – ${dayFmt.format(e)}, ${t.format(e)}`;
  }
  return s ? words(l)('from', { when: `${dayFmt.format(s)}, ${t.format(s)}` }) : words(l)('until', { when: `${dayFmt.format(e!)}, ${t.format(e!)}` });
}

/**
 * A planned window for the viewer: "Tue 8 Dec 2026, 10:00–12:00 CET", and the record's own zone
 * beside it where its wall clock differs: { text, note: "09:00–11:00 GMT, the release’s zone
 * Europe/London" }. The note's dates appear only when they differ from the viewer's.
 */
export function formatWindowFor(
  start: string | null,
  end: string | null,
  viewer: Viewer,
  zone: string | null | undefined,
  opts: { weekday?: boolean } = {},
): { text: string; note: string | null } | null {
  const text = formatWindow(start, end, viewer.timeZone, opts, viewer.locale);
  if (!text) return null;
  const at = start ?? end;
  const main = `${text} ${zoneAbbreviation(at, viewer.timeZone, viewer.locale)}`;
  if (!zone || safeZone(zone) === safeZone(viewer.timeZone)) return { text: main, note: null };
  const own = safeZone(zone);
  // the same wall clock (UTC and GMT in winter London) adds nothing worth reading
  if (formatWindow(start, end, own, opts, viewer.locale) === text) return { text: main, note: null };
  const l = safeLocale(viewer.locale);
  const days = (z: string) => [start, end].map((x) => (parse(x) ? fmt(z, SHORT_DAY, l).format(parse(x)!) : '')).join('|');
  const s = parse(start);
  const e = parse(end);
  const t = fmt(own, TIME, l);
  // the same days in both zones: the times are enough beside the full line
  const brief =
    days(own) === days(safeZone(viewer.timeZone)) && s && e
      ? `${t.format(s)}–${t.format(e)} ${zoneAbbreviation(at, own, viewer.locale)}`
      : `${formatWindow(start, end, own, { weekday: false }, viewer.locale)} ${zoneAbbreviation(at, own, viewer.locale)}`;
  return { text: main, note: words(viewer.locale)('zoneNote', { time: brief, whose: 'release', zone: own }) };
}

/** formatWindowFor as one line: "Tue, 8 Dec 2026, 10:00–12:00 CET (09:00–11:00 GMT, the release’s zone Europe/London)". */
export function formatWindowLine(
  start: string | null,
  end: string | null,
  viewer: Viewer,
  zone: string | null | undefined,
  opts: { weekday?: boolean } = {},
): string | null {
  const w = formatWindowFor(start, end, viewer, zone, opts);
  return w ? (w.note ? `${w.text} (${w.note})` : w.text) : null;
}

/** UTC timestamp for the audit trail: "2026-11-23 14:02:11 UTC". */
export function formatUtc(iso: string): string {
  const d = parse(iso);
  return d ? `${d.toISOString().slice(0, 19).replace('T', ' ')} UTC` : iso;
}

/** "1 h 30 min", "45 min", "2 d 3 h" (French: "2 j 3 h"), the two largest units. */
export function formatMinutes(minutes: number, locale: string = LOCALE): string {
  const t = words(locale);
  if (!Number.isFinite(minutes) || minutes <= 0) return t('duration.minutes', { count: 0 });
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = Math.round(minutes % 60);
  const parts = [d ? t('duration.days', { count: d }) : '', h ? t('duration.hours', { count: h }) : '', m ? t('duration.minutes', { count: m }) : ''].filter(
    Boolean,
  );
  return parts.slice(0, 2).join(' ');
}

/** First 12 hex characters of a sha256, for display next to the full value in a title. */
export const shortDigest = (digest: string | null | undefined) => (digest ? digest.slice(0, 12) : '—');

const counts = new Map<string, Intl.NumberFormat>();
export const formatCount = (n: number, locale = LOCALE) => {
  const l = safeLocale(locale);
  let f = counts.get(l);
  if (!f) counts.set(l, (f = new Intl.NumberFormat(l)));
  return f.format(n);
};

export const plural = (n: number, one: string, many = `${one}s`) => `${formatCount(n)} ${n === 1 ? one : many}`;

/** Human words for enum values: "handed_over" → "Handed over". */
export function humanize(value: string): string {
  const s = value.replace(/[_-]+/g, ' ').trim();
  return s.charAt(0).toUpperCase() + s.slice(1);
}
