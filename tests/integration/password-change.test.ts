import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/lib/server/db';
import type { Actor } from '@/lib/server/actor';
import { authenticate } from '@/lib/server/sign-in';
import { hashPassword, verifyPassword } from '@/lib/server/password';
import { actorForSession } from '@/lib/server/session-store';
import { changeMyPasswordAs } from '@/lib/server/profile';
import { freshDatabase } from '../support/db';
import { makeUser, uid } from '../support/factories';
import { eventsOfRequest } from '../support/inspect';

// Changing your own password (issue 14, point 2): the current password is checked (and wrong
// guesses are limited like sign-ins), the new one must be strong, and every other session of
// the person ends while the one they changed it in stays.

const PASSWORD = 'correct horse battery staple';
const NEW_PASSWORD = 'orbit lantern quietly mosaic 42';
const IP = '192.0.2.44';

let h: DbHandle;
let passwordHash: string;

beforeAll(async () => {
  h = await freshDatabase();
  passwordHash = await hashPassword(PASSWORD);
});

afterAll(async () => {
  await h?.close();
});

/** Signs in (a real session row) and returns the actor of a request through that session. */
async function signIn(email: string, password = PASSWORD): Promise<Actor> {
  const outcome = await authenticate({ email, password }, { requestId: `req-${uid()}`, ip: IP });
  if (!outcome.ok) throw new Error(`sign-in failed: ${outcome.message}`);
  const actor = await actorForSession({ userId: outcome.user.id, sessionId: outcome.user.sessionId, sessionVersion: outcome.user.sessionVersion });
  if (!actor) throw new Error('no actor for the new session');
  return actor;
}

const stillSignedIn = async (a: Actor) => {
  const u = await h.prisma.user.findUniqueOrThrow({ where: { id: a.id! } });
  return (await actorForSession({ userId: a.id, sessionId: a.sessionId, sessionVersion: u.sessionVersion })) !== null;
};

const change = (a: Actor, body: Record<string, unknown>, requestId = `req-${uid()}`) => changeMyPasswordAs(a, { requestId, ip: IP })(body);

describe('changing your password', () => {
  it('ends the other sessions, keeps this one, and is audited', async () => {
    const user = await makeUser(h.prisma, ['viewer'], { passwordHash });
    const here = await signIn(user.email);
    const laptop = await signIn(user.email);
    const phone = await signIn(user.email);
    const requestId = `req-${uid()}`;
    expect(await change(here, { currentPassword: PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }, requestId)).toEqual({
      ok: true,
      data: { sessionsEnded: 2 },
    });
    expect(await stillSignedIn(here)).toBe(true);
    expect(await stillSignedIn(laptop)).toBe(false);
    expect(await stillSignedIn(phone)).toBe(false);
    expect((await h.prisma.session.findUniqueOrThrow({ where: { id: laptop.sessionId! } })).endedReason).toBe('password_changed');
    const stored = await h.prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(await verifyPassword(stored.passwordHash, NEW_PASSWORD)).toBe(true);
    const events = await eventsOfRequest(h.prisma, requestId);
    expect(events.map((e) => [e.action, e.actorId, e.targetId])).toEqual([['user.password_changed', user.id, user.id]]);
    expect(JSON.stringify(events.map((e) => [e.before, e.after]))).not.toContain(NEW_PASSWORD);
    // the old password no longer signs in; the new one does
    expect((await authenticate({ email: user.email, password: PASSWORD }, { requestId: 'r', ip: '198.51.100.1' })).ok).toBe(false);
    expect((await authenticate({ email: user.email, password: NEW_PASSWORD }, { requestId: 'r', ip: '198.51.100.1' })).ok).toBe(true);
  });

  it('refuses a wrong current password on its field, changing nothing but the count of failures', async () => {
    const user = await makeUser(h.prisma, ['viewer'], { passwordHash });
    const here = await signIn(user.email);
    const other = await signIn(user.email);
    const r = await change(here, { currentPassword: 'not my password', newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
    expect(r).toEqual({
      ok: false,
      code: 'invalid',
      message: 'That is not your current password.',
      fieldErrors: { currentPassword: ['That is not your current password.'] },
    });
    expect(await stillSignedIn(other)).toBe(true);
    expect((await h.prisma.user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash).toBe(passwordHash);
    expect(await h.prisma.signInAttempt.count({ where: { email: user.email, ip: IP, success: false } })).toBe(1);
  });

  it('limits wrong current passwords like sign-ins: the sixth try is refused even with the right one', async () => {
    const user = await makeUser(h.prisma, ['viewer'], { passwordHash });
    const here = await signIn(user.email);
    for (let i = 0; i < 5; i++) {
      expect(await change(here, { currentPassword: `guess ${i}`, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD })).toMatchObject({
        code: 'invalid',
      });
    }
    const limited = await change(here, { currentPassword: PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
    expect(limited).toMatchObject({ ok: false, code: 'rate_limited' });
    expect(limited.ok ? '' : limited.message).toMatch(/^Too many wrong passwords: try again in \d+ minutes\. Your password was not changed\.$/);
    expect((await h.prisma.user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash).toBe(passwordHash);
  });

  it('checks the new password: strength with the reason, both copies alike, not the current one', async () => {
    const user = await makeUser(h.prisma, ['viewer'], { passwordHash, name: 'Wendy Weak' });
    const here = await signIn(user.email);
    const weak = await change(here, { currentPassword: PASSWORD, newPassword: 'password1234', confirmPassword: 'password1234' });
    expect(weak).toMatchObject({ ok: false, code: 'invalid' });
    expect(weak.ok ? [] : weak.fieldErrors?.newPassword).toContain('This password is too easy to guess.');
    const differ = await change(here, { currentPassword: PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: `${NEW_PASSWORD}!` });
    expect(differ).toMatchObject({ ok: false, code: 'invalid', fieldErrors: { confirmPassword: ['The two new passwords differ: type the same one twice.'] } });
    const same = await change(here, { currentPassword: PASSWORD, newPassword: PASSWORD, confirmPassword: PASSWORD });
    expect(same).toMatchObject({ ok: false, fieldErrors: { newPassword: ['Choose a password other than your current one.'] } });
    const short = await change(here, { currentPassword: PASSWORD, newPassword: 'short', confirmPassword: 'short' });
    expect(short).toMatchObject({ ok: false, fieldErrors: { newPassword: ['Passwords are at least 12 characters.'] } });
    expect(await change(here, { currentPassword: 42, newPassword: null })).toMatchObject({ ok: false, code: 'invalid' });
    expect((await h.prisma.user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash).toBe(passwordHash);
  });

  it('is for a signed-in person: an API token is refused', async () => {
    const user = await makeUser(h.prisma, ['viewer'], { passwordHash });
    const token: Actor = { ...user.actor, type: 'token', tokenId: `tok-${uid()}`, scopes: ['*'] };
    const r = await change(token, { currentPassword: PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
    expect(r).toMatchObject({ ok: false, code: 'forbidden' });
  });
});
