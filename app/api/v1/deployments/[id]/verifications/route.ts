import { apiRoute, methodNotAllowed, readJsonObject, resultResponse } from '@/lib/server/api';
import { addVerification } from '@/lib/server/deployments';

export const dynamic = 'force-dynamic';

/** Attaches a verification result (named check, passed/failed/skipped, evidence link): 201. */
export const POST = apiRoute<{ id: string }>(async ({ req, actor, meta, params }) => {
  const body = await readJsonObject(req);
  const result = await addVerification.as(actor, meta)({ ...body, deploymentId: String(params.id ?? '') });
  return resultResponse(meta.requestId, result, (data) => ({ status: 201, body: data }));
});

const notAllowed = methodNotAllowed(['POST']);
export const GET = notAllowed;
export const PUT = notAllowed;
export const PATCH = notAllowed;
export const DELETE = notAllowed;
