import 'server-only';
import type { Role } from '@/lib/domain/permissions';
import type { Theme } from '@/lib/domain/theme';

/** Who is acting: a signed-in person, an API token (acting with its owner's roles), or the system. */
export interface Actor {
  type: 'user' | 'token' | 'system';
  id: string | null;
  /** email, or "token <name> of <email>", or "system" */
  label: string;
  email: string | null;
  name: string;
  roles: Role[];
  teamId: string | null;
  tokenId?: string;
  /** the server-side session a signed-in person acts through (lib/server/sessions.ts) */
  sessionId?: string;
  scopes?: string[];
  /** a signed-in person's colour theme, read with the session (docs/decisions/056-light-and-dark.md) */
  theme?: Theme;
  /** a signed-in person's time zone and language as stored (null: not chosen), read with the
   * session so a page does not ask again (docs/decisions/050, 057) */
  timeZone?: string | null;
  locale?: string | null;
}

export interface RequestMeta {
  /** Relm's own id for the request: always generated here, never chosen by the caller */
  requestId: string;
  ip: string | null;
  /** the caller's own x-request-id, when it sent a well-formed one: recorded beside Relm's */
  clientRequestId?: string | null;
  /**
   * An API request that may change something: the token's use, to be audited (token.use). The
   * first mutation the request runs writes it in its own transaction, before its own events;
   * lib/server/api.ts writes it on its own when none did (a refusal, a failure, no mutation).
   */
  tokenUse?: TokenUse;
}

export interface TokenUse {
  actor: Pick<Actor, 'id' | 'label' | 'type'>;
  event: { action: 'token.use'; targetType: 'api_token'; targetId: string; after: Record<string, unknown> };
  at: Date;
  /** set once a transaction holding it has committed */
  written: boolean;
  /** a mutation took it into its transaction (two mutations of one request never both write it) */
  claimed?: boolean;
}

export const SYSTEM_ACTOR: Actor = {
  type: 'system',
  id: null,
  label: 'system',
  email: null,
  name: 'Relm',
  roles: [],
  teamId: null,
};
