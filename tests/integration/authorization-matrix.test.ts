import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/lib/server/db';
import { mutationRegistry } from '@/lib/server/action';
import type { Actor } from '@/lib/server/actor';
// Every module that defines mutations, so that each registers itself.
import { can, ROLE_PERMISSIONS, ROLES, type Permission, type Role } from '@/lib/domain/permissions';
import { freshDatabase } from '../support/db';
import { makeUser, uid } from '../support/factories';
import { eventsOfRequest, fingerprint } from '../support/inspect';
import { INSTANTS, withClockAt } from '../support/clock';
import { ALL_FIXTURES } from './matrix';

// Importing each module registers its mutations (top-level await keeps the
// registry complete before the per-mutation describe blocks below are built).
await Promise.all(ALL_FIXTURES.map((f) => f.load()));

let h: DbHandle;

// A fixed instant, running on at wall speed: the fixtures take their times from
// this clock, so no outcome depends on the day the suite runs (the weekday runs
// of tests/integration/authorization-matrix-clock.test.ts cover other instants).
withClockAt(INSTANTS.fridayEvening);

beforeAll(async () => {
  h = await freshDatabase();
});

afterAll(async () => {
  await h?.close();
});

const validInput: Record<string, () => Promise<unknown>> = Object.fromEntries(
  ALL_FIXTURES.flatMap((f) => Object.entries(f.mutations).map(([name, m]) => [name, () => m.validInput(h)])),
);
const requiredPermission: Record<string, Permission> = Object.fromEntries(
  ALL_FIXTURES.flatMap((f) => Object.entries(f.mutations).map(([name, m]) => [name, m.permission])),
);

async function actorWith(roles: Role[]): Promise<Actor> {
  return (await makeUser(h.prisma, roles)).actor;
}

/** Calls the mutation and checks the outcome against the permission table. */
async function expectOutcome(mutation: (typeof mutationRegistry)[number], actor: Actor | null, expected: 'ok' | 'forbidden' | 'unauthenticated') {
  const input = await validInput[mutation.mutationName]!();
  const requestId = `req-${uid()}`;
  // only a refusal is compared with the state before it (a fingerprint reads every row)
  const before = expected === 'ok' ? undefined : await fingerprint(h.runner);
  const result = await mutation.as(actor, { requestId })(input);
  if (expected === 'ok') {
    expect(result).toMatchObject({ ok: true });
    const events = await eventsOfRequest(h.prisma, requestId);
    expect(events.length).toBeGreaterThanOrEqual(1);
    expect(events.every((e) => e.actorId === actor!.id)).toBe(true);
  } else {
    expect(result).toMatchObject({ ok: false, code: expected });
    expect(result.ok === false && result.message.length).toBeGreaterThan(0);
    // nothing changed anywhere, and no audit event was written
    expect(await fingerprint(h.runner)).toEqual(before);
    expect(await eventsOfRequest(h.prisma, requestId)).toEqual([]);
  }
}

describe('the matrix covers every mutation', () => {
  it('imports every lib/server module that defines mutations', () => {
    const dir = path.resolve(import.meta.dirname, '..', '..', 'lib', 'server');
    const defining = fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.ts') && f !== 'action.ts')
      .filter((f) => /\bdefineMutation\(/.test(fs.readFileSync(path.join(dir, f), 'utf8')))
      .sort();
    expect(defining).toEqual(ALL_FIXTURES.map((f) => f.module).sort());
  });

  it('has valid input for every registered mutation, and for nothing else', () => {
    const registered = mutationRegistry.map((m) => m.mutationName);
    expect(new Set(registered).size).toBe(registered.length);
    expect(registered.filter((name) => !(name in validInput))).toEqual([]);
    expect(Object.keys(validInput).filter((name) => !registered.includes(name))).toEqual([]);
  });

  it('demands the pinned permission for every mutation', () => {
    const declared = Object.fromEntries(mutationRegistry.map((m) => [m.mutationName, m.permission]));
    expect(declared).toEqual(requiredPermission);
  });

  it('has no admin bypass in the permission table', () => {
    expect(ROLE_PERMISSIONS.admin).not.toContain('approval.decide');
    expect(can(['admin'], 'approval.decide')).toBe(false);
  });
});

for (const mutation of mutationRegistry) {
  describe(`${mutation.mutationName} (needs ${mutation.permission})`, () => {
    for (const role of ROLES) {
      const allowed = can([role], mutation.permission);
      it(`${allowed ? 'lets' : 'refuses'} a user holding only ${role}`, async () => {
        await expectOutcome(mutation, await actorWith([role]), allowed ? 'ok' : 'forbidden');
      });
    }

    it('asks a caller who is not signed in to sign in', async () => {
      await expectOutcome(mutation, null, 'unauthenticated');
    });

    it('refuses a user with an unknown role (fails closed)', async () => {
      const actor = await actorWith([]);
      await expectOutcome(mutation, { ...actor, roles: ['superuser'] as unknown as Role[] }, 'forbidden');
    });

    it('refuses a user with no roles', async () => {
      await expectOutcome(mutation, await actorWith([]), 'forbidden');
    });

    it('refuses an API token not scoped for it, even when its owner may', async () => {
      const owner = await actorWith([...ROLES]);
      const token: Actor = {
        ...owner,
        type: 'token',
        tokenId: `tok-${uid()}`,
        label: `token ci of ${owner.email}`,
        scopes: [mutation.permission === 'release.read' ? 'catalog.read' : 'release.read'],
      };
      await expectOutcome(mutation, token, 'forbidden');
    });
  });
}
