import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { auditKey } from '@/lib/domain/audit-chain';
import { sealAuditChain, verifyChain } from '@/lib/server/audit';
import { BackupError, createBackup, readBackup, readTar, restoreEmbedded, writeTar, type BackupManifest } from '@/lib/server/backup';
import { applyMigrations, readMigrations } from '@/lib/server/migrate';
import { runCliCommand } from '@/lib/server/cli-commands';
import { removeControlFile, writeControlFile } from '@/lib/server/cli-control';
import { installDbHandle, openDatabase, type Db, type DbHandle } from '@/lib/server/db';
import { resetEnvForTests } from '@/lib/server/env';
import { POST } from '@/app/api/internal/cli/route';
import { seedDemo } from '@/prisma/seed';
import { freshDatabase, onPostgres } from '../support/db';
import { makeRelease, makeUser, uid } from '../support/factories';

// Backup and restore (issue 17 point 5, docs/decisions/064-backup-and-restore.md): the
// embedded database through `npm run relm -- backup/restore`, as processes, with Relm stopped
// and with a server holding the folder; the backup file's checks; and PostgreSQL's
// pg_dump / pg_restore procedure of README.md. Each round trip: seed, back up, change,
// restore, compare.

const root = path.resolve(import.meta.dirname, '..', '..');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'relm-backup-'));
const KEYS = ['RELM_AUDIT_KEY', 'RELM_AUDIT_SIGNING_KEY', 'AUTH_SECRET'] as const;

afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `npm run relm -- …` (or another script) as its own process, on the data folder `dataDir`. */
function spawnScript(script: string, args: string[], opts: { dataDir: string; env?: Record<string, string | undefined> }): Promise<Run> {
  return new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = { ...process.env, RELM_DATA_DIR: opts.dataDir };
    delete env.DATABASE_URL;
    delete env.NODE_OPTIONS;
    delete env.VITEST;
    for (const [k, v] of Object.entries(opts.env ?? {})) {
      if (v === undefined) delete env[k];
      else env[k] = v;
    }
    const child = spawn('npx', ['tsx', '--conditions=react-server', script, ...args], { cwd: root, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
const relm = (args: string[], opts: { dataDir: string; env?: Record<string, string | undefined> }) => spawnScript('scripts/relm.ts', args, opts);
/** the keys kept in the data folder, as when none is set in the environment (the default) */
const FILE_KEYS = Object.fromEntries(KEYS.map((k) => [k, undefined]));

/** What a restore must bring back: the key tables' rows and the audit head. */
async function picture(prisma: Db, dataDir?: string) {
  // every event written so far sealed into the chain (decision 062), so the head says how far it
  // goes: with the data folder's audit key where the events were written by a Relm that kept it there
  const keyFile = dataDir ? path.join(dataDir, 'audit-key') : null;
  await sealAuditChain(prisma, keyFile && fs.existsSync(keyFile) ? { key: auditKey(fs.readFileSync(keyFile, 'utf8').trim()) } : {});
  const head = await prisma.auditChainHead.findUniqueOrThrow({ where: { id: 1 } });
  // a restore appends its backup.restore event to the chain it restored: the picture is of what
  // was restored, the head before that event (restoreEvents() shows the event itself)
  let at = { seq: head.seq, hash: head.hash };
  const restores = await prisma.auditEvent.findMany({ where: { action: 'backup.restore' }, orderBy: { chainSeq: 'desc' } });
  for (const r of restores) if (r.chainSeq === at.seq && r.prevHash) at = { seq: at.seq - 1n, hash: r.prevHash };
  return {
    head: { seq: String(at.seq), hash: at.hash },
    users: (await prisma.user.findMany({ select: { email: true, passwordHash: true }, orderBy: { email: 'asc' } })).map((u) => `${u.email} ${u.passwordHash}`),
    releases: (await prisma.release.findMany({ select: { number: true, title: true, status: true }, orderBy: { number: 'asc' } })).map(
      (r) => `${r.number} ${r.title} ${r.status}`,
    ),
    counts: {
      team: await prisma.team.count(),
      userRole: await prisma.userRole.count(),
      component: await prisma.component.count(),
      build: await prisma.build.count(),
      environment: await prisma.environment.count(),
      auditEvent: await prisma.auditEvent.count({ where: { action: { not: 'backup.restore' } } }),
      apiToken: await prisma.apiToken.count(),
    },
  };
}

/** The backup.restore events in a data folder's database, oldest first. */
async function restoreEvents(dataDir: string) {
  const handle = await openDatabase({ kind: 'embedded', dir: path.join(dataDir, 'pglite') }, { migrate: false });
  try {
    const head = await handle.prisma.auditChainHead.findUniqueOrThrow({ where: { id: 1 } });
    const events = await handle.prisma.auditEvent.findMany({ where: { action: 'backup.restore' }, orderBy: { seq: 'asc' } });
    return { headSeq: String(head.seq), events: events.map((e) => ({ ...e, seq: String(e.seq), chainSeq: e.chainSeq === null ? null : String(e.chainSeq) })) };
  } finally {
    await handle.close();
  }
}

async function pictureOfFolder(dataDir: string) {
  const handle = await openDatabase({ kind: 'embedded', dir: path.join(dataDir, 'pglite') }, { migrate: false });
  try {
    return await picture(handle.prisma, dataDir);
  } finally {
    await handle.close();
  }
}

/** An in-memory PGlite (whichever database the other tests use): backups are of PGlite databases. */
async function memoryDatabase(): Promise<DbHandle> {
  const snapshot = inject('relmPgliteSnapshot');
  return snapshot
    ? openDatabase({ kind: 'memory' }, { migrate: false, loadDataDir: new Blob([fs.readFileSync(snapshot)]) })
    : openDatabase({ kind: 'memory' }, { migrate: true });
}

/** A backup file rebuilt from its parts (the manifest edited), checksums kept right: what the checks see. */
function rebuilt(archive: Buffer, edit: (m: BackupManifest, entries: Map<string, Buffer>) => void): Buffer {
  const entries = readTar(zlib.gunzipSync(archive))!;
  const manifest = JSON.parse(entries.get('manifest.json')!.toString('utf8')) as BackupManifest;
  edit(manifest, entries);
  const parts: { name: string; data: Buffer }[] = [{ name: 'manifest.json', data: Buffer.from(JSON.stringify(manifest)) }];
  for (const [name, data] of entries) if (name !== 'manifest.json') parts.push({ name, data });
  return zlib.gzipSync(writeTar(parts, new Date()));
}

function refusalOf(promise: Promise<unknown>): Promise<BackupError> {
  return promise.then(
    () => {
      throw new Error('expected a refusal');
    },
    (err: unknown) => {
      if (!(err instanceof BackupError)) throw err;
      return err;
    },
  );
}

describe('the backup file, made and restored in this process', { timeout: 240_000 }, () => {
  let mem: DbHandle;
  let archive: Buffer;
  const dataDir = path.join(tmp, 'library');

  beforeAll(async () => {
    mem = await memoryDatabase();
    installDbHandle(mem);
  });
  afterAll(async () => {
    await mem?.close();
  });

  it('round trip: seed, back up, change, restore into a data folder, compare; the chain verifies', async () => {
    expect((await seedDemo(mem.prisma)).created).toBe(true);
    for (const n of [1, 2]) {
      const out = await runCliCommand(['user', 'create', '--email', `backup-${n}-${uid()}@test.relm`, '--name', `Backup ${n}`, '--roles', 'viewer']);
      expect(out.exitCode).toBe(0);
    }
    const before = await picture(mem.prisma);
    expect(Number(before.head.seq)).toBeGreaterThanOrEqual(3);

    const made = await runCliCommand(['backup']);
    expect(made).toMatchObject({ exitCode: 0, stderr: expect.stringMatching(new RegExp(`audit head seq ${before.head.seq}, \\d+ migrations`)) });
    archive = Buffer.from(made.archive!, 'base64');
    const { manifest } = readBackup(archive, 'the backup');
    expect(manifest).toMatchObject({
      format: 'relm-backup',
      formatVersion: 1,
      database: { kind: 'embedded', engine: 'pglite' },
      auditHead: before.head,
      // the tests set both keys in the environment: named by id, not in the file
      keys: { audit: { source: 'env', id: auditKey(process.env.RELM_AUDIT_KEY!).id }, signing: { source: 'env' } },
    });
    expect(manifest.entries.map((e) => e.name)).not.toContain('files/audit-key');

    // a change after the backup
    await makeRelease(mem.prisma);
    await runCliCommand(['user', 'create', '--email', `after-${uid()}@test.relm`, '--name', 'After', '--roles', 'viewer']);
    expect(await picture(mem.prisma)).not.toEqual(before);

    const restored = await restoreEmbedded({ archive, source: 'the backup', dataDir, checkpointFile: path.join(dataDir, 'audit-checkpoints.jsonl') });
    expect(restored).toMatchObject({ previous: null, migrated: [], headMatches: true, verification: { ok: true, headSeq: before.head.seq } });
    expect(restored.verification.checked).toBe(Number(before.head.seq));
    expect(await pictureOfFolder(dataDir)).toEqual(before);
    // the restore is recorded: one event by the system, sealed at the end of the chain it verified
    const recorded = await restoreEvents(dataDir);
    expect(recorded.events).toHaveLength(1);
    expect(recorded.events[0]).toMatchObject({
      seq: restored.recorded,
      chainSeq: recorded.headSeq,
      actorType: 'system',
      targetType: 'database',
      after: { file: 'the backup', backupMadeAt: manifest.createdAt, auditHeadSeq: before.head.seq, migrated: [], previousFolder: null },
    });
    expect(Number(recorded.headSeq)).toBe(Number(before.head.seq) + 1);
  });

  it('restores over a folder, keeping the one that was there aside', async () => {
    const restored = await restoreEmbedded({ archive, source: 'the backup', dataDir, checkpointFile: path.join(dataDir, 'audit-checkpoints.jsonl') });
    expect(restored.previous).toMatch(new RegExp(`^${dataDir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.before-restore-\\d{8}T\\d{6}Z`));
    expect(fs.existsSync(path.join(restored.previous!, 'pglite', 'PG_VERSION'))).toBe(true);
    expect(fs.existsSync(path.join(restored.previous!, 'pglite.lock'))).toBe(false);
    expect(restored).toMatchObject({ headMatches: true, verification: { ok: true } });
  });

  it('refuses a file that is not a Relm backup, is damaged, or comes from a newer Relm, and changes nothing', async () => {
    const restore = (bytes: Buffer) =>
      refusalOf(restoreEmbedded({ archive: bytes, source: 'x.tar.gz', dataDir, checkpointFile: path.join(dataDir, 'c.jsonl') }));
    const marker = fs.readdirSync(dataDir).sort();

    expect(await restore(Buffer.from('hello, not a backup'))).toMatchObject({
      kind: 'foreign',
      message: 'x.tar.gz is not a Relm backup (not a gzip file). Nothing was changed.',
    });
    expect(await restore(zlib.gzipSync(Buffer.from('plain text')))).toMatchObject({ kind: 'foreign', message: expect.stringMatching(/not a tar archive/) });
    expect(await restore(zlib.gzipSync(writeTar([{ name: 'notes.txt', data: Buffer.from('x') }], new Date())))).toMatchObject({
      kind: 'foreign',
      message: expect.stringMatching(/no manifest\.json/),
    });

    // a byte flipped in the compressed file, a truncated file: gzip's own check
    const flipped = Buffer.from(archive);
    flipped[Math.floor(flipped.length / 2)]! ^= 0xff;
    expect(await restore(flipped)).toMatchObject({ kind: 'damaged', message: expect.stringMatching(/^x\.tar\.gz is damaged: /) });
    expect(await restore(archive.subarray(0, archive.length - 100))).toMatchObject({ kind: 'damaged' });
    // an entry changed and the file compressed again: the manifest's checksum
    const tampered = rebuilt(archive, (_m, entries) => {
      const db = Buffer.from(entries.get('database/pglite.tar')!);
      db[db.length - 2000]! ^= 1;
      entries.set('database/pglite.tar', db);
    });
    expect(await restore(tampered)).toMatchObject({
      kind: 'damaged',
      message: 'x.tar.gz is damaged: the checksum of database/pglite.tar does not match. Nothing was changed; use another copy of the backup.',
    });

    // a schema this Relm does not know yet; a backup format it does not read
    const newer = rebuilt(archive, (m) => {
      m.migrations.push('29991231000000_from_the_future');
      m.relm.version = '9.0.0';
    });
    expect(await restore(newer)).toMatchObject({
      kind: 'newer',
      message: expect.stringMatching(/comes from a newer Relm \(9\.0\.0\): .*29991231000000_from_the_future.*Install Relm 9\.0\.0 or later/),
    });
    expect(await restore(rebuilt(archive, (m) => (m.formatVersion = 2)))).toMatchObject({ kind: 'newer', message: expect.stringMatching(/backup format 2/) });

    expect(fs.readdirSync(dataDir).sort()).toEqual(marker);
  });

  it('restores a backup of an older schema and migrates it forward', async () => {
    const all = readMigrations();
    const old = await openDatabase({ kind: 'memory' }, { migrate: false });
    let made: Buffer;
    try {
      await applyMigrations(old.runner, { lock: false, migrations: all.slice(0, -1) });
      made = (await createBackup(old, { dataDir: path.join(tmp, 'nowhere') })).archive;
    } finally {
      await old.close();
    }
    const olderDir = path.join(tmp, 'older');
    const r = await restoreEmbedded({ archive: made, source: 'older', dataDir: olderDir, checkpointFile: path.join(olderDir, 'c.jsonl') });
    expect(r).toMatchObject({ migrated: [all[all.length - 1]!.name], headMatches: true, verification: { ok: true, headSeq: '0' } });
    const reopened = await openDatabase({ kind: 'embedded', dir: path.join(olderDir, 'pglite') }, { migrate: false });
    try {
      const applied = await reopened.runner.query<{ n: number }>('SELECT count(*)::int AS n FROM "_prisma_migrations" WHERE finished_at IS NOT NULL');
      expect(applied[0]!.n).toBe(all.length);
    } finally {
      await reopened.close();
    }
  });

  it('refuses while another process holds the folder or a server is registered', async () => {
    const holder: ChildProcess = spawn('sleep', ['60']);
    try {
      writeControlFile(dataDir, 1, holder.pid!);
      const running = await refusalOf(restoreEmbedded({ archive, source: 'b', dataDir, checkpointFile: path.join(dataDir, 'c.jsonl') }));
      expect(running).toMatchObject({
        kind: 'running',
        message: expect.stringMatching(new RegExp(`^Relm is running \\(pid ${holder.pid}\\).*Stop Relm first`, 's')),
      });
      removeControlFile(dataDir, holder.pid!);
      fs.writeFileSync(path.join(dataDir, 'pglite.lock'), String(holder.pid));
      const locked = await refusalOf(restoreEmbedded({ archive, source: 'b', dataDir, checkpointFile: path.join(dataDir, 'c.jsonl') }));
      expect(locked).toMatchObject({ kind: 'running', message: expect.stringMatching(/open in another process/) });
    } finally {
      fs.rmSync(path.join(dataDir, 'pglite.lock'), { force: true });
      holder.kill();
    }
  });
});

describe('npm run relm -- backup / restore with Relm stopped, keys kept in the data folder', { timeout: 300_000 }, () => {
  const dataDir = path.join(tmp, 'stopped');
  const file = path.join(tmp, 'stopped.tar.gz');
  const opts = { dataDir, env: FILE_KEYS };

  it('seed, back up, change, restore, compare; the audit chain verifies against the restored checkpoints', async () => {
    const seeded = await spawnScript('scripts/db-seed.ts', [], opts);
    expect(seeded.stdout + seeded.stderr).toMatch(/Seeded the demo organisation/);
    expect(fs.existsSync(path.join(dataDir, 'audit-key'))).toBe(true);
    // a verification writes a signed checkpoint: the backup carries it
    expect((await relm(['audit', 'verify'], opts)).code).toBe(0);
    // what a server that signed someone in would have written (lib/server/env.ts authSecret)
    fs.writeFileSync(path.join(dataDir, 'auth-secret'), crypto.randomBytes(48).toString('base64url') + '\n', { mode: 0o600 });
    const before = await pictureOfFolder(dataDir);

    const made = await relm(['backup', file], opts);
    expect(made.stderr).toMatch(/^Backup made by Relm /);
    expect(made).toMatchObject({ code: 0, stdout: `${file}\n` });
    expect(made.stderr).toMatch(/Not in it:\n {2}- settings from the environment/);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const { manifest } = readBackup(fs.readFileSync(file), file);
    expect(manifest.keys).toMatchObject({ audit: { source: 'file' }, signing: { source: 'file' }, authSecret: { source: 'file' } });
    expect(manifest.entries.map((e) => e.name).sort()).toEqual([
      'database/pglite.tar',
      'files/audit-checkpoints.jsonl',
      'files/audit-key',
      'files/audit-signing-key.pem',
      'files/audit-signing-key.pub.pem',
      'files/auth-secret',
    ]);
    expect(manifest.auditHead).toEqual(before.head);
    expect((await relm(['backup', file], opts)).stderr).toMatch(/exists already/);

    // the change: a user, and the chain moves on
    const changed = await relm(['user', 'create', '--email', 'late@test.relm', '--name', 'Late', '--roles', 'viewer'], opts);
    expect(changed.code).toBe(0);
    expect((await pictureOfFolder(dataDir)).users.some((u) => u.startsWith('late@test.relm'))).toBe(true);

    const restored = await relm(['restore', file], opts);
    expect(restored.stderr).toMatch(/The data folder that was there is kept as .*stopped\.before-restore-\d{8}T\d{6}Z/);
    expect(restored).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(new RegExp(`^OK: audit chain intact, \\d+ events verified \\(head seq ${before.head.seq}, as in the backup\\)`)),
    });
    expect(restored.stderr).toMatch(/Recorded the restore in the audit trail \(event #\d+, backup\.restore\)/);
    expect(await pictureOfFolder(dataDir)).toEqual(before);
    const aside = fs.readdirSync(tmp).find((n) => n.startsWith('stopped.before-restore-'))!;
    expect((await pictureOfFolder(path.join(tmp, aside))).users.some((u) => u.startsWith('late@test.relm'))).toBe(true);

    // the operator's own check, with the restored key and checkpoints
    const verified = await relm(['audit', 'verify'], opts);
    expect(verified).toMatchObject({ code: 0, stdout: expect.stringMatching(/^OK: audit chain intact[\s\S]*1 signed checkpoint in .* agrees with the chain/) });
  });

  it('restores onto a machine whose data folder is gone (the keys come back with it)', async () => {
    const fresh = path.join(tmp, 'new-machine');
    const r = await relm(['restore', file], { dataDir: fresh, env: FILE_KEYS });
    expect(r).toMatchObject({ code: 0, stdout: expect.stringMatching(/^OK: audit chain intact/) });
    expect(r.stderr).toMatch(/There was no data folder before/);
    expect(fs.readFileSync(path.join(fresh, 'audit-key'))).toEqual(fs.readFileSync(path.join(dataDir, 'audit-key')));
    expect(fs.readFileSync(path.join(fresh, 'auth-secret'))).toEqual(fs.readFileSync(path.join(dataDir, 'auth-secret')));
    expect(fs.statSync(path.join(fresh, 'audit-key')).mode & 0o777).toBe(0o600);
  });
});

describe('npm run relm -- backup / restore while Relm runs', { timeout: 300_000 }, () => {
  const dataDir = path.join(tmp, 'running');
  const file = path.join(tmp, 'running.tar.gz');
  let server: http.Server;
  let live: DbHandle;
  const saved = process.env.RELM_DATA_DIR;

  beforeAll(async () => {
    // the command route checks the secret in this process's data folder (env.ts dataDir())
    process.env.RELM_DATA_DIR = dataDir;
    resetEnvForTests();
    live = await openDatabase({ kind: 'embedded', dir: path.join(dataDir, 'pglite') }, { migrate: true });
    installDbHandle(live);
    server = http.createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const headers = Object.fromEntries(Object.entries(req.headers).filter((e): e is [string, string] => typeof e[1] === 'string'));
      const response = await POST(
        new Request(`http://127.0.0.1${req.url}`, {
          method: 'POST',
          headers: { ...headers, 'x-forwarded-for': req.socket.remoteAddress ?? '' },
          body: Buffer.concat(chunks),
        }),
      );
      res.writeHead(response.status, { 'content-type': 'application/json' });
      res.end(await response.text());
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    writeControlFile(dataDir, (server.address() as { port: number }).port);
  });

  afterAll(async () => {
    removeControlFile(dataDir);
    await new Promise((resolve) => server?.close(resolve));
    if (live && !live.pglite?.closed) await live.close();
    if (saved === undefined) delete process.env.RELM_DATA_DIR;
    else process.env.RELM_DATA_DIR = saved;
    resetEnvForTests();
  });

  it('the running server takes the backup; restore is refused until it stops, then restores', async () => {
    const admin = await makeUser(live.prisma, ['admin']);
    await runCliCommand(['token', 'create', '--user', admin.email, '--name', 'ci', '--scopes', '*']);
    await makeRelease(live.prisma, { ownerId: admin.id });
    const before = await picture(live.prisma);

    const made = await relm(['backup', file], { dataDir });
    expect(made.stderr).toMatch(new RegExp(`Relm is running \\(pid ${process.pid}\\): sending the command to it`));
    expect(made).toMatchObject({ code: 0, stdout: `${file}\n` });
    expect(readBackup(fs.readFileSync(file), file).manifest).toMatchObject({ auditHead: before.head, keys: { audit: { source: 'env' } } });

    // the server goes on writing after the backup
    await runCliCommand(['user', 'create', '--email', `late-${uid()}@test.relm`, '--name', 'Late', '--roles', 'viewer']);
    const refused = await relm(['restore', file], { dataDir });
    expect(refused).toMatchObject({ code: 1, stdout: '' });
    expect(refused.stderr).toMatch(new RegExp(`^Relm is running \\(pid ${process.pid}\\) and holds the embedded database`));
    expect(refused.stderr).toMatch(/Stop Relm first .* Nothing was changed\./);
    expect(fs.readdirSync(tmp).filter((n) => n.startsWith('running.'))).toEqual(['running.tar.gz']);

    // "stop Relm"
    removeControlFile(dataDir);
    await live.close();

    // the events were sealed with RELM_AUDIT_KEY from the environment: not in the backup
    const noKey = await relm(['restore', file], { dataDir, env: { RELM_AUDIT_KEY: undefined } });
    expect(noKey).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/set in the environment \(RELM_AUDIT_KEY, key id k-[0-9a-f]{16}\).*Set RELM_AUDIT_KEY to that key/),
    });

    const restored = await relm(['restore', file], { dataDir });
    expect(restored).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(new RegExp(`^OK: audit chain intact, \\d+ events? verified \\(head seq ${before.head.seq}, as in the backup\\)`)),
    });
    expect(await pictureOfFolder(dataDir)).toEqual(before);
  });
});

/** pg_dump / pg_restore of at least the server's major version: PATH, or Debian's /usr/lib/postgresql/<major>/bin. */
function pgTool(name: 'pg_dump' | 'pg_restore', serverMajor: number): string {
  const versions = fs.existsSync('/usr/lib/postgresql') ? fs.readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a)) : [];
  const candidates = [`/usr/lib/postgresql/${serverMajor}/bin/${name}`, ...versions.map((v) => `/usr/lib/postgresql/${v}/bin/${name}`), name];
  for (const c of candidates) {
    const v = spawnSync(c, ['--version'], { encoding: 'utf8' });
    const major = Number(/\) (\d+)/.exec(v.stdout ?? '')?.[1]);
    if (v.status === 0 && major >= serverMajor) return c;
  }
  throw new Error(`No ${name} of PostgreSQL ${serverMajor} or later (looked in PATH and /usr/lib/postgresql/*/bin)`);
}

describe('PostgreSQL', { timeout: 240_000 }, () => {
  it('relm backup / restore print the pg_dump and pg_restore commands of README.md', async () => {
    const url = 'postgresql://relm:s3cret@db.example.com:5432/relm';
    const dataDir = path.join(tmp, 'pg-advice');
    const backup = await relm(['backup', path.join(tmp, 'relm.dump')], { dataDir, env: { DATABASE_URL: url } });
    expect(backup.code).toBe(2);
    expect(backup.stderr).toContain(`pg_dump --format=custom --file="${path.join(tmp, 'relm.dump')}" "$DATABASE_URL"`);
    expect(backup.stderr).toContain('postgresql://relm:***@db.example.com:5432/relm');
    expect(backup.stderr).not.toContain('s3cret');
    const restore = await relm(['restore', 'relm.dump'], { dataDir, env: { DATABASE_URL: url, RELM_MIGRATION_DATABASE_URL: url.replace('relm:', 'owner:') } });
    expect(restore.code).toBe(2);
    expect(restore.stderr).toContain(`pg_restore --clean --if-exists --no-owner --dbname="$RELM_MIGRATION_DATABASE_URL" "${path.resolve(root, 'relm.dump')}"`);
  });

  // the PostgreSQL run (TEST_DATABASE_URL) performs the procedure; the embedded run has done
  // the same round trip through relm backup / restore above
  it(`round trip on the database under test: ${onPostgres() ? 'pg_dump -Fc, pg_restore into another database, compare, audit verify' : 'relm backup and restore (PGlite)'}`, async () => {
    const h = await freshDatabase();
    try {
      await seedDemo(h.prisma);
      await runCliCommand(['user', 'create', '--email', `pg-${uid()}@test.relm`, '--name', 'Pg', '--roles', 'viewer']);
      const before = await picture(h.prisma);
      if (!onPostgres()) {
        const made = await runCliCommand(['backup']);
        const dataDir = path.join(tmp, 'under-test');
        await runCliCommand(['user', 'create', '--email', `later-${uid()}@test.relm`, '--name', 'Later', '--roles', 'viewer']);
        const r = await restoreEmbedded({ archive: Buffer.from(made.archive!, 'base64'), source: 'b', dataDir, checkpointFile: path.join(dataDir, 'c.jsonl') });
        expect(r).toMatchObject({ headMatches: true, verification: { ok: true } });
        expect(await pictureOfFolder(dataDir)).toEqual(before);
        return;
      }
      const serverUrl = process.env.TEST_DATABASE_URL!;
      const admin = new pg.Client({ connectionString: serverUrl });
      await admin.connect();
      const major = Math.floor(Number((await admin.query<{ server_version_num: string }>('SHOW server_version_num')).rows[0]!.server_version_num) / 10000);
      const sourceUrl = (h.target as { url: string }).url;
      const dump = path.join(tmp, 'relm.dump');
      const dumped = spawnSync(pgTool('pg_dump', major), ['--format=custom', `--file=${dump}`, sourceUrl], { encoding: 'utf8' });
      expect(dumped.stderr).toBe('');
      expect(dumped.status).toBe(0);

      // the change after the backup, on the source
      await runCliCommand(['user', 'create', '--email', `later-${uid()}@test.relm`, '--name', 'Later', '--roles', 'viewer']);
      expect(await picture(h.prisma)).not.toEqual(before);

      const name = `relm_restore_${crypto.randomBytes(5).toString('hex')}`;
      await admin.query(`CREATE DATABASE ${name}`);
      const targetUrl = new URL(serverUrl);
      targetUrl.pathname = `/${name}`;
      try {
        const restored = spawnSync(pgTool('pg_restore', major), ['--clean', '--if-exists', '--no-owner', `--dbname=${targetUrl}`, dump], { encoding: 'utf8' });
        expect(restored.stderr).toBe('');
        expect(restored.status).toBe(0);
        const target = await openDatabase({ kind: 'postgres', url: targetUrl.toString() }, { migrate: false });
        try {
          expect(await picture(target.prisma)).toEqual(before);
          expect(await verifyChain(target.prisma)).toMatchObject({ ok: true, headSeq: before.head.seq, checked: Number(before.head.seq) });
        } finally {
          await target.close();
        }
        // README's last step, as the operator runs it
        const verified = await relm(['audit', 'verify'], { dataDir: path.join(tmp, 'pg-verify'), env: { DATABASE_URL: targetUrl.toString() } });
        expect(verified).toMatchObject({ code: 0, stdout: expect.stringMatching(new RegExp(`^OK: audit chain intact, ${before.head.seq} events verified`)) });
      } finally {
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.end();
      }
    } finally {
      await h.close();
    }
  });
});
