import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/lib/server/db';
import type { Actor } from '@/lib/server/actor';
import type { ActionResult } from '@/lib/domain/result';
import { createRelease, getReleaseForEdit, updateRelease } from '@/lib/server/release-edits';
import { updateUser } from '@/lib/server/users';
import { updateTeam } from '@/lib/server/teams';
import { updateEnvironment } from '@/lib/server/environments';
import { updateComponent } from '@/lib/server/components';
import { createFreezeWindow, updateFreezeWindow } from '@/lib/server/freezes';
import { saveHandover } from '@/lib/server/handover';
import { saveReview } from '@/lib/server/reviews';
import { updatePolicy } from '@/lib/server/policy';
import { freshDatabase, onPostgres } from '../support/db';
import { makeComponent, makeEnvironment, makeRelease, makeTeam, makeUser, uid } from '../support/factories';
import { policyDocument, savePolicy } from './approvals-support';
import { releaseKey } from '@/lib/domain/release-key';

// One optimistic-concurrency scheme (docs/decisions/014-optimistic-concurrency.md):
// for every editable aggregate, two saves based on the same version let exactly one
// through, and the other is refused as stale, naming who saved the newer version.
//
// On PostgreSQL (TEST_DATABASE_URL) the two saves run on two connections and truly
// race. The embedded database has one connection, so there the "concurrent" saves
// are serialized: the test still proves the second is refused, not the race.

type Save = { as(actor: Actor | null): (raw: unknown) => Promise<ActionResult<unknown>> };

interface Case {
  name: string;
  /** the two people who edit it (holding the permission) */
  actors: () => [Actor, Actor];
  /** makes a fresh record and returns two different edits based on the same (current) version */
  prepare: () => Promise<{ save: Save; a: Record<string, unknown>; b: Record<string, unknown> }>;
}

let h: DbHandle;
let admins: [Actor, Actor];
let managers: [Actor, Actor];

beforeAll(async () => {
  h = await freshDatabase();
  admins = [(await makeUser(h.prisma, ['admin'], { name: 'Alex Chen' })).actor, (await makeUser(h.prisma, ['admin'], { name: 'Blair Diaz' })).actor];
  managers = [
    (await makeUser(h.prisma, ['release_manager'], { name: 'Rita Manager' })).actor,
    (await makeUser(h.prisma, ['release_manager'], { name: 'Sam Second' })).actor,
  ];
  await savePolicy(h.prisma, policyDocument());
});

afterAll(async () => {
  await h?.close();
});

function ok<T>(r: ActionResult<T>): T {
  if (!r.ok) throw new Error(JSON.stringify(r));
  return r.data;
}

const key = (number: number) => releaseKey(number);

/** A release in a status where handover notes and the review may be written, with notes and a review saved once (version 1). */
async function deployedRelease() {
  const r = await makeRelease(h.prisma, { ownerId: managers[0].id! });
  await h.prisma.release.update({ where: { id: r.id }, data: { status: 'deployed' } });
  return key(r.number);
}

const NOTES = { whatChanged: 'The ledger', runbook: 'Restart the service', monitoring: 'Dashboard', knownErrors: '', supportContacts: '#payments' };

const cases: Case[] = [
  {
    name: 'release',
    actors: () => managers,
    prepare: async () => {
      const env = await makeEnvironment(h.prisma);
      const created = ok(await createRelease.as(managers[0])({ title: `Ledger ${uid()}`, type: 'normal', environments: [env.name] }));
      const form = (await getReleaseForEdit(managers[0], created.key))!;
      return { save: updateRelease, a: { ...form, title: 'Edited by A' }, b: { ...form, title: 'Edited by B' } };
    },
  },
  {
    name: 'user',
    actors: () => admins,
    prepare: async () => {
      const u = await makeUser(h.prisma, ['viewer']);
      const row = await h.prisma.user.findUniqueOrThrow({ where: { id: u.id } });
      const form = { id: u.id, roles: ['viewer'], version: row.version };
      return { save: updateUser, a: { ...form, name: 'Name by A' }, b: { ...form, name: 'Name by B' } };
    },
  },
  {
    name: 'team',
    actors: () => admins,
    prepare: async () => {
      const t = await makeTeam(h.prisma);
      const form = { id: t.id, name: t.name, slug: t.slug, version: t.version };
      return { save: updateTeam, a: { ...form, description: 'By A' }, b: { ...form, description: 'By B' } };
    },
  },
  {
    name: 'environment',
    actors: () => admins,
    prepare: async () => {
      const e = await makeEnvironment(h.prisma);
      const form = { id: e.id, name: e.name, displayName: e.displayName, tier: e.tier, position: String(e.position), version: e.version };
      return { save: updateEnvironment, a: { ...form, description: 'By A' }, b: { ...form, description: 'By B' } };
    },
  },
  {
    name: 'component',
    actors: () => managers,
    prepare: async () => {
      const c = await makeComponent(h.prisma);
      const form = { id: c.id, name: c.name, ownerTeamId: c.ownerTeamId, tier: c.tier, repository: '', dependencies: [], version: c.version };
      return { save: updateComponent, a: { ...form, description: 'By A' }, b: { ...form, description: 'By B' } };
    },
  },
  {
    name: 'freeze window',
    actors: () => admins,
    prepare: async () => {
      const weekend = (name: string) => ({
        name,
        reason: 'No changes at weekends.',
        kind: 'recurring',
        rrule: 'FREQ=WEEKLY;BYDAY=FR;BYHOUR=18;BYMINUTE=0',
        durationMinutes: '3600',
        timezone: 'UTC',
      });
      const f = ok(await createFreezeWindow.as(admins[0])(weekend(`Weekend ${uid()}`)));
      return {
        save: updateFreezeWindow,
        a: { ...weekend(`By A ${uid()}`), id: f.id, version: f.version },
        b: { ...weekend(`By B ${uid()}`), id: f.id, version: f.version },
      };
    },
  },
  {
    name: 'handover notes',
    actors: () => managers,
    prepare: async () => {
      const releaseKey = await deployedRelease();
      ok(await saveHandover.as(managers[0])({ releaseKey, ...NOTES, version: 0 }));
      return { save: saveHandover, a: { releaseKey, ...NOTES, runbook: 'By A', version: 1 }, b: { releaseKey, ...NOTES, runbook: 'By B', version: 1 } };
    },
  },
  {
    name: 'post-release review',
    actors: () => managers,
    prepare: async () => {
      const releaseKey = await deployedRelease();
      ok(await saveReview.as(managers[0])({ releaseKey, wentWell: 'First draft', version: 0 }));
      return { save: saveReview, a: { releaseKey, wentWell: 'By A', version: 1 }, b: { releaseKey, wentWell: 'By B', version: 1 } };
    },
  },
  {
    name: 'policy',
    actors: () => admins,
    prepare: async () => {
      const top = await h.prisma.policyVersion.findFirstOrThrow({ orderBy: { version: 'desc' } });
      const doc = (expiryDays: number) => JSON.parse(JSON.stringify(policyDocument({ expiryDays }))) as unknown;
      // a different expiry than the current one each time, so neither save is "nothing changed"
      const base = 10 + (top.version % 10) * 2;
      return {
        save: updatePolicy,
        a: { basedOnVersion: top.version, note: 'Changed by A', document: doc(base) },
        b: { basedOnVersion: top.version, note: 'Changed by B', document: doc(base + 1) },
      };
    },
  },
];

const ROUNDS = onPostgres() ? 3 : 1;
const concurrentTitle = onPostgres()
  ? 'two saves based on the same version, racing on two connections: exactly one is accepted, the other is refused as stale naming the saver'
  : 'two saves based on the same version, started at once (serialized here: the embedded database has one connection): exactly one is accepted, the other is refused as stale naming the saver';

describe.each(cases)('$name', (c) => {
  it(concurrentTitle, async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const [actorA, actorB] = c.actors();
      const { save, a, b } = await c.prepare();
      const results = await Promise.all([save.as(actorA)(a), save.as(actorB)(b)]);
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      const winner = results[0]!.ok ? actorA : actorB;
      const loser = results.find((r) => !r.ok)!;
      expect(loser).toMatchObject({ ok: false, code: 'stale' });
      if (!loser.ok) expect(loser.message).toContain(`${winner.name} saved a newer version of`);
    }
  });

  it('a save based on an older version is refused as stale, naming who saved the newer one and when', async () => {
    const [actorA, actorB] = c.actors();
    const { save, a, b } = await c.prepare();
    ok(await save.as(actorA)(a));
    const r = await save.as(actorB)(b);
    expect(r).toMatchObject({ ok: false, code: 'stale' });
    if (!r.ok)
      expect(r.message).toMatch(
        new RegExp(`^${actorA.name} saved a newer version of .+ at (\\d{4}-\\d{2}-\\d{2} )?\\d{2}:\\d{2} UTC \\(.+\\) after you opened it`),
      );
  });
});
