import { expect, test } from '@playwright/test';
import { Webhook } from 'standardwebhooks';
import { SmtpTestServer } from '../support/smtp';
import { startWebhookReceiver } from '../support/webhook-receiver';
import { expectAccessible, followNav, signInAndWait } from './helpers';

// The release manager's day (issue 3): create a release, add builds, see a
// compatibility problem explained, fix it, seal, see the gates, and submit; the approvers
// are told by e-mail (issue 13), and the e-mail's link opens the approval card; a webhook
// endpoint the admin registered receives the signed event.
test('the release manager plans, packages, seals and submits a release; the approver gets the e-mail', async ({ page, browser }) => {
  test.setTimeout(150_000);
  // the SMTP server the e2e server sends to (playwright.config.ts: RELM_SMTP_URL)
  const smtp = await new SmtpTestServer().start(Number(process.env.E2E_SMTP_PORT));
  // a machine that wants to hear of approval requests (playwright.config.ts allows loopback)
  const receiver = await startWebhookReceiver();
  const admin = await (await browser.newContext()).newPage();
  await signInAndWait(admin, 'admin@relm.test');
  await followNav(admin, 'Integrations');
  await expect(admin.getByRole('heading', { level: 1, name: 'Integrations' })).toBeVisible();
  await expectAccessible(admin);
  // the cloud metadata address is refused, with the reason beside the field and the input kept
  const register = admin.getByRole('region', { name: 'Register an endpoint' });
  await register.getByLabel('Endpoint URL').fill('http://169.254.169.254/latest/meta-data/');
  await register.getByLabel('Description').fill('Approval bot');
  await register.getByRole('button', { name: 'Register endpoint' }).click();
  await expect(register.locator('#webhook-url-error')).toContainText('cloud metadata service');
  await expect(register.getByLabel('Description')).toHaveValue('Approval bot');
  await register.getByLabel('Endpoint URL').fill(receiver.url('/relm'));
  await register.getByRole('checkbox', { name: /^Approval requested/ }).check();
  await register.getByRole('button', { name: 'Register endpoint' }).click();
  const secret = await register.getByLabel(/Signing secret of/).inputValue();
  expect(secret).toMatch(/^whsec_/);
  await expectAccessible(admin);
  await register.getByRole('button', { name: 'I have saved it' }).click();
  await expect(admin.getByRole('heading', { level: 3, name: 'Approval bot' })).toBeVisible();

  await signInAndWait(page, 'manager@relm.test');

  // create
  await page.goto('/releases');
  await page.getByRole('link', { name: 'New release' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'New release' })).toBeVisible();
  await expectAccessible(page);
  const title = `Ledger 2.4 rollout ${Date.now()}`;
  await page.getByLabel('Title', { exact: true }).fill(title);
  await page.getByRole('checkbox', { name: /^Staging/ }).check();
  await page.getByRole('button', { name: 'Create release' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(title);
  const key = (await page.getByRole('heading', { level: 1 }).textContent())!.match(/REL-\d+/)![0];
  await expect(page).toHaveURL(new RegExp(`/releases/${key}$`));

  // the gates are shown before anything is clicked, and submit is not possible yet
  const nextSteps = page.locator('#lifecycle');
  await expect(nextSteps.getByText(/package/i).first()).toBeVisible();
  await expect(nextSteps.getByRole('button', { name: 'Submit for approval' })).toBeDisabled();

  // add a build that breaks what staging runs: the problem is explained
  await page.goto(`/releases/${key}/package`);
  const pkg = page.locator('#package');
  await pkg.getByLabel('Build to add').selectOption({ label: 'ledger 3.0.0' });
  await pkg.getByRole('button', { name: 'Add build' }).click();
  await expect(pkg.getByText(/needs ledger >=2\.\d\.\d <3\.0\.0-0|needs ledger [^;]*<3[^;]*; this package brings ledger 3\.0\.0/).first()).toBeVisible();
  await expectAccessible(page);

  // fix it: swap ledger 3.0.0 for 2.4.0
  await pkg
    .getByRole('row', { name: /ledger/ })
    .getByRole('button', { name: 'Remove' })
    .click();
  await expect(pkg.getByRole('row', { name: /ledger/ })).toHaveCount(0);
  await pkg.getByLabel('Build to add').selectOption({ label: 'ledger 2.4.0' });
  await pkg.getByRole('button', { name: 'Add build' }).click();
  await expect(pkg.getByRole('row', { name: /ledger.*2\.4\.0/ })).toBeVisible();
  await expect(pkg.getByText(/compatibility problem/)).toHaveCount(0);

  // seal
  await pkg.getByRole('button', { name: 'Seal package…' }).click();
  await pkg.getByRole('button', { name: 'Yes, seal the package' }).click();
  await expect(pkg.getByText('Sealed', { exact: true }).first()).toBeVisible();
  await expect(pkg.getByText(/sha256/).first()).toBeVisible();

  // risks: state that there are none known
  await page.goto(`/releases/${key}/risks`);
  await page.locator('#risks').getByRole('button', { name: 'State: no known risks' }).click();
  await expect(page.locator('#risks').getByText('The release is stated to have no known risks.')).toBeVisible();

  // the policy wants a back-out plan for a normal release: the gate says so, then it is written
  await page.goto(`/releases/${key}`);
  await expect(
    page
      .locator('#lifecycle')
      .getByText(/back-out plan/i)
      .first(),
  ).toBeVisible();
  await page.goto(`/releases/${key}/backout`);
  const backout = page.locator('#backout');
  await backout.getByLabel('Expected duration (min)').fill('20');
  await backout.getByLabel('Trigger criteria').fill('Postings error rate above 1% for 5 minutes.');
  await backout.getByLabel('Step 1', { exact: true }).fill('Redeploy the previous ledger build');
  await backout.getByLabel('Step 1 minutes').fill('15');
  await backout.getByRole('button', { name: 'Create the back-out plan' }).click();
  await expect(backout.getByText('Redeploy the previous ledger build').first()).toBeVisible();

  // every submit gate passes now, and the release is submitted
  await page.goto(`/releases/${key}`);
  const submit = page.locator('#lifecycle').getByRole('button', { name: 'Submit for approval' });
  await expect(submit).toBeEnabled();
  await expectAccessible(page);
  await submit.click();
  await expect(page.getByTestId('release-status')).toContainText('Submitted');
  await page.goto(`/releases/${key}/history`);
  await expect(page.locator('#history')).toContainText('Submitted');

  // the approval request reaches the approver by e-mail, sent by the job engine
  const mail = await smtp.waitFor((m) => m.subject === `${key} needs your approval` && m.envelope.to.includes('approver@relm.test'), { timeoutMs: 45_000 });
  const link = mail.text.match(/http:\/\/127\.0\.0\.1:\d+\/approvals\/REL-\d+/)?.[0];
  expect(link).toBe(`${new URL(page.url()).origin}/approvals/${key}`);
  expect(mail.html).toContain(`href="${link}"`);
  // and its link opens the approval card for the approver
  const approver = await (await browser.newContext()).newPage();
  await signInAndWait(approver, 'approver@relm.test');
  await approver.goto(link!);
  await expect(approver.getByRole('heading', { level: 1 })).toContainText(key);
  await expect(approver.getByRole('form', { name: `Decide on ${key}` })).toBeVisible();
  await smtp.stop();

  // the endpoint received the signed event, which verifies with the secret shown once
  const hook = await receiver.waitFor((r) => r.path === '/relm' && r.body.includes(`"releaseKey":"${key}"`), { timeoutMs: 45_000 });
  const event = new Webhook(secret).verify(hook.body, hook.headers as Record<string, string>) as { type: string; data: { link: string } };
  expect(event.type).toBe('approval.requested');
  expect(event.data.link).toBe(`${new URL(page.url()).origin}/approvals/${key}`);
  // its delivery log says so; then the admin removes the endpoint
  await admin.reload();
  await admin.getByRole('link', { name: 'Delivery log of Approval bot' }).click();
  await expect(admin.getByRole('heading', { level: 1 })).toContainText('Delivery log: Approval bot');
  await expect(admin.getByRole('row', { name: new RegExp(`approval\\.requested.*${key}.*sent`) })).toBeVisible();
  await expectAccessible(admin);
  await admin.getByRole('link', { name: 'Integrations' }).first().click();
  await admin.getByRole('button', { name: 'Delete the endpoint Approval bot' }).click();
  await admin.getByRole('button', { name: 'Yes, delete' }).click();
  await expect(admin.getByRole('heading', { level: 3, name: 'Approval bot' })).toHaveCount(0);
  await receiver.stop();
});

test('two release managers edit the same release: the stale save is refused, named and keeps the input', async ({ browser }) => {
  const first = await (await browser.newContext()).newPage();
  const second = await (await browser.newContext()).newPage();
  await signInAndWait(first, 'manager@relm.test');
  await signInAndWait(second, 'manager2@relm.test');
  // both open the edit form of the same draft release
  await first.goto('/releases/REL-22/edit');
  await second.goto('/releases/REL-22/edit');
  await expect(first.getByLabel('Title', { exact: true })).toBeVisible();
  await expect(second.getByLabel('Title', { exact: true })).toBeVisible();

  const mine = `Identity 1.10: SCIM provisioning (edited ${Date.now()})`;
  await first.getByLabel('Title', { exact: true }).fill(mine);
  await first.getByRole('button', { name: 'Save changes' }).click();
  await expect(first).toHaveURL(/\/releases\/REL-22$/);
  await expect(first.getByRole('heading', { level: 1 })).toContainText(mine);

  const theirs = 'Identity 1.10: SCIM provisioning, second opinion';
  await second.getByLabel('Title', { exact: true }).fill(theirs);
  await second.getByLabel('Description (optional)').fill('Typed by the second manager and must survive the refusal.');
  await second.getByRole('button', { name: 'Save changes' }).click();
  const alert = second.getByRole('alert').first();
  await expect(alert).toContainText('Priya Shah saved a newer version of REL-22');
  // the stored title beside theirs, to choose from (decision 054)
  await expect(second.getByTestId('conflict-chooser').getByRole('group', { name: 'Title' })).toContainText(mine);
  // what they typed is still there
  await expect(second.getByLabel('Title', { exact: true })).toHaveValue(theirs);
  await expect(second.getByLabel('Description (optional)')).toHaveValue('Typed by the second manager and must survive the refusal.');
  await expectAccessible(second);
});

test('a release manager of another team reads a release; once the owner adds them as co-manager they change it', async ({ browser }) => {
  const owner = await (await browser.newContext()).newPage();
  const other = await (await browser.newContext()).newPage();
  await signInAndWait(owner, 'manager@relm.test');
  await signInAndWait(other, 'manager2@relm.test');

  // Priya (Payments) creates a release
  await owner.goto('/releases/new');
  const title = `Ledger reconciliation ${Date.now()}`;
  await owner.getByLabel('Title', { exact: true }).fill(title);
  await owner.getByRole('checkbox', { name: /^Staging/ }).check();
  await owner.getByRole('button', { name: 'Create release' }).click();
  await expect(owner.getByRole('heading', { level: 1 })).toContainText(title);
  const key = (await owner.getByRole('heading', { level: 1 }).textContent())!.match(/REL-\d+/)![0];

  // Tom (Customer Experience) reads it: a calm note names who may change it, and no edit controls
  await other.goto(`/releases/${key}`);
  const note = other.getByTestId('read-only-note');
  await expect(note).toContainText(`You can read ${key}. Changes are for ${key}'s owner (Priya Shah) and release managers of the Payments team`);
  await expect(other.getByRole('link', { name: 'Edit release' })).toHaveCount(0);
  await expect(other.getByRole('button', { name: 'Add co-manager' })).toHaveCount(0);
  await other.goto(`/releases/${key}/risks`);
  await expect(other.getByRole('button', { name: 'Add risk' })).toHaveCount(0);
  await expectAccessible(other);

  // Priya adds Tom as a co-manager on the overview
  const managers = owner.locator('#managers');
  await managers.getByLabel('Add a co-manager').selectOption({ label: 'Tom Okafor (Customer Experience)' });
  await managers.getByRole('button', { name: 'Add co-manager' }).click();
  await expect(managers.getByText(`Tom Okafor is now a co-manager of ${key}.`)).toBeVisible();
  await expect(managers.getByRole('listitem').filter({ hasText: 'Tom Okafor' })).toContainText('Co-manager');
  await expectAccessible(owner);

  // now Tom may change it: no note, and his edit is saved
  await other.goto(`/releases/${key}`);
  await expect(other.getByTestId('read-only-note')).toHaveCount(0);
  await other.getByRole('link', { name: 'Edit release' }).click();
  // the overview's copy form has "Title of the copy": wait for the edit form itself
  await expect(other).toHaveURL(new RegExp(`/releases/${key}/edit$`));
  const renamed = `${title} (co-managed)`;
  await other.getByLabel('Title', { exact: true }).fill(renamed);
  await other.getByRole('button', { name: 'Save changes' }).click();
  await expect(other).toHaveURL(new RegExp(`/releases/${key}$`));
  await expect(other.getByRole('heading', { level: 1 })).toContainText(renamed);
});
