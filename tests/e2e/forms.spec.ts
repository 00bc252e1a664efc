import { expect, test } from '@playwright/test';
import { expectAccessible, navLink, signInAndWait } from './helpers';

// Forms keep what people typed (issue 16 point 7, decision 054): leaving a half-filled form asks
// first, Back and a reload give the input back, and a stale save in a second tab shows both values
// per field and lets the person choose, so nothing is silently overwritten.

test('leaving a half-filled new-release form asks first; Back and a reload give the input back', async ({ page }) => {
  await signInAndWait(page, 'manager@relm.test');
  await page.goto('/releases/new');
  const title = page.getByLabel('Title', { exact: true });
  const description = page.getByLabel('Description (optional)');
  const typed = `Half-filled ${Date.now()}`;
  // a click first: browsers ask before unloading only a page a person has interacted with
  await title.click();
  await title.fill(typed);
  await description.fill('Typed, not saved yet.');

  // every question the page asks, answered as `answer` says
  const asked: string[] = [];
  let answer: 'stay' | 'leave' = 'stay';
  page.on('dialog', async (d) => {
    asked.push(`${d.type()}: ${d.message()}`);
    await (answer === 'leave' ? d.accept() : d.dismiss());
  });

  // a link of the navigation asks; staying keeps everything
  await (await navLink(page, 'Releases')).click();
  await expect.poll(() => asked).toEqual(['confirm: You have unsaved changes on this page. Leave without saving them?']);
  await expect(page).toHaveURL(/\/releases\/new$/);
  await expect(title).toHaveValue(typed);
  await expect(description).toHaveValue('Typed, not saved yet.');

  // leaving on purpose, then the browser's Back: the input is still there
  answer = 'leave';
  await (await navLink(page, 'Releases')).click();
  await expect(page).toHaveURL(/\/releases$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Releases' })).toBeVisible();
  expect(asked).toHaveLength(2);
  await page.goBack();
  await expect(page).toHaveURL(/\/releases\/new$/);
  await expect(title).toHaveValue(typed);
  await expect(description).toHaveValue('Typed, not saved yet.');

  // a reload is asked about by the browser, and the input comes back after it
  await title.click();
  await page.reload();
  expect(asked).toHaveLength(3);
  expect(asked[2]).toMatch(/^beforeunload:/);
  await expect(title).toHaveValue(typed);
  await expect(description).toHaveValue('Typed, not saved yet.');
  await expectAccessible(page);

  // a successful save asks nothing and leaves no draft behind
  await page.getByRole('checkbox', { name: /^Staging/ }).check();
  await page.getByRole('button', { name: 'Create release' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(typed);
  await page.goto('/releases/new');
  await expect(title).toHaveValue('');
  await expect(description).toHaveValue('');
  // nothing typed: leaving asks nothing
  await (await navLink(page, 'Releases')).click();
  await expect(page).toHaveURL(/\/releases$/);
  expect(asked).toHaveLength(3);
});

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
