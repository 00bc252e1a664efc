import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DbHandle } from '@/lib/server/db';
import { applyMigrations, type MigrationFile } from '@/lib/server/migrate';
import { createTeam } from '@/lib/server/teams';
import { verifyChain } from '@/lib/server/audit';
import { freshDatabase, onPostgres } from '../support/db';
import {
  digest,
  makeApprovalContext,
  makeBuild,
  makeComponent,
  makeEnvironment,
  makeFreezeWindow,
  makePackage,
  makeRelease,
  makeUser,
  uid,
} from '../support/factories';
import { dbError } from '../support/inspect';
import { now as clockNow } from '@/lib/server/clock';

let h: DbHandle;

beforeAll(async () => {
  h = await freshDatabase({ fromScratch: true });
});

afterAll(async () => {
  await h?.close();
});

const sha256 = (data: Buffer | string) => crypto.createHash('sha256').update(data).digest('hex');

/** The migration files as they are on disk, read independently of lib/server/migrate.ts. */
function migrationFilesOnDisk() {
  const dir = path.resolve(import.meta.dirname, '..', '..', 'prisma', 'migrations');
  return fs
    .readdirSync(dir)
    .filter((name) => fs.existsSync(path.join(dir, name, 'migration.sql')))
    .sort()
    .map((name) => ({ name, checksum: sha256(fs.readFileSync(path.join(dir, name, 'migration.sql'))) }));
}

describe('the migration runner', () => {
  it('records every migration in _prisma_migrations the way Prisma Migrate does', async () => {
    const files = migrationFilesOnDisk();
    expect(files.length).toBeGreaterThanOrEqual(2);
    const rows = await h.runner.query<{
      id: string;
      migration_name: string;
      checksum: string;
      started_at: Date | null;
      finished_at: Date | null;
      applied_steps_count: number;
      rolled_back_at: Date | null;
    }>(`SELECT id, migration_name, checksum, started_at, finished_at, applied_steps_count, rolled_back_at
          FROM "_prisma_migrations" ORDER BY migration_name`);
    expect(rows.map((r) => ({ name: r.migration_name, checksum: r.checksum }))).toEqual(files);
    for (const r of rows) {
      expect(r.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect(r.started_at).toBeInstanceOf(Date);
      expect(r.finished_at).toBeInstanceOf(Date);
      expect(r.finished_at!.getTime()).toBeGreaterThanOrEqual(r.started_at!.getTime());
      expect(r.applied_steps_count).toBe(1);
      expect(r.rolled_back_at).toBeNull();
    }
  });

  it('applies nothing when run again', async () => {
    const before = await h.runner.query<{ id: string; finished_at: Date }>(`SELECT id, finished_at FROM "_prisma_migrations" ORDER BY id`);
    const result = await applyMigrations(h.runner, { lock: onPostgres() });
    expect(result).toEqual({ applied: [], alreadyApplied: migrationFilesOnDisk().length });
    const after = await h.runner.query<{ id: string; finished_at: Date }>(`SELECT id, finished_at FROM "_prisma_migrations" ORDER BY id`);
    expect(after).toEqual(before);
  });

  describe('on a database of its own', () => {
    let scratch: DbHandle;
    beforeAll(async () => {
      scratch = await openDatabase({ kind: 'memory' }, { migrate: false });
    });
    afterAll(async () => {
      await scratch?.close();
    });

    const migration = (name: string, sql: string): MigrationFile => ({ name, sql, checksum: sha256(sql) });
    const tableExists = async (name: string) =>
      (await scratch.runner.query<{ t: string | null }>(`SELECT to_regclass($1)::text AS t`, [`public.${name}`]))[0]!.t !== null;
    const recorded = () => scratch.runner.query<{ migration_name: string }>(`SELECT migration_name FROM "_prisma_migrations" ORDER BY migration_name`);

    it('leaves no row and no half-applied table behind when a migration fails', async () => {
      const broken = migration('20990101000000_broken', 'CREATE TABLE x(); SELECT broken');
      await expect(applyMigrations(scratch.runner, { lock: false, migrations: [broken] })).rejects.toThrow(/Migration 20990101000000_broken failed/);
      expect(await recorded()).toEqual([]);
      expect(await tableExists('x')).toBe(false);

      // and the connection is usable afterwards: no transaction left open and aborted
      const good = migration('20990101000100_good', 'CREATE TABLE y (id integer PRIMARY KEY);');
      await expect(applyMigrations(scratch.runner, { lock: false, migrations: [good] })).resolves.toEqual({
        applied: ['20990101000100_good'],
        alreadyApplied: 0,
      });
      expect(await recorded()).toEqual([{ migration_name: '20990101000100_good' }]);
      expect(await tableExists('y')).toBe(true);
      expect(await tableExists('x')).toBe(false);
    });

    it('refuses to go on from a migration that started but never finished', async () => {
      await scratch.runner.query(
        `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count)
         VALUES ($1, $2, '20990101000200_interrupted', now(), 0)`,
        [crypto.randomUUID(), '0'.repeat(64)],
      );
      const next = migration('20990101000300_next', 'CREATE TABLE z (id integer);');
      await expect(applyMigrations(scratch.runner, { lock: false, migrations: [next] })).rejects.toThrow(
        /20990101000200_interrupted started but did not finish/,
      );
      expect(await tableExists('z')).toBe(false);
    });
  });
});

describe('database rules', () => {
  it('refuses a second build of the same component and version', async () => {
    const component = await makeComponent(h.prisma);
    await makeBuild(h.prisma, { componentId: component.id, version: '2.0.0' });
    // the same version of another component, and another version of this one, are fine
    await makeBuild(h.prisma, { version: '2.0.0' });
    await makeBuild(h.prisma, { componentId: component.id, version: '2.0.1' });

    const err = await dbError(makeBuild(h.prisma, { componentId: component.id, version: '2.0.0' }));
    expect(err.code).toBe('23505');
    expect(err.message).toContain('Build_componentId_version_key');
  });

  it('keeps one build per component per package', async () => {
    const component = await makeComponent(h.prisma);
    const [b1, b2] = [
      await makeBuild(h.prisma, { componentId: component.id, version: '1.0.0' }),
      await makeBuild(h.prisma, { componentId: component.id, version: '1.1.0' }),
    ];
    const pkg = await makePackage(h.prisma);
    await h.prisma.packageItem.create({ data: { packageId: pkg.id, componentId: component.id, buildId: b1.id } });
    // another package may hold the other build
    const other = await makePackage(h.prisma);
    await h.prisma.packageItem.create({ data: { packageId: other.id, componentId: component.id, buildId: b2.id } });

    const err = await dbError(h.prisma.packageItem.create({ data: { packageId: pkg.id, componentId: component.id, buildId: b2.id } }));
    expect(err.code).toBe('23505');
    expect(err.message).toContain('PackageItem_packageId_componentId_key');
  });

  it("refuses a package item whose component is not its build's component", async () => {
    const build = await makeBuild(h.prisma);
    const otherComponent = await makeComponent(h.prisma);
    const pkg = await makePackage(h.prisma);

    const err = await dbError(h.prisma.packageItem.create({ data: { packageId: pkg.id, componentId: otherComponent.id, buildId: build.id } }));
    expect(err.code).toBe('23503');
    expect(err.message).toContain('PackageItem_buildId_componentId_fkey');
    // the matching pair is accepted
    await h.prisma.packageItem.create({ data: { packageId: pkg.id, componentId: build.componentId, buildId: build.id } });
  });

  it('keeps builds immutable: UPDATE and DELETE are refused by the trigger', async () => {
    const build = await makeBuild(h.prisma);
    const update = await dbError(h.prisma.build.update({ where: { id: build.id }, data: { artifactDigest: digest() } }));
    expect(update.code).toBe('23000');
    expect(update.message).toMatch(/builds are immutable/);
    const del = await dbError(h.prisma.build.delete({ where: { id: build.id } }));
    expect(del.code).toBe('23000');
    expect(del.message).toMatch(/builds are immutable/);
    // raw SQL gets no further than Prisma does
    const raw = await dbError(h.runner.query(`UPDATE "Build" SET notes = 'edited' WHERE id = $1`, [build.id]));
    expect(raw.code).toBe('23000');
    expect(await h.prisma.build.findUnique({ where: { id: build.id } })).toEqual(build);
  });

  it('keeps a risk score equal to likelihood × impact, each from 1 to 5', async () => {
    const release = await makeRelease(h.prisma);
    const risk = (likelihood: number, impact: number, score: number) =>
      h.prisma.risk.create({ data: { releaseId: release.id, title: `Risk ${uid()}`, likelihood, impact, score } });
    await risk(3, 4, 12);
    await risk(5, 5, 25);

    const wrongScore = await dbError(risk(3, 4, 11));
    expect(wrongScore.code).toBe('23514');
    expect(wrongScore.message).toContain('Risk_score_check');
    const likelihood6 = await dbError(risk(6, 1, 6));
    expect(likelihood6.code).toBe('23514');
    expect(likelihood6.message).toContain('Risk_likelihood_check');
    const impact0 = await dbError(risk(1, 0, 0));
    expect(impact0.message).toContain('Risk_impact_check');
  });

  it('refuses a rejection without a comment', async () => {
    const ctx = await makeApprovalContext(h.prisma);
    const empty = await dbError(h.prisma.approval.create({ data: ctx.approval({ decision: 'reject', comment: '' }) }));
    expect(empty.code).toBe('23514');
    expect(empty.message).toContain('Approval_rejectComment_check');
    const blank = await dbError(h.prisma.approval.create({ data: ctx.approval({ decision: 'reject', comment: '   ' }) }));
    expect(blank.message).toContain('Approval_rejectComment_check');

    await h.prisma.approval.create({ data: ctx.approval({ decision: 'reject', comment: 'Back-out plan not rehearsed' }) });
  });

  it('allows one live decision per approver per release, and another once it is invalidated', async () => {
    const ctx = await makeApprovalContext(h.prisma);
    const first = await h.prisma.approval.create({ data: ctx.approval() });
    // someone else may decide on the same release
    const colleague = await makeUser(h.prisma, ['approver']);
    await h.prisma.approval.create({ data: ctx.approval({ approverId: colleague.id }) });

    const second = await dbError(h.prisma.approval.create({ data: ctx.approval({ decision: 'reject', comment: 'Changed my mind' }) }));
    expect(second.code).toBe('23505');
    expect(second.message).toContain('Approval_release_approver_live_key');

    await h.prisma.approval.update({ where: { id: first.id }, data: { invalidatedAt: clockNow(), invalidatedReason: 'package re-sealed' } });
    const renewed = await h.prisma.approval.create({ data: ctx.approval() });
    expect(renewed.invalidatedAt).toBeNull();
    // and again only one may be live
    const third = await dbError(h.prisma.approval.create({ data: ctx.approval() }));
    expect(third.message).toContain('Approval_release_approver_live_key');
  });

  it('refuses a freeze override confirmed by the person who requested it', async () => {
    const [freeze, release, env, requester, confirmer] = await Promise.all([
      makeFreezeWindow(h.prisma),
      makeRelease(h.prisma),
      makeEnvironment(h.prisma),
      makeUser(h.prisma, ['release_manager']),
      makeUser(h.prisma, ['admin']),
    ]);
    const override = (confirmedById: string | null) =>
      h.prisma.freezeOverride.create({
        data: {
          freezeId: freeze.id,
          releaseId: release.id,
          environmentId: env.id,
          reason: 'Security fix for CVE-2026-0001',
          requestedById: requester.id,
          confirmedById,
          status: confirmedById ? 'granted' : 'requested',
        },
      });
    const err = await dbError(override(requester.id));
    expect(err.code).toBe('23514');
    expect(err.message).toContain('FreezeOverride_twoPeople_check');

    await override(null);
    await override(confirmer.id);
    // nor may the requester confirm an existing request afterwards
    const pending = await override(null);
    const late = await dbError(h.prisma.freezeOverride.update({ where: { id: pending.id }, data: { confirmedById: requester.id } }));
    expect(late.message).toContain('FreezeOverride_twoPeople_check');
  });

  it('keeps audit events append-only: UPDATE, DELETE and TRUNCATE are refused', async () => {
    const admin = await makeUser(h.prisma, ['admin']);
    const requestId = `req-${uid()}`;
    const created = await createTeam.as(admin.actor, { requestId })({ name: `Audited ${uid()}`, slug: `audited-${uid()}` });
    expect(created.ok).toBe(true);
    const event = await h.prisma.auditEvent.findFirstOrThrow({ where: { requestId } });

    const update = await dbError(h.prisma.auditEvent.update({ where: { seq: event.seq }, data: { actorLabel: 'someone-else@test.relm' } }));
    expect(update.code).toBe('23000');
    expect(update.message).toMatch(/append-only/);
    const del = await dbError(h.prisma.auditEvent.delete({ where: { seq: event.seq } }));
    expect(del.message).toMatch(/append-only/);
    const deleteAll = await dbError(h.runner.query(`DELETE FROM "AuditEvent"`));
    expect(deleteAll.message).toMatch(/append-only/);
    const truncate = await dbError(h.runner.query(`TRUNCATE "AuditEvent" CASCADE`));
    expect(truncate.message).toMatch(/append-only/);

    expect(await h.prisma.auditEvent.findUnique({ where: { seq: event.seq } })).toEqual(event);
    expect((await verifyChain(h.prisma)).ok).toBe(true);
  });
});
