import { apiRoute, jsonResponse, parseOr400, methodNotAllowed } from '@/lib/server/api';
import { API_PAGE_SIZE_DEFAULT, queryObject, ReleaseListQuerySchema } from '@/lib/server/api-schemas';
import { listReleases } from '@/lib/server/releases';

export const dynamic = 'force-dynamic';

/** Releases, filtered and paginated. */
export const GET = apiRoute(async ({ url, actor, meta }) => {
  const query = parseOr400(ReleaseListQuerySchema, queryObject(url));
  const size = query.pageSize ?? API_PAGE_SIZE_DEFAULT;
  const list = await listReleases(actor, { ...query, status: query.status ?? [], page: query.page ?? 1 }, size);
  const totalPages = Math.max(1, Math.ceil(list.total / size));
  const link = (page: number) => {
    const u = new URL(url.pathname, url.origin);
    for (const [k, v] of url.searchParams) if (k !== 'page') u.searchParams.append(k, v);
    u.searchParams.set('page', String(page));
    return `${u.pathname}${u.search}`;
  };
  return jsonResponse(meta.requestId, {
    items: list.releases,
    page: { number: list.page, size, totalItems: list.total, totalPages },
    links: {
      self: link(list.page),
      first: link(1),
      last: link(totalPages),
      next: list.page < totalPages ? link(list.page + 1) : null,
      prev: list.page > 1 ? link(list.page - 1) : null,
    },
  });
});

// other methods get the JSON error shape too
const notAllowed = methodNotAllowed(['GET']);
export const POST = notAllowed;
export const PUT = notAllowed;
export const PATCH = notAllowed;
export const DELETE = notAllowed;
