import type { Locale } from '@/lib/domain/locale';
import enBuilds from './en/builds.json';
import frBuilds from './fr/builds.json';
import enCatalog from './en/catalog.json';
import frCatalog from './fr/catalog.json';
import enComponents from './en/components.json';
import frComponents from './fr/components.json';
import enFormat from './en/format.json';
import frFormat from './fr/format.json';
import enLanguage from './en/language.json';
import frLanguage from './fr/language.json';
import enPackages from './en/packages.json';
import frPackages from './fr/packages.json';
import enSearch from './en/search.json';
import frSearch from './fr/search.json';
import enSignIn from './en/sign-in.json';
import frSignIn from './fr/sign-in.json';
import enTemplates from './en/templates.json';
import frTemplates from './fr/templates.json';
import enWhatsNew from './en/whats-new.json';
import frWhatsNew from './fr/whats-new.json';

// Every catalogue, one JSON file per namespace per language (docs/decisions/057-english-and-french.md).
// A new namespace adds its two files and one line here, in alphabetical order; the English
// file is the type every t() call is checked against, and tests/unit/messages.test.ts checks
// that French has the same keys and arguments. Server-only: never import this from a client
// component (both languages would ship); client components get theirs from <ClientMessages>.
export const CATALOGUES = {
  builds: { en: enBuilds, fr: frBuilds },
  catalog: { en: enCatalog, fr: frCatalog },
  components: { en: enComponents, fr: frComponents },
  format: { en: enFormat, fr: frFormat },
  language: { en: enLanguage, fr: frLanguage },
  packages: { en: enPackages, fr: frPackages },
  search: { en: enSearch, fr: frSearch },
  'sign-in': { en: enSignIn, fr: frSignIn },
  templates: { en: enTemplates, fr: frTemplates },
  'whats-new': { en: enWhatsNew, fr: frWhatsNew },
} satisfies Record<string, Record<Locale, unknown>>;

export type Namespace = keyof typeof CATALOGUES;
export type Messages = { [N in Namespace]: (typeof CATALOGUES)[N]['en'] };

/** One language's messages, every namespace merged under its name. */
export function messagesFor(locale: Locale): Messages {
  return Object.fromEntries(Object.entries(CATALOGUES).map(([ns, byLocale]) => [ns, byLocale[locale]])) as Messages;
}
