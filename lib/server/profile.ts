import 'server-only';
import { z } from 'zod';
import { isValidTimeZone } from '@/lib/domain/recurrence';
import { defineMutation } from './action';
import { invalid } from './errors';

// What a person sets about themselves (their profile). The time zone is the one times are
// written in when Relm tells them something about a release's windows; unset, each release's
// own zone is used.

export const SetMyTimeZoneSchema = z.object({
  timeZone: z
    .string({ error: 'Choose a time zone.' })
    .trim()
    .max(64, 'Choose a time zone from the list.')
    .refine((v) => v === '' || isValidTimeZone(v), 'Choose a time zone from the list, e.g. Europe/Paris.'),
});

export const setMyTimeZone = defineMutation({
  name: 'profile.set_time_zone',
  permission: 'notification.own',
  input: SetMyTimeZoneSchema,
  async run({ tx, actor, input, audit, noChange }) {
    if (!actor.id) throw invalid('Only a person has a time zone.');
    const before = await tx.user.findUniqueOrThrow({ where: { id: actor.id }, select: { timeZone: true } });
    const next = input.timeZone || null;
    if (before.timeZone === next) {
      noChange();
      return { timeZone: next };
    }
    await tx.user.update({ where: { id: actor.id }, data: { timeZone: next } });
    await audit({ action: 'profile.set_time_zone', targetType: 'user', targetId: actor.id, before: { timeZone: before.timeZone }, after: { timeZone: next } });
    return { timeZone: next };
  },
});
