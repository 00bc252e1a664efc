import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/lib/server/db';
import { createRelease, describeWhen, getReleaseForEdit, setNoKnownRisks, updateRelease } from '@/lib/server/release-edits';
import { addRisk } from '@/lib/server/risks';
import type { Actor } from '@/lib/server/actor';
import type { ActionResult } from '@/lib/domain/result';
import { RELEASE_STATUSES } from '@/lib/domain/lifecycle';
import { allows as statusAllows } from '@/lib/domain/release-rules';
import { freshDatabase } from '../support/db';
import { makeEnvironment, makeUser, uid } from '../support/factories';
import { fingerprint } from '../support/inspect';

let h: DbHandle;
let rm: Actor;
let maria: Actor;
let env: { name: string; id: string };
let env2: { name: string; id: string };

beforeAll(async () => {
  h = await freshDatabase();
  rm = (await makeUser(h.prisma, ['release_manager'], { name: 'Robin Release' })).actor;
  maria = (await makeUser(h.prisma, ['release_manager'], { name: 'Maria Manager' })).actor;
  env = await makeEnvironment(h.prisma);
  env2 = await makeEnvironment(h.prisma);
});

afterAll(async () => {
  await h?.close();
});

const input = (over: Record<string, unknown> = {}) => ({
  title: `Billing ${uid()}`,
  type: 'normal',
  environments: [env.name],
  plannedStart: '2026-12-01T20:00',
  plannedEnd: '2026-12-01T22:30',
  timezone: 'Europe/Berlin',
  description: 'Ships the new ledger',
  businessJustification: 'Regulatory deadline',
  ...over,
});

async function refused<T>(call: () => Promise<ActionResult<T>>) {
  const before = await fingerprint(h.runner);
  const r = await call();
  expect(r.ok).toBe(false);
  expect(await fingerprint(h.runner)).toEqual(before);
  return r as Extract<ActionResult<T>, { ok: false }>;
}

async function created(over: Record<string, unknown> = {}, actor = rm) {
  const r = await createRelease.as(actor)(input(over));
  if (!r.ok) throw new Error(JSON.stringify(r));
  return r.data.key;
}

describe('createRelease', () => {
  it('assigns REL-n keys from the sequence and stores the window in the chosen zone', async () => {
    const a = await created();
    const b = await created();
    expect(a).toMatch(/^REL-\d+$/);
    expect(Number(b.slice(4))).toBeGreaterThan(Number(a.slice(4)));
    const row = await h.prisma.release.findUniqueOrThrow({ where: { number: Number(a.slice(4)) }, include: { environments: true } });
    // 20:00 in Berlin in December is 19:00 UTC
    expect(row.plannedStart?.toISOString()).toBe('2026-12-01T19:00:00.000Z');
    expect(row.plannedEnd?.toISOString()).toBe('2026-12-01T21:30:00.000Z');
    expect(row).toMatchObject({ ownerId: rm.id, requesterId: rm.id, status: 'draft', version: 1, updatedById: rm.id, timezone: 'Europe/Berlin' });
    expect(row.environments.map((e) => e.environmentId)).toEqual([env.id]);
    const form = await getReleaseForEdit(rm, a);
    expect(form).toMatchObject({ plannedStart: '2026-12-01T20:00', plannedEnd: '2026-12-01T22:30', environments: [env.name], version: 1, editable: true });
  });

  it('refuses hostile input field by field and writes nothing', async () => {
    const r = await refused(() =>
      createRelease.as(rm)({
        title: '  ',
        type: 'yolo',
        environments: 'production',
        plannedStart: "2026-12-01'; DROP TABLE",
        plannedEnd: { $gt: '' },
        timezone: 'Mars/Olympus',
        description: 'x'.repeat(20_000),
        stakeholderIds: 'all',
      }),
    );
    expect(r.code).toBe('invalid');
    expect(Object.keys(r.fieldErrors ?? {}).sort()).toEqual(
      ['description', 'environments', 'plannedEnd', 'plannedStart', 'stakeholderIds', 'timezone', 'title', 'type'].sort(),
    );
    const nul = await refused(() => createRelease.as(rm)(input({ title: 'Bad\u0000title' })));
    expect(nul.fieldErrors?.title).toBeDefined();
  });

  it('requires at least one known environment', async () => {
    const none = await refused(() => createRelease.as(rm)(input({ environments: [] })));
    expect(none.fieldErrors?.environments?.[0]).toMatch(/at least one target environment/);
    const unknown = await refused(() => createRelease.as(rm)(input({ environments: ['atlantis'] })));
    expect(unknown.fieldErrors?.environments?.[0]).toMatch(/Unknown environment: atlantis/);
  });

  it('requires the owner to be an active release manager', async () => {
    const viewer = await makeUser(h.prisma, ['viewer'], { name: 'Vic Viewer' });
    const r = await refused(() => createRelease.as(rm)(input({ ownerId: viewer.id })));
    expect(r.fieldErrors?.ownerId?.[0]).toMatch(/Vic Viewer is not a release manager/);
    const gone = await makeUser(h.prisma, ['release_manager'], { disabled: true });
    expect((await refused(() => createRelease.as(rm)(input({ ownerId: gone.id })))).fieldErrors?.ownerId).toBeDefined();
    const key = await created({ ownerId: maria.id });
    expect((await getReleaseForEdit(rm, key))?.ownerId).toBe(maria.id);
  });

  it('checks the window: both ends, end after start, times that exist', async () => {
    const backwards = await refused(() => createRelease.as(rm)(input({ plannedEnd: '2026-12-01T19:00' })));
    expect(backwards.fieldErrors?.plannedEnd?.[0]).toMatch(/end after it starts/);
    const half = await refused(() => createRelease.as(rm)(input({ plannedEnd: '' })));
    expect(half.fieldErrors?.plannedEnd).toBeDefined();
    const feb30 = await refused(() => createRelease.as(rm)(input({ plannedStart: '2026-02-30T10:00', plannedEnd: '2026-03-01T10:00' })));
    expect(feb30.fieldErrors?.plannedStart).toBeDefined();
    // 02:30 on 29 March 2026 is skipped in Berlin (clocks go forward)
    const gap = await refused(() => createRelease.as(rm)(input({ plannedStart: '2026-03-29T02:30', plannedEnd: '2026-03-29T05:00' })));
    expect(gap.fieldErrors?.plannedStart?.[0]).toMatch(/does not exist/);
    const unplanned = await created({ plannedStart: '', plannedEnd: '' });
    expect((await getReleaseForEdit(rm, unplanned))?.plannedStart).toBe('');
  });

  it('checks stakeholders are users', async () => {
    const r = await refused(() => createRelease.as(rm)(input({ stakeholderIds: ['nobody-here'] })));
    expect(r.fieldErrors?.stakeholderIds).toBeDefined();
    const approver = await makeUser(h.prisma, ['approver']);
    const key = await created({ stakeholderIds: [approver.id, approver.id] });
    expect((await getReleaseForEdit(rm, key))?.stakeholderIds).toEqual([approver.id]);
  });
});

describe('updateRelease', () => {
  it('saves, bumps the version, and refuses the second of two edits from the same version naming the first editor', async () => {
    const key = await created();
    const form = (await getReleaseForEdit(rm, key))!;
    const first = await updateRelease.as(maria)({ ...form, title: 'Maria was here', environments: [env.name, env2.name] });
    expect(first).toMatchObject({ ok: true, data: { key, version: 2, changed: true } });
    const second = await refused(() => updateRelease.as(rm)({ ...form, title: 'Robin was here' }));
    expect(second.code).toBe('stale');
    expect(second.message).toMatch(
      new RegExp(
        `^Maria Manager saved a newer version of ${key} at \\d{2}:\\d{2} UTC \\(.+ ago\\) after you opened it \\(it is now at version 2; you had version 1\\)\\. Your changes are kept below`,
      ),
    );
    const now = (await getReleaseForEdit(rm, key))!;
    expect(now).toMatchObject({ title: 'Maria was here', version: 2 });
    expect(now.environments.sort()).toEqual([env.name, env2.name].sort());
    // saving again from the current version works
    expect(await updateRelease.as(rm)({ ...now, title: 'Robin was here' })).toMatchObject({ ok: true, data: { version: 3 } });
  });

  it('two concurrent saves from the same version: exactly one wins', async () => {
    const key = await created();
    const form = (await getReleaseForEdit(rm, key))!;
    const results = await Promise.all([updateRelease.as(rm)({ ...form, title: 'Concurrent A' }), updateRelease.as(maria)({ ...form, title: 'Concurrent B' })]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok && r.code === 'stale')).toHaveLength(1);
  });

  it('a risk write makes an open form stale too', async () => {
    const key = await created();
    const form = (await getReleaseForEdit(rm, key))!;
    expect((await addRisk.as(maria)({ releaseKey: key, title: 'Lock contention', likelihood: 2, impact: 2 })).ok).toBe(true);
    const r = await refused(() => updateRelease.as(rm)({ ...form, title: 'Later' }));
    expect(r.code).toBe('stale');
  });

  it('refuses edits once the release left draft, with the reason', async () => {
    const key = await created();
    await h.prisma.release.update({ where: { number: Number(key.slice(4)) }, data: { status: 'approved' } });
    const form = (await getReleaseForEdit(rm, key))!;
    expect(form.editable).toBe(false);
    const r = await refused(() => updateRelease.as(rm)({ ...form, title: 'Too late' }));
    expect(r.code).toBe('conflict');
    expect(r.message).toMatch(/approved: its details can be edited only while the release is draft or rejected\. To change it now/);
    expect(r.message.startsWith(form.lockedReason!)).toBe(true);
  });

  it('the form is editable in exactly the statuses whose save the mutation accepts (one rules table)', async () => {
    for (const status of RELEASE_STATUSES) {
      const key = await created();
      await h.prisma.release.update({ where: { number: Number(key.slice(4)) }, data: { status } });
      const form = (await getReleaseForEdit(rm, key))!;
      expect({ status, editable: form.editable }).toEqual({ status, editable: statusAllows(status, 'editDetails') });
      const r = await updateRelease.as(rm)({ ...form, title: `Retitled ${status}` });
      expect({ status, ok: r.ok }).toEqual({ status, ok: form.editable });
      if (!r.ok) expect(r.message.startsWith(form.lockedReason!)).toBe(true);
    }
  });

  it('an unchanged save changes nothing', async () => {
    const key = await created();
    const form = (await getReleaseForEdit(rm, key))!;
    const before = await fingerprint(h.runner);
    expect(await updateRelease.as(rm)(form)).toMatchObject({ ok: true, data: { changed: false, version: 1 } });
    expect(await fingerprint(h.runner)).toEqual(before);
  });

  it('keeps the owner when none is sent, and checks a new one', async () => {
    const key = await created({ ownerId: maria.id });
    const form = (await getReleaseForEdit(rm, key))!;
    expect(await updateRelease.as(rm)({ ...form, ownerId: '', title: 'Owner kept' })).toMatchObject({ ok: true });
    expect((await getReleaseForEdit(rm, key))!.ownerId).toBe(maria.id);
    const viewer = await makeUser(h.prisma, ['viewer'], { name: 'Vera Viewer' });
    const now = (await getReleaseForEdit(rm, key))!;
    const r = await refused(() => updateRelease.as(rm)({ ...now, ownerId: viewer.id, environments: ['atlantis'] }));
    expect(r.fieldErrors?.ownerId?.[0]).toMatch(/Vera Viewer is not a release manager/);
    expect(r.fieldErrors?.environments?.[0]).toMatch(/Unknown environment/);
  });

  it('refuses an unknown or malformed key', async () => {
    const form = (await getReleaseForEdit(rm, await created()))!;
    expect((await refused(() => updateRelease.as(rm)({ ...form, key: 'REL-99999999' }))).code).toBe('not_found');
    expect((await refused(() => updateRelease.as(rm)({ ...form, key: "REL-1' OR 1=1" }))).code).toBe('not_found');
    expect((await refused(() => updateRelease.as(rm)({ ...form, version: 'abc' }))).code).toBe('invalid');
  });
});

describe('setNoKnownRisks', () => {
  it('records the statement, and refuses it while open risks exist', async () => {
    const key = await created();
    let form = (await getReleaseForEdit(rm, key))!;
    expect(await setNoKnownRisks.as(rm)({ releaseKey: key, version: form.version, noKnownRisks: true, statement: 'Text change only' })).toMatchObject({
      ok: true,
    });
    const row = await h.prisma.release.findUniqueOrThrow({ where: { number: Number(key.slice(4)) } });
    expect(row.noKnownRisks).toBe(true);
    expect(row.risksAssessedAt).not.toBeNull();
    // a recorded risk replaces the statement
    expect((await addRisk.as(rm)({ releaseKey: key, title: 'Cache warm-up', likelihood: 1, impact: 2 })).ok).toBe(true);
    form = (await getReleaseForEdit(rm, key))!;
    const r = await refused(() => setNoKnownRisks.as(rm)({ releaseKey: key, version: form.version, noKnownRisks: true }));
    expect(r.code).toBe('conflict');
    expect(r.message).toMatch(/still has open risks \(Cache warm-up\)/);
    const staleOne = await refused(() => setNoKnownRisks.as(rm)({ releaseKey: key, version: 1, noKnownRisks: false }));
    expect(staleOne.code === 'stale' || staleOne.ok === false).toBe(true);
  });
});

describe('describeWhen', () => {
  it('says the UTC time and how long ago', () => {
    const now = new Date('2026-11-23T14:05:00Z');
    expect(describeWhen(new Date('2026-11-23T14:03:00Z'), now)).toBe('14:03 UTC (2 minutes ago)');
    expect(describeWhen(new Date('2026-11-21T09:00:00Z'), now)).toBe('2026-11-21 09:00 UTC (2 days ago)');
  });
});
