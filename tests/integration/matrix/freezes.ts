import type { MatrixFixtures } from './types';
import { makeEnvironment, makeFreezeWindow, makeRelease, makeUser, uid } from '../../support/factories';
import type { DbHandle } from '@/lib/server/db';

/** A requested override of a fresh freeze, by a stored release manager (never the matrix actor). */
async function requestedOverride(h: DbHandle) {
  const [env, freeze, requester] = await Promise.all([makeEnvironment(h.prisma), makeFreezeWindow(h.prisma), makeUser(h.prisma, ['release_manager'])]);
  const release = await makeRelease(h.prisma, { ownerId: requester.id });
  return h.prisma.freezeOverride.create({
    data: { freezeId: freeze.id, releaseId: release.id, environmentId: env.id, reason: 'Critical payment fix agreed with the CFO.', requestedById: requester.id },
  });
}

export const freezes: MatrixFixtures = {
  module: 'freezes.ts',
  load: () => import('@/lib/server/freezes'),
  mutations: {
    'freeze.create': {
      permission: 'freeze.edit',
      validInput: async () => ({
        name: `Weekend freeze ${uid()}`,
        reason: 'No changes at weekends.',
        kind: 'recurring',
        rrule: 'FREQ=WEEKLY;BYDAY=FR;BYHOUR=18;BYMINUTE=0',
        durationMinutes: '3600',
        timezone: 'Europe/London',
      }),
    },
    'freeze.update': {
      permission: 'freeze.edit',
      validInput: async (h) => {
        const f = await makeFreezeWindow(h.prisma);
        return { id: f.id, version: f.version, name: `${f.name} (edited)`, reason: 'Changed', kind: 'one_off', startsAt: '2030-01-01T00:00', endsAt: '2030-01-03T00:00', timezone: 'UTC' };
      },
    },
    'freeze.set_active': {
      permission: 'freeze.edit',
      validInput: async (h) => ({ id: (await makeFreezeWindow(h.prisma)).id, active: false }),
    },
    'freeze.override_request': {
      permission: 'freeze.override',
      validInput: async (h) => {
        const [env, freeze, release] = await Promise.all([makeEnvironment(h.prisma), makeFreezeWindow(h.prisma), makeRelease(h.prisma)]);
        return { releaseKey: `REL-${release.number}`, freezeId: freeze.id, environmentName: env.name, reason: 'Critical payment fix agreed with the CFO.' };
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
