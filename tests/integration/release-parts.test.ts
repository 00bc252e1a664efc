import type * as React from 'react';
import type { ReactNode } from 'react';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DbHandle } from '@/lib/server/db';
import type { Actor } from '@/lib/server/actor';
import { freshDatabase } from '../support/db';
import { countStatements } from '../support/sql-count';
import { renderToString } from '@/tests/support/render';
import { digest, makeBuild, makeEnvironment, makePolicyVersion, makeUser, uid } from '../support/factories';
import { readyRelease } from './lifecycle-support';
import { nowMs } from '@/lib/server/clock';
import { RELEASE_PARTS, type ReleasePart } from '@/lib/domain/release-parts';

// The release page in parts (issue 12): each part's page, with the layout's loader, runs a
// bounded number of SQL statements, and the same number whether the database holds a few
// releases or hundreds more (with windows on the same environment, approvals, transitions).

const session = vi.hoisted(() => ({ actor: null as Actor | null }));
// React's cache() memoizes per server request only inside the React Server Components
// renderer; here each view is one "request": a memo per cached function, cleared before it.
const request = vi.hoisted(() => ({ memos: [] as { args: unknown[]; value: unknown }[][] }));
vi.mock('react', async (importOriginal) => {
  const actual = await importOriginal<typeof React>();
  const cache = <A extends unknown[], R>(fn: (...args: A) => R) => {
    const memo: { args: unknown[]; value: unknown }[] = [];
    request.memos.push(memo);
    return (...args: A): R => {
      const hit = memo.find((m) => m.args.length === args.length && m.args.every((a, i) => Object.is(a, args[i])));
      if (hit) return hit.value as R;
      const value = fn(...args);
      memo.push({ args, value });
      return value;
    };
  };
  return { ...actual, default: actual, cache };
});
const newRequest = () => request.memos.forEach((m) => (m.length = 0));
const revalidated = vi.hoisted(() => [] as unknown[][]);
vi.mock('next/cache', () => ({ revalidatePath: (...args: unknown[]) => revalidated.push(args), refresh: () => {} }));
vi.mock('next/navigation', () => ({
  notFound: () => {
    throw new Error('NEXT_NOT_FOUND');
  },
  redirect: (to: string) => {
    throw new Error(`NEXT_REDIRECT ${to}`);
  },
  useRouter: () => ({ replace: () => {}, push: () => {}, refresh: () => {} }),
  usePathname: () => '/',
  useSearchParams: () => new URLSearchParams(),
}));
vi.mock('@/lib/server/session', () => ({ currentUser: async () => session.actor, requireUser: async () => session.actor }));

type PageModule = { default: (props: { params: Promise<{ key: string }> }) => Promise<ReactNode> };
const PAGES: Record<ReleasePart, () => Promise<PageModule>> = {
  overview: () => import('@/app/(app)/releases/[key]/(release)/page'),
  package: () => import('@/app/(app)/releases/[key]/(release)/package/page'),
  plan: () => import('@/app/(app)/releases/[key]/(release)/plan/page'),
  risks: () => import('@/app/(app)/releases/[key]/(release)/risks/page'),
  approvals: () => import('@/app/(app)/releases/[key]/(release)/approvals/page'),
  schedule: () => import('@/app/(app)/releases/[key]/(release)/schedule/page'),
  deployments: () => import('@/app/(app)/releases/[key]/(release)/deployments/page'),
  backout: () => import('@/app/(app)/releases/[key]/(release)/backout/page'),
  handover: () => import('@/app/(app)/releases/[key]/(release)/handover/page'),
  discussion: () => import('@/app/(app)/releases/[key]/(release)/discussion/page'),
  history: () => import('@/app/(app)/releases/[key]/(release)/history/page'),
};
const { loadRelease } = await import('@/app/(app)/releases/[key]/_lib/release-page');
const { addRiskAction } = await import('@/app/(app)/releases/[key]/risk-actions');
const { addPlanTaskAction } = await import('@/app/(app)/releases/[key]/plan-actions');
const { transitionReleaseAction } = await import('@/app/(app)/releases/[key]/lifecycle-actions');
const { default: ReleaseLayout } = await import('@/app/(app)/releases/[key]/(release)/layout');

let h: DbHandle;
let rm: Actor;
let key: string;
let envId: string;

// in the test's language, under next-intl's provider (the parts' text comes from the catalogues)
const renderAll = (node: ReactNode): Promise<string> => renderToString(node);

/** Statements to show one part: the layout (header and tabs) and the part's page, rendered completely. */
async function viewPart(part: ReleasePart): Promise<{ statements: number; html: string }> {
  const page = await PAGES[part]();
  const params = Promise.resolve({ key });
  newRequest();
  const { statements, result } = await countStatements(async () => {
    const layout = await ReleaseLayout({ params, children: await page.default({ params }) });
    return renderAll(layout);
  });
  return { statements, html: result };
}

async function measure(): Promise<Record<ReleasePart, number>> {
  const out = {} as Record<ReleasePart, number>;
  for (const { part } of RELEASE_PARTS) out[part] = (await viewPart(part)).statements;
  console.info(`[release-parts] statements per part: ${JSON.stringify(out)}`);
  return out;
}

/**
 * n more releases, each with a window on the same environment (from day 3 on, after the
 * viewed release's window: more releases, not a conflict that changes what the page says),
 * a transition and an approval.
 */
async function addReleases(n: number) {
  const owner = await makeUser(h.prisma, ['release_manager']);
  const approver = await makeUser(h.prisma, ['approver']);
  const policy = await makePolicyVersion(h.prisma);
  const start = nowMs() + 3 * 86_400_000;
  const rows = Array.from({ length: n }, (_, i) => ({
    id: `bulk-${uid()}-${i}`,
    title: `Bulk release ${i}`,
    type: 'normal' as const,
    status: 'approved' as const,
    ownerId: owner.id,
    requesterId: owner.id,
    plannedStart: new Date(start + i * 3_600_000),
    plannedEnd: new Date(start + i * 3_600_000 + 7_200_000),
  }));
  await h.prisma.release.createMany({ data: rows });
  await h.prisma.releaseEnvironment.createMany({
    data: rows.map((r) => ({ releaseId: r.id, environmentId: envId, scheduledStart: r.plannedStart, scheduledEnd: r.plannedEnd })),
  });
  await h.prisma.releaseTransition.createMany({
    data: rows.map((r) => ({ releaseId: r.id, fromStatus: 'submitted' as const, toStatus: 'approved' as const, reason: '' })),
  });
  await h.prisma.approval.createMany({
    data: rows.map((r) => ({ releaseId: r.id, approverId: approver.id, decision: 'approve' as const, packageDigest: digest(), policyVersionId: policy.id })),
  });
}

beforeAll(async () => {
  h = await freshDatabase();
  rm = (await makeUser(h.prisma, ['release_manager'], { name: 'Rita Manager' })).actor;
  session.actor = rm;
  envId = (await makeEnvironment(h.prisma)).id;
  // the release viewed: a package, a plan, a back-out plan, a window on the shared environment
  const r = await readyRelease(h.prisma, { ownerId: rm.id! });
  key = r.key;
  const start = new Date(nowMs() + 2 * 86_400_000);
  const end = new Date(start.getTime() + 3_600_000);
  await h.prisma.release.update({ where: { id: r.id }, data: { plannedStart: start, plannedEnd: end, description: 'Ships the ledger fix.' } });
  await h.prisma.releaseEnvironment.create({ data: { releaseId: r.id, environmentId: envId, scheduledStart: start, scheduledEnd: end } });
  await h.prisma.risk.create({ data: { releaseId: r.id, title: 'Slow migration', likelihood: 2, impact: 3, score: 6 } });
  await makeBuild(h.prisma);
  // a few other releases
  await addReleases(3);
}, 120_000);

afterAll(async () => {
  await h?.close();
});

// Every part within 40 statements (Prisma's relationJoins reads a row and its relations in
// one statement), the same number whatever else the database holds.
const BUDGET = 40;

describe('the release page in parts', () => {
  it('shows the header, the tabs and its own content on every part', async () => {
    for (const { part, label } of RELEASE_PARTS) {
      const { html } = await viewPart(part);
      expect(html, part).toContain(key);
      expect(html, part).toContain('aria-label="Release"');
      expect(html, part).toContain(label.replace('&', '&amp;'));
    }
    const overview = (await viewPart('overview')).html;
    expect(overview).toContain('At a glance');
    expect(overview).toContain('What blocks the next step');
    expect(overview).toContain('Next steps');
    expect(overview).toContain('Ships the ledger fix.');
    expect((await viewPart('risks')).html).toContain('Slow migration');
    expect((await viewPart('handover')).html).toMatch(/id="review"/);
    expect((await viewPart('schedule')).html).toMatch(/id="freeze-overrides"/);
  });

  it('resolves the release once for the layout and the page (one lookup and one summary)', async () => {
    newRequest();
    const { statements } = await countStatements(async () => {
      await loadRelease(key);
      await loadRelease(key);
    });
    newRequest();
    expect(statements).toBe((await countStatements(() => loadRelease(key))).statements);
  });

  it('runs at most 40 statements per part, the same with 300 more releases', async () => {
    const before = await measure();
    await addReleases(300);
    const after = await measure();
    for (const { part } of RELEASE_PARTS) {
      expect(before[part], `${part}: ${before[part]} statements`).toBeLessThanOrEqual(BUDGET);
      expect(after[part], `${part} with 300 more releases`).toBe(before[part]);
    }
  }, 120_000);

  it('revalidates the part a save changed, and the whole release only when its status changes', async () => {
    const form = (values: Record<string, string>) => {
      const f = new FormData();
      for (const [k, v] of Object.entries(values)) f.set(k, v);
      return f;
    };
    const IDLE = { status: 'idle' as const };
    revalidated.length = 0;
    const risk = await addRiskAction(IDLE, form({ releaseKey: key, title: 'Cache stampede', likelihood: '2', impact: '2', mitigation: '', status: 'open' }));
    expect(risk.status).toBe('ok');
    expect(revalidated).toEqual([[`/releases/${key}/risks`]]);

    revalidated.length = 0;
    const task = await addPlanTaskAction(IDLE, form({ releaseKey: key, name: 'Warm the cache', estimateMinutes: '10' }));
    expect(task.status).toBe('ok');
    expect(revalidated).toEqual([[`/releases/${key}/plan`]]);

    revalidated.length = 0;
    const version = (await h.prisma.release.findFirstOrThrow({ where: { number: Number(key.slice(4)) } })).version;
    const cancelled = await transitionReleaseAction(
      IDLE,
      form({ releaseKey: key, to: 'cancelled', version: String(version), reason: 'Superseded by the next release.' }),
    );
    expect(cancelled.status).toBe('ok');
    expect(revalidated).toEqual([[`/releases/${key}`, 'layout']]);
  });
});
