import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/lib/server/db';
import type { Role } from '@/lib/domain/permissions';
import { DELETE as deleteBuild, POST as postBuild } from '@/app/api/v1/builds/route';
import { GET as listReleasesRoute } from '@/app/api/v1/releases/route';
import { GET as getReleaseRoute } from '@/app/api/v1/releases/[key]/route';
import { POST as postTransition } from '@/app/api/v1/releases/[key]/transitions/route';
import { GET as openApiRoute } from '@/app/api/v1/openapi.json/route';
import { freshDatabase } from '../support/db';
import { digest, makeComponent, makeEnvironment, makeRelease, makeUser, uid, makeApiToken } from '../support/factories';
import { readyRelease } from './lifecycle-support';
import { now } from '@/lib/server/clock';
import { releaseKey } from '@/lib/domain/release-key';
import { currentAuditKey, verifyChain } from '@/lib/server/audit';
import { entryMac, hashEvent } from '@/lib/domain/audit-chain';
import { countStatements } from '../support/sql-count';

let h: DbHandle;
let rmToken: string;
let rmUserId: string;

beforeAll(async () => {
  h = await freshDatabase();
  const rm = await makeUser(h.prisma, ['release_manager']);
  rmUserId = rm.id;
  rmToken = await tokenFor(rm.id, ['*']);
});

afterAll(async () => {
  await h?.close();
});

const tokenFor = (userId: string, scopes: string[], over: { revokedAt?: Date } = {}) => makeApiToken(h.prisma, userId, scopes, { namePrefix: 't', ...over });

async function userToken(roles: Role[], scopes: string[]) {
  return tokenFor((await makeUser(h.prisma, roles)).id, scopes);
}

const BASE = 'http://relm.test';
const noParams = { params: Promise.resolve({}) as Promise<Record<string, never>> };
const keyParams = (key: string) => ({ params: Promise.resolve({ key }) });

function req(
  path: string,
  init: { method?: string; token?: string | null; body?: unknown; rawBody?: BodyInit; contentType?: string | null; headers?: Record<string, string> } = {},
) {
  const headers: Record<string, string> = { ...(init.headers ?? {}) };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  const body = init.rawBody ?? (init.body !== undefined ? JSON.stringify(init.body) : undefined);
  if (body !== undefined && init.contentType !== null) headers['content-type'] = init.contentType ?? 'application/json';
  return new Request(`${BASE}${path}`, { method: init.method ?? (body !== undefined ? 'POST' : 'GET'), headers, body });
}

async function json(res: Response) {
  expect(res.headers.get('content-type')).toMatch(/application\/json/);
  expect(res.headers.get('x-request-id')).toBeTruthy();
  return res.json();
}

const buildBody = (component: string, version = '1.2.3', artifactDigest = digest()) => ({
  component,
  version,
  artifactDigest,
  notes: 'Fix',
  workItems: [{ key: 'PAY-1' }],
});

describe('authentication and authorization', () => {
  it('answers 401 JSON without a token, with a bad one, or with a revoked one (never a redirect)', async () => {
    for (const token of [null, 'relm_nonsense', await tokenFor(rmUserId, ['*'], { revokedAt: now() })]) {
      const res = await listReleasesRoute(req('/api/v1/releases', { token }), noParams);
      expect(res.status).toBe(401);
      const body = await json(res);
      expect(body.error).toMatchObject({ code: 'unauthenticated', message: expect.any(String), requestId: res.headers.get('x-request-id') });
      expect(res.headers.get('www-authenticate')).toMatch(/Bearer/);
    }
    const post = await postBuild(req('/api/v1/builds', { body: {} }), noParams);
    expect(post.status).toBe(401);
    // a disabled owner's token stops working at once
    const disabled = await makeUser(h.prisma, ['release_manager'], { disabled: true });
    const t = await tokenFor(disabled.id, ['*']);
    expect((await listReleasesRoute(req('/api/v1/releases', { token: t }), noParams)).status).toBe(401);
  });

  it('answers 403 for a token without the scope, or whose owner lacks the permission', async () => {
    const readOnly = await userToken(['release_manager'], ['release.read']);
    const res = await postBuild(req('/api/v1/builds', { token: readOnly, body: buildBody('x') }), noParams);
    expect(res.status).toBe(403);
    expect((await json(res)).error.message).toMatch(/not scoped for build\.record/);
    const viewer = await userToken(['viewer'], ['*']);
    const t = await postTransition(req('/api/v1/releases/REL-1/transitions', { token: viewer, body: { to: 'submitted', version: 1 } }), keyParams('REL-1'));
    expect(t.status).toBe(403);
    const noRead = await userToken(['release_manager'], ['build.record']);
    expect((await listReleasesRoute(req('/api/v1/releases', { token: noRead }), noParams)).status).toBe(403);
  });

  it("always answers with Relm's own request id and echoes a sane caller id apart, never a hostile one", async () => {
    const ok = await listReleasesRoute(req('/api/v1/releases', { token: rmToken, headers: { 'x-request-id': 'ci-run:42' } }), noParams);
    expect(ok.headers.get('x-request-id')).toMatch(/^[0-9a-f]{16}$/);
    expect(ok.headers.get('x-client-request-id')).toBe('ci-run:42');
    const bad = await listReleasesRoute(req('/api/v1/releases', { token: rmToken, headers: { 'x-request-id': '<script>' } }), noParams);
    expect(bad.headers.get('x-request-id')).toMatch(/^[0-9a-f]{16}$/);
    expect(bad.headers.get('x-client-request-id')).toBeNull();
    // errors and refused methods too
    const refused = await listReleasesRoute(req('/api/v1/releases', { headers: { 'x-request-id': 'ci-run-43' } }), noParams);
    expect(refused.status).toBe(401);
    expect((await refused.json()).error.requestId).toBe(refused.headers.get('x-request-id'));
    expect(refused.headers.get('x-request-id')).not.toBe('ci-run-43');
    expect(refused.headers.get('x-client-request-id')).toBe('ci-run-43');
    const wrong = await deleteBuild(req('/api/v1/builds', { method: 'DELETE', token: rmToken, headers: { 'x-request-id': 'ci-run-44' } }));
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('x-request-id')).toMatch(/^[0-9a-f]{16}$/);
    expect(wrong.headers.get('x-client-request-id')).toBe('ci-run-44');
  });

  it("records Relm's request id in the audit trail, and the caller's beside it", async () => {
    const component = await makeComponent(h.prisma);
    const res = await postBuild(
      req('/api/v1/builds', { token: rmToken, body: buildBody(component.name, '7.7.7'), headers: { 'x-request-id': 'deploy-pipeline-9' } }),
      noParams,
    );
    expect(res.status).toBe(201);
    const events = await h.prisma.auditEvent.findMany({ where: { requestId: res.headers.get('x-request-id') }, orderBy: { seq: 'asc' } });
    // the token's use and the build it recorded
    expect(events.map((e) => [e.action, e.clientRequestId])).toEqual([
      ['token.use', 'deploy-pipeline-9'],
      ['build.record', 'deploy-pipeline-9'],
    ]);
    expect(await h.prisma.auditEvent.count({ where: { requestId: 'deploy-pipeline-9' } })).toBe(0);
    // the caller's id is part of the hashed content: the chain still verifies (sealing what waits), and changing it breaks it
    expect((await verifyChain(h.prisma)).ok).toBe(true);
    const sealed = await h.prisma.auditEvent.findUniqueOrThrow({ where: { seq: events[1]!.seq } });
    const event = { ...sealed, seq: sealed.chainSeq!, prevHash: sealed.prevHash! };
    expect(hashEvent(event.prevHash, event, currentAuditKey())).toBe(event.hash);
    expect(hashEvent(event.prevHash, { ...event, clientRequestId: 'someone-else' }, currentAuditKey())).not.toBe(event.hash);
    expect(entryMac({ ...sealed, clientRequestId: 'someone-else' }, currentAuditKey())).not.toBe(sealed.entryMac);
    // events without a caller id hash as they did before the column existed
    expect(hashEvent(event.prevHash, { ...event, clientRequestId: null }, currentAuditKey())).toBe(
      hashEvent(event.prevHash, { ...event, clientRequestId: undefined }, currentAuditKey()),
    );
  });

  it("writes the token's use with the change it caused, in one transaction, and on its own when the change is refused", async () => {
    const component = await makeComponent(h.prisma);
    const post = (version: string, name = component.name) => postBuild(req('/api/v1/builds', { token: rmToken, body: buildBody(name, version) }), noParams);
    expect((await post('8.0.0')).status).toBe(201); // the token's lastUsedAt is fresh now
    // a build recorded: the token, BEGIN, the build (with its component), the events' seqs, the
    // two events, COMMIT (decision 062: each statement costs CPU on the write path)
    const first = buildBody(component.name, '8.0.1');
    const { statements, result: res } = await countStatements(() => postBuild(req('/api/v1/builds', { token: rmToken, body: first }), noParams));
    expect(res.status).toBe(201);
    expect(statements).toBe(6);
    // a few hundred bytes: sent as they are (Next.js gzips what it may transform, however small)
    expect(res.headers.get('cache-control')).toBe('no-store, no-transform');
    const written = await h.prisma.auditEvent.findMany({ where: { requestId: res.headers.get('x-request-id') }, orderBy: { seq: 'asc' } });
    expect(written.map((e) => e.action)).toEqual(['token.use', 'build.record']);
    expect(written[1]!.seq).toBe(written[0]!.seq + 1n);
    // refused (no such component): the transaction rolled back, the token's use is still recorded
    const refused = await post('8.0.2', `no-such-${uid()}`);
    expect(refused.status).toBe(400);
    const alone = await h.prisma.auditEvent.findMany({ where: { requestId: refused.headers.get('x-request-id') } });
    expect(alone.map((e) => e.action)).toEqual(['token.use']);
    // a retry of a recorded build changes nothing: the token's use alone, in the transaction
    const retry = await postBuild(req('/api/v1/builds', { token: rmToken, body: first }), noParams);
    expect(retry.status).toBe(200);
    expect((await h.prisma.auditEvent.findMany({ where: { requestId: retry.headers.get('x-request-id') } })).map((e) => e.action)).toEqual(['token.use']);
    expect((await verifyChain(h.prisma)).ok).toBe(true);
  });
});

describe('request bodies', () => {
  it('refuses malformed JSON with 400', async () => {
    const res = await postBuild(req('/api/v1/builds', { token: rmToken, rawBody: '{"component": ' }), noParams);
    expect(res.status).toBe(400);
    expect((await json(res)).error).toMatchObject({ code: 'invalid', message: expect.stringMatching(/not valid JSON/) });
    const empty = await postBuild(req('/api/v1/builds', { token: rmToken, rawBody: '', contentType: 'application/json' }), noParams);
    expect(empty.status).toBe(400);
    const arr = await postTransition(req('/api/v1/releases/REL-1/transitions', { token: rmToken, body: [1, 2] }), keyParams('REL-1'));
    expect(arr.status).toBe(400);
  });

  it('refuses a body over 1 MB with 413', async () => {
    const big = JSON.stringify({ component: 'x', notes: 'a'.repeat(1024 * 1024 + 10) });
    const res = await postBuild(req('/api/v1/builds', { token: rmToken, rawBody: big }), noParams);
    expect(res.status).toBe(413);
    expect((await json(res)).error.code).toBe('payload_too_large');
    // without a content-length the stream is still cut off
    const stream = new ReadableStream({
      start(c) {
        for (let i = 0; i < 20; i++) c.enqueue(new TextEncoder().encode('a'.repeat(100_000)));
        c.close();
      },
    });
    const chunked = new Request(`${BASE}/api/v1/builds`, {
      method: 'POST',
      headers: { authorization: `Bearer ${rmToken}`, 'content-type': 'application/json' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect((await postBuild(chunked, noParams)).status).toBe(413);
  });

  it('answers other methods with a JSON 405', async () => {
    const res = await deleteBuild(req('/api/v1/builds', { method: 'DELETE', token: rmToken }));
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('POST');
    expect((await json(res)).error.code).toBe('method_not_allowed');
  });

  it('refuses other content types with 415', async () => {
    const res = await postBuild(req('/api/v1/builds', { token: rmToken, rawBody: 'component=x', contentType: 'application/x-www-form-urlencoded' }), noParams);
    expect(res.status).toBe(415);
    expect((await json(res)).error.code).toBe('unsupported_media_type');
    const none = await postBuild(req('/api/v1/builds', { token: rmToken, rawBody: '{}', contentType: null }), noParams);
    expect(none.status).toBe(415);
  });
});

describe('POST /api/v1/builds', () => {
  it('is idempotent: 201, then 200 for the same build, then 409 for another digest', async () => {
    const component = await makeComponent(h.prisma);
    const body = buildBody(component.name, '2.4.1');
    const first = await postBuild(req('/api/v1/builds', { token: rmToken, body }), noParams);
    expect(first.status).toBe(201);
    const created = await json(first);
    expect(created).toMatchObject({ created: true, build: { version: '2.4.1', artifactDigest: body.artifactDigest } });
    const again = await postBuild(req('/api/v1/builds', { token: rmToken, body }), noParams);
    expect(again.status).toBe(200);
    expect(await json(again)).toMatchObject({ created: false, build: { id: created.build.id } });
    const clash = await postBuild(req('/api/v1/builds', { token: rmToken, body: { ...body, artifactDigest: digest() } }), noParams);
    expect(clash.status).toBe(409);
    expect((await json(clash)).error).toMatchObject({ code: 'conflict', fieldErrors: { version: [expect.any(String)] } });
  });

  it('answers field errors for invalid builds', async () => {
    const res = await postBuild(req('/api/v1/builds', { token: rmToken, body: { component: '', version: 'one', artifactDigest: 'abc' } }), noParams);
    expect(res.status).toBe(400);
    const body = await json(res);
    expect(Object.keys(body.error.fieldErrors).sort()).toEqual(['artifactDigest', 'component', 'version']);
  });
});

describe('GET /api/v1/releases', () => {
  it('filters and paginates, with links', async () => {
    const env = await makeEnvironment(h.prisma);
    const owner = await makeUser(h.prisma, ['release_manager']);
    const marker = `Needle ${uid()}`;
    for (let i = 0; i < 3; i++) {
      const r = await h.prisma.release.create({ data: { title: `${marker} ${i}`, type: 'normal', ownerId: owner.id, requesterId: owner.id } });
      await h.prisma.releaseEnvironment.create({ data: { releaseId: r.id, environmentId: env.id } });
    }
    await makeRelease(h.prisma, { ownerId: owner.id });
    const res = await listReleasesRoute(
      req(`/api/v1/releases?environment=${env.name}&owner=${owner.id}&status=draft,submitted&pageSize=2`, { token: rmToken }),
      noParams,
    );
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body.page).toEqual({ number: 1, size: 2, totalItems: 3, totalItemsExact: true, totalPages: 2 });
    expect(body.items).toHaveLength(2);
    expect(body.items.every((r: { title: string }) => r.title.startsWith(marker))).toBe(true);
    // next pages by cursor (keyset), also as a Link header
    expect(body.nextCursor).toEqual(expect.any(String));
    expect(body.links.next).toContain(`cursor=${body.nextCursor}`);
    expect(body.links.next).not.toContain('page=');
    expect(res.headers.get('link')).toBe(`<${body.links.next}>; rel="next"`);
    expect(body.links.prev).toBeNull();
    const res2 = await listReleasesRoute(req(body.links.next, { token: rmToken }), noParams);
    const page2 = await json(res2);
    expect(page2.items).toHaveLength(1);
    expect(page2.page).toEqual({ number: null, size: 2, totalItems: 3, totalItemsExact: true, totalPages: 2 });
    expect(page2.nextCursor).toBeNull();
    expect(page2.links.next).toBeNull();
    expect(res2.headers.get('link')).toBeNull();
    // newest first across both pages, none twice; page=2 still answers the same rows
    const numbers = [...body.items, ...page2.items].map((r: { number: number }) => r.number);
    expect(numbers).toEqual([...numbers].sort((a, b) => b - a));
    expect(new Set(numbers).size).toBe(3);
    const byPage = await json(await listReleasesRoute(req(body.links.next.replace(/cursor=[^&]+/, 'page=2'), { token: rmToken }), noParams));
    expect(byPage.items).toEqual(page2.items);
    expect(byPage.page.number).toBe(2);
    const q = await json(await listReleasesRoute(req(`/api/v1/releases?q=${encodeURIComponent(marker)}`, { token: rmToken }), noParams));
    expect(q.page.totalItems).toBe(3);
    const none = await json(await listReleasesRoute(req('/api/v1/releases?status=closed&owner=' + owner.id, { token: rmToken }), noParams));
    expect(none.items).toEqual([]);
  });

  it('refuses bad query parameters with field errors', async () => {
    const res = await listReleasesRoute(req('/api/v1/releases?status=bogus&page=-1&pageSize=1000&environment=BAD!&unknown=1', { token: rmToken }), noParams);
    expect(res.status).toBe(400);
    const body = await json(res);
    expect(Object.keys(body.error.fieldErrors).sort()).toEqual(expect.arrayContaining(['environment', 'page', 'pageSize', 'status.0']));
  });

  it('refuses a cursor it did not write, or one written for another sort', async () => {
    await makeRelease(h.prisma);
    await makeRelease(h.prisma);
    const first = await json(await listReleasesRoute(req('/api/v1/releases?pageSize=1', { token: rmToken }), noParams));
    expect(first.nextCursor).toEqual(expect.any(String));
    const forged = (c: unknown) => `cursor=${Buffer.from(JSON.stringify(c)).toString('base64url')}`;
    for (const qs of [
      'cursor=garbage',
      forged({ s: 'newest' }),
      forged({ s: 'newest', r: 0, p: null, n: 1e20 }),
      `${forged({ s: 'planned_asc', r: 0, p: '-271821-04-20T00:00:00.000Z', n: 1 })}&sort=planned_asc`,
      forged({ s: 'newest', r: -1, p: null, n: 1 }),
      `cursor=${first.nextCursor}&sort=planned_asc`,
    ]) {
      const res = await listReleasesRoute(req(`/api/v1/releases?${qs}`, { token: rmToken }), noParams);
      expect(res.status).toBe(400);
      expect((await json(res)).error.fieldErrors).toHaveProperty('cursor');
    }
  });
});

describe('GET /api/v1/releases/{key}', () => {
  it('answers the release with its package, gates and risks', async () => {
    const r = await readyRelease(h.prisma);
    const res = await getReleaseRoute(req(`/api/v1/releases/${r.key}`, { token: rmToken }), keyParams(r.key));
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body.release).toMatchObject({ key: r.key, status: 'draft', version: r.version });
    expect(body.package.items).toHaveLength(1);
    expect(body.package.sealedDigest).toMatch(/^[0-9a-f]{64}$/);
    expect(body.gates.transitions.map((t: { to: string; allowed: boolean }) => [t.to, t.allowed])).toEqual([
      ['submitted', true],
      ['cancelled', true],
    ]);
    expect(body.risks).toMatchObject({ noKnownRisks: true, items: [] });
    expect(body.deployments).toEqual([]);
  });

  it('answers 404 JSON for unknown or malformed keys', async () => {
    for (const key of ['REL-999999', 'nonsense', 'REL-0', '%00']) {
      const res = await getReleaseRoute(req(`/api/v1/releases/${encodeURIComponent(key)}`, { token: rmToken }), keyParams(key));
      expect(res.status).toBe(404);
      expect((await json(res)).error.code).toBe('not_found');
    }
  });
});

describe('POST /api/v1/releases/{key}/transitions', () => {
  it('submits, refuses with gates (422), and refuses stale versions (409)', async () => {
    const blocked = await makeRelease(h.prisma);
    const bkey = releaseKey(blocked.number);
    const refused = await postTransition(
      req(`/api/v1/releases/${bkey}/transitions`, { token: rmToken, body: { to: 'submitted', version: blocked.version } }),
      keyParams(bkey),
    );
    expect(refused.status).toBe(422);
    const rb = await json(refused);
    expect(rb.error.code).toBe('gates');
    expect(rb.error.gates.filter((g: { passed: boolean }) => !g.passed).length).toBeGreaterThanOrEqual(4);

    const r = await readyRelease(h.prisma);
    const ok = await postTransition(
      req(`/api/v1/releases/${r.key}/transitions`, { token: rmToken, body: { to: 'submitted', version: r.version } }),
      keyParams(r.key),
    );
    expect(ok.status).toBe(200);
    expect(await json(ok)).toMatchObject({ key: r.key, from: 'draft', to: 'submitted', version: r.version + 1 });
    const stale = await postTransition(
      req(`/api/v1/releases/${r.key}/transitions`, { token: rmToken, body: { to: 'cancelled', version: r.version, reason: 'x' } }),
      keyParams(r.key),
    );
    expect(stale.status).toBe(409);
    expect((await json(stale)).error.code).toBe('stale');
    const noReason = await postTransition(
      req(`/api/v1/releases/${r.key}/transitions`, { token: rmToken, body: { to: 'cancelled', version: r.version + 1 } }),
      keyParams(r.key),
    );
    expect(noReason.status).toBe(400);
    expect((await json(noReason)).error.fieldErrors.reason).toBeDefined();
  });

  it('never answers 500 for hostile bodies', async () => {
    const r = await makeRelease(h.prisma);
    const key = releaseKey(r.number);
    const bodies: unknown[] = [
      null,
      'str',
      42,
      { to: null },
      { to: 'submitted', version: 'NaN' },
      { to: 'submitted', version: 1e308 },
      { to: { $ne: 1 }, version: [] },
      { to: 'cancelled', version: 1, reason: 'a\u0000b' },
      { to: 'x'.repeat(10_000) },
    ];
    for (const body of bodies) {
      const res = await postTransition(req(`/api/v1/releases/${key}/transitions`, { token: rmToken, body }), keyParams(key));
      expect(res.status, JSON.stringify(body)).toBeGreaterThanOrEqual(400);
      expect(res.status, JSON.stringify(body)).toBeLessThan(500);
    }
  });
});

describe('no input yields a 500', () => {
  it('for any JSON body sent to the write endpoints', async () => {
    const r = await makeRelease(h.prisma);
    const key = releaseKey(r.number);
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ maxDepth: 3 }), async (body) => {
        const t = await postTransition(req(`/api/v1/releases/${key}/transitions`, { token: rmToken, body }), keyParams(key));
        expect(t.status).toBeLessThan(500);
        const b = await postBuild(req('/api/v1/builds', { token: rmToken, body }), noParams);
        expect(b.status).toBeLessThan(500);
      }),
      { numRuns: 40 },
    );
  });

  it('for any query string or path key', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 60 }), fc.string({ maxLength: 30 }), async (query, key) => {
        const list = await listReleasesRoute(req(`/api/v1/releases?${encodeURI(query).replace(/#/g, '%23')}`, { token: rmToken }), noParams);
        expect(list.status).toBeLessThan(500);
        const one = await getReleaseRoute(req(`/api/v1/releases/x`, { token: rmToken }), keyParams(key));
        expect(one.status).toBeLessThan(500);
      }),
      { numRuns: 40 },
    );
  });
});

describe('GET /api/v1/openapi.json', () => {
  it('is public and describes every endpoint from the zod schemas', async () => {
    const res = await openApiRoute(req('/api/v1/openapi.json'), noParams);
    expect(res.status).toBe(200);
    const doc = await json(res);
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths).sort()).toEqual([
      '/api/v1/builds',
      '/api/v1/calendar.ics',
      '/api/v1/deployments',
      '/api/v1/deployments/{id}',
      '/api/v1/deployments/{id}/verifications',
      '/api/v1/environments',
      '/api/v1/metrics/dora',
      '/api/v1/openapi.json',
      '/api/v1/releases',
      '/api/v1/releases/{key}',
      '/api/v1/releases/{key}/approvals',
      '/api/v1/releases/{key}/backout',
      '/api/v1/releases/{key}/comments',
      '/api/v1/releases/{key}/gate',
      '/api/v1/releases/{key}/schedule',
      '/api/v1/releases/{key}/schedule/acknowledgements',
      '/api/v1/releases/{key}/schedule/slots',
      '/api/v1/releases/{key}/transitions',
      '/api/v1/trains',
      '/api/v1/webhooks',
      '/api/v1/webhooks/{id}',
    ]);
    // the events Relm sends to registered endpoints, with their body
    expect(Object.keys(doc.webhooks)).toEqual(expect.arrayContaining(['release.deployed', 'approval.requested', 'deployment.failed']));
    expect(doc.components.schemas.WebhookEvent.properties.data.required).toEqual(['releaseKey', 'releaseTitle', 'status', 'environment', 'link']);
    expect(doc.paths['/api/v1/webhooks'].post.requestBody.content['application/json'].schema).toBeDefined();
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
    // a gate's words: why/fix as messages of the gates catalogue (docs/decisions/058)
    expect(doc.components.schemas.Gate.properties.words.properties.why).toEqual({ $ref: '#/components/schemas/MessageRef' });
    expect(doc.components.schemas.MessageRef.required).toEqual(['key']);
    const build = doc.paths['/api/v1/builds'].post.requestBody.content['application/json'].schema;
    expect(build.required).toEqual(expect.arrayContaining(['component', 'version', 'artifactDigest']));
    const transition = doc.paths['/api/v1/releases/{key}/transitions'].post.requestBody.content['application/json'].schema;
    expect(transition.properties.to.enum).toContain('submitted');
    expect(doc.paths['/api/v1/releases'].get.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['status', 'environment', 'owner', 'q', 'page', 'cursor']),
    );
    const list = doc.paths['/api/v1/releases'].get.responses['200'];
    expect(list.headers.Link).toBeDefined();
    expect(doc.components.schemas.ReleaseList.properties).toHaveProperty('nextCursor');
    expect(doc.components.schemas.Error).toBeDefined();
    expect(doc.components.schemas.Gate).toBeDefined();
    // every $ref resolves inside the document
    const refs = JSON.stringify(doc).match(/"\$ref":"[^"]+"/g) ?? [];
    for (const ref of refs) {
      const name = /#\/components\/schemas\/([^"]+)/.exec(ref)?.[1];
      expect(name && doc.components.schemas[name], ref).toBeTruthy();
    }
  });
});
