import { expect, test } from '@playwright/test';

// No input yields a 500 (issue 14): malformed addresses reach the real server and are answered
// 400, as JSON under /api and as a page elsewhere, before Next.js tries to decode them.
test('malformed addresses are answered 400, never 500', async ({ page, request }) => {
  const api = await request.post('/api/v1/releases/%E0%A4%A/transitions', { data: {} });
  expect(api.status()).toBe(400);
  expect((await api.json()).error.code).toBe('invalid');
  expect(api.headers()['x-request-id']).toMatch(/\S/);

  const nul = await request.get('/api/v1/deployments/%00');
  expect(nul.status()).toBe(400);

  const res = await page.goto('/releases/%E0%A4%A');
  expect(res?.status()).toBe(400);
  await expect(page.getByText('This address cannot be opened')).toBeVisible();

  const wrong = await request.put('/api/v1/builds', { data: {} });
  expect(wrong.status()).toBe(405);
  expect(wrong.headers()['allow']).toBe('POST');
});
