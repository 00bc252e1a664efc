import crypto from 'node:crypto';
import { resetClock } from '@/lib/server/clock';
import { setTestLocale } from './intl-config';

// Integration tests run lib/server directly, outside a Next.js request.
process.env.NEXT_TELEMETRY_DISABLED = '1';
process.env.AUTH_SECRET ??= 'integration-tests-secret-integration-tests-secret';
// the audit key and the checkpoint signing key come from the environment, never from ./data
process.env.RELM_AUDIT_KEY ??= 'integration-tests-audit-key-integration-tests-audit-key';
process.env.RELM_AUDIT_SIGNING_KEY ??= crypto.generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
delete process.env.DATABASE_URL;
// Tests move lib/server's clock instead of sleeping (tests/support/clock.ts).
process.env.RELM_TEST_CLOCK = '1';

// Files share a worker (isolate: false in vitest.config.mts): each starts on the wall
// clock whatever the file before it did; each opens its own database (freshDatabase).
resetClock();
// and in English, in UTC, whatever language the file before it chose (tests/support/intl-config.ts)
setTestLocale('en');
