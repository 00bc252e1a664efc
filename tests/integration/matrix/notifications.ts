import type { MatrixFixtures } from './types';
import type { DbHandle } from '@/lib/server/db';
import { uid } from '../../support/factories';

// Only one's own notifications can be marked read, and the matrix creates the
// acting user just before asking for input: the newest user owns the notification.
async function unreadForNewestUser(h: DbHandle) {
  const newest = await h.prisma.user.findFirstOrThrow({ orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], select: { id: true } });
  return h.prisma.notification.create({ data: { userId: newest.id, kind: 'approval.requested', title: `Approval requested ${uid()}`, link: '/approvals' } });
}

export const notifications: MatrixFixtures = {
  module: 'notifications.ts',
  load: () => import('@/lib/server/notifications'),
  mutations: {
    'notification.mark_read': {
      permission: 'notification.own',
      validInput: async (h) => ({ id: (await unreadForNewestUser(h)).id }),
    },
    'notification.mark_all_read': {
      permission: 'notification.own',
      validInput: async (h) => {
        await unreadForNewestUser(h);
        return {};
      },
    },
  },
};
