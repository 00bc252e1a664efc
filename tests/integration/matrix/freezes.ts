import type { MatrixFixtures } from './types';
import { makeEnvironment, makeFreezeWindow, makeRelease, makeUser, uid } from '../../support/factories';
import type { DbHandle } from '@/lib/server/db';
import { releaseKey } from '@/lib/domain/release-key';

// Every freeze made here covers only environments made for it, so that none
// leaks onto another fixture's deployment, whatever the clock says.

/** A requested override of a fresh freeze, by a stored release manager (never the matrix actor). */
async function requestedOverride(h: DbHandle) {
  const env = await makeEnvironment(h.prisma);
  const [freeze, requester] = await Promise.all([makeFreezeWindow(h.prisma, { environmentIds: [env.id] }), makeUser(h.prisma, ['release_manager'])]);
  const release = await makeRelease(h.prisma, { ownerId: requester.id });
  return h.prisma.freezeOverride.create({
    data: {
      freezeId: freeze.id,
      releaseId: release.id,
      environmentId: env.id,
      reason: 'Critical payment fix agreed with the CFO.',
      requestedById: requester.id,
    },
  });
}

export const freezes: MatrixFixtures = {
  module: 'freezes.ts',
  load: () => import('@/lib/server/freezes'),
  mutations: {
    'freeze.create': {
      permission: 'freeze.edit',
      // Scoped to an environment of its own: an unscoped freeze would cover every
      // environment and refuse other fixtures' deployments whenever it is in force.
      validInput: async (h) => ({
        name: `Weekend freeze ${uid()}`,
        reason: 'No changes at weekends.',
        kind: 'recurring',
        rrule: 'FREQ=WEEKLY;BYDAY=FR;BYHOUR=18;BYMINUTE=0',
        durationMinutes: '3600',
        timezone: 'Europe/London',
        environments: [(await makeEnvironment(h.prisma)).name],
      }),
    },
    'freeze.update': {
      permission: 'freeze.edit',
      validInput: async (h) => {
        const env = await makeEnvironment(h.prisma);
        const f = await makeFreezeWindow(h.prisma, { environmentIds: [env.id] });
        return {
          id: f.id,
          version: f.version,
          name: `${f.name} (edited)`,
          reason: 'Changed',
          kind: 'one_off',
          startsAt: '2030-01-01T00:00',
          endsAt: '2030-01-03T00:00',
          timezone: 'UTC',
          environments: [env.name],
        };
      },
    },
    'freeze.set_active': {
      permission: 'freeze.edit',
      validInput: async (h) => ({ id: (await makeFreezeWindow(h.prisma, { environmentIds: [(await makeEnvironment(h.prisma)).id] })).id, active: false }),
    },
    'freeze.override_request': {
      permission: 'freeze.override',
      validInput: async (h) => {
        const env = await makeEnvironment(h.prisma);
        const [freeze, release] = await Promise.all([makeFreezeWindow(h.prisma, { environmentIds: [env.id] }), makeRelease(h.prisma)]);
        return { releaseKey: releaseKey(release.number), freezeId: freeze.id, environmentName: env.name, reason: 'Critical payment fix agreed with the CFO.' };
      },
    },
    'freeze.override_confirm': {
      permission: 'freeze.override',
      validInput: async (h) => ({ id: (await requestedOverride(h)).id }),
    },
    'freeze.override_refuse': {
      permission: 'freeze.override',
      validInput: async (h) => ({ id: (await requestedOverride(h)).id }),
    },
  },
};
