import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/lib/server/db';
import { sqlStatementCount } from '@/lib/server/db';
import { freshDatabase } from '../support/db';

// The statement counter the HTTP benchmark and the query-budget tests rely on.
let h: DbHandle;
beforeAll(async () => {
  h = await freshDatabase();
});
afterAll(async () => {
  await h?.close();
});

describe('sqlStatementCount', () => {
  it('counts every statement Prisma sends, transactions included', async () => {
    const before = sqlStatementCount();
    await h.prisma.team.findMany();
    await h.prisma.team.count();
    expect(sqlStatementCount() - before).toBe(2);
    const mid = sqlStatementCount();
    await h.prisma.$transaction(async (tx) => {
      await tx.team.findMany();
    });
    // BEGIN, the select, COMMIT: on either database (PostgreSQL's adapter has Prisma send the
    // COMMIT, PGlite's sends it itself), each once
    expect(sqlStatementCount() - mid).toBe(3);
    const rolledBack = sqlStatementCount();
    await expect(
      h.prisma.$transaction(async (tx) => {
        await tx.team.findMany();
        throw new Error('no');
      }),
    ).rejects.toThrow('no');
    expect(sqlStatementCount() - rolledBack).toBe(3);
  });
});
