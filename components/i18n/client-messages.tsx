import { NextIntlClientProvider } from 'next-intl';
import { getLocale, getMessages } from 'next-intl/server';
import type { ReactNode } from 'react';
import type { Namespace } from '@/messages';

/**
 * Hands the client components below it the messages of these namespaces, in the request's
 * language, so that useTranslations works in them. Only these: the root layout gives client
 * components the locale and time zone but no messages, so a page's HTML carries the words its
 * client components use and not the whole catalogue (docs/decisions/057-english-and-french.md).
 */
export async function ClientMessages({ namespaces, children }: { namespaces: readonly Namespace[]; children: ReactNode }) {
  const [all, locale] = await Promise.all([getMessages(), getLocale()]);
  const picked = Object.fromEntries(namespaces.map((ns) => [ns, all[ns]]));
  // the locale named, not inferred: outside Next.js (render tests) the provider cannot infer it
  return (
    <NextIntlClientProvider locale={locale} messages={picked}>
      {children}
    </NextIntlClientProvider>
  );
}
