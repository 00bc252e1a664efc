import type { Locale } from '@/lib/domain/locale';
import enBackout from './en/backout.json';
import frBackout from './fr/backout.json';
import enFormat from './en/format.json';
import frFormat from './fr/format.json';
import enLanguage from './en/language.json';
import frLanguage from './fr/language.json';
import enReleaseForms from './en/release-forms.json';
import frReleaseForms from './fr/release-forms.json';
import enReleaseParts from './en/release-parts.json';
import frReleaseParts from './fr/release-parts.json';
import enReleasePlan from './en/release-plan.json';
import frReleasePlan from './fr/release-plan.json';
import enReview from './en/review.json';
import frReview from './fr/review.json';
import enSchedule from './en/schedule.json';
import frSchedule from './fr/schedule.json';
import enSignIn from './en/sign-in.json';
import frSignIn from './fr/sign-in.json';

// Every catalogue, one JSON file per namespace per language (docs/decisions/057-english-and-french.md).
// A new namespace adds its two files and one line here, in alphabetical order; the English
// file is the type every t() call is checked against, and tests/unit/messages.test.ts checks
// that French has the same keys and arguments. Server-only: never import this from a client
// component (both languages would ship); client components get theirs from <ClientMessages>.
export const CATALOGUES = {
  backout: { en: enBackout, fr: frBackout },
  format: { en: enFormat, fr: frFormat },
  language: { en: enLanguage, fr: frLanguage },
  'release-forms': { en: enReleaseForms, fr: frReleaseForms },
  'release-parts': { en: enReleaseParts, fr: frReleaseParts },
  'release-plan': { en: enReleasePlan, fr: frReleasePlan },
  review: { en: enReview, fr: frReview },
  schedule: { en: enSchedule, fr: frSchedule },
  'sign-in': { en: enSignIn, fr: frSignIn },
} satisfies Record<string, Record<Locale, unknown>>;

export type Namespace = keyof typeof CATALOGUES;
export type Messages = { [N in Namespace]: (typeof CATALOGUES)[N]['en'] };

/** One language's messages, every namespace merged under its name. */
export function messagesFor(locale: Locale): Messages {
  return Object.fromEntries(Object.entries(CATALOGUES).map(([ns, byLocale]) => [ns, byLocale[locale]])) as Messages;
}
