import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/lib/server/db';
import type { Actor } from '@/lib/server/actor';
import { POST as postTransition } from '@/app/api/v1/releases/[key]/transitions/route';
import { createRelease, getReleaseForEdit, updateRelease } from '@/lib/server/release-edits';
import { addCoManager, getCoManagerPanel, releaseManagement, removeCoManager } from '@/lib/server/release-managers';
import { addRisk } from '@/lib/server/risks';
import { getReleaseGates } from '@/lib/server/transitions';
import { resolveRelease } from '@/lib/server/release-ref';
import { releaseKey } from '@/lib/domain/release-key';
import { freshDatabase } from '../support/db';
import { makeApiToken, makeEnvironment, makeRelease, makeTeam, makeUser, systemActor, uid } from '../support/factories';
import { fingerprint } from '../support/inspect';

// Who may change a release (issue 14, point 6; docs/decisions/039-who-may-edit-a-release.md).
// Every guarded mutation is refused for a release manager of another team in the
// authorization matrix; here the people who may, the co-manager list and the API.

let h: DbHandle;
let payments: { id: string; name: string };
let platform: { id: string; name: string };
let maya: { id: string; actor: Actor };
let pat: { id: string; actor: Actor };
let sam: { id: string; actor: Actor };

beforeAll(async () => {
  h = await freshDatabase();
  payments = await makeTeam(h.prisma, `Payments ${uid()}`);
  platform = await makeTeam(h.prisma, `Platform ${uid()}`);
  maya = await makeUser(h.prisma, ['release_manager'], { name: 'Maya Manager', teamId: payments.id });
  pat = await makeUser(h.prisma, ['release_manager'], { name: 'Pat Payments', teamId: payments.id });
  sam = await makeUser(h.prisma, ['release_manager'], { name: 'Sam Platform', teamId: platform.id });
});

afterAll(async () => {
  await h?.close();
});

async function mayasRelease() {
  const r = await makeRelease(h.prisma, { ownerId: maya.id });
  return { id: r.id, key: releaseKey(r.number), version: r.version };
}

const version = async (id: string) => (await h.prisma.release.findUniqueOrThrow({ where: { id } })).version;
const risk = (key: string) => ({ releaseKey: key, title: `Risk ${uid()}`, likelihood: 2, impact: 2 });

describe('who may change a release', () => {
  it('lets the owner, a release manager of the owner team and a co-manager; refuses another team naming who may', async () => {
    const r = await mayasRelease();
    expect((await addRisk.as(maya.actor)(risk(r.key))).ok).toBe(true);
    expect((await addRisk.as(pat.actor)(risk(r.key))).ok).toBe(true);
    const before = await fingerprint(h.runner);
    expect(await addRisk.as(sam.actor)(risk(r.key))).toEqual({
      ok: false,
      code: 'forbidden',
      message: `Only ${r.key}'s owner (Maya Manager) and release managers of the ${payments.name} team may change it. Ask the owner to add you as a co-manager.`,
    });
    expect(await fingerprint(h.runner)).toEqual(before);

    expect(await addCoManager.as(maya.actor)({ releaseKey: r.key, userId: sam.id, version: await version(r.id) })).toMatchObject({
      ok: true,
      data: { changed: true, name: 'Sam Platform' },
    });
    expect((await addRisk.as(sam.actor)(risk(r.key))).ok).toBe(true);
  });

  it('lets the command line (no user) act, and an API token act as its owner', async () => {
    const r = await mayasRelease();
    expect((await addRisk.as(systemActor(['release_manager']))(risk(r.key))).ok).toBe(true);
    const token: Actor = { ...sam.actor, type: 'token', tokenId: `tok-${uid()}`, scopes: ['*'] };
    expect(await addRisk.as(token)(risk(r.key))).toMatchObject({ ok: false, code: 'forbidden' });
  });

  it('follows the owner: handing the release to another team moves who may change it', async () => {
    const r = await mayasRelease();
    const env = await makeEnvironment(h.prisma);
    const form = { key: r.key, version: r.version, title: 'Handed over', type: 'normal', environments: [env.name], ownerId: sam.id };
    expect(await updateRelease.as(pat.actor)(form)).toMatchObject({ ok: true });
    expect(await addRisk.as(pat.actor)(risk(r.key))).toMatchObject({ ok: false, code: 'forbidden' });
    expect((await addRisk.as(sam.actor)(risk(r.key))).ok).toBe(true);
  });

  it('refuses a release manager of another team before judging the input', async () => {
    const r = await mayasRelease();
    const res = await addRisk.as(sam.actor)({ releaseKey: r.key, title: '', likelihood: 'many', impact: -1 });
    expect(res).toMatchObject({ ok: false, code: 'forbidden' });
    // a lower-case key names the same release
    expect(await addRisk.as(sam.actor)({ ...risk(r.key), releaseKey: r.key.toLowerCase() })).toMatchObject({ ok: false, code: 'forbidden' });
  });

  it('does not narrow other roles: approvers and viewers still lack the permission, and say so', async () => {
    const r = await mayasRelease();
    const viewer = await makeUser(h.prisma, ['viewer'], { teamId: payments.id });
    const res = await addRisk.as(viewer.actor)(risk(r.key));
    expect(res).toMatchObject({ ok: false, code: 'forbidden' });
    expect(res.ok ? '' : res.message).toMatch(/release manager role/);
  });
});

describe('co-managers', () => {
  it('are release managers only, audited, and each change bumps the release version', async () => {
    const r = await mayasRelease();
    const approver = await makeUser(h.prisma, ['approver'], { name: 'Ann Approver' });
    const refused = await addCoManager.as(maya.actor)({ releaseKey: r.key, userId: approver.id, version: r.version });
    expect(refused).toMatchObject({
      ok: false,
      code: 'invalid',
      fieldErrors: { userId: ['Ann Approver is not a release manager: only release managers may be co-managers.'] },
    });
    const owner = await addCoManager.as(maya.actor)({ releaseKey: r.key, userId: maya.id, version: r.version });
    expect(owner).toMatchObject({ ok: false, code: 'invalid' });

    const added = await addCoManager.as(maya.actor)({ releaseKey: r.key, userId: sam.id, version: r.version });
    expect(added).toMatchObject({ ok: true, data: { version: r.version + 1, changed: true } });
    const again = await addCoManager.as(maya.actor)({ releaseKey: r.key, userId: sam.id, version: r.version + 1 });
    expect(again).toMatchObject({ ok: true, data: { changed: false, version: r.version + 1 } });
    // a form opened before the change is stale
    const stale = await removeCoManager.as(maya.actor)({ releaseKey: r.key, userId: sam.id, version: r.version });
    expect(stale).toMatchObject({ ok: false, code: 'stale' });
    expect(stale.ok ? '' : stale.message).toContain('Maya Manager saved a newer version');

    const removed = await removeCoManager.as(sam.actor)({ releaseKey: r.key, userId: sam.id, version: r.version + 1 });
    expect(removed).toMatchObject({ ok: true, data: { version: r.version + 2, changed: true } });
    const events = await h.prisma.auditEvent.findMany({ where: { releaseId: r.id, action: { startsWith: 'release.co_manager' } }, orderBy: { seq: 'asc' } });
    expect(events.map((e) => [e.action, e.actorId])).toEqual([
      ['release.co_manager_added', maya.id],
      ['release.co_manager_removed', sam.id],
    ]);
    // no longer a co-manager: refused again
    expect(await addRisk.as(sam.actor)(risk(r.key))).toMatchObject({ ok: false, code: 'forbidden' });
  });

  it('cannot be added by someone who does not manage the release (not even themselves)', async () => {
    const r = await mayasRelease();
    const res = await addCoManager.as(sam.actor)({ releaseKey: r.key, userId: sam.id, version: r.version });
    expect(res).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await h.prisma.releaseCoManager.count({ where: { releaseId: r.id } })).toBe(0);
  });

  it('are set on creation, release managers only', async () => {
    const env = await makeEnvironment(h.prisma);
    const base = { title: `Created ${uid()}`, type: 'normal', environments: [env.name] };
    const viewer = await makeUser(h.prisma, ['viewer']);
    expect(await createRelease.as(maya.actor)({ ...base, coManagerIds: [viewer.id] })).toMatchObject({
      ok: false,
      fieldErrors: { coManagerIds: expect.any(Array) },
    });
    const created = await createRelease.as(maya.actor)({ ...base, coManagerIds: [sam.id] });
    expect(created.ok).toBe(true);
    const key = created.ok ? created.data.key : '';
    expect((await addRisk.as(sam.actor)(risk(key))).ok).toBe(true);
    const ref = await resolveRelease(h.prisma, key);
    expect((await h.prisma.auditEvent.findFirstOrThrow({ where: { releaseId: ref.id, action: 'release.create' } })).after).toMatchObject({
      coManagerIds: [sam.id],
    });
  });
});

describe('what the pages and the API show', () => {
  it('gives others the read-only note and no edit controls; the owner the controls', async () => {
    const r = await mayasRelease();
    const ref = await resolveRelease(h.prisma, r.key);
    const others = await releaseManagement(sam.actor, r.id);
    expect(others).toMatchObject({ mayManage: false });
    expect(others?.note).toBe(
      `You can read ${r.key}. Changes are for ${r.key}'s owner (Maya Manager) and release managers of the ${payments.name} team: ask the owner to add you as a co-manager.`,
    );
    expect((await getCoManagerPanel(sam.actor, ref))?.canEdit).toBe(false);
    expect(await getReleaseForEdit(sam.actor, r.key)).toMatchObject({ editable: false, lockedReason: others?.note });
    const gates = await getReleaseGates(sam.actor, r.key);
    expect(gates?.canTransition).toBe(false);
    expect(gates?.transitions.flatMap((t) => t.gates).find((g) => g.rule === 'actor.manages')?.why).toContain('owner (Maya Manager)');

    expect(await releaseManagement(maya.actor, r.id)).toMatchObject({ mayManage: true, note: null });
    const panel = await getCoManagerPanel(maya.actor, ref);
    expect(panel?.canEdit).toBe(true);
    expect(panel?.candidates.map((c) => c.id)).toContain(sam.id);
    expect(panel?.candidates.map((c) => c.id)).not.toContain(maya.id);
    // a viewer reads quietly: the page was read-only for them before
    const viewer = await makeUser(h.prisma, ['viewer']);
    expect(await releaseManagement(viewer.actor, r.id)).toMatchObject({ mayManage: false, note: null });
  });

  it('answers the API with 403 and the same sentence', async () => {
    const r = await mayasRelease();
    const token = await makeApiToken(h.prisma, sam.id, ['*'], { namePrefix: 't' });
    const res = await postTransition(
      new Request(`http://relm.test/api/v1/releases/${r.key}/transitions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ to: 'cancelled', version: r.version, reason: 'Not mine' }),
      }),
      { params: Promise.resolve({ key: r.key }) },
    );
    expect(res.status).toBe(403);
    const body = await res.json();
    expect(body.error.code).toBe('forbidden');
    expect(body.error.message).toBe(
      `Only ${r.key}'s owner (Maya Manager) and release managers of the ${payments.name} team may change it. Ask the owner to add you as a co-manager.`,
    );
    expect((await h.prisma.release.findUniqueOrThrow({ where: { id: r.id } })).status).toBe('draft');
  });
});
