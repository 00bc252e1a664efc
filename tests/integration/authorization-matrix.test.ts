import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/lib/server/db';
import { mutationRegistry } from '@/lib/server/action';
import type { Actor } from '@/lib/server/actor';
// Every module that defines mutations, so that each registers itself.
import { can, ROLE_PERMISSIONS, ROLES, type Permission, type Role } from '@/lib/domain/permissions';
import { freshDatabase } from '../support/db';
import { makeTeam, makeUser, uid } from '../support/factories';
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

  it("narrows exactly the release managers' mutations of one release to the people who manage it", () => {
    // docs/decisions/039-who-may-edit-a-release.md: pinned, so that a mutation losing its guard fails
    expect(
      mutationRegistry
        .filter((m) => m.releaseScoped)
        .map((m) => m.mutationName)
        .sort(),
    ).toEqual([...RELEASE_SCOPED].sort());
  });

  it('has no admin bypass in the permission table', () => {
    expect(ROLE_PERMISSIONS.admin).not.toContain('approval.decide');
    expect(can(['admin'], 'approval.decide')).toBe(false);
  });
});

/** The mutations only a release's owner, its co-managers and release managers of the owner's team may make. */
const RELEASE_SCOPED = [
  'release.update',
  'release.no_known_risks',
  'release.co_manager_add',
  'release.co_manager_remove',
  'risk.add',
  'risk.update',
  'risk.remove',
  'plan.add_task',
  'plan.update_task',
  'plan.remove_task',
  'plan.start_task',
  'plan.finish_task',
  'package.add_build',
  'package.remove_build',
  'package.seal',
  'scope_change.request',
  'scope_change.decide',
  'scope_change.apply',
  'release.schedule',
  'release.acknowledge_conflict',
  'release.transition',
  'backout.save',
  'backout.rehearsal',
  'handover.save',
  'review.save',
  'review.action_item.add',
  'review.action_item.update',
  'announcement.save',
  'announcement.publish',
  'announcement.correct',
  'train.join',
  'train.leave',
  'train.late_join_request',
];

/** A release manager of a team of their own: manages none of the fixtures' releases. */
async function otherTeamManager(): Promise<Actor> {
  const team = await makeTeam(h.prisma);
  return (await makeUser(h.prisma, ['release_manager'], { name: `Other Manager ${uid()}`, teamId: team.id })).actor;
}

for (const mutation of mutationRegistry) {
  describe(`${mutation.mutationName} (needs ${mutation.permission})`, () => {
    if (mutation.releaseScoped) {
      it('refuses a release manager of another team, naming who may; lets them once they are a co-manager', async () => {
        const actor = await otherTeamManager();
        const input = await validInput[mutation.mutationName]!();
        const requestId = `req-${uid()}`;
        const before = await fingerprint(h.runner);
        const refused = await mutation.as(actor, { requestId })(input);
        expect(refused).toMatchObject({ ok: false, code: 'forbidden' });
        const message = refused.ok ? '' : refused.message;
        expect(message).toMatch(
          /^Only REL-\d+'s owner \(.+\)(, its co-managers? \(.+\))? and release managers of the .+ team may change it\. Ask the owner to add you as a co-manager\.$/,
        );
        expect(await fingerprint(h.runner)).toEqual(before);
        expect(await eventsOfRequest(h.prisma, requestId)).toEqual([]);
        // the owner adds them as a co-manager: the same input now goes through
        const number = Number(/REL-(\d+)/.exec(message)![1]);
        const release = await h.prisma.release.findUniqueOrThrow({ where: { number } });
        await h.prisma.releaseCoManager.create({ data: { releaseId: release.id, userId: actor.id! } });
        expect(await mutation.as(actor)(input)).toMatchObject({ ok: true });
      });

      it('refuses the release manager of another team before judging their input', async () => {
        const actor = await otherTeamManager();
        const input = (await validInput[mutation.mutationName]!()) as Record<string, unknown>;
        // every other field broken: the refusal is still about who may change the release
        const broken = Object.fromEntries(Object.entries(input).map(([k, v]) => [k, /key$|id$/i.test(k) ? v : { hostile: true }]));
        expect(await mutation.as(actor)(broken)).toMatchObject({ ok: false, code: 'forbidden' });
      });
    }

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
