import type { Role } from '@/lib/generated/prisma/enums';

// The people of the demo organisation: four teams and nine users, one per persona.

export const DEMO_PASSWORD = 'relm-demo-password';

export const DEMO_TEAMS = [
  { slug: 'platform', name: 'Platform', description: 'Runtime, CI/CD, identity, the API gateway and shared configuration.' },
  { slug: 'payments', name: 'Payments', description: 'Card processing, billing, fraud decisions and the ledger.' },
  { slug: 'customer-experience', name: 'Customer Experience', description: 'Web storefront, mobile apps and customer notifications.' },
  { slug: 'data', name: 'Data', description: 'Reporting, search and the fraud-scoring models.' },
] as const;

export type TeamSlug = (typeof DEMO_TEAMS)[number]['slug'];

export interface DemoUser {
  email: string;
  name: string;
  roles: Role[];
  team: TeamSlug;
  /** what this person is for in the demo */
  persona: string;
}

export const DEMO_USERS: readonly DemoUser[] = [
  { email: 'admin@relm.test', name: 'Morgan Reyes', roles: ['admin'], team: 'platform', persona: 'administrator: users, teams, policy, environments, audit' },
  { email: 'manager@relm.test', name: 'Priya Shah', roles: ['release_manager'], team: 'payments', persona: 'release manager for Payments' },
  { email: 'manager2@relm.test', name: 'Tom Okafor', roles: ['release_manager'], team: 'customer-experience', persona: 'release manager for Customer Experience and Data' },
  { email: 'approver@relm.test', name: 'Elena Petrova', roles: ['approver'], team: 'payments', persona: 'approver (Payments engineering lead)' },
  { email: 'cab@relm.test', name: 'Samuel Adeyemi', roles: ['approver'], team: 'platform', persona: 'approver and Change Advisory Board chair' },
  { email: 'approver2@relm.test', name: 'Hannah Lindqvist', roles: ['approver'], team: 'data', persona: 'approver (Data engineering lead)' },
  { email: 'ops@relm.test', name: 'Jamie Walsh', roles: ['operations'], team: 'platform', persona: 'operations: deployments, handovers, back-outs' },
  { email: 'ops2@relm.test', name: 'Kenji Watanabe', roles: ['operations', 'approver'], team: 'platform', persona: 'operations, also signs the operations approval of medium-risk releases' },
  { email: 'viewer@relm.test', name: 'Lucy Chen', roles: ['viewer'], team: 'customer-experience', persona: 'read-only (customer support lead)' },
];


export type Email = (typeof DEMO_USERS)[number]['email'];
export const MANAGER = 'manager@relm.test';
export const MANAGER2 = 'manager2@relm.test';
export const APPROVER = 'approver@relm.test';
export const CAB = 'cab@relm.test';
export const APPROVER2 = 'approver2@relm.test';
export const OPS = 'ops@relm.test';
export const OPS2 = 'ops2@relm.test';
export const ADMIN = 'admin@relm.test';
export const VIEWER = 'viewer@relm.test';
