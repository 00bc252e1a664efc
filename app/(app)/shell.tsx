import type { ReactNode } from 'react';
import { AppHeader } from '@/components/app/app-header';
import { GlobalSearch } from '@/components/app/global-search';
import type { NavGroup, NavItem } from '@/components/app/main-nav';
import { can, type Permission } from '@/lib/domain/permissions';
import type { Actor } from '@/lib/server/actor';
import { unreadNotificationCount } from '@/lib/server/notifications';
import { signOutAction } from './actions';

// The frame of every signed-in page: skip link, header with the navigation the person's
// roles allow, and the main region. The (app) layout and the 403 page (app/forbidden.tsx)
// both draw it. What the navigation offers follows the roles; every page still checks its
// own permission on the server.

export async function AppShell({ user, children }: { user: Actor; children: ReactNode }) {
  const has = (p: Permission) => can(user.roles, p);
  const only = (ok: boolean, item: NavItem) => (ok ? [item] : []);
  // Grouped by what a person is doing: planning releases, shipping them, governing them,
  // and running Relm. Each entry appears only for the roles whose permission the page checks.
  const groups: NavGroup[] = [
    {
      label: 'Plan',
      items: [
        ...only(has('release.read'), { href: '/releases', label: 'Releases' }),
        ...only(has('release.read'), { href: '/calendar', label: 'Calendar' }),
        ...only(has('release.read'), { href: '/timeline', label: 'Timeline' }),
        ...only(has('release.read'), { href: '/trains', label: 'Trains' }),
        ...only(has('template.write') || has('release.create'), { href: '/templates', label: 'Templates' }),
      ],
    },
    {
      label: 'Ship',
      items: [
        ...only(has('catalog.read'), { href: '/components', label: 'Components' }),
        ...only(has('catalog.read'), { href: '/builds', label: 'Builds' }),
        ...only(has('catalog.read'), { href: '/environments', label: 'Environments', hint: 'What runs where' }),
        ...only(has('handover.acknowledge'), { href: '/handovers', label: 'Handovers' }),
        ...only(has('release.read'), { href: '/whats-new', label: 'What’s new' }),
      ],
    },
    {
      label: 'Govern',
      items: [
        ...only(has('approval.inbox'), { href: '/approvals', label: 'Approvals' }),
        ...only(has('catalog.read'), { href: '/freezes', label: 'Freezes' }),
        ...only(has('policy.read'), { href: '/policy', label: 'Policy' }),
        ...only(has('release.read'), { href: '/insights', label: 'Insights', hint: 'Delivery metrics' }),
      ],
    },
    {
      label: 'Admin',
      items: [
        ...only(has('user.manage'), { href: '/admin/users', label: 'Users' }),
        ...only(has('team.manage'), { href: '/admin/teams', label: 'Teams' }),
        ...only(has('user.manage'), { href: '/admin/sso', label: 'Single sign-on' }),
        ...only(has('environment.edit'), { href: '/admin/environments', label: 'Manage environments' }),
        ...only(has('freeze.edit'), { href: '/admin/freezes', label: 'Manage freezes' }),
        ...only(has('policy.edit'), { href: '/admin/policy', label: 'Edit policy' }),
        ...only(has('audit.read'), { href: '/admin/audit', label: 'Audit trail' }),
        ...only(has('audit.read'), { href: '/admin/jobs', label: 'Jobs and messages' }),
        ...only(has('integration.manage'), { href: '/admin/integrations', label: 'Integrations' }),
      ],
    },
  ].filter((g) => g.items.length > 0);
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
        <AppHeader user={user} groups={groups} unread={unread} signOut={signOutAction} search={<GlobalSearch />} />
      </div>
      <main id="main" tabIndex={-1} className="mx-auto max-w-screen-2xl px-4 py-5">
        {children}
      </main>
    </>
  );
}
