// Prisma CLI configuration. The app itself never reads this: lib/server/db.ts picks
// the database and applies migrations (see docs/decisions/002-migrations.md).
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/relm' },
});
