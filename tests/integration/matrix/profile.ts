import type { MatrixFixtures } from './types';

export const profile: MatrixFixtures = {
  module: 'profile.ts',
  load: () => import('@/lib/server/profile'),
  mutations: {
    'profile.set_time_zone': {
      permission: 'notification.own',
      validInput: async () => ({ timeZone: 'Europe/Paris' }),
    },
    'profile.default_time_zone': {
      permission: 'notification.own',
      validInput: async () => ({ timeZone: 'Europe/Paris' }),
    },
    // the matrix's users have no real password: the attempt is refused as data (changed: false),
    // counted and audited, which is what a caller holding the permission gets
    'user.change_password': {
      permission: 'session.own',
      validInput: async () => ({
        currentPassword: 'not-their-password',
        newPassword: 'orbit lantern quietly 42 mosaic',
        confirmPassword: 'orbit lantern quietly 42 mosaic',
      }),
    },
  },
};
