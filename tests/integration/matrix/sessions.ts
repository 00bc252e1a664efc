import type { MatrixFixtures } from './types';
import { makeUser } from '../../support/factories';
import { SESSION_MAX_AGE_SECONDS, newSessionId, sessionRef } from '@/lib/server/session-store';
import { now } from '@/lib/server/clock';

export const sessions: MatrixFixtures = {
  module: 'sessions.ts',
  load: () => import('@/lib/server/sessions'),
  mutations: {
    'session.end': {
      permission: 'session.own',
      // Only one's own session can be ended, and the matrix creates the acting user just
      // before asking for input: the newest user owns the session.
      validInput: async (h) => {
        const newest = await h.prisma.user.findFirstOrThrow({ orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], select: { id: true } });
        const id = newSessionId();
        const at = now();
        await h.prisma.session.create({
          data: { id, userId: newest.id, createdAt: at, lastSeenAt: at, expiresAt: new Date(at.getTime() + SESSION_MAX_AGE_SECONDS * 1000) },
        });
        return { session: sessionRef(id) };
      },
    },
    'session.end_all': {
      permission: 'session.own',
      validInput: async () => ({}),
    },
    'session.end_for_user': {
      permission: 'user.manage',
      validInput: async (h) => ({ userId: (await makeUser(h.prisma, ['viewer'])).id }),
    },
  },
};
