import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// The benchmark's diagnostics endpoint: it tells the SQL statement count only in a
// process started with RELM_DIAGNOSTICS=1, and answers 404 to everything anywhere else.
// Child processes, because env() is read once per process.

const root = path.resolve(import.meta.dirname, '..', '..');

function runChild(extraEnv: Record<string, string | undefined>, script: string): Record<string, unknown> {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extraEnv };
  for (const [k, v] of Object.entries(extraEnv)) if (v === undefined) delete env[k];
  const stdout = execFileSync(path.join(root, 'node_modules', '.bin', 'tsx'), ['--conditions=react-server', '-e', script], {
    cwd: root,
    env,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as Record<string, unknown>;
}

const statuses = `
  const route = require('./app/api/internal/diagnostics/route');
  const out = {
    get: route.GET().status,
    post: route.POST().status,
    put: route.PUT().status,
    patch: route.PATCH().status,
    delete: route.DELETE().status,
  };`;

describe('the diagnostics endpoint', () => {
  it('answers 404 to every method in a process started without RELM_DIAGNOSTICS', () => {
    const script = `(async () => {${statuses}
      out.body = await route.GET().json();
      console.log(JSON.stringify(out));
    })();`;
    expect(runChild({ RELM_DIAGNOSTICS: undefined }, script)).toEqual({
      get: 404,
      post: 404,
      put: 404,
      patch: 404,
      delete: 404,
      body: { message: 'Not found.' },
    });
    // set but off is off too
    expect(runChild({ RELM_DIAGNOSTICS: '0' }, script)).toMatchObject({ get: 404, post: 404 });
  });

  it('tells the SQL statements the process has sent when started with RELM_DIAGNOSTICS=1', () => {
    const script = `(async () => {${statuses}
      const { openDatabase } = require('./lib/server/db');
      const read = async () => (await route.GET().json()).sqlStatements;
      out.before = await read();
      const h = await openDatabase({ kind: 'memory' }, { migrate: false });
      await h.prisma.$queryRawUnsafe('SELECT 1');
      await h.prisma.$queryRawUnsafe('SELECT 2');
      out.after = await read();
      await h.close();
      console.log(JSON.stringify(out));
    })();`;
    const out = runChild({ RELM_DIAGNOSTICS: '1' }, script);
    expect(out).toMatchObject({ get: 200, post: 405, put: 405, patch: 405, delete: 405 });
    expect(typeof out.before).toBe('number');
    expect((out.after as number) - (out.before as number)).toBe(2);
  });
});
