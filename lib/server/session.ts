import 'server-only';
import { cache } from 'react';
import { redirect } from 'next/navigation';
import { auth } from './auth';
import { ROLES, type Role } from '@/lib/domain/permissions';
import { db } from './db';
import type { Actor } from './actor';

/**
 * The signed-in person, read fresh from the database on every request: a disabled
 * account, or a session issued before the user's roles or team changed (session
 * version bumped), counts as signed out. Roles always come from the database,
 * never from the cookie.
 */
export const currentUser = cache(async (): Promise<Actor | null> => {
  let session;
  try {
    session = await auth();
  } catch {
    return null;
  }
  const id = session?.user?.id;
  if (!id) return null;
  const prisma = await db();
  const user = await prisma.user.findUnique({ where: { id }, include: { roles: true } });
  if (!user || user.disabledAt || user.sessionVersion !== session?.sessionVersion) return null;
  return {
    type: 'user',
    id: user.id,
    label: user.email,
    email: user.email,
    name: user.name,
    roles: user.roles.map((r) => r.role).filter((r): r is Role => (ROLES as readonly string[]).includes(r)),
    teamId: user.teamId,
  };
});

/** For pages and layouts: the signed-in person, or off to the sign-in page. */
export async function requireUser(): Promise<Actor> {
  const user = await currentUser();
  if (!user) redirect('/sign-in');
  return user;
}
