import 'server-only';
import crypto from 'node:crypto';
import client from 'prom-client';
import { JOB_SCHEMA } from './jobs/engine';
import { db, dbHandle } from './db';
import { env } from './env';
import { relmRegistry } from './prometheus-registry';

// GET /metrics (issue 17 point 3): Prometheus text for an operator's scraper, behind a bearer
// token (RELM_METRICS_TOKEN). Request durations are timed as requests are served
// (lib/server/prometheus-registry.ts); the figures below are read from the database at each
// scrape, a handful of grouped counts, so every replica reports the same shared state.

async function safely(what: string, read: () => Promise<void>) {
  try {
    await read();
  } catch (err) {
    // a scrape never fails because one figure could not be read; the figure is left out
    console.warn(`[relm] metrics: ${what} unreadable: ${err instanceof Error ? err.message : String(err)}`);
  }
}

function installScrapeCollectors() {
  const r = relmRegistry();
  if (r.scrapeCollectorsInstalled) return;
  r.scrapeCollectorsInstalled = true;
  const registers = [r.registry];

  new client.Gauge({
    name: 'relm_db_pool_connections',
    help: 'PostgreSQL connections of this process by state (total, idle, waiting callers) and the pool maximum; absent for the embedded database',
    labelNames: ['state'] as const,
    registers,
    async collect() {
      this.reset();
      const pool = (await dbHandle()).pool;
      if (!pool) return;
      this.set({ state: 'total' }, pool.totalCount);
      this.set({ state: 'idle' }, pool.idleCount);
      this.set({ state: 'waiting' }, pool.waitingCount);
      this.set({ state: 'max' }, pool.options.max ?? 10);
    },
  });

  new client.Gauge({
    name: 'relm_jobs',
    help: 'Background jobs by queue and state: created and retry are waiting (queue depth), active are running, failed gave up',
    labelNames: ['queue', 'state'] as const,
    registers,
    async collect() {
      this.reset();
      await safely('jobs', async () => {
        const prisma = await db();
        // no job table until the job engine has started once against this database
        const [present] = await prisma.$queryRawUnsafe<{ present: boolean }[]>(`SELECT to_regclass('${JOB_SCHEMA}.job') IS NOT NULL AS present`);
        if (!present?.present) return;
        const rows = await prisma.$queryRawUnsafe<{ name: string; state: string; n: bigint | number }[]>(
          `SELECT name, state::text AS state, count(*) AS n FROM ${JOB_SCHEMA}.job WHERE state IN ('created', 'retry', 'active', 'failed') GROUP BY name, state`,
        );
        for (const row of rows) this.set({ queue: row.name, state: row.state }, Number(row.n));
      });
    },
  });

  new client.Gauge({
    name: 'relm_deliveries',
    help: 'Outgoing messages (e-mail, Slack, Teams, webhooks) by channel and outcome',
    labelNames: ['channel', 'status'] as const,
    registers,
    async collect() {
      this.reset();
      await safely('deliveries', async () => {
        const rows = await (await db()).delivery.groupBy({ by: ['channel', 'status'], _count: { _all: true } });
        for (const row of rows) this.set({ channel: row.channel, status: row.status }, row._count._all);
      });
    },
  });

  new client.Gauge({
    name: 'relm_releases',
    help: 'Releases by status',
    labelNames: ['status'] as const,
    registers,
    async collect() {
      this.reset();
      await safely('releases', async () => {
        const rows = await (await db()).release.groupBy({ by: ['status'], _count: { _all: true } });
        for (const row of rows) this.set({ status: row.status }, row._count._all);
      });
    },
  });

  new client.Gauge({
    name: 'relm_audit_chain_length',
    help: 'Events in the audit hash chain (the sequence number of its head)',
    registers,
    async collect() {
      await safely('audit chain', async () => {
        const head = await (await db()).auditChainHead.findUnique({ where: { id: 1 }, select: { seq: true } });
        this.set(Number(head?.seq ?? 0));
      });
    },
  });

  new client.Gauge({
    name: 'relm_audit_last_verified_timestamp_seconds',
    help: 'When the audit chain was last verified (npm run relm -- audit verify, or the scheduled check), as a Unix time; 0 when never',
    registers,
    async collect() {
      await safely('audit verification', async () => {
        const last = await (await db()).auditEvent.findFirst({ where: { action: 'audit.verify' }, orderBy: { seq: 'desc' }, select: { at: true } });
        this.set(last ? last.at.getTime() / 1000 : 0);
      });
    },
  });
}

/** Whether the request's bearer token is RELM_METRICS_TOKEN (compared in constant time). */
export function metricsAuthorized(authorization: string | null): 'off' | 'refused' | 'ok' {
  const token = env().RELM_METRICS_TOKEN;
  if (!token) return 'off';
  const given = /^Bearer\s+(\S+)$/i.exec(authorization?.trim() ?? '')?.[1] ?? '';
  const a = crypto.createHash('sha256').update(given).digest();
  const b = crypto.createHash('sha256').update(token).digest();
  return given && crypto.timingSafeEqual(a, b) ? 'ok' : 'refused';
}

/** The exposition text of every metric of this process. */
export async function metricsText(): Promise<{ contentType: string; body: string }> {
  installScrapeCollectors();
  const { registry } = relmRegistry();
  return { contentType: registry.contentType, body: await registry.metrics() };
}
