import { ApiError, apiRoute, jsonResponse, methodNotAllowed, releaseKeyParam } from '@/lib/server/api';
import { MAX_SLOT_MINUTES, suggestSlots } from '@/lib/server/scheduling';

export const dynamic = 'force-dynamic';

/** GET ?environment=production&duration=120[&limit=5]: the first free slots in the next 90 days. */
export const GET = apiRoute<{ key: string }>(async ({ url, actor, meta, params }) => {
  const key = releaseKeyParam(params.key);
  const environment = (url.searchParams.get('environment') ?? '').trim().slice(0, 64);
  const durationRaw = url.searchParams.get('duration') ?? '';
  const limitRaw = url.searchParams.get('limit') ?? '5';
  const fieldErrors: Record<string, string[]> = {};
  if (!environment) fieldErrors.environment = ['Name the target environment, e.g. ?environment=production.'];
  const duration = /^\d{1,5}$/.test(durationRaw) ? Number(durationRaw) : NaN;
  if (!(duration >= 1 && duration <= MAX_SLOT_MINUTES))
    fieldErrors.duration = [`Give the slot length in whole minutes, 1 to ${MAX_SLOT_MINUTES}, e.g. ?duration=120.`];
  const limit = /^\d{1,2}$/.test(limitRaw) ? Number(limitRaw) : NaN;
  if (!(limit >= 1 && limit <= 20)) fieldErrors.limit = ['Ask for 1 to 20 slots.'];
  if (Object.keys(fieldErrors).length) throw new ApiError(422, 'invalid', 'Some query parameters need attention.', { fieldErrors });
  const slots = await suggestSlots(actor, key, environment, duration, { limit });
  if (!slots) throw new ApiError(404, 'not_found', `Release ${key} with target environment ${environment} was not found, or you may not see it.`);
  return jsonResponse(meta.requestId, { key, environment, durationMinutes: duration, slots });
});

const notAllowed = methodNotAllowed(['GET']);
export const POST = notAllowed;
export const PUT = notAllowed;
export const PATCH = notAllowed;
export const DELETE = notAllowed;
