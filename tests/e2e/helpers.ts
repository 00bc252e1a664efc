import { expect, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

export const DEMO_PASSWORD = 'relm-demo-password';

// Content-Security-Policy violations the browser reported on a page (its console), from the
// moment the page was first signed in or checked: a nonce Next did not put on a script shows here.
const cspViolations = new WeakMap<Page, string[]>();
function watchCsp(page: Page) {
  if (cspViolations.has(page)) return;
  const seen: string[] = [];
  cspViolations.set(page, seen);
  page.on('console', (m) => {
    if (/Content[- ]Security[- ]Policy/i.test(m.text())) seen.push(m.text());
  });
}

/**
 * Fails the test when axe finds any WCAG 2.x A/AA (incl. 2.2) violation on the page as it is
 * now, or when the browser refused a script or style by the Content-Security-Policy.
 */
export async function expectAccessible(page: Page) {
  watchCsp(page);
  await page.waitForLoadState('networkidle');
  // Next streams a page's metadata: after a server action re-renders the page, React swaps the
  // <title> when the new metadata arrives. Wait for it (a page with no title still fails here).
  await expect(page, `no <title> on ${page.url()}`).toHaveTitle(/\S/);
  expect(cspViolations.get(page), `CSP violations on ${page.url()}`).toEqual([]);
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa']).analyze();
  const summary = results.violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes
        .map((n) => n.target.join(' '))
        .slice(0, 5)
        .join('\n    ')}`,
  );
  expect(summary, `axe violations on ${page.url()}`).toEqual([]);
}

/** The value a date field (components/ui/date-field.tsx) submits: its hidden input, for `field` as getByLabel finds it. */
export function dateValue(field: Locator): Locator {
  return field.locator('xpath=ancestor::*[@data-date-field][1]/input[@type="hidden"]');
}

/**
 * Sets a date field (components/ui/date-field.tsx, decision 059) the way a person does: focuses
 * each part (year, month, day, then hour and minute) and types its digits, whatever order the
 * page's language shows them in; '' empties it. `field` is the field as getByLabel finds it (the
 * group its label names); `iso` is what its form submits: YYYY-MM-DD or YYYY-MM-DDTHH:mm.
 */
export async function fillDate(field: Locator, iso: string) {
  const parts = /^(\d{4})-(\d\d)-(\d\d)(?:T(\d\d):(\d\d))?$/.exec(iso);
  if (iso && !parts) throw new Error(`fillDate: ${iso} is not YYYY-MM-DD nor YYYY-MM-DDTHH:mm`);
  // the segments take typing once the page's script runs
  await expect(field.locator('xpath=ancestor::*[@data-date-field][1]')).toHaveAttribute('data-ready', '');
  const digits: Record<string, string | undefined> = { year: parts?.[1], month: parts?.[2], day: parts?.[3], hour: parts?.[4], minute: parts?.[5] };
  // year and month first: the day is then checked against the right month
  for (const type of ['year', 'month', 'day', 'hour', 'minute']) {
    const segment = field.locator(`[data-type="${type}"]`);
    if ((await segment.count()) === 0) continue;
    await segment.focus();
    // a full part moves focus on to the next one by itself
    if (iso) await segment.pressSequentially(digits[type] ?? '');
    else for (let i = 0; i < 4; i++) await field.page().keyboard.press('Backspace');
  }
  await expect(dateValue(field)).toHaveValue(iso);
}

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  watchCsp(page);
  await page.goto('/sign-in');
  // by the form's fields, not their words: a browser that asks for French gets the page in French
  const form = page.locator('#sign-in-form');
  await form.locator('input[name="email"]').fill(email);
  await form.locator('input[name="password"]').fill(password);
  await form.locator('button[type="submit"]').click();
}

export async function signInAndWait(page: Page, email: string) {
  await signIn(page, email);
  await expect(page.getByRole('navigation', { name: /^(Main|Menu principal)$/ })).toBeVisible();
}

export function mainNav(page: Page) {
  return page.getByRole('navigation', { name: 'Main' });
}

/**
 * A link of the main navigation, shown first: the navigation keeps its links in groups
 * (Plan, Ship, Govern, Admin) that open on demand, or behind "Menu" at phone width.
 */
export async function navLink(page: Page, name: string): Promise<Locator> {
  const nav = mainNav(page);
  const link = nav.getByRole('link', { name, exact: true });
  if (await link.isVisible()) return link;
  const menu = nav.getByRole('button', { name: 'Menu', exact: true });
  if (await menu.isVisible()) await menu.click();
  else {
    // by the link's text, which starts with its name (a hint such as "What runs where" may follow)
    const starts = new RegExp(`^\\s*${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);
    const group = nav.locator('[data-nav-group]').filter({ has: page.locator('a:not([role])', { hasText: starts }) });
    await group.getByRole('button').click();
  }
  await expect(link).toBeVisible();
  return link;
}

/** Follows a link of the main navigation (see navLink). */
export async function followNav(page: Page, name: string) {
  await (await navLink(page, name)).click();
}

/** Every link the main navigation holds with this name, shown or folded away. */
export function navLinksNamed(page: Page, name: string) {
  return mainNav(page).getByRole('link', { name, exact: true, includeHidden: true });
}

// The server's clock (app/api/internal/test-clock, enabled by RELM_TEST_CLOCK=1 in
// playwright.config.ts). Specs move it instead of waiting for real time to pass,
// and put it back (resetServerClock) so that other specs see the wall clock.

export interface ServerClock {
  now: string;
  source: 'wall' | 'test';
  frozen: boolean;
}

/** Moves the server's clock: to an instant (`at`), by an amount (`advanceMs`), or back to the wall clock (`reset`). */
export async function moveServerClock(
  request: APIRequestContext,
  body: { at?: string | Date; advanceMs?: number; frozen?: boolean; reset?: true },
): Promise<ServerClock> {
  const data = { ...body, ...(body.at instanceof Date ? { at: body.at.toISOString() } : {}) };
  const res = await request.post('/api/internal/test-clock', { data });
  expect(res.status(), `moving the server clock: ${await res.text()}`).toBe(200);
  return (await res.json()) as ServerClock;
}

/** The server's business "now". */
export async function serverNow(request: APIRequestContext): Promise<Date> {
  const res = await request.get('/api/internal/test-clock');
  expect(res.status(), `reading the server clock: ${await res.text()}`).toBe(200);
  return new Date(((await res.json()) as ServerClock).now);
}

export async function resetServerClock(request: APIRequestContext): Promise<void> {
  await moveServerClock(request, { reset: true });
}
