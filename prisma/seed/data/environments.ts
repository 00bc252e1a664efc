import type { EnvironmentTier } from '@/lib/generated/prisma/enums';

// Environments, their maintenance windows and the two change freezes. Times are
// wall-clock times in London; lib/domain/recurrence.ts reads them.

export type EnvName = 'dev' | 'test' | 'staging' | 'production';
export const ENV_ORDER: EnvName[] = ['dev', 'test', 'staging', 'production'];

// protected environments: operations may deploy to them (the gate "deploy.protected")
export const ENVIRONMENTS: { name: EnvName; displayName: string; tier: EnvironmentTier; position: number; protected: boolean; deployRoles: string[]; description: string }[] = [
  { name: 'dev', displayName: 'Development', tier: 'development', position: 1, protected: false, deployRoles: [], description: 'Shared development cluster; every merge to main deploys here.' },
  { name: 'test', displayName: 'Test', tier: 'test', position: 2, protected: false, deployRoles: [], description: 'Integration and contract tests; nightly deploys from CI.' },
  { name: 'staging', displayName: 'Staging', tier: 'staging', position: 3, protected: true, deployRoles: ['operations'], description: 'Production-like, with anonymised production data. Releases rehearse here first.' },
  { name: 'production', displayName: 'Production', tier: 'production', position: 4, protected: true, deployRoles: ['operations'], description: 'Customer-facing (eu-west-2, two availability zones).' },
];

export const TZ = 'Europe/London';

export const MAINTENANCE_WINDOWS = [
  { env: 'production' as const, label: 'Weekday change window (Tue–Thu 09:00–17:00)', rrule: 'FREQ=WEEKLY;BYDAY=TU,WE,TH;BYHOUR=9;BYMINUTE=0', durationMinutes: 480 },
  { env: 'staging' as const, label: 'Weekday window (Mon–Fri 08:00–18:00)', rrule: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=8;BYMINUTE=0', durationMinutes: 600 },
];

/** The one-off production window agreed for the ledger 3.0 migration (REL-20). */
export const LEDGER_MIGRATION_SLOT: SlotSpec = { day: 45, at: '19:00', minutes: 240, snap: 'monday' };

export const WEEKEND_FREEZE = {
  name: 'Weekend production freeze',
  reason: 'Reduced on-call cover at weekends, while Saturday is the busiest trading day.',
  rrule: 'FREQ=WEEKLY;BYDAY=FR;BYHOUR=18;BYMINUTE=0;BYSECOND=0',
  durationMinutes: 3600, // Friday 18:00 to Monday 06:00
};

// London is on GMT (UTC+0) between late October and late March, so these instants are also the wall-clock times.
export const YEAR_END_FREEZE = {
  name: 'Year-end change freeze',
  reason: 'Year-end change freeze: peak trading, reduced staffing and the Finance year-end close. Emergency changes only, with an override.',
  startsAt: new Date('2026-12-21T00:00:00Z'),
  endsAt: new Date('2027-01-04T06:00:00Z'),
  environments: ['staging', 'production'] as EnvName[],
};

export type Snap = 'prod' | 'weekday' | 'any' | 'saturday' | 'monday';
/** A window `minutes` long starting at `at` (London) on the day `day` days from now, moved to a day `snap` allows. */
export interface SlotSpec {
  day: number;
  at: string;
  minutes: number;
  snap?: Snap;
}
/** A window relative to the current minute (emergencies). */
export interface ExactSpec {
  fromNowMinutes: number;
  minutes: number;
}
