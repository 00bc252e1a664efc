import { expect, test } from '@playwright/test';
import { expectAccessible, mainNav, signInAndWait } from './helpers';

test('the release manager works through the dashboard, the releases list and a release', async ({ page }) => {
  await signInAndWait(page, 'manager@relm.test');
  await expect(page.getByRole('heading', { name: 'My releases' })).toBeVisible();
  await expectAccessible(page);

  await mainNav(page).getByRole('link', { name: 'Releases', exact: true }).click();
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

  // search that matches nothing shows the empty state, not an error
  await page.goto('/releases?q=no-such-release-anywhere');
  await expect(page.getByText(/No releases match/i)).toBeVisible();
  await expectAccessible(page);

  // an unknown release is a not-found page
  await page.goto('/releases/REL-999999');
  await expect(page.getByRole('heading', { level: 1 })).toContainText(/not found/i);
  await expectAccessible(page);

  // hostile query strings never break the list
  const res = await page.goto('/releases?page=-4&status=bogus&owner=%00&environment[]=x');
  expect(res?.status()).toBe(200);
});

test('approvers see releases waiting for them; operations see handovers', async ({ page }) => {
  await signInAndWait(page, 'approver@relm.test');
  await expect(page.getByRole('heading', { name: 'Approvals waiting for me' })).toBeVisible();
  await mainNav(page).getByRole('link', { name: 'Approvals', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Sign out' }).click();

  await signInAndWait(page, 'ops@relm.test');
  await expect(page.getByRole('heading', { name: 'Handovers waiting for me' })).toBeVisible();
  await mainNav(page).getByRole('link', { name: 'Handovers', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expectAccessible(page);
});
