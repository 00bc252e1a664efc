import { expect, test } from '@playwright/test';
import { expectAccessible, signInAndWait } from './helpers';

// Forms keep what people typed (issue 16 point 7, decision 054): a stale save in a second tab
// shows both values per field and lets the person choose, so nothing is silently overwritten.

test('two tabs edit the same release: the second save shows both values and saves the choice', async ({ browser }) => {
  const first = await (await browser.newContext()).newPage();
  const second = await (await browser.newContext()).newPage();
  await signInAndWait(first, 'manager@relm.test');
  await signInAndWait(second, 'manager@relm.test');

  await first.goto('/releases/new');
  const original = `Two tabs ${Date.now()}`;
  await first.getByLabel('Title', { exact: true }).fill(original);
  await first.getByRole('checkbox', { name: /^Staging/ }).check();
  await first.getByRole('button', { name: 'Create release' }).click();
  await expect(first.getByRole('heading', { level: 1 })).toContainText(original);
  const key = (await first.getByRole('heading', { level: 1 }).textContent())!.match(/REL-\d+/)![0];

  await first.goto(`/releases/${key}/edit`);
  await second.goto(`/releases/${key}/edit`);
  const fromFirst = `${original} (renamed in the first tab)`;
  await first.getByLabel('Title', { exact: true }).fill(fromFirst);
  await first.getByRole('button', { name: 'Save changes' }).click();
  await expect(first.getByRole('heading', { level: 1 })).toContainText(fromFirst);

  const fromSecond = `${original} (renamed in the second tab)`;
  await second.getByLabel('Title', { exact: true }).fill(fromSecond);
  await second.getByLabel('Description (optional)').fill('Written in the second tab.');
  await second.getByRole('button', { name: 'Save changes' }).click();
  await expect(second.getByRole('alert').first()).toContainText(`saved a newer version of ${key}`);

  const chooser = second.getByTestId('conflict-chooser');
  const titleChoice = chooser.getByRole('group', { name: 'Title' });
  await expect(titleChoice.getByRole('radio', { name: /Keep mine/ })).toBeChecked();
  await expect(titleChoice).toContainText(fromSecond);
  await expect(titleChoice).toContainText(fromFirst);
  await expect(chooser.getByRole('group', { name: 'Description' })).toContainText('Written in the second tab.');
  await expectAccessible(second);

  // take the first tab's title, keep this tab's description, and save against the new version
  await titleChoice.getByRole('radio', { name: /Take theirs/ }).check();
  await expect(second.getByLabel('Title', { exact: true })).toHaveValue(fromFirst);
  await second.getByRole('button', { name: 'Save changes' }).click();
  await expect(second).toHaveURL(new RegExp(`/releases/${key}$`));
  await expect(second.getByRole('heading', { level: 1 })).toContainText(fromFirst);
  await expect(second.getByText('Written in the second tab.')).toBeVisible();
});
