import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, signInAndWait } from './helpers';

// Global search and saved filters (issue 15, point 7; docs/decisions/048-search-and-saved-filters.md):
// the shortcut opens the search, a build version finds the build and the releases shipping it,
// the arrow keys and Enter open one; on /releases the new filters apply and are saved under a
// name, listed, and opened again — accessible, and at 390 px without sideways scrolling.

async function noSidewaysScroll(page: Page) {
  const { scroll, width } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, width: window.innerWidth }));
  expect(scroll, `the page is ${scroll}px wide in a ${width}px window`).toBeLessThanOrEqual(width);
}

test('the shortcut opens the search; a build version, the arrow keys and Enter open a result', async ({ page }) => {
  await signInAndWait(page, 'manager@relm.test');
  await page.goto('/');
  const trigger = page.getByRole('link', { name: 'Search' });
  await trigger.focus();
  await page.keyboard.press('/');
  const dialog = page.getByRole('dialog', { name: 'Search Relm' });
  await expect(dialog).toBeVisible();
  const box = dialog.getByRole('combobox');
  await expect(box).toBeFocused();
  // Escape closes it and focus returns to where it was
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(trigger).toBeFocused();

  await page.keyboard.press('Control+k');
  await expect(box).toBeFocused();
  await box.fill('7.5.1');
  const results = dialog.getByRole('listbox', { name: 'Search results' });
  const build = results.getByRole('group', { name: 'Builds' }).getByRole('option', { name: /payment-gateway 7\.5\.1/ });
  await expect(build).toBeVisible();
  await expect(dialog.getByRole('status')).toContainText('Use the arrow keys');
  await expectAccessible(page);

  // the arrow keys move to the build; Enter opens it
  const options = results.getByRole('option');
  const count = await options.count();
  let i = 0;
  for (; i < count; i++) {
    await box.press('ArrowDown');
    if ((await build.getAttribute('aria-selected')) === 'true') break;
  }
  expect(i).toBeLessThan(count);
  await expect(box).toHaveAttribute('aria-activedescendant', (await build.getAttribute('id'))!);
  await box.press('Enter');
  await expect(page).toHaveURL(/\/builds\/[^/?]+$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('7.5.1');

  // the full results page, as without JavaScript
  await page.goto('/search?q=7.5.1');
  await expect(page.getByRole('region', { name: /Builds/ }).getByRole('link', { name: /payment-gateway 7\.5\.1/ })).toBeVisible();
  await expectAccessible(page);
  await page.setViewportSize({ width: 390, height: 844 });
  await noSidewaysScroll(page);
  await page.keyboard.press('/');
  await expect(page.getByRole('dialog', { name: 'Search Relm' })).toBeVisible();
  await noSidewaysScroll(page);
});

test('filters on /releases are saved as "My payments", listed, and opened again', async ({ page }) => {
  await signInAndWait(page, 'manager@relm.test');
  await page.goto('/releases');
  const filters = page.getByRole('search', { name: 'Filter releases' });
  await filters.getByLabel('Owner’s team').selectOption({ label: 'Payments' });
  await filters.getByLabel('Component').selectOption('payment-gateway');
  await filters.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page).toHaveURL(/team=payments/);
  await expect(page).toHaveURL(/component=payment-gateway/);
  const saved = page.getByRole('region', { name: 'Saved filters' });
  await saved.getByLabel('Save these filters as').fill('My payments');
  await saved.getByRole('button', { name: 'Save filters' }).click();
  await expect(saved.getByText('Saved as “My payments”')).toBeVisible();
  const link = saved.getByRole('list', { name: 'Your saved filters' }).getByRole('link', { name: 'My payments' });
  await expect(link).toBeVisible();
  await expect(link).toHaveAttribute('aria-current', 'page');
  await expectAccessible(page);

  // from the unfiltered list, the saved filter brings them back
  await page.goto('/releases');
  await page.getByRole('region', { name: 'Saved filters' }).getByRole('link', { name: 'My payments' }).click();
  await expect(page).toHaveURL(/team=payments/);
  await expect(page.getByRole('search', { name: 'Filter releases' }).getByLabel('Component')).toHaveValue('payment-gateway');
  // the CSV link carries the same filters
  await expect(page.getByRole('link', { name: /Download CSV/ })).toHaveAttribute('href', /component=payment-gateway/);
  await page.setViewportSize({ width: 390, height: 844 });
  await noSidewaysScroll(page);
  await expectAccessible(page);
});
