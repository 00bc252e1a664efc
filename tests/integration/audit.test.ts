import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { installDbHandle, type DbHandle } from '@/lib/server/db';
import { verifyChain } from '@/lib/server/audit';
import { defineMutation } from '@/lib/server/action';
import { conflict } from '@/lib/server/errors';
import { createTeam } from '@/lib/server/teams';
import { verifyAuditTrail } from '@/lib/server/audit-trail';
import { GENESIS_HASH, hashEvent } from '@/lib/domain/audit-chain';
import type { Actor } from '@/lib/server/actor';
import { freshDatabase } from '../support/db';
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
    const headBefore = await auditHead(h.prisma);
    for (const requestId of requestIds) {
      const r = await createTeam.as(admin, { requestId, ip: '192.0.2.10' })(teamInput());
      expect(r.ok).toBe(true);
    }
    const events = (await Promise.all(requestIds.map((id) => eventsOfRequest(h.prisma, id)))).flat();
    expect(events).toHaveLength(3);
    expect(events.map((e) => e.seq)).toEqual([headBefore + 1n, headBefore + 2n, headBefore + 3n]);
    for (const e of events) {
      expect(e).toMatchObject({ action: 'team.create', actorId: admin.id, actorLabel: admin.label, actorType: 'user', ip: '192.0.2.10' });
      // each hash covers the previous hash and the event's own content as stored
      expect(e.hash).toBe(hashEvent(e.prevHash, e));
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
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const r = await writeThenViolate.as(admin, { requestId: 'req-violate' })(input);
    // an unexpected failure: logged with the request id, reported without details
    expect(r).toMatchObject({ ok: false, code: 'error', requestId: 'req-violate' });
    expect(logged).toHaveBeenCalledWith(expect.stringContaining('req-violate'), expect.anything());
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

    const events = await h.prisma.auditEvent.findMany({ where: { seq: { gt: headBefore } }, orderBy: { seq: 'asc' } });
    expect(events.map((e) => e.seq)).toEqual(Array.from({ length: 10 }, (_, i) => headBefore + BigInt(i + 1)));
    const teamIds = results.map((r) => (r.ok ? r.data.id : null));
    expect(events.map((e) => e.targetId).sort()).toEqual([...teamIds].sort());
    // no fork: every event follows exactly the one before it
    const previous = await h.prisma.auditEvent.findUniqueOrThrow({ where: { seq: headBefore } });
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

  /** Runs SQL with the append-only triggers off, as someone with direct database access could. */
  async function tamper(sql: string) {
    await t.runner.exec('ALTER TABLE "AuditEvent" DISABLE TRIGGER USER');
    try {
      await t.runner.exec(sql);
    } finally {
      await t.runner.exec('ALTER TABLE "AuditEvent" ENABLE TRIGGER USER');
    }
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
    const last = await t.prisma.auditEvent.findUniqueOrThrow({ where: { seq: 5n } });
    const forged = { ...last, seq: 6n, at: new Date(), action: 'team.delete', before: { name: 'Payments' }, after: null, prevHash: last.hash };
    const hash = hashEvent(last.hash, forged);
    await t.prisma.auditEvent.create({ data: { ...forged, before: forged.before, after: undefined, hash } });
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
});
