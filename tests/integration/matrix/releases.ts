import type { DbHandle } from '@/lib/server/db';
import type { MatrixFixtures } from './types';
import { makeEnvironment, makeRelease, uid } from '../../support/factories';
import { nowMs } from '@/lib/server/clock';
import { releaseKey } from '@/lib/domain/release-key';

const keyOf = (n: number) => releaseKey(n);

async function draftRelease(h: DbHandle) {
  return makeRelease(h.prisma);
}

async function taskOf(h: DbHandle, started = false) {
  const release = await draftRelease(h);
  return h.prisma.planTask.create({
    data: { releaseId: release.id, name: `Task ${uid()}`, estimateMinutes: 30, actualStart: started ? new Date(nowMs() - 60_000) : null },
  });
}

async function riskOf(h: DbHandle) {
  const release = await draftRelease(h);
  return h.prisma.risk.create({ data: { releaseId: release.id, title: `Risk ${uid()}`, likelihood: 2, impact: 3, score: 6 } });
}

export const releaseEdits: MatrixFixtures = {
  module: 'release-edits.ts',
  load: () => import('@/lib/server/release-edits'),
  mutations: {
    'release.create': {
      permission: 'release.create',
      validInput: async (h) => {
        const env = await makeEnvironment(h.prisma);
        return {
          title: `Release ${uid()}`,
          type: 'normal',
          environments: [env.name],
          plannedStart: '2030-03-01T20:00',
          plannedEnd: '2030-03-01T22:00',
          timezone: 'Europe/Berlin',
        };
      },
    },
    'release.update': {
      permission: 'release.edit',
      validInput: async (h) => {
        const [release, env] = await Promise.all([draftRelease(h), makeEnvironment(h.prisma)]);
        return {
          key: keyOf(release.number),
          version: release.version,
          title: `Renamed ${uid()}`,
          type: 'major',
          ownerId: release.ownerId,
          environments: [env.name],
        };
      },
    },
    'release.no_known_risks': {
      permission: 'risk.edit',
      validInput: async (h) => {
        const release = await draftRelease(h);
        return { releaseKey: keyOf(release.number), version: release.version, noKnownRisks: true, statement: 'Config-only change.' };
      },
    },
  },
};

export const risks: MatrixFixtures = {
  module: 'risks.ts',
  load: () => import('@/lib/server/risks'),
  mutations: {
    'risk.add': {
      permission: 'risk.edit',
      validInput: async (h) => ({ releaseKey: keyOf((await draftRelease(h)).number), title: 'Database lock contention', likelihood: 3, impact: 4 }),
    },
    'risk.update': {
      permission: 'risk.edit',
      validInput: async (h) => ({
        riskId: (await riskOf(h)).id,
        title: 'Renamed risk',
        likelihood: 5,
        impact: 5,
        status: 'mitigated',
        mitigation: 'Feature flag',
      }),
    },
    'risk.remove': {
      permission: 'risk.edit',
      validInput: async (h) => ({ riskId: (await riskOf(h)).id }),
    },
  },
};

export const plan: MatrixFixtures = {
  module: 'plan.ts',
  load: () => import('@/lib/server/plan'),
  mutations: {
    'plan.add_task': {
      permission: 'plan.edit',
      validInput: async (h) => ({ releaseKey: keyOf((await draftRelease(h)).number), name: 'Deploy API', estimateMinutes: 20 }),
    },
    'plan.update_task': {
      permission: 'plan.edit',
      validInput: async (h) => ({ taskId: (await taskOf(h)).id, name: 'Run migrations', estimateMinutes: 45 }),
    },
    'plan.remove_task': {
      permission: 'plan.edit',
      validInput: async (h) => ({ taskId: (await taskOf(h)).id }),
    },
    'plan.start_task': {
      permission: 'plan.edit',
      validInput: async (h) => ({ taskId: (await taskOf(h)).id }),
    },
    'plan.finish_task': {
      permission: 'plan.edit',
      validInput: async (h) => ({ taskId: (await taskOf(h, true)).id }),
    },
  },
};
