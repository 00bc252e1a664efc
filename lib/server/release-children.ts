import 'server-only';
import type { RefusableRule } from '@/lib/domain/release-rules';
import { invalid, notFound } from './errors';
import { releaseForWrite } from './release-edits';
import { releaseKey } from './release-ref';
import type { Tx } from './db';
import { sayer } from './say';

const say = sayer('server-release-children');

/**
 * Shared scaffolding for the rows a release owns (plan tasks, risks): the owner
 * check and loading the owning release for a write.
 */

/** Refuses an owner who does not exist or is disabled; `null` (nobody) passes. `message` is the field error shown under the owner. */
export async function checkActiveOwner(tx: Tx, ownerId: string | null, message: string) {
  if (!ownerId) return;
  const u = await tx.user.findUnique({ where: { id: ownerId }, select: { disabledAt: true } });
  if (!u || u.disabledAt) throw invalid(say('fieldsNeedAttention'), { ownerId: [message] });
}

/**
 * The release that owns `child` (loaded with `release: { select: { number: true } }`),
 * loaded for a write; not found as `what` when the child is missing, and the usual
 * refusals of `releaseForWrite` when the release's status does not allow `rule`.
 */
export async function releaseOfChild<T extends { release: { number: number } }>(tx: Tx, child: T | null, what: string, rule: RefusableRule) {
  if (!child) throw notFound(what);
  const release = await releaseForWrite(tx, releaseKey(child.release.number), { rule });
  return { child, release };
}
