import 'server-only';
import { notifyExpiringApprovals } from '../approvals';
import {
  escalateMissedWindows,
  escalateWaitingApprovals,
  noticeFreezesStarting,
  notifyExpiredApprovals,
  reminderSettings,
  remindOverdueActionItems,
  remindWaitingApprovals,
} from '../escalations';
import { sendDailyDigests } from '../digest';
import { notifyWindowsMissed, notifyWindowsOpening } from '../window-reminders';
import { pruneOldSessions } from '../session-store';
import { now } from '../clock';
import { CHECKPOINT_EVERY_MS, checkpointAuditHead, startAuditSequencer, stopAuditSequencer } from '../audit';
import { dbHandle, type DbHandle } from '../db';
import { env, runsJobs } from '../env';
import { log } from '../log';
import { deliveryJobs, RELAY_QUEUE } from './delivery';
import { startEngine, type Engine, type JobDefinition } from './engine';

// Relm's jobs, and the engine of this process (docs/decisions/026-job-engine.md). A server
// process (scripts/start.ts, `npm run dev`) starts it on its first health check, which
// scripts/start.ts and instrumentation.ts make as soon as the server listens, unless
// RELM_JOBS=off; tests and scripts start engines of their own.

export interface TimedWorkDone {
  expiringApprovals: number;
  expiredApprovals: number;
  windowsOpening: number;
  windowsMissed: number;
  windowsMissedEscalated: number;
  approvalReminders: number;
  approvalEscalations: number;
  freezesStarting: number;
  overdueActionItems: number;
  digests: number;
  sessionsPruned: number;
}

/**
 * Timed work: every minute, on the one clock (lib/server/clock.ts), so tests move it. The
 * delays are the current policy's "Reminders and escalation" (read once per tick).
 */
export async function runTimedWork(at: Date = now()): Promise<TimedWorkDone> {
  // a signed checkpoint of the audit chain head, outside the database, when it moved (at most
  // one per five minutes; never throws)
  await checkpointAuditHead(await dbHandle(), { minIntervalMs: CHECKPOINT_EVERY_MS });
  const settings = await reminderSettings();
  const expiringApprovals = await notifyExpiringApprovals(at);
  const expiredApprovals = await notifyExpiredApprovals(at);
  const windowsOpening = await notifyWindowsOpening(at, settings.reminders.windowNoticeHours);
  const windowsMissed = await notifyWindowsMissed(at);
  const windowsMissedEscalated = await escalateMissedWindows(at, settings);
  const approvalReminders = await remindWaitingApprovals(at, settings);
  const approvalEscalations = await escalateWaitingApprovals(at, settings);
  const freezesStarting = await noticeFreezesStarting(at, settings);
  const overdueActionItems = await remindOverdueActionItems(at, settings);
  // after the reminders, so a reminder written in the same tick waits for tomorrow's digest
  const digests = await sendDailyDigests(at);
  const sessionsPruned = await pruneOldSessions(at);
  return {
    digests,
    sessionsPruned,
    expiringApprovals,
    expiredApprovals,
    windowsOpening,
    windowsMissed,
    windowsMissedEscalated,
    approvalReminders,
    approvalEscalations,
    freezesStarting,
    overdueActionItems,
  };
}

export const TICK_QUEUE = 'relm-tick';

export function relmJobs(): JobDefinition[] {
  return [
    {
      // one tick a minute across every process (pg-boss sends a cron slot once); a tick that
      // fails is not retried: the next one does the same work
      queue: { name: TICK_QUEUE, retryLimit: 0, retryDelay: 0, retryBackoff: false, expireInSeconds: 300, policy: 'singleton' },
      batchSize: 1,
      pollingIntervalSeconds: 5,
      handle: async () => {
        await runTimedWork();
        // the reminders and digests it wrote go out now, not at the relay's next minute: the timed
        // rules write in transactions of their own, whose after-commit nudges nobody runs
        await nudgeDeliveries();
      },
    },
    ...deliveryJobs(),
  ];
}

const holder: { engine?: Promise<Engine | null> } = ((globalThis as Record<string, unknown>).__relmJobs as { engine?: Promise<Engine | null> }) ?? {};
(globalThis as Record<string, unknown>).__relmJobs = holder;

/** Starts the engine, trying twice more a few seconds apart if the database refuses (a deadlock, a restart). */
async function startWithRetries(handle: DbHandle): Promise<Engine> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startEngine(handle, relmJobs(), {
        schedules: [
          { queue: TICK_QUEUE, cron: '* * * * *' },
          // deliveries are nudged to the relay after each change (nudgeDeliveries); this catches the rest
          { queue: RELAY_QUEUE, cron: '* * * * *' },
        ],
      });
    } catch (err) {
      if (attempt >= 3) throw err;
      console.warn(`[relm] the job engine did not start (${err instanceof Error ? err.message : String(err)}): trying again`);
      await new Promise((resolve) => setTimeout(resolve, 2000 * attempt));
    }
  }
}

/** Starts this process's engine once; a failure is reported, leaves the process serving pages, and the next call tries again. */
export function startServerJobs(handle: DbHandle): Promise<Engine | null> {
  holder.engine ??= startWithRetries(handle)
    .then((engine) => {
      log().info(`job engine started (${handle.target.kind === 'postgres' ? 'PostgreSQL' : 'embedded database'})`);
      return engine;
    })
    .catch((err: unknown) => {
      log().error({ err }, 'the job engine did not start (the next health check tries again)');
      // not for good: a replica that gave up here would serve pages and never run a job
      holder.engine = undefined;
      return null;
    });
  return holder.engine;
}

/** This process's engine, if it runs one. */
export async function serverEngine(): Promise<Engine | null> {
  return (await holder.engine) ?? null;
}

export async function stopServerJobs(): Promise<void> {
  await stopAuditSequencer();
  const engine = await holder.engine;
  holder.engine = undefined;
  await engine?.stop();
}
// closeDb (lib/server/db.ts) stops the jobs before the database, without importing them
(globalThis as Record<string, unknown>).__relmStopJobs = stopServerJobs;

/**
 * In a server process (RELM_SERVER_PROCESS=1): the audit sequencer, which every server process
 * runs whatever RELM_JOBS says (docs/decisions/062), and, with RELM_JOBS on, the jobs, if they
 * are not running.
 */
export async function ensureServerJobs(): Promise<void> {
  if (env().RELM_SERVER_PROCESS) startAuditSequencer(await dbHandle());
  if (!runsJobs() || holder.engine) return;
  await startServerJobs(await dbHandle());
}

/** After a change that wrote deliveries: ask the relay to run now rather than at the next minute (best effort). */
export async function nudgeDeliveries(): Promise<void> {
  const engine = await serverEngine();
  await engine?.boss.send(RELAY_QUEUE, {}, { singletonKey: 'relay', singletonSeconds: 1 }).catch(() => undefined);
}
// lib/server/notify.ts nudges the relay after a change that wrote deliveries, without importing the engine
(globalThis as Record<string, unknown>).__relmNudgeDeliveries = nudgeDeliveries;
