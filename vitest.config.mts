import { defineConfig } from 'vitest/config';
import path from 'node:path';

const alias = {
  '@': path.resolve(import.meta.dirname),
  // `server-only` throws outside React Server Components; tests are the server.
  'server-only': path.resolve(import.meta.dirname, 'tests/support/empty.ts'),
  // next-intl outside Next.js: server code (getTranslations, getFormatter) runs next-intl's
  // React Server Components build, configured by tests/support/intl-config.ts instead of a
  // request (i18n/request.ts); client components get their messages from the provider that
  // tests/support/render.ts puts around what it renders
  'next-intl/server': path.resolve(import.meta.dirname, 'node_modules/next-intl/dist/esm/development/server.react-server.js'),
  'next-intl/config': path.resolve(import.meta.dirname, 'tests/support/intl-config.ts'),
};

// The integration project's settings, shared by its two halves below.
const integration = {
  include: ['tests/integration/**/*.test.ts'],
  environment: 'node' as const,
  // migrates once; each file copies the result (tests/support/db.ts)
  globalSetup: ['tests/support/global-setup.ts'],
  setupFiles: ['tests/support/integration-setup.ts'],
  testTimeout: 60_000,
  hookTimeout: 120_000,
  // each file opens its own database; two cores, so two at a time
  maxWorkers: 2,
  // next-auth imports 'next/server' without an extension, which Node's own loader refuses;
  // through Vite it resolves (sessions.test.ts drives the real auth() with a cookie)
  // next-intl goes through Vite too, so that its own import of next-intl/config meets the alias above
  server: { deps: { inline: ['next-auth', 'next-intl', 'use-intl'] } },
};
// Files that need a module graph of their own: cli.test.ts sets RELM_DATA_DIR before
// lib/server reads it; the authorization matrices check that the mutation registry holds
// exactly lib/server's mutations, and audit.test.ts registers test mutations of its own;
// release-parts.test.ts replaces React's cache() (a memo per simulated request);
// sessions.test.ts replaces next/headers to send a kept cookie to the real auth().
const ISOLATED = [
  'tests/integration/cli.test.ts',
  'tests/integration/authorization-matrix.test.ts',
  'tests/integration/authorization-matrix-clock.test.ts',
  'tests/integration/audit.test.ts',
  'tests/integration/release-parts.test.ts',
  'tests/integration/sessions.test.ts',
];

export default defineConfig({
  test: {
    // `npm run coverage`: how much of the pure rules the unit tests exercise
    coverage: { provider: 'v8', include: ['lib/domain/**'], reporter: ['text'] },
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts', 'lib/**/*.test.ts'],
          environment: 'node',
          // a guard against hangs, not a speed limit: property tests on a busy two-core
          // machine exceed the default 5 s; speed is measured by npm run bench
          testTimeout: 60_000,
          // pure functions: files may share a worker's loaded modules
          isolate: false,
        },
      },
      {
        resolve: { alias },
        test: {
          ...integration,
          name: 'integration',
          exclude: ISOLATED,
          // Files share a worker's loaded modules (Prisma client, PGlite's WebAssembly,
          // lib/server) instead of loading them again per file: the suite takes half the
          // time. Nothing carries over that matters: each file opens its own database and
          // the setup file puts the clock back on the wall clock.
          isolate: false,
        },
      },
      {
        resolve: { alias },
        // the ISOLATED files above: each gets a fresh module graph
        test: { ...integration, name: 'integration-isolated', include: ISOLATED, isolate: true },
      },
      {
        resolve: { alias },
        // two production servers behind a proxy on one PostgreSQL (tests/replicas): needs
        // TEST_DATABASE_URL and a build, so scripts/test-all.sh runs it after `next build`
        test: {
          name: 'replicas',
          include: ['tests/replicas/**/*.test.ts'],
          environment: 'node',
          setupFiles: ['tests/support/integration-setup.ts'],
          testTimeout: 180_000,
          hookTimeout: 300_000,
          server: integration.server,
        },
      },
    ],
  },
});
