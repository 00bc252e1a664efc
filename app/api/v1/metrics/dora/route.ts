import { apiRoute, jsonResponse, methodNotAllowed, parseOr400 } from '@/lib/server/api';
import { queryObject } from '@/lib/server/api-schemas';
import { DoraQuerySchema, getDeliveryMetrics } from '@/lib/server/insights';

export const dynamic = 'force-dynamic';

/** The delivery metrics (DORA keys, approval wait, schedule adherence) for a period and filters, against the previous period. */
export const GET = apiRoute(async ({ url, actor, meta }) => {
  const query = parseOr400(DoraQuerySchema, queryObject(url));
  const m = await getDeliveryMetrics(actor, query);
  return jsonResponse(meta.requestId, {
    period: m.period,
    previousPeriod: m.previousPeriod,
    filters: m.filters,
    environments: m.environments,
    figures: m.figures,
    current: m.current,
    previous: m.previous,
    weekly: m.weekly,
    leadTimeDistribution: m.leadTimeDistribution,
    failures: m.failures,
  });
});

const notAllowed = methodNotAllowed(['GET']);
export const POST = notAllowed;
export const PUT = notAllowed;
export const PATCH = notAllowed;
export const DELETE = notAllowed;
