import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DbHandle } from '@/lib/server/db';
import {
  addMaintenanceWindow,
  createEnvironment,
  getEnvironment,
  listEnvironments,
  maintenanceWindowsOf,
  removeMaintenanceWindow,
  updateEnvironment,
  updateMaintenanceWindow,
} from '@/lib/server/environments';
import { isInside } from '@/lib/domain/recurrence';
import type { Actor } from '@/lib/server/actor';
import { makeBuild, makeTeam, uid } from '../support/factories';
import { eventsOfRequest } from '../support/inspect';
import { actorsWith, refusalCheck, withFreshDatabase } from '../support/suite';

let h: DbHandle;
let admin: Actor;
let viewer: Actor;

withFreshDatabase(async (db) => {
  h = db;
  [admin, viewer] = await actorsWith(db, ['admin'], ['viewer']);
});

const expectRefusedWithoutWrites = refusalCheck(() => h);

let nextPosition = 1000;
const envInput = (over: Record<string, unknown> = {}) => ({
  name: `env-${uid()}`,
  displayName: 'Test env',
  tier: 'test',
  position: String(nextPosition++ * 10),
  description: '',
  ...over,
});

async function makeEnv(over: Record<string, unknown> = {}) {
  const r = await createEnvironment.as(admin)(envInput(over));
  if (!r.ok) throw new Error(JSON.stringify(r));
  return h.prisma.environment.findUniqueOrThrow({ where: { id: r.data.id } });
}

const weekly = {
  label: 'Weekly patching',
  kind: 'recurring',
  rrule: 'FREQ=WEEKLY;BYDAY=FR;BYHOUR=18;BYMINUTE=0',
  durationMinutes: '3600',
  timezone: 'Europe/London',
};

describe('createEnvironment', () => {
  it('creates an environment and audits it', async () => {
    const requestId = `req-${uid()}`;
    const name = `Staging-${uid()}`;
    const r = await createEnvironment.as(admin, { requestId })(envInput({ name: `  ${name} `, tier: 'staging', protected: 'on' }));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const row = await h.prisma.environment.findUniqueOrThrow({ where: { id: r.data.id } });
    expect(row).toMatchObject({ name: name.toLowerCase(), tier: 'staging', protected: true });
    const events = await eventsOfRequest(h.prisma, requestId);
    expect(events.map((e) => e.action)).toEqual(['environment.create']);
  });

  it('refuses a position that is taken, naming the holder, and moves the others when asked', async () => {
    const holder = await makeEnv({ displayName: 'Holder QA', position: '500' });
    const after = await makeEnv({ position: '501' });
    const refused = await expectRefusedWithoutWrites(() => createEnvironment.as(admin)(envInput({ position: '500' })));
    expect(refused.code).toBe('conflict');
    expect(refused.fieldErrors?.position?.[0]).toContain(`Holder QA (${holder.name}) already has position 500`);
    expect(refused.fieldErrors?.position?.[0]).toContain('Move the others');

    const moved = await createEnvironment.as(admin)(envInput({ position: '500', moveOthers: 'on' }));
    expect(moved.ok).toBe(true);
    if (!moved.ok) return;
    expect(moved.data.moved).toEqual([
      { name: after.name, from: 501, to: 502 },
      { name: holder.name, from: 500, to: 501 },
    ]);
    const positions = await h.prisma.environment.findMany({
      where: { id: { in: [holder.id, after.id, moved.data.id] } },
      select: { id: true, position: true },
    });
    expect(Object.fromEntries(positions.map((p) => [p.id, p.position]))).toEqual({ [moved.data.id]: 500, [holder.id]: 501, [after.id]: 502 });
  });

  it('moves others when an edit takes a taken position', async () => {
    const a = await makeEnv({ position: '700' });
    const b = await makeEnv({ position: '701' });
    const c = await makeEnv({ position: '702' });
    const r = await updateEnvironment.as(admin)({
      id: c.id,
      name: c.name,
      displayName: c.displayName,
      tier: c.tier,
      position: '700',
      moveOthers: 'true',
      version: c.version,
    });
    expect(r.ok).toBe(true);
    const rows = await h.prisma.environment.findMany({ where: { id: { in: [a.id, b.id, c.id] } }, orderBy: { position: 'asc' } });
    expect(rows.map((x) => [x.id, x.position])).toEqual([
      [c.id, 700],
      [a.id, 701],
      [b.id, 702],
    ]);
  });

  it('refuses a duplicate name, bad tier and bad fields per field', async () => {
    const existing = await makeEnv();
    const dup = await expectRefusedWithoutWrites(() => createEnvironment.as(admin)(envInput({ name: existing.name })));
    expect(dup.fieldErrors?.name?.[0]).toContain('already called');
    const bad = await expectRefusedWithoutWrites(() => createEnvironment.as(admin)({ name: 'Prod!', displayName: '', tier: 'live', position: 'first' }));
    expect(bad.code).toBe('invalid');
    expect(Object.keys(bad.fieldErrors ?? {}).sort()).toEqual(['displayName', 'name', 'position', 'tier']);
  });

  it('is refused for people without environment.edit', async () => {
    const r = await expectRefusedWithoutWrites(() => createEnvironment.as(viewer)(envInput()));
    expect(r.code).toBe('forbidden');
  });

  it('answers hostile input with invalid, never an error', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record(
          {
            name: fc.string(),
            displayName: fc.string(),
            tier: fc.string(),
            position: fc.oneof(fc.string(), fc.double(), fc.integer()),
            protected: fc.anything(),
            description: fc.string(),
          },
          { requiredKeys: [] },
        ),
        async (input) => {
          const r = await createEnvironment.as(admin)(input);
          if (!r.ok) expect(['invalid', 'conflict']).toContain(r.code);
        },
      ),
      { numRuns: 30 },
    );
  });
});

describe('updateEnvironment', () => {
  it('refuses a stale edit, saying someone changed it', async () => {
    const env = await makeEnv();
    const form = { id: env.id, name: env.name, displayName: env.displayName, tier: env.tier, position: String(env.position), version: env.version };
    const first = await updateEnvironment.as(admin)({ ...form, displayName: 'First edit' });
    expect(first.ok).toBe(true);
    const second = await expectRefusedWithoutWrites(() => updateEnvironment.as(admin)({ ...form, displayName: 'Second edit' }));
    expect(second.code).toBe('stale');
    expect(second.message).toMatch(/saved a newer version of environment .* after you opened it/);
  });

  it('renames, and refuses a name another environment has', async () => {
    const env = await makeEnv();
    const other = await makeEnv();
    const form = { id: env.id, name: env.name, displayName: env.displayName, tier: env.tier, position: String(env.position), version: env.version };
    const clash = await expectRefusedWithoutWrites(() => updateEnvironment.as(admin)({ ...form, name: other.name }));
    expect(clash.fieldErrors?.name?.[0]).toContain('already called');
    const newName = `renamed-${uid()}`;
    const r = await updateEnvironment.as(admin)({ ...form, name: newName.toUpperCase() });
    expect(r).toMatchObject({ ok: true, data: { name: newName } });
    expect(await getEnvironment(viewer, newName)).not.toBeNull();
  });

  it('writes no audit event when nothing changed', async () => {
    const env = await makeEnv();
    const requestId = `req-${uid()}`;
    const r = await updateEnvironment.as(admin, { requestId })({
      id: env.id,
      name: env.name,
      displayName: env.displayName,
      tier: env.tier,
      position: env.position,
      protected: env.protected,
      description: env.description,
      version: env.version,
    });
    expect(r.ok).toBe(true);
    expect(await eventsOfRequest(h.prisma, requestId)).toHaveLength(0);
  });
});

describe('who may deploy to a protected environment', () => {
  it('names roles and teams on create and update, audited, shown on the environment; unknown ones are refused by field', async () => {
    const platform = await makeTeam(h.prisma, `Platform ${uid()}`);
    const core = await makeTeam(h.prisma, `Core ${uid()}`);
    const env = await makeEnv({ protected: 'on', deployRoles: 'operations', deployTeamIds: [platform.id] });
    expect(env.deployRoles).toEqual(['operations']);
    let detail = await getEnvironment(viewer, env.name);
    expect(detail).toMatchObject({ protected: true, deployRoles: ['operations'], deployTeams: [{ id: platform.id, name: platform.name }] });

    const requestId = `req-${uid()}`;
    const form = { id: env.id, name: env.name, displayName: env.displayName, tier: env.tier, position: env.position, protected: 'on', version: env.version };
    const r = await updateEnvironment.as(admin, { requestId })({ ...form, deployRoles: ['operations'], deployTeamIds: [core.id, platform.id] });
    expect(r.ok).toBe(true);
    const [event] = await eventsOfRequest(h.prisma, requestId);
    expect(event).toMatchObject({ action: 'environment.update' });
    expect(JSON.stringify(event!.after)).toContain(core.name);
    detail = await getEnvironment(viewer, env.name);
    expect(detail!.deployTeams.map((t) => t.id).sort()).toEqual([core.id, platform.id].sort());
    // the same again changes nothing
    const again = `req-${uid()}`;
    const fresh = await h.prisma.environment.findUniqueOrThrow({ where: { id: env.id } });
    expect(
      await updateEnvironment.as(admin, { requestId: again })({
        ...form,
        version: fresh.version,
        deployRoles: ['operations'],
        deployTeamIds: [platform.id, core.id],
      }),
    ).toMatchObject({ ok: true });
    expect(await eventsOfRequest(h.prisma, again)).toHaveLength(0);

    const badRole = await expectRefusedWithoutWrites(() => updateEnvironment.as(admin)({ ...form, version: fresh.version, deployRoles: ['viewer'] }));
    expect(badRole.fieldErrors?.['deployRoles.0']?.[0]).toMatch(/roles that may record deployments: operations/);
    const badTeam = await expectRefusedWithoutWrites(() => updateEnvironment.as(admin)({ ...form, version: fresh.version, deployTeamIds: ['nope'] }));
    expect(badTeam.fieldErrors?.deployTeamIds?.[0]).toMatch(/no longer exists/);
  });

  it('the environment form offers the roles and teams, ticked as saved', async () => {
    const { renderToString } = await import('@/tests/support/render');
    const { createElement } = await import('react');
    const { EnvironmentForm } = await import('@/components/environments/environment-form');
    const { deployerChoices } = await import('@/lib/server/environments');
    const platform = await makeTeam(h.prisma, `Platform ${uid()}`);
    const env = await makeEnv({ protected: 'on', deployRoles: ['operations'], deployTeamIds: [platform.id] });
    const detail = (await getEnvironment(admin, env.name))!;
    const html = await renderToString(
      createElement(EnvironmentForm, {
        action: async () => ({ status: 'idle' }) as const,
        environment: detail,
        submitLabel: 'Save',
        deployers: await deployerChoices(admin),
      }),
    );
    expect(html).toContain('Who may deploy when protected');
    expect(html).toMatch(/<input[^>]*name="deployRoles" checked="" value="operations"/);
    expect(html).toMatch(new RegExp(`<input[^>]*name="deployTeamIds" checked="" value="${platform.id}"`));
    await expect(deployerChoices(viewer)).rejects.toThrow(/environment\.edit|may not/);
  });
});

describe('maintenance windows', () => {
  it('adds a recurring window, audited, and shows its description and next occurrences', async () => {
    const env = await makeEnv();
    const requestId = `req-${uid()}`;
    const r = await addMaintenanceWindow.as(admin, { requestId })({ environmentId: env.id, ...weekly });
    expect(r.ok).toBe(true);
    expect((await eventsOfRequest(h.prisma, requestId)).map((e) => e.action)).toEqual(['environment.window.add']);
    const detail = await getEnvironment(viewer, env.name, new Date('2026-01-06T00:00:00Z'));
    expect(detail?.windowsList).toHaveLength(1);
    const w = detail!.windowsList[0]!;
    expect(w.description).toBe('Every Friday at 18:00 for 2 days 12 hours (Europe/London)');
    expect(w.next.map((o) => o.start)).toEqual([
      '2026-01-09T18:00:00.000Z',
      '2026-01-16T18:00:00.000Z',
      '2026-01-23T18:00:00.000Z',
      '2026-01-30T18:00:00.000Z',
      '2026-02-06T18:00:00.000Z',
    ]);
    const list = await listEnvironments(viewer, new Date('2026-01-06T00:00:00Z'));
    expect(list.find((e) => e.id === env.id)?.nextWindow).toMatchObject({ label: 'Weekly patching', start: '2026-01-09T18:00:00.000Z', now: false });

    const map = await maintenanceWindowsOf(h.prisma, [env.id, 'nope']);
    expect(map.get('nope')).toEqual([]);
    expect(isInside(map.get(env.id)![0]!.recurrence, new Date('2026-01-10T12:00:00Z'))).toBe(true);
  });

  it('adds a one-off window read in its time zone', async () => {
    const env = await makeEnv();
    const r = await addMaintenanceWindow.as(admin)({
      environmentId: env.id,
      label: 'Migration',
      kind: 'one_off',
      startsAt: '2026-07-04T22:00',
      endsAt: '2026-07-05T02:00',
      timezone: 'Europe/London',
    });
    expect(r.ok).toBe(true);
    const row = await h.prisma.maintenanceWindow.findFirstOrThrow({ where: { environmentId: env.id } });
    expect(row.startsAt?.toISOString()).toBe('2026-07-04T21:00:00.000Z');
    expect(row.endsAt?.toISOString()).toBe('2026-07-05T01:00:00.000Z');
  });

  it.each([
    [{ rrule: 'FREQ=WEEKLY;BYDAY=XX' }, 'rrule', 'BYDAY takes'],
    [{ rrule: 'every friday' }, 'rrule', 'FREQ=WEEKLY;BYDAY=TU,TH;BYHOUR=20;BYMINUTE=0'],
    [{ rrule: '' }, 'rrule', 'Enter a recurrence rule'],
    [{ durationMinutes: '0' }, 'durationMinutes', 'from 1 minute to 14 days'],
    [{ durationMinutes: 'two hours' }, 'durationMinutes', 'whole number of minutes'],
    [{ durationMinutes: String(60 * 24 * 15) }, 'durationMinutes', 'from 1 minute to 14 days'],
    [{ timezone: 'Europe/Atlantis' }, 'timezone', 'not a known IANA time zone'],
    [{ label: '' }, 'label', 'label'],
    [{ kind: 'sometimes' }, 'kind', 'one-off or recurring'],
    [{ kind: 'one_off', startsAt: '2026-07-05T02:00', endsAt: '2026-07-04T22:00' }, 'endsAt', 'after the start'],
    [{ kind: 'one_off', startsAt: 'tomorrow', endsAt: '2026-07-04T22:00' }, 'startsAt', 'date and time'],
    [{ rrule: 'DTSTART;TZID=America/New_York:20260102T180000\nRRULE:FREQ=WEEKLY' }, 'rrule', 'TZID=America/New_York'],
    [{ kind: 'one_off', startsAt: '2026-07-04T22:00', endsAt: '2026-07-05T02:00', timezone: 'Nowhere/City' }, 'timezone', 'not a known IANA time zone'],
    [{ rrule: 'FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30' }, 'rrule', 'no occurrence'],
  ])('refuses %j with an error on %s', async (over, field, message) => {
    const env = await makeEnv();
    const r = await expectRefusedWithoutWrites(() => addMaintenanceWindow.as(admin)({ environmentId: env.id, ...weekly, ...over }));
    expect(r.code).toBe('invalid');
    expect(r.fieldErrors?.[field]?.join(' ')).toContain(message);
  });

  it('updates a window with optimistic locking, and removes it, both audited', async () => {
    const env = await makeEnv();
    const added = await addMaintenanceWindow.as(admin)({ environmentId: env.id, ...weekly });
    if (!added.ok) throw new Error('add failed');
    const detail = await getEnvironment(admin, env.name);
    const version = detail!.windowsList[0]!.version;
    const requestId = `req-${uid()}`;
    const upd = await updateMaintenanceWindow.as(admin, { requestId })({ id: added.data.id, version, ...weekly, durationMinutes: '120' });
    expect(upd.ok).toBe(true);
    expect((await eventsOfRequest(h.prisma, requestId)).map((e) => e.action)).toEqual(['environment.window.update']);
    const again = await expectRefusedWithoutWrites(() => updateMaintenanceWindow.as(admin)({ id: added.data.id, version, ...weekly, durationMinutes: '90' }));
    expect(again.code).toBe('stale');

    const removeId = `req-${uid()}`;
    const rm = await removeMaintenanceWindow.as(admin, { requestId: removeId })({ id: added.data.id });
    expect(rm.ok).toBe(true);
    const events = await eventsOfRequest(h.prisma, removeId);
    expect(events.map((e) => e.action)).toEqual(['environment.window.remove']);
    expect(events[0]!.before).toMatchObject({ windowId: added.data.id, durationMinutes: 120 });
    const gone = await removeMaintenanceWindow.as(admin)({ id: added.data.id });
    expect(gone).toMatchObject({ ok: false, code: 'not_found' });
  });

  it('answers hostile window input with invalid, never an error', async () => {
    const env = await makeEnv();
    await fc.assert(
      fc.asyncProperty(
        fc.record(
          {
            label: fc.string(),
            kind: fc.constantFrom('one_off', 'recurring', 'x'),
            startsAt: fc.string(),
            endsAt: fc.string(),
            rrule: fc.oneof(
              fc.string(),
              fc.constantFrom('FREQ=DAILY;INTERVAL=-1', 'FREQ=HOURLY;BYHOUR=99', 'RRULE:RRULE:FREQ=DAILY', 'DTSTART:99999999T999999\nFREQ=DAILY'),
            ),
            durationMinutes: fc.oneof(fc.string(), fc.integer(), fc.double()),
            timezone: fc.string(),
          },
          { requiredKeys: [] },
        ),
        async (input) => {
          const r = await addMaintenanceWindow.as(admin)({ environmentId: env.id, ...input });
          if (!r.ok) expect(r.code).toBe('invalid');
          else await h.prisma.maintenanceWindow.delete({ where: { id: r.data.id } });
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('reads', () => {
  it('lists in promotion order with the count of running components and shows what runs now', async () => {
    const env = await makeEnv({ position: '5' });
    const build = await makeBuild(h.prisma, { version: '2.4.1' });
    await h.prisma.environmentComponent.create({ data: { environmentId: env.id, componentId: build.componentId, buildId: build.id } });
    const list = await listEnvironments(viewer);
    const positions = list.map((e) => e.position);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(list.find((e) => e.id === env.id)?.components).toBe(1);
    const detail = await getEnvironment(viewer, env.name);
    expect(detail?.running).toEqual([expect.objectContaining({ componentId: build.componentId, version: '2.4.1', deploymentId: null, releaseKey: null })]);
    expect(await getEnvironment(viewer, 'no-such-env')).toBeNull();
    expect(await getEnvironment(viewer, 'x'.repeat(500))).toBeNull();
  });
});
