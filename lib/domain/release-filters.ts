import { z } from 'zod';
import { RELEASE_STATUSES, RELEASE_TYPES } from './lifecycle';
import { RISK_LEVELS } from './policy-names';

// The release list's query string, parsed once (issue 15, point 7): the list page, its CSV
// export (docs/decisions/041-csv-export-and-cab-agenda.md), the API's list and the saved
// filters (docs/decisions/048-search-and-saved-filters.md) all read a query through
// ReleaseListSchema. Anyone can type anything into a URL: each piece falls back to "not set"
// instead of throwing, so a hostile or stale query string never becomes a 500. Pure.

export const firstOf = (v: unknown) => (Array.isArray(v) ? v[0] : v);

/** Drops control characters (PostgreSQL refuses NUL in text), trims and caps the length. */
export function cleanText(v: string, max: number): string {
  return v
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .trim()
    .slice(0, max);
}

/** Free text, cleaned; empty or invalid becomes undefined. */
export const textParam = (max: number) =>
  z
    .preprocess(firstOf, z.string().optional())
    .transform((v) => (v === undefined ? undefined : cleanText(v, max) || undefined))
    .catch(undefined);

/** A value that must match a pattern (ids, slugs); anything else becomes undefined. */
export const patternParam = (re: RegExp) => z.preprocess(firstOf, z.string().regex(re).optional()).catch(undefined);

/** A 1-based page number; bad, negative or huge becomes 1. */
export const pageParam = z.preprocess(firstOf, z.coerce.number().int().min(1).max(100_000)).catch(1);

/** Zero or more of a fixed set of values (?status=a&status=b); unknown values are dropped. */
export const multiChoiceParam = <const T extends readonly string[]>(values: T) =>
  z
    .unknown()
    .transform((v): T[number][] => {
      const list = Array.isArray(v) ? v : v === undefined || v === null ? [] : [v];
      const known = list.filter((x): x is T[number] => typeof x === 'string' && (values as readonly string[]).includes(x));
      return [...new Set(known)];
    })
    .catch([]);

/** A calendar day, YYYY-MM-DD, that exists; anything else becomes undefined. */
export const dayParam = z
  .preprocess(
    firstOf,
    z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .optional(),
  )
  .transform((v) => {
    if (v === undefined) return undefined;
    const d = new Date(`${v}T00:00:00.000Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v ? v : undefined;
  })
  .catch(undefined);

/** Ids as Prisma generates them (cuid) or as seeds and tests write them. */
export const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
/** Lowercase slugs: environment, component and team names. */
export const SLUG_PATTERN = /^[a-z0-9][a-z0-9-]{0,63}$/;
/** A build version as the build form accepts it (letters, digits, ".", "-", "+", "_"). */
export const VERSION_PATTERN = /^[A-Za-z0-9][A-Za-z0-9.+_-]{0,99}$/;
/** A work item key (lib/domain/work-items.ts). */
export const WORK_ITEM_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._#/-]{0,63}$/;

/** "active" in the status filter: everything not finished. */
export const STATUS_FILTER_VALUES = ['active', ...RELEASE_STATUSES] as const;
export const RELEASE_SORTS = ['newest', 'planned_desc', 'planned_asc'] as const;
export type ReleaseSort = (typeof RELEASE_SORTS)[number];

export const ReleaseListSchema = z
  .object({
    q: textParam(100),
    status: multiChoiceParam(STATUS_FILTER_VALUES),
    environment: patternParam(SLUG_PATTERN),
    owner: patternParam(ID_PATTERN),
    /** a component in the release's package (its name) */
    component: patternParam(SLUG_PATTERN),
    /** a build version in the release's package (of `component` when both are set) */
    version: patternParam(VERSION_PATTERN),
    /** a work item key of a build in the release's package */
    workItem: patternParam(WORK_ITEM_PATTERN),
    /** the owner's team (its slug) */
    team: patternParam(SLUG_PATTERN),
    type: multiChoiceParam(RELEASE_TYPES),
    risk: multiChoiceParam(RISK_LEVELS),
    /** the planned window overlaps [from 00:00 UTC, to 24:00 UTC] */
    from: dayParam,
    to: dayParam,
    sort: z.preprocess(firstOf, z.enum(RELEASE_SORTS)).catch('newest'),
    page: pageParam,
    /** an opaque position from a previous page's nextCursor (checked by listReleases) */
    cursor: z.preprocess(firstOf, z.string().min(1).max(500).optional()).catch(undefined),
  })
  // a window typed backwards is the same window
  .transform((f) => (f.from && f.to && f.from > f.to ? { ...f, from: f.to, to: f.from } : f));
export type ReleaseListFilters = z.output<typeof ReleaseListSchema>;

/** The filters a saved filter keeps and a link repeats: everything but the paging. */
export const FILTER_KEYS = ['q', 'status', 'environment', 'owner', 'component', 'version', 'workItem', 'team', 'type', 'risk', 'from', 'to', 'sort'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

/** The set filters as query parameters (arrays repeat), the default sort left out. */
export function filterParams(f: ReleaseListFilters): Record<FilterKey, string | readonly string[] | undefined> {
  return {
    q: f.q,
    status: f.status,
    environment: f.environment,
    owner: f.owner,
    component: f.component,
    version: f.version,
    workItem: f.workItem,
    team: f.team,
    type: f.type,
    risk: f.risk,
    from: f.from,
    to: f.to,
    sort: f.sort === 'newest' ? undefined : f.sort,
  };
}

/** Whether any filter (besides the sort) is set. */
export function hasFilters(f: ReleaseListFilters): boolean {
  return Object.entries(filterParams(f)).some(([k, v]) => k !== 'sort' && (Array.isArray(v) ? v.length > 0 : v !== undefined));
}

/** Whether a filter other than the search text is set. */
export function hasNonTextFilters(f: ReleaseListFilters): boolean {
  return hasFilters({ ...f, q: undefined });
}

/**
 * The canonical query string of the filters (no "?"): the known, valid filters in a fixed
 * order, paging dropped. What a saved filter stores, so a saved filter is always a query the
 * list understands, whatever was typed into the URL it was saved from.
 */
export function canonicalQuery(raw: unknown): string {
  const f = ReleaseListSchema.parse(typeof raw === 'string' ? Object.fromEntries(groupParams(new URLSearchParams(raw))) : (raw ?? {}));
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(filterParams(f))) {
    if (v === undefined) continue;
    if (typeof v === 'string') q.set(k, v);
    else for (const item of v) q.append(k, item);
  }
  return q.toString();
}

/** URLSearchParams as an object whose repeated keys are arrays (as Next.js hands searchParams). */
export function groupParams(params: URLSearchParams): Map<string, string | string[]> {
  const out = new Map<string, string | string[]>();
  for (const [k, v] of params) {
    const had = out.get(k);
    out.set(k, had === undefined ? v : Array.isArray(had) ? [...had, v] : [had, v]);
  }
  return out;
}
