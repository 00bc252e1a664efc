import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/lib/server/db';
import { addPackageBuild, diffPackage, getPackageView, loadPackageFacts, removePackageBuild, sealPackage, verifyPackageIntegrity } from '@/lib/server/packages';
import { applyScopeChange, decideScopeChange, requestScopeChange } from '@/lib/server/scope-changes';
import { manifestDigest, packageManifest } from '@/lib/domain/manifest';
import type { Actor } from '@/lib/server/actor';
import type { ActionResult } from '@/lib/domain/result';
import { RELEASE_STATUSES } from '@/lib/domain/lifecycle';
import { allows as statusAllows } from '@/lib/domain/release-rules';
import { freshDatabase } from '../support/db';
import { digest, makeApprovalContext, makeEnvironment, makeRelease, makeTeam, makeUser, uid } from '../support/factories';
import { eventsOfRequest, fingerprint } from '../support/inspect';
import { itRaces, race } from '../support/race';
import { releaseKey } from '@/lib/domain/release-key';

let h: DbHandle;
let rm: Actor;
let rm2: Actor;
let viewer: Actor;
let teamId: string;

beforeAll(async () => {
  h = await freshDatabase();
  rm = (await makeUser(h.prisma, ['release_manager'], { name: 'Rita Manager' })).actor;
  rm2 = (await makeUser(h.prisma, ['release_manager'], { name: 'Sam Second' })).actor;
  viewer = (await makeUser(h.prisma, ['viewer'])).actor;
  teamId = (await makeTeam(h.prisma)).id;
});

afterAll(async () => {
  await h?.close();
});

/** A small catalogue with unique names: billing-api depends on ledger >=2.3 <3. */
async function catalogue() {
  const s = uid();
  const comp = async (base: string) => h.prisma.component.create({ data: { name: `${base}-${s}`, ownerTeamId: teamId } });
  const billing = await comp('billing-api');
  const ledger = await comp('ledger');
  const reporting = await comp('reporting');
  const build = async (componentId: string, version: string, notes = '') =>
    h.prisma.build.create({ data: { componentId, version, artifactDigest: digest(), producedBy: 'ci', notes, workItems: [{ key: `W-${version}` }] } });
  await h.prisma.componentDependency.create({ data: { componentId: billing.id, dependsOnId: ledger.id, versionRange: '>=2.3 <3' } });
  await h.prisma.componentDependency.create({ data: { componentId: reporting.id, dependsOnId: billing.id, versionRange: '^3' } });
  return {
    billing,
    ledger,
    reporting,
    b420: await build(billing.id, '4.2.0', 'Invoices in PDF'),
    b410: await build(billing.id, '4.1.0', 'Faster'),
    b380: await build(billing.id, '3.8.0'),
    l240: await build(ledger.id, '2.4.0'),
    l301: await build(ledger.id, '3.0.1'),
    r140: await build(reporting.id, '1.4.0'),
  };
}

async function newRelease() {
  const r = await makeRelease(h.prisma, { ownerId: rm.id! });
  return { ...r, key: releaseKey(r.number) };
}

const versionOf = async (id: string) => (await h.prisma.release.findUniqueOrThrow({ where: { id } })).version;

async function add(actor: Actor, release: { id: string; key: string }, buildId: string, extra: Record<string, unknown> = {}) {
  return addPackageBuild.as(actor)({ releaseKey: release.key, buildId, version: await versionOf(release.id), ...extra });
}

async function seal(actor: Actor, release: { id: string; key: string }) {
  return sealPackage.as(actor)({ releaseKey: release.key, version: await versionOf(release.id) });
}

function ok<T>(r: ActionResult<T>): T {
  if (!r.ok) throw new Error(`expected ok, got ${r.code}: ${r.message} ${JSON.stringify(r.fieldErrors ?? r.gates ?? '')}`);
  return r.data;
}

async function expectRefusedWithoutWrites<T>(call: () => Promise<ActionResult<T>>) {
  const before = await fingerprint(h.runner);
  const result = await call();
  expect(result.ok).toBe(false);
  expect(await fingerprint(h.runner)).toEqual(before);
  return result as Extract<ActionResult<T>, { ok: false }>;
}

describe('adding and removing builds', () => {
  it('adds builds, bumps the release version, records who changed it and audits', async () => {
    const c = await catalogue();
    const rel = await newRelease();
    const requestId = `req-${uid()}`;
    const v0 = await versionOf(rel.id);
    const r = await addPackageBuild.as(rm, { requestId })({ releaseKey: rel.key, buildId: c.b420.id, version: v0 });
    expect(ok(r)).toMatchObject({ component: c.billing.name, version: '4.2.0', replaced: null });
    expect(ok(r).problems).toEqual([`${c.billing.name} 4.2.0 needs ${c.ledger.name} >=2.3 <3; this package has no ${c.ledger.name}`]);
    const row = await h.prisma.release.findUniqueOrThrow({ where: { id: rel.id } });
    expect(row.version).toBe(v0 + 1);
    expect(row.updatedById).toBe(rm.id);
    const [event] = await eventsOfRequest(h.prisma, requestId);
    expect(event).toMatchObject({ action: 'package.add_build', releaseId: rel.id, actorId: rm.id });

    ok(await add(rm, rel, c.l240.id));
    const view = (await getPackageView(viewer, rel.key))!;
    expect(view.items.map((i) => `${i.component}@${i.version}`)).toEqual([`${c.billing.name}@4.2.0`, `${c.ledger.name}@2.4.0`]);
    expect(view.compatibility).toEqual([]);
    expect(view.can.editDirectly).toBe(false); // a viewer may not edit
    expect((await getPackageView(rm, rel.key))!.can.editDirectly).toBe(true);

    ok(await removePackageBuild.as(rm)({ releaseKey: rel.key, component: c.ledger.name, version: await versionOf(rel.id) }));
    expect((await getPackageView(rm, rel.key))!.items).toHaveLength(1);
  });

  it('holds one build per component: a second is refused naming the first, unless replace is asked for', async () => {
    const c = await catalogue();
    const rel = await newRelease();
    ok(await add(rm, rel, c.b410.id));
    const refused = await expectRefusedWithoutWrites(async () => add(rm, rel, c.b420.id));
    expect(refused.code).toBe('conflict');
    expect(refused.message).toContain(`already has ${c.billing.name} 4.1.0`);
    expect(refused.message).toMatch(/Remove .* first, or choose "replace"/);
    const same = await add(rm, rel, c.b410.id);
    expect(same).toMatchObject({ ok: false, code: 'conflict' });
    const replaced = ok(await add(rm, rel, c.b420.id, { replace: 'true' }));
    expect(replaced.replaced).toBe('4.1.0');
    expect((await getPackageView(rm, rel.key))!.items.map((i) => i.version)).toEqual(['4.2.0']);
  });

  it('offers a direct edit in exactly the statuses whose addPackageBuild is accepted, with the same sentence (one rules table)', async () => {
    const c = await catalogue();
    for (const status of RELEASE_STATUSES) {
      const rel = await newRelease();
      await h.prisma.release.update({ where: { id: rel.id }, data: { status } });
      const can = (await getPackageView(rm, rel.key))!.can;
      expect({ status, editDirectly: can.editDirectly }).toEqual({ status, editDirectly: statusAllows(status, 'editPackage') });
      const r = await add(rm, rel, c.b420.id);
      expect({ status, ok: r.ok }).toEqual({ status, ok: can.editDirectly });
      if (!r.ok) expect(r.message).toBe(can.editBlockedReason);
    }
  });

  it('refuses a stale version, naming who changed the release and when', async () => {
    const c = await catalogue();
    const rel = await newRelease();
    const v = await versionOf(rel.id);
    ok(await addPackageBuild.as(rm2)({ releaseKey: rel.key, buildId: c.b420.id, version: v }));
    const refused = await expectRefusedWithoutWrites(() => addPackageBuild.as(rm)({ releaseKey: rel.key, buildId: c.l240.id, version: v }));
    expect(refused.code).toBe('stale');
    expect(refused.message).toContain('Sam Second');
    expect(refused.message).toMatch(/(\d{4}-\d\d-\d\d )?\d\d:\d\d UTC \(.+ ago\)/);
  });

  itRaces('two people adding at once: exactly one wins', async () => {
    const c = await catalogue();
    const rel = await newRelease();
    const v = await versionOf(rel.id);
    const results = await race(h, [
      () => addPackageBuild.as(rm)({ releaseKey: rel.key, buildId: c.b420.id, version: v }),
      () => addPackageBuild.as(rm2)({ releaseKey: rel.key, buildId: c.l240.id, version: v }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok && r.code === 'stale')).toHaveLength(1);
    expect(await versionOf(rel.id)).toBe(v + 1);
  });

  it('refuses edits outside draft or rejected', async () => {
    const c = await catalogue();
    const rel = await newRelease();
    await h.prisma.release.update({ where: { id: rel.id }, data: { status: 'submitted' } });
    const refused = await expectRefusedWithoutWrites(async () => add(rm, rel, c.b420.id));
    expect(refused.code).toBe('gates');
    expect(refused.gates?.[0]).toMatchObject({ rule: 'package.editable', passed: false });
  });

  it('refuses hostile and malformed input without a 500', async () => {
    const rel = await newRelease();
    const cases: unknown[] = [
      null,
      'x',
      { releaseKey: 'REL-0', buildId: 'b', version: 1 },
      { releaseKey: 'REL-1\'; DROP TABLE "Release";--', buildId: 'b', version: 1 },
      { releaseKey: rel.key, buildId: '../../etc/passwd', version: 1 },
      { releaseKey: rel.key, buildId: 'x'.repeat(5000), version: 1 },
      { releaseKey: rel.key, buildId: 'abc', version: 'NaN' },
      { releaseKey: rel.key, buildId: 'abc', version: -1 },
      { releaseKey: rel.key, buildId: 'a\u0000b', version: 1 },
      { releaseKey: { $ne: 1 }, buildId: ['a'], version: {} },
    ];
    for (const input of cases) {
      const r = await addPackageBuild.as(rm)(input);
      expect(r.ok).toBe(false);
      expect(r.ok === false && ['invalid', 'not_found', 'stale'].includes(r.code)).toBe(true);
    }
    const unknownBuild = await addPackageBuild.as(rm)({ releaseKey: rel.key, buildId: 'nope', version: await versionOf(rel.id) });
    expect(unknownBuild).toMatchObject({ ok: false, code: 'invalid', fieldErrors: { buildId: ['Choose a build from the list.'] } });
    const unknownRelease = await addPackageBuild.as(rm)({ releaseKey: 'REL-99999999', buildId: 'nope', version: 1 });
    expect(unknownRelease).toMatchObject({ ok: false, code: 'not_found' });
    expect(await getPackageView(rm, "REL-1' OR 1=1")).toBeNull();
    expect(await diffPackage(rm, '../../x', { kind: 'previous' })).toBeNull();
  });
});

describe('compatibility against the target environments', () => {
  it('uses what a target environment runs now, and checks what keeps running there', async () => {
    const c = await catalogue();
    const rel = await newRelease();
    const env = await makeEnvironment(h.prisma);
    await h.prisma.releaseEnvironment.create({ data: { releaseId: rel.id, environmentId: env.id } });
    await h.prisma.environmentComponent.createMany({
      data: [
        { environmentId: env.id, componentId: c.ledger.id, buildId: c.l301.id },
        { environmentId: env.id, componentId: c.reporting.id, buildId: c.r140.id },
      ],
    });
    ok(await add(rm, rel, c.b420.id));
    const view = (await getPackageView(rm, rel.key))!;
    expect(view.targets).toEqual([env.name]);
    expect(view.compatibility.map((p) => p.message)).toEqual([
      `${c.billing.name} 4.2.0 needs ${c.ledger.name} >=2.3 <3; ${env.name} runs ${c.ledger.name} 3.0.1`,
      `${c.reporting.name} 1.4.0 in ${env.name} needs ${c.billing.name} ^3; this package brings ${c.billing.name} 4.2.0`,
    ]);

    // sealing an incompatible package is refused, each problem a gate
    const refused = await expectRefusedWithoutWrites(() => seal(rm, rel));
    expect(refused.code).toBe('gates');
    expect(refused.gates?.map((g) => g.why)).toEqual(view.compatibility.map((p) => p.message));
    expect(refused.gates?.every((g) => g.rule === 'package.compatible' && g.fix)).toBe(true);

    const facts = await h.prisma.$transaction((tx) => loadPackageFacts(tx, rel.id));
    expect(facts).toMatchObject({ hasPackage: true, itemCount: 1, sealed: false, sealedDigest: null, compatibility: { ok: false } });
    expect(facts.compatibility.problems).toHaveLength(2);

    // a 3.x billing-api with the ledger it needs fits
    ok(await add(rm, rel, c.b380.id, { replace: true }));
    await h.prisma.componentDependency.updateMany({ where: { componentId: c.billing.id }, data: { versionRange: '>=2.3 <4' } });
    expect((await getPackageView(rm, rel.key))!.compatibility).toEqual([]);
  });
});

describe('sealing and integrity', () => {
  async function sealedRelease() {
    const c = await catalogue();
    const rel = await newRelease();
    ok(await add(rm, rel, c.b420.id));
    ok(await add(rm, rel, c.l240.id));
    const sealed = ok(await seal(rm, rel));
    return { c, rel, sealed };
  }

  it('refuses to seal an empty package', async () => {
    const rel = await newRelease();
    const r = await expectRefusedWithoutWrites(() => seal(rm, rel));
    expect(r).toMatchObject({ code: 'gates', gates: [{ rule: 'package.not_empty' }] });
  });

  it('stores the manifest and its sha256 digest, revision 1, and then refuses direct edits', async () => {
    const { c, rel, sealed } = await sealedRelease();
    const manifest = packageManifest([
      { component: c.billing.name, version: '4.2.0', digest: c.b420.artifactDigest },
      { component: c.ledger.name, version: '2.4.0', digest: c.l240.artifactDigest },
    ]);
    expect(sealed).toEqual({ revision: 1, digest: manifestDigest(manifest) });
    const pkg = await h.prisma.releasePackage.findUniqueOrThrow({ where: { releaseId: rel.id }, include: { seals: true } });
    expect(pkg).toMatchObject({ sealedDigest: sealed.digest, revision: 1 });
    expect(pkg.seals).toMatchObject([{ revision: 1, digest: sealed.digest, manifest, sealedById: rm.id }]);

    const refused = await expectRefusedWithoutWrites(async () => add(rm, rel, c.b410.id, { replace: true }));
    expect(refused.code).toBe('gates');
    expect(refused.message).toMatch(/sealed: request a scope change/);
    const refusedRemove = await expectRefusedWithoutWrites(async () =>
      removePackageBuild.as(rm)({ releaseKey: rel.key, component: c.ledger.name, version: await versionOf(rel.id) }),
    );
    expect(refusedRemove.message).toMatch(/sealed: request a scope change/);

    const verified = ok(await verifyPackageIntegrity.as(viewer)({ releaseKey: rel.key }));
    expect(verified).toMatchObject({ ok: true, problems: [], sealedDigest: sealed.digest, currentDigest: sealed.digest });
    const view = (await getPackageView(viewer, rel.key))!;
    expect(view.integrity).toMatchObject({ ok: true, problems: [] });
    expect(view.seals).toHaveLength(1);
    const facts = await h.prisma.$transaction((tx) => loadPackageFacts(tx, rel.id));
    expect(facts).toEqual({
      hasPackage: true,
      itemCount: 2,
      sealed: true,
      sealedDigest: sealed.digest,
      integrity: { ok: true, problems: [] },
      compatibility: { ok: true, problems: [] },
    });
  });

  it('detects a package item swapped behind its back and names it', async () => {
    const { c, rel } = await sealedRelease();
    await h.runner.query(`UPDATE "PackageItem" SET "buildId" = $1 WHERE "buildId" = $2`, [c.b410.id, c.b420.id]);
    const r = ok(await verifyPackageIntegrity.as(viewer)({ releaseKey: rel.key }));
    expect(r.ok).toBe(false);
    expect(r.problems).toEqual([`${c.billing.name} was sealed at 4.2.0 but the package now has 4.1.0.`]);
    expect((await getPackageView(viewer, rel.key))!.integrity).toMatchObject({ ok: false, problems: r.problems });
    const facts = await h.prisma.$transaction((tx) => loadPackageFacts(tx, rel.id));
    expect(facts.integrity).toEqual({ ok: false, problems: r.problems });
  });

  it('detects a deleted item and an edited seal digest', async () => {
    const { c, rel } = await sealedRelease();
    await h.runner.query(`DELETE FROM "PackageItem" WHERE "buildId" = $1`, [c.l240.id]);
    const removed = ok(await verifyPackageIntegrity.as(viewer)({ releaseKey: rel.key }));
    expect(removed.problems).toEqual([`${c.ledger.name} 2.4.0 was sealed but is no longer in the package.`]);

    const other = await sealedRelease();
    const fake = digest();
    await h.runner.query(`UPDATE "PackageSeal" SET "digest" = $1 WHERE "digest" = $2`, [fake, other.sealed.digest]);
    const edited = ok(await verifyPackageIntegrity.as(viewer)({ releaseKey: other.rel.key }));
    expect(edited.ok).toBe(false);
    expect(edited.problems.join(' ')).toMatch(/differs from seal revision 1's digest/);
    expect(edited.problems.join(' ')).toMatch(/stored manifest does not hash to its digest/);
  });

  it('refuses to verify an unsealed package, explaining why', async () => {
    const rel = await newRelease();
    const r = await verifyPackageIntegrity.as(viewer)({ releaseKey: rel.key });
    expect(r).toMatchObject({ ok: false, code: 'invalid' });
    expect(r.ok === false && r.message).toMatch(/not sealed/);
  });
});

describe('scope change requests', () => {
  async function sealedWithApproval() {
    const c = await catalogue();
    const rel = await newRelease();
    ok(await add(rm, rel, c.b410.id));
    ok(await add(rm, rel, c.l240.id));
    const first = ok(await seal(rm, rel));
    const ctx = await makeApprovalContext(h.prisma);
    const approval = await h.prisma.approval.create({ data: { ...ctx.approval(), releaseId: rel.id, packageDigest: first.digest } });
    return { c, rel, first, approval };
  }

  it('request → decide by another release manager → apply re-seals, records the new digest and invalidates approvals', async () => {
    const { c, rel, first, approval } = await sealedWithApproval();
    const v = await versionOf(rel.id);
    const req = ok(
      await requestScopeChange.as(rm)({
        releaseKey: rel.key,
        reason: 'Customer needs PDF invoices this month',
        items: [{ action: 'add', componentName: c.billing.name, buildId: c.b420.id }],
      }),
    );
    const own = await expectRefusedWithoutWrites(() => decideScopeChange.as(rm)({ id: req.id, decision: 'approve' }));
    expect(own.code).toBe('forbidden');
    expect(own.message).toMatch(/You requested this scope change/);

    const early = await expectRefusedWithoutWrites(() => applyScopeChange.as(rm)({ id: req.id }));
    expect(early.message).toMatch(/has not been decided yet/);

    ok(await decideScopeChange.as(rm2)({ id: req.id, decision: 'approve', comment: 'Fine' }));
    const again = await decideScopeChange.as(rm2)({ id: req.id, decision: 'reject', comment: 'No thanks' });
    expect(again).toMatchObject({ ok: false, code: 'conflict' });

    const applied = ok(await applyScopeChange.as(rm)({ id: req.id }));
    expect(applied).toMatchObject({ revision: 2, approvalsInvalidated: 1 });
    expect(applied.digest).not.toBe(first.digest);

    const pkg = await h.prisma.releasePackage.findUniqueOrThrow({ where: { releaseId: rel.id }, include: { seals: { orderBy: { revision: 'asc' } } } });
    expect(pkg.sealedDigest).toBe(applied.digest);
    expect(pkg.seals.map((s) => [s.revision, s.reason])).toEqual([
      [1, 'Sealed'],
      [2, 'Customer needs PDF invoices this month'],
    ]);
    const request = await h.prisma.scopeChangeRequest.findUniqueOrThrow({ where: { id: req.id } });
    expect(request).toMatchObject({ status: 'applied', appliedSealId: pkg.seals[1]!.id, decidedById: rm2.id });
    const a = await h.prisma.approval.findUniqueOrThrow({ where: { id: approval.id } });
    expect(a.invalidatedAt).not.toBeNull();
    expect(a.invalidatedBySealId).toBe(pkg.seals[1]!.id);
    expect(await versionOf(rel.id)).toBe(v + 1);

    const verified = ok(await verifyPackageIntegrity.as(viewer)({ releaseKey: rel.key }));
    expect(verified.ok).toBe(true);
    const view = (await getPackageView(rm, rel.key))!;
    expect(view.items.map((i) => i.version)).toEqual(['4.2.0', '2.4.0']);
    expect(view.scopeChanges[0]).toMatchObject({ status: 'applied', appliedRevision: 2 });

    const twice = await applyScopeChange.as(rm)({ id: req.id });
    expect(twice).toMatchObject({ ok: false, code: 'conflict' });
  });

  it('validates requests: only after sealing, a reason, builds of the right component, components in the package', async () => {
    const c = await catalogue();
    const unsealed = await newRelease();
    ok(await add(rm, unsealed, c.l240.id));
    const notSealed = await requestScopeChange.as(rm)({
      releaseKey: unsealed.key,
      reason: 'A good long reason',
      items: [{ action: 'remove', componentName: c.ledger.name }],
    });
    expect(notSealed).toMatchObject({ ok: false, code: 'invalid' });

    const { rel } = await sealedWithApproval();
    const short = await requestScopeChange.as(rm)({ releaseKey: rel.key, reason: 'short', items: [] });
    expect(short).toMatchObject({ ok: false, code: 'invalid' });
    expect(Object.keys((short as { fieldErrors: object }).fieldErrors).sort()).toEqual(['items', 'reason']);

    const bad = await expectRefusedWithoutWrites(() =>
      requestScopeChange.as(rm)({
        releaseKey: rel.key,
        reason: 'A good long reason',
        items: [
          { action: 'add', componentName: c.billing.name, buildId: c.l301.id },
          { action: 'remove', componentName: c.reporting.name },
          { action: 'add', componentName: 'no-such-thing', buildId: c.b420.id },
          { action: 'add', componentName: c.ledger.name },
        ],
      }),
    );
    expect(bad.fieldErrors).toEqual({
      'items.0.buildId': [`That build is not a build of ${c.billing.name}.`],
      'items.1.componentName': [`${c.reporting.name} is not in the package, so it cannot be removed.`],
      'items.2.componentName': ['There is no component named no-such-thing.'],
      'items.3.buildId': [`Choose the build of ${c.ledger.name} to add.`],
    });
  });

  it('refuses to apply a change that breaks compatibility, changing nothing', async () => {
    const { c, rel, first } = await sealedWithApproval();
    const req = ok(
      await requestScopeChange.as(rm)({
        releaseKey: rel.key,
        reason: 'Try the new ledger major',
        items: [{ action: 'add', componentName: c.ledger.name, buildId: c.l301.id }],
      }),
    );
    ok(await decideScopeChange.as(rm2)({ id: req.id, decision: 'approve' }));
    const refused = await expectRefusedWithoutWrites(() => applyScopeChange.as(rm2)({ id: req.id }));
    expect(refused.code).toBe('gates');
    expect(refused.gates?.[0]?.why).toBe(`${c.billing.name} 4.1.0 needs ${c.ledger.name} >=2.3 <3; this package has ${c.ledger.name} 3.0.1`);
    expect((await h.prisma.releasePackage.findUniqueOrThrow({ where: { releaseId: rel.id } })).sealedDigest).toBe(first.digest);
  });

  itRaces('two appliers at once: the package is re-sealed exactly once', async () => {
    const { c, rel } = await sealedWithApproval();
    const req = ok(
      await requestScopeChange.as(rm)({
        releaseKey: rel.key,
        reason: 'Upgrade billing to 4.2.0',
        items: [{ action: 'add', componentName: c.billing.name, buildId: c.b420.id }],
      }),
    );
    ok(await decideScopeChange.as(rm2)({ id: req.id, decision: 'approve' }));
    const results = await race(h, [() => applyScopeChange.as(rm)({ id: req.id }), () => applyScopeChange.as(rm2)({ id: req.id })]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok && r.code === 'conflict')).toHaveLength(1);
    expect(await h.prisma.packageSeal.count({ where: { package: { releaseId: rel.id } } })).toBe(2);
  });

  it('refuses hostile input to scope change mutations without a 500', async () => {
    const { rel } = await sealedWithApproval();
    const inputs: [typeof requestScopeChange | typeof decideScopeChange | typeof applyScopeChange, unknown][] = [
      [requestScopeChange, { releaseKey: rel.key, reason: 'x'.repeat(5000), items: [{ action: 'add', componentName: 'A B', buildId: "'; --" }] }],
      [
        requestScopeChange,
        { releaseKey: rel.key, reason: 'A good long reason', items: Array.from({ length: 51 }, () => ({ action: 'remove', componentName: 'x' })) },
      ],
      [requestScopeChange, { releaseKey: rel.key, reason: 'A good long reason', items: [{ action: 'drop', componentName: 'x' }] }],
      [requestScopeChange, { releaseKey: rel.key, reason: 'A good long reason\u0000', items: 'all' }],
      [decideScopeChange, { id: 'nope', decision: 'approve' }],
      [decideScopeChange, { id: { $gt: '' }, decision: 'maybe' }],
      [applyScopeChange, { id: 'nope' }],
      [applyScopeChange, null],
    ];
    for (const [m, input] of inputs) {
      const r = await m.as(rm2)(input);
      expect(r.ok).toBe(false);
      expect(r.ok === false && ['invalid', 'not_found'].includes(r.code)).toBe(true);
    }
    const viewerTry = await requestScopeChange.as(viewer)({ releaseKey: rel.key, reason: 'A good long reason', items: [] });
    expect(viewerTry).toMatchObject({ ok: false, code: 'forbidden' });
  });

  it('a rejection needs a comment', async () => {
    const { c, rel } = await sealedWithApproval();
    const req = ok(
      await requestScopeChange.as(rm)({ releaseKey: rel.key, reason: 'Drop the ledger change', items: [{ action: 'remove', componentName: c.ledger.name }] }),
    );
    const r = await decideScopeChange.as(rm2)({ id: req.id, decision: 'reject' });
    expect(r).toMatchObject({ ok: false, code: 'invalid', fieldErrors: { comment: [expect.stringMatching(/Say why/)] } });
    ok(await decideScopeChange.as(rm2)({ id: req.id, decision: 'reject', comment: 'Ledger stays' }));
  });
});

describe('diff and release notes', () => {
  it('diffs against the previous release and against an environment', async () => {
    const c = await catalogue();
    const prev = await newRelease();
    ok(await add(rm, prev, c.b410.id));
    ok(await add(rm, prev, c.l240.id));
    const cancelled = await newRelease();
    ok(await add(rm, cancelled, c.b380.id));
    await h.prisma.release.update({ where: { id: cancelled.id }, data: { status: 'cancelled' } });
    const rel = await newRelease();
    ok(await add(rm, rel, c.b420.id));
    ok(await add(rm, rel, c.r140.id));

    const d = (await diffPackage(viewer, rel.key, { kind: 'previous' }))!;
    expect(d.base).toMatchObject({ key: prev.key });
    expect(d.diff.added.map((b) => b.component)).toEqual([c.reporting.name]);
    expect(d.diff.changed.map((x) => [x.component, x.from.version, x.to.version])).toEqual([[c.billing.name, '4.1.0', '4.2.0']]);
    expect(d.diff.removed.map((b) => b.component)).toEqual([c.ledger.name]);
    expect(d.markdown).toContain(`# ${rel.key}:`);
    expect(d.markdown).toContain('Invoices in PDF');

    const env = await makeEnvironment(h.prisma);
    await h.prisma.environmentComponent.create({ data: { environmentId: env.id, componentId: c.billing.id, buildId: c.b380.id } });
    const e = (await diffPackage(viewer, rel.key, { kind: 'environment', name: env.name }))!;
    expect(e.error).toBeNull();
    expect(e.diff.changed.map((x) => [x.component, x.from.version, x.to.version])).toEqual([[c.billing.name, '3.8.0', '4.2.0']]);
    // 4.1.0 lies between 3.8.0 and 4.2.0: its notes are carried too
    expect(e.diff.changed[0]!.between.map((b) => b.version)).toEqual(['4.1.0', '4.2.0']);
    expect(e.markdown).toContain('Faster');

    const unknown = (await diffPackage(viewer, rel.key, { kind: 'environment', name: 'no-such-env' }))!;
    expect(unknown.error).toMatch(/no environment named/);
  });
});
