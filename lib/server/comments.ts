import 'server-only';
import { z } from 'zod';
import { handleOf, mentionHandles } from '@/lib/domain/mentions';
import { releaseHref } from '@/lib/domain/release-parts';
import { defineMutation } from './action';
import type { Actor } from './actor';
import { allows } from './authz';
import { db, type Tx } from './db';
import { forbidden, notFound } from './errors';
import { now } from './clock';
import { tellPeople } from './notify';
import { releaseKeyField } from './packages';
import { resolveRelease, type ReleaseRef } from './release-ref';
import { describeWhen, staleRefusal, versionField } from './versioned';
import { sayer } from './say';

const say = sayer('server-comments');

// The discussion thread of a release (issue 15, point 6; docs/decisions/042-release-discussion-and-mentions.md).
// Anyone holding comment.write may write in the thread of any release they can read: the rights
// to change a release (owner, co-managers) do not apply to talking about it. Approvers (and
// operations, who approve too) may ask a question: a comment of kind "question" that tells the
// release's owner and co-managers and leaves every approval as it is. Comments are edited, with
// the replaced text kept, and never deleted. `@handle` tells the active person whose e-mail local
// part it is (lib/domain/mentions.ts); a handle nobody has stays text.

export const COMMENT_MAX = 10_000;
/** at most this many people are told of one comment; more handles stay plain text */
export const MENTIONS_MAX = 20;

const bodyField = z
  .string({ error: say('body.write') })
  .trim()
  .min(1, say('body.write'))
  .max(COMMENT_MAX, say('body.tooLong', { max: COMMENT_MAX }));

export const AddCommentSchema = z.object({
  releaseKey: releaseKeyField,
  body: bodyField,
  kind: z.enum(['comment', 'question'], { error: say('kind') }).default('comment'),
});

export const EditCommentSchema = z.object({
  commentId: z
    .string({ error: say('id.choose') })
    .trim()
    .min(1, say('id.choose'))
    .max(40, say('id.notAComment')),
  body: bodyField,
  version: versionField,
});

/** A short quote of a comment for a notification. */
function excerpt(body: string): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  return flat.length > 280 ? `${flat.slice(0, 279)}…` : flat;
}

/** The active people the handles name, by handle (the e-mail local part, compared ignoring case). */
async function resolveMentions(tx: Tx, body: string): Promise<{ id: string; name: string; handle: string }[]> {
  const handles = mentionHandles(body).slice(0, MENTIONS_MAX);
  if (!handles.length) return [];
  const users = await tx.user.findMany({
    where: { disabledAt: null, OR: handles.map((h) => ({ email: { startsWith: `${h}@` } })) },
    select: { id: true, name: true, email: true },
  });
  return users.map((u) => ({ id: u.id, name: u.name, handle: handleOf(u.email) })).filter((u) => handles.includes(u.handle));
}

function authorOf(actor: Actor): string {
  if (!actor.id) throw forbidden(say('onlyPerson'));
  return actor.id;
}

async function tellMentioned(
  tx: Tx,
  people: { id: string }[],
  c: { id: string; body: string },
  release: ReleaseRef & { title: string },
  authorName: string,
  except: string,
  skip: ReadonlySet<string> = new Set(),
) {
  const ids = people.map((p) => p.id).filter((id) => !skip.has(id));
  if (!ids.length) return;
  await tellPeople(
    tx,
    ids,
    {
      kind: 'release.mentioned',
      say: ({ t }) => ({ title: t('comment.mentioned', { name: authorName, key: release.key, title: release.title }), body: excerpt(c.body) }),
      link: releaseHref(release.key, 'discussion', `comment-${c.id}`),
      releaseId: release.id,
      releaseKey: release.key,
      eventKey: `mention:${c.id}`,
    },
    except,
  );
}

/** Writes a comment (or, for approvers, a question) in a release's discussion. */
export const addComment = defineMutation({
  name: 'release.comment_add',
  permission: 'comment.write',
  input: AddCommentSchema,
  run: async ({ tx, actor, input, audit }) => {
    const authorId = authorOf(actor);
    const ref = await resolveRelease(tx, input.releaseKey);
    if (input.kind === 'question' && !allows(actor, 'approval.decide')) {
      throw forbidden(say('onlyApprovers'));
    }
    const release = await tx.release.findUniqueOrThrow({
      where: { id: ref.id },
      select: { title: true, ownerId: true, coManagers: { select: { userId: true } } },
    });
    const author = await tx.user.findUniqueOrThrow({ where: { id: authorId }, select: { name: true } });
    const at = now();
    const comment = await tx.releaseComment.create({
      data: { releaseId: ref.id, authorId, kind: input.kind, body: input.body, createdAt: at },
      select: { id: true, body: true, version: true },
    });
    const mentioned = await resolveMentions(tx, input.body);
    if (mentioned.length) {
      await tx.releaseCommentMention.createMany({ data: mentioned.map((m) => ({ commentId: comment.id, userId: m.id })), skipDuplicates: true });
    }
    const r = { ...ref, title: release.title };
    const managers = new Set([release.ownerId, ...release.coManagers.map((c) => c.userId)]);
    if (input.kind === 'question') {
      await tellPeople(
        tx,
        [...managers],
        {
          kind: 'release.question',
          say: ({ t }) => ({ title: t('comment.question', { name: author.name, key: ref.key, title: release.title }), body: excerpt(input.body) }),
          link: releaseHref(ref.key, 'discussion', `comment-${comment.id}`),
          releaseId: ref.id,
          releaseKey: ref.key,
          eventKey: `question:${comment.id}`,
        },
        authorId,
      );
    }
    // the owner and co-managers told of a question are not told again that it mentions them
    await tellMentioned(tx, mentioned, comment, r, author.name, authorId, input.kind === 'question' ? managers : new Set());
    await audit({
      action: 'release.comment_added',
      targetType: 'release_comment',
      targetId: comment.id,
      releaseId: ref.id,
      after: { kind: input.kind, body: input.body, mentions: mentioned.map((m) => m.name) },
    });
    return { releaseKey: ref.key, commentId: comment.id, kind: input.kind, mentioned: mentioned.map((m) => m.name) };
  },
});

/** Changes the text of one's own comment; the text it replaces is kept and shown. */
export const editComment = defineMutation({
  name: 'release.comment_edit',
  permission: 'comment.write',
  input: EditCommentSchema,
  run: async ({ tx, actor, input, audit, noChange }) => {
    const authorId = authorOf(actor);
    const c = await tx.releaseComment.findUnique({
      where: { id: input.commentId },
      select: {
        id: true,
        authorId: true,
        body: true,
        version: true,
        createdAt: true,
        editedAt: true,
        releaseId: true,
        author: { select: { name: true } },
        mentions: { select: { userId: true } },
        release: { select: { number: true, title: true } },
      },
    });
    if (!c) throw notFound(say('thatComment'));
    if (c.authorId !== authorId) {
      throw forbidden(say('onlyAuthor', { name: c.author.name }));
    }
    const ref = await resolveRelease(tx, `REL-${c.release.number}`);
    if (c.body === input.body) {
      noChange();
      return { releaseKey: ref.key, commentId: c.id, changed: false, version: c.version };
    }
    const at = now();
    const updated = await tx.releaseComment.updateMany({
      where: { id: c.id, version: input.version },
      data: { body: input.body, editedAt: at, version: { increment: 1 } },
    });
    if (updated.count === 0) {
      const current = await tx.releaseComment.findUniqueOrThrow({ where: { id: c.id }, select: { version: true, editedAt: true, createdAt: true } });
      throw staleRefusal(
        { label: say('thisComment'), updatedBy: c.author.name, updatedAt: current.editedAt ?? current.createdAt, version: current.version },
        input.version,
      );
    }
    await tx.releaseCommentEdit.create({ data: { commentId: c.id, body: c.body, writtenAt: c.editedAt ?? c.createdAt, replacedAt: at } });
    // people the new text mentions for the first time are told; those already told are not told again
    const before = new Set(c.mentions.map((m) => m.userId));
    const mentioned = (await resolveMentions(tx, input.body)).filter((m) => !before.has(m.id));
    if (mentioned.length) {
      await tx.releaseCommentMention.createMany({ data: mentioned.map((m) => ({ commentId: c.id, userId: m.id })), skipDuplicates: true });
      await tellMentioned(tx, mentioned, { id: c.id, body: input.body }, { ...ref, title: c.release.title }, c.author.name, authorId);
    }
    await audit({
      action: 'release.comment_edited',
      targetType: 'release_comment',
      targetId: c.id,
      releaseId: c.releaseId,
      before: { body: c.body, version: c.version },
      after: { body: input.body, version: c.version + 1, newMentions: mentioned.map((m) => m.name) },
    });
    return { releaseKey: ref.key, commentId: c.id, changed: true, version: c.version + 1 };
  },
});

// ---------------------------------------------------------------- reading

export interface DiscussionComment {
  id: string;
  kind: 'comment' | 'question';
  body: string;
  author: { id: string; name: string };
  createdAt: Date;
  editedAt: Date | null;
  editedWhen: string | null;
  version: number;
  /** earlier texts, newest first */
  edits: { body: string; writtenAt: Date; replacedAt: Date }[];
  mine: boolean;
}

export interface Discussion {
  comments: DiscussionComment[];
  /** handles (lower-case) of the people the comments mention, for highlighting */
  mentionHandles: string[];
  canWrite: boolean;
  canAsk: boolean;
}

/** The thread of a release, oldest first; null when the actor may not read releases. */
export async function getDiscussion(actor: Actor | null, ref: ReleaseRef): Promise<Discussion | null> {
  if (!allows(actor, 'release.read')) return null;
  const prisma = await db();
  const rows = await prisma.releaseComment.findMany({
    where: { releaseId: ref.id },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    take: 500,
    select: {
      id: true,
      kind: true,
      body: true,
      createdAt: true,
      editedAt: true,
      version: true,
      author: { select: { id: true, name: true } },
      edits: { orderBy: { replacedAt: 'desc' }, select: { body: true, writtenAt: true, replacedAt: true } },
      mentions: { select: { user: { select: { email: true } } } },
    },
  });
  const handles = new Set<string>();
  for (const r of rows) for (const m of r.mentions) handles.add(handleOf(m.user.email));
  return {
    comments: rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      body: r.body,
      author: r.author,
      createdAt: r.createdAt,
      editedAt: r.editedAt,
      editedWhen: r.editedAt ? describeWhen(r.editedAt) : null,
      version: r.version,
      edits: r.edits,
      mine: !!actor?.id && r.author.id === actor.id,
    })),
    mentionHandles: [...handles],
    canWrite: allows(actor, 'comment.write') && !!actor?.id,
    canAsk: allows(actor, 'comment.write') && allows(actor, 'approval.decide') && !!actor?.id,
  };
}
