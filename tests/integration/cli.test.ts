import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installDbHandle, openDatabase, type DbHandle } from '@/lib/server/db';
import { runCliCommand } from '@/lib/server/cli-commands';
import { actorFromBearer } from '@/lib/server/api-tokens';
import { verifyPassword } from '@/lib/server/password';
import { CONTROL_HEADER, readControlFile, refuseRemoteControl, removeControlFile, writeControlFile } from '@/lib/server/cli-control';
import { POST } from '@/app/api/internal/cli/route';
import { freshDatabase } from '../support/db';
import { makeTeam, makeUser, uid } from '../support/factories';

// The internal route reads control.json from the data folder; env() is read lazily,
// so this takes effect for this file.
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'relm-cli-'));
process.env.RELM_DATA_DIR = tmp;
const root = path.resolve(import.meta.dirname, '..', '..');

let h: DbHandle;
let embedded: DbHandle | undefined;

beforeAll(async () => {
  h = await freshDatabase();
});

afterAll(async () => {
  await embedded?.close();
  await h?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const run = (...argv: string[]) => runCliCommand(argv);

describe('command functions', () => {
  it('prints help, and refuses unknown commands and options with usage (exit 2)', async () => {
    const help = await run('help');
    expect(help.exitCode).toBe(0);
    expect(help.stdout).toMatch(/token create --user <email>/);
    expect(await run('launch', 'rockets')).toMatchObject({ exitCode: 2, stderr: expect.stringMatching(/Unknown command "launch rockets"/) });
    expect(await run('token', 'create', '--user', 'a@b.c')).toMatchObject({ exitCode: 2, stderr: expect.stringMatching(/Missing --name, --scopes/) });
    expect(await run('audit', 'verify', '--force')).toMatchObject({ exitCode: 2, stderr: expect.stringMatching(/Unknown option: --force/) });
    expect(await run('token', 'create', '--user')).toMatchObject({ exitCode: 2, stderr: expect.stringMatching(/--user needs a value/) });
  });

  it('creates a token for a user: token alone on stdout, usable, audited as system (cli)', async () => {
    const ops = await makeUser(h.prisma, ['operations']);
    const out = await run('token', 'create', '--user', ops.email, '--name', 'deployer', '--scopes', 'deployment.record, release.read', '--expires-days', '90');
    expect(out.exitCode).toBe(0);
    const token = out.stdout.trim();
    expect(token).toMatch(/^relm_[A-Za-z0-9]{8}_[A-Za-z0-9]{43}$/);
    expect(out.stderr).toMatch(new RegExp(`for ${ops.email.replace(/[.]/g, '\\.')}`));
    expect(out.stderr).not.toContain(token);
    const auth = await actorFromBearer(`Bearer ${token}`, { requestId: `req-${uid()}`, ip: null, method: 'GET', path: '/api/v1/releases' });
    expect(auth).toMatchObject({ ok: true, actor: { id: ops.id, roles: ['operations'], scopes: ['deployment.record', 'release.read'] } });
    const event = await h.prisma.auditEvent.findFirstOrThrow({ where: { action: 'token.create' }, orderBy: { seq: 'desc' } });
    expect(event).toMatchObject({ actorLabel: 'system (cli)', actorType: 'system', actorId: null });
  });

  it('refuses a token beyond the user’s roles or for an unknown user, naming the option (exit 1)', async () => {
    const viewer = await makeUser(h.prisma, ['viewer']);
    const beyond = await run('token', 'create', '--user', viewer.email, '--name', 'x', '--scopes', 'user.manage');
    expect(beyond.exitCode).toBe(1);
    expect(beyond.stdout).toBe('');
    expect(beyond.stderr).toMatch(/--scopes: .*user\.manage/);
    const unknown = await run('token', 'create', '--user', 'ghost@test.relm', '--name', 'x', '--scopes', '*');
    expect(unknown).toMatchObject({ exitCode: 1, stderr: expect.stringMatching(/--user: No user has the email ghost@test\.relm/) });
    const days = await run('token', 'create', '--user', viewer.email, '--name', 'x', '--scopes', '*', '--expires-days', 'soon');
    expect(days).toMatchObject({ exitCode: 1, stderr: expect.stringMatching(/--expires-days: Expiry is a whole number/) });
  });

  it('creates a user with a generated password, or one from stdin, in a team by slug', async () => {
    const team = await makeTeam(h.prisma);
    const email = `ops-${uid()}@test.relm`;
    const out = await run('user', 'create', '--email', email, '--name', 'Olu Ops', '--roles', 'operations,release-manager', '--team', team.slug);
    expect(out.exitCode).toBe(0);
    const password = out.stdout.trim();
    expect(password).toMatch(/^[A-Za-z0-9]{20}$/);
    const row = await h.prisma.user.findUniqueOrThrow({ where: { email }, include: { roles: true } });
    expect(row.teamId).toBe(team.id);
    expect(row.roles.map((r) => r.role).sort()).toEqual(['operations', 'release_manager']);
    expect(await verifyPassword(row.passwordHash, password)).toBe(true);

    const email2 = `viewer-${uid()}@test.relm`;
    const fromStdin = await runCliCommand(['user', 'create', '--email', email2, '--name', 'Vi', '--roles', 'viewer', '--password-stdin'], {
      stdin: 'correct horse battery staple\n',
    });
    expect(fromStdin).toMatchObject({ exitCode: 0, stdout: '' });
    const row2 = await h.prisma.user.findUniqueOrThrow({ where: { email: email2 } });
    expect(await verifyPassword(row2.passwordHash, 'correct horse battery staple')).toBe(true);

    // a guessable password from stdin is refused with the reasons, and no user is made
    const email3 = `weak-${uid()}@test.relm`;
    const weak = await runCliCommand(['user', 'create', '--email', email3, '--name', 'Wes', '--roles', 'viewer', '--password-stdin'], {
      stdin: '123456789012\n',
    });
    expect(weak).toMatchObject({ exitCode: 1, stdout: '' });
    expect(weak.stderr).toMatch(
      /^Refused: Choose a stronger password\.\n {2}password: This password is too easy to guess\. This is a commonly used password\./,
    );
    expect(await h.prisma.user.findUnique({ where: { email: email3 } })).toBeNull();

    expect(await run('user', 'create', '--email', `x-${uid()}@test.relm`, '--name', 'X', '--roles', 'viewer', '--team', 'nope')).toMatchObject({
      exitCode: 1,
      stderr: expect.stringMatching(/no team has the slug "nope"/),
    });
    expect(await run('user', 'create', '--email', 'bad', '--name', 'X', '--roles', 'wizard')).toMatchObject({
      exitCode: 1,
      stderr: expect.stringMatching(/--email: Enter a valid email[\s\S]*--roles: Unknown role/),
    });
    expect(await run('user', 'create', '--email', email, '--name', 'Again', '--roles', 'viewer')).toMatchObject({
      exitCode: 1,
      stderr: expect.stringMatching(/already exists/),
    });
  });

  it('resets a password (generated, or from stdin) and ends all the user’s sessions', async () => {
    const user = await makeUser(h.prisma, ['viewer']);
    const at = new Date();
    const expiresAt = new Date(at.getTime() + 3_600_000);
    await h.prisma.session.createMany({
      data: [1, 2].map((n) => ({ id: `cli-session-${n}-${uid()}`, userId: user.id, lastSeenAt: at, expiresAt })),
    });
    const out = await run('user', 'reset-password', '--email', user.email.toUpperCase());
    expect(out).toMatchObject({ exitCode: 0, stderr: expect.stringMatching(/New password set for .*; 2 sessions ended/) });
    const password = out.stdout.trim();
    expect(password).toMatch(/^[A-Za-z0-9]{20}$/);
    expect(await verifyPassword((await h.prisma.user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash, password)).toBe(true);
    expect(await h.prisma.session.count({ where: { userId: user.id, endedReason: 'password_reset' } })).toBe(2);

    const fromStdin = await runCliCommand(['user', 'reset-password', '--email', user.email, '--password-stdin'], { stdin: 'another long passphrase\n' });
    expect(fromStdin).toMatchObject({ exitCode: 0, stdout: '' });
    expect(await verifyPassword((await h.prisma.user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash, 'another long passphrase')).toBe(true);

    expect(await runCliCommand(['user', 'reset-password', '--email', user.email, '--password-stdin'], { stdin: 'short\n' })).toMatchObject({
      exitCode: 1,
      stderr: expect.stringMatching(/password: Passwords are at least 12 characters/),
    });
    expect(await run('user', 'reset-password', '--email', `nobody-${uid()}@test.relm`)).toMatchObject({
      exitCode: 1,
      stderr: expect.stringMatching(/no user has the email/),
    });
    expect(await run('user', 'reset-password')).toMatchObject({ exitCode: 2, stderr: expect.stringMatching(/Missing --email/) });
  });

  it('verifies the audit chain, and names the first broken link with exit code 1', async () => {
    const ok = await run('audit', 'verify');
    expect(ok.exitCode).toBe(0);
    expect(ok.stdout).toMatch(/^OK: audit chain intact, \d+ events? verified/);
    const victim = await h.prisma.auditEvent.findFirstOrThrow({ where: { action: 'user.create' }, orderBy: { seq: 'asc' } });
    await h.runner.exec('ALTER TABLE "AuditEvent" DISABLE TRIGGER USER');
    try {
      await h.runner.exec(`UPDATE "AuditEvent" SET "actorLabel" = 'someone else' WHERE seq = ${victim.seq}`);
    } finally {
      await h.runner.exec('ALTER TABLE "AuditEvent" ENABLE TRIGGER USER');
    }
    const broken = await run('audit', 'verify');
    expect(broken.exitCode).toBe(1);
    // the chain names an event by its position in the chain (sealed by the verify above)
    expect(victim.chainSeq).not.toBeNull();
    expect(broken.stdout).toMatch(new RegExp(`^BROKEN: first broken link at seq ${victim.chainSeq} `));
  });
});

describe('the internal command route', () => {
  it('is refused at the socket for non-loopback callers under npm start', () => {
    const res = {
      status: 0,
      body: '',
      writeHead(s: number) {
        this.status = s;
      },
      end(b: string) {
        this.body = b;
      },
    };
    expect(refuseRemoteControl({ url: '/api/internal/cli', socket: { remoteAddress: '203.0.113.9' } }, res)).toBe(true);
    expect(res.status).toBe(403);
    expect(refuseRemoteControl({ url: '/api/internal/cli', socket: { remoteAddress: '::ffff:127.0.0.1' } }, res)).toBe(false);
    expect(refuseRemoteControl({ url: '/api/v1/releases', socket: { remoteAddress: '203.0.113.9' } }, res)).toBe(false);
  });

  const request = (headers: Record<string, string>, body: unknown) =>
    new Request('http://127.0.0.1/api/internal/cli', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });

  it('accepts only loopback callers holding this process’s secret', async () => {
    const info = writeControlFile(tmp, 1);
    try {
      const fromAfar = await POST(request({ [CONTROL_HEADER]: info.secret, 'x-forwarded-for': '203.0.113.9' }, { argv: ['help'] }));
      expect(fromAfar.status).toBe(403);
      const spoofed = await POST(request({ [CONTROL_HEADER]: info.secret, 'x-forwarded-for': '127.0.0.1, 203.0.113.9' }, { argv: ['help'] }));
      expect(spoofed.status).toBe(403);
      const wrong = await POST(request({ [CONTROL_HEADER]: 'x'.repeat(43), 'x-forwarded-for': '127.0.0.1' }, { argv: ['help'] }));
      expect(wrong.status).toBe(403);
      expect((await wrong.json()).message).toMatch(/secret does not match/);
      const garbage = await POST(request({ [CONTROL_HEADER]: info.secret, 'x-forwarded-for': '::1' }, { argv: 'help' }));
      expect(garbage.status).toBe(400);
      const ok = await POST(request({ [CONTROL_HEADER]: info.secret, 'x-forwarded-for': '::ffff:127.0.0.1' }, { argv: ['help'] }));
      expect(ok.status).toBe(200);
      expect(await ok.json()).toMatchObject({ exitCode: 0, stdout: expect.stringMatching(/audit verify/) });
    } finally {
      removeControlFile(tmp);
    }
    expect(readControlFile(tmp)).toBeNull();
  });
});

function spawnCli(args: string[], env: Record<string, string> = {}) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const childEnv: NodeJS.ProcessEnv = { ...process.env, RELM_DATA_DIR: tmp, ...env };
    delete childEnv.DATABASE_URL;
    delete childEnv.NODE_OPTIONS;
    delete childEnv.VITEST;
    const child = spawn('npx', ['tsx', '--conditions=react-server', 'scripts/relm.ts', ...args], { cwd: root, env: childEnv });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('npm run relm, as a process, on an embedded database folder', { timeout: 120_000 }, () => {
  const dir = path.join(tmp, 'pglite');

  it('verifies the audit chain when no server is running, and releases the folder', async () => {
    const prepared = await openDatabase({ kind: 'embedded', dir }, { migrate: true });
    await prepared.close();
    const r = await spawnCli(['audit', 'verify']);
    expect(r.stderr).not.toMatch(/Error/);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^OK: audit chain intact, 0 events verified \(head seq 0\)/);
    expect(fs.existsSync(`${dir}.lock`)).toBe(false);
  });

  it('ignores a left-over control.json whose process neither answers nor holds the folder', async () => {
    // this test process is alive but listens on nothing there, and the folder is not open
    const idle = http.createServer();
    await new Promise<void>((resolve) => idle.listen(0, '127.0.0.1', resolve));
    const deadPort = (idle.address() as { port: number }).port;
    await new Promise((resolve) => idle.close(resolve));
    writeControlFile(tmp, deadPort);
    try {
      const r = await spawnCli(['audit', 'verify']);
      expect(r.stderr).toMatch(/does not answer and does not hold the database/);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^OK: audit chain intact/);
    } finally {
      removeControlFile(tmp);
    }
  });

  it('explains why it cannot run while another process holds the folder and no server is registered', async () => {
    embedded = await openDatabase({ kind: 'embedded', dir }, { migrate: true });
    const r = await spawnCli(['audit', 'verify']);
    expect(r.code).toBe(3);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`open in another process (pid ${process.pid})`);
    expect(r.stderr).toMatch(/Nothing was changed/);
    expect(r.stderr).toMatch(/detected \(its pid no longer exists\) and removed/);
  });

  it('hands the command to the running server that holds the folder', async () => {
    installDbHandle(embedded!);
    const server = http.createServer(async (req, res) => {
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
    const port = (server.address() as { port: number }).port;
    writeControlFile(tmp, port);
    try {
      const r = await spawnCli(['audit', 'verify']);
      expect(r.stderr).toMatch(new RegExp(`Relm is running \\(pid ${process.pid}\\): sending the command to it`));
      expect(r.code).toBe(0);
      // the earlier runs recorded their own verifications
      expect(r.stdout).toMatch(/^OK: audit chain intact, 2 events verified \(head seq 2\)/);
      const last = await embedded!.prisma.auditEvent.findFirstOrThrow({ orderBy: { seq: 'desc' } });
      expect(last).toMatchObject({ action: 'audit.verify', actorLabel: 'system (cli)' });
    } finally {
      removeControlFile(tmp);
      await new Promise((resolve) => server.close(resolve));
      installDbHandle(h);
    }
  });
});

describe('instrumentation.ts under npm run dev', () => {
  it('registers the command channel for this process', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'relm-dev-'));
    const saved = { ...process.env };
    Object.assign(process.env, { NEXT_RUNTIME: 'nodejs', NODE_ENV: 'development', RELM_DATA_DIR: dir, PORT: '4321' });
    delete process.env.DATABASE_URL;
    try {
      const { register } = await import('@/instrumentation');
      await register();
      expect(readControlFile(dir)).toMatchObject({ pid: process.pid, port: 4321 });
      expect(fs.statSync(path.join(dir, 'control.json')).mode & 0o777).toBe(0o600);
    } finally {
      for (const k of ['NEXT_RUNTIME', 'NODE_ENV', 'RELM_DATA_DIR', 'PORT']) {
        if (saved[k] === undefined) delete process.env[k];
        else process.env[k] = saved[k];
      }
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
