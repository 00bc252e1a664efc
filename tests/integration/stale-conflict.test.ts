import { describe, expect, it } from 'vitest';
import type { DbHandle } from '@/lib/server/db';
import type { ActionResult } from '@/lib/domain/result';
import { createRelease, getReleaseForEdit, releaseEditConflict, updateRelease } from '@/lib/server/release-edits';
import { makeEnvironment, makeUser, uid } from '../support/factories';
import { withFreshDatabase } from '../support/suite';

// Decision 054: a stale save is refused, and what comes back lets the person compare, field by
// field, their value with the one stored now, choose, and save again against the new version.

let h: DbHandle;
withFreshDatabase((db) => {
  h = db;
});

function ok<T>(r: ActionResult<T>): T {
  if (!r.ok) throw new Error(JSON.stringify(r));
  return r.data;
}

describe('stale release edit', () => {
  it('is refused, returns both values per changed field, and saves the chosen mix against the new version', async () => {
    const a = await makeUser(h.prisma, ['release_manager'], { name: 'Tab A' });
    const b = await makeUser(h.prisma, ['release_manager'], { name: 'Tab B' });
    const env = await makeEnvironment(h.prisma);
    const created = ok(await createRelease.as(a.actor)({ title: `Ledger ${uid()}`, type: 'normal', environments: [env.name], ownerId: a.id }));
    // both tabs open the same version
    const form = (await getReleaseForEdit(a.actor, created.key))!;
    const tabA = { ...form, title: 'Title from A', description: 'Description from A' };
    const tabB = { ...form, title: 'Title from B', businessJustification: 'Justified by B' };

    ok(await updateRelease.as(a.actor)(tabA));
    const refused = await updateRelease.as(b.actor)(tabB);
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.code).toBe('stale');
    expect(refused.message).toContain('Tab A');
    // nothing of B's was written
    const afterA = (await getReleaseForEdit(a.actor, created.key))!;
    expect(afterA).toMatchObject({ title: 'Title from A', description: 'Description from A', businessJustification: form.businessJustification });

    const conflict = (await releaseEditConflict(b.actor, created.key, tabB))!;
    expect(conflict.current.version).toBe(form.version + 1);
    expect(conflict.conflicts).toEqual([
      { name: 'title', mine: ['Title from B'], theirs: ['Title from A'] },
      { name: 'description', mine: [form.description], theirs: ['Description from A'] },
      { name: 'businessJustification', mine: ['Justified by B'], theirs: [form.businessJustification] },
    ]);

    // B keeps their justification and title, takes A's description, and saves against the new version
    const chosen = { ...tabB, description: 'Description from A', version: conflict.current.version };
    ok(await updateRelease.as(b.actor)(chosen));
    expect(await getReleaseForEdit(b.actor, created.key)).toMatchObject({
      title: 'Title from B',
      description: 'Description from A',
      businessJustification: 'Justified by B',
      version: form.version + 2,
    });
    // the same stale form saved once more is refused again: a choice is always made against the newest version
    expect((await updateRelease.as(a.actor)(tabA)).ok).toBe(false);
  });
});
