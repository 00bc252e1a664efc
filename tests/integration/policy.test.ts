import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/lib/server/db';
import { getPolicyVersion, listPolicyVersions, updatePolicy } from '@/lib/server/policy';
import { getCurrentPolicy } from '@/lib/server/policy-read';
import { DEMO_POLICY_DOCUMENT } from '@/prisma/seed/data/policy';
import { PolicyDocumentSchema } from '@/lib/domain/policy';
import type { Actor } from '@/lib/server/actor';
import type { ActionResult } from '@/lib/domain/result';
import { freshDatabase } from '../support/db';
import { makeRelease, makeUser } from '../support/factories';
import { fingerprint } from '../support/inspect';
import { itRaces, race } from '../support/race';

let h: DbHandle;
let admin: Actor;
let other: Actor;
let viewer: Actor;

beforeAll(async () => {
  h = await freshDatabase();
  admin = (await makeUser(h.prisma, ['admin'], { name: 'Ada Admin' })).actor;
  other = (await makeUser(h.prisma, ['admin'], { name: 'Otto Other' })).actor;
  viewer = (await makeUser(h.prisma, ['viewer'])).actor;
  await h.prisma.policyVersion.create({ data: { version: 1, document: DEMO_POLICY_DOCUMENT, note: 'Initial policy' } });
});

afterAll(async () => {
  await h?.close();
});

async function refused<T>(call: () => Promise<ActionResult<T>>) {
  const before = await fingerprint(h.runner);
  const r = await call();
  expect(r.ok).toBe(false);
  expect(await fingerprint(h.runner)).toEqual(before);
  return r as Extract<ActionResult<T>, { ok: false }>;
}

function ok<T>(r: ActionResult<T>): T {
  if (!r.ok) throw new Error(JSON.stringify(r));
  return r.data;
}

const current = async () => getCurrentPolicy();
// deliberately invalid documents are built loosely
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = Record<string, any>;
const doc = () => structuredClone(PolicyDocumentSchema.parse(DEMO_POLICY_DOCUMENT));

describe('the versioned release policy', () => {
  it('reads the current version', async () => {
    const p = await current();
    expect(p.version).toBe(1);
    expect(p.document.approvals.expiryDays).toBe(7);
  });

  it('an update creates version + 1 with an audit event saying what changed', async () => {
    const base = await current();
    const next = doc();
    next.approvals.expiryDays = 5;
    next.risk.thresholds.high = 13;
    const r = ok(await updatePolicy.as(admin)({ basedOnVersion: base.version, note: 'Shorter approval life after the audit', document: next }));
    expect(r.version).toBe(base.version + 1);
    expect(r.changes).toEqual(expect.arrayContaining(['Approval expiry (days): 7 → 5', 'Risk threshold for high: 12 → 13']));
    const now = await current();
    expect(now.version).toBe(base.version + 1);
    expect(now.document.approvals.expiryDays).toBe(5);
    expect(now.note).toBe('Shorter approval life after the audit');
    expect(now.createdBy?.name).toBe('Ada Admin');
    const event = await h.prisma.auditEvent.findFirstOrThrow({ where: { action: 'policy.update' }, orderBy: { seq: 'desc' } });
    expect(event.actorId).toBe(admin.id);
    expect(JSON.stringify(event.after)).toContain('Approval expiry (days): 7 → 5');
    expect(JSON.stringify(event.before)).toContain('"approvals.expiryDays":7');

    const history = await listPolicyVersions(viewer);
    expect(history.map((v) => v.version)).toEqual([2, 1]);
    expect(history[0]!.changes).toContain('Approval expiry (days): 7 → 5');
    const v1 = await getPolicyVersion(viewer, 1);
    expect(v1?.latest).toBe(false);
    expect(v1?.document?.approvals.expiryDays).toBe(7);
    expect(await getPolicyVersion(viewer, 4242)).toBeNull();
  });

  it('recomputes the risk level of releases still being prepared with the new version', async () => {
    const draft = await makeRelease(h.prisma);
    const submitted = await h.prisma.release.update({ where: { id: (await makeRelease(h.prisma)).id }, data: { status: 'submitted' } });
    const base = await current();
    const next = structuredClone(base.document);
    next.risk.factors.releaseType.normal = 9;
    const r = ok(await updatePolicy.as(admin)({ basedOnVersion: base.version, note: 'Normal releases weigh more', document: next }));
    const d = await h.prisma.release.findUniqueOrThrow({ where: { id: draft.id } });
    expect(d.riskLevel).toBe('medium');
    expect(d.riskFactors).toMatchObject({ score: 9, policyVersion: r.version });
    const s = await h.prisma.release.findUniqueOrThrow({ where: { id: submitted.id } });
    expect(s.riskLevel).toBeNull();
  });

  it('refuses a stale basedOnVersion, naming who saved the newer version', async () => {
    const base = await current();
    const next = doc();
    next.approvals.expiryDays = 9;
    const r = await refused(() => updatePolicy.as(other)({ basedOnVersion: base.version - 1, note: 'Longer approvals', document: next }));
    expect(r.code).toBe('stale');
    expect(r.message).toContain('Ada Admin');
    expect(r.message).toContain(`version ${base.version}`);
  });

  it('refuses an invalid document with field errors at dotted paths, writing nothing', async () => {
    const base = await current();
    const next = doc() as unknown as Loose;
    next.approvals.expiryDays = 0;
    next.risk.thresholds = { medium: 10, high: 5, critical: 20 };
    next.approvals.byRiskLevel.low[0].role = 'janitor';
    const r = await refused(() => updatePolicy.as(admin)({ basedOnVersion: base.version, note: 'Broken', document: next }));
    expect(r.code).toBe('invalid');
    expect(Object.keys(r.fieldErrors ?? {})).toEqual(expect.arrayContaining(['approvals.expiryDays', 'risk.thresholds', 'approvals.byRiskLevel.low.0.role']));
  });

  it('refuses switching separation of duties off or dropping a mandatory review', async () => {
    const base = await current();
    const next = doc() as unknown as Loose;
    next.approvals.excludeOwner = false;
    next.approvals.excludeBuildAuthors = false;
    const r = await refused(() => updatePolicy.as(admin)({ basedOnVersion: base.version, note: 'Loosen SoD', document: next }));
    expect(Object.keys(r.fieldErrors ?? {})).toEqual(expect.arrayContaining(['approvals.excludeOwner', 'approvals.excludeBuildAuthors']));
    const review = doc();
    review.reviewRequiredAfter = ['backout'];
    const rr = await refused(() => updatePolicy.as(admin)({ basedOnVersion: base.version, note: 'Fewer reviews', document: review }));
    expect(rr.fieldErrors?.reviewRequiredAfter?.join(' ')).toMatch(/always required after failed deployment/);
  });

  it('refuses when nothing changed, and requires a note', async () => {
    const base = await current();
    const same = await refused(() => updatePolicy.as(admin)({ basedOnVersion: base.version, note: 'No-op', document: base.document }));
    expect(same.code).toBe('conflict');
    expect(same.message).toMatch(/Nothing changed/);
    const next = doc();
    next.approvals.expiryDays = 3;
    const noNote = await refused(() => updatePolicy.as(admin)({ basedOnVersion: base.version, note: '  ', document: next }));
    expect(Object.keys(noNote.fieldErrors ?? {})).toContain('note');
  });

  it('is refused to people without policy.edit, and reads need policy.read', async () => {
    const base = await current();
    const next = doc();
    next.approvals.expiryDays = 3;
    const r = await refused(() => updatePolicy.as(viewer)({ basedOnVersion: base.version, note: 'Not mine to change', document: next }));
    expect(r.code).toBe('forbidden');
    await expect(listPolicyVersions(null)).rejects.toThrow();
  });

  itRaces('two admins saving the same version: exactly one wins, the other is told who', async () => {
    const base = await current();
    const a = doc();
    a.approvals.expiryDays = 4;
    const b = doc();
    b.approvals.expiryDays = 6;
    const results = await race(h, [
      () => updatePolicy.as(admin)({ basedOnVersion: base.version, note: 'Four days', document: a }),
      () => updatePolicy.as(other)({ basedOnVersion: base.version, note: 'Six days', document: b }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const lost = results.find((r) => !r.ok) as Extract<ActionResult<unknown>, { ok: false }>;
    expect(lost.code).toBe('stale');
    expect((await current()).version).toBe(base.version + 1);
  });

  it('hostile input never errors', async () => {
    for (const raw of [
      null,
      {},
      { basedOnVersion: 'x', note: 'n', document: 'nope' },
      { basedOnVersion: 1, note: 'x'.repeat(5000), document: [] },
      { basedOnVersion: 1, note: 'Why\u0000', document: { name: 'x\u0000' } },
    ]) {
      const r = await updatePolicy.as(admin)(raw);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.code).not.toBe('error');
    }
  });
});
