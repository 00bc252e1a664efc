import { expect, test } from '@playwright/test';
import { expectAccessible, navLink, navLinksNamed, signIn, signInAndWait } from './helpers';

// What each demo role finds in the main navigation, and what it must not find (folded away or not).
const NAVIGATION: Record<string, { shows: string[]; hides: string[] }> = {
  'admin@relm.test': {
    shows: ['Dashboard', 'Releases', 'Calendar', 'Components', 'Builds', 'Environments', 'Policy', 'Users', 'Teams', 'Manage environments', 'Audit trail'],
    hides: ['Approvals', 'Handovers'],
  },
  'manager@relm.test': {
    shows: ['Dashboard', 'Releases', 'Calendar', 'Components', 'Builds', 'Environments', 'Freezes', 'Policy'],
    hides: ['Users', 'Teams', 'Manage environments', 'Audit trail', 'Approvals', 'Handovers'],
  },
  'approver@relm.test': {
    shows: ['Dashboard', 'Releases', 'Calendar', 'Components', 'Approvals', 'Environments', 'Freezes', 'Policy'],
    hides: ['Users', 'Manage environments', 'Audit trail', 'Handovers'],
  },
  'cab@relm.test': {
    shows: ['Dashboard', 'Releases', 'Calendar', 'Components', 'Approvals', 'Environments'],
    hides: ['Users', 'Manage environments', 'Audit trail', 'Handovers'],
  },
  'ops@relm.test': {
    shows: ['Dashboard', 'Releases', 'Calendar', 'Components', 'Approvals', 'Handovers', 'Environments', 'Freezes', 'Policy'],
    hides: ['Users', 'Manage environments', 'Audit trail'],
  },
  'viewer@relm.test': {
    shows: ['Dashboard', 'Releases', 'Calendar', 'Components', 'Builds', 'Environments', 'Freezes', 'Policy'],
    hides: ['Users', 'Teams', 'Manage environments', 'Audit trail', 'Approvals', 'Handovers'],
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
    for (const name of nav.shows) await expect(await navLink(page, name)).toBeVisible();
    for (const name of nav.hides) await expect(navLinksNamed(page, name)).toHaveCount(0);
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
