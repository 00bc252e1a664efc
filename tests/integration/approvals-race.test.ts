import { afterAll, beforeAll, describe, expect } from 'vitest';
import type { DbHandle } from '@/lib/server/db';
import { decideApproval } from '@/lib/server/approvals';
import type { Actor } from '@/lib/server/actor';
import { freshDatabase } from '../support/db';
import { itRaces, race } from '../support/race';
import { makeTeam, makeUser } from '../support/factories';
import { policyDocument, rule, savePolicy, submittedRelease } from './approvals-support';

// The quorum is crossed exactly once under concurrency. Only PostgreSQL
// (TEST_DATABASE_URL, set in CI) truly races: there race() proves the decisions
// overlapped on separate connections. The embedded database runs one transaction at
// a time, so there the same tests check the outcome of serialized decisions, and
// their titles say so (tests/support/race.ts).

const APPROVERS = 24;
const NEEDED = 5;

let h: DbHandle;
let rm: Actor;
let approvers: Actor[] = [];

beforeAll(async () => {
  h = await freshDatabase();
  rm = (await makeUser(h.prisma, ['release_manager'], { name: 'Rita Manager' })).actor;
  const team = await makeTeam(h.prisma, 'Approvers');
  approvers = [];
  for (let i = 0; i < APPROVERS; i++) approvers.push((await makeUser(h.prisma, ['approver'], { name: `Approver ${i + 1}`, teamId: team.id })).actor);
  await savePolicy(h.prisma, policyDocument({ byRiskLevel: { low: [rule('approvers', { count: NEEDED, description: `${NEEDED} approvers` })] } }));
});

afterAll(async () => {
  await h?.close();
});

describe('duplicates', () => {
  itRaces('the same person approving twice at once leaves one live approval', async () => {
    const r = await submittedRelease(h.prisma, rm, { ownerId: rm.id!, level: 'low' });
    const input = { releaseKey: r.key, decision: 'approve', comment: '', packageDigest: r.digest };
    const results = await race(
      h,
      Array.from({ length: 6 }, () => () => decideApproval.as(approvers[0]!)(input)),
    );
    expect(results.filter((x) => x.ok)).toHaveLength(1);
    for (const x of results.filter((y) => !y.ok)) {
      expect(x).toMatchObject({ ok: false, code: 'conflict' });
      expect(x.ok === false && x.message).toMatch(/a person counts once/);
    }
    expect(await h.prisma.approval.count({ where: { releaseId: r.id, invalidatedAt: null } })).toBe(1);
  });
});

describe('the quorum under concurrency', () => {
  itRaces(`${APPROVERS} approvers at once cross a quorum of ${NEEDED} exactly once`, async () => {
    const r = await submittedRelease(h.prisma, rm, { ownerId: rm.id!, level: 'low' });
    const input = { releaseKey: r.key, decision: 'approve', comment: 'LGTM', packageDigest: r.digest };
    const results = await race(
      h,
      approvers.map((a) => () => decideApproval.as(a)(input)),
    );

    const ok = results.filter((x) => x.ok);
    const refused = results.filter((x) => !x.ok);
    // the first NEEDED count; the NEEDED-th crosses the quorum; the rest find the release approved
    expect(ok).toHaveLength(NEEDED);
    expect(ok.filter((x) => x.ok && x.data.approved)).toHaveLength(1);
    for (const x of refused) {
      expect(x).toMatchObject({ ok: false, code: 'conflict' });
      expect(x.ok === false && x.message).toMatch(/is approved: approvals are decided only while a release is submitted/);
    }
    const transitions = await h.prisma.releaseTransition.findMany({ where: { releaseId: r.id, fromStatus: 'submitted', toStatus: 'approved' } });
    expect(transitions).toHaveLength(1);
    const events = await h.prisma.auditEvent.findMany({ where: { releaseId: r.id, action: 'release.transition' } });
    const approvedEvents = events.filter((e) => (e.after as { status?: string } | null)?.status === 'approved');
    expect(approvedEvents).toHaveLength(1);
    const release = await h.prisma.release.findUniqueOrThrow({ where: { id: r.id } });
    expect(release.status).toBe('approved');
    expect(await h.prisma.approval.count({ where: { releaseId: r.id, invalidatedAt: null } })).toBe(NEEDED);
  });

  itRaces('parallel approvals on two releases do not block each other’s quorum', async () => {
    const [a, b] = [
      await submittedRelease(h.prisma, rm, { ownerId: rm.id!, level: 'low' }),
      await submittedRelease(h.prisma, rm, { ownerId: rm.id!, level: 'low' }),
    ];
    const calls = approvers
      .slice(0, 10)
      .flatMap((p) => [
        () => decideApproval.as(p)({ releaseKey: a.key, decision: 'approve', packageDigest: a.digest }),
        () => decideApproval.as(p)({ releaseKey: b.key, decision: 'approve', packageDigest: b.digest }),
      ]);
    const results = await race(h, calls);
    expect(results.every((x) => x.ok || x.code === 'conflict')).toBe(true);
    for (const r of [a, b]) {
      expect(await h.prisma.releaseTransition.count({ where: { releaseId: r.id, toStatus: 'approved' } })).toBe(1);
    }
  });
});
