// The languages Relm speaks and how a browser's Accept-Language picks one
// (docs/decisions/057-english-and-french.md). Plain functions over plain data.

export const LOCALES = ['en', 'fr'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';

export const isLocale = (v: unknown): v is Locale => typeof v === 'string' && (LOCALES as readonly string[]).includes(v);

/**
 * The Intl locale dates and numbers are formatted in for a language: British English (day
 * before month, 24-hour clock) and the French of France.
 */
export const INTL_LOCALES: Record<Locale, string> = { en: 'en-GB', fr: 'fr-FR' };

/** The language of an Intl locale ('fr-FR' → fr, 'fr-CA' → fr); English for anything else. */
export const languageOf = (intlLocale: string | null | undefined): Locale => {
  const primary = (intlLocale ?? '').split('-')[0]!.toLowerCase();
  return isLocale(primary) ? primary : DEFAULT_LOCALE;
};

/**
 * The locale an Accept-Language header asks for (RFC 9110 §12.5.4): the highest-weighted
 * range whose primary language Relm speaks (fr-CA → fr), ties kept in the header's order; a
 * range with q=0 is refused, and `*` takes the default. Nothing acceptable: the default.
 */
export function negotiateLocale(header: string | null | undefined): Locale {
  if (!header) return DEFAULT_LOCALE;
  const ranges: { lang: string; q: number; at: number }[] = [];
  header.split(',').forEach((part, at) => {
    const [tag = '', ...params] = part.trim().split(';');
    let q = 1;
    for (const p of params) {
      const m = /^\s*q\s*=(.*)$/i.exec(p);
      // RFC 9110's qvalue: 0 to 1 with up to three decimals; anything else drops the range
      if (m) q = /^\s*(0(\.\d{0,3})?|1(\.0{0,3})?)\s*$/.test(m[1]!) ? Number(m[1]) : NaN;
    }
    if (!tag || !Number.isFinite(q) || q <= 0 || q > 1) return;
    ranges.push({ lang: tag.trim().toLowerCase().split('-')[0]!, q, at });
  });
  ranges.sort((a, b) => b.q - a.q || a.at - b.at);
  for (const r of ranges) {
    if (r.lang === '*') return DEFAULT_LOCALE;
    if (isLocale(r.lang)) return r.lang;
  }
  return DEFAULT_LOCALE;
}

/**
 * Whose language wins: the person's own choice (Profile), then the one picked on the sign-in
 * page (a cookie), then the browser's Accept-Language. Anything that is not a known locale is
 * ignored, never an error: a stale cookie or a hand-edited header falls through to the next.
 */
export function chooseLocale(from: { user?: string | null; cookie?: string | null; acceptLanguage?: string | null }): Locale {
  if (isLocale(from.user)) return from.user;
  if (isLocale(from.cookie)) return from.cookie;
  return negotiateLocale(from.acceptLanguage);
}
