import 'server-only';
import { chainVerifier, hashEvent, toJsonValue, type ChainProblem } from '@/lib/domain/audit-chain';
import type { Prisma } from '@/lib/generated/prisma/client';
import type { Tx } from './db';
import type { Actor, RequestMeta } from './actor';
import { now } from './clock';

export interface AuditInput {
  action: string;
  targetType: string;
  targetId?: string | null;
  releaseId?: string | null;
  before?: unknown;
  after?: unknown;
}

/**
 * Appends one event to the hash chain inside the caller's transaction. The chain
 * head row is locked (FOR UPDATE), so concurrent writers queue here and the chain
 * never forks; the event commits or rolls back with the change it records.
 */
export async function appendAudit(
  tx: Tx,
  actor: Pick<Actor, 'id' | 'label' | 'type'> | { id: null; label: string; type: 'anonymous' },
  meta: RequestMeta | null,
  e: AuditInput,
): Promise<bigint> {
  const heads = await tx.$queryRaw<{ seq: bigint; hash: string }[]>`SELECT "seq", "hash" FROM "AuditChainHead" WHERE "id" = 1 FOR UPDATE`;
  const head = heads[0];
  if (!head) throw new Error('audit chain head is missing (migrations not applied?)');
  const seq = BigInt(head.seq) + 1n;
  const content = {
    seq,
    at: now(),
    actorId: actor.id,
    actorLabel: actor.label,
    actorType: actor.type,
    action: e.action,
    targetType: e.targetType,
    targetId: e.targetId ?? null,
    releaseId: e.releaseId ?? null,
    before: toJsonValue(e.before),
    after: toJsonValue(e.after),
    requestId: meta?.requestId ?? null,
    ip: meta?.ip ?? null,
    clientRequestId: meta?.clientRequestId ?? null,
  };
  const hash = hashEvent(head.hash, content);
  await tx.auditEvent.create({
    data: {
      ...content,
      before: (content.before ?? undefined) as Prisma.InputJsonValue | undefined,
      after: (content.after ?? undefined) as Prisma.InputJsonValue | undefined,
      prevHash: head.hash,
      hash,
    },
  });
  await tx.$executeRaw`UPDATE "AuditChainHead" SET "seq" = ${seq}, "hash" = ${hash} WHERE "id" = 1`;
  return seq;
}

export interface ChainVerification {
  ok: boolean;
  checked: number;
  headSeq: string;
  problem?: ChainProblem;
  verifiedAt: string;
}

type EventReader = {
  auditEvent: { findMany: (args: Prisma.AuditEventFindManyArgs) => Promise<Prisma.AuditEventGetPayload<object>[]> };
  auditChainHead: { findUnique: (args: { where: { id: number } }) => Promise<{ seq: bigint; hash: string } | null> };
};

/** Walks the whole chain in pages and names the first broken link. */
export async function verifyChain(prisma: EventReader, pageSize = 2000): Promise<ChainVerification> {
  const head = await prisma.auditChainHead.findUnique({ where: { id: 1 } });
  const verifier = chainVerifier();
  let cursor: bigint | undefined;
  const done = (problem?: ChainProblem): ChainVerification => ({
    ok: !problem,
    checked: verifier.checked,
    headSeq: String(head?.seq ?? 0),
    problem,
    verifiedAt: now().toISOString(),
  });
  for (;;) {
    const page = await prisma.auditEvent.findMany({
      where: cursor === undefined ? {} : { seq: { gt: cursor } },
      orderBy: { seq: 'asc' },
      take: pageSize,
    });
    for (const e of page) {
      const problem = verifier.push({ ...e, before: e.before, after: e.after });
      if (problem) return done(problem);
    }
    if (page.length < pageSize) break;
    cursor = page[page.length - 1]!.seq;
  }
  return done(verifier.finish(head ?? { seq: 0, hash: '0'.repeat(64) }));
}
