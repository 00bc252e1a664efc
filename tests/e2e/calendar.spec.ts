import { expect, test } from '@playwright/test';
import { expectAccessible, followNav, signInAndWait } from './helpers';

test('the calendar shows months and weeks, filters, and moves by keyboard', async ({ page }) => {
  await signInAndWait(page, 'viewer@relm.test');
  await followNav(page, 'Calendar');
  await expect(page.getByRole('heading', { level: 1, name: 'Calendar' })).toBeVisible();
  await expect(page.getByRole('table')).toBeVisible();
  await expect(page.getByRole('columnheader', { name: 'Mon' })).toBeVisible();
  // the demo data has release windows this month, each a link to its release
  await expect(page.locator('a[data-event]').first()).toBeVisible();
  await expectAccessible(page);

  // week view
  await page.getByRole('link', { name: 'Week', exact: true }).click();
  await expect(page).toHaveURL(/view=week/);
  const title = await page.getByRole('navigation', { name: 'Calendar period' }).locator('p').textContent();
  await expectAccessible(page);

  // "n" moves to the next week, "t" back to today
  await page.locator('body').press('n');
  await expect(page.getByRole('navigation', { name: 'Calendar period' }).locator('p')).not.toHaveText(title ?? '');
  await page.getByRole('link', { name: 'Today' }).click();
  await expect(page.getByRole('navigation', { name: 'Calendar period' }).locator('p')).toHaveText(title ?? '');

  // filter by environment (a GET form: the URL keeps it)
  await page.getByLabel('Environment').selectOption({ index: 1 });
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page).toHaveURL(/environment=/);
  await expect(page).toHaveURL(/view=week/);
  await expectAccessible(page);

  // a day: the agenda of every window that day (where "+ n more" leads)
  await page.getByRole('link', { name: 'Day', exact: true }).click();
  await expect(page).toHaveURL(/view=day/);
  await expect(page.getByRole('region', { name: /\d{4}.*\(UTC\)$/ })).toBeVisible();
  await expectAccessible(page);

  // the subscription instructions name the feed
  await page.getByText('Subscribe in your calendar program').click();
  await expect(page.getByText(/\/api\/v1\/calendar\.ics\?.*token=YOUR_TOKEN/)).toBeVisible();

  // hostile query strings never break the page
  const res = await page.goto('/calendar?view=year&date=2026-02-30&timezone=Mars%2FOlympus&environment=%00&team[]=x');
  expect(res?.status()).toBe(200);
  await expect(page.getByRole('heading', { level: 1, name: 'Calendar' })).toBeVisible();
});

test('the iCalendar feed needs a token', async ({ request }) => {
  const res = await request.get('/api/v1/calendar.ics');
  expect(res.status()).toBe(401);
  expect((await res.json()).error.message).toContain('?token=');
});
