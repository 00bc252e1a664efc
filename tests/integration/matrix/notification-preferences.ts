import type { MatrixFixtures } from './types';
import { releaseKey } from '@/lib/domain/release-key';
import { makeRelease } from '../../support/factories';

// One's own notification settings (issue 13): every role may change its own. Each input
// changes something (a choice away from every role's default; a stored choice to reset).

export const notificationPreferences: MatrixFixtures = {
  module: 'notification-preferences.ts',
  load: () => import('@/lib/server/notification-preferences'),
  mutations: {
    'notification.preferences_save': {
      permission: 'notification.own',
      validInput: async () => ({ choices: [{ kind: 'release.progress', inApp: false, email: 'off' }] }),
    },
    'notification.preferences_reset': {
      permission: 'notification.own',
      validInput: async () => ({}),
    },
  },
};

export const watchers: MatrixFixtures = {
  module: 'watchers.ts',
  load: () => import('@/lib/server/watchers'),
  mutations: {
    'release.watch': {
      permission: 'release.read',
      validInput: async (h) => ({ releaseKey: releaseKey((await makeRelease(h.prisma)).number), watch: true }),
    },
  },
};
