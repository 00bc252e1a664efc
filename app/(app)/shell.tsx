import type { ReactNode } from 'react';
import { getLocale, getTranslations } from 'next-intl/server';
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
  const t = await getTranslations('nav');
  const has = (p: Permission) => can(user.roles, p);
  const only = (ok: boolean, item: NavItem) => (ok ? [item] : []);
  // Grouped by what a person is doing: planning releases, shipping them, governing them,
  // and running Relm. Each entry appears only for the roles whose permission the page checks.
  const groups: NavGroup[] = [
    {
      key: 'plan',
      label: t('groups.plan'),
      items: [
        ...only(has('release.read'), { href: '/releases', label: t('items.releases') }),
        ...only(has('release.read'), { href: '/calendar', label: t('items.calendar') }),
        ...only(has('release.read'), { href: '/timeline', label: t('items.timeline') }),
        ...only(has('release.read'), { href: '/trains', label: t('items.trains') }),
        ...only(has('template.write') || has('release.create'), { href: '/templates', label: t('items.templates') }),
      ],
    },
    {
      key: 'ship',
      label: t('groups.ship'),
      items: [
        ...only(has('catalog.read'), { href: '/components', label: t('items.components') }),
        ...only(has('catalog.read'), { href: '/builds', label: t('items.builds') }),
        ...only(has('catalog.read'), { href: '/environments', label: t('items.environments'), hint: t('items.environmentsHint') }),
        ...only(has('handover.acknowledge'), { href: '/handovers', label: t('items.handovers') }),
        ...only(has('release.read'), { href: '/whats-new', label: t('items.whatsNew') }),
      ],
    },
    {
      key: 'govern',
      label: t('groups.govern'),
      items: [
        ...only(has('approval.inbox'), { href: '/approvals', label: t('items.approvals') }),
        ...only(has('catalog.read'), { href: '/freezes', label: t('items.freezes') }),
        ...only(has('policy.read'), { href: '/policy', label: t('items.policy') }),
        ...only(has('release.read'), { href: '/insights', label: t('items.insights'), hint: t('items.insightsHint') }),
      ],
    },
    {
      key: 'admin',
      label: t('groups.admin'),
      items: [
        ...only(has('user.manage'), { href: '/admin/users', label: t('items.users') }),
        ...only(has('team.manage'), { href: '/admin/teams', label: t('items.teams') }),
        ...only(has('user.manage'), { href: '/admin/sso', label: t('items.sso') }),
        ...only(has('environment.edit'), { href: '/admin/environments', label: t('items.manageEnvironments') }),
        ...only(has('freeze.edit'), { href: '/admin/freezes', label: t('items.manageFreezes') }),
        ...only(has('policy.edit'), { href: '/admin/policy', label: t('items.editPolicy') }),
        ...only(has('audit.read'), { href: '/admin/audit', label: t('items.auditTrail') }),
        ...only(has('audit.read'), { href: '/admin/jobs', label: t('items.jobs') }),
        ...only(has('integration.manage'), { href: '/admin/integrations', label: t('items.integrations') }),
      ],
    },
  ].filter((g) => g.items.length > 0);
  const [unread, locale] = await Promise.all([unreadNotificationCount(user).catch(() => null), getLocale()]);

  return (
    <>
      <a
        lang={locale}
        href="#main"
        className="sr-only z-50 rounded-md bg-blue-700 px-3 py-2 text-sm font-medium text-white focus:not-sr-only focus:fixed focus:top-2 focus:left-2"
      >
        {t('skipToContent')}
      </a>
      <div className="print:hidden" lang={locale}>
        <AppHeader user={user} groups={groups} unread={unread} signOut={signOutAction} search={<GlobalSearch />} />
      </div>
      <main id="main" tabIndex={-1} className="mx-auto max-w-screen-2xl px-4 py-5">
        {children}
      </main>
    </>
  );
}
