import { expect, test } from '@playwright/test';
import { expectAccessible, signInAndWait } from './helpers';

// Issue 4 in the browser: approvers decide on one card; separation of duties is
// enforced; the quorum approves the release. The approvers work in French (issue 16).
test('two approvers from different teams approve a high-risk release on its approval card', async ({ browser }) => {
  test.setTimeout(120_000);

  // the owner cannot approve their own release
  const owner = await (await browser.newContext()).newPage();
  await signInAndWait(owner, 'manager@relm.test');
  await owner.goto('/approvals/REL-15');
  await expect(owner.getByRole('heading', { level: 1 })).toContainText('REL-15');
  await expect(owner.getByTestId('cannot-decide')).toBeVisible();

  // the approvers read Relm in French: their browsers ask for it (Accept-Language) and they chose
  // no language of their own, so the inbox, the card, its refusals and the outcome are French
  // (issue 16, point 9; the English flow is the same steps with the English catalogue)
  const first = await (await browser.newContext({ locale: 'fr-FR' })).newPage();
  await signInAndWait(first, 'approver@relm.test');
  await first.goto('/approvals');
  await expect(first.locator('html')).toHaveAttribute('lang', 'fr');
  await expect(first.getByRole('heading', { level: 1 })).toHaveText('Approbations');
  await first
    .getByRole('link', { name: /REL-15/ })
    .first()
    .click();
  await expect(first.getByRole('heading', { level: 1 })).toContainText('REL-15');
  await expectAccessible(first);
  const form = first.getByRole('form', { name: 'Décider pour REL-15' });

  // a rejection without a comment is explained, in French, and nothing is recorded
  await form.getByRole('radio', { name: /Rejeter/ }).check();
  await form.getByRole('button', { name: 'Rejeter la mise en production' }).click();
  await expect(form.locator('#decision-comment-error')).toContainText('Un rejet nécessite un commentaire');

  await form.getByRole('radio', { name: /Approuver/ }).check();
  await form.getByLabel(/^Commentaire/).fill('Compteurs d’usage vérifiés avec la Finance.');
  await form.getByRole('button', { name: 'Approuver la mise en production' }).click();
  await expect(first.getByText('Vous avez approuvé REL-15. Elle n’est pas encore approuvée').first()).toBeVisible();
  await expect(first.getByText(/1 sur 2 approbations/).first()).toBeVisible();

  // a second approver from another team crosses the quorum
  const second = await (await browser.newContext({ locale: 'fr-FR' })).newPage();
  await signInAndWait(second, 'cab@relm.test');
  await second.goto('/approvals/REL-15');
  const form2 = second.getByRole('form', { name: 'Décider pour REL-15' });
  await form2.getByRole('radio', { name: /Approuver/ }).check();
  await form2.getByRole('button', { name: 'Approuver la mise en production' }).click();
  // (the decision's own outcome, not any "approved" on the card: the action must have finished)
  await expect(second.getByText('Cela complète les approbations requises\u00a0: REL-15 est maintenant approuvée')).toBeVisible();

  // the owner sees it approved, with the decisions in the history
  await owner.goto('/releases/REL-15');
  await expect(owner.getByTestId('release-status')).toContainText('Approved');
  await owner.goto('/releases/REL-15/history');
  await expect(owner.locator('#history')).toContainText('Approved');
});
