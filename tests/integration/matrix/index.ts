import type { MatrixFixtures } from './types';
import * as approvalsFixtures from './approvals';
import * as foundation from './foundation';
import * as packages from './packages';
import * as releases from './releases';
import * as tokens from './tokens';
import * as catalogue from './catalogue';
import * as lifecycle from './lifecycle';
import * as environments from './environments';
import * as policy from './policy';
import * as notifications from './notifications';
import * as notificationPreferences from './notification-preferences';
import * as schedulingFixtures from './scheduling';
import * as freezes from './freezes';
import * as backoutFixtures from './backout';
import * as handoverReview from './handover-review';
import * as deploymentsFixtures from './deployments';
import * as integrationsFixtures from './integrations';
import * as profileFixtures from './profile';
import * as announcementFixtures from './announcements';
import * as sessionFixtures from './sessions';
import * as ssoFixtures from './sso';
import * as releaseManagerFixtures from './release-managers';
import * as commentFixtures from './comments';
import * as savedFilterFixtures from './saved-filters';
import * as trainFixtures from './trains';
import * as templateFixtures from './templates';
import * as calendarPreferenceFixtures from './calendar-preferences';
import * as themeFixtures from './theme';
import * as localeFixtures from './locale';

// Every module's fixtures. A new lib/server module that defines mutations adds a
// file in this folder and one line here; the coverage tests fail until it does.
export const ALL_FIXTURES: MatrixFixtures[] = [
  ...Object.values(foundation),
  ...Object.values(packages),
  ...Object.values(releases),
  ...Object.values(tokens),
  ...Object.values(catalogue),
  ...Object.values(lifecycle),
  ...Object.values(environments),
  ...Object.values(policy),
  ...Object.values(notifications),
  ...Object.values(notificationPreferences),
  ...Object.values(approvalsFixtures),
  ...Object.values(freezes),
  ...Object.values(schedulingFixtures),
  ...Object.values(handoverReview),
  ...Object.values(deploymentsFixtures),
  ...Object.values(backoutFixtures),
  ...Object.values(integrationsFixtures),
  ...Object.values(profileFixtures),
  ...Object.values(announcementFixtures),
  ...Object.values(sessionFixtures),
  ...Object.values(ssoFixtures),
  ...Object.values(releaseManagerFixtures),
  ...Object.values(commentFixtures),
  ...Object.values(savedFilterFixtures),
  ...Object.values(trainFixtures),
  ...Object.values(templateFixtures),
  ...Object.values(calendarPreferenceFixtures),
  ...Object.values(themeFixtures),
  ...Object.values(localeFixtures),
];
