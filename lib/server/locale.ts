import 'server-only';
import { cache } from 'react';
import { cookies, headers } from 'next/headers';
import { z } from 'zod';
import { chooseLocale, isLocale, LOCALES, type Locale } from '@/lib/domain/locale';
import type { Actor } from './actor';
import { defineMutation } from './action';
import { db } from './db';
import { invalid } from './errors';
import { currentUser } from './session';
import { sayer } from './say';

const say = sayer('server-locale');

// The language Relm speaks to whoever is asking (docs/decisions/057-english-and-french.md).
// next-intl asks for it once per request (i18n/request.ts); any server code that writes words
// for this request (pages, actions, formatting) asks the same function.

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

export const SetMyLocaleSchema = z.object({
  // '' = no choice of one's own: the browser's language decides
  locale: z.enum(['', ...LOCALES], { error: say('chooseLanguage') }),
});

export const setMyLocale = defineMutation({
  name: 'profile.set_locale',
  permission: 'notification.own',
  input: SetMyLocaleSchema,
  async run({ tx, actor, input, audit, noChange }) {
    if (!actor.id) throw invalid(say('onlyPerson'));
    const before = await tx.user.findUniqueOrThrow({ where: { id: actor.id }, select: { locale: true } });
    const next = input.locale || null;
    if (before.locale === next) {
      noChange();
      return { locale: next };
    }
    await tx.user.update({ where: { id: actor.id }, data: { locale: next } });
    await audit({ action: 'profile.set_locale', targetType: 'user', targetId: actor.id, before: { locale: before.locale }, after: { locale: next } });
    return { locale: next };
  },
});

/** The language a person chose on Profile, or null (their browser's decides). */
export async function myLocale(actor: Actor): Promise<Locale | null> {
  if (!actor.id) return null;
  const row = await (await db()).user.findUnique({ where: { id: actor.id }, select: { locale: true } });
  return isLocale(row?.locale) ? row.locale : null;
}
