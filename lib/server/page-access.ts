import 'server-only';
import { matchPage } from '@/lib/domain/page-access';
import { can, rolesWith } from '@/lib/domain/permissions';
import type { Actor } from './actor';
import { assertCan } from './authz';
import { db } from './db';
import { Refusal } from './errors';
import { findRelease } from './release-ref';
import { releaseManagement } from './release-managers';
import { sayer, type SayValue } from './say';

const say = sayer('server-page-access');

/** "a or b or c", each a role's word (lower case, as the English always had it) */
const orList = (items: SayValue[]): SayValue =>
  items.length <= 1 ? (items[0] ?? '') : { key: 'or', values: { first: items[0]!, rest: orList(items.slice(1)) } };

export interface PageRefusal {
  /** the page's name */
  title: string;
  /** why, as the page's own refusal says it */
  reason: string;
  /** what would let them in */
  advice: string;
}

/**
 * Whether the signed-in person is refused the page at this path, and why: the (app) layout
 * answers 403 with it before streaming, app/forbidden.tsx explains with it
 * (docs/decisions/040-refused-pages-answer-403.md). By role from lib/domain/page-access.ts; a
 * page that changes one release also by who manages it (the owner, co-managers and release
 * managers of the owner's team, decision 039). The page's own lib/server read refuses too.
 */
export async function pageRefusal(actor: Actor, path: string): Promise<PageRefusal | null> {
  const match = matchPage(path);
  if (!match) return null;
  const { rule, params } = match;
  if (!can(actor.roles, rule.permission)) {
    let reason = say('rolesDoNotAllow');
    try {
      assertCan(actor, rule.permission);
    } catch (err) {
      if (err instanceof Refusal) reason = err.message;
    }
    const roles = rolesWith(rule.permission).map((r): SayValue => ({ ns: 'server-authz', key: `roleWord.${r}` }));
    return { title: rule.title, reason, advice: say('advice', { roles: orList(roles), count: roles.length }) };
  }
  if (rule.managesRelease && params.key) {
    const ref = await findRelease(await db(), params.key);
    const management = ref ? await releaseManagement(actor, ref.id) : null;
    if (management && !management.mayManage && management.note) {
      return { title: `${rule.title} ${ref!.key}`, reason: management.note, advice: '' };
    }
  }
  return null;
}
