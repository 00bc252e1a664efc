import type { Locale } from '@/lib/domain/locale';
import { messagesFor } from '@/messages';

// next-intl's request configuration in tests (vitest.config.mts aliases `next-intl/config` here and
// `next-intl/server` to its React Server Components build): getTranslations, getFormatter and
// getLocale in server components and actions read this instead of a request's person, cookie
// and Accept-Language (i18n/request.ts). English and UTC unless a test chooses otherwise.

let locale: Locale = 'en';
let timeZone = 'UTC';

/** The language (and zone) the following renders and actions speak; tests/support/integration-setup.ts resets both. */
export function setTestLocale(next: Locale, zone = 'UTC') {
  locale = next;
  timeZone = zone;
}

export function testLocale(): { locale: Locale; timeZone: string } {
  return { locale, timeZone };
}

export default function testRequestConfig() {
  return { locale, messages: messagesFor(locale), timeZone };
}
