import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { installDbHandle, type DbHandle } from '@/lib/server/db';
import { createUser, setUserDisabled, updateUser } from '@/lib/server/users';
import { createTeam, deleteTeam, updateTeam } from '@/lib/server/teams';
import { verifyPassword } from '@/lib/server/password';
import type { Actor } from '@/lib/server/actor';
import type { ActionResult } from '@/lib/domain/result';
import { freshDatabase } from '../support/db';
import { makeComponent, makePolicyVersion, makeRelease, makeTeam, makeUser, systemActor, uid } from '../support/factories';
import { eventsOfRequest, fingerprint } from '../support/inspect';
import { actorsWith, refusalCheck, withFreshDatabase } from '../support/suite';
import { now } from '@/lib/server/clock';
import { itRaces, race } from '../support/race';

let h: DbHandle;
let admin: Actor;

withFreshDatabase(async (db) => {
  h = db;
  [admin] = await actorsWith(db, ['admin']);
});

const PASSWORD = 'correct horse battery staple';
const newUserInput = (over: Record<string, unknown> = {}) => ({
  email: `person-${uid()}@test.relm`,
  name: 'Pat Example',
  roles: ['viewer'],
  password: PASSWORD,
  ...over,
});

async function userRow(id: string) {
  return h.prisma.user.findUniqueOrThrow({ where: { id }, include: { roles: true } });
}

/** updateUser input for a stored user, as the edit form would send it. */
async function editForm(id: string, over: Record<string, unknown> = {}) {
  const row = await userRow(id);
  return { id, name: row.name, roles: row.roles.map((r) => r.role), teamId: row.teamId ?? undefined, version: row.version, ...over };
}

const expectRefusedWithoutWrites = refusalCheck(() => h);

describe('createUser', () => {
  it('creates the user with a real password hash and audits it', async () => {
    const input = newUserInput({ email: `  New.Person-${uid()}@Test.Relm `, roles: ['approver', 'viewer', 'approver'] });
    const requestId = `req-${uid()}`;
    const r = await createUser.as(admin, { requestId })(input);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.data).toMatchObject({ email: (input.email as string).trim().toLowerCase(), roles: ['approver', 'viewer'], disabled: false });
    expect(r.data).not.toHaveProperty('passwordHash');
    const row = await userRow(r.data.id);
    expect(await verifyPassword(row.passwordHash, PASSWORD)).toBe(true);
    const [event] = await eventsOfRequest(h.prisma, requestId);
    expect(event).toMatchObject({ action: 'user.create', targetId: r.data.id, actorId: admin.id });
    expect(JSON.stringify(event!.after)).not.toContain(PASSWORD);
  });

  it('refuses invalid input field by field and writes nothing', async () => {
    const r = await expectRefusedWithoutWrites(() => createUser.as(admin)({ email: 'not-an-email', name: '   ', roles: [], password: 'short' }));
    expect(r.code).toBe('invalid');
    expect(Object.keys(r.fieldErrors ?? {}).sort()).toEqual(['email', 'name', 'password', 'roles']);
    expect(r.fieldErrors!.email![0]).toMatch(/valid email/);
    expect(r.fieldErrors!.name![0]).toMatch(/Enter a name/);
    expect(r.fieldErrors!.roles![0]).toMatch(/at least one role/);
    expect(r.fieldErrors!.password![0]).toMatch(/at least 12 characters/);

    const unknownRole = await expectRefusedWithoutWrites(() => createUser.as(admin)(newUserInput({ roles: ['superuser'] })));
    expect(unknownRole.fieldErrors).toHaveProperty(['roles.0']);
  });

  it('refuses a long enough but guessable password, saying why beside the password field, and writes nothing', async () => {
    for (const password of ['aaaaaaaaaaaa', '123456789012']) {
      const r = await expectRefusedWithoutWrites(() => createUser.as(admin)(newUserInput({ password })));
      expect(r.code).toBe('invalid');
      expect(r.message).toBe('Choose a stronger password.');
      expect(Object.keys(r.fieldErrors ?? {})).toEqual(['password']);
      expect(r.fieldErrors!.password![0]).toBe('This password is too easy to guess.');
      expect(r.fieldErrors!.password!.length).toBeGreaterThan(1);
    }
    // the person's own name and address count against it
    const named = await expectRefusedWithoutWrites(() =>
      createUser.as(admin)(newUserInput({ name: 'Quentin Vasquez-Ormsby', email: `q.vasquez-${uid()}@test.relm`, password: 'QuentinVasquezOrmsby' })),
    );
    expect(named.fieldErrors!.password).toContain('It contains your name or e-mail address, which are easy to guess.');
    // the length rule still comes first, from the schema
    const short = await expectRefusedWithoutWrites(() => createUser.as(admin)(newUserInput({ password: 'aaaa' })));
    expect(short.fieldErrors!.password).toEqual(['Passwords are at least 12 characters.']);
  });

  it('refuses a duplicate email, whatever its case, on the email field', async () => {
    const first = await createUser.as(admin)(newUserInput());
    expect(first.ok).toBe(true);
    if (!first.ok) return;
    const r = await expectRefusedWithoutWrites(() => createUser.as(admin)(newUserInput({ email: first.data.email.toUpperCase() })));
    expect(r.code).toBe('conflict');
    expect(r.fieldErrors?.email?.[0]).toMatch(/already exists/);
  });

  itRaces('creates one user when the same email is submitted twice at once', async () => {
    const input = newUserInput();
    const results = await race(h, [() => createUser.as(admin)(input), () => createUser.as(admin)(input)]);
    expect(results.map((r) => r.ok).sort()).toEqual([false, true]);
    expect(results.find((r) => !r.ok)).toMatchObject({ code: 'conflict' });
    expect(await h.prisma.user.count({ where: { email: input.email } })).toBe(1);
  });
});

describe('updateUser', () => {
  it('ends sessions when roles change, and records before and after', async () => {
    const user = await makeUser(h.prisma, ['viewer']);
    const requestId = `req-${uid()}`;
    const r = await updateUser.as(admin, { requestId })(await editForm(user.id, { roles: ['approver'] }));
    expect(r).toMatchObject({ ok: true, data: { roles: ['approver'] } });
    const row = await userRow(user.id);
    expect(row.sessionVersion).toBe(2);
    expect(row.roles.map((x) => x.role)).toEqual(['approver']);
    const [event] = await eventsOfRequest(h.prisma, requestId);
    expect(event).toMatchObject({ action: 'user.update', targetId: user.id });
    expect(event!.before).toMatchObject({ roles: ['viewer'] });
    expect(event!.after).toMatchObject({ roles: ['approver'] });
  });

  it('ends sessions when the team changes, and records before and after', async () => {
    const user = await makeUser(h.prisma, ['viewer']);
    const team = await makeTeam(h.prisma);
    const requestId = `req-${uid()}`;
    const r = await updateUser.as(admin, { requestId })(await editForm(user.id, { teamId: team.id }));
    expect(r).toMatchObject({ ok: true, data: { team: { id: team.id } } });
    expect((await userRow(user.id)).sessionVersion).toBe(2);
    const [event] = await eventsOfRequest(h.prisma, requestId);
    expect(event!.before).toMatchObject({ teamId: null });
    expect(event!.after).toMatchObject({ teamId: team.id });
  });

  it('keeps sessions when only the name changes', async () => {
    const user = await makeUser(h.prisma, ['viewer', 'approver']);
    const r = await updateUser.as(admin)(await editForm(user.id, { name: 'New Name', roles: ['approver', 'viewer'] }));
    expect(r).toMatchObject({ ok: true, data: { name: 'New Name' } });
    expect((await userRow(user.id)).sessionVersion).toBe(1);
  });

  it('refuses a stale form: someone else changed the user meanwhile', async () => {
    const user = await makeUser(h.prisma, ['viewer']);
    const staleForm = await editForm(user.id, { name: 'Mine' });
    expect((await updateUser.as(admin)(await editForm(user.id, { name: 'Theirs' }))).ok).toBe(true);

    const r = await expectRefusedWithoutWrites(() => updateUser.as(admin)(staleForm));
    expect(r.code).toBe('stale');
    expect(r.message).toMatch(/saved a newer version of the user Theirs at .* after you opened it/);
    expect((await userRow(user.id)).name).toBe('Theirs');
  });

  it('does not let an admin remove their own admin role', async () => {
    const me = await makeUser(h.prisma, ['admin']);
    const r = await expectRefusedWithoutWrites(async () => updateUser.as(me.actor)(await editForm(me.id, { roles: ['viewer'] })));
    expect(r.code).toBe('invalid');
    expect(r.fieldErrors?.roles?.[0]).toMatch(/own admin role/);
  });

  it('refuses an unknown team', async () => {
    const user = await makeUser(h.prisma, ['viewer']);
    const r = await expectRefusedWithoutWrites(async () => updateUser.as(admin)(await editForm(user.id, { teamId: 'no-such-team' })));
    expect(r.fieldErrors?.teamId).toBeDefined();
  });
});

describe('setUserDisabled', () => {
  it('disables a user and ends their sessions', async () => {
    const user = await makeUser(h.prisma, ['operations']);
    const requestId = `req-${uid()}`;
    const r = await setUserDisabled.as(admin, { requestId })({ id: user.id, disabled: true });
    expect(r).toMatchObject({ ok: true, data: { disabled: true } });
    const row = await userRow(user.id);
    expect(row.disabledAt).toBeInstanceOf(Date);
    expect(row.sessionVersion).toBe(2);
    const [event] = await eventsOfRequest(h.prisma, requestId);
    expect(event).toMatchObject({ action: 'user.disable', before: { disabled: false }, after: { disabled: true } });
  });

  it('does not let an admin disable themself', async () => {
    const me = await makeUser(h.prisma, ['admin']);
    const r = await expectRefusedWithoutWrites(() => setUserDisabled.as(me.actor)({ id: me.id, disabled: true }));
    expect(r.message).toMatch(/cannot disable your own account/);
  });

  it('accepts disabling a user who is already disabled, without ending their sessions again', async () => {
    // e.g. two admins disable the same person from pages opened before either acted
    const user = await makeUser(h.prisma, ['viewer'], { disabled: true });
    const r = await setUserDisabled.as(admin)({ id: user.id, disabled: true });
    expect(r).toMatchObject({ ok: true, data: { id: user.id, disabled: true } });
    expect((await userRow(user.id)).sessionVersion).toBe(1);
  });
});

describe('the last active admin', () => {
  // Counts every admin in the database, so each case gets a database of its own.
  let own: DbHandle;
  beforeEach(async () => {
    own = await freshDatabase();
  });
  afterEach(async () => {
    await own?.close();
    installDbHandle(h);
  });

  // Only an actor that is not a stored user (the command line) can reach the last
  // admin sequentially: an admin acting on another admin leaves themself.
  const cli = systemActor(['admin']);

  it('cannot be demoted', async () => {
    const last = await makeUser(own.prisma, ['admin']);
    await makeUser(own.prisma, ['admin'], { disabled: true }); // a disabled admin does not count
    const row = await own.prisma.user.findUniqueOrThrow({ where: { id: last.id } });
    const before = await fingerprint(own.runner);
    const r = await updateUser.as(cli)({ id: last.id, name: row.name, roles: ['viewer'], version: row.version });
    expect(r).toMatchObject({ ok: false, code: 'invalid' });
    expect(r.ok === false && r.message).toMatch(/last active admin/);
    expect(await fingerprint(own.runner)).toEqual(before);
  });

  it('cannot be disabled', async () => {
    const last = await makeUser(own.prisma, ['admin']);
    const before = await fingerprint(own.runner);
    const r = await setUserDisabled.as(cli)({ id: last.id, disabled: true });
    expect(r).toMatchObject({ ok: false, code: 'invalid' });
    expect(r.ok === false && r.message).toMatch(/last active admin/);
    expect(await fingerprint(own.runner)).toEqual(before);
  });

  it('can be demoted once there is another active admin', async () => {
    const last = await makeUser(own.prisma, ['admin']);
    const other = await makeUser(own.prisma, ['admin']);
    const row = await own.prisma.user.findUniqueOrThrow({ where: { id: last.id } });
    const r = await updateUser.as(cli)({ id: last.id, name: row.name, roles: ['viewer'], version: row.version });
    expect(r).toMatchObject({ ok: true, data: { id: last.id, roles: ['viewer'] } });
    const after = await own.prisma.user.findUniqueOrThrow({ where: { id: last.id }, include: { roles: true } });
    expect({ roles: after.roles.map((x) => x.role), sessionVersion: after.sessionVersion, disabledAt: after.disabledAt }).toEqual({
      roles: ['viewer'],
      sessionVersion: row.sessionVersion + 1, // their open sessions end
      disabledAt: null,
    });
    const admins = await own.prisma.user.findMany({ where: { disabledAt: null, roles: { some: { role: 'admin' } } }, select: { id: true } });
    expect(admins).toEqual([{ id: other.id }]);
  });

  it('can be disabled once there is another active admin', async () => {
    const last = await makeUser(own.prisma, ['admin']);
    const other = await makeUser(own.prisma, ['admin']);
    const r = await setUserDisabled.as(cli)({ id: last.id, disabled: true });
    expect(r).toMatchObject({ ok: true, data: { id: last.id, disabled: true } });
    const after = await own.prisma.user.findUniqueOrThrow({ where: { id: last.id } });
    expect(after.disabledAt).toBeInstanceOf(Date);
    expect(after.sessionVersion).toBe(2);
    const admins = await own.prisma.user.findMany({ where: { disabledAt: null, roles: { some: { role: 'admin' } } }, select: { id: true } });
    expect(admins).toEqual([{ id: other.id }]);
  });

  /**
   * Races two admins against each other, several rounds so a lucky interleaving cannot
   * hide the bug. Each round starts from exactly two active admins.
   */
  async function raceRounds(race: (a: { id: string; actor: Actor }, b: { id: string; actor: Actor }) => Promise<ActionResult<unknown>[]>) {
    for (let round = 0; round < 5; round++) {
      await own.prisma.user.updateMany({ where: { disabledAt: null }, data: { disabledAt: now() } });
      const a = await makeUser(own.prisma, ['admin']);
      const b = await makeUser(own.prisma, ['admin']);
      const results = await race(a, b);
      const activeAdmins = await own.prisma.user.count({ where: { disabledAt: null, roles: { some: { role: 'admin' } } } });
      expect({ round, succeeded: results.filter((r) => r.ok).length, activeAdmins }).toEqual({ round, succeeded: 1, activeAdmins: 1 });
    }
  }

  itRaces('survives two admins demoting each other at the same moment', async () => {
    await raceRounds(async (a, b) => {
      const form = async (id: string) => {
        const row = await own.prisma.user.findUniqueOrThrow({ where: { id } });
        return { id, name: row.name, roles: ['viewer'], version: row.version };
      };
      const [formA, formB] = [await form(a.id), await form(b.id)];
      return race(own, [() => updateUser.as(a.actor)(formB), () => updateUser.as(b.actor)(formA)]);
    });
  });

  itRaces('survives two admins disabling each other at the same moment', async () => {
    await raceRounds((a, b) =>
      race(own, [() => setUserDisabled.as(a.actor)({ id: b.id, disabled: true }), () => setUserDisabled.as(b.actor)({ id: a.id, disabled: true })]),
    );
  });
});

describe('teams', () => {
  const teamInput = () => {
    const id = uid();
    return { name: `Payments ${id}`, slug: `payments-${id}`, description: 'Card and bank payments' };
  };

  it('creates, renames and deletes an empty team, auditing each step', async () => {
    const input = teamInput();
    const created = await createTeam.as(admin)(input);
    expect(created.ok).toBe(true);
    if (!created.ok) return;
    const team = await h.prisma.team.findUniqueOrThrow({ where: { id: created.data.id } });
    expect(team).toMatchObject(input);

    const renamed = teamInput();
    const updated = await updateTeam.as(admin)({ id: team.id, ...renamed, version: team.version });
    expect(updated.ok).toBe(true);
    expect(await h.prisma.team.findUniqueOrThrow({ where: { id: team.id } })).toMatchObject(renamed);

    const requestId = `req-${uid()}`;
    expect((await deleteTeam.as(admin, { requestId })({ id: team.id })).ok).toBe(true);
    expect(await h.prisma.team.findUnique({ where: { id: team.id } })).toBeNull();
    expect(await eventsOfRequest(h.prisma, requestId)).toMatchObject([{ action: 'team.delete', before: { name: renamed.name, slug: renamed.slug } }]);
  });

  it('refuses a name (in any case) or slug another team has, on the right field', async () => {
    const existing = teamInput();
    expect((await createTeam.as(admin)(existing)).ok).toBe(true);

    const sameName = await expectRefusedWithoutWrites(() => createTeam.as(admin)({ ...teamInput(), name: existing.name.toUpperCase() }));
    expect(sameName.code).toBe('conflict');
    expect(Object.keys(sameName.fieldErrors ?? {})).toEqual(['name']);

    const sameSlug = await expectRefusedWithoutWrites(() => createTeam.as(admin)({ ...teamInput(), slug: existing.slug }));
    expect(sameSlug.code).toBe('conflict');
    expect(Object.keys(sameSlug.fieldErrors ?? {})).toEqual(['slug']);

    const both = await expectRefusedWithoutWrites(() => createTeam.as(admin)(existing));
    expect(Object.keys(both.fieldErrors ?? {}).sort()).toEqual(['name', 'slug']);

    const other = await makeTeam(h.prisma);
    const renameClash = await expectRefusedWithoutWrites(() =>
      updateTeam.as(admin)({ id: other.id, name: existing.name, slug: other.slug, version: other.version }),
    );
    expect(renameClash.fieldErrors?.name).toBeDefined();
    // keeping its own name and slug is no clash
    expect((await updateTeam.as(admin)({ id: other.id, name: other.name, slug: other.slug, description: 'x', version: other.version })).ok).toBe(true);
  });

  it('refuses a stale team form', async () => {
    const team = await makeTeam(h.prisma);
    const stale = { id: team.id, name: team.name, slug: team.slug, description: 'Mine', version: team.version };
    expect((await updateTeam.as(admin)({ ...stale, description: 'Theirs' })).ok).toBe(true);
    const r = await expectRefusedWithoutWrites(() => updateTeam.as(admin)(stale));
    expect(r.code).toBe('stale');
    expect(r.message).toMatch(new RegExp(`saved a newer version of team ${team.name} at .* after you opened it`));
  });

  it('refuses to delete a team that has members or owns components, naming the counts', async () => {
    const team = await makeTeam(h.prisma);
    await makeUser(h.prisma, ['viewer'], { teamId: team.id });
    await makeUser(h.prisma, ['approver'], { teamId: team.id });
    await makeComponent(h.prisma, { ownerTeamId: team.id });
    const r = await expectRefusedWithoutWrites(() => deleteTeam.as(admin)({ id: team.id }));
    expect(r.message).toContain(team.name);
    expect(r.message).toMatch(/2 member\(s\)/);
    expect(r.message).toMatch(/1 component\(s\)/);
  });

  it('refuses, with a reason, to delete a team that approval requirements name', async () => {
    const team = await makeTeam(h.prisma);
    const [release, policy] = [await makeRelease(h.prisma), await makePolicyVersion(h.prisma)];
    await h.prisma.approvalRequirement.create({
      data: { releaseId: release.id, policyVersionId: policy.id, key: 'team-signoff', description: 'Payments signs off', teamId: team.id, requiredCount: 1 },
    });
    const r = await expectRefusedWithoutWrites(() => deleteTeam.as(admin)({ id: team.id }));
    // an expected refusal the admin can act on, not "something went wrong"
    expect(r.code).not.toBe('error');
    expect(r.message).toMatch(/approval/i);
  });
});

describe('hostile input', () => {
  const mutations = { createUser, updateUser, setUserDisabled, createTeam, updateTeam, deleteTeam };
  const long = 'x'.repeat(100_000);
  const payloads: [string, unknown][] = [
    ['null', null],
    ['undefined', undefined],
    ['a number', 42],
    ['a string', 'admin'],
    ['an array', [{ email: 'a@b.test' }]],
    ['an empty object', {}],
    [
      'very long strings',
      { id: long, email: `${long}@test.relm`, name: long, roles: [long], password: long, slug: long, description: long, version: long, teamId: long },
    ],
    ['wrong types', { id: 7, email: 7, name: true, roles: 'admin', password: 123456789012345, slug: {}, disabled: 'yes', version: 'x' }],
    ['arrays for strings', { id: ['x'], email: ['a@b.test'], name: ['Pat'], roles: [['admin']], password: [PASSWORD], slug: ['s'], version: ['t'] }],
    ['nulls', { id: null, email: null, name: null, roles: null, password: null, slug: null, disabled: null, version: null }],
    [
      '__proto__ keys',
      JSON.parse(
        '{"__proto__": {"roles": ["admin"], "id": "x", "disabled": true, "name": "Proto", "slug": "proto"}, "constructor": {"prototype": {"admin": true}}}',
      ),
    ],
  ];

  for (const [mutationName, mutation] of Object.entries(mutations)) {
    it(`${mutationName} answers every hostile payload with a typed refusal and writes nothing`, async () => {
      for (const [label, payload] of payloads) {
        const before = await fingerprint(h.runner);
        const r = await mutation.as(admin)(payload);
        expect(r, label).toMatchObject({ ok: false, code: 'invalid' });
        expect(await fingerprint(h.runner), label).toEqual(before);
      }
      expect(({} as Record<string, unknown>).admin).toBeUndefined();
    });
  }

  it('never throws, whatever the input (property)', async () => {
    const mutationList = Object.values(mutations);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...mutationList), fc.anything({ withObjectString: true, withNullPrototype: true }), async (mutation, raw) => {
        const r = await mutation.as(admin)(raw);
        // random data names no stored record and is no valid form, so every answer is
        // a typed refusal with a reason, never an internal error caught on the way out
        expect(r).toMatchObject({ ok: false, code: expect.any(String), message: expect.stringMatching(/\S/) });
        expect(r.ok === false && r.code, JSON.stringify(r)).not.toBe('error');
      }),
      { numRuns: 150 },
    );
  });

  it('refuses text with NUL characters as invalid input, not as an internal error', async () => {
    const user = await makeUser(h.prisma, ['viewer']);
    // PostgreSQL cannot store NUL in text, so without validation these reach the
    // database and come back as "Something went wrong" with an error in the log.
    const cases: Record<string, () => Promise<ActionResult<unknown>>> = {
      createTeam: () => createTeam.as(admin)({ name: 'Ops\u0000Team', slug: `ops-${uid()}` }),
      createUser: () => createUser.as(admin)(newUserInput({ name: 'Pat\u0000' })),
      updateUser: async () => updateUser.as(admin)(await editForm(user.id, { name: 'Pat\u0000' })),
      deleteTeam: () => deleteTeam.as(admin)({ id: 'team\u0000id' }),
    };
    const codes: Record<string, string> = {};
    for (const [label, call] of Object.entries(cases)) codes[label] = (await expectRefusedWithoutWrites(call)).code;
    expect(codes).toEqual({
      createTeam: 'invalid',
      createUser: 'invalid',
      updateUser: 'invalid',
      deleteTeam: expect.stringMatching(/^(invalid|not_found)$/),
    });
  });
});

describe('reading lists from hostile query strings', () => {
  it('listUsers narrows any query string to a harmless filter instead of failing', async () => {
    const { listUsers } = await import('@/lib/server/users');
    const hostile: unknown[] = [
      { q: ['a', 'b'], role: ['admin', 'x'], status: 'nope', page: '-3' },
      { q: 'x'.repeat(10_000), page: '99999999999999999999' },
      { q: 'a\u0000b' },
      ['not', 'an', 'object'],
      'q=1',
      null,
    ];
    for (const raw of hostile) {
      const result = await listUsers(admin, raw);
      expect(Array.isArray(result.users), JSON.stringify(raw)?.slice(0, 60)).toBe(true);
    }
  });

  it('listAuditEvents ignores cursors that do not fit a bigint and repeated values', async () => {
    const { listAuditEvents } = await import('@/lib/server/audit-trail');
    const auditor = (await makeUser(h.prisma, ['admin'])).actor;
    for (const raw of [{ before: '99999999999999999999' }, { before: '9223372036854775808' }, { action: ['a', 'b'], from: 'yesterday' }, [1, 2], 'x']) {
      const result = await listAuditEvents(auditor, raw);
      expect(Array.isArray(result.events), JSON.stringify(raw)).toBe(true);
    }
  });

  it('listAuditEvents offers every distinct action for the filter, sorted', async () => {
    const { listAuditEvents } = await import('@/lib/server/audit-trail');
    const auditor = (await makeUser(h.prisma, ['admin'])).actor;
    // the plain (full scan) query, in the database's own collation order
    const distinct = (await h.prisma.auditEvent.findMany({ distinct: ['action'], select: { action: true }, orderBy: { action: 'asc' } })).map((a) => a.action);
    expect(distinct.length).toBeGreaterThan(1);
    const { actions } = await listAuditEvents(auditor, {});
    expect(actions).toEqual(distinct);
  });
});
