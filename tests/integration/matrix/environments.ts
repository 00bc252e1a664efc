import type { MatrixFixtures } from './types';
import { makeEnvironment, uid, uniqueInt } from '../../support/factories';

const WINDOW = {
  label: 'Weekly patching',
  kind: 'recurring',
  rrule: 'FREQ=WEEKLY;BYDAY=TU;BYHOUR=20;BYMINUTE=0',
  durationMinutes: '120',
  timezone: 'Europe/London',
};

export const environments: MatrixFixtures = {
  module: 'environments.ts',
  load: () => import('@/lib/server/environments'),
  mutations: {
    'environment.create': {
      permission: 'environment.edit',
      validInput: async () => ({ name: `env-${uid()}`, displayName: 'Matrix env', tier: 'test', position: uniqueInt() }),
    },
    'environment.update': {
      permission: 'environment.edit',
      validInput: async (h) => {
        const env = await makeEnvironment(h.prisma);
        return {
          id: env.id,
          name: env.name,
          displayName: 'Renamed env',
          tier: 'staging',
          position: env.position,
          protected: 'on',
          deployRoles: ['operations'],
          description: 'Changed',
          version: env.version,
        };
      },
    },
    'environment.window.add': {
      permission: 'environment.edit',
      validInput: async (h) => ({ environmentId: (await makeEnvironment(h.prisma)).id, ...WINDOW }),
    },
    'environment.window.update': {
      permission: 'environment.edit',
      validInput: async (h) => {
        const env = await makeEnvironment(h.prisma);
        const w = await h.prisma.maintenanceWindow.create({
          data: { environmentId: env.id, label: 'Old', kind: 'recurring', rrule: 'FREQ=DAILY;BYHOUR=1', durationMinutes: 30, timezone: 'UTC' },
        });
        const { maintenanceWindowVersion } = await import('@/lib/server/environments');
        return { id: w.id, version: maintenanceWindowVersion(w), ...WINDOW };
      },
    },
    'environment.window.remove': {
      permission: 'environment.edit',
      validInput: async (h) => {
        const env = await makeEnvironment(h.prisma);
        const w = await h.prisma.maintenanceWindow.create({
          data: { environmentId: env.id, label: 'Old', kind: 'one_off', startsAt: new Date('2030-01-01T00:00:00Z'), endsAt: new Date('2030-01-01T02:00:00Z') },
        });
        return { id: w.id };
      },
    },
  },
};
