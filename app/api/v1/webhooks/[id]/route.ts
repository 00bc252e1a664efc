import { ApiError, apiRoute, jsonResponse, methodNotAllowed, readJsonObject, resultResponse } from '@/lib/server/api';
import { deleteWebhook, deliveryLog, listWebhooks, updateWebhook } from '@/lib/server/integrations';

export const dynamic = 'force-dynamic';

const notFound = (id: string) => new ApiError(404, 'not_found', `Webhook endpoint ${id.slice(0, 64)} was not found, or you may not see it.`);

/** One endpoint with its newest 50 deliveries (status, attempts, response code, times). */
export const GET = apiRoute<{ id: string }>(async ({ actor, meta, params }) => {
  const id = String(params.id ?? '');
  const endpoint = (await listWebhooks(actor)).find((w) => w.id === id);
  if (!endpoint) throw notFound(id);
  return jsonResponse(meta.requestId, { ...endpoint, recentDeliveries: await deliveryLog(actor, { webhookEndpointId: id }) });
});

/** Changes the description or events, pauses it (enabled: false) or re-enables it (enabled: true). */
export const PATCH = apiRoute<{ id: string }>(async ({ req, actor, meta, params }) => {
  const body = await readJsonObject(req);
  const result = await updateWebhook.as(actor, meta)({ ...body, id: String(params.id ?? '') });
  return resultResponse(meta.requestId, result, (data) => ({ status: 200, body: data }));
});

/** Removes the endpoint and its delivery log; nothing more is sent to it. */
export const DELETE = apiRoute<{ id: string }>(async ({ actor, meta, params }) => {
  const result = await deleteWebhook.as(actor, meta)({ id: String(params.id ?? '') });
  return resultResponse(meta.requestId, result, (data) => ({ status: 200, body: data }));
});

const notAllowed = methodNotAllowed(['GET', 'PATCH', 'DELETE']);
export const POST = notAllowed;
export const PUT = notAllowed;
