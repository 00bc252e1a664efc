import { ApiError, apiRoute, jsonResponse, methodNotAllowed, releaseKeyParam, releaseMutationRoute } from '@/lib/server/api';
import { addComment, getDiscussion } from '@/lib/server/comments';
import { lookupRelease } from '@/lib/server/releases';

export const dynamic = 'force-dynamic';

/** The release's discussion, oldest first: each comment with its author, kind, text and edits. */
export const GET = apiRoute<{ key: string }>(async ({ actor, meta, params }) => {
  const key = releaseKeyParam(params.key);
  const ref = await lookupRelease(actor, key);
  const thread = ref ? await getDiscussion(actor, ref) : null;
  if (!ref || !thread) throw new ApiError(404, 'not_found', `Release ${key} was not found, or you may not see it.`);
  return jsonResponse(meta.requestId, {
    key: ref.key,
    items: thread.comments.map((c) => ({
      id: c.id,
      kind: c.kind,
      body: c.body,
      author: c.author,
      createdAt: c.createdAt.toISOString(),
      editedAt: c.editedAt?.toISOString() ?? null,
      version: c.version,
      edits: c.edits.map((e) => ({ body: e.body, writtenAt: e.writtenAt.toISOString(), replacedAt: e.replacedAt.toISOString() })),
    })),
  });
});

/**
 * Writes a comment (or, for people who decide approvals, a question): { body, kind? }. The same
 * mutation as the discussion form: `@handle` mentions tell the people named. 201 with the comment.
 */
export const POST = releaseMutationRoute(addComment, 201);

const notAllowed = methodNotAllowed(['GET', 'POST']);
export const PUT = notAllowed;
export const PATCH = notAllowed;
export const DELETE = notAllowed;
