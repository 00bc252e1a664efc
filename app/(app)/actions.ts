'use server';

import { signOut } from '@/lib/server/auth';
import { currentUser } from '@/lib/server/session';
import { endSession } from '@/lib/server/sessions';

/**
 * Ends this session's row first, so the cookie stops working everywhere (even a copy of
 * it), then clears the cookie. A session already ended or expired only needs the latter.
 */
export async function signOutAction(): Promise<void> {
  if (await currentUser()) {
    const result = await endSession({ session: 'current' });
    if (!result.ok) console.error('[relm] sign-out could not end the session:', result.message);
  }
  await signOut({ redirectTo: '/sign-in' });
}
