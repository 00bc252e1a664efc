import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/lib/server/db';
import { GET as listComments, POST as postComment, DELETE as deleteComments } from '@/app/api/v1/releases/[key]/comments/route';
import { GET as listReleasesRoute } from '@/app/api/v1/releases/route';
import { releaseKey } from '@/lib/domain/release-key';
import { resetClock, setClock } from '@/lib/server/clock';
import { freshDatabase } from '../support/db';
import { makeApiToken, makeRelease, makeUser, uid } from '../support/factories';

// GET and POST /api/v1/releases/{key}/comments (issue 15, point 6; docs/decisions/042, 048): the
// discussion through the API, token-authenticated and scoped like every v1 route; a POST goes
// through the same mutation as the page (mentions tell people, audited).

let h: DbHandle;

beforeAll(async () => {
  setClock({ at: '2026-12-06T09:00:00Z', frozen: true });
  h = await freshDatabase();
});

afterAll(async () => {
  resetClock();
  await h?.close();
});

const BASE = 'http://relm.test';
const keyParams = (key: string) => ({ params: Promise.resolve({ key }) });
const noParams = { params: Promise.resolve({}) as Promise<Record<string, never>> };

function req(path: string, token: string | null, body?: unknown) {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  return new Request(`${BASE}${path}`, { method: body !== undefined ? 'POST' : 'GET', headers, body: body === undefined ? undefined : JSON.stringify(body) });
}

describe('/api/v1/releases/{key}/comments', () => {
  it('writes a comment that mentions someone, and lists the thread', async () => {
    const tag = uid();
    const approver = await makeUser(h.prisma, ['approver'], { name: `Ada ${tag}`, email: `ada.${tag}@test.relm` });
    const mentioned = await makeUser(h.prisma, ['operations'], { name: `Sam ${tag}`, email: `sam.${tag}@test.relm` });
    const viewer = await makeUser(h.prisma, ['viewer']);
    const release = await makeRelease(h.prisma);
    const key = releaseKey(release.number);
    const token = await makeApiToken(h.prisma, approver.id, ['release.read', 'comment.write']);

    const created = await postComment(
      req(`/api/v1/releases/${key}/comments`, token, { body: `Is this reversible? @sam.${tag}`, kind: 'question' }),
      keyParams(key),
    );
    expect(created.status).toBe(201);
    const body = await created.json();
    expect(body).toMatchObject({ releaseKey: key, kind: 'question', mentioned: [`Sam ${tag}`] });
    // the mention told Sam, as the page's form does
    expect(await h.prisma.notification.count({ where: { userId: mentioned.id, kind: 'release.mentioned' } })).toBe(1);
    expect(await h.prisma.auditEvent.count({ where: { action: 'release.comment_added', targetId: body.commentId } })).toBe(1);

    const readToken = await makeApiToken(h.prisma, viewer.id, ['release.read']);
    const list = await listComments(req(`/api/v1/releases/${key.toLowerCase()}/comments`, readToken), keyParams(key.toLowerCase()));
    expect(list.status).toBe(200);
    const thread = await list.json();
    expect(thread).toMatchObject({
      key,
      items: [
        {
          id: body.commentId,
          kind: 'question',
          body: `Is this reversible? @sam.${tag}`,
          author: { id: approver.id, name: `Ada ${tag}` },
          editedAt: null,
          version: 1,
          edits: [],
        },
      ],
    });
    expect(thread.items[0].createdAt).toBe('2026-12-06T09:00:00.000Z');
  });

  it('refuses without a token, without the scope, for a viewer, with an empty body, and for an unknown release', async () => {
    const release = await makeRelease(h.prisma);
    const key = releaseKey(release.number);
    const url = `/api/v1/releases/${key}/comments`;
    expect((await postComment(req(url, null, { body: 'Hi' }), keyParams(key))).status).toBe(401);
    const approver = await makeUser(h.prisma, ['approver']);
    const readOnly = await makeApiToken(h.prisma, approver.id, ['release.read']);
    expect((await postComment(req(url, readOnly, { body: 'Hi' }), keyParams(key))).status).toBe(403);
    const viewer = await makeUser(h.prisma, ['viewer']);
    const viewerToken = await makeApiToken(h.prisma, viewer.id, ['*']);
    expect((await postComment(req(url, viewerToken, { body: 'Hi' }), keyParams(key))).status).toBe(403);
    const full = await makeApiToken(h.prisma, approver.id, ['*']);
    const empty = await postComment(req(url, full, { body: '   ' }), keyParams(key));
    expect(empty.status).toBe(400);
    expect((await empty.json()).error.fieldErrors.body).toBeTruthy();
    expect((await listComments(req('/api/v1/releases/REL-999999/comments', full), keyParams('REL-999999'))).status).toBe(404);
    expect((await listComments(req('/api/v1/releases/nope/comments', full), keyParams('nope'))).status).toBe(404);
    expect((await deleteComments(req(url, full))).status).toBe(405);
    expect(await h.prisma.releaseComment.count({ where: { releaseId: release.id } })).toBe(0);
  });

  it('the release list takes the new filters, and refuses bad ones', async () => {
    const rm = await makeUser(h.prisma, ['release_manager']);
    const token = await makeApiToken(h.prisma, rm.id, ['release.read']);
    const ok = await listReleasesRoute(
      req('/api/v1/releases?type=normal,emergency&risk=high&from=2027-01-01&to=2027-01-31&component=billing-api', token),
      noParams,
    );
    expect(ok.status).toBe(200);
    const bad = await listReleasesRoute(req('/api/v1/releases?risk=extreme&from=soon', token), noParams);
    expect(bad.status).toBe(400);
    expect(Object.keys((await bad.json()).error.fieldErrors).sort()).toEqual(['from', 'risk.0']);
  });
});
