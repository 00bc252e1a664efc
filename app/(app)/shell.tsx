import type { ReactNode } from 'react';
import { AppHeader } from '@/components/app/app-header';
import { GlobalSearch } from '@/components/app/global-search';
import type { NavItem } from '@/components/app/main-nav';
import { can } from '@/lib/domain/permissions';
import type { Actor } from '@/lib/server/actor';
import { unreadNotificationCount } from '@/lib/server/notifications';
import { signOutAction } from './actions';

// The frame of every signed-in page: skip link, header with the navigation the person's
// roles allow, and the main region. The (app) layout and the 403 page (app/forbidden.tsx)
// both draw it. What the navigation offers follows the roles; every page still checks its
// own permission on the server.

export async function AppShell({ user, children }: { user: Actor; children: ReactNode }) {
  const items: NavItem[] = [
    { href: '/', label: 'Dashboard' },
    { href: '/releases', label: 'Releases' },
    ...(can(user.roles, 'release.read') ? [{ href: '/calendar', label: 'Calendar' }] : []),
    ...(can(user.roles, 'release.read') ? [{ href: '/timeline', label: 'Timeline' }] : []),
    ...(can(user.roles, 'release.read') ? [{ href: '/trains', label: 'Trains' }] : []),
    ...(can(user.roles, 'catalog.read') ? [{ href: '/components', label: 'Components' }] : []),
    ...(can(user.roles, 'catalog.read') ? [{ href: '/builds', label: 'Builds' }] : []),
    ...(can(user.roles, 'release.read') ? [{ href: '/whats-new', label: 'What’s new' }] : []),
    ...(can(user.roles, 'template.write') || can(user.roles, 'release.create') ? [{ href: '/templates', label: 'Templates' }] : []),
    ...(can(user.roles, 'release.read') ? [{ href: '/insights', label: 'Insights' }] : []),
    ...(can(user.roles, 'approval.inbox') ? [{ href: '/approvals', label: 'Approvals' }] : []),
    ...(can(user.roles, 'handover.acknowledge') ? [{ href: '/handovers', label: 'Handovers' }] : []),
  ];
  const adminItems: NavItem[] = [
    ...(can(user.roles, 'user.manage') ? [{ href: '/admin/users', label: 'Users' }] : []),
    ...(can(user.roles, 'user.manage') ? [{ href: '/admin/sso', label: 'Single sign-on' }] : []),
    ...(can(user.roles, 'team.manage') ? [{ href: '/admin/teams', label: 'Teams' }] : []),
    ...(can(user.roles, 'environment.edit') ? [{ href: '/admin/environments', label: 'Environments' }] : []),
    ...(can(user.roles, 'freeze.edit') ? [{ href: '/admin/freezes', label: 'Freezes' }] : []),
    ...(can(user.roles, 'policy.edit') ? [{ href: '/admin/policy', label: 'Policy' }] : []),
    ...(can(user.roles, 'audit.read') ? [{ href: '/admin/audit', label: 'Audit trail' }] : []),
    ...(can(user.roles, 'integration.manage') ? [{ href: '/admin/integrations', label: 'Integrations' }] : []),
    ...(can(user.roles, 'audit.read') ? [{ href: '/admin/jobs', label: 'Jobs and messages' }] : []),
  ];
  const unread = await unreadNotificationCount(user).catch(() => null);

  return (
    <>
      <a
        href="#main"
        className="sr-only z-50 rounded-md bg-blue-700 px-3 py-2 text-sm font-medium text-white focus:not-sr-only focus:fixed focus:top-2 focus:left-2"
      >
        Skip to content
      </a>
      <div className="print:hidden">
        <AppHeader user={user} items={items} adminItems={adminItems} unread={unread} signOut={signOutAction} search={<GlobalSearch />} />
      </div>
      <main id="main" tabIndex={-1} className="mx-auto max-w-screen-2xl px-4 py-5">
        {children}
      </main>
    </>
  );
}
