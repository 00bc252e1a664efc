import 'server-only';
import { z } from 'zod';
import { isValidTimeZone } from '@/lib/domain/recurrence';
import type { ActionResult } from '@/lib/domain/result';
import { defineMutation, readerLocale } from './action';
import type { Actor, RequestMeta } from './actor';
import { nowMs } from './clock';
import { forbidden, invalid } from './errors';
import { hashPassword, PASSWORD_MIN_LENGTH, verifyPassword } from './password';
import { checkPasswordStrength } from './password-strength';
import { endSessionsOf } from './session-store';
import { SIGN_IN_LIMITS } from './sign-in';
import { localizeFailure, sayer, type SayValue } from './say';

const say = sayer('server-profile');
/** A message said when the check fails (so one with values is fresh for the request that reads it). */
const saying = (key: string, values?: Record<string, SayValue>) => ({ error: () => say(key, values) });

// What a person sets about themselves (their profile). The time zone is the one times are
// written in when Relm tells them something about a release's windows; unset, each release's
// own zone is used.

export const SetMyTimeZoneSchema = z.object({
  timeZone: z
    .string({ error: say('timeZone.choose') })
    .trim()
    .max(64, say('timeZone.fromList'))
    .refine((v) => v === '' || isValidTimeZone(v), say('timeZone.fromListExample')),
});

export const setMyTimeZone = defineMutation({
  name: 'profile.set_time_zone',
  permission: 'notification.own',
  input: SetMyTimeZoneSchema,
  async run({ tx, actor, input, audit, noChange }) {
    if (!actor.id) throw invalid(say('timeZone.onlyPerson'));
    const before = await tx.user.findUniqueOrThrow({ where: { id: actor.id }, select: { timeZone: true } });
    const next = input.timeZone || null;
    if (before.timeZone === next) {
      noChange();
      return { timeZone: next };
    }
    await tx.user.update({ where: { id: actor.id }, data: { timeZone: next } });
    await audit({ action: 'profile.set_time_zone', targetType: 'user', targetId: actor.id, before: { timeZone: before.timeZone }, after: { timeZone: next } });
    return { timeZone: next };
  },
});

/**
 * The browser's zone as the person's first zone (issue 16 point 3): posted once by the signed-in
 * layout when the person has none. It writes only while the zone is still unset, so a second
 * tab, a retry or a stale page never overrides a zone the person chose on Profile.
 */
export const DefaultMyTimeZoneSchema = z.object({
  timeZone: z
    .string({ error: say('timeZone.choose') })
    .trim()
    .min(1, say('timeZone.choose'))
    .max(64, say('timeZone.fromList'))
    .refine((v) => isValidTimeZone(v), say('timeZone.fromListExample'))
    // browsers name UTC several ways; the picker and the pages know it as UTC
    .transform((v) => (UTC_ALIASES.has(v) ? 'UTC' : v)),
});

const UTC_ALIASES = new Set([
  'Etc/UTC',
  'Etc/UCT',
  'Etc/Universal',
  'Etc/Zulu',
  'Etc/GMT',
  'Etc/GMT0',
  'Etc/GMT+0',
  'Etc/GMT-0',
  'UCT',
  'Universal',
  'Zulu',
  'GMT',
  'GMT0',
]);

export const defaultMyTimeZone = defineMutation({
  name: 'profile.default_time_zone',
  permission: 'notification.own',
  input: DefaultMyTimeZoneSchema,
  async run({ tx, actor, input, audit, noChange }) {
    if (!actor.id) throw invalid(say('timeZone.onlyPerson'));
    // one conditional write: of two tabs posting at once, only the first changes anything
    const { count } = await tx.user.updateMany({ where: { id: actor.id, timeZone: null }, data: { timeZone: input.timeZone } });
    if (!count) {
      noChange();
      const now = await tx.user.findUniqueOrThrow({ where: { id: actor.id }, select: { timeZone: true } });
      return { timeZone: now.timeZone, set: false };
    }
    await audit({
      action: 'profile.default_time_zone',
      targetType: 'user',
      targetId: actor.id,
      before: { timeZone: null },
      after: { timeZone: input.timeZone, from: 'browser' },
    });
    return { timeZone: input.timeZone, set: true };
  },
});

// ---------------------------------------------------------------- password (issue 14, point 2)

// Changing your own password on Profile. The current password is asked for, and wrong guesses
// count with failed sign-ins from the same address (lib/server/sign-in.ts limits): someone at an
// unlocked screen cannot try passwords faster here than at the sign-in page. A change ends every
// other session of the person (session-store.ts); the one they changed it in stays.

const MAX_PASSWORD = 256;

export const ChangePasswordSchema = z
  .object({
    currentPassword: z
      .string({ error: say('password.enterCurrent') })
      .min(1, say('password.enterCurrent'))
      .max(1024, say('password.wayTooLong')),
    newPassword: z
      .string({ error: say('password.enterNew') })
      .min(PASSWORD_MIN_LENGTH, saying('password.tooShort', { min: PASSWORD_MIN_LENGTH }))
      .max(MAX_PASSWORD, saying('password.tooLong', { max: MAX_PASSWORD })),
    confirmPassword: z.string({ error: say('password.typeAgain') }).max(MAX_PASSWORD, saying('password.tooLong', { max: MAX_PASSWORD })),
  })
  .superRefine((v, ctx) => {
    if (v.newPassword !== v.confirmPassword) {
      ctx.addIssue({ code: 'custom', path: ['confirmPassword'], message: say('password.differ') });
    }
  });

type ChangeOutcome =
  { changed: true; sessionsEnded: number } | { changed: false; code: 'invalid' | 'rate_limited'; message: string; retryAfterSeconds?: number };

const WRONG = say('password.wrong');

/**
 * The mutation. A wrong current password is not thrown: the failed attempt and its audit event
 * must be kept (a refusal rolls the transaction back), so it commits them and says
 * `changed: false`; changeMyPassword turns that into the refusal.
 */
export const changePassword = defineMutation({
  name: 'user.change_password',
  permission: 'session.own',
  input: ChangePasswordSchema,
  async run({ tx, actor, input, meta, audit }): Promise<ChangeOutcome> {
    if (actor.type !== 'user' || !actor.id) throw forbidden(say('password.signedInOnly'));
    const ip = meta.ip ?? 'unknown';
    // the same limits and lock as signing in (per address): parallel guesses queue and are counted
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`relm-sign-in:${ip}`}))`;
    // then the person's row: two changes at once (two browsers) queue, and the second is judged
    // against the password the first set, so it cannot pass with the old one
    await tx.$queryRaw`SELECT "id" FROM "User" WHERE "id" = ${actor.id} FOR UPDATE`;
    const user = await tx.user.findUniqueOrThrow({ where: { id: actor.id }, select: { id: true, email: true, name: true, passwordHash: true } });
    const since = new Date(nowMs() - SIGN_IN_LIMITS.windowMinutes * 60_000);
    const failures = await tx.signInAttempt.findMany({
      where: { email: user.email, ip, success: false, at: { gte: since } },
      orderBy: { at: 'asc' },
      select: { at: true },
    });
    if (failures.length >= SIGN_IN_LIMITS.perAccountAndAddress) {
      const oldest = failures[failures.length - SIGN_IN_LIMITS.perAccountAndAddress]!.at;
      const retryAfterSeconds = Math.max(60, Math.ceil((oldest.getTime() + SIGN_IN_LIMITS.windowMinutes * 60_000 - nowMs()) / 1000));
      await audit({ action: 'user.password_change_refused', targetType: 'user', targetId: user.id, after: { reason: 'too many wrong passwords' } });
      return {
        changed: false,
        code: 'rate_limited',
        retryAfterSeconds,
        message: say('password.tooManyWrong', { minutes: Math.ceil(retryAfterSeconds / 60) }),
      };
    }
    if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
      await tx.signInAttempt.create({ data: { email: user.email, ip, success: false } });
      await audit({ action: 'user.password_change_refused', targetType: 'user', targetId: user.id, after: { reason: 'wrong current password' } });
      return { changed: false, code: 'invalid', message: WRONG };
    }
    if (input.newPassword === input.currentPassword) {
      throw invalid(say('fieldsNeedAttention'), { newPassword: [say('password.same')] });
    }
    const strength = await checkPasswordStrength(input.newPassword, { name: user.name, email: user.email });
    if (!strength.ok) throw invalid(say('password.weak'), { newPassword: strength.reasons });
    await tx.user.update({ where: { id: user.id }, data: { passwordHash: await hashPassword(input.newPassword) } });
    const sessionsEnded = await endSessionsOf(tx, user.id, 'password_changed', { except: actor.sessionId ?? null });
    await audit({ action: 'user.password_changed', targetType: 'user', targetId: user.id, after: { sessionsEnded } });
    return { changed: true, sessionsEnded };
  },
});

function settle(result: ActionResult<ChangeOutcome>): ActionResult<{ sessionsEnded: number }> {
  if (!result.ok) return result;
  const d = result.data;
  if (d.changed) return { ok: true, data: { sessionsEnded: d.sessionsEnded } };
  return { ok: false, code: d.code, message: d.message, fieldErrors: d.code === 'invalid' ? { currentPassword: [d.message] } : undefined };
}

/** Changes the signed-in person's password: the refusal of a wrong current password included, in their language. */
export async function changeMyPassword(raw: unknown): Promise<ActionResult<{ sessionsEnded: number }>> {
  const result = settle(await changePassword(raw));
  // the mutation's own refusals are in the person's language already; a wrong or rate-limited current password is said here
  return result.ok ? result : localizeFailure(result, await readerLocale());
}

/** changeMyPassword as a given actor (tests). */
export const changeMyPasswordAs =
  (actor: Actor | null, meta?: Partial<RequestMeta>) =>
  async (raw: unknown): Promise<ActionResult<{ sessionsEnded: number }>> =>
    settle(await changePassword.as(actor, meta)(raw));
