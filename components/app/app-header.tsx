import type { ReactNode } from 'react';
import Image from 'next/image';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { type Role } from '@/lib/domain/permissions';
import { MainNav, type NavGroup } from './main-nav';
import { useStatusWords } from '@/components/i18n/status-words';

function BellIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="size-4">
      <path d="M10 2a6 6 0 0 0-6 6v2.59l-1.7 1.7A1 1 0 0 0 3 14h14a1 1 0 0 0 .7-1.7L16 10.58V8a6 6 0 0 0-6-6Zm0 16a2.5 2.5 0 0 1-2.45-2h4.9A2.5 2.5 0 0 1 10 18Z" />
    </svg>
  );
}

export function AppHeader({
  user,
  groups,
  unread,
  signOut,
  search,
}: {
  user: { name: string; email: string | null; roles: Role[] };
  /** the navigation's groups, only with what the person's roles may open */
  groups: NavGroup[];
  /** null when the count could not be read */
  unread: number | null;
  signOut: () => Promise<void>;
  /** the search box (components/app/global-search.tsx) */
  search?: ReactNode;
}) {
  const t = useTranslations('nav');
  const word = useStatusWords();
  const roles = user.roles.map((r) => word('role', r)).join(', ') || t('noRole');
  return (
    // relative: the phone menu panel hangs from the header's bottom edge
    <header className="relative border-b border-gray-200 bg-white">
      <div className="mx-auto flex max-w-screen-2xl items-center gap-x-2 px-3 py-2 sm:gap-x-4 sm:px-4">
        <Link href="/" className="flex items-center gap-2 rounded-md text-base font-semibold text-gray-900">
          {/* decorative: the link's name is the visible word beside it */}
          <Image src="/logo.svg" alt="" width={24} height={24} unoptimized loading="eager" className="size-6" />
          <span className="max-sm:sr-only">{t('productName')}</span>
        </Link>
        <div className="min-w-0 lg:flex-1">
          <MainNav home={{ href: '/', label: t('dashboard') }} groups={groups} account={{ href: '/profile', label: t('profile') }} />
        </div>
        <div className="ml-auto flex min-w-0 items-center gap-2 sm:gap-3">
          {search}
          <Link
            href="/notifications"
            aria-label={unread ? t('notificationsUnread', { count: unread }) : t('notifications')}
            className="relative inline-flex h-8 items-center gap-1 rounded-md px-2 text-gray-800 hover:bg-gray-100"
          >
            <BellIcon />
            {unread ? (
              <span aria-hidden="true" className="rounded-full bg-red-700 px-1.5 text-xs leading-5 font-semibold text-white">
                {unread > 99 ? '99+' : unread}
              </span>
            ) : null}
          </Link>
          <Link href="/profile" className="hidden rounded-md px-1 text-right leading-tight hover:bg-gray-100 sm:block">
            <span className="block text-sm font-medium text-gray-900">{user.name}</span>
            <span className="block text-xs text-gray-700">{roles}</span>
            <span className="sr-only">{t('profileLinkHint')}</span>
          </Link>
          <form action={signOut}>
            <button
              type="submit"
              className="h-8 rounded-md border border-gray-300 bg-white px-2.5 text-sm font-medium whitespace-nowrap text-gray-900 hover:bg-gray-100"
            >
              {t('signOut')}
            </button>
          </form>
        </div>
      </div>
    </header>
  );
}
