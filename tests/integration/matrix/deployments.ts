import type { PrismaClient } from '@/lib/generated/prisma/client';
import type { MatrixFixtures } from './types';
import { makeEnvironment } from '../../support/factories';
import { readyRelease } from '../lifecycle-support';
import { now as clockNow, nowMs } from '@/lib/server/clock';

const HOUR = 3_600_000;

/** A scheduled release with a sealed package, one target environment and a window around the clock's now. */
async function deployable(prisma: PrismaClient) {
  const r = await readyRelease(prisma);
  const env = await makeEnvironment(prisma);
  const now = nowMs();
  await prisma.releaseEnvironment.create({
    data: { releaseId: r.id, environmentId: env.id, scheduledStart: new Date(now - HOUR), scheduledEnd: new Date(now + HOUR) },
  });
  await prisma.release.update({ where: { id: r.id }, data: { status: 'scheduled' } });
  return { ...r, env };
}

/** A deployment in progress, written directly (the matrix checks the mutation under test only). */
async function inProgress(prisma: PrismaClient) {
  const r = await deployable(prisma);
  await prisma.release.update({ where: { id: r.id }, data: { status: 'deploying' } });
  const d = await prisma.deployment.create({
    data: { releaseId: r.id, environmentId: r.env.id, status: 'in_progress', executedBy: 'matrix', startedAt: clockNow() },
  });
  return d.id;
}

export const deployments: MatrixFixtures = {
  module: 'deployments.ts',
  load: () => import('@/lib/server/deployments'),
  mutations: {
    'deployment.record': {
      permission: 'deployment.record',
      validInput: async (h) => {
        const r = await deployable(h.prisma);
        return { releaseKey: r.key, environment: r.env.name };
      },
    },
    'deployment.update_status': {
      permission: 'deployment.record',
      validInput: async (h) => ({ id: await inProgress(h.prisma), status: 'failed', notes: 'matrix' }),
    },
    'deployment.add_verification': {
      permission: 'deployment.record',
      validInput: async (h) => ({ deploymentId: await inProgress(h.prisma), name: 'smoke tests', status: 'passed', evidenceUrl: 'https://ci.example/1' }),
    },
  },
};
