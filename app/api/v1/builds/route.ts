import { apiRoute, readJson, resultResponse, methodNotAllowed } from '@/lib/server/api';
import { recordBuild } from '@/lib/server/builds';

export const dynamic = 'force-dynamic';

/** Records a build. 201 when new, 200 for an identical retry, 409 when the version exists with another artifact. */
export const POST = apiRoute(async ({ req, actor, meta }) => {
  const body = await readJson(req);
  const result = await recordBuild.as(actor, meta)(body);
  return resultResponse(meta.requestId, result, (data) => ({ status: data.created ? 201 : 200, body: data }));
});

// other methods get the JSON error shape too
const notAllowed = methodNotAllowed(['POST']);
export const GET = notAllowed;
export const PUT = notAllowed;
export const PATCH = notAllowed;
export const DELETE = notAllowed;
