import 'server-only';
import crypto from 'node:crypto';
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
import { now, nowMs } from './clock';
import { sayer } from './say';

const say = sayer('server-builds');

// Builds: one immutable version of a component. CI reports them through the API
// (and retries), people enter them by hand. Recording the same build twice is an
// idempotent no-op; the same version with different bytes is a conflict.

export const MAX_NOTES = 20_000;

/** Optional text: absent, null and blank all mean "not given". `field` names it in the catalogue (server-builds.json `what.*`). */
const optionalText = (max: number, field: 'sourceRepo' | 'sourceCommit' | 'sourceBranch' | 'producedBy', describe: string) =>
  z
    .string()
    .trim()
    .max(max, { error: () => say('optional.tooLong', { what: { key: `what.${field}` }, max }) })
    .regex(/^[^\r\n]*$/, { error: () => say('optional.oneLine', { what: { key: `what.${field}` } }) })
    .nullish()
    .transform((v) => v || undefined)
    .describe(describe);

export const WorkItemSchema = z
  .object({
    key: z
      .string({ error: say('workItem.key') })
      .trim()
      .min(1, say('workItem.key'))
      .max(100, say('workItem.keyTooLong'))
      .regex(/^\S+$/, say('workItem.keySpaces'))
      .describe('Key of the work item in its tracker, e.g. "PAY-123".'),
    title: z
      .string()
      .trim()
      .max(300, say('workItem.titleTooLong'))
      .nullish()
      .transform((v) => v || undefined)
      .describe('Short title of the work item.'),
    url: z
      .string()
      .trim()
      .max(2000, say('workItem.urlTooLong'))
      .refine((v) => v === '' || httpUrl(v) !== null, { message: say('workItem.urlScheme') })
      .nullish()
      .transform((v) => (v ? (httpUrl(v) ?? undefined) : undefined))
      .describe('Link to the work item (http or https only).'),
  })
  .describe('A work item (story, bug, change) this build delivers.');

export const RecordBuildSchema = z
  .object({
    component: z
      .string({ error: say('field.component') })
      .trim()
      .min(1, say('field.component'))
      .max(60, say('field.componentTooLong'))
      .describe('Name of the component in the Relm catalogue, e.g. "billing-api".'),
    version: z
      .string({ error: say('field.version') })
      .trim()
      .max(128, say('field.versionTooLong'))
      .transform((v) => v.replace(/^[vV](?=\d)/, ''))
      .refine((v) => semver.valid(v) !== null && /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/.test(v), {
        message: say('field.semver'),
      })
      .describe('Semantic version of the build (strict semver, e.g. "2.4.1" or "3.0.0-rc.1"; a leading "v" is dropped).'),
    artifactDigest: z
      .string({ error: say('field.digest') })
      .trim()
      .max(80, say('field.digestTooLong'))
      .transform((v) => v.replace(/^sha256:/i, '').toLowerCase())
      .refine((v) => /^[0-9a-f]{64}$/.test(v), {
        message: say('field.digestShape'),
      })
      .describe('sha256 of the artifact: 64 hex characters, optionally prefixed "sha256:"; stored as lowercase hex.'),
    sourceRepo: optionalText(500, 'sourceRepo', 'Source repository the build came from (URL or name).'),
    sourceCommit: optionalText(100, 'sourceCommit', 'Commit (or other revision id) the build was made from.'),
    sourceBranch: optionalText(250, 'sourceBranch', 'Branch or tag the build was made from.'),
    notes: z
      .string()
      .max(MAX_NOTES, { error: () => say('field.notesTooLong', { max: MAX_NOTES }) })
      .nullish()
      .transform((v) => (v ?? '').trim())
      .describe('Build notes (markdown): what changed.'),
    workItems: z
      .array(WorkItemSchema)
      .max(MAX_WORK_ITEMS, { error: () => say('field.tooManyWorkItems', { max: MAX_WORK_ITEMS }) })
      .nullish()
      .transform((v) => v ?? [])
      .describe(`Work items this build delivers (at most ${MAX_WORK_ITEMS}).`),
    producedBy: optionalText(200, 'producedBy', "Who or what produced the build (a person's email or a pipeline name). Defaults to the caller."),
    builtAt: z
      // a blank field counts as absent, like the other optional fields
      .preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.iso.datetime({ offset: true, error: say('field.builtAt') }).optional())
      .refine((v) => v === undefined || Date.parse(v) <= nowMs() + 24 * 3_600_000, {
        message: say('field.builtAtFuture'),
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

/** A Build row as SQL returns it. */
type BuildRow = Omit<BuildPayload, 'component' | 'recordedBy'>;

/** A new build's id, shaped like the cuids Prisma gives (c + 24 lowercase letters and digits). */
function newBuildId(): string {
  const bytes = crypto.randomBytes(24);
  let id = 'c';
  for (const b of bytes) id += 'abcdefghijklmnopqrstuvwxyz0123456789'[b % 36];
  return id;
}

async function existingBuild(tx: Tx, componentId: string, version: string) {
  return tx.build.findUnique({ where: { componentId_version: { componentId, version } }, include: buildInclude });
}

/** Same digest: the retry of a build already recorded. Different: a conflict. */
function sameOrConflict(existing: BuildPayload, digest: string): BuildDto {
  if (existing.artifactDigest === digest) return toBuildDto(existing);
  const who = existing.recordedBy?.email ?? existing.producedBy;
  const values = { component: existing.component.name, version: existing.version, digest: existing.artifactDigest };
  throw conflict(say('differentArtifact', { ...values, at: UTC(existing.createdAt), who }), { version: [say('differentArtifactField', values)] });
}

export const recordBuild = defineMutation({
  name: 'build.record',
  permission: 'build.record',
  input: RecordBuildSchema,
  async run({ tx, actor, input, audit, noChange }): Promise<{ build: BuildDto; created: boolean }> {
    // The component, and the build inserted unless its version is recorded already, in one
    // statement (a pipeline's new build is the common case; each statement, and each query
    // Prisma compiles, costs CPU on the write path: issue 17, decision 062). ON CONFLICT DO
    // NOTHING: a retry inserts nothing, and a concurrent identical report waits for the other
    // transaction, then inserts nothing; either way the row read then is the one recorded first.
    const at = now();
    const [found] = await tx.$queryRaw<(BuildRow & { cId: string; cName: string; cTier: number; inserted: boolean })[]>`
      WITH c AS (SELECT "id", "name", "tier" FROM "Component" WHERE "name" = ${input.component}),
      ins AS (
        INSERT INTO "Build" ("id", "componentId", "version", "artifactDigest", "sourceRepo", "sourceCommit", "sourceBranch",
                             "notes", "workItems", "producedBy", "recordedById", "builtAt", "createdAt")
        SELECT ${newBuildId()}, c."id", ${input.version}, ${input.artifactDigest}, ${input.sourceRepo ?? null}, ${input.sourceCommit ?? null},
               ${input.sourceBranch ?? null}, ${input.notes}, ${JSON.stringify(input.workItems)}::jsonb, ${input.producedBy ?? actor.label},
               ${actor.type === 'system' ? null : actor.id}, ${input.builtAt ? new Date(input.builtAt).toISOString() : null}::timestamptz,
               ${at.toISOString()}::timestamptz
          FROM c
        ON CONFLICT ("componentId", "version") DO NOTHING
        RETURNING *)
      SELECT c."id" AS "cId", c."name" AS "cName", c."tier" AS "cTier", ins."id" IS NOT NULL AS "inserted", ins.*
        FROM c LEFT JOIN ins ON true`;
    if (!found) {
      throw invalid(say('noComponent', { name: input.component }), { component: [say('noComponentField', { name: input.component })] });
    }
    const component = { id: found.cId, name: found.cName, tier: Number(found.cTier) };
    if (!found.inserted) {
      const row = await existingBuild(tx, component.id, input.version);
      if (!row) throw new Error('build vanished after insert');
      const build = sameOrConflict(row, input.artifactDigest);
      noChange();
      return { build, created: false };
    }
    // who recorded it is the actor, read from the database for this request
    const recordedBy = found.recordedById ? { id: found.recordedById, name: actor.name, email: actor.email ?? '' } : null;
    const build = toBuildDto({ ...found, component, recordedBy });
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
