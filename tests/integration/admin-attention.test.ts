import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/lib/server/db';
import type { Actor } from '@/lib/server/actor';
import { COUNT_CAP, getAdminAttention } from '@/lib/server/admin-attention';
import { verifyAuditTrail } from '@/lib/server/audit-trail';
import { setMyTheme } from '@/lib/server/theme';
import { getDashboard } from '@/lib/server/dashboard';
import { startEngine } from '@/lib/server/jobs/engine';
import { hashToken, generateToken } from '@/lib/server/api-tokens';
import { nowMs } from '@/lib/server/clock';
import { freshDatabase } from '../support/db';
import { makePolicyVersion, makeTeam, makeUser, uid } from '../support/factories';
import { countStatements } from '../support/sql-count';

// The admin's dashboard panel (docs/decisions/055-dashboards-per-role.md): what it finds, and
// that its reads stay a fixed number of bounded statements however much there is to find.

let h: DbHandle;
let admin: Actor;
const DAY = 86_400_000;

beforeAll(async () => {
  h = await freshDatabase();
  const team = await makeTeam(h.prisma);
  admin = (await makeUser(h.prisma, ['admin'], { teamId: team.id })).actor;
});
afterAll(async () => {
  await h?.close();
});

async function failedDelivery(at = new Date(nowMs())) {
  return h.prisma.delivery.create({
    data: {
      channel: 'webhook',
      event: 'release.transitioned',
      dedupeKey: `test:${uid()}`,
      recipient: `Endpoint ${uid()}`,
      payload: {},
      status: 'failed',
      attempts: 5,
      lastError: 'HTTP 500 from the endpoint',
      createdAt: at,
    },
  });
}

async function token(userId: string, expiresInMs: number, revoked = false) {
  const { token: secret, prefix } = generateToken();
  return h.prisma.apiToken.create({
    data: {
      userId,
      name: `deploy-${uid()}`,
      prefix,
      tokenHash: hashToken(secret),
      scopes: ['*'],
      expiresAt: new Date(nowMs() + expiresInMs),
      revokedAt: revoked ? new Date(nowMs()) : null,
    },
  });
}

describe('what needs an admin', () => {
  it('is for admins only: others are refused, and their dashboard has no admin panel', async () => {
    const rm = (await makeUser(h.prisma, ['release_manager'])).actor;
    await expect(getAdminAttention(rm)).rejects.toMatchObject({ code: 'forbidden' });
    expect((await getDashboard(rm)).admin).toBeNull();
    expect((await getDashboard(admin)).admin).not.toBeNull();
  });

  it('says nothing needs the admin when nothing does, and the chain is verified', async () => {
    expect(await verifyAuditTrail.as(admin)({})).toMatchObject({ ok: true });
    const a = await getAdminAttention(admin);
    expect(a).toMatchObject({
      failedDeliveries: { count: 0, capped: false, items: [] },
      expiringTokens: { count: 0 },
      usersWithoutTeam: { count: 0 },
      audit: { due: false, eventsSince: '0', lastVerification: { ok: true, by: admin.label } },
      needsYou: 0,
    });
  });

  it('finds recent failed deliveries, tokens about to expire, people without a team and recent policy versions', async () => {
    const owner = await makeUser(h.prisma, ['operations'], { name: 'Aaron Pipeline', teamId: (await makeTeam(h.prisma)).id });
    const loner = await makeUser(h.prisma, ['viewer'], { name: 'Aaa Lone Viewer', teamId: null });
    await makeUser(h.prisma, ['viewer'], { name: 'Aaa Disabled', teamId: null, disabled: true });
    const recent = await failedDelivery();
    await failedDelivery(new Date(nowMs() - 30 * DAY));
    const soon = await token(owner.id, 3 * DAY);
    await token(owner.id, 60 * DAY);
    await token(owner.id, 2 * DAY, true);
    await token(owner.id, -DAY);
    const policy = await makePolicyVersion(h.prisma);

    const a = await getAdminAttention(admin);
    expect(a.failedDeliveries.count).toBe(1);
    expect(a.failedDeliveries.items).toEqual([expect.objectContaining({ id: recent.id, channel: 'webhook', lastError: 'HTTP 500 from the endpoint' })]);
    expect(a.expiringTokens.count).toBe(1);
    expect(a.expiringTokens.items).toEqual([expect.objectContaining({ id: soon.id, user: { id: owner.id, name: 'Aaron Pipeline' } })]);
    expect(a.usersWithoutTeam).toMatchObject({ count: 1, items: [{ id: loner.id, name: 'Aaa Lone Viewer' }] });
    expect(a.policyChanges[0]).toMatchObject({ version: policy.version });
    expect(a.needsYou).toBeGreaterThanOrEqual(3);
    // the events written since the verification are counted, not walked
    expect(BigInt(a.audit.eventsSince)).toBeGreaterThanOrEqual(0n);
  });

  it('calls for a verification when the last one is a week old and events came since', async () => {
    expect(await verifyAuditTrail.as(admin)({})).toMatchObject({ ok: true });
    const weekLater = new Date(nowMs() + 8 * DAY);
    expect((await getAdminAttention(admin, weekLater)).audit).toMatchObject({ due: false, eventsSince: '0' });
    // one audited change after the verification
    expect(await setMyTheme.as(admin)({ theme: 'dark' })).toMatchObject({ ok: true });
    expect((await getAdminAttention(admin)).audit).toMatchObject({ due: false, eventsSince: '1' });
    const due = await getAdminAttention(admin, weekLater);
    expect(due.audit).toMatchObject({ due: true, eventsSince: '1', lastVerification: { ok: true } });
    expect(due.needsYou).toBeGreaterThanOrEqual(1);
  });

  it('reads a fixed number of statements, with counts that stop at the cap', async () => {
    const before = await countStatements(() => getAdminAttention(admin));
    const many = COUNT_CAP + 5;
    await h.prisma.user.createMany({
      data: Array.from({ length: many }, (_, i) => ({ email: `bulk-${i}-${uid()}@test.relm`, name: `Zed ${i}`, passwordHash: 'x', teamId: null })),
    });
    for (let i = 0; i < many; i += 1) await failedDelivery();
    const after = await countStatements(() => getAdminAttention(admin));
    expect(after.statements).toBe(before.statements);
    expect(after.statements).toBeLessThanOrEqual(12);
    expect(after.result.usersWithoutTeam).toMatchObject({ count: COUNT_CAP, capped: true });
    expect(after.result.usersWithoutTeam.items).toHaveLength(5);
    expect(after.result.failedDeliveries).toMatchObject({ count: COUNT_CAP, capped: true });
    expect(after.result.failedDeliveries.items).toHaveLength(5);
  });

  it('counts jobs the engine has not picked up for a quarter of an hour as stuck', async () => {
    const queue = { name: 'relm-test-stuck', retryLimit: 0, retryDelay: 1, retryBackoff: false, expireInSeconds: 60 };
    const engine = await startEngine(h, [{ queue, batchSize: 1, pollingIntervalSeconds: 60, handle: async () => {} }], { work: false, onError: () => {} });
    try {
      await engine.boss.send('relm-test-stuck', {});
      expect((await getAdminAttention(admin)).jobs).toMatchObject({ stuck: { count: 0 } });
      const inAnHour = await getAdminAttention(admin, new Date(Date.now() + 60 * 60_000));
      expect(inAnHour.jobs).toMatchObject({ stuck: { count: 1, capped: false } });
      expect(inAnHour.needsYou).toBeGreaterThanOrEqual(1);
    } finally {
      await engine.stop();
    }
  });
});
