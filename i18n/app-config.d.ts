import type { Locale } from '@/lib/domain/locale';
import type { Messages } from '@/messages';

// t() keys and namespaces are checked against the English catalogues at compile time.
declare module 'next-intl' {
  interface AppConfig {
    Locale: Locale;
    Messages: Messages;
  }
}
