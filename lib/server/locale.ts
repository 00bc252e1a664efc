import 'server-only';
import { z } from 'zod';
import { isLocale, LOCALES, type Locale } from '@/lib/domain/locale';
import type { Actor } from './actor';
import { defineMutation } from './action';
import { db } from './db';
import { invalid } from './errors';
import { sayer } from './say';

const say = sayer('server-locale');

// A person's own language (Profile). The language of a request is lib/server/request-locale.ts
// (docs/decisions/057-english-and-french.md).

export { LOCALE_COOKIE, LOCALE_COOKIE_MAX_AGE, requestLocale, currentLocale, type RequestLocale } from './request-locale';

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
