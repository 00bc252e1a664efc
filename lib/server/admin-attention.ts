import 'server-only';
import type { ChainVerification } from './audit';
import type { Actor } from './actor';
import { assertCan } from './authz';
import { now as clockNow } from './clock';
import { db } from './db';
import { JOB_SCHEMA } from './jobs/engine';

// What needs an admin, for the admin's dashboard (docs/decisions/055-dashboards-per-role.md).
// Every read is bounded by an index and a LIMIT, never by the size of the organisation: counts
// stop at COUNT_CAP (shown as "100+"), lists at LIST_LIMIT, and the audit chain is not walked
// here (its last recorded verification and the head are read; /admin/audit verifies).

export const COUNT_CAP = 100;
const LIST_LIMIT = 5;
/** failed deliveries and failed jobs this recent are news; older ones are on /admin/jobs */
export const FAILURE_DAYS = 7;
/** a job running, or due to start, this long ago is stuck: the tick runs every minute */
export const STUCK_MINUTES = 15;
/** tokens expiring within this many days */
export const TOKEN_EXPIRY_DAYS = 14;
/** policy versions this recent are shown */
export const POLICY_DAYS = 14;
/** a verification older than this, with events since, is due again */
export const VERIFY_DUE_DAYS = 7;

/** A count that stopped at the cap: `capped` says there are more. */
export interface Capped {
  count: number;
  capped: boolean;
}

export interface AdminAttentionDto {
  failedDeliveries: Capped & { items: { id: string; channel: string; event: string; recipient: string; lastError: string | null; at: string }[] };
  /** null when the job engine's tables do not exist in this database (it never started) */
  jobs: { stuck: Capped; failed: Capped } | null;
  expiringTokens: Capped & { items: { id: string; name: string; prefix: string; expiresAt: string; user: { id: string; name: string } }[] };
  usersWithoutTeam: Capped & { items: { id: string; name: string; email: string }[] };
  audit: {
    headSeq: string;
    /** the last recorded verification, or null when the chain was never verified */
    lastVerification: { at: string; ok: boolean; verifiedSeq: string; by: string; problem: string | null; checkpointAt: string | null } | null;
    /** events written after the last verification (by their seq) */
    eventsSince: string;
    /** true when the chain needs an admin: never verified, broken at its last verification, or due again */
    due: boolean;
  };
  policyChanges: { version: number; note: string; at: string; by: string | null }[];
  /** how many of the items above ask the admin to act (the audit chain and failures, not the policy news) */
  needsYou: number;
}

const capped = (n: number): Capped => ({ count: Math.min(n, COUNT_CAP), capped: n > COUNT_CAP });

type JobCounts = { stuck: number; failed: number };

export async function getAdminAttention(actor: Actor | null, at: Date = clockNow()): Promise<AdminAttentionDto> {
  assertCan(actor, 'audit.read');
  assertCan(actor, 'user.read');
  const prisma = await db();
  const failuresSince = new Date(at.getTime() - FAILURE_DAYS * 86_400_000);
  const stuckBefore = new Date(at.getTime() - STUCK_MINUTES * 60_000);
  const tokensBy = new Date(at.getTime() + TOKEN_EXPIRY_DAYS * 86_400_000);
  const policySince = new Date(at.getTime() - POLICY_DAYS * 86_400_000);

  const failedWhere = { status: 'failed' as const, createdAt: { gte: failuresSince } };
  const tokenWhere = { revokedAt: null, expiresAt: { gt: at, lte: tokensBy }, user: { disabledAt: null } };
  const noTeamWhere = { teamId: null, disabledAt: null };

  const jobCounts = async (): Promise<JobCounts | null> => {
    const [probe] = await prisma.$queryRaw<{ present: boolean }[]>`SELECT to_regclass(${`${JOB_SCHEMA}.job`}) IS NOT NULL AS present`;
    if (!probe?.present) return null;
    // pg-boss keeps finished jobs for a while (its retention), so even these counts stop at the cap
    const [row] = await prisma.$queryRawUnsafe<{ stuck: number; failed: number }[]>(
      `SELECT
         (SELECT count(*)::int FROM (SELECT 1 FROM ${JOB_SCHEMA}.job
            WHERE (state = 'active' AND started_on < $1) OR (state IN ('created', 'retry') AND start_after < $1)
            LIMIT ${COUNT_CAP + 1}) s) AS stuck,
         (SELECT count(*)::int FROM (SELECT 1 FROM ${JOB_SCHEMA}.job
            WHERE state = 'failed' AND completed_on >= $2
            LIMIT ${COUNT_CAP + 1}) f) AS failed`,
      stuckBefore,
      failuresSince,
    );
    return { stuck: row?.stuck ?? 0, failed: row?.failed ?? 0 };
  };

  const [failedCount, failedRows, jobs, tokenCount, tokenRows, noTeamCount, noTeamRows, lastVerify, head, policies] = await Promise.all([
    prisma.delivery.count({ where: failedWhere, take: COUNT_CAP + 1 }),
    prisma.delivery.findMany({
      where: failedWhere,
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: LIST_LIMIT,
      select: { id: true, channel: true, event: true, recipient: true, lastError: true, updatedAt: true },
    }),
    jobCounts(),
    prisma.apiToken.count({ where: tokenWhere, take: COUNT_CAP + 1 }),
    prisma.apiToken.findMany({
      where: tokenWhere,
      orderBy: [{ expiresAt: 'asc' }, { id: 'asc' }],
      take: LIST_LIMIT,
      select: { id: true, name: true, prefix: true, expiresAt: true, user: { select: { id: true, name: true } } },
    }),
    prisma.user.count({ where: noTeamWhere, take: COUNT_CAP + 1 }),
    prisma.user.findMany({ where: noTeamWhere, orderBy: [{ name: 'asc' }, { id: 'asc' }], take: LIST_LIMIT, select: { id: true, name: true, email: true } }),
    // the newest verification straight off AuditEvent(action, seq)
    prisma.auditEvent.findFirst({
      where: { action: 'audit.verify' },
      orderBy: { seq: 'desc' },
      select: { seq: true, at: true, after: true, actorLabel: true },
    }),
    // the newest event by its identity, sealed into the chain or still waiting for the
    // sequencer (decision 062): what was written since the verification counts at once
    prisma.auditEvent.findFirst({ orderBy: { seq: 'desc' }, select: { seq: true } }),
    prisma.policyVersion.findMany({
      where: { createdAt: { gte: policySince } },
      orderBy: { version: 'desc' },
      take: LIST_LIMIT,
      select: { version: true, note: true, createdAt: true, createdBy: { select: { name: true } } },
    }),
  ]);

  const headSeq = head?.seq ?? 0n;
  const v = lastVerify ? (lastVerify.after as unknown as Partial<ChainVerification> | null) : null;
  const verifiedSeq = v?.headSeq && /^\d+$/.test(v.headSeq) ? BigInt(v.headSeq) : 0n;
  const lastVerification = lastVerify
    ? {
        at: lastVerify.at.toISOString(),
        ok: v?.ok === true,
        verifiedSeq: String(verifiedSeq),
        by: lastVerify.actorLabel,
        problem: v?.problem?.message ?? null,
        checkpointAt: v?.checkpoints?.last?.at ?? null,
      }
    : null;
  // events written after the verification's own event (a rolled-back write leaves a gap in the
  // sequence, so this may count one that never was: it only ever asks for a verification early)
  const eventsSince = lastVerify && headSeq > lastVerify.seq ? headSeq - lastVerify.seq : 0n;
  const stale = !!lastVerify && at.getTime() - lastVerify.at.getTime() > VERIFY_DUE_DAYS * 86_400_000 && eventsSince > 0n;
  const due = headSeq > 0n && (!lastVerification || !lastVerification.ok || stale);

  const failedDeliveries = {
    ...capped(failedCount),
    items: failedRows.map((d) => ({
      id: d.id,
      channel: d.channel,
      event: d.event,
      recipient: d.recipient,
      lastError: d.lastError,
      at: d.updatedAt.toISOString(),
    })),
  };
  const jobsDto = jobs ? { stuck: capped(jobs.stuck), failed: capped(jobs.failed) } : null;
  const expiringTokens = {
    ...capped(tokenCount),
    items: tokenRows.map((t) => ({ id: t.id, name: t.name, prefix: t.prefix, expiresAt: t.expiresAt!.toISOString(), user: t.user })),
  };
  const usersWithoutTeam = { ...capped(noTeamCount), items: noTeamRows };
  const needsYou =
    (failedDeliveries.count ? 1 : 0) +
    (jobsDto?.stuck.count ? 1 : 0) +
    (jobsDto?.failed.count ? 1 : 0) +
    (expiringTokens.count ? 1 : 0) +
    (usersWithoutTeam.count ? 1 : 0) +
    (due ? 1 : 0);

  return {
    failedDeliveries,
    jobs: jobsDto,
    expiringTokens,
    usersWithoutTeam,
    audit: { headSeq: String(headSeq), lastVerification, eventsSince: String(eventsSince), due },
    policyChanges: policies.map((p) => ({ version: p.version, note: p.note, at: p.createdAt.toISOString(), by: p.createdBy?.name ?? null })),
    needsYou,
  };
}
