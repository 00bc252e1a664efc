import 'server-only';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ROLES } from '@/lib/domain/permissions';
import type { ActionResult } from '@/lib/domain/result';
import { createApiTokenFor } from './api-tokens';
import { verifyAuditTrail } from './audit-trail';
import { createUser, resetPassword } from './users';
import { updateSignInSettings } from './sso-admin';
import { BackupError, createBackup, describeBackup } from './backup';
import { db, dbHandle } from './db';
import { configurationProblems, dataDir, effectiveConfiguration } from './env';
import { versionLine } from './version';
import { newRequestId } from './request-meta';
import type { Actor } from './actor';

// The operator commands of `npm run relm`, run either in the command line's own
// process (database not open elsewhere, or PostgreSQL) or inside the running
// server through POST /api/internal/cli. Both paths call runCliCommand, so they
// behave identically. Every write goes through the ordinary mutations (.as the
// CLI actor), so validation and the audit trail apply.

export interface CliOutput {
  exitCode: number;
  /** what a script would capture: the token, the password, the verification result */
  stdout: string;
  /** everything meant for the person at the terminal */
  stderr: string;
  /** `backup` only: the backup file, base64, which the command line writes where it was asked to */
  archive?: string;
}

/** Exit codes: 0 done, 1 refused or audit chain broken, 2 usage error, 3 database unreachable (scripts/relm.ts). */
export const EXIT = { ok: 0, refused: 1, usage: 2, unavailable: 3 } as const;

export const CLI_ACTOR: Actor = {
  type: 'system',
  id: null,
  label: 'system (cli)',
  email: null,
  name: 'Relm command line',
  roles: ['admin'],
  teamId: null,
};

export const CLI_HELP = `Relm operator command line

Usage: npm run relm -- <command> [options]

  token create --user <email> --name <name> --scopes <list> [--expires-days <N>]
      Creates an API token for that user and prints it (once) on stdout.
      Scopes: comma-separated permission names (e.g. build.record,release.read)
      the user's roles allow, or * for everything their roles allow.

  user create --email <email> --name <name> --roles <list> [--team <slug>] [--password-stdin]
      Creates a user. Roles: ${ROLES.join(', ')}. Without --password-stdin a
      password is generated and printed on stdout. A password given on stdin
      must be at least 12 characters and hard to guess (not the person's name
      or e-mail address, no common passwords, repeats or keyboard rows).

  user reset-password --email <email> [--password-stdin]
      Sets a new password for the user and ends all their sessions (every
      browser signed in as them is signed out). Without --password-stdin a
      password is generated and printed on stdout.

  sign-in passwords-on
      Lets everyone sign in with a password again (single sign-on stays
      available): the way back in when password sign-in was switched off and
      neither the identity provider nor a break-glass admin can sign in.

  audit verify [--checkpoints <file>]
      Walks the audit hash chain with the audit key and holds it against the
      signed checkpoints (RELM_DATA_DIR/audit-checkpoints.jsonl, or <file>: a
      copy kept elsewhere); prints OK and the number of events, or the first
      broken link (exit code 1). A chain that holds gets a new checkpoint.

  backup <file>
      Embedded database: writes a backup of the database, the audit and
      sign-in keys kept in the data folder and the audit checkpoints to <file>
      (a .tar.gz with a manifest; keep it as safe as the keys). While Relm
      runs, the running server takes it at a consistent moment. PostgreSQL:
      prints the pg_dump command to use instead.

  restore <file>
      Embedded database, with Relm stopped: restores a backup into the data
      folder, keeping the folder that was there as
      <data folder>.before-restore-<time>; applies newer migrations; verifies
      the audit chain. Refuses while Relm runs, and refuses a file that is not
      a Relm backup, is damaged, or comes from a newer Relm. PostgreSQL:
      prints the pg_restore command to use instead.

  version (or --version)
      Prints the version of Relm and the commit it was built from.

  config
      Prints the configuration in effect: every setting, its value and whether
      it was set or is the default. Secrets are never printed (only whether
      they are set), and passwords in database and mail URLs are hidden.
      Exit code 2 when a setting is malformed or unknown, one line per setting.

  help
      This text.

Works whether or not Relm is running: with the embedded database in use by a
running server, the command is handed to that server. Everything is recorded
in the audit trail as "system (cli)". Exit codes: 0 done, 1 refused or chain
broken, 2 usage error, 3 database unavailable.`;

type Flags = Record<string, string | true>;

interface Parsed {
  words: string[];
  flags: Flags;
}

class UsageError extends Error {}

const KNOWN_OPTIONS = ['user', 'name', 'scopes', 'expires-days', 'email', 'roles', 'team', 'password-stdin', 'checkpoints', 'help'];

export function parseCliArgs(argv: readonly string[]): Parsed {
  const words: string[] = [];
  const flags: Flags = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') continue;
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const key = (eq > 0 ? arg.slice(2, eq) : arg.slice(2)).toLowerCase();
      if (!key) throw new UsageError(`Unexpected "${arg}".`);
      if (!KNOWN_OPTIONS.includes(key)) throw new UsageError(`Unknown option: --${key}.`);
      if (key in flags) throw new UsageError(`--${key} is given twice.`);
      if (eq > 0) flags[key] = arg.slice(eq + 1);
      else if (key === 'password-stdin' || key === 'help') flags[key] = true;
      else {
        const next = argv[i + 1];
        if (next === undefined || next.startsWith('--')) throw new UsageError(`--${key} needs a value.`);
        flags[key] = next;
        i++;
      }
    } else if (arg === '-h') {
      flags.help = true;
    } else {
      words.push(arg);
    }
  }
  return { words, flags };
}

function takeFlags(flags: Flags, allowed: string[], required: string[]): Record<string, string> {
  const unknown = Object.keys(flags).filter((k) => !allowed.includes(k));
  if (unknown.length) throw new UsageError(`Unknown option${unknown.length === 1 ? '' : 's'}: ${unknown.map((k) => `--${k}`).join(', ')}.`);
  const missing = required.filter((k) => typeof flags[k] !== 'string' || !(flags[k] as string).trim());
  if (missing.length) throw new UsageError(`Missing ${missing.map((k) => `--${k}`).join(', ')}.`);
  return Object.fromEntries(Object.entries(flags).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
}

const list = (v: string | undefined) =>
  (v ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** A refused mutation, worded for a terminal: the message, then each field by its option name. */
function refusal(result: Extract<ActionResult<unknown>, { ok: false }>, optionOf: Record<string, string>): CliOutput {
  const repeated = Object.values(result.fieldErrors ?? {}).some((errors) => errors.includes(result.message));
  const lines = [repeated ? 'Refused:' : `Refused: ${result.message}`];
  for (const [field, errors] of Object.entries(result.fieldErrors ?? {})) {
    const key = field.split('.')[0]!;
    lines.push(`  ${optionOf[key] ?? key}: ${errors.join(' ')}`);
  }
  return { exitCode: result.code === 'error' ? EXIT.unavailable : EXIT.refused, stdout: '', stderr: lines.join('\n') + '\n' };
}

const usage = (message: string): CliOutput => ({
  exitCode: EXIT.usage,
  stdout: '',
  stderr: `${message}\nRun "npm run relm -- help" for the commands and their options.\n`,
});

function generatedPassword(): string {
  // 20 characters from an alphabet without look-alikes: about 115 bits
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  let out = '';
  for (const byte of crypto.randomBytes(64)) {
    if (byte < 220 && out.length < 20) out += alphabet[byte % 55];
  }
  return out;
}

async function tokenCreate(flags: Flags, requestId: string): Promise<CliOutput> {
  const f = takeFlags(flags, ['user', 'name', 'scopes', 'expires-days'], ['user', 'name', 'scopes']);
  const result = await createApiTokenFor.as(CLI_ACTOR, { requestId })({
    email: f.user,
    name: f.name,
    scopes: list(f.scopes),
    expiresInDays: f['expires-days'],
  });
  if (!result.ok) return refusal(result, { email: '--user', name: '--name', scopes: '--scopes', expiresInDays: '--expires-days' });
  const t = result.data.apiToken;
  return {
    exitCode: EXIT.ok,
    stdout: `${result.data.token}\n`,
    stderr:
      `Created API token "${t.name}" (${t.display}) for ${result.data.owner.email}, scopes ${t.scopes.join(', ')}, ` +
      `${t.expiresAt ? `expires ${t.expiresAt}` : 'no expiry'}.\n` +
      "The token is printed above, once: store it now; Relm keeps only its hash. It acts with the owner's roles and can be revoked on their profile page.\n",
  };
}

async function userCreate(flags: Flags, requestId: string, stdin: string | undefined): Promise<CliOutput> {
  const f = takeFlags(flags, ['email', 'name', 'roles', 'team', 'password-stdin'], ['email', 'name', 'roles']);
  let teamId: string | undefined;
  if (f.team !== undefined) {
    const prisma = await db();
    const team = await prisma.team.findUnique({ where: { slug: f.team.trim().toLowerCase() }, select: { id: true } });
    if (!team) {
      const teams = await prisma.team.findMany({ select: { slug: true }, orderBy: { slug: 'asc' }, take: 50 });
      return {
        exitCode: EXIT.refused,
        stdout: '',
        stderr: `Refused: no team has the slug "${f.team}". ${teams.length ? `Teams: ${teams.map((t) => t.slug).join(', ')}.` : 'There are no teams yet.'}\n`,
      };
    }
    teamId = team.id;
  }
  const chosen = passwordFrom(flags, stdin);
  if ('exitCode' in chosen) return chosen;
  const { password, generated } = chosen;
  const result = await createUser.as(CLI_ACTOR, { requestId })({
    email: f.email,
    name: f.name,
    roles: list(f.roles).map((r) => r.replace(/-/g, '_')),
    teamId,
    password,
  });
  if (!result.ok) return refusal(result, { email: '--email', name: '--name', roles: '--roles', teamId: '--team', password: 'password' });
  const u = result.data;
  return {
    exitCode: EXIT.ok,
    stdout: generated ? `${password}\n` : '',
    stderr:
      `Created user ${u.email} (${u.name}), roles ${u.roles.join(', ')}${u.team ? `, team ${u.team.name}` : ''}.\n` +
      (generated ? 'Generated password printed above, once: hand it over securely.\n' : ''),
  };
}

/** The password from standard input (--password-stdin), else a generated one (printed once by the caller). */
function passwordFrom(flags: Flags, stdin: string | undefined): { password: string; generated: boolean } | CliOutput {
  if (flags['password-stdin'] !== true) return { password: generatedPassword(), generated: true };
  const password = (stdin ?? '').replace(/\r?\n$/, '');
  return password ? { password, generated: false } : usage('--password-stdin was given but nothing arrived on standard input.');
}

async function userResetPassword(flags: Flags, requestId: string, stdin: string | undefined): Promise<CliOutput> {
  const f = takeFlags(flags, ['email', 'password-stdin'], ['email']);
  const prisma = await db();
  const user = await prisma.user.findUnique({ where: { email: (f.email ?? '').trim().toLowerCase() }, select: { id: true } });
  if (!user) return { exitCode: EXIT.refused, stdout: '', stderr: `Refused: no user has the email "${f.email}".\n` };
  const chosen = passwordFrom(flags, stdin);
  if ('exitCode' in chosen) return chosen;
  const { password, generated } = chosen;
  const result = await resetPassword.as(CLI_ACTOR, { requestId })({ id: user.id, password });
  if (!result.ok) return refusal(result, { id: '--email', password: 'password' });
  const { email, sessionsEnded } = result.data;
  return {
    exitCode: EXIT.ok,
    stdout: generated ? `${password}\n` : '',
    stderr:
      `New password set for ${email}; ${sessionsEnded === 1 ? '1 session' : `${sessionsEnded} sessions`} ended.\n` +
      (generated ? 'Generated password printed above, once: hand it over securely.\n' : ''),
  };
}

async function passwordsOn(flags: Flags, requestId: string): Promise<CliOutput> {
  takeFlags(flags, [], []);
  const prisma = await db();
  // the break-glass admins who still qualify stay named; the others would refuse the save
  const kept = await prisma.breakGlassAdmin.findMany({
    where: { user: { disabledAt: null, roles: { some: { role: 'admin' } } } },
    select: { user: { select: { email: true } } },
  });
  const result = await updateSignInSettings.as(CLI_ACTOR, { requestId })({ passwordSignIn: true, breakGlassEmails: kept.map((k) => k.user.email).join('\n') });
  if (!result.ok) return refusal(result, {});
  return { exitCode: EXIT.ok, stdout: '', stderr: 'Password sign-in is on for everyone (recorded in the audit trail).\n' };
}

async function auditVerify(flags: Flags, requestId: string): Promise<CliOutput> {
  const f = takeFlags(flags, ['checkpoints'], []);
  const checkpointFile = f.checkpoints ? path.resolve(f.checkpoints) : undefined;
  if (checkpointFile && !fs.existsSync(checkpointFile)) throw new UsageError(`--checkpoints: there is no file ${checkpointFile}.`);
  const result = await verifyAuditTrail.as(CLI_ACTOR, { requestId })(checkpointFile ? { checkpointFile } : {});
  if (!result.ok) return refusal(result, { checkpointFile: '--checkpoints' });
  const v = result.data;
  const cp = v.checkpoints;
  const checkpointsLine = !cp
    ? ''
    : cp.checked === 0
      ? `No signed checkpoint in ${cp.file} yet (a verification that holds writes one).\n`
      : `${cp.checked} signed checkpoint${cp.checked === 1 ? '' : 's'} in ${cp.file} ${cp.checked === 1 ? 'agrees' : 'agree'} with the chain${cp.last ? ` (last: seq ${cp.last.seq} at ${cp.last.at})` : ''}.\n`;
  if (v.ok) {
    return {
      exitCode: EXIT.ok,
      stdout: `OK: audit chain intact, ${v.checked} event${v.checked === 1 ? '' : 's'} verified (head seq ${v.headSeq}).\n${checkpointsLine}`,
      stderr: 'The verification itself was recorded as an audit.verify event.\n',
    };
  }
  const p = v.problem!;
  return {
    exitCode: EXIT.refused,
    stdout: `BROKEN: first broken link at seq ${p.seq} (${p.kind}): ${p.message}\n`,
    stderr: `${v.checked} event(s) verified before the break. History was edited or deleted at or before seq ${p.seq}; restore it from a backup and investigate.\n${v.recorded ? '' : 'This verification could not be recorded in the audit trail: its head no longer points at its last event.\n'}`,
  };
}

/** `backup` inside the process that holds the database: the archive travels back to the command line. */
async function backup(flags: Flags): Promise<CliOutput> {
  takeFlags(flags, [], []);
  const handle = await dbHandle();
  try {
    const { archive, manifest } = await createBackup(handle, { dataDir: dataDir() });
    return { exitCode: EXIT.ok, stdout: '', stderr: `Backup ${describeBackup(manifest)}.\n`, archive: archive.toString('base64') };
  } catch (err) {
    if (err instanceof BackupError) return { exitCode: EXIT.usage, stdout: '', stderr: err.message + '\n' };
    throw err;
  }
}

/** Runs one command line. Never throws for bad input or refusals; unexpected errors come back with exit code 3. */
export async function runCliCommand(argv: readonly string[], opts: { stdin?: string; requestId?: string } = {}): Promise<CliOutput> {
  const requestId = opts.requestId ?? `cli-${newRequestId()}`;
  try {
    const { words, flags } = parseCliArgs(argv);
    const command = words.join(' ');
    if (!command || command === 'help' || flags.help === true) {
      return { exitCode: EXIT.ok, stdout: CLI_HELP + '\n', stderr: '' };
    }
    switch (command) {
      case 'token create':
        return await tokenCreate(flags, requestId);
      case 'user create':
        return await userCreate(flags, requestId, opts.stdin);
      case 'user reset-password':
        return await userResetPassword(flags, requestId, opts.stdin);
      case 'sign-in passwords-on':
        return await passwordsOn(flags, requestId);
      case 'audit verify':
        return await auditVerify(flags, requestId);
      case 'config':
        return showConfiguration();
      case 'backup':
        return await backup(flags);
      case 'version':
        return { exitCode: EXIT.ok, stdout: versionLine() + '\n', stderr: '' };
      default:
        return usage(
          `Unknown command "${command}". Commands: token create, user create, user reset-password, sign-in passwords-on, audit verify, backup, restore, config, version, help.`,
        );
    }
  } catch (err) {
    if (err instanceof UsageError) return usage(err.message);
    console.error(`[relm] cli ${requestId} failed`, err);
    return {
      exitCode: EXIT.unavailable,
      stdout: '',
      stderr: `The command failed unexpectedly: ${err instanceof Error ? err.message : String(err)} (request id ${requestId}). Each change is one transaction, so nothing was half-written.\n`,
    };
  }
}

/** `relm config`: the settings in effect, secrets hidden; malformed or unknown ones named instead. */
export function showConfiguration(source?: Record<string, string | undefined>): CliOutput {
  const problems = configurationProblems(source);
  if (problems.length) {
    return { exitCode: EXIT.usage, stdout: '', stderr: `Invalid configuration:\n${problems.map((p) => `  ${p}`).join('\n')}\n` };
  }
  const rows = effectiveConfiguration(source);
  const width = Math.max(...rows.map((r) => r.name.length));
  const lines = rows.map((r) => `${r.name.padEnd(width)}  ${r.value}${r.from === 'default' ? '  (default)' : ''}`);
  return { exitCode: EXIT.ok, stdout: lines.join('\n') + '\n', stderr: '' };
}
