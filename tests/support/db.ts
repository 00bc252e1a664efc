import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { openDatabase, installDbHandle, type DbHandle } from '@/lib/server/db';

/**
 * A fresh, migrated database for one test file: in-memory PGlite by default, or a
 * new database on the PostgreSQL server named by TEST_DATABASE_URL (dropped on
 * close). It also becomes the database lib/server uses.
 *
 * The integration project's globalSetup (tests/support/global-setup.ts) migrates
 * once; each call copies that snapshot (PGlite: loads its tarball; PostgreSQL:
 * CREATE DATABASE ... TEMPLATE). `fromScratch` applies every migration to an
 * empty database instead, for the tests of the migrations themselves; so does
 * every call when no snapshot was provided.
 */
export async function freshDatabase(opts: { fromScratch?: boolean } = {}): Promise<DbHandle> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const snapshot = opts.fromScratch ? '' : inject('relmPgliteSnapshot');
    const handle = snapshot
      ? await openDatabase({ kind: 'memory' }, { migrate: false, loadDataDir: new Blob([fs.readFileSync(snapshot)]) })
      : await openDatabase({ kind: 'memory' }, { migrate: true });
    installDbHandle(handle);
    return handle;
  }
  const template = opts.fromScratch ? '' : inject('relmPgTemplate');
  const name = `relm_test_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(template ? `CREATE DATABASE ${name} TEMPLATE ${template}` : `CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ kind: 'postgres', url: url.toString() }, { migrate: !template });
  // each test database keeps its audit checkpoints apart (lib/server/audit-checkpoints.ts)
  handle.auditCheckpointFile = path.join(os.tmpdir(), `${name}-audit-checkpoints.jsonl`);
  installDbHandle(handle);
  return {
    ...handle,
    close: async () => {
      await handle.close();
      fs.rmSync(handle.auditCheckpointFile, { force: true });
      const a = new pg.Client({ connectionString: serverUrl });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}

export const onPostgres = () => Boolean(process.env.TEST_DATABASE_URL);
