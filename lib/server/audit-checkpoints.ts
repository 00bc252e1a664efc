import 'server-only';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { canonicalJson } from '@/lib/domain/audit-chain';
import { auditSigningKey, env } from './env';
import { now } from './clock';
import { safePost } from './channels/http';
import type { DeliveryResult } from './channels/types';

// Signed checkpoints of the audit chain head, kept outside the database
// (docs/decisions/038-audit-key-checkpoints-and-database-roles.md). Each is one JSON line
// appended to a file: {v, seq, headHash, at, keyId, sig}, sig an Ed25519 signature over the
// canonical JSON of the other fields. Someone who can rewrite the database can cut the
// chain's tail or reset it to genesis and leave a chain that is whole in itself; the
// checkpoints remember how far it reached and what its hash was there.

export interface Checkpoint {
  v: 1;
  seq: string;
  headHash: string;
  at: string;
  /** the signing key's id: derived from its public key */
  keyId: string;
  sig: string;
}

/** A signing key's id, from its public key, so a checkpoint names the key that signed it. */
export function signingKeyId(key: crypto.KeyObject): string {
  const pub = key.type === 'private' ? crypto.createPublicKey(key) : key;
  const der = pub.export({ type: 'spki', format: 'der' });
  return `e-${crypto.createHash('sha256').update(der).digest('hex').slice(0, 16)}`;
}

function signedPart(c: Omit<Checkpoint, 'sig'>): string {
  return canonicalJson({ v: c.v, seq: c.seq, headHash: c.headHash, at: c.at, keyId: c.keyId });
}

export function signCheckpoint(head: { seq: bigint | number | string; hash: string }, at: Date, key = auditSigningKey()): Checkpoint {
  const body = { v: 1 as const, seq: String(head.seq), headHash: head.hash, at: at.toISOString(), keyId: signingKeyId(key) };
  const sig = crypto.sign(null, Buffer.from(signedPart(body)), key).toString('base64');
  return { ...body, sig };
}

// the last checkpoint written to each file by this process: a head that has not moved is not
// written again; and the last one sent to RELM_AUDIT_CHECKPOINT_URL
const lastWritten = new Map<string, { seen: string; checkpoint: Checkpoint; at: number }>();
const lastSent = new Map<string, string>();

/**
 * Appends a checkpoint of `head` to `file` (flushed to disk before returning), unless the last
 * one this process wrote there names the same head, or was written less than `minIntervalMs`
 * ago. Returns the checkpoint written, if any.
 */
export function writeCheckpoint(
  file: string,
  head: { seq: bigint | number | string; hash: string },
  at: Date = now(),
  opts: { minIntervalMs?: number } = {},
): Checkpoint | null {
  const seen = `${String(head.seq)}:${head.hash}`;
  const last = lastWritten.get(file);
  if (last?.seen === seen) return null;
  if (last && opts.minIntervalMs && at.getTime() - last.at < opts.minIntervalMs) return null;
  const checkpoint = signCheckpoint(head, at);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const fd = fs.openSync(file, 'a', 0o644);
  try {
    fs.writeSync(fd, JSON.stringify(checkpoint) + '\n');
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  lastWritten.set(file, { seen, checkpoint, at: at.getTime() });
  return checkpoint;
}

/**
 * Sends the newest checkpoint this process wrote to `file` to RELM_AUDIT_CHECKPOINT_URL (a
 * JSON POST of the signed line, through the outgoing-HTTP guard), unless it was sent already.
 * One that fails is sent again next time. Never throws. Null when there is nothing to send.
 */
export async function sendLatestCheckpoint(file: string): Promise<DeliveryResult | null> {
  const url = env().RELM_AUDIT_CHECKPOINT_URL;
  const latest = lastWritten.get(file);
  if (!url || !latest || lastSent.get(file) === latest.seen) return null;
  const result = await safePost(
    url,
    JSON.stringify(latest.checkpoint),
    { 'content-type': 'application/json', 'x-relm-checkpoint-key': latest.checkpoint.keyId },
    { timeoutMs: 5_000 },
  ).catch((err: unknown): DeliveryResult => ({ ok: false, detail: err instanceof Error ? err.message : String(err) }));
  if (result.ok) lastSent.set(file, latest.seen);
  else console.warn(`[relm] could not send audit checkpoint seq ${latest.checkpoint.seq} to RELM_AUDIT_CHECKPOINT_URL: ${result.detail}`);
  return result;
}

export interface ReadCheckpoint extends Checkpoint {
  /** line number in the file, from 1 */
  line: number;
}

export type CheckpointReading =
  { ok: true; checkpoints: ReadCheckpoint[] } | { ok: false; line: number; seq: string; message: string; checkpoints: ReadCheckpoint[] };

const CheckpointShape = (v: unknown): v is Checkpoint => {
  const c = v as Partial<Checkpoint> | null;
  return (
    !!c &&
    c.v === 1 &&
    typeof c.seq === 'string' &&
    /^\d{1,19}$/.test(c.seq) &&
    typeof c.headHash === 'string' &&
    /^[0-9a-f]{64}$/.test(c.headHash) &&
    typeof c.at === 'string' &&
    !Number.isNaN(Date.parse(c.at)) &&
    typeof c.keyId === 'string' &&
    typeof c.sig === 'string'
  );
};

/**
 * Reads a checkpoint file and checks every line's signature against `publicKey` (the
 * configured signing key's). The first line that is not a checkpoint, or whose signature
 * does not hold, stops the reading: the file was edited. A missing file has no checkpoints.
 */
export function readCheckpoints(file: string, publicKey: crypto.KeyObject = crypto.createPublicKey(auditSigningKey())): CheckpointReading {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { ok: true, checkpoints: [] };
    throw err;
  }
  const keyId = signingKeyId(publicKey);
  const checkpoints: ReadCheckpoint[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!.trim();
    if (!raw) continue;
    const line = i + 1;
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      parsed = null;
    }
    if (!CheckpointShape(parsed)) {
      return { ok: false, line, seq: '0', message: `Line ${line} of the checkpoint file ${file} is not a checkpoint: the file was edited.`, checkpoints };
    }
    const c = parsed;
    const where = `Checkpoint on line ${line} of ${file} (seq ${c.seq}, ${c.at})`;
    if (c.keyId !== keyId) {
      return {
        ok: false,
        line,
        seq: c.seq,
        message: `${where} was signed by key ${c.keyId}, not by this Relm's checkpoint key ${keyId}: it was forged, or the signing key was replaced.`,
        checkpoints,
      };
    }
    let valid = false;
    try {
      valid = crypto.verify(null, Buffer.from(signedPart(c)), publicKey, Buffer.from(c.sig, 'base64'));
    } catch {
      valid = false;
    }
    if (!valid) {
      return { ok: false, line, seq: c.seq, message: `${where} does not carry a valid signature: the checkpoint file was edited.`, checkpoints };
    }
    checkpoints.push({ ...c, line });
  }
  return { ok: true, checkpoints };
}
