// Gets the database ready: creates the embedded one if needed, applies migrations,
// seeds the demo organisation when the database is empty, and makes sure an
// AUTH_SECRET, the audit key and the checkpoint signing key exist. Run by `npm start` and `npm run dev` before the server.
import { auditKeySecret, auditSigningKey, authSecret, configurationProblems, databaseTarget, env, migrationTarget } from '@/lib/server/env';
import { DatabaseInUseError, openDatabase } from '@/lib/server/db';
import { readMigrations } from '@/lib/server/migrate';
import { seedDemo } from '@/prisma/seed';

/** PostgreSQL: migrations run as the schema's owner when RELM_MIGRATION_DATABASE_URL names one */
function migrationUrl(): string | undefined {
  const m = migrationTarget();
  return m.kind === 'postgres' ? m.url : undefined;
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
    const seeded = await seedDemo(handle.prisma);
    console.info(seeded.created ? `[relm] seeded the demo organisation: ${seeded.summary}` : '[relm] database already has data: not seeding');
  } finally {
    await handle.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof DatabaseInUseError ? `[relm] ${err.message}` : err);
  process.exit(1);
});
