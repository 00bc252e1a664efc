import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installDbHandle, openDatabase, type DbHandle } from '@/lib/server/db';
import { readMigrations } from '@/lib/server/migrate';
import { verifyChain } from '@/lib/server/audit';
import { resetClock, setClock, nowMs } from '@/lib/server/clock';
import { endUserSessions } from '@/lib/server/sessions';
import { hashPassword } from '@/lib/server/password';
import type { Actor } from '@/lib/server/actor';
import { makeApiToken, makeTeam, makeUser, systemActor } from '../support/factories';
import { draftRelease, policyDocument, rule, savePolicy, submittedRelease } from '../integration/approvals-support';
import { SmtpTestServer, type ReceivedMail } from '../support/smtp';
import { waitUntil } from '../support/wait';
import { startProxy, type Proxy } from './proxy';
import { Jar } from '../../scripts/cookie-jar';

// Issue 17, point 1: Relm runs as several processes behind a reverse proxy on one PostgreSQL
// and behaves as one (docs/decisions/066-replicas.md). Two production servers (scripts/start.ts,
// the build in .next) start at the same moment on a fresh database, behind a round-robin proxy
// (./proxy.ts), and every scenario spreads its requests over both. Needs TEST_DATABASE_URL (a
// PostgreSQL server: a scratch database is made on it and dropped) and a production build
// (`npx next build`); scripts/test-all.sh runs it after the build.
//
// REPLICAS_PORT=4600 puts the proxy on 4600, the replicas on 4601 and 4602 and the SMTP server
// on 4603; unset, free ports are used.

const serverUrl = process.env.TEST_DATABASE_URL;
const root = path.resolve(import.meta.dirname, '..', '..');
const PASSWORD = 'relm-demo-password';
const APPROVERS = 10;
const NEEDED = 4;

interface Replica {
  name: 'a' | 'b';
  port: number;
  base: string;
  child: ChildProcess;
  log: string;
  exited: Promise<void>;
}

let scratchName = '';
let scratchUrl = '';
let work = '';
let replicas: Replica[] = [];
let proxy: Proxy;
let smtp: SmtpTestServer;
let h: DbHandle;
let startedAt = 0;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

const logOf = (r: Replica) => fs.readFileSync(r.log, 'utf8');

function startReplica(name: 'a' | 'b', port: number, env: NodeJS.ProcessEnv): Replica {
  const dataDir = path.join(work, name);
  fs.mkdirSync(dataDir, { recursive: true });
  const log = path.join(work, `${name}.log`);
  const out = fs.openSync(log, 'a');
  // its own process group: stopping it stops tsx and the node process under it
  const child = spawn(path.join(root, 'node_modules', '.bin', 'tsx'), [path.join(root, 'scripts', 'start.ts')], {
    cwd: root,
    env: { ...env, PORT: String(port), RELM_DATA_DIR: dataDir },
    stdio: ['ignore', out, out],
    detached: true,
  });
  fs.closeSync(out);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return { name, port, base: `http://127.0.0.1:${port}`, child, log, exited };
}

async function ready(r: Replica): Promise<void> {
  const deadline = Date.now() + 240_000;
  for (;;) {
    if (r.child.exitCode !== null) throw new Error(`replica ${r.name} exited (${r.child.exitCode}); its log:\n${logOf(r).slice(-4000)}`);
    try {
      const res = await fetch(`${r.base}/api/health`);
      await res.arrayBuffer();
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`replica ${r.name} did not answer within 240 s; its log:\n${logOf(r).slice(-4000)}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

async function stopReplica(r: Replica): Promise<void> {
  if (r.child.exitCode !== null || r.child.signalCode !== null) return;
  try {
    process.kill(-r.child.pid!, 'SIGTERM');
  } catch {
    return;
  }
  const killed = await Promise.race([r.exited.then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 10_000))]);
  if (!killed) {
    try {
      process.kill(-r.child.pid!, 'SIGKILL');
    } catch {
      // gone meanwhile
    }
  }
}

/** next-auth's credentials flow as a browser runs it (through `base`): its CSRF token, then one callback per attempt. */
async function credentialsForm(base: string, extra: Record<string, string> = {}) {
  const jar = new Jar();
  const csrf = await fetch(`${base}/api/auth/csrf`, { headers: extra });
  jar.take(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  return {
    jar,
    csrfServedBy: csrf.headers.get('x-relm-replica'),
    async attempt(email: string, password: string) {
      const res = await fetch(`${base}/api/auth/callback/credentials`, {
        method: 'POST',
        redirect: 'manual',
        headers: { ...extra, 'content-type': 'application/x-www-form-urlencoded', cookie: jar.header() },
        body: new URLSearchParams({ csrfToken, email, password, callbackUrl: `${base}/` }).toString(),
      });
      jar.take(res);
      await res.arrayBuffer();
      const location = res.headers.get('location') ?? '';
      const code = location ? new URL(location, base).searchParams.get('code') : null;
      return { status: res.status, location, code, servedBy: res.headers.get('x-relm-replica'), signedIn: jar.has('authjs.session-token') };
    },
  };
}

/** GET a page with the cookies: 200 when the session is good, a redirect to /sign-in when not. */
async function page(base: string, jar: Jar, at = '/') {
  const res = await fetch(`${base}${at}`, { redirect: 'manual', headers: { cookie: jar.header() } });
  await res.arrayBuffer();
  return { status: res.status, location: res.headers.get('location') ?? '', servedBy: res.headers.get('x-relm-replica') };
}

async function query<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
  const c = new pg.Client({ connectionString: scratchUrl });
  await c.connect();
  try {
    return (await c.query<T>(sql, params)).rows;
  } finally {
    await c.end();
  }
}

const mailsTo = (address: string, about: string): ReceivedMail[] => smtp.messages.filter((m) => m.envelope.to.includes(address) && m.subject.includes(about));

/** The e-mail deliveries matching `where`, once the outbox has sent every one of them. */
async function allSent(where: { releaseId: string; event?: string }) {
  const rows = () => h.prisma.delivery.findMany({ where: { channel: 'email', ...where } });
  await waitUntil(
    async () => {
      const r = await rows();
      return r.length > 0 && r.every((d) => d.status === 'sent');
    },
    150_000,
    500,
  ).catch(async (err: unknown) => {
    const counts = new Map<string, number>();
    for (const d of await rows()) counts.set(`${d.status} ${d.lastError ?? ''}`, (counts.get(`${d.status} ${d.lastError ?? ''}`) ?? 0) + 1);
    throw new Error(`${String(err)}: deliveries ${JSON.stringify(where)}: ${JSON.stringify([...counts])}`);
  });
  return rows();
}

/** Each delivery reached the SMTP server exactly once (its Message-ID names it), through one deliver job. */
async function expectEachArrivedOnce(deliveries: { id: string }[]) {
  for (const d of deliveries)
    expect(
      smtp.messages.filter((m) => m.messageId.startsWith(`<relm.${d.id}@`)),
      d.id,
    ).toHaveLength(1);
  const jobs = await query<{ id: string; n: number }>(
    `SELECT data->>'id' AS id, count(*)::int AS n FROM pgboss.job WHERE name = 'relm-deliver' AND data->>'id' = ANY($1) GROUP BY 1`,
    [deliveries.map((d) => d.id)],
  );
  expect(jobs).toHaveLength(deliveries.length);
  expect(jobs.filter((j) => j.n !== 1)).toEqual([]);
}

let rm: { id: string; email: string; actor: Actor };
let tokens: string[] = [];
let approverEmails: string[] = [];
let reminded: Awaited<ReturnType<typeof submittedRelease>>;
let raced: Awaited<ReturnType<typeof draftRelease>>;

/**
 * The people and releases of the approval scenarios, made as soon as the replicas are ready (the
 * reminder's release first, so that the replicas' next tick finds it). This process writes them
 * without e-mail settings: the messages it causes stay in Relm, so the outbox the replicas send
 * holds only what they wrote themselves.
 */
async function prepareApprovals() {
  rm = await makeUser(h.prisma, ['release_manager'], { name: 'Rita Replica', passwordHash: await hashPassword(PASSWORD) });
  const team = await makeTeam(h.prisma, 'Replica approvers');
  tokens = [];
  approverEmails = [];
  for (let i = 0; i < APPROVERS; i++) {
    const a = await makeUser(h.prisma, ['approver'], { name: `Replica Approver ${i + 1}`, teamId: team.id });
    approverEmails.push(a.email);
    tokens.push(await makeApiToken(h.prisma, a.id, ['approval.decide', 'release.read']));
  }
  await savePolicy(h.prisma, policyDocument({ byRiskLevel: { low: [rule('approvers', { count: NEEDED, description: `${NEEDED} approvers` })] } }));
  // submitted 25 hours ago (this process's clock, moved back): the replicas' next minute tick
  // finds it past the policy's 24-hour approval reminder
  setClock({ at: nowMs() - 25 * 3_600_000 });
  try {
    reminded = await submittedRelease(h.prisma, rm.actor, { ownerId: rm.id, level: 'low' });
  } finally {
    resetClock();
  }
  // submitted over HTTP, through the proxy, with the manager's token: a replica writes the
  // approval requests and has the outbox send them at once
  const draft = await draftRelease(h.prisma, { ownerId: rm.id, level: 'low' });
  const rmToken = await makeApiToken(h.prisma, rm.id, ['*']);
  const submitted = await fetch(`${proxy.url}/api/v1/releases/${draft.key}/transitions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${rmToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ to: 'submitted', version: draft.version }),
  });
  expect(submitted.status, await submitted.clone().text()).toBe(200);
  raced = draft;
}

beforeAll(async () => {
  if (!serverUrl) throw new Error('The replica test runs two Relm processes on PostgreSQL: set TEST_DATABASE_URL (scripts/test-all.sh runs it only then).');
  if (!fs.existsSync(path.join(root, '.next', 'BUILD_ID'))) throw new Error('The replica test runs the production build: run `npx next build` first.');
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'relm-replicas-'));

  scratchName = `relm_replicas_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${scratchName}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${scratchName}`;
  scratchUrl = url.toString();

  const base = Number(process.env.REPLICAS_PORT) || 0;
  const [proxyPort, portA, portB, smtpPort] = base ? [base, base + 1, base + 2, base + 3] : [0, await freePort(), await freePort(), 0];
  smtp = await new SmtpTestServer().start(smtpPort);
  proxy = await startProxy(
    [
      { name: 'a', port: portA! },
      { name: 'b', port: portB! },
    ],
    proxyPort,
  );

  // What every replica shares (README "Deploying several replicas"): the database, the secrets
  // (this process's, from tests/support/integration-setup.ts, so that what it writes verifies
  // alike), the public address (the proxy's) and the proxy trust. Each has a data folder of its own.
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    NEXT_TELEMETRY_DISABLED: '1',
    HOST: '127.0.0.1',
    DATABASE_URL: scratchUrl,
    AUTH_SECRET: process.env.AUTH_SECRET,
    RELM_AUDIT_KEY: process.env.RELM_AUDIT_KEY,
    RELM_AUDIT_SIGNING_KEY: process.env.RELM_AUDIT_SIGNING_KEY,
    RELM_TRUST_PROXY: 'true',
    RELM_PUBLIC_URL: proxy.url,
    RELM_DB_POOL_MAX: '5',
    RELM_SMTP_URL: smtp.url,
    RELM_MAIL_FROM: 'Relm <relm@relm.test>',
    RELM_TEST_CLOCK: '1',
    RELM_REBUILD: '0',
  };
  delete env.TEST_DATABASE_URL;
  delete env.VITEST;
  // both at the same moment, on an empty database: both migrate and seed, or wait for the other
  startedAt = Date.now();
  replicas = [startReplica('a', portA!, env), startReplica('b', portB!, env)];
  await Promise.all(replicas.map(ready));

  h = await openDatabase({ kind: 'postgres', url: scratchUrl }, { migrate: false });
  h.auditCheckpointFile = path.join(work, 'test-audit-checkpoints.jsonl');
  installDbHandle(h);
  await prepareApprovals();
}, 360_000);

afterAll(async () => {
  await Promise.all(replicas.map(stopReplica));
  await h?.close();
  await proxy?.close();
  await smtp?.stop();
  // REPLICAS_KEEP=1: keep the database and the replicas' logs to look at
  if (process.env.REPLICAS_KEEP === '1') {
    console.info(`kept: database ${scratchName}, logs and data folders in ${work}`);
    return;
  }
  if (scratchName && serverUrl) {
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${scratchName} WITH (FORCE)`);
    await admin.end();
  }
  if (work) fs.rmSync(work, { recursive: true, force: true });
}, 60_000);

describe('two replicas behind a proxy on one PostgreSQL', () => {
  it('a migration runs once when both start together, and the demo organisation is seeded once', async () => {
    const rows = await query<{ migration_name: string; n: number }>(
      'SELECT migration_name, count(*)::int AS n FROM "_prisma_migrations" WHERE rolled_back_at IS NULL GROUP BY migration_name ORDER BY migration_name',
    );
    expect(rows.map((r) => r.migration_name)).toEqual(readMigrations().map((m) => m.name));
    expect(rows.filter((r) => r.n !== 1)).toEqual([]);
    // both got past the migrations (one applied them, the other waited on the lock and found them done)
    for (const r of replicas) expect(logOf(r)).toMatch(/migrations applied/);
    const seeded = await query<{ n: number }>(`SELECT count(*)::int AS n FROM "AuditEvent" WHERE action = 'seed.demo'`);
    expect(seeded[0]!.n).toBe(1);
    const said = replicas.map((r) => (/seeded the demo organisation/.test(logOf(r)) ? 'seeded' : /already has data/.test(logOf(r)) ? 'found data' : 'neither'));
    expect(said.sort()).toEqual(['found data', 'seeded']);
    // the job engine's own schema, migrated by pg-boss under its own lock: one version row
    expect((await query<{ n: number }>('SELECT count(*)::int AS n FROM pgboss.version'))[0]!.n).toBe(1);
    // both run the job workers (started by their first health check), so "runs once" below is about two candidates
    await waitUntil(() => replicas.every((r) => /job engine started \(PostgreSQL\)/.test(logOf(r))), 60_000, 250).catch((err: unknown) => {
      throw new Error(`${String(err)}: a replica did not start its job engine:\n${replicas.map((r) => `--- ${r.name}\n${logOf(r).slice(-3000)}`).join('\n')}`);
    });
  });

  it('a session started on one replica works on the other', async () => {
    // through the proxy: the CSRF token comes from one replica, the sign-in goes to the other
    const form = await credentialsForm(proxy.url);
    const signIn = await form.attempt('manager@relm.test', PASSWORD);
    expect(signIn.signedIn).toBe(true);
    expect(new Set([form.csrfServedBy, signIn.servedBy])).toEqual(new Set(['a', 'b']));
    // then each replica directly, and through the proxy again
    for (const r of replicas) expect(await page(r.base, form.jar)).toMatchObject({ status: 200 });
    const viaProxy = [await page(proxy.url, form.jar), await page(proxy.url, form.jar)];
    expect(viaProxy.map((p) => p.status)).toEqual([200, 200]);
    expect(new Set(viaProxy.map((p) => p.servedBy))).toEqual(new Set(['a', 'b']));

    // ended elsewhere (an admin, here this process): neither replica keeps it alive from a cache
    const manager = await h.prisma.user.findUniqueOrThrow({ where: { email: 'manager@relm.test' } });
    const ended = await endUserSessions.as(systemActor(['admin']))({ userId: manager.id });
    expect(ended).toMatchObject({ ok: true });
    for (const r of replicas) {
      const p = await page(r.base, form.jar);
      expect(p.status).toBeGreaterThanOrEqual(300);
      expect(p.location).toMatch(/\/sign-in/);
    }
  });

  it('sign-in limits are shared: failures on either replica count towards one limit', async () => {
    const form = await credentialsForm(proxy.url);
    const served: string[] = [];
    for (let i = 0; i < 5; i++) {
      const a = await form.attempt('ops@relm.test', `wrong-password-${i}`);
      expect(a.signedIn).toBe(false);
      expect(a.code).toBe('invalid');
      served.push(a.servedBy!);
    }
    expect(new Set(served)).toEqual(new Set(['a', 'b']));
    // the sixth, with the right password, on whichever replica comes next: held back
    const sixth = await form.attempt('ops@relm.test', PASSWORD);
    expect(sixth.signedIn).toBe(false);
    expect(sixth.code).toMatch(/^rate_limited:account:\d+$/);
    // and on the other one too, asked directly with the client address the proxy sends
    const other = replicas.find((r) => r.name !== sixth.servedBy)!;
    const direct = await credentialsForm(other.base, { 'x-forwarded-for': '127.0.0.1' });
    const seventh = await direct.attempt('ops@relm.test', PASSWORD);
    expect(seventh.signedIn).toBe(false);
    expect(seventh.code).toMatch(/^rate_limited:account:\d+$/);
    const failures = await h.prisma.signInAttempt.count({ where: { email: 'ops@relm.test', success: false } });
    expect(failures).toBe(5);
  });
});

describe('approvals spread over both replicas', () => {
  // after the race, the two checks that wait on the replicas' background work (the outbox and
  // the minute's tick) run side by side
  it(`the approval race crosses its quorum exactly once: ${APPROVERS} approvers at once, half on each replica`, async () => {
    const body = JSON.stringify({ decision: 'approve', comment: 'LGTM', packageDigest: raced.digest });
    const results = await Promise.all(
      tokens.map(async (token, i) => {
        const r = replicas[i % 2]!;
        const res = await fetch(`${r.base}/api/v1/releases/${raced.key}/approvals`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body,
        });
        return { replica: r.name, status: res.status, body: (await res.json()) as { approved?: boolean; error?: { code: string; message: string } } };
      }),
    );
    const ok = results.filter((r) => r.status === 200);
    expect(ok).toHaveLength(NEEDED);
    expect(ok.filter((r) => r.body.approved === true)).toHaveLength(1);
    for (const r of results.filter((x) => x.status !== 200)) {
      expect(r.status).toBe(409);
      expect(r.body.error?.message).toMatch(/is approved: approvals are decided only while a release is submitted/);
    }
    // each replica decided half of them, at once
    expect(results.filter((r) => r.replica === 'a')).toHaveLength(APPROVERS / 2);
    const transitions = await h.prisma.releaseTransition.findMany({ where: { releaseId: raced.id, fromStatus: 'submitted', toStatus: 'approved' } });
    expect(transitions).toHaveLength(1);
    const events = await h.prisma.auditEvent.findMany({ where: { releaseId: raced.id, action: 'release.transition' } });
    expect(events.filter((e) => (e.after as { status?: string } | null)?.status === 'approved')).toHaveLength(1);
    expect((await h.prisma.release.findUniqueOrThrow({ where: { id: raced.id } })).status).toBe('approved');
    expect(await h.prisma.approval.count({ where: { releaseId: raced.id, invalidatedAt: null } })).toBe(NEEDED);
  });

  it.concurrent('a notification appears once: one in-app notice and one e-mail, though both replicas deliver', async () => {
    const approvedTitle = (t: string) => t.includes(`${raced.key} is approved`);
    const notices = await h.prisma.notification.findMany({ where: { userId: rm.id, releaseId: raced.id, kind: 'approval.decided' } });
    expect(notices.filter((n) => approvedTitle(n.title))).toHaveLength(1);
    // every e-mail of the race release (the requests to each approver, the decisions to its
    // manager): once the outbox has sent them all, each arrived exactly once
    const sent = await allSent({ releaseId: raced.id });
    expect(sent.filter((d) => d.userId === rm.id && d.event === 'approval.decided').length).toBe(NEEDED);
    expect(mailsTo(rm.email, raced.key).filter((m) => approvedTitle(m.subject))).toHaveLength(1);
    expect(await h.prisma.delivery.count({ where: { releaseId: raced.id, event: 'approval.requested', user: { email: { in: approverEmails } } } })).toBe(
      APPROVERS,
    );
    await expectEachArrivedOnce(sent);
  });

  it.concurrent('each timed job runs once: one tick per minute across both replicas, one reminder per person', async () => {
    const approvers = await h.prisma.user.findMany({ where: { email: { in: approverEmails } }, select: { id: true } });
    const reminders = (userId?: string) =>
      h.prisma.notification.count({ where: { kind: 'approval.reminder', releaseId: reminded.id, ...(userId ? { userId } : {}) } });
    // the first minute tick after the release was made (on whichever replica's engine takes it)
    await waitUntil(async () => (await reminders()) > 0, 150_000, 1000);
    await waitUntil(
      async () => (await query(`SELECT 1 FROM pgboss.job WHERE name = 'relm-tick' AND state IN ('created', 'active', 'retry')`)).length === 0,
      60_000,
      500,
    );
    for (const a of approvers) expect(await reminders(a.id)).toBe(1);
    const sent = await allSent({ releaseId: reminded.id, event: 'approval.reminder' });
    expect(sent.filter((d) => approvers.some((a) => a.id === d.userId))).toHaveLength(APPROVERS);
    await expectEachArrivedOnce(sent);

    const ticks = await query<{ state: string }>(`SELECT state FROM pgboss.job WHERE name = 'relm-tick'`);
    expect(ticks.length).toBeGreaterThan(0);
    expect(ticks.filter((t) => t.state !== 'completed')).toEqual([]);
    // one tick per minute across both replicas: each minute's slot was sent once (pg-boss's cron,
    // whichever engine looked first), and there are no more ticks than slots, nor more slots than
    // minutes since the replicas started (plus the minute they started in)
    const slots = await query<{ slot: Date; n: number }>(
      `SELECT singleton_on AS slot, count(*)::int AS n FROM pgboss.job WHERE name = '__pgboss__send-it' AND data->>'name' = 'relm-tick' GROUP BY 1`,
    );
    expect(slots.filter((s) => s.n !== 1)).toEqual([]);
    expect(ticks.length).toBe(slots.length);
    expect(ticks.length).toBeLessThanOrEqual(Math.ceil((Date.now() - startedAt) / 60_000) + 1);
  });

  it('the audit chain both replicas and this process wrote verifies as one, with the checkpoints either replica signed', async () => {
    expect(await verifyChain(h.prisma)).toMatchObject({ ok: true });
    const files = replicas.map((r) => path.join(work, r.name, 'audit-checkpoints.jsonl')).filter((f) => fs.existsSync(f));
    expect(files.length).toBeGreaterThan(0);
    for (const checkpointFile of files) expect(await verifyChain(h.prisma, { checkpointFile }), checkpointFile).toMatchObject({ ok: true });
  });
});
