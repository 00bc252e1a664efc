import 'server-only';
import { z } from 'zod';
import { Prisma } from '@/lib/generated/prisma/client';
import type { ReleaseStatus } from '@/lib/generated/prisma/enums';
import {
  CALENDAR_VIEWS,
  calendarGrid,
  conflictsById,
  findOverlaps,
  isValidZone,
  STATUS_PRIORITY,
  TIER_PRIORITY,
  type CalendarGrid,
  type CalendarView,
  type Overlap,
} from '@/lib/domain/calendar';
import { RELEASE_STATUSES } from '@/lib/domain/lifecycle';
import { occurrences, recurrenceOfStored, type Recurrence } from '@/lib/domain/recurrence';
import { windowAhead, windowsConflict } from '@/lib/domain/release-rules';
import { assertCan } from './authz';
import { db } from './db';
import { firstOf, patternParam, SLUG_PATTERN } from './releases';
import { releaseKey } from './release-ref';
import type { Actor } from './actor';
import { now as clockNow } from './clock';
import { calendarFingerprint, FingerprintCache } from './calendar-cache';
import { CALENDAR_FILTER_KEYS, getRememberedFilters } from './calendar-preferences';
import { sayer, type SayValue } from './say';

const say = sayer('server-calendar');

// The release calendar and its iCalendar feed: release windows per target
// environment (the scheduled window there, else the release's planned window),
// freeze occurrences, and conflicts between releases that overlap on one
// environment or share a component. Reads only: permission release.read.
//
// Speed: only releases whose windows intersect the range are read, through the
// window indexes (ReleaseEnvironment(scheduledStart, scheduledEnd), Release(plannedStart,
// plannedEnd)), selecting the few fields an event shows; see
// docs/decisions/017-bounded-scheduling.md.

/** At most this many release windows in one view or feed (a month of 20k releases is far below it). */
export const MAX_CALENDAR_EVENTS = 3000;
/** At most this many occurrences of one freeze in a range. */
const MAX_FREEZE_OCCURRENCES = 400;

/**
 * A stored rule's occurrences in [from, to) for drawing (freezes, maintenance windows). A rule
 * that no longer parses draws nothing rather than breaking the calendar; its own page (the
 * freeze's, the environment's) shows the problem.
 */
function occurrencesIn(rec: Recurrence | null, from: Date, to: Date): { start: Date; end: Date }[] {
  if (!rec) return [];
  try {
    return occurrences(rec, from, to, MAX_FREEZE_OCCURRENCES);
  } catch {
    return [];
  }
}
/**
 * The longest window the app accepts (planned: 31 days; scheduled per
 * environment: 14 days). Reads bound the start column from below by it, so
 * they range-scan the start indexes instead of reading every earlier release.
 */
export const MAX_WINDOW_MS = 31 * 86_400_000;
/** A window with a start and no end is shown as lasting an hour. */
const OPEN_END_MS = 60 * 60_000;
const DAY_MS = 86_400_000;

// ---------------------------------------------------------------- query

const TEAM_SLUG = /^[a-z0-9][a-z0-9-]{0,79}$/;

export const CalendarQuerySchema = z.object({
  view: z.preprocess(firstOf, z.enum(CALENDAR_VIEWS as [CalendarView, ...CalendarView[]])).catch('month'),
  date: patternParam(/^\d{4}-\d{2}-\d{2}$/),
  environment: patternParam(SLUG_PATTERN),
  component: patternParam(SLUG_PATTERN),
  team: patternParam(TEAM_SLUG),
  timezone: z.preprocess(firstOf, z.string().max(64).refine(isValidZone).optional()).catch(undefined),
  status: z.preprocess(firstOf, z.enum(RELEASE_STATUSES).optional()).catch(undefined),
});
export type CalendarQuery = z.infer<typeof CalendarQuerySchema>;

export interface CalendarFilters {
  environment?: string;
  component?: string;
  team?: string;
  /** one release status (the calendar's status filter) */
  status?: ReleaseStatus;
  /** further conditions on the release (the timeline's status, risk and text filters) */
  release?: Prisma.ReleaseWhereInput;
}

// ---------------------------------------------------------------- DTOs

export interface CalendarEvent {
  /** "REL-12:production" (or "REL-12:" when the release names no environment) */
  id: string;
  releaseId: string;
  key: string;
  number: number;
  title: string;
  status: ReleaseStatus;
  environment: EventEnvironment | null;
  start: string;
  end: string;
  /** where the window comes from: scheduled for the environment, or the release's planned window */
  source: 'scheduled' | 'planned';
  owner: { id: string; name: string };
  team: { slug: string; name: string } | null;
  components: string[];
  updatedAt: string;
  /** keys of releases this one conflicts with (ids of their events in `conflictsWith`) */
  conflictsWith: string[];
  /** why, one line per conflicting release */
  conflictNotes: string[];
  /** names of freezes whose occurrences this window overlaps and whose scope covers it */
  inFreezes: string[];
}

export interface EventEnvironment {
  name: string;
  displayName: string;
  /** production first when a crowded day picks what to show (022) */
  tier: string;
}

export interface FreezeOccurrence {
  /** "<freezeId>:<start ms>" */
  id: string;
  freezeId: string;
  name: string;
  reason: string;
  start: string;
  end: string;
  /** environment names; empty = every environment */
  environments: string[];
  /** component names; empty = every component */
  components: string[];
  /** when the freeze was last edited (the feed's DTSTAMP and Last-Modified) */
  updatedAt: string;
}

export interface CalendarConflict extends Overlap {
  aKey: string;
  bKey: string;
  environment: string | null;
}

export interface CalendarData {
  events: CalendarEvent[];
  freezes: FreezeOccurrence[];
  conflicts: CalendarConflict[];
  /** true when more windows matched than the view's cap */
  truncated: boolean;
}

/**
 * How a crowded period is shown (docs/decisions/022). `full`: every window was
 * loaded (and conflicts computed). `dense`: the period holds more than
 * FULL_PERIOD_MAX windows, so per day only the first `perDay` by priority were
 * loaded and `counts` (per grid day, from SQL) say how many there are.
 */
export interface CalendarDensity {
  mode: 'full' | 'dense';
  /** windows in the period (each window once, however many days it spans) */
  total: number;
  /** windows touching each day of the grid, in grid order */
  counts: number[];
  /** windows a day cell shows before "+ n more" (0: all) */
  perDay: number;
}

export interface MaintenanceOccurrence {
  /** "<windowId>:<start ms>" */
  id: string;
  label: string;
  environment: { name: string; displayName: string };
  start: string;
  end: string;
}

export interface CalendarResult extends CalendarData {
  query: CalendarQuery;
  grid: CalendarGrid;
  density: CalendarDensity;
  /** environments' maintenance windows in the period (read per request: a small table) */
  maintenance: MaintenanceOccurrence[];
  /** no view was asked for: the page shows the month on wide screens and the agenda on narrow ones */
  responsive: boolean;
  /** the filters came from what the person last applied (the address named none) */
  remembered: boolean;
  options: {
    environments: { name: string; displayName: string }[];
    components: string[];
    teams: { slug: string; name: string }[];
  };
}

// ---------------------------------------------------------------- loading

const releaseSelect = {
  id: true,
  number: true,
  title: true,
  status: true,
  plannedStart: true,
  plannedEnd: true,
  updatedAt: true,
  owner: { select: { id: true, name: true, team: { select: { slug: true, name: true } } } },
  package: { select: { items: { select: { component: { select: { name: true } } } } } },
} satisfies Prisma.ReleaseSelect;

function releaseFilters(f: CalendarFilters): Prisma.ReleaseWhereInput[] {
  const and: Prisma.ReleaseWhereInput[] = f.release ? [f.release] : [];
  if (f.status) and.push({ status: f.status });
  if (f.component) and.push({ package: { items: { some: { component: { name: f.component } } } } });
  if (f.team) {
    and.push({
      OR: [{ owner: { team: { slug: f.team } } }, { package: { items: { some: { component: { ownerTeam: { slug: f.team } } } } } }],
    });
  }
  return and;
}

function windowOf(start: Date | null, end: Date | null): { start: Date; end: Date } | null {
  if (!start) return null;
  return { start, end: end && end.getTime() >= start.getTime() ? end : new Date(start.getTime() + OPEN_END_MS) };
}

type ReleaseRow = Prisma.ReleaseGetPayload<{ select: typeof releaseSelect }>;

function toEvent(r: ReleaseRow, env: EventEnvironment | null, w: { start: Date; end: Date }, source: CalendarEvent['source']): CalendarEvent {
  const key = releaseKey(r.number);
  return {
    id: `${key}:${env?.name ?? ''}`,
    releaseId: r.id,
    key,
    number: r.number,
    title: r.title,
    status: r.status,
    environment: env,
    start: w.start.toISOString(),
    end: w.end.toISOString(),
    source,
    owner: { id: r.owner.id, name: r.owner.name },
    team: r.owner.team,
    components: [...new Set(r.package?.items.map((i) => i.component.name) ?? [])].sort(),
    updatedAt: r.updatedAt.toISOString(),
    conflictsWith: [],
    conflictNotes: [],
    inFreezes: [],
  };
}

interface LoadOptions {
  /** at most this many windows (default MAX_CALENDAR_EVENTS) */
  limit?: number;
  /** which end of the range survives a cut: the earliest windows (asc, default) or the latest (desc) */
  order?: 'asc' | 'desc';
}

async function loadReleaseEvents(
  from: Date,
  to: Date,
  f: CalendarFilters,
  { limit = MAX_CALENDAR_EVENTS, order = 'asc' }: LoadOptions = {},
): Promise<{ events: CalendarEvent[]; truncated: boolean }> {
  const prisma = await db();
  // every planned row yields at least one window (the read keeps only releases with an
  // unscheduled target in the filter, or none), so limit + 1 rows of each read are enough to
  // fill the cap in start order and to know that it cut (was 4 × the cap: 12,000 rows at 100k)
  const plannedRead = limit;
  const releaseAnd = releaseFilters(f);
  const earliest = new Date(from.getTime() - MAX_WINDOW_MS);
  const plannedIntersects: Prisma.ReleaseWhereInput = {
    plannedStart: { lt: to, gte: earliest },
    OR: [{ plannedEnd: { gt: from } }, { plannedEnd: null, plannedStart: { gte: new Date(from.getTime() - OPEN_END_MS) } }],
  };
  const envFilter: Prisma.ReleaseEnvironmentWhereInput = f.environment ? { environment: { name: f.environment } } : {};
  // A window per (release, environment): the scheduled window there when it has one, else
  // the release's planned window. Two reads, each a range on the start column of an index
  // with the end checked in it, so neither grows with the releases outside the range:
  // scheduled windows from ReleaseEnvironment(scheduledStart, scheduledEnd), and planned
  // windows from Release(plannedStart, plannedEnd) with their unscheduled targets (or none).
  const [scheduledRows, plannedRows] = await Promise.all([
    prisma.releaseEnvironment.findMany({
      where: {
        ...envFilter,
        OR: [
          { scheduledStart: { lt: to, gte: earliest }, scheduledEnd: { gt: from } },
          { scheduledStart: { lt: to, gte: new Date(from.getTime() - OPEN_END_MS) }, scheduledEnd: null },
        ],
        ...(releaseAnd.length ? { release: { AND: releaseAnd } } : {}),
      },
      select: {
        scheduledStart: true,
        scheduledEnd: true,
        environment: { select: { name: true, displayName: true, tier: true } },
        release: { select: releaseSelect },
      },
      orderBy: [{ scheduledStart: order }, { releaseId: order }],
      take: limit + 1,
    }),
    prisma.release.findMany({
      where: {
        AND: [
          plannedIntersects,
          ...releaseAnd,
          // only releases with a target that has no scheduled window (or, unfiltered, no target)
          { OR: [{ environments: { some: { ...envFilter, scheduledStart: null } } }, ...(f.environment ? [] : [{ environments: { none: {} } }])] },
        ],
      },
      select: {
        id: true,
        environments: { where: envFilter, select: { scheduledStart: true, environment: { select: { name: true, displayName: true, tier: true } } } },
      },
      orderBy: [{ plannedStart: order }, { id: order }],
      take: plannedRead + 1,
    }),
  ]);
  // planned windows show for targets without a scheduled window, and for releases that name
  // no environment yet (only without an environment filter)
  const plannedTargets = new Map<string, (EventEnvironment | null)[]>();
  for (const r of plannedRows.slice(0, plannedRead)) {
    const envs = r.environments.filter((e) => e.scheduledStart === null).map((e) => e.environment);
    if (envs.length) plannedTargets.set(r.id, envs);
    else if (!f.environment && r.environments.length === 0) plannedTargets.set(r.id, [null]);
  }
  const plannedReleases = plannedTargets.size
    ? await prisma.release.findMany({ where: { id: { in: [...plannedTargets.keys()] } }, select: releaseSelect })
    : [];
  const events: CalendarEvent[] = [];
  for (const t of scheduledRows) {
    const w = windowOf(t.scheduledStart, t.scheduledEnd);
    if (w) events.push(toEvent(t.release, t.environment, w, 'scheduled'));
  }
  for (const r of plannedReleases) {
    const w = windowOf(r.plannedStart, r.plannedEnd);
    if (!w) continue;
    for (const env of plannedTargets.get(r.id) ?? []) events.push(toEvent(r, env, w, 'planned'));
  }
  const truncated = events.length > limit || scheduledRows.length > limit || plannedRows.length > plannedRead;
  events.sort((a, b) => a.start.localeCompare(b.start) || a.number - b.number || (a.environment?.name ?? '').localeCompare(b.environment?.name ?? ''));
  if (order === 'desc') events.reverse();
  return { events: events.slice(0, limit), truncated };
}

// ---------------------------------------------------------------- crowded periods

/** A month or week holding more windows than this is shown per day, by priority (022). */
export const FULL_PERIOD_MAX = 400;
/** Windows a month cell shows before "+ n more". */
export const MONTH_PER_DAY = 4;
/** Windows a week column of a crowded week shows before "+ n more". */
export const WEEK_PER_DAY = 12;
/** The day view lists at most this many windows (by start), and says how many it left out. */
export const DAY_LIST_MAX = 500;

interface DayPick {
  day: number;
  count: number;
  releaseId: string;
  environment: string | null;
  source: 'scheduled' | 'planned';
  total: number;
}

/**
 * For each day of `days` (consecutive, in order): how many release windows touch
 * it, and the first `perDay` of them by priority (STATUS_PRIORITY, TIER_PRIORITY,
 * start, number, environment: the order of comparePriority without conflicts).
 * One statement; PostgreSQL reads the same index ranges as loadReleaseEvents
 * (start bounded below by from − 31 days, the end checked in the index), expands
 * each window to the days it touches with width_bucket over the day boundaries,
 * and ranks per day. It returns at most days × perDay rows, whatever the density:
 * the cost in the database follows the windows in the period, the cost in
 * JavaScript and in the page does not.
 */
async function loadDayPicks(
  days: readonly { start: Date; end: Date }[],
  f: CalendarFilters,
  perDay: number,
): Promise<{ counts: number[]; total: number; picks: DayPick[] }> {
  const prisma = await db();
  const from = days[0]!.start;
  const to = days[days.length - 1]!.end;
  const earliest = new Date(from.getTime() - MAX_WINDOW_MS);
  const openFrom = new Date(from.getTime() - OPEN_END_MS);
  const bounds = [...days.map((d) => d.start.toISOString()), to.toISOString()];
  const env = f.environment ?? null;
  const componentCond = f.component
    ? Prisma.sql`AND EXISTS (SELECT 1 FROM "ReleasePackage" p JOIN "PackageItem" i ON i."packageId" = p."id" JOIN "Component" c ON c."id" = i."componentId"
        WHERE p."releaseId" = w.rid AND c."name" = ${f.component})`
    : Prisma.empty;
  const teamCond = f.team
    ? Prisma.sql`AND (EXISTS (SELECT 1 FROM "User" u JOIN "Team" t ON t."id" = u."teamId" WHERE u."id" = w."ownerId" AND t."slug" = ${f.team})
        OR EXISTS (SELECT 1 FROM "ReleasePackage" p JOIN "PackageItem" i ON i."packageId" = p."id" JOIN "Component" c ON c."id" = i."componentId"
          JOIN "Team" t ON t."id" = c."ownerTeamId" WHERE p."releaseId" = w.rid AND t."slug" = ${f.team}))`
    : Prisma.empty;
  const statusCond = f.status ? Prisma.sql`AND w."status"::text = ${f.status}::text` : Prisma.empty;
  const n = days.length;
  // SET LOCAL jit = off: the plan's estimated cost sits near PostgreSQL's JIT threshold, and
  // compiling it costs more (about 40 ms) than running it; the LATERAL … OFFSET 0 subqueries
  // keep the per-row lookups on primary keys instead of hashing whole tables.
  const rows = await prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SET LOCAL jit = off`;
    return tx.$queryRaw<{ day: number; n: bigint; rid: string; env: string | null; source: string; total: bigint }[]>`
    WITH w AS (
      SELECT re."releaseId" AS rid, r."status", r."number", r."ownerId", e."name" AS env, e."tier"::text AS tier, 'scheduled' AS source,
             re."scheduledStart" AS s,
             CASE WHEN re."scheduledEnd" >= re."scheduledStart" THEN re."scheduledEnd" ELSE re."scheduledStart" + interval '1 hour' END AS en
        FROM "ReleaseEnvironment" re JOIN "Environment" e ON e."id" = re."environmentId"
        JOIN LATERAL (SELECT x."status", x."number", x."ownerId" FROM "Release" x WHERE x."id" = re."releaseId" OFFSET 0) r ON TRUE
       WHERE ((re."scheduledStart" >= ${earliest} AND re."scheduledStart" < ${to} AND re."scheduledEnd" > ${from})
           OR (re."scheduledStart" >= ${openFrom} AND re."scheduledStart" < ${to} AND re."scheduledEnd" IS NULL))
         AND (${env}::text IS NULL OR e."name" = ${env}::text)
      UNION ALL
      SELECT r."id", r."status", r."number", r."ownerId", t.env, t.tier, 'planned', r."plannedStart",
             CASE WHEN r."plannedEnd" >= r."plannedStart" THEN r."plannedEnd" ELSE r."plannedStart" + interval '1 hour' END
        FROM "Release" r
        LEFT JOIN LATERAL (
          SELECT e."name" AS env, e."tier"::text AS tier, re."scheduledStart" AS ss
            FROM "ReleaseEnvironment" re JOIN "Environment" e ON e."id" = re."environmentId"
           WHERE re."releaseId" = r."id" OFFSET 0
        ) t ON TRUE
       WHERE r."plannedStart" >= ${earliest} AND r."plannedStart" < ${to}
         AND (r."plannedEnd" > ${from} OR (r."plannedEnd" IS NULL AND r."plannedStart" >= ${openFrom}))
         AND ((t.env IS NOT NULL AND t.ss IS NULL AND (${env}::text IS NULL OR t.env = ${env}::text))
           OR (t.env IS NULL AND ${env}::text IS NULL))
    ),
    wf AS (
      SELECT w.*,
             coalesce(array_position(${[...STATUS_PRIORITY]}::text[], w."status"::text), 99) AS srank,
             coalesce(array_position(${[...TIER_PRIORITY]}::text[], w.tier), 99) AS trank,
             greatest(width_bucket(w.s, b.b), 1) AS d0,
             least(width_bucket(CASE WHEN w.en > w.s THEN w.en - interval '1 millisecond' ELSE w.s END, b.b), ${n}::int) AS d1
        FROM w, (SELECT ${bounds}::timestamptz[] AS b) AS b
       WHERE TRUE ${statusCond} ${componentCond} ${teamCond}
    ),
    ranked AS (
      SELECT g.day, wf.rid, wf.env, wf.source,
             count(*) OVER (PARTITION BY g.day) AS n,
             row_number() OVER (PARTITION BY g.day ORDER BY wf.srank, wf.trank, wf.s, wf."number", coalesce(wf.env, '') COLLATE "C") AS rn
        FROM wf, LATERAL (SELECT wf.d0 + k AS day FROM generate_series(0, 31) AS k WHERE k <= wf.d1 - wf.d0 OFFSET 0) AS g
    )
    SELECT ranked.day, ranked.n, ranked.rid, ranked.env, ranked.source, (SELECT count(*) FROM wf) AS total
      FROM ranked WHERE ranked.rn <= ${perDay}::int
     ORDER BY ranked.day, ranked.rn`;
  });
  const counts = days.map(() => 0);
  for (const r of rows) counts[r.day - 1] = Number(r.n);
  // every window in the period touches one of its days, so no row means no window
  const total = rows.length ? Number(rows[0]!.total) : 0;
  return {
    counts,
    total,
    picks: rows.map((r) => ({
      day: r.day - 1,
      count: Number(r.n),
      releaseId: r.rid,
      environment: r.env,
      source: r.source as DayPick['source'],
      total: Number(r.total),
    })),
  };
}

/** The events of the picked windows: their releases read by id (at most days × perDay). */
async function loadPickedEvents(picks: readonly DayPick[]): Promise<CalendarEvent[]> {
  if (!picks.length) return [];
  const prisma = await db();
  const ids = [...new Set(picks.map((p) => p.releaseId))];
  const rows = await prisma.release.findMany({
    where: { id: { in: ids } },
    select: {
      ...releaseSelect,
      environments: {
        select: { scheduledStart: true, scheduledEnd: true, environment: { select: { name: true, displayName: true, tier: true } } },
      },
    },
  });
  const byId = new Map(rows.map((r) => [r.id, r]));
  const seen = new Set<string>();
  const out: CalendarEvent[] = [];
  for (const p of picks) {
    const id = `${p.releaseId}:${p.environment ?? ''}`;
    if (seen.has(id)) continue;
    seen.add(id);
    const r = byId.get(p.releaseId);
    if (!r) continue;
    const target = p.environment === null ? null : r.environments.find((t) => t.environment.name === p.environment);
    if (p.environment !== null && !target) continue;
    const w = p.source === 'scheduled' && target ? windowOf(target.scheduledStart, target.scheduledEnd) : windowOf(r.plannedStart, r.plannedEnd);
    if (!w) continue;
    out.push(toEvent(r, target ? target.environment : null, w, p.source));
  }
  return out.sort((a, b) => a.start.localeCompare(b.start) || a.number - b.number);
}

type FreezeRow = {
  id: string;
  name: string;
  reason: string;
  kind: 'one_off' | 'recurring';
  startsAt: Date | null;
  endsAt: Date | null;
  rrule: string | null;
  cron: string | null;
  durationMinutes: number | null;
  timezone: string;
  updatedAt: Date;
  environments: { environment: { name: string } }[];
  components: { component: { name: string; ownerTeam: { slug: string } } }[];
};

function recurrenceOf(f: FreezeRow): Recurrence | null {
  if (f.kind === 'one_off') return f.startsAt && f.endsAt ? { kind: 'one_off', startsAt: f.startsAt, endsAt: f.endsAt, timezone: f.timezone } : null;
  if (!f.durationMinutes || (!f.rrule && !f.cron)) return null;
  return { kind: 'recurring', ...(f.rrule ? { rrule: f.rrule } : { cron: f.cron! }), durationMinutes: f.durationMinutes, timezone: f.timezone };
}

async function loadFreezes(from: Date, to: Date, f: CalendarFilters): Promise<FreezeOccurrence[]> {
  const prisma = await db();
  const rows: FreezeRow[] = await prisma.freezeWindow.findMany({
    where: {
      active: true,
      AND: [
        { OR: [{ kind: 'recurring' }, { kind: 'one_off', startsAt: { lt: to }, endsAt: { gt: from } }] },
        // an environment filter keeps freezes of every environment and those scoped to it
        ...(f.environment ? [{ OR: [{ environments: { none: {} } }, { environments: { some: { environment: { name: f.environment } } } }] }] : []),
      ],
    },
    select: {
      id: true,
      name: true,
      reason: true,
      kind: true,
      startsAt: true,
      endsAt: true,
      rrule: true,
      cron: true,
      durationMinutes: true,
      timezone: true,
      updatedAt: true,
      environments: { select: { environment: { select: { name: true } } } },
      components: { select: { component: { select: { name: true, ownerTeam: { select: { slug: true } } } } } },
    },
    orderBy: { name: 'asc' },
    take: 500,
  });
  const out: FreezeOccurrence[] = [];
  for (const row of rows) {
    const comps = row.components.map((c) => c.component);
    // a component-scoped freeze only matters to a component or team filter when it covers them
    if (f.component && comps.length && !comps.some((c) => c.name === f.component)) continue;
    if (f.team && comps.length && !comps.some((c) => c.ownerTeam.slug === f.team)) continue;
    for (const o of occurrencesIn(recurrenceOf(row), from, to)) {
      out.push({
        id: `${row.id}:${o.start.getTime()}`,
        freezeId: row.id,
        name: row.name,
        reason: row.reason,
        start: o.start.toISOString(),
        end: o.end.toISOString(),
        environments: row.environments.map((e) => e.environment.name).sort(),
        components: comps.map((c) => c.name).sort(),
        updatedAt: row.updatedAt.toISOString(),
      });
    }
  }
  return out.sort((a, b) => a.start.localeCompare(b.start) || a.name.localeCompare(b.name));
}

function freezeCovers(fz: FreezeOccurrence, e: CalendarEvent): boolean {
  if (!(fz.start < e.end && e.start < fz.end)) return false;
  if (fz.environments.length && !(e.environment && fz.environments.includes(e.environment.name))) return false;
  if (fz.components.length && !e.components.some((c) => fz.components.includes(c))) return false;
  return true;
}

/** Events, freezes and conflicts in [from, to). */
export async function loadCalendarData(from: Date, to: Date, filters: CalendarFilters, opts: LoadOptions = {}): Promise<CalendarData> {
  const [{ events, truncated }, freezes] = await Promise.all([loadReleaseEvents(from, to, filters, opts), loadFreezes(from, to, filters)]);
  const byId = new Map(events.map((e) => [e.id, e]));
  // the pairs the scheduling check reports: one side occupies its window, the
  // other's window is still ahead (release-rules' windowsConflict); deployed,
  // finished and cancelled releases are shown but never flagged (history)
  const overlaps = findOverlaps(
    events
      .filter((e) => windowAhead(e.status))
      .map((e) => ({
        id: e.id,
        releaseId: e.releaseId,
        start: new Date(e.start),
        end: new Date(e.end),
        environment: e.environment?.name ?? null,
        components: e.components,
      })),
  ).filter((o) => windowsConflict(byId.get(o.a)!.status, byId.get(o.b)!.status));
  const conflicts: CalendarConflict[] = overlaps.map((o) => ({
    ...o,
    aKey: byId.get(o.a)!.key,
    bKey: byId.get(o.b)!.key,
    environment: o.sameEnvironment ? (byId.get(o.a)!.environment?.name ?? null) : null,
  }));
  for (const [id, others] of conflictsById(overlaps)) {
    const e = byId.get(id)!;
    e.conflictsWith = [...new Set(others.map((o) => byId.get(o)!.key))].sort((x, y) => Number(x.slice(4)) - Number(y.slice(4)));
  }
  for (const c of conflicts) {
    // the names are data: listed as they are, comma-separated
    const environment: SayValue | null =
      c.sameEnvironment && c.environment ? { key: 'conflict.sameEnvironment', values: { environment: c.environment } } : null;
    const components: SayValue | null = c.components.length
      ? { key: 'conflict.sharedComponents', values: { count: c.components.length, names: c.components.join(', ') } }
      : null;
    const why: SayValue = environment && components ? { key: 'conflict.both', values: { environment, components } } : (environment ?? components ?? '');
    byId.get(c.a)!.conflictNotes.push(say('conflict.note', { key: c.bKey, why }));
    byId.get(c.b)!.conflictNotes.push(say('conflict.note', { key: c.aKey, why }));
  }
  markFreezes(events, freezes);
  return { events, freezes, conflicts, truncated };
}

function markFreezes(events: CalendarEvent[], freezes: FreezeOccurrence[]): void {
  for (const e of events) {
    e.inFreezes = [...new Set(freezes.filter((fz) => freezeCovers(fz, e)).map((fz) => fz.name))];
  }
}

// ---------------------------------------------------------------- page read

type PeriodView = CalendarData & { density: CalendarDensity };

/**
 * What a view of a period shows, by period and filters, while the data's
 * fingerprint holds (at most ten minutes): managers open the same month all day,
 * and a crowded month costs a few hundred milliseconds to read. The grid (today's
 * mark) is computed per request; the events are the same for every reader with
 * release.read. On globalThis: Next.js may load this module once per bundle.
 */
const VIEW_CACHE_KEY = '__relmCalendarViewCache';
const viewGlobals = globalThis as unknown as Record<string, FingerprintCache<PeriodView> | undefined>;
export const viewCache: FingerprintCache<PeriodView> = (viewGlobals[VIEW_CACHE_KEY] ??= new FingerprintCache<PeriodView>(64, 10 * 60_000));

/** At most this many maintenance occurrences in one view (50 windows per environment at most). */
const MAX_MAINTENANCE_OCCURRENCES = 1000;

/**
 * The environments' maintenance windows in [from, to), for shading: every environment's,
 * or the filtered environment's. Read per request rather than cached with the period: the
 * table is small (at most 50 windows per environment) and its rows carry no change stamp
 * the fingerprint could see.
 */
export async function loadMaintenance(from: Date, to: Date, environment?: string): Promise<MaintenanceOccurrence[]> {
  const prisma = await db();
  const rows = await prisma.maintenanceWindow.findMany({
    where: environment ? { environment: { name: environment } } : {},
    select: {
      id: true,
      label: true,
      kind: true,
      startsAt: true,
      endsAt: true,
      rrule: true,
      durationMinutes: true,
      timezone: true,
      environment: { select: { name: true, displayName: true, position: true } },
    },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    take: 2000,
  });
  const out: (MaintenanceOccurrence & { position: number })[] = [];
  for (const w of rows) {
    for (const o of occurrencesIn(recurrenceOfStored(w), from, to)) {
      out.push({
        id: `${w.id}:${o.start.getTime()}`,
        label: w.label,
        environment: { name: w.environment.name, displayName: w.environment.displayName },
        start: o.start.toISOString(),
        end: o.end.toISOString(),
        position: w.environment.position,
      });
    }
  }
  out.sort((a, b) => a.start.localeCompare(b.start) || a.position - b.position || a.label.localeCompare(b.label));
  return out.slice(0, MAX_MAINTENANCE_OCCURRENCES).map(({ position: _position, ...m }) => m);
}

/** Whether a page address names anything the calendar reads (then remembered filters do not apply). */
function namesSomething(raw: unknown): boolean {
  return !!raw && typeof raw === 'object' && Object.values(raw as Record<string, unknown>).some((v) => v !== undefined);
}

/**
 * The calendar for the page: the grid of the view, what falls in it, and the filter options.
 * An address with no query at all opens with the filters the person last applied
 * (lib/server/calendar-preferences.ts); with no view named, the page shows the month on wide
 * screens and the agenda on narrow ones (docs/decisions/053).
 * `zone`: the viewer's time zone (docs/decisions/050), the grid's unless the query names another.
 */
export async function getCalendar(actor: Actor | null, raw: unknown, zone = 'UTC'): Promise<CalendarResult> {
  assertCan(actor, 'release.read');
  const given = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const remembered = namesSomething(given) ? null : await getRememberedFilters(actor);
  const fromMemory = !!remembered && CALENDAR_FILTER_KEYS.some((k) => remembered[k]);
  const query = CalendarQuerySchema.parse(fromMemory ? { ...remembered } : given);
  const responsive = !CALENDAR_VIEWS.includes(firstOf(given.view) as CalendarView);
  const grid = calendarGrid(query.view, query.date, query.timezone ?? zone, clockNow());
  const prisma = await db();
  const days = grid.weeks.flat();
  // the agenda reads the month's period the way the month does, so the two can share one load
  // (and, with no view named, one page shows both)
  const shape = grid.view === 'agenda' ? 'month' : grid.view;
  const perDay = shape === 'month' ? MONTH_PER_DAY : shape === 'week' ? WEEK_PER_DAY : 1;
  // the fingerprint before the data: a change made while it loads gets a newer fingerprint
  const fp = await calendarFingerprint();
  const key = JSON.stringify([shape, grid.timezone, grid.start, grid.end, query.environment, query.component, query.team, query.status]);
  const cached = viewCache.get(key, fp.key);
  const [data, maintenance, environments, components, teams] = await Promise.all([
    cached ??
      (async (): Promise<PeriodView> => {
        // first how crowded the period is (and, if crowded, what each day shows first), in one
        // statement; then either the whole period or only the picked windows
        const { counts, total, picks } = await loadDayPicks(days, query, perDay);
        if (shape === 'day') {
          const full = await loadCalendarData(grid.start, grid.end, query, { limit: DAY_LIST_MAX });
          return { ...full, density: { mode: 'full', total, counts, perDay: 0 } };
        }
        if (total <= FULL_PERIOD_MAX) {
          const full = await loadCalendarData(grid.start, grid.end, query);
          return { ...full, density: { mode: 'full', total, counts, perDay } };
        }
        const [events, freezes] = await Promise.all([loadPickedEvents(picks), loadFreezes(grid.start, grid.end, query)]);
        markFreezes(events, freezes);
        return { events, freezes, conflicts: [], truncated: false, density: { mode: 'dense', total, counts, perDay } };
      })().then((v) => {
        viewCache.set(key, fp.key, v);
        return v;
      }),
    loadMaintenance(grid.start, grid.end, query.environment),
    prisma.environment.findMany({ orderBy: { position: 'asc' }, select: { name: true, displayName: true } }),
    prisma.component.findMany({ orderBy: { name: 'asc' }, select: { name: true }, take: 1000 }),
    prisma.team.findMany({ orderBy: { name: 'asc' }, select: { slug: true, name: true }, take: 500 }),
  ]);
  return {
    ...data,
    query,
    grid,
    maintenance,
    responsive,
    remembered: fromMemory,
    options: { environments, components: components.map((c) => c.name), teams },
  };
}

// ---------------------------------------------------------------- feed read

/** Freeze occurrences in the feed: the next 180 days. */
export const FEED_FREEZE_DAYS = 180;
/** Default feed range: 30 days back, 180 days ahead, from the start of today (UTC). */
export const FEED_DEFAULT_PAST_DAYS = 30;
export const FEED_DEFAULT_FUTURE_DAYS = 180;
/** The widest range a feed request may ask for. */
export const FEED_MAX_RANGE_DAYS = 400;

/** "2026-02-30" is not a day (Date would quietly make it 2 March). */
function realDay(ymd: string): boolean {
  const d = new Date(`${ymd}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === ymd;
}

const feedDate = z
  .string()
  .trim()
  .max(40)
  .refine(
    (v) =>
      /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?)?$/.test(v) && realDay(v.slice(0, 10)) && !Number.isNaN(new Date(v).getTime()),
    {
      message: say('feed.date'),
    },
  )
  .transform((v) => new Date(/T/.test(v) ? v : `${v}T00:00:00Z`))
  .refine((d) => d.getUTCFullYear() >= 1971 && d.getUTCFullYear() <= 9998, { message: say('feed.dateRange') });

export const CalendarFeedQuerySchema = z
  .object({
    from: feedDate.optional().meta({ description: `Start of the range (inclusive, UTC). Default: ${FEED_DEFAULT_PAST_DAYS} days ago.` }),
    to: feedDate.optional().meta({
      description: `End of the range (exclusive, UTC). Default: ${FEED_DEFAULT_FUTURE_DAYS} days ahead. At most ${FEED_MAX_RANGE_DAYS} days after from.`,
    }),
    environment: z.string().regex(SLUG_PATTERN, say('feed.environment')).optional().meta({ description: 'Only windows on this environment.' }),
    component: z.string().regex(SLUG_PATTERN, say('feed.component')).optional().meta({ description: 'Only releases whose package contains this component.' }),
    team: z.string().regex(TEAM_SLUG, say('feed.team')).optional().meta({ description: 'Only releases owned by this team or deploying its components.' }),
    token: z.string().max(128).optional().meta({ description: 'The API token, for calendar programs that cannot send an Authorization header.' }),
  })
  .superRefine((q, ctx) => {
    // zod runs this even when a date above failed (then still the raw text): compare dates only
    if (!(q.from instanceof Date) || !(q.to instanceof Date)) return;
    if (q.from && q.to && q.to.getTime() <= q.from.getTime()) ctx.addIssue({ code: 'custom', path: ['to'], message: say('feed.toAfterFrom') });
    if (q.from && q.to && q.to.getTime() - q.from.getTime() > FEED_MAX_RANGE_DAYS * DAY_MS) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: say('feed.rangeTooLong', { days: FEED_MAX_RANGE_DAYS }) });
    }
  });
export type CalendarFeedQuery = z.infer<typeof CalendarFeedQuerySchema>;

export interface CalendarFeed {
  from: Date;
  to: Date;
  events: CalendarEvent[];
  freezes: FreezeOccurrence[];
  truncated: boolean;
  /** when truncated: windows starting at or after `after`, or ending before `before`, were left out */
  cut: { before: Date | null; after: Date | null };
}

export interface FeedRange {
  from: Date;
  to: Date;
  freezeFrom: Date;
  freezeTo: Date;
  /** the start of today (UTC): the default range and the freezes move on at midnight, not at every request */
  today: Date;
}

/**
 * The range a feed request covers. Defaults are whole UTC days (30 back, 180
 * ahead of the start of today), so the same subscription asks the same question
 * all day and its rendering can be cached (022).
 */
export function feedRange(q: CalendarFeedQuery, now: Date): FeedRange {
  const today = new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS);
  const from =
    q.from ??
    (q.to
      ? new Date(q.to.getTime() - (FEED_DEFAULT_PAST_DAYS + FEED_DEFAULT_FUTURE_DAYS) * DAY_MS)
      : new Date(today.getTime() - FEED_DEFAULT_PAST_DAYS * DAY_MS));
  const to =
    q.to ?? new Date(Math.min(from.getTime() + FEED_MAX_RANGE_DAYS * DAY_MS, Math.max(today.getTime(), from.getTime()) + FEED_DEFAULT_FUTURE_DAYS * DAY_MS));
  const freezeFrom = new Date(Math.max(today.getTime(), from.getTime()));
  const freezeTo = new Date(Math.min(today.getTime() + FEED_FREEZE_DAYS * DAY_MS, to.getTime()));
  return { from, to, freezeFrom, freezeTo, today };
}

/**
 * The feed's content: release windows in the range, freezes from today for 180
 * days (clipped to the range's end). When more than MAX_CALENDAR_EVENTS windows
 * match, the upcoming ones win: windows from today on first (earliest first),
 * then the past ones nearest to today; `cut` says where the feed stops.
 */
export async function getCalendarFeed(actor: Actor | null, q: CalendarFeedQuery, now: Date = clockNow()): Promise<CalendarFeed> {
  assertCan(actor, 'release.read');
  const { from, to, freezeFrom, freezeTo, today } = feedRange(q, now);
  const filters: CalendarFilters = { environment: q.environment, component: q.component, team: q.team };
  const split = new Date(Math.min(Math.max(today.getTime(), from.getTime()), to.getTime()));
  const [ahead, freezes] = await Promise.all([
    split.getTime() < to.getTime() ? loadReleaseEvents(split, to, filters) : Promise.resolve({ events: [] as CalendarEvent[], truncated: false }),
    freezeTo.getTime() > freezeFrom.getTime() ? loadFreezes(freezeFrom, freezeTo, filters) : Promise.resolve([]),
  ]);
  const events = ahead.events;
  const cut: CalendarFeed['cut'] = { before: null, after: ahead.truncated && events.length ? new Date(events[events.length - 1]!.start) : null };
  if (ahead.truncated) cut.before = split;
  else if (from.getTime() < split.getTime()) {
    // the past, nearest to today first, in what the cap leaves (windows across today are in both reads)
    const room = MAX_CALENDAR_EVENTS - events.length;
    const seen = new Set(events.map((e) => e.id));
    const past = await loadReleaseEvents(from, split, filters, { order: 'desc', limit: Math.max(room, 0) + seen.size + 1 });
    const older = past.events.filter((e) => !seen.has(e.id));
    if (past.truncated || older.length > room) cut.before = older.length ? new Date(older[Math.min(room, older.length) - 1]?.start ?? split) : split;
    events.push(...older.slice(0, Math.max(room, 0)));
  }
  events.sort((a, b) => a.start.localeCompare(b.start) || a.number - b.number);
  return { from, to, events, freezes, truncated: cut.before !== null || cut.after !== null, cut };
}
