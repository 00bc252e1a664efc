import { renderToString } from '@/tests/support/render';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DbHandle } from '@/lib/server/db';
import { INBOX_PAGE_SIZE, listMyApprovalInbox } from '@/lib/server/approvals';
import type { Actor } from '@/lib/server/actor';
import { freshDatabase } from '../support/db';
import { makeTeam, makeUser } from '../support/factories';
import { policyDocument, savePolicy, submittedRelease } from './approvals-support';

// The approval inbox shows every release waiting for the approver, paged: it used to
// evaluate only the 200 earliest submitted releases (2,294 wait at scale). A page decides
// only as many batches of 200 as it needs (a lower bound until the last page is reached).

// one holder for every file that renders the approvals pages: test files share a worker's
// modules (isolate: false), so the page may be bound to another file's session mock
const session = vi.hoisted(() => {
  const g = globalThis as { __relmApprovalsSession?: { actor: Actor | null } };
  return (g.__relmApprovalsSession ??= { actor: null });
});
vi.mock('@/lib/server/session', () => ({ currentUser: async () => session.actor, requireUser: async () => session.actor }));
const { default: ApprovalsPage } = await import('@/app/(app)/approvals/page');

let h: DbHandle;
let approver: Actor;
let rm: Actor;
let firstKey: string;
const CLONES = 229;

beforeAll(async () => {
  h = await freshDatabase();
  const team = await makeTeam(h.prisma);
  rm = (await makeUser(h.prisma, ['release_manager'], { teamId: team.id })).actor;
  approver = (await makeUser(h.prisma, ['approver'], { teamId: team.id })).actor;
  await savePolicy(h.prisma, policyDocument());
  // one release submitted through the lifecycle, then copied row for row (package, seal
  // digest, requirements): 230 releases waiting, submitted a minute apart
  const t = await submittedRelease(h.prisma, rm, { ownerId: rm.id!, level: 'low' });
  firstKey = t.key;
  const g = `generate_series(1, ${CLONES}) g`;
  await h.runner.exec(`
    INSERT INTO "Release" (id, title, type, status, "ownerId", "requesterId", timezone, description, "businessJustification", "riskLevel",
                           "noKnownRisks", "risksAssessedAt", "policyVersionId", "submittedAt", "updatedAt")
      SELECT 'clone-' || g, title || ' copy ' || g, type, status, "ownerId", "requesterId", timezone, description, "businessJustification",
             "riskLevel", "noKnownRisks", "risksAssessedAt", "policyVersionId", "submittedAt" + g * interval '1 minute', now()
        FROM "Release", ${g} WHERE id = '${t.id}' ORDER BY g;
    INSERT INTO "ReleasePackage" (id, "releaseId", "sealedDigest", "sealedAt", revision, "updatedAt")
      SELECT 'clone-p-' || g, 'clone-' || g, "sealedDigest", "sealedAt", revision, now() FROM "ReleasePackage", ${g} WHERE "releaseId" = '${t.id}';
    INSERT INTO "PackageItem" (id, "packageId", "componentId", "buildId")
      SELECT 'clone-i-' || g, 'clone-p-' || g, i."componentId", i."buildId"
        FROM "PackageItem" i JOIN "ReleasePackage" p ON p.id = i."packageId", ${g} WHERE p."releaseId" = '${t.id}';
    INSERT INTO "ApprovalRequirement" (id, "releaseId", "policyVersionId", key, description, role, "teamId", "requiredCount", "distinctTeams")
      SELECT 'clone-q-' || g || '-' || q.id, 'clone-' || g, q."policyVersionId", q.key, q.description, q.role, q."teamId", q."requiredCount", q."distinctTeams"
        FROM "ApprovalRequirement" q, ${g} WHERE q."releaseId" = '${t.id}';`);
});

afterAll(async () => {
  await h?.close();
});

describe('the approval inbox', () => {
  it('counts and pages every waiting release, past the first 200, oldest submission first', async () => {
    const total = CLONES + 1;
    const started = performance.now();
    const first = await listMyApprovalInbox(approver);
    const ms = performance.now() - started;
    // the first page decides only the first batch of 200: a lower bound, and every candidate named
    expect({ total: first.total, complete: first.complete, candidates: first.candidates, page: first.page, n: first.items.length }).toEqual({
      total: 200,
      complete: false,
      candidates: total,
      page: 1,
      n: INBOX_PAGE_SIZE,
    });
    expect(first.items[0]!.key).toBe(firstKey);
    console.info(`[approval-inbox] ${total} waiting releases evaluated in ${Math.round(ms)} ms`);

    const pages = Math.ceil(total / INBOX_PAGE_SIZE);
    const keys: string[] = [];
    const submitted: string[] = [];
    for (let page = 1; page <= pages; page++) {
      const p = await listMyApprovalInbox(approver, { page });
      expect(p.page).toBe(page);
      keys.push(...p.items.map((i) => i.key));
      submitted.push(...p.items.map((i) => i.submittedAt!));
    }
    expect(keys).toHaveLength(total);
    expect(new Set(keys).size).toBe(total);
    expect(submitted).toEqual([...submitted].sort());
    // the last page holds what the old 200-release window never reached
    const last = await listMyApprovalInbox(approver, { page: pages });
    expect({ total: last.total, complete: last.complete }).toEqual({ total, complete: true });
    expect(last.items).toHaveLength(total - (pages - 1) * INBOX_PAGE_SIZE);
    expect(last.items.at(-1)!.title).toContain(`copy ${CLONES}`);
    // past the end: the last page
    expect((await listMyApprovalInbox(approver, { page: 999 })).page).toBe(pages);
  });

  it('shows the owner none of their own releases', async () => {
    const own = await listMyApprovalInbox({ ...rm, roles: ['release_manager', 'approver'] });
    expect(own.total).toBe(0);
    expect(own.items).toEqual([]);
  });

  it('renders "Showing 51–100 of at least 200" with previous and next links', async () => {
    session.actor = approver;
    const html = (await renderToString(await ApprovalsPage({ searchParams: Promise.resolve({ page: '2' }) }))).replace(/<!-- -->/g, '');
    const plain = html.replace(/<[^>]+>/g, '');
    expect(plain).toContain('Showing 51–100 of at least 200');
    expect(plain).toContain('At least 200 submitted releases waiting for your decision');
    expect(html).toContain('href="/approvals?page=3"');
    expect(html).toMatch(/href="\/approvals"[^>]*rel="prev"|rel="prev"[^>]*href="\/approvals"/);
  });
});
