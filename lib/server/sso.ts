import 'server-only';
import crypto from 'node:crypto';
import { z } from 'zod';
import { ROLES } from '@/lib/domain/permissions';
import { mapGroups, type SsoRefusal } from '@/lib/domain/sso';
import { db, type Tx } from './db';
import { appendAudit } from './audit';
import { now } from './clock';
import { authSecret, oidcConfig } from './env';
import { prismaErrorCode } from './errors';
import { startSession } from './session-store';
import type { RequestMeta } from './actor';

// Single sign-on's side of signing in (docs/decisions/037-oidc-single-sign-on.md): who an
// identity provider account is in Relm, what its groups give it, and whether password sign-in
// is open. No mutations machinery here: auth.ts and sign-in.ts use it on the sign-in path.

export interface OidcIdentity {
  issuer: string;
  subject: string;
  email: unknown;
  /** the ID token's email_verified claim: only `true` lets a sign-on join an existing account */
  emailVerified: unknown;
  name: unknown;
  groups: string[];
}

export interface SignedInUser {
  id: string;
  email: string;
  name: string;
  sessionVersion: number;
  roles: string[];
  sessionId: string;
}

export type OidcSignInOutcome = { ok: true; user: SignedInUser; created: boolean } | { ok: false; reason: SsoRefusal; groups: string[] };

const EmailSchema = z.string().trim().toLowerCase().max(254).email();

const sortRoles = (roles: readonly string[]) => [...roles].sort((a, b) => ROLES.indexOf(a as never) - ROLES.indexOf(b as never));

/**
 * Signs in the person an identity provider vouched for: finds their Relm account by the
 * provider's (issuer, subject), else by a verified e-mail address, else creates it; applies
 * the group mappings (roles, team) afresh; starts a server-side session. A person whose groups
 * map to no role, or whose account is disabled, is refused. Every outcome is audited.
 */
export async function signInWithOidc(identity: OidcIdentity, meta: RequestMeta, client: { userAgent?: string | null } = {}): Promise<OidcSignInOutcome> {
  const prisma = await db();
  const groups = identity.groups;
  const parsedEmail = EmailSchema.safeParse(identity.email);
  const subject = String(identity.subject).slice(0, 255);
  const issuer = identity.issuer.slice(0, 500);
  try {
    return await prisma.$transaction(async (tx) => {
      const refuse = async (reason: SsoRefusal, user: { id: string; email: string } | null): Promise<OidcSignInOutcome> => {
        await appendAudit(
          tx,
          user ? { id: user.id, label: user.email, type: 'user' } : { id: null, label: parsedEmail.data ?? `${issuer} ${subject}`, type: 'anonymous' },
          meta,
          {
            action: 'auth.sign_in_failed',
            targetType: 'user',
            targetId: user?.id ?? null,
            after: { email: parsedEmail.data ?? null, method: 'oidc', issuer, subject, reason, groups: groups.slice(0, 50) },
          },
        );
        return { ok: false, reason, groups };
      };
      if (!parsedEmail.success) return refuse('no_email', null);
      const email = parsedEmail.data;

      const link = await tx.identityLink.findUnique({ where: { issuer_subject: { issuer, subject } }, include: { user: { include: { roles: true } } } });
      let user = link?.user ?? null;
      if (!user) {
        const byEmail = await tx.user.findUnique({ where: { email }, include: { roles: true, identityLinks: { where: { issuer } } } });
        if (byEmail) {
          if (byEmail.identityLinks.length) return refuse('linked_elsewhere', byEmail);
          // joining a sign-on to an account that exists already takes the provider's word that the address is theirs
          if (identity.emailVerified !== true) return refuse('email_unverified', byEmail);
          user = byEmail;
        }
      }
      if (user?.disabledAt) return refuse('disabled', user);

      const mappings = await tx.oidcGroupMapping.findMany({ select: { group: true, roles: true, teamId: true, priority: true } });
      const access = mapGroups(groups, mappings);
      if (!access.roles.length) return refuse('no_role', user);

      const at = now();
      let created = false;
      if (!user) {
        const name = typeof identity.name === 'string' && identity.name.trim() ? identity.name.trim().slice(0, 120) : email.split('@')[0]!;
        // no password: an account made by single sign-on signs in through it (an admin may set one later)
        user = await tx.user.create({
          data: { email, name, passwordHash: '', teamId: access.teamId, lastSignInAt: at, roles: { create: access.roles.map((role) => ({ role })) } },
          include: { roles: true },
        });
        created = true;
        await appendAudit(tx, { id: user.id, label: email, type: 'user' }, meta, {
          action: 'user.create',
          targetType: 'user',
          targetId: user.id,
          after: { email, name, roles: access.roles, teamId: access.teamId, disabled: false, via: 'oidc', groups: access.matched },
        });
      } else {
        const beforeRoles = sortRoles(user.roles.map((r) => r.role));
        // a team comes from the first matching mapping that names one; none named: the team stays as an admin set it
        const teamId = access.teamId ?? user.teamId;
        const rolesChanged = beforeRoles.join() !== access.roles.join();
        const teamChanged = teamId !== user.teamId;
        if (rolesChanged || teamChanged) {
          await tx.userRole.deleteMany({ where: { userId: user.id } });
          await tx.userRole.createMany({ data: access.roles.map((role) => ({ userId: user!.id, role })) });
          // roles or team changed: the person's other sessions end on their next request, as with an admin's edit
          await tx.user.update({ where: { id: user.id }, data: { teamId, sessionVersion: { increment: 1 }, version: { increment: 1 } } });
          await appendAudit(tx, { id: user.id, label: user.email, type: 'user' }, meta, {
            action: 'user.update',
            targetType: 'user',
            targetId: user.id,
            before: { roles: beforeRoles, teamId: user.teamId },
            after: { roles: access.roles, teamId, via: 'oidc', groups: access.matched },
          });
        }
        user = await tx.user.update({ where: { id: user.id }, data: { lastSignInAt: at }, include: { roles: true } });
      }
      if (link) {
        await tx.identityLink.update({ where: { id: link.id }, data: { lastSignInAt: at } });
      } else {
        await tx.identityLink.create({ data: { userId: user.id, issuer, subject, lastSignInAt: at } });
        if (!created) {
          await appendAudit(tx, { id: user.id, label: user.email, type: 'user' }, meta, {
            action: 'user.identity_linked',
            targetType: 'user',
            targetId: user.id,
            after: { issuer, subject, email, emailVerified: true },
          });
        }
      }
      const sessionId = await startSession(tx, { userId: user.id, userAgent: client.userAgent, ip: meta.ip });
      await appendAudit(tx, { id: user.id, label: user.email, type: 'user' }, meta, {
        action: 'auth.sign_in',
        targetType: 'user',
        targetId: user.id,
        after: { email: user.email, method: 'oidc', groups: access.matched },
      });
      return {
        ok: true,
        created,
        user: {
          id: user.id,
          email: user.email,
          name: user.name,
          sessionVersion: user.sessionVersion,
          roles: sortRoles(user.roles.map((r) => r.role)),
          sessionId,
        },
      };
    });
  } catch (err) {
    // two first sign-ins of one person at once: one creates the account, the other may try again
    if (prismaErrorCode(err) === 'P2002') return { ok: false, reason: 'failed', groups };
    throw err;
  }
}

/** Whether password sign-in is open to everyone (the default), or only to the break-glass admins. */
type SettingReader = Pick<Tx, 'signInSetting' | 'breakGlassAdmin'>;

export async function passwordSignInOpen(tx?: SettingReader): Promise<boolean> {
  const prisma = tx ?? (await db());
  const row = await prisma.signInSetting.findUnique({ where: { id: 1 }, select: { passwordSignIn: true } });
  return row?.passwordSignIn ?? true;
}

/** Whether this user may sign in with a password now: password sign-in is open, or they are a break-glass admin. */
export async function mayUsePassword(tx: SettingReader, user: { id: string; roles: { role: string }[] }): Promise<boolean> {
  if (await passwordSignInOpen(tx)) return true;
  if (!user.roles.some((r) => r.role === 'admin')) return false;
  return !!(await tx.breakGlassAdmin.findUnique({ where: { userId: user.id }, select: { userId: true } }));
}

/** What the sign-in page offers: the single sign-on button (when configured) and whether passwords are open. */
export async function signInOptions(): Promise<{ sso: { name: string } | null; passwordSignIn: boolean }> {
  const config = oidcConfig();
  return { sso: config ? { name: config.name } : null, passwordSignIn: await passwordSignInOpen() };
}

// The refused sign-in's groups travel to the sign-in page in its address, signed so that
// nobody can send someone a link that makes Relm's page say something else.
const groupsMac = (reason: string, groups: string) =>
  crypto.createHmac('sha256', authSecret()).update(`relm-sso-refusal\n${reason}\n${groups}`).digest('base64url').slice(0, 32);

/** The sign-in page's address for a refused single sign-on. */
export function refusalLocation(reason: SsoRefusal, groups: readonly string[]): string {
  const q = new URLSearchParams({ sso: reason });
  if (reason === 'no_role') {
    const list = groups.slice(0, 20).join('\n');
    q.set('groups', list);
    q.set('sig', groupsMac(reason, list));
  }
  return `/sign-in?${q.toString()}`;
}

/** The groups of a refusal's address, when its signature is right; null otherwise. */
export function refusalGroups(reason: string, groups: string | undefined, sig: string | undefined): string[] | null {
  if (typeof groups !== 'string' || typeof sig !== 'string' || groups.length > 6000) return null;
  const expected = groupsMac(reason, groups);
  if (sig.length !== expected.length || !crypto.timingSafeEqual(Buffer.from(sig), Buffer.from(expected))) return null;
  return groups ? groups.split('\n') : [];
}
