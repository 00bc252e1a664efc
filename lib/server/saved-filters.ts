import 'server-only';
import { z } from 'zod';
import { canonicalQuery } from '@/lib/domain/release-filters';
import { defineMutation } from './action';
import type { Actor } from './actor';
import { allows } from './authz';
import { now } from './clock';
import { db, type Tx } from './db';
import { conflict, forbidden, invalid, notFound } from './errors';
import { sayer } from './say';

const say = sayer('server-saved-filters');

// Saved filters of the release list (issue 15, point 7; docs/decisions/048-search-and-saved-filters.md).
// Each person names the filters of /releases they come back to; the list shows them as quick
// links. Everyone who reads releases may keep their own (release.read, which every role holds);
// only the owner of a saved filter sees, renames or deletes it. What is stored is the canonical
// query string (lib/domain/release-filters.ts), so a saved filter is always one the list reads.

export const SAVED_FILTERS_MAX = 50;
export const SAVED_FILTER_NAME_MAX = 60;

const nameField = z
  .string({ error: say('name.enter') })
  .trim()
  .min(1, say('name.example'))
  .max(SAVED_FILTER_NAME_MAX, say('name.tooLong', { max: SAVED_FILTER_NAME_MAX }));

const idField = z
  .string({ error: say('id.choose') })
  .trim()
  .min(1, say('id.choose'))
  .max(40, say('id.notAFilter'));

export const SaveFilterSchema = z.object({
  name: nameField,
  /** the list's query string (with or without "?"); unknown and invalid parameters are dropped */
  query: z.string({ error: say('query.applyFirst') }).max(2000, say('query.tooLong')),
});
export const RenameFilterSchema = z.object({ id: idField, name: nameField });
export const DeleteFilterSchema = z.object({ id: idField });

function ownerOf(actor: Actor): string {
  if (!actor.id) throw forbidden(say('onlyPerson'));
  return actor.id;
}

const nameTaken = (name: string) => conflict(say('nameTaken', { name }), { name: [say('nameTakenField', { name })] });

/** The saved filter, when it is the actor's; another person's answers as missing (nothing leaks). */
async function ownFilter(tx: Tx, actor: Actor, id: string) {
  const userId = ownerOf(actor);
  const f = await tx.savedFilter.findUnique({ where: { id }, select: { id: true, userId: true, name: true, query: true } });
  if (!f || f.userId !== userId) throw notFound(say('thatFilter'));
  return f;
}

/** Saves the list's current filters under a name. */
export const saveFilter = defineMutation({
  name: 'release_filter.save',
  permission: 'release.read',
  input: SaveFilterSchema,
  run: async ({ tx, actor, input, audit }) => {
    const userId = ownerOf(actor);
    const query = canonicalQuery(input.query.replace(/^\?/, ''));
    if (!query) throw invalid(say('query.none'), { query: [say('query.noneField')] });
    const existing = await tx.savedFilter.findMany({ where: { userId }, select: { name: true } });
    if (existing.some((e) => e.name === input.name)) throw nameTaken(input.name);
    if (existing.length >= SAVED_FILTERS_MAX) {
      throw invalid(say('tooMany', { max: SAVED_FILTERS_MAX }));
    }
    const saved = await tx.savedFilter.create({ data: { userId, name: input.name, query, createdAt: now() }, select: { id: true } });
    await audit({ action: 'release_filter.saved', targetType: 'saved_filter', targetId: saved.id, after: { name: input.name, query } });
    return { id: saved.id, name: input.name, query };
  },
});

/** Renames one of one's own saved filters. */
export const renameFilter = defineMutation({
  name: 'release_filter.rename',
  permission: 'release.read',
  input: RenameFilterSchema,
  run: async ({ tx, actor, input, audit, noChange }) => {
    const f = await ownFilter(tx, actor, input.id);
    if (f.name === input.name) {
      noChange();
      return { id: f.id, name: f.name, changed: false };
    }
    const clash = await tx.savedFilter.findUnique({ where: { userId_name: { userId: f.userId, name: input.name } }, select: { id: true } });
    if (clash) throw nameTaken(input.name);
    await tx.savedFilter.update({ where: { id: f.id }, data: { name: input.name } });
    await audit({ action: 'release_filter.renamed', targetType: 'saved_filter', targetId: f.id, before: { name: f.name }, after: { name: input.name } });
    return { id: f.id, name: input.name, changed: true };
  },
});

/** Deletes one of one's own saved filters. */
export const deleteFilter = defineMutation({
  name: 'release_filter.delete',
  permission: 'release.read',
  input: DeleteFilterSchema,
  run: async ({ tx, actor, input, audit }) => {
    const f = await ownFilter(tx, actor, input.id);
    await tx.savedFilter.delete({ where: { id: f.id } });
    await audit({ action: 'release_filter.deleted', targetType: 'saved_filter', targetId: f.id, before: { name: f.name, query: f.query } });
    return { id: f.id, name: f.name };
  },
});

export interface SavedFilterDto {
  id: string;
  name: string;
  query: string;
}

/** The actor's saved filters, by name. */
export async function listSavedFilters(actor: Actor | null): Promise<SavedFilterDto[]> {
  if (!allows(actor, 'release.read') || !actor?.id) return [];
  const prisma = await db();
  return prisma.savedFilter.findMany({
    where: { userId: actor.id },
    orderBy: { name: 'asc' },
    select: { id: true, name: true, query: true },
    take: SAVED_FILTERS_MAX,
  });
}
