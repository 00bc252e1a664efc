import { expect, test } from '@playwright/test';
import { expectAccessible, fillDate, signInAndWait } from './helpers';

// The two admin forms whose heavy parts stay out of the first-load JavaScript
// (issue 12): the freeze form loads its recurrence engine on demand for the live
// preview, and the policy form ships without the policy's zod schema. Both must
// still work in a browser exactly as before.

test('freeze form: the live preview follows the rule as it is typed, and the freeze is saved and edited', async ({ page }) => {
  await signInAndWait(page, 'admin@relm.test');
  await page.goto('/admin/freezes');
  const form = page.locator('form', { has: page.getByRole('button', { name: 'Create freeze' }) });
  const preview = form.getByRole('region', { name: 'Preview' });
  // nothing to evaluate yet: answered without the engine
  await expect(preview).toContainText('Enter a rule to see a preview.');
  await expectAccessible(page);

  await form.getByLabel('Time zone').fill('Europe/London');
  await form.getByLabel('Recurrence rule (RRULE)').fill('FREQ=WEEKLY;BYDAY=FR;BYHOUR=18;BYMINUTE=0');
  await form.getByLabel('Duration (minutes)').fill('3600');
  await expect(preview).toContainText('Every Friday at 18:00 for 2 days 12 hours (Europe/London)');
  await expect(preview.getByRole('listitem')).toHaveCount(5);
  await form.getByLabel('Time zone').fill('Mars/Olympus');
  await expect(preview).toContainText('Choose a known time zone to see a preview.');
  await form.getByLabel('Time zone').fill('Europe/London');

  await form.getByLabel('Cron (5 fields)').check();
  await form.getByLabel('Cron expression').fill('0 18 * *');
  await expect(preview).toContainText('five fields');
  await form.getByLabel('Cron expression').fill('0 18 * * 5');
  await expect(preview).toContainText(/18:00.*Friday.* for 2 days 12 hours \(Europe\/London\)/);

  // a one-off freeze far in the future, so that no other spec meets it
  await form.getByLabel('One-off').check();
  await expect(preview).toContainText('Enter the start and the end to see a preview.');
  await fillDate(form.getByLabel('Starts', { exact: true }), '2040-12-24T00:00');
  await fillDate(form.getByLabel('Ends', { exact: true }), '2040-12-27T06:00');
  await expect(preview).toContainText('Once, from Mon 24 Dec 2040 00:00 to Thu 27 Dec 2040 06:00 (Europe/London)');
  await expectAccessible(page);

  const name = `E2E year-end freeze ${Date.now()}`;
  await form.getByLabel('Name').fill(name);
  await form.getByLabel('Reason').fill('Checks the freeze form end to end.');
  await form.getByRole('button', { name: 'Create freeze' }).click();
  await expect(form.getByTestId('form-success')).toContainText(`Created “${name}”`);

  // the edit page previews the stored freeze as soon as it has loaded
  await page.getByRole('link', { name }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  const edit = page.locator('form', { has: page.getByRole('button', { name: 'Save changes' }) });
  await expect(edit.getByRole('region', { name: 'Preview' })).toContainText('Once, from Mon 24 Dec 2040 00:00 to Thu 27 Dec 2040 06:00 (Europe/London)');
  await fillDate(edit.getByLabel('Ends', { exact: true }), '2040-12-28T06:00');
  await expect(edit.getByRole('region', { name: 'Preview' })).toContainText('to Fri 28 Dec 2040 06:00 (Europe/London)');
  await expectAccessible(page);
});

test('policy form: a refused save shows the errors at the fields and keeps the input', async ({ page }) => {
  await signInAndWait(page, 'admin@relm.test');
  await page.goto('/admin/policy');
  await expect(page.getByRole('heading', { level: 1, name: 'Release policy' })).toBeVisible();
  await expectAccessible(page);

  // thresholds that do not rise: refused, nothing saved, so other specs keep the demo policy
  await page.getByLabel('Medium from score').fill('40');
  await page.getByLabel('High from score').fill('10');
  await page.getByLabel('Why this change').fill('E2E: thresholds that do not rise');
  await page.getByRole('button', { name: /^Save as version/ }).click();
  await expect(page.getByTestId('form-error')).toContainText('nothing was saved');
  await expect(page.getByText(/Thresholds must rise/).first()).toBeVisible();
  await expect(page.getByLabel('Medium from score')).toHaveValue('40');
  await expect(page.getByLabel('Why this change')).toHaveValue('E2E: thresholds that do not rise');
  await expectAccessible(page);
});
