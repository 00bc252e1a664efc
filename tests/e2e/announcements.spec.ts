import { expect, test, request as playwrightRequest } from '@playwright/test';
import { expectAccessible, followNav, signInAndWait } from './helpers';

// Release announcements for the user community (issue 13): the release manager drafts one
// from the release notes of a deployed release and publishes it; a viewer reads it on What's
// new, and a feed reader (no session) reads the component's Atom feed through its signed address.
test('a deployed release is announced to its users: What’s new and the Atom feed', async ({ page, browser }) => {
  await signInAndWait(page, 'manager@relm.test');
  await page.goto('/releases/REL-9/handover');
  const panel = page.getByRole('region', { name: 'Announcement for users' });
  await expect(panel).toBeVisible();
  // drafted from the release notes
  await expect(panel.getByLabel('Title')).not.toHaveValue('');
  const title = `Per-tenant rate limits ${Date.now()}`;
  await panel.getByLabel('Title').fill(title);
  await panel.getByLabel('What changes for you').fill('Batch jobs that send more than 500 requests a minute are slowed down, not refused.');
  await panel.getByLabel('Whom to ask').fill('#api-gateway on chat, or platform@example.com');
  await expectAccessible(page);
  await panel.getByRole('button', { name: 'Publish to What’s new and e-mail the lists' }).click();
  await expect(panel.getByText('Published', { exact: true })).toBeVisible();
  await expect(panel.getByRole('heading', { name: title })).toBeVisible();

  // a viewer reads it on What's new
  const viewer = await (await browser.newContext()).newPage();
  await signInAndWait(viewer, 'viewer@relm.test');
  await followNav(viewer, 'What’s new');
  await viewer.getByRole('link', { name: 'api-gateway' }).first().click();
  await expect(viewer.getByRole('heading', { name: title })).toBeVisible();
  await expect(viewer.getByText('Batch jobs that send more than 500 requests a minute')).toBeVisible();
  await expectAccessible(viewer);

  // a feed reader without a session, through the signed address shown on the page
  const feedUrl = await viewer.getByRole('link', { name: /Atom feed/ }).getAttribute('href');
  const reader = await playwrightRequest.newContext();
  const feed = await reader.get(feedUrl!);
  expect(feed.status()).toBe(200);
  expect(feed.headers()['content-type']).toMatch(/application\/atom\+xml/);
  expect(await feed.text()).toContain(`<title type="text">REL-9: ${title}</title>`);
  const forged = await reader.get(feedUrl!.replace(/token=[^&]+/, 'token=forged'));
  expect(forged.status()).toBe(401);
  await reader.dispose();
});
