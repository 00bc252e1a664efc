// npm run db:migrate — applies pending migrations to the configured database.
import pg from 'pg';
import { migrationTarget } from '@/lib/server/env';
import { DatabaseInUseError, openDatabase } from '@/lib/server/db';
import { applyMigrations, type SqlRunner } from '@/lib/server/migrate';

function report(result: { applied: string[]; alreadyApplied: number }) {
  console.info(
    result.applied.length
      ? `Applied ${result.applied.length} migration(s): ${result.applied.join(', ')}`
      : `Database is up to date (${result.alreadyApplied} migrations applied before).`,
  );
}

async function main() {
  // RELM_MIGRATION_DATABASE_URL (the schema's owner) when set, else DATABASE_URL
  const target = migrationTarget();
  if (target.kind === 'postgres') {
    // One dedicated connection: the advisory lock that keeps two migrators apart
    // belongs to a session, so taking and releasing it must use the same one.
    const client = new pg.Client({ connectionString: target.url });
    await client.connect();
    const runner: SqlRunner = {
      exec: async (sql: string) => {
        await client.query(sql);
      },
      query: async <T>(sql: string, params?: unknown[]) => (await client.query(sql, params)).rows as T[],
    };
    try {
      report(await applyMigrations(runner, { lock: true }));
    } finally {
      await client.end();
    }
    return;
  }
  const handle = await openDatabase(target, { migrate: false });
  try {
    report(await applyMigrations(handle.runner, { lock: false }));
  } finally {
    await handle.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof DatabaseInUseError ? err.message : err);
  process.exit(1);
});
