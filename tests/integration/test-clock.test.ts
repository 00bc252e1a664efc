import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { GET, POST, PUT } from '@/app/api/internal/test-clock/route';
import { clockState, nowMs, resetClock } from '@/lib/server/clock';

// The clock seam: movable in a test process (RELM_TEST_CLOCK=1, set by
// tests/support/integration-setup.ts), immovable anywhere else.

const root = path.resolve(import.meta.dirname, '..', '..');
const post = (body: unknown) =>
  POST(new Request('http://relm.test/api/internal/test-clock', { method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body) }));

afterEach(() => resetClock());

describe('a process started without RELM_TEST_CLOCK', () => {
  it('refuses to move its clock (ClockLockedError), and the endpoint answers 404 to every method', () => {
    // A child process: this one has RELM_TEST_CLOCK=1 and env() is read once per process.
    const script = `
      (async () => {
        const clock = require('./lib/server/clock');
        const route = require('./app/api/internal/test-clock/route');
        const out = { enabled: clock.testClockEnabled() };
        for (const [name, move] of [['setClock', () => clock.setClock({ at: '2030-01-01T00:00:00Z' })], ['advanceClock', () => clock.advanceClock(60000)], ['resetClock', () => clock.resetClock()]]) {
          try { move(); out[name] = 'moved'; } catch (e) { out[name] = e.name; }
        }
        const req = (method, body) => new Request('http://relm.test/api/internal/test-clock', { method, body });
        out.get = route.GET().status;
        out.post = (await route.POST(req('POST', JSON.stringify({ at: '2030-01-01T00:00:00Z' })))).status;
        out.reset = (await route.POST(req('POST', JSON.stringify({ reset: true })))).status;
        out.put = route.PUT().status;
        out.source = clock.clockState().source;
        console.log(JSON.stringify(out));
      })();`;
    const env: NodeJS.ProcessEnv = { ...process.env };
    delete env.RELM_TEST_CLOCK;
    const stdout = execFileSync(path.join(root, 'node_modules', '.bin', 'tsx'), ['--conditions=react-server', '-e', script], {
      cwd: root,
      env,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(JSON.parse(stdout.trim().split('\n').at(-1)!)).toEqual({
      enabled: false,
      setClock: 'ClockLockedError',
      advanceClock: 'ClockLockedError',
      resetClock: 'moved', // back to the wall clock: harmless, so allowed
      get: 404,
      post: 404,
      reset: 404,
      put: 404,
      source: 'wall',
    });
  });
});

describe('the test-clock endpoint in a test process', () => {
  it('tells the clock state', async () => {
    const r = GET();
    expect(r.status).toBe(200);
    expect(await r.json()).toMatchObject({ source: 'wall', frozen: false });
  });

  it('moves the clock to an instant, frozen or running, advances it and resets it', async () => {
    let r = await post({ at: '2026-12-04T19:00:00Z', frozen: true });
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual({ now: '2026-12-04T19:00:00.000Z', source: 'test', frozen: true });
    expect(nowMs()).toBe(Date.parse('2026-12-04T19:00:00Z'));

    r = await post({ advanceMs: 3_600_000 });
    expect(await r.json()).toEqual({ now: '2026-12-04T20:00:00.000Z', source: 'test', frozen: true });

    r = await post({ at: '2026-03-29T00:59:00+00:00' });
    expect(r.status).toBe(200);
    expect(clockState()).toMatchObject({ source: 'test', frozen: false });
    expect(nowMs()).toBeGreaterThanOrEqual(Date.parse('2026-03-29T00:59:00Z'));

    r = await post({ reset: true });
    expect(await r.json()).toMatchObject({ source: 'wall', frozen: false });
    expect(Math.abs(nowMs() - Date.now())).toBeLessThan(1_000);
  });

  it('answers 400 to bad input and leaves the clock alone', async () => {
    for (const body of [
      'not json',
      {},
      { at: 'tomorrow' },
      { at: '2026-12-04' },
      { advanceMs: 'soon' },
      { advanceMs: 1.5 },
      { reset: false },
      { reset: true, at: '2026-12-04T19:00:00Z' },
      { at: '2026-12-04T19:00:00Z', extra: 1 },
      { frozen: true },
    ]) {
      const r = await post(body);
      expect({ body, status: r.status }).toEqual({ body, status: 400 });
      expect((await r.json()).message.length).toBeGreaterThan(0);
    }
    expect(clockState().source).toBe('wall');
    expect(PUT().status).toBe(405);
  });
});
