import { getRequestConfig } from 'next-intl/server';
import { requestLocale } from '@/lib/server/locale';
import { messagesFor } from '@/messages';

// next-intl's per-request configuration (docs/decisions/057-english-and-french.md): Relm has no
// locale in its URLs; lib/server/locale.ts decides the language per person.
export default getRequestConfig(async () => {
  const { locale, timeZone } = await requestLocale();
  return {
    locale,
    messages: messagesFor(locale),
    // the person's zone where they set one (Profile); UTC otherwise, never the server's own
    timeZone: timeZone ?? 'UTC',
  };
});
