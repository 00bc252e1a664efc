import fs from 'node:fs';
import path from 'node:path';
import { createTranslator } from 'next-intl';
import { describe, expect, it } from 'vitest';
import { LOCALES } from '@/lib/domain/locale';
import { CATALOGUES, messagesFor } from '@/messages';
import { DEMO_USERS } from '@/prisma/seed/data/people';
import { icuArguments } from '../support/icu-arguments';

// The catalogues (docs/decisions/057-english-and-french.md): every key in both languages, with
// the same ICU arguments, no empty message, every message valid ICU, and every file on disk
// loaded by messages/index.ts.

const ROOT = path.resolve(import.meta.dirname, '../../messages');

type Tree = { [key: string]: string | Tree };

/** key path → message, for every leaf of a namespace */
function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const at = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(at, v);
    else for (const [kk, vv] of leaves(v, at)) out.set(kk, vv);
  }
  return out;
}

const byLocale = Object.fromEntries(LOCALES.map((l) => [l, leaves(messagesFor(l) as unknown as Tree)]));

describe('message catalogues', () => {
  it('load every namespace file there is, in every language, and no other', () => {
    for (const locale of LOCALES) {
      const onDisk = fs
        .readdirSync(path.join(ROOT, locale))
        .filter((f) => f.endsWith('.json'))
        .map((f) => f.replace(/\.json$/, ''))
        .sort();
      expect(onDisk, `messages/${locale}/*.json against messages/index.ts`).toEqual(Object.keys(CATALOGUES).sort());
    }
  });

  it('have the same keys in English and French', () => {
    const [en, fr] = [byLocale.en!, byLocale.fr!];
    expect(
      [...fr.keys()].filter((k) => !en.has(k)),
      'in French only',
    ).toEqual([]);
    expect(
      [...en.keys()].filter((k) => !fr.has(k)),
      'in English only',
    ).toEqual([]);
  });

  it('give every key the same ICU arguments in both languages', () => {
    const differ: string[] = [];
    for (const [key, en] of byLocale.en!) {
      const fr = byLocale.fr!.get(key);
      if (fr === undefined) continue;
      const a = icuArguments(en);
      const b = icuArguments(fr);
      if (JSON.stringify(a) !== JSON.stringify(b)) differ.push(`${key}: en ${a.join(' ') || '(none)'} / fr ${b.join(' ') || '(none)'}`);
    }
    expect(differ).toEqual([]);
  });

  it('have no empty or blank message', () => {
    for (const locale of LOCALES) {
      const blank = [...byLocale[locale]!].filter(([, m]) => !m.trim()).map(([k]) => k);
      expect(blank, locale).toEqual([]);
    }
  });

  it('hold only keys next-intl can address (no dots, no spaces)', () => {
    for (const key of byLocale.en!.keys()) for (const part of key.split('.')) expect(part, key).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it('format every message with next-intl, in both languages', () => {
    for (const locale of LOCALES) {
      const errors: string[] = [];
      const t = createTranslator({ locale, messages: messagesFor(locale), onError: (e) => errors.push(e.message) });
      const tr = t as unknown as { rich(key: string, values: Record<string, unknown>): unknown };
      for (const [key, message] of byLocale[locale]!) {
        const values: Record<string, unknown> = {};
        for (const arg of icuArguments(message)) {
          const [name, type] = arg.split(':') as [string, string | undefined];
          values[name] =
            type === 'tag'
              ? (chunks: unknown) => chunks
              : type === 'plural' || type === 'selectordinal' || type === 'number'
                ? 2
                : type === 'date' || type === 'time'
                  ? new Date(0)
                  : 'x';
        }
        tr.rich(key, values);
      }
      expect(errors, locale).toEqual([]);
    }
  });

  it('describe every demo account the sign-in page may list', () => {
    for (const locale of LOCALES) {
      for (const u of DEMO_USERS) expect(byLocale[locale]!.get(`sign-in.demo.accounts.${u.email.split('@')[0]}`), `${locale}: ${u.email}`).toBeTruthy();
    }
  });
});

describe('icuArguments', () => {
  it('names each argument with its kind, plural branches and rich-text tags included', () => {
    expect(icuArguments('Hello {name}')).toEqual(['name']);
    expect(icuArguments('{n, plural, one {# minute for {who}} other {# minutes}} at {t, time, short}')).toEqual(['n:plural', 't:time', 'who']);
    expect(icuArguments('Use <code>{password}</code>.')).toEqual(['code:tag', 'password']);
    expect(icuArguments("It''s '{literal}' text")).toEqual([]);
  });

  it('refuses unbalanced braces', () => {
    expect(() => icuArguments('Broken {name')).toThrow();
    expect(() => icuArguments('Broken name}')).toThrow();
  });
});
