import { apiRoute, jsonResponse, parseOr400, methodNotAllowed } from '@/lib/server/api';
import { API_PAGE_SIZE_DEFAULT, queryObject, ReleaseListQuerySchema } from '@/lib/server/api-schemas';
import { listReleases } from '@/lib/server/releases';

export const dynamic = 'force-dynamic';

/**
 * Releases, filtered and paginated. `links.next` (and the Link header) pages by cursor,
 * so following it never asks the database for an OFFSET; `page` still works.
 */
export const GET = apiRoute(async ({ url, actor, meta }) => {
  const query = parseOr400(ReleaseListQuerySchema, queryObject(url));
  const size = query.pageSize ?? API_PAGE_SIZE_DEFAULT;
  const list = await listReleases(actor, { ...query, status: query.status ?? [], type: query.type ?? [], risk: query.risk ?? [], page: query.page ?? 1 }, size);
  const totalPages = Math.max(1, Math.ceil(list.total / size));
  const link = (set: { page?: number; cursor?: string }) => {
    const u = new URL(url.pathname, url.origin);
    for (const [k, v] of url.searchParams) if (k !== 'page' && k !== 'cursor') u.searchParams.append(k, v);
    if (set.cursor) u.searchParams.set('cursor', set.cursor);
    else u.searchParams.set('page', String(set.page ?? 1));
    return `${u.pathname}${u.search}`;
  };
  const next = list.nextCursor ? link({ cursor: list.nextCursor }) : null;
  return jsonResponse(
    meta.requestId,
    {
      items: list.releases,
      page: { number: list.page, size, totalItems: list.total, totalItemsExact: list.totalExact, totalPages },
      nextCursor: list.nextCursor,
      links: {
        self: query.cursor ? link({ cursor: query.cursor }) : link({ page: list.page ?? 1 }),
        first: link({ page: 1 }),
        last: link({ page: totalPages }),
        next,
        prev: list.page !== null && list.page > 1 ? link({ page: list.page - 1 }) : null,
      },
    },
    200,
    next ? { link: `<${next}>; rel="next"` } : {},
  );
});

// other methods get the JSON error shape too
const notAllowed = methodNotAllowed(['GET']);
export const POST = notAllowed;
export const PUT = notAllowed;
export const PATCH = notAllowed;
export const DELETE = notAllowed;
