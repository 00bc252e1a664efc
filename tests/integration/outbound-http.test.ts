import dns from 'node:dns';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { Webhook } from 'standardwebhooks';
import { resetEnvForTests } from '@/lib/server/env';
import { checkDestination, safePost } from '@/lib/server/channels/http';
import { newWebhookSecret, postWebhook, signWebhook } from '@/lib/server/channels/webhook';
import { postSlack, postTeams } from '@/lib/server/channels/chat';
import type { OutboundMessage } from '@/lib/server/channels/types';
import { startWebhookReceiver, type WebhookReceiver } from '@/tests/support/webhook-receiver';

// The HTTP channels against a real receiver on 127.0.0.1 (docs/decisions/028-outgoing-http.md).
// Loopback is refused unless RELM_OUTBOUND_ALLOW names it, so the tests that deliver set
// RELM_OUTBOUND_ALLOW=127.0.0.1 and the SSRF tests clear it.

let receiver: WebhookReceiver;
const savedAllow = process.env.RELM_OUTBOUND_ALLOW;

function setAllow(value: string | undefined) {
  if (value === undefined) delete process.env.RELM_OUTBOUND_ALLOW;
  else process.env.RELM_OUTBOUND_ALLOW = value;
  resetEnvForTests();
}

beforeAll(async () => {
  receiver = await startWebhookReceiver();
});
afterAll(async () => {
  await receiver.stop();
  setAllow(savedAllow);
});
beforeEach(() => {
  receiver.reset();
  receiver.setDefault({ status: 200, body: 'ok' });
  setAllow('127.0.0.1');
});

const event = { id: 'msg_2QdVJ0xk7', type: 'release.deployed', timestamp: new Date('2026-12-05T10:00:00Z'), data: { key: 'REL-12', status: 'deployed' } };

describe('signed webhooks (Standard Webhooks)', () => {
  it('delivers a body and headers that the standardwebhooks library verifies', async () => {
    const secret = newWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const result = await postWebhook({ url: receiver.url('/hooks/relm'), secret }, event);
    expect(result).toEqual({ ok: true, code: 200, detail: 'HTTP 200' });

    const req = await receiver.waitFor((r) => r.path === '/hooks/relm');
    expect(req.method).toBe('POST');
    expect(req.headers['content-type']).toBe('application/json');
    expect(req.headers['user-agent']).toBe('Relm-Webhooks/1');
    expect(req.headers['webhook-id']).toBe(event.id);
    expect(Number(req.headers['webhook-timestamp'])).toBeCloseTo(Date.now() / 1000, -1);
    expect(req.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    expect(JSON.parse(req.body)).toEqual({ type: 'release.deployed', timestamp: '2026-12-05T10:00:00.000Z', data: { key: 'REL-12', status: 'deployed' } });

    // the receiver's side: verification by the reference library, with the raw body
    const verified = new Webhook(secret).verify(req.raw.toString('utf8'), req.headers as Record<string, string>);
    expect(verified).toEqual(JSON.parse(req.body));
    // and a wrong secret or a changed body fails
    expect(() => new Webhook(newWebhookSecret()).verify(req.body, req.headers as Record<string, string>)).toThrow();
    expect(() => new Webhook(secret).verify(req.body.replace('REL-12', 'REL-13'), req.headers as Record<string, string>)).toThrow();
  });

  it('signs as the library signs', () => {
    const secret = newWebhookSecret();
    const at = new Date('2026-12-05T10:00:00Z');
    expect(signWebhook(secret, { id: 'msg_1', timestamp: at, body: '{"a":1}' })).toBe(new Webhook(secret).sign('msg_1', at, '{"a":1}'));
  });

  it('keeps the webhook-id on a retry; the retry verifies too', async () => {
    const secret = newWebhookSecret();
    receiver.respondWith({ status: 503, body: 'busy' });
    const first = await postWebhook({ url: receiver.url('/h'), secret }, event);
    expect(first).toMatchObject({ ok: false, permanent: false, code: 503 });
    const second = await postWebhook({ url: receiver.url('/h'), secret }, event);
    expect(second.ok).toBe(true);
    expect(receiver.requests).toHaveLength(2);
    const [a, b] = receiver.requests;
    expect(a!.headers['webhook-id']).toBe(event.id);
    expect(b!.headers['webhook-id']).toBe(event.id);
    expect(b!.body).toBe(a!.body);
    for (const r of receiver.requests) expect(() => new Webhook(secret).verify(r.body, r.headers as Record<string, string>)).not.toThrow();
  });

  it('answers permanent for a secret that is not base64', async () => {
    expect(await postWebhook({ url: receiver.url('/h'), secret: 'whsec_' }, event)).toMatchObject({ ok: false, permanent: true });
    expect(receiver.requests).toHaveLength(0);
  });
});

describe('classification of answers', () => {
  const post = () => safePost(receiver.url('/c'), '{}', { 'content-type': 'application/json' });

  it.each([200, 201, 204])('%i is ok', async (status) => {
    receiver.respondWith({ status });
    expect(await post()).toEqual({ ok: true, code: status, detail: `HTTP ${status}` });
  });

  it.each([500, 502, 503, 429, 408])('%i is temporary, with a short excerpt of the answer', async (status) => {
    receiver.respondWith({ status, body: `  trouble\n\n${'x'.repeat(1000)}`, headers: status === 429 ? { 'retry-after': '30' } : {} });
    const r = await post();
    expect(r).toMatchObject({ ok: false, permanent: false, code: status });
    expect(r.detail).toMatch(new RegExp(`^HTTP ${status}${status === 429 ? ' \\(retry-after 30\\)' : ''}: trouble x+…$`));
    expect(r.detail.length).toBeLessThan(260);
  });

  it.each([400, 404, 410, 413])('%i is permanent', async (status) => {
    receiver.respondWith({ status, body: 'no such hook' });
    expect(await post()).toEqual({ ok: false, permanent: true, code: status, detail: `HTTP ${status}: no such hook` });
  });

  it('does not follow a redirect, even to an allowed place, and names only its origin', async () => {
    receiver.respondWith({ redirectTo: `${receiver.origin}/elsewhere?token=secret` });
    const r = await post();
    expect(r).toMatchObject({ ok: false, permanent: true, code: 302 });
    expect(r.detail).toContain('not followed');
    expect(r.detail).toContain(receiver.origin);
    expect(r.detail).not.toContain('token');
    expect(receiver.requests.map((q) => q.path)).toEqual(['/c']);
  });

  it('times out within its bound and answers temporary', async () => {
    receiver.respondWith({ delayMs: 3_000 });
    const started = Date.now();
    const r = await safePost(receiver.url('/slow'), '{}', {}, { timeoutMs: 400 });
    const elapsed = Date.now() - started;
    expect(r).toMatchObject({ ok: false, permanent: false });
    expect(r.detail).toMatch(/timed out/);
    expect(elapsed).toBeGreaterThanOrEqual(390);
    expect(elapsed).toBeLessThan(1_500);
  });

  it('reads at most maxResponseBytes of the answer', async () => {
    receiver.respondWith({ status: 500, body: 'y'.repeat(5_000_000) });
    const r = await safePost(receiver.url('/big'), '{}', {}, { maxResponseBytes: 1024 });
    expect(r).toMatchObject({ ok: false, permanent: false, code: 500 });
    expect(r.detail.length).toBeLessThan(260);
  });

  it('a closed port is a temporary network error', async () => {
    const closed = await startWebhookReceiver();
    const url = closed.url('/gone');
    await closed.stop();
    expect(await safePost(url, '{}', {})).toMatchObject({ ok: false, permanent: false, detail: expect.stringMatching(/ECONNREFUSED/) });
  });

  it('sends the body as given, with its length', async () => {
    await safePost(receiver.url('/b'), 'héllo', { 'content-type': 'text/plain' });
    const req = await receiver.waitFor();
    expect(req.body).toBe('héllo');
    expect(req.headers['content-length']).toBe(String(Buffer.byteLength('héllo')));
  });
});

describe('SSRF guard', () => {
  const refused = async (url: string, reason: RegExp) => {
    const r = await safePost(url, '{}', {});
    expect(r).toMatchObject({ ok: false, permanent: true });
    expect(r.detail).toMatch(reason);
    expect(r.code).toBeUndefined();
    const check = await checkDestination(url);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.reason).toMatch(reason);
  };

  it('refuses the receiver on 127.0.0.1 without the allow entry, and reaches it with it', async () => {
    setAllow('');
    await refused(receiver.url('/x'), /127\.0\.0\.1 is a loopback address/);
    expect(receiver.requests).toHaveLength(0);
    setAllow('127.0.0.0/8');
    expect(await checkDestination(receiver.url('/x'))).toEqual({ ok: true });
    expect((await safePost(receiver.url('/x'), '{}', {})).ok).toBe(true);
  });

  it('allows a host by name when the allow list names it', async () => {
    setAllow('localhost');
    expect(await checkDestination(`http://localhost:${new URL(receiver.origin).port}/x`)).toEqual({ ok: true });
  });

  it('connects to the address it checked, not to a second lookup (no DNS-rebinding gap)', async () => {
    // rebind.invalid exists only in this mocked resolver: system DNS would fail (ENOTFOUND),
    // so a delivery that arrives proves the socket used the checked answer
    const lookup = vi.spyOn(dns.promises, 'lookup').mockResolvedValue([{ address: '127.0.0.1', family: 4 }] as never);
    try {
      const port = new URL(receiver.origin).port;
      setAllow('127.0.0.1');
      expect((await safePost(`http://rebind.invalid:${port}/pinned`, '{}', {})).ok).toBe(true);
      const req = await receiver.waitFor((r) => r.path === '/pinned');
      expect(req.headers.host).toBe(`rebind.invalid:${port}`);
      expect(lookup).toHaveBeenCalledTimes(1);
      // the same host answering a private address is refused
      setAllow('');
      lookup.mockResolvedValue([{ address: '10.1.2.3', family: 4 }] as never);
      expect(await safePost(`http://rebind.invalid:${port}/pinned`, '{}', {})).toMatchObject({
        ok: false,
        permanent: true,
        detail: expect.stringMatching(/10\.1\.2\.3 is a private address/),
      });
      // a mix: only the allowed address is used
      setAllow('127.0.0.1');
      lookup.mockResolvedValue([
        { address: '10.1.2.3', family: 4 },
        { address: '127.0.0.1', family: 4 },
      ] as never);
      expect((await safePost(`http://rebind.invalid:${port}/mixed`, '{}', {})).ok).toBe(true);
    } finally {
      lookup.mockRestore();
    }
  });

  describe('without an allow list', () => {
    beforeEach(() => setAllow(''));

    it.each([
      ['http://169.254.169.254/latest/meta-data/', /169\.254\.169\.254 is a link-local address, the cloud metadata service/],
      ['http://[::1]/', /::1 is a loopback address/],
      ['http://10.0.0.1/', /10\.0\.0\.1 is a private address/],
      ['http://172.16.5.4/', /private/],
      ['http://192.168.1.1/', /private/],
      ['http://100.64.0.1/', /carrier-grade NAT/],
      ['http://0.0.0.0/', /unspecified/],
      ['http://224.0.0.1/', /multicast/],
      ['http://[fd00::1]/', /unique local/],
      ['http://[fe80::1]/', /link-local/],
      ['http://[::ffff:10.0.0.1]/', /10\.0\.0\.1 is a private address/],
      ['http://[::ffff:127.0.0.1]/', /127\.0\.0\.1 is a loopback address/],
      ['http://2130706433/', /127\.0\.0\.1 is a loopback address/],
      ['http://0x7f.1/', /127\.0\.0\.1 is a loopback address/],
    ])('refuses %s', async (url, reason) => {
      await refused(url, reason);
    });

    it('refuses a hostname that resolves to loopback (localhost)', async () => {
      await refused(`http://localhost:${new URL(receiver.origin).port}/x`, /localhost resolves to .* loopback address/);
      expect(receiver.requests).toHaveLength(0);
    });

    it('refuses other schemes and invalid URLs', async () => {
      await refused('file:///etc/passwd', /only http and https/);
      await refused('ftp://example.com/x', /only http and https/);
      await refused('gopher://example.com/', /only http and https/);
      await refused('not a url', /invalid URL/);
    });

    it('refuses a URL with credentials (not stripped)', async () => {
      await refused('https://user:pass@example.com/hook', /credentials/);
      await refused('https://user@example.com/hook', /credentials/);
    });

    it('accepts a public address (checked, not connected)', async () => {
      expect(await checkDestination('https://93.184.215.14/hook')).toEqual({ ok: true });
      expect(await checkDestination('https://[2606:4700::6810:84e5]/hook')).toEqual({ ok: true });
    });
  });
});

describe('Slack and Teams through the guard', () => {
  const msg: OutboundMessage = {
    event: 'release.deployed',
    releaseKey: 'REL-12',
    subject: 'REL-12 deployed: Billing 4.13',
    summary: 'Billing 4.13 is live in production. @here',
    lines: [],
    facts: [{ label: 'Environment', value: 'production' }],
    action: { label: 'Open REL-12', url: 'https://relm.example.com/releases/REL-12' },
  };

  it('posts a Block Kit message to Slack', async () => {
    expect((await postSlack(receiver.url('/services/T0/B0/xyz'), msg)).ok).toBe(true);
    const req = await receiver.waitFor((r) => r.path.startsWith('/services/'));
    expect(req.headers['content-type']).toBe('application/json; charset=utf-8');
    const body = JSON.parse(req.body);
    expect(body.text).toContain('REL-12 deployed');
    expect(body.text).not.toMatch(/@here/);
    expect(body.blocks.map((b: { type: string }) => b.type)).toEqual(['header', 'section', 'section', 'actions', 'context']);
  });

  it('posts an Adaptive Card to Teams', async () => {
    expect((await postTeams(receiver.url('/workflows/abc?sig=s3cret'), msg)).ok).toBe(true);
    const req = await receiver.waitFor((r) => r.path.startsWith('/workflows/'));
    expect(req.path).toBe('/workflows/abc?sig=s3cret');
    const body = JSON.parse(req.body);
    expect(body.type).toBe('message');
    expect(body.attachments[0].content.type).toBe('AdaptiveCard');
  });

  it('never names the URL path or query (a secret) in the detail', async () => {
    receiver.respondWith({ status: 404, body: 'no' });
    const r = await postTeams(receiver.url('/workflows/abc?sig=s3cret'), msg);
    expect(r).toMatchObject({ ok: false, permanent: true, code: 404 });
    expect(r.detail).not.toContain('s3cret');
    setAllow('');
    const refusedResult = await postSlack(receiver.url('/services/T0/B0/s3cret'), msg);
    expect(refusedResult.permanent).toBe(true);
    expect(refusedResult.detail).not.toContain('s3cret');
  });
});

afterEach(() => {
  // a test that changed the allow list leaves the default for the next
  setAllow('127.0.0.1');
});
