import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/lib/server/db';
import { ReleaseStatus } from '@/lib/generated/prisma/enums';
import { verifyChain } from '@/lib/server/audit';
import { verifyPassword } from '@/lib/server/password';
import { BUILDS, DEMO_PASSWORD, DEMO_RELEASES, DEMO_USERS, planDemo, seedDemo } from '@/prisma/seed';
import { HISTORY_NEWEST_DAYS, HISTORY_RELEASES } from '@/prisma/seed/history';
import { freshDatabase } from '../support/db';
import { fingerprint } from '../support/inspect';
import { releaseKey } from '@/lib/domain/release-key';
import { relmVersion } from '@/lib/server/version';

let h: DbHandle;
let first: { created: boolean; summary: string };
// the seed's own rounding of now, so planDemo(NOW) is the plan it wrote
const NOW = Math.floor(Date.now() / 60_000) * 60_000;

beforeAll(async () => {
  h = await freshDatabase();
  first = await seedDemo(h.prisma, { now: new Date(NOW) });
});

afterAll(async () => {
  await h?.close();
});

describe('seedDemo', () => {
  it('creates the demo organisation', async () => {
    const p = h.prisma;
    expect(first.created).toBe(true);
    expect(first.summary).toContain('REL-1');
    expect(await p.team.count()).toBeGreaterThanOrEqual(3);
    expect(await p.user.count()).toBe(DEMO_USERS.length);
    // twelve of the organisation's own, and Relm itself (issue 17 point 7)
    expect(await p.component.count()).toBe(13);
    expect(await p.componentDependency.count()).toBeGreaterThan(0);
    expect(await p.build.count()).toBeGreaterThanOrEqual(24);
    expect(await p.environment.count()).toBe(4);
    expect(await p.policyVersion.count()).toBe(1);
    // the demo's releases, then a history of closed ones for the delivery metrics
    expect(await p.release.count()).toBe(DEMO_RELEASES.length + HISTORY_RELEASES);
    expect(DEMO_RELEASES.length).toBeGreaterThanOrEqual(18);
    // one audit event for the whole run, on an intact chain
    const events = await p.auditEvent.findMany();
    expect(events.map((e) => [e.action, e.targetType, e.actorLabel])).toEqual([['seed.demo', 'organisation', 'system']]);
    expect((await verifyChain(p)).ok).toBe(true);
  });

  it('changes nothing when run again', async () => {
    const before = await fingerprint(h.runner);
    const again = await seedDemo(h.prisma);
    expect(again.created).toBe(false);
    // every table: same row count and same content
    expect(await fingerprint(h.runner)).toEqual(before);
  });

  it('numbers the releases REL-1 onwards in table order', async () => {
    const rows = await h.prisma.release.findMany({
      where: { number: { lte: DEMO_RELEASES.length } },
      orderBy: { number: 'asc' },
      select: { number: true, title: true },
    });
    expect(rows.map((r) => r.number)).toEqual(DEMO_RELEASES.map((_, i) => i + 1));
    expect(rows.map((r) => r.title)).toEqual(DEMO_RELEASES.map((r) => r.title));
  });

  it('creates every demo user with their roles, team and the demo password', async () => {
    for (const u of DEMO_USERS) {
      const row = await h.prisma.user.findUnique({ where: { email: u.email }, include: { roles: true, team: true } });
      expect(row, u.email).not.toBeNull();
      expect(row!.roles.map((r) => r.role).sort()).toEqual([...u.roles].sort());
      expect(row!.team?.slug).toBe(u.team);
      expect(row!.disabledAt).toBeNull();
    }
    const hashes = await h.prisma.user.findMany({ select: { passwordHash: true } });
    expect(new Set(hashes.map((x) => x.passwordHash)).size).toBe(1); // hashed once
    expect(await verifyPassword(hashes[0]!.passwordHash, DEMO_PASSWORD)).toBe(true);
    expect(await verifyPassword(hashes[0]!.passwordHash, 'not-the-password')).toBe(false);
  });

  it('has the required personas', async () => {
    const byEmail = (email: string) => h.prisma.user.findUniqueOrThrow({ where: { email }, include: { roles: true, team: true } });
    const roles = async (email: string) => (await byEmail(email)).roles.map((r) => r.role);
    expect(await roles('admin@relm.test')).toContain('admin');
    expect(await roles('manager@relm.test')).toContain('release_manager');
    expect(await roles('ops@relm.test')).toContain('operations');
    expect(await roles('viewer@relm.test')).toEqual(['viewer']);
    const approver = await byEmail('approver@relm.test');
    const cab = await byEmail('cab@relm.test');
    expect(approver.roles.map((r) => r.role)).toContain('approver');
    expect(cab.roles.map((r) => r.role)).toContain('approver');
    expect(approver.team!.slug).toBe('payments');
    expect(cab.teamId).not.toBe(approver.teamId);
  });

  it('has the weekend freeze and the year-end freeze', async () => {
    const weekend = await h.prisma.freezeWindow.findFirstOrThrow({
      where: { kind: 'recurring' },
      include: { environments: { include: { environment: true } } },
    });
    expect(weekend).toMatchObject({
      name: 'Weekend production freeze',
      rrule: 'FREQ=WEEKLY;BYDAY=FR;BYHOUR=18;BYMINUTE=0;BYSECOND=0',
      durationMinutes: 3600,
      timezone: 'Europe/London',
      active: true,
    });
    expect(weekend.environments.map((e) => e.environment.name)).toEqual(['production']);
    const yearEnd = await h.prisma.freezeWindow.findFirstOrThrow({ where: { kind: 'one_off' } });
    expect(yearEnd.startsAt?.toISOString()).toBe('2026-12-21T00:00:00.000Z');
    expect(yearEnd.endsAt?.toISOString()).toBe('2027-01-04T06:00:00.000Z');
    expect(yearEnd.reason).toMatch(/^Year-end change freeze/);
  });

  it('has the environments in promotion order with production windows', async () => {
    const envs = await h.prisma.environment.findMany({ orderBy: { position: 'asc' }, include: { maintenanceWindows: true } });
    expect(envs.map((e) => [e.name, e.tier, e.position, e.protected])).toEqual([
      ['dev', 'development', 1, false],
      ['test', 'test', 2, false],
      ['staging', 'staging', 3, true],
      ['production', 'production', 4, true],
    ]);
    const prod = envs[3]!.maintenanceWindows.find((w) => w.kind === 'recurring');
    expect(prod).toMatchObject({ rrule: 'FREQ=WEEKLY;BYDAY=TU,WE,TH;BYHOUR=9;BYMINUTE=0', durationMinutes: 480, timezone: 'Europe/London' });
    // every environment runs one build of every component
    expect(await h.prisma.environmentComponent.count()).toBe(4 * 13);
  });

  it('covers every release status', async () => {
    const groups = await h.prisma.release.groupBy({ by: ['status'], _count: { _all: true } });
    expect(groups.map((g) => g.status).sort()).toEqual(Object.values(ReleaseStatus).sort());
  });

  it('leaves submitted releases waiting for approval, one of them owned by manager@relm.test', async () => {
    const submitted = await h.prisma.release.findMany({
      where: { status: 'submitted' },
      include: { owner: true, approvalRequirements: true, approvals: true, package: true },
    });
    expect(submitted.length).toBeGreaterThanOrEqual(2);
    expect(submitted.some((r) => r.owner.email === 'manager@relm.test')).toBe(true);
    const approver = await h.prisma.user.findUniqueOrThrow({ where: { email: 'approver@relm.test' } });
    for (const r of submitted) {
      expect(r.approvalRequirements.length).toBeGreaterThan(0);
      expect(r.approvals.length).toBeLessThanOrEqual(1);
      expect(r.approvals.some((a) => a.approverId === approver.id)).toBe(false); // still in approver@'s queue
      expect(r.package?.sealedDigest).toMatch(/^[0-9a-f]{64}$/);
      expect(r.policyVersionId).not.toBeNull();
      expect(r.riskLevel).not.toBeNull();
    }
    const notes = await h.prisma.notification.findMany({ where: { user: { email: { in: ['approver@relm.test', 'cab@relm.test'] } } } });
    expect(notes.length).toBeGreaterThan(0);
    expect(notes.some((n) => n.readAt === null)).toBe(true);
    for (const n of notes) expect(n.link).toMatch(/^\/releases\/REL-\d+$/);
  });

  it('seals packages as sha256 of the sorted manifest, and binds approvals to the seal', async () => {
    const packages = await h.prisma.releasePackage.findMany({
      where: { sealedDigest: { not: null } },
      include: { seals: true, items: { include: { build: true, component: true } }, release: { include: { approvals: true } } },
    });
    expect(packages.length).toBeGreaterThan(0);
    for (const pkg of packages) {
      const seal = pkg.seals.find((x) => x.revision === pkg.revision)!;
      const manifest = pkg.items
        .map((i) => `${i.component.name}@${i.build.version}@${i.build.artifactDigest}`)
        .sort()
        .join('\n');
      expect(seal.manifest).toBe(manifest);
      expect(seal.digest).toBe(crypto.createHash('sha256').update(manifest).digest('hex'));
      expect(pkg.sealedDigest).toBe(seal.digest);
      for (const a of pkg.release.approvals) {
        expect(a.packageDigest).toBe(seal.digest);
        expect([pkg.release.ownerId, pkg.release.requesterId]).not.toContain(a.approverId);
      }
    }
  });

  it('has work waiting for operations and review actions with owners', async () => {
    const waiting = await h.prisma.release.count({ where: { status: 'deployed', handover: { is: { status: 'ready' } } } });
    expect(waiting).toBeGreaterThanOrEqual(1);
    const rolledBack = await h.prisma.release.findFirstOrThrow({ where: { status: 'rolled_back' }, include: { deployments: true } });
    expect(rolledBack.deployments.some((d) => d.kind === 'backout' && d.status === 'succeeded')).toBe(true);
    expect(rolledBack.deployments.some((d) => d.kind === 'deploy' && d.status === 'failed')).toBe(true);
    const completed = await h.prisma.postReleaseReview.findMany({ where: { completedAt: { not: null } }, include: { actionItems: true } });
    expect(completed.length).toBeGreaterThan(0);
    expect(completed.every((r) => r.outcome !== null && r.actionItems.length > 0)).toBe(true);
    expect(await h.prisma.postReleaseReview.count({ where: { completedAt: null, release: { status: 'in_review' } } })).toBe(1);
    expect(await h.prisma.release.count({ where: { noKnownRisks: true } })).toBeGreaterThanOrEqual(1);
  });

  it('keeps one draft deliberately incompatible', async () => {
    const draft = await h.prisma.release.findFirstOrThrow({
      where: { status: 'draft', package: { is: { items: { some: { component: { name: 'ledger' }, build: { version: '3.0.0' } } } } } },
      include: { package: { include: { items: { include: { component: true } } } } },
    });
    expect(draft.description).toMatch(/incompatible/);
    const billing = await h.prisma.componentDependency.findFirstOrThrow({ where: { component: { name: 'billing-api' }, dependsOn: { name: 'ledger' } } });
    expect(billing.versionRange).toBe('>=2.3.0 <3.0.0');
    expect(draft.package!.items.map((i) => i.component.name)).toContain('billing-api');
  });

  it('writes nothing at all when it fails part-way', async () => {
    const other = await freshDatabase();
    try {
      // no users, so the seed runs, but the team it creates first already exists
      await other.prisma.team.create({ data: { slug: 'platform', name: 'Platform' } });
      const before = await fingerprint(other.runner);
      await expect(seedDemo(other.prisma)).rejects.toThrow();
      expect(await fingerprint(other.runner)).toEqual(before);
    } finally {
      await other.close();
    }
  });

  it('writes the plan: each release with its windows, risk, approvals, deployments, overrides and transitions', async () => {
    // planDemo itself is checked at every moment of the year in tests/unit/seed-plan.test.ts
    const { planned } = planDemo(NOW);
    const rows = await h.prisma.release.findMany({
      where: { number: { lte: planned.length } },
      orderBy: { number: 'asc' },
      include: {
        environments: { include: { environment: true } },
        approvals: true,
        deployments: { include: { environment: true }, orderBy: { createdAt: 'asc' } },
        freezeOverrides: { include: { freeze: true, environment: true } },
        transitions: { orderBy: { at: 'asc' } },
      },
    });
    expect(rows).toHaveLength(planned.length);
    for (const [i, p] of planned.entries()) {
      const r = rows[i]!;
      const key = releaseKey(p.number);
      expect([r.number, r.status, r.type], key).toEqual([p.number, p.seed.status, p.seed.type]);
      expect([r.plannedStart?.getTime(), r.plannedEnd?.getTime()], key).toEqual([p.plannedStart, p.plannedEnd]);
      expect(r.environments.map((e) => e.environment.name).sort(), key).toEqual([...p.windows.keys()].sort());
      expect(r.riskLevel, key).toBe(p.risk?.level ?? null);
      expect(r.approvals.map((a) => [a.decision, a.createdAt.getTime()]).sort(), key).toEqual(p.decisions.map((x) => [x.decision, x.at]).sort());
      expect(r.deployments.map((d) => `${d.environment.name} ${d.kind} ${d.status}`).sort(), key).toEqual(
        p.deployments.map((d) => `${d.env} ${d.kind} ${d.status}`).sort(),
      );
      expect(r.freezeOverrides.map((o) => `${o.environment.name} ${o.freeze.kind} ${o.status}`).sort(), key).toEqual(
        p.overrides.map((o) => `${o.env} ${o.freeze === 'weekend' ? 'recurring' : 'one_off'} granted`).sort(),
      );
      expect(
        r.transitions.map((t) => [t.fromStatus, t.toStatus, t.at.getTime()]),
        key,
      ).toEqual(p.transitions.map((t) => [t.from, t.to, t.at]));
    }
    // the weekend deployment of REL-6 ran on a two-person override
    const rel6 = rows[5]!;
    expect(rel6.freezeOverrides.some((o) => o.freeze.name === 'Weekend production freeze' && o.environment.name === 'production')).toBe(true);
    // nothing happened after now
    for (const r of rows) for (const t of r.transitions) expect(t.at.getTime()).toBeLessThanOrEqual(NOW);
  });

  it('puts the weekly train’s riders on a departure still boarding that ships their planned windows', async () => {
    const seats = await h.prisma.trainSeat.findMany({
      where: { departure: { train: { slug: 'weekly-web-train' } } },
      select: {
        release: { select: { number: true, environments: { select: { scheduledStart: true } } } },
        departure: { select: { departureAt: true, cutoffAt: true } },
      },
    });
    expect(seats.map((s) => releaseKey(s.release.number)).sort()).toEqual(['REL-12', 'REL-13']);
    const firstWindow = Math.min(...seats.flatMap((s) => s.release.environments.flatMap((e) => (e.scheduledStart ? [e.scheduledStart.getTime()] : []))));
    for (const s of seats) {
      expect(s.departure.cutoffAt.getTime()).toBeGreaterThan(NOW);
      // not a departure that leaves days before the releases are planned to deploy
      expect(s.departure.departureAt.getTime()).toBeGreaterThanOrEqual(firstWindow - 36 * 3_600_000);
    }
  });

  it('adds a history of closed releases after the demo’s own, older than anything shown for today', async () => {
    const history = await h.prisma.release.findMany({
      where: { number: { gt: DEMO_RELEASES.length } },
      include: { deployments: true, review: true, transitions: true, package: { include: { items: { include: { build: true } } } } },
    });
    expect(history).toHaveLength(HISTORY_RELEASES);
    expect(history.every((r) => r.status === 'closed')).toBe(true);
    const newest = Math.max(...history.flatMap((r) => r.deployments.map((x) => x.finishedAt!.getTime())));
    expect(newest).toBeLessThan(NOW - (HISTORY_NEWEST_DAYS - 1) * 86_400_000);
    // failures of each kind, with back-outs and reviews
    const deps = history.flatMap((r) => r.deployments);
    expect(deps.some((x) => x.kind === 'deploy' && x.status === 'failed')).toBe(true);
    expect(deps.some((x) => x.kind === 'backout' && x.status === 'succeeded')).toBe(true);
    expect(history.some((r) => r.review?.outcome === 'failed')).toBe(true);
    // every component's newest build is still one of the demo's
    const newestBuilds = await h.prisma.component.findMany({ include: { builds: { orderBy: { createdAt: 'desc' }, take: 1 } } });
    const historyBuilds = new Set(history.flatMap((r) => r.package!.items.map((i) => i.buildId)));
    for (const c of newestBuilds) expect(historyBuilds.has(c.builds[0]!.id), c.name).toBe(false);
  });

  it('has Relm itself as a component, with a build per version and its own release, closed', async () => {
    const running = relmVersion();
    const relm = await h.prisma.component.findUniqueOrThrow({
      where: { name: 'relm' },
      include: { ownerTeam: true, builds: { orderBy: { builtAt: 'asc' } }, dependencies: { include: { dependsOn: true } } },
    });
    expect(relm.ownerTeam.slug).toBe('platform');
    expect(relm.repository).toBe('https://git.relm.test/platform/relm');
    expect(relm.dependencies.map((x) => x.dependsOn.name)).toEqual(['identity']);
    // the versions of CHANGELOG.md, the newest the one running, built from its commit when known
    const versions = relm.builds.map((b) => b.version);
    expect(versions.slice(0, 2)).toEqual(['0.1.0', '0.2.0']);
    expect(versions[versions.length - 1]).toBe(running.version);
    const current = relm.builds.find((b) => b.version === running.version)!;
    if (running.commit) expect(current.sourceCommit).toBe(running.commit);
    expect(relm.builds.find((b) => b.version === '0.2.0')!.notes).toMatch(/^- .*\n- .*Single sign-on through OpenID Connect/s);
    for (const b of relm.builds) expect(b.artifactDigest).toMatch(/^[0-9a-f]{64}$/);

    // REL-23: the release of 0.2.0, through the policy like any other
    const n = DEMO_RELEASES.findIndex((r) => r.items.some(([c]) => c === 'relm')) + 1;
    expect(releaseKey(n)).toBe('REL-23');
    const rel = await h.prisma.release.findUniqueOrThrow({
      where: { number: n },
      include: {
        owner: true,
        requester: true,
        approvals: { include: { approver: true } },
        package: { include: { items: { include: { component: true, build: true } } } },
        backoutPlan: { include: { targets: { include: { build: true } }, steps: true } },
        deployments: { include: { environment: true, verifications: true } },
        environments: { include: { environment: true } },
        handover: true,
        review: { include: { actionItems: true } },
        announcement: true,
      },
    });
    expect(rel).toMatchObject({ status: 'closed', type: 'normal', riskLevel: 'low', postReviewRequired: false });
    expect(rel.title).toMatch(/^Relm 0\.2\.0/);
    expect([rel.owner.email, rel.requester.email]).toEqual(['manager@relm.test', 'admin@relm.test']);
    expect(rel.approvals.map((a) => [a.approver.email, a.decision])).toEqual([['cab@relm.test', 'approve']]);
    expect(rel.package!.items.map((i) => `${i.component.name}@${i.build.version}`)).toEqual(['relm@0.2.0']);
    expect(rel.backoutPlan!.targets.map((x) => x.build.version)).toEqual(['0.1.0']);
    expect(rel.backoutPlan!.steps.length).toBeGreaterThan(2);
    expect(rel.environments.map((e) => e.environment.name).sort()).toEqual(['production', 'staging']);
    expect(rel.deployments.map((d) => `${d.environment.name} ${d.kind} ${d.status}`).sort()).toEqual([
      'production deploy succeeded',
      'staging deploy succeeded',
    ]);
    for (const d of rel.deployments) expect(d.verifications.length > 0 && d.verifications.every((v) => v.status === 'passed')).toBe(true);
    expect(rel.handover?.status).toBe('acknowledged');
    expect(rel.review).toMatchObject({ requiredReasons: [], outcome: 'successful' });
    expect(rel.review!.completedAt).not.toBeNull();
    expect(rel.review!.actionItems.length).toBeGreaterThan(0);
    expect(rel.announcement?.status).toBe('published');
    // so staging and production run it now
    const runs = await h.prisma.environmentComponent.findMany({ where: { componentId: relm.id }, include: { environment: true, build: true } });
    expect(Object.fromEntries(runs.map((r) => [r.environment.name, r.build.version]))).toEqual({
      dev: '0.2.0',
      test: '0.2.0',
      staging: '0.2.0',
      production: '0.2.0',
    });
  });

  it('adds a build for a running Relm newer than the demo’s, built from its commit, in no release', async () => {
    const other = await freshDatabase();
    try {
      const seeded = await seedDemo(other.prisma, { now: new Date(NOW), relm: { version: '0.3.0', commit: '0123456789ab' } });
      expect(seeded.created).toBe(true);
      const builds = await other.prisma.build.findMany({
        where: { component: { name: 'relm' } },
        orderBy: { builtAt: 'asc' },
        include: { packageItems: true },
      });
      expect(builds.map((b) => b.version)).toEqual(['0.1.0', '0.2.0', '0.3.0']);
      const newest = builds[2]!;
      expect(newest).toMatchObject({
        sourceCommit: '0123456789ab',
        producedBy: 'ci:github-actions',
        notes: '- The changes listed under 0.3.0 in CHANGELOG.md.',
      });
      expect(newest.builtAt!.getTime()).toBeLessThan(NOW);
      expect(newest.packageItems).toEqual([]);
      // the demo's 0.2.0 keeps its stand-in commit
      expect(builds[1]!.sourceCommit).toMatch(/^[0-9a-f]{40}$/);
      const counted = await other.prisma.auditEvent.findFirstOrThrow({ where: { action: 'seed.demo' } });
      expect((counted.after as { builds: number }).builds).toBe(BUILDS.length + 1);
    } finally {
      await other.close();
    }
  });
});
