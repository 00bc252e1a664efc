import { ApiError, apiRoute, releaseKeyParam, jsonResponse, methodNotAllowed, readJsonObject, resultResponse } from '@/lib/server/api';
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
export const PUT = apiRoute<{ key: string }>(async ({ req, actor, meta, params }) => {
  const key = releaseKeyParam(params.key);
  const body = await readJsonObject(req);
  const result = await scheduleRelease.as(actor, meta)({ ...body, releaseKey: key });
  return resultResponse(meta.requestId, result, (data) => ({ status: 200, body: data }));
});

const notAllowed = methodNotAllowed(['GET', 'PUT']);
export const POST = notAllowed;
export const PATCH = notAllowed;
export const DELETE = notAllowed;
