import type { Tone } from '@/components/ui/badge';
import { statusTone } from '@/components/releases/labels';

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

/** Diagonal stripes for frozen days (pattern plus the freeze's name in text). */
export const FREEZE_STYLE = {
  // blue-100 through the theme's variable, so the hatching follows light and dark
  backgroundImage: 'repeating-linear-gradient(135deg, color-mix(in oklab, var(--color-blue-100) 90%, transparent) 0 6px, transparent 6px 12px)',
} as const;

const timeFormats = new Map<string, Intl.DateTimeFormat>();

/** "20:00" in the zone. */
export function timeIn(d: Date, zone: string): string {
  let f = timeFormats.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: zone });
    timeFormats.set(zone, f);
  }
  return f.format(d);
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** "Tue 25 Nov" in the zone. */
export function shortDayIn(d: Date, zone: string): string {
  let f = dayFormats.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', timeZone: zone });
    dayFormats.set(zone, f);
  }
  return f.format(d).replace(',', '');
}
