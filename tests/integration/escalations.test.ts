import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/lib/server/db';
import type { PolicyDocumentInput } from '@/lib/domain/policy';
import { releaseKey } from '@/lib/domain/release-key';
import { nowMs } from '@/lib/server/clock';
import { decideApproval } from '@/lib/server/approvals';
import {
  escalateMissedWindows,
  escalateWaitingApprovals,
  noticeFreezesStarting,
  notifyExpiredApprovals,
  remindOverdueActionItems,
  remindWaitingApprovals,
} from '@/lib/server/escalations';
import { runTimedWork } from '@/lib/server/jobs/runtime';
import type { Actor } from '@/lib/server/actor';
import { freshDatabase } from '../support/db';
import { makeUser, uid, uniqueInt } from '../support/factories';
import { policyDocument, savePolicy, submittedRelease } from './approvals-support';
import { testEnv } from '../support/env';

// The policy's "Reminders and escalation" on explicit instants (issue 13): each reminder or
// escalation reaches the right people at the right moment, not before, once (a tick run twice),
// not once the condition cleared, and follows a change of the policy's delay.

let h: DbHandle;
let rm: Actor;
let a1: Actor;
let a2: Actor;
let cab: Actor;
let admin: Actor;
let cabEmail: string;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const basePolicy = () => policyDocument({ cab: [cabEmail] });
/** The test policy with other reminder settings (saved as a new current version). */
const withReminders = (r: Record<string, number>) => savePolicy(h.prisma, { ...basePolicy(), reminders: r } as PolicyDocumentInput);

beforeAll(async () => {
  h = await freshDatabase();
  rm = (await makeUser(h.prisma, ['release_manager'], { name: 'Rita Manager' })).actor;
  a1 = (await makeUser(h.prisma, ['approver'], { name: 'Alma Approver' })).actor;
  a2 = (await makeUser(h.prisma, ['approver'], { name: 'Bert Approver' })).actor;
  const c = await makeUser(h.prisma, ['approver'], { name: 'Cara Cab' });
  cab = c.actor;
  cabEmail = c.email.toUpperCase(); // the CAB list is matched without regard to case
  admin = (await makeUser(h.prisma, ['admin'], { name: 'Ada Admin' })).actor;
  await savePolicy(h.prisma, basePolicy());
});

afterAll(async () => {
  await h?.close();
});

const told = (releaseId: string, kind: string) =>
  h.prisma.notification.findMany({ where: { releaseId, kind }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
const whom = async (releaseId: string, kind: string) => (await told(releaseId, kind)).map((n) => n.userId).sort();
const ids = (...actors: Actor[]) => actors.map((a) => a.id!).sort();

async function environment() {
  return h.prisma.environment.create({ data: { name: `prod-${uid()}`, displayName: `Production ${uid()}`, tier: 'production', position: uniqueInt() } });
}

/** A scheduled release with one window [start, start + hours) in a new environment. */
async function scheduled(start: number, hours = 2, envId?: string) {
  const envRow = envId ? await h.prisma.environment.findUniqueOrThrow({ where: { id: envId } }) : await environment();
  const r = await h.prisma.release.create({
    data: { title: `Billing ${uid()}`, type: 'normal', ownerId: rm.id!, requesterId: rm.id!, status: 'scheduled', timezone: 'Europe/London' },
  });
  await h.prisma.releaseEnvironment.create({
    data: { releaseId: r.id, environmentId: envRow.id, scheduledStart: new Date(start), scheduledEnd: new Date(start + hours * HOUR) },
  });
  return { r, env: envRow };
}

describe('a window opening soon', () => {
  it('is announced as far ahead as the policy says (24 h by default), and not at all with 0', async () => {
    const t0 = nowMs();
    const w = await scheduled(t0 + 40 * HOUR);
    await runTimedWork(new Date(t0));
    expect(await told(w.r.id, 'window.opening')).toHaveLength(0);
    await withReminders({ windowNoticeHours: 0 });
    await runTimedWork(new Date(t0 + 20 * HOUR));
    expect(await told(w.r.id, 'window.opening')).toHaveLength(0);
    await withReminders({ windowNoticeHours: 48 });
    await runTimedWork(new Date(t0 + 60_000));
    expect(await whom(w.r.id, 'window.opening')).toEqual([rm.id]);
    expect((await told(w.r.id, 'window.opening'))[0]!.title).toMatch(/in about 40 h$/);
    await savePolicy(h.prisma, basePolicy());
  });
});

describe('a window that ended with nothing deployed, escalated', () => {
  it('tells the CAB, the admins and the owner once, after the policy delay; a used window is left alone', async () => {
    const t0 = nowMs();
    const end = t0 - HOUR;
    const missed = await scheduled(end - 2 * HOUR);
    const used = await scheduled(end - 2 * HOUR);
    // before the delay (default 4 h): nothing
    await escalateMissedWindows(new Date(end + 4 * HOUR - 60_000));
    expect(await told(missed.r.id, 'window.missed_escalated')).toHaveLength(0);
    // a late deployment clears the other one
    await h.prisma.deployment.create({
      data: {
        releaseId: used.r.id,
        environmentId: used.env.id,
        kind: 'deploy',
        status: 'succeeded',
        startedAt: new Date(end + HOUR),
        executedBy: 'ci',
        triggeredById: rm.id!,
      },
    });
    await runTimedWork(new Date(end + 4 * HOUR));
    await runTimedWork(new Date(end + 4 * HOUR + 60_000));
    expect(await whom(missed.r.id, 'window.missed_escalated')).toEqual(ids(cab, admin, rm));
    const n = (await told(missed.r.id, 'window.missed_escalated'))[0]!;
    expect(n.title).toContain(`nothing deployed to ${missed.env.displayName} 4 hours after its window ended`);
    expect(n.body).toContain('The owner, Rita Manager, was told when the window ended');
    expect(n.body).toContain('Change Advisory Board');
    expect(n.link).toContain(`/schedule#window-${missed.env.name}-`);
    expect(await told(used.r.id, 'window.missed_escalated')).toHaveLength(0);
  });

  it('e-mails once those who chose e-mail only (no bell row to remember it by), however often the tick runs', async () => {
    const mail = testEnv(['RELM_SMTP_URL'] as const);
    // e-mail on (queued only: nothing is sent in this test)
    mail.set({ RELM_SMTP_URL: 'smtp://127.0.0.1:9' });
    try {
      await h.prisma.notificationPreference.createMany({
        data: [cab, admin, rm].map((a) => ({
          userId: a.id!,
          kind: 'window.missed_escalated',
          inApp: false,
          email: 'immediate' as const,
          updatedAt: new Date(),
        })),
        skipDuplicates: true,
      });
      const end = nowMs() - HOUR;
      const missed = await scheduled(end - 2 * HOUR);
      for (const m of [0, 1, 2]) await escalateMissedWindows(new Date(end + 4 * HOUR + m * 60_000));
      expect(await told(missed.r.id, 'window.missed_escalated')).toHaveLength(0);
      const mails = await h.prisma.delivery.findMany({ where: { releaseId: missed.r.id, event: 'window.missed_escalated', channel: 'email' } });
      expect(mails.map((d) => d.userId).sort()).toEqual(ids(cab, admin, rm));
    } finally {
      await h.prisma.notificationPreference.deleteMany({ where: { kind: 'window.missed_escalated' } });
      mail.restore();
    }
  });

  it('follows the policy delay, and 0 switches it off', async () => {
    const end = nowMs() - 30 * 60_000;
    const w = await scheduled(end - 2 * HOUR);
    await withReminders({ windowMissedEscalationHours: 0 });
    await runTimedWork(new Date(end + 5 * HOUR));
    expect(await told(w.r.id, 'window.missed_escalated')).toHaveLength(0);
    await withReminders({ windowMissedEscalationHours: 1 });
    await runTimedWork(new Date(end + HOUR - 60_000));
    expect(await told(w.r.id, 'window.missed_escalated')).toHaveLength(0);
    await runTimedWork(new Date(end + HOUR));
    expect(await whom(w.r.id, 'window.missed_escalated')).toEqual(ids(cab, admin, rm));
    await savePolicy(h.prisma, basePolicy());
  });
});

describe('approvals waiting', () => {
  const submittedAt = async (id: string) => (await h.prisma.release.findUniqueOrThrow({ where: { id } })).submittedAt!.getTime();

  it('reminds the people who can still approve after 24 h, escalates to the CAB, the admins and the owner after 72 h, each once', async () => {
    const r = await submittedRelease(h.prisma, rm, { ownerId: rm.id!, level: 'low' });
    const s = await submittedAt(r.id);
    await remindWaitingApprovals(new Date(s + 24 * HOUR - 60_000));
    expect(await told(r.id, 'approval.reminder')).toHaveLength(0);
    await remindWaitingApprovals(new Date(s + 24 * HOUR));
    await remindWaitingApprovals(new Date(s + 25 * HOUR));
    // every approver eligible (the CAB member holds the approver role too); not the owner, not the admin
    expect(await whom(r.id, 'approval.reminder')).toEqual(ids(a1, a2, cab));
    const reminder = (await told(r.id, 'approval.reminder'))[0]!;
    expect(reminder.title).toBe(`${r.key} has waited 24 hours for approval`);
    expect(reminder.body).toContain('Still needed: 0 of 1: 1 approver');
    expect(reminder.link).toMatch(new RegExp(`^/releases/${r.key}/approvals#approval-round-\\d+$`));

    await escalateWaitingApprovals(new Date(s + 72 * HOUR - 60_000));
    expect(await told(r.id, 'approval.escalated')).toHaveLength(0);
    // two ticks at the same instant (two processes): told once
    await Promise.all([escalateWaitingApprovals(new Date(s + 72 * HOUR)), escalateWaitingApprovals(new Date(s + 72 * HOUR))]);
    await runTimedWork(new Date(s + 73 * HOUR));
    expect(await whom(r.id, 'approval.escalated')).toEqual(ids(cab, admin, rm));
    const esc = (await told(r.id, 'approval.escalated'))[0]!;
    expect(esc.title).toBe(`${r.key} has waited 72 hours for approval: escalated`);
    expect(esc.body).toContain('Asked (the people who can still approve): Alma Approver, Bert Approver, Cara Cab.');
    expect(esc.body).toContain("Told: the release's owner (the point of escalation), the members of the Change Advisory Board");
    expect(await told(r.id, 'approval.reminder')).toHaveLength(3);
  });

  it('leaves out whoever decided, and says nothing once the approvals are met', async () => {
    const policy = await savePolicy(h.prisma, policyDocument({ cab: [cabEmail], byRiskLevel: { low: [{ ...rule2 }] } }));
    expect(policy.version).toBeGreaterThan(0);
    const r = await submittedRelease(h.prisma, rm, { ownerId: rm.id!, level: 'low' });
    const done = await submittedRelease(h.prisma, rm, { ownerId: rm.id!, level: 'low' });
    await savePolicy(h.prisma, basePolicy());
    // one of two approvals given: the others are reminded, not the one who approved
    expect((await decideApproval.as(a1)({ releaseKey: r.key, decision: 'approve', comment: '', packageDigest: r.digest })).ok).toBe(true);
    // both given: the release is approved, nobody is reminded
    expect((await decideApproval.as(a1)({ releaseKey: done.key, decision: 'approve', comment: '', packageDigest: done.digest })).ok).toBe(true);
    expect((await decideApproval.as(a2)({ releaseKey: done.key, decision: 'approve', comment: '', packageDigest: done.digest })).ok).toBe(true);
    const s = await submittedAt(r.id);
    await runTimedWork(new Date(s + 24 * HOUR));
    await runTimedWork(new Date(s + 72 * HOUR));
    expect(await whom(r.id, 'approval.reminder')).toEqual(ids(a2, cab));
    expect((await told(r.id, 'approval.escalated'))[0]!.body).toContain('Asked (the people who can still approve): Bert Approver, Cara Cab.');
    expect(await told(done.id, 'approval.reminder')).toHaveLength(0);
    expect(await told(done.id, 'approval.escalated')).toHaveLength(0);

    // the one approval given expires while the release still waits: its approver and the owner hear it, once
    const expires = (await h.prisma.approval.findFirstOrThrow({ where: { releaseId: r.id, approverId: a1.id! } })).expiresAt!.getTime();
    await notifyExpiredApprovals(new Date(expires - 60_000));
    expect(await told(r.id, 'approval.expired')).toHaveLength(0);
    await notifyExpiredApprovals(new Date(expires));
    await runTimedWork(new Date(expires + HOUR));
    expect(await whom(r.id, 'approval.expired')).toEqual(ids(a1, rm));
    expect((await told(r.id, 'approval.expired'))[0]!.title).toBe(`Alma Approver's approval of ${r.key} expired`);
    // an approved release's approvals expiring is nobody's concern
    await runTimedWork(new Date(expires + HOUR));
    expect(await told(done.id, 'approval.expired')).toHaveLength(0);
  });

  it('tells the owner instead when nobody can approve any more', async () => {
    const ops = await makeUser(h.prisma, ['operations'], { name: 'Olga Ops' });
    await savePolicy(
      h.prisma,
      policyDocument({ cab: [cabEmail], byRiskLevel: { low: [{ ...rule2, key: 'ops', description: '1 operations', role: 'operations', count: 1 }] } }),
    );
    const r = await submittedRelease(h.prisma, rm, { ownerId: rm.id!, level: 'low' });
    await savePolicy(h.prisma, basePolicy());
    await h.prisma.user.update({ where: { id: ops.id }, data: { disabledAt: new Date() } });
    await runTimedWork(new Date((await submittedAt(r.id)) + 24 * HOUR));
    const n = await told(r.id, 'approval.reminder');
    expect(n.map((x) => x.userId)).toEqual([rm.id]);
    expect(n[0]!.body).toContain('Nobody who has not decided yet can count for what is still needed');
  });

  it('follows a change of the policy delays', async () => {
    const r = await submittedRelease(h.prisma, rm, { ownerId: rm.id!, level: 'low' });
    const s = await submittedAt(r.id);
    await withReminders({ approvalReminderHours: 2, approvalEscalationHours: 4 });
    await runTimedWork(new Date(s + 2 * HOUR - 60_000));
    expect(await told(r.id, 'approval.reminder')).toHaveLength(0);
    await runTimedWork(new Date(s + 2 * HOUR));
    expect(await whom(r.id, 'approval.reminder')).toEqual(ids(a1, a2, cab));
    await runTimedWork(new Date(s + 4 * HOUR - 60_000));
    expect(await told(r.id, 'approval.escalated')).toHaveLength(0);
    await runTimedWork(new Date(s + 4 * HOUR));
    expect(await whom(r.id, 'approval.escalated')).toEqual(ids(cab, admin, rm));
    expect((await told(r.id, 'approval.escalated'))[0]!.body).toContain('the release policy escalates after 4 hours');
    await savePolicy(h.prisma, basePolicy());
  });
});

const rule2 = { key: 'approvers', description: '2 approvers', role: 'approver' as const, count: 2, distinctTeams: false, cabOnly: false };

describe('a freeze starting soon', () => {
  it('tells the owner of a release scheduled inside it, 48 h ahead, once; not a release outside it', async () => {
    const t0 = nowMs();
    const env = await environment();
    const inside = await scheduled(t0 + 61 * HOUR, 2, env.id);
    const outside = await scheduled(t0 + 80 * HOUR, 2, env.id);
    const otherEnv = await scheduled(t0 + 61 * HOUR);
    const freeze = await h.prisma.freezeWindow.create({
      data: {
        name: `Quarter-end freeze ${uid()}`,
        reason: 'Quarter-end close',
        kind: 'one_off',
        startsAt: new Date(t0 + 60 * HOUR),
        endsAt: new Date(t0 + 70 * HOUR),
        timezone: 'Europe/London',
        environments: { create: [{ environmentId: env.id }] },
      },
    });
    await noticeFreezesStarting(new Date(t0 + 12 * HOUR - 60_000));
    expect(await told(inside.r.id, 'freeze.starting')).toHaveLength(0);
    await noticeFreezesStarting(new Date(t0 + 12 * HOUR));
    await runTimedWork(new Date(t0 + 13 * HOUR));
    const n = await told(inside.r.id, 'freeze.starting');
    expect(n.map((x) => x.userId)).toEqual([rm.id]);
    expect(n[0]!.title).toBe(`${freeze.name} starts in about 48 h, over a window of ${releaseKey(inside.r.number)}`);
    expect(n[0]!.body).toContain('Quarter-end close');
    expect(n[0]!.body).toContain(env.displayName);
    expect(n[0]!.link).toContain(`/schedule#freeze-${freeze.id}-`);
    expect(await told(outside.r.id, 'freeze.starting')).toHaveLength(0);
    expect(await told(otherEnv.r.id, 'freeze.starting')).toHaveLength(0);
  });

  it('tells once per occurrence of a recurring freeze that touches the window, and 0 switches it off', async () => {
    const env = await environment();
    // every day 22:00–23:00 UTC; the window 5 March 2030 21:30–23:00 meets only that day's occurrence
    const day = Date.UTC(2030, 2, 5);
    const w = await scheduled(day + 21.5 * HOUR, 1.5, env.id);
    await h.prisma.freezeWindow.create({
      data: {
        name: `Nightly batch ${uid()}`,
        reason: 'Nightly batch',
        kind: 'recurring',
        rrule: 'FREQ=DAILY;BYHOUR=22;BYMINUTE=0',
        durationMinutes: 60,
        timezone: 'UTC',
        environments: { create: [{ environmentId: env.id }] },
      },
    });
    const occurrence = day + 22 * HOUR;
    await noticeFreezesStarting(new Date(occurrence - 48 * HOUR - 60_000));
    expect(await told(w.r.id, 'freeze.starting')).toHaveLength(0);
    for (const at of [occurrence - 48 * HOUR, occurrence - 47 * HOUR, occurrence - 24 * HOUR, occurrence - HOUR]) await noticeFreezesStarting(new Date(at));
    expect(await whom(w.r.id, 'freeze.starting')).toEqual([rm.id]);
    // a later window of the same release, in the next night's freeze: its own notice, unless the policy switched it off
    await h.prisma.releaseEnvironment.updateMany({
      where: { releaseId: w.r.id },
      data: { scheduledStart: new Date(day + DAY + 21.5 * HOUR), scheduledEnd: new Date(day + DAY + 23 * HOUR) },
    });
    await withReminders({ freezeNoticeHours: 0 });
    await runTimedWork(new Date(occurrence + DAY - 10 * HOUR));
    expect(await told(w.r.id, 'freeze.starting')).toHaveLength(1);
    await savePolicy(h.prisma, basePolicy());
    await runTimedWork(new Date(occurrence + DAY - 10 * HOUR));
    expect(await told(w.r.id, 'freeze.starting')).toHaveLength(2);
  });
});

describe('review action items overdue', () => {
  async function item(dueDate: string, ownerId: string) {
    const r = await h.prisma.release.create({
      data: { title: `Checkout ${uid()}`, type: 'normal', ownerId: rm.id!, requesterId: rm.id!, status: 'in_review' },
    });
    const review = await h.prisma.postReleaseReview.create({ data: { releaseId: r.id, requiredReasons: ['failed deployment'] } });
    const i = await h.prisma.reviewActionItem.create({
      data: { reviewId: review.id, title: `Add a canary ${uid()}`, ownerId, dueDate: new Date(`${dueDate}T00:00:00Z`) },
    });
    return { r, i };
  }
  const at = (iso: string) => new Date(iso);
  const kind = 'review.action_item_overdue';

  it('reminds the item owner every day from the day after it was due, tells the release owner once, stops when done', async () => {
    const { r, i } = await item('2030-01-10', a1.id!);
    await remindOverdueActionItems(at('2030-01-10T23:59:00Z'));
    expect(await told(r.id, kind)).toHaveLength(0);
    await remindOverdueActionItems(at('2030-01-11T00:01:00Z'));
    await remindOverdueActionItems(at('2030-01-11T18:00:00Z'));
    expect(await whom(r.id, kind)).toEqual(ids(a1, rm));
    const mine = (await told(r.id, kind)).find((n) => n.userId === a1.id)!;
    expect(mine.title).toBe(`Action item of ${releaseKey(r.number)} is 1 day overdue: ${i.title}`);
    expect((await told(r.id, kind)).find((n) => n.userId === rm.id)!.body).toContain('You are told once.');
    await runTimedWork(at('2030-01-12T08:00:00Z'));
    expect(await whom(r.id, kind)).toEqual(ids(a1, a1, rm));
    await h.prisma.reviewActionItem.update({ where: { id: i.id }, data: { status: 'done' } });
    await runTimedWork(at('2030-01-13T08:00:00Z'));
    expect(await told(r.id, kind)).toHaveLength(3);
  });

  it('follows the policy: every 7 days, and 0 is off', async () => {
    const { r } = await item('2030-02-01', a2.id!);
    await withReminders({ actionItemReminderDays: 7 });
    for (const d of ['02', '03', '05', '08']) await runTimedWork(at(`2030-02-${d}T09:00:00Z`));
    expect(await whom(r.id, kind)).toEqual(ids(a2, rm));
    await runTimedWork(at('2030-02-09T09:00:00Z'));
    expect(await whom(r.id, kind)).toEqual(ids(a2, a2, rm));
    await withReminders({ actionItemReminderDays: 0 });
    await runTimedWork(at('2030-02-16T09:00:00Z'));
    expect(await told(r.id, kind)).toHaveLength(3);
    await savePolicy(h.prisma, basePolicy());
  });
});
