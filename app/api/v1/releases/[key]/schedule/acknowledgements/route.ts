import { methodNotAllowed, releaseMutationRoute } from '@/lib/server/api';
import { acknowledgeConflict } from '@/lib/server/scheduling';

export const dynamic = 'force-dynamic';

/** Acknowledges a scheduling conflict: { otherReleaseKey, kind, environment?, component?, reason }. 201, or 409 when the policy does not allow it. */
export const POST = releaseMutationRoute(acknowledgeConflict, 201);

const notAllowed = methodNotAllowed(['POST']);
export const GET = notAllowed;
export const PUT = notAllowed;
export const PATCH = notAllowed;
export const DELETE = notAllowed;
