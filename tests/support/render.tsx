import type { ReactNode } from 'react';
import { prerenderToNodeStream } from 'react-dom/static';
import { NextIntlClientProvider } from 'next-intl';
import { messagesFor } from '@/messages';
import { testLocale } from './intl-config';

// Server components may be async (e.g. `When`, which reads the viewer's time zone itself:
// docs/decisions/050). react-dom/server's renderToString cannot wait for them; a static
// prerender waits for every async component and gives the same HTML. What it renders speaks
// the test's language (tests/support/intl-config.ts, English unless a test chose French):
// server components through next-intl's server build, client components through the provider.
export async function renderToString(element: ReactNode): Promise<string> {
  const { locale, timeZone } = testLocale();
  const wrapped = (
    <NextIntlClientProvider locale={locale} timeZone={timeZone} messages={messagesFor(locale)}>
      {element}
    </NextIntlClientProvider>
  );
  const { prelude } = await prerenderToNodeStream(wrapped);
  let html = '';
  for await (const chunk of prelude) html += typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8');
  return html;
}
