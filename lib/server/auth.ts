import 'server-only';
import NextAuth, { CredentialsSignin } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { authSecret } from './env';
import { clientAddress, newRequestId } from './request-meta';
import { authenticate } from './sign-in';
import { SESSION_MAX_AGE_SECONDS } from './session-store';

// next-auth with email + password (docs/decisions/003-authentication.md). The JWT
// carries the user id, roles, session version and the id of the server-side session row
// (docs/decisions/034-server-side-sessions.md); lib/server/session.ts checks the session
// row, the version and the user's status against the database on every request.

class SignInRefused extends CredentialsSignin {
  constructor(code: string) {
    super();
    this.code = code;
  }
}

declare module 'next-auth' {
  interface Session {
    sessionVersion?: number;
    /** the server-side session row (not a credential by itself: the cookie is signed and encrypted) */
    sessionId?: string;
    user: { id: string; email: string; name: string; roles: string[] };
  }
  interface User {
    sessionVersion?: number;
    sessionId?: string;
    roles?: string[];
  }
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  secret: authSecret(),
  trustHost: true,
  session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: '/sign-in' },
  // A refused sign-in is an expected outcome, already audited with its reason:
  // keep it out of the error log, which is for things that need attention.
  logger: {
    error(error: Error) {
      if (error instanceof CredentialsSignin || error.name === 'CredentialsSignin') return;
      console.error('[auth]', error);
    },
  },
  providers: [
    Credentials({
      credentials: { email: { label: 'Email' }, password: { label: 'Password', type: 'password' } },
      async authorize(credentials, request) {
        const outcome = await authenticate(
          { email: String(credentials?.email ?? ''), password: String(credentials?.password ?? '') },
          { requestId: newRequestId(), ip: clientAddress(request.headers) },
          { userAgent: request.headers.get('user-agent') },
        );
        if (!outcome.ok) throw new SignInRefused(outcome.reason === 'rate_limited' ? `rate_limited:${outcome.message}` : 'invalid');
        const { id, email, name, sessionVersion, roles, sessionId } = outcome.user;
        return { id, email, name, sessionVersion, roles, sessionId };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.uid = user.id;
        token.sv = user.sessionVersion;
        token.roles = user.roles;
        token.sid = user.sessionId;
      }
      return token;
    },
    session({ session, token }) {
      session.user.id = String(token.uid ?? '');
      session.user.roles = Array.isArray(token.roles) ? (token.roles as string[]) : [];
      session.sessionVersion = typeof token.sv === 'number' ? token.sv : undefined;
      session.sessionId = typeof token.sid === 'string' ? token.sid : undefined;
      return session;
    },
  },
}));
