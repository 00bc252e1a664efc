import { createTranslator } from 'use-intl/core';
import enGates from '@/messages/en/gates.json';
import enStatuses from '@/messages/en/statuses.json';
import { listWords } from './gate-words';

// Sentences Relm says outside React, in English first (docs/decisions/060-refusals-in-the-readers-language.md).
//
// Refusals, field errors and sentences built in lib/server and lib/domain travel as plain English
// strings: tests, the audit trail and the API's English compare them. Each is a message of a
// catalogue (`server-<module>`, `domain-<module>`): `say(key, values)` formats its English from the
// bundled English catalogue and remembers which message and values it came from, so that the
// edge of a request (lib/server/say.ts `localize`) can say the same message in the reader's
// language. Pure: no request, nothing read at run time.

/** A value inside a sentence: as it is, a status word, a sentence said elsewhere, a list, or another message. */
export type SayValue =
  | string
  | number
  | { term: string }
  | { said: string }
  | { list: readonly SayValue[]; max?: number; conjunction?: 'and' | 'or' }
  /** a value a module writes itself in each language (registered with `sayKind`), e.g. a recurrence rule */
  | { kind: string; arg: string | number | boolean | null | Record<string, string | number | boolean | null> }
  | { ns?: string; key: string; values?: Record<string, SayValue> };

type KindArg = Extract<SayValue, { kind: string }>['arg'];
const kinds = new Map<string, (arg: KindArg, locale: string) => string>();

/**
 * Registers how a kind of value is written in each language: for words built by code rather
 * than a catalogue (a recurrence rule through rrule and cronstrue). English must be what the
 * module wrote before.
 */
export function sayKind(kind: string, write: (arg: KindArg, locale: string) => string): void {
  kinds.set(kind, write);
}

/** Where a sentence came from: its catalogue, key and values. */
export interface Said {
  ns: string;
  key: string;
  values?: Record<string, SayValue>;
}

type Translate = (key: string, values?: Record<string, string | number>) => string;

const english = new Map<string, Translate>();

function englishOf(ns: string): Translate {
  const t = english.get(ns);
  if (!t) throw new Error(`said: the catalogue ${ns} has no sayer`);
  return t;
}

function translatorOf(ns: string, messages: object): Translate {
  const raw = createTranslator({
    locale: 'en',
    namespace: ns,
    messages: { [ns]: messages } as Record<string, unknown>,
    timeZone: 'UTC',
    onError: (e) => {
      throw new Error(`said: ${e.message}`);
    },
  }) as unknown as Translate & { has: (key: string) => boolean };
  return (key, values) => {
    if (!raw.has(key)) throw new Error(`said: no English message ${ns}.${key}`);
    return raw(key, values);
  };
}
english.set('statuses', translatorOf('statuses', enStatuses));
english.set('gates', translatorOf('gates', enGates));

/** How a language formats a message of a namespace (English here; lib/server/say.ts for the others). */
export interface SayTranslators {
  locale: string;
  of: (ns: string) => Translate;
  /** a sentence said elsewhere, in this language */
  said: (text: string) => string;
}

function formatValue(v: SayValue, ns: string, tr: SayTranslators): string | number {
  if (typeof v === 'string' || typeof v === 'number') return v;
  if ('term' in v) return tr.of('statuses')(v.term);
  if ('said' in v) return tr.said(v.said);
  if ('kind' in v) {
    const write = kinds.get(v.kind);
    if (!write) throw new Error(`said: no writer for the kind ${v.kind}`);
    return write(v.arg, tr.locale);
  }
  if ('list' in v) {
    const items = v.list.map((i) => String(formatValue(i, ns, tr)));
    const max = v.max ?? 5;
    const conjunction = v.conjunction ?? 'and';
    // English keeps Relm's own lists ("a, b and 2 more"), as the gates do (decision 058)
    if (tr.locale === 'en') return listWords(items, max, conjunction);
    const shown = items.slice(0, max).map((s) => s.trim() || tr.of('gates')('list.unnamed'));
    if (items.length > max) return tr.of('gates')('list.more', { items: shown.join(', '), count: items.length - max });
    return new Intl.ListFormat(tr.locale, { style: 'long', type: conjunction === 'or' ? 'disjunction' : 'conjunction' }).format(shown);
  }
  return formatSaid({ ns: v.ns ?? ns, key: v.key, values: v.values }, tr);
}

/** A message with its values, in the translators' language. */
export function formatSaid(s: Said, tr: SayTranslators): string {
  const values = s.values ? Object.fromEntries(Object.entries(s.values).map(([k, v]) => [k, formatValue(v, s.ns, tr)])) : undefined;
  return tr.of(s.ns)(s.key, values);
}

// English sentence → where it came from. Sentences without values are few (bounded by the
// catalogues) and kept; sentences with values (names, keys, counts) are kept while recent: a
// refusal is put in the reader's language within the request that said it.
const fixed = new Map<string, Said>();
const recent = new Map<string, Said>();
const RECENT_MAX = 20_000;

function remember(text: string, said: Said) {
  if (!said.values) {
    fixed.set(text, said);
    return;
  }
  recent.delete(text);
  if (recent.size >= RECENT_MAX) {
    // drop the oldest tenth: a Map keeps insertion order
    let n = RECENT_MAX / 10;
    for (const k of recent.keys()) {
      recent.delete(k);
      if (--n <= 0) break;
    }
  }
  recent.set(text, said);
}

/** Where this English sentence came from, if Relm said it recently. */
export function saidOf(text: string): Said | undefined {
  return fixed.get(text) ?? recent.get(text);
}

const ENGLISH: SayTranslators = { locale: 'en', of: englishOf, said: (t) => t };

/**
 * The sentences of one catalogue: `say(key, values)` is the English of `<ns>.<key>`,
 * remembered so that it can be said again in any language.
 */
export function sayer(ns: string, englishMessages: object) {
  if (!english.has(ns)) english.set(ns, translatorOf(ns, englishMessages));
  // formatting costs about 0.1 ms (plurals); rules engines say the same sentence again and again
  const formatted = new Map<string, string>();
  return function say(key: string, values?: Record<string, SayValue>): string {
    const said: Said = values ? { ns, key, values } : { ns, key };
    const id = values ? `${key}\u0000${JSON.stringify(values)}` : key;
    let text = formatted.get(id);
    if (text === undefined) {
      text = formatSaid(said, ENGLISH);
      if (formatted.size >= 2_000) formatted.clear();
      formatted.set(id, text);
    }
    remember(text, said);
    return text;
  };
}
