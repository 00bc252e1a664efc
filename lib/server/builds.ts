import 'server-only';
import semver from 'semver';
import { z } from 'zod';
import type { Prisma } from '@/lib/generated/prisma/client';
import type { ReleaseStatus } from '@/lib/generated/prisma/enums';
import { httpUrl, MAX_WORK_ITEMS, type WorkItem } from '@/lib/domain/work-items';
import { defineMutation } from './action';
import { assertCan } from './authz';
import { db, type Tx } from './db';
import { conflict, invalid } from './errors';
import { pageParam, textParam } from './releases';
import { releaseKey } from './release-ref';
import type { Actor } from './actor';
import { nowMs } from './clock';

// Builds: one immutable version of a component. CI reports them through the API
// (and retries), people enter them by hand. Recording the same build twice is an
// idempotent no-op; the same version with different bytes is a conflict.

export const MAX_NOTES = 20_000;

/** Optional text: absent, null and blank all mean "not given". */
const optionalText = (max: number, what: string, describe: string) =>
  z
    .string()
    .trim()
    .max(max, `${what} is at most ${max.toLocaleString('en-GB')} characters.`)
    .regex(/^[^\r\n]*$/, `${what} is a single line.`)
    .nullish()
    .transform((v) => v || undefined)
    .describe(describe);

export const WorkItemSchema = z
  .object({
    key: z
      .string({ error: 'Give the work item key, e.g. PAY-123.' })
      .trim()
      .min(1, 'Give the work item key, e.g. PAY-123.')
      .max(100, 'Work item keys are at most 100 characters.')
      .regex(/^\S+$/, 'A work item key has no spaces, e.g. PAY-123.')
      .describe('Key of the work item in its tracker, e.g. "PAY-123".'),
    title: z
      .string()
      .trim()
      .max(300, 'Work item titles are at most 300 characters.')
      .nullish()
      .transform((v) => v || undefined)
      .describe('Short title of the work item.'),
    url: z
      .string()
      .trim()
      .max(2000, 'Work item links are at most 2,000 characters.')
      .refine((v) => v === '' || httpUrl(v) !== null, { message: 'Use an http:// or https:// link.' })
      .nullish()
      .transform((v) => (v ? (httpUrl(v) ?? undefined) : undefined))
      .describe('Link to the work item (http or https only).'),
  })
  .describe('A work item (story, bug, change) this build delivers.');

export const RecordBuildSchema = z
  .object({
    component: z
      .string({ error: 'Give the name of the component this build is of.' })
      .trim()
      .min(1, 'Give the name of the component this build is of.')
      .max(60, 'Component names are at most 60 characters.')
      .describe('Name of the component in the Relm catalogue, e.g. "billing-api".'),
    version: z
      .string({ error: 'Give the version, e.g. 2.4.1.' })
      .trim()
      .max(128, 'Versions are at most 128 characters.')
      .transform((v) => v.replace(/^[vV](?=\d)/, ''))
      .refine((v) => semver.valid(v) !== null && /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/.test(v), {
        message: 'Use a semantic version: MAJOR.MINOR.PATCH with an optional -prerelease and +build, e.g. 2.4.1, 3.0.0-rc.1 or 1.2.3+sha.5114f85.',
      })
      .describe('Semantic version of the build (strict semver, e.g. "2.4.1" or "3.0.0-rc.1"; a leading "v" is dropped).'),
    artifactDigest: z
      .string({ error: 'Give the sha256 digest of the artifact.' })
      .trim()
      .max(80, 'An artifact digest is 64 hexadecimal characters, optionally prefixed "sha256:".')
      .transform((v) => v.replace(/^sha256:/i, '').toLowerCase())
      .refine((v) => /^[0-9a-f]{64}$/.test(v), {
        message: 'Give the sha256 digest of the artifact: 64 hexadecimal characters, optionally prefixed "sha256:".',
      })
      .describe('sha256 of the artifact: 64 hex characters, optionally prefixed "sha256:"; stored as lowercase hex.'),
    sourceRepo: optionalText(500, 'The source repository', 'Source repository the build came from (URL or name).'),
    sourceCommit: optionalText(100, 'The source commit', 'Commit (or other revision id) the build was made from.'),
    sourceBranch: optionalText(250, 'The source branch', 'Branch or tag the build was made from.'),
    notes: z
      .string()
      .max(MAX_NOTES, `Build notes are at most ${MAX_NOTES.toLocaleString('en-GB')} characters.`)
      .nullish()
      .transform((v) => (v ?? '').trim())
      .describe('Build notes (markdown): what changed.'),
    workItems: z
      .array(WorkItemSchema)
      .max(MAX_WORK_ITEMS, `A build links at most ${MAX_WORK_ITEMS} work items.`)
      .nullish()
      .transform((v) => v ?? [])
      .describe(`Work items this build delivers (at most ${MAX_WORK_ITEMS}).`),
    producedBy: optionalText(200, 'Produced by', "Who or what produced the build (a person's email or a pipeline name). Defaults to the caller."),
    builtAt: z
      // a blank field counts as absent, like the other optional fields
      .preprocess(
        (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
        z.iso.datetime({ offset: true, error: 'Give the build time as an ISO 8601 date-time, e.g. 2026-11-23T14:05:00Z.' }).optional(),
      )
      .refine((v) => v === undefined || Date.parse(v) <= nowMs() + 24 * 3_600_000, {
        message: 'The build time is in the future. Give the time the build finished.',
      })
      .nullish()
      .transform((v) => v ?? undefined)
      .describe('When the build finished, ISO 8601 with offset, e.g. "2026-11-23T14:05:00Z".'),
  })
  .describe('A build of a component to record.');
export type RecordBuildInput = z.input<typeof RecordBuildSchema>;

export interface BuildDto {
  id: string;
  component: { id: string; name: string; tier: number };
  version: string;
  artifactDigest: string;
  sourceRepo: string | null;
  sourceCommit: string | null;
  sourceBranch: string | null;
  notes: string;
  workItems: WorkItem[];
  producedBy: string;
  recordedBy: { id: string; name: string; email: string } | null;
  builtAt: string | null;
  createdAt: string;
}

const buildInclude = {
  component: { select: { id: true, name: true, tier: true } },
  recordedBy: { select: { id: true, name: true, email: true } },
} satisfies Prisma.BuildInclude;
type BuildPayload = Prisma.BuildGetPayload<{ include: typeof buildInclude }>;

/** Stored work items, defensively: the column is JSON and may hold anything. */
function workItemsOf(value: unknown): WorkItem[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((w) => {
    if (!w || typeof w !== 'object' || typeof (w as WorkItem).key !== 'string') return [];
    const { key, title, url } = w as WorkItem;
    return [{ key, ...(typeof title === 'string' && title ? { title } : {}), ...(typeof url === 'string' && httpUrl(url) ? { url } : {}) }];
  });
}

export function toBuildDto(b: BuildPayload): BuildDto {
  return {
    id: b.id,
    component: b.component,
    version: b.version,
    artifactDigest: b.artifactDigest,
    sourceRepo: b.sourceRepo,
    sourceCommit: b.sourceCommit,
    sourceBranch: b.sourceBranch,
    notes: b.notes,
    workItems: workItemsOf(b.workItems),
    producedBy: b.producedBy,
    recordedBy: b.recordedBy,
    builtAt: b.builtAt?.toISOString() ?? null,
    createdAt: b.createdAt.toISOString(),
  };
}

const UTC = (d: Date) =>
  d
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, ' UTC');

async function existingBuild(tx: Tx, componentId: string, version: string) {
  return tx.build.findUnique({ where: { componentId_version: { componentId, version } }, include: buildInclude });
}

/** Same digest: the retry of a build already recorded. Different: a conflict. */
function sameOrConflict(existing: BuildPayload, digest: string): BuildDto {
  if (existing.artifactDigest === digest) return toBuildDto(existing);
  const who = existing.recordedBy?.email ?? existing.producedBy;
  throw conflict(
    `${existing.component.name} ${existing.version} is already recorded with a different artifact (sha256:${existing.artifactDigest}, recorded ${UTC(existing.createdAt)} by ${who}). Builds are immutable: publish the new artifact under a new version.`,
    { version: [`${existing.component.name} ${existing.version} already exists with digest sha256:${existing.artifactDigest}. Use a new version.`] },
  );
}

export const recordBuild = defineMutation({
  name: 'build.record',
  permission: 'build.record',
  input: RecordBuildSchema,
  async run({ tx, actor, input, audit, noChange }): Promise<{ build: BuildDto; created: boolean }> {
    const component = await tx.component.findUnique({ where: { name: input.component }, select: { id: true, name: true } });
    if (!component) {
      throw invalid(`There is no component named "${input.component}".`, {
        component: [
          `There is no component named "${input.component}". Component names are listed on the Components page (/components); an admin or release manager can add it to the catalogue.`,
        ],
      });
    }
    const before = await existingBuild(tx, component.id, input.version);
    if (before) {
      const build = sameOrConflict(before, input.artifactDigest);
      noChange();
      return { build, created: false };
    }
    // ON CONFLICT DO NOTHING: a concurrent identical report waits for the other
    // transaction, then inserts nothing, and we read the winner's row below.
    const inserted = await tx.build.createMany({
      skipDuplicates: true,
      data: [
        {
          componentId: component.id,
          version: input.version,
          artifactDigest: input.artifactDigest,
          sourceRepo: input.sourceRepo ?? null,
          sourceCommit: input.sourceCommit ?? null,
          sourceBranch: input.sourceBranch ?? null,
          notes: input.notes,
          workItems: input.workItems as Prisma.InputJsonValue,
          producedBy: input.producedBy ?? actor.label,
          recordedById: actor.type === 'system' ? null : actor.id,
          builtAt: input.builtAt ? new Date(input.builtAt) : null,
        },
      ],
    });
    const row = await existingBuild(tx, component.id, input.version);
    if (!row) throw new Error('build vanished after insert');
    if (inserted.count === 0) {
      const build = sameOrConflict(row, input.artifactDigest);
      noChange();
      return { build, created: false };
    }
    const build = toBuildDto(row);
    await audit({
      action: 'build.record',
      targetType: 'build',
      targetId: build.id,
      after: {
        component: component.name,
        version: build.version,
        artifactDigest: build.artifactDigest,
        sourceCommit: build.sourceCommit,
        producedBy: build.producedBy,
        workItems: build.workItems.map((w) => w.key),
      },
    });
    return { build, created: true };
  },
});

// ---------------------------------------------------------------- reads

export const BUILD_PAGE_SIZE = 50;

export const BuildListSchema = z.object({
  component: textParam(60),
  q: textParam(100),
  page: pageParam,
});
export type BuildListFilters = z.infer<typeof BuildListSchema>;

export interface BuildListResult {
  filters: BuildListFilters;
  total: number;
  page: number;
  pageSize: number;
  builds: BuildDto[];
}

export async function listBuilds(actor: Actor | null, raw: unknown = {}, pageSize = BUILD_PAGE_SIZE): Promise<BuildListResult> {
  assertCan(actor, 'catalog.read');
  const f = BuildListSchema.parse(raw ?? {});
  const and: Prisma.BuildWhereInput[] = [];
  if (f.component) and.push({ component: { name: f.component } });
  if (f.q) {
    const digest = f.q.replace(/^sha256:/i, '').toLowerCase();
    and.push({
      OR: [
        { version: { contains: f.q, mode: 'insensitive' } },
        { sourceCommit: { startsWith: f.q, mode: 'insensitive' } },
        { sourceBranch: { contains: f.q, mode: 'insensitive' } },
        { producedBy: { contains: f.q, mode: 'insensitive' } },
        { notes: { contains: f.q, mode: 'insensitive' } },
        { component: { name: { contains: f.q, mode: 'insensitive' } } },
        ...(/^[0-9a-f]{4,64}$/.test(digest) ? [{ artifactDigest: { startsWith: digest } }] : []),
      ],
    });
  }
  const where: Prisma.BuildWhereInput = and.length ? { AND: and } : {};
  const prisma = await db();
  const total = await prisma.build.count({ where });
  const lastPage = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(f.page, lastPage);
  const rows = total
    ? await prisma.build.findMany({
        where,
        include: buildInclude,
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        skip: (page - 1) * pageSize,
        take: pageSize,
      })
    : [];
  return { filters: { ...f, page }, total, page, pageSize, builds: rows.map(toBuildDto) };
}

export interface BuildDetailDto extends BuildDto {
  packages: { releaseId: string; releaseKey: string; releaseTitle: string; releaseStatus: ReleaseStatus; sealed: boolean }[];
  running: { environment: { name: string; displayName: string; tier: string; protected: boolean }; since: string }[];
}

export async function getBuild(actor: Actor | null, id: string): Promise<BuildDetailDto | null> {
  assertCan(actor, 'catalog.read');
  if (typeof id !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(id)) return null;
  const prisma = await db();
  const b = await prisma.build.findUnique({
    where: { id },
    include: {
      ...buildInclude,
      packageItems: {
        include: { package: { select: { sealedDigest: true, release: { select: { id: true, number: true, title: true, status: true } } } } },
      },
      running: {
        include: { environment: { select: { name: true, displayName: true, tier: true, protected: true, position: true } } },
      },
    },
  });
  if (!b) return null;
  return {
    ...toBuildDto(b),
    packages: b.packageItems
      .map((p) => ({
        releaseId: p.package.release.id,
        releaseKey: releaseKey(p.package.release.number),
        releaseTitle: p.package.release.title,
        releaseStatus: p.package.release.status,
        sealed: p.package.sealedDigest !== null,
        n: p.package.release.number,
      }))
      .sort((a, b) => b.n - a.n)
      .map(({ n: _n, ...rest }) => rest),
    running: b.running
      .sort((a, b) => a.environment.position - b.environment.position)
      .map((r) => ({
        environment: { name: r.environment.name, displayName: r.environment.displayName, tier: r.environment.tier, protected: r.environment.protected },
        since: r.since.toISOString(),
      })),
  };
}
