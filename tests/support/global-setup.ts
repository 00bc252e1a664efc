import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { applyMigrations, PGLITE_EXTENSIONS, type SqlRunner } from '@/lib/server/migrate';

// Vitest globalSetup of the integration project: apply the migrations once, to a
// snapshot every test file copies (docs/decisions/013-test-databases-and-toolchain.md).
// PGlite: a migrated in-memory cluster dumped to a tarball that each file loads.
// PostgreSQL (TEST_DATABASE_URL): a migrated template database each file clones.

declare module 'vitest' {
  export interface ProvidedContext {
    /** path of a migrated PGlite data directory tarball, or '' */
    relmPgliteSnapshot: string;
    /** name of a migrated template database on TEST_DATABASE_URL's server, or '' */
    relmPgTemplate: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  return serverUrl ? postgresTemplate(project, serverUrl) : pgliteSnapshot(project);
}

async function pgliteSnapshot(project: TestProject): Promise<() => Promise<void>> {
  const db = new PGlite({ extensions: PGLITE_EXTENSIONS });
  let file: string;
  try {
    await db.waitReady;
    const runner: SqlRunner = {
      exec: async (sql) => {
        await db.exec(sql);
      },
      query: async <T>(sql: string, params?: unknown[]) => (await db.query<T>(sql, params)).rows,
    };
    await applyMigrations(runner, { lock: false });
    // uncompressed: loading a gzipped one was no faster, and it is a temp file
    const tarball = await db.dumpDataDir('none');
    file = path.join(os.tmpdir(), `relm-pglite-${process.pid}-${crypto.randomBytes(4).toString('hex')}.tar`);
    fs.writeFileSync(file, Buffer.from(await tarball.arrayBuffer()));
  } finally {
    await db.close();
  }
  project.provide('relmPgliteSnapshot', file);
  project.provide('relmPgTemplate', '');
  return async () => fs.rmSync(file, { force: true });
}

async function postgresTemplate(project: TestProject, serverUrl: string): Promise<() => Promise<void>> {
  const name = `relm_template_${crypto.randomBytes(6).toString('hex')}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  const drop = () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin(`CREATE DATABASE ${name}`);
  try {
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    const client = new pg.Client({ connectionString: url.toString() });
    await client.connect();
    try {
      await applyMigrations(
        {
          exec: async (sql) => {
            await client.query(sql);
          },
          query: async <T>(sql: string, params?: unknown[]) => (await client.query(sql, params)).rows as T[],
        },
        { lock: false },
      );
    } finally {
      // CREATE DATABASE ... TEMPLATE refuses a template anyone is connected to
      await client.end();
    }
    // and from here on nobody can connect to it by mistake
    await admin(`ALTER DATABASE ${name} ALLOW_CONNECTIONS false`);
  } catch (err) {
    await drop();
    throw err;
  }
  project.provide('relmPgliteSnapshot', '');
  project.provide('relmPgTemplate', name);
  return drop;
}
