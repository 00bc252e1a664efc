import type { DbHandle } from '@/lib/server/db';
import type { MatrixFixtures } from './types';
import { releaseKey } from '@/lib/domain/release-key';
import { upcomingDepartures } from '@/lib/domain/trains';
import { now } from '@/lib/server/clock';
import { makeEnvironment, makeRelease, makeUser, uid } from '../../support/factories';

// Release trains (lib/server/trains.ts). A daily train with a cut-off of 0 h still takes joins
// whatever the clock says; one with the longest cut-off (two weeks) is always past it, for a
// late-join request. The releases are drafts owned by a stored release manager.

async function train(h: DbHandle, cutoffMinutes: number) {
  const env = await makeEnvironment(h.prisma);
  return h.prisma.train.create({
    data: {
      slug: `train-${uid()}`.toLowerCase(),
      name: `Train ${uid()}`,
      rrule: 'FREQ=DAILY;BYHOUR=10;BYMINUTE=0',
      timezone: 'UTC',
      cutoffMinutes,
      environments: { create: [{ environmentId: env.id }] },
    },
  });
}

async function departureInput(h: DbHandle, cutoffMinutes: number) {
  const t = await train(h, cutoffMinutes);
  const release = await makeRelease(h.prisma);
  const d = upcomingDepartures({ rrule: t.rrule, cron: null, timezone: t.timezone }, cutoffMinutes, now(), 1)[0]!;
  return { t, release, d, input: { releaseKey: releaseKey(release.number), trainId: t.id, departureAt: d.departureAt.toISOString() } };
}

/** A requested late join by a stored release manager (never the matrix actor). */
async function requestedLateJoin(h: DbHandle) {
  const { t, release, d } = await departureInput(h, 60 * 24 * 14);
  const requester = await makeUser(h.prisma, ['release_manager']);
  const dep = await h.prisma.trainDeparture.create({ data: { trainId: t.id, departureAt: d.departureAt, cutoffAt: d.cutoffAt } });
  return h.prisma.trainLateJoin.create({
    data: { departureId: dep.id, releaseId: release.id, reason: 'Payment provider deadline, agreed with the CAB.', requestedById: requester.id },
  });
}

export const trains: MatrixFixtures = {
  module: 'trains.ts',
  load: () => import('@/lib/server/trains'),
  mutations: {
    'train.create': {
      permission: 'train.write',
      validInput: async (h) => ({
        name: `Weekly train ${uid()}`,
        rrule: 'FREQ=WEEKLY;BYDAY=TU;BYHOUR=10;BYMINUTE=0',
        timezone: 'Europe/London',
        cutoffHours: '24',
        environments: [(await makeEnvironment(h.prisma)).name],
      }),
    },
    'train.update': {
      permission: 'train.write',
      validInput: async (h) => {
        const t = await train(h, 60);
        const env = await h.prisma.trainEnvironment.findFirstOrThrow({ where: { trainId: t.id }, select: { environment: { select: { name: true } } } });
        return {
          id: t.id,
          version: t.version,
          name: `${t.name} (edited)`,
          rrule: t.rrule,
          timezone: 'UTC',
          cutoffHours: '2',
          environments: [env.environment.name],
        };
      },
    },
    'train.join': {
      permission: 'release.edit',
      validInput: async (h) => (await departureInput(h, 0)).input,
    },
    'train.leave': {
      permission: 'release.edit',
      validInput: async (h) => {
        const { t, release, d } = await departureInput(h, 0);
        const dep = await h.prisma.trainDeparture.create({ data: { trainId: t.id, departureAt: d.departureAt, cutoffAt: d.cutoffAt } });
        await h.prisma.trainSeat.create({ data: { releaseId: release.id, departureId: dep.id, joinedAt: now() } });
        return { releaseKey: releaseKey(release.number) };
      },
    },
    'train.late_join_request': {
      permission: 'release.edit',
      validInput: async (h) => ({ ...(await departureInput(h, 60 * 24 * 14)).input, reason: 'Payment provider deadline, agreed with the CAB.' }),
    },
    'train.late_join_grant': {
      permission: 'freeze.override',
      validInput: async (h) => ({ id: (await requestedLateJoin(h)).id }),
    },
    'train.late_join_refuse': {
      permission: 'freeze.override',
      validInput: async (h) => ({ id: (await requestedLateJoin(h)).id }),
    },
  },
};
