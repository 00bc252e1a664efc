import { apiRoute, jsonResponse, methodNotAllowed } from '@/lib/server/api';
import { listTrains } from '@/lib/server/trains';

export const dynamic = 'force-dynamic';

/** Every release train with its cadence, cut-off, target environments and next departure. */
export const GET = apiRoute(async ({ actor, meta }) =>
  jsonResponse(meta.requestId, {
    items: (await listTrains(actor)).map((t) => ({
      slug: t.slug,
      name: t.name,
      description: t.description,
      active: t.active,
      cadence: t.cadence,
      cutoff: t.cutoff,
      timezone: t.timezone,
      environments: t.environments.map((e) => e.name),
      nextDeparture: t.next ? { departureAt: t.next.departureAt, cutoffAt: t.next.cutoffAt, releases: t.next.releases } : null,
    })),
  }),
);

const notAllowed = methodNotAllowed(['GET']);
export const POST = notAllowed;
export const PUT = notAllowed;
export const PATCH = notAllowed;
export const DELETE = notAllowed;
