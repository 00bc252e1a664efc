import { apiRoute, methodNotAllowed, readJsonObject, resultResponse } from '@/lib/server/api';
import { recordDeployment } from '@/lib/server/deployments';

export const dynamic = 'force-dynamic';

/** Records a deployment after checking the deployment gate: 201 with the deployment, 422 with every gate when refused. */
export const POST = apiRoute(async ({ req, actor, meta }) => {
  const body = await readJsonObject(req);
  const result = await recordDeployment.as(actor, meta)(body);
  return resultResponse(meta.requestId, result, (data) => ({ status: 201, body: data }));
});

const notAllowed = methodNotAllowed(['POST']);
export const GET = notAllowed;
export const PUT = notAllowed;
export const PATCH = notAllowed;
export const DELETE = notAllowed;
