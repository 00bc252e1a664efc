import { describe, expect, it } from 'vitest';
import type { DbHandle } from '@/lib/server/db';
import { createComponent, getComponent, listComponents, updateComponent } from '@/lib/server/components';
import type { Actor } from '@/lib/server/actor';
import { makeBuild, makeComponent, makeEnvironment, makeTeam, uid } from '../support/factories';
import { eventsOfRequest } from '../support/inspect';
import { actorsWith, refusalCheck, withFreshDatabase } from '../support/suite';
import { itRaces, race } from '../support/race';

let h: DbHandle;
let rm: Actor;
let viewer: Actor;
let teamId: string;

withFreshDatabase(async (db) => {
  h = db;
  [rm, viewer] = await actorsWith(db, ['release_manager'], ['viewer']);
  teamId = (await makeTeam(db.prisma)).id;
});

const name = (prefix = 'svc') => `${prefix}-${uid()}`;

const expectRefusedWithoutWrites = refusalCheck(() => h);

async function create(over: Record<string, unknown> = {}) {
  const r = await createComponent.as(rm)({ name: name(), ownerTeamId: teamId, tier: '2', ...over });
  if (!r.ok) throw new Error(`create failed: ${r.message} ${JSON.stringify(r.fieldErrors)}`);
  return h.prisma.component.findUniqueOrThrow({ where: { id: r.data.id } });
}

async function editForm(id: string, over: Record<string, unknown> = {}) {
  const c = await h.prisma.component.findUniqueOrThrow({ where: { id }, include: { dependencies: { include: { dependsOn: true } } } });
  return {
    id,
    name: c.name,
    description: c.description,
    ownerTeamId: c.ownerTeamId,
    tier: c.tier,
    repository: c.repository ?? '',
    dependencies: c.dependencies.map((d) => ({ component: d.dependsOn.name, range: d.versionRange })),
    version: c.version,
    ...over,
  };
}

describe('createComponent', () => {
  it('creates a component with dependencies and audits it', async () => {
    const ledger = await create();
    const requestId = `req-${uid()}`;
    const n = name('billing');
    const r = await createComponent.as(rm, { requestId })({
      name: n,
      ownerTeamId: teamId,
      tier: 1,
      description: 'Bills people',
      repository: 'https://git.example/billing',
      dependencies: [{ component: ledger.name, range: '>=2.3 <3' }],
    });
    expect(r).toMatchObject({ ok: true, data: { name: n } });
    const detail = await getComponent(viewer, n);
    expect(detail).toMatchObject({
      name: n,
      tier: 1,
      repository: 'https://git.example/billing',
      dependencies: [{ component: { name: ledger.name }, range: '>=2.3 <3' }],
    });
    const ledgerDetail = await getComponent(viewer, ledger.name);
    expect(ledgerDetail?.dependentsList).toEqual([{ component: expect.objectContaining({ name: n }), range: '>=2.3 <3' }]);
    const [event] = await eventsOfRequest(h.prisma, requestId);
    expect(event).toMatchObject({ action: 'component.create', targetType: 'component' });
    expect(event!.after).toMatchObject({ dependencies: [{ component: ledger.name, range: '>=2.3 <3' }] });
  });

  it('refuses bad names, tiers, teams and ranges field by field, writing nothing', async () => {
    const r = await expectRefusedWithoutWrites(() =>
      createComponent.as(rm)({ name: 'Billing API', ownerTeamId: 'nope', tier: 7, dependencies: [{ component: 'x', range: 'latest' }] }),
    );
    expect(r.code).toBe('invalid');
    expect(r.fieldErrors?.name?.[0]).toMatch(/lowercase.*billing-api/);
    expect(r.fieldErrors?.tier?.[0]).toMatch(/1 \(most critical\) to 4/);
    expect(r.fieldErrors?.['dependencies.0.range']?.[0]).toMatch(/not a valid semver range.*>=2\.3 <3/);

    const team = await expectRefusedWithoutWrites(() => createComponent.as(rm)({ name: name(), ownerTeamId: 'nope', tier: 2 }));
    expect(team.fieldErrors?.ownerTeamId?.[0]).toMatch(/no longer exists/);

    const unknownDep = await expectRefusedWithoutWrites(() =>
      createComponent.as(rm)({ name: name(), ownerTeamId: teamId, tier: 2, dependencies: [{ component: 'ghost-service', range: '^1.0.0' }] }),
    );
    expect(unknownDep.fieldErrors?.['dependencies.0.component']?.[0]).toMatch(/no component named "ghost-service"/);
  });

  it('refuses a self-dependency and duplicate rows', async () => {
    const n = name();
    const self = await expectRefusedWithoutWrites(() =>
      createComponent.as(rm)({ name: n, ownerTeamId: teamId, tier: 2, dependencies: [{ component: n, range: '^1' }] }),
    );
    expect(self.fieldErrors?.['dependencies.0.component']?.[0]).toMatch(/cannot depend on itself/);
    const other = await create();
    const dup = await expectRefusedWithoutWrites(() =>
      createComponent.as(rm)({
        name: name(),
        ownerTeamId: teamId,
        tier: 2,
        dependencies: [
          { component: other.name, range: '^1' },
          { component: other.name, range: '^2' },
        ],
      }),
    );
    expect(dup.fieldErrors?.['dependencies.1.component']?.[0]).toMatch(/already listed in row 1/);
  });

  it('refuses a duplicate name on the name field', async () => {
    const c = await create();
    const r = await expectRefusedWithoutWrites(() => createComponent.as(rm)({ name: c.name, ownerTeamId: teamId, tier: 3 }));
    expect(r.code).toBe('conflict');
    expect(r.fieldErrors?.name?.[0]).toMatch(/already named/);
  });

  it('turns hostile input into invalid, never error', async () => {
    const huge = 'a'.repeat(10 * 1024 * 1024);
    for (const input of [
      { name: huge, ownerTeamId: teamId, tier: 1 },
      { name: ['a'], ownerTeamId: teamId, tier: 1 },
      { name: name(), ownerTeamId: { $ne: null }, tier: '1; DROP TABLE' },
      { name: name(), ownerTeamId: teamId, tier: 1, dependencies: 'ledger' },
      { name: name(), ownerTeamId: teamId, tier: 1, dependencies: Array.from({ length: 500 }, () => ({ component: 'x', range: '1' })) },
      { name: name(), ownerTeamId: teamId, tier: 1, description: 'nul \u0000 here' },
      null,
      'string',
    ]) {
      const r = await createComponent.as(rm)(input);
      expect(r).toMatchObject({ ok: false, code: 'invalid' });
    }
  });

  it('is refused to a viewer', async () => {
    const r = await createComponent.as(viewer)({ name: name(), ownerTeamId: teamId, tier: 1 });
    expect(r).toMatchObject({ ok: false, code: 'forbidden' });
  });
});

describe('updateComponent', () => {
  it('edits fields and dependencies and records before and after', async () => {
    const [a, b, c] = [await create(), await create(), await create()];
    const target = await create({
      dependencies: [
        { component: a.name, range: '^1.0.0' },
        { component: b.name, range: '^2' },
      ],
    });
    const requestId = `req-${uid()}`;
    const r = await updateComponent.as(rm, { requestId })(
      await editForm(target.id, {
        tier: '4',
        description: 'Changed',
        dependencies: [
          { component: b.name, range: '>=2.1 <3' },
          { component: c.name, range: '~0.3' },
        ],
      }),
    );
    expect(r).toMatchObject({ ok: true, data: { changed: true } });
    const d = await getComponent(viewer, target.name);
    expect(d?.tier).toBe(4);
    expect(d?.dependencies.map((x) => `${x.component.name} ${x.range}`).sort()).toEqual([`${b.name} >=2.1 <3`, `${c.name} ~0.3`].sort());
    const [event] = await eventsOfRequest(h.prisma, requestId);
    expect(event).toMatchObject({ action: 'component.update' });
    expect(event!.before).toMatchObject({ tier: 2 });
    expect(event!.after).toMatchObject({ tier: 4, description: 'Changed' });
  });

  it('refuses a cycle and names it', async () => {
    const ledger = await create({ name: name('ledger') });
    const billing = await create({ name: name('billing'), dependencies: [{ component: ledger.name, range: '>=2.3 <3' }] });
    const r = await expectRefusedWithoutWrites(async () =>
      updateComponent.as(rm)(await editForm(ledger.id, { dependencies: [{ component: billing.name, range: '^1' }] })),
    );
    expect(r.code).toBe('invalid');
    expect(r.message).toContain(`${ledger.name} → ${billing.name} → ${ledger.name}`);
    expect(r.fieldErrors?.['dependencies.0.component']?.[0]).toContain(`${ledger.name} → ${billing.name} → ${ledger.name}`);
  });

  it('refuses a longer cycle through the catalogue', async () => {
    const a = await create({ name: name('a') });
    const b = await create({ name: name('b'), dependencies: [{ component: a.name, range: '*' }] });
    const c = await create({ name: name('c'), dependencies: [{ component: b.name, range: '*' }] });
    const r = await updateComponent.as(rm)(await editForm(a.id, { dependencies: [{ component: c.name, range: '^1' }] }));
    expect(r).toMatchObject({ ok: false, code: 'invalid' });
    expect(!r.ok && r.message).toContain(`${a.name} → ${c.name} → ${b.name} → ${a.name}`);
  });

  it('refuses a stale save, naming that it changed meanwhile', async () => {
    const c = await create();
    const form = await editForm(c.id);
    expect((await updateComponent.as(rm)({ ...form, tier: 1 })).ok).toBe(true);
    const r = await expectRefusedWithoutWrites(() => updateComponent.as(rm)({ ...form, tier: 4 }));
    expect(r.code).toBe('stale');
    expect(r.message).toMatch(/ saved a newer version of component .* after you opened it/);
  });

  itRaces('lets exactly one of two concurrent saves of the same form through', async () => {
    const c = await create();
    const form = await editForm(c.id);
    const results = await race(h, [() => updateComponent.as(rm)({ ...form, tier: 1 }), () => updateComponent.as(rm)({ ...form, tier: 4 })]);
    expect(results.map((r) => r.ok).sort()).toEqual([false, true]);
    expect(results.find((r) => !r.ok)).toMatchObject({ code: 'stale' });
  });

  it('answers an unchanged save without an audit event', async () => {
    const c = await create();
    const requestId = `req-${uid()}`;
    const r = await updateComponent.as(rm, { requestId })(await editForm(c.id));
    expect(r).toMatchObject({ ok: true, data: { changed: false } });
    expect(await eventsOfRequest(h.prisma, requestId)).toEqual([]);
  });
});

describe('reads', () => {
  it('lists with search and team filter, and shows latest build and what runs where', async () => {
    const team = await makeTeam(h.prisma);
    const special = name('zebra');
    const c = await create({ name: special, ownerTeamId: team.id });
    const b1 = await makeBuild(h.prisma, { componentId: c.id, version: '1.0.0' });
    const env = await makeEnvironment(h.prisma);
    await h.prisma.environmentComponent.create({ data: { environmentId: env.id, componentId: c.id, buildId: b1.id } });
    const b2 = await makeBuild(h.prisma, { componentId: c.id, version: '1.1.0' });

    const byQ = await listComponents(viewer, { q: special.toUpperCase() });
    expect(byQ.components.map((x) => x.name)).toEqual([special]);
    expect(byQ.components[0]?.latestBuild?.id).toBe(b2.id);
    const byTeam = await listComponents(viewer, { team: team.slug });
    expect(byTeam.components.map((x) => x.name)).toEqual([special]);
    const hostile = await listComponents(viewer, { q: ['\u0000'.repeat(5)], team: { a: 1 }, page: '-3' });
    expect(hostile.page).toBe(1);

    const d = await getComponent(viewer, special);
    expect(d?.recentBuilds.map((b) => b.version)).toEqual(['1.1.0', '1.0.0']);
    expect(d?.running).toEqual([
      expect.objectContaining({ environment: expect.objectContaining({ name: env.name }), build: expect.objectContaining({ id: b1.id }) }),
    ]);
    expect(await getComponent(viewer, 'NOT A NAME')).toBeNull();
    expect(await getComponent(viewer, `missing-${uid()}`)).toBeNull();
  });

  it('are refused without a session', async () => {
    await expect(listComponents(null, {})).rejects.toMatchObject({ code: 'unauthenticated' });
    await expect(getComponent(null, 'x')).rejects.toMatchObject({ code: 'unauthenticated' });
  });

  it('uses the makeComponent factory shape', async () => {
    const c = await makeComponent(h.prisma);
    expect((await getComponent(viewer, c.name))?.tier).toBe(3);
  });
});
