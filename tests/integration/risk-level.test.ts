import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/lib/server/db';
import { addPackageBuild, removePackageBuild } from '@/lib/server/packages';
import { updateComponent } from '@/lib/server/components';
import { addRisk, removeRisk } from '@/lib/server/risks';
import { createRelease, updateRelease } from '@/lib/server/release-edits';
import { recomputeRiskLevel } from '@/lib/server/risk-level';
import { DEMO_POLICY_DOCUMENT } from '@/prisma/seed/data/policy';
import type { Actor } from '@/lib/server/actor';
import type { ActionResult } from '@/lib/domain/result';
import { freshDatabase } from '../support/db';
import { makeBuild, makeTeam, makeUser, uid } from '../support/factories';
import { nowMs } from '@/lib/server/clock';

let h: DbHandle;
let rm: Actor;

beforeAll(async () => {
  h = await freshDatabase();
  rm = (await makeUser(h.prisma, ['release_manager'], { name: 'Robin Release' })).actor;
  await h.prisma.policyVersion.create({ data: { version: 1, document: DEMO_POLICY_DOCUMENT, note: 'Initial' } });
});

afterAll(async () => {
  await h?.close();
});

function ok<T>(r: ActionResult<T>): T {
  if (!r.ok) throw new Error(JSON.stringify(r));
  return r.data;
}

async function component(tier: number) {
  const team = await makeTeam(h.prisma);
  const c = await h.prisma.component.create({ data: { name: `svc-${uid()}`, ownerTeamId: team.id, tier } });
  const b = await makeBuild(h.prisma, { componentId: c.id });
  return { ...c, build: b };
}

async function environment(tier: 'test' | 'production') {
  const name = `${tier}-${uid()}`;
  const position = Math.floor(Math.random() * 1_000_000) + 10;
  return h.prisma.environment.create({ data: { name, displayName: name, tier, position } });
}

async function stored(key: string) {
  const r = await h.prisma.release.findUniqueOrThrow({ where: { number: Number(key.slice(4)) } });
  const factors = r.riskFactors as { score: number; factors: { name: string; contribution: number; detail: string }[]; policyVersion: number } | null;
  return {
    release: r,
    level: r.riskLevel,
    score: factors?.score,
    factors: Object.fromEntries((factors?.factors ?? []).map((f) => [f.name, f])),
    policyVersion: factors?.policyVersion,
  };
}

async function newRelease(envs: string[], type = 'standard') {
  const r = ok(await createRelease.as(rm)({ title: `Release ${uid()}`, type, environments: envs }));
  return r.key;
}

const versionOf = async (key: string) => (await stored(key)).release.version;

describe('the computed risk level', () => {
  it('is computed when a release is created, with every factor explained', async () => {
    const test = await environment('test');
    const key = await newRelease([test.name]);
    const s = await stored(key);
    expect(s.level).toBe('low');
    expect(s.score).toBe(0);
    expect(s.policyVersion).toBe(1);
    expect(Object.keys(s.factors)).toEqual(['Release type', 'Component criticality', 'Production target', 'Package size', 'Open risks', 'Recent failures']);
    expect(s.factors['Component criticality']!.detail).toBe('No components in the package yet');
    expect(s.release.riskComputedAt).not.toBeNull();
  });

  it('rises when a tier-1 component or a high risk is added, and falls when they are removed', async () => {
    const [test, prod] = [await environment('test'), await environment('production')];
    const key = await newRelease([test.name, prod.name], 'normal');
    let s = await stored(key);
    // normal (2) + production (2)
    expect(s.score).toBe(4);
    expect(s.factors['Production target']).toMatchObject({ contribution: 2, detail: 'Deploys to production' });

    const critical = await component(1);
    ok(await addPackageBuild.as(rm)({ releaseKey: key, buildId: critical.build.id, version: await versionOf(key) }));
    s = await stored(key);
    expect(s.factors['Component criticality']).toMatchObject({ contribution: 5, detail: `${critical.name} is tier 1` });
    expect(s.score).toBe(9);
    expect(s.level).toBe('medium');

    const risk = ok(await addRisk.as(rm)({ releaseKey: key, title: 'Ledger lock contention', likelihood: 4, impact: 4 }));
    s = await stored(key);
    expect(s.factors['Open risks']).toMatchObject({ contribution: 6, detail: 'Highest open or accepted risk scores 16' });
    expect(s.score).toBe(15);
    expect(s.level).toBe('high');

    ok(await removeRisk.as(rm)({ riskId: risk.id }));
    s = await stored(key);
    expect(s.factors['Open risks']!.contribution).toBe(0);
    expect(s.level).toBe('medium');

    ok(await removePackageBuild.as(rm)({ releaseKey: key, component: critical.name, version: await versionOf(key) }));
    s = await stored(key);
    expect(s.score).toBe(4);
    expect(s.level).toBe('low');

    // the type and targets are inputs too
    const r = s.release;
    ok(await updateRelease.as(rm)({ key, version: r.version, title: r.title, type: 'emergency', ownerId: r.ownerId, environments: [test.name] }));
    s = await stored(key);
    expect(s.factors['Release type']).toMatchObject({ contribution: 5, detail: 'Emergency release' });
    expect(s.factors['Production target']!.contribution).toBe(0);
    expect(s.score).toBe(5);
  });

  it('counts a recent failed deployment or back-out of one of the components, and not an old one', async () => {
    const prod = await environment('production');
    const c = await component(3);
    const other = ok(await createRelease.as(rm)({ title: `Earlier ${uid()}`, type: 'standard', environments: [prod.name] }));
    const otherRelease = await h.prisma.release.findUniqueOrThrow({ where: { number: Number(other.key.slice(4)) } });
    const key = await newRelease([prod.name]);
    ok(await addPackageBuild.as(rm)({ releaseKey: key, buildId: c.build.id, version: await versionOf(key) }));
    let s = await stored(key);
    expect(s.factors['Recent failures']!.contribution).toBe(0);

    // an old failure does not count
    await h.prisma.deployment.create({
      data: {
        releaseId: otherRelease.id,
        environmentId: prod.id,
        status: 'failed',
        executedBy: 'pipeline',
        finishedAt: new Date(nowMs() - 45 * 86_400_000),
        createdAt: new Date(nowMs() - 45 * 86_400_000),
        items: { create: [{ componentId: c.id, buildId: c.build.id }] },
      },
    });
    const releaseId = s.release.id;
    const stale = await h.prisma.$transaction((tx) => recomputeRiskLevel(tx, releaseId));
    expect(stale!.factors.find((f) => f.name === 'Recent failures')!.contribution).toBe(0);

    await h.prisma.deployment.create({
      data: {
        releaseId: otherRelease.id,
        environmentId: prod.id,
        kind: 'backout',
        status: 'succeeded',
        executedBy: 'pipeline',
        finishedAt: new Date(nowMs() - 2 * 86_400_000),
        items: { create: [{ componentId: c.id, buildId: c.build.id }] },
      },
    });
    const fresh = await h.prisma.$transaction((tx) => recomputeRiskLevel(tx, releaseId));
    const f = fresh!.factors.find((x) => x.name === 'Recent failures')!;
    expect(f.contribution).toBe(3);
    expect(f.detail).toContain(`${c.name} was backed out on`);
    expect(f.detail).toContain(other.key);
    s = await stored(key);
    expect(s.score).toBe(fresh!.score);
  });

  it("follows a change of a component's tier in the releases still being prepared", async () => {
    const test = await environment('test');
    const c = await component(4);
    const key = await newRelease([test.name]);
    ok(await addPackageBuild.as(rm)({ releaseKey: key, buildId: c.build.id, version: await versionOf(key) }));
    expect((await stored(key)).factors['Component criticality']!.contribution).toBe(0);
    const row = await h.prisma.component.findUniqueOrThrow({ where: { id: c.id } });
    ok(await updateComponent.as(rm)({ id: c.id, version: row.version, name: c.name, ownerTeamId: c.ownerTeamId, tier: 1 }));
    expect((await stored(key)).factors['Component criticality']).toMatchObject({ contribution: 5, detail: `${c.name} is tier 1` });
  });

  it('refuses, with a clear message, to compute with a stored policy that does not parse', async () => {
    const test = await environment('test');
    const key = await newRelease([test.name]);
    const { id } = (await stored(key)).release;
    const bad = await h.prisma.policyVersion.create({ data: { version: 999, document: { rules: [] } } });
    try {
      await expect(h.prisma.$transaction((tx) => recomputeRiskLevel(tx, id))).rejects.toThrow(/version 999\) is not valid/);
      const r = await addRisk.as(rm)({ releaseKey: key, title: 'Anything at all', likelihood: 1, impact: 1 });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.message).toMatch(/Admin › Policy/);
    } finally {
      await h.prisma.policyVersion.delete({ where: { id: bad.id } });
    }
  });
});
