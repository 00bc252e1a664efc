import 'server-only';
import { statusesAllowing } from '@/lib/domain/release-rules';
import { rolesWith } from '@/lib/domain/permissions';
import { rangeForReader } from '@/lib/domain/zoned-time';
import { releaseHref } from '@/lib/domain/release-parts';
import { isValidTimeZone } from '@/lib/domain/recurrence';
import { REMINDER_DEFAULTS } from '@/lib/domain/policy';
import { now as clockNow } from './clock';
import { reminderSettings } from './escalations';
import { db } from './db';
import { tellPeople } from './notify';
import { releaseKey } from './release-ref';

// Timed reminders about deployment windows, run every minute by the job engine's tick
// (lib/server/jobs/runtime.ts) on Relm's clock. Each is written once per window: a reminder
// is keyed by its kind and a link naming the environment and the window's start, so a window
// moved to another time is announced again, and a tick that runs twice writes nothing twice.

const HOUR = 3_600_000;
/** how far ahead operations and the owner hear of a window: the policy's reminders.windowNoticeHours (this is its default) */
export const WINDOW_NOTICE_HOURS = REMINDER_DEFAULTS.windowNoticeHours;
/** how long after a window ends without a deployment the owner is still told */
const MISSED_LOOKBACK_HOURS = 72;

const anchorOf = (environment: string, start: Date) => `window-${environment}-${start.getTime()}`;

async function alreadyTold(kind: string, link: string): Promise<boolean> {
  const prisma = await db();
  return (await prisma.notification.count({ where: { kind, link } })) > 0;
}

/**
 * "REL-12 deploys to Production in 5 h": to the owner and everyone who records deployments,
 * `hours` ahead (by default the current policy's reminders.windowNoticeHours; 0 = off).
 */
export async function notifyWindowsOpening(at: Date = clockNow(), hoursIn?: number): Promise<number> {
  const hours = hoursIn ?? (await reminderSettings()).reminders.windowNoticeHours;
  if (hours <= 0) return 0;
  const prisma = await db();
  const windows = await prisma.releaseEnvironment.findMany({
    where: {
      scheduledStart: { gt: at, lte: new Date(at.getTime() + hours * HOUR) },
      scheduledEnd: { not: null },
      release: { status: { in: [...statusesAllowing('deploy')] } },
    },
    select: {
      scheduledStart: true,
      scheduledEnd: true,
      environment: { select: { name: true, displayName: true } },
      release: { select: { id: true, number: true, title: true, ownerId: true, timezone: true } },
    },
    orderBy: { scheduledStart: 'asc' },
    take: 500,
  });
  if (!windows.length) return 0;
  const operators = await prisma.user.findMany({
    where: { disabledAt: null, roles: { some: { role: { in: rolesWith('deployment.record') } } } },
    select: { id: true },
    take: 500,
  });
  let told = 0;
  for (const w of windows) {
    const key = releaseKey(w.release.number);
    const start = w.scheduledStart!;
    const link = releaseHref(key, 'deployments', anchorOf(w.environment.name, start));
    if (await alreadyTold('window.opening', link)) continue;
    const tz = isValidTimeZone(w.release.timezone) ? w.release.timezone : 'UTC';
    const inHours = Math.max(1, Math.round((start.getTime() - at.getTime()) / HOUR));
    await prisma.$transaction(async (tx) => {
      await tellPeople(tx, [w.release.ownerId, ...operators.map((o) => o.id)], {
        kind: 'window.opening',
        say: ({ t, zone, locale }) => ({
          title: t('window.opening.title', { key, environment: w.environment.displayName, hours: inHours }),
          body: t('window.opening.body', { title: w.release.title, window: rangeForReader({ start, end: w.scheduledEnd! }, zone, tz, 'release', locale) }),
        }),
        zone: tz,
        link,
        releaseId: w.release.id,
        releaseKey: key,
        // asked again on every tick while nobody has it in Relm: one e-mail per window and person
        eventKey: link,
      });
    });
    told++;
  }
  return told;
}

/** "The window of REL-12 in Production ended with nothing deployed": to the owner. */
export async function notifyWindowsMissed(at: Date = clockNow()): Promise<number> {
  const prisma = await db();
  const windows = await prisma.releaseEnvironment.findMany({
    where: {
      scheduledEnd: { lte: at, gt: new Date(at.getTime() - MISSED_LOOKBACK_HOURS * HOUR) },
      scheduledStart: { not: null },
      release: { status: { in: [...statusesAllowing('deploy')] } },
    },
    select: {
      environmentId: true,
      scheduledStart: true,
      scheduledEnd: true,
      environment: { select: { name: true, displayName: true } },
      release: { select: { id: true, number: true, title: true, ownerId: true, timezone: true } },
    },
    take: 500,
  });
  let told = 0;
  for (const w of windows) {
    // a deployment recorded for that environment (whatever its outcome) means the window was used
    const deployed = await prisma.deployment.count({ where: { releaseId: w.release.id, environmentId: w.environmentId, kind: 'deploy' } });
    if (deployed) continue;
    const key = releaseKey(w.release.number);
    const link = releaseHref(key, 'schedule', anchorOf(w.environment.name, w.scheduledStart!));
    if (await alreadyTold('window.missed', link)) continue;
    const tz = isValidTimeZone(w.release.timezone) ? w.release.timezone : 'UTC';
    await prisma.$transaction(async (tx) => {
      await tellPeople(tx, [w.release.ownerId], {
        kind: 'window.missed',
        say: ({ t, zone, locale }) => ({
          title: t('window.missed.title', { key, environment: w.environment.displayName }),
          body: t('window.missed.body', {
            title: w.release.title,
            window: rangeForReader({ start: w.scheduledStart!, end: w.scheduledEnd! }, zone, tz, 'release', locale),
          }),
        }),
        zone: tz,
        link,
        releaseId: w.release.id,
        releaseKey: key,
        // asked again on every tick while nobody has it in Relm: one e-mail per window and person
        eventKey: link,
      });
    });
    told++;
  }
  return told;
}
