import { MANAGER, MANAGER2, type Email } from './people';
import type { EnvName } from './environments';

// The demo's release trains (docs/decisions/046-release-trains.md). Riders are releases by
// number that join the train's first departure still boarding when the demo is seeded.

export interface DemoTrain {
  slug: string;
  name: string;
  description: string;
  rrule: string;
  timezone: string;
  cutoffMinutes: number;
  environments: EnvName[];
  createdBy: Email;
  riders: { number: number; by: Email }[];
}

export const DEMO_TRAINS: readonly DemoTrain[] = [
  {
    slug: 'weekly-web-train',
    name: 'Weekly web train',
    description: 'Storefront, search and the web-facing APIs: checked together on Monday, shipped on Tuesday morning.',
    rrule: 'FREQ=WEEKLY;BYDAY=TU;BYHOUR=10;BYMINUTE=0',
    timezone: 'Europe/London',
    cutoffMinutes: 24 * 60,
    environments: ['staging', 'production'],
    createdBy: MANAGER2,
    // REL-13 (web storefront 12.5) and REL-12 (search indexer 1.5.1)
    riders: [
      { number: 13, by: MANAGER2 },
      { number: 12, by: MANAGER2 },
    ],
  },
  {
    slug: 'monthly-platform-train',
    name: 'Monthly platform train',
    description: 'Platform services (identity, config, gateway) on the first Wednesday of each month.',
    rrule: 'FREQ=MONTHLY;BYDAY=1WE;BYHOUR=14;BYMINUTE=0',
    timezone: 'Europe/London',
    cutoffMinutes: 72 * 60,
    environments: ['staging', 'production'],
    createdBy: MANAGER,
    riders: [],
  },
];
