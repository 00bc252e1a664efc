import 'server-only';
import { cache } from 'react';
import { z } from 'zod';
import { mayManageRelease, readOnlyNote, whoMayManage, type ManagedRelease } from '@/lib/domain/release-managers';
import { isFinished } from '@/lib/domain/release-rules';
import { defineMutation, type ReleaseGuard } from './action';
import type { Actor } from './actor';
import { allows, assertCan } from './authz';
import { db, type Db, type Tx } from './db';
import { conflict, forbidden, invalid, notFound } from './errors';
import { parseReleaseKey, releaseKey, type ReleaseRef } from './release-ref';
import { assertVersion, saveVersioned, versionField } from './versioned';
import { sayer } from './say';

const say = sayer('server-release-managers');

// Who may change a release (issue 14, point 6; docs/decisions/039-who-may-edit-a-release.md).
// The rule is lib/domain/release-managers.ts; this module loads what it reads, enforces it for
// every release manager's mutation of a release (defineMutation's `release` locator, checked in
// the mutation's transaction before its input is judged), answers the page's "may this person
// change it?", and keeps the list of co-managers.

type Client = Db | Tx;

/** Owner, owner's team and co-managers of a release: what the rule reads. null for an unknown id. */
export async function loadManagedRelease(client: Client, releaseId: string): Promise<ManagedRelease | null> {
  const r = await client.release.findUnique({
    where: { id: releaseId },
    select: {
      number: true,
      ownerId: true,
      owner: { select: { name: true, teamId: true, team: { select: { name: true } } } },
      coManagers: { select: { user: { select: { id: true, name: true } } }, orderBy: { addedAt: 'asc' } },
    },
  });
  if (!r) return null;
  return {
    key: releaseKey(r.number),
    ownerId: r.ownerId,
    ownerName: r.owner.name,
    ownerTeamId: r.owner.teamId,
    ownerTeamName: r.owner.team?.name ?? null,
    coManagers: r.coManagers.map((c) => c.user),
  };
}

/** Refuses (403) unless the actor manages the release. Call after the permission check. */
export async function assertMayManage(client: Client, actor: Actor, releaseId: string): Promise<void> {
  const managed = await loadManagedRelease(client, releaseId);
  if (!managed) return; // the mutation itself answers "not found"
  const decision = mayManageRelease(actor, managed);
  if (!decision.ok) throw forbidden(decision.message);
}

// ---------------------------------------------------------------- locators

/**
 * How a mutation names the release it changes, read from its input: before validation (the raw
 * input, leniently) and again after it. Resolves the release's id, or null when the input names
 * no release that exists (the mutation then answers as it does for bad input or an unknown key).
 */
type Locate = (client: Client, input: Record<string, unknown>) => Promise<string | null>;

const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() && v.length <= 200 ? v.trim() : null);

/** A guard for defineMutation: locates the release and refuses an actor who does not manage it. */
function guard(locate: Locate): ReleaseGuard {
  return async (client, actor, input) => {
    if (!input || typeof input !== 'object' || Array.isArray(input)) return null;
    const releaseId = await locate(client, input as Record<string, unknown>);
    if (releaseId) await assertMayManage(client, actor, releaseId);
    return releaseId;
  };
}

/** The release is named by a key field ("REL-12", any case). */
export const managedByKey = (field: string): ReleaseGuard =>
  guard(async (client, input) => {
    const raw = text(input[field]);
    const number = raw === null ? null : parseReleaseKey(raw.toUpperCase());
    if (number === null) return null;
    return (await client.release.findUnique({ where: { number }, select: { id: true } }))?.id ?? null;
  });

/** The release is the one a risk, plan task, scope change request or review action item belongs to. */
export const managedByRow = (kind: 'risk' | 'planTask' | 'scopeChange' | 'actionItem', field: string): ReleaseGuard =>
  guard(async (client, input) => {
    const id = text(input[field]);
    if (id === null) return null;
    switch (kind) {
      case 'risk':
        return (await client.risk.findUnique({ where: { id }, select: { releaseId: true } }))?.releaseId ?? null;
      case 'planTask':
        return (await client.planTask.findUnique({ where: { id }, select: { releaseId: true } }))?.releaseId ?? null;
      case 'scopeChange':
        return (await client.scopeChangeRequest.findUnique({ where: { id }, select: { releaseId: true } }))?.releaseId ?? null;
      case 'actionItem':
        return (await client.reviewActionItem.findUnique({ where: { id }, select: { review: { select: { releaseId: true } } } }))?.review.releaseId ?? null;
    }
  });

// ---------------------------------------------------------------- pages

export interface ReleaseManagement {
  /** the signed-in person may change this release (and holds a release manager's role) */
  mayManage: boolean;
  /** for a release manager who may not: the calm note naming who may */
  note: string | null;
  /** who may change it, in words (whoMayManage) */
  who: string;
  owner: { id: string; name: string };
  team: string | null;
  coManagers: { id: string; name: string }[];
}

/**
 * Whether the signed-in person may change the release, once per request (the layout and every
 * part's sections ask). Only people whose role lets them change releases get a note: for an
 * approver or viewer the page was read-only before and stays quiet.
 */
export const releaseManagement = cache(async (actor: Actor, releaseId: string): Promise<ReleaseManagement | null> => {
  const managed = await loadManagedRelease(await db(), releaseId);
  if (!managed) return null;
  const decision = mayManageRelease(actor, managed);
  const hasRole = allows(actor, 'release.edit');
  return {
    mayManage: hasRole && decision.ok,
    note: hasRole && !decision.ok ? readOnlyNote(managed) : null,
    who: whoMayManage(managed),
    owner: { id: managed.ownerId, name: managed.ownerName },
    team: managed.ownerTeamName,
    coManagers: [...managed.coManagers],
  };
});

/** The can-flag the sections combine with their role and status checks. */
export async function mayManage(actor: Actor | null, release: { id: string }): Promise<boolean> {
  if (!actor) return false;
  return (await releaseManagement(actor, release.id))?.mayManage ?? false;
}

export interface CoManagerPanel {
  key: string;
  version: number;
  management: ReleaseManagement;
  /** may add and remove co-managers: manages the release and it is not finished */
  canEdit: boolean;
  /** release managers who could be added (active, not the owner, not already co-managers) */
  candidates: { id: string; name: string; team: string | null }[];
}

export async function getCoManagerPanel(actor: Actor, ref: ReleaseRef): Promise<CoManagerPanel | null> {
  assertCan(actor, 'release.read');
  const management = await releaseManagement(actor, ref.id);
  if (!management) return null;
  const canEdit = management.mayManage && !isFinished(ref.status);
  const prisma = await db();
  const candidates = canEdit
    ? await prisma.user.findMany({
        where: {
          disabledAt: null,
          roles: { some: { role: 'release_manager' } },
          id: { notIn: [management.owner.id, ...management.coManagers.map((c) => c.id)] },
        },
        orderBy: { name: 'asc' },
        select: { id: true, name: true, team: { select: { name: true } } },
        take: 500,
      })
    : [];
  return {
    key: ref.key,
    version: ref.version,
    management,
    canEdit,
    candidates: candidates.map((c) => ({ id: c.id, name: c.name, team: c.team?.name ?? null })),
  };
}

// ---------------------------------------------------------------- co-managers

const idField = z
  .string({ error: say('choose') })
  .trim()
  .min(1, say('choose'))
  .max(64, say('chooseFromList'))
  .regex(/^[A-Za-z0-9_-]+$/, say('chooseFromList'));

export const CoManagerSchema = z.object({
  releaseKey: z
    .string({ error: say('releaseKey.required') })
    .trim()
    .max(20, say('releaseKey.shape')),
  userId: idField,
  version: versionField,
});

/**
 * The users given as co-managers, checked: each exists, is active and holds the release
 * manager role. Refuses the field otherwise. Used on creation and by addCoManager.
 */
export async function checkCoManagers(tx: Tx, ids: string[], field: string, ownerId: string | null): Promise<{ id: string; name: string }[]> {
  if (!ids.length) return [];
  const users = await tx.user.findMany({
    where: { id: { in: ids } },
    select: { id: true, name: true, disabledAt: true, roles: { select: { role: true } } },
  });
  const byId = new Map(users.map((u) => [u.id, u]));
  const problems: string[] = [];
  for (const id of ids) {
    const u = byId.get(id);
    if (!u || u.disabledAt) problems.push(say('coManager.chooseActive'));
    else if (!u.roles.some((r) => r.role === 'release_manager')) {
      problems.push(say('coManager.notReleaseManager', { name: u.name }));
    } else if (u.id === ownerId) problems.push(say('coManager.isOwner', { name: u.name }));
  }
  if (problems.length) throw invalid(say('coManager.check'), { [field]: [...new Set(problems)] });
  return ids.map((id) => ({ id, name: byId.get(id)!.name }));
}

async function coManagerRelease(tx: Tx, key: string) {
  const number = parseReleaseKey(key.toUpperCase());
  const release =
    number === null ? null : await tx.release.findUnique({ where: { number }, select: { id: true, number: true, status: true, version: true, ownerId: true } });
  if (!release) throw notFound(say('release', { key: key.slice(0, 20) }));
  if (isFinished(release.status)) {
    throw conflict(say('finished', { key: releaseKey(release.number), status: { term: `releaseWord.${release.status}` } }));
  }
  return release;
}

export const addCoManager = defineCoManagerMutation('release.co_manager_add');
export const removeCoManager = defineCoManagerMutation('release.co_manager_remove');

function defineCoManagerMutation(name: 'release.co_manager_add' | 'release.co_manager_remove') {
  const adding = name === 'release.co_manager_add';
  return defineMutation({
    name,
    permission: 'release.edit',
    input: CoManagerSchema,
    release: managedByKey('releaseKey'),
    async run({ tx, actor, input, audit, noChange }) {
      const release = await coManagerRelease(tx, input.releaseKey);
      const key = releaseKey(release.number);
      await assertVersion(tx, 'release', release, input.version);
      const where = { releaseId_userId: { releaseId: release.id, userId: input.userId } };
      const present = await tx.releaseCoManager.findUnique({ where, select: { userId: true } });
      if (adding) {
        const [user] = await checkCoManagers(tx, [input.userId], 'userId', release.ownerId);
        if (present) {
          noChange();
          return { key, version: release.version, changed: false, name: user!.name };
        }
        const version = await saveVersioned(tx, actor, { model: 'release', id: release.id, expectedVersion: input.version });
        await tx.releaseCoManager.create({ data: { releaseId: release.id, userId: input.userId, addedById: actor.id } });
        await audit({
          action: 'release.co_manager_added',
          targetType: 'release',
          targetId: release.id,
          releaseId: release.id,
          after: { userId: input.userId, name: user!.name, version },
        });
        return { key, version, changed: true, name: user!.name };
      }
      const user = await tx.user.findUnique({ where: { id: input.userId }, select: { name: true } });
      if (!present || !user) {
        noChange();
        return { key, version: release.version, changed: false, name: user?.name ?? '' };
      }
      const version = await saveVersioned(tx, actor, { model: 'release', id: release.id, expectedVersion: input.version });
      await tx.releaseCoManager.delete({ where });
      await audit({
        action: 'release.co_manager_removed',
        targetType: 'release',
        targetId: release.id,
        releaseId: release.id,
        before: { userId: input.userId, name: user.name },
        after: { version },
      });
      return { key, version, changed: true, name: user.name };
    },
  });
}
