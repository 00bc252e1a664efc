import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/lib/server/db';
import { decideApproval, getApprovalCard } from '@/lib/server/approvals';
import { getReleaseGates, transitionRelease } from '@/lib/server/transitions';
import type { Actor } from '@/lib/server/actor';
import { freshDatabase } from '../support/db';
import { makeTeam, makeUser, uid } from '../support/factories';
import { draftRelease, policyDocument, rule, savePolicy } from './approvals-support';

// A protected environment may require an extra approval rule in the policy (issue 14, point 7):
// approvals.forProtectedEnvironments is added to the rules of a release that targets one.

let h: DbHandle;
let rm: Actor;
let red: Actor;
let blue: Actor;
let ops: Actor;
let prodId: string;
let stagingId: string;

beforeAll(async () => {
  h = await freshDatabase();
  const [tRed, tBlue] = await Promise.all([makeTeam(h.prisma, 'Red team'), makeTeam(h.prisma, 'Blue team')]);
  rm = (await makeUser(h.prisma, ['release_manager'], { name: 'Rita Manager', teamId: tRed.id })).actor;
  red = (await makeUser(h.prisma, ['approver'], { name: 'Elena Petrova', teamId: tRed.id })).actor;
  blue = (await makeUser(h.prisma, ['approver'], { name: 'Bo Blue', teamId: tBlue.id })).actor;
  ops = (await makeUser(h.prisma, ['operations'], { name: 'Otto Ops', teamId: tRed.id })).actor;
  const suffix = uid();
  prodId = (
    await h.prisma.environment.create({
      data: { name: `prod-${suffix}`, displayName: 'Production', tier: 'production', position: 900, protected: true, deployRoles: ['operations'] },
    })
  ).id;
  stagingId = (await h.prisma.environment.create({ data: { name: `staging-${suffix}`, displayName: 'Staging', tier: 'staging', position: 800 } })).id;
  await savePolicy(h.prisma, policyDocument({ forProtectedEnvironments: [rule('operations', { role: 'operations', description: '1 operations sign-off' })] }));
});

afterAll(async () => {
  await h?.close();
});

async function submitted(environmentIds: string[]) {
  const r = await draftRelease(h.prisma, { ownerId: rm.id!, level: 'low' });
  for (const environmentId of environmentIds) await h.prisma.releaseEnvironment.create({ data: { releaseId: r.id, environmentId } });
  const res = await transitionRelease.as(rm)({
    releaseKey: r.key,
    to: 'submitted',
    version: (await h.prisma.release.findUniqueOrThrow({ where: { id: r.id } })).version,
  });
  if (!res.ok) throw new Error(`${res.message} ${JSON.stringify(res.gates?.filter((g) => !g.passed))}`);
  return { ...r, version: res.data.version };
}

const requirementKeys = async (releaseId: string) =>
  (await h.prisma.approvalRequirement.findMany({ where: { releaseId }, orderBy: { key: 'asc' } })).map((q) => [q.key, q.role, q.description]);

describe('extra approval rules for protected environments', () => {
  it('are added when the release targets a protected environment, naming it', async () => {
    const r = await submitted([prodId, stagingId]);
    const prod = await h.prisma.environment.findUniqueOrThrow({ where: { id: prodId } });
    expect(await requirementKeys(r.id)).toEqual([
      ['approver', 'approver', '1 approver'],
      ['operations', 'operations', `1 operations sign-off (protected: ${prod.name})`],
    ]);
  });

  it('are not added when it targets none', async () => {
    const r = await submitted([stagingId]);
    expect(await requirementKeys(r.id)).toEqual([['approver', 'approver', '1 approver']]);
  });

  it('hold the approval gate until met, and count an operations approval', async () => {
    const r = await submitted([prodId]);
    const approve = (actor: Actor) => decideApproval.as(actor)({ releaseKey: r.key, decision: 'approve', comment: '', packageDigest: r.digest });
    expect((await approve(blue)).ok).toBe(true);
    const card = await getApprovalCard(rm, r.key);
    const missing = card!.requirements.filter((q) => !q.satisfied).map((q) => q.description);
    expect(missing).toEqual([expect.stringMatching(/^1 operations sign-off \(protected: prod-/)]);
    const gates = await getReleaseGates(rm, r.key);
    expect(gates?.transitions.find((t) => t.to === 'approved')?.gates.some((g) => !g.passed)).toBe(true);
    // a second approver adds nothing: it is refused as counting towards nothing
    const extra = await approve(red);
    expect(extra.ok).toBe(false);
    expect((await approve(ops)).ok).toBe(true);
    const after = await h.prisma.release.findUniqueOrThrow({ where: { id: r.id } });
    expect(after.status).toBe('approved');
  });
});
