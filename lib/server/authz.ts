import 'server-only';
import { can, rolesWith, type Permission } from '@/lib/domain/permissions';
import { forbidden, Refusal } from './errors';
import type { Actor } from './actor';
import { sayer } from './say';

const say = sayer('server-authz');

/** Permissions whose refusal names the action in words (server-authz.json `may.*`); others name the permission. */
const PERMISSION_WORDS: Partial<Record<Permission, string>> = {
  'user.manage': 'userManage',
  'team.manage': 'teamManage',
  'audit.read': 'auditRead',
  'user.read': 'userRead',
  'comment.write': 'commentWrite',
};

/** Throws a Refusal unless the actor's roles grant the permission. Fails closed. */
export function assertCan(actor: Actor | null, permission: Permission): asserts actor is Actor {
  if (!actor) throw new Refusal('unauthenticated', say('signIn'));
  if (!can(actor.roles, permission)) {
    const roles = rolesWith(permission);
    const words = PERMISSION_WORDS[permission];
    throw forbidden(
      say('needsRole', {
        what: words ? { key: `may.${words}` } : { key: 'may.other', values: { permission } },
        roles: { list: roles.map((r) => ({ key: `roleWord.${r}` })), conjunction: 'or', max: 10 },
        count: roles.length,
      }),
    );
  }
  if (actor.type === 'token' && actor.scopes && !actor.scopes.includes(permission) && !actor.scopes.includes('*')) {
    throw forbidden(say('tokenScope', { permission }));
  }
}

/** Non-throwing form for pages deciding what to show. */
export function allows(actor: Actor | null, permission: Permission): boolean {
  return !!actor && can(actor.roles, permission);
}
