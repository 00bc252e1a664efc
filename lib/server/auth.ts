import 'server-only';
import NextAuth, { CredentialsSignin, customFetch } from 'next-auth';
import type { NextRequest } from 'next/server';
import Credentials from 'next-auth/providers/credentials';
import type { OIDCConfig } from 'next-auth/providers';
import { groupsFromClaim, identityProviderUrlAllowed } from '@/lib/domain/sso';
import { authSecret, oidcConfig, type OidcConfig } from './env';
import { clientAddress, newRequestId, requestIdOf } from './request-meta';
import { authenticate } from './sign-in';
import { SESSION_MAX_AGE_SECONDS } from './session-store';
import { refusalLocation, signInWithOidc } from './sso';

// next-auth with email + password (docs/decisions/003-authentication.md) and, when
// RELM_OIDC_* configure it, single sign-on through an OpenID Connect identity provider
// (docs/decisions/037-oidc-single-sign-on.md). The JWT
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

/**
 * next-auth (oauth4webapi underneath) allows plain http to an identity provider; Relm does
 * not, except on a loopback address (an identity provider the tests start): every request to
 * the provider (discovery, token, user info, keys) passes here.
 */
const identityProviderFetch: typeof fetch = async (input, init) => {
  const url = new URL(input instanceof Request ? input.url : String(input));
  if (!identityProviderUrlAllowed(url)) {
    throw new Error(`Relm does not talk to an identity provider over plain http (${url.origin}): use https`);
  }
  return fetch(input, init);
};

/** next-auth's generic OpenID Connect provider, from RELM_OIDC_*. */
function oidcProvider(config: OidcConfig): OIDCConfig<Record<string, unknown>> {
  return {
    id: 'oidc',
    name: config.name,
    type: 'oidc',
    issuer: config.issuer,
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    checks: ['pkce', 'state', 'nonce'],
    authorization: { params: { scope: config.scopes } },
    [customFetch]: identityProviderFetch,
    profile(claims) {
      return {
        id: String(claims.sub ?? ''),
        email: typeof claims.email === 'string' ? claims.email : '',
        name: typeof claims.name === 'string' ? claims.name : '',
      };
    },
  };
}

const nextAuth = NextAuth((request) => {
  const oidc = oidcConfig();
  return {
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
            { requestId: requestIdOf(request.headers), ip: clientAddress(request.headers) },
            { userAgent: request.headers.get('user-agent') },
          );
          if (!outcome.ok) {
            throw new SignInRefused(
              // the sign-in page words the refusal in the visitor's language (app/sign-in/actions.ts)
              outcome.reason === 'rate_limited'
                ? `rate_limited:${outcome.scope ?? 'address'}:${Math.ceil((outcome.retryAfterSeconds ?? 60) / 60)}`
                : outcome.reason === 'password_off'
                  ? 'password_off'
                  : 'invalid',
            );
          }
          const { id, email, name, sessionVersion, roles, sessionId } = outcome.user;
          return { id, email, name, sessionVersion, roles, sessionId };
        },
      }),
      ...(oidc ? [oidcProvider(oidc)] : []),
    ],
    callbacks: {
      // Single sign-on: the identity provider vouched for the person; Relm decides who that is
      // here and what they may do (lib/server/sso.ts). A refusal sends them back to the sign-in
      // page with the reason. Password sign-ins were decided in authorize() above.
      async signIn({ user, account, profile }) {
        if (account?.provider !== 'oidc' || !oidc) return true;
        const claims: Record<string, unknown> = profile ?? {};
        const headers = request?.headers;
        const outcome = await signInWithOidc(
          {
            // the ID token's issuer, which oauth4webapi checked against the provider's discovery document
            issuer: typeof claims.iss === 'string' ? claims.iss : oidc.issuer,
            subject: String(claims.sub ?? account.providerAccountId),
            email: claims.email,
            emailVerified: claims.email_verified,
            name: claims.name,
            groups: groupsFromClaim(claims[oidc.groupsClaim]),
          },
          { requestId: headers ? requestIdOf(headers) : newRequestId(), ip: headers ? clientAddress(headers) : null },
          { userAgent: headers?.get('user-agent') },
        );
        if (!outcome.ok) return refusalLocation(outcome.reason, outcome.groups);
        const { id, email, name, sessionVersion, roles, sessionId } = outcome.user;
        // the same object reaches the jwt callback below (no adapter: next-auth passes the provider's user through)
        Object.assign(user, { id, email, name, sessionVersion, roles, sessionId });
        return true;
      },
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
  };
});

export const { auth, signIn, signOut } = nextAuth;

/**
 * next-auth's route handlers, seeing the address the browser used. Next hands them the
 * server's own address (http://localhost:PORT; its URL class even turns 127.0.0.1 into
 * localhost), while signIn() in a server action builds the single sign-on's redirect URI from
 * the request's Host: the token request must repeat that redirect URI exactly, or the identity
 * provider refuses it. A plain Request keeps the address as given.
 */
function atBrowserAddress(handler: (request: NextRequest) => Promise<Response>) {
  return async (request: NextRequest) => {
    const host = request.headers.get('x-forwarded-host') ?? request.headers.get('host');
    const protocol = (request.headers.get('x-forwarded-proto') ?? request.nextUrl.protocol).replace(/:?$/, ':');
    if (!host || !/^(http|https):$/.test(protocol)) return handler(request);
    let url: URL;
    try {
      url = new URL(`${request.nextUrl.pathname}${request.nextUrl.search}`, `${protocol}//${host}`);
    } catch {
      return handler(request);
    }
    const body = request.method === 'GET' || request.method === 'HEAD' ? undefined : await request.arrayBuffer();
    return handler(new Request(url, { method: request.method, headers: request.headers, body }) as NextRequest);
  };
}

export const handlers = { GET: atBrowserAddress(nextAuth.handlers.GET), POST: atBrowserAddress(nextAuth.handlers.POST) };
