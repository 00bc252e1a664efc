// Next.js calls register() once when a server process starts. Under `npm run dev`
// this is how the process that will hold the embedded database registers the
// command channel for `npm run relm` (scripts/start.ts does it for `npm start`;
// docs/decisions/005-api-tokens-and-cli.md).
//
// It reads process.env itself, like scripts/start.ts: lib/server/env.ts imports
// `server-only`, which is not meant for the instrumentation layer. The values and
// defaults are the ones env.ts uses (RELM_DATA_DIR ./data, PORT 3000).
/* eslint-disable no-restricted-syntax */
export async function register() {
  // the documented shape: the bundler drops the node-only import from other runtimes
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    if (process.env.NODE_ENV !== 'development') return;
    // `npm run dev`: the first health check starts the background jobs (lib/server/jobs/runtime.ts),
    // so they run before anyone opens a page (scripts/start.ts does the same for `npm start`)
    if (process.env.RELM_SERVER_PROCESS === '1') {
      setTimeout(() => {
        fetch(`http://127.0.0.1:${Number(process.env.PORT ?? 3000)}/api/health`)
          .then((r) => r.arrayBuffer())
          .catch(() => undefined);
      }, 2000);
    }
    if (process.env.DATABASE_URL?.trim()) return;
    const path = await import('node:path');
    const { writeControlFile } = await import('./lib/server/cli-control');
    try {
      writeControlFile(path.resolve(process.env.RELM_DATA_DIR?.trim() || './data'), Number(process.env.PORT ?? 3000));
    } catch (err) {
      console.warn(`[relm] could not register the command channel for npm run relm: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}
