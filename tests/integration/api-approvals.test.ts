import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/lib/server/db';
import type { Actor } from '@/lib/server/actor';
import { GET as getReleaseRoute } from '@/app/api/v1/releases/[key]/route';
import { GET as getApprovalsRoute, POST as postApproval } from '@/app/api/v1/releases/[key]/approvals/route';
import { GET as openApiRoute } from '@/app/api/v1/openapi.json/route';
import { freshDatabase } from '../support/db';
import { makeApiToken, makeTeam, makeUser } from '../support/factories';
import { policyDocument, savePolicy, submittedRelease } from './approvals-support';

let h: DbHandle;
let rm: Actor;
const tokens: Record<string, string> = {};

const tokenFor = (userId: string, scopes: string[]) => makeApiToken(h.prisma, userId, scopes, { namePrefix: 't' });

beforeAll(async () => {
  h = await freshDatabase();
  const [red, blue] = [await makeTeam(h.prisma, 'Red'), await makeTeam(h.prisma, 'Blue')];
  const rmUser = await makeUser(h.prisma, ['release_manager'], { name: 'Rita Manager' });
  rm = rmUser.actor;
  tokens.rm = await tokenFor(rmUser.id, ['*']);
  const a = await makeUser(h.prisma, ['approver'], { name: 'Elena Petrova', teamId: red.id });
  const b = await makeUser(h.prisma, ['approver'], { name: 'Bo Blue', teamId: blue.id });
  tokens.a = await tokenFor(a.id, ['approval.decide', 'release.read']);
  tokens.b = await tokenFor(b.id, ['*']);
  tokens.readOnly = await tokenFor(b.id, ['release.read']);
  tokens.admin = await tokenFor((await makeUser(h.prisma, ['admin'])).id, ['*']);
  tokens.a2 = await tokenFor((await makeUser(h.prisma, ['approver'], { name: 'Rudi Red', teamId: red.id })).id, ['approval.decide']);
  await savePolicy(h.prisma, policyDocument());
});

afterAll(async () => {
  await h?.close();
});

const BASE = 'http://relm.test';
const keyParams = (key: string) => ({ params: Promise.resolve({ key }) });
function req(path: string, init: { token?: string; body?: unknown; rawBody?: string; method?: string } = {}) {
  const headers: Record<string, string> = {};
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  const body = init.rawBody ?? (init.body !== undefined ? JSON.stringify(init.body) : undefined);
  if (body !== undefined) headers['content-type'] = 'application/json';
  return new Request(`${BASE}${path}`, { method: init.method ?? (body !== undefined ? 'POST' : 'GET'), headers, body });
}
const post = (key: string, token: string, body: unknown) => postApproval(req(`/api/v1/releases/${key}/approvals`, { token, body }), keyParams(key));

describe('POST /api/v1/releases/{key}/approvals', () => {
  it('approves with the digest, and the release shows required, given, invalidated and missing approvals', async () => {
    const r = await submittedRelease(h.prisma, rm, { ownerId: rm.id!, level: 'high' });
    const res = await post(r.key, tokens.a!, { decision: 'approve', comment: 'Checked', packageDigest: r.digest });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ key: r.key, decision: 'approve', status: 'submitted', approved: false, countsFor: 'approvers' });

    const got = await getReleaseRoute(req(`/api/v1/releases/${r.key}`, { token: tokens.rm }), keyParams(r.key));
    expect(got.status).toBe(200);
    const body = await got.json();
    expect(body.approvals).toMatchObject({
      required: [{ key: 'approvers', count: 2, given: 1, satisfied: false, distinctTeams: true }],
      given: [{ approver: { name: 'Elena Petrova' }, decision: 'approve', countsFor: 'approvers', state: 'valid' }],
      invalidated: [],
      missing: ['1 more for "2 approvers from different teams"'],
      quorumMet: false,
    });

    const second = await post(r.key.toLowerCase(), tokens.b!, { decision: 'approve', packageDigest: `sha256:${r.digest.toUpperCase()}` });
    expect(second.status).toBe(200);
    expect(await second.json()).toMatchObject({ status: 'approved', approved: true });
  });

  it('refuses with 409 an approval that would count for no requirement (same team on a different-teams rule)', async () => {
    const r = await submittedRelease(h.prisma, rm, { ownerId: rm.id!, level: 'high' });
    expect((await post(r.key, tokens.a!, { decision: 'approve', packageDigest: r.digest })).status).toBe(200);
    const res = await post(r.key, tokens.a2!, { decision: 'approve', packageDigest: r.digest });
    expect(res.status).toBe(409);
    expect((await res.json()).error.message).toBe(
      'Your approval would not count: "2 approvers from different teams" already has one from team Red, and you are in team Red. Another approver from a different team must approve.',
    );
    expect(await h.prisma.approval.count({ where: { releaseId: r.id } })).toBe(1);
  });

  it('requires the digest and a comment to reject, with field errors', async () => {
    const r = await submittedRelease(h.prisma, rm, { ownerId: rm.id!, level: 'low' });
    const noDigest = await post(r.key, tokens.a!, { decision: 'approve' });
    expect(noDigest.status).toBe(400);
    expect((await noDigest.json()).error.fieldErrors.packageDigest[0]).toMatch(/digest/);
    const noComment = await post(r.key, tokens.a!, { decision: 'reject', packageDigest: r.digest });
    expect(noComment.status).toBe(400);
    expect((await noComment.json()).error.fieldErrors.comment[0]).toMatch(/Say why/);
    const weird = await post(r.key, tokens.a!, { decision: 'maybe', comment: 42, packageDigest: ['x'] });
    expect(weird.status).toBe(400);
    const garbage = await postApproval(req(`/api/v1/releases/${r.key}/approvals`, { token: tokens.a, rawBody: '{"decision":' }), keyParams(r.key));
    expect(garbage.status).toBe(400);
  });

  it('refuses a stale digest (409), separation of duties and admins (403), duplicates (409), unknown releases (404)', async () => {
    const r = await submittedRelease(h.prisma, rm, { ownerId: rm.id!, level: 'high' });
    const stale = await post(r.key, tokens.a!, { decision: 'approve', packageDigest: 'c'.repeat(64) });
    expect(stale.status).toBe(409);
    expect((await stale.json()).error.code).toBe('stale');
    expect((await post(r.key, tokens.admin!, { decision: 'approve', packageDigest: r.digest })).status).toBe(403);
    expect((await post(r.key, tokens.rm!, { decision: 'approve', packageDigest: r.digest })).status).toBe(403);
    expect((await post(r.key, tokens.readOnly!, { decision: 'approve', packageDigest: r.digest })).status).toBe(403);
    expect((await post(r.key, tokens.a!, { decision: 'approve', packageDigest: r.digest })).status).toBe(200);
    const dup = await post(r.key, tokens.a!, { decision: 'approve', packageDigest: r.digest });
    expect(dup.status).toBe(409);
    expect((await dup.json()).error.message).toMatch(/a person counts once/);
    expect((await post('REL-999999', tokens.a!, { decision: 'approve', packageDigest: r.digest })).status).toBe(404);
    expect((await post('nonsense', tokens.a!, { decision: 'approve', packageDigest: r.digest })).status).toBe(404);
    expect((await postApproval(req(`/api/v1/releases/${r.key}/approvals`, { body: { decision: 'approve' } }), keyParams(r.key))).status).toBe(401);
    expect((await getApprovalsRoute(req(`/api/v1/releases/${r.key}/approvals`, { token: tokens.a }))).status).toBe(405);
  });

  it('a rejection returns the release to rejected with the reason', async () => {
    const r = await submittedRelease(h.prisma, rm, { ownerId: rm.id!, level: 'low' });
    const res = await post(r.key, tokens.b!, { decision: 'reject', comment: 'Missing test evidence.', packageDigest: r.digest });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'rejected' });
    const got = await (await getReleaseRoute(req(`/api/v1/releases/${r.key}`, { token: tokens.rm }), keyParams(r.key))).json();
    expect(got.release.status).toBe('rejected');
    expect(got.approvals.invalidated[0]).toMatchObject({ decision: 'reject', state: 'superseded' });
  });

  it('is in the OpenAPI document', async () => {
    const doc = await (await openApiRoute(req('/api/v1/openapi.json'), { params: Promise.resolve({}) as Promise<Record<string, never>> })).json();
    const op = doc.paths['/api/v1/releases/{key}/approvals'].post;
    expect(op.operationId).toBe('decideApproval');
    expect(op.description).toMatch(/packageDigest` is required/);
    expect(JSON.stringify(doc.components.schemas.ReleaseDetail)).toContain('ApprovalSummary');
  });
});
