import { expect, test } from '@playwright/test';
import { expectAccessible, signInAndWait } from './helpers';

// Issue 5, point 4: a freeze override needs a typed reason and a second person;
// granting it makes the post-release review mandatory.
test('a freeze override is requested with a reason and granted only by a second person', async ({ browser }) => {
  const requester = await (await browser.newContext()).newPage();
  await signInAndWait(requester, 'manager@relm.test');
  await requester.goto('/releases/REL-16/schedule');
  const section = requester.locator('section', { has: requester.getByRole('heading', { name: 'Change freezes', level: 2 }) });
  const choose = async (label: string, text: string) => {
    const select = section.getByLabel(label, { exact: true });
    const value = await select.locator('option', { hasText: text }).first().getAttribute('value');
    await select.selectOption(value!);
  };
  await choose('Freeze', 'Weekend production freeze');
  await choose('Environment', 'Production');
  await section.getByLabel('Why must this release go out during the freeze?').fill('too short');
  await section.getByRole('button', { name: 'Request override' }).click();
  await expect(section.getByText(/at least 20 characters/).first()).toBeVisible();
  await section
    .getByLabel('Why must this release go out during the freeze?')
    .fill('Passkey rollout must precede the Monday marketing launch; agreed with CAB.');
  await section.getByRole('button', { name: 'Request override' }).click();
  await expect(section.getByText(/Requested/i).first()).toBeVisible();
  // the requester cannot confirm it: only withdraw it
  await expect(section.getByRole('button', { name: /^Confirm/ })).toHaveCount(0);
  await expect(section.getByRole('button', { name: 'Withdraw request' })).toBeVisible();
  await expectAccessible(requester);

  // a second person confirms; the review becomes required
  const second = await (await browser.newContext()).newPage();
  await signInAndWait(second, 'manager2@relm.test');
  await second.goto('/releases/REL-16/schedule');
  const s2 = second.locator('section', { has: second.getByRole('heading', { name: 'Change freezes', level: 2 }) });
  await s2
    .getByRole('button', { name: /^Confirm/ })
    .first()
    .click();
  await expect(s2.getByText(/Granted/i).first()).toBeVisible();
  await second.goto('/releases/REL-16/handover');
  await expect(second.locator('#review')).toContainText(/freeze override/i);
});
