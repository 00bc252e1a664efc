'use server';

import { signOut } from '@/lib/server/auth';
import { currentUser } from '@/lib/server/session';
import { endSession } from '@/lib/server/sessions';
import { defaultMyTimeZone } from '@/lib/server/profile';

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

/**
 * The browser's time zone as the person's first one (components/profile/browser-time-zone.tsx).
 * Returns whether it was written, so the page refreshes (router.refresh) only then.
 */
export async function defaultTimeZoneAction(timeZone: string): Promise<boolean> {
  const result = await defaultMyTimeZone({ timeZone: typeof timeZone === 'string' ? timeZone.slice(0, 80) : '' });
  if (!result.ok || !result.data.set) return false;
  return true;
}
