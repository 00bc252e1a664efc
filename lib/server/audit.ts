import 'server-only';
import { auditKey, chainVerifier, GENESIS_HASH, hashEvent, toJsonValue, type AuditKey, type ChainProblem } from '@/lib/domain/audit-chain';
import type { Prisma } from '@/lib/generated/prisma/client';
import type { DbHandle, Tx } from './db';
import type { Actor, RequestMeta } from './actor';
import { now } from './clock';
import { auditKeySecret } from './env';
import { readCheckpoints, sendLatestCheckpoint, writeCheckpoint, type Checkpoint, type CheckpointReading } from './audit-checkpoints';

let key: { secret: string; key: AuditKey } | undefined;

/** The audit key (RELM_AUDIT_KEY or the data folder's audit-key): seals every new event. */
export function currentAuditKey(): AuditKey {
  const secret = auditKeySecret();
  if (key?.secret !== secret) key = { secret, key: auditKey(secret) };
  return key.key;
}

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
  const sealKey = currentAuditKey();
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
    keyId: sealKey.id,
  };
  const hash = hashEvent(head.hash, content, sealKey);
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

export interface CheckpointSummary {
  /** checkpoints read and checked against the chain */
  checked: number;
  file: string;
  last: { seq: string; at: string } | null;
}

export interface ChainVerification {
  ok: boolean;
  checked: number;
  headSeq: string;
  headHash?: string;
  problem?: ChainProblem;
  verifiedAt: string;
  /** the first event sealed with the audit key (earlier ones are plain SHA-256, from before the key) */
  keyedFrom?: string | null;
  checkpoints?: CheckpointSummary;
}

type EventReader = {
  auditEvent: { findMany: (args: Prisma.AuditEventFindManyArgs) => Promise<Prisma.AuditEventGetPayload<object>[]> };
  auditChainHead: { findUnique: (args: { where: { id: number } }) => Promise<{ seq: bigint; hash: string } | null> };
};

export interface VerifyOptions {
  pageSize?: number;
  /** the audit key; default the configured one */
  key?: AuditKey;
  /** a checkpoint file to hold the chain against (its signatures are checked too) */
  checkpointFile?: string;
}

/**
 * Walks the whole chain in pages and names the first broken link: an event changed, removed,
 * inserted or not sealed with the audit key, a head that is not the chain's end, and, with a
 * checkpoint file, a checkpoint the chain no longer reaches or no longer agrees with.
 */
export async function verifyChain(prisma: EventReader, opts: VerifyOptions = {}): Promise<ChainVerification> {
  const pageSize = opts.pageSize ?? 2000;
  const reading = opts.checkpointFile ? readCheckpointsOrSay(opts.checkpointFile) : null;
  const checkpoints = reading?.checkpoints ?? [];
  const wanted = new Set(checkpoints.map((c) => c.seq));
  const hashAt = new Map<string, string>();
  const head = await prisma.auditChainHead.findUnique({ where: { id: 1 } });
  const verifier = chainVerifier(opts.key ?? currentAuditKey());
  let cursor: bigint | undefined;
  let chainProblem: ChainProblem | undefined;
  let lastSeq = 0n;
  let lastHash = GENESIS_HASH;
  walk: for (;;) {
    const page = await prisma.auditEvent.findMany({
      where: cursor === undefined ? {} : { seq: { gt: cursor } },
      orderBy: { seq: 'asc' },
      take: pageSize,
    });
    for (const e of page) {
      chainProblem = verifier.push({ ...e, before: e.before, after: e.after });
      if (chainProblem) break walk;
      lastSeq = e.seq;
      lastHash = e.hash;
      if (wanted.has(String(e.seq))) hashAt.set(String(e.seq), e.hash);
    }
    if (page.length < pageSize) break;
    cursor = page[page.length - 1]!.seq;
  }
  chainProblem ??= verifier.finish(head ?? { seq: 0, hash: GENESIS_HASH });

  // the checkpoints, against the part of the chain that verified
  let checkpointProblem: ChainProblem | undefined;
  if (reading && !reading.ok) checkpointProblem = { kind: 'checkpoint', seq: reading.seq, message: reading.message };
  for (const c of checkpoints) {
    if (checkpointProblem) break;
    const problem = checkpointAgainstChain(c, hashAt.get(c.seq), { seq: lastSeq, hash: lastHash }, chainProblem);
    if (problem) checkpointProblem = problem;
  }
  // the first broken link: the lower seq of the two (the chain's own, when they meet)
  const problem =
    chainProblem && checkpointProblem
      ? BigInt(checkpointProblem.seq) < BigInt(chainProblem.seq)
        ? checkpointProblem
        : chainProblem
      : (chainProblem ?? checkpointProblem);
  const last = checkpoints[checkpoints.length - 1];
  return {
    ok: !problem,
    checked: verifier.checked,
    headSeq: String(head?.seq ?? 0),
    headHash: head?.hash ?? GENESIS_HASH,
    problem,
    verifiedAt: now().toISOString(),
    keyedFrom: verifier.keyedFrom,
    ...(opts.checkpointFile
      ? { checkpoints: { checked: checkpoints.length, file: opts.checkpointFile, last: last ? { seq: last.seq, at: last.at } : null } }
      : {}),
  };
}

/** A checkpoint file that cannot be read fails the verification (it does not throw). */
function readCheckpointsOrSay(file: string): CheckpointReading {
  try {
    return readCheckpoints(file);
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    return {
      ok: false,
      line: 0,
      seq: '0',
      message: `The checkpoint file ${file} could not be read (${why}): the chain cannot be held against it.`,
      checkpoints: [],
    };
  }
}

function checkpointAgainstChain(
  c: Checkpoint & { line: number },
  hash: string | undefined,
  end: { seq: bigint; hash: string },
  chainProblem: ChainProblem | undefined,
): ChainProblem | undefined {
  const named = `Checkpoint ${c.line} (${c.at}) names seq ${c.seq} with hash ${c.headHash.slice(0, 16)}…`;
  if (hash === undefined) {
    // past a break in the chain the events were not read: that break is the first broken link
    if (chainProblem && BigInt(c.seq) >= BigInt(chainProblem.seq)) return undefined;
    return {
      kind: 'checkpoint',
      seq: String(end.seq + 1n),
      message: `${named}, but the chain now ends at seq ${end.seq}${end.seq === 0n ? ' (it was reset to genesis)' : ` (hash ${end.hash.slice(0, 16)}…)`}: events were removed and the head moved back.`,
    };
  }
  if (hash !== c.headHash) {
    return {
      kind: 'checkpoint',
      seq: c.seq,
      message: `${named}, the database now has hash ${hash.slice(0, 16)}… there: events were removed or rewritten.`,
    };
  }
  return undefined;
}

/** The timed work's checkpoints: at most one per five minutes (each verification writes one besides). */
export const CHECKPOINT_EVERY_MS = 5 * 60_000;

/**
 * Writes a signed checkpoint of the chain head to the database's checkpoint file when the
 * head moved since this process last wrote one (and, with `minIntervalMs`, that long ago), and
 * sends the newest one to RELM_AUDIT_CHECKPOINT_URL when set. Never throws: a checkpoint that cannot be written or
 * sent is logged, and nobody's action waits for it or fails because of it.
 */
export async function checkpointAuditHead(handle: DbHandle, opts: { minIntervalMs?: number } = {}): Promise<Checkpoint | null> {
  let written: Checkpoint | null = null;
  try {
    const head = await handle.prisma.auditChainHead.findUnique({ where: { id: 1 } });
    if (head && head.seq > 0n) written = writeCheckpoint(handle.auditCheckpointFile, head, now(), opts);
  } catch (err) {
    console.warn(`[relm] could not write an audit checkpoint to ${handle.auditCheckpointFile}: ${err instanceof Error ? err.message : String(err)}`);
  }
  // the newest checkpoint (this one, or one a verification wrote) to RELM_AUDIT_CHECKPOINT_URL, when set
  await sendLatestCheckpoint(handle.auditCheckpointFile);
  return written;
}
