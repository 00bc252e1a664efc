// npm run db:migrate — applies pending migrations to the configured database.
import { databaseTarget } from '@/lib/server/env';
import { DatabaseInUseError, openDatabase } from '@/lib/server/db';
import { applyMigrations } from '@/lib/server/migrate';

async function main() {
  const handle = await openDatabase(databaseTarget(), { migrate: false });
  try {
    const result = await applyMigrations(handle.runner, { lock: handle.target.kind === 'postgres' });
    console.info(
      result.applied.length
        ? `Applied ${result.applied.length} migration(s): ${result.applied.join(', ')}`
        : `Database is up to date (${result.alreadyApplied} migrations applied before).`,
    );
  } finally {
    await handle.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof DatabaseInUseError ? err.message : err);
  process.exit(1);
});
