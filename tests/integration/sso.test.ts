import crypto from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/lib/server/db';
import { resetEnvForTests } from '@/lib/server/env';
import { hashPassword } from '@/lib/server/password';
import { authenticate, PASSWORD_OFF } from '@/lib/server/sign-in';
import { refusalGroups, refusalLocation, signInWithOidc, type OidcIdentity } from '@/lib/server/sso';
import { createGroupMapping, deleteGroupMapping, updateSignInSettings } from '@/lib/server/sso-admin';
import { actorForSession } from '@/lib/server/session-store';
import { runCliCommand } from '@/lib/server/cli-commands';
import { freshDatabase } from '../support/db';
import { makeTeam, makeUser, uid } from '../support/factories';
import { eventsOfRequest } from '../support/inspect';

const ISSUER = 'https://idp.test.relm/realms/acme';
const PASSWORD = 'correct horse battery staple';
let h: DbHandle;
let admin: Awaited<ReturnType<typeof makeUser>>;
let passwordHash: string;

beforeAll(async () => {
  h = await freshDatabase();
  admin = await makeUser(h.prisma, ['admin']);
  passwordHash = await hashPassword(PASSWORD);
});

afterAll(async () => {
  await h?.close();
});

const OIDC_ENV = ['RELM_OIDC_ISSUER', 'RELM_OIDC_CLIENT_ID', 'RELM_OIDC_CLIENT_SECRET'] as const;
afterEach(async () => {
  for (const k of OIDC_ENV) delete process.env[k];
  resetEnvForTests();
  // password sign-in back on for the next test (and the break-glass list emptied)
  await h.prisma.signInSetting.deleteMany({});
  await h.prisma.breakGlassAdmin.deleteMany({});
});

function configureOidc() {
  process.env.RELM_OIDC_ISSUER = ISSUER;
  process.env.RELM_OIDC_CLIENT_ID = 'relm';
  process.env.RELM_OIDC_CLIENT_SECRET = 'a-client-secret';
  resetEnvForTests();
}

const newAddress = () => `10.${crypto.randomInt(256)}.${crypto.randomInt(256)}.${crypto.randomInt(1, 255)}`;

function identity(over: Partial<OidcIdentity> = {}): OidcIdentity {
  const id = uid();
  return { issuer: ISSUER, subject: `sub-${id}`, email: `person-${id}@acme.test`, emailVerified: true, name: `Person ${id}`, groups: [], ...over };
}

async function signOn(who: OidcIdentity) {
  const requestId = `req-${uid()}`;
  const outcome = await signInWithOidc(who, { requestId, ip: '10.1.2.3' }, { userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Chrome/140.0 Safari/537.36' });
  return { outcome, events: await eventsOfRequest(h.prisma, requestId) };
}

async function mapGroup(group: string, roles: string[], opts: { teamId?: string; priority?: number } = {}) {
  const result = await createGroupMapping.as(admin.actor)({ group, roles, teamId: opts.teamId, priority: opts.priority });
  if (!result.ok) throw new Error(result.message);
  return result.data.id;
}

describe('single sign-on', () => {
  it('creates the account at the first sign-on with the roles and team its groups map to, and links it', async () => {
    const [platform, payments] = [await makeTeam(h.prisma), await makeTeam(h.prisma)];
    const [ops, approvers, other] = [`ops-${uid()}`, `approvers-${uid()}`, `other-${uid()}`];
    await mapGroup(ops, ['operations'], { teamId: payments.id, priority: 50 });
    await mapGroup(approvers, ['approver', 'viewer'], { teamId: platform.id, priority: 10 });
    const who = identity({ groups: [ops, approvers, other] });
    const { outcome, events } = await signOn(who);
    expect(outcome).toMatchObject({ ok: true, created: true, user: { email: who.email, name: who.name, roles: ['approver', 'operations', 'viewer'] } });
    if (!outcome.ok) return;
    const user = await h.prisma.user.findUniqueOrThrow({ where: { id: outcome.user.id }, include: { identityLinks: true } });
    // the lower priority's team wins
    expect(user.teamId).toBe(platform.id);
    expect(user.passwordHash).toBe('');
    expect(user.identityLinks).toMatchObject([{ issuer: ISSUER, subject: who.subject }]);
    // a real server-side session, accepted as any password sign-in's is
    const actor = await actorForSession({ userId: user.id, sessionId: outcome.user.sessionId, sessionVersion: outcome.user.sessionVersion });
    expect(actor).toMatchObject({ id: user.id, roles: ['approver', 'operations', 'viewer'], teamId: platform.id });
    expect(events.map((e) => e.action)).toEqual(['user.create', 'auth.sign_in']);
    expect(events[0]!.after).toMatchObject({ via: 'oidc', roles: ['approver', 'operations', 'viewer'], teamId: platform.id, groups: [approvers, ops] });
    expect(events[1]!.after).toMatchObject({ method: 'oidc', email: who.email });
  });

  it('re-applies the mappings at every sign-on: a changed mapping changes roles and team and ends older sessions', async () => {
    const team = await makeTeam(h.prisma);
    const group = `relm-${uid()}`;
    const mappingId = await mapGroup(group, ['viewer']);
    const who = identity({ groups: [group] });
    const first = await signOn(who);
    expect(first.outcome).toMatchObject({ ok: true, user: { roles: ['viewer'] } });
    if (!first.outcome.ok) return;
    const firstUser = first.outcome.user;

    // the same groups and mappings: nothing to change, only the sign-in is recorded
    const again = await signOn(who);
    expect(again.outcome).toMatchObject({ ok: true, created: false, user: { id: firstUser.id, sessionVersion: firstUser.sessionVersion } });
    expect(again.events.map((e) => e.action)).toEqual(['auth.sign_in']);

    expect((await deleteGroupMapping.as(admin.actor)({ id: mappingId })).ok).toBe(true);
    await mapGroup(group, ['release_manager', 'approver'], { teamId: team.id });
    const changed = await signOn(who);
    expect(changed.outcome).toMatchObject({
      ok: true,
      user: { id: firstUser.id, roles: ['release_manager', 'approver'], sessionVersion: firstUser.sessionVersion + 1 },
    });
    expect(changed.events.map((e) => e.action)).toEqual(['user.update', 'auth.sign_in']);
    expect(changed.events[0]).toMatchObject({
      before: { roles: ['viewer'], teamId: null },
      after: { roles: ['release_manager', 'approver'], teamId: team.id, via: 'oidc' },
    });
    // the session of the first sign-on was issued for the old roles: refused from now on
    expect(await actorForSession({ userId: firstUser.id, sessionId: firstUser.sessionId, sessionVersion: firstUser.sessionVersion })).toBeNull();
  });

  it('refuses someone whose groups map to no role, creates no account, and audits why', async () => {
    const who = identity({ groups: [`unmapped-${uid()}`] });
    const { outcome, events } = await signOn(who);
    expect(outcome).toEqual({ ok: false, reason: 'no_role', groups: who.groups });
    expect(await h.prisma.user.findUnique({ where: { email: String(who.email) } })).toBeNull();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      action: 'auth.sign_in_failed',
      actorType: 'anonymous',
      after: { method: 'oidc', reason: 'no_role', groups: who.groups },
    });
  });

  it('refuses a linked person whose groups no longer map to any role, keeping their account as it was', async () => {
    const group = `leaving-${uid()}`;
    const mappingId = await mapGroup(group, ['operations']);
    const who = identity({ groups: [group] });
    const first = await signOn(who);
    expect(first.outcome.ok).toBe(true);
    await deleteGroupMapping.as(admin.actor)({ id: mappingId });
    const { outcome, events } = await signOn(who);
    expect(outcome).toMatchObject({ ok: false, reason: 'no_role' });
    expect(events[0]).toMatchObject({ action: 'auth.sign_in_failed', actorType: 'user', after: { reason: 'no_role' } });
  });

  it('refuses a disabled account even when its groups map', async () => {
    const group = `g-${uid()}`;
    await mapGroup(group, ['viewer']);
    const user = await makeUser(h.prisma, ['viewer'], { disabled: true });
    await h.prisma.identityLink.create({ data: { userId: user.id, issuer: ISSUER, subject: `sub-${uid()}` } });
    const link = await h.prisma.identityLink.findFirstOrThrow({ where: { userId: user.id } });
    const { outcome, events } = await signOn(identity({ subject: link.subject, email: user.email, groups: [group] }));
    expect(outcome).toMatchObject({ ok: false, reason: 'disabled' });
    expect(events[0]).toMatchObject({ action: 'auth.sign_in_failed', after: { reason: 'disabled' } });
  });

  it('joins an existing local account only when the identity provider verified the e-mail address', async () => {
    const group = `g-${uid()}`;
    await mapGroup(group, ['approver']);
    const local = await makeUser(h.prisma, ['viewer']);

    const unverified = await signOn(identity({ email: local.email.toUpperCase(), emailVerified: 'true', groups: [group] }));
    expect(unverified.outcome).toMatchObject({ ok: false, reason: 'email_unverified' });
    expect(await h.prisma.identityLink.count({ where: { userId: local.id } })).toBe(0);

    const verified = await signOn(identity({ email: local.email, emailVerified: true, groups: [group] }));
    expect(verified.outcome).toMatchObject({ ok: true, created: false, user: { id: local.id, roles: ['approver'] } });
    expect(verified.events.map((e) => e.action)).toEqual(['user.update', 'user.identity_linked', 'auth.sign_in']);

    // a second provider account with the same address cannot take the account over
    const other = await signOn(identity({ email: local.email, emailVerified: true, groups: [group] }));
    expect(other.outcome).toMatchObject({ ok: false, reason: 'linked_elsewhere' });
  });

  it('refuses an identity without a usable e-mail address', async () => {
    const group = `g-${uid()}`;
    await mapGroup(group, ['viewer']);
    const { outcome, events } = await signOn(identity({ email: undefined, groups: [group] }));
    expect(outcome).toMatchObject({ ok: false, reason: 'no_email' });
    expect(events[0]).toMatchObject({ action: 'auth.sign_in_failed', after: { reason: 'no_email' } });
  });

  it('signs the groups of a refusal into the sign-in page address, so a forged address shows none', () => {
    const location = refusalLocation('no_role', ['/staff', 'contractors']);
    const q = new URL(location, 'http://relm.test').searchParams;
    expect(q.get('sso')).toBe('no_role');
    expect(refusalGroups('no_role', q.get('groups') ?? undefined, q.get('sig') ?? undefined)).toEqual(['/staff', 'contractors']);
    expect(refusalGroups('no_role', 'admins-please', q.get('sig') ?? undefined)).toBeNull();
    expect(refusalGroups('no_role', q.get('groups') ?? undefined, undefined)).toBeNull();
  });
});

describe('group mappings', () => {
  it('refuses a second mapping of the same group and a mapping that gives no role', async () => {
    const group = `dup-${uid()}`;
    await mapGroup(group, ['viewer']);
    expect(await createGroupMapping.as(admin.actor)({ group, roles: ['approver'] })).toMatchObject({
      ok: false,
      code: 'conflict',
      fieldErrors: { group: expect.any(Array) },
    });
    expect(await createGroupMapping.as(admin.actor)({ group: `none-${uid()}`, roles: [] })).toMatchObject({
      ok: false,
      fieldErrors: { roles: expect.any(Array) },
    });
    expect(await createGroupMapping.as(admin.actor)({ group: `bad-${uid()}`, roles: ['superuser'] })).toMatchObject({
      ok: false,
      fieldErrors: { 'roles.0': ['Unknown role.'] },
    });
  });
});

describe('password sign-in switched off', () => {
  it('is refused without single sign-on configured, and without a break-glass admin', async () => {
    const off = await updateSignInSettings.as(admin.actor)({ passwordSignIn: false, breakGlassEmails: admin.email });
    expect(off).toMatchObject({ ok: false, code: 'invalid', fieldErrors: { passwordSignIn: ['Configure single sign-on first.'] } });
    configureOidc();
    expect(await updateSignInSettings.as(admin.actor)({ passwordSignIn: false, breakGlassEmails: '' })).toMatchObject({
      ok: false,
      fieldErrors: { breakGlassEmails: ['Name at least one admin.'] },
    });
    const viewer = await makeUser(h.prisma, ['viewer']);
    const notAdmin = await updateSignInSettings.as(admin.actor)({ passwordSignIn: false, breakGlassEmails: `${viewer.email}, nobody-${uid()}@acme.test` });
    expect(notAdmin).toMatchObject({
      ok: false,
      fieldErrors: { breakGlassEmails: [expect.stringContaining('is not an admin'), expect.stringContaining('is not a Relm user')] },
    });
    expect(await h.prisma.signInSetting.count()).toBe(0);
  });

  it('refuses passwords except for the break-glass admins, judged only after the password is right', async () => {
    configureOidc();
    const breakGlass = await makeUser(h.prisma, ['admin'], { passwordHash });
    const otherAdmin = await makeUser(h.prisma, ['admin'], { passwordHash });
    const manager = await makeUser(h.prisma, ['release_manager'], { passwordHash });
    const saved = await updateSignInSettings.as(admin.actor)({ passwordSignIn: false, breakGlassEmails: breakGlass.email.toUpperCase() });
    expect(saved).toMatchObject({ ok: true, data: { passwordSignIn: false, breakGlass: [breakGlass.email] } });

    const ip = newAddress();
    expect(await authenticate({ email: manager.email, password: PASSWORD }, { requestId: `req-${uid()}`, ip })).toEqual({
      ok: false,
      reason: 'password_off',
      message: PASSWORD_OFF,
    });
    expect(await authenticate({ email: otherAdmin.email, password: PASSWORD }, { requestId: `req-${uid()}`, ip })).toMatchObject({
      ok: false,
      reason: 'password_off',
    });
    // a wrong password says nothing about whether the account could have signed in
    expect(await authenticate({ email: manager.email, password: 'not the password' }, { requestId: `req-${uid()}`, ip })).toMatchObject({
      ok: false,
      reason: 'invalid',
    });
    const requestId = `req-${uid()}`;
    expect(await authenticate({ email: breakGlass.email, password: PASSWORD }, { requestId, ip })).toMatchObject({ ok: true, user: { id: breakGlass.id } });
    expect((await eventsOfRequest(h.prisma, requestId))[0]).toMatchObject({ action: 'auth.sign_in', after: { method: 'password' } });

    // a break-glass admin who is no longer an admin loses the exception
    await h.prisma.userRole.deleteMany({ where: { userId: breakGlass.id } });
    await h.prisma.userRole.create({ data: { userId: breakGlass.id, role: 'viewer' } });
    expect(await authenticate({ email: breakGlass.email, password: PASSWORD }, { requestId: `req-${uid()}`, ip })).toMatchObject({
      ok: false,
      reason: 'password_off',
    });

    // switched back on: everyone again
    expect(await updateSignInSettings.as(admin.actor)({ passwordSignIn: true, breakGlassEmails: '' })).toMatchObject({ ok: true });
    expect(await authenticate({ email: manager.email, password: PASSWORD }, { requestId: `req-${uid()}`, ip })).toMatchObject({ ok: true });
  });

  it('is switched back on from the command line, keeping the break-glass admins who still qualify', async () => {
    configureOidc();
    const [kept, demoted] = [await makeUser(h.prisma, ['admin']), await makeUser(h.prisma, ['admin'])];
    expect(await updateSignInSettings.as(admin.actor)({ passwordSignIn: false, breakGlassEmails: `${kept.email}\n${demoted.email}` })).toMatchObject({
      ok: true,
    });
    await h.prisma.userRole.deleteMany({ where: { userId: demoted.id } });
    await h.prisma.userRole.create({ data: { userId: demoted.id, role: 'viewer' } });

    const out = await runCliCommand(['sign-in', 'passwords-on']);
    expect(out).toMatchObject({ exitCode: 0, stderr: expect.stringContaining('Password sign-in is on for everyone') });
    expect(await h.prisma.signInSetting.findUniqueOrThrow({ where: { id: 1 } })).toMatchObject({ passwordSignIn: true });
    expect((await h.prisma.breakGlassAdmin.findMany()).map((b) => b.userId)).toEqual([kept.id]);
    const event = await h.prisma.auditEvent.findFirstOrThrow({ where: { action: 'sso.settings_update' }, orderBy: { seq: 'desc' } });
    expect(event).toMatchObject({ actorLabel: 'system (cli)', after: { passwordSignIn: true, breakGlass: [kept.email] } });
  });
});
