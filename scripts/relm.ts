// npm run relm -- <command>: the operator command line (docs/decisions/005-api-tokens-and-cli.md).
//
// Where the command runs:
// - PostgreSQL (DATABASE_URL): connects directly; any number of processes may.
// - Embedded PGlite, a Relm server registered in <data dir>/control.json and alive:
//   the command is sent to that server (POST /api/internal/cli, loopback only,
//   with the per-start secret from control.json) and runs there, because only one
//   process may open the folder and the server must never be locked out.
// - Embedded, no live server: opens the folder itself (taking the lock db.ts takes),
//   runs the command and closes it. If something else holds the lock, says who.
// - backup <file>: made wherever the database is open (the server, or here) and written here;
//   restore <file>: only here, with Relm stopped (lib/server/backup.ts, decision 064).
import fs from 'node:fs';
import path from 'node:path';
import { CLI_HELP, EXIT, runCliCommand, showConfiguration, type CliOutput } from '@/lib/server/cli-commands';
import { BackupError, NOT_INCLUDED, describeBackup, postgresAdvice, restoreEmbedded } from '@/lib/server/backup';
import { versionLine } from '@/lib/server/version';
import { CONTROL_HEADER, CONTROL_PATH, pidAlive, readControlFile, type ControlInfo } from '@/lib/server/cli-control';
import { auditCheckpointsFile, dataDir, databaseTarget } from '@/lib/server/env';
import { DatabaseInUseError, installDbHandle, openDatabase } from '@/lib/server/db';

const say = (line: string) => process.stderr.write(line.endsWith('\n') ? line : line + '\n');

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) say('Type the password, then press Enter and Ctrl-D:');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function post(host: string, control: ControlInfo, argv: string[], stdin: string | undefined): Promise<Response> {
  return fetch(`http://${host}:${control.port}${CONTROL_PATH}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [CONTROL_HEADER]: control.secret },
    body: JSON.stringify({ argv, stdin }),
    signal: AbortSignal.timeout(120_000),
  });
}

/** The server's answer; null when no server answers and none holds the database. */
async function viaServer(control: ControlInfo, argv: string[], stdin: string | undefined): Promise<CliOutput | null> {
  const url = `http://127.0.0.1:${control.port}${CONTROL_PATH}`;
  let res: Response;
  try {
    try {
      res = await post('127.0.0.1', control, argv, stdin);
    } catch (err) {
      // a server bound to "localhost" may listen on IPv6 only; a refused connection ran nothing
      if ((err as { cause?: { code?: string } }).cause?.code !== 'ECONNREFUSED') throw err;
      res = await post('[::1]', control, argv, stdin);
    }
  } catch (err) {
    const why = (err as { cause?: { code?: string } }).cause?.code ?? (err as Error).message;
    // Nothing listens there and that process does not hold the database: control.json is
    // left over (a crash, or the pid was reused). Safe to open the folder ourselves.
    const target = databaseTarget();
    if (why === 'ECONNREFUSED' && target.kind === 'embedded' && lockHolder(target.dir) !== control.pid) return null;
    return {
      exitCode: EXIT.unavailable,
      stdout: '',
      stderr:
        `Relm is running (pid ${control.pid}) and holds the embedded database, but did not answer on ${url} (${why}).\n` +
        'Nothing was changed. If it is still starting, wait a moment and run the command again; ' +
        `if it hangs, stop it (kill ${control.pid}) and run the command with Relm stopped.\n`,
    };
  }
  const body = (await res.json().catch(() => null)) as (Partial<CliOutput> & { message?: string }) | null;
  if (res.ok && body && typeof body.exitCode === 'number') {
    return {
      exitCode: body.exitCode,
      stdout: body.stdout ?? '',
      stderr: body.stderr ?? '',
      ...(typeof body.archive === 'string' ? { archive: body.archive } : {}),
    };
  }
  return {
    exitCode: EXIT.unavailable,
    stdout: '',
    stderr:
      `The running Relm server (pid ${control.pid}) refused the command (HTTP ${res.status}): ${body?.message ?? 'no explanation'}\n` +
      'Nothing was changed. If the server was restarted from a different folder or version, restart it so it registers again.\n',
  };
}

function lockHolder(dir: string): number | null {
  try {
    const pid = Number(fs.readFileSync(`${dir}.lock`, 'utf8'));
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

async function direct(argv: string[], stdin: string | undefined): Promise<CliOutput> {
  const target = databaseTarget();
  if (target.kind === 'embedded' && !fs.existsSync(target.dir)) {
    return {
      exitCode: EXIT.unavailable,
      stdout: '',
      stderr:
        `There is no Relm database in ${target.dir}.\n` +
        'Start Relm once (npm start or npm run dev), or run npm run db:migrate, or point RELM_DATA_DIR at the data folder you use.\n',
    };
  }
  let handle;
  try {
    handle = await openDatabase(target, { migrate: target.kind !== 'postgres' });
  } catch (err) {
    if (err instanceof DatabaseInUseError && target.kind === 'embedded') {
      const pid = lockHolder(target.dir);
      return {
        exitCode: EXIT.unavailable,
        stdout: '',
        stderr:
          `Could not run the command: the embedded database in ${target.dir} is open in another process${pid ? ` (pid ${pid})` : ''}, ` +
          'and no running Relm server has registered a command channel (control.json missing or stale), so it cannot be handed over.\n' +
          'Nothing was changed. Only one process may open the folder, so:\n' +
          '  - if it is another `npm run relm`, `npm run db:migrate` or `npm run db:seed`, wait for it to finish and retry;\n' +
          '  - if it is a Relm server started before the command line existed, restart it (npm start / npm run dev) and retry;\n' +
          `  - a lock left by a process that died is detected (its pid no longer exists) and removed automatically; the lock file is ${target.dir}.lock.\n`,
      };
    }
    const message = err instanceof Error ? err.message : String(err);
    return { exitCode: EXIT.unavailable, stdout: '', stderr: `Could not open the database: ${message}\nNothing was changed.\n` };
  }
  installDbHandle(handle);
  try {
    return await runCliCommand(argv, { stdin });
  } finally {
    await handle.close();
  }
}

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  if (argv.length === 0 || argv[0] === 'help' || argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(CLI_HELP + '\n');
    return EXIT.ok;
  }
  if (argv.length === 1 && (argv[0] === 'version' || argv[0] === '--version' || argv[0] === '-v')) {
    process.stdout.write(versionLine() + '\n');
    return EXIT.ok;
  }
  if (argv.length === 1 && argv[0] === 'config') {
    // this shell's configuration, read here: no database, no server
    const shown = showConfiguration();
    process.stdout.write(shown.stdout);
    process.stderr.write(shown.stderr);
    return shown.exitCode;
  }
  const stdin = argv.includes('--password-stdin') ? await readStdin() : undefined;
  const out = argv[0] === 'backup' ? await backup(argv.slice(1)) : argv[0] === 'restore' ? await restore(argv.slice(1)) : await dispatch(argv, stdin);
  process.stdout.write(out.stdout);
  process.stderr.write(out.stderr);
  return out.exitCode;
}

/** Runs a command in the running server that holds the embedded database, else here. */
async function dispatch(argv: string[], stdin: string | undefined): Promise<CliOutput> {
  const target = databaseTarget();
  const control = target.kind === 'embedded' ? readControlFile(dataDir()) : null;
  if (control && pidAlive(control.pid) && control.pid !== process.pid) {
    say(`[relm] Relm is running (pid ${control.pid}): sending the command to it.`);
    const answered = await viaServer(control, argv, stdin);
    if (answered) return answered;
    say('[relm] It does not answer and does not hold the database (control.json is left over): running the command directly.');
  }
  return direct(argv, stdin);
}

const usage = (message: string): CliOutput => ({
  exitCode: EXIT.usage,
  stdout: '',
  stderr: `${message}\nRun "npm run relm -- help" for the commands and their options.\n`,
});

/** The one <file> argument of backup and restore. */
function fileArgument(command: string, args: string[]): string | CliOutput {
  const words = args.filter((a) => a !== '--');
  const option = words.find((a) => a.startsWith('-'));
  if (option) return usage(`Unknown option for ${command}: ${option}.`);
  if (words.length !== 1) return usage(`Usage: npm run relm -- ${command} <file>`);
  return path.resolve(words[0]!);
}

/** `backup <file>`: the running server (or this process, Relm stopped) makes the archive; this process writes it. */
async function backup(args: string[]): Promise<CliOutput> {
  const file = fileArgument('backup', args);
  if (typeof file !== 'string') return file;
  const target = databaseTarget();
  if (target.kind !== 'embedded') {
    return {
      exitCode: EXIT.usage,
      stdout: '',
      stderr: target.kind === 'postgres' ? postgresAdvice('backup', file) : 'An in-memory database has nothing to back up.\n',
    };
  }
  if (fs.existsSync(file))
    return { exitCode: EXIT.refused, stdout: '', stderr: `${file} exists already: choose another name, or move it away first. Nothing was written.\n` };
  if (!fs.existsSync(path.dirname(file)))
    return { exitCode: EXIT.refused, stdout: '', stderr: `There is no folder ${path.dirname(file)}. Nothing was written.\n` };
  const out = await dispatch(['backup'], undefined);
  if (out.exitCode !== EXIT.ok || !out.archive) return { ...out, archive: undefined };
  const data = Buffer.from(out.archive, 'base64');
  // written aside and renamed: a backup file is whole or absent; it holds the keys, so 0600
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, data, { mode: 0o600 });
  fs.renameSync(tmp, file);
  return {
    exitCode: EXIT.ok,
    stdout: `${file}\n`,
    stderr:
      `${out.stderr}Written to ${file} (${(data.length / 1048576).toFixed(1)} MB, mode 0600): it holds the audit and sign-in keys kept in the data folder, so keep it as safe as they are.\n` +
      `Not in it:\n${NOT_INCLUDED.map((n) => `  - ${n}`).join('\n')}\n`,
  };
}

/** `restore <file>`: only with Relm stopped, in this process (lib/server/backup.ts). */
async function restore(args: string[]): Promise<CliOutput> {
  const file = fileArgument('restore', args);
  if (typeof file !== 'string') return file;
  const target = databaseTarget();
  if (target.kind !== 'embedded') {
    return {
      exitCode: EXIT.usage,
      stdout: '',
      stderr: target.kind === 'postgres' ? postgresAdvice('restore', file) : 'An in-memory database cannot be restored into.\n',
    };
  }
  let archive: Buffer;
  try {
    archive = fs.readFileSync(file);
  } catch (err) {
    return { exitCode: EXIT.refused, stdout: '', stderr: `Cannot read ${file}: ${(err as Error).message}. Nothing was changed.\n` };
  }
  try {
    const r = await restoreEmbedded({ archive, source: file, dataDir: dataDir(), checkpointFile: auditCheckpointsFile() });
    const v = r.verification;
    const lines = [
      `Restored ${file} (${describeBackup(r.manifest)}) into ${dataDir()}.`,
      r.previous ? `The data folder that was there is kept as ${r.previous} (delete it once the restore is confirmed).` : 'There was no data folder before.',
      ...(r.previousCheckpoints ? [`The checkpoint file that was there is kept as ${r.previousCheckpoints}.`] : []),
      ...(r.migrated.length ? [`Applied ${r.migrated.length} newer migration${r.migrated.length === 1 ? '' : 's'}: ${r.migrated.join(', ')}.`] : []),
    ];
    if (v.ok && r.headMatches) {
      return {
        exitCode: EXIT.ok,
        stdout: `OK: audit chain intact, ${v.checked} event${v.checked === 1 ? '' : 's'} verified (head seq ${v.headSeq}, as in the backup).\n`,
        stderr:
          lines.join('\n') +
          (r.recorded ? `\nRecorded the restore in the audit trail (event #${r.recorded}, backup.restore).` : '') +
          '\nStart Relm when ready.\n',
      };
    }
    const why = v.ok
      ? `the restored head (seq ${v.headSeq}) is not the one the backup recorded (seq ${r.manifest.auditHead.seq})`
      : `first broken link at seq ${v.problem!.seq} (${v.problem!.kind}): ${v.problem!.message}`;
    return {
      exitCode: EXIT.refused,
      stdout: `BROKEN: ${why}\n`,
      stderr:
        lines.join('\n') +
        `\nThe restored audit chain does not verify: the backup holds a chain that was already broken, or was made with another key. Investigate before starting Relm` +
        (r.previous ? `; to go back, move ${dataDir()} away and move ${r.previous} back.\n` : '.\n'),
    };
  } catch (err) {
    if (err instanceof BackupError) return { exitCode: err.kind === 'failed' ? EXIT.unavailable : EXIT.refused, stdout: '', stderr: err.message + '\n' };
    throw err;
  }
}

main()
  .then((code) => {
    process.exitCode = code;
  })
  .catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = EXIT.unavailable;
  });
