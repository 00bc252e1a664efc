import { getLocale } from 'next-intl/server';
import { isLocale, type Locale } from '@/lib/domain/locale';

/**
 * The language of the person reading this page or using this action, as next-intl resolved it
 * for the request (i18n/request.ts); for localize() of sentences said in lib/domain and lib/server.
 */
export async function readerLocale(): Promise<Locale> {
  const locale = await getLocale();
  return isLocale(locale) ? locale : 'en';
}
