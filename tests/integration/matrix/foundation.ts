import type { MatrixFixtures } from './types';
import { makeTeam, makeUser, uid } from '../../support/factories';

export const users: MatrixFixtures = {
  module: 'users.ts',
  load: () => import('@/lib/server/users'),
  mutations: {
    'user.create': {
      permission: 'user.manage',
      validInput: async () => ({
        email: `new-${uid()}@test.relm`,
        name: 'New Person',
        roles: ['viewer'],
        password: 'correct horse battery staple',
      }),
    },
    'user.update': {
      permission: 'user.manage',
      validInput: async (h) => {
        const target = await makeUser(h.prisma, ['viewer']);
        const row = await h.prisma.user.findUniqueOrThrow({ where: { id: target.id } });
        const team = await makeTeam(h.prisma);
        return { id: target.id, name: 'Renamed Person', roles: ['viewer', 'approver'], teamId: team.id, version: row.version };
      },
    },
    'user.set_disabled': {
      permission: 'user.manage',
      validInput: async (h) => ({ id: (await makeUser(h.prisma, ['viewer'])).id, disabled: true }),
    },
    'user.reset_password': {
      permission: 'user.manage',
      validInput: async (h) => ({ id: (await makeUser(h.prisma, ['viewer'])).id, password: 'a new long passphrase' }),
    },
  },
};

export const teams: MatrixFixtures = {
  module: 'teams.ts',
  load: () => import('@/lib/server/teams'),
  mutations: {
    'team.create': {
      permission: 'team.manage',
      validInput: async () => {
        const id = uid();
        return { name: `Team ${id}`, slug: `team-${id}` };
      },
    },
    'team.update': {
      permission: 'team.manage',
      validInput: async (h) => {
        const team = await makeTeam(h.prisma);
        const id = uid();
        return { id: team.id, name: `Renamed ${id}`, slug: `renamed-${id}`, description: 'New purpose', version: team.version };
      },
    },
    'team.delete': {
      permission: 'team.manage',
      validInput: async (h) => ({ id: (await makeTeam(h.prisma)).id }),
    },
  },
};

export const auditTrail: MatrixFixtures = {
  module: 'audit-trail.ts',
  load: () => import('@/lib/server/audit-trail'),
  mutations: {
    'audit.verify': { permission: 'audit.read', validInput: async () => ({}) },
  },
};
