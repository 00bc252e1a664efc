import 'server-only';
import { z } from 'zod';
import { defineMutation } from './action';
import { assertCan } from './authz';
import { conflict, invalid, notFound } from './errors';
import { db } from './db';
import { assertVersion, saveVersioned, versionField } from './versioned';
import type { Actor } from './actor';
import { sayer } from './say';

const say = sayer('server-teams');

const slug = z
  .string()
  .trim()
  .toLowerCase()
  .min(2, say('slug.tooShort'))
  .max(40, say('slug.tooLong'))
  .regex(/^[a-z0-9][a-z0-9-]*$/, say('slug.characters'));

export const CreateTeamSchema = z.object({
  name: z.string().trim().min(2, say('name.tooShort')).max(80, say('name.tooLong')),
  slug,
  description: z.string().trim().max(500, say('descriptionTooLong')).default(''),
});

export const UpdateTeamSchema = CreateTeamSchema.extend({
  id: z.string().min(1).max(64),
  version: versionField,
});

export const DeleteTeamSchema = z.object({ id: z.string().min(1).max(64) });

export interface TeamDto {
  id: string;
  name: string;
  slug: string;
  description: string;
  members: number;
  components: number;
  updatedAt: string;
  version: number;
}

async function uniqueCheck(
  tx: { team: { findFirst: (a: object) => Promise<{ id: string; name: string; slug: string } | null> } },
  input: { name: string; slug: string },
  exceptId?: string,
) {
  const clash = await tx.team.findFirst({
    where: { OR: [{ name: { equals: input.name, mode: 'insensitive' } }, { slug: input.slug }], ...(exceptId ? { id: { not: exceptId } } : {}) },
    select: { id: true, name: true, slug: true },
  });
  if (clash) {
    const fieldErrors: Record<string, string[]> = {};
    if (clash.name.toLowerCase() === input.name.toLowerCase()) fieldErrors.name = [say('clash.name')];
    if (clash.slug === input.slug) fieldErrors.slug = [say('clash.slug')];
    throw conflict(say('clash.either'), fieldErrors);
  }
}

export const createTeam = defineMutation({
  name: 'team.create',
  permission: 'team.manage',
  input: CreateTeamSchema,
  async run({ tx, input, audit }) {
    await uniqueCheck(tx, input);
    const team = await tx.team.create({ data: input });
    await audit({ action: 'team.create', targetType: 'team', targetId: team.id, after: input });
    return { id: team.id };
  },
});

export const updateTeam = defineMutation({
  name: 'team.update',
  permission: 'team.manage',
  input: UpdateTeamSchema,
  async run({ tx, actor, input, audit }) {
    const current = await tx.team.findUnique({ where: { id: input.id } });
    if (!current) throw notFound(say('thatTeam'));
    await assertVersion(tx, 'team', current, input.version);
    await uniqueCheck(tx, input, current.id);
    const { id, version, ...data } = input;
    await saveVersioned(tx, actor, { model: 'team', id, expectedVersion: version, data });
    await audit({
      action: 'team.update',
      targetType: 'team',
      targetId: id,
      before: { name: current.name, slug: current.slug, description: current.description },
      after: data,
    });
    return { id };
  },
});

export const deleteTeam = defineMutation({
  name: 'team.delete',
  permission: 'team.manage',
  input: DeleteTeamSchema,
  async run({ tx, input, audit }) {
    const team = await tx.team.findUnique({
      where: { id: input.id },
      include: { _count: { select: { members: true, components: true, approvalRequirements: true } } },
    });
    if (!team) throw notFound(say('thatTeam'));
    if (team._count.approvalRequirements > 0) {
      throw invalid(say('deleteNamedInRequirements', { name: team.name, count: team._count.approvalRequirements }));
    }
    if (team._count.members > 0 || team._count.components > 0) {
      throw invalid(say('deleteNotEmpty', { name: team.name, members: team._count.members, components: team._count.components }));
    }
    await tx.team.delete({ where: { id: team.id } });
    await audit({ action: 'team.delete', targetType: 'team', targetId: team.id, before: { name: team.name, slug: team.slug } });
    return { id: team.id };
  },
});

export async function listTeams(actor: Actor | null): Promise<TeamDto[]> {
  assertCan(actor, 'catalog.read');
  const prisma = await db();
  const teams = await prisma.team.findMany({
    orderBy: { name: 'asc' },
    include: { _count: { select: { members: true, components: true } } },
  });
  return teams.map((t) => ({
    id: t.id,
    name: t.name,
    slug: t.slug,
    description: t.description,
    members: t._count.members,
    components: t._count.components,
    updatedAt: t.updatedAt.toISOString(),
    version: t.version,
  }));
}

export async function getTeam(actor: Actor | null, id: string): Promise<TeamDto | null> {
  const all = await listTeams(actor);
  return all.find((t) => t.id === id) ?? null;
}

/** The team list for the admin pages: only for those who may manage teams. */
export async function listTeamsToManage(actor: Actor | null): Promise<TeamDto[]> {
  assertCan(actor, 'team.manage');
  return listTeams(actor);
}

/** One team for its admin edit page: only for those who may manage teams. */
export async function getTeamToManage(actor: Actor | null, id: string): Promise<TeamDto | null> {
  assertCan(actor, 'team.manage');
  return getTeam(actor, id);
}
