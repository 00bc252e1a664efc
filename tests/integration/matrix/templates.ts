import type { DbHandle } from '@/lib/server/db';
import type { MatrixFixtures } from './types';
import { releaseKey } from '@/lib/domain/release-key';
import { makeRelease, uid } from '../../support/factories';

/** A template with one (empty-bodied) version, not retired and not named by any policy. */
async function templateOf(h: DbHandle) {
  return h.prisma.releaseTemplate.create({
    data: { name: `Template ${uid()}`, versions: { create: [{ version: 1, body: { type: 'normal' } }] } },
  });
}

export const templates: MatrixFixtures = {
  module: 'templates.ts',
  load: () => import('@/lib/server/templates'),
  mutations: {
    'template.save': {
      permission: 'template.write',
      validInput: async (h) => ({ releaseKey: releaseKey((await makeRelease(h.prisma)).number), name: `Template ${uid()}` }),
    },
    'template.rename': {
      permission: 'template.write',
      validInput: async (h) => ({ templateId: (await templateOf(h)).id, name: `Renamed ${uid()}` }),
    },
    'template.retire': {
      permission: 'template.write',
      validInput: async (h) => ({ templateId: (await templateOf(h)).id, retired: true }),
    },
    'release.copy': {
      permission: 'release.create',
      validInput: async (h) => ({ releaseKey: releaseKey((await makeRelease(h.prisma)).number) }),
    },
  },
};
