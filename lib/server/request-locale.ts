import 'server-only';
import { cache } from 'react';
import { cookies, headers } from 'next/headers';
import { chooseLocale, type Locale } from '@/lib/domain/locale';
import { currentUser } from './session';

// The language Relm speaks to whoever is asking (docs/decisions/057-english-and-french.md).
// next-intl asks for it once per request (i18n/request.ts); any server code that writes words
// for this request (pages, actions, formatting, refusals) asks the same function. Kept apart from
// lib/server/locale.ts (the Profile mutation), so the mutation wrapper can ask it too.

/** The cookie the sign-in page's language switch sets (and Profile, so the sign-in page follows after signing out). */
export const LOCALE_COOKIE = 'relm-locale';
export const LOCALE_COOKIE_MAX_AGE = 60 * 60 * 24 * 365;

export interface RequestLocale {
  locale: Locale;
  /** the signed-in person's time zone, or null (signed out, or never set) */
  timeZone: string | null;
}

/**
 * This request's locale: the signed-in person's choice, else the sign-in page's cookie, else
 * the browser's Accept-Language (en or fr; English otherwise). Once per request (React cache).
 */
export const requestLocale = cache(async (): Promise<RequestLocale> => {
  const [actor, jar, h] = await Promise.all([currentUser(), cookies(), headers()]);
  // the person's choices come with the session (lib/server/session-store.ts): no query of their own
  const person = actor?.type === 'user' ? { locale: actor.locale ?? null, timeZone: actor.timeZone ?? null } : null;
  return {
    locale: chooseLocale({ user: person?.locale, cookie: jar.get(LOCALE_COOKIE)?.value, acceptLanguage: h.get('accept-language') }),
    timeZone: person?.timeZone ?? null,
  };
});

/** For code that only needs the language. */
export async function currentLocale(): Promise<Locale> {
  return (await requestLocale()).locale;
}
