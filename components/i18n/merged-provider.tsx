'use client';

import { NextIntlClientProvider, useMessages, type AbstractIntlMessages } from 'next-intl';
import type { ReactNode } from 'react';
import type { Locale } from '@/lib/domain/locale';

/**
 * next-intl's client provider, adding to the messages of the provider above it instead of
 * replacing them: a page that hands its forms their namespace and a form that brings its own
 * compose, and no client component loses the words an outer <ClientMessages> gave it. There is
 * always one above: the root layout's (app/layout.tsx).
 */
export function MergedProvider({
  locale,
  timeZone,
  messages,
  children,
}: {
  locale: Locale;
  timeZone: string;
  messages: AbstractIntlMessages;
  children: ReactNode;
}) {
  const parent = useMessages();
  return (
    <NextIntlClientProvider locale={locale} timeZone={timeZone} messages={{ ...parent, ...messages }}>
      {children}
    </NextIntlClientProvider>
  );
}
