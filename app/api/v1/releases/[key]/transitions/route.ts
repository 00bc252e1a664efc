import { methodNotAllowed, releaseMutationRoute } from '@/lib/server/api';
import { transitionRelease } from '@/lib/server/transitions';

export const dynamic = 'force-dynamic';

/** Moves the release to another status: 200 with the transition, or 422 with every gate when refused. */
export const POST = releaseMutationRoute(transitionRelease);

// other methods get the JSON error shape too
const notAllowed = methodNotAllowed(['POST']);
export const GET = notAllowed;
export const PUT = notAllowed;
export const PATCH = notAllowed;
export const DELETE = notAllowed;
