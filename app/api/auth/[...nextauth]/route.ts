import type { NextRequest } from 'next/server';
import { methodNotAllowed } from '@/lib/server/api';
import { handlers } from '@/lib/server/auth';
import { currentUser } from '@/lib/server/session';

export const { POST } = handlers;

/**
 * next-auth's own endpoints, except that `GET /api/auth/session` first asks Relm whether the
 * cookie's server-side session still holds (lib/server/session.ts): next-auth alone would
 * describe any unexpired cookie, even one whose session was ended (signed out, ended by an
 * admin, password changed). An ended session reads as no session, as next-auth says it: `null`.
 */
export async function GET(request: NextRequest) {
  if (request.nextUrl.pathname.replace(/\/+$/, '').endsWith('/api/auth/session') && !(await currentUser())) {
    return Response.json(null, { headers: { 'Cache-Control': 'private, no-cache, no-store' } });
  }
  return handlers.GET(request);
}

// other methods: a JSON 405 with Allow, as on every route
const notAllowed = methodNotAllowed(['GET', 'POST']);
export { notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
