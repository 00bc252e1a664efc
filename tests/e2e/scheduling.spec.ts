import { expect, test } from '@playwright/test';
import { dateValue, expectAccessible, fillDate, serverNow, signInAndWait } from './helpers';

/** The next Friday and Saturday (calendar dates, YYYY-MM-DD) at least two days after the server's `now`. */
function nextWeekend(now: Date): { friday: string; saturday: string } {
  const d = new Date(now);
  d.setUTCDate(d.getUTCDate() + 2);
  while (d.getUTCDay() !== 5) d.setUTCDate(d.getUTCDate() + 1);
  const friday = d.toISOString().slice(0, 10);
  d.setUTCDate(d.getUTCDate() + 1);
  return { friday, saturday: d.toISOString().slice(0, 10) };
}

// Issue 5 end to end: scheduling into a freeze is refused with an explanation,
// the next free slot is offered and taken, and the calendar shows the release.
test('the release manager schedules around the weekend freeze using the next free slots', async ({ page }) => {
  test.setTimeout(120_000);
  await signInAndWait(page, 'manager@relm.test');
  await page.goto('/releases/REL-14/schedule');
  const schedule = page.locator('#schedule');
  await expect(schedule.getByRole('form', { name: 'Schedule of REL-14' })).toBeVisible();

  // production on a Saturday: inside the weekend freeze (Friday 18:00 to Monday 06:00, Europe/London)
  const { friday, saturday } = nextWeekend(await serverNow(page.request));
  await fillDate(schedule.getByLabel('Start of staging'), `${friday}T10:00`);
  await fillDate(schedule.getByLabel('End of staging'), `${friday}T12:00`);
  await fillDate(schedule.getByLabel('Start of production'), `${saturday}T12:00`);
  await fillDate(schedule.getByLabel('End of production'), `${saturday}T14:00`);
  await schedule.getByRole('button', { name: 'Save schedule' }).click();
  await expect(schedule.getByText(/freeze/i).first()).toBeVisible();
  await expect(schedule.getByText(/Weekend/i).first()).toBeVisible();
  await expectAccessible(page);

  // the gate refuses scheduling while the problems stand
  await page.goto('/releases/REL-14');
  const next = page.locator('#lifecycle');
  await expect(next.getByRole('button', { name: 'Schedule', exact: true })).toBeDisabled();
  await page.goto('/releases/REL-14/schedule');

  // take the first free slot for staging, then the first for production (after staging's window)
  await schedule
    .getByRole('button', { name: /^Use this slot for staging/ })
    .first()
    .click();
  await expect(schedule.getByRole('status').filter({ hasText: /^staging: / })).toBeVisible();
  await schedule
    .getByRole('button', { name: /^Use this slot for production/ })
    .first()
    .click();
  // every check passes now: the panel says so (the slot list is searched only while a window
  // has a problem, so it closes, with its message, once the last one is solved)
  await expect(schedule.getByText('No problems: every window passes every check.')).toBeVisible();
  await expect(schedule.getByText('All checks pass')).toBeVisible();
  await expect(schedule.getByRole('link', { name: 'Find other free slots' })).toBeVisible();

  const start = await dateValue(schedule.getByLabel('Start of production')).inputValue();
  await page.goto('/releases/REL-14');
  const scheduleButton = page.locator('#lifecycle').getByRole('button', { name: 'Schedule', exact: true });
  await expect(scheduleButton).toBeEnabled();
  await scheduleButton.click();
  await expect(page.getByTestId('release-status')).toContainText('Scheduled');

  // the calendar shows it, in the week of its production window
  await page.goto(`/calendar?view=week&date=${start.slice(0, 10)}`);
  await expect(page.getByRole('link', { name: /REL-14/ }).first()).toBeVisible();
  await expectAccessible(page);
});
