import 'server-only';
import { z } from 'zod';
import { RELEASE_STATUSES } from '@/lib/domain/lifecycle';
import { defineMutation } from './action';
import type { Actor } from './actor';
import { allows } from './authz';
import { now } from './clock';
import { db } from './db';
import { forbidden } from './errors';
import { SLUG_PATTERN } from './releases';
import { sayer } from './say';

const say = sayer('server-calendar-preferences');

// The calendar filters a person last applied (issue 16, point 6; docs/decisions/053): the month,
// week and agenda views share them, and /calendar without a query opens with them. Applying the
// filter form saves them (one audited mutation); "Reset filters" forgets them. Everyone who reads
// the calendar keeps their own (release.read); nobody reads another person's.

export const CALENDAR_FILTER_KEYS = ['environment', 'component', 'team', 'status'] as const;
export type CalendarFilterKey = (typeof CALENDAR_FILTER_KEYS)[number];
export type RememberedFilters = Partial<Record<CalendarFilterKey, string>>;

const TEAM_SLUG = /^[a-z0-9][a-z0-9-]{0,79}$/;
/** an empty field is "no filter" */
const optional = <T extends z.ZodType>(t: T) => z.preprocess((v) => (v === '' || v === null ? undefined : v), t.optional());

export const CalendarFiltersSchema = z.object({
  environment: optional(z.string().max(64).regex(SLUG_PATTERN, say('chooseEnvironment'))),
  component: optional(z.string().max(64).regex(SLUG_PATTERN, say('chooseComponent'))),
  team: optional(z.string().max(80).regex(TEAM_SLUG, say('chooseTeam'))),
  status: optional(z.enum(RELEASE_STATUSES, { error: say('chooseStatus') })),
});

function personOf(actor: Actor): string {
  if (!actor.id) throw forbidden(say('onlyPerson'));
  return actor.id;
}

const pick = (f: Partial<Record<CalendarFilterKey, string | null | undefined>>): RememberedFilters =>
  Object.fromEntries(CALENDAR_FILTER_KEYS.filter((k) => f[k]).map((k) => [k, f[k]!]));

/** Remembers the calendar filters just applied (replacing what was remembered). */
export const saveCalendarFilters = defineMutation({
  name: 'calendar_filters.save',
  permission: 'release.read',
  input: CalendarFiltersSchema,
  run: async ({ tx, actor, input, audit, noChange }) => {
    const userId = personOf(actor);
    const after = pick(input);
    const current = await tx.calendarPreference.findUnique({ where: { userId } });
    const before = current ? pick(current) : {};
    if (JSON.stringify(before) === JSON.stringify(after) && (current || !Object.keys(after).length)) {
      noChange();
      return { filters: after, changed: false };
    }
    const data = { environment: after.environment ?? null, component: after.component ?? null, team: after.team ?? null, status: after.status ?? null };
    await tx.calendarPreference.upsert({ where: { userId }, create: { userId, ...data, updatedAt: now() }, update: { ...data, updatedAt: now() } });
    await audit({ action: 'calendar_filters.saved', targetType: 'user', targetId: userId, before, after });
    return { filters: after, changed: true };
  },
});

/** Forgets the remembered calendar filters: /calendar opens unfiltered again. */
export const resetCalendarFilters = defineMutation({
  name: 'calendar_filters.reset',
  permission: 'release.read',
  input: z.object({}).strip(),
  run: async ({ tx, actor, audit, noChange }) => {
    const userId = personOf(actor);
    const current = await tx.calendarPreference.findUnique({ where: { userId } });
    if (!current) {
      noChange();
      return { changed: false };
    }
    await tx.calendarPreference.delete({ where: { userId } });
    await audit({ action: 'calendar_filters.reset', targetType: 'user', targetId: userId, before: pick(current) });
    return { changed: true };
  },
});

/** The actor's remembered calendar filters (empty: none, or not a person). */
export async function getRememberedFilters(actor: Actor | null): Promise<RememberedFilters> {
  if (!actor?.id || !allows(actor, 'release.read')) return {};
  const prisma = await db();
  const row = await prisma.calendarPreference.findUnique({ where: { userId: actor.id } });
  return row ? pick(row) : {};
}
