import type { MatrixFixtures } from './types';
import type { DbHandle } from '@/lib/server/db';
import { releaseKey } from '@/lib/domain/release-key';
import { makeBuild, makeComponent, makeRelease, uid } from '../../support/factories';

const TEXT = {
  title: 'Invoices can be paid by card',
  summary: 'From Monday you can pay invoices by card.',
  body: 'Choose **Pay by card**.',
  effective: 'Monday from 08:00 CET',
  contact: '#billing-help',
};

/** A deployed release shipping one component with a distribution list, with its announcement as given. */
async function deployedRelease(h: DbHandle, announcement?: 'draft' | 'published') {
  const component = await makeComponent(h.prisma);
  await h.prisma.component.update({ where: { id: component.id }, data: { distributionList: `users-${uid()}@example.com` } });
  const r = await makeRelease(h.prisma);
  const pkg = await h.prisma.releasePackage.create({ data: { releaseId: r.id } });
  const build = await makeBuild(h.prisma, { componentId: component.id });
  await h.prisma.packageItem.create({ data: { packageId: pkg.id, componentId: component.id, buildId: build.id } });
  await h.prisma.release.update({ where: { id: r.id }, data: { status: 'deployed' } });
  if (announcement) {
    const a = await h.prisma.announcement.create({
      data: {
        releaseId: r.id,
        ...TEXT,
        status: announcement,
        ...(announcement === 'published' ? { publishedAt: new Date('2026-12-01T10:00:00Z'), revision: 1 } : {}),
      },
    });
    if (announcement === 'published') {
      await h.prisma.announcementComponent.create({ data: { announcementId: a.id, componentId: component.id } });
      await h.prisma.announcementRevision.create({
        data: { announcementId: a.id, revision: 1, ...TEXT, publishedBy: 'Rita Manager', publishedAt: new Date('2026-12-01T10:00:00Z') },
      });
    }
    return { key: releaseKey(r.number), version: a.version };
  }
  return { key: releaseKey(r.number), version: 0 };
}

export const announcements: MatrixFixtures = {
  module: 'announcements.ts',
  load: () => import('@/lib/server/announcements'),
  mutations: {
    'announcement.save': {
      permission: 'release.edit',
      validInput: async (h) => ({ releaseKey: (await deployedRelease(h)).key, ...TEXT }),
    },
    'announcement.publish': {
      permission: 'release.edit',
      validInput: async (h) => {
        const r = await deployedRelease(h, 'draft');
        return { releaseKey: r.key, ...TEXT, version: r.version };
      },
    },
    'announcement.correct': {
      permission: 'release.edit',
      validInput: async (h) => {
        const r = await deployedRelease(h, 'published');
        return { releaseKey: r.key, ...TEXT, effective: 'Tuesday from 08:00 CET', note: 'The start moved to Tuesday.', sendEmail: true, version: r.version };
      },
    },
  },
};
