import 'server-only';
import { CSV_BOM, csvFileName, csvLine, type CsvValue } from '@/lib/domain/csv';
import { releaseKey } from '@/lib/domain/release-key';
import { appendAudit, sealAuditChain } from './audit';
import { AuditFilterSchema, listAuditEvents } from './audit-trail';
import { assertCan } from './authz';
import { now } from './clock';
import { db } from './db';
import { env } from './env';
import { listReleases, ReleaseListSchema } from './releases';
import type { Actor, RequestMeta } from './actor';

// CSV exports of the release list and the audit trail (docs/decisions/041-csv-export-and-cab-agenda.md).
// Each walks ALL the rows its filters match by keyset paging (the list's own query, a page of
// EXPORT_PAGE_SIZE at a time, plus one query per page for the extra columns: no N+1), stops at
// EXPORT_ROW_CAP and then says so in a last row, and records itself in the audit trail.

export const EXPORT_ROW_CAP = 50_000;
const EXPORT_PAGE_SIZE = 1000;

export interface CsvExport {
  filename: string;
  body: string;
  rows: number;
  truncated: boolean;
}

export const RELEASE_CSV_HEADER = [
  'key',
  'title',
  'type',
  'status',
  'risk level',
  'owner',
  'team',
  'components',
  'planned start (UTC)',
  'planned end (UTC)',
  'target environments',
  'created (UTC)',
  'updated (UTC)',
  'link',
] as const;

export const AUDIT_CSV_HEADER = [
  'seq',
  'time (UTC)',
  'actor',
  'actor type',
  'action',
  'target type',
  'target id',
  'release key',
  'request id',
  'client request id',
  'ip',
  'before',
  'after',
  'hash',
] as const;

/** Test seams: smaller pages and cap than the defaults. */
export interface ExportLimits {
  pageSize?: number;
  cap?: number;
}

const truncatedNote = (what: string, cap: number) =>
  `TRUNCATED: this export stops at ${cap.toLocaleString('en-US')} ${what}; narrow the filters to export the rest.`;

async function recordExport(actor: Actor, meta: RequestMeta | null, action: string, targetType: string, after: Record<string, unknown>) {
  const prisma = await db();
  await prisma.$transaction(async (tx) => {
    await appendAudit(tx, actor, meta, { action, targetType, targetId: null, after });
  });
}

/** The filters as they appear in the audit event: only the ones set. */
function setFilters(f: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined && v !== '' && !(Array.isArray(v) && v.length === 0)));
}

/** The release list as CSV, with the list page's filters (page and cursor ignored). */
export async function exportReleasesCsv(actor: Actor | null, raw: unknown, meta: RequestMeta | null, limits: ExportLimits = {}): Promise<CsvExport> {
  const { pageSize = EXPORT_PAGE_SIZE, cap = EXPORT_ROW_CAP } = limits;
  assertCan(actor, 'release.read');
  const query = { ...((raw ?? {}) as Record<string, unknown>), page: undefined, cursor: undefined };
  const f = ReleaseListSchema.parse(query);
  const prisma = await db();
  const base = env().RELM_PUBLIC_URL?.replace(/\/+$/, '') ?? '';
  const parts: string[] = [CSV_BOM, csvLine(RELEASE_CSV_HEADER)];
  let rows = 0;
  let truncated = false;
  let cursor: string | undefined;
  for (;;) {
    const size = Math.min(pageSize, cap - rows + 1);
    const page = await listReleases(actor, { ...query, cursor }, size);
    let releases = page.releases;
    if (rows + releases.length > cap) {
      releases = releases.slice(0, cap - rows);
      truncated = true;
    }
    const extra = releases.length
      ? await prisma.release.findMany({
          where: { id: { in: releases.map((r) => r.id) } },
          select: {
            id: true,
            createdAt: true,
            updatedAt: true,
            owner: { select: { team: { select: { name: true } } } },
            package: { select: { items: { select: { component: { select: { name: true } }, build: { select: { version: true } } } } } },
          },
        })
      : [];
    const byId = new Map(extra.map((e) => [e.id, e]));
    for (const r of releases) {
      const e = byId.get(r.id);
      const components = (e?.package?.items ?? [])
        .map((i) => `${i.component.name} ${i.build.version}`)
        .sort((a, b) => a.localeCompare(b))
        .join('; ');
      const line: CsvValue[] = [
        r.key,
        r.title,
        r.type,
        r.status,
        r.riskLevel,
        r.owner.name,
        e?.owner.team?.name ?? '',
        components,
        r.plannedStart,
        r.plannedEnd,
        r.environments.map((env) => env.name).join('; '),
        e?.createdAt.toISOString() ?? '',
        e?.updatedAt.toISOString() ?? '',
        `${base}/releases/${r.key}`,
      ];
      parts.push(csvLine(line));
    }
    rows += releases.length;
    if (truncated || !page.nextCursor) break;
    if (rows >= cap) {
      truncated = true;
      break;
    }
    cursor = page.nextCursor;
  }
  if (truncated) parts.push(csvLine([truncatedNote('releases', cap)]));
  await recordExport(actor, meta, 'release.export', 'Release', { filters: setFilters({ ...f, page: undefined, cursor: undefined }), rows, truncated });
  return { filename: csvFileName('releases', now()), body: parts.join(''), rows, truncated };
}

/** The audit trail as CSV, newest first, with the audit page's filters (its paging ignored). */
export async function exportAuditCsv(actor: Actor | null, raw: unknown, meta: RequestMeta | null, limits: ExportLimits = {}): Promise<CsvExport> {
  const { pageSize = EXPORT_PAGE_SIZE, cap = EXPORT_ROW_CAP } = limits;
  assertCan(actor, 'audit.read');
  const query = { ...((raw ?? {}) as Record<string, unknown>), before: undefined };
  const f = AuditFilterSchema.parse(query);
  const prisma = await db();
  // the file carries each event's chain hash: link what waits for the sequencer first (decision 062)
  await sealAuditChain(prisma).catch((err: unknown) => console.warn('[relm] could not seal the audit chain before an export', err));
  const parts: string[] = [CSV_BOM, csvLine(AUDIT_CSV_HEADER)];
  let rows = 0;
  let truncated = false;
  let before: string | undefined;
  const json = (v: unknown) => (v === null || v === undefined ? '' : JSON.stringify(v));
  for (;;) {
    const page = await listAuditEvents(actor, { ...f, before }, Math.min(pageSize, cap - rows + 1));
    let events = page.events;
    if (rows + events.length > cap) {
      events = events.slice(0, cap - rows);
      truncated = true;
    }
    const releaseIds = [...new Set(events.flatMap((e) => (e.releaseId ? [e.releaseId] : [])))];
    const keys = new Map(
      releaseIds.length
        ? (await prisma.release.findMany({ where: { id: { in: releaseIds } }, select: { id: true, number: true } })).map((r) => [r.id, releaseKey(r.number)])
        : [],
    );
    for (const e of events) {
      parts.push(
        csvLine([
          e.seq,
          e.at,
          e.actorLabel,
          e.actorType,
          e.action,
          e.targetType,
          e.targetId,
          e.releaseId ? (keys.get(e.releaseId) ?? e.releaseId) : '',
          e.requestId,
          e.clientRequestId,
          e.ip,
          json(e.before),
          json(e.after),
          e.hash,
        ]),
      );
    }
    rows += events.length;
    if (truncated || !page.nextBefore) break;
    if (rows >= cap) {
      truncated = page.nextBefore !== null;
      break;
    }
    before = page.nextBefore;
  }
  if (truncated) parts.push(csvLine([truncatedNote('events', cap)]));
  // recorded after reading, so the export never contains its own event
  await recordExport(actor, meta, 'audit.export', 'AuditEvent', { filters: setFilters({ ...f, before: undefined }), rows, truncated });
  return { filename: csvFileName('audit', now()), body: parts.join(''), rows, truncated };
}

/** The HTTP response of an export. */
export function csvResponse(e: CsvExport): Response {
  return new Response(e.body, {
    status: 200,
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${e.filename}"`,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  });
}

/**
 * GET handler of an export for the signed-in person (the session cookie): the query string is
 * the list page's, so the download carries exactly the filters on screen. Refusals are plain
 * text: 401 signed out, 403 without the permission.
 */
export async function exportRoute(
  request: Request,
  run: (actor: Actor | null, raw: Record<string, string | string[]>, meta: RequestMeta) => Promise<CsvExport>,
): Promise<Response> {
  const { currentUser } = await import('./session');
  const { currentRequestMeta } = await import('./request-meta');
  const { Refusal } = await import('./errors');
  const url = new URL(request.url);
  const raw: Record<string, string | string[]> = {};
  for (const key of new Set(url.searchParams.keys())) {
    const all = url.searchParams.getAll(key);
    raw[key] = all.length === 1 ? all[0]! : all;
  }
  try {
    return csvResponse(await run(await currentUser(), raw, await currentRequestMeta()));
  } catch (err) {
    if (err instanceof Refusal) {
      // in the person's language (docs/decisions/060-refusals-in-the-readers-language.md)
      const [{ localize }, { currentLocale }] = await Promise.all([import('./say'), import('./locale')]);
      const locale = await currentLocale().catch(() => 'en' as const);
      return new Response(localize(err.message, locale), {
        status: err.code === 'unauthenticated' ? 401 : 403,
        headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Language': locale, 'Cache-Control': 'no-store' },
      });
    }
    throw err;
  }
}
