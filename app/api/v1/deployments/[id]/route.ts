import { ApiError, apiRoute, jsonResponse, methodNotAllowed, readJsonObject, resultResponse } from '@/lib/server/api';
import { getDeployment, updateDeploymentStatus } from '@/lib/server/deployments';

export const dynamic = 'force-dynamic';

const notFound = (id: string) => new ApiError(404, 'not_found', `Deployment ${id.slice(0, 64)} was not found, or you may not see it.`);

/** One deployment with its items and verification results. */
export const GET = apiRoute<{ id: string }>(async ({ actor, meta, params }) => {
  const id = String(params.id ?? '');
  const d = await getDeployment(actor, id);
  if (!d) throw notFound(id);
  return jsonResponse(meta.requestId, d);
});

/** Moves the deployment's status: scheduled → in_progress → succeeded | failed. */
export const PATCH = apiRoute<{ id: string }>(async ({ req, actor, meta, params }) => {
  const body = await readJsonObject(req);
  const result = await updateDeploymentStatus.as(actor, meta)({ ...body, id: String(params.id ?? '') });
  return resultResponse(meta.requestId, result, (data) => ({ status: 200, body: data }));
});

const notAllowed = methodNotAllowed(['GET', 'PATCH']);
export const POST = notAllowed;
export const PUT = notAllowed;
export const DELETE = notAllowed;
