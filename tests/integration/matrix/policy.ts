import type { MatrixFixtures } from './types';
import { DEMO_POLICY_DOCUMENT } from '@/prisma/seed/data/policy';
import { uid } from '../../support/factories';

export const policy: MatrixFixtures = {
  module: 'policy.ts',
  load: () => import('@/lib/server/policy'),
  mutations: {
    'policy.update': {
      permission: 'policy.edit',
      validInput: async (h) => {
        const latest = await h.prisma.policyVersion.findFirst({ orderBy: { version: 'desc' } });
        // a change that differs from whatever the latest version holds
        return { basedOnVersion: latest?.version ?? 0, note: 'Matrix check', document: { ...DEMO_POLICY_DOCUMENT, name: `Policy ${uid()}` } };
      },
    },
  },
};
