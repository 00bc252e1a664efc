import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/lib/server/db';
import { authenticate, SIGN_IN_LIMITS } from '@/lib/server/sign-in';
import { hashPassword } from '@/lib/server/password';
import { verifyChain } from '@/lib/server/audit';
import { freshDatabase } from '../support/db';
import { makeUser, uid } from '../support/factories';
import { eventsOfRequest } from '../support/inspect';

const PASSWORD = 'correct horse battery staple';
let h: DbHandle;
let passwordHash: string;

beforeAll(async () => {
  h = await freshDatabase();
  passwordHash = await hashPassword(PASSWORD);
});

afterAll(async () => {
  await h?.close();
});

/** A client address no other test uses, so rate limits never leak between tests. */
const newAddress = () => `10.${crypto.randomInt(256)}.${crypto.randomInt(256)}.${crypto.randomInt(1, 255)}`;

async function signInUser(opts: { email?: string; disabled?: boolean } = {}) {
  return makeUser(h.prisma, ['release_manager'], { passwordHash, ...opts });
}

/** Signs in with a fresh request id and returns the outcome with the audit events it wrote. */
async function attempt(email: string, password: string, ip: string) {
  const requestId = `req-${uid()}`;
  const outcome = await authenticate({ email, password }, { requestId, ip });
  return { outcome, events: await eventsOfRequest(h.prisma, requestId) };
}

async function failTimes(n: number, email: string, ip: string) {
  for (let i = 0; i < n; i++) {
    const { outcome } = await attempt(email, `wrong password ${i}`, ip);
    expect(outcome).toMatchObject({ ok: false, reason: 'invalid' });
  }
}

describe('authenticate', () => {
  it('signs in with the right password, records it and audits it', async () => {
    const user = await signInUser();
    const ip = newAddress();
    const { outcome, events } = await attempt(user.email, PASSWORD, ip);
    expect(outcome).toEqual({
      ok: true,
      user: { id: user.id, email: user.email, name: 'Test release_manager', sessionVersion: 1, roles: ['release_manager'], sessionId: expect.any(String) },
    });
    // the server-side session the cookie will name (docs/decisions/034-server-side-sessions.md)
    const sessionId = outcome.ok ? outcome.user.sessionId : '';
    expect(await h.prisma.session.findUniqueOrThrow({ where: { id: sessionId } })).toMatchObject({ userId: user.id, ip, endedAt: null });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: 'auth.sign_in', actorId: user.id, actorType: 'user', targetId: user.id, ip });
    const stored = await h.prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(stored.lastSignInAt).toBeInstanceOf(Date);
    expect(await h.prisma.signInAttempt.count({ where: { email: user.email, ip, success: true } })).toBe(1);
  });

  it('refuses a wrong password and audits the failure', async () => {
    const user = await signInUser();
    const ip = newAddress();
    const { outcome, events } = await attempt(user.email, 'not the password', ip);
    expect(outcome).toEqual({ ok: false, reason: 'invalid', message: 'The email or password is not right.' });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: 'auth.sign_in_failed', actorId: null, actorType: 'anonymous', targetId: user.id, ip });
    expect(events[0]!.after).toMatchObject({ email: user.email, reason: 'wrong password' });
    expect((await h.prisma.user.findUniqueOrThrow({ where: { id: user.id } })).lastSignInAt).toBeNull();
    expect(await h.prisma.session.count({ where: { userId: user.id } })).toBe(0);
  });

  it('answers an unknown email exactly as a wrong password (no account enumeration)', async () => {
    const user = await signInUser();
    const ip = newAddress();
    const wrong = await attempt(user.email, 'not the password', ip);
    const unknown = await attempt(`nobody-${uid()}@test.relm`, 'not the password', ip);
    expect(unknown.outcome).toEqual(wrong.outcome);
    expect(unknown.events).toHaveLength(1);
    expect(unknown.events[0]).toMatchObject({ action: 'auth.sign_in_failed', targetId: null });
  });

  it('refuses a disabled user even with the right password, with the same message', async () => {
    const user = await signInUser({ disabled: true });
    const { outcome, events } = await attempt(user.email, PASSWORD, newAddress());
    expect(outcome).toEqual({ ok: false, reason: 'invalid', message: 'The email or password is not right.' });
    expect(events[0]).toMatchObject({ action: 'auth.sign_in_failed', actorId: null });
    expect(events[0]!.after).toMatchObject({ reason: 'account disabled' });
  });

  it('treats the email case-insensitively', async () => {
    await signInUser({ email: 'manager@relm.test' });
    const { outcome } = await attempt('Manager@Relm.Test', PASSWORD, newAddress());
    expect(outcome).toMatchObject({ ok: true, user: { email: 'manager@relm.test' } });
    const padded = await attempt('  MANAGER@relm.test ', PASSWORD, newAddress());
    expect(padded.outcome.ok).toBe(true);
  });

  it('refuses malformed input with the same message and without touching the database', async () => {
    const before = await h.prisma.signInAttempt.count();
    for (const input of [
      { email: '', password: '' },
      { email: 'not-an-email', password: PASSWORD },
      { email: 'a@b.test', password: 'x'.repeat(5000) },
    ]) {
      const outcome = await authenticate(input, { requestId: `req-${uid()}`, ip: newAddress() });
      expect(outcome).toEqual({ ok: false, reason: 'invalid', message: 'The email or password is not right.' });
    }
    expect(await h.prisma.signInAttempt.count()).toBe(before);
  });
});

describe('sign-in rate limits', () => {
  it(`allows ${SIGN_IN_LIMITS.perAccountAndAddress} failures, then refuses even the right password from that address`, async () => {
    expect(SIGN_IN_LIMITS.perAccountAndAddress).toBe(5);
    const user = await signInUser();
    const ip = newAddress();
    await failTimes(5, user.email, ip);

    const { outcome, events } = await attempt(user.email, PASSWORD, ip);
    expect(outcome).toMatchObject({ ok: false, reason: 'rate_limited' });
    expect(outcome.ok === false && outcome.message).toMatch(/Try again in \d+ minutes?/);
    expect(outcome.ok === false && outcome.retryAfterSeconds).toBeGreaterThanOrEqual(60);
    expect(outcome.ok === false && outcome.retryAfterSeconds).toBeLessThanOrEqual(SIGN_IN_LIMITS.windowMinutes * 60);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: 'auth.sign_in_refused', actorId: null, ip });
    // a refused attempt is not a sign-in
    expect((await h.prisma.user.findUniqueOrThrow({ where: { id: user.id } })).lastSignInAt).toBeNull();
  });

  it('checks no more than 5 passwords when the guesses arrive in parallel', async () => {
    // A limit that is checked, then recorded later, lets a burst of parallel guesses
    // all pass the check before any of them is counted.
    const user = await signInUser();
    const ip = newAddress();
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, (_, i) => authenticate({ email: user.email, password: `guess ${i}` }, { requestId: `req-${uid()}`, ip })),
    );
    const tally = { invalid: 0, rate_limited: 0, password_off: 0, ok: 0 };
    for (const o of outcomes) tally[o.ok ? 'ok' : o.reason]++;
    expect(tally).toEqual({ invalid: 5, rate_limited: 15, password_off: 0, ok: 0 });
    expect(await h.prisma.signInAttempt.count({ where: { email: user.email, ip, success: false } })).toBe(5);
  });

  it('lets the fifth attempt through when only four failed', async () => {
    const user = await signInUser();
    const ip = newAddress();
    await failTimes(4, user.email, ip);
    expect((await attempt(user.email, PASSWORD, ip)).outcome.ok).toBe(true);
  });

  it('does not let a stranger lock the real user out from another address', async () => {
    const user = await signInUser();
    const attacker = newAddress();
    await failTimes(5, user.email, attacker);
    // the stranger keeps guessing and is refused, however many times
    for (let i = 0; i < 3; i++) {
      expect((await attempt(user.email, `guess ${i}`, attacker)).outcome).toMatchObject({ reason: 'rate_limited' });
    }

    const { outcome } = await attempt(user.email, PASSWORD, newAddress());
    expect(outcome).toMatchObject({ ok: true, user: { id: user.id } });
  });

  it(`rate-limits an address after ${SIGN_IN_LIMITS.perAddress} failures across many accounts, for a new account too`, async () => {
    expect(SIGN_IN_LIMITS.perAddress).toBe(30);
    const sprayer = newAddress();
    const targets = await Promise.all(Array.from({ length: 10 }, () => signInUser()));
    // 3 failures per account: never the per-account limit, 30 from the address
    for (const t of targets) await failTimes(3, t.email, sprayer);

    const fresh = await signInUser();
    const refused = await attempt(fresh.email, PASSWORD, sprayer);
    expect(refused.outcome).toMatchObject({ ok: false, reason: 'rate_limited' });
    expect(refused.outcome.ok === false && refused.outcome.message).toMatch(/from your network\. Try again in \d+ minutes?/);
    expect(refused.events[0]).toMatchObject({ action: 'auth.sign_in_refused' });
    // other addresses are unaffected
    expect((await attempt(fresh.email, PASSWORD, newAddress())).outcome.ok).toBe(true);
  });

  it("clears that address's failures for the account after a success", async () => {
    const user = await signInUser();
    const ip = newAddress();
    const elsewhere = newAddress();
    await failTimes(4, user.email, ip);
    await failTimes(2, user.email, elsewhere);
    expect((await attempt(user.email, PASSWORD, ip)).outcome.ok).toBe(true);
    expect(await h.prisma.signInAttempt.count({ where: { email: user.email, ip, success: false } })).toBe(0);
    // only that address's failures: the other address keeps its count
    expect(await h.prisma.signInAttempt.count({ where: { email: user.email, ip: elsewhere, success: false } })).toBe(2);

    // four more failures would make eight without the reset, and be refused
    await failTimes(4, user.email, ip);
    expect((await attempt(user.email, PASSWORD, ip)).outcome.ok).toBe(true);
  });

  it('keeps the audit chain intact through failures, refusals and successes', async () => {
    const user = await signInUser();
    const ip = newAddress();
    await failTimes(5, user.email, ip);
    expect((await attempt(user.email, PASSWORD, ip)).outcome).toMatchObject({ reason: 'rate_limited' });
    expect((await attempt(user.email, PASSWORD, newAddress())).outcome.ok).toBe(true);
    const events = await h.prisma.auditEvent.count();
    expect(events).toBeGreaterThanOrEqual(7);
    expect(await verifyChain(h.prisma)).toMatchObject({ ok: true, checked: events });
  });
});
