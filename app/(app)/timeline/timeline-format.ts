import { DateTime } from 'luxon';
import type { useTranslations } from 'next-intl';
import { formatYmd } from '@/components/calendar/period';
import { intlLocale } from '@/components/calendar/tones';
import type { useStatusWords } from '@/components/i18n/status-words';
import type { TimelineGroup, TimelinePeriod, TimelineWindow } from '@/lib/domain/timeline';

// How the timeline writes a window in words: the bars' accessible names, the list view
// and the tooltips all say the same thing, in the request's language (`locale`: 'en' | 'fr').

/** The timeline catalogue's translator (useTranslations('timeline') or getTranslations('timeline')). */
export type TimelineT = ReturnType<typeof useTranslations<'timeline'>>;

const dayFormats = new Map<string, Intl.DateTimeFormat>();
const timeFormats = new Map<string, Intl.DateTimeFormat>();

function fmt(cache: Map<string, Intl.DateTimeFormat>, zone: string, locale: string, opts: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${zone}`;
  let f = cache.get(key);
  if (!f) cache.set(key, (f = new Intl.DateTimeFormat(intlLocale(locale), { ...opts, timeZone: zone })));
  return f;
}

/** "7 Dec" ("7 déc.") in the zone. */
export const dayIn = (d: Date, zone: string, locale: string) => fmt(dayFormats, zone, locale, { day: 'numeric', month: 'short' }).format(d);
/** "10:00" in the zone. */
export const timeIn = (d: Date, zone: string, locale: string) =>
  fmt(timeFormats, zone, locale, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(d);

/** "7 Dec 10:00–12:00", or "7 Dec 22:00 – 8 Dec 02:00" across days. */
export function windowText(startIso: string, endIso: string, zone: string, locale: string): string {
  const s = new Date(startIso);
  const e = new Date(endIso);
  const sd = dayIn(s, zone, locale);
  const ed = dayIn(e, zone, locale);
  return sd === ed ? `${sd} ${timeIn(s, zone, locale)}–${timeIn(e, zone, locale)}` : `${sd} ${timeIn(s, zone, locale)} – ${ed} ${timeIn(e, zone, locale)}`;
}

/** "REL-12 Payments 2.4 — production, 7 Dec 10:00–12:00" */
export function windowName(w: TimelineWindow, zone: string, locale: string, t: TimelineT): string {
  return `${w.key} ${w.title} — ${w.environment?.displayName ?? t('noEnvironment')}, ${windowText(w.start, w.end, zone, locale)}`;
}

/** What is wrong with a window, or how it is known: "; planned window; conflicts with REL-13; in freeze Year end". */
export function barNotes(w: TimelineWindow, t: TimelineT): string {
  return [
    w.source === 'planned' ? t('notes.planned') : '',
    w.conflictsWith.length ? t('notes.conflictsWith', { keys: w.conflictsWith.join(', ') }) : '',
    w.inFreezes.length ? t('notes.inFreeze', { names: w.inFreezes.join(', ') }) : '',
  ]
    .filter(Boolean)
    .map((n) => `; ${n}`)
    .join('');
}

/** The bar's full name: "REL-12 Payments 2.4 — Production, 7 Dec 10:00–12:00; Scheduled; conflicts with REL-13". */
export function barLabel(w: TimelineWindow, zone: string, locale: string, t: TimelineT, word: ReturnType<typeof useStatusWords>): string {
  return `${windowName(w, zone, locale, t)}; ${word('release', w.status)}${barNotes(w, t)}`;
}

/** The period in words: "7 Dec – 3 Jan 2027", or "30 Dec 2026 – 26 Jan 2027" across years. */
export function timelineTitle(period: Pick<TimelinePeriod, 'days'>, locale: string): string {
  const first = period.days[0]!.date;
  const last = period.days[period.days.length - 1]!.date;
  const sameYear = first.slice(0, 4) === last.slice(0, 4);
  const from = formatYmd(first, locale, sameYear ? { day: 'numeric', month: 'short' } : { day: 'numeric', month: 'short', year: 'numeric' });
  return `${from} – ${formatYmd(last, locale, { day: 'numeric', month: 'short', year: 'numeric' })}`;
}

/** The label of the week starting on `monday` (YYYY-MM-DD): "Week 50: 7 Dec". */
export function weekLabel(monday: string, locale: string, t: TimelineT): string {
  const week = DateTime.fromISO(monday, { zone: 'UTC' }).weekNumber;
  return t('weekLabel', { week: String(week), day: formatYmd(monday, locale, { day: 'numeric', month: 'short' }) });
}

/** A group's heading: its name, or what its windows lack ("No team", "No environment yet", "Not on a train"). */
export function groupName(g: Pick<TimelineGroup, 'key' | 'label'>, groupBy: 'team' | 'environment' | 'train', t: TimelineT): string {
  return g.key === '' ? t(`noGroup.${groupBy}`) : g.label;
}
