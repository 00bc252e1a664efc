import { ApiError, apiRoute, releaseKeyParam, methodNotAllowed, jsonResponse } from '@/lib/server/api';
import { getDeploymentGate } from '@/lib/server/deployments';

export const dynamic = 'force-dynamic';

/** May this release's package be deployed to ?environment= now? 200 with { allowed, gates, environment, packageDigest } (allowed false is still 200). */
export const GET = apiRoute<{ key: string }>(async ({ url, actor, meta, params }) => {
  const key = releaseKeyParam(params.key);
  const environment = (url.searchParams.get('environment') ?? '').trim();
  if (!environment || environment.length > 100) {
    throw new ApiError(400, 'invalid', 'Some query parameters need attention.', {
      fieldErrors: { environment: ['Name the environment, e.g. ?environment=staging.'] },
    });
  }
  const gate = await getDeploymentGate(actor, key, environment);
  if (!gate) throw new ApiError(404, 'not_found', `Release ${key} or environment "${environment.slice(0, 100)}" was not found, or you may not see it.`);
  return jsonResponse(meta.requestId, { allowed: gate.allowed, gates: gate.gates, environment: gate.environment, packageDigest: gate.packageDigest });
});

const notAllowed = methodNotAllowed(['GET']);
export const POST = notAllowed;
export const PUT = notAllowed;
export const PATCH = notAllowed;
export const DELETE = notAllowed;
