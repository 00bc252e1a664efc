import 'server-only';
import { z } from 'zod';
import { ROLES } from '@/lib/domain/permissions';
import { byPriority, MAX_GROUP_LENGTH } from '@/lib/domain/sso';
import { defineMutation } from './action';
import { assertCan } from './authz';
import { conflict, invalid, notFound } from './errors';
import { db } from './db';
import { env, oidcConfig } from './env';
import type { Actor } from './actor';
import { sayer } from './say';

const say = sayer('server-sso-admin');

// Single sign-on's admin side (docs/decisions/037-oidc-single-sign-on.md): the group mappings
// and the password sign-in switch with its break-glass admins. For those who manage users.

const roles = z
  .array(z.enum(ROLES, { message: say('unknownRole') }))
  .min(1, say('atLeastOneRole'))
  .max(ROLES.length)
  .transform((r) => ROLES.filter((role) => r.includes(role)));

export const CreateGroupMappingSchema = z.object({
  group: z
    .string()
    .trim()
    .min(1, say('group.enter'))
    .max(MAX_GROUP_LENGTH, say('group.tooLong', { max: MAX_GROUP_LENGTH })),
  roles,
  teamId: z
    .string()
    .trim()
    .max(64)
    .optional()
    .transform((v) => (v ? v : null)),
  priority: z.coerce
    .number({ message: say('wholeNumber') })
    .int(say('wholeNumber'))
    .min(0, say('priorityRange'))
    .max(10_000, say('priorityRange'))
    .default(100),
});

export const DeleteGroupMappingSchema = z.object({ id: z.string().min(1).max(64) });

const emailList = z
  .string()
  .max(5_000)
  .default('')
  .transform((v) => [
    ...new Set(
      v
        .split(/[\s,;]+/)
        .map((e) => e.trim().toLowerCase())
        .filter(Boolean),
    ),
  ])
  .pipe(z.array(z.string().email(say('breakGlass.emails'))).max(20, say('breakGlass.atMost')));

export const UpdateSignInSettingsSchema = z.object({
  passwordSignIn: z.boolean(),
  breakGlassEmails: emailList,
});

export const createGroupMapping = defineMutation({
  name: 'sso.mapping_create',
  permission: 'user.manage',
  input: CreateGroupMappingSchema,
  async run({ tx, input, audit }) {
    if (await tx.oidcGroupMapping.findUnique({ where: { group: input.group }, select: { id: true } })) {
      throw conflict(say('group.mapped'), { group: [say('group.mappedField')] });
    }
    if (input.teamId && !(await tx.team.findUnique({ where: { id: input.teamId }, select: { id: true } }))) {
      throw invalid(say('team.missing'), { teamId: [say('team.missingReload')] });
    }
    const mapping = await tx.oidcGroupMapping.create({ data: input });
    await audit({ action: 'sso.mapping_create', targetType: 'oidc_group_mapping', targetId: mapping.id, after: input });
    return { id: mapping.id };
  },
});

export const deleteGroupMapping = defineMutation({
  name: 'sso.mapping_delete',
  permission: 'user.manage',
  input: DeleteGroupMappingSchema,
  async run({ tx, input, audit }) {
    const mapping = await tx.oidcGroupMapping.findUnique({ where: { id: input.id } });
    if (!mapping) throw notFound(say('thatMapping'));
    await tx.oidcGroupMapping.delete({ where: { id: mapping.id } });
    await audit({
      action: 'sso.mapping_delete',
      targetType: 'oidc_group_mapping',
      targetId: mapping.id,
      before: { group: mapping.group, roles: mapping.roles, teamId: mapping.teamId, priority: mapping.priority },
    });
    return { id: mapping.id, group: mapping.group };
  },
});

export const updateSignInSettings = defineMutation({
  name: 'sso.settings_update',
  permission: 'user.manage',
  input: UpdateSignInSettingsSchema,
  async run({ tx, input, audit, noChange }) {
    const users = await tx.user.findMany({
      where: { email: { in: input.breakGlassEmails } },
      select: { id: true, email: true, disabledAt: true, roles: { select: { role: true } } },
    });
    const problems: string[] = [];
    for (const email of input.breakGlassEmails) {
      const u = users.find((x) => x.email === email);
      if (!u) problems.push(say('breakGlass.notUser', { email }));
      else if (!u.roles.some((r) => r.role === 'admin')) problems.push(say('breakGlass.notAdmin', { email }));
      else if (u.disabledAt) problems.push(say('breakGlass.disabled', { email }));
    }
    if (problems.length) throw invalid(say('breakGlass.onlyEnabledAdmins'), { breakGlassEmails: problems });
    if (!input.passwordSignIn) {
      if (!oidcConfig()) {
        throw invalid(say('passwordStaysOn'), { passwordSignIn: [say('configureFirst')] });
      }
      if (!users.length) {
        throw invalid(say('breakGlass.needOne'), { breakGlassEmails: [say('breakGlass.needOneField')] });
      }
    }
    const current = await tx.signInSetting.findUnique({ where: { id: 1 } });
    const currentBreakGlass = await tx.breakGlassAdmin.findMany({ select: { user: { select: { email: true } } } });
    const before = { passwordSignIn: current?.passwordSignIn ?? true, breakGlass: currentBreakGlass.map((b) => b.user.email).sort() };
    const after = { passwordSignIn: input.passwordSignIn, breakGlass: users.map((u) => u.email).sort() };
    if (before.passwordSignIn === after.passwordSignIn && before.breakGlass.join() === after.breakGlass.join()) {
      noChange();
      return after;
    }
    await tx.signInSetting.upsert({
      where: { id: 1 },
      create: { id: 1, passwordSignIn: input.passwordSignIn },
      update: { passwordSignIn: input.passwordSignIn },
    });
    await tx.breakGlassAdmin.deleteMany({});
    await tx.breakGlassAdmin.createMany({ data: users.map((u) => ({ userId: u.id })) });
    await audit({ action: 'sso.settings_update', targetType: 'sign_in_setting', targetId: '1', before, after });
    return after;
  },
});

export interface SsoAdminView {
  config: { issuer: string; clientId: string; name: string; groupsClaim: string; scopes: string; callbackUrl: string } | null;
  mappings: { id: string; group: string; roles: string[]; team: { id: string; name: string } | null; priority: number }[];
  passwordSignIn: boolean;
  breakGlass: { id: string; email: string; name: string; admin: boolean; disabled: boolean }[];
  teams: { id: string; name: string }[];
  linkedUsers: number;
}

/** Everything the single sign-on admin page shows. */
export async function getSsoAdmin(actor: Actor | null): Promise<SsoAdminView> {
  assertCan(actor, 'user.manage');
  const prisma = await db();
  const config = oidcConfig();
  const [mappings, setting, breakGlass, teams, linkedUsers] = await Promise.all([
    prisma.oidcGroupMapping.findMany({ include: { team: { select: { id: true, name: true } } } }),
    prisma.signInSetting.findUnique({ where: { id: 1 } }),
    prisma.breakGlassAdmin.findMany({
      include: { user: { select: { id: true, email: true, name: true, disabledAt: true, roles: { select: { role: true } } } } },
    }),
    prisma.team.findMany({ orderBy: { name: 'asc' }, select: { id: true, name: true } }),
    prisma.identityLink.count(),
  ]);
  return {
    config: config
      ? {
          issuer: config.issuer,
          clientId: config.clientId,
          name: config.name,
          groupsClaim: config.groupsClaim,
          scopes: config.scopes,
          callbackUrl: (env().RELM_PUBLIC_URL ?? null) === null ? say('callbackUrlUnknown') : `${env().RELM_PUBLIC_URL}/api/auth/callback/oidc`,
        }
      : null,
    mappings: mappings
      .sort(byPriority)
      .map((m) => ({ id: m.id, group: m.group, roles: ROLES.filter((r) => m.roles.includes(r)), team: m.team, priority: m.priority })),
    passwordSignIn: setting?.passwordSignIn ?? true,
    breakGlass: breakGlass
      .map((b) => ({
        id: b.user.id,
        email: b.user.email,
        name: b.user.name,
        admin: b.user.roles.some((r) => r.role === 'admin'),
        disabled: !!b.user.disabledAt,
      }))
      .sort((a, b) => a.email.localeCompare(b.email)),
    teams,
    linkedUsers,
  };
}
