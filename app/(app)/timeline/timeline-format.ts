import { statusLabel } from '@/components/releases/labels';
import type { TimelineWindow } from '@/lib/domain/timeline';

// How the timeline writes a window in words: the bars' accessible names, the list view
// and the tooltips all say the same thing.

const dayFormats = new Map<string, Intl.DateTimeFormat>();
const timeFormats = new Map<string, Intl.DateTimeFormat>();

function fmt(cache: Map<string, Intl.DateTimeFormat>, zone: string, opts: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  let f = cache.get(zone);
  if (!f) cache.set(zone, (f = new Intl.DateTimeFormat('en-GB', { ...opts, timeZone: zone })));
  return f;
}

/** "7 Dec" in the zone. */
export const dayIn = (d: Date, zone: string) => fmt(dayFormats, zone, { day: 'numeric', month: 'short' }).format(d);
/** "10:00" in the zone. */
export const timeIn = (d: Date, zone: string) => fmt(timeFormats, zone, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(d);

/** "7 Dec 10:00–12:00", or "7 Dec 22:00 – 8 Dec 02:00" across days. */
export function windowText(startIso: string, endIso: string, zone: string): string {
  const s = new Date(startIso);
  const e = new Date(endIso);
  const sd = dayIn(s, zone);
  const ed = dayIn(e, zone);
  return sd === ed ? `${sd} ${timeIn(s, zone)}–${timeIn(e, zone)}` : `${sd} ${timeIn(s, zone)} – ${ed} ${timeIn(e, zone)}`;
}

/** "REL-12 Payments 2.4 — production, 7 Dec 10:00–12:00" */
export function windowName(w: TimelineWindow, zone: string): string {
  return `${w.key} ${w.title} — ${w.environment?.displayName ?? 'no environment yet'}, ${windowText(w.start, w.end, zone)}`;
}

/** What is wrong with a window, or how it is known: "; planned window; conflicts with REL-13; in freeze Year end". */
export function barNotes(w: TimelineWindow): string {
  return [
    w.source === 'planned' ? 'planned window' : '',
    w.conflictsWith.length ? `conflicts with ${w.conflictsWith.join(', ')}` : '',
    w.inFreezes.length ? `in freeze ${w.inFreezes.join(', ')}` : '',
  ]
    .filter(Boolean)
    .map((n) => `; ${n}`)
    .join('');
}

/** The bar's full name: "REL-12 Payments 2.4 — Production, 7 Dec 10:00–12:00; Scheduled; conflicts with REL-13". */
export function barLabel(w: TimelineWindow, zone: string): string {
  return `${windowName(w, zone)}; ${statusLabel(w.status)}${barNotes(w)}`;
}
