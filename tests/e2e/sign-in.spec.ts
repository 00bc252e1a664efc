import { expect, test } from '@playwright/test';
import { DEMO_PASSWORD, expectAccessible, mainNav, navLink, navLinksNamed, signIn, signInAndWait } from './helpers';

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

// English and French (docs/decisions/057-english-and-french.md). Playwright's browser asks for
// en-US unless a test says otherwise, so every other spec reads Relm in English.

test('the language switch reads the sign-in page in French, errors included, and back in English', async ({ page }) => {
  await page.goto('/sign-in');
  const switcher = page.getByRole('form', { name: 'Language' });
  await expect(switcher.getByRole('button', { name: 'English' })).toHaveAttribute('aria-pressed', 'true');
  await switcher.getByRole('button', { name: 'Français' }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Connexion' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await expect(page).toHaveTitle(/^Connexion · Relm$/);
  const langue = page.getByRole('form', { name: 'Langue' });
  await expect(langue.getByRole('button', { name: 'Français' })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByRole('complementary', { name: 'Comptes de démonstration' })).toBeVisible();

  // the refusal comes back in French too, and the address typed is kept
  await page.getByLabel('Adresse e-mail').fill('viewer@relm.test');
  await page.getByLabel('Mot de passe', { exact: true }).fill('not-the-password');
  await page.getByRole('button', { name: 'Se connecter', exact: true }).click();
  await expect(page.getByTestId('form-error')).toContainText('L’adresse e-mail ou le mot de passe n’est pas correct.');
  await expect(page.getByLabel('Adresse e-mail')).toHaveValue('viewer@relm.test');
  await expectAccessible(page);

  // the choice is remembered: a new visit is still in French
  await page.goto('/sign-in');
  await expect(page.getByRole('heading', { level: 1, name: 'Connexion' })).toBeVisible();
  await langue.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
});

test('every demo account is listed, and choosing one fills the form and signs in', async ({ page }) => {
  await page.goto('/sign-in');
  const demo = page.getByRole('complementary', { name: 'Demo accounts' });
  const accounts = demo.getByRole('button');
  await expect(accounts).toHaveCount(9);
  for (const email of ['admin', 'manager', 'manager2', 'approver', 'cab', 'approver2', 'ops', 'ops2', 'viewer'].map((n) => `${n}@relm.test`)) {
    await expect(demo.getByRole('button', { name: new RegExp(`^${email.replace('.', '\\.')}`) })).toBeVisible();
  }
  await expectAccessible(page);

  // by keyboard: the account's button, then Enter on Sign in, where the focus went
  await demo.getByRole('button', { name: /^ops2@relm\.test/ }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Email')).toHaveValue('ops2@relm.test');
  await expect(page.getByLabel('Password', { exact: true })).toHaveValue(DEMO_PASSWORD);
  await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeFocused();
  await expect(demo.getByRole('status')).toHaveText('Filled in for ops2@relm.test: press Sign in.');
  await page.keyboard.press('Enter');
  await expect(mainNav(page)).toBeVisible();
  await expect(page).toHaveURL(/\/$/);
});

test.describe('a browser that prefers French', () => {
  test.use({ locale: 'fr-FR' });

  test('gets the sign-in page in French without choosing, and a person’s own choice wins over the browser', async ({ page }) => {
    await page.goto('/sign-in');
    await expect(page.getByRole('heading', { level: 1, name: 'Connexion' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
    await expectAccessible(page);

    await page
      .getByRole('complementary', { name: 'Comptes de démonstration' })
      .getByRole('button', { name: /^viewer@relm\.test/ })
      .click();
    await page.getByRole('button', { name: 'Se connecter', exact: true }).click();
    // the navigation speaks French too (messages/fr/nav.json)
    await expect(page.getByRole('navigation', { name: 'Menu principal' })).toBeVisible();

    // Profile › Language: English, though the browser asks for French
    await page.goto('/profile');
    const section = page.getByRole('region', { name: 'Langue' });
    await section.getByLabel('La langue dans laquelle Relm s’adresse à vous').selectOption('en');
    await section.getByRole('button', { name: 'Enregistrer la langue' }).click();
    // said in the language chosen, and the section itself now reads in English
    const english = page.getByRole('region', { name: 'Language' });
    await expect(english.getByTestId('form-success')).toHaveText('Saved: Relm speaks English to you.');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expectAccessible(page);
  });
});

test('the health endpoint reports the database', async ({ request }) => {
  const res = await request.get('/api/health');
  expect(res.status()).toBe(200);
  expect(await res.json()).toEqual({ status: 'ok', database: 'ok' });
});
