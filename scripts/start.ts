// npm start: build when there is no build, prepare the database (migrate, seed
// when empty), then serve Relm. The server runs in this process so that on
// SIGINT/SIGTERM it can close the embedded database cleanly before exiting.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import next from 'next';
import { refuseRemoteControl, removeControlFile, writeControlFile } from '../lib/server/cli-control';
import { guardServerActions } from './action-guard';
import { guardRequestTargets } from './request-guard';
import { appRouteTemplates, requestTimer } from '../lib/server/prometheus-registry';
import { routeMatcher } from '../lib/domain/route-template';
import { bridgeConsole, log, withRequestLog } from '../lib/server/log';

const root = path.resolve(__dirname, '..');
const bin = (name: string) => path.join(root, 'node_modules', '.bin', name);
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };

function run(cmd: string, args: string[], what: string, extraEnv: Record<string, string> = {}) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...env, ...extraEnv } });
  if (r.status !== 0) {
    console.error(`[relm] ${what} failed (exit ${r.status ?? r.signal}).`);
    process.exit(r.status ?? 1);
  }
}

const trustProxy = /^(1|true)$/.test(process.env.RELM_TRUST_PROXY?.trim() ?? '');

/**
 * Next.js only fills X-Forwarded-For when the client sent none, so a client could
 * name any address and slip past the per-address sign-in limit. Unless a trusted
 * proxy sits in front (RELM_TRUST_PROXY, which must then set the header itself),
 * the address is the socket's, whatever the request claims.
 */
function pinClientAddress(req: http.IncomingMessage) {
  if (trustProxy) return;
  const remote = req.socket.remoteAddress ?? '';
  req.headers['x-forwarded-for'] = remote;
  delete req.headers['x-real-ip'];
}

async function main() {
  // from here on this process writes JSON log lines (lib/server/log.ts), console.* included
  bridgeConsole();
  if (/^(1|true)$/.test(process.env.RELM_TEST_CLOCK?.trim() ?? '')) {
    // Loud on purpose: a clock anyone on /api/internal/test-clock can move is for test servers only.
    console.warn('[relm] ************************************************************************');
    console.warn("[relm] WARNING: RELM_TEST_CLOCK=1: this server's clock can be moved through");
    console.warn('[relm] /api/internal/test-clock. For end-to-end tests only: never on a real server.');
    console.warn('[relm] ************************************************************************');
  }
  if (!fs.existsSync(path.join(root, '.next', 'BUILD_ID')) || process.env.RELM_REBUILD === '1') {
    console.info('[relm] no production build yet: building (takes a minute or two)…');
    run(bin('next'), ['build'], 'next build', { NODE_ENV: 'production' });
  }
  run(bin('tsx'), ['--conditions=react-server', path.join(root, 'scripts', 'prepare.ts')], 'database preparation');

  const port = Number(process.env.PORT ?? 3000);
  const dataDir = path.resolve(process.env.RELM_DATA_DIR?.trim() || './data');
  const embedded = !process.env.DATABASE_URL?.trim();
  const hostname = process.env.HOST;
  // this process serves pages and, unless RELM_JOBS=off, runs the background jobs
  // (lib/server/jobs/runtime.ts starts them when the database opens)
  process.env.RELM_SERVER_PROCESS = '1';
  const app = next({ dev: false, dir: root, port, hostname: hostname ?? 'localhost' });
  await app.prepare();
  const handle = app.getRequestHandler();
  // every request's duration, per route template, for GET /metrics
  const timeRequest = requestTimer(root);
  // one log line per request, named by its route template (docs/decisions/063-logs.md)
  const route = routeMatcher(appRouteTemplates(root));
  const server = http.createServer(
    withRequestLog(
      route,
      guardRequestTargets(
        guardServerActions((req, res) => {
          if (refuseRemoteControl(req, res)) return;
          timeRequest(req, res);
          pinClientAddress(req);
          handle(req, res).catch((err: unknown) => {
            log().error({ err, requestId: res.getHeader('x-request-id') }, 'request failed');
            if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
            res.end('Internal error');
          });
        }),
      ),
    ),
  );
  server.on('error', (err: NodeJS.ErrnoException) => {
    console.error(err.code === 'EADDRINUSE' ? `[relm] port ${port} is in use: set PORT to another port.` : err);
    process.exit(1);
  });
  server.listen(port, hostname, () => {
    console.info(`[relm] ready on http://${hostname && hostname !== '0.0.0.0' ? hostname : 'localhost'}:${port}`);
    // The command line (npm run relm) hands commands to this process while it holds
    // the embedded database (docs/decisions/005-api-tokens-and-cli.md).
    if (embedded) writeControlFile(dataDir, port);
    // open the database now, so the jobs run before anyone visits (the health check opens it)
    fetch(`http://127.0.0.1:${port}/api/health`)
      .then((r) => r.arrayBuffer())
      .catch((err: unknown) => console.warn(`[relm] could not open the database at start: ${err instanceof Error ? err.message : String(err)}`));
  });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.info(`[relm] ${signal}: shutting down`);
    server.close();
    server.closeAllConnections?.();
    if (embedded) removeControlFile(dataDir);
    const closeDb = (globalThis as Record<string, unknown>).__relmCloseDb as (() => Promise<void>) | undefined;
    await closeDb?.().catch((err: unknown) => console.error('[relm] closing the database failed', err));
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
