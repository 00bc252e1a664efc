// Date and number formatting for the pages. Formatting happens on the server
// (server components), in a fixed locale, so the markup does not depend on the
// viewer's browser. Times of a release are shown in the release's own time zone.

const LOCALE = 'en-GB';
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

function fmt(zone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${zone}|${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(LOCALE, { ...options, timeZone: zone });
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

/** "Tue 25 Nov 2026, 20:00" in the given zone. */
export function formatDateTime(iso: string | null | undefined, zone = 'UTC', opts: { weekday?: boolean } = {}): string {
  const d = parse(iso);
  if (!d) return '—';
  const z = safeZone(zone);
  return `${fmt(z, opts.weekday === false ? SHORT_DAY : DAY).format(d)}, ${fmt(z, TIME).format(d)}`;
}

/** "25 Nov 2026" in the given zone. */
export function formatDate(iso: string | null | undefined, zone = 'UTC'): string {
  const d = parse(iso);
  return d ? fmt(safeZone(zone), SHORT_DAY).format(d) : '—';
}

/** A calendar date stored without a time ("2026-11-25") → "25 Nov 2026". */
export function formatCalendarDate(ymd: string): string {
  const d = parse(`${ymd}T12:00:00Z`);
  return d ? fmt('UTC', SHORT_DAY).format(d) : ymd;
}

/** The zone's short name at that moment, e.g. "CET" or "GMT+1". */
export function zoneAbbreviation(iso: string | null | undefined, zone: string): string {
  const d = parse(iso) ?? new Date(0);
  const z = safeZone(zone);
  const part = fmt(z, { timeZoneName: 'short' })
    .formatToParts(d)
    .find((p) => p.type === 'timeZoneName');
  return part?.value ?? z;
}

/**
 * A planned window in the release's zone: "Tue 25 Nov 2026, 20:00–22:30" or, over
 * midnight, "Tue 25 Nov 2026, 22:00 – Wed 26 Nov 2026, 02:00". Null when unplanned.
 */
export function formatWindow(start: string | null, end: string | null, zone: string, opts: { weekday?: boolean } = {}): string | null {
  const s = parse(start);
  const e = parse(end);
  if (!s && !e) return null;
  const z = safeZone(zone);
  const dayFmt = fmt(z, opts.weekday === false ? SHORT_DAY : DAY);
  if (s && e) {
    const sameDay = dayFmt.format(s) === dayFmt.format(e);
    return sameDay
      ? `${dayFmt.format(s)}, ${fmt(z, TIME).format(s)}–${fmt(z, TIME).format(e)}`
      : `${dayFmt.format(s)}, ${fmt(z, TIME).format(s)} – ${dayFmt.format(e)}, ${fmt(z, TIME).format(e)}`;
  }
  return s ? `from ${dayFmt.format(s)}, ${fmt(z, TIME).format(s)}` : `until ${dayFmt.format(e!)}, ${fmt(z, TIME).format(e!)}`;
}

/** UTC timestamp for the audit trail: "2026-11-23 14:02:11 UTC". */
export function formatUtc(iso: string): string {
  const d = parse(iso);
  return d ? `${d.toISOString().slice(0, 19).replace('T', ' ')} UTC` : iso;
}

/** "1 h 30 min", "45 min", "2 d 3 h". */
export function formatMinutes(minutes: number): string {
  if (!Number.isFinite(minutes) || minutes <= 0) return '0 min';
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = Math.round(minutes % 60);
  const parts = [d ? `${d} d` : '', h ? `${h} h` : '', m ? `${m} min` : ''].filter(Boolean);
  return parts.slice(0, 2).join(' ');
}

/** First 12 hex characters of a sha256, for display next to the full value in a title. */
export const shortDigest = (digest: string | null | undefined) => (digest ? digest.slice(0, 12) : '—');

const COUNT = new Intl.NumberFormat(LOCALE);
export const formatCount = (n: number) => COUNT.format(n);

export const plural = (n: number, one: string, many = `${one}s`) => `${formatCount(n)} ${n === 1 ? one : many}`;

/** Human words for enum values: "handed_over" → "Handed over". */
export function humanize(value: string): string {
  const s = value.replace(/[_-]+/g, ' ').trim();
  return s.charAt(0).toUpperCase() + s.slice(1);
}
