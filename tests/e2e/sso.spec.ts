import { expect, test, type Browser, type Page } from '@playwright/test';
import { DEMO_PASSWORD, expectAccessible, mainNav, signInAndWait } from './helpers';

// Issue 14, point 1 (docs/decisions/037-oidc-single-sign-on.md): single sign-on against a real
// OpenID Connect provider (tests/e2e/oidc-provider.ts, the oidc-provider package) that
// playwright.config.ts starts beside Relm. Its development login page takes any password; its
// people: dana (groups relm-operations, staff) and casey (contractors). The tests run in order.

test.describe.configure({ mode: 'serial' });

async function newPage(browser: Browser): Promise<Page> {
  return (await browser.newContext()).newPage();
}

async function adminOnSsoPage(browser: Browser): Promise<Page> {
  const admin = await newPage(browser);
  await signInAndWait(admin, 'admin@relm.test');
  await admin.goto('/admin/sso');
  await expect(admin.getByRole('heading', { name: 'Single sign-on', level: 1 })).toBeVisible();
  return admin;
}

/** Relm's "Sign in with Acme ID" button, then the identity provider's own login and consent pages. */
async function signOn(page: Page, login: string) {
  await page.goto('/sign-in');
  await page.getByRole('button', { name: 'Sign in with Acme ID' }).click();
  await expect(page).toHaveURL(/^http:\/\/127\.0\.0\.1:\d+\/interaction\//);
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill('any password: the test provider takes it');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  await page.getByRole('button', { name: 'Continue' }).click();
}

async function mapGroup(admin: Page, group: string, roles: string[], team: string) {
  const form = admin.getByRole('region', { name: 'Map a group' });
  await form.getByLabel('Group', { exact: true }).fill(group);
  for (const role of roles) await form.getByRole('checkbox', { name: role, exact: true }).check();
  await form.getByLabel('Team').selectOption({ label: team });
  await form.getByRole('button', { name: 'Add mapping' }).click();
  await expect(form.getByTestId('form-success')).toContainText(`Mapped the group ${group}`);
  await expect(admin.getByRole('cell', { name: group, exact: true })).toBeVisible();
}

async function userRow(admin: Page, email: string) {
  await admin.goto('/admin/users');
  return admin.getByRole('row').filter({ hasText: email });
}

test('an admin maps a group; a person in it signs in with the button and gets its roles and team', async ({ browser }) => {
  const admin = await adminOnSsoPage(browser);
  await expect(admin.getByText('/api/auth/callback/oidc')).toBeVisible();
  await expect(admin.getByText('No groups mapped yet')).toBeVisible();
  await expectAccessible(admin);
  await mapGroup(admin, 'relm-operations', ['Operations'], 'Platform');

  const dana = await newPage(browser);
  await signOn(dana, 'dana');
  await expect(mainNav(dana)).toBeVisible();
  await expect(dana).toHaveURL(/^http:\/\/127\.0\.0\.1:\d+\/$/);

  // the account was created at this first sign-on, with what the mapping gives
  const row = await userRow(admin, 'dana@idp.relm.test');
  await expect(row).toContainText('Dana SSO');
  await expect(row.getByRole('cell').nth(2)).toHaveText('Operations');
  await expect(row.getByRole('cell').nth(3)).toHaveText('Platform');
  await dana.context().close();
  await admin.context().close();
});

test('someone whose groups map to no role is refused and told which groups to have mapped', async ({ browser }) => {
  const casey = await newPage(browser);
  await signOn(casey, 'casey');
  await expect(casey).toHaveURL(/\/sign-in\?sso=no_role/);
  await expect(casey.getByTestId('form-error')).toContainText('not mapped to any Relm role');
  await expect(casey.getByTestId('form-error')).toContainText('map one of your groups to a role: contractors.');
  await expectAccessible(casey);
  // no account was made for them
  const admin = await newPage(browser);
  await signInAndWait(admin, 'admin@relm.test');
  await expect(await userRow(admin, 'casey@idp.relm.test')).toHaveCount(0);
  await casey.context().close();
  await admin.context().close();
});

test('a changed mapping is applied at the next sign-on', async ({ browser }) => {
  const admin = await adminOnSsoPage(browser);
  await admin.getByRole('button', { name: 'Delete the mapping of relm-operations' }).click();
  await admin.getByRole('button', { name: 'Yes, delete' }).click();
  await expect(admin.getByRole('cell', { name: 'relm-operations', exact: true })).toHaveCount(0);
  await mapGroup(admin, 'relm-operations', ['Approver'], 'Payments');
  await mapGroup(admin, 'staff', ['Viewer'], 'No team');

  const dana = await newPage(browser);
  await signOn(dana, 'dana');
  await expect(mainNav(dana)).toBeVisible();
  const row = await userRow(admin, 'dana@idp.relm.test');
  await expect(row.getByRole('cell').nth(2)).toHaveText('Approver, Viewer');
  await expect(row.getByRole('cell').nth(3)).toHaveText('Payments');
  await dana.context().close();
  await admin.context().close();
});

test('with password sign-in off only the break-glass admins may use a password', async ({ browser }) => {
  const admin = await adminOnSsoPage(browser);
  const settings = admin.getByRole('region', { name: 'Password sign-in' });
  try {
    // not without a break-glass admin
    await settings.getByLabel('Everyone may sign in with a password').uncheck();
    await settings.getByRole('button', { name: 'Save sign-in settings' }).click();
    await expect(settings.getByTestId('form-error')).toContainText('Name at least one break-glass admin');
    await expect(settings.getByLabel('Everyone may sign in with a password')).not.toBeChecked();
    await settings.getByLabel('Break-glass admins').fill('admin@relm.test');
    await settings.getByRole('button', { name: 'Save sign-in settings' }).click();
    await expect(settings.getByTestId('form-success')).toContainText('password sign-in is off except for the break-glass admins');

    const page = await newPage(browser);
    await page.goto('/sign-in');
    await expect(page.getByRole('button', { name: 'Sign in with Acme ID' })).toBeFocused();
    await expect(page.getByLabel('Email')).toBeHidden();
    await expect(page.getByText('Demo accounts')).toHaveCount(0);
    await expectAccessible(page);
    await page.getByText('Break-glass admin sign-in').click();
    await page.getByLabel('Email').fill('manager@relm.test');
    await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page.getByTestId('form-error')).toContainText('Password sign-in is switched off');
    await expect(page).toHaveURL(/\/sign-in/);

    await page.getByLabel('Email').fill('admin@relm.test');
    await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(mainNav(page)).toBeVisible();
    await page.context().close();
  } finally {
    // back on, for the other specs
    await admin.goto('/admin/sso');
    await settings.getByLabel('Everyone may sign in with a password').check();
    await settings.getByRole('button', { name: 'Save sign-in settings' }).click();
    await expect(settings.getByTestId('form-success')).toContainText('everyone may sign in with a password');
  }
  await expect(settings).toContainText('Everyone may sign in with a password, beside single sign-on.');
  await admin.context().close();
});
