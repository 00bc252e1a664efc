// Words written outside a request: e-mails, notifications and digests are composed by the job
// engine or inside another person's action, in each reader's own language
// (docs/decisions/057-english-and-french.md). The same catalogues as the pages; a translator per
// language and namespace, built once per process.

import { createTranslator } from 'use-intl/core';
import type { Locale } from '@/lib/domain/locale';
import { messagesFor, type Messages, type Namespace } from '@/messages';

export type Words<N extends Namespace> = ReturnType<typeof createTranslator<Messages, N>>;

const cache = new Map<string, unknown>();

/** A translator of one namespace in one language (next-intl's createTranslator). */
export function wordsFor<N extends Namespace>(locale: Locale, namespace: N): Words<N> {
  const key = `${locale}|${namespace}`;
  let t = cache.get(key) as Words<N> | undefined;
  if (!t) {
    t = createTranslator<Messages, N>({ locale, messages: messagesFor(locale), namespace });
    cache.set(key, t);
  }
  return t;
}
