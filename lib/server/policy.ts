import 'server-only';
import { z } from 'zod';
import { parsePolicy, type PolicyDocument } from '@/lib/domain/policy';
import { describePolicyChanges, type PolicyChange } from '@/lib/domain/policy-diff';
import { defineMutation } from './action';
import { assertCan } from './authz';
import { db } from './db';
import { conflict, invalid, stale } from './errors';
import { latestPolicyRow, toCurrentPolicy } from './policy-read';
import { recomputeDraftRiskLevels } from './risk-level';
import { staleRefusal } from './versioned';
import type { Actor } from './actor';
import { sayer } from './say';

const say = sayer('server-policy');

// The versioned release policy. Versions are append-only: every change inserts
// version + 1 (with who, when and why) and an audit event saying what changed.
// Reading the current version lives in policy-read.ts, which risk-level.ts uses too.

// ---------------------------------------------------------------- reads for people

export interface PolicyVersionSummaryDto {
  version: number;
  createdAt: string;
  createdBy: string | null;
  note: string;
  /** what changed against the version before, in words (empty for the first) */
  changes: string[];
  valid: boolean;
}

export interface PolicyVersionDto {
  id: string;
  version: number;
  createdAt: string;
  createdBy: string | null;
  note: string;
  latest: boolean;
  /** the stored JSON, as stored */
  raw: unknown;
  /** the validated document (with defaults), or null with the errors */
  document: PolicyDocument | null;
  errors: Record<string, string[]> | null;
  changes: string[];
}

/** Every version, newest first, each with what it changed. */
export async function listPolicyVersions(actor: Actor | null): Promise<PolicyVersionSummaryDto[]> {
  assertCan(actor, 'policy.read');
  const prisma = await db();
  const rows = await prisma.policyVersion.findMany({ orderBy: { version: 'asc' }, include: { createdBy: { select: { name: true } } }, take: 1000 });
  const out = rows.map((row, i) => {
    const prev = rows[i - 1];
    return {
      version: row.version,
      createdAt: row.createdAt.toISOString(),
      createdBy: row.createdBy?.name ?? null,
      note: row.note,
      changes: prev ? describePolicyChanges(normalised(prev.document), normalised(row.document)).map((c) => c.text) : [],
      valid: parsePolicy(row.document).ok,
    };
  });
  return out.reverse();
}

/** A document with defaults applied when it parses (so a diff does not report defaults as changes), else as stored. */
function normalised(raw: unknown): unknown {
  const p = parsePolicy(raw);
  return p.ok ? p.policy : raw;
}

export async function getPolicyVersion(actor: Actor | null, version: number): Promise<PolicyVersionDto | null> {
  assertCan(actor, 'policy.read');
  if (!Number.isSafeInteger(version) || version < 0 || version > 2_147_483_647) return null;
  const prisma = await db();
  const row = await prisma.policyVersion.findUnique({ where: { version }, include: { createdBy: { select: { name: true } } } });
  if (!row) return null;
  const [prev, newer] = [
    await prisma.policyVersion.findFirst({ where: { version: { lt: version } }, orderBy: { version: 'desc' } }),
    await prisma.policyVersion.count({ where: { version: { gt: version } } }),
  ];
  const parsed = parsePolicy(row.document);
  return {
    id: row.id,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    createdBy: row.createdBy?.name ?? null,
    note: row.note,
    latest: newer === 0,
    raw: row.document,
    document: parsed.ok ? parsed.policy : null,
    errors: parsed.ok ? null : parsed.errors,
    changes: prev ? describePolicyChanges(normalised(prev.document), normalised(row.document)).map((c) => c.text) : [],
  };
}

export interface PolicyEditorDto {
  current: PolicyVersionDto | null;
  teams: { slug: string; name: string }[];
}

/** What the policy form needs: the latest version and the teams a rule may name. */
export async function policyEditorData(actor: Actor | null): Promise<PolicyEditorDto> {
  assertCan(actor, 'policy.edit');
  const prisma = await db();
  const latest = await prisma.policyVersion.findFirst({ orderBy: { version: 'desc' }, select: { version: true } });
  return {
    current: latest ? await getPolicyVersion(actor, latest.version) : null,
    teams: await prisma.team.findMany({ orderBy: { name: 'asc' }, select: { slug: true, name: true }, take: 500 }),
  };
}

// ---------------------------------------------------------------- the one mutation

export const UpdatePolicySchema = z.object({
  basedOnVersion: z.coerce
    .number({ error: say('basedOnVersion') })
    .int()
    .min(0)
    .max(2_147_483_647),
  note: z
    .string({ error: say('note.say') })
    .trim()
    .min(3, say('note.atLeast'))
    .max(1_000, say('note.atMost')),
  /** validated against PolicyDocumentSchema inside, so its errors carry the document's own dotted paths */
  document: z.unknown(),
});

export const updatePolicy = defineMutation({
  name: 'policy.update',
  permission: 'policy.edit',
  input: UpdatePolicySchema,
  async run({ tx, actor, input, audit }) {
    const parsed = parsePolicy(input.document);
    if (!parsed.ok) throw invalid(say('hasErrors'), parsed.errors);

    // two admins saving at once: the second waits here, then sees the first's version and is refused as stale
    await tx.$queryRaw`SELECT "id" FROM "PolicyVersion" ORDER BY "version" DESC LIMIT 1 FOR UPDATE`;
    const latest = await latestPolicyRow(tx);
    const latestVersion = latest?.version ?? 0;
    if (input.basedOnVersion !== latestVersion) {
      if (!latest || input.basedOnVersion > latestVersion) {
        throw stale(say('noSuchVersion', { version: input.basedOnVersion, latest: latestVersion }));
      }
      // versioned by rows: the same refusal as every other aggregate's (versioned.ts)
      throw staleRefusal(
        {
          label: latest.note ? say('label', { note: latest.note.slice(0, 120) }) : say('labelPlain'),
          updatedBy: latest.createdBy?.name ?? null,
          updatedAt: latest.createdAt,
          version: latest.version,
        },
        input.basedOnVersion,
      );
    }
    const before = latest ? normalised(latest.document) : undefined;
    const changes: PolicyChange[] = describePolicyChanges(before ?? {}, parsed.policy);
    if (latest && changes.length === 0) {
      throw conflict(say('nothingChanged', { version: latest.version }));
    }
    const created = await tx.policyVersion.create({
      data: { version: latestVersion + 1, document: parsed.policy as object, note: input.note, createdById: actor.id },
    });
    // releases still being prepared take the new policy's risk level; submitted ones keep the level they were decided under
    const recomputed = await recomputeDraftRiskLevels(tx, { policy: toCurrentPolicy({ ...created, createdBy: null }) });
    await audit({
      action: 'policy.update',
      targetType: 'policy',
      targetId: created.id,
      before: latest ? { version: latest.version, values: Object.fromEntries(changes.map((c) => [c.path, c.before ?? null])) } : undefined,
      after: {
        version: created.version,
        note: input.note,
        releasesRecomputed: recomputed,
        changes: changes.map((c) => c.text),
        values: Object.fromEntries(changes.map((c) => [c.path, c.after ?? null])),
      },
    });
    return { version: created.version, changes: changes.map((c) => c.text) };
  },
});
