import { describe, expect, it } from 'vitest';
import { orderDashboardPanels } from '@/lib/domain/dashboard-panels';

const all = { admin: 0, approvals: 0, deployments: 0, handovers: 0, myReleases: 0, actionItems: 0, upcoming: 0 };

describe('orderDashboardPanels', () => {
  it("puts first what each role acts on, never an empty list of the person's releases", () => {
    expect(orderDashboardPanels(['approver'], { approvals: 3, myReleases: 0, actionItems: 0, upcoming: 2 })).toEqual({
      panels: ['approvals', 'upcoming'],
      quiet: ['myReleases', 'actionItems'],
    });
    expect(orderDashboardPanels(['operations'], { approvals: 1, deployments: 2, handovers: 1, myReleases: 0, actionItems: 0, upcoming: 4 }).panels).toEqual([
      'deployments',
      'handovers',
      'approvals',
      'upcoming',
    ]);
    expect(orderDashboardPanels(['release_manager'], { myReleases: 5, actionItems: 1, upcoming: 3 }).panels[0]).toBe('myReleases');
    expect(orderDashboardPanels(['viewer'], { myReleases: 0, actionItems: 0, upcoming: 7 })).toEqual({
      panels: ['upcoming'],
      quiet: ['myReleases', 'actionItems'],
    });
  });

  it('keeps the admin panel first even when nothing needs the admin (it says so itself)', () => {
    expect(orderDashboardPanels(['admin'], { admin: 0, myReleases: 0, actionItems: 0, upcoming: 0 })).toEqual({
      panels: ['admin'],
      quiet: ['myReleases', 'actionItems', 'upcoming'],
    });
  });

  it('follows the roles in their fixed order for someone with several, and leaves out panels they may not see', () => {
    expect(orderDashboardPanels(['approver', 'admin'], { ...all, approvals: 2, deployments: undefined, handovers: undefined }).panels).toEqual([
      'admin',
      'approvals',
    ]);
    // an empty first choice moves down: the operations person with no windows today sees approvals first
    expect(orderDashboardPanels(['operations'], { approvals: 1, deployments: 0, handovers: 0, myReleases: 0, actionItems: 0, upcoming: 0 })).toEqual({
      panels: ['approvals'],
      quiet: ['deployments', 'handovers', 'myReleases', 'actionItems', 'upcoming'],
    });
  });
});
