import 'server-only';
import { cookies } from 'next/headers';
import { THEME_COOKIE, toTheme, type Theme } from '@/lib/domain/theme';
import { currentUser } from './session';

// Apart from theme.ts, whose mutation the authorization matrix loads without next-auth.

/** The theme of this request: the signed-in person's, else the last one chosen in this browser (the sign-in page). */
export async function themeOfRequest(): Promise<Theme> {
  const user = await currentUser();
  if (user) return user.theme ?? 'system';
  try {
    return toTheme((await cookies()).get(THEME_COOKIE)?.value);
  } catch {
    return 'system';
  }
}
