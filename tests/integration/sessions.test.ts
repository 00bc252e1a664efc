import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { encode } from 'next-auth/jwt';
import type { DbHandle } from '@/lib/server/db';
import type { Actor } from '@/lib/server/actor';
import { authenticate } from '@/lib/server/sign-in';
import { hashPassword } from '@/lib/server/password';
import { authSecret } from '@/lib/server/env';
import { currentUser } from '@/lib/server/session';
import { endAllMySessions, endSession, endUserSessions, listMySessions, listUserSessions } from '@/lib/server/sessions';
import { LAST_SEEN_EVERY_MS, SESSION_MAX_AGE_SECONDS } from '@/lib/server/session-store';
import { resetPassword, setUserDisabled } from '@/lib/server/users';
import { freshDatabase } from '../support/db';
import { makeUser, uid } from '../support/factories';
import { eventsOfRequest } from '../support/inspect';
import { advanceClock, resetClock, setClock } from '../support/clock';

// A kept session cookie is the real thing here: a JWT made by next-auth's own encoder, sent
// in the Cookie header to next-auth's auth() through lib/server/session.ts, exactly as a
// browser (or someone who copied the cookie) would.

const request = vi.hoisted(() => ({ cookie: '' }));
vi.mock('next/headers', () => ({
  headers: async () => new Headers({ host: 'relm.test', 'x-forwarded-proto': 'http', cookie: request.cookie }),
}));

const COOKIE = 'authjs.session-token';
const PASSWORD = 'correct horse battery staple';
const UA_FIREFOX = 'Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0';
const UA_SAFARI = 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1';

let h: DbHandle;
let passwordHash: string;
let admin: Actor;

beforeAll(async () => {
  h = await freshDatabase();
  passwordHash = await hashPassword(PASSWORD);
  admin = (await makeUser(h.prisma, ['admin'])).actor;
});

afterAll(async () => {
  resetClock();
  await h?.close();
});

beforeEach(() => {
  // frozen: "last seen" and expiry are compared to the millisecond
  setClock({ at: new Date(), frozen: true });
});

/** Signs in as the browser would and returns the session cookie it would keep. */
async function signIn(email: string, userAgent = UA_FIREFOX, password = PASSWORD): Promise<string> {
  const outcome = await authenticate({ email, password }, { requestId: `req-${uid()}`, ip: '192.0.2.7' }, { userAgent });
  if (!outcome.ok) throw new Error(`sign-in failed: ${outcome.message}`);
  const { id, email: e, name, roles, sessionVersion, sessionId } = outcome.user;
  const jwt = await encode({
    salt: COOKIE,
    secret: authSecret(),
    maxAge: SESSION_MAX_AGE_SECONDS,
    token: { sub: id, email: e, name, uid: id, sv: sessionVersion, roles, sid: sessionId },
  });
  return `${COOKIE}=${jwt}`;
}

/** Who a request carrying this cookie is (currentUser is per-request; each call here is a new request). */
async function requestWith(cookie: string): Promise<Actor | null> {
  request.cookie = cookie;
  return currentUser();
}

async function person() {
  return makeUser(h.prisma, ['release_manager'], { passwordHash });
}

describe('a session cookie', () => {
  it('signs in through its server-side session row, which records device and address', async () => {
    const user = await person();
    const cookie = await signIn(user.email, UA_SAFARI);
    const me = await requestWith(cookie);
    expect(me).toMatchObject({ type: 'user', id: user.id, roles: ['release_manager'] });
    expect(me!.sessionId).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const row = await h.prisma.session.findUniqueOrThrow({ where: { id: me!.sessionId! } });
    expect(row).toMatchObject({ userId: user.id, userAgent: 'Safari on iOS', ip: '192.0.2.7', endedAt: null });
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBe(SESSION_MAX_AGE_SECONDS * 1000);
  });

  it('is refused without a session row (a cookie from before server-side sessions, or a forged id)', async () => {
    const user = await person();
    const jwt = await encode({ salt: COOKIE, secret: authSecret(), maxAge: 3600, token: { sub: user.id, uid: user.id, sv: 1, roles: [] } });
    expect(await requestWith(`${COOKIE}=${jwt}`)).toBeNull();
    const forged = await encode({ salt: COOKIE, secret: authSecret(), maxAge: 3600, token: { sub: user.id, uid: user.id, sv: 1, sid: 'x'.repeat(43) } });
    expect(await requestWith(`${COOKIE}=${forged}`)).toBeNull();
  });

  it("is refused when its row belongs to someone else's session", async () => {
    const [a, b] = [await person(), await person()];
    const cookieA = await signIn(a.email);
    const sidA = (await requestWith(cookieA))!.sessionId!;
    const jwt = await encode({ salt: COOKIE, secret: authSecret(), maxAge: 3600, token: { sub: b.id, uid: b.id, sv: 1, sid: sidA } });
    expect(await requestWith(`${COOKIE}=${jwt}`)).toBeNull();
  });

  it('expires with its row, 12 hours after sign-in, whatever the cookie says', async () => {
    const user = await person();
    const cookie = await signIn(user.email);
    advanceClock(SESSION_MAX_AGE_SECONDS * 1000 - 1000);
    expect(await requestWith(cookie)).not.toBeNull();
    advanceClock(1000);
    expect(await requestWith(cookie)).toBeNull();
  });

  it('writes "last seen" at most once a minute', async () => {
    const user = await person();
    const cookie = await signIn(user.email);
    const sid = (await requestWith(cookie))!.sessionId!;
    const first = (await h.prisma.session.findUniqueOrThrow({ where: { id: sid } })).lastSeenAt;
    advanceClock(LAST_SEEN_EVERY_MS - 1);
    await requestWith(cookie);
    expect((await h.prisma.session.findUniqueOrThrow({ where: { id: sid } })).lastSeenAt).toEqual(first);
    advanceClock(1);
    await requestWith(cookie);
    expect((await h.prisma.session.findUniqueOrThrow({ where: { id: sid } })).lastSeenAt.getTime()).toBe(first.getTime() + LAST_SEEN_EVERY_MS);
  });

  it('is refused once the account is disabled (session version), as before', async () => {
    const user = await person();
    const cookie = await signIn(user.email);
    expect(await setUserDisabled.as(admin)({ id: user.id, disabled: true })).toMatchObject({ ok: true });
    expect(await requestWith(cookie)).toBeNull();
  });
});

describe('signing out', () => {
  it('ends the session row, so a kept copy of the cookie no longer works', async () => {
    const user = await person();
    const cookie = await signIn(user.email);
    const other = await signIn(user.email, UA_SAFARI);
    const me = (await requestWith(cookie))!;
    const requestId = `req-${uid()}`;
    expect(await endSession.as(me, { requestId })({ session: 'current' })).toMatchObject({ ok: true, data: { ended: 1, current: true } });
    expect(await requestWith(cookie)).toBeNull();
    // only this session: the one on the phone goes on
    expect(await requestWith(other)).toMatchObject({ id: user.id });
    const row = await h.prisma.session.findUniqueOrThrow({ where: { id: me.sessionId! } });
    expect(row).toMatchObject({ endedReason: 'signed_out' });
    const [event] = await eventsOfRequest(h.prisma, requestId);
    expect(event).toMatchObject({ action: 'auth.sign_out', actorId: user.id, targetId: user.id });
    expect(JSON.stringify([event!.before, event!.after])).not.toContain(me.sessionId!);
  });

  it('everywhere ends every session of the person, this one included', async () => {
    const user = await person();
    const cookies = [await signIn(user.email), await signIn(user.email, UA_SAFARI), await signIn(user.email)];
    const bystander = await person();
    const theirs = await signIn(bystander.email);
    const me = (await requestWith(cookies[0]!))!;
    const requestId = `req-${uid()}`;
    expect(await endAllMySessions.as(me, { requestId })({})).toMatchObject({ ok: true, data: { ended: 3 } });
    for (const c of cookies) expect(await requestWith(c)).toBeNull();
    expect(await requestWith(theirs)).toMatchObject({ id: bystander.id });
    expect(await eventsOfRequest(h.prisma, requestId)).toMatchObject([{ action: 'session.end_all', targetId: user.id, after: { ended: 3 } }]);
  });

  it('can end another of your sessions from its reference, and only your own', async () => {
    const user = await person();
    const here = await signIn(user.email);
    const phone = await signIn(user.email, UA_SAFARI);
    const me = (await requestWith(here))!;
    const listed = await listMySessions(me);
    expect(listed.map((s) => [s.device, s.current])).toEqual([
      ['Firefox on Linux', true],
      ['Safari on iOS', false],
    ]);
    expect(JSON.stringify(listed)).not.toContain(me.sessionId!);
    const phoneRef = listed[1]!.ref;

    const stranger = await person();
    const strangerActor = (await requestWith(await signIn(stranger.email)))!;
    expect(await endSession.as(strangerActor)({ session: phoneRef })).toMatchObject({ ok: false, code: 'not_found' });
    expect(await requestWith(phone)).toMatchObject({ id: user.id });

    expect(await endSession.as(me)({ session: phoneRef })).toMatchObject({ ok: true, data: { ended: 1, current: false } });
    expect(await requestWith(phone)).toBeNull();
    expect(await requestWith(here)).toMatchObject({ id: user.id });
    expect((await listMySessions(me)).map((s) => s.current)).toEqual([true]);
  });

  it('refuses a malformed session reference on its field', async () => {
    const user = await person();
    const me = (await requestWith(await signIn(user.email)))!;
    const r = await endSession.as(me)({ session: 'not a reference' });
    expect(r).toMatchObject({ ok: false, code: 'invalid' });
    expect(r.ok === false && r.fieldErrors?.session?.[0]).toMatch(/one of your sessions/);
  });
});

describe('an admin', () => {
  it("ends a user's sessions, audited, and the user's kept cookies stop working", async () => {
    const user = await person();
    const cookies = [await signIn(user.email), await signIn(user.email, UA_SAFARI)];
    expect((await listUserSessions(admin, user.id)).length).toBe(2);
    const requestId = `req-${uid()}`;
    expect(await endUserSessions.as(admin, { requestId })({ userId: user.id })).toMatchObject({ ok: true, data: { ended: 2 } });
    for (const c of cookies) expect(await requestWith(c)).toBeNull();
    expect(await listUserSessions(admin, user.id)).toEqual([]);
    expect(await eventsOfRequest(h.prisma, requestId)).toMatchObject([
      { action: 'session.end_for_user', actorId: admin.id, targetId: user.id, after: { email: user.email, ended: 2 } },
    ]);
    const rows = await h.prisma.session.findMany({ where: { userId: user.id } });
    expect(rows.map((r) => r.endedReason)).toEqual(['ended_by_admin', 'ended_by_admin']);
  });

  it('may not be anyone else: a release manager cannot end sessions or list them', async () => {
    const user = await person();
    const cookie = await signIn(user.email);
    const rm = (await makeUser(h.prisma, ['release_manager'])).actor;
    expect(await endUserSessions.as(rm)({ userId: user.id })).toMatchObject({ ok: false, code: 'forbidden' });
    await expect(listUserSessions(rm, user.id)).rejects.toMatchObject({ code: 'forbidden' });
    expect(await requestWith(cookie)).not.toBeNull();
  });

  it('resetting a password ends all that user’s sessions; the new password signs in', async () => {
    const user = await person();
    const cookies = [await signIn(user.email), await signIn(user.email, UA_SAFARI)];
    const requestId = `req-${uid()}`;
    const fresh = 'a brand new long passphrase';
    expect(await resetPassword.as(admin, { requestId })({ id: user.id, password: fresh })).toMatchObject({ ok: true, data: { sessionsEnded: 2 } });
    for (const c of cookies) expect(await requestWith(c)).toBeNull();
    const [event] = await eventsOfRequest(h.prisma, requestId);
    expect(event).toMatchObject({ action: 'user.reset_password', targetId: user.id, after: { sessionsEnded: 2 } });
    expect(JSON.stringify([event!.before, event!.after])).not.toContain(fresh);
    expect(await authenticate({ email: user.email, password: PASSWORD }, { requestId: `req-${uid()}`, ip: '192.0.2.8' })).toMatchObject({ ok: false });
    expect(await requestWith(await signIn(user.email, UA_FIREFOX, fresh))).toMatchObject({ id: user.id });
  });

  it('resetting their own password keeps the session they use and ends their others', async () => {
    const self = await makeUser(h.prisma, ['admin'], { passwordHash });
    const here = await signIn(self.email);
    const elsewhere = await signIn(self.email, UA_SAFARI);
    const me = (await requestWith(here))!;
    expect(await resetPassword.as(me)({ id: self.id, password: 'another long passphrase' })).toMatchObject({ ok: true, data: { sessionsEnded: 1 } });
    expect(await requestWith(here)).toMatchObject({ id: self.id });
    expect(await requestWith(elsewhere)).toBeNull();
  });

  it('refuses a short new password on its field and changes nothing', async () => {
    const user = await person();
    const cookie = await signIn(user.email);
    const r = await resetPassword.as(admin)({ id: user.id, password: 'short' });
    expect(r).toMatchObject({ ok: false, code: 'invalid' });
    expect(r.ok === false && r.fieldErrors?.password?.[0]).toMatch(/at least 12 characters/);
    expect(await requestWith(cookie)).not.toBeNull();
  });
});
