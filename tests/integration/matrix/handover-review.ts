import type { MatrixFixtures } from './types';
import type { DbHandle } from '@/lib/server/db';
import { makeRelease, makeUser, uid } from '../../support/factories';
import { releaseKey } from '@/lib/domain/release-key';

const NOTES = { whatChanged: 'What changed', runbook: 'Runbook', monitoring: 'Monitoring', knownErrors: '', supportContacts: 'ops@example.com' };

async function releaseIn(h: DbHandle, status: 'deployed' | 'in_review', handover?: 'ready') {
  const r = await makeRelease(h.prisma);
  await h.prisma.release.update({ where: { id: r.id }, data: { status } });
  if (handover) await h.prisma.handover.create({ data: { releaseId: r.id, ...NOTES, status: handover } });
  return { id: r.id, key: releaseKey(r.number) };
}

// The matrix creates the acting user just before asking for input: the newest user owns the item.
async function itemOfNewestUser(h: DbHandle) {
  const newest = await h.prisma.user.findFirstOrThrow({ orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], select: { id: true } });
  const r = await releaseIn(h, 'in_review');
  const review = await h.prisma.postReleaseReview.create({ data: { releaseId: r.id, requiredReasons: [] } });
  return h.prisma.reviewActionItem.create({ data: { reviewId: review.id, title: `Follow up ${uid()}`, ownerId: newest.id, dueDate: new Date('2030-01-31') } });
}

export const handover: MatrixFixtures = {
  module: 'handover.ts',
  load: () => import('@/lib/server/handover'),
  mutations: {
    'handover.save': {
      permission: 'handover.prepare',
      validInput: async (h) => ({ releaseKey: (await releaseIn(h, 'deployed')).key, ...NOTES, markReady: true }),
    },
    'handover.acknowledge': {
      permission: 'handover.acknowledge',
      validInput: async (h) => ({ releaseKey: (await releaseIn(h, 'deployed', 'ready')).key }),
    },
    'handover.questions': {
      permission: 'handover.acknowledge',
      validInput: async (h) => ({ releaseKey: (await releaseIn(h, 'deployed', 'ready')).key, questions: 'Which alert fires first?' }),
    },
  },
};

export const reviews: MatrixFixtures = {
  module: 'reviews.ts',
  load: () => import('@/lib/server/reviews'),
  mutations: {
    'review.save': {
      permission: 'review.edit',
      validInput: async (h) => ({
        releaseKey: (await releaseIn(h, 'in_review')).key,
        outcome: 'successful',
        objectivesMet: true,
        incidents: '',
        wentWell: 'Smooth.',
        wentBadly: 'Nothing.',
        complete: true,
      }),
    },
    'review.action_item.add': {
      permission: 'review.edit',
      validInput: async (h) => ({
        releaseKey: (await releaseIn(h, 'in_review')).key,
        title: 'Add a load test',
        ownerId: (await makeUser(h.prisma, ['viewer'])).id,
        dueDate: '2030-01-31',
      }),
    },
    'review.action_item.update': {
      permission: 'review.edit',
      validInput: async (h) => {
        const item = await itemOfNewestUser(h);
        return { itemId: item.id, title: 'Add a load test to CI', ownerId: item.ownerId, dueDate: '2030-02-28', status: 'open' };
      },
    },
    'review.action_item.own_status': {
      permission: 'notification.own',
      validInput: async (h) => ({ itemId: (await itemOfNewestUser(h)).id, status: 'done' }),
    },
  },
};
