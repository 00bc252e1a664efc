import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, signInAndWait } from './helpers';

// Each person decides what reaches them (issue 13): the notification settings, the Watch
// toggle, the unsubscribe page reached from an e-mail, and the admin's integrations — at
// desktop width and at 390 px.

async function noSidewaysScroll(page: Page) {
  const { scroll, width } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, width: window.innerWidth }));
  expect(scroll, `the page is ${scroll}px wide in a ${width}px window`).toBeLessThanOrEqual(width);
}

test('a person changes what reaches them, and it is kept', async ({ page }) => {
  await signInAndWait(page, 'viewer@relm.test');
  await page.goto('/profile');
  await page.getByRole('link', { name: /Notification settings/i }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(/Notification/);
  await expectAccessible(page);
  const email = page.getByLabel('E-mail: Release progress');
  await email.selectOption('off');
  await page.getByLabel('In Relm: Release progress').uncheck();
  await page.getByRole('button', { name: 'Save notification settings' }).click();
  await expect(page.getByTestId('form-success').first()).toContainText(/saved/i);
  await page.reload();
  await expect(page.getByLabel('E-mail: Release progress')).toHaveValue('off');
  await expect(page.getByLabel('In Relm: Release progress')).not.toBeChecked();
  await page.getByRole('button', { name: 'Reset to defaults' }).click();
  await expect(page.getByText('You follow the defaults of your roles.')).toBeVisible();
  await page.setViewportSize({ width: 390, height: 844 });
  await noSidewaysScroll(page);
});

test('anyone who may read a release watches it', async ({ page }) => {
  await signInAndWait(page, 'viewer@relm.test');
  await page.goto('/releases/REL-3');
  await page.getByRole('button', { name: 'Watch' }).click();
  await expect(page.getByRole('button', { name: 'Unwatch' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('button', { name: 'Unwatch' })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Unwatch' }).click();
  await expect(page.getByRole('button', { name: 'Watch' })).toBeVisible();
});

test('an unsubscribe link that was tampered with is refused with a way forward, without signing in', async ({ page }) => {
  await page.goto('/unsubscribe?t=not-a-real-token');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.locator('main')).toContainText(/not valid|expired|cannot/i);
  await expect(page.getByRole('link', { name: /settings|sign in/i }).first()).toBeVisible();
  await expectAccessible(page);
  const res = await page.request.post('/api/unsubscribe?t=forged');
  expect(res.status()).toBe(400);
});

test('the admin’s integrations page works at phone width', async ({ page }) => {
  await signInAndWait(page, 'admin@relm.test');
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/admin/integrations');
  await expect(page.getByRole('heading', { level: 1, name: 'Integrations' })).toBeVisible();
  await noSidewaysScroll(page);
  // a Slack channel for the whole organisation, refused first for a private address? No: the
  // e2e server allows loopback (playwright.config.ts); an invalid URL is refused beside its field
  const connect = page.getByRole('region', { name: 'Connect a channel' });
  await connect.getByLabel('Channel name').fill('#releases');
  await connect.getByLabel('Webhook URL').fill('hooks.slack.com/services/T000/B000/XXXX');
  await connect.getByRole('button', { name: 'Connect channel' }).click();
  await expect(connect.locator('#chat-url-error')).toContainText('full URL');
  await expect(connect.getByLabel('Channel name')).toHaveValue('#releases');
  await connect.getByLabel('Webhook URL').fill('https://8.8.8.8/services/T000/B000/XXXX');
  await connect.getByRole('button', { name: 'Connect channel' }).click();
  const card = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: '#releases' }) });
  await expect(card).toContainText('Whole organisation');
  // the URL is a secret: only its origin is shown once saved
  await expect(card).toContainText('https://8.8.8.8/…');
  await expect(card).not.toContainText('XXXX');
  await noSidewaysScroll(page);
  await expectAccessible(page);
  await card.getByRole('button', { name: 'Pause #releases' }).click();
  await expect(card).toContainText('Paused');
  await card.getByRole('button', { name: 'Remove the channel #releases' }).click();
  await card.getByRole('button', { name: 'Yes, remove' }).click();
  await expect(page.getByRole('heading', { name: '#releases' })).toHaveCount(0);
});
