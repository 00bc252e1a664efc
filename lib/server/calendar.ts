import 'server-only';
import { z } from 'zod';
import type { Prisma } from '@/lib/generated/prisma/client';
import type { ReleaseStatus } from '@/lib/generated/prisma/enums';
import {
  CALENDAR_VIEWS,
  calendarGrid,
  conflictsById,
  findOverlaps,
  isValidZone,
  type CalendarGrid,
  type CalendarView,
  type Overlap,
} from '@/lib/domain/calendar';
import { occurrences, type Recurrence } from '@/lib/domain/recurrence';
import { windowAhead, windowsConflict } from '@/lib/domain/release-rules';
import { assertCan } from './authz';
import { db } from './db';
import { firstOf, patternParam, SLUG_PATTERN } from './releases';
import { releaseKey } from './release-ref';
import type { Actor } from './actor';
import { now as clockNow } from './clock';

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
});
export type CalendarQuery = z.infer<typeof CalendarQuerySchema>;

export interface CalendarFilters {
  environment?: string;
  component?: string;
  team?: string;
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
  environment: { name: string; displayName: string } | null;
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
  /** true when more windows matched than MAX_CALENDAR_EVENTS */
  truncated: boolean;
}

export interface CalendarResult extends CalendarData {
  query: CalendarQuery;
  grid: CalendarGrid;
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
  const and: Prisma.ReleaseWhereInput[] = [];
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

function toEvent(
  r: ReleaseRow,
  env: { name: string; displayName: string } | null,
  w: { start: Date; end: Date },
  source: CalendarEvent['source'],
): CalendarEvent {
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

/** At most this many releases whose planned window meets the range are examined for planned-window events. */
const MAX_PLANNED_READ = 4 * MAX_CALENDAR_EVENTS;

async function loadReleaseEvents(from: Date, to: Date, f: CalendarFilters): Promise<{ events: CalendarEvent[]; truncated: boolean }> {
  const prisma = await db();
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
        environment: { select: { name: true, displayName: true, position: true } },
        release: { select: releaseSelect },
      },
      orderBy: [{ scheduledStart: 'asc' }, { releaseId: 'asc' }],
      take: MAX_CALENDAR_EVENTS + 1,
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
        environments: { where: envFilter, select: { scheduledStart: true, environment: { select: { name: true, displayName: true } } } },
      },
      orderBy: [{ plannedStart: 'asc' }, { id: 'asc' }],
      take: MAX_PLANNED_READ + 1,
    }),
  ]);
  // planned windows show for targets without a scheduled window, and for releases that name
  // no environment yet (only without an environment filter)
  const plannedTargets = new Map<string, ({ name: string; displayName: string } | null)[]>();
  for (const r of plannedRows.slice(0, MAX_PLANNED_READ)) {
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
    if (w) events.push(toEvent(t.release, { name: t.environment.name, displayName: t.environment.displayName }, w, 'scheduled'));
  }
  for (const r of plannedReleases) {
    const w = windowOf(r.plannedStart, r.plannedEnd);
    if (!w) continue;
    for (const env of plannedTargets.get(r.id) ?? []) events.push(toEvent(r, env, w, 'planned'));
  }
  const truncated = events.length > MAX_CALENDAR_EVENTS || scheduledRows.length > MAX_CALENDAR_EVENTS || plannedRows.length > MAX_PLANNED_READ;
  events.sort((a, b) => a.start.localeCompare(b.start) || a.number - b.number || (a.environment?.name ?? '').localeCompare(b.environment?.name ?? ''));
  return { events: events.slice(0, MAX_CALENDAR_EVENTS), truncated };
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
    const rec = recurrenceOf(row);
    if (!rec) continue;
    let found: { start: Date; end: Date }[];
    try {
      found = occurrences(rec, from, to, MAX_FREEZE_OCCURRENCES);
    } catch {
      // a rule that no longer parses must not break the calendar; the freeze page shows the problem
      continue;
    }
    for (const o of found) {
      out.push({
        id: `${row.id}:${o.start.getTime()}`,
        freezeId: row.id,
        name: row.name,
        reason: row.reason,
        start: o.start.toISOString(),
        end: o.end.toISOString(),
        environments: row.environments.map((e) => e.environment.name).sort(),
        components: comps.map((c) => c.name).sort(),
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
export async function loadCalendarData(from: Date, to: Date, filters: CalendarFilters): Promise<CalendarData> {
  const [{ events, truncated }, freezes] = await Promise.all([loadReleaseEvents(from, to, filters), loadFreezes(from, to, filters)]);
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
    const why = [
      c.sameEnvironment && c.environment ? `same environment (${c.environment})` : '',
      c.components.length ? `shared component${c.components.length === 1 ? '' : 's'} ${c.components.join(', ')}` : '',
    ]
      .filter(Boolean)
      .join(' and ');
    byId.get(c.a)!.conflictNotes.push(`${c.bKey}: ${why}`);
    byId.get(c.b)!.conflictNotes.push(`${c.aKey}: ${why}`);
  }
  for (const e of events) {
    e.inFreezes = [...new Set(freezes.filter((fz) => freezeCovers(fz, e)).map((fz) => fz.name))];
  }
  return { events, freezes, conflicts, truncated };
}

// ---------------------------------------------------------------- page read

/** The calendar for the page: the grid of the view, what falls in it, and the filter options. */
export async function getCalendar(actor: Actor | null, raw: unknown): Promise<CalendarResult> {
  assertCan(actor, 'release.read');
  const query = CalendarQuerySchema.parse(raw && typeof raw === 'object' ? raw : {});
  const grid = calendarGrid(query.view, query.date, query.timezone ?? 'UTC', clockNow());
  const prisma = await db();
  const [data, environments, components, teams] = await Promise.all([
    loadCalendarData(grid.start, grid.end, query),
    prisma.environment.findMany({ orderBy: { position: 'asc' }, select: { name: true, displayName: true } }),
    prisma.component.findMany({ orderBy: { name: 'asc' }, select: { name: true }, take: 1000 }),
    prisma.team.findMany({ orderBy: { name: 'asc' }, select: { slug: true, name: true }, take: 500 }),
  ]);
  return { ...data, query, grid, options: { environments, components: components.map((c) => c.name), teams } };
}

// ---------------------------------------------------------------- feed read

/** Freeze occurrences in the feed: the next 180 days. */
export const FEED_FREEZE_DAYS = 180;
/** Default feed range: 90 days back, 180 days ahead. */
export const FEED_DEFAULT_PAST_DAYS = 90;
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
      message: 'Give a date like 2026-11-01 or 2026-11-01T00:00:00Z.',
    },
  )
  .transform((v) => new Date(/T/.test(v) ? v : `${v}T00:00:00Z`))
  .refine((d) => d.getUTCFullYear() >= 1971 && d.getUTCFullYear() <= 9998, { message: 'Give a date between 1971 and 9998.' });

export const CalendarFeedQuerySchema = z
  .object({
    from: feedDate.optional().meta({ description: `Start of the range (inclusive, UTC). Default: ${FEED_DEFAULT_PAST_DAYS} days ago.` }),
    to: feedDate.optional().meta({
      description: `End of the range (exclusive, UTC). Default: ${FEED_DEFAULT_FUTURE_DAYS} days ahead. At most ${FEED_MAX_RANGE_DAYS} days after from.`,
    }),
    environment: z
      .string()
      .regex(SLUG_PATTERN, 'Give an environment name, e.g. production.')
      .optional()
      .meta({ description: 'Only windows on this environment.' }),
    component: z
      .string()
      .regex(SLUG_PATTERN, 'Give a component name, e.g. billing-api.')
      .optional()
      .meta({ description: 'Only releases whose package contains this component.' }),
    team: z
      .string()
      .regex(TEAM_SLUG, 'Give a team slug, e.g. payments.')
      .optional()
      .meta({ description: 'Only releases owned by this team or deploying its components.' }),
    token: z.string().max(128).optional().meta({ description: 'The API token, for calendar programs that cannot send an Authorization header.' }),
  })
  .superRefine((q, ctx) => {
    if (q.from && q.to && q.to.getTime() <= q.from.getTime()) ctx.addIssue({ code: 'custom', path: ['to'], message: '"to" must be after "from".' });
    if (q.from && q.to && q.to.getTime() - q.from.getTime() > FEED_MAX_RANGE_DAYS * DAY_MS) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: `The range is at most ${FEED_MAX_RANGE_DAYS} days.` });
    }
  });
export type CalendarFeedQuery = z.infer<typeof CalendarFeedQuerySchema>;

export interface CalendarFeed {
  from: Date;
  to: Date;
  events: CalendarEvent[];
  freezes: FreezeOccurrence[];
  truncated: boolean;
}

/** The feed's content: release windows in the range, freezes from now for 180 days (clipped to the range's end when one is given). */
export async function getCalendarFeed(actor: Actor | null, q: CalendarFeedQuery, now: Date = clockNow()): Promise<CalendarFeed> {
  assertCan(actor, 'release.read');
  const from =
    q.from ??
    (q.to
      ? new Date(q.to.getTime() - (FEED_DEFAULT_PAST_DAYS + FEED_DEFAULT_FUTURE_DAYS) * DAY_MS)
      : new Date(now.getTime() - FEED_DEFAULT_PAST_DAYS * DAY_MS));
  const to =
    q.to ?? new Date(Math.min(from.getTime() + FEED_MAX_RANGE_DAYS * DAY_MS, Math.max(now.getTime(), from.getTime()) + FEED_DEFAULT_FUTURE_DAYS * DAY_MS));
  const filters: CalendarFilters = { environment: q.environment, component: q.component, team: q.team };
  const freezeFrom = new Date(Math.max(now.getTime(), from.getTime()));
  const freezeTo = new Date(Math.min(now.getTime() + FEED_FREEZE_DAYS * DAY_MS, to.getTime()));
  const [{ events, truncated }, freezes] = await Promise.all([
    loadReleaseEvents(from, to, filters),
    freezeTo.getTime() > freezeFrom.getTime() ? loadFreezes(freezeFrom, freezeTo, filters) : Promise.resolve([]),
  ]);
  return { from, to, events, freezes, truncated };
}
