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
import fs from 'node:fs';
import { CLI_HELP, EXIT, runCliCommand, showConfiguration, type CliOutput } from '@/lib/server/cli-commands';
import { versionLine } from '@/lib/server/version';
import { CONTROL_HEADER, CONTROL_PATH, pidAlive, readControlFile, type ControlInfo } from '@/lib/server/cli-control';
import { dataDir, databaseTarget } from '@/lib/server/env';
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
    return { exitCode: body.exitCode, stdout: body.stdout ?? '', stderr: body.stderr ?? '' };
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
  let out: CliOutput;
  const target = databaseTarget();
  const control = target.kind === 'embedded' ? readControlFile(dataDir()) : null;
  if (control && pidAlive(control.pid) && control.pid !== process.pid) {
    say(`[relm] Relm is running (pid ${control.pid}): sending the command to it.`);
    const answered = await viaServer(control, argv, stdin);
    if (answered) out = answered;
    else {
      say('[relm] It does not answer and does not hold the database (control.json is left over): running the command directly.');
      out = await direct(argv, stdin);
    }
  } else {
    out = await direct(argv, stdin);
  }
  process.stdout.write(out.stdout);
  process.stderr.write(out.stderr);
  return out.exitCode;
}

main()
  .then((code) => {
    process.exitCode = code;
  })
  .catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = EXIT.unavailable;
  });
