import type { MatrixFixtures } from './types';
import type { DbHandle } from '@/lib/server/db';
import { now } from '@/lib/server/clock';

/**
 * Remembered calendar filters for the acting user, so that resetting them changes (and audits)
 * something. The matrix creates the acting user just before asking for input: the newest user.
 */
async function rememberedForActor(h: DbHandle) {
  const newest = await h.prisma.user.findFirstOrThrow({ orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], select: { id: true } });
  await h.prisma.calendarPreference.upsert({
    where: { userId: newest.id },
    create: { userId: newest.id, environment: 'production', updatedAt: now() },
    update: { environment: 'production', updatedAt: now() },
  });
  return {};
}

export const calendarPreferences: MatrixFixtures = {
  module: 'calendar-preferences.ts',
  load: () => import('@/lib/server/calendar-preferences'),
  mutations: {
    'calendar_filters.save': {
      permission: 'release.read',
      validInput: async () => ({ environment: 'production', status: 'scheduled' }),
    },
    'calendar_filters.reset': {
      permission: 'release.read',
      validInput: rememberedForActor,
    },
  },
};
