import 'server-only';
import {
  auditKey,
  chainVerifier,
  checkPendingEvent,
  entryMac,
  GENESIS_HASH,
  hashEvent,
  toJsonValue,
  type AuditKey,
  type ChainProblem,
} from '@/lib/domain/audit-chain';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import { afterCommit } from './after-commit';
import { log } from './log';
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

type AuditActor = Pick<Actor, 'id' | 'label' | 'type'> | { id: null; label: string; type: 'anonymous' };

/** An audit event to write: who, what, and when (the time it happened, which may precede the write). */
export interface PendingAudit {
  actor: AuditActor;
  event: AuditInput;
  at: Date;
}

/**
 * Writes one audit event inside the caller's transaction (or on its own, given the client),
 * without waiting for anyone: its identity `seq` comes from a database sequence and it carries
 * its entry MAC (HMAC under the audit key over its content and seq), so it is tamper-evident
 * from the moment it commits. It commits or rolls back with the change it records; the
 * sequencer (sealAuditChain) links it into the hash chain once committed
 * (docs/decisions/062-audit-chain-sealed-by-a-sequencer.md). Returns the event's seq.
 */
export async function appendAudit(tx: Tx | PrismaClient, actor: AuditActor, meta: RequestMeta | null, e: AuditInput): Promise<bigint> {
  const [seq] = await appendAudits(tx, meta, [{ actor, event: e, at: now() }]);
  return seq!;
}

/**
 * Writes several audit events, in the order given, in two statements whatever their number:
 * one takes their seqs from the sequence, one inserts them all. A mutation gathers its events
 * and writes them so when it is done (lib/server/action.ts), with the API token's use that
 * caused it: each statement costs CPU on the write path (issue 17, decision 062). Returns the
 * events' seqs, ascending.
 */
export async function appendAudits(
  tx: Tx | PrismaClient,
  meta: RequestMeta | null,
  events: readonly PendingAudit[],
  opts: { /** the audit key; default the configured one */ key?: AuditKey } = {},
): Promise<bigint[]> {
  if (!events.length) return [];
  const sealKey = opts.key ?? currentAuditKey();
  const taken = await tx.$queryRaw<{ seq: bigint }[]>`SELECT nextval('"AuditEvent_seq_seq"') AS "seq" FROM generate_series(1, ${events.length}::int)`;
  if (taken.length !== events.length) throw new Error('the audit event sequence is missing (migrations not applied?)');
  const seqs = taken.map((r) => BigInt(r.seq)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const rows = events.map(({ actor, event: e, at }, i) => {
    const content = {
      seq: seqs[i]!,
      at,
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
    return { ...content, entryMac: entryMac(content, sealKey) };
  });
  // one statement of column arrays, in SQL: Prisma compiles a createMany afresh for each
  // shape of its rows, and that was a tenth of a write's CPU (issue 17, decision 062)
  const col = <T>(f: (r: (typeof rows)[number]) => T) => rows.map(f);
  const json = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v));
  await tx.$executeRaw`
    INSERT INTO "AuditEvent" ("seq", "at", "actorId", "actorLabel", "actorType", "action", "targetType", "targetId", "releaseId",
                              "before", "after", "requestId", "ip", "entryMac", "clientRequestId", "keyId")
    SELECT * FROM unnest(
      ${col((r) => String(r.seq))}::text[]::bigint[], ${col((r) => r.at.toISOString())}::text[]::timestamptz[],
      ${col((r) => r.actorId)}::text[], ${col((r) => r.actorLabel)}::text[], ${col((r) => r.actorType)}::text[],
      ${col((r) => r.action)}::text[], ${col((r) => r.targetType)}::text[], ${col((r) => r.targetId)}::text[],
      ${col((r) => r.releaseId)}::text[], ${col((r) => json(r.before))}::text[]::jsonb[], ${col((r) => json(r.after))}::text[]::jsonb[],
      ${col((r) => r.requestId)}::text[], ${col((r) => r.ip)}::text[], ${col((r) => r.entryMac)}::text[],
      ${col((r) => r.clientRequestId)}::text[], ${col((r) => r.keyId)}::text[])`;
  // where this process runs the sequencer, it seals the events right after the commit (at once
  // when they were written outside a transaction: they have committed already)
  if (isClient(tx)) nudgeSequencer();
  else afterCommit(tx, nudgeSequencer);
  return seqs;
}

// ---------------------------------------------------------------- the sequencer

/** Events sealed per transaction. */
const SEAL_BATCH = 1000;

export interface SealResult {
  /** events sealed into the chain */
  sealed: number;
  /** the chain position of the head afterwards */
  headSeq: bigint;
  /** events left unsealed because their entry MAC does not hold (they stay, and verification names them) */
  refused: ChainProblem[];
  /** why nothing was sealed although events wait: the head is not the chain's end */
  stuck?: string;
}

type SealClient = PrismaClient | Tx;
// a transaction's client has $transaction too (it throws): $connect tells the two apart
const isClient = (p: SealClient): p is PrismaClient => typeof (p as PrismaClient).$connect === 'function';

/**
 * Seals the committed events that wait into the chain, oldest seq first: each gets the next
 * chain position, the previous event's hash and its own hash (hashEvent, as before 062). Only
 * this takes the chain head's lock, so sealers in several processes take turns and the chain
 * never forks; writers never wait for it. An event whose entry MAC does not hold is not sealed
 * (that would launder a forgery into the chain): it stays unsealed and verification names it.
 * Given a transaction, seals inside it; given the client, in transactions of its own (one per
 * batch). Also what tests and `relm audit verify` call to have every committed event sealed.
 */
export async function sealAuditChain(
  prisma: SealClient,
  opts: { key?: AuditKey; batchSize?: number; /** an event is known to wait: skip the look before the first batch */ waiting?: boolean } = {},
): Promise<SealResult> {
  const key = opts.key ?? currentAuditKey();
  const batchSize = opts.batchSize ?? SEAL_BATCH;
  const total: SealResult = { sealed: 0, headSeq: 0n, refused: [] };
  let known = opts.waiting === true;
  for (;;) {
    // nothing waits (the usual case for a timer): no transaction, no lock
    const waiting = known || (await prisma.auditEvent.findFirst({ where: { chainSeq: null }, select: { seq: true } }));
    known = false;
    if (!waiting) {
      if (total.sealed === 0) total.headSeq = BigInt((await prisma.auditChainHead.findUnique({ where: { id: 1 } }))?.seq ?? 0);
      return total;
    }
    const batch = isClient(prisma) ? await prisma.$transaction((tx) => sealBatch(tx, key, batchSize)) : await sealBatch(prisma, key, batchSize);
    total.sealed += batch.sealed;
    total.headSeq = batch.headSeq;
    total.refused = batch.refused;
    total.stuck = batch.stuck;
    // a short batch: everything that had committed is sealed
    if (batch.stuck || batch.read < batchSize) return total;
  }
}

async function sealBatch(tx: Tx, key: AuditKey, batchSize: number): Promise<SealResult & { read: number }> {
  const [head] = await tx.$queryRaw<{ seq: bigint; hash: string }[]>`SELECT "seq", "hash" FROM "AuditChainHead" WHERE "id" = 1 FOR UPDATE`;
  if (!head) throw new Error('audit chain head is missing (migrations not applied?)');
  let position = BigInt(head.seq);
  // the head must be the chain's end, or a sealed event would hang off the wrong link
  const [end] = await tx.$queryRaw<{ atHead: string | null; beyond: boolean }[]>`
    SELECT (SELECT "hash" FROM "AuditEvent" WHERE "chainSeq" = ${position}) AS "atHead",
           EXISTS (SELECT 1 FROM "AuditEvent" WHERE "chainSeq" = ${position + 1n}) AS "beyond"`;
  if (end?.beyond || (position > 0n ? end?.atHead !== head.hash : head.hash !== GENESIS_HASH)) {
    const stuck = `the chain head (seq ${position}) is not the end of the sealed chain: nothing is sealed until the chain is repaired (run relm audit verify)`;
    warnOnce(stuck);
    return { sealed: 0, headSeq: position, refused: [], stuck, read: 0 };
  }
  const rows = await tx.auditEvent.findMany({ where: { chainSeq: null }, orderBy: { seq: 'asc' }, take: batchSize });
  const refused: ChainProblem[] = [];
  const seqs: string[] = [];
  const positions: string[] = [];
  const prevs: string[] = [];
  const hashes: string[] = [];
  let prev = head.hash;
  for (const e of rows) {
    const problem = checkPendingEvent(e, key);
    if (problem) {
      refused.push(problem);
      warnOnce(`not sealing audit event #${e.seq}: ${problem.message}`);
      continue;
    }
    position += 1n;
    const hash = hashEvent(prev, { ...e, seq: position }, key);
    seqs.push(String(e.seq));
    positions.push(String(position));
    prevs.push(prev);
    hashes.push(hash);
    prev = hash;
  }
  if (seqs.length) {
    // two statements: the head's trigger checks the hash it is moved to against the events, and
    // a statement does not see its own CTE's changes
    const updated = await tx.$executeRaw`
      UPDATE "AuditEvent" AS a SET "chainSeq" = v.c, "prevHash" = v.p, "hash" = v.h
        FROM unnest(${seqs}::text[]::bigint[], ${positions}::text[]::bigint[], ${prevs}::text[], ${hashes}::text[]) AS v(s, c, p, h)
       WHERE a."seq" = v.s AND a."chainSeq" IS NULL`;
    if (updated !== seqs.length) throw new Error(`sealing the audit chain: ${updated} of ${seqs.length} events updated`);
    await tx.$executeRaw`UPDATE "AuditChainHead" SET "seq" = ${position}, "hash" = ${prev} WHERE "id" = 1`;
  }
  return { sealed: seqs.length, headSeq: position, refused, read: rows.length };
}

const warned = new Set<string>();
function warnOnce(message: string) {
  if (warned.has(message)) return;
  if (warned.size > 1000) warned.clear();
  warned.add(message);
  log().warn(`audit sequencer: ${message}`);
}

/**
 * Seals soon, once per burst: while a seal runs, every call made meanwhile shares the one seal
 * that starts after it (an event committed during a seal may have been missed by it). Per client.
 */
const sealers = new WeakMap<object, { running?: Promise<unknown>; queued?: Promise<unknown> }>();
export function sealSoon(prisma: PrismaClient, opts: { waiting?: boolean } = {}): Promise<unknown> {
  let s = sealers.get(prisma);
  if (!s) sealers.set(prisma, (s = {}));
  const state = s;
  if (state.queued) return state.queued;
  const start = (): Promise<unknown> => {
    const run = sealAuditChain(prisma, opts).finally(() => {
      if (state.running === run) state.running = undefined;
    });
    state.running = run;
    return run;
  };
  if (state.running) {
    state.queued = state.running
      .catch(() => undefined)
      .then(() => {
        state.queued = undefined;
        return start();
      });
    return state.queued;
  }
  return start();
}

/** How often the running sequencer seals what other processes (and writes outside a mutation) committed. */
export const SEAL_EVERY_MS = 1000;

const sequencer: { handle?: DbHandle; timer?: ReturnType<typeof setInterval>; nudged?: ReturnType<typeof setTimeout> } =
  ((globalThis as Record<string, unknown>).__relmAuditSequencer as typeof sequencer | undefined) ?? {};
(globalThis as Record<string, unknown>).__relmAuditSequencer = sequencer;

function sealQuietly(handle: DbHandle, opts: { waiting?: boolean } = {}) {
  return sealSoon(handle.prisma, opts).catch((err: unknown) => warnOnce(`sealing failed: ${err instanceof Error ? err.message : String(err)}`));
}

/**
 * Runs the sequencer in this process (a server process starts it, lib/server/jobs/runtime.ts):
 * it seals right after each commit that wrote an event here, and every SEAL_EVERY_MS whatever
 * any process committed. Every server process runs one; they take turns on the head's lock.
 */
export function startAuditSequencer(handle: DbHandle): void {
  if (sequencer.timer) return;
  sequencer.handle = handle;
  sequencer.timer = setInterval(() => void sealQuietly(handle), SEAL_EVERY_MS);
  sequencer.timer.unref?.();
  void sealQuietly(handle);
}

export async function stopAuditSequencer(): Promise<void> {
  const handle = sequencer.handle;
  if (sequencer.timer) clearInterval(sequencer.timer);
  if (sequencer.nudged) clearTimeout(sequencer.nudged);
  sequencer.timer = undefined;
  sequencer.nudged = undefined;
  sequencer.handle = undefined;
  // what is being sealed finishes before the database closes
  if (handle) await sealers.get(handle.prisma)?.running?.catch(() => undefined);
}

/** Waits for the seal this process's sequencer is running, if any (starts none). */
export async function sequencerSettled(): Promise<void> {
  const handle = sequencer.handle;
  if (handle) await sealers.get(handle.prisma)?.running?.catch(() => undefined);
}

/**
 * After a commit that wrote an audit event, where this process runs the sequencer: seal it
 * shortly. The wait gathers the commits of a busy moment into one seal (one lock, one batch)
 * instead of a seal per write: at most ten seals a second however many writes, each of a
 * handful of statements, so sealing costs a write a fraction of a statement (it was two at a
 * 20 ms wait). An event waits a tenth of a second for its link, well inside the second that
 * decision 062 documents.
 */
export const SEAL_AFTER_COMMIT_MS = 100;
function nudgeSequencer(): void {
  const handle = sequencer.handle;
  if (!handle || sequencer.nudged) return;
  sequencer.nudged = setTimeout(() => {
    sequencer.nudged = undefined;
    // an event committed: a look before the first batch would only find it
    void sealQuietly(handle, { waiting: true });
  }, SEAL_AFTER_COMMIT_MS);
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
  /** events written but not sealed into the chain yet (each checked against its entry MAC) */
  unsealed?: number;
}

export interface VerifyOptions {
  pageSize?: number;
  /** the audit key; default the configured one */
  key?: AuditKey;
  /** a checkpoint file to hold the chain against (its signatures are checked too) */
  checkpointFile?: string;
  /** seal the committed events that wait before walking the chain (default true) */
  seal?: boolean;
}

/** An event the sequencer has not sealed this long after it was written is reported (the sequencer seals within about a second). */
export const UNSEALED_STALE_MS = 60_000;

/**
 * Seals what waits (sealAuditChain), then walks the whole chain in chain order, in pages, and
 * names the first broken link: an event changed, removed, inserted or not sealed with the
 * audit key, a head that is not the chain's end, and, with a checkpoint file, a checkpoint the
 * chain no longer reaches or no longer agrees with. Then the events still waiting for the
 * sequencer: each must hold its entry MAC and be younger than UNSEALED_STALE_MS.
 */
export async function verifyChain(prisma: SealClient, opts: VerifyOptions = {}): Promise<ChainVerification> {
  const pageSize = opts.pageSize ?? 2000;
  const key = opts.key ?? currentAuditKey();
  // measured from the start: a long walk (inside the audit page's transaction, which holds the
  // head once it has sealed) must not make the events written meanwhile look left behind
  const staleBefore = now().getTime() - UNSEALED_STALE_MS;
  if (opts.seal !== false) {
    if (isClient(prisma)) {
      // a seal that fails does not stop the verification: what it could not seal is reported below
      await sealAuditChain(prisma).catch((err: unknown) => warnOnce(`sealing before verification failed: ${err instanceof Error ? err.message : String(err)}`));
    } else await sealAuditChain(prisma);
  }
  const reading = opts.checkpointFile ? readCheckpointsOrSay(opts.checkpointFile) : null;
  const checkpoints = reading?.checkpoints ?? [];
  const wanted = new Set(checkpoints.map((c) => c.seq));
  const hashAt = new Map<string, string>();
  const head = await prisma.auditChainHead.findUnique({ where: { id: 1 } });
  const verifier = chainVerifier(key);
  let cursor: bigint | undefined;
  let chainProblem: ChainProblem | undefined;
  let lastSeq = 0n;
  let lastHash = GENESIS_HASH;
  walk: for (;;) {
    const page = await prisma.auditEvent.findMany({
      where: cursor === undefined ? { chainSeq: { not: null } } : { chainSeq: { gt: cursor } },
      orderBy: { chainSeq: 'asc' },
      take: pageSize,
    });
    for (const e of page) {
      const position = e.chainSeq!;
      chainProblem = verifier.push({ ...e, seq: position, entrySeq: e.seq, prevHash: e.prevHash ?? '', hash: e.hash ?? '' });
      if (chainProblem) break walk;
      lastSeq = position;
      lastHash = e.hash!;
      if (wanted.has(String(position))) hashAt.set(String(position), e.hash!);
    }
    if (page.length < pageSize) break;
    cursor = page[page.length - 1]!.chainSeq!;
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

  // the events waiting for the sequencer: as written (entry MAC), and not left behind
  let unsealed = 0;
  let unsealedProblem: ChainProblem | undefined;
  let after: bigint | undefined;
  for (;;) {
    const page = await prisma.auditEvent.findMany({
      where: after === undefined ? { chainSeq: null } : { chainSeq: null, seq: { gt: after } },
      orderBy: { seq: 'asc' },
      take: pageSize,
    });
    for (const e of page) {
      unsealed++;
      unsealedProblem ??=
        checkPendingEvent(e, key) ??
        (e.at.getTime() < staleBefore
          ? {
              kind: 'unsealed-stale',
              seq: String(e.seq),
              message: `Event #${e.seq} was written at ${e.at.toISOString()} and is still not sealed into the chain: the sequencer is not running or cannot seal (see the server log).`,
            }
          : undefined);
    }
    if (page.length < pageSize) break;
    after = page[page.length - 1]!.seq;
  }

  // the first broken link: the lower seq of the two (the chain's own, when they meet); then the unsealed events
  const problem =
    (chainProblem && checkpointProblem
      ? BigInt(checkpointProblem.seq) < BigInt(chainProblem.seq)
        ? checkpointProblem
        : chainProblem
      : (chainProblem ?? checkpointProblem)) ?? unsealedProblem;
  const last = checkpoints[checkpoints.length - 1];
  return {
    ok: !problem,
    checked: verifier.checked,
    headSeq: String(head?.seq ?? 0),
    headHash: head?.hash ?? GENESIS_HASH,
    problem,
    verifiedAt: now().toISOString(),
    keyedFrom: verifier.keyedFrom,
    unsealed,
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
    // the checkpoint names the chain as far as it is sealed: seal what waits first
    await sealAuditChain(handle.prisma);
  } catch (err) {
    warnOnce(`sealing before a checkpoint failed: ${err instanceof Error ? err.message : String(err)}`);
  }
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
