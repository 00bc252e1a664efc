import type { DbHandle } from '@/lib/server/db';
import type { MatrixFixtures } from './types';
import { makeRelease, makeUser } from '../../support/factories';
import { releaseKey } from '@/lib/domain/release-key';

// Co-managers of a release (lib/server/release-managers.ts): valid input is a draft release
// and another release manager to add, or one already added to remove.

async function releaseAndManager(h: DbHandle, added: boolean) {
  const [release, other] = await Promise.all([makeRelease(h.prisma), makeUser(h.prisma, ['release_manager'], { teamId: null })]);
  if (added) await h.prisma.releaseCoManager.create({ data: { releaseId: release.id, userId: other.id } });
  return { releaseKey: releaseKey(release.number), userId: other.id, version: release.version };
}

export const releaseManagers: MatrixFixtures = {
  module: 'release-managers.ts',
  load: () => import('@/lib/server/release-managers'),
  mutations: {
    'release.co_manager_add': { permission: 'release.edit', validInput: (h) => releaseAndManager(h, false) },
    'release.co_manager_remove': { permission: 'release.edit', validInput: (h) => releaseAndManager(h, true) },
  },
};
