import { apiRoute, jsonResponse, methodNotAllowed } from '@/lib/server/api';
import { openApiDocument } from '@/lib/server/openapi';

export const dynamic = 'force-dynamic';

/** The OpenAPI 3.1 document of /api/v1 (public: it describes, it reveals no data). */
export const GET = apiRoute(async ({ meta }) => jsonResponse(meta.requestId, openApiDocument(), 200, { 'cache-control': 'public, max-age=300' }), {
  public: true,
});

// other methods get the JSON error shape too
const notAllowed = methodNotAllowed(['GET']);
export const POST = notAllowed;
export const PUT = notAllowed;
export const PATCH = notAllowed;
export const DELETE = notAllowed;
