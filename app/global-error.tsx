'use client';

import { NextIntlClientProvider, useTranslations } from 'next-intl';
import { useSyncExternalStore } from 'react';
import { negotiateLocale, type Locale } from '@/lib/domain/locale';
import enErrors from '@/messages/en/errors.json';
import frErrors from '@/messages/fr/errors.json';
import './globals.css';

// Replaces the root layout when it fails, so it brings its own document, and its own words:
// no provider is above it. Only this page's few words ship (messages/*/errors.json `global`),
// in the browser's language (the server renders English; the person's own choice is not
// readable here). No details of the error are shown; the digest matches the server log.

const WORDS: Record<Locale, { errors: { global: typeof enErrors.global } }> = {
  en: { errors: { global: enErrors.global } },
  fr: { errors: { global: frErrors.global } },
};

const browserLocale = (): Locale => negotiateLocale(navigator.languages.join(','));
const noSubscription = () => () => {};

export default function GlobalError({ error, retry, reset }: { error: unknown; retry?: () => void; reset?: () => void }) {
  const locale = useSyncExternalStore(noSubscription, browserLocale, (): Locale => 'en');
  return (
    <html lang={locale}>
      <body className="min-h-screen bg-gray-50 font-sans text-sm text-gray-900">
        <NextIntlClientProvider locale={locale} messages={WORDS[locale]}>
          <GlobalErrorPage error={error} retry={retry ?? reset} />
        </NextIntlClientProvider>
      </body>
    </html>
  );
}

function GlobalErrorPage({ error, retry }: { error: unknown; retry?: () => void }) {
  const t = useTranslations('errors.global');
  const digest = error && typeof error === 'object' && 'digest' in error ? String((error as { digest?: unknown }).digest ?? '') : '';
  return (
    <>
      <title>{t('title')}</title>
      <main id="main" className="px-4 py-16">
        <div className="mx-auto max-w-xl rounded-md border border-red-200 bg-white p-6">
          <h1 className="text-lg font-semibold">{t('heading')}</h1>
          <p className="mt-2 text-gray-700">
            {digest ? t.rich('bodyWithReference', { digest, code: (c) => <code className="font-mono">{c}</code> }) : t('body')}
          </p>
          <button type="button" onClick={() => retry?.()} className="mt-4 h-8 rounded-md bg-blue-700 px-3 text-sm font-medium text-white hover:bg-blue-800">
            {t('retry')}
          </button>
        </div>
      </main>
    </>
  );
}
