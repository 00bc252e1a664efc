// npm run bench — measures the pages people open every day against a large
// organisation: tens of thousands of releases, hundreds of thousands of audit
// events. Builds its own database (in-memory PGlite, or a fresh database on the
// PostgreSQL server named by BENCH_DATABASE_URL) and prints timings; it asserts
// nothing — compare runs over time.
//
//   npm run bench                       20,000 releases, 200,000 audit events
//   BENCH_RELEASES=50000 BENCH_AUDIT=500000 npm run bench
//   npm run bench -- --http [--embedded]   over HTTP against the production build (scripts/bench-http.ts)
import crypto from 'node:crypto';
import { GENESIS_HASH, hashEvent } from '@/lib/domain/audit-chain';
import { DEMO_POLICY_DOCUMENT } from '@/prisma/seed/data/policy';
import { openDatabase, installDbHandle, type DbHandle } from '@/lib/server/db';
import { currentAuditKey, verifyChain } from '@/lib/server/audit';
import { listAuditEvents } from '@/lib/server/audit-trail';
import { listUsers } from '@/lib/server/users';
import type { Actor } from '@/lib/server/actor';
import * as releases from '@/lib/server/releases';
import * as approvals from '@/lib/server/approvals';
import * as dashboard from '@/lib/server/dashboard';
import * as deployments from '@/lib/server/deployments';
import * as insights from '@/lib/server/insights';
import * as scheduling from '@/lib/server/scheduling';
import * as calendar from '@/lib/server/calendar';
import * as timeline from '@/lib/server/timeline';
import * as globalSearch from '@/lib/server/search';
import { criticalPath } from '@/lib/domain/critical-path';
import { findOverlaps, type OverlapEvent } from '@/lib/domain/calendar';
import { createDatabase, dropDatabase } from './bench-server';
import { occurrences } from '@/lib/domain/recurrence';
import { DEFAULT_SCHEDULE_POLICY, nextFreeSlots, type OtherRelease } from '@/lib/domain/scheduling';

const RELEASES = Number(process.env.BENCH_RELEASES ?? 20_000);
const AUDIT = Number(process.env.BENCH_AUDIT ?? 200_000);
const RUNS = 5;

async function open(): Promise<{ handle: DbHandle; drop: () => Promise<void> }> {
  const server = process.env.BENCH_DATABASE_URL;
  if (!server) return { handle: await openDatabase({ kind: 'memory' }, { migrate: true }), drop: async () => undefined };
  const name = `relm_bench_${crypto.randomBytes(4).toString('hex')}`;
  const handle = await openDatabase({ kind: 'postgres', url: await createDatabase(server, name) }, { migrate: true });
  return { handle, drop: () => dropDatabase(server, name) };
}

async function time(label: string, fn: () => Promise<unknown>) {
  await fn(); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await fn();
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  const median = samples[Math.floor(samples.length / 2)]!;
  console.log(`${label.padEnd(52)} median ${median.toFixed(1).padStart(8)} ms   max ${samples[samples.length - 1]!.toFixed(1).padStart(8)} ms`);
}

/** Critical path of a 1,000-task plan with ~3,000 dependencies, some tasks started or finished: pure computation, 50 runs. */
function benchCriticalPath() {
  let seed = 7;
  const rnd = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
  const planStart = new Date('2026-12-03T20:00:00Z');
  const now = new Date(planStart.getTime() + 90 * 60_000);
  const tasks = Array.from({ length: 1000 }, (_, i) => {
    const dependsOn = new Set<string>();
    for (let k = 0; k < 3 && i > 0; k++) dependsOn.add(`t${Math.floor(rnd() * i)}`);
    const started = i < 50 ? new Date(planStart.getTime() + i * 60_000) : null;
    return {
      id: `t${i}`,
      name: `Task ${i}`,
      durationMinutes: 1 + Math.floor(rnd() * 120),
      dependsOn: [...dependsOn],
      actualStart: started,
      actualFinish: i < 25 ? now : null,
    };
  });
  const edges = tasks.reduce((n, t) => n + t.dependsOn.length, 0);
  criticalPath(tasks, { planStart, now }); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < 50; i++) {
    const t = performance.now();
    criticalPath(tasks, { planStart, now });
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  const median = samples[Math.floor(samples.length / 2)]!;
  const p95 = samples[Math.ceil(samples.length * 0.95) - 1]!;
  console.log(
    `${`critical path: 1,000 tasks, ${edges} dependencies`.padEnd(52)} median ${median.toFixed(2).padStart(8)} ms   p95 ${p95.toFixed(2).padStart(8)} ms`,
  );
}

/** Median and slowest of `runs` runs (after a warm-up) of a pure computation. */
function timeSync(label: string, fn: () => unknown, runs = 5) {
  fn(); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  const median = samples[Math.floor(samples.length / 2)]!;
  console.log(`${label.padEnd(52)} median ${median.toFixed(1).padStart(8)} ms   max ${samples[samples.length - 1]!.toFixed(1).padStart(8)} ms`);
}

// Pure rules over large inputs. These were speed limits inside the unit tests (where a
// busy machine made them fail for no fault of the code); here they are figures to compare.
function benchPureRules() {
  const H = 3_600_000;
  timeSync('recurrence: hourly occurrences over 90 days', () =>
    occurrences(
      { kind: 'recurring', rrule: 'FREQ=HOURLY;BYMINUTE=15', durationMinutes: 10, timezone: 'America/New_York' },
      new Date('2026-02-01T00:00:00Z'),
      new Date('2026-05-02T00:00:00Z'),
    ),
  );
  const events: OverlapEvent[] = Array.from({ length: 20_000 }, (_, i) => ({
    id: `e${i}`,
    releaseId: `r${i}`,
    start: new Date(i * 2 * H),
    end: new Date((i * 2 + 9) * H),
    environment: `env${i % 4}`,
    components: [`c${i % 50}`],
  }));
  timeSync('calendar: overlaps among 20,000 events', () => findOverlaps(events));
  const base = Date.UTC(2026, 11, 1);
  const prod = { environmentId: 'e-prod', environmentName: 'production', tier: 'production', position: 3 };
  const others: OtherRelease[] = Array.from({ length: 200 }, (_, i) => ({
    id: `o${i}`,
    key: `REL-${200 + i}`,
    ownerId: 'u-sam',
    ownerName: 'Sam Lee',
    status: 'scheduled',
    componentIds: ['c-web'],
    windows: [{ environmentId: 'e-prod', environmentName: 'production', start: new Date(base + i * 10 * H), end: new Date(base + (i * 10 + 9) * H) }],
  }));
  timeSync('scheduling: 5 free slots in 90 days, 200 releases', () =>
    nextFreeSlots(
      {
        release: {
          id: 'r1',
          key: 'REL-10',
          ownerId: 'u-priya',
          ownerName: 'Priya Shah',
          componentIds: ['c-billing'],
          windows: [{ ...prod, start: null, end: null }],
        },
        maintenance: {},
        freezes: [],
        overrides: [],
        others,
        acknowledgements: [],
        policy: DEFAULT_SCHEDULE_POLICY,
        componentNames: { 'c-billing': 'billing-api', 'c-web': 'web' },
        timezone: 'Europe/London',
      },
      'e-prod',
      120,
      new Date(base),
      90,
      5,
    ),
  );
}

async function main() {
  if (process.argv.includes('--http')) {
    // npm run bench -- --http: the same pages over HTTP against the production build
    await import('./bench-http');
    return;
  }
  const { handle, drop } = await open();
  installDbHandle(handle);
  const { runner } = handle;
  console.log(`database: ${handle.target.kind}; ${RELEASES} releases, ${AUDIT} audit events`);

  let t = performance.now();
  await runner.exec(`
    INSERT INTO "Team" (id, slug, name, "updatedAt") SELECT 'team' || g, 'team-' || g, 'Team ' || g, now() FROM generate_series(1, 10) g;
    INSERT INTO "User" (id, email, name, "passwordHash", "teamId", "updatedAt")
      SELECT 'user' || g, 'user' || g || '@bench.test', 'User ' || g, 'x', 'team' || (g % 10 + 1), now() FROM generate_series(1, 200) g;
    INSERT INTO "UserRole" ("userId", role) SELECT 'user' || g, (ARRAY['release_manager','approver','operations','viewer','admin'])[g % 5 + 1]::"Role" FROM generate_series(1, 200) g;
    INSERT INTO "Environment" (id, name, "displayName", tier, position, "updatedAt") VALUES
      ('env-dev','dev','Development','development',1,now()), ('env-test','test','Test','test',2,now()),
      ('env-staging','staging','Staging','staging',3,now()), ('env-prod','production','Production','production',4,now());
    INSERT INTO "Release" (id, title, type, status, "ownerId", "requesterId", "plannedStart", "plannedEnd", timezone, "updatedAt")
      SELECT 'rel' || g, 'Release ' || g || ' of the ' || (ARRAY['billing','ledger','checkout','search'])[g % 4 + 1] || ' service',
        (ARRAY['standard','normal','major','emergency'])[g % 4 + 1]::"ReleaseType",
        (ARRAY['draft','submitted','approved','scheduled','deploying','deployed','handed_over','in_review','closed','rejected','cancelled','rolled_back'])[g % 12 + 1]::"ReleaseStatus",
        'user' || (g % 200 + 1), 'user' || (g % 200 + 1),
        now() + ((g % 400) - 200) * interval '1 day', now() + ((g % 400) - 200) * interval '1 day' + interval '2 hours', 'Europe/London', now()
      FROM generate_series(1, ${RELEASES}) g;
    INSERT INTO "ReleaseEnvironment" ("releaseId", "environmentId", "scheduledStart", "scheduledEnd")
      SELECT 'rel' || g, 'env-staging', now() + ((g % 400) - 200) * interval '1 day' + (g % 24) * interval '1 hour', now() + ((g % 400) - 200) * interval '1 day' + (g % 24 + 1) * interval '1 hour'
      FROM generate_series(1, ${RELEASES}) g;
    INSERT INTO "ReleaseEnvironment" ("releaseId", "environmentId", "scheduledStart", "scheduledEnd")
      SELECT 'rel' || g, 'env-prod', now() + ((g % 400) - 200) * interval '1 day' + (g % 24 + 2) * interval '1 hour', now() + ((g % 400) - 200) * interval '1 day' + (g % 24 + 3) * interval '1 hour'
      FROM generate_series(1, ${RELEASES}) g WHERE g % 2 = 0;
    -- the catalogue: 200 components with 20 builds each; what every environment runs; a deployment per release that got that far
    INSERT INTO "Component" (id, name, "ownerTeamId", tier, "updatedAt") SELECT 'comp' || c, 'component-' || c, 'team' || (c % 10 + 1), c % 4 + 1, now() FROM generate_series(1, 200) c;
    INSERT INTO "Build" (id, "componentId", version, "artifactDigest", "producedBy", "workItems")
      SELECT 'build' || c || '-' || v, 'comp' || c, '1.' || v || '.0', md5(c || '-' || v) || md5(v || '-' || c), 'ci',
             jsonb_build_array(jsonb_build_object('key', 'PAY-' || (c * 100 + v)), jsonb_build_object('key', 'OPS-' || (c * 100 + v)))
        FROM generate_series(1, 200) c, generate_series(1, 20) v;
    -- every release ships two components (the search looks through them)
    INSERT INTO "ReleasePackage" (id, "releaseId", "updatedAt") SELECT 'pkg' || g, 'rel' || g, now() FROM generate_series(1, ${RELEASES}) g;
    INSERT INTO "PackageItem" (id, "packageId", "componentId", "buildId")
      SELECT 'item' || g || '-' || k, 'pkg' || g, 'comp' || ((g + k * 7) % 200 + 1), 'build' || ((g + k * 7) % 200 + 1) || '-' || (g % 20 + 1)
        FROM generate_series(1, ${RELEASES}) g, generate_series(0, 1) k;
    INSERT INTO "EnvironmentComponent" ("environmentId", "componentId", "buildId")
      SELECT e.id, 'comp' || c, 'build' || c || '-' || (20 - e.n) FROM generate_series(1, 200) c, (VALUES ('env-dev', 0), ('env-test', 1), ('env-staging', 2), ('env-prod', 3)) AS e(id, n);
    INSERT INTO "Deployment" (id, "releaseId", "environmentId", kind, status, "executedBy", "startedAt", "finishedAt", "updatedAt")
      SELECT 'dep' || g, 'rel' || g, 'env-staging', 'deploy', (CASE WHEN g % 12 = 4 THEN 'in_progress' ELSE 'succeeded' END)::"DeploymentStatus", 'ci', now(), CASE WHEN g % 12 = 4 THEN NULL ELSE now() END, now()
      FROM generate_series(1, ${RELEASES}) g WHERE g % 12 + 1 IN (5, 6, 7, 8, 9, 12);
    -- delivery metrics: production deployments of the releases that got past deploying, over the last 200 days
    -- (every 10th failed and retried an hour later), the rolled-back ones backed out
    INSERT INTO "Deployment" (id, "releaseId", "environmentId", kind, status, "executedBy", "startedAt", "finishedAt", "updatedAt")
      SELECT 'pdep' || g, 'rel' || g, 'env-prod', 'deploy', (CASE WHEN g % 10 = 0 THEN 'failed' ELSE 'succeeded' END)::"DeploymentStatus", 'ci',
             now() - (g % 200) * interval '1 day', now() - (g % 200) * interval '1 day' + interval '30 minutes', now()
      FROM generate_series(1, ${RELEASES}) g WHERE g % 12 + 1 IN (6, 7, 8, 9, 12);
    INSERT INTO "Deployment" (id, "releaseId", "environmentId", kind, status, "executedBy", "startedAt", "finishedAt", "updatedAt")
      SELECT 'pdep2-' || g, 'rel' || g, 'env-prod', 'deploy', 'succeeded', 'ci',
             now() - (g % 200) * interval '1 day' + interval '1 hour', now() - (g % 200) * interval '1 day' + interval '90 minutes', now()
      FROM generate_series(1, ${RELEASES}) g WHERE g % 12 + 1 IN (6, 7, 8, 9, 12) AND g % 10 = 0;
    INSERT INTO "Deployment" (id, "releaseId", "environmentId", kind, status, "executedBy", "startedAt", "finishedAt", "updatedAt")
      SELECT 'pback' || g, 'rel' || g, 'env-prod', 'backout', 'succeeded', 'ci',
             now() - (g % 200) * interval '1 day' + interval '2 hours', now() - (g % 200) * interval '1 day' + interval '150 minutes', now()
      FROM generate_series(1, ${RELEASES}) g WHERE g % 12 + 1 = 12;
  `);
  // the submitted releases wait for one approver under the demo policy (the approval inbox evaluates them)
  await runner.query(`INSERT INTO "PolicyVersion" (id, version, document) VALUES ('pv-bench', 1, $1)`, [JSON.stringify(DEMO_POLICY_DOCUMENT)]);
  await runner.exec(`
    UPDATE "Release" SET "policyVersionId" = 'pv-bench', "submittedAt" = "plannedStart" - interval '10 days' WHERE status = 'submitted';
    INSERT INTO "ApprovalRequirement" (id, "releaseId", "policyVersionId", key, description, role, "requiredCount")
      SELECT 'req-' || id, id, 'pv-bench', 'approver', '1 approver', 'approver', 1 FROM "Release" WHERE status = 'submitted';
  `);
  console.log(`inserted releases in ${((performance.now() - t) / 1000).toFixed(1)} s`);

  t = performance.now();
  let prev = GENESIS_HASH;
  const start = Date.now() - AUDIT * 1000;
  const key = currentAuditKey();
  for (let from = 1; from <= AUDIT; from += 2000) {
    const rows: string[] = [];
    for (let seq = from; seq < Math.min(from + 2000, AUDIT + 1); seq++) {
      const e = {
        seq,
        at: new Date(start + seq * 1000),
        actorId: null,
        actorLabel: `user${seq % 200}@bench.test`,
        actorType: 'user',
        action: ['release.update', 'user.update', 'team.create', 'auth.sign_in'][seq % 4]!,
        targetType: 'release',
        targetId: `rel${seq % RELEASES}`,
        releaseId: null,
        before: null,
        after: { n: seq },
        requestId: null,
        ip: null,
        keyId: key.id,
      };
      // sealed with the audit key, as appendAudit seals
      const hash = hashEvent(prev, e, key);
      rows.push(
        `(${seq}, ${seq}, '${e.at.toISOString()}', '${e.actorLabel}', 'user', '${e.action}', 'release', '${e.targetId}', '{"n":${seq}}', '${prev}', '${hash}', '${key.id}')`,
      );
      prev = hash;
    }
    await runner.exec(
      `INSERT INTO "AuditEvent" (seq, "chainSeq", at, "actorLabel", "actorType", action, "targetType", "targetId", after, "prevHash", hash, "keyId") VALUES ${rows.join(',')}`,
    );
  }
  await runner.query(`UPDATE "AuditChainHead" SET seq = $1, hash = $2 WHERE id = 1`, [AUDIT, prev]);
  // events as sealed before decision 062 (chain position = seq); new ones are numbered after them
  await runner.query(`SELECT setval('"AuditEvent_seq_seq"', $1::bigint)`, [AUDIT]);
  // VACUUM too: rows inserted after a GIN index was built wait in its pending list
  // (autovacuum's job in production), which makes the planner shun the trigram indexes
  await runner.exec('VACUUM ANALYZE');
  console.log(`inserted audit events in ${((performance.now() - t) / 1000).toFixed(1)} s\n`);

  const admin: Actor = { type: 'user', id: 'user5', label: 'user5@bench.test', email: 'user5@bench.test', name: 'Admin', roles: ['admin'], teamId: 'team1' };
  const manager: Actor = { ...admin, id: 'user1', label: 'user1@bench.test', roles: ['release_manager'] };
  const approver: Actor = { ...admin, id: 'user2', label: 'user2@bench.test', roles: ['approver'] };

  await time('releases list, first page', () => releases.listReleases(manager, {}));
  await time('releases list, status=submitted, page 20', () => releases.listReleases(manager, { status: 'submitted', page: '20' }));
  await time('releases list, search by title', () => releases.listReleases(manager, { q: 'checkout' }));
  await time('releases list, search by component name', () => releases.listReleases(manager, { q: 'component-17' }));
  await time('releases list, search by work item key', () => releases.listReleases(manager, { q: 'PAY-1705' }));
  await time('releases list, search by build version', () => releases.listReleases(manager, { q: '1.17.0' }));
  await time('releases list, search by key', () => releases.listReleases(manager, { q: `REL-${Math.floor(RELEASES / 3)}` }));
  await time('releases list, page 400 by offset', () => releases.listReleases(manager, { page: '400' }));
  const deep = await releases.listReleases(manager, { page: '399' });
  await time('releases list, page 400 by cursor', () => releases.listReleases(manager, { cursor: deep.nextCursor ?? undefined }));
  // user6 holds the approver role in the database (user2's is operations)
  const inboxApprover: Actor = { ...admin, id: 'user6', label: 'user6@bench.test', email: 'user6@bench.test', roles: ['approver'] };
  await time('approval inbox (approver), first page', () => approvals.listMyApprovalInbox(inboxApprover));
  await time('approval inbox (approver), last page', () => approvals.listMyApprovalInbox(inboxApprover, { page: 1000 }));
  const inbox = await approvals.listMyApprovalInbox(inboxApprover);
  console.log(`  (the approver's inbox holds ${inbox.total} releases)`);
  await time('releases list, owner + environment filter', () => releases.listReleases(manager, { owner: 'user1', environment: 'production' }));
  await time('releases list, component + version + risk filters', () =>
    releases.listReleases(manager, { component: 'component-17', version: '1.17.0', risk: ['high', 'medium'] }),
  );
  await time('releases list, team + window filters', () => releases.listReleases(manager, { team: 'team-1', from: '2026-01-01', to: '2026-03-31' }));
  // the shell's search box (decision 048): every kind, a few hits each
  await time('global search, a word (admin: every kind)', () => globalSearch.search(admin, 'checkout'));
  await time('global search, a build version', () => globalSearch.search(admin, '1.17.0'));
  await time('global search, a work item key', () => globalSearch.search(admin, 'PAY-1705'));
  await time('global search, a release key', () => globalSearch.search(manager, `REL-${Math.floor(RELEASES / 3)}`));
  await time('global search, two letters', () => globalSearch.search(admin, 'co'));
  await time('release detail by key', () => releases.getRelease(manager, `REL-${Math.floor(RELEASES / 2)}`));
  await time('dashboard (release manager)', () => dashboard.getDashboard(manager));
  await time('dashboard (approver)', () => dashboard.getDashboard(approver));
  const operations: Actor = { ...admin, id: 'user3', label: 'user3@bench.test', roles: ['operations'] };
  await time('dashboard (operations: deployments to run)', () => dashboard.getDashboard(operations));
  const approved = RELEASES - ((RELEASES - 2) % 12); // approved, with a production window
  const approvedId = (await handle.prisma.release.findUniqueOrThrow({ where: { number: approved }, select: { id: true } })).id;
  await time('scheduling: conflict check, one release', () => handle.prisma.$transaction((tx) => scheduling.loadScheduleFacts(tx, approvedId)));
  await time('scheduling: schedule panel (check + slot horizon)', () => scheduling.getSchedule(manager, `REL-${approved}`));
  await time('scheduling: 3 free slots, production, 2 hours', () => scheduling.suggestSlots(manager, `REL-${approved}`, 'production', 120, { limit: 3 }));
  await time('calendar: month view', () => calendar.getCalendar(manager, {}));
  await time('calendar: iCalendar feed, default range', () => calendar.getCalendarFeed(manager, {}));
  await time('timeline: 4 weeks by team (active), uncached', () => (timeline.timelineCache.clear(), timeline.getTimeline(manager, {})));
  await time('timeline: 4 weeks by team, all statuses, uncached', () => (timeline.timelineCache.clear(), timeline.getTimeline(manager, { status: 'all' })));
  await time('timeline: 4 weeks by team (active), cached', () => timeline.getTimeline(manager, {}));
  await time(
    'timeline: 12 weeks by environment, all (capped), uncached',
    () => (timeline.timelineCache.clear(), timeline.getTimeline(manager, { weeks: '12', group: 'environment', status: 'all' })),
  );
  await time(
    'timeline: 12 weeks, team + risk + text, uncached',
    () => (timeline.timelineCache.clear(), timeline.getTimeline(manager, { weeks: '12', team: 'team-3', risk: 'high', q: 'checkout' })),
  );
  await time('environments: what runs where (800 cells)', () => deployments.whatRunsWhere(operations));
  await time('deployment gate, production', () => deployments.getDeploymentGate(operations, `REL-${RELEASES - 8}`, 'production'));
  await time('delivery metrics (/insights), last 12 weeks', () => insights.getInsightsPage(manager, {}));
  await time('delivery metrics, last 26 weeks, one team', () => insights.getInsightsPage(manager, { period: '26', team: 'team-2' }));
  await time('users list', () => listUsers(admin, {}));
  await time('audit trail, newest page', () => listAuditEvents(admin, {}));
  await time('audit trail, filtered by action, deep page', () => listAuditEvents(admin, { action: 'team.create', before: String(Math.floor(AUDIT / 3)) }));
  const v = performance.now();
  const result = await verifyChain(handle.prisma);
  console.log(
    `${'audit chain verification (whole chain, once)'.padEnd(52)} ${(performance.now() - v).toFixed(0).padStart(15)} ms  (${result.checked} events, ok=${result.ok})`,
  );
  benchCriticalPath();
  benchPureRules();

  await handle.close();
  await drop();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
