import 'server-only';
import { Prisma } from '@/lib/generated/prisma/client';
import { can } from '@/lib/domain/permissions';
import { RELEASE_STATUSES } from '@/lib/domain/lifecycle';
import { cleanText, firstOf } from '@/lib/domain/release-filters';
import { releaseKey } from '@/lib/domain/release-key';
import type { Actor } from './actor';
import { assertCan } from './authz';
import { db } from './db';
import { containsPattern } from './releases';
import { sayer, type SayValue } from './say';

const say = sayer('server-search');

// Global search (issue 15, point 7; docs/decisions/048-search-and-saved-filters.md): one text
// finds releases (key, title, and what the release search document holds: component names,
// build versions, work item keys), components (name), builds (version), work items (key or
// title) and people (name, e-mail local part), a few of each kind, each a link to its page.
// Read only. A kind appears only for people whose roles open its pages: releases and work
// items need release.read, components and builds catalog.read. People are found by everyone who
// reads releases: an admin (user.read) goes to the person's page (/admin/users/{id}), everyone
// else to the releases the person owns. Every lookup is served by an index (the trigram GIN indexes of decisions
// 019 and 024, unique keys) and limited, so a keystroke costs little whatever the data.

export const SEARCH_KINDS = ['release', 'component', 'build', 'work_item', 'person'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

export const SEARCH_KIND_LABELS: Record<SearchKind, string> = {
  release: 'Releases',
  component: 'Components',
  build: 'Builds',
  work_item: 'Work items',
  person: 'People',
};

/** Results per kind: the suggestions under the search box, and the full results page. */
export const SUGGEST_LIMIT = 5;
export const PAGE_LIMIT = 20;
export const SEARCH_TEXT_MAX = 100;

export interface SearchHit {
  kind: SearchKind;
  /** unique within the kind */
  id: string;
  title: string;
  detail: string;
  href: string;
}

export interface SearchGroup {
  kind: SearchKind;
  label: string;
  hits: SearchHit[];
  /** there are more than the hits shown */
  more: boolean;
}

export interface SearchResult {
  q: string;
  groups: SearchGroup[];
  /** the text was too short to search (one character that is not a release number) */
  tooShort: boolean;
}

// "REL-12", "rel 12", "#12" or "12": the key of a release
const KEY_QUERY = /^(?:rel[-\s]?|#)?(\d{1,9})$/i;

/** Where the hits of a kind are listed in full. */
export function searchPageHref(q: string): string {
  return `/search?${new URLSearchParams({ q }).toString()}`;
}

/** A release's status as its hit's detail ("handed over"): the status word, in the reader's language once localized. */
function statusDetail(status: string): string {
  const english = status.replace(/_/g, ' ');
  return (RELEASE_STATUSES as readonly string[]).includes(status) ? say('release', { status: { term: `releaseWord.${status}` } }) : english;
}

/** "a · b · c" as nested messages, so the words among the parts are said in the reader's language */
const dotted = (items: SayValue[]): SayValue =>
  items.length <= 1 ? (items[0] ?? '') : { key: 'dotted', values: { first: items[0]!, rest: dotted(items.slice(1)) } };

/** "@ana · Payments · their releases": the parts that are there. */
function personDetail(parts: (SayValue | null)[]): string {
  const present = parts.filter((p): p is SayValue => p !== null && p !== '');
  if (present.length <= 1) return typeof present[0] === 'string' ? present[0] : '';
  return say('dotted', { first: present[0]!, rest: dotted(present.slice(1)) });
}

type ReleaseRow = { number: number; title: string; status: string };
type WorkItemRow = { key: string; title: string | null; builds: number };

async function findReleases(q: string, take: number): Promise<SearchHit[]> {
  const prisma = await db();
  const key = KEY_QUERY.exec(q);
  const keyNumber = key ? Number(key[1]) : null;
  // the key (unique index) first, then whole fields (searchTerms, GIN), then parts (searchText, trigram GIN)
  const notKey = keyNumber === null ? Prisma.empty : Prisma.sql` AND r.number <> ${keyNumber}::int`;
  const rows = await prisma.$queryRaw<ReleaseRow[]>`
    SELECT x.number, x.title, x.status FROM (
      ${keyNumber === null ? Prisma.sql`` : Prisma.sql`SELECT r.number, r.title, r.status::text AS status, 0 AS rank FROM "Release" r WHERE r.number = ${keyNumber}::int UNION ALL`}
      (SELECT r.number, r.title, r.status::text AS status, 1 AS rank FROM "Release" r
        WHERE r."searchTerms" @> ARRAY[lower(${q})]::text[]${notKey}
        ORDER BY r.number DESC LIMIT ${take}::int)
      UNION ALL
      (SELECT r.number, r.title, r.status::text AS status, 2 AS rank FROM "Release" r
        WHERE r."searchText" LIKE lower(${containsPattern(q)}) AND NOT coalesce(r."searchTerms" @> ARRAY[lower(${q})]::text[], false)${notKey}
        ORDER BY r.number DESC LIMIT ${take}::int)
    ) x ORDER BY x.rank, x.number DESC LIMIT ${take}::int`;
  return rows.map((r) => {
    const key = releaseKey(Number(r.number));
    return { kind: 'release', id: key, title: `${key} ${r.title}`, detail: statusDetail(r.status), href: `/releases/${key}` };
  });
}

async function findComponents(q: string, take: number): Promise<SearchHit[]> {
  const prisma = await db();
  // the trigram index on the name serves ILIKE; a name starting with the text comes first
  const rows = await prisma.component.findMany({
    where: { name: { contains: q, mode: 'insensitive' } },
    orderBy: { name: 'asc' },
    select: { name: true, description: true, ownerTeam: { select: { name: true } } },
    take: take * 4,
  });
  const lower = q.toLowerCase();
  return rows
    .sort((a, b) => Number(!a.name.startsWith(lower)) - Number(!b.name.startsWith(lower)) || a.name.localeCompare(b.name))
    .slice(0, take)
    .map((c) => ({
      kind: 'component',
      id: c.name,
      title: c.name,
      detail: say('component', { team: c.ownerTeam.name }),
      href: `/components/${encodeURIComponent(c.name)}`,
    }));
}

async function findBuilds(q: string, take: number): Promise<SearchHit[]> {
  const prisma = await db();
  const select = { id: true, version: true, createdAt: true, component: { select: { name: true } } } as const;
  // the exact version ("2.4.1" → that version of every component), then versions containing it
  const [exact, containing] = await Promise.all([
    prisma.build.findMany({ where: { version: q }, orderBy: { createdAt: 'desc' }, select, take }),
    prisma.build.findMany({ where: { version: { contains: q, mode: 'insensitive' }, NOT: { version: q } }, orderBy: { createdAt: 'desc' }, select, take }),
  ]);
  return [...exact, ...containing].slice(0, take).map((b) => ({
    kind: 'build',
    id: b.id,
    title: `${b.component.name} ${b.version}`,
    detail: say('build', { day: b.createdAt.toISOString().slice(0, 10) }),
    href: `/builds/${encodeURIComponent(b.id)}`,
  }));
}

async function findWorkItems(q: string, take: number): Promise<SearchHit[]> {
  const prisma = await db();
  const pattern = containsPattern(q);
  // keys through the trigram index on relm_work_item_keys; titles (not indexed) only in the
  // newest 2,000 builds, so the cost is bounded whatever the catalogue's size
  const rows = await prisma.$queryRaw<WorkItemRow[]>`
    SELECT w.key, max(w.title) AS title, count(*)::int AS builds FROM (
      SELECT e ->> 'key' AS key, e ->> 'title' AS title
        FROM "Build" b, jsonb_array_elements(CASE WHEN jsonb_typeof(b."workItems") = 'array' THEN b."workItems" ELSE '[]'::jsonb END) e
       WHERE relm_work_item_keys(b."workItems") ILIKE ${pattern} AND (e ->> 'key') ILIKE ${pattern}
      UNION ALL
      SELECT e ->> 'key', e ->> 'title'
        FROM (SELECT "workItems" FROM "Build" WHERE jsonb_typeof("workItems") = 'array' AND "workItems" <> '[]'::jsonb
              ORDER BY "createdAt" DESC LIMIT 2000) b, jsonb_array_elements(b."workItems") e
       WHERE (e ->> 'title') ILIKE ${pattern}
    ) w WHERE w.key IS NOT NULL
    GROUP BY w.key
    ORDER BY (lower(w.key) = lower(${q})) DESC, (lower(w.key) LIKE lower(${`${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`})) DESC, w.key
    LIMIT ${take}::int`;
  return rows.map((w) => ({
    kind: 'work_item',
    id: w.key,
    title: w.title ? `${w.key} ${w.title}` : w.key,
    detail: say('workItem', { builds: Number(w.builds) }),
    href: `/releases?${new URLSearchParams({ workItem: w.key }).toString()}`,
  }));
}

async function findPeople(q: string, take: number, actor: Actor): Promise<SearchHit[]> {
  // an admin opens the person's page; everyone else the releases the person owns (people are
  // named on every release and discussion already: their name, team and @handle are no secret)
  const admin = can(actor.roles, 'user.read');
  const prisma = await db();
  const rows = await prisma.user.findMany({
    where: {
      OR: [{ name: { contains: q, mode: 'insensitive' } }, { email: { startsWith: q.replace(/^@/, ''), mode: 'insensitive' } }],
    },
    orderBy: { name: 'asc' },
    select: { id: true, name: true, email: true, disabledAt: true, team: { select: { name: true } } },
    take,
  });
  return rows.map((u) => ({
    kind: 'person',
    id: u.id,
    title: u.name,
    detail: personDetail([
      `@${u.email.split('@')[0]}`,
      u.team?.name || null,
      admin && u.disabledAt ? { key: 'person.disabled' } : null,
      admin ? null : { key: 'person.theirReleases' },
    ]),
    href: admin ? `/admin/users/${encodeURIComponent(u.id)}` : `/releases?${new URLSearchParams({ owner: u.id }).toString()}`,
  }));
}

// `min`: the shortest text a kind is searched for. Builds and work items are many and matched
// anywhere in the text through trigram indexes, which need three characters: shorter text would
// read every build (the versions, the keys of each build's work items).
const FINDERS: Record<
  SearchKind,
  { permission: Parameters<typeof can>[1]; min: number; find: (q: string, take: number, actor: Actor) => Promise<SearchHit[]> }
> = {
  release: { permission: 'release.read', min: 1, find: findReleases },
  component: { permission: 'catalog.read', min: 1, find: findComponents },
  build: { permission: 'catalog.read', min: 3, find: findBuilds },
  work_item: { permission: 'release.read', min: 3, find: findWorkItems },
  person: { permission: 'release.read', min: 1, find: findPeople },
};

/** The kinds a person's roles may see. */
export function searchableKinds(actor: Actor | null): SearchKind[] {
  return actor ? SEARCH_KINDS.filter((k) => can(actor.roles, FINDERS[k].permission)) : [];
}

/**
 * Searches every kind the actor may see, `limit` hits per kind (one more is read to tell
 * whether there are more). `raw` is the text as typed (a query parameter: anything).
 */
export async function search(actor: Actor | null, raw: unknown, limit = SUGGEST_LIMIT): Promise<SearchResult> {
  assertCan(actor, 'release.read');
  const first = firstOf(raw);
  const q = typeof first === 'string' ? cleanText(first, SEARCH_TEXT_MAX) : '';
  if (!q) return { q, groups: [], tooShort: false };
  const tooShort = q.length < 2 && !KEY_QUERY.test(q);
  if (tooShort) return { q, groups: [], tooShort };
  const take = Math.max(1, Math.min(limit, PAGE_LIMIT));
  const kinds = searchableKinds(actor).filter((k) => q.length >= FINDERS[k].min);
  const found = await Promise.all(kinds.map((k) => FINDERS[k].find(q, take + 1, actor!)));
  const groups = kinds
    .map((kind, i) => ({ kind, label: SEARCH_KIND_LABELS[kind], hits: found[i]!.slice(0, take), more: found[i]!.length > take }))
    .filter((g) => g.hits.length > 0);
  return { q, groups, tooShort };
}
