import 'server-only';
import { z } from 'zod';
import {
  defaultChoice,
  EMAIL_MODES,
  isPreferenceKind,
  isSecurityKind,
  PREFERENCE_GROUPS,
  preferenceKindLabel,
  type ChannelChoice,
  type EmailMode,
} from '@/lib/domain/notification-preferences';
import { defineMutation } from './action';
import { appendAudit } from './audit';
import { assertCan } from './authz';
import { now } from './clock';
import { db, type Tx } from './db';
import { invalid } from './errors';
import type { Actor, RequestMeta } from './actor';
import { ALL_KINDS, readUnsubscribeToken } from './unsubscribe-token';
import { sayer } from './say';

const say = sayer('server-notification-preferences');

// Profile → Notifications (issue 13): each person decides, per kind, whether it reaches them in
// Relm and by e-mail (immediately or in the daily digest). Only choices that differ from the
// defaults of the person's roles are stored, so a change of role or of a default reaches
// everyone who chose nothing. Also: the unsubscribe link of an e-mail, which works without
// signing in (docs/decisions/029-notification-preferences.md).

export interface PreferenceRowDto {
  kind: string;
  label: string;
  description: string;
  choice: ChannelChoice;
  default: ChannelChoice;
  /** the person changed it (a stored row) */
  custom: boolean;
  /** e-mail cannot be switched off */
  security: boolean;
}

export interface MyPreferencesDto {
  groups: { title: string; kinds: PreferenceRowDto[] }[];
  customCount: number;
}

export async function getMyNotificationPreferences(actor: Actor | null): Promise<MyPreferencesDto> {
  assertCan(actor, 'notification.own');
  const prisma = await db();
  const stored = await prisma.notificationPreference.findMany({ where: { userId: actor.id ?? '' }, select: { kind: true, inApp: true, email: true } });
  const mine = new Map(stored.map((s) => [s.kind, { inApp: s.inApp, email: s.email }]));
  const groups = PREFERENCE_GROUPS.map((g) => ({
    title: g.title,
    kinds: g.kinds
      .filter(([, d]) => !d.onlyFor || d.onlyFor.some((r) => actor.roles.includes(r)))
      .map(([kind, d]) => {
        const def = defaultChoice(kind, actor.roles);
        const own = mine.get(kind);
        return { kind, label: d.label, description: d.description, choice: own ?? def, default: def, custom: !!own, security: isSecurityKind(kind) };
      }),
  })).filter((g) => g.kinds.length);
  return { groups, customCount: stored.length };
}

// ---------------------------------------------------------------- mutations

const KindField = z.string().trim().min(1, say('kind.choose')).max(100).refine(isPreferenceKind, say('kind.unknown'));

const ChoiceSchema = z.object({
  kind: KindField,
  inApp: z.boolean({ error: say('inApp') }),
  email: z.enum(EMAIL_MODES, { error: say('emailMode') }),
});

export const SaveNotificationPreferencesSchema = z.object({
  choices: z.array(ChoiceSchema).min(1, say('choices.atLeastOne')).max(100, say('choices.atMost')),
});

const same = (a: ChannelChoice, b: ChannelChoice) => a.inApp === b.inApp && a.email === b.email;

/**
 * Saves the caller's choices: a choice equal to the default of their roles removes the stored
 * row, any other is stored. Only one's own; a security kind's e-mail cannot be switched off.
 */
export const saveNotificationPreferences = defineMutation({
  name: 'notification.preferences_save',
  permission: 'notification.own',
  input: SaveNotificationPreferencesSchema,
  run: async ({ tx, actor, input, audit, noChange }) => {
    const userId = actor.id;
    if (!userId) throw invalid(say('onlyPerson'));
    const locked = input.choices.findIndex((c) => isSecurityKind(c.kind) && c.email === 'off');
    if (locked >= 0) {
      throw invalid(say('securityLocked'), { [`choices.${locked}.email`]: [say('securityLocked')] });
    }
    const choices = [...new Map(input.choices.map((c) => [c.kind, c])).values()];
    const stored = await tx.notificationPreference.findMany({ where: { userId, kind: { in: choices.map((c) => c.kind) } } });
    const before = new Map(stored.map((s) => [s.kind, { inApp: s.inApp, email: s.email as EmailMode }]));
    const changed: { kind: string; before: ChannelChoice; after: ChannelChoice }[] = [];
    const at = now();
    for (const c of choices) {
      const def = defaultChoice(c.kind, actor.roles);
      const was = before.get(c.kind) ?? def;
      const next = { inApp: c.inApp, email: c.email };
      if (same(next, def)) {
        if (before.has(c.kind)) await tx.notificationPreference.delete({ where: { userId_kind: { userId, kind: c.kind } } });
      } else if (!before.has(c.kind) || !same(next, was)) {
        await tx.notificationPreference.upsert({
          where: { userId_kind: { userId, kind: c.kind } },
          create: { userId, kind: c.kind, ...next, updatedAt: at },
          update: { ...next, updatedAt: at },
        });
      }
      if (!same(next, was)) changed.push({ kind: c.kind, before: was, after: next });
    }
    if (!changed.length) {
      noChange();
      return { changed: 0 };
    }
    await audit({
      action: 'notification.preferences_save',
      targetType: 'user',
      targetId: userId,
      before: Object.fromEntries(changed.map((c) => [c.kind, c.before])),
      after: Object.fromEntries(changed.map((c) => [c.kind, c.after])),
    });
    return { changed: changed.length };
  },
});

export const ResetNotificationPreferencesSchema = z.object({}).passthrough();

/** Back to the defaults of the caller's roles: every stored choice removed. */
export const resetNotificationPreferences = defineMutation({
  name: 'notification.preferences_reset',
  permission: 'notification.own',
  input: ResetNotificationPreferencesSchema,
  run: async ({ tx, actor, audit, noChange }) => {
    const userId = actor.id ?? '';
    const stored = await tx.notificationPreference.findMany({ where: { userId }, select: { kind: true, inApp: true, email: true } });
    if (!stored.length) {
      noChange();
      return { removed: 0 };
    }
    await tx.notificationPreference.deleteMany({ where: { userId } });
    await audit({
      action: 'notification.preferences_reset',
      targetType: 'user',
      targetId: userId,
      before: Object.fromEntries(stored.map((s) => [s.kind, { inApp: s.inApp, email: s.email }])),
      after: { defaults: true },
    });
    return { removed: stored.length };
  },
});

// ---------------------------------------------------------------- unsubscribe (no session)

export type UnsubscribeView =
  { ok: true; email: string; name: string; kind: string; label: string; all: boolean; alreadyOff: boolean } | { ok: false; message: string };

const REFUSED = say('unsubscribe.refused');
const SECURITY = say('unsubscribe.security');
/** what an "all" unsubscribe stops, for the page's sentence */
const ALL_LABEL = say('unsubscribe.allLabel');

/** The kinds an "all" unsubscribe switches off: every kind on the settings page that is not about security. */
const ALL_KIND_LIST = PREFERENCE_GROUPS.flatMap((g) => g.kinds.map(([k]) => k)).filter((k) => !isSecurityKind(k));

async function personOf(client: Tx | Awaited<ReturnType<typeof db>>, userId: string) {
  return client.user.findUnique({
    where: { id: userId },
    select: {
      id: true,
      email: true,
      name: true,
      disabledAt: true,
      roles: { select: { role: true } },
      notificationPrefs: { select: { kind: true, inApp: true, email: true } },
    },
  });
}

type Person = NonNullable<Awaited<ReturnType<typeof personOf>>>;

function currentChoice(p: Person, kind: string): ChannelChoice {
  const own = p.notificationPrefs.find((s) => s.kind === kind);
  return own
    ? { inApp: own.inApp, email: own.email }
    : defaultChoice(
        kind,
        p.roles.map((r) => r.role),
      );
}

function check(token: unknown): { ok: true; userId: string; kind: string } | { ok: false; message: string } {
  const claim = readUnsubscribeToken(token);
  if (!claim) return { ok: false, message: REFUSED };
  if (claim.kind !== ALL_KINDS && (isSecurityKind(claim.kind) || !/^[a-z][a-z0-9_.-]*$/.test(claim.kind))) {
    return { ok: false, message: isSecurityKind(claim.kind) ? SECURITY : REFUSED };
  }
  return { ok: true, ...claim };
}

/** What the unsubscribe page shows before anything is changed: whose address, which kind. */
export async function describeUnsubscribe(token: unknown): Promise<UnsubscribeView> {
  const c = check(token);
  if (!c.ok) return c;
  const p = await personOf(await db(), c.userId);
  if (!p || p.disabledAt) return { ok: false, message: REFUSED };
  const all = c.kind === ALL_KINDS;
  const kinds = all ? ALL_KIND_LIST : [c.kind];
  return {
    ok: true,
    email: p.email,
    name: p.name,
    kind: c.kind,
    label: all ? ALL_LABEL : preferenceKindLabel(c.kind),
    all,
    alreadyOff: kinds.every((k) => currentChoice(p, k).email === 'off'),
  };
}

export type UnsubscribeResult = { ok: true; email: string; label: string; all: boolean; changed: number } | { ok: false; message: string };

/**
 * Switches e-mail off for the token's person and kind (or, with `all` or a '*' token, every kind
 * that is not about security), in one transaction with its audit event, acting as that person.
 * The bell is left as it was. Refuses a tampered or foreign token and security kinds; never throws
 * for bad input.
 */
export async function unsubscribe(token: unknown, opts: { all?: boolean; meta?: RequestMeta } = {}): Promise<UnsubscribeResult> {
  const c = check(token);
  if (!c.ok) return c;
  const prisma = await db();
  return prisma.$transaction(async (tx): Promise<UnsubscribeResult> => {
    const p = await personOf(tx, c.userId);
    if (!p || p.disabledAt) return { ok: false, message: REFUSED };
    const all = opts.all === true || c.kind === ALL_KINDS;
    const kinds = all ? [...new Set([...ALL_KIND_LIST, ...(c.kind === ALL_KINDS ? [] : [c.kind])])] : [c.kind];
    const label = all ? ALL_LABEL : preferenceKindLabel(c.kind);
    const at = now();
    const changed: { kind: string; before: ChannelChoice; after: ChannelChoice }[] = [];
    for (const kind of kinds) {
      const was = currentChoice(p, kind);
      if (was.email === 'off') continue;
      const next: ChannelChoice = { inApp: was.inApp, email: 'off' };
      await tx.notificationPreference.upsert({
        where: { userId_kind: { userId: p.id, kind } },
        create: { userId: p.id, kind, ...next, updatedAt: at },
        update: { ...next, updatedAt: at },
      });
      changed.push({ kind, before: was, after: next });
    }
    if (changed.length) {
      await appendAudit(tx, { id: p.id, label: p.email, type: 'user' }, opts.meta ?? null, {
        action: 'notification.unsubscribe',
        targetType: 'user',
        targetId: p.id,
        before: Object.fromEntries(changed.map((x) => [x.kind, x.before])),
        after: { ...Object.fromEntries(changed.map((x) => [x.kind, x.after])), via: 'unsubscribe link' },
      });
    }
    return { ok: true, email: p.email, label, all, changed: changed.length };
  });
}
