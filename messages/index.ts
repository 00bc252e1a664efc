import type { Locale } from '@/lib/domain/locale';
import enGates from './en/gates.json';
import frGates from './fr/gates.json';
import enLanguage from './en/language.json';
import frLanguage from './fr/language.json';
import enSignIn from './en/sign-in.json';
import frSignIn from './fr/sign-in.json';
import enStatuses from './en/statuses.json';
import frStatuses from './fr/statuses.json';

// Every catalogue, one JSON file per namespace per language (docs/decisions/057-english-and-french.md).
// A new namespace adds its two files and one line here, in alphabetical order; the English
// file is the type every t() call is checked against, and tests/unit/messages.test.ts checks
// that French has the same keys and arguments. Server-only: never import this from a client
// component (both languages would ship); client components get theirs from <ClientMessages>.
export const CATALOGUES = {
  gates: { en: enGates, fr: frGates },
  language: { en: enLanguage, fr: frLanguage },
  'sign-in': { en: enSignIn, fr: frSignIn },
  statuses: { en: enStatuses, fr: frStatuses },
} satisfies Record<string, Record<Locale, unknown>>;

export type Namespace = keyof typeof CATALOGUES;
export type Messages = { [N in Namespace]: (typeof CATALOGUES)[N]['en'] };

/** One language's messages, every namespace merged under its name. */
export function messagesFor(locale: Locale): Messages {
  return Object.fromEntries(Object.entries(CATALOGUES).map(([ns, byLocale]) => [ns, byLocale[locale]])) as Messages;
}
