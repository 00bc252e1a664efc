import type { MatrixFixtures } from './types';
import { digest, makeComponent, makeTeam, uid } from '../../support/factories';

export const components: MatrixFixtures = {
  module: 'components.ts',
  load: () => import('@/lib/server/components'),
  mutations: {
    'component.create': {
      permission: 'component.edit',
      validInput: async (h) => {
        const [team, dep] = await Promise.all([makeTeam(h.prisma), makeComponent(h.prisma)]);
        return { name: `svc-${uid()}`, ownerTeamId: team.id, tier: 2, dependencies: [{ component: dep.name, range: '>=1.2 <2' }] };
      },
    },
    'component.update': {
      permission: 'component.edit',
      validInput: async (h) => {
        const [c, dep] = await Promise.all([makeComponent(h.prisma), makeComponent(h.prisma)]);
        return {
          id: c.id,
          name: c.name,
          ownerTeamId: c.ownerTeamId,
          tier: 1,
          description: 'Edited',
          dependencies: [{ component: dep.name, range: '^2.0.0' }],
          version: c.version,
        };
      },
    },
  },
};

export const builds: MatrixFixtures = {
  module: 'builds.ts',
  load: () => import('@/lib/server/builds'),
  mutations: {
    'build.record': {
      permission: 'build.record',
      validInput: async (h) => ({ component: (await makeComponent(h.prisma)).name, version: '1.2.3', artifactDigest: digest(), workItems: [{ key: 'PAY-1' }] }),
    },
  },
};
