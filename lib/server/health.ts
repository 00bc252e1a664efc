import 'server-only';
import { db } from './db';

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
