import 'server-only';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { PGlite } from '@electric-sql/pglite';
import { z } from 'zod';
import { auditKey, auditKeyId } from '@/lib/domain/audit-chain';
import { appendAudits, sealAuditChain, verifyChain, type ChainVerification } from './audit';
import { SYSTEM_ACTOR } from './actor';
import { signingKeyId } from './audit-checkpoints';
import { pidAlive, readControlFile } from './cli-control';
import { now } from './clock';
import { openDatabase, type DbHandle } from './db';
import { env } from './env';
import { PGLITE_EXTENSIONS, readMigrations } from './migrate';
import { relmVersion } from './version';

// `npm run relm -- backup <file>` and `restore <file>` for the embedded database
// (docs/decisions/064-backup-and-restore.md). A backup is one gzipped tar:
//   manifest.json            what, when, from which Relm and schema, the audit head, checksums
//   database/pglite.tar      PGlite's dumpDataDir() of the whole cluster
//   files/<name>             the data folder's secrets (when kept there) and the checkpoint file
// PostgreSQL is backed up with pg_dump / pg_restore (README.md, "Backup and restore").

export const BACKUP_FORMAT = 'relm-backup';
export const BACKUP_FORMAT_VERSION = 1;

/** Secrets Relm keeps in the data folder when they are not set in the environment (lib/server/env.ts). */
const SECRET_FILES = ['audit-key', 'audit-signing-key.pem', 'audit-signing-key.pub.pem', 'auth-secret'] as const;
const CHECKPOINTS_ENTRY = 'files/audit-checkpoints.jsonl';
const DATABASE_ENTRY = 'database/pglite.tar';

const KeySchema = z.object({ source: z.enum(['env', 'file', 'none']), id: z.string().optional() });

const ManifestSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  formatVersion: z.number().int().positive(),
  createdAt: z.string(),
  relm: z.object({ version: z.string(), commit: z.string().nullable() }),
  database: z.object({ kind: z.literal('embedded'), engine: z.literal('pglite'), serverVersion: z.string() }),
  /** the schema migrations applied, in order: the schema's level */
  migrations: z.array(z.string()),
  auditHead: z.object({ seq: z.string().regex(/^\d+$/), hash: z.string() }),
  keys: z.object({ audit: KeySchema, signing: KeySchema, authSecret: z.object({ source: z.enum(['env', 'file', 'none']) }) }),
  entries: z.array(z.object({ name: z.string(), bytes: z.number().int().nonnegative(), sha256: z.string().regex(/^[0-9a-f]{64}$/) })),
  notIncluded: z.array(z.string()),
});

export type BackupManifest = z.infer<typeof ManifestSchema>;

/** A backup or restore that cannot go ahead; `message` is for the operator. Nothing was changed. */
export class BackupError extends Error {
  constructor(
    readonly kind: 'foreign' | 'damaged' | 'newer' | 'keys' | 'running' | 'postgres' | 'failed',
    message: string,
  ) {
    super(message);
  }
}

// ---- a minimal ustar writer and reader (regular files only) ----

function octal(value: number, width: number): string {
  return value.toString(8).padStart(width - 1, '0') + '\0';
}

function tarHeader(name: string, size: number, mtime: number): Buffer {
  const h = Buffer.alloc(512);
  h.write(name, 0, 100, 'utf8');
  h.write(octal(0o600, 8), 100, 'ascii');
  h.write(octal(0, 8), 108, 'ascii');
  h.write(octal(0, 8), 116, 'ascii');
  h.write(octal(size, 12), 124, 'ascii');
  h.write(octal(mtime, 12), 136, 'ascii');
  h.write('        ', 148, 'ascii');
  h.write('0', 156, 'ascii');
  h.write('ustar\0', 257, 'ascii');
  h.write('00', 263, 'ascii');
  let sum = 0;
  for (const b of h) sum += b;
  h.write(sum.toString(8).padStart(6, '0') + '\0 ', 148, 'ascii');
  return h;
}

export function writeTar(entries: { name: string; data: Buffer }[], at: Date): Buffer {
  const mtime = Math.floor(at.getTime() / 1000);
  const parts: Buffer[] = [];
  for (const e of entries) {
    parts.push(tarHeader(e.name, e.data.length, mtime), e.data);
    const pad = (512 - (e.data.length % 512)) % 512;
    if (pad) parts.push(Buffer.alloc(pad));
  }
  parts.push(Buffer.alloc(1024));
  return Buffer.concat(parts);
}

/** The files of a tar, or null when it is not one. */
export function readTar(buf: Buffer): Map<string, Buffer> | null {
  const files = new Map<string, Buffer>();
  let at = 0;
  while (at + 512 <= buf.length) {
    const h = buf.subarray(at, at + 512);
    if (h.every((b) => b === 0)) return files;
    let sum = 0;
    for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 32 : h[i]!;
    const stored = parseInt(h.subarray(148, 156).toString('ascii').replace(/\0.*$/s, '').trim(), 8);
    if (stored !== sum) return null;
    const name = h.subarray(0, 100).toString('utf8').replace(/\0.*$/s, '');
    const size = parseInt(h.subarray(124, 136).toString('ascii').replace(/\0.*$/s, '').trim() || '0', 8);
    if (!Number.isSafeInteger(size) || at + 512 + size > buf.length) return null;
    if (h[156] === 0x30 || h[156] === 0) files.set(name, buf.subarray(at + 512, at + 512 + size));
    at += 512 + Math.ceil(size / 512) * 512;
  }
  return null;
}

const sha256 = (data: Buffer) => crypto.createHash('sha256').update(data).digest('hex');
const gzip = promisify(zlib.gzip);

function readIfThere(file: string): Buffer | null {
  try {
    return fs.readFileSync(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

function signingIdOf(pem: string): string | undefined {
  try {
    return signingKeyId(crypto.createPrivateKey(pem));
  } catch {
    return undefined;
  }
}

export const NOT_INCLUDED = [
  'settings from the environment (.env, the service definition): DATABASE_URL, SMTP, OIDC, RELM_METRICS_TOKEN and the rest',
  'secrets set in the environment instead of the data folder (RELM_AUDIT_KEY, RELM_AUDIT_SIGNING_KEY, AUTH_SECRET): keep them in your secret store',
  'checkpoints already sent to RELM_AUDIT_CHECKPOINT_URL (they stay with that receiver)',
  'control.json and the lock file (they belong to the running process)',
];

/**
 * A backup of the open embedded (or in-memory) database and the data folder's files. The
 * files are read first, then the database is dumped inside a transaction of its own: PGlite
 * runs one transaction at a time, so the dump falls between two transactions, and the audit
 * head and migrations it records are the ones in the dump. Checkpoints read before the dump
 * name heads the dump contains.
 */
export async function createBackup(handle: DbHandle, opts: { dataDir: string; at?: Date }): Promise<{ archive: Buffer; manifest: BackupManifest }> {
  const pglite = handle.pglite;
  if (!pglite) throw new BackupError('postgres', 'This Relm uses PostgreSQL: back it up with pg_dump (see "Backup and restore" in README.md).');
  // the events written so far, sealed into the chain, so the head the backup records covers them
  // (decision 062; a database of an older schema has nothing to seal)
  await sealAuditChain(handle.prisma).catch(() => undefined);
  const e = env();
  const files: { name: string; data: Buffer }[] = [];
  for (const name of SECRET_FILES) {
    const data = readIfThere(path.join(opts.dataDir, name));
    if (data) files.push({ name: `files/${name}`, data });
  }
  const checkpoints = readIfThere(handle.auditCheckpointFile);
  if (checkpoints) files.push({ name: CHECKPOINTS_ENTRY, data: checkpoints });

  const dumped = await pglite.transaction(async (tx) => {
    // a clean image: what a restore loads needs no recovery
    await tx.exec('CHECKPOINT');
    const head = (await tx.query<{ seq: string; hash: string }>('SELECT "seq"::text AS "seq", "hash" FROM "AuditChainHead" WHERE "id" = 1')).rows[0];
    const migrations = (
      await tx.query<{ name: string }>(
        'SELECT "migration_name" AS "name" FROM "_prisma_migrations" WHERE "finished_at" IS NOT NULL AND "rolled_back_at" IS NULL ORDER BY "migration_name"',
      )
    ).rows.map((r) => r.name);
    const version = (await tx.query<{ server_version: string }>('SHOW server_version')).rows[0]?.server_version ?? 'unknown';
    const tarball = await pglite.dumpDataDir('none');
    return { head: head ?? { seq: '0', hash: '' }, migrations, version, tarball: Buffer.from(await tarball.arrayBuffer()) };
  });

  const fileData = (name: string) =>
    files
      .find((f) => f.name === `files/${name}`)
      ?.data.toString('utf8')
      .trim();
  const auditFile = fileData('audit-key');
  const signingFile = fileData('audit-signing-key.pem');
  const entries = [{ name: DATABASE_ENTRY, data: dumped.tarball }, ...files];
  const at = opts.at ?? now();
  const manifest: BackupManifest = {
    format: BACKUP_FORMAT,
    formatVersion: BACKUP_FORMAT_VERSION,
    createdAt: at.toISOString(),
    relm: relmVersion(),
    database: { kind: 'embedded', engine: 'pglite', serverVersion: dumped.version },
    migrations: dumped.migrations,
    auditHead: dumped.head,
    keys: {
      audit: e.RELM_AUDIT_KEY
        ? { source: 'env', id: auditKeyId(e.RELM_AUDIT_KEY) }
        : auditFile
          ? { source: 'file', id: auditKeyId(auditFile) }
          : { source: 'none' },
      signing: e.RELM_AUDIT_SIGNING_KEY
        ? { source: 'env', id: signingIdOf(e.RELM_AUDIT_SIGNING_KEY) }
        : signingFile
          ? { source: 'file', id: signingIdOf(signingFile) }
          : { source: 'none' },
      authSecret: { source: e.AUTH_SECRET ? 'env' : fileData('auth-secret') ? 'file' : 'none' },
    },
    entries: entries.map((f) => ({ name: f.name, bytes: f.data.length, sha256: sha256(f.data) })),
    notIncluded: NOT_INCLUDED,
  };
  const tar = writeTar([{ name: 'manifest.json', data: Buffer.from(JSON.stringify(manifest, null, 2) + '\n') }, ...entries], at);
  return { archive: await gzip(tar), manifest };
}

/** Opens a backup file's bytes: its manifest and entries, each checked against its checksum. */
export function readBackup(archive: Buffer, source: string): { manifest: BackupManifest; entries: Map<string, Buffer> } {
  const foreign = (why: string) => new BackupError('foreign', `${source} is not a Relm backup (${why}). Nothing was changed.`);
  const damaged = (why: string) => new BackupError('damaged', `${source} is damaged: ${why}. Nothing was changed; use another copy of the backup.`);
  if (archive.length < 2 || archive[0] !== 0x1f || archive[1] !== 0x8b) throw foreign('not a gzip file');
  let tar: Buffer;
  try {
    tar = zlib.gunzipSync(archive);
  } catch (err) {
    throw damaged(`it does not decompress (${err instanceof Error ? err.message : String(err)})`);
  }
  const entries = readTar(tar);
  if (!entries) throw foreign('not a tar archive inside');
  const raw = entries.get('manifest.json');
  if (!raw) throw foreign('no manifest.json');
  let json: unknown;
  try {
    json = JSON.parse(raw.toString('utf8'));
  } catch {
    throw foreign('manifest.json is not JSON');
  }
  const head = json as { format?: unknown; formatVersion?: unknown };
  if (head?.format !== BACKUP_FORMAT) throw foreign('its manifest is not a Relm backup manifest');
  if (typeof head.formatVersion === 'number' && head.formatVersion > BACKUP_FORMAT_VERSION) {
    throw new BackupError(
      'newer',
      `${source} was written by a newer Relm (backup format ${head.formatVersion}; this Relm reads format ${BACKUP_FORMAT_VERSION}). Upgrade Relm, then restore. Nothing was changed.`,
    );
  }
  const parsed = ManifestSchema.safeParse(json);
  if (!parsed.success) throw damaged(`its manifest is incomplete (${parsed.error.issues[0]?.path.join('.') ?? 'manifest'})`);
  const manifest = parsed.data;
  for (const e of manifest.entries) {
    const data = entries.get(e.name);
    if (!data) throw damaged(`${e.name} is missing`);
    if (data.length !== e.bytes || sha256(data) !== e.sha256) throw damaged(`the checksum of ${e.name} does not match`);
  }
  const listed = new Set(['manifest.json', ...manifest.entries.map((e) => e.name)]);
  const extra = [...entries.keys()].filter((n) => !listed.has(n));
  if (extra.length) throw damaged(`it holds files its manifest does not list (${extra.join(', ')})`);
  if (!entries.has(DATABASE_ENTRY)) throw damaged(`${DATABASE_ENTRY} is missing`);
  return { manifest, entries };
}

/** "Relm 0.2.0 (commit …), 12 Dec 2026 10:00 UTC, audit head seq 42" */
export function describeBackup(m: BackupManifest): string {
  return `made by Relm ${m.relm.version}${m.relm.commit ? ` (commit ${m.relm.commit})` : ''} at ${m.createdAt}, audit head seq ${m.auditHead.seq}, ${m.migrations.length} migrations`;
}

export interface RestoreResult {
  manifest: BackupManifest;
  /** where the data folder that was there is kept, or null when there was none */
  previous: string | null;
  /** a checkpoint file outside the data folder that was replaced: kept here */
  previousCheckpoints: string | null;
  /** migrations of this Relm the backup did not have, applied after the restore */
  migrated: string[];
  verification: ChainVerification;
  /** the restored head is the one the backup recorded */
  headMatches: boolean;
  /** the seq of the backup.restore audit event that records the restore (written when the chain verified) */
  recorded: string | null;
}

function stamp(at: Date): string {
  return at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
}

function freeName(base: string): string {
  let name = base;
  for (let i = 2; fs.existsSync(name); i++) name = `${base}-${i}`;
  return name;
}

/** Refuses while a Relm server or another process has the embedded database open. */
function assertStopped(dataDir: string, lockFile: string): void {
  const control = readControlFile(dataDir);
  if (control && control.pid !== process.pid && pidAlive(control.pid)) {
    throw new BackupError(
      'running',
      `Relm is running (pid ${control.pid}) and holds the embedded database in ${dataDir}. ` +
        'A restore replaces the whole data folder, which cannot happen under a running server (it keeps the database, ' +
        'the audit key and the sessions open and would go on writing to the folder that was replaced).\n' +
        `Stop Relm first (kill ${control.pid}, or stop its service), run the restore again, then start Relm. Nothing was changed.`,
    );
  }
  let pid = 0;
  try {
    pid = Number(fs.readFileSync(lockFile, 'utf8'));
  } catch {
    pid = 0;
  }
  if (pid && pid !== process.pid && pidAlive(pid)) {
    throw new BackupError(
      'running',
      `The embedded database in ${dataDir} is open in another process (pid ${pid}). Stop it (a Relm server, npm run db:migrate or db:seed), ` +
        'then run the restore again. Nothing was changed.',
    );
  }
}

/** The key that will seal and verify the restored chain: the environment's, else the backup's file. */
function restoredKeys(manifest: BackupManifest, entries: Map<string, Buffer>, source: string): { audit?: string } {
  const e = env();
  const fileText = (name: string) => entries.get(`files/${name}`)?.toString('utf8').trim();
  const audit = e.RELM_AUDIT_KEY ?? fileText('audit-key');
  const want = manifest.keys.audit;
  if (want.id && (!audit || auditKeyId(audit) !== want.id)) {
    throw new BackupError(
      'keys',
      want.source === 'env'
        ? `${source} holds events sealed with an audit key that was set in the environment (RELM_AUDIT_KEY, key id ${want.id}), so the backup does not contain it. ` +
            `Set RELM_AUDIT_KEY to that key${audit ? ` (the one set now is ${auditKeyId(audit)})` : ''} and run the restore again. Nothing was changed.`
        : `${source} holds events sealed with the audit key kept in its data folder (key id ${want.id}), but RELM_AUDIT_KEY is set to another key (${auditKeyId(audit!)}). ` +
            'Unset RELM_AUDIT_KEY (or set it to the backup’s key) and run the restore again. Nothing was changed.',
    );
  }
  const signing = e.RELM_AUDIT_SIGNING_KEY ?? fileText('audit-signing-key.pem');
  const wantSigning = manifest.keys.signing;
  if (entries.has(CHECKPOINTS_ENTRY) && wantSigning.id && (!signing || signingIdOf(signing) !== wantSigning.id)) {
    throw new BackupError(
      'keys',
      `${source} holds audit checkpoints signed with key ${wantSigning.id}${wantSigning.source === 'env' ? ' (set in the environment as RELM_AUDIT_SIGNING_KEY, so not in the backup)' : ''}, ` +
        `but ${signing ? `the signing key in effect is ${signingIdOf(signing) ?? 'unreadable'}` : 'no signing key is set'}. ` +
        'Set RELM_AUDIT_SIGNING_KEY to the key that signed them (or unset it to use the backup’s) and run the restore again. Nothing was changed.',
    );
  }
  return { audit };
}

function moveEntries(from: string, to: string, skip: Set<string>): void {
  fs.mkdirSync(to, { recursive: true, mode: 0o700 });
  for (const name of fs.readdirSync(from)) {
    if (!skip.has(name)) fs.renameSync(path.join(from, name), path.join(to, name));
  }
}

/**
 * Restores a backup into the embedded database's data folder, with Relm stopped. Checks the
 * file first (a Relm backup, checksums, a schema this Relm knows, the audit key); builds the
 * new folder beside the old one; moves the old one aside (<dir>.before-restore-<time>), never
 * deleting it; opens the restored database (applying this Relm's newer migrations) and walks
 * the audit chain against the backup's checkpoints.
 */
export async function restoreEmbedded(opts: { archive: Buffer; source: string; dataDir: string; checkpointFile: string }): Promise<RestoreResult> {
  const { manifest, entries } = readBackup(opts.archive, opts.source);
  const known = readMigrations().map((m) => m.name);
  const unknown = manifest.migrations.filter((m) => !known.includes(m));
  if (unknown.length) {
    throw new BackupError(
      'newer',
      `${opts.source} comes from a newer Relm (${manifest.relm.version}): its database has ${unknown.length === 1 ? 'a migration' : 'migrations'} this Relm does not know ` +
        `(${unknown.join(', ')}). Install Relm ${manifest.relm.version} or later, then restore. Nothing was changed.`,
    );
  }
  const keys = restoredKeys(manifest, entries, opts.source);
  const dataDir = path.resolve(opts.dataDir);
  const pgliteDir = path.join(dataDir, 'pglite');
  const lockFile = `${pgliteDir}.lock`;
  assertStopped(dataDir, lockFile);

  const at = now();
  const parent = path.dirname(dataDir);
  fs.mkdirSync(parent, { recursive: true });
  // a data folder that is a mount point (a container volume) cannot be renamed: work inside it
  const inside = fs.existsSync(dataDir) && fs.statSync(dataDir).dev !== fs.statSync(parent).dev;
  const staging = freeName(inside ? path.join(dataDir, `.restoring-${stamp(at)}`) : `${dataDir}.restoring-${stamp(at)}`);
  const previousName = inside ? freeName(path.join(dataDir, `before-restore-${stamp(at)}`)) : freeName(`${dataDir}.before-restore-${stamp(at)}`);
  const checkpointInside = path.resolve(opts.checkpointFile).startsWith(dataDir + path.sep);

  fs.mkdirSync(staging, { recursive: true, mode: 0o700 });
  try {
    for (const name of SECRET_FILES) {
      const data = entries.get(`files/${name}`);
      if (data) fs.writeFileSync(path.join(staging, name), data, { mode: name.endsWith('.pub.pem') ? 0o644 : 0o600 });
    }
    const checkpoints = entries.get(CHECKPOINTS_ENTRY);
    if (checkpoints && checkpointInside) {
      const target = path.join(staging, path.relative(dataDir, path.resolve(opts.checkpointFile)));
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, checkpoints, { mode: 0o644 });
    }
    // PGlite itself unpacks its dump (and proves it can open it) into the new folder
    const loaded = new PGlite(path.join(staging, 'pglite'), {
      extensions: PGLITE_EXTENSIONS,
      loadDataDir: new Blob([new Uint8Array(entries.get(DATABASE_ENTRY)!)]),
    });
    try {
      await loaded.waitReady;
    } finally {
      if (!loaded.closed) await loaded.close().catch(() => undefined);
    }
  } catch (err) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw new BackupError(
      'failed',
      `Could not load the database from ${opts.source} (its database is PostgreSQL ${manifest.database.serverVersion} under PGlite): ` +
        `${err instanceof Error ? err.message : String(err)}. Nothing was changed.`,
    );
  }

  // the swap: checked again right before it, and the lock held over it
  assertStopped(dataDir, lockFile);
  let previous: string | null = null;
  if (fs.existsSync(dataDir)) {
    fs.writeFileSync(lockFile, String(process.pid));
    if (inside) moveEntries(dataDir, previousName, new Set([path.basename(staging), path.basename(previousName)]));
    else fs.renameSync(dataDir, previousName);
    fs.rmSync(path.join(previousName, 'pglite.lock'), { force: true });
    previous = previousName;
  }
  if (inside) {
    moveEntries(staging, dataDir, new Set());
    fs.rmdirSync(staging);
  } else fs.renameSync(staging, dataDir);

  let previousCheckpoints: string | null = null;
  if (!checkpointInside) {
    const file = path.resolve(opts.checkpointFile);
    if (fs.existsSync(file)) {
      previousCheckpoints = freeName(`${file}.before-restore-${stamp(at)}`);
      fs.renameSync(file, previousCheckpoints);
    }
    const checkpoints = entries.get(CHECKPOINTS_ENTRY);
    if (checkpoints) fs.writeFileSync(file, checkpoints, { mode: 0o644 });
  }

  const migrated = known.filter((m) => !manifest.migrations.includes(m));
  let handle: DbHandle;
  try {
    handle = await openDatabase({ kind: 'embedded', dir: pgliteDir }, { migrate: true });
  } catch (err) {
    throw new BackupError(
      'failed',
      `The backup's files are in place in ${dataDir}, but the restored database could not be opened: ${err instanceof Error ? err.message : String(err)}. ` +
        (previous ? `The folder that was there is kept as ${previous}: to go back, move ${dataDir} away and move it back.` : ''),
    );
  }
  try {
    handle.auditCheckpointFile = opts.checkpointFile;
    // the head as restored, before the verification seals what the backup held unsealed (decision 062)
    const restoredHead = await handle.prisma.auditChainHead.findUnique({ where: { id: 1 } });
    const verification = await verifyChain(handle.prisma, {
      ...(keys.audit ? { key: auditKey(keys.audit) } : {}),
      checkpointFile: opts.checkpointFile,
    });
    const headMatches =
      String(restoredHead?.seq ?? 0) === manifest.auditHead.seq && (manifest.auditHead.seq === '0' || restoredHead?.hash === manifest.auditHead.hash);
    // the restore is part of the record: one event at the end of the chain it verified (a chain
    // that does not verify gets nothing appended: it is left as found, for investigation)
    let recorded: string | null = null;
    if (verification.ok && headMatches) {
      const key = keys.audit ? auditKey(keys.audit) : undefined;
      const [seq] = await appendAudits(
        handle.prisma,
        null,
        [
          {
            actor: SYSTEM_ACTOR,
            at: now(),
            event: {
              action: 'backup.restore',
              targetType: 'database',
              after: {
                file: path.basename(opts.source),
                backupMadeAt: manifest.createdAt,
                backupRelm: manifest.relm.version,
                backupCommit: manifest.relm.commit ?? null,
                restoredBy: `Relm ${relmVersion()} (command line)`,
                auditHeadSeq: verification.headSeq,
                migrated,
                previousFolder: previous ? path.basename(previous) : null,
              },
            },
          },
        ],
        key ? { key } : {},
      );
      await sealAuditChain(handle.prisma, key ? { key } : {});
      recorded = String(seq);
    }
    return { manifest, previous, previousCheckpoints, migrated, verification, headMatches, recorded };
  } finally {
    await handle.close();
  }
}

/** The URL with its password hidden, for printing. */
function shown(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(DATABASE_URL)';
  }
}

/** What `relm backup` / `relm restore` say with PostgreSQL: the exact pg_dump / pg_restore commands. */
export function postgresAdvice(command: 'backup' | 'restore', file: string): string {
  const e = env();
  const variable = e.RELM_MIGRATION_DATABASE_URL ? 'RELM_MIGRATION_DATABASE_URL' : 'DATABASE_URL';
  const url = e.RELM_MIGRATION_DATABASE_URL ?? e.DATABASE_URL ?? '';
  const quoted = JSON.stringify(file);
  const lines =
    command === 'backup'
      ? [
          'Relm uses PostgreSQL here (DATABASE_URL): back it up with PostgreSQL’s own pg_dump (its major version at least the server’s), as the role that owns the schema:',
          '',
          `  pg_dump --format=custom --file=${quoted} "$${variable}"`,
          '',
          `(${variable} is ${shown(url)}.) Also keep, with it, what lives outside the database: RELM_AUDIT_KEY and RELM_AUDIT_SIGNING_KEY (or the files`,
          'audit-key, audit-signing-key.pem and auth-secret in RELM_DATA_DIR when they are not set) and the audit checkpoint file.',
        ]
      : [
          'Relm uses PostgreSQL here (DATABASE_URL): stop every Relm process, then restore with pg_restore, as the role that owns the schema:',
          '',
          `  pg_restore --clean --if-exists --no-owner --dbname="$${variable}" ${quoted}`,
          '',
          `(${variable} is ${shown(url)}.) Then start Relm (it applies newer migrations) and check the chain: npm run relm -- audit verify.`,
        ];
  return lines.join('\n') + '\nSee "Backup and restore" in README.md.\n';
}
