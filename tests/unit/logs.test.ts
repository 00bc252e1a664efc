import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { routeMatcher } from '@/lib/domain/route-template';
import { createLogger, logFormatFrom, REQUEST_ID_HEADER, scrub, servedRequest, useLoggerForTests, withRequestLog } from '@/lib/server/log';

// The log (issue 17 point 4, docs/decisions/063-logs.md): one JSON line per request, written by
// the middleware our server puts in front of Next.js, with no secret from the request in it.

const SECRET = 'query-secret-0123456789';
const TOKEN = `relm_AbCd1234_${'x'.repeat(43)}`;

/** A logger into memory, and its lines parsed. */
function memoryLogger(level = 'info') {
  const raw: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, cb) {
      raw.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      cb();
    },
  });
  const logger = createLogger({ level, destination });
  return { logger, raw, lines: () => raw.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

let server: http.Server;
let port: number;
let memory: ReturnType<typeof memoryLogger>;
let restore: () => void;
/** what the stand-in for Next.js saw of each request */
const seen: { header: string | undefined; servedId: string | undefined }[] = [];

const route = routeMatcher(['/', '/api/unsubscribe', '/releases/[key]', '/api/v1/releases/[key]']);

beforeAll(async () => {
  server = http.createServer(
    withRequestLog(route, (req, res) => {
      // the stand-in app: reads the id as the app does, and says who is acting, as it does
      const served = servedRequest(req.headers);
      seen.push({ header: req.headers[REQUEST_ID_HEADER] as string | undefined, servedId: served?.requestId });
      if (served && req.headers.authorization) served.userId = 'user-1';
      const url = req.url ?? '/';
      if (url.startsWith('/boom')) {
        res.statusCode = 500;
        res.end('Internal error');
      } else if (url.startsWith('/missing')) {
        res.statusCode = 404;
        res.end('not found');
      } else {
        res.statusCode = 200;
        res.end('ok');
      }
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

afterEach(() => {
  restore?.();
  seen.length = 0;
});

function use(level = 'info') {
  memory = memoryLogger(level);
  restore = useLoggerForTests(memory.logger);
}

async function get(target: string, headers: Record<string, string> = {}) {
  const res = await fetch(`http://127.0.0.1:${port}${target}`, { headers });
  await res.text();
  // the line is written when the response closes, as the request stops being served: wait for that
  const served = new Headers({ [REQUEST_ID_HEADER]: res.headers.get('x-request-id') ?? '' });
  for (let i = 0; i < 1000 && servedRequest(served); i++) await new Promise((r) => setImmediate(r));
  expect(servedRequest(served)).toBeUndefined();
  return res;
}

describe('the request line', () => {
  it('has the method, route template, status, duration, request id and user, and no secret of the request', async () => {
    use();
    const res = await get(`/api/unsubscribe?token=${SECRET}&d=1`, {
      authorization: `Bearer ${TOKEN}`,
      cookie: `authjs.session-token=${SECRET}-cookie`,
      'x-request-id': 'caller-id-1',
    });
    expect(res.status).toBe(200);
    const lines = memory.lines();
    expect(lines).toHaveLength(1);
    const line = lines[0]!;
    expect(line).toMatchObject({
      level: 'info',
      method: 'GET',
      route: '/api/unsubscribe',
      status: 200,
      requestId: res.headers.get('x-request-id'),
      userId: 'user-1',
      clientRequestId: 'caller-id-1',
      msg: 'GET /api/unsubscribe 200',
    });
    expect(typeof line.durationMs).toBe('number');
    expect(line.requestId).toMatch(/^[0-9a-f]{16}$/);
    expect(typeof line.time).toBe('string');
    // the app saw the same id, in the header our server set
    expect(seen[0]).toEqual({ header: line.requestId, servedId: line.requestId });
    const text = memory.raw.join('\n');
    for (const secret of [SECRET, TOKEN, 'Bearer', 'authjs', 'token=']) expect(text).not.toContain(secret);
  });

  it('names a path with ids by its template, and an unknown path "other", never the path itself', async () => {
    use();
    await get('/releases/REL-42?q=abc');
    expect(memory.lines()[0]).toMatchObject({ route: '/releases/[key]', status: 200, userId: null });
    memory.raw.length = 0;
    await get('/missing/secret-looking-path');
    expect(memory.lines()[0]).toMatchObject({ route: 'other', status: 404, level: 'info' });
    expect(memory.raw.join('\n')).not.toContain('secret-looking-path');
  });

  it('writes a server error at level error', async () => {
    use();
    const res = await get('/boom');
    expect(memory.lines()[0]).toMatchObject({ level: 'error', status: 500, requestId: res.headers.get('x-request-id') });
  });

  it('never takes the id from the client: its x-request-id or a made-up internal header', async () => {
    use();
    const res = await get('/', { 'x-request-id': 'aaaaaaaaaaaaaaaa', [REQUEST_ID_HEADER]: 'bbbbbbbbbbbbbbbb' });
    const id = res.headers.get('x-request-id')!;
    expect(id).not.toBe('aaaaaaaaaaaaaaaa');
    expect(id).not.toBe('bbbbbbbbbbbbbbbb');
    expect(seen[0]).toEqual({ header: id, servedId: id });
    // outside a request being served, a header naming an id is not believed
    expect(servedRequest(new Headers({ [REQUEST_ID_HEADER]: id }))).toBeUndefined();
  });

  it('keeps successful static files out of the log unless the level is debug', async () => {
    use();
    await get('/_next/static/chunks/app.js');
    expect(memory.raw).toEqual([]);
    restore();
    use('debug');
    await get('/_next/static/chunks/app.js');
    expect(memory.lines()[0]).toMatchObject({ level: 'debug', route: '/_next/*', status: 200 });
  });
});

describe('the logger', () => {
  it('redacts credentials and secrets in any logged object, a few levels deep', () => {
    use();
    memory.logger.info(
      {
        headers: { authorization: 'Bearer abc', cookie: 'sid=1', 'set-cookie': ['sid=2'], accept: 'text/html' },
        req: { headers: { authorization: 'Basic Zm9vOmJhcg==' } },
        input: { password: 'hunter2', name: 'Ada', nested: { token: 'tok-1', clientSecret: 'cs-1' } },
        token: 'tok-2',
      },
      'something happened',
    );
    const text = memory.raw.join('\n');
    for (const secret of ['abc', 'sid=1', 'sid=2', 'Zm9vOmJhcg', 'hunter2', 'tok-1', 'cs-1', 'tok-2']) expect(text).not.toContain(secret);
    const line = memory.lines()[0]!;
    expect(line).toMatchObject({ headers: { accept: 'text/html', authorization: '[Redacted]' }, input: { name: 'Ada', password: '[Redacted]' } });
  });

  it('logs an error with its type, message and stack, secrets scrubbed from them', () => {
    use();
    const err = Object.assign(new Error(`GET https://relm.example.com/feed.ics?token=${SECRET} failed with Bearer ${TOKEN}`), { digest: '12345' });
    memory.logger.error({ err, requestId: 'r1' }, 'failed');
    const line = memory.lines()[0]!;
    expect(line).toMatchObject({ level: 'error', requestId: 'r1', err: { type: 'Error', digest: '12345' } });
    expect(String((line.err as { stack: string }).stack)).toContain('failed with Bearer [Redacted]');
    expect(memory.raw.join('\n')).not.toContain(SECRET);
    expect(memory.raw.join('\n')).not.toContain(TOKEN);
  });

  it('scrubs bearer credentials, API tokens, secret query values and URL passwords from text', () => {
    expect(scrub(`Authorization: Bearer ${TOKEN}`)).toBe('Authorization: Bearer [Redacted]');
    expect(scrub(`token ${TOKEN} leaked`)).toBe('token relm_[Redacted] leaked');
    expect(scrub('/api/unsubscribe?d=1&token=abc.def&x=2')).toBe('/api/unsubscribe?d=1&token=[Redacted]&x=2');
    expect(scrub('postgresql://relm:pw-123@db:5432/relm')).toBe('postgresql://relm:[Redacted]@db:5432/relm');
    expect(scrub('GET /releases/REL-1 200')).toBe('GET /releases/REL-1 200');
  });

  it('is pretty only in development on a terminal, or when RELM_LOG_FORMAT says so', () => {
    expect(logFormatFrom({ NODE_ENV: 'production' }, true)).toBe('json');
    expect(logFormatFrom({ NODE_ENV: 'development' }, true)).toBe('pretty');
    expect(logFormatFrom({ NODE_ENV: 'development' }, false)).toBe('json');
    expect(logFormatFrom({ NODE_ENV: 'production', RELM_LOG_FORMAT: 'pretty' }, false)).toBe('pretty');
    expect(logFormatFrom({ RELM_LOG_FORMAT: 'json' }, true)).toBe('json');
  });

  it('writes nothing below its level', () => {
    use('warn');
    memory.logger.info('quiet');
    memory.logger.warn('heard');
    expect(memory.lines().map((l) => l.msg)).toEqual(['heard']);
  });
});
