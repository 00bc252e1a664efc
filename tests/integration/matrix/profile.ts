import type { MatrixFixtures } from './types';

export const profile: MatrixFixtures = {
  module: 'profile.ts',
  load: () => import('@/lib/server/profile'),
  mutations: {
    'profile.set_time_zone': {
      permission: 'notification.own',
      validInput: async () => ({ timeZone: 'Europe/Paris' }),
    },
  },
};
