import 'server-only';
import { z } from 'zod';
import { firstOf, textParam } from './releases';
import type { Prisma } from '@/lib/generated/prisma/client';
import { defineMutation } from './action';
import { assertCan } from './authz';
import { db, dbHandle } from './db';
import { verifyChain, type ChainVerification } from './audit';
import { writeCheckpoint } from './audit-checkpoints';
import type { Actor } from './actor';
import { releaseKey } from '@/lib/domain/release-key';
import { releaseHref } from '@/lib/domain/release-parts';

// Anything may arrive from a query string: each field falls back instead of throwing.
const NO_FILTER = { action: undefined, actor: undefined, target: undefined, from: undefined, to: undefined, before: undefined };
export const AuditFilterSchema = z
  .object({
    action: textParam(80),
    actor: textParam(254),
    target: textParam(120),
    from: z.preprocess(firstOf, z.iso.date().optional()).catch(undefined),
    to: z.preprocess(firstOf, z.iso.date().optional()).catch(undefined),
    // keyset paging: events with seq below this one (newest first); must fit a bigint
    before: z
      .preprocess(
        firstOf,
        z
          .string()
          .regex(/^\d{1,19}$/)
          .optional(),
      )
      .refine((v) => v === undefined || BigInt(v) <= 9_223_372_036_854_775_807n)
      .catch(undefined),
  })
  .catch(NO_FILTER);
export type AuditFilter = z.infer<typeof AuditFilterSchema>;

/** A record an event names, as people know it; `href` null when it has no page or is gone. */
export interface AuditRecordRef {
  label: string;
  href: string | null;
  /** false when the record no longer exists: the label is then the recorded id */
  exists: boolean;
}

export interface AuditEventDto {
  seq: string;
  at: string;
  actorLabel: string;
  /** the acting person's current name, when the user still exists */
  actorName: string | null;
  actorHref: string | null;
  /** the event's target (targetType/targetId) by name, when Relm knows how to name that type */
  target: AuditRecordRef | null;
  /** the release the event belongs to, by key and title */
  release: AuditRecordRef | null;
  actorType: string;
  action: string;
  targetType: string;
  targetId: string | null;
  releaseId: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
  /** the caller's own x-request-id, when it sent one (requestId is Relm's) */
  clientRequestId: string | null;
  ip: string | null;
  /** null while the event waits for the sequencer to seal it into the chain (about a second; decision 062) */
  hash: string | null;
}

export async function listAuditEvents(actor: Actor | null, raw: unknown, pageSize = 50) {
  assertCan(actor, 'audit.read');
  const f = AuditFilterSchema.parse(raw ?? {});
  const where: Prisma.AuditEventWhereInput = {
    ...(f.action ? { action: { startsWith: f.action } } : {}),
    ...(f.actor ? { actorLabel: { contains: f.actor, mode: 'insensitive' } } : {}),
    ...(f.target ? { OR: [{ targetId: f.target }, { targetType: f.target }, { releaseId: f.target }] } : {}),
    ...(f.from || f.to
      ? {
          at: {
            ...(f.from ? { gte: new Date(`${f.from}T00:00:00Z`) } : {}),
            ...(f.to ? { lt: new Date(new Date(`${f.to}T00:00:00Z`).getTime() + 86_400_000) } : {}),
          },
        }
      : {}),
    ...(f.before ? { seq: { lt: BigInt(f.before) } } : {}),
  };
  const prisma = await db();
  const rows = await prisma.auditEvent.findMany({ where, orderBy: { seq: 'desc' }, take: pageSize + 1 });
  const page = rows.slice(0, pageSize);
  const names = await resolveAuditNames(prisma, page);
  const events: AuditEventDto[] = page.map((e) => ({
    seq: String(e.seq),
    at: e.at.toISOString(),
    actorLabel: e.actorLabel,
    actorName: e.actorId ? (names.get('user', e.actorId)?.label ?? null) : null,
    actorHref: e.actorId ? (names.get('user', e.actorId)?.href ?? null) : null,
    target: e.targetId ? names.ref(e.targetType, e.targetId) : null,
    release: e.releaseId ? names.ref('release', e.releaseId) : null,
    actorType: e.actorType,
    action: e.action,
    targetType: e.targetType,
    targetId: e.targetId,
    releaseId: e.releaseId,
    before: e.before,
    after: e.after,
    requestId: e.requestId,
    clientRequestId: e.clientRequestId,
    ip: e.ip,
    hash: e.hash,
  }));
  const nextBefore = rows.length > pageSize ? events[events.length - 1]!.seq : null;
  // the distinct actions by a loose index scan over (action, seq): one index probe per action,
  // not a scan of the whole trail (SELECT DISTINCT reads every row)
  const actions = await prisma.$queryRaw<{ action: string }[]>`
    WITH RECURSIVE a AS (
      (SELECT "action" FROM "AuditEvent" ORDER BY "action" LIMIT 1)
      UNION ALL
      SELECT (SELECT e."action" FROM "AuditEvent" e WHERE e."action" > a."action" ORDER BY e."action" LIMIT 1) FROM a WHERE a."action" IS NOT NULL
    )
    SELECT "action" FROM a WHERE "action" IS NOT NULL LIMIT 200`;
  return { filters: f, events, nextBefore, actions: actions.map((a) => a.action) };
}

// ---------------------------------------------------------------- names for ids (decision 052)

type Named = { label: string; href: string | null };
type Prisma7 = Awaited<ReturnType<typeof db>>;

/**
 * How to name each target type: one query per type for all the ids on the page, so a page
 * costs at most one query per type present (bounded by this table), never one per event.
 */
const NAMERS: Record<string, (prisma: Prisma7, ids: string[]) => Promise<[string, Named][]>> = {
  release: async (prisma, ids) =>
    (await prisma.release.findMany({ where: { id: { in: ids } }, select: { id: true, number: true, title: true } })).map((r) => [
      r.id,
      { label: `${releaseKey(r.number)} ${r.title}`, href: releaseHref(releaseKey(r.number)) },
    ]),
  user: async (prisma, ids) =>
    (await prisma.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, email: true } })).map((u) => [
      u.id,
      { label: u.name || u.email, href: `/admin/users/${encodeURIComponent(u.id)}` },
    ]),
  team: async (prisma, ids) =>
    (await prisma.team.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } })).map((t) => [
      t.id,
      { label: t.name, href: `/admin/teams/${encodeURIComponent(t.id)}` },
    ]),
  environment: async (prisma, ids) =>
    (await prisma.environment.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } })).map((e) => [
      e.id,
      { label: e.name, href: `/environments/${encodeURIComponent(e.name)}` },
    ]),
  component: async (prisma, ids) =>
    (await prisma.component.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } })).map((c) => [
      c.id,
      { label: c.name, href: `/components/${encodeURIComponent(c.name)}` },
    ]),
  build: async (prisma, ids) =>
    (await prisma.build.findMany({ where: { id: { in: ids } }, select: { id: true, version: true, component: { select: { name: true } } } })).map((b) => [
      b.id,
      { label: `${b.component.name} ${b.version}`, href: `/builds/${encodeURIComponent(b.id)}` },
    ]),
  policy: async (prisma, ids) =>
    (await prisma.policyVersion.findMany({ where: { id: { in: ids } }, select: { id: true, version: true } })).map((p) => [
      p.id,
      { label: `Policy version ${p.version}`, href: `/policy/${p.version}` },
    ]),
  freeze: async (prisma, ids) =>
    (await prisma.freezeWindow.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } })).map((z) => [
      z.id,
      { label: z.name, href: `/admin/freezes/${encodeURIComponent(z.id)}` },
    ]),
  api_token: async (prisma, ids) =>
    (await prisma.apiToken.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } })).map((t) => [t.id, { label: t.name, href: null }]),
  train: async (prisma, ids) =>
    (await prisma.train.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, slug: true } })).map((t) => [
      t.id,
      { label: t.name, href: `/trains/${encodeURIComponent(t.slug)}` },
    ]),
  release_template: async (prisma, ids) =>
    (await prisma.releaseTemplate.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } })).map((t) => [
      t.id,
      { label: t.name, href: `/templates/${encodeURIComponent(t.id)}` },
    ]),
};

/** The names of the actors, targets and releases of a page of events, batched by type. */
async function resolveAuditNames(prisma: Prisma7, events: { actorId: string | null; targetType: string; targetId: string | null; releaseId: string | null }[]) {
  const wanted = new Map<string, Set<string>>();
  const want = (type: string, id: string | null) => {
    if (!id || !NAMERS[type]) return;
    let ids = wanted.get(type);
    if (!ids) wanted.set(type, (ids = new Set()));
    ids.add(id);
  };
  for (const e of events) {
    want('user', e.actorId);
    want(e.targetType, e.targetId);
    want('release', e.releaseId);
  }
  const found = new Map<string, Named>();
  const results = await Promise.all(
    [...wanted].map(([type, ids]) => NAMERS[type]!(prisma, [...ids]).then((rows) => rows.map(([id, n]) => [`${type}:${id}`, n] as const))),
  );
  for (const rows of results) for (const [k, n] of rows) found.set(k, n);
  return {
    get: (type: string, id: string) => found.get(`${type}:${id}`),
    /** the record by name, the bare id when it is gone, null when the type has no name */
    ref(type: string, id: string): AuditRecordRef | null {
      if (!NAMERS[type]) return null;
      const n = found.get(`${type}:${id}`);
      return n ? { ...n, exists: true } : { label: id, href: null, exists: false };
    },
  };
}

/** The most recent recorded verification, so the page shows a result without re-walking the chain. */
export async function lastVerification(actor: Actor | null): Promise<(ChainVerification & { by: string }) | null> {
  assertCan(actor, 'audit.read');
  const prisma = await db();
  const e = await prisma.auditEvent.findFirst({ where: { action: 'audit.verify' }, orderBy: { seq: 'desc' } });
  if (!e) return null;
  return { ...(e.after as unknown as ChainVerification), by: e.actorLabel };
}

/**
 * Walks the chain with the audit key and holds it against the signed checkpoints (this
 * database's checkpoint file, or `checkpointFile`: a copy kept elsewhere; the command line's
 * --checkpoints), records the result as an audit event of its own, and, when the chain
 * holds, writes a checkpoint of the head it verified.
 */
export const verifyAuditTrail = defineMutation({
  name: 'audit.verify',
  permission: 'audit.read',
  input: z.object({ checkpointFile: z.string().trim().min(1).max(4096).optional() }).passthrough(),
  async run({ tx, input, audit, noChange }) {
    const handle = await dbHandle();
    const result = await verifyChain(tx, { checkpointFile: input.checkpointFile ?? handle.auditCheckpointFile });
    if (result.ok && result.headSeq !== '0' && result.headHash) {
      try {
        writeCheckpoint(handle.auditCheckpointFile, { seq: result.headSeq, hash: result.headHash });
      } catch (err) {
        console.warn(`[relm] could not write an audit checkpoint: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    // A head moved back behind sealed events that still exist cannot take a new event (its chain
    // position is taken): the verification is then reported, not recorded, rather than failing with it.
    const beyondHead = !result.ok && (await tx.auditEvent.findFirst({ where: { chainSeq: { gt: BigInt(result.headSeq) } }, select: { seq: true } })) !== null;
    if (beyondHead) noChange();
    else await audit({ action: 'audit.verify', targetType: 'audit_chain', after: result });
    return { ...result, recorded: !beyondHead };
  },
});
