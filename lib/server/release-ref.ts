import 'server-only';
import type { ReleaseStatus } from '@/lib/generated/prisma/enums';
import type { Db, Tx } from './db';
import { notFound } from './errors';
import { sayer } from './say';
import { parseReleaseKey, releaseKey } from '@/lib/domain/release-key';

// A release key ("REL-42") is turned into a release once, here, per page render or
// mutation; the reference is then passed down and nothing parses the key again.

/** The small reference a page or mutation resolves once and passes down. */
export interface ReleaseRef {
  id: string;
  number: number;
  key: string;
  status: ReleaseStatus;
  version: number;
}

const say = sayer('server-release-ref');

export { RELEASE_KEY_PATTERN, releaseKey, parseReleaseKey } from '@/lib/domain/release-key';

const refSelect = { id: true, number: true, status: true, version: true } as const;

const toRef = (r: { id: string; number: number; status: ReleaseStatus; version: number }): ReleaseRef => ({
  id: r.id,
  number: r.number,
  key: releaseKey(r.number),
  status: r.status,
  version: r.version,
});

/** The release with this key, or null when the key is malformed or no such release exists. */
export async function findRelease(client: Db | Tx, key: unknown): Promise<ReleaseRef | null> {
  const number = parseReleaseKey(key);
  if (number === null) return null;
  const r = await client.release.findUnique({ where: { number }, select: refSelect });
  return r ? toRef(r) : null;
}

/** The release with this key; the not-found refusal when the key is malformed or unknown. */
export async function resolveRelease(client: Db | Tx, key: unknown): Promise<ReleaseRef> {
  const ref = await findRelease(client, key);
  if (!ref) throw notFound(say('release', { key: String(key ?? '').slice(0, 20) }));
  return ref;
}

/** A key a caller was given, or a reference it already resolved. */
export type ReleaseArg = ReleaseRef | string;

/**
 * For readers that may be called with a reference (pages, which resolved once) or with a
 * key (API routes and scripts, which only have one): the reference as it is, or the key
 * resolved now. null when the key is malformed or unknown.
 */
export async function refOf(client: Db | Tx, release: ReleaseArg): Promise<ReleaseRef | null> {
  return typeof release === 'string' ? findRelease(client, release) : release;
}

/**
 * Locks the release's row (SELECT … FOR UPDATE) for the rest of the transaction and returns
 * its reference as read under the lock (status and version are current): a concurrent write
 * to the same release queues behind this one. Not found when the key is malformed or unknown.
 */
export async function lockRelease(tx: Tx, release: ReleaseArg): Promise<ReleaseRef> {
  const number = typeof release === 'string' ? parseReleaseKey(release) : release.number;
  const shown = typeof release === 'string' ? release.slice(0, 20) : release.key;
  if (number === null) throw notFound(say('release', { key: shown }));
  const locked = await tx.$queryRaw<{ id: string; number: number; status: ReleaseStatus; version: number }[]>`
    SELECT "id", "number", "status"::text AS "status", "version" FROM "Release" WHERE "number" = ${number} FOR UPDATE`;
  if (locked.length === 0) throw notFound(say('release', { key: shown }));
  const r = locked[0]!;
  return toRef({ id: r.id, number: Number(r.number), status: r.status, version: Number(r.version) });
}
