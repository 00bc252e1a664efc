import { expect, test } from '@playwright/test';
import { PAGE_RULES } from '@/lib/domain/page-access';
import { can } from '@/lib/domain/permissions';
import { DEMO_USERS } from '@/prisma/seed/data/people';
import { expectAccessible, signInAndWait } from './helpers';

// Pages refused for lack of permission answer 403 with the explanation, in the usual frame
// (issue 14). Every rule of lib/domain/page-access.ts, for every demo person: 403 exactly when
// their roles lack the permission, 200 otherwise (docs/decisions/040).

const SAMPLE: Record<string, string> = { ':key': 'REL-15', ':name': 'ledger', ':slug': 'weekly-web-train' };
const samplePath = (pattern: string) =>
  pattern
    .split('/')
    .filter((s) => s !== '*')
    .map((s) => SAMPLE[s] ?? s)
    .join('/');

for (const person of DEMO_USERS) {
  test(`${person.email}: each page answers 403 exactly when the roles lack its permission`, async ({ page }) => {
    await signInAndWait(page, person.email);
    for (const rule of PAGE_RULES) {
      const path = samplePath(rule.pattern);
      const res = await page.request.get(path, { maxRedirects: 0 });
      const hasRole = can(person.roles, rule.permission);
      // REL-15 is Priya Shah's (Payments): among release managers, only Payments' may change it
      const manages = !rule.managesRelease || person.team === 'payments';
      expect(res.status(), `${person.email} ${path}`).toBe(hasRole && manages ? 200 : 403);
      const body = await res.text();
      if (!hasRole) {
        expect(body).toContain('you do not have access');
        expect(body).toContain(`${rule.title}`);
      } else if (!manages) {
        expect(body).toContain('You can read REL-15. Changes are for REL-15');
        expect(body).toContain('owner (Priya Shah) and release managers of the Payments team');
      }
    }
  });
}

test('the 403 page explains, keeps the navigation and passes axe', async ({ page }) => {
  await signInAndWait(page, 'viewer@relm.test');
  const res = await page.goto('/admin/audit');
  expect(res?.status()).toBe(403);
  await expect(page.getByRole('heading', { name: 'Audit trail: you do not have access' })).toBeVisible();
  await expect(page.getByText('You may not read the audit trail: it needs the admin role.')).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  await expectAccessible(page);
  // never a dead end
  await page.getByRole('link', { name: 'Back to the dashboard' }).click();
  await expect(page).toHaveURL(/\/$/);
});
