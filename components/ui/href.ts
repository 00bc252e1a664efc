export type QueryValue = string | number | readonly string[] | null | undefined;

/** A path with a query string built from the non-empty values, e.g. hrefWith('/releases', { status: ['a','b'], page: 2 }). */
export function hrefWith(pathname: string, params: Record<string, QueryValue>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '') continue;
    if (Array.isArray(v)) for (const item of v as readonly string[]) q.append(k, item);
    else q.set(k, String(v));
  }
  const s = q.toString();
  return s ? `${pathname}?${s}` : pathname;
}
