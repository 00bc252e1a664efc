import fc from 'fast-check';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guardRequestTargets, unreadableTarget } from '../../scripts/request-guard';

// A real HTTP server with the guard in front of a stand-in for Next.js that
// decodes every path segment as Next.js does (and answers 500 when it cannot).
let server: http.Server;
let port: number;

beforeAll(async () => {
  server = http.createServer(
    guardRequestTargets((req, res) => {
      try {
        const segments = (req.url ?? '/')
          .split('?')[0]!
          .split('/')
          .map((s) => decodeURIComponent(s));
        res.statusCode = 200;
        res.end(`next saw ${segments.join('/')}`);
      } catch {
        res.statusCode = 500;
        res.end('Internal Server Error');
      }
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** GET with the request target exactly as given (fetch would normalise it). */
function get(target: string): Promise<{ status: number; type: string; body: string }> {
  return new Promise((resolve, reject) => {
    const r = http.request({ host: '127.0.0.1', port, path: target, method: 'GET' }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type'] ?? ''), body: Buffer.concat(chunks).toString('utf8') }),
      );
    });
    r.on('error', reject);
    r.end();
  });
}

describe('the request target guard', () => {
  it('answers a broken percent-encoding, or a NUL in a path segment, under /api with the JSON error shape', async () => {
    for (const target of [
      '/api/v1/releases/%E0%A4%A/transitions',
      '/api/v1/deployments/%00',
      '/api/v1/releases?q=%E0%A4%A',
      '/api/v1/releases/%ED%A0%80',
      '/api/v1/releases?q=%zz',
    ]) {
      const r = await get(target);
      expect(r.status, target).toBe(400);
      expect(r.type).toMatch(/application\/json/);
      const body = JSON.parse(r.body);
      expect(body.error).toMatchObject({
        code: 'invalid',
        message: expect.stringMatching(/address is not valid/),
        requestId: expect.stringMatching(/^[0-9a-f]{16}$/),
      });
    }
  });

  it('answers the same on pages with a small page that says what is wrong', async () => {
    for (const target of ['/releases/%E0%A4%A', '/releases/%00', '/releases?status=%E0']) {
      const r = await get(target);
      expect(r.status, target).toBe(400);
      expect(r.type).toMatch(/text\/html/);
      expect(r.body).toContain('This address cannot be opened');
      expect(r.body).toContain('href="/"');
    }
  });

  it('hands well-formed addresses to Next.js untouched', async () => {
    expect(await get('/releases/REL-12')).toMatchObject({ status: 200, body: 'next saw /releases/REL-12' });
    expect(await get('/api/v1/releases?q=caf%C3%A9+au+lait&status=draft')).toMatchObject({ status: 200 });
    expect(await get('/search?q=%F0%9F%9A%80')).toMatchObject({ status: 200 });
    // a NUL in a query value is the app's to answer: pages narrow the filter away, API routes say 400
    expect(await get('/releases?page=-4&status=bogus&owner=%00&environment[]=x')).toMatchObject({ status: 200 });
    expect(await get('/api/v1/releases?q=%00')).toMatchObject({ status: 200 });
  });

  it('never lets an address through that Next.js cannot decode, and refuses no well-formed one', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 12 }), fc.string({ unit: 'grapheme', maxLength: 12 }), async (bytes, text) => {
        // arbitrary bytes, percent-encoded: valid UTF-8 or not
        const raw = bytes.map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');
        const r = await get(`/api/v1/deployments/${raw}`);
        expect(r.status).not.toBe(500);
        // any real text without NUL, encoded properly, passes
        if (!text.includes('\u0000')) expect(unreadableTarget(`/releases/${encodeURIComponent(text)}?q=${encodeURIComponent(text)}`)).toBeNull();
      }),
      { numRuns: 200 },
    );
  });
});
