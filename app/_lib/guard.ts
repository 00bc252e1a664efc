import 'server-only';
import { Refusal } from '@/lib/server/errors';
import { readerLocale } from './reader-locale';
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
      return { ok: false, message: localize(err.message, await readerLocale()) };
    }
    throw err;
  }
}
