import { expect, test, type Browser, type Page } from '@playwright/test';
import { expectAccessible, fillDate, moveServerClock, resetServerClock, serverNow, signInAndWait } from './helpers';

// Issue 6 end to end, across roles, from a plan to a closed release and through
// a failed production deployment to a back-out and a required review.
//
// Time of day must not matter: the seeded staging and production environments
// have maintenance windows and freezes, so an administrator first sets up a
// pilot staging and pilot production environment without either (as a team
// onboarding a new service would), and a new component. Production must start
// after staging's window ends (the promotion rule), so production's window opens
// half an hour after the server's now: the test shows that its gate refuses a
// deployment before it, then moves the server's clock into the window instead of
// waiting (tests/e2e/helpers.ts), and puts the clock back at the end.
//
// The two tests share the pilot environments: the first ships version 1.0.0, the
// second ships 1.1.0, which fails in production and is backed out to 1.0.0.

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ browser }) => {
  const context = await browser.newContext();
  await resetServerClock(context.request);
  await context.close();
});

test.afterAll(async ({ browser }) => {
  const context = await browser.newContext();
  await resetServerClock(context.request);
  await context.close();
});

const run = Date.now().toString(36).slice(-5);
const STAGING = `pilot-stg-${run}`;
const PRODUCTION = `pilot-prd-${run}`;
const COMPONENT = `pilot-svc-${run}`;
const TEAM = 'Customer Experience';

const MINUTE = 60_000;
/** a date field's value (YYYY-MM-DDTHH:mm) of an instant in UTC (the releases below plan in UTC) */
const local = (d: Date) => d.toISOString().slice(0, 16);
const digest = (seed: string) => `sha256:${seed.repeat(64).slice(0, 64)}`;

/** The status in the release's header (every part of the release shows it). */
const status = (page: Page) => page.getByTestId('release-status');

async function as(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signInAndWait(page, email);
  return page;
}

async function createEnvironment(admin: Page, name: string, displayName: string, tier: 'staging' | 'production') {
  await admin.goto('/admin/environments');
  const form = admin.locator('form').filter({ has: admin.getByRole('button', { name: 'Create environment' }) });
  await form.getByLabel('Name', { exact: true }).fill(name);
  await form.getByLabel('Display name').fill(displayName);
  await form.getByLabel('Tier').selectOption(tier);
  await form.getByRole('button', { name: 'Create environment' }).click();
  await expect(admin.getByRole('link', { name: new RegExp(displayName) }).first()).toBeVisible();
}

async function recordBuild(manager: Page, version: string, note: string) {
  await manager.goto('/builds/new');
  await manager.getByLabel('Component', { exact: true }).selectOption(COMPONENT);
  await manager.getByLabel('Version').fill(version);
  await manager.getByLabel('Artifact digest (sha256)').fill(digest(version.replace(/\D/g, '') || 'a'));
  await manager.getByLabel('Work items (optional)').fill(`PILOT-${version.replace(/\D/g, '')} ${note}`);
  await manager.getByLabel('Build notes (optional)').fill(note);
  await manager.getByRole('button', { name: 'Record build' }).click();
  await expect(manager.getByRole('heading', { level: 1 })).toContainText(`${COMPONENT} ${version}`);
}

/** The release manager creates a normal release of one build to both pilot environments, packages it, writes the back-out plan and submits it. */
async function planAndSubmit(manager: Page, title: string, version: string): Promise<string> {
  await manager.goto('/releases/new');
  await manager.getByLabel('Title', { exact: true }).fill(title);
  await manager.getByRole('checkbox', { name: new RegExp(`^Pilot staging ${run}`) }).check();
  await manager.getByRole('checkbox', { name: new RegExp(`^Pilot production ${run}`) }).check();
  await manager.getByRole('button', { name: 'Create release' }).click();
  await expect(manager.getByRole('heading', { level: 1 })).toContainText(title);
  const key = (await manager.getByRole('heading', { level: 1 }).textContent())!.match(/REL-\d+/)![0];

  await manager.goto(`/releases/${key}/package`);
  const pkg = manager.locator('#package');
  await pkg.getByLabel('Build to add').selectOption({ label: `${COMPONENT} ${version}` });
  await pkg.getByRole('button', { name: 'Add build' }).click();
  await expect(pkg.getByRole('row', { name: new RegExp(`${COMPONENT}.*${version.replace(/\./g, '\\.')}`) })).toBeVisible();
  await pkg.getByRole('button', { name: 'Seal package…' }).click();
  await pkg.getByRole('button', { name: 'Yes, seal the package' }).click();
  await expect(pkg.getByText('Sealed', { exact: true }).first()).toBeVisible();
  await manager.getByRole('navigation', { name: 'Release' }).getByRole('link', { name: 'Risks' }).click();
  await expect(manager.getByRole('link', { name: 'Risks', exact: true })).toHaveAttribute('aria-current', 'page');
  await manager.locator('#risks').getByRole('button', { name: 'State: no known risks' }).click();
  await expect(manager.locator('#risks').getByText('The release is stated to have no known risks.')).toBeVisible();

  await manager.goto(`/releases/${key}/backout`);
  const backout = manager.locator('#backout');
  await backout.getByLabel('Expected duration (min)').fill('15');
  await backout.getByLabel('Trigger criteria').fill('Error rate above 2% for 5 minutes after the deployment.');
  await backout.getByLabel('Step 1', { exact: true }).fill(`Redeploy the previous ${COMPONENT} build`);
  await backout.getByLabel('Step 1 minutes').fill('10');
  await backout.getByRole('button', { name: 'Create the back-out plan' }).click();
  await expect(backout.getByText(`Redeploy the previous ${COMPONENT} build`).first()).toBeVisible();

  await manager.goto(`/releases/${key}`);
  const submit = manager.locator('#lifecycle').getByRole('button', { name: 'Submit for approval' });
  await expect(submit).toBeEnabled();
  await submit.click();
  await expect(status(manager)).toContainText('Submitted');
  return key;
}

/** Each approver opens the card from their inbox and approves. */
async function approve(approvers: Page[], key: string) {
  for (const page of approvers) {
    await page.goto('/approvals');
    await page
      .getByRole('link', { name: new RegExp(key) })
      .first()
      .click();
    const form = page.getByRole('form', { name: `Decide on ${key}` });
    await form.getByRole('radio', { name: /Approve/ }).check();
    await form.getByLabel(/^Comment/).fill('Scope, back-out plan and windows reviewed.');
    await form.getByRole('button', { name: 'Approve release' }).click();
    await expect(page.getByText(`You approved ${key}.`)).toBeVisible();
  }
}

/**
 * The release manager schedules staging from a quarter of an hour before the
 * server's now until half an hour after it, and production right after it; then
 * moves the release to scheduled. Returns when production's window opens.
 */
async function schedule(manager: Page, key: string): Promise<Date> {
  const now = (await serverNow(manager.request)).getTime();
  const productionStart = new Date(Math.floor(now / MINUTE) * MINUTE + 30 * MINUTE);
  await manager.goto(`/releases/${key}/schedule`);
  await expect(status(manager)).toContainText('Approved');
  const form = manager.locator('#schedule').getByRole('form', { name: `Schedule of ${key}` });
  await fillDate(form.getByLabel(`Start of ${STAGING}`), local(new Date(Math.floor(now / MINUTE) * MINUTE - 15 * MINUTE)));
  await fillDate(form.getByLabel(`End of ${STAGING}`), local(productionStart));
  await fillDate(form.getByLabel(`Start of ${PRODUCTION}`), local(productionStart));
  await fillDate(form.getByLabel(`End of ${PRODUCTION}`), local(new Date(productionStart.getTime() + 120 * MINUTE)));
  await form.getByRole('button', { name: 'Save schedule' }).click();
  await expect(manager.locator('#schedule').getByText('No problems: every window passes every check.')).toBeVisible();
  await manager.goto(`/releases/${key}`);
  const button = manager.locator('#lifecycle').getByRole('button', { name: 'Schedule', exact: true });
  await expect(button).toBeEnabled();
  await button.click();
  await expect(status(manager)).toContainText('Scheduled');
  return productionStart;
}

function gateCard(ops: Page, environment: string) {
  return ops
    .locator('#deployments li')
    .filter({ has: ops.getByRole('heading', { level: 4, name: environment, exact: true }) })
    .first();
}

function deploymentItem(ops: Page, environment: string) {
  return ops
    .locator('#deployments ol > li')
    .filter({ has: ops.getByRole('heading', { level: 4, name: `Deployment to ${environment}` }) })
    .first();
}

/** Operations record a deployment, attach a verification result and mark it succeeded or failed. */
async function deploy(ops: Page, key: string, environment: string, check: { name: string; passed: boolean }, outcome: 'succeeded' | 'failed') {
  await ops.goto(`/releases/${key}/deployments`);
  const card = gateCard(ops, environment);
  await expect(card.getByText('Gate met', { exact: true })).toBeVisible();
  await card.getByLabel('Pipeline run or change reference (optional)').fill(`https://ci.relm.test/pipelines/${run}-${environment}`);
  await card.getByRole('button', { name: `Record deployment to ${environment}` }).click();
  const item = deploymentItem(ops, environment);
  await expect(item.locator('div').first()).toContainText('In progress');

  await item.getByText('Add verification result').click();
  await item.getByLabel('Check', { exact: true }).fill(check.name);
  await item.getByLabel('Result').selectOption(check.passed ? 'passed' : 'failed');
  await item.getByLabel('Evidence link (optional)').fill(`https://ci.relm.test/reports/${run}/${environment}`);
  await item.getByRole('button', { name: 'Record result' }).click();
  await expect(item.getByRole('listitem').filter({ hasText: check.name })).toContainText(check.passed ? 'Passed' : 'Failed');

  await item.getByRole('button', { name: outcome === 'succeeded' ? 'Mark succeeded' : 'Mark failed' }).click();
  // the status badge beside the heading
  await expect(item.locator('div').first()).toContainText(outcome === 'succeeded' ? 'Succeeded' : 'Failed');
}

/** Shows that production's gate refuses a deployment before its window, then moves the server's clock a minute into the window. */
async function enterProductionWindow(ops: Page, key: string, opens: Date) {
  expect((await serverNow(ops.request)).getTime(), "production's window has not opened yet").toBeLessThan(opens.getTime());
  await ops.goto(`/releases/${key}/deployments`);
  const card = gateCard(ops, PRODUCTION);
  // waiting for a window still ahead is not an alarm: it says when it opens, counting down from the server's clock
  await expect(card.getByText('Waiting for its window', { exact: true })).toBeVisible();
  await expect(card.getByText(/window opens .* in (\d+ days?|\d+ h|\d+ min|less than a minute)/)).toBeVisible();
  await expect(card.getByText(/outside .*scheduled window/)).toBeVisible();
  await moveServerClock(ops.request, { at: new Date(opens.getTime() + MINUTE) });
}

async function transition(manager: Page, key: string, label: string, to: string) {
  await manager.goto(`/releases/${key}`);
  const button = manager.locator('#lifecycle').getByRole('button', { name: label, exact: true });
  await expect(button).toBeEnabled();
  await button.click();
  await expect(status(manager)).toContainText(to);
}

async function completeReview(manager: Page, key: string, outcome: 'successful' | 'failed', review: { wentWell: string; wentBadly: string }) {
  await manager.goto(`/releases/${key}/handover`);
  const section = manager.locator('#review');
  await section.getByLabel('Outcome').selectOption(outcome);
  await section.getByLabel('Objectives met').selectOption(outcome === 'successful' ? 'yes' : 'no');
  await section.getByLabel('What went well').fill(review.wentWell);
  await section.getByLabel('What went badly').fill(review.wentBadly);
  await section.getByRole('button', { name: 'Save and complete the review' }).click();
  await expect(section.getByText('Complete', { exact: true })).toBeVisible();
}

let firstKey = '';

test('a release goes from plan to closed: approvals, schedule, staging and production with verification, handover, review', async ({ browser }) => {
  test.setTimeout(6 * MINUTE);

  // an administrator onboards the pilot service: two environments without maintenance windows
  const admin = await as(browser, 'admin@relm.test');
  await createEnvironment(admin, STAGING, `Pilot staging ${run}`, 'staging');
  await createEnvironment(admin, PRODUCTION, `Pilot production ${run}`, 'production');

  // the release manager adds the component and its first build
  const manager = await as(browser, 'manager2@relm.test');
  await manager.goto('/components/new');
  await manager.getByLabel('Name').fill(COMPONENT);
  await manager.getByLabel('Owner team').selectOption({ label: TEAM });
  await manager.getByLabel('Criticality tier').selectOption('3');
  await manager.getByRole('button', { name: 'Create component' }).click();
  await expect(manager.getByRole('heading', { level: 1 })).toContainText(COMPONENT);
  await recordBuild(manager, '1.0.0', 'First release of the pilot service.');

  // plan → submit
  const key = await planAndSubmit(manager, `Pilot service 1.0 (${run})`, '1.0.0');
  firstKey = key;

  // a low-risk release (tier 3 component, one build): the policy asks for one approver
  await approve([await as(browser, 'approver@relm.test')], key);

  // scheduled
  const productionOpens = await schedule(manager, key);

  // operations deploy to staging, verify, and — once production's window opens — to production
  const ops = await as(browser, 'ops@relm.test');
  // operations find it on their dashboard, with staging's window open now
  await expect(ops.locator('#my-deployments').getByRole('row', { name: new RegExp(key) })).toContainText('Open now');
  await deploy(ops, key, STAGING, { name: 'smoke tests', passed: true }, 'succeeded');
  await enterProductionWindow(ops, key, productionOpens);
  await deploy(ops, key, PRODUCTION, { name: 'synthetic checkout', passed: true }, 'succeeded');
  await ops.reload();
  await expect(status(ops)).toContainText('Deployed');
  await expectAccessible(ops);

  // what each environment runs now is known
  await ops.goto(`/environments/${PRODUCTION}`);
  await expect(ops.locator('#running').getByRole('row', { name: new RegExp(`${COMPONENT}.*1\\.0\\.0`) })).toBeVisible();

  // the release manager prepares the handover; operations acknowledge it
  await manager.goto(`/releases/${key}/handover`);
  const handover = manager.locator('#handover');
  await expect(handover.getByLabel('What changed')).not.toHaveValue('');
  await handover.getByLabel('Runbook').fill('Restart with `kubectl rollout restart deploy/pilot-svc`; health at /healthz.');
  await handover.getByLabel('Monitoring').fill('Dashboard "Pilot service"; alert on 5xx above 1% for 5 minutes.');
  await handover.getByLabel('Support contacts').fill('Tom Okafor (release), #pilot-oncall on Slack.');
  await handover.getByRole('button', { name: 'Save and mark ready for operations' }).click();
  await expect(handover.getByText('Ready', { exact: true })).toBeVisible();
  // handing over is refused until operations acknowledge
  await manager.goto(`/releases/${key}`);
  await expect(manager.locator('#lifecycle').getByRole('button', { name: 'Hand over to operations', exact: true })).toBeDisabled();

  // a link sent before the release page was split (#handover) lands on the handover part
  await ops.goto(`/releases/${key}#handover`);
  await expect(ops).toHaveURL(new RegExp(`/releases/${key}/handover$`));
  await ops.locator('#handover').getByRole('button', { name: 'Acknowledge the handover' }).click();
  await expect(ops.locator('#handover').getByText('Acknowledged', { exact: true })).toBeVisible();

  await transition(manager, key, 'Hand over to operations', 'Handed over');
  await transition(manager, key, 'Start post-release review', 'In review');

  // the review, with an action item for operations that lands on their dashboard
  await completeReview(manager, key, 'successful', { wentWell: 'Staging and production deployed inside their windows.', wentBadly: 'Nothing of note.' });
  const review = manager.locator('#review');
  await review.getByText('Add an action item').click();
  await review.getByLabel('Action', { exact: true }).fill(`Add a pilot-svc latency alert (${run})`);
  await review.getByLabel('Owner').selectOption({ label: 'Jamie Walsh' });
  await fillDate(review.getByLabel('Due'), new Date((await serverNow(manager.request)).getTime() + 7 * 24 * 60 * MINUTE).toISOString().slice(0, 10));
  await review.getByRole('button', { name: 'Add the action item' }).click();
  await expect(review.getByRole('row', { name: new RegExp(`latency alert \\(${run}\\)`) })).toBeVisible();
  await expectAccessible(manager);

  await transition(manager, key, 'Close', 'Closed');
  // per-release metrics
  await manager.goto(`/releases/${key}/history`);
  await expect(manager.locator('#history')).toContainText('Closed');
  await expect(manager.locator('#metrics')).toContainText(/Lead time/i);

  await ops.goto('/');
  await expect(ops.getByRole('paragraph').filter({ hasText: `Add a pilot-svc latency alert (${run})` })).toBeVisible();
  await expect(ops.getByRole('button', { name: `Mark done Add a pilot-svc latency alert (${run})` })).toBeVisible();
});

test('a failed production deployment is backed out; the release is rolled back and closes only after its review', async ({ browser }) => {
  test.setTimeout(6 * MINUTE);
  expect(firstKey, 'the first test shipped 1.0.0 to the pilot environments').not.toBe('');

  const manager = await as(browser, 'manager2@relm.test');
  await recordBuild(manager, '1.1.0', 'Faster cold start.');
  const key = await planAndSubmit(manager, `Pilot service 1.1 (${run})`, '1.1.0');
  // the back-out plan returns production to what it runs now
  await manager.goto(`/releases/${key}/backout`);
  await expect(manager.locator('#backout')).toContainText(`${COMPONENT}: ships 1.1.0, returns to 1.0.0`);
  await approve([await as(browser, 'cab@relm.test')], key);
  const productionOpens = await schedule(manager, key);

  const ops = await as(browser, 'ops@relm.test');
  await deploy(ops, key, STAGING, { name: 'smoke tests', passed: true }, 'succeeded');
  await enterProductionWindow(ops, key, productionOpens);
  await deploy(ops, key, PRODUCTION, { name: 'synthetic checkout', passed: false }, 'failed');

  // the back-out plan is offered and executed
  await ops.goto(`/releases/${key}/backout`);
  const backout = ops.locator('#backout');
  await expect(backout.getByRole('heading', { name: `The deployment to ${PRODUCTION} failed: back out?` })).toBeVisible();
  await expectAccessible(ops);
  await backout.getByRole('button', { name: 'Execute back-out…' }).click();
  await backout.getByLabel('Environment to back out').selectOption(PRODUCTION);
  await backout.getByLabel('Reason').fill('Synthetic checkout failed: 12% of requests answered 502.');
  await backout.getByRole('checkbox', { name: /The back-out has been carried out/ }).check();
  await backout.getByRole('button', { name: 'Execute back-out', exact: true }).click();
  await expect(status(ops)).toContainText('Rolled back');
  await expect(ops.getByRole('list', { name: 'Executed back-outs' })).toContainText(PRODUCTION);

  // production runs 1.0.0 again
  await ops.goto(`/environments/${PRODUCTION}`);
  await expect(ops.locator('#running').getByRole('row', { name: new RegExp(`${COMPONENT}.*1\\.0\\.0`) })).toBeVisible();

  // the review is required, and the release does not close without it
  await manager.goto(`/releases/${key}/handover`);
  await expect(manager.locator('#review')).toContainText(/Required because/);
  await transition(manager, key, 'Start post-release review', 'In review');
  await expect(manager.locator('#lifecycle').getByRole('button', { name: 'Close', exact: true })).toBeDisabled();
  await expect(manager.locator('#lifecycle')).toContainText(/review/i);

  await completeReview(manager, key, 'failed', {
    wentWell: 'The back-out took under ten minutes and was rehearsed.',
    wentBadly: 'The cold-start change was not load-tested in staging.',
  });
  await transition(manager, key, 'Close', 'Closed');
  await manager.goto(`/releases/${key}/history`);
  await expect(manager.locator('#metrics')).toContainText(/back-out/i);
});
