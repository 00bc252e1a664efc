import 'server-only';
import { z } from 'zod';
import { defineMutation } from './action';
import { now } from './clock';
import { resolveRelease } from './release-ref';
import { sayer } from './say';

const say = sayer('server-watchers');

// Watching a release (issue 13): anyone who may read a release can ask to hear of its progress,
// as its stakeholders do (lib/server/transition-record.ts tells both). Whether the person is
// watching is read with the release header (lib/server/release-views.ts), not here.

export const SetWatchingSchema = z.object({
  releaseKey: z.string().trim().min(1, say('field.release')).max(20, say('field.releaseKey')),
  watch: z.boolean({ error: say('field.watch') }),
});

/** Watches or stops watching a release; doing what is already so changes nothing. */
export const setWatching = defineMutation({
  name: 'release.watch',
  permission: 'release.read',
  input: SetWatchingSchema,
  run: async ({ tx, actor, input, audit, noChange }) => {
    const userId = actor.id;
    const release = await resolveRelease(tx, input.releaseKey);
    if (!userId) {
      noChange();
      return { releaseKey: release.key, watching: false, changed: false };
    }
    const where = { releaseId_userId: { releaseId: release.id, userId } };
    const was = !!(await tx.releaseWatcher.findUnique({ where, select: { userId: true } }));
    if (was === input.watch) {
      noChange();
      return { releaseKey: release.key, watching: was, changed: false };
    }
    if (input.watch) {
      // a double click from two tabs: the second insert finds the row and changes nothing
      await tx.releaseWatcher.createMany({ data: [{ releaseId: release.id, userId, createdAt: now() }], skipDuplicates: true });
    } else {
      await tx.releaseWatcher.deleteMany({ where: { releaseId: release.id, userId } });
    }
    await audit({
      action: input.watch ? 'release.watch' : 'release.unwatch',
      targetType: 'release',
      targetId: release.id,
      releaseId: release.id,
      before: { watching: was },
      after: { watching: input.watch },
    });
    return { releaseKey: release.key, watching: input.watch, changed: true };
  },
});
