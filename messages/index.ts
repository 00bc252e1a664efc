import type { Locale } from '@/lib/domain/locale';
import enCalendar from './en/calendar.json';
import frCalendar from './fr/calendar.json';
import enDeployments from './en/deployments.json';
import frDeployments from './fr/deployments.json';
import enEnvironments from './en/environments.json';
import frEnvironments from './fr/environments.json';
import enInsights from './en/insights.json';
import frInsights from './fr/insights.json';
import enLanguage from './en/language.json';
import frLanguage from './fr/language.json';
import enSignIn from './en/sign-in.json';
import frSignIn from './fr/sign-in.json';
import enTimeline from './en/timeline.json';
import frTimeline from './fr/timeline.json';
import enTrains from './en/trains.json';
import frTrains from './fr/trains.json';

// Every catalogue, one JSON file per namespace per language (docs/decisions/057-english-and-french.md).
// A new namespace adds its two files and one line here, in alphabetical order; the English
// file is the type every t() call is checked against, and tests/unit/messages.test.ts checks
// that French has the same keys and arguments. Server-only: never import this from a client
// component (both languages would ship); client components get theirs from <ClientMessages>.
export const CATALOGUES = {
  calendar: { en: enCalendar, fr: frCalendar },
  deployments: { en: enDeployments, fr: frDeployments },
  environments: { en: enEnvironments, fr: frEnvironments },
  insights: { en: enInsights, fr: frInsights },
  language: { en: enLanguage, fr: frLanguage },
  'sign-in': { en: enSignIn, fr: frSignIn },
  timeline: { en: enTimeline, fr: frTimeline },
  trains: { en: enTrains, fr: frTrains },
} satisfies Record<string, Record<Locale, unknown>>;

export type Namespace = keyof typeof CATALOGUES;
export type Messages = { [N in Namespace]: (typeof CATALOGUES)[N]['en'] };

/** One language's messages, every namespace merged under its name. */
export function messagesFor(locale: Locale): Messages {
  return Object.fromEntries(Object.entries(CATALOGUES).map(([ns, byLocale]) => [ns, byLocale[locale]])) as Messages;
}
