import { expect, test, type Page } from '@playwright/test';
import { mainNav, navLinksNamed, signInAndWait } from './helpers';

// Every role on a phone (390 px): the Menu button opens a menu with the role's pages, and no
// page scrolls sideways; on a laptop the current page is marked in the navigation, also on a
// sub-page. One sign-in per role. docs/decisions/049-navigation-and-phone-width.md

const PHONE = { width: 390, height: 844 };
const EVERYONE = [
  '/',
  '/releases',
  '/calendar',
  '/timeline',
  '/trains',
  '/components',
  '/builds',
  '/environments',
  '/freezes',
  '/policy',
  '/insights',
  '/whats-new',
  '/notifications',
  '/profile',
  '/search?q=checkout',
];
const ADMIN_PAGES = [
  '/admin/users',
  '/admin/teams',
  '/admin/sso',
  '/admin/environments',
  '/admin/freezes',
  '/admin/policy',
  '/admin/audit',
  '/admin/jobs',
  '/admin/integrations',
];

const ROLES: Record<string, { menu: string[]; notInMenu: string[]; pages: string[] }> = {
  'admin@relm.test': {
    menu: ['Dashboard', 'Releases', 'Environments', 'Freezes', 'Policy', 'Users', 'Manage environments', 'Audit trail', 'Jobs and messages', 'Your profile'],
    notInMenu: ['Approvals', 'Handovers'],
    pages: [...EVERYONE, '/templates', ...ADMIN_PAGES],
  },
  'manager@relm.test': {
    menu: ['Dashboard', 'Releases', 'Calendar', 'Timeline', 'Trains', 'Templates', 'Components', 'Builds', 'Environments', 'Freezes', 'Policy', 'Insights'],
    notInMenu: ['Approvals', 'Handovers', 'Users', 'Audit trail'],
    pages: [...EVERYONE, '/templates', '/releases/new'],
  },
  'approver@relm.test': {
    menu: ['Dashboard', 'Releases', 'Calendar', 'Approvals', 'Environments', 'Freezes', 'Policy', 'Insights'],
    notInMenu: ['Handovers', 'Templates', 'Users'],
    pages: [...EVERYONE, '/approvals', '/cab-agenda'],
  },
  'ops@relm.test': {
    menu: ['Dashboard', 'Releases', 'Approvals', 'Handovers', 'Environments', 'Freezes', 'Policy', 'Builds'],
    notInMenu: ['Templates', 'Users', 'Manage environments'],
    pages: [...EVERYONE, '/approvals', '/handovers'],
  },
  'viewer@relm.test': {
    menu: ['Dashboard', 'Releases', 'Calendar', 'Components', 'Environments', 'Freezes', 'Policy', 'What’s new'],
    notInMenu: ['Approvals', 'Handovers', 'Templates', 'Users'],
    pages: EVERYONE,
  },
};

/** How far the document is wider than the window, in px (0 when it does not scroll sideways). */
async function overflow(page: Page) {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

for (const [email, role] of Object.entries(ROLES)) {
  test(`${email} at phone width: the menu holds the role's pages and no page scrolls sideways`, async ({ page }) => {
    // up to 26 pages, each loaded in full: more than one page's usual budget
    test.setTimeout(180_000);
    await page.setViewportSize(PHONE);
    await signInAndWait(page, email);

    const menu = mainNav(page).getByRole('button', { name: 'Menu', exact: true });
    await expect(menu).toHaveAttribute('aria-expanded', 'false');
    const panel = page.locator(`#${await menu.getAttribute('aria-controls')}`);
    await expect(panel).toBeHidden();
    await menu.click();
    await expect(menu).toHaveAttribute('aria-expanded', 'true');
    for (const name of role.menu) await expect(panel.getByRole('link', { name, exact: true })).toBeVisible();
    for (const name of role.notInMenu) await expect(navLinksNamed(page, name)).toHaveCount(0);
    // Escape closes the menu and gives focus back to its button
    await panel.getByRole('link', { name: 'Releases', exact: true }).focus();
    await page.keyboard.press('Escape');
    await expect(panel).toBeHidden();
    await expect(menu).toBeFocused();
    await expect(menu).toHaveAttribute('aria-expanded', 'false');
    // the header itself fits
    expect(await overflow(page), 'the dashboard at 390 px').toBeLessThanOrEqual(0);

    // a menu link is a real link: it opens the page and the menu closes
    await menu.click();
    await panel.getByRole('link', { name: 'Environments', exact: true }).click();
    await expect(page).toHaveURL(/\/environments$/);
    await expect(panel).toBeHidden();

    // one release's overview (its parts are walked in pages.spec.ts)
    await page.goto('/releases');
    const firstRelease = await page.locator('main a[href^="/releases/REL-"]').first().getAttribute('href');
    expect(firstRelease).toBeTruthy();

    const wide: string[] = [];
    for (const path of [...role.pages, firstRelease!]) {
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
      const extra = await overflow(page);
      if (extra > 0) wide.push(`${path} is ${extra} px wider than the phone`);
    }
    expect(wide).toEqual([]);
  });
}

test('on a laptop the navigation marks the current page, also on a sub-page, and works by keyboard', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 900 });
  await signInAndWait(page, 'manager@relm.test');
  await expect(mainNav(page).getByRole('button', { name: 'Menu', exact: true })).toBeHidden();
  await expect(mainNav(page).getByRole('link', { name: 'Dashboard', exact: true })).toHaveAttribute('aria-current', 'page');

  await page.goto('/releases');
  const release = await page.locator('main a[href^="/releases/REL-"]').first().getAttribute('href');
  await page.goto(`${release}/risks`);

  const plan = mainNav(page).getByRole('button', { name: 'Plan', exact: true });
  const ship = mainNav(page).getByRole('button', { name: 'Ship', exact: true });
  // the group that holds the current page carries a visible mark, the others none
  const markOf = (l: typeof plan) => l.evaluate((el) => getComputedStyle(el).borderBottomColor);
  expect(await markOf(ship)).toBe('rgba(0, 0, 0, 0)');
  expect(await markOf(plan)).not.toBe('rgba(0, 0, 0, 0)');

  // a disclosure: Enter opens it, the current page is named and marked, Escape closes it
  await plan.focus();
  await page.keyboard.press('Enter');
  await expect(plan).toHaveAttribute('aria-expanded', 'true');
  const releases = mainNav(page).getByRole('link', { name: 'Releases', exact: true });
  await expect(releases).toBeVisible();
  await expect(releases).toHaveAttribute('aria-current', 'page');
  await expect(mainNav(page).getByRole('link', { name: 'Calendar', exact: true })).not.toHaveAttribute('aria-current', /.+/);
  expect(await releases.evaluate((el) => getComputedStyle(el).borderLeftColor)).not.toBe('rgba(0, 0, 0, 0)');
  await releases.focus();
  await page.keyboard.press('Escape');
  await expect(plan).toHaveAttribute('aria-expanded', 'false');
  await expect(plan).toBeFocused();
  await expect(releases).toBeHidden();

  // Space opens a group too, and opening another closes the first
  await page.keyboard.press(' ');
  await expect(plan).toHaveAttribute('aria-expanded', 'true');
  await ship.click();
  await expect(ship).toHaveAttribute('aria-expanded', 'true');
  await expect(plan).toHaveAttribute('aria-expanded', 'false');
  await mainNav(page).getByRole('link', { name: 'Environments', exact: true }).click();
  await expect(page).toHaveURL(/\/environments$/);
  await expect(ship).toHaveAttribute('aria-expanded', 'false');
  expect(await markOf(ship)).not.toBe('rgba(0, 0, 0, 0)');

  // the release list at laptop width fits without sideways scrolling too
  expect(await overflow(page)).toBeLessThanOrEqual(0);
});

test('the approver sees every waiting approval whole at 1440 px: cards on the dashboard, every column on /approvals', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await signInAndWait(page, 'approver@relm.test');
  // the dashboard lists them as cards, which fit its column at any width
  const cards = page.getByRole('list', { name: 'Submitted releases waiting for my decision, oldest submission first' });
  await expect(cards.getByRole('listitem').first()).toBeVisible();
  expect(await overflow(page)).toBeLessThanOrEqual(0);
  // the inbox keeps its table: nothing is cut off behind a sideways scroll
  await page.goto('/approvals');
  const region = page.getByRole('region', { name: 'Submitted releases waiting for my decision, oldest submission first' });
  await expect(region.getByRole('columnheader', { name: 'Submitted' })).toBeVisible();
  expect(await region.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
  expect(await overflow(page)).toBeLessThanOrEqual(0);
});
