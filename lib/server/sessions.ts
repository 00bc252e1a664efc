import 'server-only';
import { z } from 'zod';
import { defineMutation } from './action';
import { assertCan } from './authz';
import { db } from './db';
import { invalid, notFound } from './errors';
import { now } from './clock';
import { activeWhere, endSessionsOf, sessionRef, type SessionEndReason } from './session-store';
import type { Actor } from './actor';
import type { Locale } from '@/lib/domain/locale';
import { localize, sayer } from './say';

const say = sayer('server-sessions');

/** A session whose browser is not known (as lib/domain/user-agent.ts names it when the row is written). */
const UNKNOWN_BROWSER = say('unknownBrowser');

// Server-side sessions (docs/decisions/034-server-side-sessions.md). The session cookie is
// still next-auth's JWT, but it carries the id of a Session row, and a request is signed in
// only while that row is neither ended nor expired: ending the row ends the cookie, wherever
// a copy of it is. The rows themselves: session-store.ts. Here: what people see and do.

// ---------------------------------------------------------------- reads

export interface SessionDto {
  ref: string;
  device: string;
  ip: string | null;
  signedInAt: string;
  lastSeenAt: string;
  expiresAt: string;
  /** the session this page was loaded through */
  current: boolean;
}

async function activeSessions(userId: string, currentId: string | undefined): Promise<SessionDto[]> {
  const prisma = await db();
  const rows = await prisma.session.findMany({
    where: { userId, ...activeWhere() },
    orderBy: [{ lastSeenAt: 'desc' }, { id: 'asc' }],
    take: 100,
  });
  return rows.map((s) => ({
    ref: sessionRef(s.id),
    device: s.userAgent || UNKNOWN_BROWSER,
    ip: s.ip,
    signedInAt: s.createdAt.toISOString(),
    lastSeenAt: s.lastSeenAt.toISOString(),
    expiresAt: s.expiresAt.toISOString(),
    current: s.id === currentId,
  }));
}

/** Sessions as a page shows them: the device Relm names ("Unknown browser") in the reader's language. */
export function sessionsIn(sessions: SessionDto[], locale: Locale): SessionDto[] {
  return locale === 'en' ? sessions : sessions.map((s) => ({ ...s, device: localize(s.device, locale) }));
}

/** Your active sessions, this one first. */
export async function listMySessions(actor: Actor | null): Promise<SessionDto[]> {
  assertCan(actor, 'session.own');
  if (!actor.id) return [];
  const list = await activeSessions(actor.id, actor.sessionId);
  return [...list.filter((s) => s.current), ...list.filter((s) => !s.current)];
}

/** A user's active sessions, for the admin user page. */
export async function listUserSessions(actor: Actor | null, userId: string): Promise<SessionDto[]> {
  assertCan(actor, 'user.read');
  if (typeof userId !== 'string' || userId.length > 64) return [];
  return activeSessions(userId, actor.sessionId);
}

// ---------------------------------------------------------------- mutations

export const EndSessionSchema = z.object({
  // "current" (signing out), or the reference of another of your sessions
  session: z.union([z.literal('current'), z.string().regex(/^[A-Za-z0-9_-]{22}$/, say('chooseSession'))], {
    error: say('chooseSession'),
  }),
});

export const endSession = defineMutation({
  name: 'session.end',
  permission: 'session.own',
  input: EndSessionSchema,
  async run({ tx, actor, input, audit }) {
    if (!actor.id) throw invalid(say('onlyPerson'));
    let id: string | undefined;
    if (input.session === 'current') {
      if (!actor.sessionId) throw invalid(say('noSession'));
      id = actor.sessionId;
    } else {
      const mine = await tx.session.findMany({ where: { userId: actor.id, ...activeWhere() }, select: { id: true } });
      id = mine.find((s) => sessionRef(s.id) === input.session)?.id;
      if (!id) throw notFound(say('thatSession'));
    }
    const reason: SessionEndReason = id === actor.sessionId ? 'signed_out' : 'ended_by_user';
    const { count } = await tx.session.updateMany({ where: { id, userId: actor.id, endedAt: null }, data: { endedAt: now(), endedReason: reason } });
    await audit({
      action: reason === 'signed_out' ? 'auth.sign_out' : 'session.end',
      targetType: 'user',
      targetId: actor.id,
      after: { session: sessionRef(id), reason, ended: count },
    });
    return { ended: count, current: id === actor.sessionId };
  },
});

export const endAllMySessions = defineMutation({
  name: 'session.end_all',
  permission: 'session.own',
  input: z.object({}),
  async run({ tx, actor, audit }) {
    if (!actor.id) throw invalid(say('onlyPerson'));
    const ended = await endSessionsOf(tx, actor.id, 'signed_out_everywhere');
    // audited even when nothing was open: "signed out everywhere" is worth finding later
    await audit({ action: 'session.end_all', targetType: 'user', targetId: actor.id, after: { ended } });
    return { ended };
  },
});

export const EndUserSessionsSchema = z.object({
  userId: z
    .string({ error: say('chooseUser') })
    .trim()
    .min(1, say('chooseUser'))
    .max(64, say('chooseUser')),
});

export const endUserSessions = defineMutation({
  name: 'session.end_for_user',
  permission: 'user.manage',
  input: EndUserSessionsSchema,
  async run({ tx, input, audit }) {
    const user = await tx.user.findUnique({ where: { id: input.userId }, select: { id: true, email: true } });
    if (!user) throw notFound(say('thatUser'));
    const ended = await endSessionsOf(tx, user.id, 'ended_by_admin');
    await audit({ action: 'session.end_for_user', targetType: 'user', targetId: user.id, after: { email: user.email, ended } });
    return { ended };
  },
});
