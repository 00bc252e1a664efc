import type { MatrixFixtures } from './types';
import { backoutScene, deployedScene } from '../backout-support';

export const backout: MatrixFixtures = {
  module: 'backout.ts',
  load: () => import('@/lib/server/backout'),
  mutations: {
    'backout.save': {
      permission: 'release.edit',
      validInput: async (h) => {
        const s = await backoutScene(h.prisma);
        return {
          releaseKey: s.key,
          version: s.version,
          expectedDurationMinutes: 15,
          triggerCriteria: 'Smoke tests fail',
          steps: [{ description: 'Redeploy the previous build', expectedMinutes: 15 }],
          targets: [],
        };
      },
    },
    'backout.rehearsal': {
      permission: 'release.edit',
      validInput: async (h) => {
        const s = await deployedScene(h.prisma);
        return { releaseKey: s.key, at: '2026-01-10T10:00:00Z', result: 'passed', notes: '' };
      },
    },
    'backout.execute': {
      permission: 'deployment.record',
      validInput: async (h) => {
        const s = await deployedScene(h.prisma);
        return { releaseKey: s.key, environment: s.env.name, reason: 'Error rate above 2%' };
      },
    },
  },
};
