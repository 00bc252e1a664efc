import { methodNotAllowed, releaseMutationRoute } from '@/lib/server/api';
import { executeBackout } from '@/lib/server/backout';

export const dynamic = 'force-dynamic';

/**
 * Records that the release's back-out plan was carried out in one environment:
 * 201 with the back-out deployment (the release becomes rolled back and needs a
 * review), or the refusal with its gates.
 */
export const POST = releaseMutationRoute(executeBackout, 201);

const notAllowed = methodNotAllowed(['POST']);
export const GET = notAllowed;
export const PUT = notAllowed;
export const PATCH = notAllowed;
export const DELETE = notAllowed;
