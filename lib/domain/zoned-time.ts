// Times written to one reader (a notification, an e-mail, a chat line): in the reader's time
// zone with the zone named, and the record's own zone beside it where its wall clock differs
// (docs/decisions/050-one-time-zone-per-person.md), in the reader's language
// (docs/decisions/057-english-and-french.md). Machine output (webhooks, the API) keeps ISO UTC
// and never comes through here.

import { INTL_LOCALES, type Locale } from './locale';
import { formatRange, formatWhen, type Window } from './scheduling';
import { isValidTimeZone } from './recurrence';
import { wordsFor } from './words';

const zoneOf = (tz: string | null | undefined) => (tz && isValidTimeZone(tz) ? tz : 'UTC');
const formats = new Map<string, Intl.DateTimeFormat>();

function fmt(locale: Locale, zone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${zone}|${JSON.stringify(options)}`;
  let f = formats.get(key);
  if (!f) formats.set(key, (f = new Intl.DateTimeFormat(INTL_LOCALES[locale], { ...options, timeZone: zone })));
  return f;
}

const DAY_MONTH: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'short' };
const TIME: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };

/** The zone's short name at that moment: "CET", "GMT", "GMT+1" (French: "UTC+1"). */
export function zoneShortName(d: Date, tz: string, locale: Locale = 'en'): string {
  const zone = zoneOf(tz);
  return (
    fmt(locale, zone, { timeZoneName: 'short' })
      .formatToParts(d)
      .find((p) => p.type === 'timeZoneName')?.value ?? zone
  );
}

/** "3 Dec 10:00" (French "3 déc. 10:00") in `zone`. */
function when(d: Date, zone: string, locale: Locale): string {
  return locale === 'en' ? formatWhen(d, zone) : `${fmt(locale, zone, DAY_MONTH).format(d)} ${fmt(locale, zone, TIME).format(d)}`;
}

/** "3 Dec 10:00–12:00", or "3 Dec 22:00 – 4 Dec 02:00" across days, in `zone`. */
function range(w: Window, zone: string, locale: Locale): string {
  if (locale === 'en') return formatRange(w, zone);
  const sameDay = fmt(locale, zone, DAY_MONTH).format(w.start) === fmt(locale, zone, DAY_MONTH).format(w.end);
  return sameDay ? `${when(w.start, zone, locale)}–${fmt(locale, zone, TIME).format(w.end)}` : `${when(w.start, zone, locale)} – ${when(w.end, zone, locale)}`;
}

const dayOf = (d: Date, zone: string, locale: Locale) =>
  locale === 'en' ? formatWhen(d, zone).split(' ').slice(0, 2).join(' ') : fmt(locale, zone, DAY_MONTH).format(d);

/** "4 Dec 2026 17:59 CET" (French "4 déc. 2026 17:59 UTC+1") in the reader's zone. */
export function instantForReader(d: Date, readerZone: string | null | undefined, locale: Locale = 'en'): string {
  const zone = zoneOf(readerZone);
  const year = fmt(locale, zone, { year: 'numeric' }).format(d);
  return `${dayOf(d, zone, locale)} ${year} ${fmt(locale, zone, TIME).format(d)} ${zoneShortName(d, zone, locale)}`;
}

/** Whose zone a record's own time is in. */
export type ZoneOwner = 'release' | 'freeze' | 'window';

/**
 * A window for one reader: "3 Dec 10:00–12:00 CET", and where the record's own zone reads
 * differently, "3 Dec 10:00–12:00 CET (09:00–11:00 GMT, the release’s zone Europe/London)".
 */
export function rangeForReader(
  w: Window,
  readerZone: string | null | undefined,
  ownZone: string | null | undefined,
  whose: ZoneOwner = 'release',
  locale: Locale = 'en',
): string {
  const mine = zoneOf(readerZone);
  const own = zoneOf(ownZone);
  const here = `${range(w, mine, locale)} ${zoneShortName(w.start, mine, locale)}`;
  if (own === mine) return here;
  // the same wall clock (UTC and GMT in winter London) adds nothing worth reading
  if (range(w, own, locale) === range(w, mine, locale)) return here;
  const there = `${range(w, own, locale)} ${zoneShortName(w.start, own, locale)}`;
  // on the same days in both zones the times are enough beside the full line
  const sameDays = dayOf(w.start, mine, locale) === dayOf(w.start, own, locale) && dayOf(w.end, mine, locale) === dayOf(w.end, own, locale);
  const brief = sameDays ? there.replace(`${dayOf(w.start, own, locale)} `, '').replace(` – ${dayOf(w.end, own, locale)} `, ' – ') : there;
  return `${here} (${wordsFor(locale, 'format')('zoneNote', { time: brief, whose, zone: own })})`;
}

/** A calendar date without a time ("2026-12-01") for one reader: "1 Dec 2026", "1 déc. 2026". */
export function dateForReader(ymd: string, locale: Locale = 'en'): string {
  const d = new Date(`${ymd}T12:00:00Z`);
  return Number.isNaN(d.getTime()) ? ymd : fmt(locale, 'UTC', { day: 'numeric', month: 'short', year: 'numeric' }).format(d);
}
