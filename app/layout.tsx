import type { Metadata, Viewport } from 'next';
import { connection } from 'next/server';
import { getLocale } from 'next-intl/server';
import type { ReactNode } from 'react';
import { ClientMessages } from '@/components/i18n/client-messages';
import { themeOfRequest } from '@/lib/server/theme-request';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Relm', template: '%s · Relm' },
  description: 'Relm: governed release management in the browser.',
  robots: { index: false, follow: false },
  // public/favicon.svg: the brand files live in public/ (docs/decisions/016-lint-imports-and-format.md)
  icons: { icon: [{ url: '/favicon.svg', type: 'image/svg+xml' }] },
};

export const viewport: Viewport = {
  themeColor: '#1d4ed8',
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page renders per request, the 404 page too: Next puts the request's CSP nonce
  // (proxy.ts) on its scripts only then; a page prerendered at build time has none.
  await connection();
  // set here, on the server, so the first paint is in the person's theme (no flash); "system"
  // leaves it to the stylesheet's prefers-color-scheme
  const theme = await themeOfRequest();
  // the person's language (lib/server/locale.ts); client components get their messages from
  // <ClientMessages> where they are used, not all of them here: only the shared components'
  // words (components/ui, the error pages), which every page may show
  const locale = await getLocale();
  return (
    <html lang={locale} data-theme={theme === 'system' ? undefined : theme}>
      <body className="min-h-screen font-sans">
        <ClientMessages namespaces={[]} shared>
          {children}
        </ClientMessages>
      </body>
    </html>
  );
}
