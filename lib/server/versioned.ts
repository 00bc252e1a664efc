import 'server-only';
import { z } from 'zod';
import type { Prisma } from '@/lib/generated/prisma/client';
import type { Actor } from './actor';
import { now } from './clock';
import type { Tx } from './db';
import { notFound, stale, type Refusal } from './errors';
import { releaseKey } from './release-ref';
import { sayer } from './say';

const say = sayer('server-versioned');

// One optimistic-concurrency scheme (docs/decisions/014-optimistic-concurrency.md).
//
// Every editable aggregate carries an integer `version` (and `updatedById`). An
// edit form carries the version it was opened with; the save compares and bumps
// it in ONE conditional UPDATE (`WHERE id = $1 AND version = $2`), so of two
// saves based on the same version exactly one changes the row, on PostgreSQL as
// on PGlite: the second waits for the first's row lock, re-reads the row, finds
// another version and changes nothing. Nothing compares `updatedAt` any more.
//
// Call saveVersioned as the FIRST write of a mutation (after its checks): the
// row lock it takes then also serializes the child rows the mutation rewrites.

export type VersionedModel = 'release' | 'user' | 'team' | 'environment' | 'component' | 'freezeWindow' | 'handover' | 'review' | 'announcement';

interface DataOf {
  release: Prisma.ReleaseUncheckedUpdateManyInput;
  user: Prisma.UserUncheckedUpdateManyInput;
  team: Prisma.TeamUncheckedUpdateManyInput;
  environment: Prisma.EnvironmentUncheckedUpdateManyInput;
  component: Prisma.ComponentUncheckedUpdateManyInput;
  freezeWindow: Prisma.FreezeWindowUncheckedUpdateManyInput;
  handover: Prisma.HandoverUncheckedUpdateManyInput;
  review: Prisma.PostReleaseReviewUncheckedUpdateManyInput;
  announcement: Prisma.AnnouncementUncheckedUpdateManyInput;
}

/** What the refusal says about the row as it is now. */
interface Current {
  /** how a person names the record, said by its module (e.g. "team Payments" or "REL-12") */
  label: string;
  version: number;
  updatedAt: Date;
  updatedBy: string | null;
}

const by = { updatedBy: { select: { name: true } } } as const;
const base = (r: { version: number; updatedAt: Date; updatedBy: { name: string } | null }) => ({
  version: r.version,
  updatedAt: r.updatedAt,
  updatedBy: r.updatedBy?.name ?? null,
});

const load: { [M in VersionedModel]: (tx: Tx, id: string) => Promise<Current | null> } = {
  release: async (tx, id) => {
    const r = await tx.release.findUnique({ where: { id }, select: { number: true, version: true, updatedAt: true, ...by } });
    return r && { label: releaseKey(r.number), ...base(r) };
  },
  user: async (tx, id) => {
    const r = await tx.user.findUnique({ where: { id }, select: { name: true, version: true, updatedAt: true, ...by } });
    return r && { label: say('label.user', { name: r.name }), ...base(r) };
  },
  team: async (tx, id) => {
    const r = await tx.team.findUnique({ where: { id }, select: { name: true, version: true, updatedAt: true, ...by } });
    return r && { label: say('label.team', { name: r.name }), ...base(r) };
  },
  environment: async (tx, id) => {
    const r = await tx.environment.findUnique({ where: { id }, select: { displayName: true, version: true, updatedAt: true, ...by } });
    return r && { label: say('label.environment', { name: r.displayName }), ...base(r) };
  },
  component: async (tx, id) => {
    const r = await tx.component.findUnique({ where: { id }, select: { name: true, version: true, updatedAt: true, ...by } });
    return r && { label: say('label.component', { name: r.name }), ...base(r) };
  },
  freezeWindow: async (tx, id) => {
    const r = await tx.freezeWindow.findUnique({ where: { id }, select: { name: true, version: true, updatedAt: true, ...by } });
    return r && { label: say('label.freeze', { name: r.name }), ...base(r) };
  },
  handover: async (tx, id) => {
    const r = await tx.handover.findUnique({ where: { id }, select: { release: { select: { number: true } }, version: true, updatedAt: true, ...by } });
    return r && { label: say('label.handover', { key: releaseKey(r.release.number) }), ...base(r) };
  },
  review: async (tx, id) => {
    const r = await tx.postReleaseReview.findUnique({
      where: { id },
      select: { release: { select: { number: true } }, version: true, updatedAt: true, ...by },
    });
    return r && { label: say('label.review', { key: releaseKey(r.release.number) }), ...base(r) };
  },
  announcement: async (tx, id) => {
    const r = await tx.announcement.findUnique({
      where: { id },
      select: { release: { select: { number: true } }, version: true, updatedAt: true, ...by },
    });
    return r && { label: say('label.announcement', { key: releaseKey(r.release.number) }), ...base(r) };
  },
};

function updateMany<M extends VersionedModel>(tx: Tx, model: M, where: { id: string; version?: number }, data: DataOf[M]): Promise<{ count: number }> {
  switch (model) {
    case 'release':
      return tx.release.updateMany({ where, data: data as DataOf['release'] });
    case 'user':
      return tx.user.updateMany({ where, data: data as DataOf['user'] });
    case 'team':
      return tx.team.updateMany({ where, data: data as DataOf['team'] });
    case 'environment':
      return tx.environment.updateMany({ where, data: data as DataOf['environment'] });
    case 'component':
      return tx.component.updateMany({ where, data: data as DataOf['component'] });
    case 'freezeWindow':
      return tx.freezeWindow.updateMany({ where, data: data as DataOf['freezeWindow'] });
    case 'handover':
      return tx.handover.updateMany({ where, data: data as DataOf['handover'] });
    case 'review':
      return tx.postReleaseReview.updateMany({ where, data: data as DataOf['review'] });
    case 'announcement':
      return tx.announcement.updateMany({ where, data: data as DataOf['announcement'] });
  }
  throw new Error(`unknown versioned model ${String(model)}`);
}

/** "14:03 UTC (2 minutes ago)", or with the date when it was not today (said, so a page can show it in its reader's language). */
export function describeWhen(at: Date, reference: Date = now()): string {
  const sameDay = at.toISOString().slice(0, 10) === reference.toISOString().slice(0, 10);
  const secs = Math.max(0, Math.round((reference.getTime() - at.getTime()) / 1000));
  const ago =
    secs < 60
      ? { key: 'ago.seconds' }
      : secs < 3600
        ? { key: 'ago.minutes', values: { count: Math.floor(secs / 60) } }
        : secs < 86_400
          ? { key: 'ago.hours', values: { count: Math.floor(secs / 3600) } }
          : { key: 'ago.days', values: { count: Math.floor(secs / 86_400) } };
  const time = at.toISOString().slice(11, 16);
  return sameDay ? say('when.today', { time, ago }) : say('when.earlier', { date: at.toISOString().slice(0, 10), time, ago });
}

/**
 * The one stale refusal: who saved a newer version of what, and when. Used by
 * saveVersioned and by the policy, which is versioned by rows. `label` names the record
 * as its module said it (`say(...)`), so the refusal can be given in the reader's language.
 */
export function staleRefusal(c: { label: string; updatedBy: string | null; updatedAt: Date; version: number }, yours?: number | null): Refusal {
  return stale(
    say('stale', {
      who: c.updatedBy ?? { key: 'someone' },
      label: { said: c.label },
      when: { said: describeWhen(c.updatedAt) },
      versions: yours != null ? { key: 'versions', values: { now: c.version, yours } } : '',
    }),
  );
}

async function refusalFor(tx: Tx, model: VersionedModel, id: string, expectedVersion: number | null | undefined): Promise<Refusal> {
  const current = await load[model](tx, id);
  if (!current) return notFound(say('thatRecord'));
  return staleRefusal(current, expectedVersion);
}

/**
 * Refuses early (before validation and side writes) when the form's version is
 * not the current one. saveVersioned still decides: this only saves work.
 */
export async function assertVersion(
  tx: Tx,
  model: VersionedModel,
  row: { id: string; version: number },
  expectedVersion: number | null | undefined,
): Promise<void> {
  if (expectedVersion != null && row.version !== expectedVersion) throw await refusalFor(tx, model, row.id, expectedVersion);
}

/**
 * Writes `data` to the row only if its version is still `expectedVersion`, bumps
 * the version and records the actor as its last editor, in one statement; else
 * throws the stale refusal naming who saved the newer version and when. Without
 * an expected version (a write that is not an edit form's save, e.g. adding a
 * risk) it bumps unconditionally. Returns the new version.
 */
export async function saveVersioned<M extends VersionedModel>(
  tx: Tx,
  actor: Actor,
  args: { model: M; id: string; expectedVersion?: number | null; data?: DataOf[M] },
): Promise<number> {
  const where = args.expectedVersion != null ? { id: args.id, version: args.expectedVersion } : { id: args.id };
  const data = { ...(args.data ?? {}), version: { increment: 1 }, updatedById: actor.id } as DataOf[M];
  const { count } = await updateMany(tx, args.model, where, data);
  if (count !== 1) throw await refusalFor(tx, args.model, args.id, args.expectedVersion);
  return args.expectedVersion != null ? args.expectedVersion + 1 : ((await load[args.model](tx, args.id))?.version ?? 0);
}

/** The version an edit form was opened with (a hidden field; API callers send it as a number). */
const NO_VERSION = say('noVersion');
export const versionField = z.coerce.number({ error: NO_VERSION }).int(NO_VERSION).min(1, NO_VERSION).max(2_147_483_647);

/** For records a save may create (handover notes, reviews): 0 means "there was none when I opened the form". */
export const versionOrNoneField = z.coerce
  .number({ error: say('versionWholeNumber') })
  .int()
  .min(0)
  .max(2_147_483_647);
