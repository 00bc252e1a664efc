import 'server-only';
import { can, rolesWith, ROLE_LABELS, type Permission } from '@/lib/domain/permissions';
import { forbidden, Refusal } from './errors';
import type { Actor } from './actor';

const PERMISSION_WORDS: Partial<Record<Permission, string>> = {
  'user.manage': 'manage users',
  'team.manage': 'manage teams',
  'audit.read': 'read the audit trail',
  'user.read': 'see the user directory',
  'comment.write': 'take part in release discussions',
};

/** Throws a Refusal unless the actor's roles grant the permission. Fails closed. */
export function assertCan(actor: Actor | null, permission: Permission): asserts actor is Actor {
  if (!actor) throw new Refusal('unauthenticated', 'Sign in to do this.');
  if (!can(actor.roles, permission)) {
    const who = rolesWith(permission).map((r) => ROLE_LABELS[r].toLowerCase());
    const what = PERMISSION_WORDS[permission] ?? `do this (${permission})`;
    throw forbidden(`You may not ${what}: it needs the ${who.join(' or ')} role${who.length === 1 ? '' : 's'}.`);
  }
  if (actor.type === 'token' && actor.scopes && !actor.scopes.includes(permission) && !actor.scopes.includes('*')) {
    throw forbidden(`This API token is not scoped for ${permission}. Create a token with that scope.`);
  }
}

/** Non-throwing form for pages deciding what to show. */
export function allows(actor: Actor | null, permission: Permission): boolean {
  return !!actor && can(actor.roles, permission);
}
