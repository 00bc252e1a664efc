// Config for prisma@6 (installed as "prisma6"), used only to write migration SQL
// offline with `migrate diff` (see docs/decisions/002-migrations.md): its JS
// engine talks to an in-memory PGlite, so no schema engine binary is needed.
import { defineConfig } from 'prisma6/config';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: process.env.RELM_PRISMA6_SCHEMA ?? 'schema.prisma',
  adapter: async () => new PrismaPGlite(new PGlite()) as never,
});
