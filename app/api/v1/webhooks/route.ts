import { apiRoute, jsonResponse, methodNotAllowed, readJson, resultResponse } from '@/lib/server/api';
import { createWebhook, listWebhooks } from '@/lib/server/integrations';

export const dynamic = 'force-dynamic';

/** Every registered webhook endpoint with its delivery counts (never its secret). Needs integration.manage. */
export const GET = apiRoute(async ({ actor, meta }) => jsonResponse(meta.requestId, { items: await listWebhooks(actor) }));

/** Registers an endpoint. 201 with the signing secret, shown this once. */
export const POST = apiRoute(async ({ req, actor, meta }) => {
  const body = await readJson(req);
  const result = await createWebhook.as(actor, meta)(body);
  return resultResponse(meta.requestId, result, (data) => ({ status: 201, body: data }));
});

const notAllowed = methodNotAllowed(['GET', 'POST']);
export const PUT = notAllowed;
export const PATCH = notAllowed;
export const DELETE = notAllowed;
