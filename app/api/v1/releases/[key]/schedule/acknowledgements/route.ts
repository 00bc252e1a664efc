import { ApiError, apiRoute, methodNotAllowed, readJsonObject, resultResponse } from '@/lib/server/api';
import { parseReleaseKey } from '@/lib/server/releases';
import { acknowledgeConflict } from '@/lib/server/scheduling';

export const dynamic = 'force-dynamic';

/** Acknowledges a scheduling conflict: { otherReleaseKey, kind, environment?, component?, reason }. 201, or 409 when the policy does not allow it. */
export const POST = apiRoute<{ key: string }>(async ({ req, actor, meta, params }) => {
  const key = String(params.key ?? '').toUpperCase();
  if (parseReleaseKey(key) === null) throw new ApiError(404, 'not_found', `Release ${String(params.key ?? '').slice(0, 40)} was not found, or you may not see it. Keys look like REL-12.`);
  const body = await readJsonObject(req);
  const result = await acknowledgeConflict.as(actor, meta)({ ...body, releaseKey: key });
  return resultResponse(meta.requestId, result, (data) => ({ status: 201, body: data }));
});

const notAllowed = methodNotAllowed(['POST']);
export const GET = notAllowed;
export const PUT = notAllowed;
export const PATCH = notAllowed;
export const DELETE = notAllowed;
