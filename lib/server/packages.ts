import 'server-only';
import { managedByKey, releaseManagement } from './release-managers';
import { z } from 'zod';
import type { ReleaseStatus } from '@/lib/generated/prisma/enums';
import { checkCompatibility, type CompatibilityProblem } from '@/lib/domain/compatibility';
import { compareManifests, describeManifestChanges, manifestDigest, packageManifest, type ManifestItem } from '@/lib/domain/manifest';
import { diffPackages, releaseNotesMarkdown, type DiffBuild, type PackageDiff, type WorkItem } from '@/lib/domain/package-diff';
import { allows as statusAllows, refusalWords, statusesAllowing, type RefusableRule } from '@/lib/domain/release-rules';
import type { GateResult } from '@/lib/domain/result';
import type { Locale } from '@/lib/domain/locale';
import { sayer as domainSayer, type SayValue } from '@/lib/domain/said';
import enGates from '@/messages/en/gates.json';
import { defineMutation } from './action';
import { recomputeRiskLevel } from './risk-level';
import { allows, assertCan } from './authz';
import { conflict, invalid, notFound, Refusal } from './errors';
import { db, type Tx } from './db';
import { parseReleaseKey, refOf, type ReleaseArg, releaseKey } from './release-ref';
import { saveVersioned } from './versioned';
import type { Actor } from './actor';
import { now as clockNow } from './clock';
import { localize, sayer } from './say';

const say = sayer('server-packages');
const sayGate = domainSayer('gates', enGates);

/** "REL-3 is deployed: its package can be edited directly only while the release is draft or rejected.", said from the gates catalogue. */
function statusRefusal(key: string, status: ReleaseStatus, rule: RefusableRule): string {
  const ref = refusalWords(key, status, rule);
  return sayGate(ref.key, ref.values as Record<string, SayValue>);
}

// The release package: which builds a release ships (one per component), whether
// they fit together (compatibility), and the seal that fixes them (manifest +
// sha256 digest). Before sealing, a release in draft (or rejected) is edited
// directly; after sealing, scope only changes through a scope change request
// (lib/server/scope-changes.ts). Every package change compares and bumps the
// release's version (optimistic locking) and is audited.

// ---------------------------------------------------------------- vocabulary

const RELEASE_KEY_SHAPE = say('field.releaseKeyShape');
export const releaseKeyField = z
  .string({ error: say('field.releaseKey') })
  .trim()
  .max(20, RELEASE_KEY_SHAPE)
  .refine((k) => parseReleaseKey(k.toUpperCase()) !== null, RELEASE_KEY_SHAPE)
  .transform((k) => k.toUpperCase());

const idField = (choose: string, notValid: string) =>
  z
    .string({ error: choose })
    .trim()
    .min(1, choose)
    .max(64, notValid)
    .regex(/^[A-Za-z0-9_-]+$/, notValid);

const MISSING_VERSION = say('field.missingVersion');
const versionField = z.coerce.number({ error: MISSING_VERSION }).int(MISSING_VERSION).min(1, MISSING_VERSION).max(2_000_000_000, MISSING_VERSION);

const boolish = z
  .union([z.boolean(), z.enum(['true', 'false', 'on', '1', '0', ''])])
  .optional()
  .transform((v) => v === true || v === 'true' || v === 'on' || v === '1');

const CHOOSE_COMPONENT = say('field.chooseComponent');
const componentNameField = z
  .string({ error: CHOOSE_COMPONENT })
  .trim()
  .toLowerCase()
  .min(1, CHOOSE_COMPONENT)
  .max(64, say('field.componentNameTooLong'))
  .regex(/^[a-z0-9][a-z0-9-]*$/, say('field.componentNameShape'));

export const AddPackageBuildSchema = z.object({
  releaseKey: releaseKeyField,
  buildId: idField(say('field.chooseBuild'), say('field.buildIdInvalid')),
  version: versionField,
  replace: boolish,
});

export const RemovePackageBuildSchema = z.object({
  releaseKey: releaseKeyField,
  component: componentNameField,
  version: versionField,
});

export const SealPackageSchema = z.object({ releaseKey: releaseKeyField, version: versionField });
export const VerifyPackageSchema = z.object({ releaseKey: releaseKeyField });

// ---------------------------------------------------------------- shared helpers (also used by scope-changes.ts)

export interface LockedRelease {
  id: string;
  number: number;
  key: string;
  title: string;
  status: ReleaseStatus;
  version: number;
  ownerId: string;
}

/** The release by key, or a not-found refusal. */
export async function releaseByKey(tx: Tx, key: string) {
  const number = parseReleaseKey(key);
  const r = number === null ? null : await tx.release.findUnique({ where: { number }, include: { updatedBy: { select: { name: true } } } });
  if (!r) throw notFound(say('release', { key }));
  return r;
}

/**
 * Compares the release's version with the one the caller saw and bumps it, in one
 * conditional UPDATE: of two people saving at once, exactly one wins and the other
 * is told who changed the release and when.
 */
export async function bumpReleaseVersion(tx: Tx, actor: Actor, release: { id: string; number: number }, expected: number | null): Promise<number> {
  return saveVersioned(tx, actor, { model: 'release', id: release.id, expectedVersion: expected });
}

/** Refuses unless the package may be edited directly (draft or rejected release, package not sealed). */
function assertDirectlyEditable(release: { number: number; status: ReleaseStatus }, pkg: { sealedDigest: string | null } | null) {
  const key = releaseKey(release.number);
  if (!statusAllows(release.status, 'editPackage')) {
    throw new Refusal('gates', statusRefusal(key, release.status, 'editPackage'), {
      gates: [
        {
          rule: 'package.editable',
          passed: false,
          why: say('gate.editable.why', {
            statuses: { list: statusesAllowing('editPackage').map((s) => ({ term: `releaseWord.${s}` })), max: 20, conjunction: 'or' },
            key,
            status: { term: `releaseWord.${release.status}` },
          }),
          fix: pkg?.sealedDigest ? say('gate.editable.fixSealed') : say('gate.editable.fixRework'),
        },
      ],
    });
  }
  if (pkg?.sealedDigest) {
    throw new Refusal('gates', say('sealed', { key }), {
      gates: [
        {
          rule: 'package.sealed',
          passed: false,
          why: say('gate.sealed.why'),
          fix: say('gate.sealed.fix'),
        },
      ],
    });
  }
}

export interface CurrentItem {
  itemId: string;
  componentId: string;
  component: string;
  tier: number;
  buildId: string;
  version: string;
  digest: string;
  notes: string;
  workItems: WorkItem[];
  producedBy: string;
  recordedById: string | null;
  sourceCommit: string | null;
  sourceBranch: string | null;
  addedAt: Date;
}

export function parseWorkItems(json: unknown): WorkItem[] {
  if (!Array.isArray(json)) return [];
  return json
    .filter((w): w is Record<string, unknown> => !!w && typeof w === 'object' && typeof (w as { key?: unknown }).key === 'string')
    .map((w) => ({
      key: String(w.key),
      ...(typeof w.title === 'string' ? { title: w.title } : {}),
      ...(typeof w.url === 'string' && /^https?:\/\//i.test(w.url) ? { url: w.url } : {}),
    }));
}

/** The package's items with their builds, sorted by component name. */
export async function currentItems(tx: Tx, packageId: string): Promise<CurrentItem[]> {
  const rows = await tx.packageItem.findMany({
    where: { packageId },
    include: { component: { select: { name: true, tier: true } }, build: true },
  });
  return rows
    .map((i) => ({
      itemId: i.id,
      componentId: i.componentId,
      component: i.component.name,
      tier: i.component.tier,
      buildId: i.buildId,
      version: i.build.version,
      digest: i.build.artifactDigest,
      notes: i.build.notes,
      workItems: parseWorkItems(i.build.workItems),
      producedBy: i.build.producedBy,
      recordedById: i.build.recordedById,
      sourceCommit: i.build.sourceCommit,
      sourceBranch: i.build.sourceBranch,
      addedAt: i.addedAt,
    }))
    .sort((a, b) => (a.component < b.component ? -1 : a.component > b.component ? 1 : 0));
}

export const toManifestItems = (items: { component: string; version: string; digest: string }[]): ManifestItem[] =>
  items.map((i) => ({ component: i.component, version: i.version, digest: i.digest }));

/**
 * Compatibility of a set of package items with every dependency range involved,
 * in each of the release's target environments (what runs there now).
 */
export async function compatibilityOf(
  tx: Tx | Awaited<ReturnType<typeof db>>,
  releaseId: string,
  items: { componentId: string; component: string; version: string }[],
): Promise<{ problems: CompatibilityProblem[]; environments: string[] }> {
  const targets = await tx.releaseEnvironment.findMany({
    where: { releaseId },
    select: { environment: { select: { id: true, name: true, position: true } } },
  });
  const envs = targets.map((t) => t.environment).sort((a, b) => a.position - b.position);
  const running = envs.length
    ? await tx.environmentComponent.findMany({
        where: { environmentId: { in: envs.map((e) => e.id) } },
        select: { environmentId: true, componentId: true, component: { select: { name: true } }, build: { select: { version: true } } },
      })
    : [];
  const componentIds = [...new Set([...items.map((i) => i.componentId), ...running.map((r) => r.componentId)])];
  const deps = componentIds.length
    ? await tx.componentDependency.findMany({
        where: { componentId: { in: componentIds } },
        select: { versionRange: true, component: { select: { name: true } }, dependsOn: { select: { name: true } } },
      })
    : [];
  const envName = new Map(envs.map((e) => [e.id, e.name]));
  const problems = checkCompatibility({
    items: items.map((i) => ({ component: i.component, version: i.version })),
    dependencies: deps.map((d) => ({ component: d.component.name, dependsOn: d.dependsOn.name, range: d.versionRange })),
    running: running.map((r) => ({ environment: envName.get(r.environmentId)!, component: r.component.name, version: r.build.version })),
    environments: envs.map((e) => e.name),
  });
  return { problems, environments: envs.map((e) => e.name) };
}

export function compatibilityGates(problems: CompatibilityProblem[]): GateResult[] {
  return problems.map((p) => ({
    rule: 'package.compatible',
    passed: false,
    why: p.message,
    fix:
      p.direction === 'environment'
        ? p.found?.version
          ? say('gate.compatible.fixEnvironment', { component: p.component, dependsOn: p.dependsOn, version: p.found.version, range: p.range })
          : say('gate.compatible.fixEnvironmentAny', { component: p.component, dependsOn: p.dependsOn, range: p.range })
        : p.found
          ? say('gate.compatible.fixFound', { component: p.component, dependsOn: p.dependsOn, version: p.found.version, range: p.range })
          : say('gate.compatible.fixMissing', { dependsOn: p.dependsOn, range: p.range }),
  }));
}

export interface IntegrityResult {
  ok: boolean;
  sealed: boolean;
  revision: number | null;
  sealedDigest: string | null;
  currentDigest: string;
  problems: string[];
}

/** Recomputes the manifest from the items and their builds, and compares it with the stored seal. */
export async function integrityOf(
  tx: Tx | Awaited<ReturnType<typeof db>>,
  pkg: { id: string; sealedDigest: string | null; revision: number },
  /** the package's current items when the caller already read them (saves reading them twice) */
  loaded?: CurrentItem[],
): Promise<IntegrityResult> {
  const items = loaded ?? (await currentItems(tx as Tx, pkg.id));
  const current = packageManifest(toManifestItems(items));
  const currentDigest = manifestDigest(current);
  if (!pkg.sealedDigest) {
    return {
      ok: false,
      sealed: false,
      revision: null,
      sealedDigest: null,
      currentDigest,
      problems: [say('integrity.notSealed')],
    };
  }
  const seal = await tx.packageSeal.findFirst({ where: { packageId: pkg.id }, orderBy: { revision: 'desc' } });
  const problems: string[] = [];
  if (!seal) {
    problems.push(say('integrity.noSeal', { digest: pkg.sealedDigest }));
  } else {
    if (seal.revision !== pkg.revision) problems.push(say('integrity.revision', { revision: pkg.revision, latest: seal.revision }));
    if (seal.digest !== pkg.sealedDigest) {
      problems.push(say('integrity.digestDiffers', { recorded: pkg.sealedDigest.slice(0, 12), revision: seal.revision, digest: seal.digest.slice(0, 12) }));
    }
    if (manifestDigest(seal.manifest) !== seal.digest) {
      problems.push(say('integrity.manifestAltered', { revision: seal.revision }));
    }
    problems.push(...describeManifestChanges(compareManifests(seal.manifest, toManifestItems(items))));
  }
  if (currentDigest !== pkg.sealedDigest && problems.length === 0) {
    problems.push(say('integrity.itemsDiffer', { current: currentDigest.slice(0, 12), sealed: pkg.sealedDigest.slice(0, 12) }));
  }
  return { ok: problems.length === 0, sealed: true, revision: seal?.revision ?? pkg.revision, sealedDigest: pkg.sealedDigest, currentDigest, problems };
}

/**
 * Writes a new seal of the package's current items: manifest, digest, revision + 1.
 * Refuses an empty package and an incompatible one (the problems come back as gates).
 */
export async function sealInTx(
  tx: Tx,
  actor: Actor,
  release: { id: string; number: number },
  pkg: { id: string; revision: number },
  reason: string,
): Promise<{ id: string; revision: number; digest: string; manifest: string; sealedAt: Date }> {
  const key = releaseKey(release.number);
  const items = await currentItems(tx, pkg.id);
  if (items.length === 0) {
    throw new Refusal('gates', say('empty', { key }), {
      gates: [
        {
          rule: 'package.not_empty',
          passed: false,
          why: say('gate.notEmpty.whyPackage'),
          fix: say('gate.notEmpty.fix'),
        },
      ],
    });
  }
  const { problems } = await compatibilityOf(tx, release.id, items);
  if (problems.length) {
    throw new Refusal(
      'gates',
      say('incompatible', {
        key,
        count: problems.length,
        first: { said: problems[0]!.message },
        more: problems.length > 1 ? { key: 'incompatibleMore', values: { count: problems.length - 1 } } : '',
      }),
      { gates: compatibilityGates(problems) },
    );
  }
  const manifest = packageManifest(toManifestItems(items));
  const digest = manifestDigest(manifest);
  const revision = pkg.revision + 1;
  const sealedAt = clockNow();
  const seal = await tx.packageSeal.create({
    data: { packageId: pkg.id, revision, digest, manifest, reason, sealedById: actor.id, sealedAt },
    select: { id: true },
  });
  await tx.releasePackage.update({ where: { id: pkg.id }, data: { sealedDigest: digest, sealedAt, revision } });
  return { id: seal.id, revision, digest, manifest, sealedAt };
}

// ---------------------------------------------------------------- mutations

async function loadForDirectEdit(tx: Tx, actor: Actor, key: string, expectedVersion: number) {
  const release = await releaseByKey(tx, key);
  const pkg = await tx.releasePackage.findUnique({ where: { releaseId: release.id } });
  // version first: a stale form is told so even when the release moved on to another status
  await bumpReleaseVersion(tx, actor, release, expectedVersion);
  assertDirectlyEditable(release, pkg);
  return { release, pkg };
}

export const addPackageBuild = defineMutation({
  name: 'package.add_build',
  permission: 'package.edit',
  input: AddPackageBuildSchema,
  release: managedByKey('releaseKey'),
  async run({ tx, actor, input, audit }) {
    const { release, pkg: existingPkg } = await loadForDirectEdit(tx, actor, input.releaseKey, input.version);
    const build = await tx.build.findUnique({ where: { id: input.buildId }, include: { component: { select: { id: true, name: true } } } });
    if (!build) throw invalid(say('add.noBuild'), { buildId: [say('add.chooseFromList')] });
    const pkg = existingPkg ?? (await tx.releasePackage.create({ data: { releaseId: release.id } }));
    const present = await tx.packageItem.findUnique({
      where: { packageId_componentId: { packageId: pkg.id, componentId: build.componentId } },
      include: { build: { select: { version: true } } },
    });
    const key = releaseKey(release.number);
    if (present?.buildId === build.id) {
      throw conflict(say('add.already', { component: build.component.name, version: build.version, key }), { buildId: [say('add.alreadyField')] });
    }
    if (present && !input.replace) {
      const values = { key, component: build.component.name, present: present.build.version, version: build.version };
      throw conflict(say('add.oneBuildPerComponent', values), { buildId: [say('add.oneBuildPerComponentField', values)] });
    }
    if (present) {
      await tx.packageItem.update({ where: { id: present.id }, data: { buildId: build.id, addedAt: clockNow() } });
    } else {
      await tx.packageItem.create({ data: { packageId: pkg.id, componentId: build.componentId, buildId: build.id } });
    }
    await recomputeRiskLevel(tx, release.id);
    await audit({
      action: 'package.add_build',
      targetType: 'release_package',
      targetId: pkg.id,
      releaseId: release.id,
      before: present ? { component: build.component.name, version: present.build.version } : null,
      after: { component: build.component.name, version: build.version, buildId: build.id, replaced: !!present },
    });
    const items = await currentItems(tx, pkg.id);
    const { problems } = await compatibilityOf(tx, release.id, items);
    return {
      component: build.component.name,
      version: build.version,
      replaced: present ? present.build.version : null,
      problems: problems.map((p) => p.message),
    };
  },
});

export const removePackageBuild = defineMutation({
  name: 'package.remove_build',
  permission: 'package.edit',
  input: RemovePackageBuildSchema,
  release: managedByKey('releaseKey'),
  async run({ tx, actor, input, audit }) {
    const { release, pkg } = await loadForDirectEdit(tx, actor, input.releaseKey, input.version);
    const key = releaseKey(release.number);
    const item = pkg
      ? await tx.packageItem.findFirst({
          where: { packageId: pkg.id, component: { name: input.component } },
          include: { build: { select: { version: true } } },
        })
      : null;
    if (!pkg || !item) throw invalid(say('remove.notThere', { component: input.component, key }), { component: [say('remove.notThereField')] });
    await tx.packageItem.delete({ where: { id: item.id } });
    await recomputeRiskLevel(tx, release.id);
    await audit({
      action: 'package.remove_build',
      targetType: 'release_package',
      targetId: pkg.id,
      releaseId: release.id,
      before: { component: input.component, version: item.build.version, buildId: item.buildId },
    });
    return { component: input.component, version: item.build.version };
  },
});

export const sealPackage = defineMutation({
  name: 'package.seal',
  permission: 'package.edit',
  input: SealPackageSchema,
  release: managedByKey('releaseKey'),
  async run({ tx, actor, input, audit }) {
    const { release, pkg } = await loadForDirectEdit(tx, actor, input.releaseKey, input.version);
    if (!pkg) {
      throw new Refusal('gates', say('none', { key: releaseKey(release.number) }), {
        gates: [
          {
            rule: 'package.not_empty',
            passed: false,
            why: say('gate.notEmpty.whyRelease'),
            fix: say('gate.notEmpty.fix'),
          },
        ],
      });
    }
    const seal = await sealInTx(tx, actor, release, pkg, 'Sealed');
    await audit({
      action: 'package.seal',
      targetType: 'release_package',
      targetId: pkg.id,
      releaseId: release.id,
      after: { revision: seal.revision, digest: seal.digest, manifest: seal.manifest },
    });
    return { revision: seal.revision, digest: seal.digest };
  },
});

export const verifyPackageIntegrity = defineMutation({
  name: 'package.verify',
  permission: 'release.read',
  input: VerifyPackageSchema,
  async run({ tx, input, audit }) {
    const release = await releaseByKey(tx, input.releaseKey);
    const pkg = await tx.releasePackage.findUnique({ where: { releaseId: release.id } });
    if (!pkg?.sealedDigest) {
      throw invalid(say('verify.notSealed', { key: releaseKey(release.number) }));
    }
    const result = await integrityOf(tx, pkg);
    const verifiedAt = clockNow().toISOString();
    await audit({
      action: 'package.verify',
      targetType: 'release_package',
      targetId: pkg.id,
      releaseId: release.id,
      after: { ok: result.ok, revision: result.revision, sealedDigest: result.sealedDigest, currentDigest: result.currentDigest, problems: result.problems },
    });
    return { ...result, verifiedAt };
  },
});

// ---------------------------------------------------------------- facts for the lifecycle gates

export interface PackageFacts {
  hasPackage: boolean;
  itemCount: number;
  sealed: boolean;
  sealedDigest: string | null;
  integrity: { ok: boolean; problems: string[] };
  compatibility: { ok: boolean; problems: string[] };
}

/** What the submit gates need to know about a release's package, computed live inside the caller's transaction. */
export async function loadPackageFacts(tx: Tx, releaseId: string): Promise<PackageFacts> {
  const pkg = await tx.releasePackage.findUnique({ where: { releaseId } });
  if (!pkg) {
    return {
      hasPackage: false,
      itemCount: 0,
      sealed: false,
      sealedDigest: null,
      integrity: { ok: false, problems: [say('noPackage')] },
      compatibility: { ok: true, problems: [] },
    };
  }
  const items = await currentItems(tx, pkg.id);
  // sequential: one transaction runs one query at a time
  const integrity = await integrityOf(tx, pkg, items);
  const compat = await compatibilityOf(tx, releaseId, items);
  return {
    hasPackage: true,
    itemCount: items.length,
    sealed: !!pkg.sealedDigest,
    sealedDigest: pkg.sealedDigest,
    integrity: { ok: integrity.ok, problems: integrity.problems },
    compatibility: { ok: compat.problems.length === 0, problems: compat.problems.map((p) => p.message) },
  };
}

// ---------------------------------------------------------------- reads

export interface PackageItemView {
  component: string;
  tier: number;
  buildId: string;
  version: string;
  digest: string;
  notes: string;
  workItems: WorkItem[];
  producedBy: string;
  sourceCommit: string | null;
  sourceBranch: string | null;
  addedAt: string;
}

export interface SealView {
  id: string;
  revision: number;
  digest: string;
  reason: string;
  sealedAt: string;
  sealedBy: string | null;
  itemCount: number;
}

export interface ScopeChangeView {
  id: string;
  status: 'pending' | 'approved' | 'rejected' | 'applied' | 'withdrawn';
  reason: string;
  requestedBy: { id: string; name: string };
  createdAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionComment: string;
  appliedRevision: number | null;
  appliedDigest: string | null;
  items: { action: 'add' | 'remove'; component: string; version: string | null; replaces: string | null }[];
}

export interface PackageView {
  release: { id: string; key: string; title: string; status: ReleaseStatus; version: number; timezone: string; ownerId: string };
  package: { id: string; sealedDigest: string | null; sealedAt: string | null; revision: number } | null;
  items: PackageItemView[];
  seals: SealView[];
  targets: string[];
  compatibility: CompatibilityProblem[];
  integrity: { ok: boolean; problems: string[]; verifiedAt: string; by: string; revision: number | null } | null;
  /** builds that can be added, grouped by component (newest first, at most 25 per component) */
  candidates: { component: string; inPackage: string | null; builds: { id: string; version: string; createdAt: string }[] }[];
  scopeChanges: ScopeChangeView[];
  /** what the viewer may do now, and why not */
  can: {
    editDirectly: boolean;
    editBlockedReason: string | null;
    requestScopeChange: boolean;
    scopeChangeBlockedReason: string | null;
    decide: boolean;
    apply: boolean;
  };
}

export async function getPackageView(actor: Actor | null, release: ReleaseArg): Promise<PackageView | null> {
  assertCan(actor, 'release.read');
  const prisma = await db();
  const ref = await refOf(prisma, release);
  if (!ref) return null;
  const row = await prisma.release.findUnique({ where: { id: ref.id } });
  if (!row) return null;
  const pkg = await prisma.releasePackage.findUnique({ where: { releaseId: row.id } });
  const items = pkg ? await currentItems(prisma as Tx, pkg.id) : [];
  const [compat, seals, verification, components, requests] = await Promise.all([
    compatibilityOf(prisma, row.id, items),
    pkg
      ? prisma.packageSeal.findMany({ where: { packageId: pkg.id }, orderBy: { revision: 'desc' }, include: { sealedBy: { select: { name: true } } } })
      : Promise.resolve([]),
    pkg
      ? prisma.auditEvent.findFirst({ where: { targetType: 'release_package', targetId: pkg.id, action: 'package.verify' }, orderBy: { seq: 'desc' } })
      : Promise.resolve(null),
    prisma.component.findMany({
      orderBy: { name: 'asc' },
      select: { id: true, name: true, builds: { orderBy: { createdAt: 'desc' }, take: 25, select: { id: true, version: true, createdAt: true } } },
    }),
    prisma.scopeChangeRequest.findMany({
      where: { releaseId: row.id },
      orderBy: { createdAt: 'desc' },
      take: 50,
      include: {
        requestedBy: { select: { id: true, name: true } },
        decidedBy: { select: { name: true } },
        appliedSeal: { select: { revision: true, digest: true } },
        items: { include: { component: { select: { name: true } }, build: { select: { version: true } } } },
      },
    }),
  ]);
  const inPackage = new Map(items.map((i) => [i.component, i.version]));
  const sealed = !!pkg?.sealedDigest;
  const key2 = releaseKey(row.number);
  const management = actor ? await releaseManagement(actor, row.id) : null;
  const notManaging = management && !management.mayManage ? management.note : null;
  let editBlockedReason: string | null = null;
  if (!allows(actor, 'package.edit')) editBlockedReason = say('blocked.editNeedsRole');
  else if (notManaging) editBlockedReason = notManaging;
  else if (sealed) editBlockedReason = say('blocked.sealed');
  else if (!statusAllows(row.status, 'editPackage')) editBlockedReason = statusRefusal(key2, row.status, 'editPackage');
  let scopeChangeBlockedReason: string | null = null;
  if (!allows(actor, 'package.edit')) scopeChangeBlockedReason = say('blocked.scopeNeedsRole');
  else if (notManaging) scopeChangeBlockedReason = notManaging;
  else if (!sealed) scopeChangeBlockedReason = say('blocked.notSealed');
  else if (!statusAllows(row.status, 'requestScopeChange')) scopeChangeBlockedReason = statusRefusal(key2, row.status, 'requestScopeChange');

  const after = verification?.after as { ok?: unknown; problems?: unknown; revision?: unknown } | null;
  return {
    release: { id: row.id, key: key2, title: row.title, status: row.status, version: row.version, timezone: row.timezone, ownerId: row.ownerId },
    package: pkg ? { id: pkg.id, sealedDigest: pkg.sealedDigest, sealedAt: pkg.sealedAt?.toISOString() ?? null, revision: pkg.revision } : null,
    items: items.map((i) => ({
      component: i.component,
      tier: i.tier,
      buildId: i.buildId,
      version: i.version,
      digest: i.digest,
      notes: i.notes,
      workItems: i.workItems,
      producedBy: i.producedBy,
      sourceCommit: i.sourceCommit,
      sourceBranch: i.sourceBranch,
      addedAt: i.addedAt.toISOString(),
    })),
    seals: seals.map((s) => ({
      id: s.id,
      revision: s.revision,
      digest: s.digest,
      reason: s.reason,
      sealedAt: s.sealedAt.toISOString(),
      sealedBy: s.sealedBy?.name ?? null,
      itemCount: s.manifest ? s.manifest.split('\n').length : 0,
    })),
    targets: compat.environments,
    compatibility: compat.problems,
    integrity:
      verification && after
        ? {
            ok: after.ok === true,
            problems: Array.isArray(after.problems) ? after.problems.filter((p): p is string => typeof p === 'string') : [],
            verifiedAt: verification.at.toISOString(),
            by: verification.actorLabel,
            revision: typeof after.revision === 'number' ? after.revision : null,
          }
        : null,
    candidates: components
      .filter((c) => c.builds.length > 0)
      .map((c) => ({
        component: c.name,
        inPackage: inPackage.get(c.name) ?? null,
        builds: c.builds.map((b) => ({ id: b.id, version: b.version, createdAt: b.createdAt.toISOString() })),
      })),
    scopeChanges: requests.map((r) => ({
      id: r.id,
      status: r.status,
      reason: r.reason,
      requestedBy: r.requestedBy,
      createdAt: r.createdAt.toISOString(),
      decidedBy: r.decidedBy?.name ?? null,
      decidedAt: r.decidedAt?.toISOString() ?? null,
      decisionComment: r.decisionComment,
      appliedRevision: r.appliedSeal?.revision ?? null,
      appliedDigest: r.appliedSeal?.digest ?? null,
      items: r.items
        .map((i) => ({
          action: i.action,
          component: i.component.name,
          version: i.build?.version ?? null,
          replaces: i.action === 'add' ? (inPackage.get(i.component.name) ?? null) : null,
        }))
        .sort((a, b) => (a.component < b.component ? -1 : 1)),
    })),
    can: {
      editDirectly: editBlockedReason === null,
      editBlockedReason,
      requestScopeChange: scopeChangeBlockedReason === null,
      scopeChangeBlockedReason,
      decide: allows(actor, 'release.edit') && !notManaging,
      apply: allows(actor, 'package.edit') && !notManaging && statusAllows(row.status, 'requestScopeChange'),
    },
  };
}

/** The view's sentences (why editing is blocked, compatibility and integrity problems) in the reader's language. */
export function localizePackageView(v: PackageView, locale: Locale): PackageView {
  if (locale === 'en') return v;
  const l = (text: string) => localize(text, locale);
  return {
    ...v,
    compatibility: v.compatibility.map((p) => ({ ...p, message: l(p.message) })),
    integrity: v.integrity ? { ...v.integrity, problems: v.integrity.problems.map(l) } : null,
    can: {
      ...v.can,
      editBlockedReason: v.can.editBlockedReason && l(v.can.editBlockedReason),
      scopeChangeBlockedReason: v.can.scopeChangeBlockedReason && l(v.can.scopeChangeBlockedReason),
    },
  };
}

// ---------------------------------------------------------------- diff and release notes

export type DiffAgainst = { kind: 'previous' } | { kind: 'environment'; name: string };

/** "previous" or "environment:<name>" (from a URL); anything else becomes "previous". */
export function parseAgainst(raw: unknown): DiffAgainst {
  const v = Array.isArray(raw) ? raw[0] : raw;
  if (typeof v === 'string') {
    const m = /^environment:([a-z0-9][a-z0-9-]{0,63})$/.exec(v.trim());
    if (m) return { kind: 'environment', name: m[1]! };
  }
  return { kind: 'previous' };
}

/**
 * The environment "against production" means for one release: its own
 * production-tier target (the last in the promotion path), else the last
 * production-tier environment, else none (compare with the previous release).
 */
export async function productionComparison(release: ReleaseArg): Promise<DiffAgainst> {
  const number = typeof release === 'string' ? parseReleaseKey(release) : release.number;
  const prisma = await db();
  const own =
    number === null
      ? null
      : await prisma.environment.findFirst({
          where: { tier: 'production', releases: { some: { release: { number } } } },
          orderBy: { position: 'desc' },
          select: { name: true },
        });
  const production = own ?? (await prisma.environment.findFirst({ where: { tier: 'production' }, orderBy: { position: 'desc' }, select: { name: true } }));
  return production ? { kind: 'environment', name: production.name } : { kind: 'previous' };
}

export const againstParam = (a: DiffAgainst) => (a.kind === 'previous' ? 'previous' : `environment:${a.name}`);

export interface PackageDiffView {
  release: { key: string; title: string; status: ReleaseStatus };
  against: DiffAgainst;
  /** what the diff compares with, in words; null base means there is nothing to compare with */
  againstLabel: string;
  /** set when the comparison could not be made (unknown environment) */
  error: string | null;
  base: { key?: string; title?: string; status?: ReleaseStatus; environment?: string } | null;
  diff: PackageDiff;
  markdown: string;
  options: { previous: { key: string; title: string } | null; environments: { name: string; displayName: string }[] };
}

/** What the diff compares with, and why it could not, in the reader's language (the markdown stays English). */
export function localizeDiffView(v: PackageDiffView, locale: Locale): PackageDiffView {
  if (locale === 'en') return v;
  return { ...v, againstLabel: localize(v.againstLabel, locale), error: v.error && localize(v.error, locale) };
}

function diffBuild(b: { version: string; artifactDigest: string; notes: string; workItems: unknown }, component: string): DiffBuild {
  return { component, version: b.version, digest: b.artifactDigest, notes: b.notes, workItems: parseWorkItems(b.workItems) };
}

/**
 * The package compared with the previous release or with what an environment runs
 * now. "Previous release" is the highest-numbered release with a lower number than
 * this one, not cancelled, whose package shares at least one component with this
 * package: release numbers are assigned in creation order, so this is the release
 * planned just before that touched the same system. Its whole package is the base.
 */
export async function diffPackage(actor: Actor | null, release: ReleaseArg, against: DiffAgainst): Promise<PackageDiffView | null> {
  assertCan(actor, 'release.read');
  const prisma = await db();
  const ref = await refOf(prisma, release);
  if (!ref) return null;
  const row = await prisma.release.findUnique({ where: { id: ref.id }, select: { id: true, number: true, title: true, status: true } });
  if (!row) return null;
  const pkg = await prisma.releasePackage.findUnique({ where: { releaseId: row.id } });
  const items = pkg ? await currentItems(prisma as Tx, pkg.id) : [];
  const componentIds = items.map((i) => i.componentId);

  const [previous, environments] = await Promise.all([
    componentIds.length
      ? prisma.release.findFirst({
          where: { number: { lt: row.number }, status: { not: 'cancelled' }, package: { is: { items: { some: { componentId: { in: componentIds } } } } } },
          orderBy: { number: 'desc' },
          select: { id: true, number: true, title: true, status: true },
        })
      : Promise.resolve(null),
    prisma.environment.findMany({ orderBy: { position: 'asc' }, select: { id: true, name: true, displayName: true } }),
  ]);

  let base: DiffBuild[] = [];
  let baseInfo: PackageDiffView['base'] = null;
  let againstLabel: string;
  let error: string | null = null;
  if (against.kind === 'previous') {
    if (previous) {
      const prevItems = await prisma.packageItem.findMany({
        where: { package: { releaseId: previous.id } },
        include: { component: { select: { name: true } }, build: true },
      });
      base = prevItems.map((i) => diffBuild(i.build, i.component.name));
      baseInfo = { key: releaseKey(previous.number), title: previous.title, status: previous.status };
      againstLabel = say('against.previous', { key: releaseKey(previous.number), title: previous.title, status: { term: `releaseWord.${previous.status}` } });
    } else {
      againstLabel = say('against.nothing');
    }
  } else {
    const env = environments.find((e) => e.name === against.name);
    if (!env) {
      error = say('against.noEnvironment', { name: against.name });
      againstLabel = say('against.missingEnvironment', { name: against.name });
    } else {
      const running = await prisma.environmentComponent.findMany({
        where: { environmentId: env.id },
        include: { component: { select: { name: true } }, build: true },
      });
      // what an environment runs is compared only for the components this package ships:
      // the rest of the environment is not touched by the release
      base = running.filter((r) => items.some((i) => i.componentId === r.componentId)).map((r) => diffBuild(r.build, r.component.name));
      baseInfo = { environment: env.name };
      againstLabel = say('against.environment', { name: env.displayName });
    }
  }

  const current = items.map((i) => ({ component: i.component, version: i.version, digest: i.digest, notes: i.notes, workItems: i.workItems }));
  // notes of builds between the old and new version of each changed component
  const changedIds = items.filter((i) => base.some((b) => b.component === i.component && b.version !== i.version)).map((i) => i.componentId);
  const history = changedIds.length
    ? await prisma.build.findMany({
        where: { componentId: { in: changedIds } },
        orderBy: { createdAt: 'desc' },
        take: 500,
        include: { component: { select: { name: true } } },
      })
    : [];
  const diff = diffPackages(
    base,
    current,
    history.map((b) => diffBuild(b, b.component.name)),
  );
  const markdown = releaseNotesMarkdown(diff, { title: row.title, key: releaseKey(row.number), against: againstLabel });
  return {
    release: { key: releaseKey(row.number), title: row.title, status: row.status },
    against,
    againstLabel,
    error,
    base: baseInfo,
    diff,
    markdown,
    options: {
      previous: previous ? { key: releaseKey(previous.number), title: previous.title } : null,
      environments: environments.map((e) => ({ name: e.name, displayName: e.displayName })),
    },
  };
}
