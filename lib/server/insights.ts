import 'server-only';
import { z } from 'zod';
import { CSV_BOM, csvFileName, csvLine } from '@/lib/domain/csv';
import {
  approvalWaitMs,
  compare,
  computeDora,
  DEFAULT_PRESET_WEEKS,
  DORA_DEFINITIONS,
  DORA_KEYS,
  formatFigure,
  headline,
  leadTimeDistribution,
  MAX_PERIOD_DAYS,
  PERIOD_PRESETS,
  previousPeriod,
  resolvePeriod,
  weeklyTrend,
  type Comparison,
  type DoraDeployment,
  type DoraFigures,
  type DoraKey,
  type DoraRelease,
  type FailureRow,
  type WeekPoint,
} from '@/lib/domain/dora';
import { formatDuration } from '@/lib/domain/release-metrics';
import { releaseKey } from '@/lib/domain/release-key';
import { Prisma } from '@/lib/generated/prisma/client';
import { appendAudit } from './audit';
import { assertCan } from './authz';
import { now as clockNow } from './clock';
import { db } from './db';
import { invalid, Refusal } from './errors';
import { firstOf, SLUG_PATTERN } from './releases';
import type { Actor, RequestMeta } from './actor';
import type { CsvExport } from './exports';
import { sayer, type SayValue } from './say';

const say = sayer('server-insights');

// Delivery metrics (docs/decisions/043-delivery-metrics.md): loads the recorded deployments,
// back-outs, reviews, status changes and windows that the filters select and asks
// lib/domain/dora.ts for the figures. Reads only; the CSV export records itself in the audit trail.

const DATE_MESSAGE = say('query.date');
const NAME_MESSAGE = say('query.name');

/** The API's query: strict, a 400 names what is wrong. */
export const DoraQuerySchema = z
  .object({
    from: z.iso.date(DATE_MESSAGE).optional().meta({ description: 'First day of the period (UTC, YYYY-MM-DD). Default: 12 weeks before `to`.' }),
    to: z.iso.date(DATE_MESSAGE).optional().meta({ description: 'Last day of the period, included (UTC, YYYY-MM-DD). Default: today.' }),
    weeks: z.coerce
      .number()
      .int()
      .refine((n) => (PERIOD_PRESETS as readonly number[]).includes(n), say('query.weeks', { weeks: PERIOD_PRESETS.join(', ') }))
      .optional()
      .meta({ description: `The last 4, 12 or 26 weeks up to \`to\` (ignored when \`from\` is given).` }),
    team: z.string().regex(SLUG_PATTERN, NAME_MESSAGE).optional().meta({ description: 'Only releases owned by a member of this team (team slug).' }),
    component: z.string().regex(SLUG_PATTERN, NAME_MESSAGE).optional().meta({ description: 'Only releases whose package holds this component (name).' }),
    environment: z
      .string()
      .regex(SLUG_PATTERN, NAME_MESSAGE)
      .optional()
      .meta({ description: 'Only deployments to this environment (name). Default: every production-tier environment.' }),
  })
  .strict()
  .superRefine((q, ctx) => {
    if (q.from && q.to && q.from > q.to) ctx.addIssue({ code: 'custom', path: ['to'], message: say('query.endsBeforeStart') });
    if (q.from && q.to && (Date.parse(q.to) - Date.parse(q.from)) / 86_400_000 + 1 > MAX_PERIOD_DAYS)
      ctx.addIssue({ code: 'custom', path: ['from'], message: say('query.tooLong', { days: MAX_PERIOD_DAYS }) });
  });
export type DoraQuery = z.infer<typeof DoraQuerySchema>;

const lenient = <S extends z.ZodType>(s: S) => z.preprocess(firstOf, s.optional()).catch(undefined);

/**
 * The page's and the export's query: anything unusable is ignored (the defaults apply).
 * `period` is the page's choice: 4, 12 or 26 (the last weeks up to today) or "custom" (from/to).
 */
export const InsightsPageSchema = z
  .object({
    period: lenient(z.enum(['4', '12', '26', 'custom'])),
    from: lenient(z.iso.date()),
    to: lenient(z.iso.date()),
    team: lenient(z.string().regex(SLUG_PATTERN)),
    component: lenient(z.string().regex(SLUG_PATTERN)),
    environment: lenient(z.string().regex(SLUG_PATTERN)),
  })
  .transform(({ period, from, to, ...rest }) => {
    const custom = period === 'custom' || (period === undefined && (from !== undefined || to !== undefined));
    return custom
      ? { ...rest, period: 'custom' as const, from, to }
      : { ...rest, period: period ?? String(DEFAULT_PRESET_WEEKS), weeks: Number(period ?? DEFAULT_PRESET_WEEKS) };
  });

/** The page's metrics: a filter naming no team, component or environment is dropped, with a note. */
export async function getInsightsPage(actor: Actor | null, raw: unknown): Promise<DeliveryMetrics & { periodChoice: string; notes: string[] }> {
  assertCan(actor, 'release.read');
  const f = InsightsPageSchema.parse(raw ?? {});
  const q: Partial<DoraQuery> = { ...f, weeks: 'weeks' in f ? f.weeks : undefined };
  const notes: string[] = [];
  for (;;) {
    try {
      return { ...(await getDeliveryMetrics(actor, q)), periodChoice: f.period, notes };
    } catch (err) {
      if (!(err instanceof Refusal) || err.code !== 'invalid') throw err;
      const errors = err.details.fieldErrors ?? {};
      const field = (['team', 'component', 'environment'] as const).find((k) => errors[k]);
      if (!field) throw err;
      notes.push(say('filterDropped', { refusal: { said: err.message } }));
      q[field] = undefined;
    }
  }
}

export interface FigureDto {
  key: DoraKey;
  title: string;
  unit: string;
  better: 'higher' | 'lower';
  definition: string;
  /** a rate per week, a share 0..1 or milliseconds; null without data */
  value: number | null;
  text: string;
  /** what it is made of, e.g. "3 of 12 finished deployments" */
  detail: string;
  previous: number | null;
  previousText: string;
  comparison: Comparison;
}

export interface DeliveryMetrics {
  period: { from: string; to: string; days: number; weeks: number | null };
  previousPeriod: { from: string; to: string };
  filters: { team: string | null; component: string | null; environment: string | null };
  /** the environments measured (names) */
  environments: string[];
  options: {
    teams: { slug: string; name: string }[];
    components: { name: string }[];
    environments: { name: string; displayName: string; tier: string }[];
  };
  figures: FigureDto[];
  current: DoraFigures;
  previous: DoraFigures;
  weekly: WeekPoint[];
  leadTimeDistribution: { bucket: string; deployments: number }[];
  failures: (FailureRow & { environment: string })[];
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = out.get(k);
    if (list) list.push(row);
    else out.set(k, [row]);
  }
  return out;
}

const dayText = (d: Date) => d.toISOString().slice(0, 10);
const lastDay = (to: Date) => dayText(new Date(to.getTime() - 86_400_000));

/** A duration as formatDuration writes it, with French's "j" for a day (server-insights duration.*). */
function duration(ms: number): SayValue {
  const english = formatDuration(ms);
  if (english === formatDuration(ms, 'fr')) return english;
  const sign = ms < 0 ? '−' : '';
  const totalH = Math.round(Math.abs(ms) / 3_600_000);
  const days = Math.floor(totalH / 24);
  const hours = totalH % 24;
  return hours ? { key: 'duration.daysHours', values: { sign, days, hours } } : { key: 'duration.days', values: { sign, days } };
}

function details(f: DoraFigures): Record<DoraKey, string> {
  const delay = f.startDelayMedianMs;
  return {
    deploymentFrequency: say('detail.deploymentFrequency', { count: f.deployments, weeks: Math.round(f.weeks * 10) / 10 }),
    leadTime: f.leadTimeP90Ms === null ? say('detail.leadTimeNone') : say('detail.leadTime', { p90: duration(f.leadTimeP90Ms) }),
    changeFailureRate: say('detail.changeFailureRate', { failures: f.failures, finished: f.finished }),
    timeToRestore: f.notRestored
      ? say('detail.timeToRestoreSome', { restored: f.restored, notRestored: f.notRestored })
      : say('detail.timeToRestore', { restored: f.restored }),
    approvalWait: say('detail.approvalWait', { count: f.approvalWaitCount }),
    scheduleAdherence:
      f.withWindow === 0
        ? say('detail.scheduleNone')
        : delay !== null && delay < 0
          ? say('detail.scheduleBefore', { kept: f.keptToWindow, count: f.withWindow, delay: duration(-delay) })
          : say('detail.scheduleAfter', { kept: f.keptToWindow, count: f.withWindow, delay: duration(delay ?? 0) }),
  };
}

/** The delivery metrics for the filters (validated: DoraQuerySchema's output or the page's). */
export async function getDeliveryMetrics(actor: Actor | null, q: Partial<DoraQuery>): Promise<DeliveryMetrics> {
  assertCan(actor, 'release.read');
  const prisma = await db();
  const now = clockNow();
  const weeks = q.from ? null : (q.weeks ?? DEFAULT_PRESET_WEEKS);
  const period = resolvePeriod({ from: q.from, to: q.to, weeks: weeks ?? undefined }, now);
  const prev = previousPeriod(period);

  const [teams, components, environments] = await Promise.all([
    prisma.team.findMany({ orderBy: { name: 'asc' }, select: { id: true, slug: true, name: true } }),
    prisma.component.findMany({ orderBy: { name: 'asc' }, select: { id: true, name: true } }),
    prisma.environment.findMany({ orderBy: { position: 'asc' }, select: { id: true, name: true, displayName: true, tier: true } }),
  ]);
  const team = q.team ? teams.find((t) => t.slug === q.team) : undefined;
  if (q.team && !team) throw invalid(say('noTeam', { team: q.team }), { team: [say('noTeamField')] });
  const component = q.component ? components.find((c) => c.name === q.component) : undefined;
  if (q.component && !component) throw invalid(say('noComponent', { component: q.component }), { component: [say('noComponentField')] });
  const env = q.environment ? environments.find((e) => e.name === q.environment) : undefined;
  if (q.environment && !env) throw invalid(say('noEnvironment', { environment: q.environment }), { environment: [say('noEnvironmentField')] });
  const measured = env ? [env] : environments.filter((e) => e.tier === 'production');
  const envIds = measured.map((e) => e.id);
  const envName = new Map(environments.map((e) => [e.id, e.name]));

  // The releases with a deploy to the chosen environments that finished in either period
  // (Deployment_environmentId_finishedAt_idx), as a subquery each statement below joins: plain
  // SQL, one statement per table, no list of ids sent back and forth (at the bench's 20,000
  // releases a period holds thousands; nested relation loads and IN lists cost far more).
  const chosen = Prisma.sql`
    SELECT DISTINCT d."releaseId" AS id FROM "Deployment" d
     WHERE d."environmentId" = ANY(${envIds}::text[]) AND d.kind = 'deploy' AND d.status IN ('succeeded', 'failed', 'rolled_back')
       AND d."finishedAt" >= ${prev.from} AND d."finishedAt" < ${period.to}
       ${team ? Prisma.sql`AND EXISTS (SELECT 1 FROM "Release" r JOIN "User" u ON u.id = r."ownerId" WHERE r.id = d."releaseId" AND u."teamId" = ${team.id})` : Prisma.empty}
       ${
         component
           ? Prisma.sql`AND EXISTS (SELECT 1 FROM "ReleasePackage" p JOIN "PackageItem" i ON i."packageId" = p.id WHERE p."releaseId" = d."releaseId" AND i."componentId" = ${component.id})`
           : Prisma.empty
       }`;
  const [deps, rels, transitions] = envIds.length
    ? await Promise.all([
        prisma.$queryRaw<
          {
            id: string;
            releaseId: string;
            environmentId: string;
            kind: DoraDeployment['kind'];
            status: DoraDeployment['status'];
            startedAt: Date | null;
            finishedAt: Date | null;
          }[]
        >`SELECT x.id, x."releaseId", x."environmentId", x.kind::text AS kind, x.status::text AS status, x."startedAt", x."finishedAt"
            FROM "Deployment" x JOIN (${chosen}) c ON c.id = x."releaseId" WHERE x."environmentId" = ANY(${envIds}::text[])`,
        // one row per release and chosen environment it targets (its window there), or one without
        prisma.$queryRaw<
          {
            id: string;
            number: number;
            outcome: DoraRelease['reviewOutcome'];
            firstChange: Date | null;
            environmentId: string | null;
            windowStart: Date | null;
            windowEnd: Date | null;
          }[]
        >`SELECT r.id, r.number, e."environmentId",
                 coalesce(e."scheduledStart", r."plannedStart") AS "windowStart", coalesce(e."scheduledEnd", r."plannedEnd") AS "windowEnd",
                 (SELECT v.outcome::text FROM "PostReleaseReview" v WHERE v."releaseId" = r.id) AS outcome,
                 (SELECT min(coalesce(b."builtAt", b."createdAt")) FROM "ReleasePackage" p
                    JOIN "PackageItem" it ON it."packageId" = p.id JOIN "Build" b ON b.id = it."buildId"
                   WHERE p."releaseId" = r.id) AS "firstChange"
            FROM "Release" r JOIN (${chosen}) c ON c.id = r.id
            LEFT JOIN "ReleaseEnvironment" e ON e."releaseId" = r.id AND e."environmentId" = ANY(${envIds}::text[])`,
        prisma.$queryRaw<{ releaseId: string; fromStatus: string; toStatus: string; at: Date }[]>`
          SELECT t."releaseId", t."fromStatus"::text AS "fromStatus", t."toStatus"::text AS "toStatus", t.at FROM "ReleaseTransition" t
            JOIN (${chosen}) c ON c.id = t."releaseId" WHERE t."fromStatus" = 'submitted' OR t."toStatus" = 'submitted'`,
      ])
    : [[], [], []];

  const date = (v: Date | string | null) => (v === null ? null : new Date(v));
  const deployments: DoraDeployment[] = deps.map((x) => ({ ...x, startedAt: date(x.startedAt), finishedAt: date(x.finishedAt) }));
  const transitionsOf = groupBy(transitions, (t) => t.releaseId);
  const releases: DoraRelease[] = [...groupBy(rels, (r) => r.id).values()].map((rows) => {
    const r = rows[0]!;
    const w: DoraRelease['windows'] = {};
    for (const e of rows) {
      const start = date(e.windowStart);
      const end = date(e.windowEnd);
      if (e.environmentId && start && end) w[e.environmentId] = { start, end };
    }
    return {
      id: r.id,
      key: releaseKey(Number(r.number)),
      firstChangeAt: date(r.firstChange),
      reviewOutcome: r.outcome,
      approvalWaitMs: approvalWaitMs(
        (transitionsOf.get(r.id) ?? []).map((x) => ({ from: x.fromStatus, to: x.toStatus, at: new Date(x.at) })),
        now,
      ),
      windows: w,
    };
  });

  const input = { deployments, releases };
  const current = computeDora({ ...input, from: period.from, to: period.to });
  const previous = computeDora({ ...input, from: prev.from, to: prev.to });
  const cur = headline(current);
  const old = headline(previous);
  const curDetails = details(current);
  const figures: FigureDto[] = DORA_KEYS.map((key) => ({
    ...DORA_DEFINITIONS[key],
    value: cur[key],
    text: formatFigure(key, cur[key]),
    detail: curDetails[key],
    previous: old[key],
    previousText: formatFigure(key, old[key]),
    comparison: compare(key, cur[key], old[key]),
  }));
  const { rows: _rows, failureRows, ...currentFigures } = current;
  const { rows: _p, failureRows: _pf, ...previousFigures } = previous;
  return {
    period: { from: dayText(period.from), to: lastDay(period.to), days: period.days, weeks },
    previousPeriod: { from: dayText(prev.from), to: lastDay(prev.to) },
    filters: { team: team?.slug ?? null, component: component?.name ?? null, environment: env?.name ?? null },
    environments: measured.map((e) => e.name),
    options: {
      teams: teams.map((t) => ({ slug: t.slug, name: t.name })),
      components: components.map((c) => ({ name: c.name })),
      environments: environments.map((e) => ({ name: e.name, displayName: e.displayName, tier: e.tier })),
    },
    figures,
    current: currentFigures as DoraFigures,
    previous: previousFigures as DoraFigures,
    weekly: weeklyTrend({ ...input, from: period.from, to: period.to }),
    leadTimeDistribution: leadTimeDistribution(current.rows.flatMap((r) => (r.leadTimeMs === null ? [] : [r.leadTimeMs]))),
    failures: failureRows.map((f) => ({ ...f, environment: envName.get(f.environmentId) ?? f.environmentId })),
  };
}

// ---------------------------------------------------------------- CSV

export const INSIGHTS_CSV_HEADER = [
  'rows',
  'from (UTC)',
  'to (UTC, included)',
  'successful deployments',
  'deployments per week',
  'lead time median (hours)',
  'lead time 90th percentile (hours)',
  'finished deployments',
  'failures',
  'change failure rate (%)',
  'restored',
  'not restored',
  'time to restore median (hours)',
  'approval wait median (hours)',
  'deployments with a window',
  'kept to the window',
  'schedule adherence (%)',
  'environments',
  'team',
  'component',
] as const;

const h = (ms: number | null) => (ms === null ? null : Math.round((ms / 3_600_000) * 100) / 100);
const p = (x: number | null) => (x === null ? null : Math.round(x * 10_000) / 100);

/** The metrics as CSV: this period, the previous one, then week by week; the definitions at the end. */
export async function exportInsightsCsv(actor: Actor | null, raw: unknown, meta: RequestMeta | null): Promise<CsvExport> {
  assertCan(actor, 'release.read');
  // an unknown team, component or environment in a download link is dropped, as on the page
  const m = await getInsightsPage(actor, raw);
  const scope = [m.environments.join('; '), m.filters.team ?? '', m.filters.component ?? ''];
  const summary = (label: string, from: string, to: string, x: DoraFigures) => [
    label,
    from,
    to,
    x.deployments,
    Math.round(x.deploymentFrequency * 100) / 100,
    h(x.leadTimeMedianMs),
    h(x.leadTimeP90Ms),
    x.finished,
    x.failures,
    p(x.changeFailureRate),
    x.restored,
    x.notRestored,
    h(x.timeToRestoreMedianMs),
    h(x.approvalWaitMedianMs),
    x.withWindow,
    x.keptToWindow,
    p(x.scheduleAdherence),
    ...scope,
  ];
  const parts = [CSV_BOM, csvLine(INSIGHTS_CSV_HEADER)];
  parts.push(csvLine(summary('period', m.period.from, m.period.to, m.current)));
  parts.push(csvLine(summary('previous period', m.previousPeriod.from, m.previousPeriod.to, m.previous)));
  for (const w of m.weekly) {
    const end = new Date(Math.min(Date.parse(`${w.week}T00:00:00Z`) + 6 * 86_400_000, Date.parse(`${m.period.to}T00:00:00Z`)));
    parts.push(
      csvLine([
        'week',
        w.week,
        dayText(end),
        w.deployments,
        null,
        w.leadTimeHours,
        null,
        null,
        null,
        w.changeFailureRate,
        null,
        null,
        w.timeToRestoreHours,
        w.approvalWaitHours,
        null,
        null,
        w.scheduleAdherence,
        ...scope,
      ]),
    );
  }
  for (const key of DORA_KEYS) parts.push(csvLine([`definition: ${DORA_DEFINITIONS[key].title}`, DORA_DEFINITIONS[key].definition]));
  const rows = 2 + m.weekly.length;
  const prisma = await db();
  await prisma.$transaction(async (tx) => {
    await appendAudit(tx, actor, meta, {
      action: 'insights.export',
      targetType: 'DeliveryMetrics',
      targetId: null,
      after: {
        filters: Object.fromEntries(Object.entries({ from: m.period.from, to: m.period.to, ...m.filters }).filter(([, v]) => v !== null && v !== undefined)),
        rows,
      },
    });
  });
  return { filename: csvFileName('delivery-metrics', clockNow()), body: parts.join(''), rows, truncated: false };
}
