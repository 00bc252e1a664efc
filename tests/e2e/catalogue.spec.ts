import { expect, test } from '@playwright/test';
import { expectAccessible, signInAndWait } from './helpers';

// Components, builds, environments and API tokens, as the people who use them.

test('a dependency cycle is refused with the cycle named', async ({ page }) => {
  await signInAndWait(page, 'admin@relm.test');
  await page.goto('/components/ledger/edit');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('ledger');
  await expectAccessible(page);
  // ledger depends on nothing; billing-api depends on ledger: make ledger depend on billing-api
  // ledger depends on nothing yet, so the first dependency row is free
  await page.getByLabel('Dependency 1: component').selectOption('billing-api');
  await page.getByLabel('Dependency 1: version range').fill('>=4.0.0');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByText(/ledger → billing-api → ledger/).first()).toBeVisible();
  // the user's rows are kept
  await expect(page.getByLabel('Dependency 1: component')).toHaveValue('billing-api');
  await expect(page.getByLabel('Dependency 1: version range')).toHaveValue('>=4.0.0');
  await expectAccessible(page);
});

test('a release manager records a build by hand; bad work-item lines are explained', async ({ page }) => {
  await signInAndWait(page, 'manager@relm.test');
  await page.goto('/builds');
  await page.getByRole('link', { name: 'Record build' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Record build' })).toBeVisible();
  const version = `9.${Date.now() % 1000}.0`;
  await page.getByLabel('Component', { exact: true }).selectOption('search-indexer');
  await page.getByLabel('Version').fill(version);
  await page.getByLabel('Artifact digest (sha256)').fill('not-a-digest');
  await page.getByLabel('Work items (optional)').fill('DATA-900 Faster reindex https://tracker.relm.test/browse/DATA-900\n:::');
  await page.getByLabel('Build notes (optional)').fill('Reindex runs in half the time.');
  await page.getByRole('button', { name: 'Record build' }).click();
  await expect(page.locator('#artifactDigest-error')).toContainText('sha256');
  await expect(page.getByLabel('Build notes (optional)')).toHaveValue('Reindex runs in half the time.');
  await expectAccessible(page);

  await page.getByLabel('Artifact digest (sha256)').fill(`sha256:${'ab'.repeat(32)}`);
  await page.getByLabel('Work items (optional)').fill('DATA-900 Faster reindex https://tracker.relm.test/browse/DATA-900');
  await page.getByRole('button', { name: 'Record build' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(`search-indexer ${version}`);
  await expect(page.getByText('DATA-900').first()).toBeVisible();
});

test('an admin adds a recurring maintenance window; a bad RRULE is explained', async ({ page }) => {
  await signInAndWait(page, 'admin@relm.test');
  await page.goto('/admin/environments/staging');
  await expect(page.getByRole('heading', { level: 1, name: 'Staging' })).toBeVisible();
  const form = page.locator('form').filter({ has: page.getByRole('button', { name: 'Add window' }) });
  await form.getByLabel('Label').fill('Thursday evening patching');
  await form.getByLabel('Time zone').fill('Europe/London');
  await form.getByLabel('Recurrence rule (RRULE)').fill('FREQ=SOMETIMES');
  await form.getByLabel('Duration (minutes)').fill('90');
  await form.getByRole('button', { name: 'Add window' }).click();
  await expect(form.getByText(/FREQ=WEEKLY;BYDAY=TU,TH;BYHOUR=20;BYMINUTE=0/).first()).toBeVisible();
  await expect(form.getByLabel('Label')).toHaveValue('Thursday evening patching');

  await form.getByLabel('Recurrence rule (RRULE)').fill('FREQ=WEEKLY;BYDAY=TH;BYHOUR=19;BYMINUTE=30');
  await form.getByRole('button', { name: 'Add window' }).click();
  await expect(page.getByText('Thursday evening patching').first()).toBeVisible();
  await expect(page.getByText(/Every Thursday at 19:30 for 1 hour 30 minutes/).first()).toBeVisible();
  await expectAccessible(page);
});

test('a personal API token is shown once, works on the API, and stops working when revoked', async ({ page, request }) => {
  await signInAndWait(page, 'ops@relm.test');
  await page.goto('/profile');
  await expect(page.getByRole('heading', { level: 1, name: 'Your profile' })).toBeVisible();
  await page.getByLabel('Name', { exact: true }).fill('e2e-pipeline');
  await page.getByRole('checkbox', { name: 'release.read' }).check();
  await page.getByRole('button', { name: 'Create token' }).click();
  const field = page.getByLabel('Your new API token');
  await expect(field).toBeVisible();
  const token = await field.inputValue();
  expect(token).toMatch(/^relm_/);
  await expectAccessible(page);

  const ok = await request.get('/api/v1/releases?status=submitted', { headers: { authorization: `Bearer ${token}` } });
  expect(ok.status()).toBe(200);
  expect((await ok.json()).items.length).toBeGreaterThan(0);

  // shown once: not after a reload
  await page.reload();
  await expect(page.getByLabel('Your new API token')).toHaveCount(0);
  await page.getByRole('button', { name: 'Revoke token e2e-pipeline' }).click();
  await page.getByRole('button', { name: 'Yes, revoke' }).click();
  await expect(page.getByRole('row', { name: /e2e-pipeline/ })).toContainText('Revoked');
  const refused = await request.get('/api/v1/releases', { headers: { authorization: `Bearer ${token}` } });
  expect(refused.status()).toBe(401);
  expect((await refused.json()).error.message).toMatch(/revoked/i);
});
