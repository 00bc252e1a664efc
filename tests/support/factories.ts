import crypto from 'node:crypto';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import type { Actor } from '@/lib/server/actor';
import type { Role } from '@/lib/domain/permissions';

const uid = () => crypto.randomBytes(4).toString('hex');

/** A stored user with the given roles, and the Actor that stands for them. */
export async function makeUser(
  prisma: PrismaClient,
  roles: Role[],
  opts: { email?: string; teamId?: string | null; passwordHash?: string; disabled?: boolean } = {},
): Promise<{ id: string; email: string; actor: Actor }> {
  const email = opts.email ?? `${roles.join('-') || 'nobody'}-${uid()}@test.relm`;
  const user = await prisma.user.create({
    data: {
      email,
      name: `Test ${roles.join(' ') || 'user'}`,
      passwordHash: opts.passwordHash ?? 'not-a-real-hash',
      teamId: opts.teamId ?? null,
      disabledAt: opts.disabled ? new Date() : null,
      roles: { create: roles.map((role) => ({ role })) },
    },
  });
  return {
    id: user.id,
    email,
    actor: { type: 'user', id: user.id, label: email, email, name: user.name, roles, teamId: user.teamId },
  };
}

export async function makeTeam(prisma: PrismaClient, name = `Team ${uid()}`) {
  return prisma.team.create({ data: { name, slug: name.toLowerCase().replace(/[^a-z0-9]+/g, '-') } });
}
