import { defineConfig } from '@playwright/test';
import os from 'node:os';
import path from 'node:path';

// End-to-end tests drive Debian's Chromium (no browser download here) against a
// production server on a fresh embedded database seeded with the demo organisation.
const port = Number(process.env.E2E_PORT ?? 3210);
const dataDir = process.env.E2E_DATA_DIR ?? path.join(os.tmpdir(), `relm-e2e-${process.ppid}`);
// the server sends e-mail to an SMTP server a spec starts on this port (tests/e2e/helpers.ts
// e2eSmtpPort); until one listens, e-mail is retried as a receiver that is down would be
const smtpPort = Number(process.env.E2E_SMTP_PORT ?? port + 1);
process.env.E2E_SMTP_PORT = String(smtpPort);
// a real OpenID Connect identity provider (tests/e2e/oidc-provider.ts) for single sign-on:
// Relm is configured for it in every spec; password sign-in stays on unless a spec turns it off
const oidcPort = Number(process.env.E2E_OIDC_PORT ?? port + 10);
process.env.E2E_OIDC_PORT = String(oidcPort);

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: [
    {
      command: 'node_modules/.bin/tsx tests/e2e/oidc-provider.ts',
      url: `http://127.0.0.1:${oidcPort}/.well-known/openid-configuration`,
      timeout: 60_000,
      reuseExistingServer: process.env.E2E_REUSE === '1',
      stdout: 'pipe',
      stderr: 'pipe',
      env: { E2E_OIDC_PORT: String(oidcPort), E2E_RELM_URL: `http://127.0.0.1:${port}` },
      gracefulShutdown: { signal: 'SIGTERM', timeout: 5_000 },
    },
    {
      command: `rm -rf "${dataDir}" && node_modules/.bin/tsx scripts/start.ts`,
      url: `http://127.0.0.1:${port}/api/health`,
      timeout: 240_000,
      // E2E_REUSE=1 runs against a server already on E2E_PORT (for iterating on one spec)
      reuseExistingServer: process.env.E2E_REUSE === '1',
      stdout: 'pipe',
      stderr: 'pipe',
      // RELM_TEST_CLOCK: specs move the server's clock (tests/e2e/helpers.ts) instead of waiting
      env: {
        PORT: String(port),
        HOST: '127.0.0.1',
        RELM_DATA_DIR: dataDir,
        NEXT_TELEMETRY_DISABLED: '1',
        DATABASE_URL: '',
        RELM_TEST_CLOCK: '1',
        RELM_SMTP_URL: `smtp://relm-test-user:relm-test-Pa55word@127.0.0.1:${smtpPort}`,
        RELM_MAIL_FROM: 'Relm <relm@relm.test>',
        RELM_PUBLIC_URL: `http://127.0.0.1:${port}`,
        // the specs' webhook receiver listens on loopback
        RELM_WEBHOOKS_ALLOW_PRIVATE: 'true',
        RELM_OIDC_ISSUER: `http://127.0.0.1:${oidcPort}`,
        RELM_OIDC_CLIENT_ID: 'relm-e2e',
        RELM_OIDC_CLIENT_SECRET: 'relm-e2e-client-secret-not-for-production',
        RELM_OIDC_NAME: 'Acme ID',
      },
      gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
    },
  ],
});
