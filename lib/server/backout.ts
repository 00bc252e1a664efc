import 'server-only';
import { managedByKey, mayManage } from './release-managers';
import { recordTransition } from './transition-record';
import { tellPeople } from './notify';
import { z } from 'zod';
import type { GateResult } from '@/lib/domain/result';
import type { ReleaseStatus } from '@/lib/domain/lifecycle';
import { allows as statusAllows, refusalWords, statusesAllowing } from '@/lib/domain/release-rules';
import type { MessageRef } from '@/lib/domain/result';
import { defineMutation } from './action';
import { allows, assertCan } from './authz';
import { db, type Tx } from './db';
import { applyDeploymentToEnvironment } from './deployments';
import { conflict, invalid, notFound, Refusal } from './errors';
import { bumpReleaseVersion, releaseByKey, releaseKeyField } from './packages';
import { lockRelease, refOf, type ReleaseArg, releaseKey } from './release-ref';
import { saveVersioned } from './versioned';
import type { Actor } from './actor';
import { now as clockNow, nowMs } from './clock';
import { releaseHref } from '@/lib/domain/release-parts';
import { protectionGate } from '@/lib/domain/deployment-gate';
import { sayer, type SayValue } from './say';

const say = sayer('server-backout');
/** A sentence of the `gates` catalogue inside one of ours. */
const inGates = (ref: MessageRef): SayValue => ({ ns: 'gates', ...ref }) as SayValue;
/** Names as Relm lists them: "a, b and c". */
const names = (items: string[]): SayValue => ({ list: items });

// Back-out plans (issue 6, point 1) and executing a back-out (point 3).
//
// A plan has ordered steps, an expected duration, trigger criteria, the build to
// return to for each component and the last rehearsal. A target left without a
// build defaults to what the release's reference environment (its production
// target, else its last target) runs now for that component.
//
// Executing a back-out records a Deployment of kind "backout" whose items are the
// plan's targets. It is recorded as already succeeded: Relm records what operators
// did, it does not run deployments, and the person executing it confirms it is done.
// The environment then runs the previous builds, the release becomes rolled_back
// and a post-release review becomes mandatory.

export const REHEARSAL_RESULTS = ['passed', 'failed', 'passed_with_notes'] as const;
export type RehearsalResult = (typeof REHEARSAL_RESULTS)[number];
export const REHEARSAL_WORDS: Record<RehearsalResult, string> = {
  passed: say('rehearsal.passed'),
  failed: say('rehearsal.failed'),
  passed_with_notes: say('rehearsal.passedWithNotes'),
};

export const MAX_STEPS = 50;
export const MAX_TARGETS = 200;
const MAX_MINUTES = 10_080; // one week

const VERSION_MESSAGE = say('versionField');
const versionField = z.coerce.number({ error: VERSION_MESSAGE }).int(VERSION_MESSAGE).min(1, VERSION_MESSAGE).max(2_000_000_000, VERSION_MESSAGE);

/** `what`: a key of server-backout's `minutes.what` ("The expected duration"). */
const minutes = (what: 'duration' | 'step', min: number) => {
  const whole = say('minutes.whole', { what: { key: `minutes.what.${what}` } });
  return z.coerce
    .number({ error: whole })
    .int(whole)
    .min(
      min,
      min === 0 ? say('minutes.negative', { what: { key: `minutes.what.${what}` } }) : say('minutes.atLeast', { what: { key: `minutes.what.${what}` }, min }),
    )
    .max(MAX_MINUTES, say('minutes.atMost', { what: { key: `minutes.what.${what}` }, max: MAX_MINUTES }));
};

const componentNameField = z
  .string({ error: say('component.choose') })
  .trim()
  .toLowerCase()
  .min(1, say('component.choose'))
  .max(64, say('component.max', { max: 64 }))
  .regex(/^[a-z0-9][a-z0-9-]*$/, say('component.pattern'));

const BUILD_ID_MESSAGE = say('buildId');
const optionalId = z
  .string({ error: BUILD_ID_MESSAGE })
  .trim()
  .max(64, BUILD_ID_MESSAGE)
  .regex(/^[A-Za-z0-9_-]*$/, BUILD_ID_MESSAGE)
  .optional()
  .nullable()
  .transform((v) => v || undefined);

export const SaveBackoutPlanSchema = z.object({
  releaseKey: releaseKeyField,
  version: versionField,
  expectedDurationMinutes: minutes('duration', 1),
  triggerCriteria: z
    .string({ error: say('trigger.required') })
    .trim()
    .min(1, say('trigger.example'))
    .max(4_000, say('trigger.max', { max: 4000 })),
  steps: z
    .array(
      z.object({
        description: z
          .string({ error: say('step.describe') })
          .trim()
          .min(1, say('step.describeOrRemove'))
          .max(1_000, say('step.max', { max: 1000 })),
        expectedMinutes: minutes('step', 0).default(0),
      }),
      { error: say('steps.list') },
    )
    .min(1, say('steps.min'))
    .max(MAX_STEPS, say('steps.max', { max: MAX_STEPS })),
  targets: z
    .array(z.object({ component: componentNameField, buildId: optionalId }), { error: say('targets.list') })
    .max(MAX_TARGETS, say('targets.max', { max: MAX_TARGETS }))
    .default([]),
});
export type SaveBackoutPlanInput = z.input<typeof SaveBackoutPlanSchema>;

export const RecordRehearsalSchema = z.object({
  releaseKey: releaseKeyField,
  at: z.coerce
    .date({ error: say('rehearsal.date') })
    .min(new Date(Date.UTC(2000, 0, 1)), say('rehearsal.date'))
    .max(new Date(Date.UTC(2100, 0, 1)), say('rehearsal.date')),
  result: z.enum(REHEARSAL_RESULTS, { error: say('rehearsal.result') }),
  notes: z
    .string({ error: say('rehearsal.notesText') })
    .trim()
    .max(4_000, say('rehearsal.notesMax', { max: 4000 }))
    .default(''),
});
export type RecordRehearsalInput = z.input<typeof RecordRehearsalSchema>;

export const ExecuteBackoutSchema = z.object({
  releaseKey: releaseKeyField,
  environment: z
    .string({ error: say('execute.environment') })
    .trim()
    .toLowerCase()
    .min(1, say('execute.environment'))
    .max(64, say('execute.environment')),
  reason: z
    .string({ error: say('execute.reason') })
    .trim()
    .min(1, say('execute.reasonKept'))
    .max(2_000, say('execute.reasonMax', { max: 2000 })),
});
export type ExecuteBackoutInput = z.input<typeof ExecuteBackoutSchema>;

// ---------------------------------------------------------------- shared helpers

type Reader = Tx | Awaited<ReturnType<typeof db>>;

/** The environment whose running builds a back-out returns to: the release's production target, else its last target. */
export async function referenceEnvironment(r: Reader, releaseId: string) {
  const targets = await r.releaseEnvironment.findMany({
    where: { releaseId },
    select: { environment: { select: { id: true, name: true, displayName: true, tier: true, position: true } } },
  });
  const envs = targets.map((t) => t.environment).sort((a, b) => b.position - a.position);
  return envs.find((e) => e.tier === 'production') ?? envs[0] ?? null;
}

interface PackageComponent {
  componentId: string;
  component: string;
  /** the build this release ships */
  buildId: string;
  version: string;
}

async function packageComponents(r: Reader, releaseId: string): Promise<PackageComponent[]> {
  const pkg = await r.releasePackage.findUnique({
    where: { releaseId },
    select: { items: { select: { componentId: true, buildId: true, component: { select: { name: true } }, build: { select: { version: true } } } } },
  });
  return (pkg?.items ?? [])
    .map((i) => ({ componentId: i.componentId, component: i.component.name, buildId: i.buildId, version: i.build.version }))
    .sort((a, b) => a.component.localeCompare(b.component));
}

/**
 * What the environment runs now for each component, ignoring the builds this
 * release ships (after deploying, "what runs now" is the release itself, which is
 * not something to return to).
 */
async function runningBefore(r: Reader, environmentId: string | null, comps: PackageComponent[]) {
  const out = new Map<string, { buildId: string; version: string }>();
  if (!environmentId || comps.length === 0) return out;
  const rows = await r.environmentComponent.findMany({
    where: { environmentId, componentId: { in: comps.map((c) => c.componentId) } },
    select: { componentId: true, buildId: true, build: { select: { version: true } } },
  });
  const shipped = new Map(comps.map((c) => [c.componentId, c.buildId]));
  for (const row of rows) {
    if (shipped.get(row.componentId) === row.buildId) continue;
    out.set(row.componentId, { buildId: row.buildId, version: row.build.version });
  }
  return out;
}

/** Latest earlier deploy of this component in this environment that is not this release's build: a fallback after deploying. */
async function previousDeployed(r: Reader, environmentId: string, componentId: string, notBuildId: string) {
  const item = await r.deploymentItem.findFirst({
    where: { componentId, buildId: { not: notBuildId }, deployment: { environmentId, status: 'succeeded' } },
    orderBy: { deployment: { createdAt: 'desc' } },
    select: { buildId: true, build: { select: { version: true } } },
  });
  return item ? { buildId: item.buildId, version: item.build.version } : null;
}

/** Lock the release row by key (a second writer queues behind this one). */
async function lockReleaseRow(tx: Tx, key: string) {
  await lockRelease(tx, key);
  return releaseByKey(tx, key);
}

// ---------------------------------------------------------------- facts for the lifecycle

export interface BackoutPlanFacts {
  present: boolean;
  complete: boolean;
  problems: string[];
}

/** Whether the release has a back-out plan and whether it is complete (the submit gate). */
export async function backoutFacts(tx: Tx, releaseId: string): Promise<BackoutPlanFacts> {
  const plan = await tx.backoutPlan.findUnique({
    where: { releaseId },
    select: { id: true, triggerCriteria: true, expectedDurationMinutes: true, targets: { select: { componentId: true } } },
  });
  if (!plan) return { present: false, complete: false, problems: [say('facts.noPlan')] };
  const problems: string[] = [];
  // counted for this plan through its (planId, position) key: a relation _count here made
  // Prisma group the whole step table in a subquery (63 ms a page at 100k releases)
  const steps = await tx.backoutStep.count({ where: { planId: plan.id } });
  if (steps === 0) problems.push(say('facts.noSteps'));
  if (!plan.triggerCriteria.trim()) problems.push(say('facts.noTrigger'));
  if (plan.expectedDurationMinutes < 1) problems.push(say('facts.noDuration'));
  const comps = await packageComponents(tx, releaseId);
  const env = await referenceEnvironment(tx, releaseId);
  const running = await runningBefore(tx, env?.id ?? null, comps);
  const targeted = new Set(plan.targets.map((t) => t.componentId));
  const missing = comps.filter((c) => running.has(c.componentId) && !targeted.has(c.componentId)).map((c) => c.component);
  if (missing.length) problems.push(say('facts.noBuildFor', { components: names(missing), environment: env?.name ?? { key: 'facts.theEnvironment' } }));
  return { present: true, complete: problems.length === 0, problems };
}

// ---------------------------------------------------------------- mutations

export interface SaveBackoutPlanResult {
  key: string;
  version: number;
  /** targets saved, with where their build came from */
  targets: { component: string; buildId: string; version: string; defaulted: boolean }[];
  /** package components with no build to return to (nothing runs there now) */
  untargeted: string[];
}

export const saveBackoutPlan = defineMutation({
  name: 'backout.save',
  permission: 'release.edit',
  input: SaveBackoutPlanSchema,
  release: managedByKey('releaseKey'),
  async run({ tx, actor, input, audit }): Promise<SaveBackoutPlanResult> {
    const release = await lockReleaseRow(tx, input.releaseKey);
    const key = releaseKey(release.number);
    if (!statusAllows(release.status, 'editBackoutPlan'))
      throw conflict(say('statusRule', { refusal: inGates(refusalWords(key, release.status, 'editBackoutPlan')) }));
    const comps = await packageComponents(tx, release.id);
    const byName = new Map(comps.map((c) => [c.component, c]));
    const env = await referenceEnvironment(tx, release.id);
    const running = await runningBefore(tx, env?.id ?? null, comps);

    const fieldErrors: Record<string, string[]> = {};
    const seen = new Set<string>();
    const chosen: SaveBackoutPlanResult['targets'] = [];
    const chosenIds: { componentId: string; buildId: string }[] = [];
    for (const [i, t] of input.targets.entries()) {
      const comp = byName.get(t.component);
      if (!comp) {
        fieldErrors[`targets.${i}.component`] = [
          comps.length
            ? say('target.notInPackage', { component: t.component, key, components: names(comps.map((c) => c.component)) })
            : say('target.emptyPackage', { component: t.component, key }),
        ];
        continue;
      }
      if (seen.has(comp.component)) {
        fieldErrors[`targets.${i}.component`] = [say('target.twice', { component: comp.component })];
        continue;
      }
      seen.add(comp.component);
      if (t.buildId) {
        const build = await tx.build.findUnique({
          where: { id: t.buildId },
          select: { id: true, componentId: true, version: true, component: { select: { name: true } } },
        });
        if (!build) {
          fieldErrors[`targets.${i}.buildId`] = [say('target.noBuild', { component: comp.component })];
          continue;
        }
        if (build.componentId !== comp.componentId) {
          fieldErrors[`targets.${i}.buildId`] = [
            say('target.otherComponent', { version: build.version, owner: build.component.name, component: comp.component }),
          ];
          continue;
        }
        if (build.id === comp.buildId) {
          fieldErrors[`targets.${i}.buildId`] = [say('target.shipped', { version: build.version, key, component: comp.component })];
          continue;
        }
        chosen.push({ component: comp.component, buildId: build.id, version: build.version, defaulted: false });
        chosenIds.push({ componentId: comp.componentId, buildId: build.id });
      } else {
        const now = running.get(comp.componentId) ?? (env ? await previousDeployed(tx, env.id, comp.componentId, comp.buildId) : null);
        if (!now) continue; // reported as untargeted below
        chosen.push({ component: comp.component, buildId: now.buildId, version: now.version, defaulted: true });
        chosenIds.push({ componentId: comp.componentId, buildId: now.buildId });
      }
    }
    // components not listed at all default to what runs now
    for (const comp of comps) {
      if (seen.has(comp.component)) continue;
      const now = running.get(comp.componentId) ?? (env ? await previousDeployed(tx, env.id, comp.componentId, comp.buildId) : null);
      if (!now) continue;
      seen.add(comp.component);
      chosen.push({ component: comp.component, buildId: now.buildId, version: now.version, defaulted: true });
      chosenIds.push({ componentId: comp.componentId, buildId: now.buildId });
    }
    if (Object.keys(fieldErrors).length) {
      throw invalid(say('target.problems'), fieldErrors);
    }
    const targetedNames = new Set(chosen.map((c) => c.component));
    const untargeted = comps.filter((c) => !targetedNames.has(c.component)).map((c) => c.component);

    const version = await bumpReleaseVersion(tx, actor, release, input.version);
    const before = await tx.backoutPlan.findUnique({
      where: { releaseId: release.id },
      select: {
        id: true,
        expectedDurationMinutes: true,
        triggerCriteria: true,
        steps: { orderBy: { position: 'asc' }, select: { description: true, expectedMinutes: true } },
        targets: { select: { componentId: true, buildId: true } },
      },
    });
    const data = { expectedDurationMinutes: input.expectedDurationMinutes, triggerCriteria: input.triggerCriteria, updatedById: actor.id };
    const plan = before
      ? await tx.backoutPlan.update({ where: { id: before.id }, data, select: { id: true } })
      : await tx.backoutPlan.create({ data: { ...data, releaseId: release.id }, select: { id: true } });
    await tx.backoutStep.deleteMany({ where: { planId: plan.id } });
    await tx.backoutStep.createMany({
      data: input.steps.map((s, i) => ({ planId: plan.id, position: i + 1, description: s.description, expectedMinutes: s.expectedMinutes })),
    });
    await tx.backoutTarget.deleteMany({ where: { planId: plan.id } });
    if (chosenIds.length) await tx.backoutTarget.createMany({ data: chosenIds.map((t) => ({ planId: plan.id, ...t })) });

    await audit({
      action: before ? 'backout.plan_updated' : 'backout.plan_created',
      targetType: 'release',
      targetId: release.id,
      releaseId: release.id,
      before: before
        ? {
            expectedDurationMinutes: before.expectedDurationMinutes,
            triggerCriteria: before.triggerCriteria,
            steps: before.steps,
            targets: before.targets,
            version: input.version,
          }
        : { version: input.version },
      after: {
        expectedDurationMinutes: input.expectedDurationMinutes,
        triggerCriteria: input.triggerCriteria,
        steps: input.steps,
        targets: chosen.map((c) => ({ component: c.component, buildId: c.buildId, version: c.version, defaulted: c.defaulted })),
        untargeted,
        version,
      },
    });
    return { key, version, targets: chosen, untargeted };
  },
});

export const recordRehearsal = defineMutation({
  name: 'backout.rehearsal',
  permission: 'release.edit',
  input: RecordRehearsalSchema,
  release: managedByKey('releaseKey'),
  async run({ tx, actor, input, audit }) {
    const release = await lockReleaseRow(tx, input.releaseKey);
    const key = releaseKey(release.number);
    const plan = await tx.backoutPlan.findUnique({
      where: { releaseId: release.id },
      select: { id: true, lastRehearsedAt: true, lastRehearsalResult: true, lastRehearsalNotes: true },
    });
    if (!plan) throw conflict(say('rehearsal.noPlan', { key }));
    if (input.at.getTime() > nowMs() + 5 * 60_000) {
      throw invalid(say('rehearsal.future'), { at: [say('rehearsal.futureField')] });
    }
    if (input.result === 'passed_with_notes' && !input.notes) {
      throw invalid(say('rehearsal.notesNeeded'), { notes: [say('rehearsal.notesField')] });
    }
    if (plan.lastRehearsedAt && input.at < plan.lastRehearsedAt) {
      const date = plan.lastRehearsedAt.toISOString().slice(0, 10);
      throw conflict(say('rehearsal.later', { date }), { at: [say('rehearsal.laterField', { date })] });
    }
    await tx.backoutPlan.update({
      where: { id: plan.id },
      data: { lastRehearsedAt: input.at, lastRehearsalResult: input.result, lastRehearsalNotes: input.notes, updatedById: actor.id },
    });
    await audit({
      action: 'backout.rehearsal_recorded',
      targetType: 'release',
      targetId: release.id,
      releaseId: release.id,
      before: { at: plan.lastRehearsedAt?.toISOString() ?? null, result: plan.lastRehearsalResult, notes: plan.lastRehearsalNotes },
      after: { at: input.at.toISOString(), result: input.result, notes: input.notes },
    });
    return { key, at: input.at.toISOString(), result: input.result };
  },
});

/**
 * The environment runs the back-out deployment's builds now (deployments.ts
 * writes EnvironmentComponent). Package components the plan has no target for
 * (new with this release) are removed from the environment when it runs this
 * release's build of them: backing out means they are gone.
 */
async function applyBackoutToEnvironment(tx: Tx, deploymentId: string, environmentId: string, removals: { componentId: string; buildId: string }[]) {
  await applyDeploymentToEnvironment(tx, deploymentId);
  for (const r of removals) {
    await tx.environmentComponent.deleteMany({ where: { environmentId, componentId: r.componentId, buildId: r.buildId } });
  }
}

const FAILED_OR_BAD = ['failed', 'succeeded', 'in_progress'] as const;

export interface ExecuteBackoutResult {
  key: string;
  deploymentId: string;
  environment: string;
  status: 'rolled_back';
  version: number;
  items: { component: string; version: string }[];
  removed: string[];
}

export const executeBackout = defineMutation({
  name: 'backout.execute',
  permission: 'deployment.record',
  input: ExecuteBackoutSchema,
  async run({ tx, actor, input, audit }): Promise<ExecuteBackoutResult> {
    const release = await lockReleaseRow(tx, input.releaseKey);
    const key = releaseKey(release.number);
    const gate = (rule: string, passed: boolean, why: string, fix?: string): GateResult => (passed ? { rule, passed, why } : { rule, passed, why, fix });
    if (!statusAllows(release.status, 'backOut')) {
      const status = { term: `releaseWord.${release.status}` };
      const g = gate(
        'backout.from_state',
        false,
        say('gate.fromState.refused', {
          status,
          statuses: { list: statusesAllowing('backOut').map((s) => ({ term: `releaseWord.${s}` })), max: 20, conjunction: 'or' },
        }),
        release.status === 'rolled_back' ? say('gate.fromState.alreadyFix') : say('gate.fromState.fix'),
      );
      throw new Refusal('gates', say('cannotRollBack', { key, status }), { gates: [g] });
    }
    const env = await tx.environment.findUnique({
      where: { name: input.environment },
      select: {
        id: true,
        name: true,
        displayName: true,
        protected: true,
        deployRoles: true,
        deployTeams: { select: { team: { select: { id: true, name: true } } }, orderBy: { team: { name: 'asc' } } },
      },
    });
    if (!env) throw notFound(say('environment', { name: input.environment }));
    // a back-out deploys the previous builds: to a protected environment, only its deployers may (deploy.protected)
    const protection = env.protected
      ? protectionGate(
          {
            roles: env.deployRoles,
            teams: env.deployTeams.map((t) => t.team),
            deployer: {
              name: actor.name || actor.label,
              roles: actor.roles,
              team: actor.teamId ? await tx.team.findUnique({ where: { id: actor.teamId }, select: { id: true, name: true } }) : null,
            },
          },
          env.name,
        )
      : null;
    const plan = await tx.backoutPlan.findUnique({
      where: { releaseId: release.id },
      select: {
        id: true,
        targets: { select: { componentId: true, buildId: true, component: { select: { name: true } }, build: { select: { version: true } } } },
      },
    });
    const deployed = await tx.deployment.findFirst({
      where: { releaseId: release.id, environmentId: env.id, kind: 'deploy', status: { in: [...FAILED_OR_BAD] } },
      orderBy: { createdAt: 'desc' },
      select: { id: true, status: true },
    });
    const gates: GateResult[] = [
      gate('backout.from_state', true, say('gate.fromState.allowed', { status: { term: `releaseWord.${release.status}` } })),
      plan
        ? plan.targets.length
          ? gate('backout.plan', true, say('gate.plan.met', { count: plan.targets.length }))
          : gate('backout.plan', false, say('gate.plan.noBuild'), say('gate.plan.noBuildFix'))
        : gate('backout.plan', false, say('gate.plan.none', { key }), say('gate.plan.noneFix')),
      deployed
        ? gate('backout.deployment', true, say('gate.deployment.met', { key, environment: env.name, status: { term: `deploymentWord.${deployed.status}` } }))
        : gate('backout.deployment', false, say('gate.deployment.none', { key, environment: env.name }), say('gate.deployment.noneFix')),
      ...(protection ? [protection] : []),
    ];
    if (gates.some((g) => !g.passed))
      throw new Refusal('gates', say('gatesNotMet', { key, environment: env.name, count: gates.filter((g) => !g.passed).length }), { gates });

    const now = clockNow();
    const targets = plan!.targets;
    const comps = await packageComponents(tx, release.id);
    const targeted = new Set(targets.map((t) => t.componentId));
    const removals = comps.filter((c) => !targeted.has(c.componentId)).map((c) => ({ componentId: c.componentId, buildId: c.buildId }));

    if (deployed!.status === 'in_progress') {
      await tx.deployment.update({ where: { id: deployed!.id }, data: { status: 'failed', finishedAt: now } });
    }
    const deployment = await tx.deployment.create({
      data: {
        releaseId: release.id,
        environmentId: env.id,
        kind: 'backout',
        status: 'succeeded',
        executedBy: actor.email ?? actor.label,
        triggeredById: actor.id,
        apiTokenId: actor.type === 'token' ? (actor.tokenId ?? null) : null,
        startedAt: now,
        finishedAt: now,
        notes: input.reason,
        items: { create: targets.map((t) => ({ componentId: t.componentId, buildId: t.buildId })) },
      },
      select: { id: true },
    });
    // the release's own deployment there is superseded by the back-out
    await tx.deployment.update({ where: { id: deployed!.id }, data: { status: 'rolled_back' } });
    await applyBackoutToEnvironment(tx, deployment.id, env.id, removals);

    await saveVersioned(tx, actor, {
      model: 'release',
      id: release.id,
      expectedVersion: release.version,
      data: { status: 'rolled_back', postReviewRequired: true },
    });
    const transitionGates = [...gates, gate('deployment.rolled_back', true, say('gate.rolledBack', { environment: env.name }))];
    await recordTransition(tx, {
      data: {
        releaseId: release.id,
        fromStatus: release.status,
        toStatus: 'rolled_back',
        actorId: actor.id,
        reason: input.reason,
        gates: JSON.parse(JSON.stringify(transitionGates)),
        at: now,
      },
    });
    const items = targets.map((t) => ({ component: t.component.name, version: t.build.version }));
    const removed = comps.filter((c) => !targeted.has(c.componentId)).map((c) => c.component);
    await audit({
      action: 'backout.executed',
      targetType: 'deployment',
      targetId: deployment.id,
      releaseId: release.id,
      before: { status: release.status, version: release.version, deploymentId: deployed!.id, deploymentStatus: deployed!.status },
      after: { status: 'rolled_back', version: release.version + 1, environment: env.name, items, removed, reason: input.reason, postReviewRequired: true },
    });
    await audit({
      action: 'release.transition',
      targetType: 'release',
      targetId: release.id,
      releaseId: release.id,
      before: { status: release.status, version: release.version },
      after: { status: 'rolled_back', version: release.version + 1, reason: input.reason, gates: transitionGates.map((g) => g.rule) },
    });
    await tellPeople(
      tx,
      [release.ownerId, release.requesterId],
      {
        kind: 'release.rolled_back',
        say: ({ t }) => ({
          title: t('release.backedOut.title', { key, environment: env.name }),
          body: t('release.backedOut.body', {
            name: actor.name,
            builds: items.map((i) => `${i.component} ${i.version}`).join(', ') || t('release.backedOut.noBuilds'),
            reason: input.reason,
          }),
        }),
        link: releaseHref(key, 'backout'),
        releaseId: release.id,
        releaseKey: key,
      },
      actor.id,
    );
    return { key, deploymentId: deployment.id, environment: env.name, status: 'rolled_back', version: release.version + 1, items, removed };
  },
});

// ---------------------------------------------------------------- reads

export interface BackoutTargetView {
  componentId: string;
  component: string;
  /** the build this release ships */
  shipping: string;
  /** what the reference environment runs now (not this release's build), if anything */
  runningNow: { buildId: string; version: string } | null;
  /** the version the reference environment really runs now (this release's own build included), if anything */
  actuallyRunning: string | null;
  /** the saved target, or the default when nothing is saved */
  target: { buildId: string; version: string; defaulted: boolean } | null;
  /** builds of the component to choose from, newest first (this release's build excluded) */
  choices: { id: string; version: string }[];
}

export interface BackoutPlanView {
  key: string;
  status: ReleaseStatus;
  version: number;
  type: string;
  required: boolean;
  editable: boolean;
  canEdit: boolean;
  canExecute: boolean;
  referenceEnvironment: { name: string; displayName: string } | null;
  plan: {
    expectedDurationMinutes: number;
    triggerCriteria: string;
    steps: { position: number; description: string; expectedMinutes: number }[];
    lastRehearsal: { at: string; result: RehearsalResult; notes: string } | null;
    updatedAt: string;
  } | null;
  targets: BackoutTargetView[];
  facts: BackoutPlanFacts;
  /** environments where a deployment of this release may be backed out now */
  backoutEnvironments: { name: string; displayName: string; deploymentStatus: string }[];
  /** recorded back-outs */
  executed: { id: string; environment: string; at: string; by: string; reason: string }[];
}

/** The plan with defaults computed: targets prefilled from what the reference environment runs now. */
export async function getBackoutPlan(actor: Actor | null, release: ReleaseArg): Promise<BackoutPlanView | null> {
  assertCan(actor, 'release.read');
  const prisma = await db();
  const ref = await refOf(prisma, typeof release === 'string' ? release.toUpperCase() : release);
  if (!ref) return null;
  // before the transaction: PGlite has one connection
  const manages = await mayManage(actor, ref);
  return prisma.$transaction(async (tx) => {
    const row = await tx.release.findUnique({ where: { id: ref.id }, select: { id: true, number: true, status: true, version: true, type: true } });
    if (!row) return null;
    const release = row;
    const plan = await tx.backoutPlan.findUnique({
      where: { releaseId: release.id },
      select: {
        expectedDurationMinutes: true,
        triggerCriteria: true,
        lastRehearsedAt: true,
        lastRehearsalResult: true,
        lastRehearsalNotes: true,
        updatedAt: true,
        steps: { orderBy: { position: 'asc' }, select: { position: true, description: true, expectedMinutes: true } },
        targets: { select: { componentId: true, buildId: true, build: { select: { version: true } } } },
      },
    });
    const comps = await packageComponents(tx, release.id);
    const env = await referenceEnvironment(tx, release.id);
    const running = await runningBefore(tx, env?.id ?? null, comps);
    const actual = env
      ? new Map(
          (
            await tx.environmentComponent.findMany({
              where: { environmentId: env.id, componentId: { in: comps.map((c) => c.componentId) } },
              select: { componentId: true, build: { select: { version: true } } },
            })
          ).map((r) => [r.componentId, r.build.version]),
        )
      : new Map<string, string>();
    const saved = new Map((plan?.targets ?? []).map((t) => [t.componentId, { buildId: t.buildId, version: t.build.version }]));
    const targets: BackoutTargetView[] = [];
    for (const c of comps) {
      const builds = await tx.build.findMany({
        where: { componentId: c.componentId, id: { not: c.buildId } },
        orderBy: { createdAt: 'desc' },
        take: 50,
        select: { id: true, version: true },
      });
      const now = running.get(c.componentId) ?? null;
      const s = saved.get(c.componentId);
      const target = s ? { ...s, defaulted: false } : now ? { ...now, defaulted: true } : null;
      if (target && !builds.some((b) => b.id === target.buildId)) builds.unshift({ id: target.buildId, version: target.version });
      targets.push({
        componentId: c.componentId,
        component: c.component,
        shipping: c.version,
        runningNow: now,
        actuallyRunning: actual.get(c.componentId) ?? null,
        target,
        choices: builds,
      });
    }
    const policy = await tx.policyVersion.findFirst({ orderBy: { version: 'desc' }, select: { document: true } });
    const doc = policy?.document as { gates?: { backoutPlanRequiredFor?: unknown } } | null;
    const requiredFor = Array.isArray(doc?.gates?.backoutPlanRequiredFor)
      ? (doc.gates.backoutPlanRequiredFor as string[])
      : policy
        ? ['normal', 'major', 'emergency']
        : [];
    const deployments = statusAllows(release.status, 'backOut')
      ? await tx.deployment.findMany({
          where: { releaseId: release.id, kind: 'deploy', status: { in: [...FAILED_OR_BAD] } },
          orderBy: { createdAt: 'desc' },
          select: { status: true, environment: { select: { name: true, displayName: true } } },
        })
      : [];
    const byEnv = new Map<string, { name: string; displayName: string; deploymentStatus: string }>();
    for (const d of deployments) if (!byEnv.has(d.environment.name)) byEnv.set(d.environment.name, { ...d.environment, deploymentStatus: d.status });
    const executed = await tx.deployment.findMany({
      where: { releaseId: release.id, kind: 'backout' },
      orderBy: { createdAt: 'desc' },
      select: { id: true, createdAt: true, executedBy: true, notes: true, environment: { select: { name: true } } },
    });
    return {
      key: releaseKey(release.number),
      status: release.status,
      version: release.version,
      type: release.type,
      required: requiredFor.includes(release.type),
      editable: statusAllows(release.status, 'editBackoutPlan'),
      canEdit: allows(actor, 'release.edit') && manages,
      canExecute: allows(actor, 'deployment.record'),
      referenceEnvironment: env ? { name: env.name, displayName: env.displayName } : null,
      plan: plan
        ? {
            expectedDurationMinutes: plan.expectedDurationMinutes,
            triggerCriteria: plan.triggerCriteria,
            steps: plan.steps,
            lastRehearsal:
              plan.lastRehearsedAt && plan.lastRehearsalResult && (REHEARSAL_RESULTS as readonly string[]).includes(plan.lastRehearsalResult)
                ? { at: plan.lastRehearsedAt.toISOString(), result: plan.lastRehearsalResult as RehearsalResult, notes: plan.lastRehearsalNotes }
                : null,
            updatedAt: plan.updatedAt.toISOString(),
          }
        : null,
      targets,
      facts: await backoutFacts(tx, release.id),
      backoutEnvironments: [...byEnv.values()],
      executed: executed.map((d) => ({ id: d.id, environment: d.environment.name, at: d.createdAt.toISOString(), by: d.executedBy, reason: d.notes })),
    };
  });
}
