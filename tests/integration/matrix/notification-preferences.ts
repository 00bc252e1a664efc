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
      // the matrix creates the acting user just before asking for input: the newest user has a choice to reset
      validInput: async (h) => {
        const newest = await h.prisma.user.findFirstOrThrow({ orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], select: { id: true } });
        await h.prisma.notificationPreference.create({ data: { userId: newest.id, kind: 'window.missed', inApp: false, email: 'off', updatedAt: new Date() } });
        return {};
      },
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
