// Gets the database ready: creates the embedded one if needed, applies migrations,
// seeds the demo organisation when the database is empty, and makes sure an
// AUTH_SECRET, the audit key and the checkpoint signing key exist. Run by `npm start` and `npm run dev` before the server.
import {
  auditKeySecret,
  auditSigningKey,
  authSecret,
  configurationProblems,
  databaseTarget,
  dataDir as dataDirOf,
  env,
  migrationTarget,
} from '@/lib/server/env';
import { DatabaseInUseError, openDatabase } from '@/lib/server/db';
import { readMigrations } from '@/lib/server/migrate';
import { seedDemo } from '@/prisma/seed';
import pg from 'pg';

/** PostgreSQL: migrations run as the schema's owner when RELM_MIGRATION_DATABASE_URL names one */
function migrationUrl(): string | undefined {
  const m = migrationTarget();
  return m.kind === 'postgres' ? m.url : undefined;
}

// Any constant will do; it only has to be the same for every Relm process (and differ from the migrations' lock).
const SEED_LOCK_KEY = 7_311_043;

/**
 * PostgreSQL: replicas starting together on an empty database seed it one after the other
 * (docs/decisions/066-replicas.md). The seed's own "is it empty?" check inside its transaction
 * does not see a seed another replica has not committed yet, so without this lock both wrote the
 * demo organisation and the second start failed on a unique key. The lock is a session lock on a
 * connection of its own, held until the seed has committed; the embedded database has one
 * process only.
 */
async function oneAtATime<T>(target: ReturnType<typeof databaseTarget>, fn: () => Promise<T>): Promise<T> {
  if (target.kind !== 'postgres') return fn();
  const client = new pg.Client({ connectionString: target.url });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [SEED_LOCK_KEY]);
    return await fn();
  } finally {
    await client.end();
  }
}

async function main() {
  // a malformed or unknown setting stops the start, one line per setting
  const problems = configurationProblems();
  if (problems.length) {
    console.error(`[relm] The configuration has ${problems.length === 1 ? 'a problem' : `${problems.length} problems`}; nothing was started:`);
    for (const p of problems) console.error(`[relm]   ${p}`);
    process.exit(1);
  }
  authSecret();
  // the audit key and the checkpoint signing key, generated into the data folder when not configured
  auditKeySecret();
  auditSigningKey();
  const target = databaseTarget();
  if (target.kind === 'postgres') {
    // PostgreSQL may have several Relm processes: each keeps a generated secret in its own data
    // folder, so replicas that do not share them sign people out of each other and seal audit
    // events the others cannot verify (README: Deploying several replicas)
    const generated = (['AUTH_SECRET', 'RELM_AUDIT_KEY', 'RELM_AUDIT_SIGNING_KEY'] as const).filter((name) => !env()[name]);
    if (generated.length) {
      console.warn(
        `[relm] ${generated.join(', ')} ${generated.length === 1 ? 'is' : 'are'} not set: kept in ${dataDirOf()}. With more than one Relm process on this database, set ${generated.length === 1 ? 'it' : 'them'} to the same value${generated.length === 1 ? '' : 's'} on every process (README: Deploying several replicas).`,
      );
    }
  }
  const where = target.kind === 'embedded' ? `embedded database in ${target.dir}` : target.kind === 'memory' ? 'in-memory database' : 'PostgreSQL';
  const started = Date.now();
  const handle = await openDatabase(target, { migrate: true, migrateUrl: migrationUrl() });
  try {
    console.info(`[relm] ${where}: ${readMigrations().length} migrations applied (${Date.now() - started} ms)`);
    if (process.argv.includes('--no-seed')) return;
    if (!env().RELM_DEMO_DATA) {
      const people = await handle.prisma.user.count();
      console.info(
        people
          ? '[relm] RELM_DEMO_DATA=false: not seeding the demo organisation'
          : '[relm] RELM_DEMO_DATA=false and nobody can sign in yet: create the first admin with `npm run relm -- user create --email <email> --name <name> --roles admin --password-stdin`',
      );
      return;
    }
    const seeded = await oneAtATime(target, () => seedDemo(handle.prisma));
    console.info(seeded.created ? `[relm] seeded the demo organisation: ${seeded.summary}` : '[relm] database already has data: not seeding');
  } finally {
    await handle.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof DatabaseInUseError ? `[relm] ${err.message}` : err);
  process.exit(1);
});
