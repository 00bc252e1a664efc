import 'server-only';
import { z } from 'zod';
import { THEMES, toTheme } from '@/lib/domain/theme';
import { defineMutation } from './action';
import { invalid } from './errors';
import { sayer } from './say';

const say = sayer('server-theme');

// Light and dark (docs/decisions/056-light-and-dark.md): the person's choice is a User column,
// read with the session (no query of its own) and written on <html data-theme> by the root
// layout (theme-request.ts), so the first paint is already in the right colours.

export const SetMyThemeSchema = z.object({
  theme: z.enum(THEMES, { error: say('chooseTheme') }),
});

export const setMyTheme = defineMutation({
  name: 'profile.set_theme',
  permission: 'session.own',
  input: SetMyThemeSchema,
  async run({ tx, actor, input, audit, noChange }) {
    if (!actor.id) throw invalid(say('onlyPerson'));
    const before = await tx.user.findUniqueOrThrow({ where: { id: actor.id }, select: { theme: true } });
    const next = input.theme === 'system' ? null : input.theme;
    if (before.theme === next) {
      noChange();
      return { theme: input.theme };
    }
    await tx.user.update({ where: { id: actor.id }, data: { theme: next } });
    await audit({
      action: 'profile.set_theme',
      targetType: 'user',
      targetId: actor.id,
      before: { theme: toTheme(before.theme) },
      after: { theme: input.theme },
    });
    return { theme: input.theme };
  },
});
