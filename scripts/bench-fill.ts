// Fills a database that holds the seeded demo organisation up to a number of
// releases and audit events, for the HTTP benchmark (scripts/bench-http.ts).
// Set-based SQL (generate_series) for everything but the audit events, whose hash
// chain is computed here in batches, continuing from the chain head. Calling it
// again with larger targets tops the same database up.
//
// What a generated release looks like: a quarter are planned in the coming year
// (draft, submitted, approved, scheduled; a few deploying today), the rest in the
// past year (mostly closed, some cancelled, rejected, rolled back, deployed,
// handed over or in review). Owners are the two demo release managers (about a
// fifth of all releases) and twenty generated ones; each release targets staging,
// most production, some test, with windows once scheduled; has a package of one
// to three of the demo components (sealed once submitted, with a real manifest
// digest), approval requirements and approvals by the demo approvers per its risk
// level, deployments, verifications, handovers, reviews, risks, plan tasks,
// back-out plans and lifecycle transitions as its status implies. One-off freezes
// (one per 2,000 releases, at least six) are spread over the same two years, and
// some emergency releases carry a granted freeze override.
import { entryMac, hashEvent } from '@/lib/domain/audit-chain';
import { currentAuditKey } from '@/lib/server/audit';

export interface SqlRunner {
  exec(sql: string): Promise<void>;
  query<T>(sql: string, params?: unknown[]): Promise<T[]>;
}

export interface FillResult {
  releases: number;
  auditEvents: number;
  addedReleases: number;
  addedAuditEvents: number;
  releaseSeconds: number;
  auditSeconds: number;
  analyzeSeconds: number;
}

const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;
const arr = (xs: string[]) => `ARRAY[${xs.map(lit).join(',')}]::text[]`;

async function one<T>(runner: SqlRunner, sql: string, params?: unknown[]): Promise<T> {
  const rows = await runner.query<T>(sql, params);
  if (!rows[0]) throw new Error(`bench fill: no row for ${sql}`);
  return rows[0];
}

async function ids(runner: SqlRunner) {
  const users = await runner.query<{ id: string; email: string }>(`SELECT id, email FROM "User"`);
  const user = (email: string) => {
    const u = users.find((x) => x.email === email);
    if (!u) throw new Error(`bench fill: the demo user ${email} is missing (is the database seeded?)`);
    return u.id;
  };
  const envs = await runner.query<{ id: string; name: string }>(`SELECT id, name FROM "Environment"`);
  const env = (name: string) => {
    const e = envs.find((x) => x.name === name);
    if (!e) throw new Error(`bench fill: environment ${name} is missing`);
    return e.id;
  };
  const teams = (await runner.query<{ id: string }>(`SELECT id FROM "Team" ORDER BY slug`)).map((t) => t.id);
  const policy = (await one<{ id: string }>(runner, `SELECT id FROM "PolicyVersion" ORDER BY version DESC LIMIT 1`)).id;
  return {
    manager: user('manager@relm.test'),
    manager2: user('manager2@relm.test'),
    approver: user('approver@relm.test'),
    cab: user('cab@relm.test'),
    approver2: user('approver2@relm.test'),
    ops: user('ops@relm.test'),
    ops2: user('ops2@relm.test'),
    admin: user('admin@relm.test'),
    staging: env('staging'),
    production: env('production'),
    test: env('test'),
    teams,
    policy,
  };
}

/** Twenty release managers, ten approvers, six operations people and four viewers beside the demo people. */
async function ensureBenchPeople(runner: SqlRunner, teams: string[]) {
  const { n } = await one<{ n: number }>(runner, `SELECT count(*)::int AS n FROM "User" WHERE id LIKE 'bench-user-%'`);
  if (n > 0) return;
  await runner.exec(`
    INSERT INTO "User" (id, email, name, "passwordHash", "teamId", "createdAt", "updatedAt")
      SELECT 'bench-user-' || n, 'bench.user' || n || '@relm.test', 'Bench User ' || n,
        (SELECT "passwordHash" FROM "User" WHERE email = 'manager@relm.test'),
        (${arr(teams)})[1 + n % ${teams.length}], now() - interval '100 days', now() - interval '100 days'
      FROM generate_series(1, 40) n;
    INSERT INTO "UserRole" ("userId", role, "createdAt")
      SELECT 'bench-user-' || n,
        (CASE WHEN n <= 20 THEN 'release_manager' WHEN n <= 30 THEN 'approver' WHEN n <= 36 THEN 'operations' ELSE 'viewer' END)::"Role",
        now() - interval '100 days'
      FROM generate_series(1, 40) n;
  `);
}

async function fillReleases(runner: SqlRunner, from: number, to: number) {
  const x = await ids(runner);
  await ensureBenchPeople(runner, x.teams);
  const owners = [x.manager, x.manager, x.manager, x.manager2, x.manager2, ...Array.from({ length: 20 }, (_, i) => `bench-user-${i + 1}`)];
  const approvers = [x.approver, x.cab, x.approver2];
  const comps = await runner.query<{ id: string }>(`SELECT id FROM "Component" c WHERE EXISTS (SELECT 1 FROM "Build" b WHERE b."componentId" = c.id)`);
  const ncomp = comps.length;
  if (ncomp < 3) throw new Error('bench fill: the seeded catalogue needs at least three components with builds');

  // freezes first: overrides point at them
  const freezeTarget = Math.max(6, Math.round(to / 2000));
  const { n: freezes } = await one<{ n: number }>(runner, `SELECT count(*)::int AS n FROM "FreezeWindow" WHERE id LIKE 'bench-freeze-%'`);
  if (freezeTarget > freezes) {
    await runner.exec(`
      INSERT INTO "FreezeWindow" (id, name, reason, kind, "startsAt", "endsAt", timezone, active, "createdById", "createdAt", "updatedAt")
        SELECT 'bench-freeze-' || n, 'Freeze ' || n, 'Generated by the benchmark: a change freeze around a peak or an event.', 'one_off',
          date_trunc('day', now()) + (((n * 37) % 730) - 365) * interval '1 day',
          date_trunc('day', now()) + (((n * 37) % 730) - 365 + 1 + n % 3) * interval '1 day',
          'Europe/London', true, ${lit(x.admin)}, now() - interval '400 days', now() - interval '400 days'
        FROM generate_series(${freezes + 1}, ${freezeTarget}) n;
      INSERT INTO "FreezeWindowEnvironment" ("freezeId", "environmentId")
        SELECT 'bench-freeze-' || n, ${lit(x.production)} FROM generate_series(${freezes + 1}, ${freezeTarget}) n WHERE n % 2 = 0;
      INSERT INTO "FreezeWindowComponent" ("freezeId", "componentId")
        SELECT 'bench-freeze-' || n, (SELECT id FROM "Component" ORDER BY name OFFSET n % ${ncomp} LIMIT 1)
        FROM generate_series(${freezes + 1}, ${freezeTarget}) n WHERE n % 10 < 3;
    `);
  }

  await runner.exec(`
    DROP TABLE IF EXISTS bench_comp;
    CREATE TEMP TABLE bench_comp AS
      SELECT (row_number() OVER (ORDER BY c.name) - 1)::int AS idx, c.id, c.name,
        array_agg(b.id ORDER BY b."createdAt", b.id) AS builds
      FROM "Component" c JOIN "Build" b ON b."componentId" = c.id GROUP BY c.id, c.name;

    DROP TABLE IF EXISTS bench_plan;
    CREATE TEMP TABLE bench_plan AS
    WITH base AS (
      SELECT g,
        ('x' || substr(md5('a' || g), 1, 7))::bit(28)::int AS h1,
        ('x' || substr(md5('b' || g), 1, 7))::bit(28)::int AS h2,
        ('x' || substr(md5('c' || g), 1, 7))::bit(28)::int AS h3
      FROM generate_series(${from}, ${to}) g
    ), dated AS (
      SELECT *, CASE WHEN h1 % 4 = 0 THEN h2 % 366 ELSE -1 - h2 % 365 END AS day, h3 % 100 AS pct FROM base
    ), status AS (
      SELECT *,
        CASE
          WHEN day = 0 AND pct < 15 THEN 'deploying'
          WHEN day >= 0 THEN CASE WHEN pct < 35 THEN 'draft' WHEN pct < 55 THEN 'submitted' WHEN pct < 70 THEN 'approved' ELSE 'scheduled' END
          WHEN day >= -14 THEN CASE WHEN pct < 25 THEN 'deployed' WHEN pct < 50 THEN 'handed_over' WHEN pct < 62 THEN 'in_review' WHEN pct < 66 THEN 'rolled_back' WHEN pct < 70 THEN 'cancelled' ELSE 'closed' END
          ELSE CASE WHEN pct < 84 THEN 'closed' WHEN pct < 91 THEN 'cancelled' WHEN pct < 95 THEN 'rejected' WHEN pct < 97 THEN 'rolled_back' ELSE 'in_review' END
        END AS st,
        date_trunc('day', now()) + day * interval '1 day' + (8 + (h1 / 16) % 10) * interval '1 hour' AS ps,
        (1 + (h2 / 400) % 4) * interval '1 hour' AS dur
      FROM dated
    ), staged AS (
      SELECT *,
        CASE st WHEN 'draft' THEN 0 WHEN 'submitted' THEN 1 WHEN 'rejected' THEN 1 WHEN 'approved' THEN 2 WHEN 'scheduled' THEN 3
          WHEN 'deploying' THEN 4 WHEN 'rolled_back' THEN 4 WHEN 'deployed' THEN 5 WHEN 'handed_over' THEN 6 WHEN 'in_review' THEN 7
          WHEN 'closed' THEN 8 WHEN 'cancelled' THEN CASE WHEN h1 % 2 = 0 THEN 0 ELSE 2 END END AS stage,
        LEAST(now() - interval '1 hour', ps - (7 + h1 % 21) * interval '1 day') AS created
      FROM status
    )
    SELECT g, 'bench-rel-' || g AS id, 'bench-pkg-' || g AS pkg, h1, h2, h3, day, st::"ReleaseStatus" AS status, stage, ps, ps + dur AS pe, dur, created,
      (ARRAY['standard','normal','major','emergency'])[CASE WHEN (h3 / 100) % 100 < 50 THEN 1 WHEN (h3 / 100) % 100 < 80 THEN 2 WHEN (h3 / 100) % 100 < 95 THEN 3 ELSE 4 END]::"ReleaseType" AS type,
      (CASE WHEN (h3 / 10000) % 10 < 6 THEN 'low' WHEN (h3 / 10000) % 10 < 9 THEN 'medium' ELSE 'high' END)::"RiskLevel" AS risk,
      (${arr(owners)})[1 + (h1 / 4) % ${owners.length}] AS owner,
      h1 % 100 < 85 AS prod,
      CASE
        WHEN st = 'rejected' THEN ARRAY['draft','submitted','rejected']
        WHEN st = 'cancelled' AND h1 % 2 = 0 THEN ARRAY['draft','cancelled']
        WHEN st = 'cancelled' THEN ARRAY['draft','submitted','approved','cancelled']
        WHEN st = 'rolled_back' THEN ARRAY['draft','submitted','approved','scheduled','deploying','rolled_back']
        ELSE (ARRAY['draft','submitted','approved','scheduled','deploying','deployed','handed_over','in_review','closed'])[1:stage + 1]
      END AS path,
      GREATEST(created + interval '10 minutes', LEAST(now() - interval '5 minutes', ps + dur + interval '2 days')) - created AS span
    FROM staged;
    ALTER TABLE bench_plan ADD COLUMN steps int, ADD COLUMN submitted_at timestamptz, ADD COLUMN approved_at timestamptz;
    UPDATE bench_plan SET steps = array_length(path, 1) - 1;
    UPDATE bench_plan SET
      submitted_at = CASE WHEN stage >= 1 THEN created + span * 1 / GREATEST(steps, 1) END,
      approved_at = CASE WHEN stage >= 2 THEN created + span * 2 / GREATEST(steps, 2) END;

    INSERT INTO "Release" (id, title, type, status, "ownerId", "requesterId", "plannedStart", "plannedEnd", timezone, description,
        "riskLevel", "policyVersionId", version, "updatedById", "submittedAt", "approvedAt", "closedAt", "postReviewRequired", "createdAt", "updatedAt")
      SELECT id,
        (ARRAY['Checkout','Billing','Ledger','Search','Payment gateway','Notifications','Identity','Reporting','Mobile app','Storefront'])[1 + h2 % 10]
          || ' ' || (ARRAY['feature release','hotfix','schema migration','dependency upgrade','configuration change','security patch'])[1 + h3 % 6] || ' ' || g,
        type, status, owner, owner, ps, pe, 'Europe/London', 'Generated by the HTTP benchmark (scripts/bench-fill.ts).',
        CASE WHEN stage >= 1 THEN risk END, CASE WHEN stage >= 1 THEN ${lit(x.policy)} END, 1 + steps, owner,
        submitted_at, CASE WHEN stage >= 2 THEN approved_at END,
        CASE WHEN status IN ('closed', 'cancelled', 'rejected') THEN created + span END,
        status IN ('rolled_back', 'in_review') OR type = 'emergency',
        created, created + span
      FROM bench_plan ORDER BY g;

    INSERT INTO "ReleaseEnvironment" ("releaseId", "environmentId", "scheduledStart", "scheduledEnd")
      SELECT id, ${lit(x.staging)}, CASE WHEN stage >= 3 THEN ps - interval '1 day' END, CASE WHEN stage >= 3 THEN pe - interval '1 day' END FROM bench_plan
      UNION ALL
      SELECT id, ${lit(x.production)}, CASE WHEN stage >= 3 THEN ps END, CASE WHEN stage >= 3 THEN pe END FROM bench_plan WHERE prod
      UNION ALL
      SELECT id, ${lit(x.test)}, CASE WHEN stage >= 3 THEN ps - interval '2 days' END, CASE WHEN stage >= 3 THEN pe - interval '2 days' END FROM bench_plan WHERE h2 % 10 < 3;

    DROP TABLE IF EXISTS bench_items;
    CREATE TEMP TABLE bench_items AS
      SELECT p.g, k, c.id AS component_id, c.name, c.builds[1 + (p.h2 / 7 + k) % array_length(c.builds, 1)] AS build_id
      FROM bench_plan p CROSS JOIN generate_series(1, 3) k JOIN bench_comp c ON c.idx = (p.h1 / 3 + k) % ${ncomp}
      WHERE k <= 1 + p.h3 % 3;
    DROP TABLE IF EXISTS bench_seal;
    CREATE TEMP TABLE bench_seal AS
      SELECT g, manifest, encode(sha256(convert_to(manifest, 'UTF8')), 'hex') AS digest FROM (
        SELECT i.g, string_agg(i.name || '@' || b.version || '@' || b."artifactDigest", E'\\n' ORDER BY (i.name || '@' || b.version || '@' || b."artifactDigest") COLLATE "C") AS manifest
        FROM bench_items i JOIN "Build" b ON b.id = i.build_id JOIN bench_plan p ON p.g = i.g
        WHERE p.stage >= 1 GROUP BY i.g
      ) m;

    INSERT INTO "ReleasePackage" (id, "releaseId", "sealedDigest", "sealedAt", revision, "createdAt", "updatedAt")
      SELECT p.pkg, p.id, s.digest, CASE WHEN s.g IS NOT NULL THEN p.submitted_at - interval '10 minutes' END, CASE WHEN s.g IS NOT NULL THEN 1 ELSE 0 END,
        p.created, COALESCE(p.submitted_at - interval '10 minutes', p.created)
      FROM bench_plan p LEFT JOIN bench_seal s ON s.g = p.g;
    INSERT INTO "PackageItem" (id, "packageId", "componentId", "buildId", "addedAt")
      SELECT 'bench-pi-' || i.g || '-' || i.k, 'bench-pkg-' || i.g, i.component_id, i.build_id, p.created + interval '1 minute'
      FROM bench_items i JOIN bench_plan p ON p.g = i.g;
    INSERT INTO "PackageSeal" (id, "packageId", revision, digest, manifest, reason, "sealedById", "sealedAt")
      SELECT 'bench-seal-' || s.g, p.pkg, 1, s.digest, s.manifest, 'Sealed for submission', p.owner, p.submitted_at - interval '10 minutes'
      FROM bench_seal s JOIN bench_plan p ON p.g = s.g;

    INSERT INTO "ApprovalRequirement" (id, "releaseId", "policyVersionId", key, description, role, "requiredCount", "distinctTeams", "satisfiedAt", "createdAt")
      SELECT 'bench-req-' || p.g || '-' || r.key, p.id, ${lit(x.policy)}, r.key, r.description, r.role::"Role", r.n, r.distinct_teams,
        CASE WHEN p.stage >= 2 THEN p.approved_at END, p.submitted_at
      FROM bench_plan p JOIN (VALUES
        ('low', 'approver', '1 approver', 'approver', 1, false),
        ('medium', 'approver', '1 approver', 'approver', 1, false),
        ('medium', 'operations', '1 approver from operations', 'operations', 1, false),
        ('high', 'approvers', '2 approvers from different teams', 'approver', 2, true)
      ) r(level, key, description, role, n, distinct_teams) ON r.level = p.risk::text
      WHERE p.stage >= 1;

    INSERT INTO "Approval" (id, "releaseId", "requirementId", "approverId", decision, comment, "packageDigest", "policyVersionId", "createdAt", "expiresAt")
      SELECT 'bench-ap-' || p.g || '-' || a.n, p.id, 'bench-req-' || p.g || '-' || a.key, a.approver, a.decision::"ApprovalDecision", a.comment, s.digest,
        ${lit(x.policy)}, a.at, CASE WHEN a.decision = 'approve' THEN a.at + interval '7 days' END
      FROM bench_plan p JOIN bench_seal s ON s.g = p.g
      CROSS JOIN LATERAL (VALUES
        -- every requirement met once approved
        (1, CASE WHEN p.risk = 'high' THEN 'approvers' ELSE 'approver' END,
            CASE WHEN p.risk = 'high' THEN (ARRAY[${lit(x.approver)}, ${lit(x.approver2)}])[1 + p.h1 % 2] ELSE (${arr(approvers)})[1 + p.h1 % 3] END,
            'approve', 'Looks good.', p.approved_at - interval '1 hour', p.stage >= 2),
        (2, CASE WHEN p.risk = 'high' THEN 'approvers' ELSE 'operations' END,
            CASE WHEN p.risk = 'high' THEN ${lit(x.cab)} ELSE ${lit(x.ops2)} END,
            'approve', 'Fine from our side.', p.approved_at - interval '30 minutes', p.stage >= 2 AND p.risk IN ('medium', 'high')),
        -- some high-risk submissions half way there
        (3, 'approvers', ${lit(x.cab)}, 'approve', 'One of two.', LEAST(now() - interval '1 minute', p.submitted_at + interval '1 hour'),
            p.status = 'submitted' AND p.risk = 'high' AND p.h2 % 10 < 5),
        (4, CASE WHEN p.risk = 'high' THEN 'approvers' ELSE 'approver' END, (${arr(approvers)})[1 + p.h1 % 3], 'reject',
            'Not without a rehearsed back-out.', p.submitted_at + (p.created + p.span - p.submitted_at) / 2, p.status = 'rejected')
      ) a(n, key, approver, decision, comment, at, wanted)
      WHERE a.wanted;

    INSERT INTO "Deployment" (id, "releaseId", "environmentId", "sealId", "packageDigest", kind, status, "executedBy", "triggeredById", "externalRef",
        "scheduledFor", "startedAt", "finishedAt", notes, "createdAt", "updatedAt")
      SELECT 'bench-dep-' || p.g || '-' || d.suffix, p.id, d.env, CASE WHEN d.kind = 'deploy' THEN 'bench-seal-' || p.g END,
        CASE WHEN d.kind = 'deploy' THEN s.digest END, d.kind::"DeploymentKind", d.status::"DeploymentStatus", d.executed_by, d.triggered_by,
        'bench#' || p.g || d.suffix, d.started, d.started, d.finished, '', d.started - interval '1 hour', COALESCE(d.finished, d.started)
      FROM bench_plan p JOIN bench_seal s ON s.g = p.g
      CROSS JOIN LATERAL (VALUES
        ('s', ${lit(x.staging)}, 'deploy', 'succeeded', 'pipeline:github-actions', p.owner, p.ps - interval '1 day', p.ps - interval '1 day' + interval '30 minutes', p.stage >= 4),
        ('p', ${lit(x.production)}, 'deploy',
          CASE WHEN p.status = 'deploying' THEN 'in_progress' WHEN p.status = 'rolled_back' THEN 'failed' ELSE 'succeeded' END,
          'ops@relm.test', ${lit(x.ops)}, LEAST(now() - interval '10 minutes', p.ps),
          CASE WHEN p.status = 'deploying' THEN NULL ELSE LEAST(now() - interval '10 minutes', p.ps) + interval '40 minutes' END, p.stage >= 4 AND p.prod),
        ('b', ${lit(x.production)}, 'backout', 'succeeded', 'ops@relm.test', ${lit(x.ops)}, LEAST(now() - interval '10 minutes', p.ps) + interval '45 minutes',
          LEAST(now() - interval '10 minutes', p.ps) + interval '70 minutes', p.status = 'rolled_back' AND p.prod)
      ) d(suffix, env, kind, status, executed_by, triggered_by, started, finished, wanted)
      WHERE d.wanted;
    INSERT INTO "DeploymentItem" ("deploymentId", "componentId", "buildId")
      SELECT 'bench-dep-' || p.g || '-' || sfx, i.component_id, i.build_id
      FROM bench_plan p JOIN bench_items i ON i.g = p.g CROSS JOIN (VALUES ('s'), ('p')) v(sfx)
      WHERE p.stage >= 4 AND (v.sfx = 's' OR p.prod);
    INSERT INTO "VerificationResult" (id, "deploymentId", name, status, "evidenceUrl", details, "recordedAt")
      SELECT 'bench-ver-' || p.g, 'bench-dep-' || p.g || '-p', 'Smoke tests', (CASE WHEN p.status = 'rolled_back' THEN 'failed' ELSE 'passed' END)::"VerificationStatus",
        'https://ci.relm.test/runs/' || p.g, '', LEAST(now() - interval '10 minutes', p.ps) + interval '40 minutes'
      FROM bench_plan p WHERE p.stage >= 5 AND p.prod OR (p.status = 'rolled_back' AND p.prod);

    INSERT INTO "Handover" (id, "releaseId", "whatChanged", runbook, monitoring, "knownErrors", "supportContacts", status, "preparedById",
        "acknowledgedById", "acknowledgedAt", "createdAt", "updatedAt")
      SELECT 'bench-ho-' || p.g, p.id, 'What changed in this release.', 'https://wiki.relm.test/runbooks/bench', 'The service dashboard.', 'None known.',
        'The release owner; #platform-oncall', (CASE WHEN p.status = 'deployed' THEN 'ready' ELSE 'acknowledged' END)::"HandoverStatus", p.owner,
        CASE WHEN p.status = 'deployed' THEN NULL ELSE ${lit(x.ops)} END, CASE WHEN p.status = 'deployed' THEN NULL ELSE p.created + p.span END,
        p.pe, p.created + p.span
      FROM bench_plan p WHERE p.stage >= 5;
    INSERT INTO "PostReleaseReview" (id, "releaseId", "requiredReasons", outcome, "objectivesMet", "completedById", "completedAt", "createdAt", "updatedAt")
      SELECT 'bench-rv-' || p.g, p.id, CASE WHEN p.status = 'rolled_back' THEN ARRAY['backout'] ELSE ARRAY['emergency'] END,
        CASE WHEN p.status = 'closed' THEN 'successful'::"ReviewOutcome" END, CASE WHEN p.status = 'closed' THEN true END,
        CASE WHEN p.status = 'closed' THEN p.owner END, CASE WHEN p.status = 'closed' THEN p.created + p.span END, p.pe, p.created + p.span
      FROM bench_plan p WHERE p.status IN ('rolled_back', 'in_review') OR (p.status = 'closed' AND p.type = 'emergency');

    INSERT INTO "Risk" (id, "releaseId", title, likelihood, impact, score, mitigation, "ownerId", status, "createdAt", "updatedAt")
      SELECT 'bench-risk-' || p.g, p.id, 'Schema change may lock a busy table', 1 + p.h1 % 5, 1 + p.h2 % 5, (1 + p.h1 % 5) * (1 + p.h2 % 5),
        'Run it online, in batches, outside peak hours.', p.owner, (CASE WHEN p.stage >= 5 THEN 'closed' ELSE 'open' END)::"RiskStatus", p.created, p.created
      FROM bench_plan p WHERE p.h2 % 10 < 3;
    INSERT INTO "PlanTask" (id, "releaseId", name, "ownerId", "estimateMinutes", position, "actualStart", "actualFinish", "createdAt", "updatedAt")
      SELECT 'bench-task-' || p.g || '-' || t.n, p.id, t.name, p.owner, t.minutes, t.n,
        CASE WHEN p.stage >= 5 THEN p.ps + (t.n - 1) * interval '20 minutes' END, CASE WHEN p.stage >= 5 THEN p.ps + t.n * interval '20 minutes' END,
        p.created, p.created
      FROM bench_plan p CROSS JOIN (VALUES (1, 'Go/no-go check', 15), (2, 'Deploy', 30), (3, 'Verify and hand over', 20)) t(n, name, minutes)
      WHERE p.h3 % 10 < 2 AND p.type <> 'standard';
    INSERT INTO "PlanTaskDependency" ("taskId", "dependsOnId")
      SELECT 'bench-task-' || p.g || '-' || n, 'bench-task-' || p.g || '-' || (n - 1)
      FROM bench_plan p CROSS JOIN generate_series(2, 3) n WHERE p.h3 % 10 < 2 AND p.type <> 'standard';
    INSERT INTO "BackoutPlan" (id, "releaseId", "expectedDurationMinutes", "triggerCriteria", "updatedById", "createdAt", "updatedAt")
      SELECT 'bench-bo-' || p.g, p.id, 30, 'Error rate above 2 % for 5 minutes after the deployment.', p.owner, p.created, p.created
      FROM bench_plan p WHERE p.type <> 'standard' AND p.stage >= 1;
    INSERT INTO "BackoutStep" (id, "planId", position, description, "expectedMinutes")
      SELECT 'bench-bs-' || p.g || '-' || n, 'bench-bo-' || p.g, n, CASE WHEN n = 1 THEN 'Redeploy the previous builds' ELSE 'Check the dashboards' END, 15
      FROM bench_plan p CROSS JOIN generate_series(1, 2) n WHERE p.type <> 'standard' AND p.stage >= 1;

    INSERT INTO "FreezeOverride" (id, "freezeId", "releaseId", "environmentId", reason, status, "requestedById", "confirmedById", "decidedAt", "createdAt")
      SELECT 'bench-fo-' || p.g, 'bench-freeze-' || (1 + p.g % ${freezeTarget}), p.id, ${lit(x.production)}, 'Customer-facing outage: the fix cannot wait.',
        'granted', p.owner, ${lit(x.cab)}, p.approved_at, p.approved_at - interval '20 minutes'
      FROM bench_plan p WHERE p.type = 'emergency' AND p.stage >= 3 AND p.h1 % 10 < 3;

    INSERT INTO "ReleaseTransition" (id, "releaseId", "fromStatus", "toStatus", "actorId", reason, gates, "policyVersionId", at)
      SELECT 'bench-tr-' || p.g || '-' || i, p.id, p.path[i]::"ReleaseStatus", p.path[i + 1]::"ReleaseStatus",
        CASE WHEN p.path[i + 1] IN ('deploying', 'deployed', 'handed_over') THEN ${lit(x.ops)} ELSE p.owner END, '', '[]',
        ${lit(x.policy)}, p.created + p.span * i / p.steps
      FROM bench_plan p CROSS JOIN LATERAL generate_series(1, p.steps) i;

    INSERT INTO "Notification" (id, "userId", kind, title, body, link, "releaseId", "readAt", "createdAt")
      SELECT 'bench-n-' || p.g || '-' || u.n, u.id, 'approval.requested', 'Approval requested: REL-' || r.number || ' ' || r.title,
        'Submitted for approval.', '/releases/REL-' || r.number, p.id, CASE WHEN p.h1 % 2 = 0 THEN p.submitted_at + interval '1 hour' END, p.submitted_at
      FROM bench_plan p JOIN "Release" r ON r.id = p.id
      CROSS JOIN (VALUES (1, ${lit(x.approver)}), (2, ${lit(x.cab)}), (3, ${lit(x.approver2)})) u(n, id)
      WHERE p.status = 'submitted';

    DROP TABLE bench_plan; DROP TABLE bench_items; DROP TABLE bench_seal; DROP TABLE bench_comp;
  `);
}

const AUDIT_ACTIONS: { action: string; after: (n: number) => unknown }[] = [
  { action: 'release.update', after: (n) => ({ fields: ['title', 'description'], version: 2 + (n % 5) }) },
  { action: 'release.transition', after: (n) => ({ to: ['submitted', 'approved', 'scheduled', 'deploying', 'deployed', 'closed'][n % 6] }) },
  { action: 'package.add_build', after: (n) => ({ component: 'billing-api', version: `2.${n % 40}.0` }) },
  { action: 'package.seal', after: (n) => ({ revision: 1 + (n % 3) }) },
  { action: 'release.schedule', after: (n) => ({ environment: n % 2 ? 'production' : 'staging' }) },
  { action: 'risk.add', after: (n) => ({ likelihood: 1 + (n % 5), impact: 1 + (n % 4) }) },
  { action: 'plan.add_task', after: () => ({ name: 'Deploy' }) },
  { action: 'auth.sign_in', after: () => null },
  { action: 'token.use', after: (n) => ({ method: 'GET', path: '/api/v1/releases', requestId: `bench-${n}` }) },
];

/** Appends `count` audit events to the chain, continuing from its head, hashed here in batches. */
async function fillAudit(runner: SqlRunner, count: number, releaseCount: number) {
  const people = await runner.query<{ id: string; email: string }>(`SELECT id, email FROM "User" ORDER BY email`);
  const head = await one<{ seq: string; hash: string }>(runner, `SELECT seq::text AS seq, hash FROM "AuditChainHead" WHERE id = 1`);
  const key = currentAuditKey();
  const releases = (await runner.query<{ id: string }>(`SELECT id FROM "Release" WHERE id NOT LIKE 'bench-%'`)).map((r) => r.id);
  const benchReleases = releaseCount - releases.length;
  let prev = head.hash;
  const first = BigInt(head.seq) + 1n;
  // identities from the event sequence, reserved as a block; chain positions after the sealed head (decision 062)
  const block = await one<{ start: string }>(runner, `SELECT nextval('"AuditEvent_seq_seq"')::text AS start`);
  await runner.query(`SELECT setval('"AuditEvent_seq_seq"', $1::bigint)`, [String(BigInt(block.start) + BigInt(count))]);
  // spread over the past year, in seq order
  const end = Date.now() - 60_000;
  const step = Math.max(1, Math.floor((365 * 86_400_000) / Math.max(count, 1)));
  const BATCH = 2000;
  let pending: Promise<void> | null = null;
  for (let done = 0; done < count; done += BATCH) {
    const rows: string[] = [];
    for (let i = done; i < Math.min(done + BATCH, count); i++) {
      const seq = first + BigInt(i);
      const kind = AUDIT_ACTIONS[i % AUDIT_ACTIONS.length]!;
      const who = people[(i * 7) % people.length]!;
      const onRelease =
        kind.action.startsWith('release.') || kind.action.startsWith('package.') || kind.action.startsWith('risk.') || kind.action.startsWith('plan.');
      const releaseId = !onRelease
        ? null
        : benchReleases > 0 && i % 50 !== 0
          ? `bench-rel-${1 + ((i * 7919) % benchReleases)}`
          : releases[i % releases.length]!;
      const e = {
        seq: BigInt(block.start) + BigInt(i),
        at: new Date(end - (count - i) * step),
        actorId: who.id,
        actorLabel: kind.action === 'token.use' ? `token ci of ${who.email}` : who.email,
        actorType: kind.action === 'token.use' ? 'token' : 'user',
        action: kind.action,
        targetType: onRelease ? 'release' : kind.action === 'token.use' ? 'api_token' : 'user',
        targetId: onRelease ? releaseId : who.id,
        releaseId,
        before: null,
        after: kind.after(i),
        requestId: `bench-${seq}`,
        ip: `10.0.${i % 250}.${(i >> 8) % 250}`,
        keyId: key.id,
      };
      // written and sealed with the audit key, as appendAudit and the sequencer do
      const mac = entryMac(e, key);
      const hash = hashEvent(prev, { ...e, seq, entryMac: mac }, key);
      const sqlText = (v: string | null) => (v === null ? 'NULL' : lit(v));
      rows.push(
        `(${e.seq}, ${seq}, ${lit(mac)}, ${lit(e.at.toISOString())}, ${sqlText(e.actorId)}, ${lit(e.actorLabel)}, ${lit(e.actorType)}, ${lit(e.action)}, ${lit(e.targetType)}, ` +
          `${sqlText(e.targetId)}, ${sqlText(e.releaseId)}, ${e.after === null ? 'NULL' : lit(JSON.stringify(e.after))}, ${lit(e.requestId)}, ${lit(e.ip)}, ${lit(prev)}, ${lit(hash)}, ${lit(key.id)})`,
      );
      prev = hash;
    }
    if (pending) await pending;
    // the next batch is hashed while this one is written
    pending = runner.exec(
      `INSERT INTO "AuditEvent" (seq, "chainSeq", "entryMac", at, "actorId", "actorLabel", "actorType", action, "targetType", "targetId", "releaseId", after, "requestId", ip, "prevHash", hash, "keyId") VALUES ${rows.join(',')}`,
    );
  }
  if (pending) await pending;
  await runner.query(`UPDATE "AuditChainHead" SET seq = $1, hash = $2 WHERE id = 1`, [String(first + BigInt(count) - 1n), prev]);
}

/**
 * Tops the database up to `releases` releases and `auditEvents` audit events (never removes any),
 * then VACUUM (ANALYZE): a database in use has had autovacuum pass over it, which sets the
 * visibility map that index-only scans rely on (the dashboards' status summary counts on one);
 * right after a bulk fill no page is marked all-visible yet, a state a live database is in only
 * for minutes.
 */
export async function fillTo(runner: SqlRunner, target: { releases: number; auditEvents: number }): Promise<FillResult> {
  const count = async (table: string) => (await one<{ n: number }>(runner, `SELECT count(*)::int AS n FROM "${table}"`)).n;
  const have = await count('Release');
  const haveBench = (await one<{ n: number }>(runner, `SELECT count(*)::int AS n FROM "Release" WHERE id LIKE 'bench-rel-%'`)).n;
  let t = performance.now();
  const addReleases = Math.max(0, target.releases - have);
  if (addReleases > 0) {
    // in slices, so no single statement (and, on PGlite, no single WebAssembly heap) holds everything
    const SLICE = 25_000;
    for (let from = haveBench + 1; from <= haveBench + addReleases; from += SLICE) {
      await fillReleases(runner, from, Math.min(from + SLICE - 1, haveBench + addReleases));
    }
  }
  const releaseSeconds = (performance.now() - t) / 1000;
  t = performance.now();
  const haveAudit = await count('AuditEvent');
  const addAudit = Math.max(0, target.auditEvents - haveAudit);
  if (addAudit > 0) await fillAudit(runner, addAudit, Math.max(have, target.releases));
  const auditSeconds = (performance.now() - t) / 1000;
  t = performance.now();
  await runner.exec('VACUUM (ANALYZE)');
  return {
    releases: await count('Release'),
    auditEvents: await count('AuditEvent'),
    addedReleases: addReleases,
    addedAuditEvents: addAudit,
    releaseSeconds,
    auditSeconds,
    analyzeSeconds: (performance.now() - t) / 1000,
  };
}
