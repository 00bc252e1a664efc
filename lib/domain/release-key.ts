// The one spelling of a release key ("REL-42"): its pattern, formatter and parser.
// Pure, so that the seed, the domain and lib/server share it; turning a key into a
// release is lib/server/release-ref.ts.

/** The one key pattern: "REL-" and a number without leading zeros (also the API's documented pattern). */
export const RELEASE_KEY_PATTERN = /^REL-[1-9][0-9]{0,8}$/;

/** 42 → "REL-42": the one formatter. */
export const releaseKey = (n: number) => `REL-${n}`;

/** "REL-12" → 12; anything else (including "REL-012", "rel-12" or "12") → null. */
export function parseReleaseKey(key: unknown): number | null {
  return typeof key === 'string' && RELEASE_KEY_PATTERN.test(key) ? Number(key.slice('REL-'.length)) : null;
}
