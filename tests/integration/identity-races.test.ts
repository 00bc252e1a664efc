import { afterAll, beforeAll, describe, expect } from 'vitest';
import type { DbHandle } from '@/lib/server/db';
import type { Actor } from '@/lib/server/actor';
import { authenticate } from '@/lib/server/sign-in';
import { hashPassword, verifyPassword } from '@/lib/server/password';
import { actorForSession } from '@/lib/server/session-store';
import { changeMyPasswordAs } from '@/lib/server/profile';
import { addCoManager } from '@/lib/server/release-managers';
import { createGroupMapping } from '@/lib/server/sso-admin';
import { freshDatabase } from '../support/db';
import { makeRelease, makeTeam, makeUser, uid } from '../support/factories';
import { itRaces, race } from '../support/race';

// The race tests grow with the mutations of issue 14 (point 8): two people (or one person in
// two browsers) doing the same thing at once get exactly one success and a reason for the other.

let h: DbHandle;
beforeAll(async () => {
  h = await freshDatabase();
});
afterAll(async () => {
  await h?.close();
});

const PASSWORD = 'correct horse battery staple';

async function sessionOf(email: string, ip: string): Promise<Actor> {
  const outcome = await authenticate({ email, password: PASSWORD }, { requestId: `req-${uid()}`, ip });
  if (!outcome.ok) throw new Error(`sign-in failed: ${outcome.message}`);
  const actor = await actorForSession({ userId: outcome.user.id, sessionId: outcome.user.sessionId, sessionVersion: outcome.user.sessionVersion });
  if (!actor) throw new Error('no actor');
  return actor;
}

describe('issue 14 mutations at once', () => {
  itRaces('one person changing their password in two browsers at once: one change, the other refused as a wrong current password', async () => {
    const user = await makeUser(h.prisma, ['viewer'], { passwordHash: await hashPassword(PASSWORD) });
    // two browsers on two addresses, so the sign-in limit's per-address lock does not queue them
    const [a, b] = [await sessionOf(user.email, '198.51.100.21'), await sessionOf(user.email, '198.51.100.22')];
    const first = 'orbit lantern quietly mosaic 42';
    const second = 'velvet canyon harbor pickle 77';
    const results = await race(h, [
      () =>
        changeMyPasswordAs(a, { requestId: `req-${uid()}`, ip: '198.51.100.21' })({ currentPassword: PASSWORD, newPassword: first, confirmPassword: first }),
      () =>
        changeMyPasswordAs(b, { requestId: `req-${uid()}`, ip: '198.51.100.22' })({ currentPassword: PASSWORD, newPassword: second, confirmPassword: second }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const loser = results.find((r) => !r.ok)!;
    expect(loser).toMatchObject({ ok: false, code: 'invalid', fieldErrors: { currentPassword: [expect.stringMatching(/current password/i)] } });
    const winnerPassword = results[0]!.ok ? first : second;
    const stored = await h.prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(await verifyPassword(stored.passwordHash, winnerPassword)).toBe(true);
    // the winner's browser is still signed in; the other was ended by the change
    const live = await h.prisma.session.findMany({ where: { userId: user.id, endedAt: null }, select: { id: true } });
    expect(live.map((s) => s.id)).toEqual([results[0]!.ok ? a.sessionId : b.sessionId]);
  });

  itRaces('two managers adding co-managers to one release at once: one is added, the other refused as stale', async () => {
    const team = await makeTeam(h.prisma, `Team ${uid()}`);
    const owner = await makeUser(h.prisma, ['release_manager'], { name: 'Olga Owner', teamId: team.id });
    const colleague = await makeUser(h.prisma, ['release_manager'], { name: 'Cole Colleague', teamId: team.id });
    const [x, y] = [await makeUser(h.prisma, ['release_manager'], { teamId: null }), await makeUser(h.prisma, ['release_manager'], { teamId: null })];
    const r = await makeRelease(h.prisma, { ownerId: owner.id });
    const key = `REL-${r.number}`;
    const results = await race(h, [
      () => addCoManager.as(owner.actor)({ releaseKey: key, userId: x.id, version: r.version }),
      () => addCoManager.as(colleague.actor)({ releaseKey: key, userId: y.id, version: r.version }),
    ]);
    expect(results.filter((res) => res.ok)).toHaveLength(1);
    expect(results.find((res) => !res.ok)).toMatchObject({ ok: false, code: 'stale' });
    expect(await h.prisma.releaseCoManager.count({ where: { releaseId: r.id } })).toBe(1);
  });

  itRaces('two admins mapping the same group at once: one mapping, the other refused, never a 500', async () => {
    const [a, b] = [(await makeUser(h.prisma, ['admin'])).actor, (await makeUser(h.prisma, ['admin'])).actor];
    const group = `relm-release-managers-${uid()}`;
    const results = await race(h, [
      () => createGroupMapping.as(a)({ group, roles: ['release_manager'], priority: 10 }),
      () => createGroupMapping.as(b)({ group, roles: ['viewer'], priority: 10 }),
    ]);
    expect(results.filter((res) => res.ok)).toHaveLength(1);
    expect(results.find((res) => !res.ok)).toMatchObject({ ok: false, code: 'conflict' });
    expect(await h.prisma.oidcGroupMapping.count({ where: { group } })).toBe(1);
  });
});
