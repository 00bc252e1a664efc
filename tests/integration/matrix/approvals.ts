import type { PrismaClient } from '@/lib/generated/prisma/client';
import type { MatrixFixtures } from './types';
import { digest, makeUser, uid, uniqueInt } from '../../support/factories';
import { policyDocument } from '../approvals-support';
import { now as clockNow } from '@/lib/server/clock';
import { releaseKey } from '@/lib/domain/release-key';

// A submitted release built directly in the database, with requirements every
// role holding the permission can count for. The matrix creates the acting user
// just before asking for the input, so the newest user is the actor: it goes on
// the CAB list (confirming an emergency needs an admin or a CAB member).
async function submitted(prisma: PrismaClient, type: 'normal' | 'emergency') {
  const newest = await prisma.user.findFirst({ orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], select: { email: true } });
  const owner = await makeUser(prisma, ['release_manager']);
  const policy = await prisma.policyVersion.create({
    data: { version: uniqueInt(), document: JSON.parse(JSON.stringify(policyDocument({ cab: newest ? [newest.email.toLowerCase()] : [] }))) },
  });
  const now = clockNow();
  const release = await prisma.release.create({
    data: {
      title: `Release ${uid()}`,
      type,
      ownerId: owner.id,
      requesterId: owner.id,
      status: 'submitted',
      submittedAt: now,
      riskLevel: 'low',
      policyVersionId: policy.id,
    },
  });
  const d = digest();
  await prisma.releasePackage.create({ data: { releaseId: release.id, sealedDigest: d, sealedAt: now, revision: 1 } });
  const req = (key: string, role: 'approver' | 'operations' | null, count: number) =>
    prisma.approvalRequirement.create({
      data: { releaseId: release.id, policyVersionId: policy.id, key, description: `${count} ${role ?? 'confirmation'}`, role, requiredCount: count },
    });
  if (type === 'normal') {
    await req('approver', 'approver', 3);
    await req('operations', 'operations', 3);
  } else {
    const approvers = await req('emergency-approvers', 'approver', 1);
    await req('emergency-confirm', null, 1);
    const approver = await makeUser(prisma, ['approver']);
    await prisma.approval.create({
      data: {
        releaseId: release.id,
        requirementId: approvers.id,
        approverId: approver.id,
        decision: 'approve',
        packageDigest: d,
        policyVersionId: policy.id,
        createdAt: now,
        expiresAt: new Date(now.getTime() + 3_600_000),
      },
    });
  }
  return { releaseKey: releaseKey(release.number), packageDigest: d };
}

export const approvals: MatrixFixtures = {
  module: 'approvals.ts',
  load: () => import('@/lib/server/approvals'),
  mutations: {
    'approval.decide': {
      permission: 'approval.decide',
      validInput: async (h) => ({ ...(await submitted(h.prisma, 'normal')), decision: 'approve', comment: 'Checked.' }),
    },
    'approval.confirm_emergency': {
      permission: 'approval.confirm_emergency',
      validInput: async (h) => ({ ...(await submitted(h.prisma, 'emergency')), comment: 'Confirmed.' }),
    },
  },
};
