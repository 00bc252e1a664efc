import { renderToString } from '@/tests/support/render';
import { describe, expect, it, vi } from 'vitest';
import type { DbHandle } from '@/lib/server/db';
import type { Actor } from '@/lib/server/actor';
import { listReleases, type ReleaseSort } from '@/lib/server/releases';
import { releaseKey } from '@/lib/domain/release-key';
import { makeBuild, makeComponent, makeUser, uid, uniqueInt } from '../support/factories';
import { actorsWith, withFreshDatabase } from '../support/suite';

// The release list's search (docs/decisions/019-release-search.md): every field it names
// finds its release, the text is taken literally, the key ranks first, and cursors walk
// the same rows as page numbers do.

// a holder on globalThis: test files share a worker's modules (isolate: false)
const session = vi.hoisted(() => {
  const g = globalThis as { __relmReleasesSession?: { actor: Actor | null } };
  return (g.__relmReleasesSession ??= { actor: null });
});
vi.mock('@/lib/server/session', () => ({ currentUser: async () => session.actor, requireUser: async () => session.actor }));

let h: DbHandle;
let viewer: Actor;

withFreshDatabase(async (db) => {
  h = db;
  [viewer] = await actorsWith(db, ['viewer']);
});

async function release(ownerId: string, title: string, over: { description?: string; plannedStart?: Date | null } = {}) {
  return h.prisma.release.create({
    data: { title, type: 'normal', ownerId, requesterId: ownerId, description: over.description ?? '', plannedStart: over.plannedStart ?? null },
  });
}

/** Puts a build of `componentName` (created) with `version` and work items into the release's package. */
async function shipIn(releaseId: string, componentName: string, version: string, workItems: string[] = []) {
  const component = await makeComponent(h.prisma, { name: componentName });
  const build = await h.prisma.build.create({
    data: {
      componentId: component.id,
      version,
      artifactDigest: 'a'.repeat(64),
      producedBy: 'ci',
      workItems: workItems.map((key) => ({ key, title: `Work on ${key}` })),
    },
  });
  const pkg = await h.prisma.releasePackage.upsert({ where: { releaseId }, create: { releaseId }, update: {} });
  await h.prisma.packageItem.create({ data: { packageId: pkg.id, componentId: component.id, buildId: build.id } });
}

const search = async (q: string, extra: Record<string, unknown> = {}, size = 50) => listReleases(viewer, { q, ...extra }, size);
const keysOf = (r: { releases: { key: string }[] }) => r.releases.map((x) => x.key);

describe('searching the release list', () => {
  it('finds a release by title, description, component, build version and work item key', async () => {
    const owner = await makeUser(h.prisma, ['release_manager']);
    const id = uid();
    const minor = uniqueInt();
    const target = await release(owner.id, `Quarterly payroll ${id}`, { description: `Moves the ledger-${id} cut-over to Sunday.` });
    await shipIn(target.id, `notification-service-${id}`, `9.${minor}.1-rc.${id}`, [`NOTIF-${id}`, `OPS-${id}`]);
    // a neighbour that shares nothing with the queries below
    const other = await release(owner.id, `Something else ${uid()}`);
    await shipIn(other.id, `billing-api-${uid()}`, `1.0.${uniqueInt()}`, [`PAY-${uid()}`]);

    const key = releaseKey(target.number);
    for (const q of [
      `payroll ${id}`, // title
      `ledger-${id}`, // description
      `notification-service-${id}`, // component, whole name
      `NOTIFICATION-service-${id.slice(0, 4)}`, // component, a part, any case
      `9.${minor}.1-rc`, // build version
      `notif-${id}`, // work item key
      `OPS-${id}`, // the second work item
    ]) {
      const r = await search(q);
      expect({ q, keys: keysOf(r), total: r.total }).toEqual({ q, keys: [key], total: 1 });
    }
    // a work item's title is not searched, and no match runs across two keys
    expect((await search(`Work on NOTIF-${id}`)).total).toBe(0);
  });

  it('finds "notification-service" across every release whose package holds it, by any build', async () => {
    const owner = await makeUser(h.prisma, ['release_manager']);
    const name = `notification-service-${uid()}`;
    const component = await makeComponent(h.prisma, { name });
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await release(owner.id, `Unrelated title ${uid()}`);
      const build = await makeBuild(h.prisma, { componentId: component.id });
      const pkg = await h.prisma.releasePackage.create({ data: { releaseId: r.id } });
      await h.prisma.packageItem.create({ data: { packageId: pkg.id, componentId: component.id, buildId: build.id } });
      ids.push(r.id);
    }
    const r = await search(name);
    expect(r.total).toBe(3);
    expect(r.releases.map((x) => x.id).sort()).toEqual([...ids].sort());
  });

  it('keeps the search document current: title edits, package changes and component renames', async () => {
    const owner = await makeUser(h.prisma, ['release_manager']);
    const id = uid();
    const r = await release(owner.id, `Ledger move ${id}`);
    await shipIn(r.id, `ledger-api-${id}`, `4.${uniqueInt()}.0`);
    const key = releaseKey(r.number);
    expect(keysOf(await search(`ledger-api-${id}`))).toEqual([key]);
    // a title edit
    await h.prisma.release.update({ where: { id: r.id }, data: { title: `Payroll cut-over ${id}` } });
    expect((await search(`Ledger move ${id}`)).total).toBe(0);
    expect(keysOf(await search(`payroll cut-over ${id}`))).toEqual([key]);
    // the component is renamed: the release is found by its new name only
    const item = await h.prisma.packageItem.findFirstOrThrow({ where: { package: { releaseId: r.id } }, include: { component: true } });
    await h.prisma.component.update({ where: { id: item.componentId }, data: { name: `general-ledger-${id}` } });
    expect((await search(`ledger-api-${id}`)).total).toBe(0);
    const renamed = await search(`general-ledger-${id}`);
    expect(keysOf(renamed)).toEqual([key]);
    // ... and ranks as a whole field
    expect(renamed.releases[0]!.key).toBe(key);
    // the item leaves the package: the component no longer finds the release
    await h.prisma.packageItem.delete({ where: { id: item.id } });
    expect((await search(`general-ledger-${id}`)).total).toBe(0);
    expect(keysOf(await search(`payroll cut-over ${id}`))).toEqual([key]);
  });

  it('counts a common word up to 1,000, ranks exact matches first, and pages on by cursor past the count', async () => {
    const owner = await makeUser(h.prisma, ['release_manager']);
    const word = `common${uid().replace(/-/g, '')}`;
    await h.runner.query(
      `INSERT INTO "Release" (id, title, type, "ownerId", "requesterId", "updatedAt")
         SELECT 'common-' || $1 || '-' || g, 'Release about ' || $1 || ' ' || g, 'normal', $2, $2, now() FROM generate_series(1, 1010) g`,
      [word, owner.id],
    );
    const exact = await release(owner.id, word.toUpperCase());
    const first = await search(word, {}, 25);
    expect(first.total).toBe(1000);
    expect(first.totalExact).toBe(false);
    expect(first.releases).toHaveLength(25);
    // the title equal to the word (any case) first, then the newest of the rest
    expect(first.releases[0]!.id).toBe(exact.id);
    expect(first.releases[1]!.title).toBe(`Release about ${word} 1010`);
    // a cursor walks every match, past the count
    const seen = new Set<string>();
    let cursor: string | undefined;
    for (;;) {
      const p = await listReleases(viewer, { q: word, ...(cursor ? { cursor } : {}) }, 200);
      p.releases.forEach((x) => seen.add(x.id));
      if (!p.nextCursor) break;
      cursor = p.nextCursor;
    }
    expect(seen.size).toBe(1011);
    // a narrower search is counted exactly
    const narrow = await search(`${word} 101`);
    expect(narrow.totalExact).toBe(true);
    expect(narrow.total).toBe(2); // 101 and 1010
    // the page renders the lower bound
    session.actor = viewer;
    const { default: ReleasesPage } = await import('@/app/(app)/releases/page');
    const html = await renderToString(await ReleasesPage({ searchParams: Promise.resolve({ q: word }) }));
    expect(html).toContain('More than 1,000 releases match');
    expect(html).toContain('at least');
  });

  it('takes %, _, backslashes and quotes literally', async () => {
    const owner = await makeUser(h.prisma, ['release_manager']);
    const id = uid();
    const hit = await release(owner.id, `Ship 100% of ${id} a_b it's "quoted" C:\\path`);
    // each would match if % or _ were wildcards
    await release(owner.id, `Ship 1000 of ${id} axb its quoted C:path`);
    for (const q of [`100% of ${id}`, `${id} a_b`, `it's "quoted"`, 'C:\\path']) {
      const r = await search(q, { owner: owner.id });
      expect({ q, keys: keysOf(r) }).toEqual({ q, keys: [releaseKey(hit.number)] });
    }
    for (const q of ['%', '_', "'", '"', '\\', '\'; DROP TABLE "Release"; --']) {
      const r = await search(q, { owner: owner.id });
      // only the release that really contains the character, never everything
      expect({ q, n: r.total }).toEqual({ q, n: q.length === 1 ? 1 : 0 });
    }
  });

  it('lists the exact key first, then whole-field matches, then the rest', async () => {
    const owner = await makeUser(h.prisma, ['release_manager']);
    const byKey = await release(owner.id, `Key target ${uid()}`);
    const n = String(byKey.number);
    const partial = await release(owner.id, `Mentions ${n} somewhere`);
    const exact = await release(owner.id, n);
    const r = await search(`REL-${n}`.replace('REL-', ''), { owner: owner.id });
    expect(r.releases.map((x) => x.id)).toEqual([byKey.id, exact.id, partial.id]);
    const r2 = await search(releaseKey(byKey.number), { owner: owner.id });
    expect(r2.releases[0]!.id).toBe(byKey.id);
  });

  it('keeps the other filters', async () => {
    const owner = await makeUser(h.prisma, ['release_manager']);
    const other = await makeUser(h.prisma, ['release_manager']);
    const word = `filterword${uid()}`;
    const mine = await release(owner.id, `${word} one`);
    await release(other.id, `${word} two`);
    expect((await search(word)).total).toBe(2);
    expect(keysOf(await search(word, { owner: owner.id }))).toEqual([releaseKey(mine.number)]);
    expect((await search(word, { status: ['closed'] })).total).toBe(0);
  });
});

describe('the list page', () => {
  const render = async (query: Record<string, string>) => {
    session.actor = viewer;
    const { default: ReleasesPage } = await import('@/app/(app)/releases/page');
    const html = (await renderToString(await ReleasesPage({ searchParams: Promise.resolve(query) }))).replace(/<!-- -->/g, '');
    return { html, plain: html.replace(/<[^>]+>/g, '').replace(/&quot;/g, '"') };
  };

  it('says what was searched, keeps the text in the box, and names an empty result', async () => {
    const owner = await makeUser(h.prisma, ['release_manager']);
    const name = `notification-service-${uid()}`;
    for (let i = 0; i < 2; i++) {
      const r = await release(owner.id, `Plain title ${uid()}`);
      await shipIn(r.id, i === 0 ? name : `${name}-x`, `2.${uniqueInt()}.0`);
    }
    const { html, plain } = await render({ q: name });
    expect(plain).toContain(`2 releases match “${name}” in title, description, components, versions or work items.`);
    expect(html).toMatch(new RegExp(`name="q"[^>]*value="${name}"|value="${name}"[^>]*name="q"`));
    const none = await render({ q: `nothing-${uid()}` });
    expect(none.plain).toMatch(/No releases match “nothing-[0-9a-f]+”/);
  });
});

describe('paging by cursor', () => {
  async function walk(filters: Record<string, unknown>, size: number) {
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let i = 0; i < 50; i++) {
      const r = await listReleases(viewer, { ...filters, ...(cursor ? { cursor } : {}) }, size);
      seen.push(...r.releases.map((x) => x.id));
      if (!r.nextCursor) return seen;
      cursor = r.nextCursor;
    }
    throw new Error('the cursor never ended');
  }

  it('walks every sort (with missing and equal planned starts) and a ranked search exactly as one long page', async () => {
    const owner = await makeUser(h.prisma, ['release_manager']);
    const word = `walker${uid()}`;
    const day = (d: number) => new Date(Date.UTC(2027, 0, d, 9));
    const starts = [null, day(3), day(1), null, day(3), day(2), day(3), null, day(5)];
    const made = [];
    for (const [i, plannedStart] of starts.entries()) made.push(await release(owner.id, i === 4 ? word : `${word} number ${i}`, { plannedStart }));
    for (const sort of ['newest', 'planned_desc', 'planned_asc'] as ReleaseSort[]) {
      for (const filters of [
        { owner: owner.id, sort },
        { owner: owner.id, sort, q: word },
      ]) {
        const all = (await listReleases(viewer, filters, 100)).releases.map((x) => x.id);
        expect(all).toHaveLength(starts.length);
        for (const size of [1, 2, 4]) expect({ sort, size, ids: await walk(filters, size) }).toEqual({ sort, size, ids: all });
      }
    }
    // the whole-title match is ranked before the partial ones whatever the sort
    const ranked = await listReleases(viewer, { owner: owner.id, q: word, sort: 'planned_asc' }, 3);
    expect(ranked.releases[0]!.id).toBe(made[4]!.id);
  });
});

// both databases: PGlite plans with the same PostgreSQL planner
describe('the trigram indexes', () => {
  it('serve the search at a few thousand rows', async () => {
    const owner = await makeUser(h.prisma, ['release_manager']);
    const team = (await makeComponent(h.prisma)).ownerTeamId;
    await h.runner.exec(`
      INSERT INTO "Release" (id, title, description, type, "ownerId", "requesterId", "updatedAt")
        SELECT 'bulk-' || g, 'Bulk release ' || md5(g::text), md5((g * 7)::text), 'normal', '${owner.id}', '${owner.id}', now()
          FROM generate_series(1, 4000) g;
      INSERT INTO "Component" (id, name, "ownerTeamId", "updatedAt")
        SELECT 'bulk-c-' || g, 'svc-' || md5(g::text), '${team}', now() FROM generate_series(1, 4000) g;
      INSERT INTO "Build" (id, "componentId", version, "artifactDigest", "producedBy", "workItems")
        SELECT 'bulk-b-' || g, 'bulk-c-' || (g % 4000 + 1), '1.' || g || '.0', repeat('b', 64), 'ci',
               jsonb_build_array(jsonb_build_object('key', 'BULK-' || g))
          FROM generate_series(1, 4000) g;
      INSERT INTO "ReleasePackage" (id, "releaseId", "updatedAt") SELECT 'bulk-p-' || g, 'bulk-' || g, now() FROM generate_series(1, 4000) g;
      INSERT INTO "PackageItem" (id, "packageId", "componentId", "buildId")
        SELECT 'bulk-i-' || g, 'bulk-p-' || g, 'bulk-c-' || (g % 4000 + 1), 'bulk-b-' || g FROM generate_series(1, 4000) g;`);
    // VACUUM moves the rows out of GIN's pending list (autovacuum's job in production), whose
    // scan cost would otherwise make the planner prefer a sequential scan
    for (const t of ['Release', 'Component', 'Build', 'PackageItem']) await h.runner.exec(`VACUUM ANALYZE "${t}"`);
    const plan = async (sql: string) => (await h.runner.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${sql}`)).map((r) => r['QUERY PLAN']).join('\n');
    const pat = `'%${'3f2a9'}%'`;
    // the search document the triggers wrote for each bulk release: title, description, component, version, work item
    const [doc] = await h.runner.query<{ searchText: string; searchTerms: string[] }>(
      `SELECT "searchText", "searchTerms" FROM "Release" WHERE id = 'bulk-3999'`,
    );
    const [md] = await h.runner.query<{ t: string; d: string; c: string }>(`SELECT md5('3999') AS t, md5('27993') AS d, md5('4000') AS c`);
    expect(doc!.searchText.split('\n')).toEqual([`bulk release ${md!.t}`, md!.d, `svc-${md!.c}`, '1.3999.0', 'bulk-3999']);
    expect(doc!.searchTerms).toEqual([`bulk release ${md!.t}`, '1.3999.0', `svc-${md!.c}`].sort());
    expect(await plan(`SELECT id FROM "Release" WHERE "searchText" ILIKE ${pat}`)).toContain('Release_searchText_trgm');
    expect(await plan(`SELECT id FROM "Release" WHERE "searchTerms" @> ARRAY['1.3999.0']`)).toContain('Release_searchTerms_idx');
    expect(await plan(`SELECT id FROM "Component" WHERE name ILIKE ${pat}`)).toContain('Component_name_trgm');
    expect(await plan(`SELECT id FROM "Build" WHERE version ILIKE '%1.3999.%'`)).toContain('Build_version_trgm');
    expect(await plan(`SELECT id FROM "Build" WHERE relm_work_item_keys("workItems") ILIKE '%BULK-3999%'`)).toContain('Build_workItemKeys_trgm');
    expect(await plan(`SELECT id FROM "PackageItem" WHERE "componentId" = 'x'`)).toContain('PackageItem_componentId_idx');
    // and the search itself answers quickly
    const started = performance.now();
    const r = await listReleases(viewer, { q: 'BULK-3999' }, 25);
    expect(r.releases.map((x) => x.id)).toEqual(['bulk-3999']);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
