import { apiRoute, jsonResponse, methodNotAllowed } from '@/lib/server/api';
import { environmentsRunning } from '@/lib/server/deployments';

export const dynamic = 'force-dynamic';

/** Every environment in promotion order with what it runs now (component, version, since, the release that deployed it). */
export const GET = apiRoute(async ({ actor, meta }) => jsonResponse(meta.requestId, { items: await environmentsRunning(actor) }));

const notAllowed = methodNotAllowed(['GET']);
export const POST = notAllowed;
export const PUT = notAllowed;
export const PATCH = notAllowed;
export const DELETE = notAllowed;
