import 'server-only';
import crypto from 'node:crypto';
import { z } from 'zod';
import { PERMISSIONS, permissionsOf, ROLES, type Permission, type Role } from '@/lib/domain/permissions';
import { defineMutation } from './action';
import { appendAudits } from './audit';
import { assertCan } from './authz';
import { db, type Tx } from './db';
import { conflict, forbidden, invalid, notFound } from './errors';
import type { Actor, TokenUse } from './actor';
import { now as clockNow, nowMs } from './clock';
import { sayer } from './say';

const say = sayer('server-api-tokens');

// Personal API tokens (docs/decisions/005-api-tokens-and-cli.md).
// Format: relm_<prefix: 8 base62>_<secret: 43 base62 = 256 bits>. Only the
// sha256 of the whole token is stored; the prefix is kept so people can tell
// their tokens apart. A token acts with its owner's CURRENT roles, narrowed to
// its scopes ("*" = everything the owner's roles allow at the time of use).

export const TOKEN_PREFIX = 'relm_';
const BASE62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const TOKEN_PATTERN = /^relm_([A-Za-z0-9]{8})_([A-Za-z0-9]{43})$/;
export const ALL_SCOPES = '*';
export const EXPIRY_DAYS = [7, 30, 90, 365] as const;
export const MAX_ACTIVE_TOKENS = 50;

function randomBase62(length: number): string {
  let out = '';
  while (out.length < length) {
    for (const byte of crypto.randomBytes(length * 2)) {
      // 248 = 4 * 62: rejecting bytes above it keeps every character equally likely
      if (byte < 248 && out.length < length) out += BASE62[byte % 62];
    }
  }
  return out;
}

export function generateToken(): { token: string; prefix: string } {
  const prefix = randomBase62(8);
  return { token: `${TOKEN_PREFIX}${prefix}_${randomBase62(43)}`, prefix };
}

export const hashToken = (token: string) => crypto.createHash('sha256').update(token, 'utf8').digest('hex');

// ---------------------------------------------------------------- schemas

const tokenName = z
  .string()
  .trim()
  .min(1, say('name.required'))
  .max(80, say('name.tooLong'))
  .regex(/^[^\p{Cc}]*$/u, say('name.controlCharacters'));

const scopes = z
  .array(z.string().trim().max(64), { message: say('scopes.chooseOne') })
  .min(1, say('scopes.chooseOneOrAll'))
  .max(PERMISSIONS.length + 1)
  .transform((s) => [...new Set(s.filter(Boolean))])
  .superRefine((s, ctx) => {
    if (s.length === 0) ctx.addIssue({ code: 'custom', message: say('scopes.chooseOneOrAll') });
    const unknown = s.filter((x) => x !== ALL_SCOPES && !(PERMISSIONS as readonly string[]).includes(x));
    if (unknown.length) {
      ctx.addIssue({
        code: 'custom',
        message: say('scopes.unknown', { count: unknown.length, scopes: unknown.slice(0, 5).join(', ') }),
      });
    }
  })
  // "*" already covers everything else
  .transform((s) => (s.includes(ALL_SCOPES) ? [ALL_SCOPES] : s.sort()));

const expiresInDays = z
  .union([z.number(), z.string()])
  .optional()
  .transform((v, ctx) => {
    if (v === undefined || v === '' || v === 'never') return null;
    const n = typeof v === 'number' ? v : Number(v);
    if (!Number.isInteger(n) || n < 1 || n > 3650) {
      ctx.addIssue({ code: 'custom', message: say('expiry') });
      return z.NEVER;
    }
    return n;
  });

export const CreateApiTokenSchema = z.object({ name: tokenName, scopes, expiresInDays });
export const CreateApiTokenForSchema = CreateApiTokenSchema.extend({
  email: z.string().trim().toLowerCase().min(1, say('email.required')).max(254),
});
export const RevokeApiTokenSchema = z.object({ id: z.string().trim().min(1).max(64) });

// ---------------------------------------------------------------- DTOs

export interface ApiTokenDto {
  id: string;
  name: string;
  prefix: string;
  /** "relm_ab12CD34_…": enough to recognise, never enough to use */
  display: string;
  scopes: string[];
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
  status: 'active' | 'revoked' | 'expired';
}

type TokenRow = {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
};

function toDto(t: TokenRow, now = clockNow()): ApiTokenDto {
  return {
    id: t.id,
    name: t.name,
    prefix: t.prefix,
    display: `${TOKEN_PREFIX}${t.prefix}_…`,
    scopes: t.scopes,
    createdAt: t.createdAt.toISOString(),
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
    expiresAt: t.expiresAt?.toISOString() ?? null,
    revokedAt: t.revokedAt?.toISOString() ?? null,
    status: t.revokedAt ? 'revoked' : t.expiresAt && t.expiresAt <= now ? 'expired' : 'active',
  };
}

const tokenSelect = { id: true, name: true, prefix: true, scopes: true, createdAt: true, lastUsedAt: true, expiresAt: true, revokedAt: true } as const;

const snapshot = (t: ApiTokenDto, ownerEmail: string) => ({
  name: t.name,
  prefix: t.prefix,
  scopes: t.scopes,
  expiresAt: t.expiresAt,
  owner: ownerEmail,
});

export interface CreatedApiToken {
  /** the token itself: shown once, never stored, never retrievable again */
  token: string;
  apiToken: ApiTokenDto;
  owner: { id: string; email: string };
}

/** Scopes a holder of these roles may grant: the permissions their roles give, plus "*". */
export function grantableScopes(roles: readonly string[]): Permission[] {
  return permissionsOf(roles);
}

const toRoles = (rows: { role: string }[]): Role[] => rows.map((r) => r.role).filter((r): r is Role => (ROLES as readonly string[]).includes(r));

/** `whose`: the caller's own roles, or those of the user with this email. */
function assertGrantable(requested: string[], roles: readonly string[], whose: { email: string } | 'yours') {
  if (requested.includes(ALL_SCOPES)) return;
  const allowed = new Set<string>(grantableScopes(roles));
  const beyond = requested.filter((s) => !allowed.has(s));
  if (beyond.length) {
    const values = { scopes: beyond.join(', '), count: beyond.length };
    const msg = whose === 'yours' ? say('notGrantable.yours', values) : say('notGrantable.theirs', { ...values, email: whose.email });
    throw invalid(msg, { scopes: [msg] });
  }
}

async function insertToken(
  tx: Tx,
  owner: { id: string; email: string },
  input: z.output<typeof CreateApiTokenSchema>,
  audit: (e: { action: string; targetType: string; targetId: string; after: unknown }) => Promise<void>,
): Promise<CreatedApiToken> {
  const active = await tx.apiToken.count({ where: { userId: owner.id, revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: clockNow() } }] } });
  if (active >= MAX_ACTIVE_TOKENS) {
    throw conflict(say('tooMany', { email: owner.email, active }));
  }
  const { token, prefix } = generateToken();
  const row = await tx.apiToken.create({
    data: {
      userId: owner.id,
      name: input.name,
      prefix,
      tokenHash: hashToken(token),
      scopes: input.scopes,
      expiresAt: input.expiresInDays ? new Date(nowMs() + input.expiresInDays * 86_400_000) : null,
    },
    select: tokenSelect,
  });
  const dto = toDto(row);
  await audit({ action: 'token.create', targetType: 'api_token', targetId: row.id, after: snapshot(dto, owner.email) });
  return { token, apiToken: dto, owner };
}

// ---------------------------------------------------------------- mutations

/** Creates a token for the signed-in person. The plain token is in the result, once. */
export const createApiToken = defineMutation({
  name: 'token.create',
  permission: 'token.own',
  input: CreateApiTokenSchema,
  async run({ tx, actor, input, audit }) {
    if (actor.type === 'token') throw forbidden(say('tokenCannotCreate'));
    if (!actor.id) throw invalid(say('onlyPersonOwns'));
    const owner = await tx.user.findUnique({ where: { id: actor.id }, select: { id: true, email: true, disabledAt: true, roles: true } });
    if (!owner || owner.disabledAt) throw notFound(say('yourAccount'));
    assertGrantable(input.scopes, toRoles(owner.roles), 'yours');
    return insertToken(tx, owner, input, audit);
  },
});

/** An operator (the command line) creates a token for someone, limited by THEIR roles. */
export const createApiTokenFor = defineMutation({
  name: 'token.create_for',
  permission: 'user.manage',
  input: CreateApiTokenForSchema,
  async run({ tx, input, audit }) {
    const owner = await tx.user.findUnique({ where: { email: input.email }, select: { id: true, email: true, disabledAt: true, roles: true } });
    if (!owner) throw invalid(say('noSuchUser', { email: input.email }), { email: [say('noSuchUser', { email: input.email })] });
    if (owner.disabledAt) throw invalid(say('ownerDisabled', { email: owner.email }), { email: [say('thatUserDisabled')] });
    assertGrantable(input.scopes, toRoles(owner.roles), { email: owner.email });
    return insertToken(tx, owner, input, audit);
  },
});

/** Revokes one of the caller's own tokens; anyone else's is "not found". Revoking twice changes nothing. */
export const revokeApiToken = defineMutation({
  name: 'token.revoke',
  permission: 'token.own',
  input: RevokeApiTokenSchema,
  async run({ tx, actor, input, audit, noChange }) {
    const row = await tx.apiToken.findUnique({ where: { id: input.id }, select: { ...tokenSelect, userId: true, user: { select: { email: true } } } });
    if (!row || !actor.id || row.userId !== actor.id) throw notFound(say('thatToken'));
    if (row.revokedAt) {
      noChange();
      return toDto(row);
    }
    // conditional, so two revocations at once record one revocation
    const { count } = await tx.apiToken.updateMany({ where: { id: row.id, revokedAt: null }, data: { revokedAt: clockNow() } });
    const updated = await tx.apiToken.findUniqueOrThrow({ where: { id: row.id }, select: tokenSelect });
    if (count === 0) {
      noChange();
      return toDto(updated);
    }
    const dto = toDto(updated);
    await audit({
      action: 'token.revoke',
      targetType: 'api_token',
      targetId: row.id,
      before: { revoked: false },
      after: { ...snapshot(dto, row.user.email), revoked: true },
    });
    return dto;
  },
});

// ---------------------------------------------------------------- reads

/** The caller's own tokens, newest first. Never includes hashes. */
export async function listMyApiTokens(actor: Actor | null): Promise<ApiTokenDto[]> {
  assertCan(actor, 'token.own');
  if (!actor.id) return [];
  const prisma = await db();
  const rows = await prisma.apiToken.findMany({
    where: { userId: actor.id },
    select: tokenSelect,
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: 200,
  });
  const now = clockNow();
  return rows.map((r) => toDto(r, now));
}

// ---------------------------------------------------------------- authentication

/** How stale lastUsedAt may get: a token used all day is written at most every 5 minutes. */
export const LAST_USED_RESOLUTION_MS = 5 * 60_000;
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export type BearerResult = { ok: true; actor: Actor; tokenUse?: TokenUse } | { ok: false; status: 401 | 403; message: string };

const unauthorized = (message: string): BearerResult => ({ ok: false, status: 401, message });

/**
 * Resolves "Authorization: Bearer relm_…" to an Actor acting with the owner's
 * current roles, narrowed to the token's scopes. Records the use cheaply: lastUsedAt
 * to within LAST_USED_RESOLUTION_MS, and a token.use audit event for requests that are
 * not reads (GET, HEAD, OPTIONS), whose changes are audited anyway.
 */
export async function actorFromBearer(
  authorization: string | null,
  meta: {
    requestId: string;
    ip: string | null;
    method: string;
    path: string;
    clientRequestId?: string | null;
    /** hand the token.use event back (BearerResult.tokenUse) instead of writing it here */
    deferUse?: boolean;
  },
): Promise<BearerResult> {
  if (!authorization || !authorization.trim()) {
    return unauthorized(say('bearer.missing'));
  }
  const match = /^\s*Bearer\s+(\S+)\s*$/i.exec(authorization.slice(0, 512));
  if (!match) return unauthorized(say('bearer.malformed', { form: '"Bearer <token>"' }));
  const token = match[1]!;
  if (!TOKEN_PATTERN.test(token)) {
    return unauthorized(say('bearer.notAToken'));
  }
  const presented = hashToken(token);
  const prisma = await db();
  // Looked up by hash: the hash of a 256-bit secret reveals nothing, and the
  // comparison below is constant-time anyway.
  const row = await prisma.apiToken.findUnique({
    where: { tokenHash: presented },
    include: { user: { include: { roles: true } } },
  });
  if (!row || !crypto.timingSafeEqual(Buffer.from(row.tokenHash, 'hex'), Buffer.from(presented, 'hex'))) {
    return unauthorized(say('bearer.unknown'));
  }
  const display = `${TOKEN_PREFIX}${row.prefix}_…`;
  if (row.revokedAt) {
    return unauthorized(say('bearer.revoked', { name: row.name, display, at: row.revokedAt.toISOString() }));
  }
  if (row.expiresAt && row.expiresAt <= clockNow()) {
    return unauthorized(say('bearer.expired', { name: row.name, display, at: row.expiresAt.toISOString() }));
  }
  if (row.user.disabledAt) {
    return unauthorized(say('bearer.ownerDisabled', { email: row.user.email }));
  }
  const actor: Actor = {
    type: 'token',
    id: row.user.id,
    label: `token ${row.name} of ${row.user.email}`,
    email: row.user.email,
    name: row.user.name,
    roles: toRoles(row.user.roles),
    teamId: row.user.teamId,
    tokenId: row.id,
    scopes: row.scopes,
  };
  // Reads write nothing on the hot path (docs/decisions/018): lastUsedAt moves at most once per
  // LAST_USED_RESOLUTION_MS, by one conditional UPDATE that never waits on the audit chain lock,
  // and only requests that change something append a token.use event.
  const at = clockNow();
  const stale = new Date(at.getTime() - LAST_USED_RESOLUTION_MS);
  if (!row.lastUsedAt || row.lastUsedAt < stale) {
    await prisma.apiToken.updateMany({
      where: { id: row.id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: stale } }] },
      data: { lastUsedAt: at },
    });
  }
  if (!SAFE_METHODS.has(meta.method.toUpperCase())) {
    const use: TokenUse = {
      actor,
      event: {
        action: 'token.use',
        targetType: 'api_token',
        targetId: row.id,
        after: { method: meta.method.slice(0, 16), path: meta.path.slice(0, 500), requestId: meta.requestId },
      },
      at,
      written: false,
    };
    // the API hands it to the request's mutation, which writes it with its own events (decision 062)
    if (meta.deferUse) return { ok: true, actor, tokenUse: use };
    // one event on its own: no transaction to open and commit around it
    await appendAudits(prisma, { requestId: meta.requestId, ip: meta.ip, clientRequestId: meta.clientRequestId ?? null }, [use]);
    use.written = true;
  }
  return { ok: true, actor };
}

// ---------------------------------------------------------------- profile

export interface MyProfile {
  name: string;
  email: string;
  roles: Role[];
  team: { name: string; slug: string } | null;
  /** the scopes the create form offers: permissions the roles give */
  grantableScopes: Permission[];
  /** the person's time zone, or null (each release's own) */
  timeZone: string | null;
}

/** Who the caller is, for the profile page. */
export async function getMyProfile(actor: Actor | null): Promise<MyProfile | null> {
  assertCan(actor, 'token.own');
  if (!actor.id) return null;
  const prisma = await db();
  const user = await prisma.user.findUnique({ where: { id: actor.id }, include: { roles: true, team: { select: { name: true, slug: true } } } });
  if (!user) return null;
  const roles = toRoles(user.roles).sort((a, b) => ROLES.indexOf(a) - ROLES.indexOf(b));
  return { name: user.name, email: user.email, roles, team: user.team, grantableScopes: grantableScopes(roles), timeZone: user.timeZone };
}
