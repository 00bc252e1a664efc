import { ROLES, type Role } from './permissions';

// Which dashboard panel comes first for whom (docs/decisions/055-dashboards-per-role.md): the
// first panel holds what the person's role acts on; panels with nothing in them leave the
// order and collapse into one calm line each, after the others.

export const DASHBOARD_PANELS = ['admin', 'approvals', 'deployments', 'handovers', 'myReleases', 'actionItems', 'upcoming'] as const;
export type DashboardPanel = (typeof DASHBOARD_PANELS)[number];

/** What each role acts on, most pressing first. */
export const ROLE_PANELS: Record<Role, readonly DashboardPanel[]> = {
  admin: ['admin'],
  release_manager: ['myReleases', 'actionItems'],
  approver: ['approvals'],
  operations: ['deployments', 'handovers', 'approvals'],
  viewer: ['upcoming'],
};

/** After the roles' own panels: the rest, in this order. */
const AFTER: readonly DashboardPanel[] = ['approvals', 'deployments', 'handovers', 'myReleases', 'actionItems', 'upcoming', 'admin'];

/**
 * The panels to show in order, and the empty ones as calm lines. `items` has, for each panel the
 * person may see, how many things it holds (panels they may not see are left out); the admin
 * panel counts as full, since it says "nothing needs you" itself.
 */
export function orderDashboardPanels(
  roles: readonly Role[],
  items: Partial<Record<DashboardPanel, number>>,
): { panels: DashboardPanel[]; quiet: DashboardPanel[] } {
  const mine = ROLES.filter((r) => roles.includes(r)).flatMap((r) => ROLE_PANELS[r]);
  const order = [...new Set([...mine, ...AFTER])].filter((p) => items[p] !== undefined);
  const full = (p: DashboardPanel) => p === 'admin' || (items[p] ?? 0) > 0;
  return { panels: order.filter(full), quiet: order.filter((p) => !full(p)) };
}
