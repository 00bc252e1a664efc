import { NextIntlClientProvider } from 'next-intl';
import { getMessages } from 'next-intl/server';
import type { ReactNode } from 'react';
import type { Namespace } from '@/messages';

/**
 * Hands the client components below it the messages of these namespaces, in the request's
 * language, so that useTranslations works in them. Only these: the root layout gives client
 * components the locale and time zone but no messages, so a page's HTML carries the words its
 * client components use and not the whole catalogue (docs/decisions/057-english-and-french.md).
 */
export async function ClientMessages({ namespaces, children }: { namespaces: readonly Namespace[]; children: ReactNode }) {
  const all = await getMessages();
  const picked = Object.fromEntries(namespaces.map((ns) => [ns, all[ns]]));
  return <NextIntlClientProvider messages={picked}>{children}</NextIntlClientProvider>;
}
