import type { MatrixFixtures } from './types';
import { readyRelease } from '../lifecycle-support';

export const lifecycle: MatrixFixtures = {
  module: 'transitions.ts',
  load: () => import('@/lib/server/transitions'),
  mutations: {
    'release.transition': {
      permission: 'release.transition',
      validInput: async (h) => {
        const r = await readyRelease(h.prisma);
        return { releaseKey: r.key, to: 'submitted', version: r.version };
      },
    },
  },
};
