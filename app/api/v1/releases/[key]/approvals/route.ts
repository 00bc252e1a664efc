import { methodNotAllowed, releaseMutationRoute } from '@/lib/server/api';
import { decideApproval } from '@/lib/server/approvals';

export const dynamic = 'force-dynamic';

/**
 * Approves or rejects the release's current package, with the same rules as the
 * approval card: separation of duties, one decision per person, the digest the
 * caller reviewed (required, so a pipeline cannot approve blind), a comment when
 * rejecting. 200 with the decision; 403 / 409 / 422 with the reason when refused.
 */
export const POST = releaseMutationRoute(decideApproval);

// other methods get the JSON error shape too
const notAllowed = methodNotAllowed(['POST']);
export const GET = notAllowed;
export const PUT = notAllowed;
export const PATCH = notAllowed;
export const DELETE = notAllowed;
