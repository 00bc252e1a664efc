import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION_BODY_LIMIT, guardServerActions } from '../../scripts/action-guard';

// A real HTTP server with the guard in front of a stand-in for Next.js that echoes
// the body it reads, and answers 500 when asked to (as Next.js does when it cannot
// decode an action's arguments).
let server: http.Server;
let base: string;

beforeAll(async () => {
  server = http.createServer(
    guardServerActions((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        res.statusCode = body.includes('"boom"') ? 500 : 200;
        res.end(`next saw ${req.method} ${req.url} ${body.length} bytes: ${body.slice(0, 2000)}`);
      });
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const action = (body: BodyInit, headers: Record<string, string> = {}) =>
  fetch(`${base}/admin/teams`, { method: 'POST', headers: { 'next-action': 'abc123', 'content-type': 'text/plain;charset=UTF-8', ...headers }, body });

describe('the server action guard', () => {
  it('hands well-formed action requests to Next.js with their body intact', async () => {
    const r = await action('["$K1",{"a":"é"}]');
    expect(r.status).toBe(200);
    expect(await r.text()).toBe('next saw POST /admin/teams 17 bytes: ["$K1",{"a":"é"}]');
    // as a browser sends it: an upper-case boundary, which must not be lower-cased
    const boundary = '----WebKitFormBoundaryNnNvlHqQwXHczpBR';
    const raw = `--${boundary}\r\nContent-Disposition: form-data; name="1_name"\r\n\r\nPayments\r\n--${boundary}--\r\n`;
    const b = await fetch(`${base}/admin/teams`, {
      method: 'POST',
      headers: { 'next-action': 'abc123', 'content-type': `multipart/form-data; boundary=${boundary}` },
      body: raw,
    });
    expect(b.status).toBe(200);
    expect(await b.text()).toContain('Payments');
    const form = new FormData();
    form.set('1_name', 'Payments');
    const m = await fetch(`${base}/admin/teams`, { method: 'POST', headers: { 'next-action': 'abc123' }, body: form });
    expect(m.status).toBe(200);
    expect(await m.text()).toMatch(/Payments/);
  });

  it('leaves requests that are not server actions alone', async () => {
    const r = await fetch(`${base}/api/v1/builds`, { method: 'POST', body: '{not json' });
    expect(await r.text()).toBe('next saw POST /api/v1/builds 9 bytes: {not json');
  });

  it('answers an oversized body with 413 and a message, declared or streamed', async () => {
    const big = 'a'.repeat(ACTION_BODY_LIMIT + 10);
    const r = await action(big);
    expect(r.status).toBe(413);
    expect((await r.json()).error.message).toMatch(/larger than 1 MB/);
    // streamed without a content-length
    const stream = new ReadableStream({
      start(c) {
        for (let i = 0; i < 11; i++) c.enqueue(new TextEncoder().encode('b'.repeat(100_000)));
        c.close();
      },
    });
    const s = await fetch(`${base}/x`, { method: 'POST', headers: { 'next-action': 'abc' }, body: stream, duplex: 'half' } as RequestInit);
    expect(s.status).toBe(413);
  });

  it('answers bodies that are not what a browser sends with 400', async () => {
    for (const [body, type] of [
      ['{not json', 'text/plain'],
      ['{"a":1}', 'text/plain'],
      ['--xyz\r\nContent-Disposition: form-data; name="a"\r\n\r\nhello', 'multipart/form-data; boundary=xyz'],
      ['garbage', 'multipart/form-data'],
    ] as const) {
      const r = await action(body, { 'content-type': type });
      expect(r.status, body).toBe(400);
      expect((await r.json()).error.code).toBe('invalid');
    }
  });

  it('turns a 500 from decoding an action into a 400', async () => {
    const r = await action('["boom"]');
    expect(r.status).toBe(400);
  });
});
