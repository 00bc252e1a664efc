import { ApiError, apiRoute, releaseKeyParam, jsonResponse, methodNotAllowed, releaseMutationRoute } from '@/lib/server/api';
import { getSchedule, scheduleRelease } from '@/lib/server/scheduling';

export const dynamic = 'force-dynamic';

/** The release's windows per target environment and the result of every scheduling check. */
export const GET = apiRoute<{ key: string }>(async ({ actor, meta, params }) => {
  const key = releaseKeyParam(params.key);
  const s = await getSchedule(actor, key);
  if (!s) throw new ApiError(404, 'not_found', `Release ${key} was not found, or you may not see it.`);
  return jsonResponse(meta.requestId, s);
});

/**
 * Sets windows: { version, timezone?, windows: [{ environment, start: "YYYY-MM-DDTHH:mm", end }] }.
 * 200 with the stored windows and the check (which may list problems); 409 stale, 422 invalid.
 */
export const PUT = releaseMutationRoute(scheduleRelease);

const notAllowed = methodNotAllowed(['GET', 'PUT']);
export const POST = notAllowed;
export const PATCH = notAllowed;
export const DELETE = notAllowed;
