// compose.yaml's one-shot `migrate` service (README "Running in containers", decision 065).
//
// 1. As PostgreSQL's superuser (DB_ADMIN_URL), makes what `npm run db:roles` prints
//    (lib/server/db-roles.ts) where it is missing: the migration role, the runtime role and
//    Relm's database, owned by the migration role, with the runtime role's grants. Their
//    names and passwords are read from RELM_MIGRATION_DATABASE_URL and DATABASE_URL, and
//    the passwords are set again at every run (change them in .env, then `docker compose up`).
// 2. Prepares the database as `npm start` does (scripts/prepare.ts): the migrations as the
//    owner, under the advisory lock, and the demo organisation into an empty database.
//
// Runs at every `docker compose up`, before the replicas start; each step is idempotent.
// The superuser's URL is not handed on to step 2.
/* eslint-disable no-restricted-syntax -- a deployment script like scripts/**: it reads the container's environment and hands it on */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import pg from 'pg';
import { databaseGrantsSql, serverRolesSql, type RoleNames } from '@/lib/server/db-roles';

const root = path.resolve(__dirname, '..');

function fail(message: string): never {
  console.error(`[relm] db-init: ${message}`);
  process.exit(1);
}

function urlOf(name: string): URL {
  const value = process.env[name]?.trim();
  if (!value) fail(`${name} is not set`);
  try {
    return new URL(value);
  } catch {
    fail(`${name} is not a URL`);
  }
}

/** A role's name and password from its connection URL (passwords of [A-Za-z0-9._~-] need no encoding). */
function credentials(url: URL, name: string): { user: string; password: string } {
  const user = decodeURIComponent(url.username);
  const password = decodeURIComponent(url.password);
  if (!user || !password) fail(`${name} must name a user and a password`);
  return { user, password };
}

/** serverRolesSql, one statement at a time: CREATE DATABASE cannot share a query with others. */
function statements(sql: string): string[] {
  return sql
    .split('\n')
    .filter((line) => !line.trimStart().startsWith('--'))
    .join('\n')
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean);
}

// 42710 duplicate_object (the role exists), 42P04 duplicate_database
const EXISTS = new Set(['42710', '42P04']);

async function main() {
  const admin = urlOf('DB_ADMIN_URL');
  const runtimeUrl = urlOf('DATABASE_URL');
  const ownerUrl = urlOf('RELM_MIGRATION_DATABASE_URL');
  const runtime = credentials(runtimeUrl, 'DATABASE_URL');
  const owner = credentials(ownerUrl, 'RELM_MIGRATION_DATABASE_URL');
  const database = decodeURIComponent(runtimeUrl.pathname.replace(/^\//, ''));
  if (decodeURIComponent(ownerUrl.pathname.replace(/^\//, '')) !== database) {
    fail('DATABASE_URL and RELM_MIGRATION_DATABASE_URL must name the same database');
  }
  const names: RoleNames = { database, owner: owner.user, runtime: runtime.user };

  const server = new pg.Client({ connectionString: admin.toString() });
  await server.connect();
  try {
    for (const statement of statements(serverRolesSql(names))) {
      await server.query(statement).catch((err: { code?: string }) => {
        if (!EXISTS.has(err.code ?? '')) throw err;
      });
    }
    // names were checked by serverRolesSql (plain lower-case identifiers)
    await server.query(`ALTER ROLE ${names.owner} PASSWORD ${server.escapeLiteral(owner.password)}`);
    await server.query(`ALTER ROLE ${names.runtime} PASSWORD ${server.escapeLiteral(runtime.password)}`);
  } finally {
    await server.end();
  }

  const inDatabase = new URL(admin.toString());
  inDatabase.pathname = `/${encodeURIComponent(database)}`;
  const grants = new pg.Client({ connectionString: inDatabase.toString() });
  await grants.connect();
  try {
    await grants.query(databaseGrantsSql(names));
  } finally {
    await grants.end();
  }
  console.info(`[relm] db-init: database ${database} owned by ${names.owner}; the replicas connect as ${names.runtime}`);

  const env = { ...process.env };
  delete env.DB_ADMIN_URL;
  const prepared = spawnSync(path.join(root, 'node_modules', '.bin', 'tsx'), ['--conditions=react-server', path.join(root, 'scripts', 'prepare.ts')], {
    cwd: root,
    env,
    stdio: 'inherit',
  });
  process.exit(prepared.status ?? 1);
}

main().catch((err: unknown) => fail(err instanceof Error ? err.message : String(err)));
