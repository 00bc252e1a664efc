import { expect, test } from '@playwright/test';
import { expectAccessible, mainNav, signIn, signInAndWait } from './helpers';

// What each demo role sees in the main navigation, and what it must not see.
const NAVIGATION: Record<string, { shows: string[]; hides: string[] }> = {
  'admin@relm.test': {
    shows: ['Dashboard', 'Releases', 'Calendar', 'Components', 'Builds', 'Users', 'Teams', 'Environments', 'Audit trail'],
    hides: ['Approvals', 'Handovers'],
  },
  'manager@relm.test': {
    shows: ['Dashboard', 'Releases', 'Calendar', 'Components', 'Builds'],
    hides: ['Users', 'Teams', 'Environments', 'Audit trail', 'Approvals', 'Handovers'],
  },
  'approver@relm.test': {
    shows: ['Dashboard', 'Releases', 'Calendar', 'Components', 'Approvals'],
    hides: ['Users', 'Environments', 'Audit trail', 'Handovers'],
  },
  'cab@relm.test': { shows: ['Dashboard', 'Releases', 'Calendar', 'Components', 'Approvals'], hides: ['Users', 'Environments', 'Audit trail', 'Handovers'] },
  'ops@relm.test': { shows: ['Dashboard', 'Releases', 'Calendar', 'Components', 'Approvals', 'Handovers'], hides: ['Users', 'Environments', 'Audit trail'] },
  'viewer@relm.test': {
    shows: ['Dashboard', 'Releases', 'Calendar', 'Components', 'Builds'],
    hides: ['Users', 'Teams', 'Environments', 'Audit trail', 'Approvals', 'Handovers'],
  },
};

test('the sign-in page is accessible and signed-out visitors are sent to it', async ({ page }) => {
  await page.goto('/releases');
  await expect(page).toHaveURL(/\/sign-in/);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expectAccessible(page);
});

for (const [email, nav] of Object.entries(NAVIGATION)) {
  test(`${email} signs in and sees the navigation for their role`, async ({ page }) => {
    await signInAndWait(page, email);
    await expect(page).toHaveURL(/\/$/);
    for (const name of nav.shows) await expect(mainNav(page).getByRole('link', { name, exact: true })).toBeVisible();
    for (const name of nav.hides) await expect(mainNav(page).getByRole('link', { name, exact: true })).toHaveCount(0);
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/sign-in/);
  });
}

test('a wrong password shows an error and keeps the email', async ({ page }) => {
  await signIn(page, 'viewer@relm.test', 'not-the-password');
  await expect(page.getByTestId('form-error')).toContainText('email or password is not right');
  await expect(page.getByLabel('Email')).toHaveValue('viewer@relm.test');
  await expect(page.getByLabel('Password', { exact: true })).toHaveValue('');
  await expectAccessible(page);
  // the real password still works: one failure locks nobody out
  await signInAndWait(page, 'viewer@relm.test');
});

test('the health endpoint reports the database', async ({ request }) => {
  const res = await request.get('/api/health');
  expect(res.status()).toBe(200);
  expect(await res.json()).toEqual({ status: 'ok', database: 'ok' });
});
