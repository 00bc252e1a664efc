import crypto from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installDbHandle, openDatabase, type DbHandle } from '@/lib/server/db';
import { applyMigrations, readMigrations, type SqlRunner } from '@/lib/server/migrate';
import { databaseGrantsSql, serverRolesSql, type RoleNames } from '@/lib/server/db-roles';
import { verifyChain } from '@/lib/server/audit';
import { createTeam } from '@/lib/server/teams';
import { startEngine } from '@/lib/server/jobs/engine';
import { seedDemo } from '@/prisma/seed';
import { makeUser, uid } from '../support/factories';
import { onPostgres } from '../support/db';

// The least-privilege setup of README.md ("PostgreSQL with least privilege"), as
// `npm run db:roles` prints it: a migration role owns the schema, the server runs as a role
// that only reads and writes rows. Against it, the audit trail's triggers cannot be
// switched off or dropped. On PostgreSQL each role logs in over its own connection; on
// the embedded PGlite (one session) the same SQL runs and the session SETs ROLE.

const suffix = crypto.randomBytes(4).toString('hex');
const names: RoleNames = onPostgres()
  ? { database: `relm_roles_${suffix}`, owner: `relm_owner_${suffix}`, runtime: `relm_app_${suffix}` }
  : { database: 'postgres', owner: `relm_owner_${suffix}`, runtime: `relm_app_${suffix}` };

/** The statements of a printed script, one by one (CREATE DATABASE refuses to run inside a multi-statement string). */
const statements = (sql: string) =>
  sql
    .split('\n')
    .filter((l) => !l.startsWith('--') && !l.startsWith('\\'))
    .join('\n')
    .split(/;\s*\n/)
    .map((s) => s.trim())
    .filter(Boolean);

// the roles log in with a password of their own (whatever the server's authentication: trust, scram)
const password = crypto.randomBytes(12).toString('hex');

const withUser = (url: string, user: string, database?: string) => {
  const u = new URL(url);
  u.username = user;
  u.password = user === names.owner || user === names.runtime ? password : u.password;
  if (database) u.pathname = `/${database}`;
  return u.toString();
};

function clientRunner(client: pg.Client): SqlRunner {
  return {
    exec: async (sql) => {
      await client.query(sql);
    },
    query: async <T>(sql: string, params?: unknown[]) => (await client.query(sql, params)).rows as T[],
  };
}

let runtime: DbHandle;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (serverUrl) {
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    for (const s of statements(serverRolesSql(names))) await admin.query(s);
    for (const role of [names.owner, names.runtime]) await admin.query(`ALTER ROLE ${role} PASSWORD '${password}'`);
    await admin.end();
    const adminInDb = new pg.Client({ connectionString: withUser(serverUrl, decodeURIComponent(new URL(serverUrl).username) || 'postgres', names.database) });
    await adminInDb.connect();
    for (const s of statements(databaseGrantsSql(names))) await adminInDb.query(s);
    await adminInDb.end();
    // npm run db:migrate, as the owner
    const owner = new pg.Client({ connectionString: withUser(serverUrl, names.owner, names.database) });
    await owner.connect();
    await applyMigrations(clientRunner(owner), { lock: true });
    await owner.end();
    // npm start as the runtime role: migrate: true finds nothing to do and tries no DDL
    runtime = await openDatabase({ kind: 'postgres', url: withUser(serverUrl, names.runtime, names.database) }, { migrate: true });
    cleanup = async () => {
      await runtime.close();
      const a = new pg.Client({ connectionString: serverUrl });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${names.database} WITH (FORCE)`);
      await a.query(`DROP ROLE IF EXISTS ${names.runtime}`);
      await a.query(`DROP ROLE IF EXISTS ${names.owner}`);
      await a.end();
    };
  } else {
    runtime = await openDatabase({ kind: 'memory' }, { migrate: false });
    for (const s of statements(serverRolesSql(names))) if (!s.startsWith('CREATE DATABASE')) await runtime.runner.exec(s);
    // the owner of the (already existing) database: may create the schema's objects and extensions
    await runtime.runner.exec(`GRANT CREATE ON DATABASE postgres TO ${names.owner}`);
    for (const s of statements(databaseGrantsSql(names))) await runtime.runner.exec(s);
    await runtime.runner.exec(`SET ROLE ${names.owner}`);
    await applyMigrations(runtime.runner, { lock: false });
    await runtime.runner.exec(`SET ROLE ${names.runtime}`);
    cleanup = () => runtime.close();
  }
  installDbHandle(runtime);
  const [who] = await runtime.runner.query<{ current_user: string }>('SELECT current_user');
  expect(who!.current_user).toBe(names.runtime);
}, 180_000);

afterAll(async () => {
  await cleanup?.();
});

/** The error a statement fails with, as the runtime role. */
async function refusal(sql: string): Promise<string> {
  const err = await runtime.runner.exec(sql).then(
    () => null,
    (e: unknown) => e as Error,
  );
  expect(err, `${sql} should have been refused`).not.toBeNull();
  return err!.message;
}

describe('PostgreSQL with a migration role and a runtime role', () => {
  it('lets the runtime role do what Relm does: seed the empty database (npm start), mutations with their audit events', async () => {
    const seeded = await seedDemo(runtime.prisma);
    expect(seeded.created).toBe(true);
    const before = await verifyChain(runtime.prisma);
    expect(before).toMatchObject({ ok: true, keyedFrom: '1' });
    const admin = (await makeUser(runtime.prisma, ['admin'])).actor;
    const id = uid();
    const r = await createTeam.as(admin)({ name: `Team ${id}`, slug: `team-${id}`, description: 'Least privilege' });
    expect(r.ok).toBe(true);
    expect(await verifyChain(runtime.prisma)).toMatchObject({ ok: true, checked: before.checked + 1, headSeq: String(BigInt(before.headSeq) + 1n) });
  });

  it('refuses the runtime role every way around the audit triggers', async () => {
    const notOwner = /must be owner of (table|relation|function)/;
    expect(await refusal(`ALTER TABLE "AuditEvent" DISABLE TRIGGER ALL`)).toMatch(notOwner);
    expect(await refusal(`ALTER TABLE "AuditEvent" DISABLE TRIGGER USER`)).toMatch(notOwner);
    expect(await refusal(`ALTER TABLE "AuditChainHead" DISABLE TRIGGER relm_audit_head_guard`)).toMatch(notOwner);
    expect(await refusal(`DROP TRIGGER relm_audit_append_only ON "AuditEvent"`)).toMatch(notOwner);
    expect(await refusal(`DROP FUNCTION relm_refuse_audit_change() CASCADE`)).toMatch(notOwner);
    expect(await refusal(`CREATE OR REPLACE FUNCTION relm_guard_audit_head() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$`)).toMatch(
      /permission denied for schema public|must be owner of function/,
    );
    expect(await refusal(`ALTER TABLE "AuditEvent" OWNER TO ${names.runtime}`)).toMatch(notOwner);
    expect(await refusal(`SET session_replication_role = replica`)).toMatch(/permission denied to set parameter/);
    expect(await refusal(`UPDATE "AuditEvent" SET "actorLabel" = 'nobody' WHERE seq = 1`)).toMatch(/audit events are append-only/);
    expect(await refusal(`DELETE FROM "AuditEvent" WHERE seq = 1`)).toMatch(/audit events are append-only/);
    expect(await refusal(`TRUNCATE "AuditEvent"`)).toMatch(/permission denied for table AuditEvent/);
    expect(await refusal(`UPDATE "AuditChainHead" SET seq = 1, hash = (SELECT hash FROM "AuditEvent" WHERE seq = 1) WHERE id = 1`)).toMatch(
      /only moves forward/,
    );
    expect(await refusal(`DELETE FROM "AuditChainHead"`)).toMatch(/cannot be removed/);
    expect(await refusal(`CREATE TABLE "Shadow" (x int)`)).toMatch(/permission denied for schema public/);
    expect(await verifyChain(runtime.prisma)).toMatchObject({ ok: true });
  });

  it('refuses a pending migration as the runtime role, and says which role runs them', async () => {
    const pending = { name: '29991231000000_needs_the_owner', sql: 'ALTER TABLE "Team" ADD COLUMN "shadow" TEXT;', checksum: 'x'.repeat(64) };
    const err = await applyMigrations(runtime.runner, { lock: onPostgres(), migrations: [...readMigrations(), pending] }).then(
      () => null,
      (e: unknown) => e as Error,
    );
    expect(err?.message).toMatch(
      /^Migration 29991231000000_needs_the_owner failed: must be owner of table Team\. This database role may not change the schema/,
    );
  });

  // PostgreSQL only: the job engine opens connections of its own as the runtime role (on PGlite it shares the one session)
  if (onPostgres()) {
    it('lets the runtime role run the job engine in a schema of its own', async () => {
      const engine = await startEngine(runtime, [], { work: false });
      await engine.stop();
      const [schema] = await runtime.runner.query<{ owner: string }>(`SELECT nspowner::regrole::text AS owner FROM pg_namespace WHERE nspname = 'pgboss'`);
      expect(schema?.owner).toBe(names.runtime);
    });
  }
});
