import 'server-only';
import { DateTime } from 'luxon';
import { z } from 'zod';
import type { Prisma } from '@/lib/generated/prisma/client';
import { isValidZone } from '@/lib/domain/calendar';
import { RELEASE_STATUSES } from '@/lib/domain/lifecycle';
import { RISK_LEVELS } from '@/lib/domain/policy-names';
import { isFinished } from '@/lib/domain/release-rules';
import {
  DEFAULT_SPAN,
  isTimelineSpan,
  layoutTimeline,
  TIMELINE_GROUP_BYS,
  TIMELINE_GROUPINGS,
  timelinePeriod,
  type TimelineFreeze,
  type TimelineGroup,
  type TimelineGroupBy,
  type TimelinePeriod,
  type TimelineSpan,
  type TimelineWindow,
} from '@/lib/domain/timeline';
import type { Actor } from './actor';
import { assertCan } from './authz';
import { loadCalendarData, type CalendarConflict } from './calendar';
import { calendarFingerprint, FingerprintCache } from './calendar-cache';
import { now as clockNow } from './clock';
import { db } from './db';
import { firstOf, patternParam, SLUG_PATTERN, textParam } from './releases';

// The portfolio timeline (docs/decisions/047-portfolio-timeline.md): every release
// window in a period of 2 to 12 weeks, grouped by team or environment, with freezes
// and conflicts. Reads only, permission release.read (as the calendar: whoever may
// read releases sees all of them). The windows, freezes and conflicts are the
// calendar's (lib/server/calendar.ts loadCalendarData): the same window rule
// (scheduled per environment, else planned), the same index range reads bounded
// to the period, the same conflict rule (release-rules' windowsConflict over
// lib/domain/calendar's findOverlaps). This module adds the timeline's filters
// and its layout (lib/domain/timeline.ts).

/** At most this many windows in one timeline; more says "showing the first N". */
export const MAX_TIMELINE_WINDOWS = 1500;

const TEAM_SLUG = /^[a-z0-9][a-z0-9-]{0,79}$/;
export const TIMELINE_RISKS = [...RISK_LEVELS, 'unassessed'] as const;
export type TimelineRisk = (typeof TIMELINE_RISKS)[number];

export const TimelineQuerySchema = z.object({
  start: patternParam(/^\d{4}-\d{2}-\d{2}$/),
  weeks: z
    .preprocess(
      (v) => Number(firstOf(v)),
      z.custom<TimelineSpan>((v) => isTimelineSpan(v)),
    )
    .catch(DEFAULT_SPAN),
  group: z.preprocess(firstOf, z.enum(TIMELINE_GROUP_BYS as [TimelineGroupBy, ...TimelineGroupBy[]])).catch('team'),
  view: z.preprocess(firstOf, z.enum(['chart', 'list'])).catch('chart'),
  team: patternParam(TEAM_SLUG),
  environment: patternParam(SLUG_PATTERN),
  status: z.preprocess(firstOf, z.enum(['active', 'all'])).catch('active'),
  risk: z.preprocess(firstOf, z.enum(TIMELINE_RISKS).optional()).catch(undefined),
  q: textParam(100),
  timezone: z.preprocess(firstOf, z.string().max(64).refine(isValidZone).optional()).catch(undefined),
});
export type TimelineQuery = z.infer<typeof TimelineQuerySchema>;

export interface TimelineResult {
  query: TimelineQuery;
  period: TimelinePeriod;
  groups: TimelineGroup[];
  /** every window shown, in start order (the list view and the text alternative) */
  windows: TimelineWindow[];
  freezes: TimelineFreeze[];
  conflicts: CalendarConflict[];
  /** more windows matched than MAX_TIMELINE_WINDOWS: the first ones by start are shown */
  truncated: boolean;
  options: {
    environments: { name: string; displayName: string }[];
    teams: { slug: string; name: string }[];
  };
}

// "REL-12", "rel 12", "#12" or "12": the key
const KEY_QUERY = /^(?:rel[-\s]?|#)?(\d{1,9})$/i;

/** The timeline's own filters as conditions on the release row. */
export function releaseConditions(q: Pick<TimelineQuery, 'status' | 'risk' | 'q'>): Prisma.ReleaseWhereInput | undefined {
  const and: Prisma.ReleaseWhereInput[] = [];
  if (q.status === 'active') and.push({ status: { in: RELEASE_STATUSES.filter((s) => !isFinished(s)) } });
  if (q.risk) and.push({ riskLevel: q.risk === 'unassessed' ? null : q.risk });
  if (q.q) {
    // the release search's document (lower-cased title, description, components, builds,
    // work items; decision 024): a part of it, or the key
    const key = KEY_QUERY.exec(q.q);
    const text: Prisma.ReleaseWhereInput = { searchText: { contains: q.q.toLowerCase() } };
    and.push(key ? { OR: [{ number: Number(key[1]) }, text] } : text);
  }
  return and.length ? { AND: and } : undefined;
}

interface PeriodData {
  windows: TimelineWindow[];
  freezes: TimelineFreeze[];
  conflicts: CalendarConflict[];
  truncated: boolean;
}

/**
 * What a period shows, by period and filters, while the data's fingerprint holds (at most ten
 * minutes), as the calendar's views (022): a manager reopens the same span all day, and a full
 * one costs a few hundred milliseconds. The layout (and today's line) is computed per request.
 * On globalThis: Next.js may load this module once per bundle.
 */
const CACHE_KEY = '__relmTimelineCache';
const cacheGlobals = globalThis as unknown as Record<string, FingerprintCache<PeriodData> | undefined>;
export const timelineCache: FingerprintCache<PeriodData> = (cacheGlobals[CACHE_KEY] ??= new FingerprintCache<PeriodData>(32, 10 * 60_000));

async function loadPeriod(query: TimelineQuery, period: TimelinePeriod, positions: Map<string, number>): Promise<PeriodData> {
  const prisma = await db();
  const data = await loadCalendarData(
    period.from,
    period.to,
    { environment: query.environment, team: query.team, release: releaseConditions(query) },
    { limit: MAX_TIMELINE_WINDOWS },
  );
  // the risk level is the timeline's own column (the calendar's events do not carry it)
  const releaseIds = [...new Set(data.events.map((e) => e.releaseId))];
  const risks = releaseIds.length ? await prisma.release.findMany({ where: { id: { in: releaseIds } }, select: { id: true, riskLevel: true } }) : [];
  const riskOf = new Map(risks.map((r) => [r.id, r.riskLevel]));
  const windows: TimelineWindow[] = data.events.map((e) => ({
    id: e.id,
    releaseId: e.releaseId,
    key: e.key,
    number: e.number,
    title: e.title,
    status: e.status,
    riskLevel: riskOf.get(e.releaseId) ?? null,
    environment: e.environment ? { name: e.environment.name, displayName: e.environment.displayName, position: positions.get(e.environment.name) ?? 0 } : null,
    team: e.team,
    // filled per request (getTimeline): joining a train does not change the calendar's fingerprint
    train: null,
    start: e.start,
    end: e.end,
    source: e.source,
    conflictsWith: e.conflictsWith,
    conflictNotes: e.conflictNotes,
    inFreezes: e.inFreezes,
  }));
  const freezes: TimelineFreeze[] = data.freezes.map((f) => ({
    id: f.id,
    name: f.name,
    start: f.start,
    end: f.end,
    environments: f.environments,
    components: f.components,
  }));
  return { windows, freezes, conflicts: data.conflicts, truncated: data.truncated };
}

/** The timeline for the page: the period, its windows grouped and laid out, freezes and conflicts. */
/** `zone`: the viewer's time zone (docs/decisions/050), the period's unless the query names another. */
export async function getTimeline(actor: Actor | null, raw: unknown, zone = 'UTC'): Promise<TimelineResult> {
  assertCan(actor, 'release.read');
  const query = TimelineQuerySchema.parse(raw && typeof raw === 'object' ? raw : {});
  const period = timelinePeriod(query.start, query.weeks, query.timezone ?? zone, clockNow());
  const prisma = await db();
  // the fingerprint before the data: a change made while it loads gets a newer fingerprint
  const [fp, environments, teams] = await Promise.all([
    calendarFingerprint(),
    prisma.environment.findMany({ orderBy: { position: 'asc' }, select: { name: true, displayName: true, position: true } }),
    prisma.team.findMany({ orderBy: { name: 'asc' }, select: { slug: true, name: true }, take: 500 }),
  ]);
  const positions = new Map(environments.map((e) => [e.name, e.position]));
  const key = JSON.stringify([period.from, period.to, query.environment, query.team, query.status, query.risk, query.q]);
  let data = timelineCache.get(key, fp.key);
  if (!data) {
    data = await loadPeriod(query, period, positions);
    timelineCache.set(key, fp.key, data);
  }
  const windows = await withTrains(data.windows, period.timezone);
  const groups = layoutTimeline(windows, data.freezes, TIMELINE_GROUPINGS[query.group], period);
  return {
    query,
    period,
    groups,
    windows,
    freezes: data.freezes,
    conflicts: data.conflicts,
    truncated: data.truncated,
    options: { environments: environments.map(({ name, displayName }) => ({ name, displayName })), teams },
  };
}

/**
 * The train departure each release rides, read fresh on every request (one indexed read by
 * release id for at most MAX_TIMELINE_WINDOWS windows): a release joining or leaving a train
 * does not move the calendar's fingerprint, so this is never served from the period cache.
 */
async function withTrains(windows: TimelineWindow[], zone: string): Promise<TimelineWindow[]> {
  const releaseIds = [...new Set(windows.map((w) => w.releaseId))];
  if (!releaseIds.length) return windows;
  const prisma = await db();
  const seats = await prisma.trainSeat.findMany({
    where: { releaseId: { in: releaseIds } },
    select: { releaseId: true, departure: { select: { departureAt: true, train: { select: { slug: true, name: true } } } } },
  });
  if (!seats.length) return windows;
  const trainOf = new Map(
    seats.map((s) => [
      s.releaseId,
      {
        slug: s.departure.train.slug,
        name: s.departure.train.name,
        departureAt: s.departure.departureAt.toISOString(),
        departureLabel: DateTime.fromJSDate(s.departure.departureAt, { zone }).toFormat('ccc d LLL HH:mm'),
      },
    ]),
  );
  return windows.map((w) => ({ ...w, train: trainOf.get(w.releaseId) ?? null }));
}
