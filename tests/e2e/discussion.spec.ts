import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, signInAndWait } from './helpers';

// The release discussion (issue 15, point 6): a release manager comments with an @mention of an
// approver; the approver finds the notification and asks a question from the approval card
// without deciding; the manager edits the comment, which then shows "edited" and its earlier
// text — accessible, and at 390 px without sideways scrolling.

async function noSidewaysScroll(page: Page) {
  const { scroll, width } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, width: window.innerWidth }));
  expect(scroll, `the page is ${scroll}px wide in a ${width}px window`).toBeLessThanOrEqual(width);
}

test('a manager mentions an approver, the approver asks a question from the approval card, the manager edits the comment', async ({ browser }) => {
  // REL-17 (Config service 1.2) waits for approvals; its owner is Tom Okafor
  const owner = await (await browser.newContext()).newPage();
  await signInAndWait(owner, 'manager2@relm.test');
  await owner.goto('/releases/REL-17');
  await owner.getByRole('navigation', { name: 'Release' }).getByRole('link', { name: 'Discussion' }).click();
  await expect(owner.getByRole('heading', { level: 2, name: 'Discussion' })).toBeVisible();
  const comment = owner.getByLabel('Comment', { exact: true });
  // an empty comment is refused at the field
  await owner.getByRole('button', { name: 'Post comment' }).click();
  await expect(owner.locator('#new-comment-body-error')).toContainText('Write a comment.');
  await comment.fill('Please check the **flag schema** before approving, @approver.');
  await owner.getByRole('button', { name: 'Post comment' }).click();
  await expect(owner.getByTestId('form-success').last()).toContainText('Elena Petrova was told.');
  const thread = owner.getByRole('list', { name: 'Comments, oldest first' });
  await expect(thread.locator('[data-mention="approver"]')).toHaveText('@approver');
  await expect(thread.locator('strong', { hasText: 'flag schema' })).toBeVisible();
  await expectAccessible(owner);

  // the approver is told, and asks a question from the approval card
  const approver = await (await browser.newContext()).newPage();
  await signInAndWait(approver, 'approver@relm.test');
  await approver.goto('/notifications');
  const note = approver.getByRole('link', { name: /Tom Okafor mentioned you on REL-17/ }).first();
  await expect(note).toBeVisible();
  await note.click();
  await expect(approver).toHaveURL(/\/releases\/REL-17\/discussion/);
  await expect(approver.getByText('Please check the')).toBeVisible();
  await approver.goto('/approvals/REL-17');
  const ask = approver.getByRole('region', { name: 'Ask a question' });
  await ask.getByLabel('Your question').fill('Is the schema validation switched on in staging already?');
  await ask.getByRole('button', { name: 'Ask the question' }).click();
  await expect(ask.getByTestId('form-success')).toContainText('Your question was posted to the discussion');
  await expectAccessible(approver);

  // the owner sees the question, edits their comment, and the edit shows
  await owner.reload();
  await expect(thread.getByText('Question from the approval card')).toBeVisible();
  await expect(thread.getByText('Is the schema validation switched on in staging already?')).toBeVisible();
  const mine = thread.locator('li[id^="comment-"]').filter({ hasText: 'Please check the' });
  await mine.getByText('Edit your comment').click();
  await mine.getByLabel('Your comment').fill('Please check the flag schema and the rollout plan, @approver.');
  await mine.getByRole('button', { name: 'Save changes' }).click();
  await expect(mine.getByTestId('comment-edited')).toBeVisible();
  await expect(mine.getByRole('paragraph').filter({ hasText: 'the rollout plan' })).toBeVisible();
  await expect(mine.getByLabel('Your comment')).toBeHidden();
  await mine.getByText('Earlier text (1)').click();
  await expect(mine.getByText('before approving')).toBeVisible();
  await expectAccessible(owner);
  await owner.setViewportSize({ width: 390, height: 844 });
  await noSidewaysScroll(owner);
});
