import { afterAll, beforeAll, expect } from 'vitest';
import type { DbHandle } from '@/lib/server/db';
import type { Actor } from '@/lib/server/actor';
import type { Role } from '@/lib/domain/permissions';
import type { ActionResult } from '@/lib/domain/result';
import { freshDatabase } from './db';
import { makeUser } from './factories';
import { fingerprint } from './inspect';

/**
 * Gives this test file its own fresh database: opened before its tests (then
 * `setup` runs with it, e.g. to keep the handle and make actors) and closed
 * after them.
 */
export function withFreshDatabase(setup: (h: DbHandle) => Promise<void> | void): void {
  let handle: DbHandle | undefined;
  beforeAll(async () => {
    handle = await freshDatabase();
    await setup(handle);
  });
  afterAll(async () => {
    await handle?.close();
  });
}

/** One stored user per role list, as actors, in the order given. */
export async function actorsWith<L extends Role[][]>(h: DbHandle, ...roleLists: L): Promise<{ [K in keyof L]: Actor }> {
  const actors: Actor[] = [];
  for (const roles of roleLists) actors.push((await makeUser(h.prisma, roles)).actor);
  return actors as { [K in keyof L]: Actor };
}

/**
 * `expectRefusedWithoutWrites(call)` for the database `handle()` returns: runs a
 * call that must be refused and asserts it changed nothing anywhere.
 */
export function refusalCheck(handle: () => DbHandle) {
  return async function expectRefusedWithoutWrites<T>(call: () => Promise<ActionResult<T>>) {
    const before = await fingerprint(handle().runner);
    const result = await call();
    expect(result.ok).toBe(false);
    expect(await fingerprint(handle().runner)).toEqual(before);
    return result as Extract<ActionResult<T>, { ok: false }>;
  };
}
