// npm run db:seed — applies pending migrations, then seeds the demo organisation
// when the database has no users yet (it never touches a database in use).
import { databaseTarget } from '@/lib/server/env';
import { DatabaseInUseError, openDatabase } from '@/lib/server/db';
import { seedDemo } from '@/prisma/seed';

async function main() {
  const handle = await openDatabase(databaseTarget(), { migrate: true });
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
