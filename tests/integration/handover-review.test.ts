import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/lib/server/db';
import type { Actor } from '@/lib/server/actor';
import { acknowledgeHandover, draftWhatChanged, getHandover, handoverFacts, saveHandover, sendBackHandover } from '@/lib/server/handover';
import { addActionItem, getReview, reviewFacts, saveReview, updateActionItem, updateMyActionItemStatus } from '@/lib/server/reviews';
import { getReleaseMetrics } from '@/lib/server/metrics';
import { getDashboard } from '@/lib/server/dashboard';
import { transitionRelease } from '@/lib/server/transitions';
import type { Tx } from '@/lib/server/db';
import { freshDatabase } from '../support/db';
import { makeEnvironment, makeRelease, makeUser } from '../support/factories';
import { productionComparison } from '@/lib/server/packages';
import { readyRelease } from './lifecycle-support';
import { now as clockNow, nowMs } from '@/lib/server/clock';
import { RELEASE_STATUSES } from '@/lib/domain/lifecycle';
import { allows as statusAllows } from '@/lib/domain/release-rules';
import { itRaces, race } from '../support/race';
import { releaseKey } from '@/lib/domain/release-key';

let h: DbHandle;
let rm: Actor;
let ops: Actor;
let viewer: Actor;
let dev: { id: string; actor: Actor };

beforeAll(async () => {
  h = await freshDatabase();
  rm = (await makeUser(h.prisma, ['release_manager'], { name: 'Rita Manager' })).actor;
  ops = (await makeUser(h.prisma, ['operations'], { name: 'Oscar Ops' })).actor;
  viewer = (await makeUser(h.prisma, ['viewer'])).actor;
  dev = await makeUser(h.prisma, ['viewer'], { name: 'Dana Dev' });
});

afterAll(async () => {
  await h?.close();
});

async function releaseIn(
  status: 'deployed' | 'handed_over' | 'in_review' | 'rolled_back' | 'draft',
  opts: { type?: 'emergency' | 'normal'; postReviewRequired?: boolean } = {},
) {
  const r = await makeRelease(h.prisma, { ownerId: rm.id! });
  await h.prisma.release.update({ where: { id: r.id }, data: { status, type: opts.type ?? 'normal', postReviewRequired: opts.postReviewRequired ?? false } });
  const row = await h.prisma.release.findUniqueOrThrow({ where: { id: r.id } });
  return { id: r.id, key: releaseKey(r.number), version: row.version };
}

const version = async (id: string) => (await h.prisma.release.findUniqueOrThrow({ where: { id } })).version;

const NOTES = {
  whatChanged: 'Checkout 2.4: new payment provider.',
  runbook: 'Restart with systemctl restart checkout.',
  monitoring: 'Dashboard "Checkout".',
  knownErrors: '',
  supportContacts: 'payments-team@example.com',
};

describe('handover', () => {
  it('goes draft → ready → questions → ready → acknowledged, with the right roles, and gates deployed → handed_over', async () => {
    const r = await releaseIn('deployed');

    // nothing yet: the handover gate fails with a fix
    const early = await transitionRelease.as(rm)({ releaseKey: r.key, to: 'handed_over', version: r.version });
    expect(early.ok).toBe(false);
    if (!early.ok) {
      expect(early.code).toBe('gates');
      const gate = early.gates!.find((g) => g.rule === 'handover.acknowledged')!;
      expect(gate.passed).toBe(false);
      expect(gate.fix).toBeTruthy();
    }

    // operations cannot prepare; viewers can do nothing
    expect((await saveHandover.as(ops)({ releaseKey: r.key, ...NOTES })).ok).toBe(false);
    expect((await saveHandover.as(viewer)({ releaseKey: r.key, ...NOTES })).ok).toBe(false);

    // marking ready needs the essentials
    const missing = await saveHandover.as(rm)({ releaseKey: r.key, ...NOTES, runbook: '', markReady: true });
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.fieldErrors?.runbook?.[0]).toMatch(/runbook/);

    const draft = await saveHandover.as(rm)({ releaseKey: r.key, ...NOTES, markReady: false });
    expect(draft).toMatchObject({ ok: true, data: { status: 'draft' } });
    // a draft cannot be acknowledged
    const ackDraft = await acknowledgeHandover.as(ops)({ releaseKey: r.key });
    expect(ackDraft.ok).toBe(false);
    if (!ackDraft.ok) expect(ackDraft.message).toMatch(/draft/);

    expect(await saveHandover.as(rm)({ releaseKey: r.key, ...NOTES, markReady: 'true' })).toMatchObject({ ok: true, data: { status: 'ready' } });

    // operations are told, and the ready handover is in their queue
    const told = await h.prisma.notification.findMany({ where: { userId: ops.id!, releaseId: r.id, kind: 'handover.ready' } });
    expect(told).toHaveLength(1);
    expect(told[0]!.link).toBe(`/releases/${r.key}/handover`);
    expect(await h.prisma.notification.count({ where: { userId: viewer.id!, releaseId: r.id } })).toBe(0);
    const dash = await getDashboard(ops);
    expect(dash.handovers?.items.some((i) => i.key === r.key)).toBe(true);

    // questions are required
    const empty = await sendBackHandover.as(ops)({ releaseKey: r.key, questions: '   ' });
    expect(empty.ok).toBe(false);
    if (!empty.ok) expect(empty.fieldErrors?.questions).toBeTruthy();
    // the release manager may not send it back
    expect((await sendBackHandover.as(rm)({ releaseKey: r.key, questions: 'Why?' })).ok).toBe(false);

    expect(await sendBackHandover.as(ops)({ releaseKey: r.key, questions: 'Which alert fires on payment errors?' })).toMatchObject({
      ok: true,
      data: { status: 'questions' },
    });
    const notes = await h.prisma.notification.findMany({ where: { userId: rm.id!, kind: 'handover.questions' } });
    expect(notes).toHaveLength(1);
    expect((await acknowledgeHandover.as(ops)({ releaseKey: r.key })).ok).toBe(false);

    const view = await getHandover(rm, r.key);
    expect(view).toMatchObject({ status: 'questions', questions: 'Which alert fires on payment errors?', canPrepare: true, canAcknowledge: false });

    expect(await saveHandover.as(rm)({ releaseKey: r.key, ...NOTES, monitoring: 'Alert "checkout-payment-errors".', markReady: true })).toMatchObject({
      ok: true,
      data: { status: 'ready' },
    });
    expect((await getHandover(ops, r.key))?.canAcknowledge).toBe(true);

    // still not acknowledged: refused
    const notYet = await transitionRelease.as(rm)({ releaseKey: r.key, to: 'handed_over', version: await version(r.id) });
    expect(notYet.ok).toBe(false);

    // the release manager cannot acknowledge
    expect((await acknowledgeHandover.as(rm)({ releaseKey: r.key })).ok).toBe(false);
    expect(await acknowledgeHandover.as(ops)({ releaseKey: r.key })).toMatchObject({ ok: true, data: { status: 'acknowledged' } });
    // twice is refused, not repeated
    expect((await acknowledgeHandover.as(ops)({ releaseKey: r.key })).ok).toBe(false);
    const row = await h.prisma.handover.findUniqueOrThrow({ where: { releaseId: r.id } });
    expect(row.acknowledgedById).toBe(ops.id);
    expect(row.acknowledgedAt).toBeInstanceOf(Date);
    expect(await h.prisma.notification.count({ where: { userId: rm.id!, kind: 'handover.acknowledged' } })).toBe(1);
    const audits = await h.prisma.auditEvent.findMany({ where: { targetId: row.id }, select: { action: true } });
    expect(audits.map((a) => a.action)).toEqual(['handover.save', 'handover.save', 'handover.questions', 'handover.save', 'handover.acknowledge']);

    // now the transition passes
    const moved = await transitionRelease.as(rm)({ releaseKey: r.key, to: 'handed_over', version: await version(r.id) });
    expect(moved.ok).toBe(true);
    // and the notes can no longer be rewritten
    expect((await saveHandover.as(rm)({ releaseKey: r.key, ...NOTES })).ok).toBe(false);
  });

  it('needs a second person: whoever prepared the notes cannot acknowledge them', async () => {
    const both = (await makeUser(h.prisma, ['release_manager', 'operations'])).actor;
    const r = await releaseIn('deployed');
    expect((await saveHandover.as(both)({ releaseKey: r.key, ...NOTES, markReady: true })).ok).toBe(true);
    expect((await getHandover(both, r.key))?.canAcknowledge).toBe(false);
    const res = await acknowledgeHandover.as(both)({ releaseKey: r.key });
    expect(res).toMatchObject({ ok: false, code: 'forbidden' });
    if (!res.ok) expect(res.message).toMatch(/someone else in operations/);
    expect((await acknowledgeHandover.as(ops)({ releaseKey: r.key })).ok).toBe(true);
  });

  it('drafts "what changed" from the package compared with production, with the build notes', async () => {
    const r = await readyRelease(h.prisma, { ownerId: rm.id! });
    const item = await h.prisma.packageItem.findFirstOrThrow({ where: { package: { releaseId: r.id } }, include: { component: true, build: true } });
    await h.prisma.environment.create({
      data: {
        name: `production-${item.build.id.slice(-6)}`,
        displayName: 'Production',
        tier: 'production',
        position: 800_000 + (await h.prisma.environment.count()),
      },
    });
    const text = await draftWhatChanged(rm, r.key);
    expect(text).toContain(item.component.name);
    expect(text).toContain(item.build.version);
    expect(await draftWhatChanged(rm, 'REL-0')).toBe('');
  });

  it("compares with the release's own production target, not another production environment", async () => {
    const r = await readyRelease(h.prisma, { ownerId: rm.id! });
    const n = await h.prisma.environment.count();
    const last = (await h.prisma.environment.aggregate({ _max: { position: true } }))._max.position ?? 0;
    const own = await h.prisma.environment.create({
      data: { name: `prod-own-${n}`, displayName: `Own production ${n}`, tier: 'production', position: last + 1 },
    });
    // a production environment later in the path (the last one) that this release does not target
    await h.prisma.environment.create({ data: { name: `prod-other-${n}`, displayName: `Other production ${n}`, tier: 'production', position: last + 2 } });
    await h.prisma.releaseEnvironment.create({ data: { releaseId: r.id, environmentId: own.id } });
    expect(await productionComparison(r.key)).toEqual({ kind: 'environment', name: own.name });
    expect(await draftWhatChanged(rm, r.key)).toContain(`what Own production ${n} runs now`);
    // a release without a production target falls back to the last production environment
    const other = await readyRelease(h.prisma, { ownerId: rm.id! });
    expect(await productionComparison(other.key)).toEqual({ kind: 'environment', name: `prod-other-${n}` });
  });

  it('refuses hostile or unknown input cleanly', async () => {
    expect(await saveHandover.as(rm)({ releaseKey: 'REL-99999999', ...NOTES })).toMatchObject({ ok: false, code: 'not_found' });
    expect(await saveHandover.as(rm)({ releaseKey: { $ne: 1 }, whatChanged: 42 })).toMatchObject({ ok: false, code: 'invalid' });
    const r = await releaseIn('deployed');
    expect(await saveHandover.as(rm)({ releaseKey: r.key, ...NOTES, runbook: 'x'.repeat(20_001) })).toMatchObject({ ok: false, code: 'invalid' });
    const draft = await releaseIn('draft');
    const res = await saveHandover.as(rm)({ releaseKey: draft.key, ...NOTES });
    expect(res).toMatchObject({ ok: false, code: 'conflict' });
  });

  itRaces("refuses a save over someone else's newer edit (two people at once)", async () => {
    const r = await releaseIn('deployed');
    const first = await saveHandover.as(rm)({ releaseKey: r.key, ...NOTES, version: 0 });
    expect(first.ok).toBe(true);
    const seen = (await getHandover(rm, r.key))!.version;
    // a second editor who opened the page before the notes existed
    expect(await saveHandover.as(rm)({ releaseKey: r.key, ...NOTES, runbook: 'Other', version: 0 })).toMatchObject({ ok: false, code: 'stale' });
    expect(await saveHandover.as(rm)({ releaseKey: r.key, ...NOTES, runbook: 'Mine', version: seen })).toMatchObject({ ok: true });
    expect(await saveHandover.as(rm)({ releaseKey: r.key, ...NOTES, runbook: 'Late', version: seen })).toMatchObject({ ok: false, code: 'stale' });
    expect((await h.prisma.handover.findUniqueOrThrow({ where: { releaseId: r.id } })).runbook).toBe('Mine');
    // two acknowledgements at once: one wins, the other is refused
    await saveHandover.as(rm)({ releaseKey: r.key, ...NOTES, markReady: true });
    const both = await race(h, [() => acknowledgeHandover.as(ops)({ releaseKey: r.key }), () => acknowledgeHandover.as(ops)({ releaseKey: r.key })]);
    expect(both.filter((x) => x.ok)).toHaveLength(1);
  });

  it('does not hold up closing a release that was backed out and never handed over', async () => {
    const r = await releaseIn('rolled_back');
    await h.prisma.releaseTransition.create({ data: { releaseId: r.id, fromStatus: 'deployed', toStatus: 'rolled_back' } });
    const f = await handoverFacts(h.prisma as unknown as Tx, r.id);
    expect(f).toMatchObject({ acknowledged: true, status: 'not_needed' });
  });
});

describe('post-release review', () => {
  const REVIEW = {
    outcome: 'failed',
    objectivesMet: 'no',
    incidents: 'INC-1: payments down 12 minutes.',
    wentWell: 'Quick back-out.',
    wentBadly: 'Missed load test.',
  };

  it('is required after a failed deployment and a back-out; closing waits for it', async () => {
    const env = await makeEnvironment(h.prisma);
    const r = await releaseIn('in_review');
    await h.prisma.handover.create({ data: { releaseId: r.id, status: 'acknowledged', acknowledgedById: ops.id, acknowledgedAt: clockNow() } });
    expect(await reviewFacts(h.prisma as unknown as Tx, r.id)).toEqual({ required: false, done: false, reasons: [] });

    await h.prisma.deployment.create({ data: { releaseId: r.id, environmentId: env.id, status: 'failed', executedBy: 'ci' } });
    await h.prisma.deployment.create({ data: { releaseId: r.id, environmentId: env.id, kind: 'backout', status: 'succeeded', executedBy: 'ci' } });
    const facts = await reviewFacts(h.prisma as unknown as Tx, r.id);
    expect(facts).toMatchObject({ required: true, done: false });
    expect(facts.reasons).toEqual(['a deployment failed', 'the release was backed out']);

    const refused = await transitionRelease.as(rm)({ releaseKey: r.key, to: 'closed', version: await version(r.id) });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.gates?.find((g) => g.rule === 'review.done')?.passed).toBe(false);

    // completing needs the essentials
    const incomplete = await saveReview.as(rm)({ releaseKey: r.key, complete: true });
    expect(incomplete.ok).toBe(false);
    if (!incomplete.ok) expect(Object.keys(incomplete.fieldErrors ?? {}).sort()).toEqual(['objectivesMet', 'outcome', 'wentBadly', 'wentWell']);
    // a draft review is not done
    expect(await saveReview.as(rm)({ releaseKey: r.key, ...REVIEW, complete: false })).toMatchObject({ ok: true, data: { complete: false } });
    expect((await transitionRelease.as(rm)({ releaseKey: r.key, to: 'closed', version: await version(r.id) })).ok).toBe(false);
    // viewers and operations may not write it
    expect((await saveReview.as(viewer)({ releaseKey: r.key, ...REVIEW })).ok).toBe(false);
    expect((await saveReview.as(ops)({ releaseKey: r.key, ...REVIEW })).ok).toBe(false);

    expect(await saveReview.as(rm)({ releaseKey: r.key, ...REVIEW, complete: 'true' })).toMatchObject({ ok: true, data: { complete: true } });
    const stored = await h.prisma.postReleaseReview.findUniqueOrThrow({ where: { releaseId: r.id } });
    expect(stored).toMatchObject({
      outcome: 'failed',
      objectivesMet: false,
      completedById: rm.id,
      requiredReasons: ['a deployment failed', 'the release was backed out'],
    });

    const closed = await transitionRelease.as(rm)({ releaseKey: r.key, to: 'closed', version: await version(r.id) });
    expect(closed.ok).toBe(true);
    // a closed release's review is no longer edited
    expect((await saveReview.as(rm)({ releaseKey: r.key, ...REVIEW, complete: true })).ok).toBe(false);
  });

  it('is required for an emergency release, after a freeze override, and when the release is flagged', async () => {
    const emergency = await releaseIn('in_review', { type: 'emergency' });
    expect((await reviewFacts(h.prisma as unknown as Tx, emergency.id)).reasons).toEqual(['it is an emergency release']);
    const flagged = await releaseIn('in_review', { postReviewRequired: true });
    expect((await reviewFacts(h.prisma as unknown as Tx, flagged.id)).reasons).toEqual(['the release is marked as requiring a review']);

    const env = await makeEnvironment(h.prisma);
    const frozen = await releaseIn('in_review');
    const freeze = await h.prisma.freezeWindow.create({
      data: { name: 'Freeze', reason: 'Year end', kind: 'one_off', startsAt: new Date('2030-01-01'), endsAt: new Date('2030-01-08') },
    });
    await h.prisma.freezeOverride.create({
      data: { freezeId: freeze.id, releaseId: frozen.id, environmentId: env.id, reason: 'Hotfix', status: 'granted', requestedById: rm.id! },
    });
    expect((await reviewFacts(h.prisma as unknown as Tx, frozen.id)).reasons).toEqual(['a freeze override was granted']);

    const view = await getReview(rm, frozen.key);
    expect(view).toMatchObject({ required: true, started: false, canEdit: true, reasons: ['a freeze override was granted'] });
  });

  it('lets a release without a required review close once the handover is acknowledged', async () => {
    const r = await releaseIn('in_review');
    await h.prisma.handover.create({ data: { releaseId: r.id, status: 'acknowledged', acknowledgedById: ops.id, acknowledgedAt: clockNow() } });
    const res = await transitionRelease.as(rm)({ releaseKey: r.key, to: 'closed', version: await version(r.id) });
    expect(res.ok).toBe(true);
  });

  it('puts action items on their owner’s dashboard; only the owner moves their status', async () => {
    const r = await releaseIn('in_review');
    const bad = await addActionItem.as(rm)({ releaseKey: r.key, title: 'Add a load test', ownerId: 'nobody', dueDate: '2026-02-30' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(Object.keys(bad.fieldErrors ?? {})).toEqual(['dueDate']);
    const unknownOwner = await addActionItem.as(rm)({ releaseKey: r.key, title: 'Add a load test', ownerId: 'nobody', dueDate: '2030-02-28' });
    expect(unknownOwner.ok).toBe(false);
    if (!unknownOwner.ok) expect(unknownOwner.fieldErrors?.ownerId).toBeTruthy();

    const added = await addActionItem.as(rm)({ releaseKey: r.key, title: 'Add a load test', ownerId: dev.id, dueDate: '2030-02-28' });
    expect(added.ok).toBe(true);
    if (!added.ok) return;
    const itemId = added.data.id;
    expect(await h.prisma.notification.count({ where: { userId: dev.id, kind: 'review.action_item' } })).toBe(1);

    const dash = await getDashboard(dev.actor);
    expect(dash.actionItems.items.map((i) => i.title)).toContain('Add a load test');
    expect(dash.actionItems.items.find((i) => i.id === itemId)?.release.key).toBe(r.key);

    // someone else: as if it did not exist
    expect(await updateMyActionItemStatus.as(rm)({ itemId, status: 'done' })).toMatchObject({ ok: false, code: 'not_found' });
    expect(await updateMyActionItemStatus.as(dev.actor)({ itemId, status: 'finished' })).toMatchObject({ ok: false, code: 'invalid' });
    // started: still on the owner's dashboard, marked in progress
    expect(await updateMyActionItemStatus.as(dev.actor)({ itemId, status: 'in_progress' })).toMatchObject({ ok: true, data: { status: 'in_progress' } });
    expect((await getDashboard(dev.actor)).actionItems.items.find((i) => i.id === itemId)).toMatchObject({ status: 'in_progress' });
    expect(await updateMyActionItemStatus.as(dev.actor)({ itemId, status: 'done' })).toMatchObject({ ok: true, data: { status: 'done' } });
    expect((await getDashboard(dev.actor)).actionItems.items.some((i) => i.id === itemId)).toBe(false);

    // the review's editors update the rest
    expect((await updateActionItem.as(viewer)({ itemId, title: 'Add a load test', ownerId: dev.id, dueDate: '2030-03-15', status: 'open' })).ok).toBe(false);
    const edited = await updateActionItem.as(rm)({ itemId, title: 'Add a load test to CI', ownerId: dev.id, dueDate: '2030-03-15', status: 'open' });
    expect(edited.ok).toBe(true);
    const review = await getReview(dev.actor, r.key);
    expect(review?.actionItems).toEqual([
      expect.objectContaining({ title: 'Add a load test to CI', dueDate: '2030-03-15', status: 'open', mine: true, owner: 'Dana Dev' }),
    ]);
    expect(review?.canEdit).toBe(false);
  });
});

describe('metrics', () => {
  it('reads lead time, windows, approval wait and deployment durations from stored rows', async () => {
    const r = await releaseIn('deployed');
    const env = await h.prisma.environment.create({
      data: { name: `prod-${r.id.slice(-6)}`, displayName: 'Production', tier: 'production', position: 900_000 + (await h.prisma.environment.count()) },
    });
    const t = (hh: number) => new Date(Date.UTC(2026, 2, 2, hh));
    await h.prisma.release.update({ where: { id: r.id }, data: { plannedStart: t(10), plannedEnd: t(12) } });
    await h.prisma.releaseTransition.createMany({
      data: [
        { releaseId: r.id, fromStatus: 'draft', toStatus: 'submitted', at: t(1) },
        { releaseId: r.id, fromStatus: 'submitted', toStatus: 'approved', at: t(4) },
      ],
    });
    await h.prisma.deployment.create({
      data: { releaseId: r.id, environmentId: env.id, status: 'succeeded', executedBy: 'ci', startedAt: t(10), finishedAt: t(11) },
    });
    const m = await getReleaseMetrics(viewer, r.key);
    expect(m?.approvalWait.ms).toBe(3 * 3_600_000);
    expect(m?.window.actual?.ms).toBe(3_600_000);
    expect(m?.deployments).toHaveLength(1);
    expect(m?.deployments[0]).toMatchObject({ environment: 'Production', production: true, durationMs: 3_600_000, text: '1 h' });
    expect(m?.backouts).toBe(0);
    expect(await getReleaseMetrics(viewer, 'nonsense')).toBeNull();
  });
});

describe("operations' dashboard", () => {
  it('lists scheduled and deploying releases whose window is open now or opens within 24 hours, with each deployment status', async () => {
    const HOUR = 3_600_000;
    const now = nowMs();
    const a = await makeEnvironment(h.prisma);
    const b = await makeEnvironment(h.prisma);
    // positions are random: the lower one is earlier in the promotion path
    const [staging, production] = a.position < b.position ? [a, b] : [b, a];
    const open = await makeRelease(h.prisma, { ownerId: rm.id! });
    await h.prisma.release.update({ where: { id: open.id }, data: { status: 'deploying' } });
    await h.prisma.releaseEnvironment.create({
      data: { releaseId: open.id, environmentId: staging.id, scheduledStart: new Date(now - HOUR), scheduledEnd: new Date(now + HOUR) },
    });
    await h.prisma.releaseEnvironment.create({
      data: { releaseId: open.id, environmentId: production.id, scheduledStart: new Date(now + 2 * HOUR), scheduledEnd: new Date(now + 3 * HOUR) },
    });
    await h.prisma.deployment.create({ data: { releaseId: open.id, environmentId: staging.id, kind: 'deploy', status: 'in_progress', executedBy: 'ci' } });
    const later = await makeRelease(h.prisma, { ownerId: rm.id! });
    await h.prisma.release.update({ where: { id: later.id }, data: { status: 'scheduled' } });
    await h.prisma.releaseEnvironment.create({
      data: { releaseId: later.id, environmentId: staging.id, scheduledStart: new Date(now + 30 * HOUR), scheduledEnd: new Date(now + 31 * HOUR) },
    });
    const approvedOnly = await makeRelease(h.prisma, { ownerId: rm.id! });
    await h.prisma.release.update({ where: { id: approvedOnly.id }, data: { status: 'approved' } });
    await h.prisma.releaseEnvironment.create({
      data: { releaseId: approvedOnly.id, environmentId: staging.id, scheduledStart: new Date(now), scheduledEnd: new Date(now + HOUR) },
    });

    const dash = await getDashboard(ops);
    const keys = dash.deployments!.items.map((i) => i.key);
    expect(keys).toContain(releaseKey(open.number));
    expect(keys).not.toContain(releaseKey(later.number));
    expect(keys).not.toContain(releaseKey(approvedOnly.number));
    const item = dash.deployments!.items.find((i) => i.key === releaseKey(open.number))!;
    expect(item.windows.map((w) => [w.environment, w.open, w.deployment])).toEqual([
      [staging.name, true, 'in_progress'],
      [production.name, false, null],
    ]);
    // people who cannot record deployments have no such section
    expect((await getDashboard(viewer)).deployments).toBeNull();
  });
});

describe('one rules table: the pages offer what the mutations accept', () => {
  it('handover canPrepare, review canEdit and canAddItems match saveHandover, saveReview and addActionItem in every status', async () => {
    for (const status of RELEASE_STATUSES) {
      const r = await makeRelease(h.prisma, { ownerId: rm.id! });
      await h.prisma.release.update({ where: { id: r.id }, data: { status } });
      const key = releaseKey(r.number);
      const handover = (await getHandover(rm, key))!;
      const review = (await getReview(rm, key))!;
      expect({ status, canPrepare: handover.canPrepare, canEdit: review.canEdit, canAddItems: review.canAddItems }).toEqual({
        status,
        canPrepare: statusAllows(status, 'prepareHandover'),
        canEdit: statusAllows(status, 'editReview'),
        canAddItems: statusAllows(status, 'addActionItems'),
      });
      const saved = await saveHandover.as(rm)({ releaseKey: key, ...NOTES, markReady: false });
      const reviewed = await saveReview.as(rm)({ releaseKey: key, complete: false });
      const item = await addActionItem.as(rm)({ releaseKey: key, title: 'Add a load test', ownerId: dev.id, dueDate: '2030-02-28' });
      expect({ status, saved: saved.ok, reviewed: reviewed.ok, item: item.ok }).toEqual({
        status,
        saved: handover.canPrepare,
        reviewed: review.canEdit,
        item: review.canAddItems,
      });
    }
  });
});
