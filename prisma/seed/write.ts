import 'server-only';
import { releaseKey } from '@/lib/domain/release-key';
import crypto from 'node:crypto';
import type { Prisma, PrismaClient } from '@/lib/generated/prisma/client';
import { criticalPath } from '@/lib/domain/critical-path';
import { upcomingDepartures } from '@/lib/domain/trains';
import { TemplateBodySchema } from '@/lib/domain/templates';
import { manifestDigest, packageManifest } from '@/lib/domain/manifest';
import { appendAudit } from '@/lib/server/audit';
import { nowMs } from '@/lib/server/clock';
import type { Tx } from '@/lib/server/db';
import { hashPassword } from '@/lib/server/password';
import { relmVersion, type RelmVersion } from '@/lib/server/version';
import {
  ADMIN,
  APPROVER,
  APPROVER2,
  BASELINE,
  BASELINE_DAYS_AGO,
  BUILDS,
  CAB,
  CI_ENVIRONMENTS,
  COMPONENTS,
  DEMO_PASSWORD,
  DEMO_POLICY_DOCUMENT,
  DEMO_TEAMS,
  DEMO_TRAINS,
  DEMO_TEMPLATE,
  DEMO_USERS,
  ENVIRONMENTS,
  MAINTENANCE_WINDOWS,
  OPS,
  OPS2,
  RELM,
  TZ,
  WEEKEND_FREEZE,
  YEAR_END_FREEZE,
  type Email,
  type EnvName,
} from './data';
import {
  DAY,
  DEPLOYED_FULLY,
  HOUR,
  LEDGER_WINDOW_LABEL,
  MINUTE,
  PAST_APPROVAL,
  backoutSteps,
  ledgerMigrationWindow,
  londonDay,
  planDemo,
  planTasks,
  runningRelmBuild,
  type PlannedRelease,
} from './plan';
import { planHistory } from './history';

// Writes the demo organisation (./data, dated by ./plan) into an empty database:
// one transaction, refused when the database has any user.

// Stand-ins for what CI would report about each build: stable per component and version.
const buildDigest = (component: string, version: string) => crypto.createHash('sha256').update(`relm-demo-artifact:${component}@${version}`).digest('hex');
const buildCommit = (component: string, version: string) => crypto.createHash('sha1').update(`relm-demo-commit:${component}@${version}`).digest('hex');

/**
 * Seeds the demo organisation at `now` (default: the clock of lib/server), unless the database
 * has users. `relm` is the Relm that seeds (default: this one, lib/server/version.ts): the demo's
 * Relm build of its version carries its commit.
 */
export async function seedDemo(prisma: PrismaClient, opts: { now?: Date; relm?: RelmVersion } = {}): Promise<{ created: boolean; summary: string }> {
  const nothing = { created: false, summary: 'the database already has users: nothing seeded' };
  if ((await prisma.user.count()) > 0) return nothing;
  const now = Math.floor((opts.now?.getTime() ?? nowMs()) / MINUTE) * MINUTE;
  const { planned, builtAt, prodBefore } = planDemo(now);
  const passwordHash = await hashPassword(DEMO_PASSWORD); // once: argon2id is slow on purpose

  return prisma.$transaction(
    async (tx) => {
      // checked again inside the transaction: another process may have seeded meanwhile
      if ((await tx.user.count()) > 0) return nothing;
      const counts = await write(tx, now, planned, builtAt, prodBefore, passwordHash, opts.relm ?? relmVersion());
      await appendAudit(tx, { id: null, label: 'system', type: 'system' }, null, { action: 'seed.demo', targetType: 'organisation', after: counts });
      const last = planned.length;
      return {
        created: true,
        summary:
          `${counts.teams} teams, ${counts.users} users, ${counts.components} components, ${counts.builds} builds, ${counts.environments} environments, ` +
          `${counts.releases} releases (${releaseKey(1)} to ${releaseKey(last)}) and ${counts.historyReleases} closed ones before them for the delivery metrics ` +
          `(${releaseKey(last + 1)} to ${releaseKey(last + counts.historyReleases)}). Sign in as ${DEMO_USERS.map((u) => u.email).join(', ')} with the password "${DEMO_PASSWORD}".`,
      };
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
}

async function write(
  tx: Tx,
  now: number,
  planned: PlannedRelease[],
  builtAt: Map<string, number>,
  prodBefore: Map<number, Map<string, string>>,
  passwordHash: string,
  relm: RelmVersion,
) {
  const d = (t: number) => new Date(t);
  const json = (v: unknown) => v as Prisma.InputJsonValue;

  // ---- people
  const teamId = new Map<string, string>();
  for (const t of DEMO_TEAMS) {
    const row = await tx.team.create({ data: { ...t, createdAt: d(now - 120 * DAY), updatedAt: d(now - 120 * DAY) } });
    teamId.set(t.slug, row.id);
  }
  const userId = new Map<string, string>();
  for (const u of DEMO_USERS) {
    const row = await tx.user.create({
      data: {
        email: u.email,
        name: u.name,
        passwordHash,
        teamId: teamId.get(u.team)!,
        createdAt: d(now - 110 * DAY),
        updatedAt: d(now - 110 * DAY),
        roles: { create: u.roles.map((role) => ({ role, createdAt: d(now - 110 * DAY) })) },
      },
    });
    userId.set(u.email, row.id);
  }
  const uid = (email: string) => {
    const id = userId.get(email);
    if (!id) throw new Error(`seed: unknown user ${email}`);
    return id;
  };
  const admin = uid(ADMIN);

  // ---- catalogue
  const componentId = new Map<string, string>();
  for (const c of COMPONENTS) {
    const row = await tx.component.create({
      data: {
        name: c.name,
        description: c.description,
        ownerTeamId: teamId.get(c.team)!,
        tier: c.tier,
        repository: `https://git.relm.test/${c.team}/${c.name}`,
        distributionList: c.distributionList ?? '',
        createdAt: d(now - 100 * DAY),
        updatedAt: d(now - 100 * DAY),
      },
    });
    componentId.set(c.name, row.id);
  }
  await tx.componentDependency.createMany({
    data: COMPONENTS.flatMap((c) =>
      Object.entries(c.dependsOn).map(([dep, range]) => ({
        componentId: componentId.get(c.name)!,
        dependsOnId: componentId.get(dep)!,
        versionRange: range,
        createdAt: d(now - 100 * DAY),
      })),
    ),
  });

  // Relm's own builds (issue 17 point 7): the one of the running version is built from its commit
  const commitOf = (component: string, version: string) =>
    component === RELM && version === relm.version && relm.commit ? relm.commit : buildCommit(component, version);
  const buildId = new Map<string, string>();
  const buildsByAge = [...BUILDS].sort((a, b) => builtAt.get(`${a.component}@${a.version}`)! - builtAt.get(`${b.component}@${b.version}`)!);
  for (const b of buildsByAge) {
    const key = `${b.component}@${b.version}`;
    const at = builtAt.get(key)!;
    const team = COMPONENTS.find((c) => c.name === b.component)!.team;
    const row = await tx.build.create({
      data: {
        componentId: componentId.get(b.component)!,
        version: b.version,
        artifactDigest: buildDigest(b.component, b.version),
        sourceRepo: `https://git.relm.test/${team}/${b.component}`,
        sourceCommit: commitOf(b.component, b.version),
        sourceBranch: b.branch ?? 'main',
        notes: b.notes.map((n) => `- ${n}`).join('\n'),
        workItems: json(b.workItems.map(([key, title]) => ({ key, title, url: `https://tracker.relm.test/browse/${key}` }))),
        producedBy: b.producedBy ?? (team === 'data' ? 'ci:buildkite' : 'ci:github-actions'),
        recordedById: b.producedBy ? (userId.get(b.producedBy) ?? null) : null,
        builtAt: d(at),
        createdAt: d(at + 7 * MINUTE),
      },
    });
    buildId.set(key, row.id);
  }
  // a running version newer than the demo's Relm builds (bumped since): built an hour ago, in no release yet
  const running = runningRelmBuild(relm.version);
  if (running) {
    await tx.build.create({
      data: {
        componentId: componentId.get(RELM)!,
        version: running.version,
        artifactDigest: buildDigest(RELM, running.version),
        sourceRepo: `https://git.relm.test/platform/${RELM}`,
        sourceCommit: commitOf(RELM, running.version),
        sourceBranch: 'main',
        notes: running.notes.map((n) => `- ${n}`).join('\n'),
        producedBy: 'ci:github-actions',
        builtAt: d(now - HOUR),
        createdAt: d(now - HOUR + 7 * MINUTE),
      },
    });
  }
  const build = (c: string, v: string) => {
    const id = buildId.get(`${c}@${v}`);
    if (!id) throw new Error(`seed: no build ${c}@${v}`);
    return id;
  };

  // ---- environments, windows, freezes
  const envId = new Map<EnvName, string>();
  for (const e of ENVIRONMENTS) {
    const row = await tx.environment.create({ data: { ...e, createdAt: d(now - 120 * DAY), updatedAt: d(now - 120 * DAY) } });
    envId.set(e.name, row.id);
  }
  const ledgerWindow = ledgerMigrationWindow(now);
  await tx.maintenanceWindow.createMany({
    data: [
      ...MAINTENANCE_WINDOWS.map((w) => ({
        environmentId: envId.get(w.env)!,
        label: w.label,
        kind: 'recurring' as const,
        rrule: w.rrule,
        durationMinutes: w.durationMinutes,
        timezone: TZ,
        createdAt: d(now - 120 * DAY),
      })),
      {
        environmentId: envId.get('production')!,
        label: LEDGER_WINDOW_LABEL,
        kind: 'one_off' as const,
        startsAt: d(ledgerWindow.start),
        endsAt: d(ledgerWindow.end),
        timezone: TZ,
        createdAt: d(now - 2 * DAY),
      },
    ],
  });

  const weekend = await tx.freezeWindow.create({
    data: {
      name: WEEKEND_FREEZE.name,
      reason: WEEKEND_FREEZE.reason,
      kind: 'recurring',
      rrule: WEEKEND_FREEZE.rrule,
      durationMinutes: WEEKEND_FREEZE.durationMinutes,
      timezone: TZ,
      createdById: admin,
      createdAt: d(now - 100 * DAY),
      updatedAt: d(now - 100 * DAY),
      environments: { create: [{ environmentId: envId.get('production')! }] },
    },
  });
  const yearEnd = await tx.freezeWindow.create({
    data: {
      name: YEAR_END_FREEZE.name,
      reason: YEAR_END_FREEZE.reason,
      kind: 'one_off',
      startsAt: YEAR_END_FREEZE.startsAt,
      endsAt: YEAR_END_FREEZE.endsAt,
      timezone: TZ,
      createdById: admin,
      createdAt: d(now - 30 * DAY),
      updatedAt: d(now - 30 * DAY),
      environments: { create: YEAR_END_FREEZE.environments.map((e) => ({ environmentId: envId.get(e)! })) },
    },
  });
  const freezeId = { weekend: weekend.id, 'year-end': yearEnd.id };

  // ---- policy
  const policy = await tx.policyVersion.create({
    data: {
      version: 1,
      document: json(DEMO_POLICY_DOCUMENT),
      note: 'Initial policy agreed by the Change Advisory Board.',
      createdById: admin,
      createdAt: d(now - 90 * DAY),
    },
  });

  // ---- the release template the policy pre-approves as a standard change (docs/decisions/044, 045)
  {
    const { tasks, ...rest } = DEMO_TEMPLATE.body;
    const body = TemplateBodySchema.parse({
      ...rest,
      tasks: tasks.map(({ owner, ...t }) => ({ ...t, dependsOn: [...t.dependsOn], ownerId: uid(owner) })),
    });
    await tx.releaseTemplate.create({
      data: {
        name: DEMO_TEMPLATE.name,
        description: DEMO_TEMPLATE.description,
        createdAt: d(now - 60 * DAY),
        updatedAt: d(now - 60 * DAY),
        versions: {
          create: [{ version: 1, body: json(body), savedById: uid(DEMO_TEMPLATE.savedBy), savedByName: 'Priya Shah', createdAt: d(now - 60 * DAY) }],
        },
      },
    });
  }

  // ---- what staging and production run, deployment by deployment
  type State = Map<string, { version: string; since: number; deploymentKey: string | null }>;
  const baselineState = (): State =>
    new Map(Object.entries(BASELINE).map(([c, v]) => [c, { version: v, since: now - BASELINE_DAYS_AGO * DAY, deploymentKey: null }]));
  const envState: Record<'staging' | 'production', State> = { staging: baselineState(), production: baselineState() };
  const completed: { env: 'staging' | 'production'; at: number; items: [string, string][]; key: string }[] = [];

  // ---- releases
  const releaseId = new Map<number, string>();
  const deploymentId = new Map<string, string>();
  const counters = { deployments: 0, approvals: 0, transitions: 0, risks: 0, tasks: 0 };
  let ref = 4100;

  // REL-1 is the first release even if an earlier seed attempt rolled back after taking numbers
  await tx.$executeRawUnsafe(`SELECT setval(pg_get_serial_sequence('"Release"', 'number'), 1, false)`);

  for (const p of planned) {
    const s = p.seed;
    const owner = uid(s.owner);
    const lastTransition = p.transitions[p.transitions.length - 1];
    const risk = p.risk;
    const rel = await tx.release.create({
      data: {
        title: s.title,
        type: s.type,
        status: s.status,
        ownerId: owner,
        requesterId: uid(s.requester ?? s.owner),
        plannedStart: d(p.plannedStart),
        plannedEnd: d(p.plannedEnd),
        timezone: TZ,
        description: s.description,
        businessJustification: s.justification,
        riskLevel: risk?.level ?? null,
        riskFactors: risk ? json({ score: risk.score, factors: risk.factors }) : undefined,
        riskComputedAt: p.sealed ? d(p.sealed - 5 * MINUTE) : null,
        noKnownRisks: !!s.noKnownRisks,
        risksAssessedAt: p.sealed ? d(p.sealed - 30 * MINUTE) : null,
        policyVersionId: p.submitted ? policy.id : null,
        version: 2 + p.transitions.length + (s.items.length > 1 ? 1 : 0),
        updatedById: lastTransition ? uid(lastTransition.actor) : owner,
        submittedAt: p.submitted ? d(p.submitted) : null,
        approvedAt: p.approved ? d(p.approved) : null,
        closedAt: p.closed ? d(p.closed) : null,
        // a review the policy did not ask for (REL-23's) leaves the flag down
        postReviewRequired: !!s.review?.requiredReasons.length || s.type === 'emergency' || p.overrides.length > 0,
        createdAt: d(p.created),
        updatedAt: d(lastTransition?.at ?? p.created + 2 * HOUR),
      },
    });
    if (rel.number !== p.number) throw new Error(`seed: expected ${releaseKey(p.number)}, the database assigned ${releaseKey(rel.number)}`);
    releaseId.set(p.number, rel.id);
    const scheduledTimes = PAST_APPROVAL.includes(s.status) && s.status !== 'approved';
    await tx.releaseEnvironment.createMany({
      data: [...p.windows].map(([env, w]) => ({
        releaseId: rel.id,
        environmentId: envId.get(env)!,
        scheduledStart: scheduledTimes ? d(w.start) : null,
        scheduledEnd: scheduledTimes ? d(w.end) : null,
      })),
    });
    if (s.stakeholders?.length) {
      await tx.releaseStakeholder.createMany({ data: s.stakeholders.map(([email, note]) => ({ releaseId: rel.id, userId: uid(email), note })) });
    }
    if (s.coManagers?.length) {
      await tx.releaseCoManager.createMany({
        data: s.coManagers.map((email) => ({ releaseId: rel.id, userId: uid(email), addedById: uid(s.owner), addedAt: d(p.created) })),
      });
    }

    // package and seal
    const pkg = await tx.releasePackage.create({ data: { releaseId: rel.id, createdAt: d(p.created + 10 * MINUTE), updatedAt: d(p.created + 10 * MINUTE) } });
    await tx.packageItem.createMany({
      data: s.items.map(([c, v]) => ({
        packageId: pkg.id,
        componentId: componentId.get(c)!,
        buildId: build(c, v),
        addedAt: d(Math.min(Math.max(p.created + 30 * MINUTE, builtAt.get(`${c}@${v}`)! + HOUR), (p.sealed ?? now) - 10 * MINUTE)),
      })),
    });
    let seal: { id: string; digest: string } | null = null;
    if (p.sealed) {
      const manifest = packageManifest(s.items.map(([c, v]) => ({ component: c, version: v, digest: buildDigest(c, v) })));
      const digest = manifestDigest(manifest);
      seal = await tx.packageSeal.create({
        data: { packageId: pkg.id, revision: 1, digest, manifest, reason: 'Sealed for submission', sealedById: owner, sealedAt: d(p.sealed) },
        select: { id: true, digest: true },
      });
      await tx.releasePackage.update({ where: { id: pkg.id }, data: { sealedDigest: digest, sealedAt: d(p.sealed), revision: 1, updatedAt: d(p.sealed) } });
    }

    // risks
    if (s.risks?.length) {
      await tx.risk.createMany({
        data: s.risks.map((r, i) => ({
          releaseId: rel.id,
          title: r.title,
          description: r.description ?? '',
          likelihood: r.likelihood,
          impact: r.impact,
          score: r.likelihood * r.impact,
          mitigation: r.mitigation,
          ownerId: uid(r.owner ?? s.owner),
          status: r.status,
          createdAt: d(p.created + (i + 1) * HOUR),
          updatedAt: d(p.created + (i + 1) * HOUR),
        })),
      });
      counters.risks += s.risks.length;
    }

    // plan tasks, with actual times where the work happened
    if (s.plan) {
      const tasks = planTasks(s);
      // Actual times follow production's deployment: the deployment tasks are
      // stretched or squeezed to span it exactly (up to the failure, for a
      // back-out), and what comes after follows from there.
      const prodRuns = p.deployments.filter((x) => x.env === 'production' && x.kind === 'deploy' && x.startedAt !== undefined);
      const firstDeploy = tasks.findIndex((x) => x.name.startsWith('Deploy '));
      const lastDeploy = firstDeploy + s.items.length - 1;
      const isDeploy = (i: number) => i >= firstDeploy && i <= lastDeploy;
      const lead = tasks.slice(0, firstDeploy).reduce((n, x) => n + x.minutes, 0) * MINUTE;
      const d0 = prodRuns[0]?.startedAt;
      const deployEnd = prodRuns[prodRuns.length - 1]?.finishedAt; // undefined while in progress
      const stopAfter = s.outcome === 'rolled_back' ? lastDeploy : s.outcome === 'in_progress' ? firstDeploy - 1 : tasks.length;
      let times: { start: number; end: number }[] = [];
      if (d0 !== undefined) {
        // the work as it went: the estimates, some tasks a little faster or slower,
        // scheduled by the critical-path module from the go/no-go check on
        const went = tasks.map((task, i) => ({
          id: String(i),
          name: task.name,
          durationMinutes: Math.round(task.minutes * (i < firstDeploy ? 1 : [1, 0.8, 1.2, 1.1, 0.9][i % 5]!)),
          dependsOn: task.deps.map(String),
        }));
        const planStart = new Date(d0 - lead);
        times = criticalPath(went, { planStart, now: planStart }).tasks.map((x) => ({ start: x.plannedStart.getTime(), end: x.plannedFinish.getTime() }));
        if (deployEnd !== undefined) {
          const natural = Math.max(...times.filter((_, i) => isDeploy(i)).map((x) => x.end));
          const scale = (t: number) => d0 + Math.round(((t - d0) * (deployEnd - d0)) / (natural - d0) / MINUTE) * MINUTE;
          for (const i of times.keys()) if (isDeploy(i)) times[i] = { start: scale(times[i]!.start), end: scale(times[i]!.end) };
          // what comes after the deployment follows from when it really ended
          const done = went.map((x, i) => (i <= lastDeploy ? { ...x, actualStart: new Date(times[i]!.start), actualFinish: new Date(times[i]!.end) } : x));
          const projected = criticalPath(done, { planStart, now: planStart }).tasks;
          for (const i of times.keys())
            if (i > lastDeploy) times[i] = { start: projected[i]!.earliestStart.getTime(), end: projected[i]!.earliestFinish.getTime() };
        }
      }
      const ids: string[] = [];
      for (const [i, task] of tasks.entries()) {
        let actualStart: number | null = null;
        let actualFinish: number | null = null;
        const at = times[i];
        if (at) {
          const startedDeploy = s.outcome === 'in_progress' && isDeploy(i);
          if ((i <= stopAfter || startedDeploy) && at.start <= now) actualStart = at.start;
          if (i <= stopAfter && at.end <= now) actualFinish = at.end;
        }
        const row = await tx.planTask.create({
          data: {
            releaseId: rel.id,
            name: task.name,
            ownerId: uid(task.owner),
            estimateMinutes: task.minutes,
            position: i + 1,
            actualStart: actualStart === null ? null : d(actualStart),
            actualFinish: actualFinish === null ? null : d(actualFinish),
            createdAt: d(p.created + 3 * HOUR),
            updatedAt: d(actualFinish ?? actualStart ?? p.created + 3 * HOUR),
          },
        });
        ids.push(row.id);
      }
      await tx.planTaskDependency.createMany({ data: tasks.flatMap((task, i) => task.deps.map((dep) => ({ taskId: ids[i]!, dependsOnId: ids[dep]! }))) });
      counters.tasks += tasks.length;
    }

    // back-out plan: return each component to what production ran before
    const before = prodBefore.get(p.number)!;
    const targets: [string, string][] = s.items.map(([c]) => [c, before.get(c)!]);
    if (s.backout && s.type !== 'standard' && p.submitted) {
      const steps = backoutSteps(s, targets);
      const r = s.backout.rehearsed;
      await tx.backoutPlan.create({
        data: {
          releaseId: rel.id,
          expectedDurationMinutes: steps.reduce((n, x) => n + x.minutes, 0),
          triggerCriteria: s.backout.trigger,
          lastRehearsedAt: r ? d(p.submitted - r.daysBefore * DAY) : null,
          lastRehearsalResult: r?.result ?? null,
          lastRehearsalNotes: r?.notes ?? '',
          updatedById: owner,
          createdAt: d(p.created + 4 * HOUR),
          updatedAt: d((p.sealed ?? p.created) - HOUR),
          steps: { create: steps.map((x, i) => ({ position: i + 1, description: x.description, expectedMinutes: x.minutes })) },
          targets: { create: targets.map(([c, v]) => ({ componentId: componentId.get(c)!, buildId: build(c, v) })) },
        },
      });
    }

    // approvals
    if (p.submitted && risk) {
      const rules = p.rules;
      const decisions = p.decisions;
      const reqId = new Map<string, string>();
      for (const r of rules) {
        const got = decisions.filter((x) => x.key === r.key && x.decision === 'approve').sort((a, b) => a.at - b.at);
        const row = await tx.approvalRequirement.create({
          data: {
            releaseId: rel.id,
            policyVersionId: policy.id,
            key: r.key,
            description: r.description,
            role: r.role,
            requiredCount: r.count,
            distinctTeams: !!r.distinctTeams,
            satisfiedAt: got.length >= r.count ? d(got[r.count - 1]!.at) : null,
            createdAt: d(p.submitted),
          },
        });
        reqId.set(r.key, row.id);
      }
      for (const x of decisions) {
        await tx.approval.create({
          data: {
            releaseId: rel.id,
            requirementId: reqId.get(x.key)!,
            approverId: uid(x.email),
            decision: x.decision,
            comment: x.comment,
            packageDigest: seal!.digest,
            policyVersionId: policy.id,
            createdAt: d(x.at),
            expiresAt: x.decision === 'approve' ? d(x.at + DEMO_POLICY_DOCUMENT.approvals.expiryDays * DAY) : null,
          },
        });
      }
      counters.approvals += decisions.length;
    }

    // freeze overrides (two people)
    for (const o of p.overrides) {
      await tx.freezeOverride.create({
        data: {
          freezeId: freezeId[o.freeze],
          releaseId: rel.id,
          environmentId: envId.get(o.env)!,
          reason: o.reason,
          status: 'granted',
          requestedById: uid(o.by),
          confirmedById: uid(o.confirmedBy),
          decidedAt: d(o.at + 20 * MINUTE),
          createdAt: d(o.at),
        },
      });
    }

    // deployments
    for (const [i, dep] of p.deployments.entries()) {
      const items = dep.items;
      const key = `${p.number}:${i}`;
      const row = await tx.deployment.create({
        data: {
          releaseId: rel.id,
          environmentId: envId.get(dep.env)!,
          sealId: dep.kind === 'deploy' ? (seal?.id ?? null) : null,
          packageDigest: dep.kind === 'deploy' ? (seal?.digest ?? null) : null,
          kind: dep.kind,
          status: dep.status,
          executedBy: dep.executedBy,
          triggeredById: dep.env === 'production' ? uid(OPS) : owner,
          externalRef: dep.status === 'scheduled' ? null : `${dep.executedBy.startsWith('pipeline:') ? dep.executedBy.slice(9) : 'manual'}#${ref++}`,
          scheduledFor: d(dep.scheduledFor),
          startedAt: dep.startedAt === undefined ? null : d(dep.startedAt),
          finishedAt: dep.finishedAt === undefined ? null : d(dep.finishedAt),
          notes: dep.notes,
          createdAt: d(Math.min(p.scheduled ?? dep.scheduledFor, dep.scheduledFor) + MINUTE),
          updatedAt: d(dep.finishedAt ?? dep.startedAt ?? p.scheduled ?? now),
          items: { create: items.map(([c, v]) => ({ componentId: componentId.get(c)!, buildId: build(c, v) })) },
          verifications: {
            create: dep.checks.map((c, j) => ({
              name: c.name,
              status: c.status,
              details: c.details,
              evidenceUrl: c.manual
                ? `https://grafana.relm.test/d/release-health?from=${dep.startedAt}&to=${dep.finishedAt}`
                : `https://ci.relm.test/runs/${ref * 10 + j}`,
              recordedById: c.manual ? uid(OPS) : null,
              recordedAt: d(dep.finishedAt ?? now),
            })),
          },
        },
      });
      deploymentId.set(key, row.id);
      counters.deployments++;
      if (dep.status === 'succeeded' && (dep.env === 'staging' || dep.env === 'production')) completed.push({ env: dep.env, at: dep.finishedAt!, items, key });
    }

    // handover
    if (s.handover && (DEPLOYED_FULLY.includes(s.status) || s.status === 'deploying')) {
      const acknowledged = s.status !== 'deployed' && s.status !== 'deploying';
      const teams = [...new Set(s.items.map(([c]) => COMPONENTS.find((x) => x.name === c)!.team))];
      await tx.handover.create({
        data: {
          releaseId: rel.id,
          whatChanged: `${s.handover.whatChanged}\n\n${s.items.map(([c, v]) => `- ${c} ${before.get(c)} → ${v}`).join('\n')}`,
          runbook: s.items.map(([c]) => `https://wiki.relm.test/runbooks/${c}`).join('\n'),
          monitoring: s.items
            .map(([c]) => `Grafana "${c} overview" dashboard; alerts page the ${COMPONENTS.find((x) => x.name === c)!.team} on-call`)
            .join('\n'),
          knownErrors: s.handover.knownErrors ?? 'None known.',
          supportContacts: `${DEMO_USERS.find((u) => u.email === s.owner)!.name} (release owner); on-call: ${teams.map((t) => `#${t}-oncall`).join(', ')}`,
          status: acknowledged ? 'acknowledged' : s.status === 'deployed' ? 'ready' : 'draft',
          preparedById: owner,
          acknowledgedById: acknowledged ? uid(OPS) : null,
          acknowledgedAt: acknowledged ? d(p.handedOver!) : null,
          createdAt: d((p.finished ?? now) - 3 * HOUR),
          updatedAt: d(acknowledged ? p.handedOver! : Math.min(now, (p.finished ?? now) + HOUR)),
        },
      });
    }

    // the announcement for the components' users, published after the production deployment
    if (s.announcement && DEPLOYED_FULLY.includes(s.status)) {
      const at = d(Math.min(now, (p.finished ?? now) + 2 * HOUR));
      const ownerName = DEMO_USERS.find((u) => u.email === s.owner)!.name;
      const a = await tx.announcement.create({
        data: {
          releaseId: rel.id,
          ...s.announcement,
          status: 'published',
          publishedAt: at,
          publishedById: owner,
          revision: 1,
          createdAt: at,
          updatedAt: at,
          updatedById: owner,
        },
      });
      await tx.announcementComponent.createMany({
        data: [...new Set(s.items.map(([c]) => c))].map((c) => ({ announcementId: a.id, componentId: componentId.get(c)! })),
      });
      await tx.announcementRevision.create({
        data: { announcementId: a.id, revision: 1, ...s.announcement, emailed: false, publishedBy: ownerName, publishedAt: at },
      });
    }

    // post-release review
    if (s.review) {
      const c = s.review.completed;
      const startedAt = p.inReview ?? p.finished ?? now;
      await tx.postReleaseReview.create({
        data: {
          releaseId: rel.id,
          requiredReasons: s.review.requiredReasons,
          outcome: c?.outcome ?? null,
          objectivesMet: c ? c.objectivesMet : null,
          objectivesNotes: c?.objectivesNotes ?? '',
          incidents: c?.incidents ?? s.review.draft?.incidents ?? '',
          wentWell: c?.wentWell ?? s.review.draft?.wentWell ?? '',
          wentBadly: c?.wentBadly ?? s.review.draft?.wentBadly ?? '',
          completedById: c ? uid(c.by) : null,
          completedAt: c ? d(p.closed! - HOUR) : null,
          createdAt: d(startedAt),
          updatedAt: d(c ? p.closed! - HOUR : Math.min(now, startedAt + HOUR)),
          actionItems: c
            ? {
                create: c.actionItems.map((a) => {
                  const due = londonDay(now) + a.dueInDays * DAY;
                  return {
                    title: a.title,
                    ownerId: uid(a.owner),
                    dueDate: new Date(due),
                    status: a.status,
                    createdAt: d(p.closed! - HOUR),
                    updatedAt: d(a.status === 'done' ? Math.min(now, now + a.dueInDays * DAY) : p.closed! - HOUR),
                  };
                }),
              }
            : undefined,
        },
      });
    }

    // lifecycle
    await tx.releaseTransition.createMany({
      data: p.transitions.map((x) => ({
        releaseId: rel.id,
        fromStatus: x.from,
        toStatus: x.to,
        actorId: uid(x.actor),
        reason: x.reason,
        gates: json(x.gates),
        policyVersionId: policy.id,
        at: d(x.at),
      })),
    });
    counters.transitions += p.transitions.length;
  }

  // ---- a few months of closed releases before these, for the delivery metrics (after REL-1…)
  const history = await writeHistory(tx, now, { uid, componentId, envId, policyId: policy.id });

  // ---- what each environment runs now
  completed.sort((a, b) => a.at - b.at);
  for (const c of completed) for (const [comp, v] of c.items) envState[c.env].set(comp, { version: v, since: c.at, deploymentKey: c.key });
  const rows: Prisma.EnvironmentComponentCreateManyInput[] = [];
  for (const env of ['dev', 'test'] as const) {
    for (const [c, v] of Object.entries(CI_ENVIRONMENTS[env])) {
      const since = Math.min(now - HOUR, builtAt.get(`${c}@${v}`)! + (env === 'dev' ? 1 : 20) * HOUR);
      rows.push({ environmentId: envId.get(env)!, componentId: componentId.get(c)!, buildId: build(c, v), since: d(Math.floor(since / HOUR) * HOUR) });
    }
  }
  for (const env of ['staging', 'production'] as const) {
    for (const [c, x] of envState[env]) {
      rows.push({
        environmentId: envId.get(env)!,
        componentId: componentId.get(c)!,
        buildId: build(c, x.version),
        deploymentId: x.deploymentKey ? deploymentId.get(x.deploymentKey)! : null,
        since: d(x.since),
      });
    }
  }
  await tx.environmentComponent.createMany({ data: rows });

  // ---- notifications
  const notes: Prisma.NotificationCreateManyInput[] = [];
  const note = (email: Email, n: number, kind: string, title: string, body: string, at: number, read: boolean) =>
    notes.push({
      userId: uid(email),
      kind,
      title,
      body,
      link: `/releases/${releaseKey(n)}`,
      releaseId: releaseId.get(n)!,
      createdAt: d(at),
      readAt: read ? d(Math.min(now, at + 2 * HOUR)) : null,
    });
  for (const p of planned.filter((x) => x.seed.status === 'submitted')) {
    const who = DEMO_USERS.find((u) => u.email === p.seed.owner)!.name;
    for (const email of [APPROVER, CAB, APPROVER2]) {
      const decided = (p.seed.approvals ?? []).some(([e]) => e === email);
      note(
        email,
        p.number,
        'approval.requested',
        `Approval requested: ${releaseKey(p.number)} ${p.seed.title}`,
        `${who} submitted this ${p.risk!.level}-risk release for approval.`,
        p.submitted!,
        decided,
      );
    }
  }
  for (const p of planned.filter((x) => x.seed.status === 'submitted' && x.seed.approvals?.length)) {
    for (const x of p.decisions) {
      const name = DEMO_USERS.find((u) => u.email === x.email)!.name;
      note(p.seed.owner, p.number, 'approval.given', `${name} approved ${releaseKey(p.number)}`, 'Waiting for the remaining approvals.', x.at, false);
    }
  }
  for (const p of planned.filter((x) => x.seed.status === 'approved')) {
    note(
      p.seed.owner,
      p.number,
      'release.approved',
      `${releaseKey(p.number)} is approved`,
      'All approval requirements are satisfied: schedule it.',
      p.approved!,
      true,
    );
  }
  for (const p of planned.filter((x) => x.seed.status === 'rejected')) {
    const by = DEMO_USERS.find((u) => u.email === p.seed.rejection!.by)!.name;
    note(p.seed.owner, p.number, 'release.rejected', `${releaseKey(p.number)} was rejected by ${by}`, p.seed.rejection!.comment, p.decided!, false);
  }
  for (const p of planned.filter((x) => x.seed.status === 'deployed')) {
    note(
      OPS,
      p.number,
      'handover.ready',
      `Handover ready: ${releaseKey(p.number)} ${p.seed.title}`,
      'Read the handover notes and acknowledge them, or ask questions.',
      Math.min(now, p.finished! + HOUR),
      false,
    );
    note(
      OPS2,
      p.number,
      'handover.ready',
      `Handover ready: ${releaseKey(p.number)} ${p.seed.title}`,
      'Read the handover notes and acknowledge them, or ask questions.',
      Math.min(now, p.finished! + HOUR),
      true,
    );
  }
  for (const p of planned.filter((x) => x.seed.status === 'scheduled')) {
    const when = new Intl.DateTimeFormat('en-GB', {
      timeZone: TZ,
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      hour: '2-digit',
      minute: '2-digit',
    }).format(p.windows.get('production')!.start);
    note(OPS, p.number, 'release.scheduled', `${releaseKey(p.number)} scheduled`, `Production window starts ${when} (London time).`, p.scheduled!, true);
  }
  const rolledBack = planned.find((x) => x.seed.status === 'rolled_back');
  if (rolledBack)
    note(
      rolledBack.seed.owner,
      rolledBack.number,
      'review.required',
      `Post-release review required for ${releaseKey(rolledBack.number)}`,
      'The release was backed out: the policy requires a review.',
      rolledBack.finished!,
      true,
    );
  await tx.notification.createMany({ data: notes });

  // ---- release trains (docs/decisions/046-release-trains.md): added beside the demo, changing
  // none of its other records; two open releases ride the next departure still boarding
  await seedTrains(tx, now, uid, envId, releaseId);

  return {
    teams: DEMO_TEAMS.length,
    users: DEMO_USERS.length,
    components: COMPONENTS.length,
    builds: BUILDS.length + (running ? 1 : 0),
    environments: ENVIRONMENTS.length,
    freezeWindows: 2,
    policyVersions: 1,
    releases: planned.length,
    historyReleases: history.releases,
    deployments: counters.deployments + history.deployments,
    approvals: counters.approvals,
    transitions: counters.transitions,
    risks: counters.risks,
    planTasks: counters.tasks,
    notifications: notes.length,
  };
}

/** The demo's release trains: a weekly web train with two releases on its next open departure. */
async function seedTrains(tx: Tx, now: number, uid: (email: string) => string, envId: Map<string, string>, releaseId: Map<number, string>) {
  for (const t of DEMO_TRAINS) {
    const train = await tx.train.create({
      data: {
        slug: t.slug,
        name: t.name,
        description: t.description,
        rrule: t.rrule,
        timezone: t.timezone,
        cutoffMinutes: t.cutoffMinutes,
        createdById: uid(t.createdBy),
        createdAt: new Date(now - 40 * DAY),
        updatedAt: new Date(now - 40 * DAY),
        environments: { create: t.environments.map((e) => ({ environmentId: envId.get(e)! })) },
      },
    });
    if (!t.riders.length) continue;
    // the riders' departure: the first still boarding that leaves no earlier than a day and a half
    // before their first scheduled window on the train's environments (so the train ships what
    // its releases are planned to deploy), else the first still boarding
    const windows = await tx.releaseEnvironment.findMany({
      where: {
        releaseId: { in: t.riders.map((r) => releaseId.get(r.number)!) },
        scheduledStart: { not: null },
        environmentId: { in: t.environments.map((e) => envId.get(e)!) },
      },
      select: { scheduledStart: true },
    });
    const firstWindow = Math.min(...windows.map((w) => w.scheduledStart!.getTime()));
    const boarding = upcomingDepartures({ rrule: t.rrule, cron: null, timezone: t.timezone }, t.cutoffMinutes, new Date(now), 8).filter(
      (d) => d.cutoffAt.getTime() > now,
    );
    const next = boarding.find((d) => d.departureAt.getTime() >= firstWindow - 36 * HOUR) ?? boarding[0];
    if (!next) throw new Error(`seed: the train ${t.name} has no departure still boarding`);
    const departure = await tx.trainDeparture.create({
      data: { trainId: train.id, departureAt: next.departureAt, cutoffAt: next.cutoffAt, createdAt: new Date(now - 2 * DAY) },
    });
    for (const r of t.riders) {
      await tx.trainSeat.create({
        data: { releaseId: releaseId.get(r.number)!, departureId: departure.id, joinedById: uid(r.by), joinedAt: new Date(now - 2 * DAY) },
      });
    }
  }
}

/**
 * The history of ./history.ts, written in bulk (a few statements per table, not per release):
 * closed releases numbered after the demo's own, each with its package, seal, approval,
 * windows, staging and production deployments (and back-outs), status changes and, where the
 * policy asks for one, a completed review.
 */
async function writeHistory(
  tx: Tx,
  now: number,
  ctx: { uid: (email: string) => string; componentId: Map<string, string>; envId: Map<EnvName, string>; policyId: string },
): Promise<{ releases: number; deployments: number }> {
  const d = (t: number) => new Date(t);
  const history = planHistory(now);
  const { uid, componentId, envId } = ctx;
  const prodId = envId.get('production')!;
  const stagingId = envId.get('staging')!;

  const builds = await tx.build.createManyAndReturn({
    data: history.flatMap((r) =>
      r.items.map((x) => {
        const team = COMPONENTS.find((c) => c.name === x.component)!.team;
        return {
          componentId: componentId.get(x.component)!,
          version: x.version,
          artifactDigest: buildDigest(x.component, x.version),
          sourceRepo: `https://git.relm.test/${team}/${x.component}`,
          sourceCommit: buildCommit(x.component, x.version),
          sourceBranch: 'main',
          notes: '',
          producedBy: team === 'data' ? 'ci:buildkite' : 'ci:github-actions',
          builtAt: d(x.builtAt),
          createdAt: d(x.builtAt + 7 * MINUTE),
        };
      }),
    ),
    select: { id: true, componentId: true, version: true },
  });
  const buildId = new Map(builds.map((b) => [`${b.componentId}@${b.version}`, b.id]));
  const bid = (component: string, version: string) => buildId.get(`${componentId.get(component)!}@${version}`)!;

  // numbers follow the demo's, in this order (one statement, so the sequence hands them out in turn)
  const releases = await tx.release.createManyAndReturn({
    data: history.map((r) => ({
      title: r.title,
      type: 'normal' as const,
      status: 'closed' as const,
      ownerId: uid(r.owner),
      requesterId: uid(r.owner),
      plannedStart: d(r.window.start),
      plannedEnd: d(r.window.end),
      timezone: TZ,
      description: `${r.title}.`,
      businessJustification: 'Routine delivery.',
      riskLevel: 'low' as const,
      noKnownRisks: true,
      risksAssessedAt: d(r.sealed - 30 * MINUTE),
      policyVersionId: ctx.policyId,
      version: 2 + r.transitions.length,
      updatedById: uid(r.owner),
      submittedAt: d(r.submitted),
      approvedAt: d(r.approved),
      closedAt: d(r.closed),
      postReviewRequired: r.review !== null,
      createdAt: d(r.created),
      updatedAt: d(r.closed),
    })),
    select: { id: true, number: true },
  });
  releases.sort((a, b) => a.number - b.number);
  const rid = releases.map((r) => r.id);

  await tx.releaseEnvironment.createMany({
    data: history.flatMap((r, i) => [
      { releaseId: rid[i]!, environmentId: stagingId, scheduledStart: d(r.stagingWindow.start), scheduledEnd: d(r.stagingWindow.end) },
      { releaseId: rid[i]!, environmentId: prodId, scheduledStart: d(r.window.start), scheduledEnd: d(r.window.end) },
    ]),
  });
  const packages = await tx.releasePackage.createManyAndReturn({
    data: history.map((r, i) => ({ releaseId: rid[i]!, revision: 1, createdAt: d(r.created + 10 * MINUTE), updatedAt: d(r.sealed) })),
    select: { id: true, releaseId: true },
  });
  const pkgOf = new Map(packages.map((p) => [p.releaseId, p.id]));
  await tx.packageItem.createMany({
    data: history.flatMap((r, i) =>
      r.items.map((x) => ({
        packageId: pkgOf.get(rid[i]!)!,
        componentId: componentId.get(x.component)!,
        buildId: bid(x.component, x.version),
        addedAt: d(r.created + 30 * MINUTE),
      })),
    ),
  });
  const manifests = history.map((r) =>
    packageManifest(r.items.map((x) => ({ component: x.component, version: x.version, digest: buildDigest(x.component, x.version) }))),
  );
  const seals = await tx.packageSeal.createManyAndReturn({
    data: history.map((r, i) => ({
      packageId: pkgOf.get(rid[i]!)!,
      revision: 1,
      digest: manifestDigest(manifests[i]!),
      manifest: manifests[i]!,
      reason: 'Sealed for submission',
      sealedById: uid(r.owner),
      sealedAt: d(r.sealed),
    })),
    select: { id: true, packageId: true, digest: true },
  });
  const sealOf = new Map(seals.map((s) => [s.packageId, s]));
  for (const [i, r] of history.entries()) {
    const seal = sealOf.get(pkgOf.get(rid[i]!)!)!;
    await tx.releasePackage.update({ where: { id: pkgOf.get(rid[i]!)! }, data: { sealedDigest: seal.digest, sealedAt: d(r.sealed), updatedAt: d(r.sealed) } });
  }

  const requirements = await tx.approvalRequirement.createManyAndReturn({
    data: history.map((r, i) => ({
      releaseId: rid[i]!,
      policyVersionId: ctx.policyId,
      key: 'approver',
      description: '1 approver',
      role: 'approver' as const,
      requiredCount: 1,
      satisfiedAt: d(r.approved),
      createdAt: d(r.submitted),
    })),
    select: { id: true, releaseId: true },
  });
  const reqOf = new Map(requirements.map((x) => [x.releaseId, x.id]));
  await tx.approval.createMany({
    data: history.map((r, i) => ({
      releaseId: rid[i]!,
      requirementId: reqOf.get(rid[i]!)!,
      approverId: uid(r.approver),
      decision: 'approve' as const,
      comment: 'Routine change; back-out plan understood.',
      packageDigest: sealOf.get(pkgOf.get(rid[i]!)!)!.digest,
      policyVersionId: ctx.policyId,
      createdAt: d(r.approved),
      expiresAt: d(r.approved + DEMO_POLICY_DOCUMENT.approvals.expiryDays * DAY),
    })),
  });

  let ref = 9000;
  const deployments = await tx.deployment.createManyAndReturn({
    data: history.flatMap((r, i) =>
      r.deployments.map((x) => {
        const seal = sealOf.get(pkgOf.get(rid[i]!)!)!;
        return {
          releaseId: rid[i]!,
          environmentId: x.env === 'production' ? prodId : stagingId,
          sealId: x.kind === 'deploy' ? seal.id : null,
          packageDigest: x.kind === 'deploy' ? seal.digest : null,
          kind: x.kind,
          status: x.status,
          executedBy: 'pipeline:github-actions',
          triggeredById: x.env === 'production' ? uid(OPS) : uid(r.owner),
          externalRef: `github-actions#${ref++}`,
          scheduledFor: d(x.env === 'production' ? r.window.start : r.stagingWindow.start),
          startedAt: d(x.startedAt),
          finishedAt: d(x.finishedAt),
          notes: x.kind === 'backout' ? 'Backed out to the previous builds.' : x.status === 'failed' ? 'Health checks failed; stopped.' : '',
          createdAt: d(r.scheduled + MINUTE),
          updatedAt: d(x.finishedAt),
        };
      }),
    ),
    select: { id: true, releaseId: true, kind: true },
  });
  const itemsOf = new Map(history.map((r, i) => [rid[i]!, r.items]));
  await tx.deploymentItem.createMany({
    data: deployments
      .filter((x) => x.kind === 'deploy')
      .flatMap((x) =>
        itemsOf.get(x.releaseId)!.map((it) => ({ deploymentId: x.id, componentId: componentId.get(it.component)!, buildId: bid(it.component, it.version) })),
      ),
  });

  await tx.releaseTransition.createMany({
    data: history.flatMap((r, i) =>
      r.transitions.map((x) => ({
        releaseId: rid[i]!,
        fromStatus: x.from,
        toStatus: x.to,
        actorId: uid(x.to === 'approved' ? r.approver : x.to === 'handed_over' ? OPS : r.owner),
        reason: '',
        gates: [],
        policyVersionId: ctx.policyId,
        at: d(x.at),
      })),
    ),
  });

  const reviewed = history.flatMap((r, i) => (r.review ? [{ r, review: r.review, releaseId: rid[i]! }] : []));
  const reviews = await tx.postReleaseReview.createManyAndReturn({
    data: reviewed.map(({ r, review, releaseId }) => ({
      releaseId,
      requiredReasons: review.reasons,
      outcome: review.outcome,
      objectivesMet: review.outcome !== 'failed',
      incidents: review.incidents,
      wentWell: 'The back-out plan and the on-call hand-off worked as written.',
      wentBadly: review.wentBadly,
      completedById: uid(r.owner),
      completedAt: d(r.closed - HOUR),
      createdAt: d(r.closed - 2 * HOUR),
      updatedAt: d(r.closed - HOUR),
    })),
    select: { id: true, releaseId: true },
  });
  const reviewOf = new Map(reviews.map((x) => [x.releaseId, x.id]));
  await tx.reviewActionItem.createMany({
    data: reviewed.map(({ r, review, releaseId }) => ({
      reviewId: reviewOf.get(releaseId)!,
      title: review.action,
      ownerId: uid(r.owner),
      dueDate: new Date(londonDay(r.closed) + 7 * DAY),
      status: 'done' as const,
      createdAt: d(r.closed - HOUR),
      updatedAt: d(r.closed + 5 * DAY),
    })),
  });
  return { releases: history.length, deployments: deployments.length };
}
