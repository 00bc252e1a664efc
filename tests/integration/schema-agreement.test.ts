import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/lib/server/db';
import { freshDatabase } from '../support/db';

// prisma/schema.prisma and prisma/migrations must describe the same database.
// A: the migrations, applied by our runner (PGlite, or PostgreSQL under TEST_DATABASE_URL).
// B: the SQL prisma@6 writes for schema.prisma from empty, run in an in-memory PGlite.
// Their catalogs must match, except for the rules only migrations can express, which
// follow a naming convention (CHECK *_check, partial unique index *_live_key, trigram
// index *_trgm, triggers and functions relm_*) and are asserted on A separately, as are
// the extensions the migrations create (their functions are not compared).
//
// One difference between PGlite and PostgreSQL is excluded: PGlite is built from a newer
// PostgreSQL that also records NOT NULL as pg_constraint rows (contype 'n'), which
// PostgreSQL 15 does not; nullability is compared through information_schema.columns
// (is_nullable) instead.

type Query = <T>(sql: string) => Promise<T[]>;

const EXCLUDED_TABLE = '_prisma_migrations';

async function dumpSchema(query: Query) {
  const tables = await query<{ table_name: string; table_type: string }>(`
    SELECT table_name, table_type FROM information_schema.tables
     WHERE table_schema = 'public' AND table_name <> '${EXCLUDED_TABLE}'`);
  const columns = await query<Record<string, unknown>>(`
    SELECT table_name, column_name, data_type, udt_name, is_nullable, column_default,
           character_maximum_length, numeric_precision, datetime_precision
      FROM information_schema.columns
     WHERE table_schema = 'public' AND table_name <> '${EXCLUDED_TABLE}'`);
  // Every kind of constraint (p, u, f, x, and any CHECK not named by the convention),
  // so a stray constraint on either side shows up as a difference; not 'n' (see above).
  const constraints = await query<Record<string, unknown>>(`
    SELECT cl.relname AS table_name, c.conname, c.contype::text AS contype, pg_get_constraintdef(c.oid) AS def
      FROM pg_constraint c
      JOIN pg_class cl ON cl.oid = c.conrelid
      JOIN pg_namespace n ON n.oid = cl.relnamespace
     WHERE n.nspname = 'public' AND cl.relname <> '${EXCLUDED_TABLE}'
       AND c.contype <> 'n'
       AND NOT (c.contype = 'c' AND c.conname LIKE '%\\_check')`);
  const indexes = await query<Record<string, unknown>>(`
    SELECT tablename, indexname, indexdef FROM pg_indexes
     WHERE schemaname = 'public' AND tablename <> '${EXCLUDED_TABLE}'
       AND indexname NOT LIKE '%\\_live\\_key' AND indexname NOT LIKE '%\\_trgm'`);
  const enums = await query<{ typname: string; labels: string[] }>(`
    SELECT t.typname, array_agg(e.enumlabel::text ORDER BY e.enumsortorder) AS labels
      FROM pg_type t
      JOIN pg_enum e ON e.enumtypid = t.oid
      JOIN pg_namespace n ON n.oid = t.typnamespace
     WHERE n.nspname = 'public'
     GROUP BY t.typname`);
  const sequences = await query<Record<string, unknown>>(`
    SELECT sequence_name, data_type, start_value, minimum_value, maximum_value, increment
      FROM information_schema.sequences WHERE sequence_schema = 'public'`);
  const triggers = await query<Record<string, unknown>>(`
    SELECT cl.relname AS table_name, t.tgname
      FROM pg_trigger t JOIN pg_class cl ON cl.oid = t.tgrelid JOIN pg_namespace n ON n.oid = cl.relnamespace
     WHERE n.nspname = 'public' AND NOT t.tgisinternal AND t.tgname NOT LIKE 'relm\\_%'`);
  const functions = await query<Record<string, unknown>>(`
    SELECT p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
     WHERE n.nspname = 'public' AND p.proname NOT LIKE 'relm\\_%'
       AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')`);

  const sorted = <T>(rows: T[]) => rows.map((r) => JSON.stringify(r)).sort();
  return {
    tables: sorted(tables),
    columns: sorted(columns),
    constraints: sorted(constraints),
    indexes: sorted(indexes),
    enums: sorted(enums),
    sequences: sorted(sequences),
    triggers: sorted(triggers),
    functions: sorted(functions),
  };
}

let h: DbHandle;
let schemaSql: string;
let b: PGlite;
const queryA: Query = (sql) => h.runner.query(sql);
const queryB: Query = async <T>(sql: string) => (await b.query<T>(sql)).rows;

beforeAll(async () => {
  h = await freshDatabase({ fromScratch: true });
  const root = path.resolve(import.meta.dirname, '..', '..');
  schemaSql = execFileSync('bash', ['scripts/db-diff.sh', '--from-empty'], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 32 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  b = new PGlite();
  await b.exec(schemaSql);
});

afterAll(async () => {
  await b?.close();
  await h?.close();
});

describe('schema.prisma and the migrations', () => {
  it('describe the same tables, columns, keys, foreign keys, indexes and enums', async () => {
    expect(schemaSql).toMatch(/CREATE TABLE "AuditEvent"/);
    const [a, fromSchema] = await Promise.all([dumpSchema(queryA), dumpSchema(queryB)]);
    // guard against comparing two empty dumps
    expect(fromSchema.tables.length).toBeGreaterThan(40);
    expect(fromSchema.constraints.length).toBeGreaterThan(100);
    expect(a.tables).toEqual(fromSchema.tables);
    expect(a.columns).toEqual(fromSchema.columns);
    expect(a.constraints).toEqual(fromSchema.constraints);
    expect(a.indexes).toEqual(fromSchema.indexes);
    expect(a.enums).toEqual(fromSchema.enums);
    expect(a.sequences).toEqual(fromSchema.sequences);
    expect(a.triggers).toEqual(fromSchema.triggers);
    expect(a.functions).toEqual(fromSchema.functions);
  });

  it('leaves nothing to the naming convention that schema.prisma itself produces', async () => {
    // If Prisma ever generated a *_check, *_live_key or relm_* object, the exclusions
    // above would hide a real difference.
    const [checks, liveKeys, trgm, relm] = await Promise.all([
      queryB<{ conname: string }>(`
        SELECT c.conname FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
         WHERE n.nspname = 'public' AND c.conname LIKE '%\\_check'`),
      queryB<{ indexname: string }>(`SELECT indexname FROM pg_indexes WHERE schemaname = 'public' AND indexname LIKE '%\\_live\\_key'`),
      queryB<{ indexname: string }>(`SELECT indexname FROM pg_indexes WHERE schemaname = 'public' AND indexname LIKE '%\\_trgm'`),
      queryB<{ name: string }>(`
        SELECT tgname AS name FROM pg_trigger WHERE tgname LIKE 'relm\\_%'
        UNION ALL
        SELECT p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
         WHERE n.nspname = 'public' AND p.proname LIKE 'relm\\_%'`),
    ]);
    expect({ checks, liveKeys, trgm, relm }).toEqual({ checks: [], liveKeys: [], trgm: [], relm: [] });
  });
});

describe('the rules only the migrations hold', () => {
  it('has the CHECK constraints, all of them validated', async () => {
    const checks = await queryA<{ conname: string; contype: string; convalidated: boolean; def: string }>(`
      SELECT c.conname, c.contype::text AS contype, c.convalidated, pg_get_constraintdef(c.oid) AS def
        FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
       WHERE n.nspname = 'public' AND c.conname LIKE '%\\_check'`);
    expect(checks.length).toBeGreaterThanOrEqual(30);
    expect(checks.filter((c) => c.contype !== 'c' || !c.convalidated)).toEqual([]);
    const byName = Object.fromEntries(checks.map((c) => [c.conname, c.def]));
    expect(byName.Risk_score_check).toMatch(/score.*=.*likelihood.*\*.*impact/);
    expect(byName.FreezeOverride_twoPeople_check).toMatch(/"confirmedById" <> "requestedById"/);
    expect(byName.Approval_rejectComment_check).toBeDefined();
  });

  it('has the partial unique index for one live approval per person per release', async () => {
    const rows = await queryA<{ indexname: string; tablename: string; indexdef: string }>(`
      SELECT indexname, tablename, indexdef FROM pg_indexes
       WHERE schemaname = 'public' AND indexname = 'Approval_release_approver_live_key'`);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.tablename).toBe('Approval');
    expect(rows[0]!.indexdef).toMatch(/^CREATE UNIQUE INDEX .*\("releaseId", "approverId"\) WHERE \("invalidatedAt" IS NULL\)$/);
  });

  it('has the triggers that keep builds immutable and the audit trail append-only, enabled', async () => {
    const rows = await queryA<{ tgname: string; table_name: string; enabled: string; fn: string; def: string }>(`
      SELECT t.tgname, cl.relname AS table_name, t.tgenabled::text AS enabled, p.proname AS fn, pg_get_triggerdef(t.oid) AS def
        FROM pg_trigger t
        JOIN pg_class cl ON cl.oid = t.tgrelid
        JOIN pg_proc p ON p.oid = t.tgfoid
       WHERE NOT t.tgisinternal AND t.tgname LIKE 'relm\\_%'
       ORDER BY t.tgname`);
    const byName = Object.fromEntries(rows.map((r) => [r.tgname, r]));
    expect(Object.keys(byName).sort()).toEqual([
      'relm_announcement_revision_immutable',
      'relm_audit_append_only',
      'relm_audit_head_guard',
      'relm_audit_head_no_truncate',
      'relm_audit_no_truncate',
      'relm_build_immutable',
      'relm_component_search',
      'relm_package_items_search_delete',
      'relm_package_items_search_insert',
      'relm_package_items_search_update',
      'relm_release_search',
    ]);
    // 'O' = fires in normal (origin) sessions
    expect(rows.map((r) => r.enabled)).toEqual(rows.map(() => 'O'));
    expect(byName.relm_build_immutable).toMatchObject({ table_name: 'Build', fn: 'relm_refuse_build_change' });
    expect(byName.relm_build_immutable!.def).toMatch(/BEFORE DELETE OR UPDATE ON .*FOR EACH ROW/);
    expect(byName.relm_announcement_revision_immutable).toMatchObject({ table_name: 'AnnouncementRevision', fn: 'relm_refuse_announcement_revision_change' });
    expect(byName.relm_announcement_revision_immutable!.def).toMatch(/BEFORE UPDATE ON .*FOR EACH ROW/);
    expect(byName.relm_audit_append_only).toMatchObject({ table_name: 'AuditEvent', fn: 'relm_refuse_audit_change' });
    expect(byName.relm_audit_append_only!.def).toMatch(/BEFORE DELETE OR UPDATE ON .*FOR EACH ROW/);
    expect(byName.relm_audit_no_truncate).toMatchObject({ table_name: 'AuditEvent', fn: 'relm_refuse_audit_change' });
    expect(byName.relm_audit_no_truncate!.def).toMatch(/BEFORE TRUNCATE ON .*FOR EACH STATEMENT/);
    // the chain head: never removed, only moved forward onto an event (decision 038)
    expect(byName.relm_audit_head_guard).toMatchObject({ table_name: 'AuditChainHead', fn: 'relm_guard_audit_head' });
    expect(byName.relm_audit_head_guard!.def).toMatch(/BEFORE DELETE OR UPDATE ON .*FOR EACH ROW/);
    expect(byName.relm_audit_head_no_truncate).toMatchObject({ table_name: 'AuditChainHead', fn: 'relm_guard_audit_head' });
    expect(byName.relm_audit_head_no_truncate!.def).toMatch(/BEFORE TRUNCATE ON .*FOR EACH STATEMENT/);
    // the release search document (decision 024)
    expect(byName.relm_release_search).toMatchObject({ table_name: 'Release', fn: 'relm_release_search_row' });
    expect(byName.relm_release_search!.def).toMatch(/BEFORE INSERT OR UPDATE OF title, description ON .*FOR EACH ROW/);
    for (const op of ['insert', 'update', 'delete']) {
      expect(byName[`relm_package_items_search_${op}`]).toMatchObject({ table_name: 'PackageItem', fn: 'relm_package_items_search' });
      expect(byName[`relm_package_items_search_${op}`]!.def).toMatch(new RegExp(`AFTER ${op.toUpperCase()} ON .*FOR EACH STATEMENT`));
    }
    expect(byName.relm_component_search).toMatchObject({ table_name: 'Component', fn: 'relm_component_search' });
  });

  it('has pg_trgm and the trigram indexes the release search uses', async () => {
    const ext = await queryA<{ extname: string }>(`SELECT extname FROM pg_extension WHERE extname = 'pg_trgm'`);
    expect(ext).toHaveLength(1);
    const rows = await queryA<{ indexname: string; indexdef: string }>(`
      SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND indexname LIKE '%\\_trgm' ORDER BY indexname`);
    expect(Object.fromEntries(rows.map((r) => [r.indexname, r.indexdef.replace(/^.* USING /, '')]))).toEqual({
      Build_version_trgm: 'gin (version gin_trgm_ops)',
      Build_workItemKeys_trgm: 'gin (relm_work_item_keys("workItems") gin_trgm_ops)',
      Component_name_trgm: 'gin (name gin_trgm_ops)',
      Release_searchText_trgm: 'gin ("searchText" gin_trgm_ops)',
    });
  });

  it('starts the audit chain at the genesis head', async () => {
    const rows = await queryA<{ id: number; seq: string; hash: string }>(`SELECT id, seq::text AS seq, hash FROM "AuditChainHead"`);
    expect(rows).toEqual([{ id: 1, seq: '0', hash: '0'.repeat(64) }]);
  });
});
