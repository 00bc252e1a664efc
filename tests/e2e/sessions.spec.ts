import { expect, test, type Browser, type Page } from '@playwright/test';
import { expectAccessible, mainNav, signIn, signInAndWait } from './helpers';

// Issue 14, point 2 (docs/decisions/034-server-side-sessions.md): a session cookie someone
// kept (copied into another browser) stops working once the session is ended: by signing
// out, by "Sign out everywhere", by an admin, or by a password reset. Each test uses a person
// of its own, so ending their sessions touches no other spec's browser.

const PASSWORD = 'a-long-enough-password';

/** An admin creates a viewer for this test through the Users page; returns the email. */
async function newPerson(browser: Browser): Promise<string> {
  const admin = await (await browser.newContext()).newPage();
  await signInAndWait(admin, 'admin@relm.test');
  await admin.goto('/admin/users');
  const email = `sessions-${Date.now()}-${Math.floor(Math.random() * 1e6)}@relm.test`;
  await admin.getByLabel('Email').fill(email);
  await admin.getByLabel('Full name').fill('Sam Sessions');
  await admin.getByLabel('Initial password').fill(PASSWORD);
  await admin.getByRole('checkbox', { name: 'Viewer' }).check();
  await admin.getByRole('button', { name: 'Create user' }).click();
  await expect(admin.getByRole('cell', { name: email })).toBeVisible();
  await admin.close();
  return email;
}

async function signInAs(page: Page, email: string, password = PASSWORD) {
  await signIn(page, email, password);
  await expect(mainNav(page)).toBeVisible();
}

/** Another browser holding a copy of this page's cookies, as someone who copied them would. */
async function copyOfCookies(browser: Browser, page: Page): Promise<Page> {
  const context = await browser.newContext();
  await context.addCookies(await page.context().cookies());
  return context.newPage();
}

async function expectSignedIn(page: Page) {
  await page.goto('/releases');
  await expect(mainNav(page)).toBeVisible();
  const session = await (await page.request.get('/api/auth/session')).json();
  expect(session?.user?.email).toMatch(/@relm\.test$/);
}

/** Pages send the kept cookie to sign in, and next-auth's session endpoint no longer describes it. */
async function expectSentToSignIn(page: Page) {
  await page.goto('/releases');
  await expect(page).toHaveURL(/\/sign-in/);
  expect(await (await page.request.get('/api/auth/session')).json()).toBeNull();
}

test('a copied session cookie stops working when its owner signs out', async ({ page, browser }) => {
  const email = await newPerson(browser);
  await signInAs(page, email);
  const copy = await copyOfCookies(browser, page);
  await expectSignedIn(copy);

  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await expectSentToSignIn(copy);
  await copy.context().close();
});

test('Profile lists your sessions; ending another one signs that browser out', async ({ page, browser }) => {
  const email = await newPerson(browser);
  const phone = await (await browser.newContext()).newPage();
  await signInAs(phone, email);
  await signInAs(page, email);

  await page.goto('/profile');
  const sessions = page.getByRole('region', { name: 'Sessions', exact: true });
  await expect(sessions.getByRole('row')).toHaveCount(3); // header + two sessions
  await expect(sessions.getByText('This session')).toBeVisible();
  await expectAccessible(page);

  await sessions.getByRole('button', { name: /^End the session on/ }).click();
  await sessions.getByRole('button', { name: 'Yes, end it' }).click();
  await expect(sessions.getByRole('row')).toHaveCount(2);
  await expectSentToSignIn(phone);
  await expectSignedIn(page);
  await phone.close();
});

test('Sign out everywhere ends every session, this one and any copy included', async ({ page, browser }) => {
  const email = await newPerson(browser);
  const phone = await (await browser.newContext()).newPage();
  await signInAs(phone, email);
  await signInAs(page, email);
  const copy = await copyOfCookies(browser, page);

  await page.goto('/profile');
  await page.getByRole('button', { name: 'Sign out everywhere' }).click();
  await page.getByRole('button', { name: 'Yes, sign out everywhere' }).click();
  await expect(page).toHaveURL(/\/sign-in/);

  await expectSentToSignIn(phone);
  await expectSentToSignIn(copy);
  await phone.close();
  await copy.context().close();
});

test("an admin ends a user's sessions, and a password reset ends them too", async ({ page, browser }) => {
  const email = await newPerson(browser);
  await signInAs(page, email);
  const copy = await copyOfCookies(browser, page);

  const admin = await (await browser.newContext()).newPage();
  await signInAndWait(admin, 'admin@relm.test');
  await admin.goto(`/admin/users?q=${encodeURIComponent(email)}`);
  await admin.getByRole('link', { name: email }).click();
  const sessions = admin.getByRole('region', { name: 'Sessions', exact: true });
  await expect(sessions.getByRole('row')).toHaveCount(2); // header + one session
  await expectAccessible(admin);
  await sessions.getByRole('button', { name: 'End all sessions' }).click();
  await sessions.getByRole('button', { name: 'Yes, end them' }).click();
  await expect(sessions.getByText('No active sessions')).toBeVisible();
  await expectSentToSignIn(page);
  await expectSentToSignIn(copy);

  // signed in again; the admin sets a new password: out again, and only the new one works
  await signInAs(page, email);
  const again = await copyOfCookies(browser, page);
  const reset = admin.getByRole('region', { name: 'Reset password', exact: true });
  await reset.getByLabel('New password').fill('short');
  await reset.getByRole('button', { name: 'Set new password' }).click();
  await expect(admin.locator('#password-error')).toContainText('at least 12');
  await reset.getByLabel('New password').fill('another-long-enough-password');
  await reset.getByRole('button', { name: 'Set new password' }).click();
  await expect(reset.getByText(/New password set for/)).toBeVisible();
  await expectSentToSignIn(page);
  await expectSentToSignIn(again);
  await signInAs(page, email, 'another-long-enough-password');

  await admin.close();
  await copy.context().close();
  await again.context().close();
});

test('changing your password on Profile ends your other sessions; this one stays', async ({ page, browser }) => {
  const email = await newPerson(browser);
  const laptop = await (await browser.newContext()).newPage();
  await signInAs(laptop, email);
  await signInAs(page, email);

  await page.goto('/profile');
  const section = page.getByRole('region', { name: 'Password', exact: true });
  // a wrong current password is refused on its field, and nothing ends
  await section.getByLabel('Current password').fill('not-my-password');
  await section.getByLabel('New password', { exact: true }).fill('orbit lantern quietly mosaic 42');
  await section.getByLabel('New password again').fill('orbit lantern quietly mosaic 42');
  await section.getByRole('button', { name: 'Change password' }).click();
  await expect(section.locator('#currentPassword-error')).toContainText('That is not your current password.');
  await expectSignedIn(laptop);

  // a weak new password is refused with the reason
  await section.getByLabel('Current password').fill(PASSWORD);
  await section.getByLabel('New password', { exact: true }).fill('password1234');
  await section.getByLabel('New password again').fill('password1234');
  await section.getByRole('button', { name: 'Change password' }).click();
  await expect(section.locator('#newPassword-error')).toContainText('This password is too easy to guess.');
  await expectAccessible(page);

  await section.getByLabel('Current password').fill(PASSWORD);
  await section.getByLabel('New password', { exact: true }).fill('orbit lantern quietly mosaic 42');
  await section.getByLabel('New password again').fill('orbit lantern quietly mosaic 42');
  await section.getByRole('button', { name: 'Change password' }).click();
  await expect(section.getByText('Password changed. 1 other session ended: sign in there with the new password.')).toBeVisible();

  // the laptop's kept cookie is refused; this browser stays signed in; the new password signs in
  await expectSentToSignIn(laptop);
  await expectSignedIn(page);
  await signInAs(laptop, email, 'orbit lantern quietly mosaic 42');
  await laptop.close();
});
