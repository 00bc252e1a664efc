import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/lib/server/db';
import { transitionRelease } from '@/lib/server/transitions';
import { freshDatabase } from '../support/db';
import { makeUser } from '../support/factories';
import { draftRelease, policyDocument, savePolicy } from './approvals-support';

// Stakeholders hear of their release's progress (issue 13): every lifecycle transition,
// whichever part of Relm makes it, tells them (not the person who made it).

let h: DbHandle;
beforeAll(async () => {
  h = await freshDatabase();
  await savePolicy(h.prisma, policyDocument({}));
});
afterAll(async () => {
  await h?.close();
});

describe('stakeholders', () => {
  it('are told when their release moves, except the one who moved it', async () => {
    const rm = await makeUser(h.prisma, ['release_manager'], { name: 'Rita Manager' });
    const finance = await makeUser(h.prisma, ['viewer'], { name: 'Fiona Finance' });
    await makeUser(h.prisma, ['approver'], { name: 'Ana Approver' });
    const r = await draftRelease(h.prisma, { ownerId: rm.id });
    await h.prisma.releaseStakeholder.createMany({
      data: [
        { releaseId: r.id, userId: finance.id },
        { releaseId: r.id, userId: rm.id },
      ],
    });
    const res = await transitionRelease.as(rm.actor)({ releaseKey: r.key, to: 'submitted', version: r.version });
    expect(res.ok ? 'ok' : res.message).toBe('ok');
    const told = await h.prisma.notification.findMany({ where: { releaseId: r.id, kind: 'release.progress' } });
    expect(told.map((n) => n.userId)).toEqual([finance.id]);
    expect(told[0]!.title).toMatch(new RegExp(`^${r.key} is now submitted: Release `));
    expect(told[0]!.link).toBe(`/releases/${r.key}`);
  });
});
