'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { cx } from '@/components/ui/cx';

export interface NavItem {
  href: string;
  label: string;
}

function isCurrent(pathname: string, href: string) {
  return href === '/' ? pathname === '/' : pathname === href || pathname.startsWith(`${href}/`);
}

function NavLink({ item, pathname }: { item: NavItem; pathname: string }) {
  const current = isCurrent(pathname, item.href);
  return (
    <Link
      href={item.href}
      aria-current={current ? 'page' : undefined}
      className={cx(
        'inline-flex h-8 items-center rounded-md px-2.5 text-sm font-medium whitespace-nowrap',
        current ? 'bg-blue-50 text-blue-800' : 'text-gray-800 hover:bg-gray-100 hover:text-gray-900',
      )}
    >
      {item.label}
    </Link>
  );
}

/** The main navigation: the items the signed-in person's roles allow, with an Admin group. */
export function MainNav({ items, adminItems }: { items: NavItem[]; adminItems: NavItem[] }) {
  const pathname = usePathname() ?? '/';
  return (
    <nav aria-label="Main" className="min-w-0">
      <ul className="flex flex-wrap items-center gap-1 py-1">
        {items.map((item) => (
          <li key={item.href}>
            <NavLink item={item} pathname={pathname} />
          </li>
        ))}
        {adminItems.length > 0 ? (
          <li className="flex flex-wrap items-center gap-1 border-l border-gray-300 pl-2 sm:ml-1">
            <span id="nav-admin-label" className="px-1 text-xs font-semibold tracking-wide text-gray-700 uppercase">
              Admin
            </span>
            <ul aria-labelledby="nav-admin-label" className="flex flex-wrap items-center gap-1">
              {adminItems.map((item) => (
                <li key={item.href}>
                  <NavLink item={item} pathname={pathname} />
                </li>
              ))}
            </ul>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}
