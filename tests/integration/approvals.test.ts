import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/lib/server/db';
import { approvalSummary, confirmEmergency, decideApproval, getApprovalCard, listMyApprovalInbox, notifyExpiringApprovals } from '@/lib/server/approvals';
import { applyScopeChange, decideScopeChange, requestScopeChange } from '@/lib/server/scope-changes';
import { getReleaseGates, transitionRelease } from '@/lib/server/transitions';
import type { Actor } from '@/lib/server/actor';
import { freshDatabase } from '../support/db';
import { makeBuild, makeTeam, makeUser } from '../support/factories';
import { draftRelease, policyDocument, savePolicy, submittedRelease } from './approvals-support';

let h: DbHandle;
let rm: Actor;
let rm2: Actor;
let red: Actor;
let blue: Actor;
let green: Actor;
let ops: Actor;
let dual: Actor;
let cab: Actor;
let admin: Actor;
let cabEmail: string;

beforeAll(async () => {
  h = await freshDatabase();
  const [tRed, tBlue, tGreen] = await Promise.all([makeTeam(h.prisma, 'Red team'), makeTeam(h.prisma, 'Blue team'), makeTeam(h.prisma, 'Green team')]);
  rm = (await makeUser(h.prisma, ['release_manager'], { name: 'Rita Manager', teamId: tRed.id })).actor;
  rm2 = (await makeUser(h.prisma, ['release_manager'], { name: 'Sam Second' })).actor;
  red = (await makeUser(h.prisma, ['approver'], { name: 'Elena Petrova', teamId: tRed.id })).actor;
  blue = (await makeUser(h.prisma, ['approver'], { name: 'Bo Blue', teamId: tBlue.id })).actor;
  green = (await makeUser(h.prisma, ['approver'], { name: 'Gil Green', teamId: tGreen.id })).actor;
  ops = (await makeUser(h.prisma, ['operations'], { name: 'Otto Ops', teamId: tRed.id })).actor;
  dual = (await makeUser(h.prisma, ['approver', 'operations'], { name: 'Dana Dual', teamId: tBlue.id })).actor;
  const c = await makeUser(h.prisma, ['approver'], { name: 'Cara Cab', teamId: tGreen.id });
  cab = c.actor;
  cabEmail = c.email;
  admin = (await makeUser(h.prisma, ['admin'], { name: 'Ada Admin' })).actor;
  await savePolicy(h.prisma, policyDocument({ cab: [cabEmail] }));
});

afterAll(async () => {
  await h?.close();
});

const row = (id: string) => h.prisma.release.findUniqueOrThrow({ where: { id } });
const decide = (actor: Actor, key: string, digest: string, decision: 'approve' | 'reject' = 'approve', comment = '') =>
  decideApproval.as(actor)({ releaseKey: key, decision, comment, packageDigest: digest });

describe('requirements at submit', () => {
  it('are derived from the policy, recorded with its version, and every eligible person is told', async () => {
    const r = await submittedRelease(h.prisma, rm, { ownerId: rm.id!, level: 'medium' });
    const reqs = await h.prisma.approvalRequirement.findMany({ where: { releaseId: r.id }, orderBy: { key: 'asc' } });
    expect(reqs.map((q) => [q.key, q.role, q.requiredCount])).toEqual([
      ['approver', 'approver', 1],
      ['operations', 'operations', 1],
    ]);
    const release = await row(r.id);
    expect(release.policyVersionId).toBe(reqs[0]!.policyVersionId);
    const told = await h.prisma.notification.findMany({ where: { releaseId: r.id, kind: 'approval.requested' } });
    const toldIds = told.map((n) => n.userId).sort();
    expect(toldIds).toEqual([red.id, blue.id, green.id, ops.id, dual.id, cab.id].sort());
    expect(toldIds).not.toContain(rm.id);
    expect(toldIds).not.toContain(admin.id);
  });

  it('reports a rule that cannot be met as a failed gate at submit, naming who is excluded', async () => {
    // the only CAB member requested the release
    const r = await draftRelease(h.prisma, { ownerId: rm.id!, requesterId: cab.id!, level: 'critical' });
    const res = await transitionRelease.as(rm)({ releaseKey: r.key, to: 'submitted', version: r.version });
    expect(res.ok).toBe(false);
    if (res.ok) return;
    const gate = res.gates!.find((g) => g.rule === 'approvals.feasible')!;
    expect(gate.passed).toBe(false);
    expect(gate.why).toContain('1 CAB member: only 0 eligible people — Cara Cab is excluded as the requester, the owner or a build author');
    expect(gate.fix).toBeTruthy();
    expect((await row(r.id)).status).toBe('draft');
    // the gates read shows it before anyone tries
    const gates = await getReleaseGates(rm, r.key);
    expect(gates!.transitions.find((t) => t.to === 'submitted')!.gates.find((g) => g.rule === 'approvals.feasible')!.passed).toBe(false);
  });
});

describe('separation of duties', () => {
  it('refuses the requester, the owner and a build author, each with the reason', async () => {
    const r = await submittedRelease(h.prisma, rm, {
      ownerId: rm2.id!,
      requesterId: red.id!,
      level: 'low',
      producedBy: (await h.prisma.user.findUniqueOrThrow({ where: { id: blue.id! } })).email,
    });
    const byRequester = await decide(red, r.key, r.digest);
    expect(byRequester).toMatchObject({
      ok: false,
      code: 'forbidden',
      message: `You requested ${r.key}: separation of duties means someone else must approve it.`,
    });
    const byAuthor = await decide(blue, r.key, r.digest);
    expect(byAuthor).toMatchObject({ ok: false, code: 'forbidden' });
    expect(byAuthor.ok === false && byAuthor.message).toMatch(/build in .*package/);
    // the owner is a release manager: refused by permission first, and the card says why
    const byOwner = await decide(rm2, r.key, r.digest);
    expect(byOwner).toMatchObject({ ok: false, code: 'forbidden' });
    const card = await getApprovalCard(rm2, r.key);
    expect(card!.viewerCanDecide).toBe(false);
    expect(card!.viewerCannotDecideBecause).toBe(`You own ${r.key}: separation of duties means someone else must approve it.`);
    expect(await h.prisma.approval.count({ where: { releaseId: r.id } })).toBe(0);
  });

  it('an owner who holds the approver role is refused too', async () => {
    const owner = await makeUser(h.prisma, ['approver', 'release_manager'], { name: 'Owen Owner' });
    const r = await submittedRelease(h.prisma, rm, { ownerId: owner.id, requesterId: rm.id!, level: 'low' });
    expect(await decide(owner.actor, r.key, r.digest)).toMatchObject({
      ok: false,
      code: 'forbidden',
      message: `You own ${r.key}: separation of duties means someone else must approve it.`,
    });
  });

  it('has no admin bypass', async () => {
    const r = await submittedRelease(h.prisma, rm, { ownerId: rm.id!, level: 'low' });
    const res = await decide(admin, r.key, r.digest);
    expect(res).toMatchObject({ ok: false, code: 'forbidden' });
    expect((await row(r.id)).status).toBe('submitted');
  });

  it('counts one person once whatever roles they hold, and refuses a second decision', async () => {
    const r = await submittedRelease(h.prisma, rm, { ownerId: rm.id!, level: 'medium' });
    const first = await decide(dual, r.key, r.digest, 'approve', 'Looks good.');
    expect(first).toMatchObject({ ok: true, data: { status: 'submitted', approved: false } });
    const again = await decide(dual, r.key, r.digest);
    expect(again).toMatchObject({ ok: false, code: 'conflict' });
    expect(again.ok === false && again.message).toMatch(new RegExp(`You approved ${r.key} at \\d\\d:\\d\\d UTC on .*; a person counts once\\.`));
    const card = await getApprovalCard(rm, r.key);
    expect(card!.requirements.reduce((s, q) => s + q.given, 0)).toBe(1);
    // ops fills the other requirement: the matching moves Dana wherever needed
    const second = await decide(ops, r.key, r.digest);
    expect(second).toMatchObject({ ok: true, data: { status: 'approved', approved: true } });
    const transitions = await h.prisma.releaseTransition.findMany({ where: { releaseId: r.id, toStatus: 'approved' } });
    expect(transitions).toHaveLength(1);
    expect(transitions[0]!.policyVersionId).toBeTruthy();
    const release = await row(r.id);
    expect(release.status).toBe('approved');
    expect(release.approvedAt).toBeInstanceOf(Date);
    const told = await h.prisma.notification.findMany({ where: { releaseId: r.id, kind: 'approval.decided', userId: rm.id! } });
    expect(told.map((n) => n.title)).toContain(`${r.key} is approved`);
  });

  it('refuses an approval that would count for nothing open, explaining why', async () => {
    const r = await submittedRelease(h.prisma, rm, { ownerId: rm.id!, level: 'medium' });
    expect(await decide(red, r.key, r.digest)).toMatchObject({ ok: true });
    const res = await decide(blue, r.key, r.digest);
    expect(res).toMatchObject({ ok: false, code: 'conflict' });
    expect(res.ok === false && res.message).toMatch(/already met/);
  });

  it('refuses a second approver of the same team on "2 approvers from different teams", saying why, and writes nothing', async () => {
    const r = await submittedRelease(h.prisma, rm, { ownerId: rm.id!, level: 'high' });
    const redTeamId = (await h.prisma.user.findUniqueOrThrow({ where: { id: red.id! } })).teamId!;
    const red2 = (await makeUser(h.prisma, ['approver'], { name: 'Rudi Red', teamId: redTeamId })).actor;
    expect(await decide(red, r.key, r.digest)).toMatchObject({ ok: true, data: { countsFor: 'approvers' } });
    const before = await h.prisma.auditEvent.count();
    const res = await decide(red2, r.key, r.digest, 'approve', 'Same team');
    expect(res).toMatchObject({ ok: false, code: 'conflict' });
    expect(res.ok === false && res.message).toBe(
      'Your approval would not count: "2 approvers from different teams" already has one from team Red team, and you are in team Red team. Another approver from a different team must approve.',
    );
    expect(await h.prisma.approval.count({ where: { releaseId: r.id } })).toBe(1);
    expect(await h.prisma.auditEvent.count()).toBe(before);
    // an approver of another team completes it
    expect(await decide(blue, r.key, r.digest)).toMatchObject({ ok: true, data: { approved: true, countsFor: 'approvers' } });
  });
});

describe('digest binding, scope changes and expiry', () => {
  it('refuses a decision about another digest', async () => {
    const r = await submittedRelease(h.prisma, rm, { ownerId: rm.id!, level: 'low' });
    const res = await decide(red, r.key, 'b'.repeat(64));
    expect(res).toMatchObject({ ok: false, code: 'stale' });
    expect(res.ok === false && res.message).toMatch(/not a seal of/);
    const missing = await decideApproval.as(red)({ releaseKey: r.key, decision: 'approve' });
    expect(missing).toMatchObject({ ok: false, code: 'invalid' });
    expect(missing.ok === false && missing.fieldErrors!.packageDigest).toBeTruthy();
  });

  it('a scope change invalidates the approvals given, the card says which change, and the old digest is refused', async () => {
    const r = await submittedRelease(h.prisma, rm, { ownerId: rm.id!, level: 'high' });
    expect(await decide(red, r.key, r.digest, 'approve', 'ok')).toMatchObject({ ok: true, data: { approved: false } });
    // a second manager of the release decides the scope change (decision 039: they co-manage it)
    await h.prisma.releaseCoManager.create({ data: { releaseId: r.id, userId: rm2.id! } });
    const build = await makeBuild(h.prisma);
    const component = await h.prisma.component.findUniqueOrThrow({ where: { id: build.componentId } });
    const requested = await requestScopeChange.as(rm)({
      releaseKey: r.key,
      reason: 'Add the hotfix for the ledger rounding bug',
      items: [{ action: 'add', componentName: component.name, buildId: build.id }],
    });
    expect(requested).toMatchObject({ ok: true });
    if (!requested.ok) return;
    const id = (requested.data as { id: string }).id;
    expect(await decideScopeChange.as(rm2)({ id, decision: 'approve' })).toMatchObject({ ok: true });
    const applied = await applyScopeChange.as(rm2)({ id });
    expect(applied).toMatchObject({ ok: true, data: { approvalsInvalidated: 1 } });

    const card = await getApprovalCard(rm, r.key);
    const d = card!.decisions.find((x) => x.approver.id === red.id)!;
    expect(d.state).toBe('invalidated');
    expect(d.invalidatedReason).toContain('Add the hotfix for the ledger rounding bug');
    expect(d.invalidatedReason).toContain('Rita Manager');
    expect(d.invalidatedReason).toContain('Sam Second');
    expect(card!.requirements[0]!.given).toBe(0);
    expect(card!.packageDigest).not.toBe(r.digest);

    const told = await h.prisma.notification.findMany({ where: { releaseId: r.id, kind: 'approval.invalidated' } });
    expect(told.map((n) => n.userId).sort()).toEqual([red.id, rm.id].sort());

    const old = await decide(blue, r.key, r.digest);
    expect(old).toMatchObject({ ok: false, code: 'stale' });
    expect(old.ok === false && old.message).toContain('Add the hotfix for the ledger rounding bug');
    // Elena may approve the new package
    expect(await decide(red, r.key, card!.packageDigest!)).toMatchObject({ ok: true });
    expect(await decide(blue, r.key, card!.packageDigest!)).toMatchObject({ ok: true, data: { approved: true } });
  });

  it('a scope change on an approved release sends it back to submitted for a new approval round', async () => {
    const r = await submittedRelease(h.prisma, rm, { ownerId: rm.id!, level: 'low' });
    expect(await decide(red, r.key, r.digest, 'approve', 'fine')).toMatchObject({ ok: true, data: { approved: true } });
    await h.prisma.releaseCoManager.create({ data: { releaseId: r.id, userId: rm2.id! } });
    expect((await row(r.id)).status).toBe('approved');

    const build = await makeBuild(h.prisma);
    const component = await h.prisma.component.findUniqueOrThrow({ where: { id: build.componentId } });
    const requested = await requestScopeChange.as(rm)({
      releaseKey: r.key,
      reason: 'Ship the config fix with it',
      items: [{ action: 'add', componentName: component.name, buildId: build.id }],
    });
    if (!requested.ok) throw new Error(requested.message);
    const id = (requested.data as { id: string }).id;
    expect(await decideScopeChange.as(rm2)({ id, decision: 'approve' })).toMatchObject({ ok: true });
    expect(await applyScopeChange.as(rm2)({ id })).toMatchObject({ ok: true, data: { approvalsInvalidated: 1, reopened: true } });

    const after = await row(r.id);
    expect(after.status).toBe('submitted');
    expect(after.approvedAt).toBeNull();
    const back = await h.prisma.releaseTransition.findFirstOrThrow({ where: { releaseId: r.id }, orderBy: { at: 'desc' } });
    expect([back.fromStatus, back.toStatus]).toEqual(['approved', 'submitted']);
    expect(back.reason).toContain('Ship the config fix with it');
    // a fresh round: requirements re-derived, nothing given yet, and the old approval does not count
    const card = await getApprovalCard(rm, r.key);
    expect(card!.requirements.every((q) => q.given === 0 && !q.satisfied)).toBe(true);
    expect(card!.decisions.find((d) => d.approver.id === red.id)!.state).not.toBe('valid');
    // approving the new package approves the release again
    expect(await decide(red, r.key, card!.packageDigest!)).toMatchObject({ ok: true, data: { approved: true } });
  });

  it('an expired approval does not count, says so, and may be given again', async () => {
    const r = await submittedRelease(h.prisma, rm, { ownerId: rm.id!, level: 'high' });
    const first = await decide(red, r.key, r.digest);
    expect(first).toMatchObject({ ok: true });
    if (!first.ok) return;
    await h.prisma.$executeRaw`UPDATE "Approval" SET "expiresAt" = now() - interval '1 hour' WHERE "id" = ${first.data.approvalId}`;
    const card = await getApprovalCard(rm, r.key);
    expect(card!.decisions[0]!.state).toBe('expired');
    expect(card!.decisions[0]!.invalidatedReason).toMatch(/^Expired at/);
    expect(card!.gates.find((g) => g.rule === 'approvals.expired')!.why).toMatch(/1 approval has expired/);
    // blue's approval alone does not reach the quorum of 2
    expect(await decide(blue, r.key, r.digest)).toMatchObject({ ok: true, data: { approved: false } });
    // Elena approves again: the expired one steps aside
    expect(await decide(red, r.key, r.digest)).toMatchObject({ ok: true, data: { approved: true } });
    const summary = await h.prisma.$transaction((tx) => approvalSummary(tx, r.id));
    expect(summary.given).toHaveLength(2);
    expect(summary.invalidated.map((x) => x.state)).toEqual(['superseded']);
  });

  it('warns about approvals about to expire, once', async () => {
    const r = await submittedRelease(h.prisma, rm, { ownerId: rm.id!, level: 'high' });
    const first = await decide(green, r.key, r.digest);
    if (!first.ok) throw new Error(first.message);
    await h.prisma.$executeRaw`UPDATE "Approval" SET "expiresAt" = now() + interval '2 hours' WHERE "id" = ${first.data.approvalId}`;
    expect(await notifyExpiringApprovals()).toBeGreaterThanOrEqual(1);
    await notifyExpiringApprovals();
    const warned = await h.prisma.notification.findMany({ where: { kind: 'approval.expiring', link: { contains: first.data.approvalId } } });
    expect(warned.map((n) => n.userId).sort()).toEqual([green.id, rm.id].sort());
  });
});

describe('rejection', () => {
  it('requires a comment, returns the release as rejected with the reasons, and a resubmit starts a new round', async () => {
    const r = await submittedRelease(h.prisma, rm, { ownerId: rm.id!, level: 'high' });
    expect(await decide(blue, r.key, r.digest)).toMatchObject({ ok: true });
    const bare = await decide(red, r.key, r.digest, 'reject', '   ');
    expect(bare).toMatchObject({ ok: false, code: 'invalid' });
    expect(bare.ok === false && bare.fieldErrors!.comment![0]).toMatch(/Say why/);

    const res = await decide(red, r.key, r.digest, 'reject', 'No rollback plan for the schema change.');
    expect(res).toMatchObject({ ok: true, data: { status: 'rejected' } });
    const release = await row(r.id);
    expect(release.status).toBe('rejected');
    const t = await h.prisma.releaseTransition.findFirstOrThrow({ where: { releaseId: r.id, toStatus: 'rejected' } });
    expect(t.reason).toBe('No rollback plan for the schema change.');
    const told = await h.prisma.notification.findFirstOrThrow({
      where: { releaseId: r.id, userId: rm.id!, kind: 'approval.decided' },
      orderBy: { createdAt: 'desc' },
    });
    expect(told.title).toBe(`${r.key} was rejected by Elena Petrova`);
    expect(told.body).toContain('No rollback plan');
    expect(await h.prisma.approval.count({ where: { releaseId: r.id, invalidatedAt: null } })).toBe(0);
    const card = await getApprovalCard(rm, r.key);
    expect(card!.decisions.every((d) => d.state === 'superseded')).toBe(true);
    expect(card!.decisions[0]!.invalidatedReason).toMatch(/rejected by Elena Petrova/);

    // rework and resubmit: requirements re-derived, the same people may decide again
    const back = await transitionRelease.as(rm)({ releaseKey: r.key, to: 'draft', version: release.version });
    expect(back).toMatchObject({ ok: true });
    if (!back.ok) return;
    const again = await transitionRelease.as(rm)({ releaseKey: r.key, to: 'submitted', version: back.data.version });
    expect(again).toMatchObject({ ok: true });
    expect(await h.prisma.approvalRequirement.count({ where: { releaseId: r.id } })).toBe(1);
    expect(await decide(red, r.key, r.digest)).toMatchObject({ ok: true });
  });
});

describe('emergency break-glass', () => {
  it('one approver plus a confirmation by an admin or CAB member within the window; review becomes mandatory', async () => {
    const r = await submittedRelease(h.prisma, rm, { ownerId: rm.id!, type: 'emergency', level: 'critical' });
    expect((await row(r.id)).postReviewRequired).toBe(true);
    const reqs = await h.prisma.approvalRequirement.findMany({ where: { releaseId: r.id }, orderBy: { key: 'asc' } });
    expect(reqs.map((q) => q.key)).toEqual(['emergency-approvers', 'emergency-confirm']);

    // nothing to confirm yet
    expect(await confirmEmergency.as(admin)({ releaseKey: r.key, packageDigest: r.digest })).toMatchObject({ ok: false, code: 'conflict' });
    expect(await decide(red, r.key, r.digest, 'approve', 'Hotfix verified in staging.')).toMatchObject({ ok: true, data: { approved: false } });
    // an approver who is not on the CAB cannot confirm; the approver cannot confirm their own approval
    const notCab = await confirmEmergency.as(blue)({ releaseKey: r.key, packageDigest: r.digest });
    expect(notCab).toMatchObject({ ok: false, code: 'forbidden' });
    expect(notCab.ok === false && notCab.message).toMatch(/Change Advisory Board/);
    const card = await getApprovalCard(admin, r.key);
    expect(card!.emergency!.required).toBe(true);
    expect(card!.emergency!.confirmBy).toBeTruthy();
    expect(card!.viewerCanDecide).toBe(true);

    const ok = await confirmEmergency.as(admin)({ releaseKey: r.key, packageDigest: r.digest, comment: 'Confirmed by phone with the on-call lead.' });
    expect(ok).toMatchObject({ ok: true, data: { approved: true, status: 'approved' } });
    expect(await h.prisma.releaseTransition.count({ where: { releaseId: r.id, toStatus: 'approved' } })).toBe(1);
    const after = await getApprovalCard(rm, r.key);
    expect(after!.emergency!.confirmedBy!.id).toBe(admin.id);
  });

  it('refuses a confirmation after the window closed', async () => {
    const r = await submittedRelease(h.prisma, rm, { ownerId: rm.id!, type: 'emergency', level: 'high' });
    const first = await decide(green, r.key, r.digest);
    if (!first.ok) throw new Error(first.message);
    await h.prisma
      .$executeRaw`UPDATE "Approval" SET "createdAt" = now() - interval '5 hours', "expiresAt" = now() - interval '1 hour' WHERE "id" = ${first.data.approvalId}`;
    const late = await confirmEmergency.as(cab)({ releaseKey: r.key, packageDigest: r.digest });
    expect(late).toMatchObject({ ok: false, code: 'conflict' });
    expect(late.ok === false && late.message).toMatch(/confirmation window .* closed/);
    expect((await row(r.id)).status).toBe('submitted');
  });
});

describe('reads', () => {
  it('the inbox lists releases waiting for the viewer, not those they cannot decide', async () => {
    const r = await submittedRelease(h.prisma, rm, { ownerId: rm.id!, level: 'medium' });
    const opsInbox = await listMyApprovalInbox(ops);
    const item = opsInbox.items.find((i) => i.key === r.key)!;
    expect(item.youCountFor).toEqual(['1 operations']);
    expect(item.missing).toHaveLength(2);
    await decide(ops, r.key, r.digest);
    expect((await listMyApprovalInbox(ops)).items.find((i) => i.key === r.key)).toBeUndefined();
    expect((await listMyApprovalInbox(red)).items.find((i) => i.key === r.key)).toBeTruthy();
  });

  it('the card follows the contract', async () => {
    const r = await submittedRelease(h.prisma, rm, { ownerId: rm.id!, level: 'critical' });
    const card = await getApprovalCard(red, r.key.toLowerCase());
    expect(card).toMatchObject({
      releaseKey: r.key,
      status: 'submitted',
      packageDigest: r.digest,
      viewerCanDecide: true,
      viewerCannotDecideBecause: null,
      emergency: null,
    });
    expect(card!.requirements.map((q) => [q.key, q.cabOnly, q.distinctTeams])).toEqual([
      ['approvers', false, true],
      ['cab', true, false],
    ]);
    expect(card!.requirements[1]!.eligibleRemaining.map((p) => p.name)).toEqual(['Cara Cab']);
    expect(card!.gates.map((g) => g.rule)).toEqual([
      'approvals.quorum.approvers',
      'approvals.quorum.cab',
      'approvals.digest',
      'approvals.expired',
      'approvals.sod',
    ]);
    expect(await getApprovalCard(red, 'REL-99999999')).toBeNull();
  });
});
