import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/lib/server/db';
import { GET } from '@/app/metrics/route';
import { requestTimer } from '@/lib/server/prometheus-registry';
import { freshDatabase } from '../support/db';
import { makeRelease } from '../support/factories';
import { testEnv } from '../support/env';

// GET /metrics (issue 17 point 3): Prometheus text behind RELM_METRICS_TOKEN, with request
// durations per route template and the shared state read from the database at each scrape.

const TOKEN = 'metrics-token-for-tests-0123456789';
const vars = testEnv(['RELM_METRICS_TOKEN']);
let h: DbHandle;

beforeAll(async () => {
  h = await freshDatabase();
});
afterAll(async () => {
  vars.restore();
  await h?.close();
});

const scrape = (authorization?: string) => GET(new Request('http://relm.test/metrics', { headers: authorization ? { authorization } : {} }));

/** The value of one sample line, e.g. relm_releases{status="draft"} */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(series + ' '));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('GET /metrics', () => {
  it('is off without RELM_METRICS_TOKEN, and refuses a missing or wrong token when it is set', async () => {
    vars.set({ RELM_METRICS_TOKEN: undefined });
    expect((await scrape(`Bearer ${TOKEN}`)).status).toBe(404);
    vars.set({ RELM_METRICS_TOKEN: TOKEN });
    const missing = await scrape();
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toContain('Bearer');
    expect((await scrape('Bearer not-the-token')).status).toBe(401);
    expect((await scrape(TOKEN)).status).toBe(401);
  });

  it('serves request durations per route template, releases by status, deliveries, jobs and the audit chain', async () => {
    vars.set({ RELM_METRICS_TOKEN: TOKEN });
    const before = await (await scrape(`Bearer ${TOKEN}`)).text();
    const drafts = sample(before, 'relm_releases{status="draft"}') ?? 0;

    await makeRelease(h.prisma);
    await h.prisma.delivery.create({
      data: { channel: 'webhook', event: 'release.submitted', dedupeKey: `m-${Date.now()}`, recipient: 'an endpoint', payload: {}, status: 'failed' },
    });
    // two requests as scripts/start.ts times them: one release page, one path no route has
    const time = requestTimer(process.cwd());
    for (const url of ['/releases/REL-12/plan', '/wp-login.php']) {
      const listeners: (() => void)[] = [];
      const res = { statusCode: url.startsWith('/wp') ? 404 : 200, once: (_: 'finish', cb: () => void) => listeners.push(cb) };
      time({ method: 'GET', url }, res);
      listeners.forEach((cb) => cb());
    }

    const res = await scrape(`Bearer ${TOKEN}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    expect(sample(text, 'relm_releases{status="draft"}')).toBe(drafts + 1);
    expect(sample(text, 'relm_deliveries{channel="webhook",status="failed"}')).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'relm_http_request_duration_seconds_count{method="GET",route="/releases/[key]/plan",status="200"}')).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'relm_http_request_duration_seconds_count{method="GET",route="other",status="404"}')).toBeGreaterThanOrEqual(1);
    expect(text).not.toContain('wp-login');
    expect(sample(text, 'relm_audit_chain_length')).toBeGreaterThanOrEqual(0);
    expect(text).toContain('# TYPE relm_audit_last_verified_timestamp_seconds gauge');
    expect(text).toContain('# TYPE relm_jobs gauge');
    expect(text).toContain('relm_process_cpu_seconds_total');
    if (h.pool) expect(sample(text, 'relm_db_pool_connections{state="max"}')).toBe(10);
    expect(text).not.toContain(TOKEN);
  });
});
