import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, followNav, signInAndWait } from './helpers';

// Release trains (issue 15, point 3; docs/decisions/046-release-trains.md): a release manager
// creates a daily train with a 48 h cut-off, puts a draft on its first departure still
// boarding and sees the countdown; joining a departure past its cut-off needs a late-join
// exception that another release manager grants. Accessible, and at 390 px without sideways scroll.

async function noSidewaysScroll(page: Page) {
  const { scroll, width } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, width: window.innerWidth }));
  expect(scroll, `the page is ${scroll}px wide in a ${width}px window`).toBeLessThanOrEqual(width);
}

/** The value of the first option of a select whose label names the train. */
async function optionOf(page: Page, selectLabel: string, train: string): Promise<string> {
  const value = await page.getByLabel(selectLabel, { exact: true }).locator('option', { hasText: train }).first().getAttribute('value');
  expect(value, `an option for ${train} in "${selectLabel}"`).toBeTruthy();
  return value!;
}

test('a release manager creates a train, joins a release, and a late join needs a second person', async ({ browser }) => {
  const train = `Daily e2e train ${Date.now().toString(36)}`;
  const manager = await (await browser.newContext()).newPage();
  await signInAndWait(manager, 'manager@relm.test');
  await followNav(manager, 'Trains');
  await expect(manager.getByRole('heading', { level: 1, name: 'Release trains' })).toBeVisible();
  await expect(manager.getByRole('link', { name: 'Weekly web train' })).toBeVisible();
  await expectAccessible(manager);

  // a refused form keeps what was typed and names the field
  await manager.getByRole('link', { name: 'New train' }).click();
  await manager.getByLabel('Name').fill(train);
  await manager.getByLabel('Departures (RRULE)').fill('FREQ=DAILY;BYHOUR=10;BYMINUTE=0');
  await manager.getByLabel('Time zone').fill('UTC');
  await manager.getByLabel('Cut-off (hours before each departure)').fill('48');
  await manager.getByRole('button', { name: 'Create train' }).click();
  await expect(manager.getByText('Choose at least one target environment')).toBeVisible();
  await expect(manager.getByLabel('Name')).toHaveValue(train);
  await manager.getByRole('checkbox', { name: /Staging/ }).check();
  await manager.getByRole('button', { name: 'Create train' }).click();
  await expect(manager.getByRole('heading', { level: 1, name: train })).toBeVisible();
  await expect(manager.getByText('Every day at 10:00 (UTC) · cut-off 2 d before each departure · to Staging')).toBeVisible();
  // the next departures: within 48 h cut off, then boarding with the time left
  await expect(manager.getByText('Cut off', { exact: true }).first()).toBeVisible();
  await expect(manager.getByText('Boarding', { exact: true }).first()).toBeVisible();
  await expect(manager.getByTestId('departure-countdown').filter({ hasText: 'left to join' }).first()).toBeVisible();
  await expectAccessible(manager);

  // REL-20 (Ledger 3.0, a draft of Priya's) joins the first departure still boarding
  await manager.goto('/releases/REL-20');
  const panel = manager.getByRole('region', { name: 'Release train' });
  await expect(panel.getByText('On no train.')).toBeVisible();
  await panel.getByLabel('Departure', { exact: true }).selectOption(await optionOf(manager, 'Departure', train));
  await panel.getByRole('button', { name: 'Join train' }).click();
  await expect(panel.getByRole('link', { name: train })).toBeVisible();
  await expect(panel.getByTestId('train-countdown')).toContainText('left to join');
  await expectAccessible(manager);

  // REL-22 (Identity 1.10, Priya's too) asks to join the next departure, past its cut-off
  await manager.goto('/releases/REL-22');
  const late = manager.getByRole('region', { name: 'Release train' });
  await late.getByText('Join after a cut-off…').click();
  const lateValue = await optionOf(manager, 'Departure past its cut-off', train);
  await late.getByLabel('Departure past its cut-off').selectOption(lateValue);
  await late.getByLabel('Why must this release join after the cut-off?').fill('Passkey launch is announced for this date; CAB agreed.');
  await late.getByRole('button', { name: 'Ask for a late-join exception' }).click();
  await expect(late.getByTestId('form-success').filter({ hasText: 'another release manager or an admin must grant it' })).toBeVisible();
  await expect(late.getByText(/asked by Priya Shah, waiting for a second person/)).toBeVisible();

  // the requester cannot grant it; Tom Okafor (another release manager) grants it on the train's page
  await manager.goto('/trains');
  await manager.getByRole('link', { name: train }).click();
  await expect(manager.getByRole('button', { name: /Grant late join/ })).toHaveCount(0);
  await expect(manager.getByText('You asked for this exception')).toBeVisible();
  const trainUrl = manager.url();

  const second = await (await browser.newContext()).newPage();
  await signInAndWait(second, 'manager2@relm.test');
  await second.goto(trainUrl);
  await second.getByRole('button', { name: 'Grant late join for REL-22' }).click();
  await expect(second.getByTestId('late-join-outcome').filter({ hasText: 'Granted by Tom Okafor' })).toBeVisible();
  await expectAccessible(second);

  // now REL-22 joins late
  await manager.goto('/releases/REL-22');
  const now = manager.getByRole('region', { name: 'Release train' });
  const granted = await now.getByLabel('Departure', { exact: true }).locator('option', { hasText: 'late join granted' }).first().getAttribute('value');
  expect(granted).toBe(lateValue);
  await now.getByLabel('Departure', { exact: true }).selectOption(granted!);
  await now.getByRole('button', { name: 'Join train' }).click();
  await expect(now.getByText('joined late')).toBeVisible();
  await expect(now.getByTestId('train-countdown')).toContainText('cut-off passed');

  // the train page lists both, with their readiness
  await manager.goto(trainUrl);
  await expect(manager.getByRole('region', { name: /^Releases on the departure of/ }).getByRole('link', { name: 'REL-20' })).toBeVisible();
  await expect(manager.getByRole('region', { name: /^Releases on the departure of/ }).getByRole('link', { name: 'REL-22' })).toBeVisible();
  await expect(manager.getByTestId('late-join-outcome').filter({ hasText: 'Granted by Tom Okafor' })).toBeVisible();
  await expect(manager.getByText(/Not ready: \d+ gates? to pass/).first()).toBeVisible();
  await expectAccessible(manager);
  await manager.setViewportSize({ width: 390, height: 844 });
  await noSidewaysScroll(manager);
  await manager.goto('/trains');
  await noSidewaysScroll(manager);
});
