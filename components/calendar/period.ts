import { DateTime } from 'luxon';
import type { CalendarGrid } from '@/lib/domain/calendar';
import { intlLocale, type CalendarT } from './tones';

// The calendar's words for dates, in the request's language (docs/decisions/057): the names of
// days and months come from Intl with the locale, never from an English list.

const formats = new Map<string, Intl.DateTimeFormat>();

/** A date (YYYY-MM-DD, a day of the calendar) written with these Intl options, read at noon UTC. */
export function formatYmd(ymd: string, locale: string, options: Intl.DateTimeFormatOptions): string {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = formats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(intlLocale(locale), { ...options, timeZone: 'UTC' });
    formats.set(key, f);
  }
  return f.format(new Date(`${ymd}T12:00:00Z`));
}

/** "Monday 23 November" ("lundi 23 novembre"). */
export const longDate = (ymd: string, locale: string) => formatYmd(ymd, locale, { weekday: 'long', day: 'numeric', month: 'long' });

/** "23 November" ("23 novembre"). */
export const dayMonth = (ymd: string, locale: string) => formatYmd(ymd, locale, { day: 'numeric', month: 'long' });

/** The seven weekdays from Monday, short and long: ["Mon", "Monday"] (["lun.", "lundi"]). */
export function weekdayNames(locale: string): [string, string][] {
  // 2024-01-01 was a Monday
  return Array.from({ length: 7 }, (_, i) => {
    const ymd = `2024-01-0${i + 1}`;
    return [formatYmd(ymd, locale, { weekday: 'short' }), formatYmd(ymd, locale, { weekday: 'long' })];
  });
}

/**
 * The period a calendar shows, in the request's language: "November 2026", "Week 48: 23–29 Nov
 * 2026" or "Monday 23 November 2026" ("novembre 2026", "Semaine 48 : 23–29 nov. 2026",
 * "lundi 23 novembre 2026").
 */
export function periodTitle(grid: Pick<CalendarGrid, 'view' | 'date' | 'weeks'>, locale: string, t: CalendarT): string {
  if (grid.view === 'month' || grid.view === 'agenda') return formatYmd(grid.date, locale, { month: 'long', year: 'numeric' });
  if (grid.view === 'day') return formatYmd(grid.date, locale, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).replace(',', '');
  const week = grid.weeks[0]!;
  const first = week[0]!.date;
  const last = week[week.length - 1]!.date;
  const sameMonth = first.slice(0, 7) === last.slice(0, 7);
  return t('weekTitle', {
    week: String(DateTime.fromISO(first, { zone: 'UTC' }).weekNumber),
    from: formatYmd(first, locale, sameMonth ? { day: 'numeric' } : { day: 'numeric', month: 'short' }),
    to: formatYmd(last, locale, { day: 'numeric', month: 'short', year: 'numeric' }),
  });
}
