import { describe, expect, it } from 'vitest';
import { readMigrations } from '@/lib/server/migrate';
import { readiness } from '@/lib/server/health';
import { GET } from '@/app/api/ready/route';
import { withFreshDatabase } from '../support/suite';

// GET /api/ready (issue 17): a replica takes traffic once the database answers and every
// migration it ships is applied; /api/health stays liveness only.

withFreshDatabase(() => undefined);

describe('readiness', () => {
  it('is ready when every migration on disk is applied, and the route answers 200 with the count', async () => {
    const r = await readiness();
    expect(r).toEqual({ ready: true, database: 'ok', pending: [], applied: readMigrations().length });
    const res = await GET();
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.json()).toEqual({ status: 'ready', database: 'ok', migrations: { applied: readMigrations().length, pending: [] } });
  });

  it('is not ready while this version ships a migration the database lacks, and names it', async () => {
    const newer = [...readMigrations(), { name: '20991231000000_from_a_newer_release' }];
    const r = await readiness({ migrations: newer });
    expect(r.ready).toBe(false);
    expect(r.database).toBe('ok');
    expect(r.pending).toEqual(['20991231000000_from_a_newer_release']);
  });
});
