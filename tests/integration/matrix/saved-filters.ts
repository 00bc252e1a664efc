import type { MatrixFixtures } from './types';
import type { DbHandle } from '@/lib/server/db';
import { now } from '@/lib/server/clock';

/**
 * A saved filter of the acting user. Only its owner may rename or delete one, and the matrix
 * creates the acting user just before asking for input: the newest user owns it.
 */
async function ownFilterOf(h: DbHandle) {
  const newest = await h.prisma.user.findFirstOrThrow({ orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], select: { id: true } });
  const f = await h.prisma.savedFilter.create({
    data: { userId: newest.id, name: `Mine ${Math.random().toString(36).slice(2, 8)}`, query: 'status=active', createdAt: now() },
  });
  return { id: f.id };
}

export const savedFilters: MatrixFixtures = {
  module: 'saved-filters.ts',
  load: () => import('@/lib/server/saved-filters'),
  mutations: {
    'release_filter.save': {
      permission: 'release.read',
      validInput: async () => ({ name: 'My payments', query: 'component=payments-api&status=active' }),
    },
    'release_filter.rename': {
      permission: 'release.read',
      validInput: async (h) => ({ ...(await ownFilterOf(h)), name: 'Renamed' }),
    },
    'release_filter.delete': {
      permission: 'release.read',
      validInput: async (h) => ownFilterOf(h),
    },
  },
};
