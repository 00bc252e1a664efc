import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { expectAccessible, followNav, signInAndWait } from './helpers';

// Delivery metrics (docs/decisions/043-delivery-metrics.md) on the demo's history of closed releases.

const KEYS = ['Deployment frequency', 'Lead time for changes', 'Change failure rate', 'Time to restore service', 'Approval wait', 'Schedule adherence'];

test('a viewer reads the delivery metrics: figures, a filter, a definition, a table, CSV, axe, 390 px', async ({ page }) => {
  await signInAndWait(page, 'viewer@relm.test');
  await followNav(page, 'Insights');
  await expect(page.getByRole('heading', { level: 1, name: 'Delivery metrics' })).toBeVisible();
  for (const title of KEYS) {
    const card = page.getByRole('region', { name: title, exact: true });
    await expect(card).toBeVisible();
    // a value, not "no data": the demo has twelve weeks of production deployments
    await expect(card.locator('p').first()).not.toHaveText('no data');
  }
  await expect(page.getByRole('region', { name: 'Deployment frequency', exact: true })).toContainText(/per week/);
  // the comparison is in words
  await expect(page.getByRole('region', { name: 'Change failure rate', exact: true })).toContainText(/previous period|Unchanged/);
  // the charts draw (recharts loads on demand) under an accessible name
  await expect(page.getByRole('img', { name: /^Deployments per week:/ })).toBeVisible();
  await expect(
    page
      .getByRole('img', { name: /^Deployments per week:/ })
      .locator('svg')
      .first(),
  ).toBeVisible();
  await expectAccessible(page);

  // a definition is one click away and says what a failure and a restore are
  const cfr = page.getByRole('region', { name: 'Change failure rate', exact: true });
  await cfr.getByText('How it is measured').click();
  await expect(cfr.getByText(/backed out in the same environment/)).toBeVisible();
  const ttr = page.getByRole('region', { name: 'Time to restore service', exact: true });
  await ttr.getByText('How it is measured').click();
  await expect(ttr.getByText(/next deployment or back-out of the same release/)).toBeVisible();

  // the table alternative of a chart
  const chart = page.getByRole('figure', { name: 'Deployments per week' });
  await chart.getByText('Show as table').click();
  await expect(chart.getByRole('table', { name: 'Deployments per week' })).toBeVisible();
  await expect(chart.getByRole('row')).toHaveCount(13); // header + 12 weeks
  await expectAccessible(page);

  // a filter: the last 26 weeks of the Payments team (a GET form: the URL keeps it)
  await page.getByLabel('Period', { exact: true }).selectOption('26');
  await page.getByLabel('Team', { exact: true }).selectOption({ label: 'Payments' });
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page).toHaveURL(/period=26/);
  await expect(page).toHaveURL(/team=payments/);
  await expect(page.getByText(/releases of the Payments team/)).toBeVisible();
  const weekly = page.getByRole('figure', { name: 'Deployments per week' });
  await weekly.getByText('Show as table').click();
  await expect(weekly.getByRole('row')).toHaveCount(27); // header + 26 weeks

  // the CSV carries the same filters
  const link = page.getByRole('link', { name: /Download CSV/ });
  await expect(link).toHaveAttribute('href', /\/insights\/export\.csv\?.*team=payments/);
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  expect(download.suggestedFilename()).toMatch(/^relm-delivery-metrics-\d{4}-\d{2}-\d{2}\.csv$/);
  const text = await readFile((await download.path())!, 'utf8');
  expect(text.slice(1).split('\r\n')[1]).toMatch(/^period,/);

  // 390 px wide: no sideways scroll
  await page.setViewportSize({ width: 390, height: 844 });
  await page.reload();
  await expect(
    page
      .getByRole('img', { name: /^Deployments per week:/ })
      .locator('svg')
      .first(),
  ).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await expectAccessible(page);
});
