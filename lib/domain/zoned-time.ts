// Times written to one reader (a notification, an e-mail, a chat line): in the reader's time
// zone with the zone named, and the record's own zone beside it where its wall clock differs
// (docs/decisions/050-one-time-zone-per-person.md). Machine output (webhooks, the API) keeps ISO
// UTC and never comes through here.

import { formatRange, formatWhen, type Window } from './scheduling';
import { isValidTimeZone } from './recurrence';

const zoneOf = (tz: string | null | undefined) => (tz && isValidTimeZone(tz) ? tz : 'UTC');
const names = new Map<string, Intl.DateTimeFormat>();

/** The zone's short name at that moment: "CET", "GMT", "GMT+1". */
export function zoneShortName(d: Date, tz: string): string {
  const zone = zoneOf(tz);
  let f = names.get(zone);
  if (!f) names.set(zone, (f = new Intl.DateTimeFormat('en-GB', { timeZone: zone, timeZoneName: 'short' })));
  return f.formatToParts(d).find((p) => p.type === 'timeZoneName')?.value ?? zone;
}

/** "4 Dec 2026 17:59 CET" in the reader's zone. */
export function instantForReader(d: Date, readerZone: string | null | undefined): string {
  const zone = zoneOf(readerZone);
  const [day, month, time] = formatWhen(d, zone).split(' ');
  const year = new Date(d.getTime()).toLocaleString('en-GB', { timeZone: zone, year: 'numeric' });
  return `${day} ${month} ${year} ${time} ${zoneShortName(d, zone)}`;
}

/**
 * A window for one reader: "3 Dec 10:00–12:00 CET", and where the record's own zone reads
 * differently, "3 Dec 10:00–12:00 CET (09:00–11:00 GMT, the release's zone Europe/London)".
 */
export function rangeForReader(w: Window, readerZone: string | null | undefined, ownZone: string | null | undefined, whose = 'the release’s zone'): string {
  const mine = zoneOf(readerZone);
  const own = zoneOf(ownZone);
  const here = `${formatRange(w, mine)} ${zoneShortName(w.start, mine)}`;
  if (own === mine) return here;
  // the same wall clock (UTC and GMT in winter London) adds nothing worth reading
  if (formatRange(w, own) === formatRange(w, mine)) return here;
  const there = `${formatRange(w, own)} ${zoneShortName(w.start, own)}`;
  // on the same days in both zones the times are enough beside the full line
  const day = (d: Date, z: string) => formatWhen(d, z).split(' ').slice(0, 2).join(' ');
  const sameDays = day(w.start, mine) === day(w.start, own) && day(w.end, mine) === day(w.end, own);
  const brief = sameDays ? there.replace(`${day(w.start, own)} `, '').replace(` – ${day(w.end, own)} `, ' – ') : there;
  return `${here} (${brief}, ${whose} ${own})`;
}
