import { getLocale, getMessages, getTimeZone } from 'next-intl/server';
import { NextIntlClientProvider } from 'next-intl';
import type { ReactNode } from 'react';
import type { Namespace } from '@/messages';
import { MergedProvider } from './merged-provider';

// The words of the shared components (components/ui, the error boundary of components/route,
// the form helpers of components/forms) and the status words of the badges (statuses), which
// client components on every page render: the root layout hands them out once.
const SHARED: readonly Namespace[] = ['forms', 'route', 'statuses', 'ui'];

/**
 * Hands the client components below it the messages of these namespaces, in the request's
 * language, so that useTranslations works in them. Only these: a page's HTML carries the words
 * its client components use and not the whole catalogue (docs/decisions/057-english-and-french.md).
 * Providers nest by adding: what an outer one gave stays (components/i18n/merged-provider.tsx).
 * `shared` marks the root one (app/layout.tsx): it adds the shared components' words and has no provider above it.
 */
export async function ClientMessages({ namespaces, shared = false, children }: { namespaces: readonly Namespace[]; shared?: boolean; children: ReactNode }) {
  const [all, locale, timeZone] = await Promise.all([getMessages(), getLocale(), getTimeZone()]);
  const wanted = [...new Set([...(shared ? SHARED : []), ...namespaces])];
  const picked = Object.fromEntries(wanted.map((ns) => [ns, all[ns]]));
  // locale and zone said outright (a server render infers them; a test render cannot); the root
  // one (shared) has nothing above it to add to
  if (shared)
    return (
      <NextIntlClientProvider locale={locale} timeZone={timeZone} messages={picked}>
        {children}
      </NextIntlClientProvider>
    );
  return (
    <MergedProvider locale={locale} timeZone={timeZone} messages={picked}>
      {children}
    </MergedProvider>
  );
}
