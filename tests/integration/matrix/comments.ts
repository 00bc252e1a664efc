import type { MatrixFixtures } from './types';
import type { DbHandle } from '@/lib/server/db';
import { releaseKey } from '@/lib/domain/release-key';
import { now } from '@/lib/server/clock';
import { makeRelease } from '../../support/factories';

/**
 * A comment on a new release. Only its author may edit a comment, and the matrix creates the
 * acting user just before asking for input: the newest user wrote it.
 */
async function commentOf(h: DbHandle) {
  const newest = await h.prisma.user.findFirstOrThrow({ orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], select: { id: true } });
  const r = await makeRelease(h.prisma);
  const c = await h.prisma.releaseComment.create({ data: { releaseId: r.id, authorId: newest.id, body: 'First text', createdAt: now() } });
  return { commentId: c.id, version: c.version };
}

export const comments: MatrixFixtures = {
  module: 'comments.ts',
  load: () => import('@/lib/server/comments'),
  mutations: {
    'release.comment_add': {
      permission: 'comment.write',
      validInput: async (h) => ({ releaseKey: releaseKey((await makeRelease(h.prisma)).number), body: 'Looks good to me.' }),
    },
    'release.comment_edit': {
      permission: 'comment.write',
      validInput: async (h) => ({ ...(await commentOf(h)), body: 'Changed text' }),
    },
  },
};
