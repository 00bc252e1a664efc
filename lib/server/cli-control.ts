// The command channel between `npm run relm` and a running Relm server
// (docs/decisions/005-api-tokens-and-cli.md). Only one process may open an
// embedded PGlite folder, so while the server holds it the command line hands its
// command to the server instead of opening the folder itself.
//
// No `import 'server-only'` and no env.ts here on purpose: scripts/start.ts runs
// without the react-server condition and imports this module too. Callers pass
// the data folder in.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export interface ControlInfo {
  /** the server process: the one that answers on the port and holds the database */
  pid: number;
  port: number;
  /** random per start; proves the caller can read the data folder (file mode 0600) */
  secret: string;
  startedAt: string;
}

export const CONTROL_FILE = 'control.json';
export const CONTROL_HEADER = 'x-relm-control';
export const CONTROL_PATH = '/api/internal/cli';

export const controlFilePath = (dataDir: string) => path.join(dataDir, CONTROL_FILE);

/** Written by the server when it starts listening; a new secret every start. */
export function writeControlFile(dataDir: string, port: number, pid = process.pid): ControlInfo {
  const info: ControlInfo = { pid, port, secret: crypto.randomBytes(32).toString('base64url'), startedAt: new Date().toISOString() };
  fs.mkdirSync(dataDir, { recursive: true });
  const file = controlFilePath(dataDir);
  const tmp = `${file}.${pid}.tmp`;
  // written aside and renamed, so a reader never sees half a file
  fs.writeFileSync(tmp, JSON.stringify(info) + '\n', { mode: 0o600 });
  fs.chmodSync(tmp, 0o600);
  fs.renameSync(tmp, file);
  return info;
}

export function readControlFile(dataDir: string): ControlInfo | null {
  try {
    const raw = JSON.parse(fs.readFileSync(controlFilePath(dataDir), 'utf8')) as Partial<ControlInfo>;
    if (
      Number.isInteger(raw.pid) &&
      Number.isInteger(raw.port) &&
      raw.port! > 0 &&
      raw.port! < 65536 &&
      typeof raw.secret === 'string' &&
      raw.secret.length >= 32
    ) {
      return { pid: raw.pid!, port: raw.port!, secret: raw.secret, startedAt: String(raw.startedAt ?? '') };
    }
  } catch {
    // missing or unreadable: no server registered
  }
  return null;
}

/** Removes the file if it still belongs to this process (a newer server may have replaced it). */
export function removeControlFile(dataDir: string, pid = process.pid): void {
  const info = readControlFile(dataDir);
  if (info && info.pid === pid) fs.rmSync(controlFilePath(dataDir), { force: true });
}

export function pidAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Constant-time check of a presented secret against this process's control file. */
export function controlSecretMatches(dataDir: string, presented: string | null): boolean {
  const info = readControlFile(dataDir);
  if (!info || info.pid !== process.pid || !presented) return false;
  const a = crypto.createHash('sha256').update(info.secret).digest();
  const b = crypto.createHash('sha256').update(presented).digest();
  return crypto.timingSafeEqual(a, b);
}

/** True for the loopback addresses a local command line connects from. */
export function isLoopback(address: string | null | undefined): boolean {
  if (!address) return false;
  const a = address
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, '');
  return a === '::1' || a === 'localhost' || /^(::ffff:)?127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(a);
}

/**
 * For a custom Node server (scripts/start.ts): answers 403 to a command-channel
 * request whose socket is not loopback, before Next.js sees it. The route itself
 * can only see X-Forwarded-For, which Next.js fills from the socket only when the
 * client did not send one.
 */
export function refuseRemoteControl(
  req: { url?: string; socket: { remoteAddress?: string } },
  res: { writeHead(status: number, headers: Record<string, string>): unknown; end(body: string): unknown },
): boolean {
  if (!(req.url ?? '').startsWith(CONTROL_PATH) || isLoopback(req.socket.remoteAddress)) return false;
  res.writeHead(403, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ message: 'The command channel only accepts requests from this machine.' }));
  return true;
}
