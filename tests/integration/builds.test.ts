import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { DbHandle } from '@/lib/server/db';
import { getBuild, listBuilds, recordBuild, RecordBuildSchema } from '@/lib/server/builds';
import type { Actor } from '@/lib/server/actor';
import { digest, makeComponent, makeEnvironment, makePackage, uid } from '../support/factories';
import { dbError, eventsOfRequest, fingerprint } from '../support/inspect';
import { actorsWith, refusalCheck, withFreshDatabase } from '../support/suite';
import { itRaces, race } from '../support/race';

let h: DbHandle;
let ops: Actor;
let viewer: Actor;

withFreshDatabase(async (db) => {
  h = db;
  [ops, viewer] = await actorsWith(db, ['operations'], ['viewer']);
});

const expectRefusedWithoutWrites = refusalCheck(() => h);

async function input(over: Record<string, unknown> = {}) {
  const component = over.component ?? (await makeComponent(h.prisma)).name;
  return { component, version: '2.4.1', artifactDigest: digest(), ...over };
}

describe('recordBuild', () => {
  it('records a build with everything, normalising the digest and version, and audits it', async () => {
    const d = digest();
    const requestId = `req-${uid()}`;
    const r = await recordBuild.as(ops, { requestId })(
      await input({
        version: 'v3.0.0-rc.1+sha.5114f85',
        artifactDigest: `sha256:${d.toUpperCase()}`,
        sourceRepo: 'https://git.example/billing',
        sourceCommit: '5114f85',
        sourceBranch: 'main',
        notes: '# Changes\n\n- faster',
        workItems: [{ key: 'PAY-1', title: 'Faster', url: 'https://jira.example/PAY-1' }, { key: 'PAY-2' }],
        builtAt: '2026-11-20T10:00:00+01:00',
      }),
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.data.created).toBe(true);
    expect(r.data.build).toMatchObject({
      version: '3.0.0-rc.1+sha.5114f85',
      artifactDigest: d,
      producedBy: ops.label,
      recordedBy: { id: ops.id },
      builtAt: '2026-11-20T09:00:00.000Z',
      workItems: [{ key: 'PAY-1', title: 'Faster', url: 'https://jira.example/PAY-1' }, { key: 'PAY-2' }],
    });
    const [event] = await eventsOfRequest(h.prisma, requestId);
    expect(event).toMatchObject({ action: 'build.record', targetType: 'build', targetId: r.data.build.id });
  });

  it('answers an identical retry with the existing build, created false, and no audit event', async () => {
    const body = await input({ producedBy: 'pipeline-7' });
    const first = await recordBuild.as(ops)(body);
    expect(first).toMatchObject({ ok: true, data: { created: true } });
    const requestId = `req-${uid()}`;
    const before = await fingerprint(h.runner);
    const retry = await recordBuild.as(ops, { requestId })({ ...body, artifactDigest: `sha256:${(body.artifactDigest as string).toUpperCase()}` });
    expect(retry).toMatchObject({ ok: true, data: { created: false } });
    if (retry.ok && first.ok) expect(retry.data.build).toEqual(first.data.build);
    expect(await fingerprint(h.runner)).toEqual(before);
    expect(await eventsOfRequest(h.prisma, requestId)).toEqual([]);
  });

  it('refuses the same version with a different digest as a conflict naming the existing one', async () => {
    const body = await input();
    const first = await recordBuild.as(ops)(body);
    expect(first.ok).toBe(true);
    const other = digest();
    const r = await expectRefusedWithoutWrites(() => recordBuild.as(ops)({ ...body, artifactDigest: other }));
    expect(r.code).toBe('conflict');
    expect(r.message).toContain(`sha256:${body.artifactDigest}`);
    expect(r.message).toContain(ops.label);
    expect(r.message).toMatch(/new version/);
    expect(r.fieldErrors?.version?.[0]).toBeTruthy();
  });

  itRaces('records exactly one row for ten identical concurrent reports, without errors', async () => {
    const body = await input();
    const results = await race(
      h,
      Array.from({ length: 10 }, () => () => recordBuild.as(ops)(body)),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    expect(results.filter((r) => r.ok && r.data.created)).toHaveLength(1);
    const ids = new Set(results.map((r) => (r.ok ? r.data.build.id : null)));
    expect(ids.size).toBe(1);
    const component = await h.prisma.component.findUniqueOrThrow({ where: { name: body.component as string } });
    expect(await h.prisma.build.count({ where: { componentId: component.id } })).toBe(1);
  });

  itRaces('gives conflict, not error, to concurrent reports with different digests', async () => {
    const body = await input();
    const results = await race(
      h,
      Array.from({ length: 5 }, () => () => recordBuild.as(ops)({ ...body, artifactDigest: digest() })),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).every((r) => !r.ok && r.code === 'conflict')).toBe(true);
  });

  it('keeps builds immutable in the database', async () => {
    const r = await recordBuild.as(ops)(await input());
    if (!r.ok) throw new Error(r.message);
    const err = await dbError(h.prisma.build.update({ where: { id: r.data.build.id }, data: { notes: 'rewritten' } }));
    expect(err.message).toMatch(/immutable|build/i);
    await dbError(h.prisma.build.delete({ where: { id: r.data.build.id } }));
  });

  it('refuses an unknown component on the component field, saying where names are', async () => {
    const r = await expectRefusedWithoutWrites(async () => recordBuild.as(ops)(await input({ component: `ghost-${uid()}` })));
    expect(r.code).toBe('invalid');
    expect(r.fieldErrors?.component?.[0]).toMatch(/no component named.*\/components/);
  });

  it('refuses malformed versions, digests, links and dates field by field', async () => {
    const body = await input({
      version: '1.2',
      artifactDigest: 'abc',
      workItems: [{ key: 'A-1', url: 'javascript:alert(1)' }, { key: 'has space' }],
      builtAt: 'yesterday',
    });
    const r = await expectRefusedWithoutWrites(() => recordBuild.as(ops)(body));
    expect(r.code).toBe('invalid');
    expect(r.fieldErrors?.version?.[0]).toMatch(/MAJOR\.MINOR\.PATCH/);
    expect(r.fieldErrors?.artifactDigest?.[0]).toMatch(/64 hexadecimal/);
    expect(r.fieldErrors?.['workItems.0.url']?.[0]).toMatch(/http/);
    expect(r.fieldErrors?.['workItems.1.key']?.[0]).toMatch(/no spaces/);
    expect(r.fieldErrors?.builtAt?.[0]).toMatch(/ISO 8601/);
  });

  it('turns hostile input into invalid, never error', async () => {
    const component = (await makeComponent(h.prisma)).name;
    const huge = 'x'.repeat(10 * 1024 * 1024);
    const base = { component, version: '1.0.0', artifactDigest: digest() };
    for (const body of [
      { ...base, notes: huge },
      { ...base, component: huge },
      { ...base, version: huge },
      { ...base, sourceCommit: huge },
      { ...base, version: ['1.0.0'] },
      { ...base, artifactDigest: { hex: 1 } },
      { ...base, workItems: 'PAY-1' },
      { ...base, workItems: Array.from({ length: 101 }, (_, i) => ({ key: `K-${i}` })) },
      { ...base, workItems: [{ key: ['a'] }] },
      { ...base, notes: 'nul\u0000byte' },
      { ...base, sourceBranch: 'two\nlines' },
      { ...base, builtAt: '9999-01-01T00:00:00Z' },
      { ...base, version: '99999999999999999999.0.0' },
      [],
      null,
      42,
    ]) {
      const r = await recordBuild.as(ops)(body);
      expect(r, JSON.stringify(body).slice(0, 80)).toMatchObject({ ok: false, code: 'invalid' });
    }
  });

  it('is refused to a viewer and to nobody', async () => {
    expect(await recordBuild.as(viewer)(await input())).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await recordBuild.as(null)(await input())).toMatchObject({ ok: false, code: 'unauthenticated' });
  });

  it('has a schema that describes every field and converts to JSON Schema', () => {
    const json = z.toJSONSchema(RecordBuildSchema, { io: 'input' }) as { properties: Record<string, { description?: string }> };
    for (const [key, prop] of Object.entries(json.properties)) expect(prop.description, key).toBeTruthy();
  });
});

describe('reads', () => {
  it('lists newest first with component filter and search, and shows where a build is used', async () => {
    const c = await makeComponent(h.prisma);
    const a = await recordBuild.as(ops)({ component: c.name, version: '1.0.0', artifactDigest: digest(), sourceCommit: 'deadbeef1' });
    const b = await recordBuild.as(ops)({ component: c.name, version: '1.1.0', artifactDigest: digest() });
    if (!a.ok || !b.ok) throw new Error('setup');
    const list = await listBuilds(viewer, { component: c.name });
    expect(list.builds.map((x) => x.version)).toEqual(['1.1.0', '1.0.0']);
    const search = await listBuilds(viewer, { q: 'deadbeef' });
    expect(search.builds.map((x) => x.id)).toEqual([a.data.build.id]);
    const byDigest = await listBuilds(viewer, { q: `sha256:${b.data.build.artifactDigest.slice(0, 12)}` });
    expect(byDigest.builds.map((x) => x.id)).toEqual([b.data.build.id]);
    const paged = await listBuilds(viewer, { component: c.name, page: '2' }, 1);
    expect(paged).toMatchObject({ page: 2, total: 2, builds: [{ version: '1.0.0' }] });
    const hostile = await listBuilds(viewer, { q: { $gt: '' }, page: ['x'], component: '\u0000' });
    expect(hostile.page).toBe(1);

    const pkg = await makePackage(h.prisma);
    await h.prisma.packageItem.create({ data: { packageId: pkg.id, componentId: c.id, buildId: a.data.build.id } });
    const env = await makeEnvironment(h.prisma);
    await h.prisma.environmentComponent.create({ data: { environmentId: env.id, componentId: c.id, buildId: a.data.build.id } });
    const detail = await getBuild(viewer, a.data.build.id);
    expect(detail?.packages).toEqual([expect.objectContaining({ releaseId: pkg.releaseId, sealed: false })]);
    expect(detail?.running).toEqual([expect.objectContaining({ environment: expect.objectContaining({ name: env.name }) })]);
    expect(await getBuild(viewer, 'no such id')).toBeNull();
    expect(await getBuild(viewer, `x${uid()}`)).toBeNull();
    await expect(listBuilds(null, {})).rejects.toMatchObject({ code: 'unauthenticated' });
  });
});
