import 'server-only';
import { createTranslator } from 'use-intl/core';
import { z } from 'zod';
import { formatWords, type WordsTranslators } from '@/lib/domain/gate-words';
import type { Locale } from '@/lib/domain/locale';
import type { FieldErrors, GateResult, MessageRef, MessageValue } from '@/lib/domain/result';
import { formatSaid, saidOf, sayer as domainSayer, type SayTranslators } from '@/lib/domain/said';
import { CATALOGUES, messagesFor, type Namespace } from '@/messages';

// What lib/server says to people, in their language (docs/decisions/060-refusals-in-the-readers-language.md).
//
// lib/server writes its refusals, field errors and sentences in English (lib/domain/said.ts): each
// is a message of a `server-<module>` catalogue, said with `sayer('server-<module>')`. At the edge
// of a request (a server action's result, a page's refusal, an API error, a sentence a page shows)
// `localize(text, locale)` finds the message the English came from and says it in the reader's
// language; a sentence Relm did not say (a database's own text) stays as it is. zod's own messages
// ("Too small: expected string to have >=1 characters") are remembered with zod's French.

export type { SayValue } from '@/lib/domain/said';

export type ServerNamespace = Extract<Namespace, `server-${string}` | `domain-${string}`>;

/** The sentences of one lib/server module (catalogue `server-<module>`). */
export function sayer(ns: ServerNamespace) {
  return domainSayer(ns, CATALOGUES[ns].en);
}

type Translate = (key: string, values?: Record<string, string | number>) => string;
const translators = new Map<string, Translate>();

function translator(locale: Locale, ns: string): Translate {
  const id = `${locale}|${ns}`;
  let t = translators.get(id);
  if (!t) {
    t = createTranslator({
      locale,
      namespace: ns,
      messages: messagesFor(locale) as unknown as Record<string, unknown>,
      timeZone: 'UTC',
      onError: (e) => {
        throw new Error(`lib/server/say: ${e.message}`);
      },
    }) as unknown as Translate;
    translators.set(id, t);
  }
  return t;
}

const sayIn = (locale: Locale): SayTranslators => ({ locale, of: (ns) => translator(locale, ns), said: (text) => localize(text, locale) });

/** zod's own English messages → their French */
const zodFrench = new Map<string, string>();

/** A sentence Relm said, in this language; anything else as it is. */
export function localize(text: string, locale: Locale): string {
  if (locale === 'en') return text;
  const said = saidOf(text);
  if (said) {
    try {
      return formatSaid(said, sayIn(locale));
    } catch (err) {
      console.error('[relm] a sentence could not be said in', locale, err);
      return text;
    }
  }
  return (locale === 'fr' ? zodFrench.get(text) : undefined) ?? text;
}

/** Field errors in this language. */
export function localizeFieldErrors(errors: FieldErrors | undefined, locale: Locale): FieldErrors | undefined {
  if (!errors || locale === 'en') return errors;
  return Object.fromEntries(Object.entries(errors).map(([field, list]) => [field, list.map((m) => localize(m, locale))]));
}

/** A gate's message with the sentences said in lib/server or lib/domain among its values (problems, facts) in this language too. */
function localizeRef(ref: MessageRef, locale: Locale): MessageRef {
  if (!ref.values) return ref;
  const value = (v: MessageValue): MessageValue => {
    if (typeof v === 'string') return localize(v, locale);
    if (typeof v === 'number' || 'term' in v) return v;
    if ('list' in v) return { ...v, list: v.list.map(value) };
    return localizeRef(v, locale);
  };
  return { ...ref, values: Object.fromEntries(Object.entries(ref.values).map(([k, v]) => [k, value(v)])) };
}

/** Gates in this language: `why`/`fix` from their `words` where they have them. */
export function localizeGates(gates: GateResult[] | undefined, locale: Locale): GateResult[] | undefined {
  if (!gates || locale === 'en') return gates;
  const tr: WordsTranslators = { locale, gates: translator(locale, 'gates'), statuses: translator(locale, 'statuses') };
  return gates.map((g) => {
    if (!g.words) return { ...g, why: localize(g.why, locale), ...(g.fix ? { fix: localize(g.fix, locale) } : {}) };
    try {
      // the words keep their keys, with the sentences among their values in this language, so a page
      // formatting them again (components/releases/detail/gate-list.tsx) says the same
      const words = { why: localizeRef(g.words.why, locale), ...(g.words.fix ? { fix: localizeRef(g.words.fix, locale) } : {}) };
      return { ...g, why: formatWords(words.why, tr), ...(words.fix ? { fix: formatWords(words.fix, tr) } : {}), words };
    } catch {
      return g; // a key the catalogue lacks: the English the gate was built with
    }
  });
}

/** A refusal (an ActionResult failure, an API error) with its message, field errors and gates in this language. */
export function localizeFailure<F extends { message: string; fieldErrors?: FieldErrors; gates?: GateResult[] }>(failure: F, locale: Locale): F {
  if (locale === 'en') return failure;
  const out: F = { ...failure, message: localize(failure.message, locale) };
  if (failure.fieldErrors) out.fieldErrors = localizeFieldErrors(failure.fieldErrors, locale);
  if (failure.gates) out.gates = localizeGates(failure.gates, locale);
  return out;
}

// zod's own messages (those a schema does not set): English as before, remembered with zod's French.
const zodEn = z.locales.en().localeError;
const zodFr = z.locales.fr().localeError;
const textOf = (m: ReturnType<typeof zodEn>): string | undefined => (typeof m === 'string' ? m : m?.message);
z.config({
  localeError: (issue) => {
    const english = textOf(zodEn(issue));
    if (english === undefined) return undefined;
    if (!zodFrench.has(english)) {
      if (zodFrench.size >= 5_000) zodFrench.clear();
      zodFrench.set(english, textOf(zodFr(issue)) ?? english);
    }
    return english;
  },
});
