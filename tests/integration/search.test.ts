import { describe, expect, it } from 'vitest';
import type { DbHandle } from '@/lib/server/db';
import type { Actor } from '@/lib/server/actor';
import { releaseKey } from '@/lib/domain/release-key';
import { now } from '@/lib/server/clock';
import { search, searchableKinds, SUGGEST_LIMIT, type SearchResult } from '@/lib/server/search';
import { digest, makeUser, uid } from '../support/factories';
import { actorsWith, withFreshDatabase } from '../support/suite';

// The global search (issue 15, point 7; docs/decisions/048-search-and-saved-filters.md): each kind
// is found, only the kinds whose pages a role opens are searched, and each kind is limited.

let h: DbHandle;
let viewer: Actor;
let admin: Actor;

withFreshDatabase(async (db) => {
  h = db;
  [viewer, admin] = await actorsWith(db, ['viewer'], ['admin']);
});

const hitsOf = (r: SearchResult, kind: string) => r.groups.find((g) => g.kind === kind)?.hits ?? [];

async function fixture() {
  const tag = uid();
  const team = await h.prisma.team.create({ data: { slug: `srch-${tag}`, name: `Search ${tag}` } });
  const person = await makeUser(h.prisma, ['release_manager'], { name: `Quentin Quasar${tag}`, email: `quentin.${tag}@test.relm`, teamId: team.id });
  const component = await h.prisma.component.create({ data: { name: `zeta-${tag}-api`, ownerTeamId: team.id } });
  const version = `9.${parseInt(tag, 16) % 100000}.1`;
  const build = await h.prisma.build.create({
    data: {
      componentId: component.id,
      version,
      artifactDigest: digest(),
      producedBy: 'ci',
      workItems: [{ key: `ZQ-${tag}`, title: `Frobnicate the widget ${tag}` }],
    },
  });
  const release = await h.prisma.release.create({
    data: { title: `Nebula rollout ${tag}`, type: 'normal', ownerId: person.id, requesterId: person.id },
  });
  const pkg = await h.prisma.releasePackage.create({ data: { releaseId: release.id } });
  await h.prisma.packageItem.create({ data: { packageId: pkg.id, componentId: component.id, buildId: build.id } });
  return { tag, person, component, build, version, release, key: releaseKey(release.number) };
}

describe('global search', () => {
  it('finds each kind, each hit a link to its page', async () => {
    const f = await fixture();
    const byTitle = await search(admin, `nebula rollout ${f.tag}`);
    expect(hitsOf(byTitle, 'release')).toEqual([expect.objectContaining({ id: f.key, href: `/releases/${f.key}`, title: `${f.key} Nebula rollout ${f.tag}` })]);
    // the key, written as people write it
    for (const q of [f.key, f.key.toLowerCase(), `#${f.release.number}`, String(f.release.number)]) {
      expect(hitsOf(await search(admin, q), 'release')[0]?.id).toBe(f.key);
    }
    // a build version: the build with its component, and the release that ships it
    const byVersion = await search(admin, f.version);
    expect(hitsOf(byVersion, 'build')).toEqual([expect.objectContaining({ title: `${f.component.name} ${f.version}`, href: `/builds/${f.build.id}` })]);
    expect(hitsOf(byVersion, 'release').map((h) => h.id)).toEqual([f.key]);
    // a component by part of its name, in any case
    expect(hitsOf(await search(admin, `ZETA-${f.tag}`), 'component')).toEqual([
      expect.objectContaining({ id: f.component.name, href: `/components/${f.component.name}` }),
    ]);
    // a work item by key and by title; its page is the list of releases that carry it
    const byKey = hitsOf(await search(admin, `zq-${f.tag}`), 'work_item');
    expect(byKey).toEqual([expect.objectContaining({ id: `ZQ-${f.tag}`, href: `/releases?workItem=ZQ-${f.tag}` })]);
    expect(hitsOf(await search(admin, `frobnicate the widget ${f.tag}`), 'work_item').map((h) => h.id)).toEqual([`ZQ-${f.tag}`]);
    // people by name and by the e-mail local part
    expect(hitsOf(await search(admin, `quasar${f.tag}`), 'person')).toEqual([
      expect.objectContaining({ id: f.person.id, href: `/admin/users/${f.person.id}` }),
    ]);
    expect(hitsOf(await search(admin, `quentin.${f.tag}`), 'person').map((h) => h.id)).toEqual([f.person.id]);
    expect(hitsOf(await search(admin, `@quentin.${f.tag}`), 'person').map((h) => h.id)).toEqual([f.person.id]);
  });

  it('searches only what the role may open: a person leads an admin to their page, anyone else to their releases', async () => {
    const f = await fixture();
    expect(searchableKinds(viewer)).toEqual(['release', 'component', 'build', 'work_item', 'person']);
    expect(searchableKinds(admin)).toContain('person');
    const r = await search(viewer, `quentin.${f.tag}`);
    expect(hitsOf(r, 'person')).toEqual([
      expect.objectContaining({ id: f.person.id, href: `/releases?owner=${f.person.id}`, detail: expect.stringContaining('their releases') }),
    ]);
    // what only an admin learns (whether the account is disabled) stays with admins
    await h.prisma.user.update({ where: { id: f.person.id }, data: { disabledAt: now() } });
    expect(hitsOf(await search(viewer, `quentin.${f.tag}`), 'person')[0]!.detail).not.toContain('disabled');
    expect(hitsOf(await search(admin, `quentin.${f.tag}`), 'person')[0]!.detail).toContain('disabled');
    expect(hitsOf(await search(viewer, f.version), 'build')).toHaveLength(1);
    await expect(search(null, 'anything')).rejects.toMatchObject({ code: 'unauthenticated' });
    const [nobody] = await actorsWith(h, []);
    await expect(search(nobody, 'anything')).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('limits each kind, says there are more, and reads hostile text literally', async () => {
    const tag = uid();
    const owner = await makeUser(h.prisma, ['release_manager']);
    for (let i = 0; i < SUGGEST_LIMIT + 3; i++) {
      await h.prisma.release.create({ data: { title: `Many ${tag} ${i}`, type: 'normal', ownerId: owner.id, requesterId: owner.id } });
    }
    const few = await search(viewer, `many ${tag}`);
    const g = few.groups.find((x) => x.kind === 'release')!;
    expect(g.hits).toHaveLength(SUGGEST_LIMIT);
    expect(g.more).toBe(true);
    // newest first
    expect(g.hits[0]!.title).toContain(`Many ${tag} ${SUGGEST_LIMIT + 2}`);
    const page = await search(viewer, `many ${tag}`, 20);
    expect(page.groups.find((x) => x.kind === 'release')).toMatchObject({ more: false });
    expect(page.groups.find((x) => x.kind === 'release')!.hits).toHaveLength(SUGGEST_LIMIT + 3);

    // builds and work items need three characters (their trigram indexes do)
    const two = await search(admin, '9.');
    expect(two.groups.map((x) => x.kind)).not.toContain('build');
    expect(two.groups.map((x) => x.kind)).not.toContain('work_item');
    expect(await search(viewer, '%')).toMatchObject({ groups: [], tooShort: true });
    expect((await search(viewer, '%_\\')).groups).toEqual([]);
    expect(await search(viewer, '')).toMatchObject({ groups: [], tooShort: false });
    expect(await search(viewer, ['', 'x'])).toMatchObject({ groups: [] });
    expect((await search(viewer, `\u0000many ${tag}`)).groups.length).toBeGreaterThan(0);
    expect((await search(viewer, 'x'.repeat(5000))).q).toHaveLength(100);
  });
});
