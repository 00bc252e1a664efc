import type { DbHandle } from '@/lib/server/db';
import type { Permission } from '@/lib/domain/permissions';

/**
 * What one lib/server module contributes to the authorization matrix: for every
 * mutation it defines, a builder of VALID input (creating whatever it needs) and
 * the permission that mutation must demand (pinned, so that loosening it fails).
 */
export interface MatrixFixtures {
  /** the lib/server file name, e.g. "users.ts" */
  module: string;
  /** importing it registers its mutations */
  load: () => Promise<unknown>;
  mutations: Record<string, { permission: Permission; validInput: (h: DbHandle) => Promise<unknown> }>;
}
