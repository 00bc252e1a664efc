import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/lib/server/db';
import { nowMs } from '@/lib/server/clock';
import { runTimedWork } from '@/lib/server/jobs/runtime';
import { notifyWindowsMissed, notifyWindowsOpening } from '@/lib/server/window-reminders';
import { freshDatabase } from '../support/db';
import { makeUser, uid, uniqueInt } from '../support/factories';

// Timed reminders about deployment windows (issue 13), on explicit instants of Relm's clock:
// once per window, again when the window moves, none for a window that was used.

let h: DbHandle;
beforeAll(async () => {
  h = await freshDatabase();
});
afterAll(async () => {
  await h?.close();
});

const HOUR = 3_600_000;

async function scheduled(start: number, hours = 2) {
  const owner = await makeUser(h.prisma, ['release_manager']);
  const env = await h.prisma.environment.create({ data: { name: `prod-${uid()}`, displayName: 'Production', tier: 'production', position: uniqueInt() } });
  const r = await h.prisma.release.create({
    data: { title: `Billing ${uid()}`, type: 'normal', ownerId: owner.id, requesterId: owner.id, status: 'scheduled', timezone: 'Europe/London' },
  });
  await h.prisma.releaseEnvironment.create({
    data: { releaseId: r.id, environmentId: env.id, scheduledStart: new Date(start), scheduledEnd: new Date(start + hours * HOUR) },
  });
  return { r, env, owner };
}

const told = (releaseId: string, kind: string) => h.prisma.notification.findMany({ where: { releaseId, kind }, orderBy: { createdAt: 'asc' } });

describe('a window opening soon', () => {
  it('tells the owner and operations once, a day ahead, and again when the window moves', async () => {
    const ops = await makeUser(h.prisma, ['operations']);
    const t0 = nowMs();
    const { r, env, owner } = await scheduled(t0 + 30 * HOUR);
    // 30 hours ahead: not yet
    await notifyWindowsOpening(new Date(t0));
    expect(await told(r.id, 'window.opening')).toHaveLength(0);
    // 24 hours before: the owner and operations hear of it, once
    await notifyWindowsOpening(new Date(t0 + 7 * HOUR));
    await notifyWindowsOpening(new Date(t0 + 8 * HOUR));
    const first = await told(r.id, 'window.opening');
    expect(first.map((n) => n.userId)).toEqual(expect.arrayContaining([owner.id, ops.id]));
    expect(new Set(first.map((n) => n.userId)).size).toBe(first.length);
    const mine = first.find((n) => n.userId === owner.id)!;
    expect(mine.title).toMatch(/deploys to Production in about 23 h$/);
    expect(mine.link).toContain(`/deployments#window-${env.name}-`);
    // the window moves by a day: a new reminder when it comes near
    await h.prisma.releaseEnvironment.updateMany({
      where: { releaseId: r.id },
      data: { scheduledStart: new Date(t0 + 54 * HOUR), scheduledEnd: new Date(t0 + 56 * HOUR) },
    });
    await runTimedWork(new Date(t0 + 31 * HOUR));
    expect((await told(r.id, 'window.opening')).length).toBe(first.length * 2);
  });
});

describe('a window that passed with nothing deployed', () => {
  it('tells the owner once; a window with a deployment is left alone', async () => {
    const t0 = nowMs();
    const missed = await scheduled(t0 - 5 * HOUR);
    const used = await scheduled(t0 - 5 * HOUR);
    await h.prisma.deployment.create({
      data: {
        releaseId: used.r.id,
        environmentId: used.env.id,
        kind: 'deploy',
        status: 'succeeded',
        startedAt: new Date(t0 - 4 * HOUR),
        executedBy: 'ci',
        triggeredById: used.owner.id,
      },
    });
    await notifyWindowsMissed(new Date(t0));
    await notifyWindowsMissed(new Date(t0 + HOUR));
    const n = await told(missed.r.id, 'window.missed');
    expect(n.map((x) => x.userId)).toEqual([missed.owner.id]);
    expect(n[0]!.title).toContain('ended with nothing deployed');
    expect(await told(used.r.id, 'window.missed')).toHaveLength(0);
  });
});
