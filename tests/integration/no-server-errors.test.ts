import fc from 'fast-check';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/lib/server/db';
import { LONE_SURROGATE_MESSAGE, NUL_MESSAGE } from '@/lib/server/action';
import { freshDatabase } from '../support/db';
import { digest, makeApiToken, makeComponent, makeRelease, makeUser } from '../support/factories';
import { releaseKey } from '@/lib/domain/release-key';

// Issue 14, point 4: no input gets a 500. Every route handler under app/api is
// called with arbitrary path segments, query values and JSON bodies (NUL, lone
// surrogates, broken escapes, anything), as an administrator whose token may do
// everything, so each request goes as deep as the input lets it. Malformed
// percent-encoding never reaches a handler: scripts/request-guard.ts answers it
// (tests/unit/request-guard.test.ts).

type Handler = (req: Request, ctx: { params: Promise<Record<string, unknown>> }) => Promise<Response>;
type RouteModule = Partial<Record<Method, Handler>>;
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
type Method = (typeof METHODS)[number];

const files = import.meta.glob<RouteModule>('../../app/api/**/route.ts');

interface Route {
  file: string;
  /** the path with [param] segments */
  pattern: string;
  params: string[];
  load: () => Promise<RouteModule>;
}

const routes: Route[] = Object.entries(files).map(([file, load]) => {
  const pattern = file.replace('../../app', '').replace(/\/route\.ts$/, '');
  const params = [...pattern.matchAll(/\[(?:\.\.\.)?([^\]]+)\]/g)].map((m) => m[1]!);
  return { file, pattern, params, load };
});

let h: DbHandle;
let adminToken: string;
let key: string;

beforeAll(async () => {
  h = await freshDatabase();
  const admin = await makeUser(h.prisma, ['admin', 'release_manager']);
  adminToken = await makeApiToken(h.prisma, admin.id, ['*']);
  key = releaseKey((await makeRelease(h.prisma)).number);
});

afterAll(async () => {
  await h?.close();
});

const BASE = 'http://relm.test';

function call(
  route: Route,
  mod: RouteModule,
  method: Method,
  opts: { params?: Record<string, string>; query?: [string, string][]; body?: string; token?: boolean },
) {
  const handler = mod[method]!;
  const params: Record<string, unknown> = {};
  let path = route.pattern;
  for (const p of route.params) {
    const value = opts.params?.[p] ?? 'x';
    params[p] = route.pattern.includes(`[...${p}]`) ? [value] : value;
    path = path.replace(/\[(?:\.\.\.)?[^\]]+\]/, encodeURIComponent(value.replace(/[\uD800-\uDFFF]/g, '?')));
  }
  const url = new URL(path, BASE);
  for (const [k, v] of opts.query ?? []) url.searchParams.append(k, v);
  const headers: Record<string, string> = {};
  if (opts.token !== false) headers.authorization = `Bearer ${adminToken}`;
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  const req = new Request(url, { method, headers, body: opts.body });
  return handler(req, { params: Promise.resolve(params) });
}

/** Strings as hostile as a client can send: any UTF-16 code units (lone surrogates, NUL), plus known troublemakers. */
const hostile = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 12 }).map((units) => String.fromCharCode(...units)),
  fc.constantFrom('\u0000', 'a\u0000b', '\uD800', 'x\uDC00', '%E0%A4%A', '%00', '../..', 'REL-1\u0000', 'REL-99999999999999999999', '-1', '1e309', ' ', ''),
);

const jsonWith = (s: fc.Arbitrary<string>) =>
  fc.letrec((tie) => ({
    value: fc.oneof(
      { depthSize: 'small' },
      s,
      fc.integer(),
      fc.double(),
      fc.boolean(),
      fc.constant(null),
      fc.array(tie('value'), { maxLength: 4 }),
      fc.dictionary(fc.oneof(s, fc.constantFrom('version', 'to', 'status', 'component', 'workItems', 'url', 'events', 'id', 'releaseKey')), tie('value'), {
        maxKeys: 5,
      }),
    ),
  })).value;

describe('every route under app/api', () => {
  it('is found (the glob is not empty)', () => {
    expect(routes.map((r) => r.pattern)).toEqual(
      expect.arrayContaining(['/api/v1/builds', '/api/v1/releases/[key]/transitions', '/api/health', '/api/unsubscribe']),
    );
  });

  it('exports every method, and answers one it does not offer with 405 and Allow', async () => {
    const missing: string[] = [];
    for (const route of routes) {
      if (route.pattern.includes('[...nextauth]')) {
        // next-auth does not load outside Next.js: its exports are read from the source
        const source = fs.readFileSync(path.resolve(__dirname, route.file), 'utf8');
        for (const method of METHODS) if (!new RegExp(`\\b${method}\\b`).test(source)) missing.push(`${method} ${route.pattern}`);
        continue;
      }
      const mod = await route.load();
      for (const method of METHODS) {
        if (!mod[method]) {
          missing.push(`${method} ${route.pattern}`);
          continue;
        }
        const res = await call(route, mod, method, { body: method === 'GET' || method === 'DELETE' ? undefined : '{}' });
        expect(res.status, `${method} ${route.pattern}`).toBeLessThan(500);
        if (res.status === 405) expect(res.headers.get('allow'), `${method} ${route.pattern}`).toMatch(/^[A-Z]+(, [A-Z]+)*$/);
      }
    }
    expect(missing).toEqual([]);
  });

  it('never answers 5xx for any path segment, query value or JSON body', async () => {
    const callable = routes.filter((r) => !r.pattern.includes('[...nextauth]'));
    const modules = await Promise.all(callable.map((r) => r.load()));
    await fc.assert(
      fc.asyncProperty(
        fc.record({ key: fc.oneof(hostile, fc.constant(key)), id: hostile }),
        fc.array(fc.tuple(fc.oneof(hostile, fc.constantFrom('q', 'status', 'cursor', 'limit', 'sort', 'from', 'to', 'token', 't', 'environment')), hostile), {
          maxLength: 4,
        }),
        fc.option(jsonWith(hostile), { nil: undefined }),
        async (params, query, body) => {
          // each input goes to every route and every method
          for (const [i, route] of callable.entries()) {
            for (const method of METHODS) {
              const res = await call(route, modules[i]!, method, {
                params,
                query,
                body: body === undefined || method === 'GET' || method === 'DELETE' ? undefined : JSON.stringify(body),
              });
              expect(res.status, `${method} ${route.pattern} ${JSON.stringify({ params, query, body })}`).toBeLessThan(500);
              await res.arrayBuffer();
            }
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it('answers a NUL or a broken character in a path segment or query value with 400, not 500', async () => {
    const deployment = routes.find((r) => r.pattern === '/api/v1/deployments/[id]')!;
    const releases = routes.find((r) => r.pattern === '/api/v1/releases')!;
    for (const id of ['\u0000', 'abc\u0000', '\uD800']) {
      const res = await call(deployment, await deployment.load(), 'GET', { params: { id } });
      expect(res.status).toBe(400);
      expect((await res.json()).error).toMatchObject({ code: 'invalid', message: expect.stringMatching(/cannot read/) });
    }
    const res = await call(releases, await releases.load(), 'GET', { query: [['q', 'a\u0000']] });
    expect(res.status).toBe(400);
  });

  it('refuses a lone surrogate in a build with a message on the field, and stores nothing', async () => {
    const builds = routes.find((r) => r.pattern === '/api/v1/builds')!;
    const component = await makeComponent(h.prisma);
    const body = (title: string, notes = 'Fix') => ({
      component: component.name,
      version: '3.1.4',
      artifactDigest: digest(),
      notes,
      workItems: [{ key: 'PAY-1', title }],
    });
    // JSON.stringify writes a lone surrogate as the escape \ud800, which JSON.parse turns back into one
    const text = JSON.stringify(body('Broken \uD800 title', 'Notes \uDC00'));
    expect(text).toContain('\\ud800');
    const res = await call(builds, await builds.load(), 'POST', { body: text });
    expect(res.status).toBe(400);
    const { error } = await res.json();
    expect(error.fieldErrors).toEqual({ 'workItems.0.title': [LONE_SURROGATE_MESSAGE], notes: [LONE_SURROGATE_MESSAGE] });
    const nul = await call(builds, await builds.load(), 'POST', { body: JSON.stringify(body('NUL \u0000 title')) });
    expect((await nul.json()).error.fieldErrors).toEqual({ 'workItems.0.title': [NUL_MESSAGE] });
    expect(await h.prisma.build.count({ where: { componentId: component.id } })).toBe(0);
    // a proper pair (an emoji) is a character like any other
    const ok = await call(builds, await builds.load(), 'POST', { body: JSON.stringify(body('Rocket \uD83D\uDE80')) });
    expect(ok.status).toBe(201);
  });
});
