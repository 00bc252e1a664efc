import 'server-only';
import { z } from 'zod';
import { releaseKey } from '@/lib/domain/release-key';
import { approvalSummary, type ApprovalSummary } from './approvals';
import { assertCan } from './authz';
import { now as clockNow } from './clock';
import { db } from './db';
import { firstOf } from './releases';
import type { Actor } from './actor';
import { sayer } from './say';

const say = sayer('server-cab-agenda');

// The CAB agenda (docs/decisions/041-csv-export-and-cab-agenda.md): submitted releases with a
// CAB-only approval requirement still open, whose planned window overlaps a period of days
// (UTC), ordered by planned start; each with what the meeting needs on one printed page.

const DAY = 86_400_000;
/** A period longer than this is cut to it: an agenda is for a meeting, not a report. */
export const CAB_AGENDA_MAX_DAYS = 92;
/** At most this many releases are read for one agenda. */
export const CAB_AGENDA_MAX_RELEASES = 200;

export const CabAgendaSchema = z
  .object({
    from: z.preprocess(firstOf, z.iso.date().optional()).catch(undefined),
    to: z.preprocess(firstOf, z.iso.date().optional()).catch(undefined),
  })
  .catch({ from: undefined, to: undefined });

export interface CabAgendaItem {
  key: string;
  title: string;
  type: string;
  riskLevel: string | null;
  riskScore: number | null;
  riskFactors: { name: string; contribution: number; detail: string }[];
  owner: string;
  plannedStart: string | null;
  plannedEnd: string | null;
  timezone: string;
  components: { name: string; version: string }[];
  windows: { environment: string; start: string | null; end: string | null }[];
  backout: { expectedDurationMinutes: number; triggerCriteria: string; lastRehearsedAt: string | null; lastRehearsalResult: string | null } | null;
  openRisks: { title: string; score: number; mitigation: string }[];
  requirements: ApprovalSummary['required'];
  missing: string[];
}

export interface CabAgenda {
  from: string;
  to: string;
  /** a note when the period asked for was corrected (reversed, too long) */
  note: string | null;
  items: CabAgendaItem[];
  /** more releases matched than CAB_AGENDA_MAX_RELEASES */
  more: boolean;
}

const day = (d: Date) => d.toISOString().slice(0, 10);

export async function cabAgenda(actor: Actor | null, raw: unknown): Promise<CabAgenda> {
  assertCan(actor, 'release.read');
  const f = CabAgendaSchema.parse(raw ?? {});
  const today = new Date(`${day(clockNow())}T00:00:00Z`);
  let from = f.from ? new Date(`${f.from}T00:00:00Z`) : today;
  let to = f.to ? new Date(`${f.to}T00:00:00Z`) : new Date(from.getTime() + 6 * DAY);
  let note: string | null = null;
  if (to < from) {
    [from, to] = [to, from];
    note = say('reversed');
  }
  if ((to.getTime() - from.getTime()) / DAY + 1 > CAB_AGENDA_MAX_DAYS) {
    to = new Date(from.getTime() + (CAB_AGENDA_MAX_DAYS - 1) * DAY);
    note = say('tooLong', { days: CAB_AGENDA_MAX_DAYS, end: day(to) });
  }
  const end = new Date(to.getTime() + DAY);
  const prisma = await db();
  const rows = await prisma.release.findMany({
    where: {
      status: 'submitted',
      approvalRequirements: { some: { satisfiedAt: null } },
      plannedStart: { lt: end },
      OR: [{ plannedEnd: { gte: from } }, { plannedEnd: null, plannedStart: { gte: from } }],
    },
    orderBy: [{ plannedStart: 'asc' }, { number: 'asc' }],
    take: CAB_AGENDA_MAX_RELEASES + 1,
    select: {
      id: true,
      number: true,
      title: true,
      type: true,
      riskLevel: true,
      riskFactors: true,
      plannedStart: true,
      plannedEnd: true,
      timezone: true,
      owner: { select: { name: true } },
      environments: {
        select: { scheduledStart: true, scheduledEnd: true, environment: { select: { displayName: true, position: true } } },
      },
      package: { select: { items: { select: { component: { select: { name: true } }, build: { select: { version: true } } } } } },
      backoutPlan: { select: { expectedDurationMinutes: true, triggerCriteria: true, lastRehearsedAt: true, lastRehearsalResult: true } },
      risks: { where: { status: 'open' }, orderBy: { score: 'desc' }, select: { title: true, score: true, mitigation: true } },
    },
  });
  const more = rows.length > CAB_AGENDA_MAX_RELEASES;
  const summaries = await prisma.$transaction(async (tx) => {
    const out = new Map<string, ApprovalSummary>();
    for (const r of rows.slice(0, CAB_AGENDA_MAX_RELEASES)) out.set(r.id, await approvalSummary(tx, r.id));
    return out;
  });
  const items: CabAgendaItem[] = [];
  for (const r of rows.slice(0, CAB_AGENDA_MAX_RELEASES)) {
    const s = summaries.get(r.id)!;
    if (!s.required.some((q) => q.cabOnly && !q.satisfied)) continue;
    const rf = (r.riskFactors ?? null) as { score?: unknown; factors?: unknown } | null;
    items.push({
      key: releaseKey(r.number),
      title: r.title,
      type: r.type,
      riskLevel: r.riskLevel,
      riskScore: typeof rf?.score === 'number' ? rf.score : null,
      riskFactors: Array.isArray(rf?.factors)
        ? (rf!.factors as { name?: unknown; contribution?: unknown; detail?: unknown }[]).map((x) => ({
            name: String(x.name ?? ''),
            contribution: typeof x.contribution === 'number' ? x.contribution : 0,
            detail: String(x.detail ?? ''),
          }))
        : [],
      owner: r.owner.name,
      plannedStart: r.plannedStart?.toISOString() ?? null,
      plannedEnd: r.plannedEnd?.toISOString() ?? null,
      timezone: r.timezone,
      components: (r.package?.items ?? []).map((i) => ({ name: i.component.name, version: i.build.version })).sort((a, b) => a.name.localeCompare(b.name)),
      windows: [...r.environments]
        .sort((a, b) => a.environment.position - b.environment.position)
        .map((e) => ({ environment: e.environment.displayName, start: e.scheduledStart?.toISOString() ?? null, end: e.scheduledEnd?.toISOString() ?? null })),
      backout: r.backoutPlan
        ? {
            expectedDurationMinutes: r.backoutPlan.expectedDurationMinutes,
            triggerCriteria: r.backoutPlan.triggerCriteria,
            lastRehearsedAt: r.backoutPlan.lastRehearsedAt?.toISOString() ?? null,
            lastRehearsalResult: r.backoutPlan.lastRehearsalResult,
          }
        : null,
      openRisks: r.risks,
      requirements: s.required,
      missing: s.missing,
    });
  }
  return { from: day(from), to: day(to), note, items, more };
}
