import type { MatrixFixtures } from './types';

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
      validInput: async () => ({}),
    },
  },
};
