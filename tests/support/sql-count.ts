import { sqlStatementCount } from '@/lib/server/db';

/** The SQL statements `fn` sent through Prisma, and its result (run nothing else meanwhile). */
export async function countStatements<T>(fn: () => Promise<T>): Promise<{ statements: number; result: T }> {
  const before = sqlStatementCount();
  const result = await fn();
  return { statements: sqlStatementCount() - before, result };
}
