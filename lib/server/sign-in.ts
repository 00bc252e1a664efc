import 'server-only';
import { z } from 'zod';
import { db } from './db';
import { appendAudit } from './audit';
import { verifyPassword } from './password';
import type { RequestMeta } from './actor';
import { now as clockNow, nowMs } from './clock';
import { startSession } from './session-store';
import { mayUsePassword } from './sso';
import { sayer } from './say';

const say = sayer('server-sign-in');

// Rate limits for failed sign-ins (docs/decisions/003-authentication.md):
// - per account *and* client address: a stranger guessing from elsewhere never
//   locks the real user out, because the real user's address has its own budget;
// - per client address across all accounts: stops one address spraying many accounts.
export const SIGN_IN_LIMITS = {
  windowMinutes: 15,
  perAccountAndAddress: 5,
  perAddress: 30,
} as const;

export const SignInSchema = z.object({
  email: z.string().trim().toLowerCase().min(1, say('enterEmail')).max(254).email(say('validEmail')),
  password: z.string().min(1, say('enterPassword')).max(1024, say('passwordTooLong')),
});

export type SignInOutcome =
  | { ok: true; user: { id: string; email: string; name: string; sessionVersion: number; roles: string[]; sessionId: string } }
  | {
      ok: false;
      reason: 'invalid' | 'rate_limited' | 'password_off';
      message: string;
      retryAfterSeconds?: number;
      /** rate_limited: whether this account from this address, or this address across accounts, is held back */
      scope?: 'account' | 'address';
    };

const INVALID = say('invalid');
export const PASSWORD_OFF = say('passwordOff');

/** `client.userAgent`: the browser's User-Agent header, summarised on the session row. */
export async function authenticate(
  input: { email: string; password: string },
  meta: RequestMeta,
  client: { userAgent?: string | null } = {},
): Promise<SignInOutcome> {
  const parsed = SignInSchema.safeParse(input);
  if (!parsed.success) return { ok: false, reason: 'invalid', message: INVALID };
  const { email, password } = parsed.data;
  const ip = meta.ip ?? 'unknown';
  const prisma = await db();
  const since = new Date(nowMs() - SIGN_IN_LIMITS.windowMinutes * 60_000);

  // Check the limits and record this attempt in one transaction, serialized per client
  // address, so a burst of parallel guesses cannot all pass the check before any is
  // counted. The attempt counts as a failure until the password proves otherwise.
  const gate = await prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`relm-sign-in:${ip}`}))`;
    const pairFailures = await tx.signInAttempt.findMany({
      where: { email, ip, success: false, at: { gte: since } },
      orderBy: { at: 'asc' },
      select: { at: true },
    });
    const addressFailures = await tx.signInAttempt.count({ where: { ip, success: false, at: { gte: since } } });
    const limited =
      pairFailures.length >= SIGN_IN_LIMITS.perAccountAndAddress
        ? { scope: 'account' as const, oldest: pairFailures[pairFailures.length - SIGN_IN_LIMITS.perAccountAndAddress]!.at }
        : addressFailures >= SIGN_IN_LIMITS.perAddress
          ? { scope: 'address' as const, oldest: since }
          : null;
    if (limited) {
      await appendAudit(tx, { id: null, label: email, type: 'anonymous' }, meta, {
        action: 'auth.sign_in_refused',
        targetType: 'user',
        after: { email, reason: `too many failed sign-ins (${limited.scope})` },
      });
      return { kind: 'limited', limited } as const;
    }
    const attempt = await tx.signInAttempt.create({ data: { email, ip, success: false }, select: { id: true } });
    return { kind: 'counted', attemptId: attempt.id } as const;
  });
  if (gate.kind === 'limited') {
    const { limited } = gate;
    const retryAfterSeconds = Math.max(60, Math.ceil((limited.oldest.getTime() + SIGN_IN_LIMITS.windowMinutes * 60_000 - nowMs()) / 1000));
    const minutes = Math.ceil(retryAfterSeconds / 60);
    return {
      ok: false,
      reason: 'rate_limited',
      retryAfterSeconds,
      scope: limited.scope,
      message: limited.scope === 'account' ? say('limited.account', { minutes }) : say('limited.address', { minutes }),
    };
  }

  const user = await prisma.user.findUnique({ where: { email }, include: { roles: true } });
  const passwordOk = await verifyPassword(user?.passwordHash, password);
  // password sign-in switched off (single sign-on, docs/decisions/037): only break-glass admins
  // pass. Judged after the password, so a stranger learns nothing about which accounts may.
  const passwordBarred = Boolean(user && passwordOk && !user.disabledAt && !(await mayUsePassword(prisma, user)));
  const success = Boolean(user && passwordOk && !user.disabledAt && !passwordBarred);

  const sessionId = await prisma.$transaction(async (tx) => {
    let started: string | null = null;
    if (success && user) {
      await tx.signInAttempt.update({ where: { id: gate.attemptId }, data: { success: true } });
      await tx.user.update({ where: { id: user.id }, data: { lastSignInAt: clockNow() } });
      // a successful sign-in clears this address's failures for the account
      await tx.signInAttempt.deleteMany({ where: { email, ip, success: false } });
      // the server-side session the cookie will name (docs/decisions/034-server-side-sessions.md)
      started = await startSession(tx, { userId: user.id, userAgent: client.userAgent, ip: meta.ip });
    }
    await appendAudit(tx, success && user ? { id: user.id, label: user.email, type: 'user' } : { id: null, label: email, type: 'anonymous' }, meta, {
      action: success ? 'auth.sign_in' : 'auth.sign_in_failed',
      targetType: 'user',
      targetId: user?.id ?? null,
      after: success
        ? { email, method: 'password' }
        : {
            email,
            method: 'password',
            reason: !user
              ? 'unknown account'
              : user.disabledAt && passwordOk
                ? 'account disabled'
                : passwordBarred
                  ? 'password sign-in is off and this is not a break-glass admin'
                  : 'wrong password',
          },
    });
    return started;
  });

  if (passwordBarred) return { ok: false, reason: 'password_off', message: PASSWORD_OFF };
  if (!success || !user || !sessionId) return { ok: false, reason: 'invalid', message: INVALID };
  return {
    ok: true,
    user: { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion, roles: user.roles.map((r) => r.role), sessionId },
  };
}
