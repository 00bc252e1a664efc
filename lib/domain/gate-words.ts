import { createTranslator } from 'use-intl/core';
import enGates from '@/messages/en/gates.json';
import enStatuses from '@/messages/en/statuses.json';
import type { GateResult, MessageRef, MessageValue } from './result';

// The words of a gate in any language (docs/decisions/058-words-from-the-domain.md). A gate
// carries `words`: a key into the `gates` catalogue and its values; its English `why`/`fix`
// (what the API returns) are that same message formatted in English here, so each sentence
// has one source. The page formats `words` again in the reader's language (formatWords with
// its own translators). Pure: the English catalogue is bundled, nothing is read at run time.

export type { MessageRef, MessageValue } from './result';

/** A message key of the `statuses` catalogue used inside a sentence ("draft", "submitted"). */
export const term = (key: string): MessageValue => ({ term: key });

/** A list inside a sentence, formatted per language: "a, b and c", "a, b, c and 2 more". */
export const list = (items: readonly MessageValue[], max = 5, conjunction: Conjunction = 'and'): MessageValue => ({ list: [...items], max, conjunction });

/** Sentences (problems) one after the other: "a; b; c; and 2 more". */
export const clauses = (items: readonly MessageValue[], max: number): MessageValue => list(items, max, 'semicolon');

type Conjunction = 'and' | 'or' | 'semicolon';

/** A message of the `gates` catalogue with its values. */
export function words(key: string, values?: Record<string, MessageValue>): MessageRef {
  return values ? { key, values } : { key };
}

/** "a, b, c and 2 more": the English list every gate sentence used before the catalogues. */
export function listWords(items: readonly string[], max = 5, conjunction: 'and' | 'or' = 'and'): string {
  const shown = items.slice(0, max).map((s) => s.trim() || '(unnamed)');
  const rest = items.length - shown.length;
  if (rest > 0) return `${shown.join(', ')} and ${rest} more`;
  if (shown.length <= 1) return shown.join('');
  return `${shown.slice(0, -1).join(', ')} ${conjunction} ${shown[shown.length - 1]}`;
}

type Translate = (key: string, values?: Record<string, string | number>) => string;

/** What formatting needs: the language and a translator per catalogue (next-intl's t, or createTranslator's). */
export interface WordsTranslators {
  locale: string;
  gates: Translate;
  statuses: Translate;
}

function formatValue(v: MessageValue, tr: WordsTranslators): string | number {
  if (typeof v === 'string' || typeof v === 'number') return v;
  if ('term' in v) return tr.statuses(v.term);
  if ('list' in v) return formatList(v.list, v.max ?? 5, v.conjunction ?? 'and', tr);
  return formatWords(v, tr);
}

function formatList(items: readonly MessageValue[], max: number, conjunction: Conjunction, tr: WordsTranslators): string {
  const all = items.map((i) => String(formatValue(i, tr)));
  if (conjunction === 'semicolon') {
    const shown = all.slice(0, max).join(tr.locale === 'fr' ? '\u202f; ' : '; ');
    return all.length > max ? tr.gates('list.moreClauses', { items: shown, count: all.length - max }) : shown;
  }
  // English keeps the list exactly as Relm always wrote it (no serial comma, "and N more")
  if (tr.locale === 'en') return listWords(all, max, conjunction);
  const shown = all.slice(0, max).map((s) => s.trim() || tr.gates('list.unnamed'));
  const rest = all.length - shown.length;
  if (rest > 0) return tr.gates('list.more', { items: shown.join(', '), count: rest });
  return new Intl.ListFormat(tr.locale, { style: 'long', type: conjunction === 'or' ? 'disjunction' : 'conjunction' }).format(shown);
}

/** One message of the `gates` catalogue in the translators' language, its values formatted first. */
export function formatWords(ref: MessageRef, tr: WordsTranslators): string {
  const values = ref.values ? Object.fromEntries(Object.entries(ref.values).map(([k, v]) => [k, formatValue(v, tr)])) : undefined;
  return tr.gates(ref.key, values);
}

const missing = (key: string) => {
  throw new Error(`lib/domain/gate-words: no English message ${key}`);
};

function english(namespace: 'gates' | 'statuses', messages: object): Translate {
  const t = createTranslator({
    locale: 'en',
    namespace,
    messages: { [namespace]: messages },
    timeZone: 'UTC',
    onError: (e) => missing(e.message),
  }) as unknown as Translate & { has: (key: string) => boolean };
  return (key, values) => (t.has(key) ? t(key, values) : missing(`${namespace}.${key}`));
}

/** English, from the bundled catalogues: what `why` and `fix` say in the API. */
export const ENGLISH: WordsTranslators = { locale: 'en', gates: english('gates', enGates), statuses: english('statuses', enStatuses) };

// Formatting a message costs about 0.1 ms (plurals); the same gates are worked out again and
// again (every page view, every refusal), so recent English sentences are kept.
const recent = new Map<string, string>();

/** The English sentence of a message reference. */
export function en(ref: MessageRef): string {
  const id = JSON.stringify(ref);
  let text = recent.get(id);
  if (text === undefined) {
    text = formatWords(ref, ENGLISH);
    if (recent.size >= 2000) recent.clear();
    recent.set(id, text);
  }
  return text;
}

/** A passed gate whose sentence is this message. */
export function passWith(rule: string, why: MessageRef): GateResult {
  return { rule, passed: true, why: en(why), words: { why } };
}

/** A failed gate: why it failed and what would satisfy it, both messages. */
export function failWith(rule: string, why: MessageRef, fix: MessageRef): GateResult {
  return { rule, passed: false, why: en(why), fix: en(fix), words: { why, fix } };
}
