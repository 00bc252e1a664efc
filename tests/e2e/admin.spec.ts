import { expect, test, request as playwrightRequest, type Page } from '@playwright/test';
import { expectAccessible, followNav, navLink, navLinksNamed, signInAndWait } from './helpers';

/**
 * Fills the "create team" form as the admin but stops the request from reaching the
 * server, and returns what the browser would have sent: a real server-action call.
 */
async function captureCreateTeamCall(page: Page, name: string, slug: string) {
  await page.goto('/admin/teams');
  let captured: { url: string; headers: Record<string, string>; body: Buffer } | undefined;
  await page.route('**/admin/teams', async (route) => {
    const req = route.request();
    if (req.method() === 'POST' && req.headers()['next-action']) {
      captured = { url: req.url(), headers: req.headers(), body: req.postDataBuffer() ?? Buffer.alloc(0) };
      await route.abort();
    } else {
      await route.continue();
    }
  });
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByLabel('Slug').fill(slug);
  await page.getByRole('button', { name: 'Create team' }).click();
  await expect.poll(() => captured).toBeDefined();
  await page.unroute('**/admin/teams');
  return captured!;
}

function replayHeaders(h: Record<string, string>) {
  const keep = ['next-action', 'content-type', 'next-router-state-tree', 'accept'];
  return Object.fromEntries(Object.entries(h).filter(([k]) => keep.includes(k)));
}

test('admin pages: users, teams and the audit trail', async ({ page }) => {
  await signInAndWait(page, 'admin@relm.test');

  await followNav(page, 'Users');
  await expect(page.getByRole('heading', { level: 1, name: 'Users' })).toBeVisible();
  await expect(page.getByRole('cell', { name: 'viewer@relm.test' })).toBeVisible();
  await expectAccessible(page);

  // bad input: a message at each field, and what was typed is kept
  await page.getByLabel('Email').fill('not-an-email');
  await page.getByLabel('Full name').fill('Casey Example');
  await page.getByLabel('Initial password').fill('short');
  await page.getByRole('button', { name: 'Create user' }).click();
  await expect(page.locator('#email-error')).toContainText('valid email');
  await expect(page.locator('#password-error')).toContainText('at least 12');
  await expect(page.getByLabel('Full name')).toHaveValue('Casey Example');
  await expect(page.getByLabel('Email')).toHaveValue('not-an-email');
  await expectAccessible(page);

  // long enough but guessable: refused, with zxcvbn's reason beside the field
  await page.getByLabel('Email').fill('casey@relm.test');
  await page.getByLabel('Initial password').fill('aaaaaaaaaaaa');
  await page.getByRole('checkbox', { name: 'Viewer' }).check();
  await page.getByRole('button', { name: 'Create user' }).click();
  await expect(page.locator('#password-error')).toContainText('too easy to guess');
  await expect(page.locator('#password-error')).toContainText('Repeated characters');

  // a valid user
  await page.getByLabel('Initial password').fill('a-long-enough-password');
  await page.getByRole('checkbox', { name: 'Viewer' }).check();
  await page.getByRole('button', { name: 'Create user' }).click();
  await expect(page.getByRole('cell', { name: 'casey@relm.test' })).toBeVisible();

  await followNav(page, 'Teams');
  await expect(page.getByRole('heading', { level: 1, name: 'Teams' })).toBeVisible();
  await expectAccessible(page);

  await followNav(page, 'Audit trail');
  await expect(page.getByRole('heading', { level: 1, name: 'Audit trail' })).toBeVisible();
  await expect(page.getByRole('cell', { name: 'user.create' }).first()).toBeVisible();
  await page.getByRole('button', { name: 'Verify chain now' }).click();
  await expect(page.getByTestId('verification')).toContainText(/intact/i);
  // a verification that holds writes a signed checkpoint; the next one is held against it
  await page.getByRole('button', { name: 'Verify chain now' }).click();
  await expect(page.getByTestId('verification-checkpoints')).toContainText(
    /Held against \d+ signed checkpoints? kept outside the database; the last names #\d+, \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC\./,
  );
  await expectAccessible(page);

  // the job engine runs in the server process: its queues are there; e-mail goes to the e2e
  // SMTP server (playwright.config.ts), named without its credentials
  await followNav(page, 'Jobs and messages');
  await expect(page.getByRole('heading', { level: 1, name: 'Jobs and messages' })).toBeVisible();
  await expect(page.getByText('Running in this process')).toBeVisible();
  await expect(page.getByRole('cell', { name: /relm-tick/ })).toBeVisible();
  const email = page.getByRole('region', { name: 'E-mail' });
  await expect(email).toContainText(/On\s*through smtp:\/\/127\.0\.0\.1:\d+/);
  await expect(email).not.toContainText('Pa55word');
  await expectAccessible(page);
});

test('a viewer is refused an admin page and an admin action; no session is refused too', async ({ page, browser }) => {
  // the admin's own browser captures a genuine "create team" server-action call
  const admin = await browser.newPage();
  await signInAndWait(admin, 'admin@relm.test');
  const call = await captureCreateTeamCall(admin, 'Replayed Team', 'replayed-team');

  await signInAndWait(page, 'viewer@relm.test');
  await page.goto('/admin/users');
  await expect(page.getByText(/not allowed|do not have access/i).first()).toBeVisible();
  await expectAccessible(page);

  // the viewer replays the admin's call with the viewer's own session
  const asViewer = await page.context().request.post(call.url, { headers: replayHeaders(call.headers), data: call.body });
  expect(asViewer.status()).toBeLessThan(500);
  expect(await asViewer.text()).toMatch(/may not manage teams/);

  // and with no session at all
  const anonymous = await playwrightRequest.newContext({ baseURL: new URL(call.url).origin });
  const noSession = await anonymous.post(call.url, { headers: replayHeaders(call.headers), data: call.body });
  expect(noSession.status()).toBeLessThan(500);
  expect(await noSession.text()).toMatch(/Sign in to do this/);
  await anonymous.dispose();

  // nothing was created
  await admin.goto('/admin/teams');
  await expect(admin.getByRole('heading', { level: 1, name: 'Teams' })).toBeVisible();
  await expect(admin.getByText('Replayed Team')).toHaveCount(0);
  await admin.close();
});

test('disabling a user or changing their roles takes effect on their next request', async ({ page, browser }) => {
  const admin = await browser.newPage();
  await signInAndWait(admin, 'admin@relm.test');
  await admin.goto('/admin/users?q=ops2');
  const hasOps2 = (await admin.getByRole('link', { name: /ops2@relm\.test/ }).count()) > 0;
  const email = hasOps2 ? 'ops2@relm.test' : 'ops@relm.test';

  await signInAndWait(page, email);
  await expect(await navLink(page, 'Handovers')).toBeVisible();

  // remove the operations role: the open session is ended on its next request
  await admin.goto(`/admin/users?q=${encodeURIComponent(email)}`);
  await admin.getByRole('link', { name: email }).click();
  await admin.getByRole('checkbox', { name: 'Viewer' }).check();
  await admin.getByRole('checkbox', { name: 'Operations' }).uncheck();
  await admin.getByRole('button', { name: 'Save changes' }).click();
  await expect(admin.getByText(/saved/i).first()).toBeVisible();

  await page.goto('/releases');
  await expect(page).toHaveURL(/\/sign-in/);
  await signInAndWait(page, email);
  await expect(navLinksNamed(page, 'Handovers')).toHaveCount(0);

  // disable: the session ends and signing in again fails
  await admin.getByRole('button', { name: 'Disable user' }).click();
  const confirm = admin.getByRole('button', { name: /Yes, disable/ });
  if (await confirm.count()) await confirm.click();
  await expect(admin.getByText(/disabled/i).first()).toBeVisible();
  await page.goto('/');
  await expect(page).toHaveURL(/\/sign-in/);

  // restore for other tests
  await admin.getByRole('button', { name: 'Enable user' }).click();
  await admin.getByRole('checkbox', { name: 'Operations' }).check();
  await admin.getByRole('checkbox', { name: 'Viewer' }).uncheck();
  await admin.getByRole('button', { name: 'Save changes' }).click();
  await admin.close();
});
