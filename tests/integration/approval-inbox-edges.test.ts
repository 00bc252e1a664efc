import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/lib/server/db';
import { listMyApprovalInbox } from '@/lib/server/approvals';
import type { Actor } from '@/lib/server/actor';
import { freshDatabase } from '../support/db';
import { makeTeam, makeUser } from '../support/factories';
import { policyDocument, savePolicy, submittedRelease } from './approvals-support';

// The inbox knows whether candidates are left by reading one row beyond each batch of 200
// (no count of the candidates): exactly 200 waiting releases are one full batch and nothing
// after it, so the first page is complete; a live decision takes a release out of the count.

let h: DbHandle;
let approver: Actor;
let other: Actor;
const WAITING = 200;

beforeAll(async () => {
  h = await freshDatabase();
  const team = await makeTeam(h.prisma);
  const rm = (await makeUser(h.prisma, ['release_manager'], { teamId: team.id })).actor;
  approver = (await makeUser(h.prisma, ['approver'], { teamId: team.id })).actor;
  other = (await makeUser(h.prisma, ['approver'], { teamId: team.id })).actor;
  await savePolicy(h.prisma, policyDocument());
  const t = await submittedRelease(h.prisma, rm, { ownerId: rm.id!, level: 'low' });
  const g = `generate_series(1, ${WAITING - 1}) g`;
  await h.runner.exec(`
    INSERT INTO "Release" (id, title, type, status, "ownerId", "requesterId", timezone, description, "businessJustification", "riskLevel",
                           "noKnownRisks", "risksAssessedAt", "policyVersionId", "submittedAt", "updatedAt")
      SELECT 'edge-' || g, title || ' copy ' || g, type, status, "ownerId", "requesterId", timezone, description, "businessJustification",
             "riskLevel", "noKnownRisks", "risksAssessedAt", "policyVersionId", "submittedAt" + g * interval '1 minute', now()
        FROM "Release", ${g} WHERE id = '${t.id}' ORDER BY g;
    INSERT INTO "ReleasePackage" (id, "releaseId", "sealedDigest", "sealedAt", revision, "updatedAt")
      SELECT 'edge-p-' || g, 'edge-' || g, "sealedDigest", "sealedAt", revision, now() FROM "ReleasePackage", ${g} WHERE "releaseId" = '${t.id}';
    INSERT INTO "PackageItem" (id, "packageId", "componentId", "buildId")
      SELECT 'edge-i-' || g, 'edge-p-' || g, i."componentId", i."buildId"
        FROM "PackageItem" i JOIN "ReleasePackage" p ON p.id = i."packageId", ${g} WHERE p."releaseId" = '${t.id}';
    INSERT INTO "ApprovalRequirement" (id, "releaseId", "policyVersionId", key, description, role, "teamId", "requiredCount", "distinctTeams")
      SELECT 'edge-q-' || g || '-' || q.id, 'edge-' || g, q."policyVersionId", q.key, q.description, q.role, q."teamId", q."requiredCount", q."distinctTeams"
        FROM "ApprovalRequirement" q, ${g} WHERE q."releaseId" = '${t.id}';`);
  // `other` has a live (rejecting) decision on one of them: never a candidate for them
  const p = await h.prisma.releasePackage.findUniqueOrThrow({ where: { releaseId: 'edge-7' } });
  const pv = await h.prisma.release.findUniqueOrThrow({ where: { id: 'edge-7' }, select: { policyVersionId: true } });
  await h.prisma.approval.create({
    data: {
      releaseId: 'edge-7',
      approverId: other.id!,
      decision: 'reject',
      comment: 'no',
      packageDigest: p.sealedDigest!,
      policyVersionId: pv.policyVersionId!,
    },
  });
});

afterAll(async () => {
  await h?.close();
});

describe('the approval inbox at the edge of a batch', () => {
  it('exactly one full batch and nothing after it: complete on the first page, every candidate counted', async () => {
    const first = await listMyApprovalInbox(approver);
    expect({ total: first.total, complete: first.complete, candidates: first.candidates, pages: Math.ceil(first.total / first.pageSize) }).toEqual({
      total: WAITING,
      complete: true,
      candidates: WAITING,
      pages: 4,
    });
  });

  it('one fewer for the approver who decided on one of them', async () => {
    const mine = await listMyApprovalInbox(other, { page: 4 });
    expect({ total: mine.total, complete: mine.complete, candidates: mine.candidates, n: mine.items.length }).toEqual({
      total: WAITING - 1,
      complete: true,
      candidates: WAITING - 1,
      n: WAITING - 1 - 150,
    });
    expect(mine.items.some((i) => i.title.endsWith(' copy 7'))).toBe(false);
  });
});
