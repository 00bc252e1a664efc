import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { expectAccessible, followNav, mainNav, signInAndWait } from './helpers';

// CSV export of the release list and the printable CAB agenda (decision 041).

test('Download CSV on the release list gives the filtered releases as CSV', async ({ page }) => {
  await signInAndWait(page, 'viewer@relm.test');
  await followNav(page, 'Releases');
  await expect(page.getByRole('heading', { level: 1, name: 'Releases' })).toBeVisible();
  const link = page.getByRole('link', { name: /Download CSV/ });
  await expect(link).toHaveAttribute('href', '/releases/export.csv');
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  expect(download.suggestedFilename()).toMatch(/^relm-releases-\d{4}-\d{2}-\d{2}\.csv$/);
  const text = await readFile((await download.path())!, 'utf8');
  expect(text.charCodeAt(0)).toBe(0xfeff);
  const lines = text.slice(1).split('\r\n');
  expect(lines[0]).toBe(
    'key,title,type,status,risk level,owner,team,components,planned start (UTC),planned end (UTC),target environments,created (UTC),updated (UTC),link',
  );
  expect(lines[1]).toMatch(/^REL-\d+,/);

  // the link carries the list's filters
  await page.goto('/releases?status=draft');
  await expect(page.getByRole('link', { name: /Download CSV/ })).toHaveAttribute('href', '/releases/export.csv?status=draft');
});

test('the CAB agenda is reachable from the approvals inbox, accessible, and prints without the navigation', async ({ page }) => {
  await signInAndWait(page, 'approver@relm.test');
  await followNav(page, 'Approvals');
  await page.getByRole('link', { name: 'CAB agenda' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'CAB agenda' })).toBeVisible();
  await expect(page.getByRole('search', { name: "Choose the agenda's period" })).toBeVisible();
  await expectAccessible(page);

  await page.emulateMedia({ media: 'print' });
  await expect(mainNav(page)).toBeHidden();
  await expect(page.getByRole('search', { name: "Choose the agenda's period" })).toBeHidden();
  await expect(page.getByRole('heading', { level: 1, name: 'CAB agenda' })).toBeVisible();
  await page.emulateMedia({ media: 'screen' });
  await expect(mainNav(page)).toBeVisible();
});
