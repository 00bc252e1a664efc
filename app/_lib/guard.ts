import 'server-only';
import { Refusal } from '@/lib/server/errors';
import { getLocale } from 'next-intl/server';
import { isLocale } from '@/lib/domain/locale';
import { localize } from '@/lib/server/say';

export type Guarded<T> = { ok: true; value: T } | { ok: false; message: string };

/**
 * Runs a lib/server read and turns its permission refusal into a value, so the
 * page can explain the refusal instead of failing. Anything else (including
 * Next's redirect and notFound signals) is rethrown untouched.
 */
export async function guard<T>(read: () => Promise<T>): Promise<Guarded<T>> {
  try {
    return { ok: true, value: await read() };
  } catch (err) {
    if (err instanceof Refusal && (err.code === 'forbidden' || err.code === 'unauthenticated')) {
      const locale = await getLocale();
      return { ok: false, message: localize(err.message, isLocale(locale) ? locale : 'en') };
    }
    throw err;
  }
}
