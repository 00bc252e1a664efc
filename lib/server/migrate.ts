import 'server-only';
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';

/**
 * The PostgreSQL extensions the migrations create, as PGlite modules. Every PGlite that
 * holds a Relm database must be opened with them (a data directory that uses pg_trgm's
 * operator classes cannot be read without the module).
 */
export const PGLITE_EXTENSIONS = { pg_trgm };

// Applies prisma/migrations/*/migration.sql in order and records each in Prisma
// Migrate's own table, so `prisma migrate deploy/status` can take over wherever
// its engine is available (docs/decisions/002-migrations.md).

export interface SqlRunner {
  /** run one or more statements (simple query protocol) */
  exec(sql: string): Promise<void>;
  query<T>(sql: string, params?: unknown[]): Promise<T[]>;
}

export interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

// The migrations are read at run time from the checkout (npm start runs from it),
// so the bundler must not try to trace these paths: turbopackIgnore keeps it from
// pulling the whole project into the server bundle's file list.
export function migrationsDir(): string {
  return path.resolve(/* turbopackIgnore: true */ process.cwd(), 'prisma', 'migrations');
}

export function readMigrations(dir = migrationsDir()): MigrationFile[] {
  const file = (name: string) => path.join(/* turbopackIgnore: true */ dir, name, 'migration.sql');
  return fs
    .readdirSync(/* turbopackIgnore: true */ dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(/* turbopackIgnore: true */ file(d.name)))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const buf = fs.readFileSync(/* turbopackIgnore: true */ file(name));
      return { name, sql: buf.toString('utf8'), checksum: crypto.createHash('sha256').update(buf).digest('hex') };
    });
}

const BOOKKEEPING = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
);`;

// Any constant will do; it only has to be the same for every Relm process.
const LOCK_KEY = 7_311_042;

export interface MigrateResult {
  applied: string[];
  alreadyApplied: number;
}

export async function applyMigrations(db: SqlRunner, opts: { lock: boolean; migrations?: MigrationFile[] }): Promise<MigrateResult> {
  const migrations = opts.migrations ?? readMigrations();
  // Two servers starting at once against one PostgreSQL must not both migrate.
  if (opts.lock) await db.query('SELECT pg_advisory_lock($1)', [LOCK_KEY]);
  try {
    // only when missing: a runtime role without CREATE on the schema may open an up-to-date
    // database (CREATE TABLE IF NOT EXISTS checks the privilege before it looks)
    const [bookkeeping] = await db.query<{ present: boolean }>(`SELECT to_regclass('"_prisma_migrations"') IS NOT NULL AS present`);
    if (!bookkeeping?.present) await db.exec(BOOKKEEPING);
    const rows = await db.query<{ migration_name: string; checksum: string; finished_at: unknown }>(
      'SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL',
    );
    const done = new Map(rows.map((r) => [r.migration_name, r]));
    for (const r of rows) {
      if (r.finished_at === null) {
        throw new Error(`Migration ${r.migration_name} started but did not finish; fix the database by hand, then mark it rolled back.`);
      }
    }
    const applied: string[] = [];
    for (const m of migrations) {
      const prior = done.get(m.name);
      if (prior) {
        if (prior.checksum !== m.checksum) {
          console.warn(`[relm] migration ${m.name} was changed after it was applied (checksum differs)`);
        }
        continue;
      }
      const id = crypto.randomUUID();
      // Each migration and its bookkeeping row commit together or not at all.
      await db
        .exec(
          `BEGIN;\n${m.sql}\n;\nINSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count) VALUES ('${id}', '${m.checksum}', '${m.name.replace(/'/g, "''")}', now(), now(), 1);\nCOMMIT;`,
        )
        .catch(async (err: unknown) => {
          await db.exec('ROLLBACK').catch(() => undefined);
          const denied = (err as { code?: string } | null)?.code === '42501';
          throw new Error(
            `Migration ${m.name} failed: ${err instanceof Error ? err.message : String(err)}` +
              (denied
                ? '. This database role may not change the schema: run the migrations as the role that owns it (RELM_MIGRATION_DATABASE_URL, or `npm run db:migrate` with its DATABASE_URL); see "PostgreSQL with least privilege" in README.md.'
                : ''),
          );
        });
      applied.push(m.name);
    }
    return { applied, alreadyApplied: migrations.length - applied.length };
  } finally {
    if (opts.lock) await db.query('SELECT pg_advisory_unlock($1)', [LOCK_KEY]);
  }
}
