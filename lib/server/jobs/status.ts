import 'server-only';
import type { Actor } from '../actor';
import { assertCan } from '../authz';
import { emailStatus, type EmailStatus } from '../channels/email';
import { db } from '../db';
import { env } from '../env';
import { JOB_SCHEMA } from './engine';
import { serverEngine } from './runtime';

// What the admin page of jobs and outgoing messages shows (/admin/jobs).

export interface JobsOverview {
  engine: { running: boolean; mode: 'on' | 'off'; database: 'postgres' | 'embedded' | 'memory' };
  queues: { name: string; created: number; retry: number; active: number; completed: number; failed: number; cancelled: number }[];
  failedJobs: { id: string; queue: string; retryCount: number; at: string | null; error: string }[];
  deliveries: {
    byStatus: Record<string, number>;
    recent: {
      id: string;
      channel: string;
      event: string;
      recipient: string;
      status: string;
      attempts: number;
      lastError: string | null;
      lastCode: number | null;
      createdAt: string;
      sentAt: string | null;
    }[];
  };
  email: EmailStatus;
}

const STATES = ['created', 'retry', 'active', 'completed', 'failed', 'cancelled'] as const;

/** Why a job failed, from what pg-boss recorded (the error's message), without the stack. */
function errorOf(output: unknown): string {
  if (output && typeof output === 'object') {
    const o = output as { message?: unknown; value?: unknown };
    if (typeof o.message === 'string') return o.message;
    if (typeof o.value === 'string') return o.value;
  }
  return output === null || output === undefined ? '' : JSON.stringify(output).slice(0, 500);
}

export async function getJobsOverview(actor: Actor | null): Promise<JobsOverview> {
  assertCan(actor, 'audit.read');
  const prisma = await db();
  const [probe] = await prisma.$queryRaw<{ present: boolean }[]>`SELECT to_regclass(${`${JOB_SCHEMA}.job`}) IS NOT NULL AS present`;
  const present = !!probe?.present;
  const counts = present
    ? await prisma.$queryRawUnsafe<{ name: string; state: string; n: number }[]>(
        `SELECT name, state::text AS state, count(*)::int AS n FROM ${JOB_SCHEMA}.job GROUP BY name, state ORDER BY name`,
      )
    : [];
  const failed = present
    ? await prisma.$queryRawUnsafe<{ id: string; name: string; retry_count: number; completed_on: Date | null; output: unknown }[]>(
        `SELECT id::text AS id, name, retry_count, completed_on, output FROM ${JOB_SCHEMA}.job
          WHERE state = 'failed' ORDER BY completed_on DESC NULLS LAST LIMIT 20`,
      )
    : [];
  const queues = new Map<string, JobsOverview['queues'][number]>();
  for (const c of counts) {
    const q = queues.get(c.name) ?? { name: c.name, created: 0, retry: 0, active: 0, completed: 0, failed: 0, cancelled: 0 };
    if ((STATES as readonly string[]).includes(c.state)) q[c.state as (typeof STATES)[number]] = c.n;
    queues.set(c.name, q);
  }
  const [byStatus, recent] = await Promise.all([
    prisma.delivery.groupBy({ by: ['status'], _count: { _all: true } }),
    prisma.delivery.findMany({
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: 30,
      select: {
        id: true,
        channel: true,
        event: true,
        recipient: true,
        status: true,
        attempts: true,
        lastError: true,
        lastCode: true,
        createdAt: true,
        sentAt: true,
      },
    }),
  ]);
  const engine = await serverEngine();
  return {
    engine: {
      running: !!engine,
      mode: env().RELM_JOBS,
      database: env().DATABASE_URL?.startsWith('postgres') ? 'postgres' : env().DATABASE_URL ? 'memory' : 'embedded',
    },
    queues: [...queues.values()],
    failedJobs: failed.map((f) => ({
      id: f.id,
      queue: f.name,
      retryCount: f.retry_count,
      at: f.completed_on ? new Date(f.completed_on).toISOString() : null,
      error: errorOf(f.output),
    })),
    deliveries: {
      byStatus: Object.fromEntries(byStatus.map((b) => [b.status, b._count._all])),
      recent: recent.map((d) => ({ ...d, createdAt: d.createdAt.toISOString(), sentAt: d.sentAt?.toISOString() ?? null })),
    },
    email: emailStatus(),
  };
}
