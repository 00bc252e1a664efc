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

// The component catalogue: what can be built and deployed, who owns it, how
// critical it is, and which versions of other components it needs.

export const COMPONENT_NAME_PATTERN = /^[a-z0-9][a-z0-9._-]*$/;
export const MAX_DEPENDENCIES = 100;
const RANGE_HELP = 'Use a semver range such as ">=2.3 <3", "^1.4.0", "~2.1" or "1.x".';

export const ComponentNameSchema = z
  .string({ error: 'Enter a component name.' })
  .trim()
  .min(2, 'Component names are at least 2 characters.')
  .max(60, 'Component names are at most 60 characters.')
  .superRefine((v, ctx) => {
    if (COMPONENT_NAME_PATTERN.test(v)) return;
    const suggestion = v
      .toLowerCase()
      .replace(/[^a-z0-9._-]+/g, '-')
      .replace(/^[^a-z0-9]+/, '');
    ctx.addIssue({
      code: 'custom',
      message: `Use lowercase letters, digits, "-", "." or "_", starting with a letter or digit${suggestion.length >= 2 && suggestion !== v ? `, e.g. ${suggestion}` : ''}.`,
    });
  });

const RangeSchema = z
  .string({ error: 'Enter a version range.' })
  .trim()
  .min(1, `Enter a version range. ${RANGE_HELP}`)
  .max(100, 'Version ranges are at most 100 characters.')
  .refine((v) => semver.validRange(v) !== null, { message: `This is not a valid semver range. ${RANGE_HELP}` });

export const DependencyInputSchema = z.object({
  component: z
    .string({ error: 'Choose the component depended on.' })
    .trim()
    .min(1, 'Choose the component depended on.')
    .max(60, 'Component names are at most 60 characters.'),
  range: RangeSchema,
});
export type DependencyInput = z.infer<typeof DependencyInputSchema>;

const tierSchema = z.preprocess(
  (v) => (typeof v === 'string' && /^\s*\d{1,3}\s*$/.test(v) ? Number(v) : v),
  z
    .number({ error: 'Choose a criticality tier from 1 (most critical) to 4.' })
    .int('Choose a criticality tier from 1 (most critical) to 4.')
    .min(1, 'Choose a criticality tier from 1 (most critical) to 4.')
    .max(4, 'Choose a criticality tier from 1 (most critical) to 4.'),
);

const EmailAddress = z.email();

/** Where release announcements are e-mailed: addresses separated by commas, semicolons, spaces or lines; stored one a line. */
export const DistributionListSchema = z
  .string({ error: 'The distribution list must be text.' })
  .max(20_000, 'The distribution list is at most 20,000 characters.')
  .default('')
  .transform((v, ctx) => {
    const parts = splitAddresses(v);
    const bad = parts.filter((a) => a.length > 254 || !EmailAddress.safeParse(a).success);
    if (bad.length) {
      ctx.addIssue({
        code: 'custom',
        message: `${bad.length === 1 ? 'This is not an e-mail address' : 'These are not e-mail addresses'}: ${bad.slice(0, 5).join(', ')}${bad.length > 5 ? ` and ${bad.length - 5} more` : ''}. Write one address such as users@example.com per line.`,
      });
      return z.NEVER;
    }
    const normalized = normalizeAddresses(parts);
    const count = normalized ? normalized.split('\n').length : 0;
    if (count > MAX_DISTRIBUTION_ADDRESSES) {
      ctx.addIssue({
        code: 'custom',
        message: `A distribution list has at most ${MAX_DISTRIBUTION_ADDRESSES} addresses (this one has ${count}): use a mailing list address for larger groups.`,
      });
      return z.NEVER;
    }
    return normalized;
  });

export const CreateComponentSchema = z.object({
  name: ComponentNameSchema,
  description: z.string().trim().max(2000, 'Descriptions are at most 2,000 characters.').default(''),
  ownerTeamId: z.string({ error: 'Choose the owning team.' }).trim().min(1, 'Choose the owning team.').max(64, 'Choose the owning team.'),
  tier: tierSchema,
  repository: z
    .string()
    .trim()
    .max(500, 'Repository addresses are at most 500 characters.')
    .regex(/^[^\s]*$/, 'A repository address has no spaces.')
    .optional()
    .transform((v) => v || null),
  dependencies: z.array(DependencyInputSchema).max(MAX_DEPENDENCIES, `A component can have at most ${MAX_DEPENDENCIES} dependencies.`).default([]),
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
      fieldErrors[key] = [`${self.name} cannot depend on itself. Remove this row.`];
      return;
    }
    const id = byName.get(d.component);
    if (!id) {
      fieldErrors[key] = [`There is no component named "${d.component}". Choose one from the catalogue, or create it first.`];
      return;
    }
    if (seen.has(d.component)) {
      fieldErrors[key] = [`${d.component} is already listed in row ${seen.get(d.component)! + 1}. Keep one row per component.`];
      return;
    }
    seen.set(d.component, i);
    resolved.push({ dependsOnId: id, name: d.component, versionRange: d.range });
  });
  if (Object.keys(fieldErrors).length) throw invalid('Some dependencies need attention.', fieldErrors);

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
      throw invalid(`These dependencies would form a cycle: ${text}. Remove one of these dependencies so that no component ends up depending on itself.`, {
        [where >= 0 ? `dependencies.${where}.component` : 'dependencies']: [`This closes a dependency cycle: ${text}.`],
      });
    }
  }
  return resolved;
}

async function checkTeam(tx: Tx, ownerTeamId: string) {
  const team = await tx.team.findUnique({ where: { id: ownerTeamId }, select: { id: true, name: true } });
  if (!team) throw invalid('Some fields need attention.', { ownerTeamId: ['That team no longer exists. Choose another owning team.'] });
  return team;
}

async function checkNameFree(tx: Tx, name: string, exceptId?: string) {
  const clash = await tx.component.findFirst({ where: { name, ...(exceptId ? { id: { not: exceptId } } : {}) }, select: { id: true } });
  if (clash) throw conflict(`A component named ${name} already exists.`, { name: [`Another component is already named ${name}. Choose another name.`] });
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
    if (!current) throw notFound('That component');
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
