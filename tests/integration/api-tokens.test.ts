import { describe, expect, it } from 'vitest';
import type { DbHandle } from '@/lib/server/db';
import {
  actorFromBearer,
  createApiToken,
  LAST_USED_RESOLUTION_MS,
  createApiTokenFor,
  hashToken,
  listMyApiTokens,
  revokeApiToken,
} from '@/lib/server/api-tokens';
import { updateUser, setUserDisabled } from '@/lib/server/users';
import { assertCan } from '@/lib/server/authz';
import type { Actor } from '@/lib/server/actor';
import { makeUser, systemActor, uid } from '../support/factories';
import { auditHead, eventsOfRequest } from '../support/inspect';
import { countStatements } from '../support/sql-count';
import { advanceClock, atClock } from '../support/clock';
import { verifyChain } from '@/lib/server/audit';
import { onPostgres } from '../support/db';
import { actorsWith, withFreshDatabase } from '../support/suite';
import { now as clockNow, nowMs } from '@/lib/server/clock';
import { itRaces, race } from '../support/race';

let h: DbHandle;
let admin: Actor;

withFreshDatabase(async (db) => {
  h = db;
  [admin] = await actorsWith(db, ['admin']);
});

const meta = (over: Partial<{ requestId: string; path: string }> = {}) => ({
  requestId: over.requestId ?? `req-${uid()}`,
  ip: '127.0.0.1',
  method: 'GET',
  path: over.path ?? '/api/v1/releases',
});

async function newToken(actor: Actor, input: Record<string, unknown> = {}) {
  const r = await createApiToken.as(actor)({ name: `ci-${uid()}`, scopes: ['*'], ...input });
  if (!r.ok) throw new Error(`token not created: ${r.message} ${JSON.stringify(r.fieldErrors)}`);
  return r.data;
}

async function bearer(token: string, m = meta()) {
  return actorFromBearer(`Bearer ${token}`, m);
}

describe('creating a token', () => {
  it('returns the token once, stores only its hash, and lists it without secrets', async () => {
    const owner = await makeUser(h.prisma, ['release_manager']);
    const requestId = `req-${uid()}`;
    const r = await createApiToken.as(owner.actor, { requestId })({ name: 'ci-pipeline', scopes: ['build.record', 'release.read'], expiresInDays: '30' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.data.token).toMatch(/^relm_[A-Za-z0-9]{8}_[A-Za-z0-9]{43}$/);
    expect(r.data.token.startsWith(`relm_${r.data.apiToken.prefix}_`)).toBe(true);
    expect(r.data.apiToken).toMatchObject({ name: 'ci-pipeline', scopes: ['build.record', 'release.read'], status: 'active' });
    const days = (Date.parse(r.data.apiToken.expiresAt!) - nowMs()) / 86_400_000;
    expect(days).toBeGreaterThan(29.9);
    expect(days).toBeLessThanOrEqual(30);

    // the database never contains the plain token, anywhere
    const secret = r.data.token.split('_')[2]!;
    const dump = await h.runner.query<{ t: string }>(`SELECT string_agg(x::text, '|') AS t FROM "ApiToken" x`);
    const audit = await h.runner.query<{ t: string }>(`SELECT string_agg(x::text, '|') AS t FROM "AuditEvent" x`);
    expect(dump[0]!.t).not.toContain(secret);
    expect(audit[0]!.t).not.toContain(secret);
    const row = await h.prisma.apiToken.findUniqueOrThrow({ where: { id: r.data.apiToken.id } });
    expect(row.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.tokenHash).not.toContain(secret);

    const [event] = await eventsOfRequest(h.prisma, requestId);
    expect(event).toMatchObject({ action: 'token.create', targetId: row.id, actorId: owner.id });

    const listed = await listMyApiTokens(owner.actor);
    expect(listed).toHaveLength(1);
    expect(JSON.stringify(listed)).not.toContain(row.tokenHash);
    expect(JSON.stringify(listed)).not.toContain(secret);
    expect(listed[0]).not.toHaveProperty('token');
  });

  it('refuses scopes beyond the creator’s roles, naming them, and unknown scopes', async () => {
    const viewer = await makeUser(h.prisma, ['viewer']);
    const beyond = await createApiToken.as(viewer.actor)({ name: 'sneaky', scopes: ['release.read', 'user.manage', 'build.record'] });
    expect(beyond).toMatchObject({ ok: false, code: 'invalid' });
    expect(!beyond.ok && beyond.fieldErrors?.scopes?.[0]).toMatch(/build\.record, user\.manage/);
    const unknown = await createApiToken.as(viewer.actor)({ name: 'x', scopes: ['root'] });
    expect(unknown).toMatchObject({ ok: false, code: 'invalid' });
    expect(!unknown.ok && unknown.fieldErrors?.scopes?.[0]).toMatch(/Unknown scope: root/);
    const none = await createApiToken.as(viewer.actor)({ name: 'x', scopes: [] });
    expect(!none.ok && none.fieldErrors?.scopes?.[0]).toMatch(/at least one scope/);
    const badName = await createApiToken.as(viewer.actor)({ name: '  ', scopes: ['*'], expiresInDays: -3 });
    expect(!badName.ok && Object.keys(badName.fieldErrors ?? {}).sort()).toEqual(['expiresInDays', 'name']);
    expect(await h.prisma.apiToken.count({ where: { userId: viewer.id } })).toBe(0);
  });

  it('caps the number of active tokens one person holds', async () => {
    const owner = await makeUser(h.prisma, ['viewer']);
    await h.prisma.apiToken.createMany({
      data: Array.from({ length: 50 }, (_, i) => ({
        userId: owner.id,
        name: `t${i}`,
        prefix: `p${String(i).padStart(7, '0')}`,
        tokenHash: hashToken(`t-${uid()}-${i}`),
        scopes: ['*'],
      })),
    });
    const r = await createApiToken.as(owner.actor)({ name: 'one-more', scopes: ['*'] });
    expect(r).toMatchObject({ ok: false, code: 'conflict' });
    expect(!r.ok && r.message).toMatch(/50 active API tokens.*Revoke/);
    await h.prisma.apiToken.updateMany({ where: { userId: owner.id, name: 't0' }, data: { revokedAt: clockNow() } });
    expect((await createApiToken.as(owner.actor)({ name: 'one-more', scopes: ['*'] })).ok).toBe(true);
  });

  it('does not let a token mint tokens', async () => {
    const owner = await makeUser(h.prisma, ['viewer']);
    const t = await newToken(owner.actor);
    const auth = await bearer(t.token);
    expect(auth.ok).toBe(true);
    if (!auth.ok) return;
    const r = await createApiToken.as(auth.actor)({ name: 'child', scopes: ['*'] });
    expect(r).toMatchObject({ ok: false, code: 'forbidden' });
  });

  it('lets an operator create a token for a user, limited by that user’s roles', async () => {
    const ops = await makeUser(h.prisma, ['operations']);
    const ok = await createApiTokenFor.as(systemActor(['admin']))({ email: ops.email.toUpperCase(), name: 'deployer', scopes: ['deployment.record'] });
    expect(ok).toMatchObject({ ok: true, data: { owner: { id: ops.id } } });
    const beyond = await createApiTokenFor.as(systemActor(['admin']))({ email: ops.email, name: 'x', scopes: ['user.manage'] });
    expect(beyond).toMatchObject({ ok: false, code: 'invalid' });
    expect(!beyond.ok && beyond.message).toMatch(/user\.manage/);
    const nobody = await createApiTokenFor.as(systemActor(['admin']))({ email: 'nobody@test.relm', name: 'x', scopes: ['*'] });
    expect(!nobody.ok && nobody.message).toMatch(/No user has the email nobody@test\.relm/);
  });
});

describe('using a token', () => {
  it('acts with the owner’s CURRENT roles, within its scopes', async () => {
    const owner = await makeUser(h.prisma, ['viewer'], { name: 'Casey Pipeline' });
    const t = await newToken(owner.actor, { name: 'deploy-bot' });
    const first = await bearer(t.token);
    expect(first).toMatchObject({
      ok: true,
      actor: {
        type: 'token',
        id: owner.id,
        label: `token deploy-bot of ${owner.email}`,
        email: owner.email,
        name: 'Casey Pipeline',
        roles: ['viewer'],
        tokenId: t.apiToken.id,
        scopes: ['*'],
      },
    });
    if (!first.ok) return;
    expect(() => assertCan(first.actor, 'release.read')).not.toThrow();
    expect(() => assertCan(first.actor, 'build.record')).toThrow(/operations or release manager|release manager or operations|needs the/);

    const row = await h.prisma.user.findUniqueOrThrow({ where: { id: owner.id } });
    const up = await updateUser.as(admin)({ id: owner.id, name: row.name, roles: ['operations'], version: row.version });
    expect(up.ok).toBe(true);
    const second = await bearer(t.token);
    expect(second.ok && second.actor.roles).toEqual(['operations']);
    if (!second.ok) return;
    expect(() => assertCan(second.actor, 'build.record')).not.toThrow();
  });

  it('enforces the token’s scopes even where the owner’s roles allow more', async () => {
    const owner = await makeUser(h.prisma, ['release_manager']);
    const t = await newToken(owner.actor, { scopes: ['release.read'] });
    const auth = await bearer(t.token);
    expect(auth.ok).toBe(true);
    if (!auth.ok) return;
    expect(() => assertCan(auth.actor, 'release.read')).not.toThrow();
    expect(() => assertCan(auth.actor, 'release.create')).toThrow(/not scoped for release\.create/);
  });

  it('audits uses that change something and records when it was last used', async () => {
    const owner = await makeUser(h.prisma, ['viewer']);
    const t = await newToken(owner.actor, { name: 'watcher' });
    const m1 = { ...meta({ path: '/api/v1/releases/REL-1/transitions' }), method: 'POST' };
    const m2 = { ...meta(), method: 'PATCH' };
    expect((await bearer(t.token, m1)).ok).toBe(true);
    expect((await bearer(t.token, m2)).ok).toBe(true);
    for (const m of [m1, m2]) {
      const events = await eventsOfRequest(h.prisma, m.requestId);
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({
        action: 'token.use',
        actorType: 'token',
        actorId: owner.id,
        actorLabel: `token watcher of ${owner.email}`,
        targetId: t.apiToken.id,
        ip: '127.0.0.1',
      });
      expect(events[0]!.after).toMatchObject({ method: m.method, path: m.path, requestId: m.requestId });
    }
    const row = await h.prisma.apiToken.findUniqueOrThrow({ where: { id: t.apiToken.id } });
    expect(row.lastUsedAt).not.toBeNull();
  });

  it('writes nothing for reads: no audit event, lastUsedAt at most once per resolution window', async () => {
    const owner = await makeUser(h.prisma, ['viewer']);
    const t = await newToken(owner.actor, { name: 'poller' });
    const head = await auditHead(h.prisma);
    const start = clockNow();
    await atClock(start, async () => {
      // the first read of a never-used token stamps it: the only write
      expect((await bearer(t.token)).ok).toBe(true);
      const first = await h.prisma.apiToken.findUniqueOrThrow({ where: { id: t.apiToken.id } });
      expect(first.lastUsedAt?.toISOString()).toBe(start.toISOString());
      const counts: number[] = [];
      for (let i = 0; i < 20; i++) {
        advanceClock(10_000);
        const { statements, result } = await countStatements(() => bearer(t.token, { ...meta(), method: i % 2 ? 'HEAD' : 'GET' }));
        expect(result.ok).toBe(true);
        counts.push(statements);
      }
      // the lookup of token, owner and roles only (Prisma loads the relations in 3 statements): no UPDATE, no transaction
      const lookup = counts[0]!;
      expect(lookup).toBeLessThanOrEqual(3);
      expect(counts).toEqual(counts.map(() => lookup));
      const still = await h.prisma.apiToken.findUniqueOrThrow({ where: { id: t.apiToken.id } });
      expect(still.lastUsedAt?.toISOString()).toBe(start.toISOString());
      // past the window the next read moves it once more
      advanceClock(LAST_USED_RESOLUTION_MS);
      const { statements } = await countStatements(() => bearer(t.token));
      expect(statements).toBe(lookup + 1);
      const moved = await h.prisma.apiToken.findUniqueOrThrow({ where: { id: t.apiToken.id } });
      expect(moved.lastUsedAt!.getTime()).toBeGreaterThan(start.getTime() + LAST_USED_RESOLUTION_MS);
    });
    expect(await auditHead(h.prisma)).toBe(head);
    expect((await verifyChain(h.prisma)).ok).toBe(true);
  });

  // PostgreSQL only: PGlite has one connection, so no second one can hold the lock
  if (onPostgres()) {
    it('answers reads while a writer holds the audit chain lock', async () => {
      const owner = await makeUser(h.prisma, ['viewer']);
      const t = await newToken(owner.actor, { name: 'reader' });
      const writer = await h.pool!.connect();
      try {
        // a mutation in flight: its transaction holds the chain head until it commits
        await writer.query('BEGIN');
        await writer.query('SELECT 1 FROM "AuditChainHead" WHERE id = 1 FOR UPDATE');
        // a read that waited for the lock would never return (the test would time out)
        expect(await bearer(t.token)).toMatchObject({ ok: true });
      } finally {
        await writer.query('ROLLBACK');
        writer.release();
      }
    });
  }

  it('refuses missing, malformed and unknown tokens with 401 and a message', async () => {
    for (const header of [null, '', 'Basic abc', 'Bearer', 'Bearer relm_short', `Bearer relm_AAAAAAAA_${'B'.repeat(43)}`, `Bearer ${'x'.repeat(5000)}`]) {
      const r = await actorFromBearer(header, meta());
      expect(r.ok).toBe(false);
      if (r.ok) continue;
      expect(r.status).toBe(401);
      expect(r.message.length).toBeGreaterThan(20);
    }
  });

  it('refuses a revoked token, an expired token and a disabled owner’s token with 401', async () => {
    const owner = await makeUser(h.prisma, ['viewer']);
    const revoked = await newToken(owner.actor, { name: 'old' });
    expect(await revokeApiToken.as(owner.actor)({ id: revoked.apiToken.id })).toMatchObject({ ok: true, data: { status: 'revoked' } });
    const r1 = await bearer(revoked.token);
    expect(r1).toMatchObject({ ok: false, status: 401 });
    expect(!r1.ok && r1.message).toMatch(/revoked/);

    const expiring = await newToken(owner.actor, { name: 'short', expiresInDays: 1 });
    await h.prisma.apiToken.update({ where: { id: expiring.apiToken.id }, data: { expiresAt: new Date(nowMs() - 1000) } });
    const r2 = await bearer(expiring.token);
    expect(!r2.ok && r2.status).toBe(401);
    expect(!r2.ok && r2.message).toMatch(/expired/);
    expect((await listMyApiTokens(owner.actor)).find((t) => t.id === expiring.apiToken.id)?.status).toBe('expired');

    const live = await newToken(owner.actor, { name: 'live' });
    expect((await bearer(live.token)).ok).toBe(true);
    expect((await setUserDisabled.as(admin)({ id: owner.id, disabled: true })).ok).toBe(true);
    const r3 = await bearer(live.token);
    expect(!r3.ok && r3.status).toBe(401);
    expect(!r3.ok && r3.message).toMatch(/disabled/);
  });
});

describe('revoking', () => {
  it('revokes only one’s own tokens: another person’s is not found', async () => {
    const alice = await makeUser(h.prisma, ['viewer']);
    const bob = await makeUser(h.prisma, ['admin']);
    const t = await newToken(alice.actor);
    const r = await revokeApiToken.as(bob.actor)({ id: t.apiToken.id });
    expect(r).toMatchObject({ ok: false, code: 'not_found' });
    expect((await bearer(t.token)).ok).toBe(true);
    const missing = await revokeApiToken.as(alice.actor)({ id: 'no-such-token' });
    expect(missing).toMatchObject({ ok: false, code: 'not_found' });
  });

  it('revoking twice is harmless and audited once', async () => {
    const alice = await makeUser(h.prisma, ['viewer']);
    const t = await newToken(alice.actor);
    const r1 = `req-${uid()}`;
    const r2 = `req-${uid()}`;
    expect((await revokeApiToken.as(alice.actor, { requestId: r1 })({ id: t.apiToken.id })).ok).toBe(true);
    expect((await revokeApiToken.as(alice.actor, { requestId: r2 })({ id: t.apiToken.id })).ok).toBe(true);
    expect(await eventsOfRequest(h.prisma, r1)).toHaveLength(1);
    expect(await eventsOfRequest(h.prisma, r2)).toHaveLength(0);
  });

  itRaces('two revocations at once record one revocation', async () => {
    const alice = await makeUser(h.prisma, ['viewer']);
    const t = await newToken(alice.actor);
    const ids = [`req-${uid()}`, `req-${uid()}`];
    const results = await race(
      h,
      ids.map((requestId) => () => revokeApiToken.as(alice.actor, { requestId })({ id: t.apiToken.id })),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    const events = (await Promise.all(ids.map((id) => eventsOfRequest(h.prisma, id)))).flat();
    expect(events.map((e) => e.action)).toEqual(['token.revoke']);
  });
});
