import 'server-only';
import type { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { sayer } from './say';

const say = sayer('server-password-strength');

// How guessable a new password is, by zxcvbn (docs/decisions/035-security-headers-and-password-strength.md):
// dictionaries of common passwords, names and English words, keyboard patterns, repeats,
// sequences and dates, plus the person's own name and e-mail address. Sign-in never asks.

/** zxcvbn's scale 0–4: 3 is at least 10^8 estimated guesses, "safely unguessable: moderate protection from an offline slow-hash attack". */
export const PASSWORD_MIN_SCORE = 3;

export type PasswordStrength = { ok: true; score: number } | { ok: false; score: number; reasons: string[] };

/**
 * The words a guesser who knows the person tries first: their name and its parts, the
 * e-mail address, its local part and that part's pieces, and the domain.
 */
export function passwordUserInputs(person: { name?: string | null; email?: string | null }): string[] {
  const words = (s: string) => s.split(/[^\p{L}\p{N}]+/u).filter((w) => w.length >= 2);
  const out: string[] = [];
  const name = person.name?.trim().toLowerCase();
  if (name) out.push(name, name.replace(/[^\p{L}\p{N}]+/gu, ''), ...words(name));
  const email = person.email?.trim().toLowerCase();
  if (email) {
    const at = email.lastIndexOf('@');
    const local = at > 0 ? email.slice(0, at) : email;
    const domain = at > 0 ? email.slice(at + 1) : '';
    out.push(email, local, local.replace(/[^\p{L}\p{N}]+/gu, ''), ...words(local));
    if (domain) out.push(domain, ...words(domain));
  }
  return [...new Set(out.filter(Boolean))];
}

let loading: Promise<ZxcvbnFactory> | undefined;

/**
 * zxcvbn's warnings and suggestions, said by this module's catalogue (the same English, with our
 * own wording for userInputs), so a refusal carrying them is said again in the reader's language.
 * A key the catalogue does not know (a newer zxcvbn) keeps zxcvbn's English.
 */
function ourWords<T extends Record<string, string>>(group: 'warning' | 'suggestion', english: T): T {
  return Object.fromEntries(
    Object.entries(english).map(([key, text]) => {
      try {
        return [key, say(`${group}.${key}`)];
      } catch {
        return [key, text];
      }
    }),
  ) as T;
}

// The dictionaries are a few megabytes of JavaScript: loaded on the first check, once per
// process, and only on the server (this module is server-only; nothing imports it statically
// from a page).
function checker(): Promise<ZxcvbnFactory> {
  loading ??= Promise.all([import('@zxcvbn-ts/core'), import('@zxcvbn-ts/language-common'), import('@zxcvbn-ts/language-en')]).then(
    ([core, common, en]) =>
      new core.ZxcvbnFactory({
        dictionary: { ...common.dictionary, ...en.dictionary },
        graphs: common.adjacencyGraphs,
        translations: {
          ...en.translations,
          // zxcvbn's own wording is written for web pages in general (warning.userInputs is ours)
          warnings: ourWords('warning', en.translations.warnings),
          suggestions: ourWords('suggestion', en.translations.suggestions),
        },
      }),
  );
  loading.catch(() => (loading = undefined));
  return loading;
}

/**
 * Whether the password is strong enough (score ≥ PASSWORD_MIN_SCORE), and if not, why, in
 * plain sentences: zxcvbn's warning and suggestions.
 */
export async function checkPasswordStrength(password: string, person: { name?: string | null; email?: string | null }): Promise<PasswordStrength> {
  const zxcvbn = await checker();
  // zxcvbn looks at the first 256 characters (our maximum anyway)
  const result = zxcvbn.check(password.slice(0, 256), passwordUserInputs(person));
  if (result.score >= PASSWORD_MIN_SCORE) return { ok: true, score: result.score };
  const reasons = [
    say('tooEasy'),
    ...(result.feedback.warning ? [result.feedback.warning] : []),
    ...(result.feedback.suggestions.length ? result.feedback.suggestions : [say('suggestion.anotherWord')]),
  ];
  return { ok: false, score: result.score, reasons };
}
