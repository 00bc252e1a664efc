import 'server-only';
import { z } from 'zod';
import { firstOf, textParam } from './releases';
import type { Prisma } from '@/lib/generated/prisma/client';
import { defineMutation } from './action';
import { assertCan } from './authz';
import { db, dbHandle } from './db';
import { verifyChain, type ChainVerification } from './audit';
import { writeCheckpoint } from './audit-checkpoints';
import type { Actor } from './actor';

// Anything may arrive from a query string: each field falls back instead of throwing.
const NO_FILTER = { action: undefined, actor: undefined, target: undefined, from: undefined, to: undefined, before: undefined };
export const AuditFilterSchema = z
  .object({
    action: textParam(80),
    actor: textParam(254),
    target: textParam(120),
    from: z.preprocess(firstOf, z.iso.date().optional()).catch(undefined),
    to: z.preprocess(firstOf, z.iso.date().optional()).catch(undefined),
    // keyset paging: events with seq below this one (newest first); must fit a bigint
    before: z
      .preprocess(
        firstOf,
        z
          .string()
          .regex(/^\d{1,19}$/)
          .optional(),
      )
      .refine((v) => v === undefined || BigInt(v) <= 9_223_372_036_854_775_807n)
      .catch(undefined),
  })
  .catch(NO_FILTER);
export type AuditFilter = z.infer<typeof AuditFilterSchema>;

export interface AuditEventDto {
  seq: string;
  at: string;
  actorLabel: string;
  actorType: string;
  action: string;
  targetType: string;
  targetId: string | null;
  releaseId: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
  /** the caller's own x-request-id, when it sent one (requestId is Relm's) */
  clientRequestId: string | null;
  ip: string | null;
  hash: string;
}

export async function listAuditEvents(actor: Actor | null, raw: unknown, pageSize = 50) {
  assertCan(actor, 'audit.read');
  const f = AuditFilterSchema.parse(raw ?? {});
  const where: Prisma.AuditEventWhereInput = {
    ...(f.action ? { action: { startsWith: f.action } } : {}),
    ...(f.actor ? { actorLabel: { contains: f.actor, mode: 'insensitive' } } : {}),
    ...(f.target ? { OR: [{ targetId: f.target }, { targetType: f.target }, { releaseId: f.target }] } : {}),
    ...(f.from || f.to
      ? {
          at: {
            ...(f.from ? { gte: new Date(`${f.from}T00:00:00Z`) } : {}),
            ...(f.to ? { lt: new Date(new Date(`${f.to}T00:00:00Z`).getTime() + 86_400_000) } : {}),
          },
        }
      : {}),
    ...(f.before ? { seq: { lt: BigInt(f.before) } } : {}),
  };
  const prisma = await db();
  const rows = await prisma.auditEvent.findMany({ where, orderBy: { seq: 'desc' }, take: pageSize + 1 });
  const events: AuditEventDto[] = rows.slice(0, pageSize).map((e) => ({
    seq: String(e.seq),
    at: e.at.toISOString(),
    actorLabel: e.actorLabel,
    actorType: e.actorType,
    action: e.action,
    targetType: e.targetType,
    targetId: e.targetId,
    releaseId: e.releaseId,
    before: e.before,
    after: e.after,
    requestId: e.requestId,
    clientRequestId: e.clientRequestId,
    ip: e.ip,
    hash: e.hash,
  }));
  const nextBefore = rows.length > pageSize ? events[events.length - 1]!.seq : null;
  // the distinct actions by a loose index scan over (action, seq): one index probe per action,
  // not a scan of the whole trail (SELECT DISTINCT reads every row)
  const actions = await prisma.$queryRaw<{ action: string }[]>`
    WITH RECURSIVE a AS (
      (SELECT "action" FROM "AuditEvent" ORDER BY "action" LIMIT 1)
      UNION ALL
      SELECT (SELECT e."action" FROM "AuditEvent" e WHERE e."action" > a."action" ORDER BY e."action" LIMIT 1) FROM a WHERE a."action" IS NOT NULL
    )
    SELECT "action" FROM a WHERE "action" IS NOT NULL LIMIT 200`;
  return { filters: f, events, nextBefore, actions: actions.map((a) => a.action) };
}

/** The most recent recorded verification, so the page shows a result without re-walking the chain. */
export async function lastVerification(actor: Actor | null): Promise<(ChainVerification & { by: string }) | null> {
  assertCan(actor, 'audit.read');
  const prisma = await db();
  const e = await prisma.auditEvent.findFirst({ where: { action: 'audit.verify' }, orderBy: { seq: 'desc' } });
  if (!e) return null;
  return { ...(e.after as unknown as ChainVerification), by: e.actorLabel };
}

/**
 * Walks the chain with the audit key and holds it against the signed checkpoints (this
 * database's checkpoint file, or `checkpointFile`: a copy kept elsewhere; the command line's
 * --checkpoints), records the result as an audit event of its own, and, when the chain
 * holds, writes a checkpoint of the head it verified.
 */
export const verifyAuditTrail = defineMutation({
  name: 'audit.verify',
  permission: 'audit.read',
  input: z.object({ checkpointFile: z.string().trim().min(1).max(4096).optional() }).passthrough(),
  async run({ tx, input, audit, noChange }) {
    const handle = await dbHandle();
    const result = await verifyChain(tx, { checkpointFile: input.checkpointFile ?? handle.auditCheckpointFile });
    if (result.ok && result.headSeq !== '0' && result.headHash) {
      try {
        writeCheckpoint(handle.auditCheckpointFile, { seq: result.headSeq, hash: result.headHash });
      } catch (err) {
        console.warn(`[relm] could not write an audit checkpoint: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    // A head moved back behind events that still exist cannot take a new event (its seq is
    // taken): the verification is then reported, not recorded, rather than failing with it.
    const beyondHead = !result.ok && (await tx.auditEvent.findFirst({ where: { seq: { gt: BigInt(result.headSeq) } }, select: { seq: true } })) !== null;
    if (beyondHead) noChange();
    else await audit({ action: 'audit.verify', targetType: 'audit_chain', after: result });
    return { ...result, recorded: !beyondHead };
  },
});
