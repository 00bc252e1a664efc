import 'server-only';
import semver from 'semver';
import { z } from 'zod';
import type { Prisma } from '@/lib/generated/prisma/client';
import { MAX_DISTRIBUTION_ADDRESSES, normalizeAddresses, splitAddresses } from '@/lib/domain/announcements';
import { describeCycle, findCycle, type Edge } from '@/lib/domain/graph';
import type { FieldErrors } from '@/lib/domain/result';
import { defineMutation } from './action';
import { recomputeDraftRiskLevels } from './risk-level';
import { assertCan } from './authz';
import { db, type Tx } from './db';
import { conflict, invalid, notFound } from './errors';
import { pageParam, textParam } from './releases';
import { assertVersion, saveVersioned, versionField } from './versioned';
import type { Actor } from './actor';
import { sayer } from './say';

const say = sayer('server-components');

// The component catalogue: what can be built and deployed, who owns it, how
// critical it is, and which versions of other components it needs.

export const COMPONENT_NAME_PATTERN = /^[a-z0-9][a-z0-9._-]*$/;
export const MAX_DEPENDENCIES = 100;

export const ComponentNameSchema = z
  .string({ error: say('field.name') })
  .trim()
  .min(2, say('field.nameTooShort'))
  .max(60, say('field.nameTooLong'))
  .superRefine((v, ctx) => {
    if (COMPONENT_NAME_PATTERN.test(v)) return;
    const suggestion = v
      .toLowerCase()
      .replace(/[^a-z0-9._-]+/g, '-')
      .replace(/^[^a-z0-9]+/, '');
    ctx.addIssue({
      code: 'custom',
      message: suggestion.length >= 2 && suggestion !== v ? say('field.nameShapeSuggest', { suggestion }) : say('field.nameShape'),
    });
  });

const RangeSchema = z
  .string({ error: say('field.range') })
  .trim()
  .min(1, say('field.rangeEmpty'))
  .max(100, say('field.rangeTooLong'))
  .refine((v) => semver.validRange(v) !== null, { message: say('field.rangeInvalid') });

export const DependencyInputSchema = z.object({
  component: z
    .string({ error: say('field.dependsOn') })
    .trim()
    .min(1, say('field.dependsOn'))
    .max(60, say('field.nameTooLong')),
  range: RangeSchema,
});
export type DependencyInput = z.infer<typeof DependencyInputSchema>;

const CHOOSE_TIER = say('field.tier');
const tierSchema = z.preprocess(
  (v) => (typeof v === 'string' && /^\s*\d{1,3}\s*$/.test(v) ? Number(v) : v),
  z.number({ error: CHOOSE_TIER }).int(CHOOSE_TIER).min(1, CHOOSE_TIER).max(4, CHOOSE_TIER),
);

const EmailAddress = z.email();

/** Where release announcements are e-mailed: addresses separated by commas, semicolons, spaces or lines; stored one a line. */
export const DistributionListSchema = z
  .string({ error: say('field.distributionText') })
  .max(20_000, say('field.distributionTooLong'))
  .default('')
  .transform((v, ctx) => {
    const parts = splitAddresses(v);
    const bad = parts.filter((a) => a.length > 254 || !EmailAddress.safeParse(a).success);
    if (bad.length) {
      ctx.addIssue({
        code: 'custom',
        message: say('field.notAddresses', {
          count: bad.length,
          // addresses are data: separated by commas in every language
          addresses: bad.slice(0, 5).join(', '),
          more: bad.length > 5 ? { key: 'field.notAddressesMore', values: { count: bad.length - 5 } } : '',
        }),
      });
      return z.NEVER;
    }
    const normalized = normalizeAddresses(parts);
    const count = normalized ? normalized.split('\n').length : 0;
    if (count > MAX_DISTRIBUTION_ADDRESSES) {
      ctx.addIssue({
        code: 'custom',
        message: say('field.tooManyAddresses', { max: MAX_DISTRIBUTION_ADDRESSES, count }),
      });
      return z.NEVER;
    }
    return normalized;
  });

export const CreateComponentSchema = z.object({
  name: ComponentNameSchema,
  description: z.string().trim().max(2000, say('field.descriptionTooLong')).default(''),
  ownerTeamId: z
    .string({ error: say('field.team') })
    .trim()
    .min(1, say('field.team'))
    .max(64, say('field.team')),
  tier: tierSchema,
  repository: z
    .string()
    .trim()
    .max(500, say('field.repositoryTooLong'))
    .regex(/^[^\s]*$/, say('field.repositorySpaces'))
    .optional()
    .transform((v) => v || null),
  dependencies: z
    .array(DependencyInputSchema)
    .max(MAX_DEPENDENCIES, { error: () => say('field.tooManyDependencies', { max: MAX_DEPENDENCIES }) })
    .default([]),
  distributionList: DistributionListSchema,
});
export type CreateComponentInput = z.input<typeof CreateComponentSchema>;

export const UpdateComponentSchema = CreateComponentSchema.extend({
  id: z.string().min(1).max(64),
  /** the version the form was opened with (optimistic lock, versioned.ts) */
  version: versionField,
});

export interface ComponentRef {
  id: string;
  name: string;
}
export interface TeamRef {
  id: string;
  name: string;
  slug: string;
}
export interface DependencyDto {
  component: ComponentRef & { tier: number };
  range: string;
}
export interface BuildRef {
  id: string;
  version: string;
  createdAt: string;
}
export interface ComponentRowDto {
  id: string;
  name: string;
  description: string;
  tier: number;
  ownerTeam: TeamRef;
  dependencies: DependencyDto[];
  dependents: number;
  builds: number;
  latestBuild: BuildRef | null;
  updatedAt: string;
  version: number;
}
export interface RunningDto {
  environment: { name: string; displayName: string; tier: string; position: number; protected: boolean };
  build: BuildRef & { artifactDigest: string };
  since: string;
}
export interface ComponentDetailDto extends ComponentRowDto {
  repository: string | null;
  /** release announcements are e-mailed here: addresses, one a line */
  distributionList: string;
  createdAt: string;
  dependentsList: DependencyDto[];
  recentBuilds: (BuildRef & { artifactDigest: string; producedBy: string })[];
  running: RunningDto[];
}

// ---------------------------------------------------------------- writes

/** Serialises dependency changes, so two edits cannot each close half of a cycle. */
async function lockDependencyGraph(tx: Tx) {
  await tx.$queryRaw`SELECT 1 AS locked FROM pg_advisory_xact_lock(7304221001)`;
}

/**
 * Resolves dependency names to ids and checks them: known, not itself, no
 * duplicates, and no cycle through the rest of the catalogue.
 */
async function resolveDependencies(tx: Tx, self: { id: string | null; name: string }, deps: DependencyInput[]) {
  const fieldErrors: FieldErrors = {};
  const names = [...new Set(deps.map((d) => d.component))];
  const found = names.length ? await tx.component.findMany({ where: { name: { in: names } }, select: { id: true, name: true } }) : [];
  const byName = new Map(found.map((c) => [c.name, c.id]));
  const seen = new Map<string, number>();
  const resolved: { dependsOnId: string; name: string; versionRange: string }[] = [];
  deps.forEach((d, i) => {
    const key = `dependencies.${i}.component`;
    if (d.component === self.name) {
      fieldErrors[key] = [say('dependency.self', { name: self.name })];
      return;
    }
    const id = byName.get(d.component);
    if (!id) {
      fieldErrors[key] = [say('dependency.unknown', { name: d.component })];
      return;
    }
    if (seen.has(d.component)) {
      fieldErrors[key] = [say('dependency.twice', { name: d.component, row: seen.get(d.component)! + 1 })];
      return;
    }
    seen.set(d.component, i);
    resolved.push({ dependsOnId: id, name: d.component, versionRange: d.range });
  });
  if (Object.keys(fieldErrors).length) throw invalid(say('dependency.attention'), fieldErrors);

  if (self.id && resolved.length) {
    // a new component has no dependents yet, so it cannot close a cycle
    const edges = await tx.componentDependency.findMany({
      where: { componentId: { not: self.id } },
      select: { componentId: true, dependsOnId: true },
    });
    const graph: Edge[] = [...edges.map((e) => ({ from: e.componentId, to: e.dependsOnId })), ...resolved.map((r) => ({ from: self.id!, to: r.dependsOnId }))];
    const cycle = findCycle([], graph);
    if (cycle) {
      const ids = [...new Set(cycle)];
      const names = new Map((await tx.component.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } })).map((c) => [c.id, c.name]));
      // start the description at the component being edited, so it reads naturally
      const start = cycle.indexOf(self.id);
      const rotated = start > 0 ? [...cycle.slice(start, -1), ...cycle.slice(0, start), self.id] : cycle;
      const text = describeCycle(rotated, (id) => names.get(id) ?? id);
      const culprit = rotated[1];
      const row = resolved.findIndex((r) => r.dependsOnId === culprit);
      const where = deps.findIndex((d) => d.component === resolved[row]?.name);
      throw invalid(say('dependency.cycle', { cycle: text }), {
        [where >= 0 ? `dependencies.${where}.component` : 'dependencies']: [say('dependency.cycleField', { cycle: text })],
      });
    }
  }
  return resolved;
}

async function checkTeam(tx: Tx, ownerTeamId: string) {
  const team = await tx.team.findUnique({ where: { id: ownerTeamId }, select: { id: true, name: true } });
  if (!team) throw invalid(say('fieldsNeedAttention'), { ownerTeamId: [say('teamGone')] });
  return team;
}

async function checkNameFree(tx: Tx, name: string, exceptId?: string) {
  const clash = await tx.component.findFirst({ where: { name, ...(exceptId ? { id: { not: exceptId } } : {}) }, select: { id: true } });
  if (clash) throw conflict(say('nameTaken', { name }), { name: [say('nameTakenField', { name })] });
}

const depSummary = (deps: { name: string; versionRange: string }[]) =>
  deps.map((d) => ({ component: d.name, range: d.versionRange })).sort((a, b) => a.component.localeCompare(b.component));

export const createComponent = defineMutation({
  name: 'component.create',
  permission: 'component.edit',
  input: CreateComponentSchema,
  async run({ tx, input, audit }) {
    await checkNameFree(tx, input.name);
    const team = await checkTeam(tx, input.ownerTeamId);
    if (input.dependencies.length) await lockDependencyGraph(tx);
    const deps = await resolveDependencies(tx, { id: null, name: input.name }, input.dependencies);
    const component = await tx.component.create({
      data: {
        name: input.name,
        description: input.description,
        ownerTeamId: team.id,
        tier: input.tier,
        repository: input.repository,
        distributionList: input.distributionList,
        dependencies: { create: deps.map((d) => ({ dependsOnId: d.dependsOnId, versionRange: d.versionRange })) },
      },
    });
    await audit({
      action: 'component.create',
      targetType: 'component',
      targetId: component.id,
      after: {
        name: component.name,
        ownerTeam: team.name,
        tier: component.tier,
        repository: component.repository,
        distributionList: component.distributionList,
        dependencies: depSummary(deps),
      },
    });
    return { id: component.id, name: component.name };
  },
});

export const updateComponent = defineMutation({
  name: 'component.update',
  permission: 'component.edit',
  input: UpdateComponentSchema,
  async run({ tx, actor, input, audit, noChange }) {
    const current = await tx.component.findUnique({
      where: { id: input.id },
      include: { ownerTeam: { select: { name: true } }, dependencies: { include: { dependsOn: { select: { name: true } } } } },
    });
    if (!current) throw notFound(say('thatComponent'));
    await assertVersion(tx, 'component', current, input.version);
    if (input.name !== current.name) await checkNameFree(tx, input.name, current.id);
    const team = await checkTeam(tx, input.ownerTeamId);
    await lockDependencyGraph(tx);
    const deps = await resolveDependencies(tx, { id: current.id, name: input.name }, input.dependencies);

    const before = {
      name: current.name,
      description: current.description,
      ownerTeam: current.ownerTeam.name,
      tier: current.tier,
      repository: current.repository,
      distributionList: current.distributionList,
      dependencies: depSummary(current.dependencies.map((d) => ({ name: d.dependsOn.name, versionRange: d.versionRange }))),
    };
    const after = {
      name: input.name,
      description: input.description,
      ownerTeam: team.name,
      tier: input.tier,
      repository: input.repository,
      distributionList: input.distributionList,
      dependencies: depSummary(deps),
    };
    if (JSON.stringify(before) === JSON.stringify(after) && current.ownerTeamId === team.id) {
      noChange();
      return { id: current.id, name: current.name, changed: false };
    }

    // the compare-and-set makes the optimistic lock hold under concurrent saves too
    await saveVersioned(tx, actor, {
      model: 'component',
      id: current.id,
      expectedVersion: input.version,
      data: {
        name: input.name,
        description: input.description,
        ownerTeamId: team.id,
        tier: input.tier,
        repository: input.repository,
        distributionList: input.distributionList,
      },
    });

    const wanted = new Map(deps.map((d) => [d.dependsOnId, d.versionRange]));
    const existing = new Map(current.dependencies.map((d) => [d.dependsOnId, d]));
    const removed = current.dependencies.filter((d) => !wanted.has(d.dependsOnId)).map((d) => d.id);
    if (removed.length) await tx.componentDependency.deleteMany({ where: { id: { in: removed } } });
    for (const d of deps) {
      const had = existing.get(d.dependsOnId);
      if (!had) await tx.componentDependency.create({ data: { componentId: current.id, dependsOnId: d.dependsOnId, versionRange: d.versionRange } });
      else if (had.versionRange !== d.versionRange) await tx.componentDependency.update({ where: { id: had.id }, data: { versionRange: d.versionRange } });
    }
    if (current.tier !== input.tier) await recomputeDraftRiskLevels(tx, { componentId: current.id });
    await audit({ action: 'component.update', targetType: 'component', targetId: current.id, before, after });
    return { id: current.id, name: input.name, changed: true };
  },
});

// ---------------------------------------------------------------- reads

export const COMPONENT_PAGE_SIZE = 50;

export const ComponentListSchema = z.object({
  q: textParam(100),
  team: textParam(100),
  page: pageParam,
});
export type ComponentListFilters = z.infer<typeof ComponentListSchema>;

const rowInclude = {
  ownerTeam: { select: { id: true, name: true, slug: true } },
  dependencies: { include: { dependsOn: { select: { id: true, name: true, tier: true } } } },
  builds: { orderBy: { createdAt: 'desc' }, take: 1, select: { id: true, version: true, createdAt: true } },
  _count: { select: { dependents: true, builds: true } },
} satisfies Prisma.ComponentInclude;
type RowPayload = Prisma.ComponentGetPayload<{ include: typeof rowInclude }>;

const buildRef = (b: { id: string; version: string; createdAt: Date }): BuildRef => ({ id: b.id, version: b.version, createdAt: b.createdAt.toISOString() });

function toRow(c: RowPayload): ComponentRowDto {
  return {
    id: c.id,
    name: c.name,
    description: c.description,
    tier: c.tier,
    ownerTeam: c.ownerTeam,
    dependencies: c.dependencies
      .map((d) => ({ component: d.dependsOn, range: d.versionRange }))
      .sort((a, b) => a.component.name.localeCompare(b.component.name)),
    dependents: c._count.dependents,
    builds: c._count.builds,
    latestBuild: c.builds[0] ? buildRef(c.builds[0]) : null,
    updatedAt: c.updatedAt.toISOString(),
    version: c.version,
  };
}

export interface ComponentListResult {
  filters: ComponentListFilters;
  total: number;
  page: number;
  pageSize: number;
  components: ComponentRowDto[];
  teams: TeamRef[];
}

export async function listComponents(actor: Actor | null, raw: unknown = {}, pageSize = COMPONENT_PAGE_SIZE): Promise<ComponentListResult> {
  assertCan(actor, 'catalog.read');
  const f = ComponentListSchema.parse(raw ?? {});
  const and: Prisma.ComponentWhereInput[] = [];
  if (f.q) and.push({ OR: [{ name: { contains: f.q, mode: 'insensitive' } }, { description: { contains: f.q, mode: 'insensitive' } }] });
  if (f.team) and.push({ ownerTeam: { OR: [{ slug: f.team }, { id: f.team }] } });
  const where: Prisma.ComponentWhereInput = and.length ? { AND: and } : {};
  const prisma = await db();
  const [total, teams] = await Promise.all([
    prisma.component.count({ where }),
    prisma.team.findMany({ orderBy: { name: 'asc' }, select: { id: true, name: true, slug: true }, take: 1000 }),
  ]);
  const lastPage = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(f.page, lastPage);
  const rows = total
    ? await prisma.component.findMany({ where, include: rowInclude, orderBy: { name: 'asc' }, skip: (page - 1) * pageSize, take: pageSize })
    : [];
  return { filters: { ...f, page }, total, page, pageSize, components: rows.map(toRow), teams };
}

/** Every component's id and name, for selects (dependency editor, build form). */
export async function listComponentOptions(actor: Actor | null): Promise<ComponentRef[]> {
  assertCan(actor, 'catalog.read');
  const prisma = await db();
  return prisma.component.findMany({ orderBy: { name: 'asc' }, select: { id: true, name: true }, take: 5000 });
}

export async function getComponent(actor: Actor | null, name: string): Promise<ComponentDetailDto | null> {
  assertCan(actor, 'catalog.read');
  if (typeof name !== 'string' || name.length > 200 || !COMPONENT_NAME_PATTERN.test(name)) return null;
  const prisma = await db();
  const c = await prisma.component.findUnique({
    where: { name },
    include: {
      ...rowInclude,
      dependents: { include: { component: { select: { id: true, name: true, tier: true } } } },
      running: {
        include: {
          environment: { select: { name: true, displayName: true, tier: true, position: true, protected: true } },
          build: { select: { id: true, version: true, createdAt: true, artifactDigest: true } },
        },
      },
    },
  });
  if (!c) return null;
  const recent = await prisma.build.findMany({
    where: { componentId: c.id },
    orderBy: { createdAt: 'desc' },
    take: 20,
    select: { id: true, version: true, createdAt: true, artifactDigest: true, producedBy: true },
  });
  return {
    ...toRow(c),
    repository: c.repository,
    distributionList: c.distributionList,
    createdAt: c.createdAt.toISOString(),
    dependentsList: c.dependents
      .map((d) => ({ component: d.component, range: d.versionRange }))
      .sort((a, b) => a.component.name.localeCompare(b.component.name)),
    recentBuilds: recent.map((b) => ({ ...buildRef(b), artifactDigest: b.artifactDigest, producedBy: b.producedBy })),
    running: c.running
      .sort((a, b) => a.environment.position - b.environment.position)
      .map((r) => ({
        environment: r.environment,
        build: { ...buildRef(r.build), artifactDigest: r.build.artifactDigest },
        since: r.since.toISOString(),
      })),
  };
}
