import 'server-only';
import { recordTransition } from './transition-record';
import { emitEvent } from './events';
import { tellPeople } from './notify';
import { z } from 'zod';
import { evaluateDeploymentGate, type DeploymentGateEvaluation } from '@/lib/domain/deployment-gate';
import type { RunningEntry } from '@/lib/domain/running-matrix';
import type { DeploymentFacts } from '@/lib/domain/lifecycle';
import type { GateResult } from '@/lib/domain/result';
import { deploymentMoves } from '@/lib/domain/statuses';
import { defineMutation } from './action';
import { allows, assertCan } from './authz';
import { db, type Tx } from './db';
import { conflict, notFound, Refusal } from './errors';
import { currentItems, loadPackageFacts, releaseKeyField } from './packages';
import { lockRelease, parseReleaseKey, refOf, type ReleaseArg, releaseKey } from './release-ref';
import { deploymentWindowCheck } from './scheduling';
import { findCurrentPolicy } from './policy-read';
import type { AuditInput } from './audit';
import { saveVersioned } from './versioned';
import type { Actor } from './actor';
import { now as clockNow } from './clock';
import { releaseHref } from '@/lib/domain/release-parts';
import { sayer, type SayValue } from './say';

const say = sayer('server-deployments');

/** "a or b or c": the statuses a deployment can move to, as the API names them. */
const orList = (items: readonly string[]): SayValue => items.slice(1).reduce<SayValue>((a, b) => ({ key: 'list.or', values: { a, b } }), items[0] ?? '');

// Deployments of a release's sealed package to its target environments, the
// deployment gate that guards them, their status and verification results, and
// what each environment runs now (EnvironmentComponent, updated in the same
// transaction as a deployment that succeeded).

export const VERIFICATION_STATUSES = ['passed', 'failed', 'skipped'] as const;

const environmentField = z
  .string({ error: say('field.environment') })
  .trim()
  .min(1, say('field.environment'))
  .max(100, say('field.environmentMax', { max: 100 }));
const idField = z
  .string({ error: say('field.id') })
  .trim()
  .min(1, say('field.id'))
  .max(64, say('field.notAnId'));
const notesField = z
  .string({ error: say('field.notesText') })
  .trim()
  .max(4_000, say('field.notesMax', { max: 4000 }))
  .optional();

export const RecordDeploymentSchema = z
  .object({
    releaseKey: releaseKeyField.meta({ description: 'The release to deploy, e.g. REL-42.', examples: ['REL-42'] }),
    environment: environmentField.meta({ description: 'Target environment name.', examples: ['staging'] }),
    status: z
      .enum(['scheduled', 'in_progress'], { error: say('field.startingStatus') })
      .default('in_progress')
      .meta({ description: 'Starting status (default in_progress).' }),
    externalRef: z
      .string({ error: say('field.externalRefText') })
      .trim()
      .max(500, say('field.externalRefMax', { max: 500 }))
      .optional()
      .meta({ description: 'Pipeline run id or URL.', examples: ['https://ci.example/runs/981'] }),
    notes: notesField,
  })
  .meta({ id: 'RecordDeployment' });
export type RecordDeploymentInput = z.input<typeof RecordDeploymentSchema>;

export const UpdateDeploymentStatusBodySchema = z
  .object({
    status: z.enum(['in_progress', 'succeeded', 'failed'], { error: say('field.status') }).meta({ description: 'New status.', examples: ['succeeded'] }),
    notes: notesField,
  })
  .meta({ id: 'UpdateDeploymentStatus' });
export const UpdateDeploymentStatusSchema = UpdateDeploymentStatusBodySchema.extend({ id: idField });

const evidenceUrl = z
  .string({ error: say('field.evidenceText') })
  .trim()
  .max(2_000, say('field.evidenceMax', { max: 2000 }))
  .refine((v) => {
    if (!v) return true;
    try {
      const u = new URL(v);
      return u.protocol === 'http:' || u.protocol === 'https:';
    } catch {
      return false;
    }
  }, say('field.evidenceLink'))
  .optional();

export const AddVerificationBodySchema = z
  .object({
    name: z
      .string({ error: say('field.checkName') })
      .trim()
      .min(1, say('field.checkName'))
      .max(200, say('field.checkNameMax', { max: 200 }))
      .meta({ examples: ['smoke tests'] }),
    status: z.enum(VERIFICATION_STATUSES, { error: say('field.result') }).meta({ examples: ['passed'] }),
    evidenceUrl: evidenceUrl.meta({ description: 'http(s) link to the evidence.', examples: ['https://ci.example/runs/981/tests'] }),
    details: z
      .string({ error: say('field.detailsText') })
      .trim()
      .max(4_000, say('field.detailsMax', { max: 4000 }))
      .optional(),
  })
  .meta({ id: 'AddVerification' });
export const AddVerificationSchema = AddVerificationBodySchema.extend({ deploymentId: idField });

// ---------------------------------------------------------------- the gate

export interface DeploymentGateDto extends DeploymentGateEvaluation {
  environment: string;
  packageDigest: string | null;
}

const OPEN_STATUSES = ['scheduled', 'in_progress'] as const;

/** Is this package allowed to be deployed to the environment at `now`? Every gate, evaluated in the caller's transaction. */
export async function deploymentGate(tx: Tx, releaseId: string, environmentId: string, now: Date, deployer?: Actor | null): Promise<DeploymentGateDto> {
  return (await deploymentGates(tx, releaseId, [environmentId], now, deployer))[0]!;
}

/**
 * The deployment gates of several environments of one release, in the order given. What
 * every gate reads (the release, its package, its targets, its successful deployments of
 * the sealed digest, what is running, the policy's test-evidence rule) is read once; only
 * the freeze and window check runs per environment. The release page shows every target's
 * gate with this: a fixed number of statements per environment, not per environment pair.
 */
export async function deploymentGates(
  tx: Tx,
  releaseId: string,
  environmentIds: string[],
  now: Date,
  /** who would deploy: a protected environment's gate "deploy.protected" is judged for them (absent: not judged) */
  deployer?: Actor | null,
): Promise<DeploymentGateDto[]> {
  if (environmentIds.length === 0) return [];
  const release = await tx.release.findUniqueOrThrow({ where: { id: releaseId }, select: { status: true, type: true } });
  const envRows = await tx.environment.findMany({
    where: { id: { in: environmentIds } },
    select: {
      id: true,
      name: true,
      position: true,
      tier: true,
      protected: true,
      deployRoles: true,
      deployTeams: { select: { team: { select: { id: true, name: true } } }, orderBy: { team: { name: 'asc' } } },
    },
  });
  const deployerTeam =
    deployer && deployer.teamId && envRows.some((e) => e.protected)
      ? await tx.team.findUnique({ where: { id: deployer.teamId }, select: { id: true, name: true } })
      : null;
  const envById = new Map(envRows.map((e) => [e.id, e]));
  const missing = environmentIds.find((id) => !envById.has(id));
  if (missing) throw notFound(say('environment', { name: missing }));
  const pkg = await loadPackageFacts(tx, releaseId);
  const targets = await tx.releaseEnvironment.findMany({
    where: { releaseId },
    select: { environmentId: true, environment: { select: { name: true, position: true } } },
    orderBy: { environment: { position: 'asc' } },
  });
  const succeeded = pkg.sealedDigest
    ? await tx.deployment.findMany({
        where: { releaseId, kind: 'deploy', status: 'succeeded', packageDigest: pkg.sealedDigest },
        select: { environmentId: true, verifications: { select: { name: true, status: true, recordedAt: true } } },
      })
    : [];
  const running = await tx.deployment.groupBy({
    by: ['environmentId'],
    where: { releaseId, environmentId: { in: environmentIds }, status: { in: [...OPEN_STATUSES] } },
    _count: { _all: true },
  });
  const openIn = new Map(running.map((r) => [r.environmentId, r._count._all]));
  const evidenceRequired = envRows.some((e) => e.tier === 'production') ? await testEvidenceRequired(tx, release.type) : false;

  const gates: DeploymentGateDto[] = [];
  for (const environmentId of environmentIds) {
    const env = envById.get(environmentId)!;
    const window = await deploymentWindowCheck(tx, releaseId, environmentId, now);
    const earlier = targets.filter((t) => t.environment.position < env.position);
    const earlierEnvironments: { name: string; succeeded: boolean }[] = [];
    const checks = new Map<string, { status: string; at: number }>();
    for (const e of earlier) {
      const there = succeeded.filter((d) => d.environmentId === e.environmentId);
      earlierEnvironments.push({ name: e.environment.name, succeeded: there.length > 0 });
      // the latest result of each check in each environment counts
      for (const v of there.flatMap((d) => d.verifications)) {
        const k = `"${v.name}" in ${e.environment.name}`;
        const seen = checks.get(k);
        if (!seen || seen.at <= v.recordedAt.getTime()) checks.set(k, { status: v.status, at: v.recordedAt.getTime() });
      }
    }
    const testEvidence =
      env.tier === 'production'
        ? {
            required: evidenceRequired,
            releaseType: release.type,
            earlierEnvironments: earlier.map((e) => e.environment.name),
            passed: [...checks].filter(([, c]) => c.status === 'passed').map(([k]) => k),
            failed: [...checks].filter(([, c]) => c.status === 'failed').map(([k]) => k),
          }
        : undefined;
    const evaluation = evaluateDeploymentGate({
      releaseStatus: release.status,
      environment: { name: env.name, position: env.position, tier: env.tier },
      window,
      integrity: pkg.integrity,
      promotion: { earlierEnvironments },
      alreadyRunning: (openIn.get(environmentId) ?? 0) > 0,
      testEvidence,
      protection:
        env.protected && deployer
          ? {
              roles: env.deployRoles,
              teams: env.deployTeams.map((t) => t.team),
              deployer: { name: deployer.name || deployer.label, roles: deployer.roles, team: deployerTeam },
            }
          : undefined,
    });
    gates.push({ ...evaluation, environment: env.name, packageDigest: pkg.sealedDigest });
  }
  return gates;
}

/** Whether the policy in force asks for test evidence before production for this type (a policy that does not parse: yes). */
async function testEvidenceRequired(tx: Tx, type: string): Promise<boolean> {
  try {
    const current = await findCurrentPolicy(tx);
    return current ? (current.document.gates.testEvidenceRequiredFor as string[]).includes(type) : false;
  } catch (err) {
    if (err instanceof Refusal) return true;
    throw err;
  }
}

/** deploying → deployed facts: every target environment runs the current digest, verified. */
export async function deploymentFacts(tx: Tx, releaseId: string): Promise<DeploymentFacts> {
  const pkg = await tx.releasePackage.findUnique({ where: { releaseId }, select: { sealedDigest: true } });
  const targets = await tx.releaseEnvironment.findMany({
    where: { releaseId },
    select: { environmentId: true, environment: { select: { name: true } } },
    orderBy: { environment: { position: 'asc' } },
  });
  const problems: string[] = [];
  if (!pkg?.sealedDigest) problems.push(say('facts.unsealed'));
  if (targets.length === 0) problems.push(say('facts.noTarget'));
  for (const t of targets) {
    const latest = pkg?.sealedDigest
      ? await tx.deployment.findFirst({
          where: { releaseId, environmentId: t.environmentId, kind: 'deploy', status: 'succeeded', packageDigest: pkg.sealedDigest },
          orderBy: { finishedAt: 'desc' },
          select: { verifications: { select: { name: true, status: true } } },
        })
      : null;
    if (!latest) problems.push(say('facts.noSuccess', { environment: t.environment.name }));
    else
      for (const v of latest.verifications.filter((x) => x.status === 'failed'))
        problems.push(say('facts.verificationFailed', { check: v.name, environment: t.environment.name }));
  }
  const rolledBack = (await tx.deployment.count({ where: { releaseId, kind: 'backout', status: 'succeeded' } })) > 0;
  return { succeeded: problems.length === 0, rolledBack, problems };
}

// ---------------------------------------------------------------- helpers

async function lockReleaseRow(tx: Tx, key: string) {
  const { id } = await lockRelease(tx, key);
  return tx.release.findUniqueOrThrow({ where: { id }, select: { id: true, number: true, status: true, version: true, ownerId: true, title: true } });
}

async function environmentByName(tx: Tx, name: string) {
  const env = await tx.environment.findUnique({ where: { name: name.toLowerCase() } });
  if (!env)
    throw new Refusal('not_found', say('environmentNotFound', { name: name.slice(0, 100) }), {
      fieldErrors: { environment: [say('environmentNotFoundField')] },
    });
  return env;
}

async function moveRelease(
  tx: Tx,
  actor: Actor,
  release: { id: string; status: string; version: number },
  to: 'deploying' | 'deployed',
  gates: GateResult[],
  audit: (e: AuditInput) => Promise<void>,
) {
  const now = clockNow();
  await saveVersioned(tx, actor, { model: 'release', id: release.id, data: { status: to } });
  await recordTransition(tx, {
    data: {
      releaseId: release.id,
      fromStatus: release.status as 'scheduled',
      toStatus: to,
      actorId: actor.id,
      reason: '',
      gates: JSON.parse(JSON.stringify(gates)),
      at: now,
    },
  });
  await audit({
    action: 'release.transition',
    targetType: 'release',
    targetId: release.id,
    releaseId: release.id,
    before: { status: release.status, version: release.version },
    after: { status: to, version: release.version + 1, gates: gates.map((g) => g.rule) },
  });
}

/** Records that the deployment's builds now run in its environment (what runs where). Exported for back-outs. */
export async function applyDeploymentToEnvironment(tx: Tx, deploymentId: string): Promise<number> {
  const d = await tx.deployment.findUniqueOrThrow({
    where: { id: deploymentId },
    select: { environmentId: true, finishedAt: true, items: { select: { componentId: true, buildId: true } } },
  });
  const since = d.finishedAt ?? clockNow();
  for (const item of d.items) {
    await tx.environmentComponent.upsert({
      where: { environmentId_componentId: { environmentId: d.environmentId, componentId: item.componentId } },
      create: { environmentId: d.environmentId, componentId: item.componentId, buildId: item.buildId, deploymentId, since },
      update: { buildId: item.buildId, deploymentId, since },
    });
  }
  return d.items.length;
}

// ---------------------------------------------------------------- DTOs

export interface DeploymentDto {
  id: string;
  releaseKey: string;
  environment: string;
  kind: 'deploy' | 'backout';
  status: string;
  packageDigest: string | null;
  sealRevision: number | null;
  executedBy: string;
  viaToken: boolean;
  externalRef: string | null;
  notes: string;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  durationSeconds: number | null;
  items: { component: string; version: string; buildId: string }[];
  verifications: { id: string; name: string; status: string; evidenceUrl: string | null; details: string; recordedBy: string | null; recordedAt: string }[];
}

const DEPLOYMENT_INCLUDE = {
  release: { select: { number: true } },
  environment: { select: { name: true, position: true } },
  seal: { select: { revision: true } },
  items: { include: { component: { select: { name: true } }, build: { select: { version: true } } } },
  verifications: { include: { recordedBy: { select: { name: true } } }, orderBy: { recordedAt: 'asc' as const } },
} as const;

type DeploymentRow = Awaited<ReturnType<typeof loadRow>>;
const loadRow = (tx: Tx, id: string) => tx.deployment.findUnique({ where: { id }, include: DEPLOYMENT_INCLUDE });

function toDto(d: NonNullable<DeploymentRow>): DeploymentDto {
  const end = d.finishedAt?.getTime();
  const start = d.startedAt?.getTime();
  return {
    id: d.id,
    releaseKey: releaseKey(d.release.number),
    environment: d.environment.name,
    kind: d.kind,
    status: d.status,
    packageDigest: d.packageDigest,
    sealRevision: d.seal?.revision ?? null,
    executedBy: d.executedBy,
    viaToken: !!d.apiTokenId,
    externalRef: d.externalRef,
    notes: d.notes,
    createdAt: d.createdAt.toISOString(),
    startedAt: d.startedAt?.toISOString() ?? null,
    finishedAt: d.finishedAt?.toISOString() ?? null,
    durationSeconds: end !== undefined && start !== undefined ? Math.max(0, Math.round((end - start) / 1000)) : null,
    items: d.items
      .map((i) => ({ component: i.component.name, version: i.build.version, buildId: i.buildId }))
      .sort((a, b) => a.component.localeCompare(b.component)),
    verifications: d.verifications.map((v) => ({
      id: v.id,
      name: v.name,
      status: v.status,
      evidenceUrl: v.evidenceUrl,
      details: v.details,
      recordedBy: v.recordedBy?.name ?? null,
      recordedAt: v.recordedAt.toISOString(),
    })),
  };
}

// ---------------------------------------------------------------- mutations

export const recordDeployment = defineMutation({
  name: 'deployment.record',
  permission: 'deployment.record',
  input: RecordDeploymentSchema,
  async run({ tx, actor, input, audit }): Promise<DeploymentDto> {
    const release = await lockReleaseRow(tx, input.releaseKey);
    const key = releaseKey(release.number);
    const env = await environmentByName(tx, input.environment);
    const now = clockNow();
    const gate = await deploymentGate(tx, release.id, env.id, now, actor);
    if (!gate.allowed) {
      const failed = gate.gates.filter((g) => !g.passed);
      throw new Refusal('gates', say('gatesNotMet', { key, environment: env.name, count: failed.length, rules: failed.map((g) => g.rule).join(', ') }), {
        gates: gate.gates,
      });
    }
    const pkg = await tx.releasePackage.findUniqueOrThrow({ where: { releaseId: release.id } });
    const seal = await tx.packageSeal.findFirst({ where: { packageId: pkg.id }, orderBy: { revision: 'desc' }, select: { id: true } });
    const items = await currentItems(tx, pkg.id);
    const created = await tx.deployment.create({
      data: {
        releaseId: release.id,
        environmentId: env.id,
        sealId: seal?.id ?? null,
        packageDigest: pkg.sealedDigest,
        status: input.status,
        executedBy: actor.label,
        triggeredById: actor.id,
        apiTokenId: actor.tokenId ?? null,
        externalRef: input.externalRef || null,
        notes: input.notes ?? '',
        startedAt: input.status === 'in_progress' ? now : null,
        scheduledFor: input.status === 'scheduled' ? now : null,
        items: { create: items.map((i) => ({ componentId: i.componentId, buildId: i.buildId })) },
      },
      select: { id: true },
    });
    await audit({
      action: 'deployment.record',
      targetType: 'deployment',
      targetId: created.id,
      releaseId: release.id,
      after: { environment: env.name, status: input.status, packageDigest: pkg.sealedDigest, items: items.length, externalRef: input.externalRef ?? null },
    });
    if (release.status === 'scheduled') await moveRelease(tx, actor, release, 'deploying', gate.gates, audit);
    return toDto((await loadRow(tx, created.id))!);
  },
});

async function lockDeployment(tx: Tx, id: string) {
  const locked = await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "Deployment" WHERE "id" = ${id} FOR UPDATE`;
  if (locked.length === 0) throw notFound(say('deployment', { id: id.slice(0, 64) }));
  return tx.deployment.findUniqueOrThrow({
    where: { id },
    include: {
      release: { select: { id: true, number: true, status: true, version: true, ownerId: true, title: true } },
      environment: { select: { name: true } },
    },
  });
}

export const updateDeploymentStatus = defineMutation({
  name: 'deployment.update_status',
  permission: 'deployment.record',
  input: UpdateDeploymentStatusSchema,
  async run({ tx, actor, input, audit, noChange }): Promise<DeploymentDto> {
    // lock the release first (same order as recordDeployment), then the deployment
    const pre = await tx.deployment.findUnique({ where: { id: input.id }, select: { release: { select: { number: true } } } });
    if (!pre) throw notFound(say('deployment', { id: input.id.slice(0, 64) }));
    await lockRelease(tx, releaseKey(pre.release.number));
    const d = await lockDeployment(tx, input.id);
    const key = releaseKey(d.release.number);
    if (d.status === input.status) {
      // a pipeline retrying the same call: nothing to do
      noChange();
      return toDto((await loadRow(tx, d.id))!);
    }
    if (!deploymentMoves(d.status).includes(input.status)) {
      const legal = deploymentMoves(d.status);
      const from = { term: `deploymentWord.${d.status}` };
      throw conflict(
        say('move.refused', {
          key,
          environment: d.environment.name,
          from,
          to: { term: `deploymentWord.${input.status}` },
          then: legal.length ? { key: 'move.canBecome', values: { from, statuses: orList(legal) } } : { key: 'move.final' },
        }),
        { status: [legal.length ? say('move.choose', { statuses: orList(legal) }) : say('move.chooseNothing')] },
      );
    }
    const now = clockNow();
    await tx.deployment.update({
      where: { id: d.id },
      data: {
        status: input.status,
        ...(input.status === 'in_progress' ? { startedAt: now } : { finishedAt: now, ...(d.startedAt ? {} : { startedAt: now }) }),
        ...(input.notes ? { notes: d.notes ? `${d.notes}\n${input.notes}` : input.notes } : {}),
      },
    });
    await audit({
      action: 'deployment.update_status',
      targetType: 'deployment',
      targetId: d.id,
      releaseId: d.release.id,
      before: { status: d.status },
      after: { status: input.status, environment: d.environment.name },
    });
    if (input.status === 'succeeded' || input.status === 'failed') {
      await emitEvent(tx, {
        type: input.status === 'succeeded' ? 'deployment.succeeded' : 'deployment.failed',
        releaseId: d.release.id,
        environment: d.environment.name,
        summary: `${key} ${input.status === 'succeeded' ? 'was deployed to' : 'failed to deploy to'} ${d.environment.name}: ${d.release.title}`,
        lines: input.notes ? [input.notes] : [],
        facts: [
          { label: 'Environment', value: d.environment.name },
          { label: 'Recorded by', value: actor.label },
        ],
        link: releaseHref(key, 'deployments'),
        details: { deploymentId: d.id, deploymentStatus: input.status, recordedBy: actor.label, externalRef: d.externalRef ?? null },
      });
    }
    if (input.status === 'succeeded') {
      await applyDeploymentToEnvironment(tx, d.id);
      if (d.release.status === 'deploying') {
        const facts = await deploymentFacts(tx, d.release.id);
        if (facts.succeeded) {
          const release = await tx.release.findUniqueOrThrow({ where: { id: d.release.id }, select: { id: true, status: true, version: true } });
          await moveRelease(tx, actor, release, 'deployed', [{ rule: 'deployment.succeeded', passed: true, why: say('everyTargetDeployed') }], audit);
        }
      }
    }
    if (input.status === 'failed') {
      await tx.release.update({ where: { id: d.release.id }, data: { postReviewRequired: true } });
      await tellPeople(
        tx,
        [d.release.ownerId],
        {
          kind: 'deployment.failed',
          say: ({ t }) => ({
            title: t('deployment.failed.title', { key, environment: d.environment.name }),
            body: `${t('deployment.failed.body', { name: actor.label, key, title: d.release.title, environment: d.environment.name })}${input.notes ? `\n\n${input.notes}` : ''}`,
          }),
          link: releaseHref(key, 'deployments'),
          releaseId: d.release.id,
          releaseKey: key,
        },
        actor.id,
      );
    }
    return toDto((await loadRow(tx, d.id))!);
  },
});

export const addVerification = defineMutation({
  name: 'deployment.add_verification',
  permission: 'deployment.record',
  input: AddVerificationSchema,
  async run({ tx, actor, input, audit }) {
    const d = await tx.deployment.findUnique({ where: { id: input.deploymentId }, select: { id: true, releaseId: true, status: true } });
    if (!d) throw notFound(say('deployment', { id: input.deploymentId.slice(0, 64) }));
    if (d.status === 'scheduled') throw conflict(say('notStarted'));
    const v = await tx.verificationResult.create({
      data: {
        deploymentId: d.id,
        name: input.name,
        status: input.status,
        evidenceUrl: input.evidenceUrl || null,
        details: input.details ?? '',
        recordedById: actor.id,
      },
      include: { recordedBy: { select: { name: true } } },
    });
    await audit({
      action: 'deployment.add_verification',
      targetType: 'deployment',
      targetId: d.id,
      releaseId: d.releaseId,
      after: { name: v.name, status: v.status, evidenceUrl: v.evidenceUrl },
    });
    return {
      id: v.id,
      deploymentId: d.id,
      name: v.name,
      status: v.status,
      evidenceUrl: v.evidenceUrl,
      details: v.details,
      recordedBy: v.recordedBy?.name ?? null,
      recordedAt: v.recordedAt.toISOString(),
    };
  },
});

// ---------------------------------------------------------------- reads

/** The gate for one environment of a release, now (API and UI). null when the release or environment does not exist. */
export async function getDeploymentGate(actor: Actor | null, key: string, environment: string): Promise<DeploymentGateDto | null> {
  assertCan(actor, 'release.read');
  const number = parseReleaseKey(key);
  if (number === null) return null;
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const release = await tx.release.findUnique({ where: { number }, select: { id: true } });
    const env = await tx.environment.findUnique({ where: { name: environment.trim().toLowerCase() }, select: { id: true } });
    if (!release || !env) return null;
    return deploymentGate(tx, release.id, env.id, clockNow(), actor);
  });
}

export interface ReleaseDeploymentsDto {
  key: string;
  canRecord: boolean;
  environments: DeploymentGateDto[];
  deployments: DeploymentDto[];
}

/** A release's deployments (newest first) and the gate of each target environment. */
export async function listDeployments(actor: Actor | null, release: ReleaseArg): Promise<ReleaseDeploymentsDto | null> {
  assertCan(actor, 'release.read');
  const prisma = await db();
  const ref = await refOf(prisma, release);
  if (!ref) return null;
  return prisma.$transaction(async (tx) => {
    const targets = await tx.releaseEnvironment.findMany({
      where: { releaseId: ref.id },
      select: { environmentId: true },
      orderBy: { environment: { position: 'asc' } },
    });
    const now = clockNow();
    const environments: DeploymentGateDto[] = [];
    environments.push(
      ...(await deploymentGates(
        tx,
        ref.id,
        targets.map((t) => t.environmentId),
        now,
        // a protected environment's gate speaks to whoever may record deployments, about themselves
        allows(actor, 'deployment.record') ? actor : undefined,
      )),
    );
    const rows = await tx.deployment.findMany({ where: { releaseId: ref.id }, include: DEPLOYMENT_INCLUDE, orderBy: { createdAt: 'desc' } });
    return { key: ref.key, canRecord: allows(actor, 'deployment.record'), environments, deployments: rows.map(toDto) };
  });
}

/** The release's deployments and back-outs, newest first, without evaluating any gate (for the API). */
export async function releaseDeployments(actor: Actor | null, release: ReleaseArg): Promise<DeploymentDto[] | null> {
  assertCan(actor, 'release.read');
  const prisma = await db();
  const ref = await refOf(prisma, release);
  if (!ref) return null;
  const rows = await prisma.deployment.findMany({ where: { releaseId: ref.id }, include: DEPLOYMENT_INCLUDE, orderBy: { createdAt: 'desc' } });
  return rows.map(toDto);
}

export async function getDeployment(actor: Actor | null, id: string): Promise<DeploymentDto | null> {
  assertCan(actor, 'release.read');
  if (typeof id !== 'string' || id.length === 0 || id.length > 64) return null;
  const prisma = await db();
  const row = await prisma.deployment.findUnique({ where: { id }, include: DEPLOYMENT_INCLUDE });
  return row ? toDto(row) : null;
}

/** one component in one environment: the build it runs, since when, and the release and deployment that put it there */
export interface RunningDto extends RunningEntry {
  deploymentId: string | null;
}

/** What each environment runs now: environment × component → build, since when, deployed by which release. */
export async function whatRunsWhere(actor: Actor | null): Promise<RunningDto[]> {
  assertCan(actor, 'catalog.read');
  const prisma = await db();
  const rows = await prisma.environmentComponent.findMany({
    include: {
      environment: { select: { name: true, position: true } },
      component: { select: { name: true } },
      build: { select: { version: true } },
      deployment: { select: { id: true, release: { select: { number: true } } } },
    },
  });
  return rows
    .map((r) => ({
      environment: r.environment.name,
      environmentPosition: r.environment.position,
      component: r.component.name,
      version: r.build.version,
      buildId: r.buildId,
      since: r.since.toISOString(),
      releaseKey: r.deployment ? releaseKey(r.deployment.release.number) : null,
      deploymentId: r.deployment?.id ?? null,
    }))
    .sort((a, b) => a.environmentPosition - b.environmentPosition || a.component.localeCompare(b.component));
}

export interface EnvironmentRunningDto {
  name: string;
  displayName: string;
  tier: string;
  position: number;
  protected: boolean;
  /** a protected environment's deployers: any of these roles, in any of these teams (slugs); empty lists: no limit by that; null when not protected */
  deployers: { roles: string[]; teams: string[] } | null;
  running: { component: string; version: string; buildId: string; since: string; releaseKey: string | null; deploymentId: string | null }[];
}

/** Every environment in promotion order with what it runs now (for the API). */
export async function environmentsRunning(actor: Actor | null): Promise<EnvironmentRunningDto[]> {
  assertCan(actor, 'catalog.read');
  const prisma = await db();
  const [envs, running] = await Promise.all([
    prisma.environment.findMany({
      orderBy: { position: 'asc' },
      select: {
        name: true,
        displayName: true,
        tier: true,
        position: true,
        protected: true,
        deployRoles: true,
        deployTeams: { select: { team: { select: { slug: true, name: true } } }, orderBy: { team: { name: 'asc' } } },
      },
    }),
    whatRunsWhere(actor),
  ]);
  return envs.map(({ deployRoles, deployTeams, ...e }) => ({
    ...e,
    // who may deploy there (deploy.protected): only for a protected environment
    deployers: e.protected ? { roles: deployRoles, teams: deployTeams.map((t) => t.team.slug) } : null,
    running: running
      .filter((r) => r.environment === e.name)
      .map((r) => ({ component: r.component, version: r.version, buildId: r.buildId, since: r.since, releaseKey: r.releaseKey, deploymentId: r.deploymentId })),
  }));
}
