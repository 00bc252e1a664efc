import { expect, test } from '@playwright/test';
import { expectAccessible, signInAndWait } from './helpers';

// Issue 4 in the browser: approvers decide on one card; separation of duties is
// enforced; the quorum approves the release.
test('two approvers from different teams approve a high-risk release on its approval card', async ({ browser }) => {
  test.setTimeout(120_000);

  // the owner cannot approve their own release
  const owner = await (await browser.newContext()).newPage();
  await signInAndWait(owner, 'manager@relm.test');
  await owner.goto('/approvals/REL-15');
  await expect(owner.getByRole('heading', { level: 1 })).toContainText('REL-15');
  await expect(owner.getByTestId('cannot-decide')).toBeVisible();

  // the first approver finds it in the inbox and opens the card
  const first = await (await browser.newContext()).newPage();
  await signInAndWait(first, 'approver@relm.test');
  await first.goto('/approvals');
  await first
    .getByRole('link', { name: /REL-15/ })
    .first()
    .click();
  await expect(first.getByRole('heading', { level: 1 })).toContainText('REL-15');
  await expectAccessible(first);
  const form = first.getByRole('form', { name: 'Decide on REL-15' });

  // a rejection without a comment is explained and nothing is recorded
  await form.getByRole('radio', { name: /Reject/ }).check();
  await form.getByRole('button', { name: 'Reject release' }).click();
  await expect(form.locator('#decision-comment-error')).toContainText('A rejection needs a comment');

  await form.getByRole('radio', { name: /Approve/ }).check();
  await form.getByLabel(/^Comment/).fill('Usage meters reviewed with Finance.');
  await form.getByRole('button', { name: 'Approve release' }).click();
  await expect(first.getByText(/1 of 2/).first()).toBeVisible();

  // a second approver from another team crosses the quorum
  const second = await (await browser.newContext()).newPage();
  await signInAndWait(second, 'cab@relm.test');
  await second.goto('/approvals/REL-15');
  const form2 = second.getByRole('form', { name: 'Decide on REL-15' });
  await form2.getByRole('radio', { name: /Approve/ }).check();
  await form2.getByRole('button', { name: 'Approve release' }).click();
  // (the decision's own outcome, not any "approved" on the card: the action must have finished)
  await expect(second.getByText('That completed the required approvals: REL-15 is now approved')).toBeVisible();

  // the owner sees it approved, with the decisions in the history
  await owner.goto('/releases/REL-15');
  await expect(owner.getByTestId('release-status')).toContainText('Approved');
  await owner.goto('/releases/REL-15/history');
  await expect(owner.locator('#history')).toContainText('Approved');
});
