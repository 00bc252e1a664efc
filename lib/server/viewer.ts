import 'server-only';
import { cache } from 'react';
import { getLocale } from 'next-intl/server';
import { INTL_LOCALES, isLocale, type Locale } from '@/lib/domain/locale';
import { isValidTimeZone } from '@/lib/domain/recurrence';
import { db } from './db';
import { currentUser } from './session';

// Whose clock and language the current request is written for: the signed-in person's time
// zone (Profile; the browser's on first sign-in) and locale. Read once per request (React
// cache), so every time on a page asks the database at most once. A person with no zone yet,
// or no one signed in, reads UTC (docs/decisions/050-one-time-zone-per-person.md). The locale is
// the Intl locale of the language Relm speaks to them (docs/decisions/057): en-GB or fr-FR.

/** Whose clock and language (the same shape as Viewer in components/format.ts). */
export interface Viewer {
  timeZone: string;
  locale: string;
}

const DEFAULT_LOCALE = INTL_LOCALES.en;
const UTC_VIEWER: Viewer = { timeZone: 'UTC', locale: DEFAULT_LOCALE };

/** The person's stored zone when valid, else null. */
export function validZoneOrNull(zone: string | null | undefined): string | null {
  return zone && isValidTimeZone(zone) ? zone : null;
}

/** The viewer of a person by id (e-mails and notifications are written in the recipient's). */
export async function viewerOf(userId: string): Promise<Viewer & { zoneSet: boolean; language: Locale }> {
  const prisma = await db();
  const user = await prisma.user.findUnique({ where: { id: userId }, select: { timeZone: true, locale: true } });
  const zone = validZoneOrNull(user?.timeZone);
  // a person who chose no language is written to in English: outside a request there is no browser to ask
  return {
    timeZone: zone ?? UTC_VIEWER.timeZone,
    locale: INTL_LOCALES[isLocale(user?.locale) ? user.locale : 'en'],
    zoneSet: zone !== null,
    language: isLocale(user?.locale) ? user.locale : 'en',
  };
}

/** The current request's viewer: {timeZone, locale}, plus whether the person has chosen a zone. */
export const currentViewer = cache(async (): Promise<Viewer & { zoneSet: boolean }> => {
  const user = await currentUser();
  // the zone comes with the session's person (lib/server/session-store.ts): no query of its own
  const zone = user?.type === 'user' ? validZoneOrNull(user.timeZone) : null;
  return { timeZone: zone ?? UTC_VIEWER.timeZone, locale: INTL_LOCALES[await requestLanguage()], zoneSet: zone !== null };
});

/** The language of this request as next-intl decided it (i18n/request.ts); English outside a request (scripts). */
async function requestLanguage(): Promise<Locale> {
  try {
    const locale = await getLocale();
    return isLocale(locale) ? locale : 'en';
  } catch {
    return 'en';
  }
}
