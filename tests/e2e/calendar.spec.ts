import { expect, test } from '@playwright/test';
import { expectAccessible, followNav, signInAndWait } from './helpers';

test('the calendar draws windows as bars, shades maintenance, and moves by keyboard', async ({ page }) => {
  // five views, each scanned by axe
  test.setTimeout(120_000);
  await signInAndWait(page, 'viewer@relm.test');
  await followNav(page, 'Calendar');
  await expect(page.getByRole('heading', { level: 1, name: 'Calendar' })).toBeVisible();
  // a wide screen with no view named shows the month; the agenda is there for narrow screens only
  const month = page.locator('[data-calendar-view="month"]');
  await expect(month).toBeVisible();
  await expect(page.locator('[data-calendar-view="agenda"]')).toBeHidden();
  await expect(page.getByRole('list', { name: 'View' }).getByRole('link', { name: 'Month' })).toHaveAttribute('aria-current', 'page');
  // each window is one bar per week row it crosses (never a card per day), each a named link
  const bars = month.locator('a[data-event]');
  await expect(bars.first()).toBeVisible();
  const perRow = await month.locator('ol > li').evaluateAll((rows) =>
    rows.map((r) => {
      const ids = [...r.querySelectorAll('a[data-event]')].map((a) => a.getAttribute('data-event'));
      return {
        bars: ids.length,
        distinct: new Set(ids).size,
        multiDay: [...r.querySelectorAll('a[data-bar]')].some((a) => /^(\d+)-(?!\1$)\d+$/.test(a.getAttribute('data-bar') ?? '')),
      };
    }),
  );
  expect(perRow.every((r) => r.bars === r.distinct)).toBe(true);
  expect(perRow.some((r) => r.multiDay)).toBe(true);
  // its name says key, title, environment, window and status, even where the bar shows only the key
  await expect(bars.first()).toHaveAccessibleName(/^REL-\d+ .+ · .+, \w{3} \d+ \w{3} \d\d:\d\d.* · [A-Z][a-z]+/);
  // the demo environments have weekday maintenance windows: shaded days, named with their hours
  await expect(month.locator('[data-shade~="maintenance"]').first()).toBeAttached();
  await expect(month.locator('[data-maintenance]').first()).toBeVisible();
  await expect(month.locator('[data-maintenance]').first()).toContainText(/\d\d:\d\d/);
  await expectAccessible(page);

  // week view: bars across the days too, with the hours of maintenance
  await page.getByRole('link', { name: 'Week', exact: true }).click();
  await expect(page).toHaveURL(/view=week/);
  await expect(page.locator('[data-calendar-view="week"]')).toBeVisible();
  const title = await page.getByRole('navigation', { name: 'Calendar period' }).locator('p').textContent();
  await expectAccessible(page);

  // "n" moves to the next week, "t" back to today
  await page.locator('body').press('n');
  await expect(page.getByRole('navigation', { name: 'Calendar period' }).locator('p')).not.toHaveText(title ?? '');
  await page.getByRole('link', { name: 'Today' }).click();
  await expect(page.getByRole('navigation', { name: 'Calendar period' }).locator('p')).toHaveText(title ?? '');

  // a day: the full list of every window that day (where "+ n more" leads)
  await page.getByRole('link', { name: 'Day', exact: true }).click();
  await expect(page).toHaveURL(/view=day/);
  await expect(page.getByRole('region', { name: /\d{4}.*\(UTC\)$/ })).toBeVisible();
  await expectAccessible(page);

  // the subscription instructions name the feed
  await page.getByText('Subscribe in your calendar program').click();
  await expect(page.getByText(/\/api\/v1\/calendar\.ics\?.*token=YOUR_TOKEN/)).toBeVisible();

  // hostile query strings never break the page
  const res = await page.goto('/calendar?view=year&date=2026-02-30&timezone=Mars%2FOlympus&environment=%00&team[]=x&status=nope');
  expect(res?.status()).toBe(200);
  await expect(page.getByRole('heading', { level: 1, name: 'Calendar' })).toBeVisible();
});

test('filters are shared by the views and remembered for the person until reset', async ({ page }) => {
  // three form posts and a scan by axe
  test.setTimeout(120_000);
  await signInAndWait(page, 'approver2@relm.test');
  await page.goto('/calendar?view=week');
  await page.getByLabel('Environment').selectOption('production');
  await page.getByLabel('Status').selectOption('submitted');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page).toHaveURL(/environment=production/);
  await expect(page).toHaveURL(/status=submitted/);
  await expect(page).toHaveURL(/view=week/);
  // every bar shown is on production and submitted
  const labels = await page.locator('[data-calendar-view="week"] a[data-event]').evaluateAll((as) => as.map((a) => a.getAttribute('data-event') ?? ''));
  expect(labels.every((id) => id.endsWith(':production'))).toBe(true);
  // the month and the agenda keep them
  await page.getByRole('link', { name: 'Agenda', exact: true }).click();
  await expect(page).toHaveURL(/view=agenda.*environment=production/);
  await expect(page.getByLabel('Environment')).toHaveValue('production');
  await expectAccessible(page);

  // opening /calendar with no query brings them back, and says so
  await page.goto('/calendar');
  await expect(page.getByLabel('Environment')).toHaveValue('production');
  await expect(page.getByLabel('Status')).toHaveValue('submitted');
  await expect(page.getByText('Showing the filters you last applied.')).toBeVisible();

  // reset forgets them
  await page.getByRole('button', { name: 'Reset filters' }).click();
  await expect(page.getByLabel('Environment')).toHaveValue('');
  await page.goto('/calendar');
  await expect(page.getByLabel('Environment')).toHaveValue('');
  await expect(page.getByText('Showing the filters you last applied.')).toHaveCount(0);
});

test('at 390 px the calendar opens as an agenda with no sideways scroll', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signInAndWait(page, 'viewer@relm.test');
  await page.goto('/calendar');
  const agenda = page.locator('[data-calendar-view="agenda"]');
  await expect(agenda).toBeVisible();
  await expect(page.locator('[data-calendar-view="month"]')).toBeHidden();
  await expect(page.getByRole('list', { name: 'View' }).getByRole('link', { name: 'Agenda' })).toHaveAttribute('aria-current', 'page');
  // days in order, each window once, with its whole span
  const days = agenda.locator('h3 time');
  await expect(days.first()).toBeVisible();
  const dates = await days.evaluateAll((ts) => ts.map((t) => t.getAttribute('datetime') ?? ''));
  expect([...dates].sort()).toEqual(dates);
  const ids = await agenda.locator('a[data-event]').evaluateAll((as) => as.map((a) => a.getAttribute('data-event')));
  expect(new Set(ids).size).toBe(ids.length);
  await expect(agenda.locator('[data-maintenance]').first()).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await expectAccessible(page);

  // the month and the week, chosen at this width, fit too
  for (const view of ['month', 'week']) {
    await page.goto(`/calendar?view=${view}`);
    await expect(page.locator(`[data-calendar-view="${view}"]`)).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth), view).toBeLessThanOrEqual(390);
  }
});

test('the iCalendar feed needs a token', async ({ request }) => {
  const res = await request.get('/api/v1/calendar.ics');
  expect(res.status()).toBe(401);
  expect((await res.json()).error.message).toContain('?token=');
});
