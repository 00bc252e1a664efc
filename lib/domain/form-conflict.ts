// A refused stale save (decision 014) shows, for each field where the person's input and the
// values stored now differ, both values, and lets them choose per field (decision 054). Pure:
// the form passes what was submitted and what is stored now, as form values.

export type FieldValue = string | readonly string[] | null | undefined;

export interface FieldConflict {
  name: string;
  mine: string[];
  theirs: string[];
}

/** Text fields compare as typed less surrounding space; lists compare as sets. */
function normal(v: FieldValue, isList: boolean): string[] {
  if (!isList) return [(typeof v === 'string' ? v : (v?.[0] ?? '')).trim()];
  const list = v === null || v === undefined ? [] : typeof v === 'string' ? [v] : v;
  return [...new Set(list.map((x) => x.trim()).filter((x) => x !== ''))].sort();
}

/**
 * The fields (in the order of `fields`) whose submitted value differs from the stored one;
 * `lists` names the fields that are sets of choices (checkbox groups).
 */
export function conflictingFields(
  mine: Record<string, FieldValue>,
  theirs: Record<string, FieldValue>,
  fields: readonly string[],
  lists: readonly string[] = [],
): FieldConflict[] {
  const out: FieldConflict[] = [];
  for (const name of fields) {
    const isList = lists.includes(name);
    const a = normal(mine[name], isList);
    const b = normal(theirs[name], isList);
    if (a.length !== b.length || a.some((x, i) => x !== b[i])) {
      out.push({ name, mine: isList ? a : [typeof mine[name] === 'string' ? (mine[name] as string) : (a[0] ?? '')], theirs: isList ? b : [b[0] ?? ''] });
    }
  }
  return out;
}

/** The release edit form's fields, in form order, and which of them are sets of choices. */
export const RELEASE_EDIT_FIELDS = [
  'title',
  'type',
  'ownerId',
  'environments',
  'plannedStart',
  'plannedEnd',
  'timezone',
  'description',
  'businessJustification',
  'stakeholderIds',
] as const;
export const RELEASE_EDIT_LISTS = ['environments', 'stakeholderIds'] as const;
