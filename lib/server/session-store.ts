import 'server-only';
import crypto from 'node:crypto';
import { ROLES, type Role } from '@/lib/domain/permissions';
import { summarizeUserAgent } from '@/lib/domain/user-agent';
import { toTheme } from '@/lib/domain/theme';
import { db, type Tx } from './db';
import { now, nowMs } from './clock';
import type { Actor } from './actor';

// The server-side session rows (docs/decisions/034-server-side-sessions.md): started at
// sign-in, looked up on every request, ended by sign-out and friends. No mutations here
// (those are in sessions.ts), so the sign-in path (auth.ts, sign-in.ts, session.ts) can use
// it without importing the mutation machinery.

/** How long a session lasts from sign-in (the JWT's maxAge is the same). */
export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;
/** lastSeenAt is written at most this often per session, so most requests only read. */
export const LAST_SEEN_EVERY_MS = 60_000;

export const SESSION_END_REASONS = ['signed_out', 'signed_out_everywhere', 'ended_by_user', 'ended_by_admin', 'password_reset', 'password_changed'] as const;
export type SessionEndReason = (typeof SESSION_END_REASONS)[number];

/** 256 random bits: the JWT carries it, so it must not be guessable. */
export const newSessionId = () => crypto.randomBytes(32).toString('base64url');

/**
 * What pages and forms call a session. The id itself stays on the server (it is what the
 * cookie carries); the reference is a one-way digest of it, safe to put in a form.
 */
export const sessionRef = (id: string) => crypto.createHash('sha256').update(`relm-session:${id}`).digest('base64url').slice(0, 22);

/** Writes the row of a new sign-in (inside the sign-in's transaction) and returns its id. */
export async function startSession(tx: Tx, s: { userId: string; userAgent?: string | null; ip?: string | null }): Promise<string> {
  const id = newSessionId();
  const at = now();
  await tx.session.create({
    data: {
      id,
      userId: s.userId,
      createdAt: at,
      lastSeenAt: at,
      expiresAt: new Date(at.getTime() + SESSION_MAX_AGE_SECONDS * 1000),
      userAgent: summarizeUserAgent(s.userAgent),
      ip: s.ip?.slice(0, 64) ?? null,
    },
  });
  return id;
}

/** The claims of a session cookie that matter here (set by lib/server/auth.ts). */
export interface SessionClaims {
  userId?: unknown;
  sessionId?: unknown;
  sessionVersion?: unknown;
}

/**
 * The person a session cookie signs in, or null: one lookup by primary key (with the user
 * and roles joined). Refused when the row is missing, ended or expired, belongs to someone
 * else, the user is disabled, or the user's session version moved on (roles, team, status).
 */
export async function actorForSession(claims: SessionClaims): Promise<Actor | null> {
  const sid = claims.sessionId;
  if (typeof sid !== 'string' || !sid || sid.length > 64) return null;
  const prisma = await db();
  const row = await prisma.session.findUnique({ where: { id: sid }, include: { user: { include: { roles: true } } } });
  if (!row || row.endedAt || row.expiresAt.getTime() <= nowMs()) return null;
  const user = row.user;
  if (user.id !== claims.userId || user.disabledAt || user.sessionVersion !== claims.sessionVersion) return null;
  if (nowMs() - row.lastSeenAt.getTime() >= LAST_SEEN_EVERY_MS) {
    // Best effort: a failed "last seen" write must not sign anyone out. The condition on
    // the old value makes parallel requests write it once.
    await prisma.session
      .updateMany({ where: { id: sid, lastSeenAt: row.lastSeenAt }, data: { lastSeenAt: now() } })
      .catch((err: unknown) => console.error('[relm] session last-seen update failed', err));
  }
  return {
    type: 'user',
    id: user.id,
    label: user.email,
    email: user.email,
    name: user.name,
    roles: user.roles.map((r) => r.role).filter((r): r is Role => (ROLES as readonly string[]).includes(r)),
    teamId: user.teamId,
    sessionId: row.id,
    theme: toTheme(user.theme),
    timeZone: user.timeZone,
    locale: user.locale,
  };
}

export const activeWhere = () => ({ endedAt: null, expiresAt: { gt: now() } });

/** Ends a user's active sessions (all, or all but one) in the caller's transaction; returns how many. */
export async function endSessionsOf(tx: Tx, userId: string, reason: SessionEndReason, opts: { except?: string | null } = {}): Promise<number> {
  const { count } = await tx.session.updateMany({
    where: { userId, ...activeWhere(), ...(opts.except ? { id: { not: opts.except } } : {}) },
    data: { endedAt: now(), endedReason: reason },
  });
  return count;
}

/** Ended and expired sessions stay listed (Profile, the admin's user page) this long, then go. */
export const SESSION_RETENTION_DAYS = 30;

/**
 * Deletes session rows that ended or expired more than SESSION_RETENTION_DAYS ago (the minute
 * tick, lib/server/jobs/runtime.ts). Their ending is in the audit trail already.
 */
export async function pruneOldSessions(at: Date = now()): Promise<number> {
  const before = new Date(at.getTime() - SESSION_RETENTION_DAYS * 86_400_000);
  const prisma = await db();
  const { count } = await prisma.session.deleteMany({ where: { OR: [{ endedAt: { lt: before } }, { expiresAt: { lt: before } }] } });
  return count;
}
