import type { SqlRunner } from '@/lib/server/migrate';
import type { PrismaClient } from '@/lib/generated/prisma/client';

/**
 * A digest of every row of every application table (and the audit chain head), so a
 * test can assert that a refused call changed nothing at all, not only the rows it
 * thought to look at.
 */
export async function fingerprint(runner: SqlRunner): Promise<Record<string, string>> {
  const tables = await runner.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations'
      ORDER BY table_name`,
  );
  const sql = tables
    .map(
      ({ table_name: t }) =>
        // an order-independent sum of 64-bit row hashes: no sort, no concatenation, so a
        // fingerprint stays cheap as a shared test database grows
        `SELECT '${t}' AS t, count(*)::int AS n, coalesce(sum(hashtextextended(x::text, 0)::numeric), 0)::text AS h FROM "${t}" x`,
    )
    .join('\nUNION ALL\n');
  const rows = await runner.query<{ t: string; n: number; h: string }>(sql);
  return Object.fromEntries(rows.map((r) => [r.t, `${r.n}:${r.h}`]));
}

/**
 * The SQLSTATE and message of the database error a write was refused with, whether it
 * came through Prisma (driver adapter) or straight from pg / PGlite. Fails the test
 * when the write was not refused.
 */
export async function dbError(write: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await write;
  } catch (err) {
    const e = err as { code?: unknown; message?: unknown; meta?: { driverAdapterError?: { cause?: Record<string, unknown> } } };
    const cause = e.meta?.driverAdapterError?.cause;
    if (cause) return { code: String(cause.originalCode ?? cause.code), message: String(cause.originalMessage ?? cause.message) };
    if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) return { code: e.code, message: String(e.message) };
    throw err;
  }
  throw new Error('expected the database to refuse this write, but it was accepted');
}

export async function auditHead(prisma: PrismaClient): Promise<bigint> {
  const head = await prisma.auditChainHead.findUniqueOrThrow({ where: { id: 1 } });
  return BigInt(head.seq);
}

export function eventsOfRequest(prisma: PrismaClient, requestId: string) {
  return prisma.auditEvent.findMany({ where: { requestId }, orderBy: { seq: 'asc' } });
}
