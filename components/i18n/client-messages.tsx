import { NextIntlClientProvider } from 'next-intl';
import { getLocale, getMessages, getTimeZone } from 'next-intl/server';
import type { ReactNode } from 'react';
import type { Namespace } from '@/messages';

/**
 * Hands the client components below it the messages of these namespaces, in the request's
 * language, so that useTranslations works in them. Only these: the root layout gives client
 * components the locale and time zone but no messages, so a page's HTML carries the words its
 * client components use and not the whole catalogue (docs/decisions/057-english-and-french.md).
 */
export async function ClientMessages({ namespaces, children }: { namespaces: readonly Namespace[]; children: ReactNode }) {
  const [all, locale, timeZone] = await Promise.all([getMessages(), getLocale(), getTimeZone()]);
  const picked = Object.fromEntries(namespaces.map((ns) => [ns, all[ns]]));
  // locale and zone given, not inferred: the same as the request's, and outside Next.js (tests) nothing infers them
  return (
    <NextIntlClientProvider locale={locale} timeZone={timeZone} messages={picked}>
      {children}
    </NextIntlClientProvider>
  );
}
