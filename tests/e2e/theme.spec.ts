import { expect, test, type Browser, type Page } from '@playwright/test';
import { expectAccessible, followNav, mainNav, signIn, signInAndWait } from './helpers';

// Light and dark (docs/decisions/056-light-and-dark.md): Relm follows the browser's
// prefers-color-scheme, and a person's choice on Profile overrides it on every browser they use.
// expectAccessible runs axe with the WCAG AA rules, colour contrast included, so every page
// visited here is checked in the dark palette.

/** The page's colours as sRGB, whatever syntax the stylesheet used (a canvas converts them). */
async function colours(page: Page, selector: string, props: ('color' | 'backgroundColor' | 'fill')[]) {
  return page.evaluate(
    ({ selector, props }) => {
      const el = document.querySelector(selector);
      if (!el) throw new Error(`no ${selector}`);
      const style = getComputedStyle(el);
      const ctx = document.createElement('canvas').getContext('2d')!;
      return props.map((p) => {
        ctx.clearRect(0, 0, 1, 1);
        ctx.fillStyle = '#000';
        ctx.fillStyle = style[p];
        ctx.fillRect(0, 0, 1, 1);
        const [r, g, b] = ctx.getImageData(0, 0, 1, 1).data;
        return [r!, g!, b!] as [number, number, number];
      });
    },
    { selector, props },
  );
}

/** The background actually behind an element: its nearest ancestor's that is not transparent. */
async function surfaceBehind(page: Page, selector: string) {
  return page.evaluate((selector) => {
    let el: Element | null = document.querySelector(selector);
    const ctx = document.createElement('canvas').getContext('2d')!;
    for (; el; el = el.parentElement) {
      const bg = getComputedStyle(el).backgroundColor;
      ctx.clearRect(0, 0, 1, 1);
      ctx.fillStyle = bg;
      ctx.fillRect(0, 0, 1, 1);
      const [r, g, b, a] = ctx.getImageData(0, 0, 1, 1).data;
      if (a === 255) return [r!, g!, b!] as [number, number, number];
    }
    throw new Error(`nothing opaque behind ${selector}`);
  }, selector);
}

const luminance = ([r, g, b]: [number, number, number]) => {
  const c = (v: number) => {
    const s = v / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * c(r) + 0.7152 * c(g) + 0.0722 * c(b);
};
const contrast = (a: [number, number, number], b: [number, number, number]) => {
  const [x, y] = [luminance(a), luminance(b)].sort((m, n) => n - m);
  return (x! + 0.05) / (y! + 0.05);
};

async function expectDark(page: Page) {
  const [bg, text] = await colours(page, 'body', ['backgroundColor', 'color']);
  expect(luminance(bg!), 'the page background is dark').toBeLessThan(0.05);
  expect(contrast(bg!, text!)).toBeGreaterThan(7);
}

async function expectLight(page: Page) {
  const [bg] = await colours(page, 'body', ['backgroundColor']);
  expect(luminance(bg!), 'the page background is light').toBeGreaterThan(0.8);
}

async function darkPage(browser: Browser) {
  const context = await browser.newContext({ colorScheme: 'dark' });
  return { context, page: await context.newPage() };
}

test('in a browser that prefers dark, the main pages are dark and pass axe', async ({ browser }) => {
  test.setTimeout(120_000);
  const { context, page } = await darkPage(browser);
  await page.goto('/sign-in');
  await expectDark(page);
  await expectAccessible(page);

  await signInAndWait(page, 'manager@relm.test');
  // no choice stored: the stylesheet follows the browser
  await expect(page.locator('html')).not.toHaveAttribute('data-theme', /./);
  await expectDark(page);
  await expectAccessible(page);

  await followNav(page, 'Releases');
  await expect(page.getByRole('heading', { level: 1, name: 'Releases' })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('table').getByRole('row').nth(1).getByRole('link').first().click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(/REL-\d+/);
  await expectDark(page);
  await expectAccessible(page);

  for (const [path, heading] of [
    ['/calendar', /Calendar/],
    ['/timeline', /Timeline|timeline/],
    ['/profile', 'Your profile'],
  ] as const) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
    await expectDark(page);
    await expectAccessible(page);
  }

  await context.close();
});

test('in dark, the charts of /insights are readable', async ({ browser }) => {
  const { context, page } = await darkPage(browser);
  await signInAndWait(page, 'viewer@relm.test');
  // axis labels readable on the card, bars visible against it
  await page.goto('/insights');
  await expect(
    page
      .getByRole('img', { name: /^Deployments per week:/ })
      .locator('svg')
      .first(),
  ).toBeVisible();
  await expectAccessible(page);
  const tickSelector = '.relm-chart .recharts-cartesian-axis-tick-value';
  const [tick] = await colours(page, tickSelector, ['fill']);
  expect(contrast(tick!, await surfaceBehind(page, tickSelector))).toBeGreaterThan(4.5);
  const [bar] = await colours(page, '.relm-chart .recharts-rectangle', ['fill']);
  expect(contrast(bar!, await surfaceBehind(page, '.relm-chart'))).toBeGreaterThan(3);
  await context.close();
});

test("in dark, the approver's and the admin's dashboards and the admin's pages pass axe", async ({ browser }) => {
  test.setTimeout(120_000);
  for (const [email, paths] of [
    ['approver@relm.test', ['/', '/approvals']],
    ['admin@relm.test', ['/', '/admin/jobs', '/admin/audit']],
  ] as const) {
    const dark = await darkPage(browser);
    await signInAndWait(dark.page, email);
    for (const path of paths) {
      await dark.page.goto(path);
      await expect(dark.page.getByRole('heading', { level: 1 })).toBeVisible();
      await expectDark(dark.page);
      await expectAccessible(dark.page);
    }
    await dark.context.close();
  }
});

test('the Profile switch overrides the browser, follows the person to another browser, and goes back to System', async ({ browser }) => {
  test.setTimeout(120_000);
  const light = await browser.newContext({ colorScheme: 'light' });
  const page = await light.newPage();
  await signInAndWait(page, 'viewer@relm.test');
  await expectLight(page);
  await page.goto('/profile');
  const appearance = page.getByRole('region', { name: 'Appearance' });
  await expect(appearance.getByRole('radio', { name: /^System/ })).toBeChecked();
  await appearance.getByRole('radio', { name: /^Dark/ }).check();
  await appearance.getByRole('button', { name: 'Save theme' }).click();
  await expect(appearance.getByText('Saved: Dark theme.')).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expectDark(page);
  await expectAccessible(page);

  // set by the server: dark from the first paint of the next page, and after a reload
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expectDark(page);
  await expectAccessible(page);
  await page.reload();
  await expectDark(page);

  // signed out, this browser's sign-in page stays dark (it remembers the last choice)
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expectDark(page);
  await expectAccessible(page);

  // another browser, which prefers light: the person's choice wins
  const other = await browser.newContext({ colorScheme: 'light' });
  const second = await other.newPage();
  await signIn(second, 'viewer@relm.test');
  await expect(mainNav(second)).toBeVisible();
  await expect(second.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expectDark(second);
  await other.close();

  // Light in a browser that prefers dark, then back to System
  const dark = await darkPage(browser);
  await signInAndWait(dark.page, 'viewer@relm.test');
  await dark.page.goto('/profile');
  const section = dark.page.getByRole('region', { name: 'Appearance' });
  await section.getByRole('radio', { name: /^Light/ }).check();
  await section.getByRole('button', { name: 'Save theme' }).click();
  await expect(section.getByText('Saved: Light theme.')).toBeVisible();
  await expect(dark.page.locator('html')).toHaveAttribute('data-theme', 'light');
  await expectLight(dark.page);
  await expectAccessible(dark.page);
  await section.getByRole('radio', { name: /^System/ }).check();
  await section.getByRole('button', { name: 'Save theme' }).click();
  await expect(section.getByText('Saved: System theme.')).toBeVisible();
  await expect(dark.page.locator('html')).not.toHaveAttribute('data-theme', /./);
  await expectDark(dark.page);
  await dark.context.close();
  await light.close();
});
