import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { installDbHandle, type DbHandle } from '@/lib/server/db';
import {
  appendAudit,
  CHECKPOINT_EVERY_MS,
  checkpointAuditHead,
  currentAuditKey,
  SEAL_AFTER_COMMIT_MS,
  SEAL_EVERY_MS,
  sealAuditChain,
  sequencerSettled,
  startAuditSequencer,
  stopAuditSequencer,
  UNSEALED_STALE_MS,
  verifyChain,
} from '@/lib/server/audit';
import { advanceClock, resetClock } from '@/lib/server/clock';
import { auditKeySecret, auditSigningKey, resetAuditKeysForTests } from '@/lib/server/env';
import { defineMutation } from '@/lib/server/action';
import { log } from '@/lib/server/log';
import { conflict } from '@/lib/server/errors';
import { createTeam } from '@/lib/server/teams';
import { verifyAuditTrail } from '@/lib/server/audit-trail';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { auditKey, entryMac, GENESIS_HASH, hashEvent, type AuditKey } from '@/lib/domain/audit-chain';
import { dbHandle, openDatabase } from '@/lib/server/db';
import { runCliCommand } from '@/lib/server/cli-commands';
import type { Actor } from '@/lib/server/actor';
import { freshDatabase, onPostgres } from '../support/db';
import { testEnv } from '../support/env';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver';
import { makeUser, uid } from '../support/factories';
import { auditHead, eventsOfRequest, fingerprint } from '../support/inspect';
import { itRaces, race } from '../support/race';

let h: DbHandle;
let admin: Actor;

beforeAll(async () => {
  h = await freshDatabase();
  admin = (await makeUser(h.prisma, ['admin'])).actor;
});

afterAll(async () => {
  await h?.close();
});

const teamInput = () => {
  const id = uid();
  return { name: `Team ${id}`, slug: `team-${id}`, description: 'Owns things' };
};

// Mutations defined here only to drive the wrapper's failure paths: each writes
// a team and an audit event, then fails before the transaction can commit.
const writeThenRefuse = defineMutation({
  name: 'test.write_then_refuse',
  permission: 'team.manage',
  input: z.object({ name: z.string(), slug: z.string() }),
  async run({ tx, input, audit }) {
    const team = await tx.team.create({ data: input });
    await audit({ action: 'team.create', targetType: 'team', targetId: team.id, after: input });
    throw conflict('Refused after writing: nothing may remain.');
  },
});
const writeThenViolate = defineMutation({
  name: 'test.write_then_violate',
  permission: 'team.manage',
  input: z.object({ name: z.string(), slug: z.string() }),
  async run({ tx, input, audit }) {
    const team = await tx.team.create({ data: input });
    await audit({ action: 'team.create', targetType: 'team', targetId: team.id, after: input });
    // violates Team_slug_check inside the same transaction
    await tx.team.create({ data: { name: `${input.name} 2`, slug: 'NOT A SLUG' } });
    return team;
  },
});

describe('the audit chain', () => {
  it('links each mutation to the one before it, and verifies', async () => {
    const requestIds = [`req-${uid()}`, `req-${uid()}`, `req-${uid()}`];
    await sealAuditChain(h.prisma);
    const headBefore = await auditHead(h.prisma);
    for (const requestId of requestIds) {
      const r = await createTeam.as(admin, { requestId, ip: '192.0.2.10' })(teamInput());
      expect(r.ok).toBe(true);
    }
    // written in order, each with its entry MAC, not yet in the chain (no process here runs the sequencer)
    const written = (await Promise.all(requestIds.map((id) => eventsOfRequest(h.prisma, id)))).flat();
    expect(written).toHaveLength(3);
    expect(written[0]!.seq < written[1]!.seq && written[1]!.seq < written[2]!.seq).toBe(true);
    for (const e of written) {
      expect(e).toMatchObject({ chainSeq: null, prevHash: null, hash: null, keyId: currentAuditKey().id });
      expect(e.entryMac).toBe(entryMac(e, currentAuditKey()));
    }
    expect(await auditHead(h.prisma)).toBe(headBefore);
    // the sequencer links them, in the order they were written
    expect(await sealAuditChain(h.prisma)).toMatchObject({ sealed: 3, headSeq: headBefore + 3n, refused: [] });
    const events = (await Promise.all(requestIds.map((id) => eventsOfRequest(h.prisma, id)))).flat();
    expect(events.map((e) => e.chainSeq)).toEqual([headBefore + 1n, headBefore + 2n, headBefore + 3n]);
    expect(events.map((e) => e.seq)).toEqual(written.map((e) => e.seq));
    for (const e of events) {
      expect(e).toMatchObject({ action: 'team.create', actorId: admin.id, actorLabel: admin.label, actorType: 'user', ip: '192.0.2.10' });
      // each hash covers the previous hash, the chain position and the event's own content as stored (its entry MAC too)
      expect(e.hash).toBe(hashEvent(e.prevHash!, { ...e, seq: e.chainSeq! }, currentAuditKey()));
    }
    expect(events[1]!.prevHash).toBe(events[0]!.hash);
    expect(events[2]!.prevHash).toBe(events[1]!.hash);

    const head = await h.prisma.auditChainHead.findUniqueOrThrow({ where: { id: 1 } });
    expect(head).toMatchObject({ seq: events[2]!.seq, hash: events[2]!.hash });
    const total = await h.prisma.auditEvent.count();
    const result = await verifyChain(h.prisma);
    expect(result).toMatchObject({ ok: true, checked: total, headSeq: String(head.seq) });
    expect(result.problem).toBeUndefined();
  });

  it('writes no event and nothing else for invalid input', async () => {
    const before = await fingerprint(h.runner);
    const r = await createTeam.as(admin)({ name: 'x', slug: 'Not A Slug!' });
    expect(r).toMatchObject({ ok: false, code: 'invalid' });
    expect(await fingerprint(h.runner)).toEqual(before);
  });

  it('writes no event and nothing else when a mutation is refused after it has written', async () => {
    const input = teamInput();
    const before = await fingerprint(h.runner);
    const r = await writeThenRefuse.as(admin)(input);
    expect(r).toEqual({ ok: false, code: 'conflict', message: 'Refused after writing: nothing may remain.', fieldErrors: undefined, gates: undefined });
    expect(await fingerprint(h.runner)).toEqual(before);
    expect(await h.prisma.team.findUnique({ where: { slug: input.slug } })).toBeNull();
  });

  it('writes no event and nothing else when the database refuses a later write of the same mutation', async () => {
    const input = teamInput();
    const before = await fingerprint(h.runner);
    const logged = vi.spyOn(log(), 'error').mockImplementation(() => undefined);
    const r = await writeThenViolate.as(admin, { requestId: 'req-violate' })(input);
    // an unexpected failure: logged with the request id, reported without details
    expect(r).toMatchObject({ ok: false, code: 'error', requestId: 'req-violate' });
    expect(logged).toHaveBeenCalledWith(expect.objectContaining({ requestId: 'req-violate' }), expect.anything());
    logged.mockRestore();
    expect(await fingerprint(h.runner)).toEqual(before);
    expect((await verifyChain(h.prisma)).ok).toBe(true);
  });

  itRaces('keeps one unbroken chain under concurrent mutations', async () => {
    const headBefore = await auditHead(h.prisma);
    const inputs = Array.from({ length: 10 }, teamInput);
    const results = await race(
      h,
      inputs.map((input) => () => createTeam.as(admin)(input)),
    );
    expect(results.map((r) => r.ok)).toEqual(Array(10).fill(true));

    expect(await sealAuditChain(h.prisma)).toMatchObject({ sealed: 10, headSeq: headBefore + 10n });
    const events = await h.prisma.auditEvent.findMany({ where: { chainSeq: { gt: headBefore } }, orderBy: { chainSeq: 'asc' } });
    expect(events.map((e) => e.chainSeq)).toEqual(Array.from({ length: 10 }, (_, i) => headBefore + BigInt(i + 1)));
    const teamIds = results.map((r) => (r.ok ? r.data.id : null));
    expect(events.map((e) => e.targetId).sort()).toEqual([...teamIds].sort());
    // no fork: every event follows exactly the one before it
    const previous = await h.prisma.auditEvent.findUniqueOrThrow({ where: { chainSeq: headBefore } });
    events.forEach((e, i) => expect(e.prevHash).toBe(i === 0 ? previous.hash : events[i - 1]!.hash));

    const result = await verifyChain(h.prisma);
    expect(result).toMatchObject({ ok: true, checked: await h.prisma.auditEvent.count(), headSeq: String(headBefore + 10n) });
  });
});

describe('tampering with the audit trail', () => {
  // Each case spoils the chain, so each gets a database of its own with five events.
  let t: DbHandle;
  let seqs: bigint[];

  beforeEach(async () => {
    t = await freshDatabase();
    const actor = (await makeUser(t.prisma, ['admin'])).actor;
    for (let i = 0; i < 5; i++) {
      const r = await createTeam.as(actor)(teamInput());
      expect(r.ok).toBe(true);
    }
    seqs = (await t.prisma.auditEvent.findMany({ orderBy: { seq: 'asc' }, select: { seq: true } })).map((e) => e.seq);
    expect(seqs).toEqual([1n, 2n, 3n, 4n, 5n]);
    expect(await verifyChain(t.prisma)).toMatchObject({ ok: true, checked: 5, headSeq: '5' });
  });

  afterEach(async () => {
    await t?.close();
    installDbHandle(h);
  });

  /** Runs SQL with the append-only triggers off (events and head), as the database's owner could. */
  async function tamper(sql: string) {
    await t.runner.exec('ALTER TABLE "AuditEvent" DISABLE TRIGGER USER; ALTER TABLE "AuditChainHead" DISABLE TRIGGER USER');
    try {
      await t.runner.exec(sql);
    } finally {
      await t.runner.exec('ALTER TABLE "AuditEvent" ENABLE TRIGGER USER; ALTER TABLE "AuditChainHead" ENABLE TRIGGER USER');
    }
  }

  /** The same with no trigger firing at all for one transaction (a superuser's replica mode). */
  async function tamperAsReplica(sql: string) {
    await t.runner.exec(`BEGIN; SET LOCAL session_replication_role = replica; ${sql}; COMMIT;`);
  }

  /**
   * An event as a forger would write it: hashed after the one before, with `key` or, without one,
   * plain SHA-256 (and its entry MAC with the key, or none). In these five-event trails an event's
   * seq is its chain position.
   */
  async function forgeAfter(seq: bigint, change: Record<string, unknown>, key: AuditKey | null) {
    const prev = await t.prisma.auditEvent.findUniqueOrThrow({ where: { seq } });
    const content = { ...prev, seq: seq + 1n, chainSeq: seq + 1n, at: new Date(), keyId: key?.id ?? null, prevHash: prev.hash!, ...change };
    const forged = { ...content, entryMac: key ? entryMac(content, key) : null };
    const hash = hashEvent(prev.hash!, forged, key);
    return { ...forged, hash };
  }

  it('names the event whose content was edited', async () => {
    await tamper(`UPDATE "AuditEvent" SET "after" = jsonb_set("after", '{name}', '"Someone Else"') WHERE seq = 3`);
    const result = await verifyChain(t.prisma);
    expect(result.ok).toBe(false);
    expect(result.problem).toMatchObject({ kind: 'tampered', seq: '3' });
    expect(result.problem!.message).toMatch(/Event 3 was changed/);
    expect(result.checked).toBe(2);
  });

  it('names the event that was deleted from the middle', async () => {
    await tamper(`DELETE FROM "AuditEvent" WHERE seq = 3`);
    const result = await verifyChain(t.prisma);
    expect(result.ok).toBe(false);
    expect(result.problem).toMatchObject({ kind: 'gap', expectedSeq: '3', seq: '4' });
    expect(result.problem!.message).toMatch(/Event 3 is missing/);
  });

  it('detects two events swapped in order', async () => {
    await tamper(`
      UPDATE "AuditEvent" SET seq = 1000 WHERE seq = 2;
      UPDATE "AuditEvent" SET seq = 2 WHERE seq = 3;
      UPDATE "AuditEvent" SET seq = 3 WHERE seq = 1000;`);
    const result = await verifyChain(t.prisma);
    expect(result.ok).toBe(false);
    expect(result.problem?.seq).toBe('2');
    expect(['broken-link', 'tampered']).toContain(result.problem?.kind);
  });

  it("detects two events' contents swapped while their hashes stay in place", async () => {
    await tamper(`
      UPDATE "AuditEvent" a SET "after" = b."after", "targetId" = b."targetId"
        FROM "AuditEvent" b WHERE (a.seq, b.seq) IN ((2, 4), (4, 2));`);
    const result = await verifyChain(t.prisma);
    expect(result.ok).toBe(false);
    expect(result.problem).toMatchObject({ kind: 'tampered', seq: '2' });
  });

  it('detects the newest event removed with the head left in place', async () => {
    await tamper(`DELETE FROM "AuditEvent" WHERE seq = 5`);
    const result = await verifyChain(t.prisma);
    expect(result.ok).toBe(false);
    expect(result.problem).toMatchObject({ kind: 'head-mismatch', seq: '5' });
    expect(result.problem!.message).toMatch(/ends at event 4 but the recorded head is event 5/);
    expect(result.checked).toBe(4);
  });

  it('detects a forged event appended without moving the head', async () => {
    const forged = await forgeAfter(5n, { action: 'team.delete', before: { name: 'Payments' }, after: null }, currentAuditKey());
    await t.prisma.auditEvent.create({ data: { ...forged, before: { name: 'Payments' }, after: undefined } });
    const result = await verifyChain(t.prisma);
    expect(result.problem).toMatchObject({ kind: 'head-mismatch', seq: '5' });
  });

  it('reports the problem through the audit page’s verify action too', async () => {
    await tamper(`UPDATE "AuditEvent" SET "actorLabel" = 'nobody@test.relm' WHERE seq = 1`);
    const actor = (await makeUser(t.prisma, ['admin'])).actor;
    const r = await verifyAuditTrail.as(actor)({});
    expect(r.ok).toBe(true);
    expect(r.ok && r.data).toMatchObject({ ok: false, problem: { kind: 'tampered', seq: '1' } });
    // the genesis event's previous hash is the all-zero hash
    expect((await t.prisma.auditEvent.findUniqueOrThrow({ where: { seq: 1n } })).prevHash).toBe(GENESIS_HASH);
  });
  // ---- what a database owner could do unseen before the audit key and the checkpoints ----

  it('detects a forged event appended with a correct plain SHA-256 hash and the head moved onto it', async () => {
    const forged = await forgeAfter(5n, { action: 'team.delete', after: null }, null);
    await tamper(`INSERT INTO "AuditEvent" (seq, "chainSeq", at, "actorId", "actorLabel", "actorType", action, "targetType", "targetId", "releaseId", before, after, "requestId", ip, "prevHash", hash, "keyId")
      SELECT 6, 6, at, "actorId", "actorLabel", "actorType", 'team.delete', "targetType", "targetId", "releaseId", before, NULL, "requestId", ip, '${forged.prevHash}', '${forged.hash}', NULL
      FROM "AuditEvent" WHERE seq = 5;
      UPDATE "AuditChainHead" SET seq = 6, hash = '${forged.hash}' WHERE id = 1`);
    const result = await verifyChain(t.prisma);
    expect(result.ok).toBe(false);
    expect(result.problem).toMatchObject({ kind: 'unkeyed', seq: '6' });
    expect(result.problem!.message).toMatch(/Event 6 is not sealed with the audit key although the events from 1 on are/);
    expect(result.checked).toBe(5);
  });

  it('detects a forged event that claims the audit key but was sealed with a guessed one', async () => {
    const guessed = { ...auditKey('a-guess-at-the-key-a-guess-at-the-key'), id: currentAuditKey().id };
    const forged = await forgeAfter(5n, { action: 'team.delete' }, guessed);
    await tamperAsReplica(`INSERT INTO "AuditEvent" (seq, "chainSeq", at, "actorId", "actorLabel", "actorType", action, "targetType", "targetId", "releaseId", before, after, "requestId", ip, "prevHash", hash, "keyId", "clientRequestId", "entryMac")
      SELECT 6, 6, '${forged.at.toISOString()}', "actorId", "actorLabel", "actorType", 'team.delete', "targetType", "targetId", "releaseId", before, after, "requestId", ip, '${forged.prevHash}', '${forged.hash}', "keyId", "clientRequestId", '${forged.entryMac}'
      FROM "AuditEvent" WHERE seq = 5;
      UPDATE "AuditChainHead" SET seq = 6, hash = '${forged.hash}' WHERE id = 1`);
    expect(await t.prisma.auditEvent.count()).toBe(6);
    const result = await verifyChain(t.prisma);
    expect(result.problem).toMatchObject({ kind: 'tampered', seq: '6' });
  });

  it('detects history rewritten with the triggers off and every later hash recomputed without the key', async () => {
    // event 3 edited; 3, 4 and 5 re-hashed in order with plain SHA-256, the head moved onto the new 5
    const events = await t.prisma.auditEvent.findMany({ orderBy: { seq: 'asc' } });
    let prev = events[1]!.hash!;
    const statements: string[] = [];
    for (const e of events.slice(2)) {
      const after = e.seq === 3n ? { ...(e.after as object), name: 'Someone Else' } : e.after;
      const hash = hashEvent(prev, { ...e, after, keyId: null });
      statements.push(
        `UPDATE "AuditEvent" SET after = '${JSON.stringify(after)}'::jsonb, "keyId" = NULL, "prevHash" = '${prev}', hash = '${hash}' WHERE seq = ${e.seq}`,
      );
      prev = hash;
    }
    statements.push(`UPDATE "AuditChainHead" SET hash = '${prev}' WHERE id = 1`);
    await tamperAsReplica(statements.join(';\n'));
    const result = await verifyChain(t.prisma);
    expect(result.problem).toMatchObject({ kind: 'unkeyed', seq: '3' });
    expect(result.checked).toBe(2);
  });

  it('detects the tail cut off and the head moved back, through the signed checkpoints', async () => {
    const handle = await dbHandle();
    expect(handle).toMatchObject({ auditCheckpointFile: t.auditCheckpointFile });
    const checkpoint = await checkpointAuditHead(t);
    expect(checkpoint).toMatchObject({ seq: '5' });
    const three = await t.prisma.auditEvent.findUniqueOrThrow({ where: { seq: 3n } });
    await tamper(`DELETE FROM "AuditEvent" WHERE seq > 3; UPDATE "AuditChainHead" SET seq = 3, hash = '${three.hash}' WHERE id = 1`);
    // the chain that is left is whole in itself: only the checkpoint remembers it went further
    expect((await verifyChain(t.prisma)).ok).toBe(true);
    const result = await verifyChain(t.prisma, { checkpointFile: t.auditCheckpointFile });
    expect(result.ok).toBe(false);
    expect(result.problem).toMatchObject({ kind: 'checkpoint', seq: '4' });
    expect(result.problem!.message).toMatch(
      /^Checkpoint 1 \(.+\) names seq 5 with hash [0-9a-f]{16}…, but the chain now ends at seq 3 .*events were removed and the head moved back/,
    );
    // the command line says the same, and exits 1
    const cli = await runCliCommand(['audit', 'verify']);
    expect(cli.exitCode).toBe(1);
    expect(cli.stdout).toMatch(/^BROKEN: first broken link at seq 4 \(checkpoint\): Checkpoint 1 .* names seq 5/);
    // and against a copy kept elsewhere, when the one in the data folder was emptied too
    const copy = `${t.auditCheckpointFile}.copy`;
    fs.copyFileSync(t.auditCheckpointFile, copy);
    fs.writeFileSync(t.auditCheckpointFile, '');
    try {
      expect(await runCliCommand(['audit', 'verify'])).toMatchObject({ exitCode: 0 });
      const fromCopy = await runCliCommand(['audit', 'verify', '--checkpoints', copy]);
      expect(fromCopy.exitCode).toBe(1);
      // the verifications' own events have grown the chain past seq 5 again: the hash there is not the checkpoint's
      expect(fromCopy.stdout).toMatch(/^BROKEN: first broken link at seq 5 \(checkpoint\): .*names seq 5 .*the database now has hash [0-9a-f]{16}… there/);
    } finally {
      fs.rmSync(copy, { force: true });
    }
    expect(await runCliCommand(['audit', 'verify', '--checkpoints', '/nonexistent/checkpoints.jsonl'])).toMatchObject({
      exitCode: 2,
      stderr: expect.stringContaining('--checkpoints: there is no file /nonexistent/checkpoints.jsonl.'),
    });
  });

  it('detects the trail reset to genesis, through the signed checkpoints', async () => {
    const admin2 = (await makeUser(t.prisma, ['admin'])).actor;
    // verifying a sound trail writes a checkpoint of the head it verified
    const first = await verifyAuditTrail.as(admin2)({});
    expect(first.ok && first.data).toMatchObject({ ok: true, headSeq: '5', checkpoints: { checked: 0, last: null } });
    const lines = fs.readFileSync(t.auditCheckpointFile, 'utf8').trim().split('\n');
    expect(lines.map((l) => (JSON.parse(l) as { seq: string }).seq)).toEqual(['5']);
    await tamperAsReplica(`DELETE FROM "AuditEvent"; UPDATE "AuditChainHead" SET seq = 0, hash = '${GENESIS_HASH}' WHERE id = 1`);
    const r = await verifyAuditTrail.as(admin2)({});
    expect(r.ok && r.data).toMatchObject({ ok: false, problem: { kind: 'checkpoint', seq: '1' }, checkpoints: { checked: 1, last: { seq: '5' } } });
    expect(r.ok && r.data.problem!.message).toMatch(/names seq 5 .*the chain now ends at seq 0 \(it was reset to genesis\)/);
    // a broken trail gets no new checkpoint
    expect(fs.readFileSync(t.auditCheckpointFile, 'utf8').trim().split('\n')).toHaveLength(1);
  });

  it('detects an event rewritten under a checkpoint even by someone holding the audit key', async () => {
    await checkpointAuditHead(t);
    const forged = await forgeAfter(3n, { action: 'team.delete' }, currentAuditKey());
    // event 4 replaced by a correctly sealed forgery; 5 re-sealed after it; the head follows
    const five = await t.prisma.auditEvent.findUniqueOrThrow({ where: { seq: 5n } });
    const fiveHash = hashEvent(forged.hash, five, currentAuditKey());
    await tamper(`UPDATE "AuditEvent" a SET action = 'team.delete', at = '${forged.at.toISOString()}', "targetId" = b."targetId", before = b.before, after = b.after,
        "requestId" = b."requestId", "clientRequestId" = b."clientRequestId", ip = b.ip, hash = '${forged.hash}', "entryMac" = '${forged.entryMac}'
        FROM "AuditEvent" b WHERE a.seq = 4 AND b.seq = 3;
      UPDATE "AuditEvent" SET "prevHash" = '${forged.hash}', hash = '${fiveHash}' WHERE seq = 5;
      UPDATE "AuditChainHead" SET hash = '${fiveHash}' WHERE id = 1`);
    expect((await verifyChain(t.prisma)).ok).toBe(true);
    const result = await verifyChain(t.prisma, { checkpointFile: t.auditCheckpointFile });
    expect(result.problem).toMatchObject({ kind: 'checkpoint', seq: '5' });
    expect(result.problem!.message).toMatch(
      /names seq 5 with hash [0-9a-f]{16}…, the database now has hash [0-9a-f]{16}… there: events were removed or rewritten/,
    );
  });

  it('detects the head row moved back with its triggers off', async () => {
    const three = await t.prisma.auditEvent.findUniqueOrThrow({ where: { seq: 3n } });
    await tamper(`UPDATE "AuditChainHead" SET seq = 3, hash = '${three.hash}' WHERE id = 1`);
    const result = await verifyChain(t.prisma);
    expect(result.problem).toMatchObject({ kind: 'head-mismatch', seq: '3' });
    expect(result.problem!.message).toMatch(/ends at event 5 but the recorded head is event 3/);
    // the verify action (audit page, relm audit verify) reports it rather than failing on the
    // event it cannot append (seq 4 is taken), and says it was not recorded
    const actor = (await makeUser(t.prisma, ['admin'])).actor;
    const before = await t.prisma.auditEvent.count();
    const r = await verifyAuditTrail.as(actor)({});
    expect(r.ok && r.data).toMatchObject({ ok: false, recorded: false, problem: { kind: 'head-mismatch', seq: '3' } });
    expect(await t.prisma.auditEvent.count()).toBe(before);
  });

  it('refuses to remove the head row, move it back or point it at a hash that is no event’s', async () => {
    const three = await t.prisma.auditEvent.findUniqueOrThrow({ where: { seq: 3n } });
    const refused = async (sql: string) => {
      const err = await t.runner.exec(sql).then(
        () => null,
        (e: unknown) => e as Error,
      );
      expect(err, sql).not.toBeNull();
      return err!.message;
    };
    expect(await refused(`DELETE FROM "AuditChainHead"`)).toMatch(/cannot be removed/);
    expect(await refused(`TRUNCATE "AuditChainHead"`)).toMatch(/cannot be removed/);
    expect(await refused(`UPDATE "AuditChainHead" SET seq = 3, hash = '${three.hash}' WHERE id = 1`)).toMatch(/only moves forward/);
    expect(await refused(`UPDATE "AuditChainHead" SET seq = 6, hash = '${'a'.repeat(64)}' WHERE id = 1`)).toMatch(/must name an existing event/);
    expect(await refused(`TRUNCATE "AuditEvent" CASCADE`)).toMatch(/append-only/);
    expect(await verifyChain(t.prisma)).toMatchObject({ ok: true, headSeq: '5' });
  });

  it('writes the timed checkpoints at most once per interval, and only when the head moved', async () => {
    const actor = (await makeUser(t.prisma, ['admin'])).actor;
    try {
      expect(await checkpointAuditHead(t, { minIntervalMs: CHECKPOINT_EVERY_MS })).toMatchObject({ seq: '5' });
      expect((await createTeam.as(actor)(teamInput())).ok).toBe(true);
      expect(await checkpointAuditHead(t, { minIntervalMs: CHECKPOINT_EVERY_MS })).toBeNull();
      advanceClock(CHECKPOINT_EVERY_MS - 1000);
      expect(await checkpointAuditHead(t, { minIntervalMs: CHECKPOINT_EVERY_MS })).toBeNull();
      advanceClock(1000);
      expect(await checkpointAuditHead(t, { minIntervalMs: CHECKPOINT_EVERY_MS })).toMatchObject({ seq: '6' });
      // the head has not moved since: nothing, however long it has been
      advanceClock(CHECKPOINT_EVERY_MS * 10);
      expect(await checkpointAuditHead(t, { minIntervalMs: CHECKPOINT_EVERY_MS })).toBeNull();
      expect(fs.readFileSync(t.auditCheckpointFile, 'utf8').trim().split('\n')).toHaveLength(2);
    } finally {
      resetClock();
    }
  });

  it('detects a checkpoint line edited in the file', async () => {
    await checkpointAuditHead(t);
    const r = await createTeam.as((await makeUser(t.prisma, ['admin'])).actor)(teamInput());
    expect(r.ok).toBe(true);
    await checkpointAuditHead(t);
    const lines = fs.readFileSync(t.auditCheckpointFile, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(await verifyChain(t.prisma, { checkpointFile: t.auditCheckpointFile })).toMatchObject({ ok: true, checkpoints: { checked: 2, last: { seq: '6' } } });
    // someone moves the second checkpoint back to seq 5 (to hide a cut tail), keeping its signature
    const five = await t.prisma.auditEvent.findUniqueOrThrow({ where: { seq: 5n } });
    const edited = { ...(JSON.parse(lines[1]!) as Record<string, unknown>), seq: '5', headHash: five.hash };
    fs.writeFileSync(t.auditCheckpointFile, `${lines[0]}\n${JSON.stringify(edited)}\n`);
    const result = await verifyChain(t.prisma, { checkpointFile: t.auditCheckpointFile });
    expect(result.problem).toMatchObject({ kind: 'checkpoint', seq: '5' });
    expect(result.problem!.message).toMatch(/^Checkpoint on line 2 of .* \(seq 5, .*\) does not carry a valid signature: the checkpoint file was edited/);
    // a checkpoint file that cannot be read fails the verification, and says why
    const unreadable = await verifyChain(t.prisma, { checkpointFile: os.tmpdir() });
    expect(unreadable).toMatchObject({ ok: false, problem: { kind: 'checkpoint', seq: '0' } });
    expect(unreadable.problem!.message).toMatch(/^The checkpoint file .* could not be read \(EISDIR/);
  });
});

describe('the sequencer (decision 062)', () => {
  // each case gets its own database: some spoil it
  let d: DbHandle;
  let actor: Actor;

  beforeEach(async () => {
    d = await freshDatabase();
    actor = (await makeUser(d.prisma, ['admin'])).actor;
  });

  afterEach(async () => {
    resetClock();
    await d?.close();
    installDbHandle(h);
  });

  const writeTeams = async (n: number) => {
    for (let i = 0; i < n; i++) expect((await createTeam.as(actor)(teamInput())).ok).toBe(true);
  };

  async function tamper(sql: string) {
    await d.runner.exec('ALTER TABLE "AuditEvent" DISABLE TRIGGER USER');
    try {
      await d.runner.exec(sql);
    } finally {
      await d.runner.exec('ALTER TABLE "AuditEvent" ENABLE TRIGGER USER');
    }
  }

  it('runs in a server process: seals a mutation right after its commit, and what others wrote on its timer', async () => {
    // the sequencer's timers, moved by hand (the database's own timers stay real)
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    try {
      startAuditSequencer(d);
      await sequencerSettled();
      const sealedCount = () => d.prisma.auditEvent.count({ where: { chainSeq: { not: null } } });
      expect((await createTeam.as(actor)(teamInput())).ok).toBe(true);
      expect(await sealedCount()).toBe(0);
      await vi.advanceTimersByTimeAsync(SEAL_AFTER_COMMIT_MS);
      await sequencerSettled();
      expect(await sealedCount()).toBe(1);
      // an event written outside a mutation (as sign-in and token use write theirs), or by another process
      await d.prisma.$transaction((tx) => appendAudit(tx, actor, null, { action: 'team.note', targetType: 'team' }));
      await vi.advanceTimersByTimeAsync(SEAL_AFTER_COMMIT_MS);
      await sequencerSettled();
      expect(await sealedCount()).toBe(1);
      await vi.advanceTimersByTimeAsync(SEAL_EVERY_MS);
      await sequencerSettled();
      expect(await sealedCount()).toBe(2);
      expect(await verifyChain(d.prisma, { seal: false })).toMatchObject({ ok: true, checked: 2, unsealed: 0 });
    } finally {
      await stopAuditSequencer();
      vi.useRealTimers();
    }
  });

  it('refuses to seal an event changed while it waited, names it, and seals the others', async () => {
    await writeTeams(4);
    const [, second] = await d.prisma.auditEvent.findMany({ orderBy: { seq: 'asc' } });
    await tamper(`UPDATE "AuditEvent" SET "after" = jsonb_set("after", '{name}', '"Someone Else"') WHERE seq = ${second!.seq}`);
    const logged = vi.spyOn(log(), 'warn').mockImplementation(() => undefined);
    const sealed = await sealAuditChain(d.prisma);
    expect(logged).toHaveBeenCalledWith(expect.stringContaining(`not sealing audit event #${second!.seq}`));
    logged.mockRestore();
    expect(sealed).toMatchObject({ sealed: 3, headSeq: 3n, refused: [{ kind: 'unsealed-forged', seq: String(second!.seq) }] });
    const result = await verifyChain(d.prisma);
    expect(result).toMatchObject({ ok: false, checked: 3, headSeq: '3', unsealed: 1, problem: { kind: 'unsealed-forged', seq: String(second!.seq) } });
    expect(result.problem!.message).toMatch(/not yet sealed into the chain, was changed after it was written/);
  });

  it('refuses a copy of a waiting event (it would need an entry MAC for its new seq) and an event with no entry MAC', async () => {
    await writeTeams(1);
    const [e] = await d.prisma.auditEvent.findMany({ where: { chainSeq: null } });
    const columns = `"at", "actorId", "actorLabel", "actorType", "action", "targetType", "targetId", "releaseId", "before", "after", "requestId", "ip", "clientRequestId", "keyId", "entryMac"`;
    await tamper(`INSERT INTO "AuditEvent" (seq, ${columns}) SELECT ${e!.seq + 100n}, ${columns} FROM "AuditEvent" WHERE seq = ${e!.seq}`);
    const r = await verifyChain(d.prisma);
    expect(r).toMatchObject({ ok: false, checked: 1, unsealed: 1, problem: { kind: 'unsealed-forged', seq: String(e!.seq + 100n) } });
    // the database refuses an unsealed event without one outright
    await expect(tamper(`UPDATE "AuditEvent" SET "entryMac" = NULL WHERE seq = ${e!.seq + 100n}`)).rejects.toThrow(/AuditEvent_sealed_check/);
  });

  it('reports an event left unsealed for more than a minute (the sequencer is not running)', async () => {
    await writeTeams(1);
    expect(await verifyChain(d.prisma, { seal: false })).toMatchObject({ ok: true, checked: 0, unsealed: 1 });
    advanceClock(UNSEALED_STALE_MS + 1000);
    const stale = await verifyChain(d.prisma, { seal: false });
    expect(stale).toMatchObject({ ok: false, unsealed: 1, problem: { kind: 'unsealed-stale' } });
    // sealed, it is in the chain like any other
    expect(await verifyChain(d.prisma)).toMatchObject({ ok: true, checked: 1, unsealed: 0 });
  });

  it('lets the sequencer seal an event, and nothing else: no content change while it waits, no change once sealed', async () => {
    await writeTeams(2);
    const [a, b] = await d.prisma.auditEvent.findMany({ orderBy: { seq: 'asc' } });
    const refused = (sql: string) =>
      d.runner.exec(sql).then(
        () => 'accepted',
        (err: Error) => err.message,
      );
    // sealing while changing the content
    expect(
      await refused(`UPDATE "AuditEvent" SET "chainSeq" = 1, "prevHash" = '${GENESIS_HASH}', hash = '${'a'.repeat(64)}', action = 'x' WHERE seq = ${a!.seq}`),
    ).toMatch(/append-only/);
    expect(await refused(`UPDATE "AuditEvent" SET "actorLabel" = 'nobody' WHERE seq = ${a!.seq}`)).toMatch(/append-only/);
    expect(await refused(`DELETE FROM "AuditEvent" WHERE seq = ${b!.seq}`)).toMatch(/append-only/);
    await sealAuditChain(d.prisma);
    expect(await refused(`UPDATE "AuditEvent" SET "chainSeq" = 7 WHERE seq = ${a!.seq}`)).toMatch(/append-only/);
    expect(await refused(`UPDATE "AuditEvent" SET hash = '${'b'.repeat(64)}' WHERE seq = ${b!.seq}`)).toMatch(/append-only/);
    expect(await verifyChain(d.prisma)).toMatchObject({ ok: true, checked: 2 });
  });

  it(`never forks the chain when two sealers run at once, while writers write (${onPostgres() ? 'two database handles on PostgreSQL' : 'serialized on PGlite'})`, async () => {
    const other = d.pool ? await openDatabase({ kind: 'postgres', url: String(d.pool.options.connectionString) }, { migrate: false }) : d;
    try {
      await writeTeams(12);
      const writers = Promise.all(Array.from({ length: 12 }, () => createTeam.as(actor)(teamInput())));
      const sealers = await Promise.all([
        sealAuditChain(d.prisma, { batchSize: 5 }),
        sealAuditChain(other.prisma, { batchSize: 5 }),
        sealAuditChain(d.prisma, { batchSize: 3 }),
        sealAuditChain(other.prisma, { batchSize: 3 }),
      ]);
      expect((await writers).every((r) => r.ok)).toBe(true);
      const after = await sealAuditChain(d.prisma);
      const total = await d.prisma.auditEvent.count();
      expect(total).toBe(24);
      // every event sealed exactly once: the sealers' counts add up, and the positions are 1…24
      expect(sealers.reduce((n, r) => n + r.sealed, 0) + after.sealed).toBe(total);
      const positions = (await d.prisma.auditEvent.findMany({ orderBy: { chainSeq: 'asc' }, select: { chainSeq: true } })).map((e) => e.chainSeq);
      expect(positions).toEqual(Array.from({ length: 24 }, (_, i) => BigInt(i + 1)));
      expect(await verifyChain(d.prisma)).toMatchObject({ ok: true, checked: 24, headSeq: '24', unsealed: 0 });
    } finally {
      if (other !== d) await other.close();
    }
  });
});

describe('a trail from before the audit key', () => {
  it('verifies events written before the key, then keyed ones after them', async () => {
    const d = await freshDatabase();
    try {
      // two events as an older Relm wrote them: plain SHA-256, no key id
      let prev = GENESIS_HASH;
      for (const seq of [1n, 2n]) {
        const content = {
          seq,
          at: new Date(Date.UTC(2026, 0, 1, 0, 0, Number(seq))),
          actorId: null,
          actorLabel: 'system',
          actorType: 'system',
          action: 'team.create',
          targetType: 'team',
          targetId: `legacy-${seq}`,
          releaseId: null,
          before: null,
          after: { name: `Legacy ${seq}` },
          requestId: null,
          ip: null,
        };
        const hash = hashEvent(prev, content);
        await d.prisma.auditEvent.create({ data: { ...content, chainSeq: seq, prevHash: prev, hash, before: undefined } });
        // the head's guard lets it move forward onto the event just written
        await d.runner.query(`UPDATE "AuditChainHead" SET seq = $1, hash = $2 WHERE id = 1`, [String(seq), hash]);
        prev = hash;
      }
      // as the migration to the sequencer (decision 062) leaves such a trail: new events numbered after it
      await d.runner.query(`SELECT setval('"AuditEvent_seq_seq"', 2)`);
      const actor = (await makeUser(d.prisma, ['admin'])).actor;
      expect((await createTeam.as(actor)(teamInput())).ok).toBe(true);
      await sealAuditChain(d.prisma);
      const third = await d.prisma.auditEvent.findUniqueOrThrow({ where: { seq: 3n } });
      expect(third.chainSeq).toBe(3n);
      expect(third.keyId).toBe(currentAuditKey().id);
      expect(await verifyChain(d.prisma)).toMatchObject({ ok: true, checked: 3, keyedFrom: '3' });
      // but with another key, the keyed events are not this Relm's
      const other = await verifyChain(d.prisma, { key: auditKey('another-audit-key-another-audit-key') });
      expect(other.problem).toMatchObject({ kind: 'unknown-key', seq: '3' });
    } finally {
      await d.close();
      installDbHandle(h);
    }
  });
});

describe('checkpoints sent to RELM_AUDIT_CHECKPOINT_URL', () => {
  const vars = testEnv(['RELM_AUDIT_CHECKPOINT_URL', 'RELM_OUTBOUND_ALLOW'] as const);
  let receiver: WebhookReceiver;
  let d: DbHandle;

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    vars.set({ RELM_AUDIT_CHECKPOINT_URL: receiver.url('/relm/checkpoints'), RELM_OUTBOUND_ALLOW: '127.0.0.1' });
    d = await freshDatabase();
  });

  afterAll(async () => {
    await receiver?.stop();
    vars.restore();
    await d?.close();
    installDbHandle(h);
  });

  it('posts each new signed checkpoint once, and again after a failed attempt', async () => {
    const actor = (await makeUser(d.prisma, ['admin'])).actor;
    expect((await createTeam.as(actor)(teamInput())).ok).toBe(true);
    receiver.respondWith({ status: 503, body: 'down for maintenance' });
    const logged = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const written = await checkpointAuditHead(d);
    expect(written).toMatchObject({ seq: '1' });
    expect(receiver.requests).toHaveLength(1);
    expect(logged).toHaveBeenCalledWith(expect.stringContaining('could not send audit checkpoint seq 1'));
    logged.mockRestore();
    // the head has not moved: nothing new is written, but the checkpoint the receiver missed goes again
    expect(await checkpointAuditHead(d)).toBeNull();
    expect(receiver.requests).toHaveLength(2);
    const sent = receiver.requests[1]!;
    expect(sent.method).toBe('POST');
    expect(sent.path).toBe('/relm/checkpoints');
    expect(sent.headers['content-type']).toBe('application/json');
    expect(sent.headers['x-relm-checkpoint-key']).toBe(written!.keyId);
    expect(JSON.parse(sent.body)).toEqual(written);
    // delivered: not sent again until the head moves
    expect(await checkpointAuditHead(d)).toBeNull();
    expect(receiver.requests).toHaveLength(2);
    expect((await createTeam.as(actor)(teamInput())).ok).toBe(true);
    expect(await checkpointAuditHead(d)).toMatchObject({ seq: '2' });
    expect(receiver.requests).toHaveLength(3);
    // what the receiver kept is a checkpoint file the verification accepts
    const copy = `${d.auditCheckpointFile}.received`;
    fs.writeFileSync(copy, receiver.requests.map((r) => r.body).join('\n') + '\n');
    try {
      expect(await verifyChain(d.prisma, { checkpointFile: copy })).toMatchObject({ ok: true, checkpoints: { checked: 3, last: { seq: '2' } } });
    } finally {
      fs.rmSync(copy, { force: true });
    }
  });
});

describe('the audit keys, generated into the data folder when not configured', () => {
  const vars = testEnv(['RELM_DATA_DIR', 'RELM_AUDIT_KEY', 'RELM_AUDIT_SIGNING_KEY'] as const);
  let dir: string;

  afterAll(() => {
    vars.restore();
    resetAuditKeysForTests();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('writes audit-key and the signing key pair once (owner-only), and reuses them', () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'relm-audit-keys-'));
    vars.set({ RELM_DATA_DIR: dir, RELM_AUDIT_KEY: undefined, RELM_AUDIT_SIGNING_KEY: undefined });
    resetAuditKeysForTests();
    const info = vi.spyOn(console, 'info').mockImplementation(() => undefined);
    const secret = auditKeySecret();
    const signing = auditSigningKey();
    expect(info).toHaveBeenCalledWith(expect.stringContaining(`generated one and kept it in ${path.join(dir, 'audit-key')}`));
    info.mockRestore();
    expect(secret.length).toBeGreaterThanOrEqual(32);
    expect(fs.statSync(path.join(dir, 'audit-key')).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.join(dir, 'audit-signing-key.pem')).mode & 0o777).toBe(0o600);
    expect(signing.asymmetricKeyType).toBe('ed25519');
    // the public half beside it checks what the private half signed
    const pub = crypto.createPublicKey(fs.readFileSync(path.join(dir, 'audit-signing-key.pub.pem')));
    expect(crypto.verify(null, Buffer.from('x'), pub, crypto.sign(null, Buffer.from('x'), signing))).toBe(true);
    // a restart reads them back
    resetAuditKeysForTests();
    expect(auditKeySecret()).toBe(secret);
    expect(auditSigningKey().export({ type: 'pkcs8', format: 'pem' })).toEqual(signing.export({ type: 'pkcs8', format: 'pem' }));
    // a key that is not this one's is no key: a short one in the file is refused
    fs.writeFileSync(path.join(dir, 'audit-key'), 'short\n');
    resetAuditKeysForTests();
    expect(() => auditKeySecret()).toThrow(/audit-key does not hold a valid RELM_AUDIT_KEY/);
  });
});
