// npm run db:seed — applies pending migrations, then seeds the demo organisation
// when the database has no users yet (it never touches a database in use).
import { databaseTarget, migrationTarget } from '@/lib/server/env';
import { DatabaseInUseError, openDatabase } from '@/lib/server/db';
import { seedDemo } from '@/prisma/seed';

/** PostgreSQL: migrations run as the schema's owner when RELM_MIGRATION_DATABASE_URL names one */
function migrationUrl(): string | undefined {
  const m = migrationTarget();
  return m.kind === 'postgres' ? m.url : undefined;
}

async function main() {
  const handle = await openDatabase(databaseTarget(), { migrate: true, migrateUrl: migrationUrl() });
  try {
    const result = await seedDemo(handle.prisma);
    console.info(result.created ? `Seeded the demo organisation: ${result.summary}` : `Nothing to do: ${result.summary}.`);
  } finally {
    await handle.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof DatabaseInUseError ? err.message : err);
  process.exit(1);
});
