export type RawSearchParams = Record<string, string | string[] | undefined>;

/**
 * Query string → one clean string per key: the first of repeated values, control
 * characters removed (PostgreSQL refuses NUL in text), cut to the given length.
 * For reads whose schemas expect single short strings, so a hostile or mangled
 * URL narrows to something harmless instead of failing the page.
 */
export function singleValues(raw: RawSearchParams, maxLength: Record<string, number>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, max] of Object.entries(maxLength)) {
    const v = raw[key];
    const first = Array.isArray(v) ? v[0] : v;
    if (typeof first !== 'string') continue;
    const clean = first.replace(/[\u0000-\u001f\u007f]/g, '').slice(0, max);
    if (clean) out[key] = clean;
  }
  return out;
}

/** A keyset cursor that fits PostgreSQL's bigint, else undefined. */
export function bigintCursor(v: string | undefined): string | undefined {
  if (!v || !/^\d{1,19}$/.test(v)) return undefined;
  return BigInt(v) <= 9_223_372_036_854_775_807n ? v : undefined;
}
