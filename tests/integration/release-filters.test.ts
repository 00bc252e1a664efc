import { describe, expect, it } from 'vitest';
import type { DbHandle } from '@/lib/server/db';
import type { Actor } from '@/lib/server/actor';
import { releaseKey } from '@/lib/domain/release-key';
import { exportReleasesCsv } from '@/lib/server/exports';
import { listReleases } from '@/lib/server/releases';
import { deleteFilter, listSavedFilters, renameFilter, saveFilter } from '@/lib/server/saved-filters';
import { CSV_BOM } from '@/lib/domain/csv';
import { digest, makeUser, uid } from '../support/factories';
import { actorsWith, withFreshDatabase } from '../support/suite';
import { parseCsv } from '../support/csv';

// The release list's filters beyond status, environment and owner (issue 15, point 7): component,
// build version, work item, the owner's team, type, risk level and the window; the CSV export reads
// the same parser; and each person's saved filters (docs/decisions/048-search-and-saved-filters.md).

let h: DbHandle;
let viewer: Actor;
let other: Actor;
const meta = { requestId: 'req-filters-test', ip: '192.0.2.9' };

withFreshDatabase(async (db) => {
  h = db;
  [viewer, other] = await actorsWith(db, ['viewer'], ['approver']);
});

/** Four releases told apart by every filter; `tag` keeps them apart from other tests' rows. */
async function fixture() {
  const tag = uid();
  const teamA = await h.prisma.team.create({ data: { slug: `pay-${tag}`, name: `Payments ${tag}` } });
  const teamB = await h.prisma.team.create({ data: { slug: `core-${tag}`, name: `Core ${tag}` } });
  const ownerA = await makeUser(h.prisma, ['release_manager'], { teamId: teamA.id });
  const ownerB = await makeUser(h.prisma, ['release_manager'], { teamId: teamB.id });
  const pay = await h.prisma.component.create({ data: { name: `pay-api-${tag}`, ownerTeamId: teamA.id } });
  const web = await h.prisma.component.create({ data: { name: `web-${tag}`, ownerTeamId: teamB.id } });
  const build = (componentId: string, version: string, keys: string[]) =>
    h.prisma.build.create({
      data: { componentId, version, artifactDigest: digest(), producedBy: 'ci', workItems: keys.map((key) => ({ key, title: `Work ${key}` })) },
    });
  const pay241 = await build(pay.id, '2.4.1', [`PAY-${tag}-1`]);
  const pay250 = await build(pay.id, '2.5.0', [`PAY-${tag}-2`]);
  const web241 = await build(web.id, '2.4.1', [`WEB-${tag}-1`]);
  const release = async (
    n: number,
    o: {
      ownerId: string;
      type: 'normal' | 'emergency' | 'standard';
      risk: 'low' | 'high' | null;
      start?: string;
      end?: string;
      items: { componentId: string; buildId: string }[];
    },
  ) => {
    const r = await h.prisma.release.create({
      data: {
        title: `Filters ${tag} ${n}`,
        type: o.type,
        riskLevel: o.risk,
        ownerId: o.ownerId,
        requesterId: o.ownerId,
        plannedStart: o.start ? new Date(o.start) : null,
        plannedEnd: o.end ? new Date(o.end) : null,
      },
    });
    if (o.items.length) {
      const p = await h.prisma.releasePackage.create({ data: { releaseId: r.id } });
      await h.prisma.packageItem.createMany({ data: o.items.map((i) => ({ packageId: p.id, ...i })) });
    }
    return releaseKey(r.number);
  };
  const r1 = await release(1, {
    ownerId: ownerA.id,
    type: 'normal',
    risk: 'high',
    start: '2027-03-01T08:00:00Z',
    end: '2027-03-01T10:00:00Z',
    items: [{ componentId: pay.id, buildId: pay241.id }],
  });
  const r2 = await release(2, {
    ownerId: ownerA.id,
    type: 'emergency',
    risk: 'low',
    start: '2027-03-05T22:00:00Z',
    end: '2027-03-06T02:00:00Z',
    items: [
      { componentId: pay.id, buildId: pay250.id },
      { componentId: web.id, buildId: web241.id },
    ],
  });
  const r3 = await release(3, { ownerId: ownerB.id, type: 'standard', risk: null, start: '2027-04-01T08:00:00Z', end: '2027-04-01T09:00:00Z', items: [] });
  const r4 = await release(4, { ownerId: ownerB.id, type: 'normal', risk: 'high', items: [{ componentId: web.id, buildId: web241.id }] });
  return { tag, teamA, teamB, pay, web, r1, r2, r3, r4 };
}

const keys = async (actor: Actor, query: Record<string, unknown>) =>
  (await listReleases(actor, query, 100)).releases.map((r) => r.key).sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));

describe('release list filters', () => {
  it('filters by component, version, work item, team, type, risk level and window', async () => {
    const f = await fixture();
    const q = `Filters ${f.tag}`;
    expect(await keys(viewer, { q })).toEqual([f.r1, f.r2, f.r3, f.r4]);
    expect(await keys(viewer, { q, component: f.pay.name })).toEqual([f.r1, f.r2]);
    expect(await keys(viewer, { q, version: '2.4.1' })).toEqual([f.r1, f.r2, f.r4]);
    // both: that component at that version
    expect(await keys(viewer, { q, component: f.pay.name, version: '2.4.1' })).toEqual([f.r1]);
    expect(await keys(viewer, { q, component: f.web.name, version: '2.4.1' })).toEqual([f.r2, f.r4]);
    expect(await keys(viewer, { q, workItem: `PAY-${f.tag}-2` })).toEqual([f.r2]);
    expect(await keys(viewer, { q, workItem: `WEB-${f.tag}-1` })).toEqual([f.r2, f.r4]);
    expect(await keys(viewer, { q, team: f.teamA.slug })).toEqual([f.r1, f.r2]);
    expect(await keys(viewer, { q, team: f.teamB.slug })).toEqual([f.r3, f.r4]);
    expect(await keys(viewer, { q, type: 'normal' })).toEqual([f.r1, f.r4]);
    expect(await keys(viewer, { q, type: ['normal', 'emergency'] })).toEqual([f.r1, f.r2, f.r4]);
    expect(await keys(viewer, { q, risk: 'high' })).toEqual([f.r1, f.r4]);
    expect(await keys(viewer, { q, risk: ['low'] })).toEqual([f.r2]);
    // windows overlapping whole UTC days: the 6th catches a window that starts late on the 5th
    expect(await keys(viewer, { q, from: '2027-03-01', to: '2027-03-01' })).toEqual([f.r1]);
    expect(await keys(viewer, { q, from: '2027-03-06', to: '2027-03-06' })).toEqual([f.r2]);
    expect(await keys(viewer, { q, from: '2027-03-02' })).toEqual([f.r2, f.r3]);
    expect(await keys(viewer, { q, to: '2027-03-04' })).toEqual([f.r1]);
    // combined, and a filter nothing matches
    expect(await keys(viewer, { q, team: f.teamA.slug, risk: 'high', type: 'normal' })).toEqual([f.r1]);
    expect(await keys(viewer, { q, component: 'no-such-component' })).toEqual([]);
    // without the search text, still only the fixture's releases for its component
    expect(await keys(viewer, { component: f.pay.name })).toEqual([f.r1, f.r2]);
    const list = await listReleases(viewer, { q, component: f.pay.name });
    expect(list.total).toBe(2);
    expect(list.options.components).toContain(f.pay.name);
    expect(list.options.teams.map((t) => t.slug)).toContain(f.teamA.slug);
  });

  it('the CSV export honours the same filters', async () => {
    const f = await fixture();
    const e = await exportReleasesCsv(viewer, { q: `Filters ${f.tag}`, component: f.web.name, version: '2.4.1', risk: 'high' }, meta);
    const [, ...rows] = parseCsv(e.body.slice(CSV_BOM.length));
    expect(rows.map((r) => r[0])).toEqual([f.r4]);
    const w = await exportReleasesCsv(viewer, { team: f.teamA.slug, from: '2027-03-05', to: '2027-03-07' }, meta);
    expect(
      parseCsv(w.body.slice(CSV_BOM.length))
        .slice(1)
        .map((r) => r[0]),
    ).toEqual([f.r2]);
    const audit = await h.prisma.auditEvent.findFirstOrThrow({ where: { action: 'release.export' }, orderBy: { seq: 'desc' } });
    expect(audit.after).toMatchObject({ filters: { team: f.teamA.slug, from: '2027-03-05', to: '2027-03-07' } });
  });
});

describe('saved filters', () => {
  it('saves the canonical query, lists only the owner’s, renames and deletes, audited', async () => {
    const saved = await saveFilter.as(viewer)({ name: 'My payments', query: '?page=3&component=pay-api&status=active&junk=1' });
    expect(saved.ok).toBe(true);
    if (!saved.ok) return;
    expect(saved.data.query).toBe('status=active&component=pay-api');
    expect((await listSavedFilters(viewer)).map((s) => s.name)).toEqual(['My payments']);
    expect(await listSavedFilters(other)).toEqual([]);

    // the name is unique per person, not across people
    const again = await saveFilter.as(viewer)({ name: 'My payments', query: 'risk=high' });
    expect(again.ok).toBe(false);
    if (!again.ok) expect(again.code).toBe('conflict');
    expect((await saveFilter.as(other)({ name: 'My payments', query: 'risk=high' })).ok).toBe(true);

    // nothing to save
    const empty = await saveFilter.as(viewer)({ name: 'Everything', query: 'page=2' });
    expect(empty.ok).toBe(false);
    if (!empty.ok) expect(empty.fieldErrors?.query).toBeTruthy();
    const blank = await saveFilter.as(viewer)({ name: '  ', query: 'risk=high' });
    expect(blank.ok).toBe(false);
    if (!blank.ok) expect(blank.fieldErrors?.name).toBeTruthy();

    const renamed = await renameFilter.as(viewer)({ id: saved.data.id, name: 'Payments, active' });
    expect(renamed).toMatchObject({ ok: true, data: { changed: true } });
    expect((await listSavedFilters(viewer)).map((s) => s.name)).toEqual(['Payments, active']);

    // only the owner may change theirs: another person's answers as not found
    const stolenRename = await renameFilter.as(other)({ id: saved.data.id, name: 'Mine now' });
    expect(stolenRename.ok).toBe(false);
    if (!stolenRename.ok) expect(stolenRename.code).toBe('not_found');
    const stolenDelete = await deleteFilter.as(other)({ id: saved.data.id });
    expect(stolenDelete.ok).toBe(false);
    expect((await listSavedFilters(viewer)).map((s) => s.name)).toEqual(['Payments, active']);

    expect((await deleteFilter.as(viewer)({ id: saved.data.id })).ok).toBe(true);
    expect(await listSavedFilters(viewer)).toEqual([]);
    const actions = (await h.prisma.auditEvent.findMany({ where: { targetId: saved.data.id }, orderBy: { seq: 'asc' }, select: { action: true } })).map(
      (a) => a.action,
    );
    expect(actions).toEqual(['release_filter.saved', 'release_filter.renamed', 'release_filter.deleted']);
  });
});
