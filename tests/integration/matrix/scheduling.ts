import type { PrismaClient } from '@/lib/generated/prisma/client';
import type { MatrixFixtures } from './types';
import { makeBuild, makeComponent, makeEnvironment, makeUser, uid } from '../../support/factories';
import { releaseKey } from '@/lib/domain/release-key';

/** an approved release shipping `componentId`, targeting `environmentId`, with an optional window */
async function releaseWith(
  prisma: PrismaClient,
  environmentId: string,
  componentId: string,
  window?: [Date, Date],
  status: 'approved' | 'scheduled' = 'approved',
) {
  const owner = await makeUser(prisma, ['release_manager']);
  const r = await prisma.release.create({ data: { title: `Release ${uid()}`, type: 'normal', ownerId: owner.id, requesterId: owner.id, status } });
  const pkg = await prisma.releasePackage.create({ data: { releaseId: r.id } });
  const b = await makeBuild(prisma, { componentId });
  await prisma.packageItem.create({ data: { packageId: pkg.id, componentId, buildId: b.id } });
  await prisma.releaseEnvironment.create({ data: { releaseId: r.id, environmentId, scheduledStart: window?.[0] ?? null, scheduledEnd: window?.[1] ?? null } });
  return { key: releaseKey(r.number), version: r.version };
}

export const scheduling: MatrixFixtures = {
  module: 'scheduling.ts',
  load: () => import('@/lib/server/scheduling'),
  mutations: {
    'release.schedule': {
      permission: 'release.edit',
      validInput: async (h) => {
        const env = await makeEnvironment(h.prisma);
        const c = await makeComponent(h.prisma);
        const r = await releaseWith(h.prisma, env.id, c.id);
        return {
          releaseKey: r.key,
          version: r.version,
          windows: [{ environment: env.name, start: '2031-03-04T10:00', end: '2031-03-04T12:00' }],
          timezone: 'UTC',
        };
      },
    },
    'release.acknowledge_conflict': {
      permission: 'release.edit',
      validInput: async (h) => {
        // a component conflict (acknowledgeable under the default policy) across two environments
        const [a, b] = [await makeEnvironment(h.prisma), await makeEnvironment(h.prisma)];
        const c = await makeComponent(h.prisma);
        const other = await releaseWith(h.prisma, a.id, c.id, [new Date('2031-05-01T10:00:00Z'), new Date('2031-05-01T12:00:00Z')], 'scheduled');
        const mine = await releaseWith(h.prisma, b.id, c.id, [new Date('2031-05-01T11:00:00Z'), new Date('2031-05-01T13:00:00Z')]);
        const comp = await h.prisma.component.findUniqueOrThrow({ where: { id: c.id } });
        return {
          releaseKey: mine.key,
          otherReleaseKey: other.key,
          kind: 'component',
          component: comp.name,
          reason: 'Independent deploys in different environments',
        };
      },
    },
  },
};
