import type { MatrixFixtures } from './types';
import { makeUser, uid } from '../../support/factories';
import { generateToken, hashToken } from '@/lib/server/api-tokens';

export const apiTokens: MatrixFixtures = {
  module: 'api-tokens.ts',
  load: () => import('@/lib/server/api-tokens'),
  mutations: {
    'token.create': {
      permission: 'token.own',
      validInput: async () => ({ name: `ci-${uid()}`, scopes: ['release.read'], expiresInDays: 30 }),
    },
    'token.create_for': {
      permission: 'user.manage',
      validInput: async (h) => {
        const owner = await makeUser(h.prisma, ['operations']);
        return { email: owner.email, name: `pipeline-${uid()}`, scopes: ['build.record', 'release.read'] };
      },
    },
    'token.revoke': {
      permission: 'token.own',
      // Only one's own token can be revoked, and the matrix creates the acting user
      // just before asking for input: the newest user owns the token.
      validInput: async (h) => {
        const newest = await h.prisma.user.findFirstOrThrow({ orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], select: { id: true } });
        const { token, prefix } = generateToken();
        const row = await h.prisma.apiToken.create({
          data: { userId: newest.id, name: `old-${uid()}`, prefix, tokenHash: hashToken(token), scopes: ['*'] },
        });
        return { id: row.id };
      },
    },
  },
};
