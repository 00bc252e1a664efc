import { createElement, type ReactNode } from 'react';
import { renderToString } from '@/tests/support/render';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DbHandle } from '@/lib/server/db';
import { releaseKey } from '@/lib/domain/release-key';
import { advanceClock, resetClock, setClock } from '@/lib/server/clock';
import { freshDatabase } from '../support/db';
import { makeRelease, makeUser, uid } from '../support/factories';
import { testEnv } from '../support/env';

// The discussion of a release (issue 15, point 6): comments by anyone with comment.write on any
// release, edits by the author only (optimistic version, earlier text kept), never deleted;
// @handle mentions tell active people through their channels (the bell, the outbox), questions
// from approvers tell the owner and co-managers and leave the approval as it is; all audited.

vi.mock('next/cache', () => ({ revalidatePath: () => {} }));
vi.mock('next/navigation', () => ({
  notFound: () => {
    throw new Error('NEXT_NOT_FOUND');
  },
  redirect: (to: string) => {
    throw new Error(`NEXT_REDIRECT ${to}`);
  },
  useRouter: () => ({ replace: () => {}, push: () => {}, refresh: () => {} }),
  usePathname: () => '/',
  useSearchParams: () => new URLSearchParams(),
}));

const { addComment, editComment, getDiscussion } = await import('@/lib/server/comments');
const { DiscussionSection } = await import('@/app/(app)/releases/[key]/_sections/discussion-section');

const env = testEnv(['RELM_SMTP_URL', 'RELM_MAIL_FROM', 'RELM_PUBLIC_URL'] as const);
let h: DbHandle;

beforeAll(async () => {
  // e-mail on: the relay is not running here, so deliveries stay in the outbox to be read
  env.set({ RELM_SMTP_URL: 'smtp://127.0.0.1:1', RELM_MAIL_FROM: 'Relm <relm@relm.example.com>', RELM_PUBLIC_URL: 'https://relm.example.com' });
  setClock({ at: '2026-12-06T09:00:00Z', frozen: true });
  h = await freshDatabase();
});

afterAll(async () => {
  resetClock();
  await h?.close();
  env.restore();
});

async function people() {
  const tag = uid();
  const owner = await makeUser(h.prisma, ['release_manager'], { name: `Olga Owner ${tag}`, email: `olga.${tag}@test.relm` });
  const co = await makeUser(h.prisma, ['release_manager'], { name: `Cora Co ${tag}`, email: `cora.${tag}@test.relm`, teamId: null });
  const approver = await makeUser(h.prisma, ['approver'], { name: `Priya Shah ${tag}`, email: `priya.shah.${tag}@test.relm` });
  const other = await makeUser(h.prisma, ['operations'], { name: `Otto Ops ${tag}`, email: `otto.${tag}@test.relm` });
  const gone = await makeUser(h.prisma, ['approver'], { name: `Gina Gone ${tag}`, email: `gina.${tag}@test.relm`, disabled: true });
  const viewer = await makeUser(h.prisma, ['viewer'], { name: `Vic Viewer ${tag}`, email: `vic.${tag}@test.relm` });
  const release = await makeRelease(h.prisma, { ownerId: owner.id });
  await h.prisma.releaseCoManager.create({ data: { releaseId: release.id, userId: co.id } });
  return { tag, owner, co, approver, other, gone, viewer, release, key: releaseKey(release.number) };
}

// rendered completely, under the test's next-intl provider
const render = (node: ReactNode): Promise<string> => renderToString(node);

describe('release discussion', () => {
  it('lets anyone with comment.write comment on a release they do not manage, and tells active mentioned people through the bell and the outbox', async () => {
    const p = await people();
    const body = `Looks fine. @Priya.Shah.${p.tag} can you check the plan? cc @gina.${p.tag} @nobody-${p.tag} and mail me at otto.${p.tag}@test.relm`;
    const r = await addComment.as(p.other.actor)({ releaseKey: p.key, body });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.data.mentioned).toEqual([`Priya Shah ${p.tag}`]);
    const comment = await h.prisma.releaseComment.findUniqueOrThrow({ where: { id: r.data.commentId }, include: { mentions: true } });
    expect(comment).toMatchObject({ authorId: p.other.id, body, kind: 'comment', version: 1, editedAt: null });
    expect(comment.createdAt.toISOString()).toBe('2026-12-06T09:00:00.000Z');
    expect(comment.mentions.map((m) => m.userId)).toEqual([p.approver.id]);

    const notes = await h.prisma.notification.findMany({ where: { releaseId: p.release.id } });
    expect(notes.map((n) => [n.userId, n.kind])).toEqual([[p.approver.id, 'release.mentioned']]);
    expect(notes[0]!.title).toBe(`Otto Ops ${p.tag} mentioned you on ${p.key} “${p.release.title}”`);
    expect(notes[0]!.link).toBe(`/releases/${p.key}/discussion#comment-${comment.id}`);
    // an approver gets mentions by e-mail at once: the outbox holds it, in the same transaction
    const mails = await h.prisma.delivery.findMany({ where: { releaseId: p.release.id } });
    expect(mails.map((d) => [d.userId, d.event, d.channel, d.recipient])).toEqual([[p.approver.id, 'release.mentioned', 'email', p.approver.email]]);

    const audits = await h.prisma.auditEvent.findMany({ where: { targetId: comment.id } });
    expect(audits.map((a) => a.action)).toEqual(['release.comment_added']);
    expect(audits[0]!.after).toMatchObject({ kind: 'comment', body, mentions: [`Priya Shah ${p.tag}`] });
  });

  it('respects the mentioned person’s choice for the kind', async () => {
    const p = await people();
    await h.prisma.notificationPreference.create({
      data: { userId: p.approver.id, kind: 'release.mentioned', inApp: false, email: 'off', updatedAt: new Date() },
    });
    const r = await addComment.as(p.owner.actor)({ releaseKey: p.key, body: `@priya.shah.${p.tag} please look` });
    expect(r.ok && r.data.mentioned).toEqual([`Priya Shah ${p.tag}`]);
    expect(await h.prisma.notification.count({ where: { releaseId: p.release.id } })).toBe(0);
    expect(await h.prisma.delivery.count({ where: { releaseId: p.release.id } })).toBe(0);
  });

  it('refuses viewers, input that cannot be stored, and empty or oversized comments, saving nothing', async () => {
    const p = await people();
    const refused = await addComment.as(p.viewer.actor)({ releaseKey: p.key, body: 'Hello' });
    expect(refused).toMatchObject({ ok: false, code: 'forbidden' });
    if (!refused.ok) expect(refused.message).toMatch(/take part in release discussions: it needs the admin, release manager, approver or operations roles/);
    const lone = await addComment.as(p.owner.actor)({ releaseKey: p.key, body: 'broken \ud800 text' });
    expect(lone).toMatchObject({ ok: false, code: 'invalid' });
    if (!lone.ok) expect(lone.fieldErrors?.body?.length).toBeGreaterThan(0);
    const empty = await addComment.as(p.owner.actor)({ releaseKey: p.key, body: '   ' });
    expect(empty).toMatchObject({ ok: false, code: 'invalid', fieldErrors: { body: ['Write a comment.'] } });
    const long = await addComment.as(p.owner.actor)({ releaseKey: p.key, body: 'x'.repeat(10_001) });
    expect(long).toMatchObject({ ok: false, code: 'invalid' });
    const missing = await addComment.as(p.owner.actor)({ releaseKey: 'REL-999999', body: 'Hello' });
    expect(missing).toMatchObject({ ok: false, code: 'not_found' });
    const ask = await addComment.as(p.owner.actor)({ releaseKey: p.key, body: 'Why?', kind: 'question' });
    expect(ask).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await h.prisma.releaseComment.count({ where: { releaseId: p.release.id } })).toBe(0);
  });

  it('lets an approver ask a question that tells the owner and co-managers and leaves the approvals as they are', async () => {
    const p = await people();
    const before = await h.prisma.release.findUniqueOrThrow({ where: { id: p.release.id }, select: { status: true, version: true } });
    const r = await addComment.as(p.approver.actor)({ releaseKey: p.key, body: `What is the back-out time? @olga.${p.tag}`, kind: 'question' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const notes = await h.prisma.notification.findMany({ where: { releaseId: p.release.id }, orderBy: { userId: 'asc' } });
    // the owner is told once (the question), though also mentioned
    expect(notes.map((n) => [n.userId, n.kind]).sort()).toEqual(
      [
        [p.owner.id, 'release.question'],
        [p.co.id, 'release.question'],
      ].sort(),
    );
    expect(await h.prisma.approval.count({ where: { releaseId: p.release.id } })).toBe(0);
    expect(await h.prisma.release.findUniqueOrThrow({ where: { id: p.release.id }, select: { status: true, version: true } })).toEqual(before);
    expect(await h.prisma.releaseComment.findUniqueOrThrow({ where: { id: r.data.commentId }, select: { kind: true } })).toEqual({ kind: 'question' });
  });

  it('lets only the author edit, keeps the earlier text, tells newly mentioned people once, refuses a stale edit and has no delete', async () => {
    const p = await people();
    const added = await addComment.as(p.owner.actor)({ releaseKey: p.key, body: 'First text' });
    if (!added.ok) throw new Error(added.message);
    const id = added.data.commentId;

    const notMine = await editComment.as(p.co.actor)({ commentId: id, body: 'Hijacked', version: 1 });
    expect(notMine).toMatchObject({ ok: false, code: 'forbidden' });
    if (!notMine.ok) expect(notMine.message).toContain('Only the author of a comment may edit it');

    advanceClock(60_000);
    const edited = await editComment.as(p.owner.actor)({ commentId: id, body: `Second text, @priya.shah.${p.tag}`, version: 1 });
    expect(edited).toMatchObject({ ok: true, data: { changed: true, version: 2 } });
    const stale = await editComment.as(p.owner.actor)({ commentId: id, body: 'Third from an old tab', version: 1 });
    expect(stale).toMatchObject({ ok: false, code: 'stale' });
    // the same mention again tells nobody again
    const again = await editComment.as(p.owner.actor)({ commentId: id, body: `Third text, @priya.shah.${p.tag}`, version: 2 });
    expect(again).toMatchObject({ ok: true, data: { version: 3 } });
    const same = await editComment.as(p.owner.actor)({ commentId: id, body: `Third text, @priya.shah.${p.tag}`, version: 3 });
    expect(same).toMatchObject({ ok: true, data: { changed: false, version: 3 } });

    const c = await h.prisma.releaseComment.findUniqueOrThrow({ where: { id }, include: { edits: { orderBy: { replacedAt: 'asc' } } } });
    expect(c.body).toBe(`Third text, @priya.shah.${p.tag}`);
    expect(c.editedAt?.toISOString()).toBe('2026-12-06T09:01:00.000Z');
    expect(c.edits.map((e) => e.body)).toEqual(['First text', `Second text, @priya.shah.${p.tag}`]);
    expect(await h.prisma.notification.count({ where: { releaseId: p.release.id, userId: p.approver.id, kind: 'release.mentioned' } })).toBe(1);

    const audits = await h.prisma.auditEvent.findMany({ where: { targetId: id }, orderBy: { seq: 'asc' } });
    expect(audits.map((a) => a.action)).toEqual(['release.comment_added', 'release.comment_edited', 'release.comment_edited']);
    expect(audits[1]!.before).toMatchObject({ body: 'First text' });
    expect(audits[1]!.after).toMatchObject({ body: `Second text, @priya.shah.${p.tag}` });

    const { mutationRegistry } = await import('@/lib/server/action');
    expect(mutationRegistry.map((m) => m.mutationName).filter((n) => n.startsWith('release.comment'))).toEqual(['release.comment_add', 'release.comment_edit']);
  });

  it('shows the thread oldest first, with mentions highlighted, "edited" and the earlier text, and Markdown without raw HTML or script links', async () => {
    const p = await people();
    const first = await addComment.as(p.owner.actor)({
      releaseKey: p.key,
      body: `**Bold** <script>alert(1)</script> [x](javascript:alert(1)) [docs](https://example.com) @priya.shah.${p.tag}`,
    });
    if (!first.ok) throw new Error(first.message);
    advanceClock(60_000);
    await addComment.as(p.approver.actor)({ releaseKey: p.key, body: 'Second comment' });
    await editComment.as(p.owner.actor)({ commentId: first.data.commentId, body: `Changed. @priya.shah.${p.tag}`, version: 1 });
    const ref = { id: p.release.id, number: p.release.number, key: p.key, status: p.release.status, version: p.release.version };
    const d = await getDiscussion(p.owner.actor, ref);
    expect(d!.comments.map((c) => c.author.name)).toEqual([`Olga Owner ${p.tag}`, `Priya Shah ${p.tag}`]);
    expect(d!.comments.map((c) => c.mine)).toEqual([true, false]);
    const html = await render(createElement(DiscussionSection, { releaseKey: p.key, zone: 'UTC', d: d! }));
    expect(html).toContain('data-testid="comment-edited"');
    expect(html).toContain(`data-mention="priya.shah.${p.tag}"`);
    expect(html).toContain('<strong>Bold</strong>');
    expect(html).toContain('href="https://example.com"');
    // raw HTML is dropped and a javascript: link keeps its text but loses its target
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('<span>x</span>');
    expect(html).not.toMatch(/href="javascript:/i);
    expect(html.indexOf(`Olga Owner ${p.tag}`)).toBeLessThan(html.indexOf(`Priya Shah ${p.tag}</span>`));
    expect(html).toContain('Earlier text');
    expect(html).toContain('Markdown; write @name');

    const asViewer = await getDiscussion(p.viewer.actor, ref);
    expect(asViewer).toMatchObject({ canWrite: false, canAsk: false });
    expect(await render(createElement(DiscussionSection, { releaseKey: p.key, zone: 'UTC', d: asViewer! }))).not.toContain('name="body"');
  });
});
