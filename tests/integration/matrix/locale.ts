import type { MatrixFixtures } from './types';

export const locale: MatrixFixtures = {
  module: 'locale.ts',
  load: () => import('@/lib/server/locale'),
  mutations: {
    'profile.set_locale': {
      permission: 'notification.own',
      validInput: async () => ({ locale: 'fr' }),
    },
  },
};
