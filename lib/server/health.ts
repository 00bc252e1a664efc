import 'server-only';
import { db } from './db';
import { readMigrations } from './migrate';

/** True when the database answers a trivial query within two seconds. */
export async function databaseHealth(timeoutMs = 2000): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('database health check timed out')), timeoutMs);
    });
    await Promise.race([(async () => (await db()).$queryRaw`SELECT 1`)(), timeout]);
    return true;
  } catch (err) {
    console.error('[relm] health check: database unreachable', err instanceof Error ? err.message : err);
    return false;
  } finally {
    clearTimeout(timer);
  }
}

export interface Readiness {
  ready: boolean;
  database: 'ok' | 'unreachable';
  /** migrations on disk not yet applied, or applied but unfinished */
  pending: string[];
  applied: number;
}

/**
 * Whether this process may take traffic: the database answers and every migration this
 * version ships is applied and finished. A replica started with newer code than the database
 * says so instead of failing on its first query (issue 17).
 */
export async function readiness(opts: { migrations?: { name: string }[]; timeoutMs?: number } = {}): Promise<Readiness> {
  if (!(await databaseHealth(opts.timeoutMs))) return { ready: false, database: 'unreachable', pending: [], applied: 0 };
  const onDisk = opts.migrations ?? readMigrations();
  let finished = new Set<string>();
  try {
    const rows = await (
      await db()
    ).$queryRaw<{ migration_name: string }[]>`
      SELECT migration_name FROM "_prisma_migrations" WHERE rolled_back_at IS NULL AND finished_at IS NOT NULL`;
    finished = new Set(rows.map((r) => r.migration_name));
  } catch (err) {
    // no bookkeeping table: nothing applied yet
    console.error('[relm] readiness: migrations unreadable', err instanceof Error ? err.message : err);
  }
  const pending = onDisk.map((m) => m.name).filter((n) => !finished.has(n));
  return { ready: pending.length === 0, database: 'ok', pending, applied: onDisk.length - pending.length };
}
