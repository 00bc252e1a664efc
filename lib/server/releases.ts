import 'server-only';
import { Prisma } from '@/lib/generated/prisma/client';
import type { ReleaseStatus, ReleaseType, RiskLevel } from '@/lib/generated/prisma/enums';
import { RELEASE_STATUSES } from '@/lib/domain/lifecycle';
import { ReleaseListSchema, type ReleaseListFilters, type ReleaseSort } from '@/lib/domain/release-filters';
import { isFinished } from '@/lib/domain/release-rules';
import { assertCan } from './authz';
import { invalid } from './errors';
import { sayer } from './say';
import { db } from './db';
import type { Actor } from './actor';
import { findRelease, refOf, type ReleaseArg, releaseKey, type ReleaseRef } from './release-ref';

// Read-only queries behind the release pages. Every function checks the caller's
// permission first and returns plain DTOs (ISO strings, no secrets).

const say = sayer('server-releases');

// ---------------------------------------------------------------- search params
// The parser lives in lib/domain/release-filters.ts (pure, unit tested); re-exported here for
// the pages and modules that have always imported it from this one.

export {
  firstOf,
  cleanText,
  textParam,
  patternParam,
  pageParam,
  multiChoiceParam,
  ID_PATTERN,
  SLUG_PATTERN,
  STATUS_FILTER_VALUES,
  RELEASE_SORTS,
  ReleaseListSchema,
  type ReleaseSort,
  type ReleaseListFilters,
} from '@/lib/domain/release-filters';

// ---------------------------------------------------------------- vocabulary

export type ReleaseStatusValue = ReleaseStatus;
export type ReleaseTypeValue = ReleaseType;
export type RiskLevelValue = RiskLevel;

export const RELEASE_PAGE_SIZE = 25;

export interface PersonRef {
  id: string;
  name: string;
}

export interface EnvironmentRef {
  name: string;
  displayName: string;
  tier: string;
}

export interface ReleaseRowDto {
  id: string;
  key: string;
  number: number;
  title: string;
  type: ReleaseType;
  status: ReleaseStatus;
  riskLevel: RiskLevel | null;
  owner: PersonRef;
  environments: EnvironmentRef[];
  plannedStart: string | null;
  plannedEnd: string | null;
  timezone: string;
}

const rowSelect = {
  id: true,
  number: true,
  title: true,
  type: true,
  status: true,
  riskLevel: true,
  plannedStart: true,
  plannedEnd: true,
  timezone: true,
  owner: { select: { id: true, name: true } },
  environments: { select: { environment: { select: { name: true, displayName: true, tier: true, position: true } } } },
} satisfies Prisma.ReleaseSelect;
type RowPayload = Prisma.ReleaseGetPayload<{ select: typeof rowSelect }>;

export function toRow(r: RowPayload): ReleaseRowDto {
  return {
    id: r.id,
    key: releaseKey(r.number),
    number: r.number,
    title: r.title,
    type: r.type,
    status: r.status,
    riskLevel: r.riskLevel,
    owner: r.owner,
    environments: r.environments
      .map((e) => e.environment)
      .sort((a, b) => a.position - b.position)
      .map(({ name, displayName, tier }) => ({ name, displayName, tier })),
    plannedStart: r.plannedStart?.toISOString() ?? null,
    plannedEnd: r.plannedEnd?.toISOString() ?? null,
    timezone: r.timezone,
  };
}
export { rowSelect as releaseRowSelect };

// ---------------------------------------------------------------- search and keyset
// The list is one raw query for the ids of a page (docs/decisions/019-release-search.md,
// 024-release-search-document.md): Prisma's query API cannot express the search's ranked
// branches nor keyset conditions over a nullable sort key. The rows are then loaded by id.

/** Where a search looks, in the words the list page uses. */
export const SEARCHED_FIELDS = 'title, description, components, versions or work items';

/** A search that matches more releases than this says "more than" instead of counting them all. */
export const SEARCH_COUNT_CAP = 1000;

/** An ILIKE pattern that finds `q` literally anywhere: %, _ and \ lose their meaning. */
export function containsPattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

// "REL-12", "rel 12", "#12" or "12" look up the key (unique index), ranked first
const KEY_QUERY = /^(?:rel[-\s]?|#)?(\d{1,9})$/i;

/**
 * The search's three ranks, each a condition on the release row `r` served by its own index:
 * 0 the release key (the number's unique index), 1 a whole field equal to `q` in any case
 * (title, component name or build version: GIN on "searchTerms"), 2 a part of any searched
 * field ("searchText", trigram GIN). The search document is kept by triggers (migration
 * 20261205000600_search_document), lower-cased, so LIKE on lower(pattern) is ILIKE without
 * case-folding every row. Each release has the best rank it reaches.
 *
 * `exact` is the rank-1 condition alone, for counting. Every branch is a correct query
 * whatever plan it gets; the plan matters for speed: PostgreSQL cannot estimate an array
 * containment it has no statistics for (it assumes 0.5 %), nor that the rows containing
 * the text are mostly those equal to it (a component's name). Where it would guess wrong,
 * listReleases fences a branch (OFFSET 0): the rows are read in full through their GIN
 * index, then sorted, instead of walking the sort's index hoping for an early match.
 */
function searchRanks(q: string): { ranks: { rank: number; where: Prisma.Sql }[]; exact: Prisma.Sql } {
  const key = KEY_QUERY.exec(q);
  const keyNumber = key ? Number(key[1]) : null;
  const notKey = keyNumber === null ? Prisma.empty : Prisma.sql` AND r.number <> ${keyNumber}::int`;
  const exact = Prisma.sql`r."searchTerms" @> ARRAY[lower(${q})]::text[]`;
  return {
    ranks: [
      ...(keyNumber === null ? [] : [{ rank: 0, where: Prisma.sql`r.number = ${keyNumber}::int` }]),
      { rank: 1, where: Prisma.sql`${exact}${notKey}` },
      { rank: 2, where: Prisma.sql`r."searchText" LIKE lower(${containsPattern(q)}) AND NOT coalesce(${exact}, false)${notKey}` },
    ],
    exact,
  };
}

/** Any rank: what the count reads (`withKey` false: the parts of fields only). */
function searchMatch(q: string, withKey = true): Prisma.Sql {
  const key = withKey ? KEY_QUERY.exec(q) : null;
  const contains = Prisma.sql`r."searchText" LIKE lower(${containsPattern(q)})`;
  // every whole field is also a part of the document, so "searchTerms" adds nothing here
  return key ? Prisma.sql`(r.number = ${Number(key[1])}::int OR ${contains})` : contains;
}

function statusesOf(values: ReleaseListFilters['status']): ReleaseStatus[] {
  const statuses = new Set<ReleaseStatus>();
  for (const v of values) {
    if (v === 'active') RELEASE_STATUSES.filter((s) => !isFinished(s)).forEach((s) => statuses.add(s));
    else statuses.add(v);
  }
  return [...statuses];
}

function filterSql(f: ReleaseListFilters): Prisma.Sql[] {
  const conds: Prisma.Sql[] = [];
  const statuses = statusesOf(f.status);
  if (statuses.length) conds.push(Prisma.sql`r.status IN (${Prisma.join(statuses.map((s) => Prisma.sql`${s}::"ReleaseStatus"`))})`);
  if (f.environment) {
    conds.push(Prisma.sql`EXISTS (SELECT 1 FROM "ReleaseEnvironment" re JOIN "Environment" e ON e.id = re."environmentId"
                                  WHERE re."releaseId" = r.id AND e.name = ${f.environment})`);
  }
  if (f.owner) conds.push(Prisma.sql`r."ownerId" = ${f.owner}`);
  // the package's items (PackageItem(componentId) and (buildId) are indexed): a component, a
  // build version (of that component when both are set), a work item key of a build
  if (f.component || f.version || f.workItem) {
    const item: Prisma.Sql[] = [];
    if (f.component) item.push(Prisma.sql`c.name = ${f.component}`);
    if (f.version) item.push(Prisma.sql`b.version = ${f.version}`);
    if (f.workItem) item.push(Prisma.sql`b."workItems" @> jsonb_build_array(jsonb_build_object('key', ${f.workItem}::text))`);
    conds.push(Prisma.sql`EXISTS (SELECT 1 FROM "ReleasePackage" rp JOIN "PackageItem" pi ON pi."packageId" = rp.id
                                  JOIN "Component" c ON c.id = pi."componentId" JOIN "Build" b ON b.id = pi."buildId"
                                  WHERE rp."releaseId" = r.id AND ${Prisma.join(item, ' AND ')})`);
  }
  if (f.team) {
    conds.push(Prisma.sql`r."ownerId" IN (SELECT u.id FROM "User" u JOIN "Team" t ON t.id = u."teamId" WHERE t.slug = ${f.team})`);
  }
  if (f.type.length) conds.push(Prisma.sql`r.type IN (${Prisma.join(f.type.map((t) => Prisma.sql`${t}::"ReleaseType"`))})`);
  if (f.risk.length) conds.push(Prisma.sql`r."riskLevel" IN (${Prisma.join(f.risk.map((l) => Prisma.sql`${l}::"RiskLevel"`))})`);
  // the planned window overlaps the days from..to (UTC, both whole days); a release without a window does not
  if (f.from) conds.push(Prisma.sql`r."plannedEnd" > ${new Date(`${f.from}T00:00:00.000Z`)}`);
  if (f.to) conds.push(Prisma.sql`r."plannedStart" < ${new Date(Date.parse(`${f.to}T00:00:00.000Z`) + 86_400_000)}`);
  return conds;
}

/** A position in the list (the last row of a page), handed to API callers as an opaque string. */
interface ListCursor {
  /** the sort it belongs to */
  s: ReleaseSort;
  /** search rank (0 without a search) */
  r: number;
  /** plannedStart, ISO, for the planned_* sorts */
  p: string | null;
  n: number;
}

export function encodeCursor(c: ListCursor): string {
  return Buffer.from(JSON.stringify(c)).toString('base64url');
}

/** The cursor, or null when it is not one this list wrote for `sort`. */
export function decodeCursor(raw: string, sort: ReleaseSort): ListCursor | null {
  try {
    const c = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Partial<ListCursor>;
    // every value bounded as the columns are, so a forged cursor is refused here and never reaches SQL as an overflow
    const int = (v: unknown, max: number) => Number.isInteger(v) && (v as number) >= 0 && (v as number) <= max;
    const instant = (v: unknown) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/.test(v) && !Number.isNaN(Date.parse(v));
    const ok = c.s === sort && int(c.r, 2) && int(c.n, 2_147_483_647) && (c.p === null || instant(c.p));
    return ok ? { s: c.s!, r: c.r!, p: c.p ?? null, n: c.n! } : null;
  } catch {
    return null;
  }
}

// plain DESC/ASC keep PostgreSQL's default NULLS placement (first for DESC, last for ASC),
// so the number and plannedStart indexes serve them; the keyset conditions below follow it
const ORDER_SQL: Record<ReleaseSort, Prisma.Sql> = {
  newest: Prisma.sql`r.number DESC`,
  planned_desc: Prisma.sql`r."plannedStart" DESC, r.number DESC`,
  planned_asc: Prisma.sql`r."plannedStart" ASC, r.number ASC`,
};

/** Rows after the cursor's row in the sort's order. */
function afterSql(c: ListCursor, ranked: boolean): Prisma.Sql {
  const p = c.p === null ? null : new Date(c.p);
  let tail: Prisma.Sql;
  if (c.s === 'newest') tail = Prisma.sql`r.number < ${c.n}::int`;
  else if (c.s === 'planned_desc') {
    tail = p
      ? Prisma.sql`(r."plannedStart" < ${p} OR (r."plannedStart" = ${p} AND r.number < ${c.n}::int))`
      : Prisma.sql`(r."plannedStart" IS NOT NULL OR r.number < ${c.n}::int)`;
  } else {
    tail = p
      ? Prisma.sql`(r."plannedStart" IS NULL OR r."plannedStart" > ${p} OR (r."plannedStart" = ${p} AND r.number > ${c.n}::int))`
      : Prisma.sql`(r."plannedStart" IS NULL AND r.number > ${c.n}::int)`;
  }
  return ranked ? Prisma.sql`(m.rank > ${c.r}::int OR (m.rank = ${c.r}::int AND ${tail}))` : tail;
}

/** The cursor's condition for the rows of one search rank: none before it, the keyset within it, all after it. */
function afterInRank(c: ListCursor, rank: number): Prisma.Sql | 'none' | null {
  if (rank < c.r) return 'none';
  return rank === c.r ? afterSql(c, false) : null;
}

type IdRow = { id: string; number: number; plannedStart: Date | null; rank: number };

export interface ReleaseListResult {
  filters: ReleaseListFilters;
  /** how many match; with `totalExact` false, a search matched more than this (SEARCH_COUNT_CAP) and was not counted further */
  total: number;
  totalExact: boolean;
  /** the 1-based page (null when the page was asked for by cursor) */
  page: number | null;
  pageSize: number;
  releases: ReleaseRowDto[];
  /** where the next page starts, for `cursor`; null on the last page */
  nextCursor: string | null;
  options: { environments: EnvironmentRef[]; owners: PersonRef[]; components: string[]; teams: { slug: string; name: string }[] };
}

/**
 * One page of releases matching the filters and the search, ranked (exact key first)
 * and sorted. `cursor` (from a previous page's nextCursor) pages by keyset, so deep pages
 * cost what the first does; `page` pages by offset, for the list page's numbered links.
 * A cursor written for another sort is refused (invalid).
 */
export async function listReleases(actor: Actor | null, raw: unknown, pageSize = RELEASE_PAGE_SIZE): Promise<ReleaseListResult> {
  assertCan(actor, 'release.read');
  const f = ReleaseListSchema.parse(raw ?? {});
  const cursor = f.cursor === undefined ? null : decodeCursor(f.cursor, f.sort);
  if (f.cursor !== undefined && !cursor) {
    throw invalid(say('cursorInvalid'), { cursor: [say('cursorField')] });
  }
  const ranked = !!f.q;
  const conds = filterSql(f);
  const whereOf = (extra: Prisma.Sql[]) => {
    const all = [...conds, ...extra];
    return all.length ? Prisma.join(all, ' AND ') : Prisma.sql`TRUE`;
  };
  const prisma = await db();
  // a search counts at most SEARCH_COUNT_CAP + 1 matches: a common word in 100,000 releases
  // costs what a rare one does, and the page says "more than 1,000"
  const search = ranked ? searchRanks(f.q!) : null;
  const none = Promise.resolve([{ total: 0 }]);
  const [[counted], [exactCounted], environments, owners, components, teams] = await Promise.all([
    prisma.$queryRaw<{ total: number }[]>(
      search
        ? Prisma.sql`SELECT count(*)::int AS total FROM (SELECT 1 FROM "Release" r WHERE ${whereOf([searchMatch(f.q!)])} LIMIT ${SEARCH_COUNT_CAP + 1}::int) x`
        : Prisma.sql`SELECT count(*)::int AS total FROM "Release" r WHERE ${whereOf([])}`,
    ),
    // whole-field matches, for the plan only (see searchRanks): through their GIN index
    search
      ? prisma.$queryRaw<{ total: number }[]>(
          Prisma.sql`SELECT count(*)::int AS total FROM (SELECT 1 FROM (SELECT r.id FROM "Release" r WHERE ${whereOf([search.exact])} OFFSET 0) r LIMIT ${SEARCH_COUNT_CAP + 1}::int) x`,
        )
      : none,
    prisma.environment.findMany({ orderBy: { position: 'asc' }, select: { name: true, displayName: true, tier: true } }),
    prisma.user.findMany({
      where: { ownedReleases: { some: {} } },
      orderBy: { name: 'asc' },
      select: { id: true, name: true },
      take: 500,
    }),
    prisma.component.findMany({ orderBy: { name: 'asc' }, select: { name: true }, take: 500 }),
    prisma.team.findMany({ orderBy: { name: 'asc' }, select: { slug: true, name: true }, take: 500 }),
  ]);
  const totalExact = !ranked || (counted?.total ?? 0) <= SEARCH_COUNT_CAP;
  const total = Math.min(counted?.total ?? 0, ranked ? SEARCH_COUNT_CAP : Infinity);
  // a page past the end (an old link, a typed URL) shows the last page instead of nothing
  const lastPage = Math.max(1, Math.ceil(total / pageSize));
  const page = cursor ? null : Math.min(f.page, lastPage);
  const offset = cursor ? 0 : ((page ?? 1) - 1) * pageSize;
  let idRows: IdRow[] = [];
  if (total && ranked) {
    // Each rank is its own lookup, sorted and cut to what the page can use, then merged. How
    // each is read depends on the two capped counts (see searchRanks): a rank with at most
    // SEARCH_COUNT_CAP rows is read in full through its GIN index (fenced) and sorted; a denser
    // one walks the sort's index and stops at the page. The parts-of-fields rank excludes the
    // whole-field matches; when there are many containing matches but few whole-field ones it
    // walks the containing rows and drops those afterwards, reading at most that many more.
    const matches = counted?.total ?? 0;
    const exactMatches = exactCounted?.total ?? 0;
    const k = offset + pageSize + 1;
    const branches = search!.ranks.flatMap(({ rank, where }) => {
      const after = cursor ? afterInRank(cursor, rank) : null;
      if (after === 'none') return [];
      const extra = after ? [after] : [];
      const select = (w: Prisma.Sql) => Prisma.sql`SELECT r.id, r.number, r."plannedStart", r."searchTerms" FROM "Release" r WHERE ${whereOf([w, ...extra])}`;
      const branch = (from: Prisma.Sql, limit: number, post: Prisma.Sql = Prisma.sql`TRUE`) =>
        Prisma.sql`(SELECT r.id, r.number, r."plannedStart", ${rank}::int AS rank FROM (SELECT * FROM ${from} ORDER BY ${ORDER_SQL[f.sort]} LIMIT ${limit}::int) r WHERE ${post})`;
      const fenced = Prisma.sql`(${select(where)} OFFSET 0) r`;
      const walked = Prisma.sql`(${select(where)}) r`;
      if (rank === 0) return [branch(walked, k)];
      if (rank === 1) return [branch(exactMatches <= SEARCH_COUNT_CAP ? fenced : walked, k)];
      if (matches <= SEARCH_COUNT_CAP) return [branch(fenced, k)];
      if (exactMatches <= SEARCH_COUNT_CAP) {
        const key = KEY_QUERY.exec(f.q!);
        return [
          branch(
            Prisma.sql`(${select(searchMatch(f.q!, false))}) r`,
            k + exactMatches + 1,
            Prisma.sql`NOT coalesce(${search!.exact}, false)${key ? Prisma.sql` AND r.number <> ${Number(key[1])}::int` : Prisma.empty}`,
          ),
        ];
      }
      // more than SEARCH_COUNT_CAP whole-field matches fill every numbered page
      return cursor ? [branch(walked, k)] : [];
    });
    idRows = branches.length
      ? await prisma.$queryRaw<IdRow[]>`
          SELECT r.id, r.number, r."plannedStart", r.rank FROM (${Prisma.join(branches, ' UNION ALL ')}) r
           ORDER BY r.rank, ${ORDER_SQL[f.sort]}
           LIMIT ${pageSize + 1}::int OFFSET ${offset}::int`
      : [];
  } else if (total) {
    // one row more than the page tells whether there is a next one
    idRows = await prisma.$queryRaw<IdRow[]>`
        SELECT r.id, r.number, r."plannedStart", 0::int AS rank
          FROM "Release" r
         WHERE ${whereOf(cursor ? [afterSql(cursor, false)] : [])}
         ORDER BY ${ORDER_SQL[f.sort]}
         LIMIT ${pageSize + 1}::int OFFSET ${offset}::int`;
  }
  const pageIds = idRows.slice(0, pageSize);
  const last = idRows.length > pageSize ? pageIds[pageIds.length - 1] : undefined;
  const found = pageIds.length ? await prisma.release.findMany({ where: { id: { in: pageIds.map((r) => r.id) } }, select: rowSelect }) : [];
  const byId = new Map(found.map((r) => [r.id, r]));
  return {
    filters: { ...f, page: page ?? 1 },
    total,
    totalExact,
    page,
    pageSize,
    releases: pageIds.flatMap((r) => {
      const row = byId.get(r.id);
      return row ? [toRow(row)] : [];
    }),
    nextCursor: last
      ? encodeCursor({ s: f.sort, r: Number(last.rank), p: last.plannedStart ? new Date(last.plannedStart).toISOString() : null, n: Number(last.number) })
      : null,
    options: { environments, owners, components: components.map((c) => c.name), teams },
  };
}

// ---------------------------------------------------------------- detail

export interface ReleaseDetailDto extends ReleaseRowDto {
  requester: PersonRef;
  version: number;
  description: string;
  businessJustification: string;
  riskFactors: { score: number | null; factors: { name: string; contribution: number | null; detail: string }[] } | null;
  riskComputedAt: string | null;
  noKnownRisks: boolean;
  risksAssessedAt: string | null;
  postReviewRequired: boolean;
  policyVersion: number | null;
  submittedAt: string | null;
  approvedAt: string | null;
  closedAt: string | null;
  createdAt: string;
  updatedAt: string;
  targets: (EnvironmentRef & { protected: boolean; scheduledStart: string | null; scheduledEnd: string | null })[];
  stakeholders: (PersonRef & { email: string; note: string })[];
  package: {
    sealedDigest: string | null;
    sealedAt: string | null;
    revision: number;
    sealedBy: string | null;
    items: {
      component: string;
      tier: number;
      version: string;
      artifactDigest: string;
      notes: string;
      workItems: { key: string; title?: string; url?: string }[];
      producedBy: string;
      sourceCommit: string | null;
      sourceBranch: string | null;
    }[];
  } | null;
  risks: {
    id: string;
    title: string;
    description: string;
    likelihood: number;
    impact: number;
    score: number;
    mitigation: string;
    owner: string | null;
    status: string;
  }[];
  tasks: {
    id: string;
    name: string;
    owner: string | null;
    estimateMinutes: number;
    actualStart: string | null;
    actualFinish: string | null;
    dependsOn: string[];
  }[];
  approvalRequirements: {
    id: string;
    key: string;
    description: string;
    role: string | null;
    team: string | null;
    requiredCount: number;
    distinctTeams: boolean;
    satisfiedAt: string | null;
    approvals: number;
  }[];
  approvals: {
    id: string;
    approver: string;
    decision: 'approve' | 'reject';
    comment: string;
    requirement: string | null;
    packageDigest: string;
    createdAt: string;
    expiresAt: string | null;
    invalidatedAt: string | null;
    invalidatedReason: string | null;
  }[];
  deployments: {
    id: string;
    environment: string;
    kind: string;
    status: string;
    executedBy: string;
    packageDigest: string | null;
    scheduledFor: string | null;
    startedAt: string | null;
    finishedAt: string | null;
    notes: string;
    verifications: { id: string; name: string; status: string; evidenceUrl: string | null; details: string; recordedAt: string }[];
  }[];
  backoutPlan: {
    expectedDurationMinutes: number;
    triggerCriteria: string;
    lastRehearsedAt: string | null;
    lastRehearsalResult: string | null;
    lastRehearsalNotes: string;
    steps: { position: number; description: string; expectedMinutes: number }[];
    targets: { component: string; version: string }[];
  } | null;
  handover: {
    status: string;
    whatChanged: string;
    runbook: string;
    monitoring: string;
    knownErrors: string;
    supportContacts: string;
    questions: string;
    preparedBy: string | null;
    acknowledgedBy: string | null;
    acknowledgedAt: string | null;
  } | null;
  review: {
    requiredReasons: string[];
    outcome: string | null;
    objectivesMet: boolean | null;
    objectivesNotes: string;
    incidents: string;
    wentWell: string;
    wentBadly: string;
    completedBy: string | null;
    completedAt: string | null;
    actionItems: { id: string; title: string; owner: string; dueDate: string; status: string }[];
  } | null;
  transitions: { id: string; from: ReleaseStatus; to: ReleaseStatus; actor: string | null; reason: string; at: string }[];
}

const detailInclude = {
  owner: { select: { id: true, name: true } },
  requester: { select: { id: true, name: true } },
  policyVersion: { select: { version: true } },
  environments: { include: { environment: true } },
  stakeholders: { include: { user: { select: { id: true, name: true, email: true } } } },
  package: {
    include: {
      items: { include: { component: { select: { name: true, tier: true } }, build: true } },
      seals: { orderBy: { revision: 'desc' }, take: 1, include: { sealedBy: { select: { name: true } } } },
    },
  },
  risks: { include: { owner: { select: { name: true } } }, orderBy: [{ score: 'desc' }, { createdAt: 'asc' }] },
  tasks: {
    include: { owner: { select: { name: true } }, dependsOn: { select: { dependsOnId: true } } },
    orderBy: [{ position: 'asc' }, { createdAt: 'asc' }],
  },
  approvalRequirements: { include: { team: { select: { name: true } } }, orderBy: { createdAt: 'asc' } },
  approvals: {
    include: { approver: { select: { name: true } }, requirement: { select: { key: true } } },
    orderBy: { createdAt: 'asc' },
  },
  deployments: {
    include: { environment: { select: { displayName: true } }, verifications: { orderBy: { recordedAt: 'asc' } } },
    orderBy: { createdAt: 'asc' },
  },
  backoutPlan: {
    include: {
      steps: { orderBy: { position: 'asc' } },
      targets: { include: { component: { select: { name: true } }, build: { select: { version: true } } } },
    },
  },
  handover: { include: { preparedBy: { select: { name: true } }, acknowledgedBy: { select: { name: true } } } },
  review: {
    include: {
      completedBy: { select: { name: true } },
      actionItems: { include: { owner: { select: { name: true } } }, orderBy: { dueDate: 'asc' } },
    },
  },
  transitions: { include: { actor: { select: { name: true } } }, orderBy: { at: 'asc' } },
} satisfies Prisma.ReleaseInclude;

const iso = (d: Date | null | undefined) => d?.toISOString() ?? null;

type TargetRow<Tier extends string> = {
  scheduledStart: Date | null;
  scheduledEnd: Date | null;
  environment: { name: string; displayName: string; tier: Tier; position: number; protected: boolean };
};
/** A release's target environments in promotion order, as the DTOs show them. */
export function targetsDto<Tier extends string>(environments: readonly TargetRow<Tier>[]) {
  return [...environments]
    .sort((a, b) => a.environment.position - b.environment.position)
    .map((e) => ({
      name: e.environment.name,
      displayName: e.environment.displayName,
      tier: e.environment.tier,
      protected: e.environment.protected,
      scheduledStart: iso(e.scheduledStart),
      scheduledEnd: iso(e.scheduledEnd),
    }));
}

/** A release's stakeholders by name. */
export function stakeholdersDto<N extends string | null>(stakeholders: readonly { note: N; user: { id: string; name: string; email: string } }[]) {
  return stakeholders.map((s) => ({ id: s.user.id, name: s.user.name, email: s.user.email, note: s.note })).sort((a, b) => a.name.localeCompare(b.name));
}

/** A release's status history, oldest first as loaded. */
export function transitionsDto<S extends string, R extends string | null>(
  transitions: readonly { id: string; fromStatus: S; toStatus: S; reason: R; at: Date; actor: { name: string } | null }[],
) {
  return transitions.map((t) => ({ id: t.id, from: t.fromStatus, to: t.toStatus, actor: t.actor?.name ?? null, reason: t.reason, at: t.at.toISOString() }));
}

/** Approval decisions as the DTOs show them (who, what, on which digest, whether they still count). */
export function decisionsDto<D extends string, C extends string | null, R extends string | null>(
  approvals: readonly {
    id: string;
    decision: D;
    comment: C;
    packageDigest: string;
    createdAt: Date;
    expiresAt: Date | null;
    invalidatedAt: Date | null;
    invalidatedReason: R;
    approver: { name: string };
    requirement: { key: string } | null;
  }[],
) {
  return approvals.map((a) => ({
    id: a.id,
    approver: a.approver.name,
    decision: a.decision,
    comment: a.comment,
    requirement: a.requirement?.key ?? null,
    packageDigest: a.packageDigest,
    createdAt: a.createdAt.toISOString(),
    expiresAt: iso(a.expiresAt),
    invalidatedAt: iso(a.invalidatedAt),
    invalidatedReason: a.invalidatedReason,
  }));
}

/** The stored risk factors of a release (JSON written by the risk-level rules), tolerant of old shapes. */
export function parseRiskFactors(json: unknown): ReleaseDetailDto['riskFactors'] {
  if (!json || typeof json !== 'object') return null;
  const o = json as { score?: unknown; factors?: unknown };
  const factors = Array.isArray(o.factors)
    ? o.factors
        .filter((f): f is Record<string, unknown> => !!f && typeof f === 'object')
        .map((f) => ({
          name: String(f.name ?? ''),
          contribution: typeof f.contribution === 'number' ? f.contribution : null,
          detail: String(f.detail ?? ''),
        }))
    : [];
  return { score: typeof o.score === 'number' ? o.score : null, factors };
}

function parseWorkItems(json: unknown): { key: string; title?: string; url?: string }[] {
  if (!Array.isArray(json)) return [];
  return json
    .filter((w): w is Record<string, unknown> => !!w && typeof w === 'object' && typeof (w as { key?: unknown }).key === 'string')
    .map((w) => ({
      key: String(w.key),
      ...(typeof w.title === 'string' ? { title: w.title } : {}),
      // only web links are ever rendered as links
      ...(typeof w.url === 'string' && /^https?:\/\//i.test(w.url) ? { url: w.url } : {}),
    }));
}

const safeUrl = (u: string | null) => (u && /^https?:\/\//i.test(u) ? u : null);

/**
 * The release a page was asked for, resolved once per request: the page passes this
 * reference to every section and reader. null for an unknown or malformed key.
 */
export async function lookupRelease(actor: Actor | null, key: string): Promise<ReleaseRef | null> {
  assertCan(actor, 'release.read');
  return findRelease(await db(), key);
}

/** Everything the release page shows, or null for an unknown or malformed key. */
export async function getRelease(actor: Actor | null, release: ReleaseArg): Promise<ReleaseDetailDto | null> {
  assertCan(actor, 'release.read');
  const prisma = await db();
  const ref = await refOf(prisma, release);
  if (!ref) return null;
  const r = await prisma.release.findUnique({ where: { id: ref.id }, include: detailInclude });
  if (!r) return null;

  const taskNames = new Map(r.tasks.map((t) => [t.id, t.name]));
  const liveApprovals = (requirementId: string) =>
    r.approvals.filter((a) => a.requirementId === requirementId && a.decision === 'approve' && !a.invalidatedAt).length;
  const seal = r.package?.seals[0];

  return {
    ...toRow({ ...r, environments: r.environments }),
    requester: r.requester,
    version: r.version,
    description: r.description,
    businessJustification: r.businessJustification,
    riskFactors: parseRiskFactors(r.riskFactors),
    riskComputedAt: iso(r.riskComputedAt),
    noKnownRisks: r.noKnownRisks,
    risksAssessedAt: iso(r.risksAssessedAt),
    postReviewRequired: r.postReviewRequired,
    policyVersion: r.policyVersion?.version ?? null,
    submittedAt: iso(r.submittedAt),
    approvedAt: iso(r.approvedAt),
    closedAt: iso(r.closedAt),
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    targets: targetsDto(r.environments),
    stakeholders: stakeholdersDto(r.stakeholders),
    package: r.package
      ? {
          sealedDigest: r.package.sealedDigest,
          sealedAt: iso(r.package.sealedAt),
          revision: r.package.revision,
          sealedBy: seal?.sealedBy?.name ?? null,
          items: r.package.items
            .map((i) => ({
              component: i.component.name,
              tier: i.component.tier,
              version: i.build.version,
              artifactDigest: i.build.artifactDigest,
              notes: i.build.notes,
              workItems: parseWorkItems(i.build.workItems),
              producedBy: i.build.producedBy,
              sourceCommit: i.build.sourceCommit,
              sourceBranch: i.build.sourceBranch,
            }))
            .sort((a, b) => a.component.localeCompare(b.component)),
        }
      : null,
    risks: r.risks.map((k) => ({
      id: k.id,
      title: k.title,
      description: k.description,
      likelihood: k.likelihood,
      impact: k.impact,
      score: k.score,
      mitigation: k.mitigation,
      owner: k.owner?.name ?? null,
      status: k.status,
    })),
    tasks: r.tasks.map((t) => ({
      id: t.id,
      name: t.name,
      owner: t.owner?.name ?? null,
      estimateMinutes: t.estimateMinutes,
      actualStart: iso(t.actualStart),
      actualFinish: iso(t.actualFinish),
      dependsOn: t.dependsOn.map((d) => taskNames.get(d.dependsOnId) ?? say('removedTask')),
    })),
    approvalRequirements: r.approvalRequirements.map((q) => ({
      id: q.id,
      key: q.key,
      description: q.description,
      role: q.role,
      team: q.team?.name ?? null,
      requiredCount: q.requiredCount,
      distinctTeams: q.distinctTeams,
      satisfiedAt: iso(q.satisfiedAt),
      approvals: liveApprovals(q.id),
    })),
    approvals: decisionsDto(r.approvals),
    deployments: r.deployments.map((d) => ({
      id: d.id,
      environment: d.environment.displayName,
      kind: d.kind,
      status: d.status,
      executedBy: d.executedBy,
      packageDigest: d.packageDigest,
      scheduledFor: iso(d.scheduledFor),
      startedAt: iso(d.startedAt),
      finishedAt: iso(d.finishedAt),
      notes: d.notes,
      verifications: d.verifications.map((v) => ({
        id: v.id,
        name: v.name,
        status: v.status,
        evidenceUrl: safeUrl(v.evidenceUrl),
        details: v.details,
        recordedAt: v.recordedAt.toISOString(),
      })),
    })),
    backoutPlan: r.backoutPlan
      ? {
          expectedDurationMinutes: r.backoutPlan.expectedDurationMinutes,
          triggerCriteria: r.backoutPlan.triggerCriteria,
          lastRehearsedAt: iso(r.backoutPlan.lastRehearsedAt),
          lastRehearsalResult: r.backoutPlan.lastRehearsalResult,
          lastRehearsalNotes: r.backoutPlan.lastRehearsalNotes,
          steps: r.backoutPlan.steps.map((s) => ({ position: s.position, description: s.description, expectedMinutes: s.expectedMinutes })),
          targets: r.backoutPlan.targets
            .map((t) => ({ component: t.component.name, version: t.build.version }))
            .sort((a, b) => a.component.localeCompare(b.component)),
        }
      : null,
    handover: r.handover
      ? {
          status: r.handover.status,
          whatChanged: r.handover.whatChanged,
          runbook: r.handover.runbook,
          monitoring: r.handover.monitoring,
          knownErrors: r.handover.knownErrors,
          supportContacts: r.handover.supportContacts,
          questions: r.handover.questions,
          preparedBy: r.handover.preparedBy?.name ?? null,
          acknowledgedBy: r.handover.acknowledgedBy?.name ?? null,
          acknowledgedAt: iso(r.handover.acknowledgedAt),
        }
      : null,
    review: r.review
      ? {
          requiredReasons: r.review.requiredReasons,
          outcome: r.review.outcome,
          objectivesMet: r.review.objectivesMet,
          objectivesNotes: r.review.objectivesNotes,
          incidents: r.review.incidents,
          wentWell: r.review.wentWell,
          wentBadly: r.review.wentBadly,
          completedBy: r.review.completedBy?.name ?? null,
          completedAt: iso(r.review.completedAt),
          actionItems: r.review.actionItems.map((i) => ({
            id: i.id,
            title: i.title,
            owner: i.owner.name,
            dueDate: i.dueDate.toISOString().slice(0, 10),
            status: i.status,
          })),
        }
      : null,
    transitions: transitionsDto(r.transitions),
  };
}

// ---------------------------------------------------------------- work queues

export interface ApprovalQueueItem extends ReleaseRowDto {
  submittedAt: string | null;
  requester: PersonRef;
  /** requirements still open, e.g. "1 of 2 CAB approvals" */
  pending: { description: string; have: number; need: number }[];
}

/**
 * Submitted releases the caller may decide on and has not: not the owner or the
 * requester, not the author of a build in the package, no live decision of theirs.
 * The approve mutation re-checks all of this when the decision is written. Paged (every
 * waiting release is counted); the /approvals page uses listMyApprovalInbox, which also
 * applies the policy's eligibility rules.
 */
export async function listApprovalQueue(
  actor: Actor | null,
  opts: { page?: number; pageSize?: number } = {},
): Promise<{ total: number; page: number; pageSize: number; items: ApprovalQueueItem[] }> {
  assertCan(actor, 'approval.inbox');
  const me = actor.id ?? '';
  const authored: Prisma.BuildWhereInput = { OR: [{ recordedById: me }, ...(actor.email ? [{ producedBy: actor.email }] : [])] };
  const where: Prisma.ReleaseWhereInput = {
    status: 'submitted',
    ownerId: { not: me },
    requesterId: { not: me },
    approvals: { none: { approverId: me, invalidatedAt: null } },
    NOT: { package: { is: { items: { some: { build: authored } } } } },
  };
  const pageSize = Math.max(1, Math.min(opts.pageSize ?? 50, 500));
  const prisma = await db();
  const total = await prisma.release.count({ where });
  const page = Math.min(Math.max(1, Math.floor(opts.page ?? 1) || 1), Math.max(1, Math.ceil(total / pageSize)));
  const rows = await prisma.release.findMany({
    where,
    orderBy: [{ submittedAt: 'asc' }, { number: 'asc' }],
    skip: (page - 1) * pageSize,
    take: pageSize,
    select: {
      ...rowSelect,
      submittedAt: true,
      requester: { select: { id: true, name: true } },
      approvalRequirements: {
        where: { satisfiedAt: null },
        select: {
          description: true,
          requiredCount: true,
          approvals: { where: { decision: 'approve', invalidatedAt: null }, select: { id: true } },
        },
      },
    },
  });
  return {
    total,
    page,
    pageSize,
    items: rows.map((r) => ({
      ...toRow(r),
      submittedAt: iso(r.submittedAt),
      requester: r.requester,
      pending: r.approvalRequirements.map((q) => ({ description: q.description, have: q.approvals.length, need: q.requiredCount })),
    })),
  };
}

export interface HandoverQueueItem extends ReleaseRowDto {
  handoverUpdatedAt: string;
  preparedBy: string | null;
}

/**
 * Deployed releases whose handover notes are ready for operations to acknowledge. The page's
 * ids are chosen first (narrow rows, through `Handover(status)` and the release's status), and
 * only those rows are then read with their relations: one statement doing both built the JSON
 * of every ready release before sorting and keeping `take` of them.
 */
export async function listHandoverQueue(actor: Actor | null, take = 100): Promise<{ total: number; items: HandoverQueueItem[] }> {
  assertCan(actor, 'handover.acknowledge');
  const where: Prisma.ReleaseWhereInput = { status: 'deployed', handover: { is: { status: 'ready' } } };
  const prisma = await db();
  const [total, ids] = await Promise.all([
    prisma.release.count({ where }),
    prisma.release.findMany({ where, orderBy: [{ plannedEnd: 'asc' }, { number: 'asc' }], take, select: { id: true } }),
  ]);
  const rows = ids.length
    ? await prisma.release.findMany({
        where: { id: { in: ids.map((r) => r.id) } },
        select: { ...rowSelect, handover: { select: { updatedAt: true, preparedBy: { select: { name: true } } } } },
      })
    : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  return {
    total,
    items: ids
      .map((i) => byId.get(i.id))
      .filter((r): r is (typeof rows)[number] => !!r)
      .map((r) => ({
        ...toRow(r),
        handoverUpdatedAt: r.handover?.updatedAt.toISOString() ?? '',
        preparedBy: r.handover?.preparedBy?.name ?? null,
      })),
  };
}
