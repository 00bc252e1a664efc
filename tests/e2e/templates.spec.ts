import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, followNav, signInAndWait } from './helpers';

// Templates and copies (decision 044) and standard changes (decision 045): a release manager
// saves a seeded release as a template, starts a release from it, copies a release, and takes a
// release from the seeded standard-change template ("Ledger patch rollout", pre-approved by the
// demo policy for the ledger) through submit: it is pre-approved with the recorded decision and
// needs no approval round. Accessible, and at 390 px without sideways scrolling.

async function noSidewaysScroll(page: Page) {
  const { scroll, width } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, width: window.innerWidth }));
  expect(scroll, `the page is ${scroll}px wide in a ${width}px window`).toBeLessThanOrEqual(width);
}

test('a release manager saves a release as a template, starts a release from it and copies a release', async ({ page }) => {
  test.setTimeout(120_000);
  await signInAndWait(page, 'manager@relm.test');
  // REL-1 (Ledger 2.3.1) is a seeded release with a plan and a back-out plan
  await page.goto('/releases/REL-1');
  const panel = page.locator('#templates-and-copies');
  const name = `Ledger retries ${Date.now()}`;
  await panel.getByLabel('Template name').fill(name);
  await panel.getByRole('button', { name: 'Save as template' }).click();
  await expect(panel.getByText(`Saved as the new template “${name}” (version 1).`)).toBeVisible();
  await expectAccessible(page);
  // saving again under the same name makes version 2
  await panel.getByLabel('Template name').fill(name);
  await panel.getByRole('button', { name: 'Save as template' }).click();
  await expect(panel.getByText(`Saved as version 2 of the template “${name}”`)).toBeVisible();

  await followNav(page, 'Templates');
  await expect(page.getByRole('heading', { level: 1, name: 'Templates' })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('link', { name, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: `${name} v2` })).toBeVisible();
  await page.getByRole('link', { name: 'v1', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: `${name} v1` })).toBeVisible();
  await expectAccessible(page);
  await page.setViewportSize({ width: 390, height: 844 });
  await noSidewaysScroll(page);
  await page.setViewportSize({ width: 1280, height: 900 });

  // a new release from it: the form is filled, and the plan comes with it
  await page.goto('/releases/new');
  await page.getByLabel('Start from a template').selectOption({ label: `${name} v2` });
  await page.getByRole('button', { name: 'Use template' }).click();
  await expect(page.getByTestId('template-summary')).toContainText(`${name} v2`);
  await expectAccessible(page);
  const title = `From template ${Date.now()}`;
  await page.getByLabel('Title', { exact: true }).fill(title);
  await page.getByRole('button', { name: 'Create release' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(title);
  await expect(page.getByTestId('standard-change')).toContainText(`Started from the template ${name} v2`);
  const key = (await page.getByRole('heading', { level: 1 }).textContent())!.match(/REL-\d+/)![0];
  await page.goto(`/releases/${key}/plan`);
  await expect(page.locator('main')).not.toContainText('No plan tasks yet');

  // a copy of REL-1: a new draft with a new key
  await page.goto('/releases/REL-1');
  const copyTitle = `Copy ${Date.now()}`;
  await page.locator('#templates-and-copies').getByLabel('Title of the copy (optional)').fill(copyTitle);
  await page.locator('#templates-and-copies').getByRole('button', { name: 'Copy release' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(copyTitle);
  await expect(page.getByTestId('release-status')).toContainText('Draft');
  await expect(page).not.toHaveURL(/\/releases\/REL-1$/);
  await expectAccessible(page);
  await page.setViewportSize({ width: 390, height: 844 });
  await noSidewaysScroll(page);
});

test('a release from the standard-change template is pre-approved by the policy, with the decision shown', async ({ page }) => {
  test.setTimeout(120_000);
  await signInAndWait(page, 'manager@relm.test');
  await page.goto('/releases/new');
  await page.getByLabel('Start from a template').selectOption({ label: 'Ledger patch rollout v1 (standard change)' });
  await page.getByRole('button', { name: 'Use template' }).click();
  await expect(page.getByTestId('template-summary')).toContainText('Ledger patch rollout v1');
  const title = `Ledger patch ${Date.now()}`;
  await page.getByLabel('Title', { exact: true }).fill(title);
  await page.getByRole('button', { name: 'Create release' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(title);
  const key = (await page.getByRole('heading', { level: 1 }).textContent())!.match(/REL-\d+/)![0];
  await expect(page.getByTestId('standard-change')).toContainText('decided when it is submitted');

  // its package: one ledger build, sealed
  await page.goto(`/releases/${key}/package`);
  const pkg = page.locator('#package');
  await pkg.getByLabel('Build to add').selectOption({ label: 'ledger 2.4.0' });
  await pkg.getByRole('button', { name: 'Add build' }).click();
  await expect(pkg.getByRole('row', { name: /ledger.*2\.4\.0/ })).toBeVisible();
  await pkg.getByRole('button', { name: 'Seal package…' }).click();
  await pkg.getByRole('button', { name: 'Yes, seal the package' }).click();
  await expect(pkg.getByText('Sealed', { exact: true }).first()).toBeVisible();

  // submitted: pre-approved, no approval round
  await page.goto(`/releases/${key}`);
  const submit = page.locator('#lifecycle').getByRole('button', { name: 'Submit for approval' });
  await expect(submit).toBeEnabled();
  await submit.click();
  await expect(page.getByTestId('release-status')).toContainText('Submitted');
  await expect(page.getByTestId('standard-change')).toContainText(
    'Pre-approved by policy version 1, template Ledger patch rollout v1: a standard change within its limits, so no approval round is needed.',
  );
  await expectAccessible(page);
  await page.goto(`/approvals/${key}`);
  await expect(page.getByTestId('standard-change')).toContainText('Pre-approved by policy version 1, template Ledger patch rollout v1');
  await expectAccessible(page);

  // the approval gate passes on the policy's decision
  await page.goto(`/releases/${key}`);
  const approve = page.locator('#lifecycle').getByRole('button', { name: 'Approve' });
  await expect(approve).toBeEnabled();
  await approve.click();
  await expect(page.getByTestId('release-status')).toContainText('Approved');
  await page.setViewportSize({ width: 390, height: 844 });
  await noSidewaysScroll(page);
});
