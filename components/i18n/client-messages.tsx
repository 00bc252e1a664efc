import { NextIntlClientProvider } from 'next-intl';
import { getLocale, getMessages } from 'next-intl/server';
import type { ReactNode } from 'react';
import type { Namespace } from '@/messages';

// The words of the shared components (components/ui, the error boundary of components/route,
// the form helpers of components/forms), which client components on every page render.
const SHARED: readonly Namespace[] = ['forms', 'route', 'ui'];

/**
 * Hands the client components below it the messages of these namespaces, in the request's
 * language, so that useTranslations works in them. Only these: the root layout gives client
 * components the locale and time zone but no messages, so a page's HTML carries the words its
 * client components use and not the whole catalogue (docs/decisions/057-english-and-french.md).
 */
export async function ClientMessages({ namespaces, children }: { namespaces: readonly Namespace[]; children: ReactNode }) {
  const [all, locale] = await Promise.all([getMessages(), getLocale()]);
  // a provider replaces its parent's messages: the shared ones always come along
  const picked = Object.fromEntries([...new Set([...SHARED, ...namespaces])].map((ns) => [ns, all[ns]]));
  // the locale said outright: outside Next (tests) the provider cannot infer it
  return (
    <NextIntlClientProvider locale={locale} messages={picked}>
      {children}
    </NextIntlClientProvider>
  );
}
