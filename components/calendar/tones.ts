import type { useTranslations } from 'next-intl';
import type { Tone } from '@/components/ui/badge';
import { statusTone } from '@/components/releases/labels';

/** The calendar catalogue's translator (useTranslations('calendar') or getTranslations('calendar')). */
export type CalendarT = ReturnType<typeof useTranslations<'calendar'>>;

/**
 * The Intl locale for the request's language ('en' | 'fr', next-intl's useLocale/getLocale):
 * British English keeps "Tue 25 Nov" and "20:00", French writes "mar. 25 nov.".
 */
export const intlLocale = (locale: string): string => (locale === 'fr' ? 'fr-FR' : 'en-GB');

// The calendar's colours per release status: a strong left border and a pale
// fill (the status is always written out too; colour is never the only signal).
// Text stays -900 on -50 for contrast well above 4.5:1.

const EVENT_TONES: Record<Tone, string> = {
  gray: 'border-gray-500 bg-gray-50 text-gray-900',
  blue: 'border-blue-600 bg-blue-50 text-blue-900',
  indigo: 'border-indigo-600 bg-indigo-50 text-indigo-900',
  violet: 'border-violet-600 bg-violet-50 text-violet-900',
  amber: 'border-amber-500 bg-amber-50 text-amber-900',
  teal: 'border-teal-600 bg-teal-50 text-teal-900',
  cyan: 'border-cyan-600 bg-cyan-50 text-cyan-900',
  fuchsia: 'border-fuchsia-600 bg-fuchsia-50 text-fuchsia-900',
  green: 'border-green-600 bg-green-50 text-green-900',
  red: 'border-red-600 bg-red-50 text-red-900',
  stone: 'border-stone-500 bg-stone-100 text-stone-900',
  rose: 'border-rose-600 bg-rose-50 text-rose-900',
  yellow: 'border-yellow-500 bg-yellow-50 text-yellow-900',
  orange: 'border-orange-500 bg-orange-50 text-orange-900',
};

export const eventTone = (status: string) => EVENT_TONES[statusTone(status)];

// blue-100 and amber-100 through the theme's variables, so the hatching follows light and dark
const FREEZE_STRIPES = 'repeating-linear-gradient(135deg, color-mix(in oklab, var(--color-blue-100) 90%, transparent) 0 6px, transparent 6px 12px)';
// maintenance leans the other way, in amber: a day with both shows a cross-hatch
const MAINTENANCE_STRIPES = 'repeating-linear-gradient(45deg, color-mix(in oklab, var(--color-amber-100) 95%, transparent) 0 6px, transparent 6px 12px)';

/** Diagonal stripes for frozen days (pattern plus the freeze's name in text). */
export const FREEZE_STYLE = { backgroundImage: FREEZE_STRIPES } as const;

/** Stripes the other way for days with a maintenance window (named in text too). */
export const MAINTENANCE_STYLE = { backgroundImage: MAINTENANCE_STRIPES } as const;

/** The shading of a day: freeze, maintenance, both, or none. */
export function dayShading(freeze: boolean, maintenance: boolean): { backgroundImage?: string } {
  const layers = [freeze ? FREEZE_STRIPES : '', maintenance ? MAINTENANCE_STRIPES : ''].filter(Boolean);
  return layers.length ? { backgroundImage: layers.join(', ') } : {};
}

/** "from 20:00 until 23:00", "from 20:00", "until 06:00" or "all day": how an interval sits on a day. */
export function freezeSpan(f: { start: string; end: string }, day: { start: Date; end: Date }, zone: string, locale: string, t: CalendarT): string {
  const s = new Date(f.start);
  const e = new Date(f.end);
  const from = s.getTime() >= day.start.getTime();
  const until = e.getTime() <= day.end.getTime();
  if (from && until) return t('span.fromUntil', { from: timeIn(s, zone, locale), until: timeIn(e, zone, locale) });
  if (from) return t('span.from', { from: timeIn(s, zone, locale) });
  if (until) return t('span.until', { until: timeIn(e, zone, locale) });
  return t('span.allDay');
}

const timeFormats = new Map<string, Intl.DateTimeFormat>();

/** "20:00" in the zone (`locale`: the request's, 'en' or 'fr'). */
export function timeIn(d: Date, zone: string, locale: string): string {
  const key = `${locale}|${zone}`;
  let f = timeFormats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(intlLocale(locale), { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: zone });
    timeFormats.set(key, f);
  }
  return f.format(d);
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** "Tue 25 Nov" ("mar. 25 nov.") in the zone. */
export function shortDayIn(d: Date, zone: string, locale: string): string {
  const key = `${locale}|${zone}`;
  let f = dayFormats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(intlLocale(locale), { weekday: 'short', day: 'numeric', month: 'short', timeZone: zone });
    dayFormats.set(key, f);
  }
  return f.format(d).replace(',', '');
}
