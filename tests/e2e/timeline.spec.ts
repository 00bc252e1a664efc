import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, followNav, signInAndWait } from './helpers';

// The portfolio timeline (issue 15, point 2; docs/decisions/047-portfolio-timeline.md): a
// release manager sees the demo releases' windows as bars, groups by environment, filters
// (the URL keeps it all), opens a release from its bar; accessible, and at 390 px the chart
// scrolls inside its own region while the page does not scroll sideways.

async function noSidewaysScroll(page: Page) {
  const { scroll, width } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, width: window.innerWidth }));
  expect(scroll, `the page is ${scroll}px wide in a ${width}px window`).toBeLessThanOrEqual(width);
}

test('a release manager reads the timeline, groups, filters and opens a release from its bar', async ({ page }) => {
  await signInAndWait(page, 'manager@relm.test');
  await followNav(page, 'Timeline');
  await expect(page.getByRole('heading', { level: 1, name: 'Timeline' })).toBeVisible();
  const chart = page.getByRole('region', { name: /^Release timeline, .* by team$/ });
  await expect(chart).toBeVisible();
  // the demo data has release windows in the next weeks: bars named after their release and window
  const bar = chart.locator('a[data-timeline-bar]').first();
  await expect(bar).toBeVisible();
  await expect(bar).toHaveAccessibleName(/^REL-\d+ .+ — .+\s?, \d{1,2} [A-Z][a-z]{2} \d{2}:\d{2}/);
  await expect(page.getByRole('heading', { name: 'Legend' })).toBeVisible();
  await expectAccessible(page);

  // group by environment: the URL keeps it, the groups are the environments
  await page.getByRole('list', { name: 'Group by' }).getByRole('link', { name: 'Environment' }).click();
  await expect(page).toHaveURL(/group=environment/);
  const envChart = page.getByRole('region', { name: /by environment$/ });
  await expect(envChart.getByRole('heading', { level: 3, name: /Production/ })).toBeVisible();

  // a longer span, then a filter: both stay in the URL
  await page.getByRole('list', { name: 'Span' }).getByRole('link', { name: '8 weeks' }).click();
  await expect(page).toHaveURL(/weeks=8/);
  await page.getByLabel('Environment', { exact: true }).selectOption('production');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page).toHaveURL(/environment=production/);
  await expect(page).toHaveURL(/group=environment/);
  await expect(page).toHaveURL(/weeks=8/);
  const prodBar = page.locator('a[data-timeline-bar]').first();
  await expect(prodBar).toHaveAccessibleName(/ — \s?Production\s?, /);
  await expectAccessible(page);

  // the list view: the same windows as a table
  await page.getByRole('list', { name: 'Show as' }).getByRole('link', { name: 'List' }).click();
  await expect(page).toHaveURL(/view=list/);
  await expect(page.getByRole('table', { name: /^Release windows, / })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('list', { name: 'Show as' }).getByRole('link', { name: 'Chart' }).click();

  // a bar opens its release (by keyboard: it is a link)
  const id = (await page.locator('a[data-timeline-bar]').first().getAttribute('data-timeline-bar')) ?? '';
  const key = id.split(':')[0]!;
  await page.locator('a[data-timeline-bar]').first().focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/releases/${key}$`));
  await expect(page.getByRole('heading', { level: 1 })).toContainText(key);

  // hostile query strings never break the page
  const res = await page.goto('/timeline?weeks=999&start=2026-02-30&group=%00&risk=x&timezone=Mars%2FOlympus&team[]=x');
  expect(res?.status()).toBe(200);
  await expect(page.getByRole('heading', { level: 1, name: 'Timeline' })).toBeVisible();
});

test('at 390 px the chart scrolls in its own focusable region, the page never sideways', async ({ page }) => {
  await signInAndWait(page, 'manager@relm.test');
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/timeline?weeks=12');
  const chart = page.getByRole('region', { name: /^Release timeline, / });
  await expect(chart).toBeVisible();
  await expect(chart).toHaveAttribute('tabindex', '0');
  const { scrollWidth, clientWidth } = await chart.evaluate((el) => ({ scrollWidth: el.scrollWidth, clientWidth: el.clientWidth }));
  expect(scrollWidth).toBeGreaterThan(clientWidth);
  await noSidewaysScroll(page);
  await expectAccessible(page);
});
