import 'server-only';
import { cache } from 'react';
import { redirect } from 'next/navigation';
import { auth } from './auth';
import { actorForSession } from './session-store';
import { noteActor } from './request-meta';
import type { Actor } from './actor';

/**
 * The signed-in person, read fresh from the database on every request: the cookie names a
 * server-side session (lib/server/sessions.ts), and a session that was ended (signed out,
 * signed out everywhere, ended by an admin, password reset) or has expired counts as signed
 * out, as does a disabled account or a session issued before the user's roles or team
 * changed (session version bumped). Roles always come from the database, never from the
 * cookie.
 */
export const currentUser = cache(async (): Promise<Actor | null> => {
  let session;
  try {
    session = await auth();
  } catch {
    return null;
  }
  if (!session?.user?.id) return null;
  const actor = await actorForSession({ userId: session.user.id, sessionId: session.sessionId, sessionVersion: session.sessionVersion });
  // the request's log line names who made it (lib/server/log.ts)
  await noteActor(actor);
  return actor;
});

/** For pages and layouts: the signed-in person, or off to the sign-in page. */
export async function requireUser(): Promise<Actor> {
  const user = await currentUser();
  if (!user) redirect('/sign-in');
  return user;
}
