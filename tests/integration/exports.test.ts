import { describe, expect, it } from 'vitest';
import type { DbHandle } from '@/lib/server/db';
import type { Actor } from '@/lib/server/actor';
import { AUDIT_CSV_HEADER, exportAuditCsv, exportReleasesCsv, RELEASE_CSV_HEADER } from '@/lib/server/exports';
import { CSV_BOM } from '@/lib/domain/csv';
import { releaseKey } from '@/lib/domain/release-key';
import { makeComponent, makeUser, uid } from '../support/factories';
import { actorsWith, withFreshDatabase } from '../support/suite';
import { parseCsv } from '../support/csv';

// CSV exports of the release list and the audit trail (docs/decisions/041-csv-export-and-cab-agenda.md).

let h: DbHandle;
let viewer: Actor;
let admin: Actor;
let nobody: Actor;
const meta = { requestId: 'req-export-test', ip: '192.0.2.7' };

withFreshDatabase(async (db) => {
  h = db;
  [viewer, admin, nobody] = await actorsWith(db, ['viewer'], ['admin'], []);
});

const read = (body: string) => {
  expect(body.startsWith(CSV_BOM)).toBe(true);
  const [header, ...rows] = parseCsv(body.slice(CSV_BOM.length));
  return { header, rows };
};

describe('release list CSV', () => {
  it('exports every release the filters match, past one page, with the extra columns, injection-safe', async () => {
    const tag = `exp${uid()}`;
    const team = await h.prisma.team.create({ data: { slug: `t-${tag}`, name: `Team ${tag}` } });
    const owner = await makeUser(h.prisma, ['release_manager'], { name: `Owner ${tag}`, teamId: team.id });
    const made: { id: string; number: number }[] = [];
    for (let i = 0; i < 7; i++) {
      made.push(
        await h.prisma.release.create({
          data: {
            title: i === 0 ? `=HYPERLINK("http://evil") ${tag}` : `Release ${i}, "quoted"\nline ${tag}`,
            type: 'normal',
            status: i < 5 ? 'draft' : 'submitted',
            ownerId: owner.id,
            requesterId: owner.id,
            plannedStart: new Date(Date.UTC(2027, 0, 1 + i, 8)),
            plannedEnd: new Date(Date.UTC(2027, 0, 1 + i, 10)),
          },
        }),
      );
    }
    const component = await makeComponent(h.prisma, { name: `svc-${tag}` });
    const build = await h.prisma.build.create({
      data: { componentId: component.id, version: '1.2.3', artifactDigest: 'a'.repeat(64), producedBy: 'ci', workItems: [] },
    });
    const pkg = await h.prisma.releasePackage.create({ data: { releaseId: made[1]!.id } });
    await h.prisma.packageItem.create({ data: { packageId: pkg.id, componentId: component.id, buildId: build.id } });
    // an unrelated release the search leaves out
    await h.prisma.release.create({ data: { title: 'Something else', type: 'normal', ownerId: owner.id, requesterId: owner.id } });

    const all = await exportReleasesCsv(viewer, { q: tag, page: '2' }, meta, { pageSize: 2 });
    expect(all.filename).toMatch(/^relm-releases-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(all.rows).toBe(7);
    expect(all.truncated).toBe(false);
    const { header, rows } = read(all.body);
    expect(header).toEqual([...RELEASE_CSV_HEADER]);
    expect(rows.map((r) => r[0]).sort()).toEqual(made.map((r) => releaseKey(r.number)).sort());
    const evil = rows.find((r) => r[0] === releaseKey(made[0]!.number))!;
    expect(evil[1]).toBe(`'=HYPERLINK("http://evil") ${tag}`);
    const second = rows.find((r) => r[0] === releaseKey(made[1]!.number))!;
    expect(second[1]).toBe(`Release 1, "quoted"\nline ${tag}`);
    expect(second[5]).toBe(`Owner ${tag}`);
    expect(second[6]).toBe(`Team ${tag}`);
    expect(second[7]).toBe(`svc-${tag} 1.2.3`);
    expect(second[8]).toBe('2027-01-02T08:00:00.000Z');
    expect(second[9]).toBe('2027-01-02T10:00:00.000Z');
    expect(second[13]).toBe(`/releases/${releaseKey(made[1]!.number)}`);

    // the status filter applies as on the page
    const submitted = await exportReleasesCsv(viewer, { q: tag, status: 'submitted' }, meta, { pageSize: 2 });
    expect(read(submitted.body).rows.map((r) => r[3])).toEqual(['submitted', 'submitted']);

    // every export is an audit event with its filters and row count
    const event = await h.prisma.auditEvent.findFirst({ where: { action: 'release.export' }, orderBy: { seq: 'desc' } });
    expect(event?.actorId).toBe(viewer.id);
    expect(event?.requestId).toBe('req-export-test');
    expect(event?.after).toMatchObject({ filters: { q: tag, status: ['submitted'] }, rows: 2, truncated: false });
  });

  it('stops at the cap and says so in a last row', async () => {
    const tag = `cap${uid()}`;
    const owner = await makeUser(h.prisma, ['release_manager']);
    for (let i = 0; i < 5; i++)
      await h.prisma.release.create({ data: { title: `Capped ${tag} ${i}`, type: 'normal', ownerId: owner.id, requesterId: owner.id } });
    const capped = await exportReleasesCsv(viewer, { q: tag }, meta, { pageSize: 2, cap: 3 });
    expect(capped.rows).toBe(3);
    expect(capped.truncated).toBe(true);
    const { rows } = read(capped.body);
    expect(rows).toHaveLength(4);
    expect(rows[3]![0]).toMatch(/^TRUNCATED: this export stops at 3 releases/);
    const exact = await exportReleasesCsv(viewer, { q: tag }, meta, { pageSize: 2, cap: 5 });
    expect(exact.truncated).toBe(false);
    expect(read(exact.body).rows).toHaveLength(5);
  });

  it('is refused signed out and without the permission, and records nothing', async () => {
    const before = await h.prisma.auditEvent.count({ where: { action: 'release.export' } });
    await expect(exportReleasesCsv(null, {}, meta)).rejects.toMatchObject({ name: 'Refusal', code: 'unauthenticated' });
    await expect(exportReleasesCsv(nobody, {}, meta)).rejects.toMatchObject({ name: 'Refusal', code: 'forbidden' });
    expect(await h.prisma.auditEvent.count({ where: { action: 'release.export' } })).toBe(before);
  });
});

describe('audit trail CSV', () => {
  it('exports the events the filters match, newest first, all pages, and is itself audited', async () => {
    const tag = `aud${uid()}`;
    const release = await h.prisma.release.create({ data: { title: `Audited ${tag}`, type: 'normal', ownerId: admin.id!, requesterId: admin.id! } });
    const { appendAudit } = await import('@/lib/server/audit');
    for (let i = 0; i < 5; i++) {
      await h.prisma.$transaction((tx) =>
        appendAudit(tx, admin, meta, {
          action: `${tag}.did`,
          targetType: 'Release',
          targetId: release.id,
          releaseId: release.id,
          before: null,
          after: { n: i, note: '=1+1, "x"' },
        }),
      );
    }
    const out = await exportAuditCsv(admin, { action: tag }, meta, { pageSize: 2 });
    expect(out.rows).toBe(5);
    expect(out.filename).toMatch(/^relm-audit-\d{4}-\d{2}-\d{2}\.csv$/);
    const { header, rows } = read(out.body);
    expect(header).toEqual([...AUDIT_CSV_HEADER]);
    const seqs = rows.map((r) => BigInt(r[0]!));
    expect([...seqs].sort((a, b) => (a < b ? 1 : -1))).toEqual(seqs);
    expect(rows[0]![4]).toBe(`${tag}.did`);
    expect(rows[0]![7]).toBe(releaseKey(release.number));
    expect(rows[0]![8]).toBe('req-export-test');
    expect(rows[0]![10]).toBe('192.0.2.7');
    expect(JSON.parse(rows[0]![12]!)).toEqual({ n: 4, note: '=1+1, "x"' });
    expect(rows[0]![13]).toMatch(/^[0-9a-f]{64}$/);

    const event = await h.prisma.auditEvent.findFirst({ where: { action: 'audit.export' }, orderBy: { seq: 'desc' } });
    expect(event?.actorId).toBe(admin.id);
    expect(event?.after).toMatchObject({ filters: { action: tag }, rows: 5, truncated: false });
  });

  it('is refused for a person without audit.read', async () => {
    await expect(exportAuditCsv(viewer, {}, meta)).rejects.toMatchObject({ name: 'Refusal', code: 'forbidden' });
    await expect(exportAuditCsv(null, {}, meta)).rejects.toMatchObject({ name: 'Refusal', code: 'unauthenticated' });
  });
});
