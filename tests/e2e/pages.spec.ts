import { expect, test } from '@playwright/test';
import { RELEASE_PARTS } from '../../lib/domain/release-parts';
import { expectAccessible, followNav, signInAndWait } from './helpers';

test('the release manager works through the dashboard, the releases list and a release', async ({ page }) => {
  await signInAndWait(page, 'manager@relm.test');
  await expect(page.getByRole('heading', { name: 'My releases' })).toBeVisible();
  await expectAccessible(page);

  await followNav(page, 'Releases');
  await expect(page.getByRole('heading', { level: 1, name: 'Releases' })).toBeVisible();
  await expectAccessible(page);

  // filter by status: only submitted releases remain
  await page.getByLabel('Status').selectOption('submitted');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page).toHaveURL(/status=submitted/);
  const rows = page.getByRole('table').getByRole('row');
  await expect(rows.nth(1)).toContainText('Submitted');
  await expectAccessible(page);

  // open the first release
  const link = page.getByRole('table').getByRole('link').first();
  const key = (await link.textContent())!.trim();
  await link.click();
  await expect(page).toHaveURL(new RegExp(`/releases/${key}$`));
  await expect(page.getByRole('heading', { level: 1 })).toContainText(key);
  await expectAccessible(page);

  // the release in parts: the overview and every part, each its own page, reached from
  // the tabs (by keyboard), named as the current one, and scanned
  const tabs = page.getByRole('navigation', { name: 'Release' });
  await expect(tabs.getByRole('link', { name: 'Overview' })).toHaveAttribute('aria-current', 'page');
  for (const { part, slug, label } of RELEASE_PARTS) {
    if (part === 'overview') continue;
    const tab = tabs.getByRole('link', { name: label, exact: true });
    await tab.focus();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(new RegExp(`/releases/${key}/${slug}$`));
    await expect(tab).toHaveAttribute('aria-current', 'page');
    await expect(page.getByRole('heading', { level: 1 })).toContainText(key);
    await expectAccessible(page);
  }
  await tabs.getByRole('link', { name: 'Overview' }).click();
  await expect(page).toHaveURL(new RegExp(`/releases/${key}$`));
  await expect(page.getByRole('heading', { name: 'At a glance' })).toBeVisible();

  // a lowercase key lands on the same part under the right key
  await page.goto(`/releases/${key.toLowerCase()}/risks`);
  await expect(page).toHaveURL(new RegExp(`/releases/${key}/risks$`));
  // an old link to a section of the one long page lands on its part
  await page.goto(`/releases/${key}#freeze-overrides`);
  await expect(page).toHaveURL(new RegExp(`/releases/${key}/schedule#freeze-overrides$`));

  // at phone width the tabs scroll inside themselves: the page never scrolls sideways
  await page.setViewportSize({ width: 390, height: 844 });
  for (const slug of RELEASE_PARTS.map((p) => (p.slug ? `/${p.slug}` : ''))) {
    await page.goto(`/releases/${key}${slug}`);
    await expect(page.getByRole('navigation', { name: 'Release' })).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth), `no sideways scroll on /releases/${key}${slug}`).toBeLessThanOrEqual(390);
  }
  await expectAccessible(page);
  await page.setViewportSize({ width: 1280, height: 720 });

  // search that matches nothing shows the empty state, not an error
  await page.goto('/releases?q=no-such-release-anywhere');
  await expect(page.getByText(/No releases match/i)).toBeVisible();
  await expectAccessible(page);

  // an unknown release is a not-found page
  await page.goto('/releases/REL-999999');
  await expect(page.getByRole('heading', { level: 1 })).toContainText(/not found/i);
  await expectAccessible(page);
  await page.goto('/releases/REL-999999/handover');
  await expect(page.getByRole('heading', { level: 1 })).toContainText(/not found/i);

  // hostile query strings never break the list
  const res = await page.goto('/releases?page=-4&status=bogus&owner=%00&environment[]=x');
  expect(res?.status()).toBe(200);
});

test('approvers see releases waiting for them; operations see handovers', async ({ page }) => {
  await signInAndWait(page, 'approver@relm.test');
  await expect(page.getByRole('heading', { name: 'Approvals waiting for me' })).toBeVisible();
  await followNav(page, 'Approvals');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Sign out' }).click();

  await signInAndWait(page, 'ops@relm.test');
  await expect(page.getByRole('heading', { name: 'Handovers waiting for me' })).toBeVisible();
  await followNav(page, 'Handovers');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expectAccessible(page);
});
