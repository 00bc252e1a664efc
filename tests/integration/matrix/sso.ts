import type { MatrixFixtures } from './types';
import { makeTeam, makeUser, uid } from '../../support/factories';

export const ssoAdmin: MatrixFixtures = {
  module: 'sso-admin.ts',
  load: () => import('@/lib/server/sso-admin'),
  mutations: {
    'sso.mapping_create': {
      permission: 'user.manage',
      validInput: async (h) => ({ group: `group-${uid()}`, roles: ['viewer', 'approver'], teamId: (await makeTeam(h.prisma)).id, priority: '10' }),
    },
    'sso.mapping_delete': {
      permission: 'user.manage',
      validInput: async (h) => ({ id: (await h.prisma.oidcGroupMapping.create({ data: { group: `group-${uid()}`, roles: ['viewer'] } })).id }),
    },
    'sso.settings_update': {
      permission: 'user.manage',
      // a different break-glass admin each time: always a change
      validInput: async (h) => ({ passwordSignIn: true, breakGlassEmails: (await makeUser(h.prisma, ['admin'])).email }),
    },
  },
};
