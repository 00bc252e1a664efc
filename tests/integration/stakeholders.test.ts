import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/lib/server/db';
import { recordTransition } from '@/lib/server/transition-record';
import { transitionRelease } from '@/lib/server/transitions';
import { setWatching } from '@/lib/server/watchers';
import { freshDatabase } from '../support/db';
import { makeEnvironment, makeUser } from '../support/factories';
import { setMyTimeZone } from '@/lib/server/profile';
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

  it('are told of the windows in their own time zone, with the release’s zone beside it', async () => {
    const rm = await makeUser(h.prisma, ['release_manager'], { name: 'Rita Manager' });
    const nyc = await makeUser(h.prisma, ['viewer'], { name: 'Nora York' });
    const local = await makeUser(h.prisma, ['viewer'], { name: 'Lee London' });
    expect(await setMyTimeZone.as(nyc.actor)({ timeZone: 'America/New_York' })).toMatchObject({ ok: true, data: { timeZone: 'America/New_York' } });
    expect(await setMyTimeZone.as(nyc.actor)({ timeZone: 'Mars/Olympus' })).toMatchObject({ ok: false, code: 'invalid' });
    const r = await draftRelease(h.prisma, { ownerId: rm.id });
    await h.prisma.release.update({ where: { id: r.id }, data: { timezone: 'Europe/London' } });
    const env = await makeEnvironment(h.prisma);
    await h.prisma.releaseEnvironment.create({
      data: { releaseId: r.id, environmentId: env.id, scheduledStart: new Date('2027-03-10T14:00:00Z'), scheduledEnd: new Date('2027-03-10T16:00:00Z') },
    });
    await h.prisma.releaseStakeholder.createMany({ data: [nyc, local].map((u) => ({ releaseId: r.id, userId: u.id })) });
    await h.prisma.$transaction((tx) =>
      recordTransition(tx, { data: { releaseId: r.id, fromStatus: 'approved', toStatus: 'scheduled', actorId: rm.id, reason: '' } }),
    );
    const body = async (userId: string) =>
      (await h.prisma.notification.findFirstOrThrow({ where: { releaseId: r.id, userId, kind: 'release.progress' } })).body;
    // 14:00 UTC is 09:00 in New York (EST, before the switch on 14 March) and 14:00 in London
    expect(await body(nyc.id)).toContain('10 Mar 09:00–11:00 GMT-5 (14:00–16:00 GMT, the release’s zone Europe/London)');
    expect(await body(local.id)).toMatch(/10 Mar 14:00–16:00 GMT$/m);
    expect(await body(local.id)).not.toContain('America/New_York');
  });

  it('also tells the people watching the release, once each, until they stop watching', async () => {
    const rm = await makeUser(h.prisma, ['release_manager'], { name: 'Rita Manager' });
    const watcher = await makeUser(h.prisma, ['viewer'], { name: 'Walter Watcher' });
    const both = await makeUser(h.prisma, ['operations'], { name: 'Sam Stakeholder' });
    const r = await draftRelease(h.prisma, { ownerId: rm.id });
    await h.prisma.releaseStakeholder.create({ data: { releaseId: r.id, userId: both.id } });
    for (const u of [watcher, both, rm]) {
      const res = await setWatching.as(u.actor)({ releaseKey: r.key, watch: true });
      expect(res).toMatchObject({ ok: true, data: { watching: true, changed: true } });
    }
    // watching twice changes nothing (and writes no audit event)
    expect(await setWatching.as(watcher.actor)({ releaseKey: r.key, watch: true })).toMatchObject({ ok: true, data: { changed: false } });
    expect(await h.prisma.auditEvent.count({ where: { action: 'release.watch', actorId: watcher.id, releaseId: r.id } })).toBe(1);

    const res = await transitionRelease.as(rm.actor)({ releaseKey: r.key, to: 'submitted', version: r.version });
    expect(res.ok ? 'ok' : res.message).toBe('ok');
    // the rest of the way, as every part of Relm records it
    for (const [from, to] of [
      ['submitted', 'approved'],
      ['approved', 'scheduled'],
      ['scheduled', 'deploying'],
      ['deploying', 'deployed'],
    ] as const) {
      await h.prisma.$transaction((tx) => recordTransition(tx, { data: { releaseId: r.id, fromStatus: from, toStatus: to, actorId: rm.id, reason: '' } }));
    }
    const progress = (userId: string) =>
      h.prisma.notification.findMany({ where: { releaseId: r.id, kind: 'release.progress', userId }, orderBy: { createdAt: 'asc' } });
    const watched = await progress(watcher.id);
    expect(watched.map((n) => n.title.split(':')[0])).toEqual([
      `${r.key} is now submitted`,
      `${r.key} is now approved`,
      `${r.key} is now scheduled`,
      `${r.key} is now deploying`,
      `${r.key} is now deployed`,
    ]);
    expect(watched[0]!.body).toBe(`You are watching ${r.key}.`);
    // a stakeholder who also watches is told once, as a stakeholder; the actor not at all
    const asStakeholder = await progress(both.id);
    expect(asStakeholder).toHaveLength(5);
    expect(asStakeholder[0]!.body).toBe(`You are a stakeholder of ${r.key}.`);
    expect(await progress(rm.id)).toHaveLength(0);

    const stop = await setWatching.as(watcher.actor)({ releaseKey: r.key, watch: false });
    expect(stop).toMatchObject({ ok: true, data: { watching: false, changed: true } });
    expect(await h.prisma.auditEvent.count({ where: { action: 'release.unwatch', actorId: watcher.id, releaseId: r.id } })).toBe(1);
    await h.prisma.$transaction((tx) =>
      recordTransition(tx, { data: { releaseId: r.id, fromStatus: 'deployed', toStatus: 'handed_over', actorId: rm.id, reason: '' } }),
    );
    expect(await progress(watcher.id)).toHaveLength(5);
    expect(await progress(both.id)).toHaveLength(6);

    // a watcher who may no longer read releases (no role left) hears nothing more
    const gone = await makeUser(h.prisma, ['viewer']);
    await setWatching.as(gone.actor)({ releaseKey: r.key, watch: true });
    await h.prisma.userRole.deleteMany({ where: { userId: gone.id } });
    await h.prisma.$transaction((tx) =>
      recordTransition(tx, { data: { releaseId: r.id, fromStatus: 'handed_over', toStatus: 'in_review', actorId: rm.id, reason: '' } }),
    );
    expect(await progress(gone.id)).toHaveLength(0);
    expect(await progress(watcher.id)).toHaveLength(5);
    expect(await progress(both.id)).toHaveLength(7);
  });

  it('refuses to watch a release that does not exist, by name', async () => {
    const viewer = await makeUser(h.prisma, ['viewer']);
    expect(await setWatching.as(viewer.actor)({ releaseKey: 'REL-999999', watch: true })).toMatchObject({ ok: false, code: 'not_found' });
    expect(await setWatching.as(viewer.actor)({ releaseKey: 'REL-1', watch: 'yes' })).toMatchObject({
      ok: false,
      fieldErrors: { watch: [expect.stringMatching(/watch/)] },
    });
  });
});
