import { IANAZone } from 'luxon';
import { RRule } from 'rrule';
import { CronExpressionParser } from 'cron-parser';
import cronstrue from 'cronstrue';
// cronstrue's French, registered with it (its locales are separate files)
import 'cronstrue/locales/fr';
import en from '@/messages/en/domain-recurrence.json';
import { CRON_EXAMPLE, RRULE_EXAMPLE } from './recurrence-examples';
import { sayer, sayKind } from './said';

// What is wrong with a window or a rule, in words: messages of the domain-recurrence catalogue,
// said in English and remembered for the reader's language (decision 060).
const say = sayer('domain-recurrence', en);

// Windows in time: one-off intervals, or a recurrence (RFC 5545 RRULE or a
// five-field cron expression) plus an elapsed duration, read as WALL-CLOCK time
// in an IANA time zone. Used for maintenance windows and freeze windows.
// See docs/decisions/004-recurrence-and-time-zones.md for the rules:
//
// - Rules are evaluated in "floating" local time (a Date whose UTC fields are the
//   wall clock in the zone), then each start is converted to an instant.
// - A local start that does not exist (spring-forward gap) moves forward by the
//   length of the gap (01:30 in a 01:00→02:00 gap starts at 02:30 summer time).
// - A local start that exists twice (fall-back overlap) takes the EARLIER instant.
// - The duration is elapsed time: a 60 h window that spans a DST change still
//   lasts 60 h, so its local end time shifts by an hour.
// - An RRULE without DTSTART is anchored at 2000-01-01T00:00 local time (a
//   Saturday): defaults the rule leaves open (time of day → 00:00:00, weekday,
//   day of month) come from there. A DTSTART may be given as floating local time
//   (DTSTART:20260102T180000) or with TZID equal to the window's time zone; a UTC
//   DTSTART or a different TZID is refused, since it would conflict with the zone.
// - UNTIL is read as local wall time in the zone. COUNT requires a DTSTART.

type RRuleT = RRule;

export interface OneOffRecurrence {
  kind: 'one_off';
  startsAt: Date;
  endsAt: Date;
  /** only used to describe the window */
  timezone?: string;
}

export interface RecurringRecurrence {
  kind: 'recurring';
  rrule?: string;
  cron?: string;
  durationMinutes: number;
  timezone: string;
}

export type Recurrence = OneOffRecurrence | RecurringRecurrence;

export interface Interval {
  start: Date;
  end: Date;
}

export type RecurrenceErrors = Record<string, string[]>;

export type Validated = { ok: true; value: Recurrence } | { ok: false; errors: RecurrenceErrors };

export const MAX_DURATION_MINUTES = 60 * 24 * 14;
export { CRON_EXAMPLE, RRULE_EXAMPLE } from './recurrence-examples';
const DEFAULT_LIMIT = 5000;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** the largest distance between floating local time and UTC (UTC-12 … UTC+14), plus a gap */
const ZONE_SLACK = 16 * HOUR;
const ANCHOR = new Date(Date.UTC(2000, 0, 1, 0, 0, 0));
const EARLIEST = Date.UTC(1970, 0, 1);
const LATEST = Date.UTC(9999, 11, 31);

// ------------------------------------------------------------------ time zones

// Luxon builds an Intl.DateTimeFormat on every isValidZone call, which dominates
// scheduling checks (every window, message and occurrence asks); the answer for
// a zone name never changes, so remember it (bounded: names come from input).
const knownZones = new Map<string, boolean>();

export function isValidTimeZone(zone: unknown): boolean {
  if (typeof zone !== 'string' || zone.length === 0 || zone.length > 64) return false;
  let valid = knownZones.get(zone);
  if (valid === undefined) {
    valid = IANAZone.isValidZone(zone);
    if (knownZones.size < 500) knownZones.set(zone, valid);
  }
  return valid;
}

/** The UTC offset of `zone` at the instant `ms`, in minutes. */
function offsetAt(zone: IANAZone, ms: number): number {
  return zone.offset(ms);
}

/**
 * The instant of a wall-clock time in a zone. `floatingMs` is the wall clock
 * written as if it were UTC. Gap → forward by the gap; overlap → the earlier instant.
 */
export function floatingToInstant(floatingMs: number, timezone: string): Date {
  const zone = IANAZone.create(timezone);
  const before = offsetAt(zone, floatingMs - DAY);
  const after = offsetAt(zone, floatingMs + DAY);
  const candidates = [...new Set([before, after])]
    .map((o) => floatingMs - o * MINUTE)
    .filter((ts) => offsetAt(zone, ts) === (floatingMs - ts) / MINUTE)
    .sort((a, b) => a - b);
  if (candidates[0] !== undefined) return new Date(candidates[0]);
  // inside a gap: read the wall clock with the offset that applied before it
  return new Date(floatingMs - before * MINUTE);
}

/** The wall clock of an instant in a zone, as floating ms. */
export function instantToFloating(instant: Date, timezone: string): number {
  return instant.getTime() + offsetAt(IANAZone.create(timezone), instant.getTime()) * MINUTE;
}

/** "2026-03-29T01:30" (a datetime-local value) in `timezone` → instant, or null if malformed. */
export function localDateTimeToInstant(local: string, timezone: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/.exec(local.trim());
  if (!m || !isValidTimeZone(timezone)) return null;
  const [y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0] = m.slice(1).map((v) => (v === undefined ? 0 : Number(v)));
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return null;
  const floating = Date.UTC(y, mo - 1, d, h, mi, s);
  const check = new Date(floating);
  if (check.getUTCDate() !== d || check.getUTCMonth() !== mo - 1) return null;
  return floatingToInstant(floating, timezone);
}

/** An instant as "YYYY-MM-DDTHH:mm" wall-clock time in `timezone` (for datetime-local inputs). */
export function instantToLocalDateTime(instant: Date, timezone: string): string {
  return new Date(instantToFloating(instant, timezone)).toISOString().slice(0, 16);
}

// ------------------------------------------------------------------ RRULE parsing

const DAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
const FREQS = ['YEARLY', 'MONTHLY', 'WEEKLY', 'DAILY', 'HOURLY'];

function intList(value: string, min: number, max: number, allowZero = true): boolean {
  return value.split(',').every((v) => {
    if (!/^[+-]?\d{1,4}$/.test(v)) return false;
    const n = Number(v);
    return n >= min && n <= max && (allowZero || n !== 0);
  });
}

const PARTS: Record<string, (v: string) => string | null> = {
  FREQ: (v) => (FREQS.includes(v) ? null : say('part.freq', { got: v })),
  INTERVAL: (v) => (/^\d{1,4}$/.test(v) && Number(v) >= 1 && Number(v) <= 1000 ? null : say('part.interval')),
  COUNT: (v) => (/^\d{1,5}$/.test(v) && Number(v) >= 1 && Number(v) <= 10000 ? null : say('part.count')),
  UNTIL: (v) => (/^\d{8}(T\d{6}Z?)?$/.test(v) ? null : say('part.until')),
  BYDAY: (v) =>
    v.split(',').every((d) => {
      const m = /^([+-]?\d{1,2})?([A-Z]{2})$/.exec(d);
      return m && DAYS.includes(m[2] ?? '') && (!m[1] || (Math.abs(Number(m[1])) >= 1 && Math.abs(Number(m[1])) <= 53));
    })
      ? null
      : say('part.byDay'),
  BYMONTHDAY: (v) => (intList(v, -31, 31, false) ? null : say('part.byMonthDay')),
  BYMONTH: (v) => (intList(v, 1, 12) ? null : say('part.byMonth')),
  BYHOUR: (v) => (intList(v, 0, 23) ? null : say('part.byHour')),
  BYMINUTE: (v) => (intList(v, 0, 59) ? null : say('part.byMinute')),
  BYSECOND: (v) => (intList(v, 0, 59) ? null : say('part.bySecond')),
  BYSETPOS: (v) => (intList(v, -366, 366, false) ? null : say('part.bySetPos')),
  BYYEARDAY: (v) => (intList(v, -366, 366, false) ? null : say('part.byYearDay')),
  BYWEEKNO: (v) => (intList(v, -53, 53, false) ? null : say('part.byWeekNo')),
  WKST: (v) => (DAYS.includes(v) ? null : say('part.wkst')),
};

interface ParsedRule {
  rule: RRuleT;
  /** true when the rule's anchor may be moved close to the query (no INTERVAL > 1, COUNT or DTSTART) */
  movableAnchor: boolean;
  /** the normalised text, e.g. "FREQ=WEEKLY;BYDAY=FR;BYHOUR=18;BYMINUTE=0" (with DTSTART line if any) */
  text: string;
}

function floatingFromBasic(v: string): number | null {
  const m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2}))?$/.exec(v);
  if (!m) return null;
  const [y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0] = m.slice(1).map((x) => (x === undefined ? 0 : Number(x)));
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  const dt = new Date(ms);
  if (dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== d || h > 23 || mi > 59 || s > 59 || ms < EARLIEST || ms > LATEST) return null;
  return ms;
}

/** Whether some day in the eight years from `begin` passes BYMONTH, BYMONTHDAY, BYYEARDAY and BYDAY (weekday only). */
function someDayMatches(parts: Map<string, string>, begin: number): boolean {
  const list = (k: string) => (parts.has(k) ? parts.get(k)!.split(',').map(Number) : null);
  const months = list('BYMONTH');
  const monthDays = list('BYMONTHDAY');
  const yearDays = list('BYYEARDAY');
  const weekdays = parts.has('BYDAY')
    ? parts
        .get('BYDAY')!
        .split(',')
        .map((d) => DAYS.indexOf(d.slice(-2)))
    : null;
  const start = Date.UTC(new Date(begin).getUTCFullYear(), new Date(begin).getUTCMonth(), new Date(begin).getUTCDate());
  for (let t = start; t < start + 8 * 366 * DAY; t += DAY) {
    const d = new Date(t);
    const y = d.getUTCFullYear();
    const m = d.getUTCMonth() + 1;
    const md = d.getUTCDate();
    if (months && !months.includes(m)) continue;
    if (monthDays) {
      const len = new Date(Date.UTC(y, m, 0)).getUTCDate();
      if (!monthDays.some((x) => x === md || x === md - len - 1)) continue;
    }
    if (yearDays) {
      const yd = Math.round((t - Date.UTC(y, 0, 1)) / DAY) + 1;
      const ylen = Math.round((Date.UTC(y + 1, 0, 1) - Date.UTC(y, 0, 1)) / DAY);
      if (!yearDays.some((x) => x === yd || x === yd - ylen - 1)) continue;
    }
    if (weekdays && !weekdays.includes((d.getUTCDay() + 6) % 7)) continue;
    return true;
  }
  return false;
}

type ParseResult = { ok: true; value: ParsedRule } | { ok: false; error: string };
const parseCache = new Map<string, ParseResult>();

/** Parses RRULE text strictly (memoised). Errors are sentences for the person who typed it. */
export function parseRRule(text: string, timezone: string): ParseResult {
  const key = `${timezone}\u0001${text}`;
  const cached = parseCache.get(key);
  if (cached) return cached;
  const result = parseRRuleUncached(text, timezone);
  if (parseCache.size >= 500) parseCache.delete(parseCache.keys().next().value!);
  parseCache.set(key, result);
  return result;
}

function parseRRuleUncached(text: string, timezone: string): ParseResult {
  const example = RRULE_EXAMPLE;
  const lines = text
    .trim()
    .split(/[\r\n]+|\s+(?=RRULE:|DTSTART)/i)
    .map((l) => l.trim())
    .filter(Boolean);
  if (!lines.length) return { ok: false, error: say('rrule.enter', { example }) };
  if (text.length > 500) return { ok: false, error: say('rrule.tooLong') };
  let dtstart: number | null = null;
  let ruleLine: string | null = null;
  for (const line of lines) {
    const upper = line.toUpperCase();
    if (upper.startsWith('DTSTART')) {
      const m = /^DTSTART(?:;TZID=([^:;]+))?:(\d{8}(?:T\d{6})?)(Z)?$/i.exec(line);
      if (!m) return { ok: false, error: say('rrule.dtstartShape') };
      if (m[3]) return { ok: false, error: say('rrule.dtstartUtc', { timezone }) };
      if (m[1] && m[1] !== timezone) return { ok: false, error: say('rrule.dtstartTzid', { tzid: m[1]!, timezone }) };
      dtstart = floatingFromBasic(m[2] ?? '');
      if (dtstart === null) return { ok: false, error: say('rrule.dtstartInvalid', { value: m[2]! }) };
    } else {
      if (ruleLine !== null) return { ok: false, error: say('rrule.oneRule') };
      ruleLine = upper.replace(/^RRULE:/, '');
    }
  }
  if (ruleLine === null) return { ok: false, error: say('rrule.missing', { example }) };
  const seen = new Map<string, string>();
  for (const part of ruleLine.split(';').filter(Boolean)) {
    const eq = part.indexOf('=');
    if (eq <= 0) return { ok: false, error: say('rrule.notKeyValue', { part: part.slice(0, 40), example }) };
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    const check = PARTS[key];
    if (!check) {
      const zoneHint = key === 'TZID' || key === 'DTSTART';
      return { ok: false, error: say(zoneHint ? 'rrule.unknownPartZone' : 'rrule.unknownPart', { key: key.slice(0, 40), example }) };
    }
    if (seen.has(key)) return { ok: false, error: say('rrule.twice', { key }) };
    const problem = value ? check(value) : say('rrule.noValue', { key });
    if (problem) return { ok: false, error: problem + example };
    seen.set(key, value);
  }
  if (!seen.has('FREQ')) return { ok: false, error: say('rrule.needsFreq', { example }) };
  const coarse = seen.get('FREQ') === 'MONTHLY' || seen.get('FREQ') === 'YEARLY';
  if (!coarse && seen.has('BYSETPOS')) return { ok: false, error: say('rrule.bySetPosFreq') };
  if (!coarse && /\d[A-Z]{2}/.test(seen.get('BYDAY') ?? '')) return { ok: false, error: say('rrule.byDayPosition') };
  if (seen.get('FREQ') !== 'YEARLY' && seen.has('BYWEEKNO')) return { ok: false, error: say('rrule.byWeekNoFreq') };
  if (seen.has('BYWEEKNO')) return { ok: false, error: say('rrule.byWeekNoUnsupported') };
  if (seen.has('COUNT') && seen.has('UNTIL')) return { ok: false, error: say('rrule.countOrUntil') };
  if (seen.has('COUNT') && dtstart === null) return { ok: false, error: say('rrule.countNeedsStart') };
  if (seen.has('UNTIL') && floatingFromBasic(seen.get('UNTIL')!.replace(/Z$/, '')) === null) return { ok: false, error: say('rrule.untilInvalid') };
  // UNTIL is local wall time: drop a trailing Z so rrule reads it in floating time too
  if (seen.has('UNTIL')) seen.set('UNTIL', seen.get('UNTIL')!.replace(/Z$/, '') + (seen.get('UNTIL')!.includes('T') ? 'Z' : ''));
  const body = [...seen].map(([k, v]) => `${k}=${v}`).join(';');
  let rule: RRuleT;
  try {
    const options = RRule.parseString(body);
    rule = new RRule({ ...options, tzid: null, dtstart: new Date(dtstart ?? ANCHOR.getTime()) }, true);
    // Does any day within eight years (every leap day) pass the day filters? rrule.js loops up
    // to year 9999 on a rule that never matches, so impossible rules are caught here first.
    const begin = dtstart ?? ANCHOR.getTime();
    if (!someDayMatches(seen, begin)) {
      return { ok: false, error: say('rrule.noOccurrence') };
    }
    if (seen.has('BYSETPOS') || /\d[A-Z]{2}/.test(seen.get('BYDAY') ?? '')) {
      // positions can still select nothing; MONTHLY/YEARLY only (checked above), so the scan is short
      if (!rule.after(new Date(begin - 1), true)) return { ok: false, error: say('rrule.never') };
    }
  } catch {
    return { ok: false, error: say('rrule.unreadable', { example }) };
  }
  const dtLine = dtstart !== null ? `DTSTART:${new Date(dtstart).toISOString().replace(/[-:]/g, '').slice(0, 15)}\n` : '';
  const userText = [...seen].map(([k, v]) => `${k}=${k === 'UNTIL' ? v.replace(/Z$/, '') : v}`).join(';');
  return {
    ok: true,
    value: {
      rule,
      movableAnchor: dtstart === null && !seen.has('COUNT') && (!seen.has('INTERVAL') || seen.get('INTERVAL') === '1'),
      text: dtLine + userText,
    },
  };
}

// ------------------------------------------------------------------ cron parsing

const CRON_MACROS = ['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@hourly'];

export function parseCron(text: string): { ok: true; value: string } | { ok: false; error: string } {
  const expr = text.trim().replace(/\s+/g, ' ');
  const example = CRON_EXAMPLE;
  if (!expr) return { ok: false, error: say('cron.enter', { example }) };
  if (expr.length > 200) return { ok: false, error: say('cron.tooLong') };
  if (!CRON_MACROS.includes(expr.toLowerCase()) && expr.split(' ').length !== 5) {
    return { ok: false, error: say('cron.fields', { example }) };
  }
  try {
    const it = CronExpressionParser.parse(expr, { tz: 'UTC', currentDate: ANCHOR });
    it.next();
  } catch (err) {
    const why = err instanceof Error ? err.message.slice(0, 160) : { key: 'cron.unreadable' };
    return { ok: false, error: say('cron.invalid', { why, example }) };
  }
  return { ok: true, value: expr };
}

// ------------------------------------------------------------------ validation

function toDate(v: unknown): Date | null {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v;
  if (typeof v === 'string' && v.trim() && v.length <= 64) {
    const d = new Date(v.trim());
    return Number.isNaN(d.getTime()) ? null : d;
  }
  return null;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() ? v.trim() : undefined;
}

/**
 * Checks a recurrence from untrusted input (form strings or typed values).
 * Errors are keyed by field: kind, startsAt, endsAt, rrule, cron, durationMinutes, timezone.
 */
export function validateRecurrence(input: unknown): Validated {
  const errors: RecurrenceErrors = {};
  const add = (field: string, message: string) => (errors[field] ??= []).push(message);
  const raw = (input && typeof input === 'object' ? input : {}) as Record<string, unknown>;
  const kind = raw.kind;
  if (kind === 'one_off') {
    const startsAt = toDate(raw.startsAt);
    const endsAt = toDate(raw.endsAt);
    if (!startsAt) add('startsAt', say('field.startsAt'));
    else if (startsAt.getTime() < EARLIEST || startsAt.getTime() > LATEST) add('startsAt', say('field.startsAtRange'));
    if (!endsAt) add('endsAt', say('field.endsAt'));
    else if (endsAt.getTime() < EARLIEST || endsAt.getTime() > LATEST) add('endsAt', say('field.endsAtRange'));
    else if (startsAt && endsAt.getTime() <= startsAt.getTime()) add('endsAt', say('field.endAfterStart'));
    const timezone = str(raw.timezone);
    if (timezone !== undefined && !isValidTimeZone(timezone)) add('timezone', say('field.unknownZone', { zone: timezone.slice(0, 64) }));
    if (Object.keys(errors).length) return { ok: false, errors };
    return { ok: true, value: { kind: 'one_off', startsAt: startsAt!, endsAt: endsAt!, ...(timezone ? { timezone } : {}) } };
  }
  if (kind !== 'recurring') {
    return { ok: false, errors: { kind: [say('field.kind')] } };
  }
  const timezone = str(raw.timezone);
  if (!timezone) add('timezone', say('field.timezone'));
  else if (!isValidTimeZone(timezone)) add('timezone', say('field.unknownZone', { zone: timezone.slice(0, 64) }));
  const rruleText = str(raw.rrule);
  const cronText = str(raw.cron);
  let rrule: string | undefined;
  let cron: string | undefined;
  if (rruleText && cronText) add('rrule', say('field.ruleOrCron'));
  else if (!rruleText && !cronText) add('rrule', say('field.rrule', { example: RRULE_EXAMPLE }));
  else if (rruleText) {
    const parsed = parseRRule(rruleText, timezone && isValidTimeZone(timezone) ? timezone : 'UTC');
    if (parsed.ok) rrule = parsed.value.text;
    else add('rrule', parsed.error);
  } else if (cronText) {
    const parsed = parseCron(cronText);
    if (parsed.ok) cron = parsed.value;
    else add('cron', parsed.error);
  }
  const d = raw.durationMinutes;
  const duration = typeof d === 'number' ? d : typeof d === 'string' && /^\s*\d{1,7}\s*$/.test(d) ? Number(d) : NaN;
  if (!Number.isInteger(duration)) add('durationMinutes', say('field.duration'));
  else if (duration < 1 || duration > MAX_DURATION_MINUTES) add('durationMinutes', say('field.durationRange', { max: String(MAX_DURATION_MINUTES) }));
  if (Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, value: { kind: 'recurring', ...(rrule ? { rrule } : { cron: cron! }), durationMinutes: duration, timezone: timezone! } };
}

// ------------------------------------------------------------------ evaluation

/** Floating-time starts in [fromF, toF] produced by the rule. */
function floatingStarts(rec: RecurringRecurrence, fromF: number, toF: number, cap: number): number[] {
  const out: number[] = [];
  if (rec.rrule) {
    const parsed = parseRRule(rec.rrule, rec.timezone);
    if (!parsed.ok) throw new Error(`invalid rrule: ${parsed.error}`);
    let rule = parsed.value.rule;
    if (parsed.value.movableAnchor) {
      // Move the anchor just before the query without changing what the rule leaves open to it:
      // midnight (time of day) for DAILY/HOURLY, a Saturday for WEEKLY, the 1st for MONTHLY,
      // January 1st for YEARLY — the same as ANCHOR. Iteration then stays short.
      const near = new Date(fromF - 2 * DAY);
      const y = near.getUTCFullYear();
      const m = near.getUTCMonth();
      let anchor: number;
      const freq = rule.origOptions.freq;
      if (freq === RRule.YEARLY) anchor = Date.UTC(y, 0, 1);
      else if (freq === RRule.MONTHLY) anchor = Date.UTC(y, m, 1);
      else {
        anchor = Date.UTC(y, m, near.getUTCDate());
        if (freq === RRule.WEEKLY) anchor -= ((new Date(anchor).getUTCDay() + 1) % 7) * DAY;
      }
      if (anchor > ANCHOR.getTime()) rule = new RRule({ ...rule.origOptions, dtstart: new Date(anchor) }, true);
    }
    rule.between(new Date(fromF), new Date(toF), true, (d) => {
      out.push(d.getTime());
      return out.length < cap;
    });
    return out;
  }
  if (rec.cron) {
    const it = CronExpressionParser.parse(rec.cron, { tz: 'UTC', currentDate: new Date(fromF - 1), endDate: new Date(toF) });
    while (out.length < cap && it.hasNext()) out.push(it.next().toDate().getTime());
    return out;
  }
  throw new Error('a recurring window needs an rrule or a cron expression');
}

/**
 * Every occurrence overlapping [from, to), sorted by start, including one that
 * began before `from` and is still running. At most `limit` are returned.
 */
export function occurrences(rec: Recurrence, from: Date, to: Date, limit = DEFAULT_LIMIT): Interval[] {
  const f = from.getTime();
  const t = to.getTime();
  if (!(t > f) || limit <= 0) return [];
  if (rec.kind === 'one_off') {
    return rec.startsAt.getTime() < t && rec.endsAt.getTime() > f ? [{ start: new Date(rec.startsAt), end: new Date(rec.endsAt) }] : [];
  }
  const duration = rec.durationMinutes * MINUTE;
  const starts = floatingStarts(rec, f - duration - ZONE_SLACK, t + ZONE_SLACK, Math.max(limit * 4 + 64, 256));
  const seen = new Set<number>();
  const out: Interval[] = [];
  for (const fl of starts) {
    const start = floatingToInstant(fl, rec.timezone).getTime();
    const end = start + duration;
    if (start < t && end > f && !seen.has(start)) {
      seen.add(start);
      out.push({ start: new Date(start), end: new Date(end) });
    }
  }
  out.sort((a, b) => a.start.getTime() - b.start.getTime());
  return out.slice(0, limit);
}

/** Whether `at` falls inside an occurrence (start inclusive, end exclusive). */
export function isInside(rec: Recurrence, at: Date): boolean {
  return occurrences(rec, at, new Date(at.getTime() + 1), 1).length > 0;
}

/** The occurrence running at `at`, if any. */
export function occurrenceAt(rec: Recurrence, at: Date): Interval | null {
  return occurrences(rec, at, new Date(at.getTime() + 1), 1)[0] ?? null;
}

/**
 * The next `n` occurrences that have not ended by `after`: a window running at
 * `after` comes first. Looks ahead in growing steps, up to about 20 years.
 */
export function nextOccurrences(rec: Recurrence, after: Date, n: number): Interval[] {
  if (n <= 0) return [];
  let span = 31 * DAY;
  const found = new Map<number, Interval>();
  let from = after.getTime();
  const horizon = after.getTime() + 20 * 366 * DAY;
  while (from < horizon) {
    const to = Math.min(from + span, horizon);
    for (const o of occurrences(rec, new Date(from), new Date(to), n)) found.set(o.start.getTime(), o);
    if (found.size >= n) break;
    from = to;
    span = Math.min(span * 4, 5 * 366 * DAY);
  }
  return [...found.values()].sort((a, b) => a.start.getTime() - b.start.getTime()).slice(0, n);
}

// ------------------------------------------------------------------ description

export function describeDuration(minutes: number): string {
  const d = Math.floor(minutes / (24 * 60));
  const h = Math.floor((minutes % (24 * 60)) / 60);
  const m = minutes % 60;
  const part = (v: number, unit: string) => (v ? `${v} ${unit}${v === 1 ? '' : 's'}` : '');
  return [part(d, 'day'), part(h, 'hour'), part(m, 'minute')].filter(Boolean).join(' ') || '0 minutes';
}

const pad = (n: number) => String(n).padStart(2, '0');

function describeRule(text: string, timezone: string): string {
  const parsed = parseRRule(text, timezone);
  if (!parsed.ok) return text;
  const opts = parsed.value.rule.origOptions;
  const start = opts.dtstart ?? ANCHOR;
  // what the rule leaves open comes from its start (DTSTART or the anchor)
  const hours = [opts.byhour ?? start.getUTCHours()].flat() as number[];
  const minutes = [opts.byminute ?? start.getUTCMinutes()].flat() as number[];
  const timed = opts.freq !== RRule.HOURLY;
  const weekday = [RRule.SU, RRule.MO, RRule.TU, RRule.WE, RRule.TH, RRule.FR, RRule.SA][start.getUTCDay()]!;
  const defaultDay =
    opts.freq === RRule.WEEKLY && opts.byweekday == null
      ? { byweekday: [weekday] }
      : opts.freq === RRule.MONTHLY && opts.byweekday == null && opts.bymonthday == null
        ? { bymonthday: [start.getUTCDate()] }
        : {};
  let base: string;
  try {
    base = new RRule({ ...opts, ...defaultDay, dtstart: null, byhour: null, byminute: null, bysecond: null }).toText();
  } catch {
    base = text;
  }
  const since = text.includes('DTSTART') ? `, starting ${start.toISOString().slice(0, 10)}` : '';
  base = base.replace(/^every week on /, 'every ').replace(/^every month on the /, 'monthly on the ');
  const times = timed
    ? ' at ' +
      hours
        .flatMap((h) => minutes.map((m) => `${pad(h)}:${pad(m)}`))
        .sort()
        .join(', ')
    : ` at minute ${minutes.join(', ')} past`;
  const s = base + times + since;
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function formatInstant(d: Date, timezone: string): string {
  const local = new Date(instantToFloating(d, timezone));
  const day = local.toLocaleDateString('en-GB', { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).replace(',', '');
  return `${day} ${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}`;
}

function describeInEnglish(rec: Recurrence, moment = false): string {
  if (rec.kind === 'one_off') {
    const zone = rec.timezone && isValidTimeZone(rec.timezone) ? rec.timezone : 'UTC';
    return `Once, from ${formatInstant(rec.startsAt, zone)} to ${formatInstant(rec.endsAt, zone)} (${zone})`;
  }
  let what: string;
  if (rec.rrule) what = describeRule(rec.rrule, rec.timezone);
  else if (rec.cron) {
    try {
      what = cronstrue.toString(rec.cron, { use24HourTimeFormat: true, verbose: false });
    } catch {
      what = `Cron ${rec.cron}`;
    }
  } else what = 'Never';
  return moment ? `${what} (${rec.timezone})` : `${what} for ${describeDuration(rec.durationMinutes)} (${rec.timezone})`;
}

// ------------------------------------------------------------------ in French

const FR_DAYS = ['dimanche', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi'];
const FR_MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];
/** rrule's weekday numbers (MO = 0) to FR_DAYS (dimanche = 0) */
const frDay = (weekday: number) => FR_DAYS[(weekday + 1) % 7]!;
const frJoin = (items: string[]) => new Intl.ListFormat('fr', { type: 'conjunction' }).format(items);
const frOrdinal = (n: number) => (n === 1 ? 'premier' : n === -1 ? 'dernier' : n > 0 ? `${n}e` : `${-n}e avant-dernier`);

function frenchDuration(minutes: number): string {
  const d = Math.floor(minutes / (24 * 60));
  const h = Math.floor((minutes % (24 * 60)) / 60);
  const m = minutes % 60;
  const part = (v: number, one: string, many: string) => (v ? `${v} ${v === 1 ? one : many}` : '');
  return [part(d, 'jour', 'jours'), part(h, 'heure', 'heures'), part(m, 'minute', 'minutes')].filter(Boolean).join(' ') || '0 minute';
}

function frenchInstant(d: Date, timezone: string): string {
  const local = new Date(instantToFloating(d, timezone));
  const day = local.toLocaleDateString('fr-FR', { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
  return `${day} ${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}`;
}

/** A rule in French; null when it uses parts this does not phrase (the English is shown then). */
function frenchRule(text: string, timezone: string): string | null {
  const parsed = parseRRule(text, timezone);
  if (!parsed.ok) return null;
  const o = parsed.value.rule.origOptions;
  const start = o.dtstart ?? ANCHOR;
  const n = o.interval ?? 1;
  const weekdays =
    o.byweekday == null
      ? []
      : [o.byweekday]
          .flat()
          .map((w) => (typeof w === 'number' ? { weekday: w, n: undefined } : { weekday: (w as { weekday: number }).weekday, n: (w as { n?: number }).n }));
  const monthdays = o.bymonthday == null ? [] : ([o.bymonthday].flat() as number[]);
  const months = o.bymonth == null ? [] : ([o.bymonth].flat() as number[]);
  const startDay = (start.getUTCDay() + 6) % 7;
  const days = (list: { weekday: number }[]) => frJoin(list.map((w) => frDay(w.weekday)));
  let what: string;
  switch (o.freq) {
    case RRule.HOURLY:
      what = n === 1 ? 'Toutes les heures' : `Toutes les ${n} heures`;
      break;
    case RRule.DAILY:
      what = weekdays.length ? `Chaque ${days(weekdays)}` : n === 1 ? 'Chaque jour' : `Tous les ${n} jours`;
      break;
    case RRule.WEEKLY: {
      const on = days(weekdays.length ? weekdays : [{ weekday: startDay }]);
      what = n === 1 ? `Chaque ${on}` : `Toutes les ${n} semaines, le ${on}`;
      break;
    }
    case RRule.MONTHLY: {
      const every = n === 1 ? 'Chaque mois' : `Tous les ${n} mois`;
      if (weekdays.length && weekdays.every((w) => w.n)) what = `${every}, le ${frJoin(weekdays.map((w) => `${frOrdinal(w.n!)} ${frDay(w.weekday)}`))}`;
      else if (weekdays.length) return null;
      else
        what = `${every}, le ${frJoin((monthdays.length ? monthdays : [start.getUTCDate()]).map((d) => (d === 1 ? '1er' : d < 0 ? `${frOrdinal(d)} jour` : String(d))))}`;
      break;
    }
    case RRule.YEARLY: {
      const every = n === 1 ? 'Chaque année' : `Tous les ${n} ans`;
      if (weekdays.length) return null;
      const m = months.length ? months : [start.getUTCMonth() + 1];
      const d = monthdays.length ? monthdays : [start.getUTCDate()];
      what = `${every}, le ${frJoin(d.map((x) => (x === 1 ? '1er' : String(x))))} ${frJoin(m.map((x) => FR_MONTHS[x - 1]!))}`;
      break;
    }
    default:
      return null;
  }
  const hours = [o.byhour ?? start.getUTCHours()].flat() as number[];
  const minutes = [o.byminute ?? start.getUTCMinutes()].flat() as number[];
  const times =
    o.freq !== RRule.HOURLY
      ? ` à ${hours
          .flatMap((h) => minutes.map((m) => `${pad(h)}:${pad(m)}`))
          .sort()
          .join(', ')}`
      : ` à la minute ${minutes.join(', ')}`;
  const count = o.count ? `, ${o.count} fois` : '';
  const until = o.until ? `, jusqu’au ${o.until.toISOString().slice(0, 10)}` : '';
  const since = text.includes('DTSTART') ? `, à partir du ${start.toISOString().slice(0, 10)}` : '';
  return what + times + count + until + since;
}

function describeInFrench(rec: Recurrence, moment = false): string {
  if (rec.kind === 'one_off') {
    const zone = rec.timezone && isValidTimeZone(rec.timezone) ? rec.timezone : 'UTC';
    return `Une fois, du ${frenchInstant(rec.startsAt, zone)} au ${frenchInstant(rec.endsAt, zone)} (${zone})`;
  }
  let what: string | null = null;
  if (rec.rrule) what = frenchRule(rec.rrule, rec.timezone);
  else if (rec.cron) {
    try {
      what = cronstrue.toString(rec.cron, { use24HourTimeFormat: true, verbose: false, locale: 'fr' });
    } catch {
      what = `Cron ${rec.cron}`;
    }
  } else what = 'Jamais';
  // a rule this cannot phrase in French is said in English rather than wrongly
  if (what === null) return describeInEnglish(rec, moment);
  return moment ? `${what} (${rec.timezone})` : `${what} pendant ${frenchDuration(rec.durationMinutes)} (${rec.timezone})`;
}

type RecurrenceArg = Record<string, string | number | boolean | null>;

const toArg = (rec: Recurrence): RecurrenceArg =>
  rec.kind === 'one_off'
    ? { kind: 'one_off', startsAt: rec.startsAt.toISOString(), endsAt: rec.endsAt.toISOString(), timezone: rec.timezone ?? null }
    : { kind: 'recurring', rrule: rec.rrule ?? null, cron: rec.cron ?? null, durationMinutes: rec.durationMinutes, timezone: rec.timezone };

const fromArg = (a: RecurrenceArg): Recurrence =>
  a.kind === 'one_off'
    ? { kind: 'one_off', startsAt: new Date(String(a.startsAt)), endsAt: new Date(String(a.endsAt)), ...(a.timezone ? { timezone: String(a.timezone) } : {}) }
    : {
        kind: 'recurring',
        ...(a.rrule ? { rrule: String(a.rrule) } : {}),
        ...(a.cron ? { cron: String(a.cron) } : {}),
        durationMinutes: Number(a.durationMinutes),
        timezone: String(a.timezone),
      };

/** A recurrence in words in one language (English, French otherwise falls back to English). */
export function describeRecurrenceIn(rec: Recurrence, locale: string, moment = false): string {
  return locale === 'fr' ? describeInFrench(rec, moment) : describeInEnglish(rec, moment);
}

sayKind('recurrence', (arg, locale) => describeRecurrenceIn(fromArg(arg as RecurrenceArg), locale, (arg as RecurrenceArg).moment === true));

/**
 * "Every Friday at 18:00 for 2 days 12 hours (Europe/London)": in English, remembered so that
 * a page can show it in the reader's language (lib/server/say.ts localize).
 */
export function describeRecurrence(rec: Recurrence): string {
  return say('description', { text: { kind: 'recurrence', arg: toArg(rec) } });
}

/** The rule without its duration, for moments (a train's departures): "Every Tuesday at 10:00 (Europe/London)". */
export function describeMoments(rec: Recurrence): string {
  return say('description', { text: { kind: 'recurrence', arg: { ...toArg(rec), moment: true } } });
}

/**
 * A one-off window boundary from a form or the API: a datetime-local value
 * ("2026-12-01T20:00") read in `timezone`, or an ISO instant with its offset.
 * Anything else comes back unchanged, for the caller's validation to explain.
 */
export function parseWindowBoundary(value: string, timezone: string): Date | string | null {
  if (!value) return null;
  if (/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2})?$/.test(value)) return localDateTimeToInstant(value, timezone) ?? value;
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(value)) {
    const d = new Date(value);
    return Number.isNaN(d.getTime()) ? value : d;
  }
  return value;
}

/**
 * A one-off window from form or API text (see parseWindowBoundary), validated. A
 * boundary that cannot be read as a time is explained with the caller's example,
 * e.g. "Enter the start as a date and time, e.g. 2026-12-05T22:00."
 */
export function validateOneOffText(startsAt: string, endsAt: string, timezone: string, examples: { startsAt: string; endsAt: string }): Validated {
  const start = parseWindowBoundary(startsAt, timezone);
  const end = parseWindowBoundary(endsAt, timezone);
  const rec = validateRecurrence({ kind: 'one_off', startsAt: start instanceof Date ? start : null, endsAt: end instanceof Date ? end : null, timezone });
  if (!rec.ok) {
    if (typeof start === 'string' && rec.errors.startsAt) rec.errors.startsAt = [say('oneOff.startsAt', { example: examples.startsAt })];
    if (typeof end === 'string' && rec.errors.endsAt) rec.errors.endsAt = [say('oneOff.endsAt', { example: examples.endsAt })];
  }
  return rec;
}

/** The stored columns of a maintenance window or a freeze window (windows have no cron). */
export interface StoredRecurrence {
  kind: 'one_off' | 'recurring';
  startsAt: Date | null;
  endsAt: Date | null;
  rrule: string | null;
  cron?: string | null;
  durationMinutes: number | null;
  timezone: string;
}

/** A stored window as a Recurrence; null when the row is unusable (the database CHECKs should prevent that). */
export function recurrenceOfStored(w: StoredRecurrence): Recurrence | null {
  if (w.kind === 'one_off') {
    return w.startsAt && w.endsAt ? { kind: 'one_off', startsAt: w.startsAt, endsAt: w.endsAt, timezone: w.timezone } : null;
  }
  if ((!w.rrule && !w.cron) || !w.durationMinutes) return null;
  const checked = validateRecurrence({
    kind: 'recurring',
    ...(w.rrule ? { rrule: w.rrule } : { cron: w.cron }),
    durationMinutes: w.durationMinutes,
    timezone: w.timezone,
  });
  return checked.ok ? checked.value : null;
}
