'use client';

import { useCallback, useEffect, useId, useRef, useState, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { cx } from '@/components/ui/cx';

export interface NavItem {
  href: string;
  label: string;
  /** a few words under the label, e.g. "What runs where" */
  hint?: string;
}

export interface NavGroup {
  /** stable key, e.g. "plan": element ids and data-nav-group */
  key: string;
  /** the group's heading, e.g. "Plan" */
  label: string;
  items: NavItem[];
}

function isCurrent(pathname: string, href: string) {
  return href === '/' ? pathname === '/' : pathname === href || pathname.startsWith(`${href}/`);
}

/** The item a path belongs to: the longest matching href, so /admin/environments/x is not "Environments". */
export function currentHref(pathname: string, hrefs: readonly string[]): string | null {
  return hrefs.filter((h) => isCurrent(pathname, h)).sort((a, b) => b.length - a.length)[0] ?? null;
}

function NavLink({ item, current, onNavigate }: { item: NavItem; current: boolean; onNavigate: () => void }) {
  const hintId = useId();
  return (
    <Link
      href={item.href}
      onClick={onNavigate}
      aria-current={current ? 'page' : undefined}
      // the hint is read as a description, so the link's name stays its label
      aria-describedby={item.hint ? hintId : undefined}
      className={cx(
        'flex min-h-9 flex-col justify-center rounded-md border-l-4 px-2.5 py-1 text-sm font-medium',
        current ? 'border-blue-700 bg-blue-50 text-blue-900' : 'border-transparent text-gray-800 hover:bg-gray-100 hover:text-gray-900',
      )}
    >
      {item.label}
      {item.hint ? (
        <span id={hintId} aria-hidden="true" className="text-xs font-normal text-gray-700">
          {item.hint}
        </span>
      ) : null}
    </Link>
  );
}

// The disclosure buttons are links (to #main-menu, for when scripts do not run) with the
// button role; a button also answers the space bar, which a link does not.
function spaceClicks(e: ReactKeyboardEvent<HTMLAnchorElement>) {
  if (e.key !== ' ') return;
  e.preventDefault();
  e.currentTarget.click();
}

function Chevron({ open }: { open: boolean }) {
  return (
    <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className={cx('size-4 transition-transform', open && 'rotate-180')}>
      <path d="M5.23 7.21a.75.75 0 0 1 1.06.02L10 11.06l3.71-3.83a.75.75 0 1 1 1.08 1.04l-4.25 4.38a.75.75 0 0 1-1.08 0L5.21 8.27a.75.75 0 0 1 .02-1.06Z" />
    </svg>
  );
}

/**
 * The main navigation: Dashboard and the groups the person's roles allow (Plan, Ship, Govern,
 * Admin). From the lg breakpoint up each group is a disclosure button with a drop-down list;
 * below it one "Menu" button opens every group at once. Every entry is a real link, and the
 * buttons are also links to #main-menu, which CSS (:target) opens when scripts do not run.
 * docs/decisions/049-navigation-and-phone-width.md
 */
export function MainNav({ home, groups, account }: { home: NavItem; groups: NavGroup[]; account?: NavItem }) {
  const t = useTranslations('nav');
  const pathname = usePathname() ?? '/';
  const [menuOpen, setMenuOpen] = useState(false);
  const [openGroup, setOpenGroup] = useState<string | null>(null);
  const menuButton = useRef<HTMLAnchorElement>(null);
  const groupButtons = useRef(new Map<string, HTMLAnchorElement>());
  const navRef = useRef<HTMLElement>(null);
  const baseId = useId();
  const menuId = 'main-menu';

  const current = currentHref(pathname, [home.href, ...groups.flatMap((g) => g.items.map((i) => i.href)), ...(account ? [account.href] : [])]);

  const closeAll = useCallback(() => {
    setMenuOpen(false);
    setOpenGroup(null);
  }, []);

  // A new page (also by Back or Forward) closes whatever was open: adjusted while rendering,
  // as React advises for state that follows a prop.
  const [shownFor, setShownFor] = useState(pathname);
  if (shownFor !== pathname) {
    setShownFor(pathname);
    setMenuOpen(false);
    setOpenGroup(null);
  }

  // A click or focus outside the navigation closes it, as a person expects of a drop-down.
  useEffect(() => {
    if (!menuOpen && !openGroup) return;
    const outside = (e: Event) => {
      if (navRef.current && e.target instanceof Node && !navRef.current.contains(e.target)) closeAll();
    };
    document.addEventListener('pointerdown', outside);
    document.addEventListener('focusin', outside);
    return () => {
      document.removeEventListener('pointerdown', outside);
      document.removeEventListener('focusin', outside);
    };
  }, [menuOpen, openGroup, closeAll]);

  const onKeyDown = (e: ReactKeyboardEvent) => {
    if (e.key !== 'Escape') return;
    if (openGroup) {
      const button = groupButtons.current.get(openGroup);
      setOpenGroup(null);
      button?.focus();
      e.stopPropagation();
    } else if (menuOpen) {
      setMenuOpen(false);
      menuButton.current?.focus();
      e.stopPropagation();
    }
  };

  return (
    <nav ref={navRef} aria-label={t('main')} className="min-w-0" onKeyDown={onKeyDown}>
      <a
        ref={menuButton}
        href={`#${menuId}`}
        role="button"
        aria-expanded={menuOpen}
        aria-controls={menuId}
        onClick={(e) => {
          e.preventDefault();
          setMenuOpen((o) => !o);
        }}
        onKeyDown={spaceClicks}
        className="inline-flex h-8 items-center gap-1 rounded-md border border-gray-300 bg-white px-2.5 text-sm font-medium text-gray-900 hover:bg-gray-100 lg:hidden"
      >
        {t('menu')}
        <Chevron open={menuOpen} />
      </a>
      <ul
        id={menuId}
        className={cx(
          // phone: a full-width panel under the header; lg: one row of groups
          'group/menu absolute inset-x-0 top-full z-40 max-h-[calc(100dvh-4rem)] overflow-y-auto border-b border-gray-200 bg-white px-4 py-3 shadow-md target:block',
          'lg:static lg:flex lg:max-h-none lg:items-center lg:gap-1 lg:overflow-visible lg:border-0 lg:p-0 lg:shadow-none',
          menuOpen ? 'block' : 'hidden',
        )}
      >
        <li className="pb-2 lg:pb-0">
          <NavLink item={home} current={current === home.href} onNavigate={closeAll} />
        </li>
        {groups.map((group) => {
          const open = openGroup === group.key;
          const holdsCurrent = group.items.some((i) => i.href === current);
          const panelId = `${baseId}-${group.key}`;
          const headingId = `${panelId}-heading`;
          return (
            <li key={group.key} data-nav-group={group.key} className="relative border-t border-gray-200 py-2 lg:border-0 lg:py-0">
              <span id={headingId} className="block px-2.5 pb-1 text-xs font-semibold tracking-wide text-gray-700 uppercase lg:hidden">
                {group.label}
              </span>
              <a
                ref={(el) => {
                  if (el) groupButtons.current.set(group.key, el);
                  else groupButtons.current.delete(group.key);
                }}
                href={`#${menuId}`}
                role="button"
                aria-expanded={open}
                aria-controls={panelId}
                onClick={(e) => {
                  e.preventDefault();
                  setOpenGroup((g) => (g === group.key ? null : group.key));
                }}
                onKeyDown={spaceClicks}
                className={cx(
                  'hidden h-8 items-center gap-1 rounded-md border-b-2 px-2.5 text-sm font-medium lg:inline-flex',
                  holdsCurrent ? 'border-blue-700 text-blue-900' : 'border-transparent text-gray-800 hover:bg-gray-100',
                )}
              >
                {group.label}
                <Chevron open={open} />
              </a>
              <ul
                id={panelId}
                aria-labelledby={headingId}
                className={cx(
                  'grid gap-0.5 sm:grid-cols-2 lg:absolute lg:top-full lg:left-0 lg:z-40 lg:mt-1 lg:w-64 lg:grid-cols-1 lg:rounded-md lg:border lg:border-gray-200 lg:bg-white lg:p-1.5 lg:shadow-lg',
                  open ? 'lg:grid' : 'lg:hidden lg:group-target/menu:grid',
                )}
              >
                {group.items.map((item) => (
                  <li key={item.href}>
                    <NavLink item={item} current={item.href === current} onNavigate={closeAll} />
                  </li>
                ))}
              </ul>
            </li>
          );
        })}
        {account ? (
          // the header shows the person's name with this link from sm up; below, only the menu has room
          <li className="border-t border-gray-200 pt-2 sm:hidden">
            <NavLink item={account} current={current === account.href} onNavigate={closeAll} />
          </li>
        ) : null}
      </ul>
    </nav>
  );
}
