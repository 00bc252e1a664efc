import { apiRoute, releaseKeyParam, readJsonObject, resultResponse, methodNotAllowed } from '@/lib/server/api';
import { transitionRelease } from '@/lib/server/transitions';

export const dynamic = 'force-dynamic';

/** Moves the release to another status: 200 with the transition, or 422 with every gate when refused. */
export const POST = apiRoute<{ key: string }>(async ({ req, actor, meta, params }) => {
  const key = releaseKeyParam(params.key);
  const body = await readJsonObject(req);
  const result = await transitionRelease.as(actor, meta)({ ...body, releaseKey: key });
  return resultResponse(meta.requestId, result, (data) => ({ status: 200, body: data }));
});

// other methods get the JSON error shape too
const notAllowed = methodNotAllowed(['POST']);
export const GET = notAllowed;
export const PUT = notAllowed;
export const PATCH = notAllowed;
export const DELETE = notAllowed;
