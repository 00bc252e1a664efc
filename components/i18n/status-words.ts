import { useTranslations } from 'next-intl';
import { getTranslations } from 'next-intl/server';
import type { Messages } from '@/messages';

// The words of Relm's vocabularies (release statuses, types, risk levels, roles…) in the
// reader's language, from the `statuses` catalogue (decision 058), for any value: one the
// catalogue does not know is shown as it is. useStatusWords() in components that may use hooks
// (client, or synchronous server components), getStatusWords() in async server components.

type Statuses = Messages['statuses'];
export type StatusGroup = { [G in keyof Statuses]: Statuses[G] extends Record<string, string> ? G : never }[keyof Statuses];

interface Translator {
  (key: never): string;
  has(key: never): boolean;
}

function words(t: Translator) {
  return (group: StatusGroup, value: string | null | undefined): string => {
    if (!value) return '';
    const key = `${group}.${value}` as never;
    return t.has(key) ? t(key) : value;
  };
}

/** (group, value) → the value's word: word('release', 'handed_over') is "Handed over" / "Transmise". */
export function useStatusWords() {
  return words(useTranslations('statuses') as unknown as Translator);
}

export async function getStatusWords() {
  return words((await getTranslations('statuses')) as unknown as Translator);
}
