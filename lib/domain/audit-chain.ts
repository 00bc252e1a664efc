import { createHash, createHmac } from 'node:crypto';

// Audit events are chained: each event's hash covers its own content and the
// previous event's hash. Editing, deleting or reordering any event breaks the
// chain from that point on; the chain head (last seq and hash, kept apart) shows
// when events were cut off the end.
//
// Events are sealed with HMAC-SHA256 under the audit key (RELM_AUDIT_KEY, held outside
// the database), so someone who can write to the database cannot compute a valid hash
// for a forged or rewritten event. Events written before Relm had a key carry no key id
// and hash with plain SHA-256; once the chain is keyed it never goes back
// (docs/decisions/038-audit-key-checkpoints-and-database-roles.md).
//
// Since decision 062 (docs/decisions/062-audit-chain-sealed-by-a-sequencer.md) a writer no
// longer links its event into the chain: it stores the event with an identity `seq` from a
// database sequence and an entry MAC (HMAC under the audit key over the content and that seq),
// and a sequencer later seals committed events into the chain in order, giving each its chain
// position (`chainSeq`), previous hash and hash. The hash is computed as before, with the chain
// position as "seq" and the entry MAC as part of the content, so events sealed before 062
// (no entry MAC, chainSeq = seq) keep their hashes.

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditContent {
  seq: bigint | number | string;
  at: Date | string;
  actorId: string | null;
  actorLabel: string;
  actorType: string;
  action: string;
  targetType: string;
  targetId: string | null;
  releaseId: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
  ip: string | null;
  /** the caller's x-request-id; hashed only when present, so older events hash as before */
  clientRequestId?: string | null;
  /** the id of the audit key that sealed the event (HMAC-SHA256); null: an event from before the key (SHA-256) */
  keyId?: string | null;
  /** the writer's MAC over the event (entryMac): hashed only when present, so events from before 062 hash as before */
  entryMac?: string | null;
}

/** The secret that seals events, and its public id (stored on each event it sealed). */
export interface AuditKey {
  id: string;
  secret: string;
}

/** A key's id: derived from the secret, so it names the key without revealing it. */
export function auditKeyId(secret: string): string {
  return `k-${createHash('sha256').update('relm-audit-key\n').update(secret).digest('hex').slice(0, 16)}`;
}

export function auditKey(secret: string): AuditKey {
  return { id: auditKeyId(secret), secret };
}

/** JSON with object keys sorted, so equal data always hashes equally. */
export function canonicalJson(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (typeof value === 'bigint') return JSON.stringify(value.toString());
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v)).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  if (typeof value === 'number' && !Number.isFinite(value)) return 'null';
  return JSON.stringify(value);
}

/** Plain JSON (what the database's json column gives back) for before/after. */
export function toJsonValue(value: unknown): unknown {
  if (value === undefined) return null;
  return JSON.parse(canonicalJson(value));
}

/**
 * The event's hash: HMAC-SHA256 under `key` when the event names a key id (which must be
 * `key`'s), else plain SHA-256 (events from before the audit key).
 */
export function hashEvent(prevHash: string, e: AuditContent, key?: AuditKey | null): string {
  const body = eventBody(e, true);
  if (e.keyId) {
    if (!key || key.id !== e.keyId) throw new Error(`audit key ${e.keyId} is not available`);
    return createHmac('sha256', key.secret).update(prevHash).update('\n').update(body).digest('hex');
  }
  return createHash('sha256').update(prevHash).update('\n').update(body).digest('hex');
}

function eventBody(e: AuditContent, withEntryMac: boolean): string {
  return canonicalJson({
    seq: String(e.seq),
    at: new Date(e.at).toISOString(),
    actorId: e.actorId,
    actorLabel: e.actorLabel,
    actorType: e.actorType,
    action: e.action,
    targetType: e.targetType,
    targetId: e.targetId,
    releaseId: e.releaseId,
    before: e.before ?? null,
    after: e.after ?? null,
    requestId: e.requestId,
    ip: e.ip,
    clientRequestId: e.clientRequestId ?? undefined,
    keyId: e.keyId ?? undefined,
    entryMac: withEntryMac ? (e.entryMac ?? undefined) : undefined,
  });
}

/**
 * The writer's seal on an event not yet in the chain: HMAC-SHA256 under the audit key over
 * its content with `seq` its identity (from the database sequence). Without the key nobody
 * can alter, copy (a copy needs another seq) or forge an event while it waits for the sequencer.
 */
export function entryMac(e: AuditContent, key: AuditKey): string {
  return createHmac('sha256', key.secret).update('relm-audit-entry\n').update(eventBody(e, false)).digest('hex');
}

/** An event waiting for the sequencer, as stored: its identity seq, content and entry MAC. */
export interface PendingEvent extends AuditContent {
  entryMac: string | null;
}

/**
 * Whether an event not yet sealed into the chain is as its writer stored it: it must carry an
 * entry MAC under this Relm's audit key that matches its content. `seq`: its identity.
 */
export function checkPendingEvent(e: PendingEvent, key?: AuditKey | null): ChainProblem | undefined {
  const seq = String(e.seq);
  if (!e.entryMac || !e.keyId) {
    return {
      kind: 'unsealed-forged',
      seq,
      message: `Event #${seq}, not yet sealed into the chain, carries no entry seal: it was written by someone without the audit key.`,
    };
  }
  if (!key || e.keyId !== key.id) {
    return {
      kind: 'unknown-key',
      seq,
      message: `Event #${seq}, not yet sealed into the chain, names audit key ${e.keyId}, but this Relm's audit key is ${key ? key.id : 'not set'}.`,
    };
  }
  if (entryMac(e, key) !== e.entryMac) {
    return {
      kind: 'unsealed-forged',
      seq,
      message: `Event #${seq}, not yet sealed into the chain, was changed after it was written (its entry seal does not match its content).`,
    };
  }
  return undefined;
}

export interface StoredEvent extends AuditContent {
  /** the chain position (the database's chainSeq) */
  seq: bigint | number | string;
  prevHash: string;
  hash: string;
  /** the event's identity (the database's seq) when it differs from its chain position: bound by entryMac */
  entrySeq?: bigint | number | string;
}

export type ChainProblem =
  | { kind: 'gap'; seq: string; expectedSeq: string; message: string }
  | { kind: 'broken-link'; seq: string; message: string }
  | { kind: 'tampered'; seq: string; message: string }
  | { kind: 'head-mismatch'; seq: string; message: string }
  | { kind: 'unkeyed'; seq: string; message: string }
  | { kind: 'unknown-key'; seq: string; message: string }
  | { kind: 'checkpoint'; seq: string; message: string }
  /** an event waiting for the sequencer whose entry seal is missing or does not match (seq: its identity) */
  | { kind: 'unsealed-forged'; seq: string; message: string }
  /** an event left unsealed far longer than the sequencer takes (seq: its identity) */
  | { kind: 'unsealed-stale'; seq: string; message: string };

export interface ChainVerifier {
  /** feed events in seq order; returns the first problem seen, if any */
  push(e: StoredEvent): ChainProblem | undefined;
  finish(head: { seq: bigint | number | string; hash: string }): ChainProblem | undefined;
  readonly checked: number;
  /** the first keyed event seen, if any */
  readonly keyedFrom: string | null;
}

/**
 * Walks the chain incrementally, so hundreds of thousands of events stream through in pages.
 * `key`: the audit key; keyed events are checked with it, and after the first keyed event
 * an unkeyed one is refused (someone without the key wrote it).
 */
export function chainVerifier(key?: AuditKey | null): ChainVerifier {
  let prevHash = GENESIS_HASH;
  let expected = 1n;
  let checked = 0;
  let keyedFrom: string | null = null;
  return {
    get checked() {
      return checked;
    },
    get keyedFrom() {
      return keyedFrom;
    },
    push(e) {
      const seq = BigInt(e.seq);
      if (seq !== expected) {
        return {
          kind: 'gap',
          seq: String(seq),
          expectedSeq: String(expected),
          message:
            seq > expected
              ? `Event ${expected} is missing (found ${seq} next): events were deleted.`
              : `Event ${seq} appears out of order after ${expected - 1n}.`,
        };
      }
      if (e.prevHash !== prevHash) {
        return {
          kind: 'broken-link',
          seq: String(seq),
          message: `Event ${seq} does not follow the event before it (its previous-hash does not match): events were removed, inserted or reordered.`,
        };
      }
      if (!e.keyId && keyedFrom !== null) {
        return {
          kind: 'unkeyed',
          seq: String(seq),
          message: `Event ${seq} is not sealed with the audit key although the events from ${keyedFrom} on are: it was written or rewritten by someone without the key.`,
        };
      }
      if (e.keyId && (!key || e.keyId !== key.id)) {
        return {
          kind: 'unknown-key',
          seq: String(seq),
          message: `Event ${seq} names audit key ${e.keyId}, but this Relm's audit key is ${key ? key.id : 'not set'}: it was forged, or Relm runs with another RELM_AUDIT_KEY than the one that wrote it.`,
        };
      }
      const actual = hashEvent(prevHash, e, key);
      if (actual !== e.hash) {
        return { kind: 'tampered', seq: String(seq), message: `Event ${seq} was changed after it was written (its hash does not match its content).` };
      }
      // the identity seq is bound by the entry MAC; events from before 062 have none, and theirs is their position
      const entrySeq = e.entrySeq === undefined ? seq : BigInt(e.entrySeq);
      if (e.entryMac ? !key || entryMac({ ...e, seq: entrySeq }, key) !== e.entryMac : entrySeq !== seq) {
        return {
          kind: 'tampered',
          seq: String(seq),
          message: `Event ${seq} was changed after it was written (its identity #${entrySeq} or entry seal does not match its content).`,
        };
      }
      if (e.keyId && keyedFrom === null) keyedFrom = String(seq);
      prevHash = e.hash;
      expected = seq + 1n;
      checked++;
      return undefined;
    },
    finish(head) {
      const headSeq = BigInt(head.seq);
      if (headSeq !== expected - 1n || head.hash !== prevHash) {
        return {
          kind: 'head-mismatch',
          seq: String(headSeq),
          message: `The chain ends at event ${expected - 1n} but the recorded head is event ${headSeq}: the newest events were removed or the head was altered.`,
        };
      }
      return undefined;
    },
  };
}
