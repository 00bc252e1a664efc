import 'server-only';
import { z } from 'zod';
import { Prisma } from '@/lib/generated/prisma/client';
import { describeTemplateBody, parseTemplateBody, TemplateBodySchema, TemplateNameSchema, type TemplateBody } from '@/lib/domain/templates';
import { defineMutation } from './action';
import { allows, assertCan } from './authz';
import { db, type Tx } from './db';
import { conflict, invalid, notFound } from './errors';
import { findCurrentPolicy } from './policy-read';
import { releaseKeyField } from './packages';
import { parseReleaseKey, releaseKey } from './release-ref';
import { recomputeRiskLevel } from './risk-level';
import type { Actor } from './actor';
import { now as clockNow } from './clock';
import type { SayValue } from '@/lib/domain/said';
import { sayer } from './say';

const say = sayer('server-templates');

/** "a; b; c": problems one after the other, each in the reader's language (as the English always joined them). */
const clauses = (items: readonly SayValue[]): SayValue =>
  items.length <= 1 ? (items[0] ?? '') : { key: 'clauses', values: { first: items[0]!, rest: clauses(items.slice(1)) } };

// Release templates and copies (issue 15 point 4, docs/decisions/044-release-templates-and-copies.md).
// A template is a named record with numbered versions; each version's body is a snapshot of a
// release's reusable parts, validated by lib/domain/templates.ts. The same snapshot, applied to
// a new draft release, is how a release is created from a template and how a release is copied:
// one path that writes plan tasks and their dependencies, risks, the back-out plan, the handover
// skeleton and stakeholders, and never anything that records a decision or an event (approvals,
// deployments, transitions, seals, comments, reviews, sign-offs).

const idField = z
  .string()
  .trim()
  .min(1, say('field.template'))
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, say('field.templateFromList'));

// ---------------------------------------------------------------- snapshot

/** The reusable parts of a release, as a template body (validated). */
export async function snapshotRelease(tx: Tx, releaseId: string): Promise<TemplateBody> {
  const r = await tx.release.findUniqueOrThrow({
    where: { id: releaseId },
    select: {
      title: true,
      type: true,
      description: true,
      businessJustification: true,
      timezone: true,
      environments: { select: { environment: { select: { name: true, position: true } } } },
      stakeholders: { select: { userId: true, note: true } },
      package: { select: { items: { select: { component: { select: { name: true } } } } } },
    },
  });
  const tasks = await tx.planTask.findMany({
    where: { releaseId },
    orderBy: [{ position: 'asc' }, { createdAt: 'asc' }, { id: 'asc' }],
    select: { id: true, name: true, estimateMinutes: true, ownerId: true, dependsOn: { select: { dependsOnId: true } } },
  });
  const index = new Map(tasks.map((t, i) => [t.id, i]));
  const risks = await tx.risk.findMany({
    where: { releaseId },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    select: { title: true, description: true, likelihood: true, impact: true, mitigation: true, status: true },
  });
  const backout = await tx.backoutPlan.findUnique({
    where: { releaseId },
    select: {
      expectedDurationMinutes: true,
      triggerCriteria: true,
      steps: { orderBy: { position: 'asc' }, select: { description: true, expectedMinutes: true } },
    },
  });
  const handover = await tx.handover.findUnique({
    where: { releaseId },
    select: { whatChanged: true, runbook: true, monitoring: true, knownErrors: true, supportContacts: true },
  });
  const raw = {
    type: r.type,
    title: r.title,
    description: r.description,
    businessJustification: r.businessJustification,
    timezone: r.timezone,
    environments: r.environments.sort((a, b) => a.environment.position - b.environment.position).map((e) => e.environment.name),
    components: [...new Set((r.package?.items ?? []).map((i) => i.component.name))].sort(),
    tasks: tasks.map((t) => ({
      name: t.name,
      estimateMinutes: t.estimateMinutes,
      ownerId: t.ownerId,
      dependsOn: t.dependsOn.map((d) => index.get(d.dependsOnId)).filter((i): i is number => i !== undefined),
    })),
    risks,
    backout: backout && backout.steps.length ? backout : null,
    handover,
    stakeholders: r.stakeholders,
  };
  const parsed = TemplateBodySchema.safeParse(raw);
  if (!parsed.success) {
    throw invalid(
      say('notKeepable', {
        problems: clauses(parsed.error.issues.slice(0, 3).map((i) => ({ key: 'issue', values: { path: i.path.join('.'), message: { said: i.message } } }))),
      }),
    );
  }
  return parsed.data;
}

// ---------------------------------------------------------------- instantiate

/**
 * Writes a body's plan tasks (with dependencies), risks, back-out plan, handover skeleton and
 * stakeholder notes into a new release, in the caller's transaction. Owners who are no longer
 * active are left out (the task or risk has no owner); the rest was validated with the body.
 */
export async function applyBody(tx: Tx, actor: Actor, releaseId: string, body: TemplateBody) {
  const ownerIds = [...new Set(body.tasks.map((t) => t.ownerId).filter((v): v is string => !!v))];
  const active = new Set(
    ownerIds.length ? (await tx.user.findMany({ where: { id: { in: ownerIds }, disabledAt: null }, select: { id: true } })).map((u) => u.id) : [],
  );
  const ids: string[] = [];
  for (const [position, t] of body.tasks.entries()) {
    const created = await tx.planTask.create({
      data: { releaseId, name: t.name, estimateMinutes: t.estimateMinutes, position, ownerId: t.ownerId && active.has(t.ownerId) ? t.ownerId : null },
      select: { id: true },
    });
    ids.push(created.id);
  }
  const deps = body.tasks.flatMap((t, i) => t.dependsOn.map((d) => ({ taskId: ids[i]!, dependsOnId: ids[d]! })));
  if (deps.length) await tx.planTaskDependency.createMany({ data: deps });
  for (const r of body.risks) {
    await tx.risk.create({
      data: {
        releaseId,
        title: r.title,
        description: r.description,
        likelihood: r.likelihood,
        impact: r.impact,
        score: r.likelihood * r.impact,
        mitigation: r.mitigation,
        status: r.status,
      },
    });
  }
  if (body.backout) {
    await tx.backoutPlan.create({
      data: {
        releaseId,
        expectedDurationMinutes: body.backout.expectedDurationMinutes,
        triggerCriteria: body.backout.triggerCriteria,
        updatedById: actor.id,
        steps: { create: body.backout.steps.map((s, i) => ({ position: i + 1, description: s.description, expectedMinutes: s.expectedMinutes })) },
      },
    });
  }
  if (body.handover && Object.values(body.handover).some((v) => v.trim())) {
    // a skeleton: a draft nobody signed off, prepared by whoever created the release
    await tx.handover.create({ data: { releaseId, ...body.handover, status: 'draft', preparedById: actor.id, updatedById: actor.id } });
  }
  for (const s of body.stakeholders) {
    if (s.note) await tx.releaseStakeholder.updateMany({ where: { releaseId, userId: s.userId }, data: { note: s.note } });
  }
  return {
    tasks: body.tasks.length,
    dependencies: deps.length,
    risks: body.risks.length,
    backoutSteps: body.backout?.steps.length ?? 0,
    handover: !!body.handover,
  };
}

// ---------------------------------------------------------------- templates

/** A template version to create a release from: refuses unknown versions and retired templates. */
export async function templateVersionForCreate(tx: Tx, versionId: string) {
  const v = await tx.releaseTemplateVersion.findUnique({ where: { id: versionId }, include: { template: true } });
  if (!v) throw invalid(say('versionGone'), { templateVersionId: [say('field.templateFromList')] });
  if (v.template.retiredAt) throw conflict(say('retired', { name: v.template.name }), { templateVersionId: [say('retiredField')] });
  const parsed = parseTemplateBody(v.body);
  if (!parsed.ok) {
    throw conflict(
      say('invalidVersion', { name: v.template.name, version: v.version, problems: clauses(parsed.problems.slice(0, 3).map((p) => ({ said: p }))) }),
    );
  }
  return { id: v.id, version: v.version, name: v.template.name, templateId: v.templateId, body: parsed.body };
}

async function templateByName(tx: Tx, name: string) {
  return tx.releaseTemplate.findFirst({ where: { name: { equals: name, mode: 'insensitive' } } });
}

export const SaveTemplateSchema = z.object({
  releaseKey: releaseKeyField,
  name: TemplateNameSchema,
  description: z.string().trim().max(1_000, say('field.descriptionTooLong')).default(''),
});

/** Saves a release as a template: a new template, or the next version of the template with that name. */
export const saveReleaseAsTemplate = defineMutation({
  name: 'template.save',
  permission: 'template.write',
  input: SaveTemplateSchema,
  async run({ tx, actor, input, audit }) {
    const number = parseReleaseKey(input.releaseKey);
    const release = number === null ? null : await tx.release.findUnique({ where: { number }, select: { id: true, number: true } });
    if (!release) throw notFound(say('release', { key: input.releaseKey.slice(0, 20) }));
    const key = releaseKey(release.number);
    const body = await snapshotRelease(tx, release.id);
    let template = await templateByName(tx, input.name);
    const created = !template;
    if (!template) {
      try {
        template = await tx.releaseTemplate.create({ data: { name: input.name, description: input.description } });
      } catch (err) {
        if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002') throw conflict(say('justCreated', { name: input.name }));
        throw err;
      }
    } else {
      // saving again brings a retired template back: someone chose this name on purpose
      await tx.releaseTemplate.update({
        where: { id: template.id },
        data: { retiredAt: null, ...(input.description ? { description: input.description } : {}) },
      });
    }
    const last = await tx.releaseTemplateVersion.findFirst({ where: { templateId: template.id }, orderBy: { version: 'desc' }, select: { version: true } });
    const version = (last?.version ?? 0) + 1;
    const row = await tx.releaseTemplateVersion.create({
      data: {
        templateId: template.id,
        version,
        body: body as unknown as Prisma.InputJsonValue,
        sourceReleaseKey: key,
        savedById: actor.id,
        savedByName: actor.name,
      },
    });
    await audit({
      action: 'template.save',
      targetType: 'release_template',
      targetId: template.id,
      releaseId: release.id,
      before: created ? null : { version: last?.version ?? 0, retired: !!template.retiredAt },
      after: { name: template.name, version, versionId: row.id, sourceRelease: key, holds: describeTemplateBody(body) },
    });
    return { templateId: template.id, name: template.name, version, versionId: row.id, created };
  },
});

export const RenameTemplateSchema = z.object({ templateId: idField, name: TemplateNameSchema });

export const renameTemplate = defineMutation({
  name: 'template.rename',
  permission: 'template.write',
  input: RenameTemplateSchema,
  async run({ tx, input, audit, noChange }) {
    const t = await tx.releaseTemplate.findUnique({ where: { id: input.templateId } });
    if (!t) throw notFound(say('thatTemplate'));
    if (t.name === input.name) {
      noChange();
      return { templateId: t.id, name: t.name };
    }
    const other = await templateByName(tx, input.name);
    if (other && other.id !== t.id) throw conflict(say('nameTaken', { name: other.name }), { name: [say('nameTakenField')] });
    // the policy names standard-change templates by name: a rename would silently end the pre-approval
    const policy = await findCurrentPolicy(tx);
    const named = policy?.document.standardChanges.some((r) => r.template.trim().toLowerCase() === t.name.toLowerCase());
    if (named && t.name.toLowerCase() !== input.name.toLowerCase()) {
      throw conflict(say('standardChange', { version: policy!.version, name: t.name }), { name: [say('standardChangeField')] });
    }
    await tx.releaseTemplate.update({ where: { id: t.id }, data: { name: input.name } });
    await audit({ action: 'template.rename', targetType: 'release_template', targetId: t.id, before: { name: t.name }, after: { name: input.name } });
    return { templateId: t.id, name: input.name };
  },
});

export const RetireTemplateSchema = z.object({
  templateId: idField,
  retired: z.preprocess((v) => (v === 'true' || v === 'on' ? true : v === 'false' || v === '' ? false : v), z.boolean({ error: say('field.retired') })),
});

export const retireTemplate = defineMutation({
  name: 'template.retire',
  permission: 'template.write',
  input: RetireTemplateSchema,
  async run({ tx, input, audit, noChange }) {
    const t = await tx.releaseTemplate.findUnique({ where: { id: input.templateId } });
    if (!t) throw notFound(say('thatTemplate'));
    if (!!t.retiredAt === input.retired) {
      noChange();
      return { templateId: t.id, retired: input.retired };
    }
    await tx.releaseTemplate.update({ where: { id: t.id }, data: { retiredAt: input.retired ? clockNow() : null } });
    await audit({
      action: input.retired ? 'template.retire' : 'template.restore',
      targetType: 'release_template',
      targetId: t.id,
      before: { retired: !!t.retiredAt },
      after: { name: t.name, retired: input.retired },
    });
    return { templateId: t.id, retired: input.retired };
  },
});

// ---------------------------------------------------------------- copy

export const CopyReleaseSchema = z.object({
  releaseKey: releaseKeyField,
  title: z.string().trim().max(200, say('field.titleTooLong')).default(''),
});

/**
 * A new draft release with the source's details, target environments, stakeholders, package
 * builds (unsealed), plan, risks, back-out plan and handover skeleton; nothing that records a
 * decision or an event is copied (see the decision record).
 */
export const copyRelease = defineMutation({
  name: 'release.copy',
  permission: 'release.create',
  input: CopyReleaseSchema,
  async run({ tx, actor, input, audit }) {
    const number = parseReleaseKey(input.releaseKey);
    const source =
      number === null
        ? null
        : await tx.release.findUnique({
            where: { number },
            select: {
              id: true,
              number: true,
              title: true,
              ownerId: true,
              templateVersionId: true,
              environments: { select: { environmentId: true } },
              stakeholders: { select: { userId: true, user: { select: { disabledAt: true } } } },
              package: { select: { items: { select: { componentId: true, buildId: true } } } },
            },
          });
    if (!source) throw notFound(say('release', { key: input.releaseKey.slice(0, 20) }));
    const sourceKey = releaseKey(source.number);
    const body = await snapshotRelease(tx, source.id);
    // the copy belongs to whoever copies it when they may own releases; otherwise to the source's owner
    const me = actor.id
      ? await tx.user.findUnique({ where: { id: actor.id }, select: { id: true, disabledAt: true, roles: { select: { role: true } } } })
      : null;
    const ownerId = me && !me.disabledAt && me.roles.some((r) => r.role === 'release_manager') ? me.id : source.ownerId;
    const title = (input.title || `Copy of ${source.title}`).slice(0, 200);
    const release = await tx.release.create({
      data: {
        title: title.length >= 3 ? title : `Copy of ${sourceKey}`,
        type: body.type,
        ownerId,
        requesterId: actor.id ?? ownerId,
        timezone: body.timezone,
        description: body.description,
        businessJustification: body.businessJustification,
        updatedById: actor.id,
        // a copy of a release made from a template is still of that template (limits are checked again)
        templateVersionId: source.templateVersionId,
        environments: { create: source.environments.map((e) => ({ environmentId: e.environmentId })) },
        stakeholders: { create: source.stakeholders.filter((s) => !s.user.disabledAt).map((s) => ({ userId: s.userId })) },
      },
    });
    const items = source.package?.items ?? [];
    if (items.length) {
      // the same builds, unsealed: the copy is sealed (and approved) on its own
      await tx.releasePackage.create({
        data: { releaseId: release.id, items: { create: items.map((i) => ({ componentId: i.componentId, buildId: i.buildId })) } },
      });
    }
    const applied = await applyBody(tx, actor, release.id, body);
    await recomputeRiskLevel(tx, release.id);
    const key = releaseKey(release.number);
    await audit({
      action: 'release.copy',
      targetType: 'release',
      targetId: release.id,
      releaseId: release.id,
      after: { key, title: release.title, copiedFrom: sourceKey, packageItems: items.length, ...applied },
    });
    return { key, id: release.id, copiedFrom: sourceKey };
  },
});

// ---------------------------------------------------------------- reads

export interface TemplateListItem {
  id: string;
  name: string;
  description: string;
  retired: boolean;
  latestVersion: number;
  latestVersionId: string;
  summary: string;
  updatedAt: string;
  /** named by the current policy as a standard change */
  standardChange: boolean;
}

export async function listTemplates(actor: Actor | null, opts: { includeRetired?: boolean } = {}): Promise<TemplateListItem[]> {
  assertCan(actor, 'release.read');
  const prisma = await db();
  const rows = await prisma.releaseTemplate.findMany({
    where: opts.includeRetired ? {} : { retiredAt: null },
    orderBy: { name: 'asc' },
    take: 500,
    include: { versions: { orderBy: { version: 'desc' }, take: 1 } },
  });
  const policy = await findCurrentPolicy().catch(() => null);
  const standard = new Set(policy?.document.standardChanges.map((r) => r.template.trim().toLowerCase()) ?? []);
  return rows
    .filter((t) => t.versions.length)
    .map((t) => {
      const v = t.versions[0]!;
      const parsed = parseTemplateBody(v.body);
      return {
        id: t.id,
        name: t.name,
        description: t.description,
        retired: !!t.retiredAt,
        latestVersion: v.version,
        latestVersionId: v.id,
        summary: parsed.ok ? describeTemplateBody(parsed.body) : say('summaryInvalid'),
        updatedAt: v.createdAt.toISOString(),
        standardChange: standard.has(t.name.toLowerCase()),
      };
    });
}

export interface TemplateDetail {
  id: string;
  name: string;
  description: string;
  retired: boolean;
  standardChange: boolean;
  canWrite: boolean;
  versions: { id: string; version: number; sourceReleaseKey: string; savedByName: string; createdAt: string }[];
  shown: { id: string; version: number; sourceReleaseKey: string; savedByName: string; createdAt: string; body: TemplateBody | null; problems: string[] };
  /** names for ids in the body */
  people: Record<string, string>;
}

/** One template with the chosen version's body (the latest when none is chosen). */
export async function getTemplate(actor: Actor | null, templateId: string, version?: number): Promise<TemplateDetail | null> {
  assertCan(actor, 'release.read');
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(templateId)) return null;
  const prisma = await db();
  const t = await prisma.releaseTemplate.findUnique({ where: { id: templateId }, include: { versions: { orderBy: { version: 'desc' } } } });
  if (!t || !t.versions.length) return null;
  const v = (version ? t.versions.find((x) => x.version === version) : t.versions[0]) ?? null;
  if (!v) return null;
  const parsed = parseTemplateBody(v.body);
  const body = parsed.ok ? parsed.body : null;
  const ids = body ? [...new Set([...body.stakeholders.map((s) => s.userId), ...body.tasks.map((x) => x.ownerId).filter((x): x is string => !!x)])] : [];
  const users = ids.length ? await prisma.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }) : [];
  const policy = await findCurrentPolicy().catch(() => null);
  const meta = (x: (typeof t.versions)[number]) => ({
    id: x.id,
    version: x.version,
    sourceReleaseKey: x.sourceReleaseKey,
    savedByName: x.savedByName,
    createdAt: x.createdAt.toISOString(),
  });
  return {
    id: t.id,
    name: t.name,
    description: t.description,
    retired: !!t.retiredAt,
    standardChange: !!policy?.document.standardChanges.some((r) => r.template.trim().toLowerCase() === t.name.toLowerCase()),
    canWrite: allows(actor, 'template.write'),
    versions: t.versions.map(meta),
    shown: { ...meta(v), body, problems: parsed.ok ? [] : parsed.problems },
    people: Object.fromEntries(users.map((u) => [u.id, u.name])),
  };
}

/** A template version's body for the new-release form (null when unknown, retired or invalid). */
export async function templateForNewRelease(actor: Actor | null, versionId: string) {
  assertCan(actor, 'release.create');
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(versionId)) return null;
  const prisma = await db();
  const v = await prisma.releaseTemplateVersion.findUnique({ where: { id: versionId }, include: { template: true } });
  if (!v || v.template.retiredAt) return null;
  const parsed = parseTemplateBody(v.body);
  if (!parsed.ok) return null;
  return { versionId: v.id, name: v.template.name, version: v.version, body: parsed.body, summary: describeTemplateBody(parsed.body) };
}
