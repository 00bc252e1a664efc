import 'server-only';
import { z } from 'zod';
import { firstOf, pageParam, textParam } from './releases';
import { ROLES } from '@/lib/domain/permissions';
import { defineMutation } from './action';
import { assertCan } from './authz';
import { conflict, invalid, notFound } from './errors';
import { db } from './db';
import { hashPassword, PASSWORD_MIN_LENGTH } from './password';
import { checkPasswordStrength } from './password-strength';
import { assertVersion, saveVersioned, versionField } from './versioned';
import type { Actor } from './actor';
import type { Prisma } from '@/lib/generated/prisma/client';
import { now } from './clock';
import { endSessionsOf } from './session-store';
import { sayer, type SayValue } from './say';

const say = sayer('server-users');
/** A message said when the check fails (so one with values is fresh for the request that reads it). */
const saying = (key: string, values?: Record<string, SayValue>) => ({ error: () => say(key, values) });

// ---------------------------------------------------------------- schemas

const email = z.string().trim().toLowerCase().min(1, say('email.required')).max(254, say('email.tooLong')).email(say('email.invalid'));
const name = z.string().trim().min(1, say('name.required')).max(120, say('name.tooLong'));
const roles = z
  .array(z.enum(ROLES, { message: say('roles.unknown') }))
  .min(1, say('roles.required'))
  .max(ROLES.length)
  .transform((r) => [...new Set(r)]);
const teamId = z
  .string()
  .trim()
  .max(64)
  .optional()
  .transform((v) => (v ? v : null));

export const CreateUserSchema = z.object({
  email,
  name,
  roles,
  teamId,
  password: z
    .string()
    .min(PASSWORD_MIN_LENGTH, saying('password.tooShort', { min: PASSWORD_MIN_LENGTH }))
    .max(256, say('password.tooLong')),
});

export const UpdateUserSchema = z.object({
  id: z.string().min(1).max(64),
  name,
  roles,
  teamId,
  // optimistic locking (versioned.ts): the version the form was opened with
  version: versionField,
});

export const ResetPasswordSchema = z.object({
  id: z.string().min(1).max(64),
  password: z
    .string()
    .min(PASSWORD_MIN_LENGTH, saying('password.tooShort', { min: PASSWORD_MIN_LENGTH }))
    .max(256, say('password.tooLong')),
});

export const SetUserDisabledSchema = z.object({
  id: z.string().min(1).max(64),
  disabled: z.boolean(),
});

// ---------------------------------------------------------------- DTOs

export interface UserDto {
  id: string;
  email: string;
  name: string;
  roles: string[];
  team: { id: string; name: string } | null;
  disabled: boolean;
  lastSignInAt: string | null;
  updatedAt: string;
  version: number;
}

const userInclude = { roles: true, team: { select: { id: true, name: true } } } satisfies Prisma.UserInclude;
type UserRow = Prisma.UserGetPayload<{ include: typeof userInclude }>;

function toDto(u: UserRow): UserDto {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    roles: u.roles.map((r) => r.role).sort((a, b) => ROLES.indexOf(a) - ROLES.indexOf(b)),
    team: u.team,
    disabled: !!u.disabledAt,
    lastSignInAt: u.lastSignInAt?.toISOString() ?? null,
    updatedAt: u.updatedAt.toISOString(),
    version: u.version,
  };
}

const snapshot = (u: UserDto) => ({ email: u.email, name: u.name, roles: u.roles, teamId: u.team?.id ?? null, disabled: u.disabled });

// ---------------------------------------------------------------- mutations

export const createUser = defineMutation({
  name: 'user.create',
  permission: 'user.manage',
  input: CreateUserSchema,
  async run({ tx, input, audit }) {
    // before any row is read: no lock is held while zxcvbn works (its dictionaries load once)
    const strength = await checkPasswordStrength(input.password, { name: input.name, email: input.email });
    if (!strength.ok) throw invalid(say('password.weak'), { password: strength.reasons });
    if (await tx.user.findUnique({ where: { email: input.email }, select: { id: true } })) {
      throw conflict(say('email.taken'), { email: [say('email.taken')] });
    }
    if (input.teamId && !(await tx.team.findUnique({ where: { id: input.teamId }, select: { id: true } }))) {
      throw invalid(say('team.missing'), { teamId: [say('team.missingReload')] });
    }
    const user = await tx.user.create({
      data: {
        email: input.email,
        name: input.name,
        teamId: input.teamId,
        passwordHash: await hashPassword(input.password),
        roles: { create: input.roles.map((role) => ({ role })) },
      },
      include: userInclude,
    });
    const dto = toDto(user);
    await audit({ action: 'user.create', targetType: 'user', targetId: user.id, after: snapshot(dto) });
    return dto;
  },
});

export const updateUser = defineMutation({
  name: 'user.update',
  permission: 'user.manage',
  input: UpdateUserSchema,
  async run({ tx, actor, input, audit }) {
    const current = await tx.user.findUnique({ where: { id: input.id }, include: userInclude });
    if (!current) throw notFound(say('thatUser'));
    await assertVersion(tx, 'user', current, input.version);
    if (input.teamId && !(await tx.team.findUnique({ where: { id: input.teamId }, select: { id: true } }))) {
      throw invalid(say('team.missing'), { teamId: [say('team.missingReload')] });
    }
    if (current.id === actor.id && !input.roles.includes('admin')) {
      throw invalid(say('ownAdmin.message'), { roles: [say('ownAdmin.field')] });
    }
    if (current.roles.some((r) => r.role === 'admin') && !input.roles.includes('admin')) {
      await assertAnotherActiveAdmin(tx, current.id);
    }
    const before = toDto(current);
    const rolesChanged = before.roles.join() !== [...input.roles].sort((a, b) => ROLES.indexOf(a) - ROLES.indexOf(b)).join();
    const teamChanged = (current.teamId ?? null) !== input.teamId;
    // the compare-and-set comes first: of two saves of the same version, the second waits here and is refused
    await saveVersioned(tx, actor, {
      model: 'user',
      id: current.id,
      expectedVersion: input.version,
      data: {
        name: input.name,
        teamId: input.teamId,
        // roles or team changed: the user's current sessions end on their next request
        ...(rolesChanged || teamChanged ? { sessionVersion: { increment: 1 } } : {}),
      },
    });
    await tx.userRole.deleteMany({ where: { userId: current.id } });
    await tx.userRole.createMany({ data: input.roles.map((role) => ({ userId: current.id, role })) });
    const updated = await tx.user.findUniqueOrThrow({ where: { id: current.id }, include: userInclude });
    const after = toDto(updated);
    await audit({ action: 'user.update', targetType: 'user', targetId: current.id, before: snapshot(before), after: snapshot(after) });
    return after;
  },
});

export const setUserDisabled = defineMutation({
  name: 'user.set_disabled',
  permission: 'user.manage',
  input: SetUserDisabledSchema,
  async run({ tx, actor, input, audit, noChange }) {
    const current = await tx.user.findUnique({ where: { id: input.id }, include: userInclude });
    if (!current) throw notFound(say('thatUser'));
    if (input.disabled && current.id === actor.id) throw invalid(say('disableSelf'));
    if (input.disabled && current.roles.some((r) => r.role === 'admin')) await assertAnotherActiveAdmin(tx, current.id);
    if (!!current.disabledAt === input.disabled) {
      noChange();
      return toDto(current);
    }
    // not an edit form's save: no expected version, but the bump makes an editor opened before it stale
    await saveVersioned(tx, actor, { model: 'user', id: current.id, data: { disabledAt: input.disabled ? now() : null, sessionVersion: { increment: 1 } } });
    const updated = await tx.user.findUniqueOrThrow({ where: { id: current.id }, include: userInclude });
    await audit({
      action: input.disabled ? 'user.disable' : 'user.enable',
      targetType: 'user',
      targetId: current.id,
      before: { disabled: !!current.disabledAt },
      after: { disabled: input.disabled },
    });
    return toDto(updated);
  },
});

/**
 * An admin sets a new password for someone (there is no self-service change): every session
 * of that user ends, so whoever held the old password or a copied cookie is out. An admin
 * resetting their own password keeps the session they are using.
 */
export const resetPassword = defineMutation({
  name: 'user.reset_password',
  permission: 'user.manage',
  input: ResetPasswordSchema,
  async run({ tx, actor, input, audit }) {
    const current = await tx.user.findUnique({ where: { id: input.id }, select: { id: true, email: true } });
    if (!current) throw notFound(say('thatUser'));
    await tx.user.update({ where: { id: current.id }, data: { passwordHash: await hashPassword(input.password) } });
    const sessionsEnded = await endSessionsOf(tx, current.id, 'password_reset', { except: current.id === actor.id ? actor.sessionId : null });
    await audit({ action: 'user.reset_password', targetType: 'user', targetId: current.id, after: { email: current.email, sessionsEnded } });
    return { email: current.email, sessionsEnded };
  },
});

async function assertAnotherActiveAdmin(tx: Prisma.TransactionClient, exceptUserId: string) {
  // Serialize every change that can remove an admin: two admins demoting each other
  // at once would otherwise each count the other and leave none (READ COMMITTED: the
  // count below, taken after the lock, sees the other transaction's committed change).
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(7311043)`;
  const others = await tx.user.count({
    where: { id: { not: exceptUserId }, disabledAt: null, roles: { some: { role: 'admin' } } },
  });
  if (others === 0) throw invalid(say('lastAdmin'));
}

// ---------------------------------------------------------------- reads

// Anything may arrive from a query string: each field falls back instead of throwing.
export const ListUsersSchema = z
  .object({
    q: textParam(100),
    role: z.preprocess(firstOf, z.enum(ROLES).optional()).catch(undefined),
    status: z.preprocess(firstOf, z.enum(['active', 'disabled']).optional()).catch(undefined),
    page: pageParam.default(1),
  })
  .catch({ q: undefined, role: undefined, status: undefined, page: 1 });

export async function listUsers(actor: Actor | null, raw: unknown, pageSize = 25) {
  assertCan(actor, 'user.read');
  const f = ListUsersSchema.parse(raw);
  const where: Prisma.UserWhereInput = {
    ...(f.q ? { OR: [{ email: { contains: f.q, mode: 'insensitive' } }, { name: { contains: f.q, mode: 'insensitive' } }] } : {}),
    ...(f.role ? { roles: { some: { role: f.role } } } : {}),
    ...(f.status === 'active' ? { disabledAt: null } : f.status === 'disabled' ? { disabledAt: { not: null } } : {}),
  };
  const prisma = await db();
  const [total, rows] = await Promise.all([
    prisma.user.count({ where }),
    prisma.user.findMany({ where, include: userInclude, orderBy: { email: 'asc' }, skip: (f.page - 1) * pageSize, take: pageSize }),
  ]);
  return { filters: f, total, page: f.page, pageSize, users: rows.map(toDto) };
}

export async function getUser(actor: Actor | null, id: string): Promise<UserDto | null> {
  assertCan(actor, 'user.read');
  if (typeof id !== 'string' || id.length > 64) return null;
  const prisma = await db();
  const u = await prisma.user.findUnique({ where: { id }, include: userInclude });
  return u ? toDto(u) : null;
}
