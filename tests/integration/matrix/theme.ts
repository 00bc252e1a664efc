import type { MatrixFixtures } from './types';

export const theme: MatrixFixtures = {
  module: 'theme.ts',
  load: () => import('@/lib/server/theme'),
  mutations: {
    'profile.set_theme': {
      permission: 'session.own',
      validInput: async () => ({ theme: 'dark' }),
    },
  },
};
