import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/lib/server/db';
import type { PolicyDocumentInput } from '@/lib/domain/policy';
import { releaseKey } from '@/lib/domain/release-key';
import { now, resetClock, setClock } from '@/lib/server/clock';
import { addPackageBuild, sealPackage } from '@/lib/server/packages';
import { addRisk } from '@/lib/server/risks';
import { applyScopeChange, decideScopeChange, requestScopeChange } from '@/lib/server/scope-changes';
import { getReleaseGates, transitionRelease } from '@/lib/server/transitions';
import { getApprovalSummary } from '@/lib/server/approvals';
import { freshDatabase } from '../support/db';
import { makeBuild, makeComponent, makeUser, uid } from '../support/factories';
import { policyDocument, savePolicy } from './approvals-support';

// Standard changes (issue 15 point 5, docs/decisions/045-standard-changes.md): a release from a
// template the policy pre-approves, within its limits (components, highest risk level, package
// size), passes the approval gate with the recorded decision "Pre-approved by policy version N,
// template T vN" and no approval round; each limit exceeded brings the normal rules back with
// the reason; a pre-approval that the release leaves afterwards is withdrawn; freezes still block.

let h: DbHandle;

beforeAll(async () => {
  setClock({ at: '2026-12-06T09:00:00Z', frozen: true });
  h = await freshDatabase();
  // enough approvers that the normal rules can be met (the submit gate checks it)
  const teams = await Promise.all([1, 2].map((i) => h.prisma.team.create({ data: { name: `Approvers ${i} ${uid()}`, slug: `approvers-${i}-${uid()}` } })));
  for (const t of teams) await makeUser(h.prisma, ['approver'], { teamId: t.id });
  await makeUser(h.prisma, ['operations']);
});

afterAll(async () => {
  resetClock();
  await h?.close();
});

const versionOf = async (id: string) => (await h.prisma.release.findUniqueOrThrow({ where: { id } })).version;

interface Limits {
  components?: string[];
  maxRiskLevel?: 'low' | 'medium' | 'high' | 'critical';
  maxPackageItems?: number;
}

/**
 * A draft standard release from a new template, ready to submit: a sealed package of `items`
 * builds (new components), no known risks, one owned plan task; and a current policy that
 * pre-approves the template with the given limits (by default exactly its components, low
 * risk, 2 builds).
 */
async function standardRelease(
  opts: { items?: number; level?: 'low' | 'medium' | 'high' | 'critical'; limits?: Limits; extraPolicy?: Partial<PolicyDocumentInput> } = {},
) {
  const rm = await makeUser(h.prisma, ['release_manager']);
  const template = await h.prisma.releaseTemplate.create({
    data: { name: `Standard web ${uid()}`, versions: { create: [{ version: 1, body: { type: 'standard' } }] } },
    include: { versions: true },
  });
  const r = await h.prisma.release.create({
    data: { title: `Standard ${uid()}`, type: 'standard', ownerId: rm.id, requesterId: rm.id, templateVersionId: template.versions[0]!.id },
  });
  const key = releaseKey(r.number);
  const components: string[] = [];
  for (let i = 0; i < (opts.items ?? 1); i++) {
    const c = await makeComponent(h.prisma);
    components.push(c.name);
    const b = await makeBuild(h.prisma, { componentId: c.id });
    const added = await addPackageBuild.as(rm.actor)({ releaseKey: key, buildId: b.id, version: await versionOf(r.id) });
    if (!added.ok) throw new Error(added.message);
  }
  const sealed = await sealPackage.as(rm.actor)({ releaseKey: key, version: await versionOf(r.id) });
  if (!sealed.ok) throw new Error(sealed.message);
  await h.prisma.release.update({ where: { id: r.id }, data: { noKnownRisks: true, risksAssessedAt: now(), riskLevel: opts.level ?? 'low' } });
  await h.prisma.planTask.create({ data: { releaseId: r.id, name: 'Deploy', ownerId: rm.id, estimateMinutes: 30 } });
  const base = policyDocument();
  const policy = await savePolicy(h.prisma, {
    ...base,
    risk: { ...base.risk, factors: { ...base.risk.factors, highestOpenRiskScore: [{ atLeast: 15, contribution: 30 }] } },
    standardChanges: [
      {
        template: template.name,
        components: opts.limits?.components ?? components,
        maxRiskLevel: opts.limits?.maxRiskLevel ?? 'low',
        maxPackageItems: opts.limits?.maxPackageItems ?? 2,
      },
    ],
    ...opts.extraPolicy,
  });
  return { rm, template, id: r.id, key, components, policy };
}

async function submit(r: { id: string; key: string; rm: { actor: Parameters<typeof transitionRelease.as>[0] } }) {
  const res = await transitionRelease.as(r.rm.actor)({ releaseKey: r.key, to: 'submitted', version: await versionOf(r.id) });
  if (!res.ok) throw new Error(`${res.message} ${JSON.stringify(res.gates?.filter((g) => !g.passed))}`);
  return res;
}

const approvedGate = async (r: { key: string; rm: { actor: Parameters<typeof getReleaseGates>[0] } }) =>
  (await getReleaseGates(r.rm.actor, r.key))!.transitions.find((t) => t.to === 'approved')!;

describe('a standard change within its limits', () => {
  it('passes the approval gate with the recorded decision and no approval round', async () => {
    const r = await standardRelease();
    await submit(r);
    const row = await h.prisma.release.findUniqueOrThrow({ where: { id: r.id }, include: { approvalRequirements: true, approvals: true } });
    const decision = `Pre-approved by policy version ${r.policy.version}, template ${r.template.name} v1`;
    expect(row.approvalRequirements).toEqual([]);
    expect(row.preApproval).toMatchObject({ decision, policyVersion: r.policy.version, templateName: r.template.name, templateVersion: 1 });
    expect(row.preApprovedAt).not.toBeNull();
    // nobody was asked to approve
    expect(await h.prisma.notification.count({ where: { releaseId: r.id, kind: 'approval.requested' } })).toBe(0);
    const [event] = await h.prisma.auditEvent.findMany({ where: { action: 'release.pre_approved', targetId: r.id } });
    expect(event!.after).toMatchObject({ decision, template: `${r.template.name} v1` });

    const gate = await approvedGate(r);
    expect(gate.allowed).toBe(true);
    expect(gate.gates.find((g) => g.rule === 'approvals.standard_change')?.why).toContain(decision);
    const summary = await getApprovalSummary(r.rm.actor, r.key);
    expect(summary).not.toBeNull();

    const approved = await transitionRelease.as(r.rm.actor)({ releaseKey: r.key, to: 'approved', version: await versionOf(r.id) });
    expect(approved.ok).toBe(true);
    const t = await h.prisma.releaseTransition.findFirstOrThrow({ where: { releaseId: r.id, toStatus: 'approved' } });
    expect(t.reason).toContain(decision);
    expect(row.approvals).toEqual([]);
  });

  it('still has to respect a freeze: the schedule gate refuses a window inside it', async () => {
    const r = await standardRelease();
    await submit(r);
    const approved = await transitionRelease.as(r.rm.actor)({ releaseKey: r.key, to: 'approved', version: await versionOf(r.id) });
    expect(approved.ok).toBe(true);
    const env = await h.prisma.environment.create({
      data: { name: `prod-${uid()}`, displayName: 'Production', tier: 'production', position: 900_000 + Math.floor(Math.random() * 99_999) },
    });
    const freeze = await h.prisma.freezeWindow.create({
      data: {
        name: `Year-end ${uid()}`,
        reason: 'Peak trading',
        kind: 'one_off',
        startsAt: new Date('2027-12-20T00:00:00Z'),
        endsAt: new Date('2028-01-04T00:00:00Z'),
        environments: { create: [{ environmentId: env.id }] },
      },
    });
    await h.prisma.releaseEnvironment.create({
      data: { releaseId: r.id, environmentId: env.id, scheduledStart: new Date('2027-12-21T10:00:00Z'), scheduledEnd: new Date('2027-12-21T12:00:00Z') },
    });
    const refused = await transitionRelease.as(r.rm.actor)({ releaseKey: r.key, to: 'scheduled', version: await versionOf(r.id) });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.gates?.find((g) => g.rule === 'schedule.window')?.why).toContain(freeze.name);
  });
});

describe('leaving the limits brings the normal approval rules back, saying why', () => {
  const normalRound = async (r: Awaited<ReturnType<typeof standardRelease>>, reason: RegExp) => {
    await submit(r);
    const row = await h.prisma.release.findUniqueOrThrow({ where: { id: r.id }, include: { approvalRequirements: true } });
    expect(row.preApproval).toBeNull();
    expect(row.approvalRequirements.length).toBeGreaterThan(0);
    const gate = await approvedGate(r);
    expect(gate.allowed).toBe(false);
    const g = gate.gates.find((x) => x.rule === 'approvals.quorum')!;
    expect(g.passed).toBe(false);
    expect(g.fix).toMatch(/Not pre-approved/);
    expect(g.fix).toMatch(reason);
    expect(await h.prisma.auditEvent.count({ where: { action: 'release.pre_approved', targetId: r.id } })).toBe(0);
  };

  it('a component outside the allowed list', async () => {
    await normalRound(await standardRelease({ limits: { components: ['some-other-service'] } }), /not in the allowed list \(some-other-service\)/);
  });

  it('a risk level above the highest pre-approved one', async () => {
    await normalRound(await standardRelease({ level: 'medium' }), /risk level is medium, above the highest pre-approved level \(low\)/);
  });

  it('a package larger than the limit', async () => {
    const r = await standardRelease({ items: 2, limits: { maxPackageItems: 1 } });
    await normalRound(r, /package holds 2 builds, more than the 1 pre-approved/);
  });

  it('a release from a template the policy does not name follows the normal rules with nothing to explain', async () => {
    const r = await standardRelease({ extraPolicy: { standardChanges: [] } });
    await submit(r);
    const gate = await approvedGate(r);
    const g = gate.gates.find((x) => x.rule === 'approvals.quorum')!;
    expect(g.passed).toBe(false);
    expect(g.fix).not.toMatch(/pre-approved/i);
  });
});

describe('a pre-approval is never kept stale', () => {
  it('a risk that raises the level above the limit after approval withdraws it: back to submitted, with the normal round and the reason recorded', async () => {
    const r = await standardRelease();
    await submit(r);
    const approved = await transitionRelease.as(r.rm.actor)({ releaseKey: r.key, to: 'approved', version: await versionOf(r.id) });
    expect(approved.ok).toBe(true);
    const risk = await addRisk.as(r.rm.actor)({ releaseKey: r.key, title: 'Schema migration may lock the table', likelihood: 5, impact: 5 });
    expect(risk.ok).toBe(true);
    const row = await h.prisma.release.findUniqueOrThrow({ where: { id: r.id }, include: { approvalRequirements: true } });
    expect(row.riskLevel).not.toBe('low');
    expect(row.status).toBe('submitted');
    expect(row.preApproval).toBeNull();
    expect(row.approvalRequirements.length).toBeGreaterThan(0);
    const [event] = await h.prisma.auditEvent.findMany({ where: { action: 'release.pre_approval_withdrawn', targetId: r.id } });
    expect(JSON.stringify(event!.after)).toMatch(/above the highest pre-approved level \(low\)/);
    const back = await h.prisma.releaseTransition.findFirstOrThrow({ where: { releaseId: r.id, fromStatus: 'approved', toStatus: 'submitted' } });
    expect(back.reason).toMatch(/no longer holds/);
    expect((await approvedGate(r)).allowed).toBe(false);
  });

  async function scopeChangeAddingAComponent(r: Awaited<ReturnType<typeof standardRelease>>) {
    const rm2 = await makeUser(h.prisma, ['release_manager']);
    await h.prisma.releaseCoManager.create({ data: { releaseId: r.id, userId: rm2.id } });
    const c = await makeComponent(h.prisma);
    const b = await makeBuild(h.prisma, { componentId: c.id });
    const req = await requestScopeChange.as(r.rm.actor)({
      releaseKey: r.key,
      reason: 'Ship the new component with it',
      items: [{ action: 'add', componentName: c.name, buildId: b.id }],
    });
    if (!req.ok) throw new Error(req.message);
    const decided = await decideScopeChange.as(rm2.actor)({ id: req.data.id, decision: 'approve' });
    if (!decided.ok) throw new Error(decided.message);
    const applied = await applyScopeChange.as(r.rm.actor)({ id: req.data.id });
    if (!applied.ok) throw new Error(applied.message);
    return c.name;
  }

  it('a scope change that brings in a component outside the list withdraws it from a submitted release', async () => {
    const r = await standardRelease();
    await submit(r);
    const component = await scopeChangeAddingAComponent(r);
    const row = await h.prisma.release.findUniqueOrThrow({ where: { id: r.id }, include: { approvalRequirements: true } });
    expect(row.status).toBe('submitted');
    expect(row.preApproval).toBeNull();
    expect(row.approvalRequirements.length).toBeGreaterThan(0);
    const [event] = await h.prisma.auditEvent.findMany({ where: { action: 'release.pre_approval_withdrawn', targetId: r.id } });
    expect(JSON.stringify(event!.after)).toContain(`component ${component} is not in the allowed list`);
    const g = (await approvedGate(r)).gates.find((x) => x.rule === 'approvals.quorum')!;
    expect(g.passed).toBe(false);
    expect(g.fix).toContain(`component ${component} is not in the allowed list`);
  });

  it('… and from an approved one, which goes back to submitted for the normal round', async () => {
    const r = await standardRelease();
    await submit(r);
    const approved = await transitionRelease.as(r.rm.actor)({ releaseKey: r.key, to: 'approved', version: await versionOf(r.id) });
    expect(approved.ok).toBe(true);
    await scopeChangeAddingAComponent(r);
    const row = await h.prisma.release.findUniqueOrThrow({ where: { id: r.id }, include: { approvalRequirements: true } });
    expect(row.status).toBe('submitted');
    expect(row.preApproval).toBeNull();
    expect(row.approvalRequirements.length).toBeGreaterThan(0);
    expect((await approvedGate(r)).allowed).toBe(false);
  });

  it('a rework to draft drops the pre-approval', async () => {
    const r = await standardRelease();
    await submit(r);
    // (a rework starts from a rejection)
    await h.prisma.release.update({ where: { id: r.id }, data: { status: 'rejected' } });
    const rework = await transitionRelease.as(r.rm.actor)({ releaseKey: r.key, to: 'draft', version: await versionOf(r.id) });
    expect(rework.ok).toBe(true);
    expect((await h.prisma.release.findUniqueOrThrow({ where: { id: r.id } })).preApproval).toBeNull();
  });
});
