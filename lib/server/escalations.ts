import 'server-only';
import { freezeCovers } from '@/lib/domain/freeze';
import { REMINDER_DEFAULTS, type Reminders } from '@/lib/domain/policy';
import { isValidTimeZone, occurrences } from '@/lib/domain/recurrence';
import { releaseHref } from '@/lib/domain/release-parts';
import { statusesAllowing } from '@/lib/domain/release-rules';
import { dateForReader, instantForReader, rangeForReader } from '@/lib/domain/zoned-time';
import { waitingApprovals } from './approvals';
import { now as clockNow } from './clock';
import { db } from './db';
import { loadFreezeSpecs } from './freezes';
import { tellPeople, type Reader, type Tell } from './notify';
import { findCurrentPolicy } from './policy-read';
import { releaseKey } from './release-ref';

// Timed reminders and escalations of the policy's "Reminders and escalation" section
// (issue 13, docs/decisions/030-reminders-and-escalation.md), run every minute by the job
// engine's tick (lib/server/jobs/runtime.ts) on Relm's clock:
//   - an approval of a release still waiting that expired → its approver and the owner
//   - a window that ended with nothing deployed, still nothing after windowMissedEscalationHours → the owner, the CAB
//   - approvals waiting approvalReminderHours → the people who can still approve; approvalEscalationHours → the owner, the CAB
//   - a freeze starting within freezeNoticeHours over a release's scheduled window → that release's owner
//   - a review action item overdue → its owner every actionItemReminderDays days, the release owner once
// "The CAB" is every active account whose e-mail is among the policy's CAB members, plus every
// active admin; an escalation goes to them and to the release's owner, the point of escalation.
// Each message is written once: keyed by its kind and a link whose anchor names what it is
// about (the window and its start, the submission, the freeze occurrence, the overdue period),
// checked and written under an advisory lock on that key, so a tick run twice, or in two
// processes at once, tells once. Each job reads only the candidates of a bounded time range
// (LOOKBACK_HOURS after the moment it became due).

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** how long after a reminder became due it is still sent (a tick that did not run for a while) */
const LOOKBACK_HOURS = 72;
/** overdue action items are reminded of for this many days after their due date, then left to the dashboard */
export const ACTION_ITEM_REMINDER_WINDOW_DAYS = 90;
/** one advisory-lock namespace for "tell once" (the other locks use single bigint keys) */
const TELL_ONCE_LOCK = 30_030;

export interface ReminderSettings {
  reminders: Reminders;
  cab: { name: string; members: string[] };
}

/** The current policy's reminders and CAB; the defaults when no policy is saved or the stored one does not parse. */
export async function reminderSettings(): Promise<ReminderSettings> {
  try {
    const policy = await findCurrentPolicy();
    if (policy) return { reminders: policy.document.reminders, cab: policy.document.approvals.cab };
  } catch (err) {
    // an invalid stored policy is reported on every page that decides with it; reminders go on with the defaults
    console.warn(`[relm] timed reminders use their defaults: ${err instanceof Error ? err.message : String(err)}`);
  }
  return { reminders: { ...REMINDER_DEFAULTS }, cab: { name: 'Change Advisory Board', members: [] } };
}

/** The CAB and admins: active accounts whose e-mail is a CAB member's, and every active admin. */
export async function cabAndAdmins(cab: ReminderSettings['cab']): Promise<{ id: string; name: string }[]> {
  const prisma = await db();
  return prisma.user.findMany({
    where: {
      disabledAt: null,
      OR: [{ roles: { some: { role: 'admin' } } }, ...cab.members.slice(0, 50).map((email) => ({ email: { equals: email, mode: 'insensitive' as const } }))],
    },
    select: { id: true, name: true },
    orderBy: [{ name: 'asc' }, { id: 'asc' }],
    take: 200,
  });
}

const cabWords = (t: Reader['t'], cab: ReminderSettings['cab']) => t('escalation.told', { cab: cab.name });

/** The links among `links` already written with `kind` (one query for a whole tick's candidates). */
async function alreadyTold(kind: string, links: string[]): Promise<Set<string>> {
  if (!links.length) return new Set();
  const prisma = await db();
  const rows = await prisma.notification.findMany({ where: { kind, link: { in: [...new Set(links)] } }, select: { link: true }, distinct: ['link'] });
  return new Set(rows.map((r) => r.link!));
}

/**
 * Tells `userIds` unless a notification of this kind and link was written before: checked and
 * written in one transaction holding an advisory lock on the key, so two ticks at once tell once.
 * Returns whether it told anyone.
 */
async function tellOnce(userIds: (string | null | undefined)[], n: Tell): Promise<boolean> {
  if (!userIds.some(Boolean)) return false;
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const key = `${n.kind} ${n.link}`;
    await tx.$queryRaw`SELECT 1 AS locked FROM pg_advisory_xact_lock(${TELL_ONCE_LOCK}::int, hashtext(${key}))`;
    if ((await tx.notification.count({ where: { kind: n.kind, link: n.link } })) > 0) return false;
    // the link names the occurrence: people who chose e-mail only (no row above) get one e-mail or digest line
    await tellPeople(tx, userIds, { eventKey: n.link, ...n });
    return true;
  });
}

const zoneOf = (tz: string) => (isValidTimeZone(tz) ? tz : 'UTC');
const namesList = (t: Reader['t'], names: string[], max = 12) =>
  names.length <= max ? names.join(', ') : t('escalation.namesMore', { names: names.slice(0, max).join(', '), count: names.length - max });

// ---------------------------------------------------------------- a missed window, escalated

/**
 * A window that ended with nothing deployed to its environment, and still nothing
 * windowMissedEscalationHours later: the CAB and admins are told, and the owner again (told first
 * when it ended, notifyWindowsMissed). Once per window; a window moved or used is left alone.
 */
export async function escalateMissedWindows(at: Date = clockNow(), settings?: ReminderSettings): Promise<number> {
  const s = settings ?? (await reminderSettings());
  const hours = s.reminders.windowMissedEscalationHours;
  if (hours <= 0) return 0;
  const prisma = await db();
  const due = at.getTime() - hours * HOUR;
  const windows = await prisma.releaseEnvironment.findMany({
    where: {
      scheduledEnd: { lte: new Date(due), gt: new Date(due - LOOKBACK_HOURS * HOUR) },
      // a window lasts at most 14 days (CHECK): bounding the start too lets the (start, end) index serve
      scheduledStart: { lte: new Date(due), gt: new Date(due - LOOKBACK_HOURS * HOUR - 14 * DAY) },
      release: { status: { in: [...statusesAllowing('deploy')] } },
    },
    select: {
      environmentId: true,
      scheduledStart: true,
      scheduledEnd: true,
      environment: { select: { name: true, displayName: true } },
      release: { select: { id: true, number: true, title: true, timezone: true, ownerId: true, owner: { select: { name: true } } } },
    },
    orderBy: { scheduledEnd: 'asc' },
    take: 500,
  });
  const linkOf = (w: (typeof windows)[number]) =>
    releaseHref(releaseKey(w.release.number), 'schedule', `window-${w.environment.name}-${w.scheduledStart!.getTime()}`);
  const told = await alreadyTold('window.missed_escalated', windows.map(linkOf));
  const untold = windows.filter((w) => !told.has(linkOf(w)));
  if (!untold.length) return 0;
  // a deployment recorded for that environment (whatever its outcome) means the window was used
  const used = await prisma.deployment.findMany({
    where: { kind: 'deploy', OR: untold.map((w) => ({ releaseId: w.release.id, environmentId: w.environmentId })) },
    select: { releaseId: true, environmentId: true },
    distinct: ['releaseId', 'environmentId'],
  });
  const usedKeys = new Set(used.map((d) => `${d.releaseId} ${d.environmentId}`));
  let count = 0;
  let cab: { id: string; name: string }[] | null = null;
  for (const w of untold) {
    const link = linkOf(w);
    if (usedKeys.has(`${w.release.id} ${w.environmentId}`)) continue;
    cab ??= await cabAndAdmins(s.cab);
    const key = releaseKey(w.release.number);
    const tz = zoneOf(w.release.timezone);
    const since = Math.round((at.getTime() - w.scheduledEnd!.getTime()) / HOUR);
    const wrote = await tellOnce([w.release.ownerId, ...cab.map((p) => p.id)], {
      kind: 'window.missed_escalated',
      say: ({ t, zone, locale }) => ({
        title: t('window.missedEscalated.title', { key, environment: w.environment.displayName, hours: since }),
        body: [
          t('window.missedEscalated.window', {
            title: w.release.title,
            window: rangeForReader({ start: w.scheduledStart!, end: w.scheduledEnd! }, zone, tz, 'release', locale),
          }),
          t('window.missedEscalated.owner', { name: w.release.owner.name, hours }),
          cabWords(t, s.cab),
        ].join('\n\n'),
      }),
      zone: tz,
      link,
      releaseId: w.release.id,
      releaseKey: key,
    });
    if (wrote) count++;
  }
  return count;
}

// ---------------------------------------------------------------- an approval expired

/**
 * An approval of a release still waiting for its approvals that has just expired: the approver
 * and the owner are told it no longer counts (the warning before it, notifyExpiringApprovals,
 * follows approvals.expiryWarningHours). Once per approval; not when the approver has decided
 * again since.
 */
export async function notifyExpiredApprovals(at: Date = clockNow()): Promise<number> {
  const prisma = await db();
  const rows = await prisma.approval.findMany({
    where: {
      invalidatedAt: null,
      decision: 'approve',
      expiresAt: { lte: at, gt: new Date(at.getTime() - LOOKBACK_HOURS * HOUR) },
      release: { status: 'submitted' },
    },
    select: {
      id: true,
      approverId: true,
      expiresAt: true,
      approver: { select: { name: true } },
      release: { select: { id: true, number: true, title: true, ownerId: true } },
    },
    orderBy: { expiresAt: 'asc' },
    take: 500,
  });
  const linkOf = (a: (typeof rows)[number]) => releaseHref(releaseKey(a.release.number), 'approvals', `approval-${a.id}`);
  const told = await alreadyTold('approval.expired', rows.map(linkOf));
  const untold = rows.filter((a) => !told.has(linkOf(a)));
  if (!untold.length) return 0;
  // a decision taken since by the same person (approving again, or rejecting) supersedes the expired one
  const since = await prisma.approval.findMany({
    where: { invalidatedAt: null, OR: untold.map((a) => ({ releaseId: a.release.id, approverId: a.approverId, createdAt: { gt: a.expiresAt! } })) },
    select: { releaseId: true, approverId: true },
  });
  const decidedAgain = new Set(since.map((d) => `${d.releaseId} ${d.approverId}`));
  let count = 0;
  for (const a of untold) {
    if (decidedAgain.has(`${a.release.id} ${a.approverId}`)) continue;
    const key = releaseKey(a.release.number);
    const wrote = await tellOnce([a.approverId, a.release.ownerId], {
      kind: 'approval.expired',
      say: ({ t, zone, locale }) => ({
        title: t('approval.expired.title', { name: a.approver.name, key }),
        body: t('approval.expired.body', { title: a.release.title, at: instantForReader(a.expiresAt!, zone, locale), name: a.approver.name }),
      }),
      link: linkOf(a),
      releaseId: a.release.id,
      releaseKey: key,
    });
    if (wrote) count++;
  }
  return count;
}

// ---------------------------------------------------------------- approvals waiting

async function submittedBetween(from: number, to: number) {
  const prisma = await db();
  return prisma.release.findMany({
    where: { status: 'submitted', submittedAt: { lte: new Date(to), gt: new Date(from) } },
    select: { id: true, number: true, submittedAt: true },
    orderBy: [{ submittedAt: 'asc' }, { number: 'asc' }],
    take: 200,
  });
}

const roundLink = (r: { number: number; submittedAt: Date | null }) =>
  releaseHref(releaseKey(r.number), 'approvals', `approval-round-${r.submittedAt!.getTime()}`);

/**
 * Releases submitted `hours` ago (within the look-back) and still waiting for approvals, whose
 * round has not had a notification of `kind` yet. `hours` 0 or less: none (switched off).
 */
async function untoldWaiting(kind: string, hours: number, at: Date) {
  if (hours <= 0) return { open: [], waiting: [] };
  const due = at.getTime() - hours * HOUR;
  const candidates = await submittedBetween(due - LOOKBACK_HOURS * HOUR, due);
  const told = await alreadyTold(kind, candidates.map(roundLink));
  const open = candidates.filter((r) => !told.has(roundLink(r)));
  if (!open.length) return { open, waiting: [] };
  const waiting = await waitingApprovals(
    await db(),
    open.map((r) => r.id),
    at,
  );
  return { open, waiting };
}

/**
 * A release waiting for approvals approvalReminderHours after it was submitted: a reminder to
 * the people who can still approve it (not those who decided, not its owner or requester).
 * Once per submission; nothing once the approvals are met or the release left "submitted".
 */
export async function remindWaitingApprovals(at: Date = clockNow(), settings?: ReminderSettings): Promise<number> {
  const s = settings ?? (await reminderSettings());
  const { open, waiting } = await untoldWaiting('approval.reminder', s.reminders.approvalReminderHours, at);
  let count = 0;
  for (const w of waiting) {
    const r = open.find((x) => x.id === w.releaseId)!;
    const waited = Math.floor((at.getTime() - r.submittedAt!.getTime()) / HOUR);
    // nobody can approve it now (every eligible person left, or decided): its owner hears that instead
    const nobody = w.canApprove.length === 0;
    const wrote = await tellOnce(nobody ? [w.ownerId] : w.canApprove.map((p) => p.id), {
      kind: 'approval.reminder',
      say: ({ t }) => ({
        title: t('approval.reminder.title', { key: w.key, hours: waited }),
        body: [
          t('approval.reminder.needed', { title: w.title, missing: w.missing.join('; ') }),
          nobody ? t('approval.reminder.nobody') : t('approval.reminder.you'),
        ].join('\n\n'),
      }),
      link: roundLink(r),
      releaseId: w.releaseId,
      releaseKey: w.key,
    });
    if (wrote) count++;
  }
  return count;
}

/**
 * A release still waiting for approvals approvalEscalationHours after it was submitted: the CAB,
 * the admins and the owner are told, with how long it waited, what is missing and who was asked. Once per
 * submission; nothing once the approvals are met or the release left "submitted".
 */
export async function escalateWaitingApprovals(at: Date = clockNow(), settings?: ReminderSettings): Promise<number> {
  const s = settings ?? (await reminderSettings());
  const hours = s.reminders.approvalEscalationHours;
  const { open, waiting } = await untoldWaiting('approval.escalated', hours, at);
  if (!waiting.length) return 0;
  const cab = await cabAndAdmins(s.cab);
  let count = 0;
  for (const w of waiting) {
    const r = open.find((x) => x.id === w.releaseId)!;
    const waited = Math.floor((at.getTime() - r.submittedAt!.getTime()) / HOUR);
    const asked = w.canApprove.map((p) => p.name);
    const wrote = await tellOnce([w.ownerId, ...cab.map((p) => p.id)], {
      kind: 'approval.escalated',
      say: ({ t, zone, locale }) => ({
        title: t('approval.escalated.title', { key: w.key, hours: waited }),
        body: [
          t('approval.escalated.submitted', { title: w.title, at: instantForReader(r.submittedAt!, zone, locale), hours }),
          t('approval.escalated.needed', { missing: w.missing.join('; ') }),
          asked.length ? t('approval.escalated.asked', { names: namesList(t, asked) }) : t('approval.escalated.nobody'),
          cabWords(t, s.cab),
        ].join('\n\n'),
      }),
      link: roundLink(r),
      releaseId: w.releaseId,
      releaseKey: w.key,
    });
    if (wrote) count++;
  }
  return count;
}

// ---------------------------------------------------------------- a freeze starting soon

/** Releases whose windows are still ahead: what a freeze can get in the way of. */
const PLANNED = [...new Set([...statusesAllowing('planWindows'), ...statusesAllowing('occupyWindow')])].filter((x) => x !== 'rejected');

/**
 * A freeze (one-off, or an occurrence of a recurring one) starting within freezeNoticeHours
 * that overlaps a scheduled window of a release it covers (environment and components): the
 * release's owner is told, once per freeze occurrence and release. Windows with a granted
 * override for that freeze are left out.
 */
export async function noticeFreezesStarting(at: Date = clockNow(), settings?: ReminderSettings): Promise<number> {
  const s = settings ?? (await reminderSettings());
  const hours = s.reminders.freezeNoticeHours;
  if (hours <= 0) return 0;
  const prisma = await db();
  const horizon = new Date(at.getTime() + hours * HOUR);
  // periods are half-open: one millisecond more, so a freeze starting exactly at the horizon is in
  const until = new Date(horizon.getTime() + 1);
  const specs = (await loadFreezeSpecs(prisma, { start: at, end: until })).filter((f) => f.active);
  let count = 0;
  for (const freeze of specs) {
    let starting: { start: Date; end: Date }[];
    try {
      starting = occurrences(freeze.recurrence, at, until, 50).filter((o) => o.start.getTime() > at.getTime() && o.start.getTime() <= horizon.getTime());
    } catch {
      continue; // an unreadable recurrence is reported where freezes are checked
    }
    for (const occ of starting) {
      const windows = await prisma.releaseEnvironment.findMany({
        where: {
          // windows last at most 14 days (CHECK): the start is bounded on both sides
          scheduledStart: { lt: occ.end, gt: new Date(occ.start.getTime() - 14 * DAY) },
          scheduledEnd: { gt: occ.start },
          release: { status: { in: PLANNED } },
          ...(freeze.environmentIds.length ? { environmentId: { in: freeze.environmentIds } } : {}),
        },
        select: {
          environmentId: true,
          scheduledStart: true,
          scheduledEnd: true,
          environment: { select: { displayName: true } },
          release: {
            select: {
              id: true,
              number: true,
              title: true,
              ownerId: true,
              timezone: true,
              package: { select: { items: { select: { componentId: true } } } },
              freezeOverrides: { where: { freezeId: freeze.id, status: 'granted' }, select: { environmentId: true } },
            },
          },
        },
        orderBy: [{ scheduledStart: 'asc' }],
        take: 500,
      });
      const byRelease = new Map<string, { release: (typeof windows)[number]['release']; windows: typeof windows }>();
      for (const w of windows) {
        const componentIds = w.release.package?.items.map((i) => i.componentId) ?? [];
        if (!freezeCovers(freeze, { environmentId: w.environmentId, componentIds })) continue;
        if (w.release.freezeOverrides.some((o) => o.environmentId === w.environmentId)) continue;
        const entry = byRelease.get(w.release.id) ?? { release: w.release, windows: [] };
        entry.windows.push(w);
        byRelease.set(w.release.id, entry);
      }
      const linkOf = (number: number) => releaseHref(releaseKey(number), 'schedule', `freeze-${freeze.id}-${occ.start.getTime()}`);
      const told = await alreadyTold(
        'freeze.starting',
        [...byRelease.values()].map((e) => linkOf(e.release.number)),
      );
      for (const { release, windows: hit } of byRelease.values()) {
        const link = linkOf(release.number);
        if (told.has(link)) continue;
        const key = releaseKey(release.number);
        const tz = zoneOf(freeze.recurrence.timezone || release.timezone);
        const relTz = zoneOf(release.timezone);
        const inHours = Math.max(1, Math.round((occ.start.getTime() - at.getTime()) / HOUR));
        const reason = freeze.reason.trim();
        const wrote = await tellOnce([release.ownerId], {
          kind: 'freeze.starting',
          say: ({ t, zone, locale }) => ({
            title: t('freeze.starting.title', { freeze: freeze.name, hours: inHours, key }),
            body: [
              reason
                ? t('freeze.starting.whenWhy', { freeze: freeze.name, when: rangeForReader(occ, zone, tz, 'freeze', locale), reason })
                : t('freeze.starting.when', { freeze: freeze.name, when: rangeForReader(occ, zone, tz, 'freeze', locale) }),
              t('freeze.starting.covers', {
                title: release.title,
                count: hit.length,
                windows: hit
                  .map(
                    (w) => `${w.environment.displayName} ${rangeForReader({ start: w.scheduledStart!, end: w.scheduledEnd! }, zone, relTz, 'release', locale)}`,
                  )
                  .join('; '),
              }),
              t('freeze.starting.remedy'),
            ].join('\n\n'),
          }),
          zone: relTz,
          link,
          releaseId: release.id,
          releaseKey: key,
        });
        if (wrote) count++;
      }
    }
  }
  return count;
}

// ---------------------------------------------------------------- review action items overdue

const ymd = (d: Date) => d.toISOString().slice(0, 10);

/**
 * A review action item still open (or in progress) after its due date (UTC, as the dashboard
 * counts it): its owner is reminded on the first day it is overdue and then every
 * actionItemReminderDays days, for up to 90 days; the release's owner is told once (unless
 * they own the item). A new due date starts over; an item done or cancelled is left alone.
 */
export async function remindOverdueActionItems(at: Date = clockNow(), settings?: ReminderSettings): Promise<number> {
  const s = settings ?? (await reminderSettings());
  const every = s.reminders.actionItemReminderDays;
  if (every <= 0) return 0;
  const prisma = await db();
  const today = new Date(`${ymd(at)}T00:00:00Z`);
  const items = await prisma.reviewActionItem.findMany({
    where: {
      status: { in: ['open', 'in_progress'] },
      dueDate: { lt: today, gte: new Date(today.getTime() - ACTION_ITEM_REMINDER_WINDOW_DAYS * DAY) },
    },
    select: {
      id: true,
      title: true,
      ownerId: true,
      dueDate: true,
      owner: { select: { name: true } },
      review: { select: { release: { select: { id: true, number: true, title: true, ownerId: true } } } },
    },
    orderBy: [{ dueDate: 'asc' }, { id: 'asc' }],
    take: 1000,
  });
  const plan = items.map((i) => {
    const key = releaseKey(i.review.release.number);
    const daysOverdue = Math.round((today.getTime() - i.dueDate.getTime()) / DAY);
    const round = Math.floor((daysOverdue - 1) / every);
    const anchor = `action-item-${i.id}-due-${ymd(i.dueDate)}`;
    return {
      i,
      key,
      daysOverdue,
      // the item's owner: one link per reminder period; the release owner: one link per due date
      ownerLink: releaseHref(key, 'handover', `${anchor}-${round}`),
      releaseOwnerLink: releaseHref(key, 'handover', anchor),
    };
  });
  const told = await alreadyTold(
    'review.action_item_overdue',
    plan.flatMap((p) => [p.ownerLink, p.releaseOwnerLink]),
  );
  let count = 0;
  for (const { i, key, daysOverdue, ownerLink, releaseOwnerLink } of plan) {
    const release = i.review.release;
    const common = { releaseId: release.id, releaseKey: key };
    if (!told.has(ownerLink)) {
      const wrote = await tellOnce([i.ownerId], {
        kind: 'review.action_item_overdue',
        say: ({ t, locale }) => ({
          title: t('review.overdue.owner.title', { key, days: daysOverdue, title: i.title }),
          body: t('review.overdue.owner.body', { title: release.title, due: dateForReader(ymd(i.dueDate), locale) }),
        }),
        link: ownerLink,
        ...common,
      });
      if (wrote) count++;
    }
    if (release.ownerId !== i.ownerId && !told.has(releaseOwnerLink)) {
      const wrote = await tellOnce([release.ownerId], {
        kind: 'review.action_item_overdue',
        say: ({ t, locale }) => ({
          title: t('review.overdue.releaseOwner.title', { key, title: i.title }),
          body: t('review.overdue.releaseOwner.body', { title: release.title, due: dateForReader(ymd(i.dueDate), locale), name: i.owner.name, every }),
        }),
        link: releaseOwnerLink,
        ...common,
      });
      if (wrote) count++;
    }
  }
  return count;
}
