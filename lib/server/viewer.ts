import 'server-only';
import { cache } from 'react';
import { isValidTimeZone } from '@/lib/domain/recurrence';
import { db } from './db';
import { currentUser } from './session';

// Whose clock and language the current request is written for: the signed-in person's time
// zone (Profile; the browser's on first sign-in) and locale. Read once per request (React
// cache), so every time on a page asks the database at most once. A person with no zone yet,
// or no one signed in, reads UTC (docs/decisions/050-one-time-zone-per-person.md).

/** Whose clock and language (the same shape as Viewer in components/format.ts). */
export interface Viewer {
  timeZone: string;
  locale: string;
}

const DEFAULT_LOCALE = 'en-GB';
const UTC_VIEWER: Viewer = { timeZone: 'UTC', locale: DEFAULT_LOCALE };

/** The person's stored zone when valid, else null. */
export function validZoneOrNull(zone: string | null | undefined): string | null {
  return zone && isValidTimeZone(zone) ? zone : null;
}

/** The viewer of a person by id (e-mails and notifications are written in the recipient's). */
export async function viewerOf(userId: string): Promise<Viewer & { zoneSet: boolean }> {
  const prisma = await db();
  const user = await prisma.user.findUnique({ where: { id: userId }, select: { timeZone: true } });
  const zone = validZoneOrNull(user?.timeZone);
  return { timeZone: zone ?? UTC_VIEWER.timeZone, locale: DEFAULT_LOCALE, zoneSet: zone !== null };
}

/** The current request's viewer: {timeZone, locale}, plus whether the person has chosen a zone. */
export const currentViewer = cache(async (): Promise<Viewer & { zoneSet: boolean }> => {
  const user = await currentUser();
  // the zone comes with the session's person (lib/server/session-store.ts): no query of its own
  const zone = user?.type === 'user' ? validZoneOrNull(user.timeZone) : null;
  return { timeZone: zone ?? UTC_VIEWER.timeZone, locale: DEFAULT_LOCALE, zoneSet: zone !== null };
});
