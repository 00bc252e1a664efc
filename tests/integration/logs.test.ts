import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { routeMatcher } from '@/lib/domain/route-template';
import type { DbHandle } from '@/lib/server/db';
import { defineMutation } from '@/lib/server/action';
import { apiRoute, readJsonObject, resultResponse, type ApiErrorBody } from '@/lib/server/api';
import { createLogger, useLoggerForTests, withRequestLog } from '@/lib/server/log';
import { createTeam } from '@/lib/server/teams';
import { freshDatabase } from '../support/db';
import { eventsOfRequest } from '../support/inspect';
import { makeApiToken, makeUser, uid } from '../support/factories';

// Errors carry the request id the user sees (issue 17 point 4, docs/decisions/063-logs.md): a
// request goes through the same middleware as on our server (scripts/start.ts), then through
// apiRoute and a mutation, over a real socket and a real database. The id in the response (header
// and body) is the one on the error's log line, on the request's line, and in the audit trail.

let h: DbHandle;
let adminId: string;
let token: string;
let server: http.Server;
let port: number;
const raw: string[] = [];
let restore: () => void;

/** A mutation that fails unexpectedly, as a bug or a lost database would make it. */
const failing = defineMutation({
  name: 'test.logs_fail',
  permission: 'team.manage',
  input: z.object({ name: z.string() }),
  async run() {
    throw new Error(`the disk is on fire (while holding ${token})`);
  },
});

const failRoute = apiRoute(async ({ req, actor, meta }) => {
  const result = await failing.as(actor, meta)(await readJsonObject(req));
  return resultResponse(meta.requestId, result, (data) => ({ status: 200, body: data }));
});
const teamRoute = apiRoute(async ({ req, actor, meta }) => {
  const result = await createTeam.as(actor, meta)(await readJsonObject(req));
  return resultResponse(meta.requestId, result, (data) => ({ status: 201, body: data }));
});

/** Next.js's part, reduced to handing the request to a route handler. */
function nextStandIn(req: http.IncomingMessage, res: http.ServerResponse) {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) for (const x of Array.isArray(v) ? v : v === undefined ? [] : [v]) headers.append(k, x);
    const request = new Request(`http://127.0.0.1:${port}${req.url}`, { method: req.method, headers, body: Buffer.concat(chunks) });
    const handler = req.url?.startsWith('/api/v1/teams/fail') ? failRoute : teamRoute;
    void handler(request, { params: Promise.resolve({}) }).then(async (response) => {
      res.statusCode = response.status;
      response.headers.forEach((v, k) => {
        // as Next.js does: a header our server already set is kept
        if (!res.hasHeader(k)) res.setHeader(k, v);
      });
      res.end(Buffer.from(await response.arrayBuffer()));
    });
  });
}

beforeAll(async () => {
  h = await freshDatabase();
  const admin = await makeUser(h.prisma, ['admin']);
  adminId = admin.actor.id!;
  token = await makeApiToken(h.prisma, adminId, ['team.manage']);
  const route = routeMatcher(['/api/v1/teams/fail', '/api/v1/teams']);
  server = http.createServer(withRequestLog(route, nextStandIn));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  const destination = new Writable({
    write(chunk: Buffer, _enc, cb) {
      raw.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      cb();
    },
  });
  restore = useLoggerForTests(createLogger({ level: 'info', destination }));
});

afterEach(() => {
  raw.length = 0;
});

afterAll(async () => {
  restore?.();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await h?.close();
});

async function post(path: string, body: unknown) {
  const res = await fetch(`http://127.0.0.1:${port}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'x-request-id': 'pipeline-run-7' },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as unknown;
  // the request line is written as the response closes on the server's side
  for (let i = 0; i < 1000 && !lines().some((l) => l.status !== undefined); i++) await new Promise((r) => setImmediate(r));
  return { res, json };
}

const lines = () => raw.map((l) => JSON.parse(l) as Record<string, unknown>);

describe('logs of a request through the API', () => {
  it("a failing mutation's error line carries the request id the caller receives, and no token", async () => {
    const { res, json } = await post('/api/v1/teams/fail', { name: 'x' });
    expect(res.status).toBe(500);
    const seen = res.headers.get('x-request-id');
    expect(seen).toMatch(/^[0-9a-f]{16}$/);
    const error = (json as ApiErrorBody).error;
    expect(error.requestId).toBe(seen);
    expect(error.message).toContain(seen);
    expect(error.message).not.toContain('fire');
    // the caller's own id is echoed beside Relm's, never instead of it
    expect(res.headers.get('x-client-request-id')).toBe('pipeline-run-7');

    const failure = lines().find((l) => l.mutation === 'test.logs_fail');
    expect(failure).toMatchObject({ level: 'error', requestId: seen, msg: 'test.logs_fail failed', err: { type: 'Error' } });
    expect((failure!.err as { message: string }).message).toContain('the disk is on fire');
    const request = lines().find((l) => l.status !== undefined);
    expect(request).toMatchObject({
      level: 'error',
      method: 'POST',
      route: '/api/v1/teams/fail',
      status: 500,
      requestId: seen,
      userId: adminId,
      clientRequestId: 'pipeline-run-7',
    });
    expect(raw.join('\n')).not.toContain(token);
  });

  it('a mutation that succeeds is audited under the request id of its response and of its log line', async () => {
    const { res } = await post('/api/v1/teams', { name: `Team ${uid()}`, slug: `team-${uid()}`, description: '' });
    expect(res.status).toBe(201);
    const seen = res.headers.get('x-request-id')!;
    const events = await eventsOfRequest(h.prisma, seen);
    expect(events.map((e) => e.action)).toContain('team.create');
    expect(events.every((e) => e.actorId === adminId && e.clientRequestId === 'pipeline-run-7')).toBe(true);
    expect(lines().find((l) => l.status !== undefined)).toMatchObject({ status: 201, route: '/api/v1/teams', requestId: seen, userId: adminId, level: 'info' });
  });
});
