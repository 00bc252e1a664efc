import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { localize, localizeFailure, sayer } from '@/lib/server/say';
import { notFound } from '@/lib/server/errors';
import { assertCan } from '@/lib/server/authz';
import { fieldErrorsOf } from '@/lib/server/action';

// lib/server's sentences in the reader's language (docs/decisions/060-refusals-in-the-readers-language.md).

describe('say and localize', () => {
  const say = sayer('server-action');

  it('says the English of the catalogue and gives it back in French', () => {
    const english = say('fieldsNeedAttention');
    expect(english).toBe('Some fields need attention.');
    expect(localize(english, 'en')).toBe(english);
    expect(localize(english, 'fr')).toBe('Certains champs sont à revoir.');
  });

  it('keeps the values of a sentence in every language', () => {
    const english = say('unexpected', { requestId: 'abc123' });
    expect(english).toContain('Quote request id abc123');
    expect(localize(english, 'fr')).toContain('abc123');
    expect(localize(english, 'fr')).not.toContain('Quote');
  });

  it('leaves a sentence it never said as it is', () => {
    expect(localize('Something from the database.', 'fr')).toBe('Something from the database.');
  });

  it('puts a sentence said by another module inside its own (not found)', () => {
    const thatUser = sayer('server-authz')('may.userRead');
    const refusal = notFound(thatUser);
    expect(refusal.message).toBe('see the user directory was not found, or you may not see it.');
    expect(localize(refusal.message, 'fr')).toContain('consulter l’annuaire des utilisateurs');
  });

  it('names the roles a permission needs in the reader’s language', () => {
    let message = '';
    try {
      assertCan({ type: 'user', id: 'u1', roles: ['viewer'] } as never, 'user.manage');
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toBe('You may not manage users: it needs the admin role.');
    expect(localize(message, 'fr')).toBe('Vous ne pouvez pas gérer les utilisateurs\u00a0: il faut le rôle administrateur.');
  });

  it('remembers zod’s own messages with zod’s French, and keeps a schema’s own message', () => {
    const parsed = z
      .object({ title: z.string().min(3), size: z.number(), name: z.string().min(1, say('fieldsNeedAttention')) })
      .safeParse({ title: 'x', size: 'big', name: '' });
    expect(parsed.success).toBe(false);
    const errors = fieldErrorsOf(parsed.error!);
    expect(errors.title).toEqual(['Too small: expected string to have >=3 characters']);
    const failure = localizeFailure({ message: say('fieldsNeedAttention'), fieldErrors: errors }, 'fr');
    expect(failure.message).toBe('Certains champs sont à revoir.');
    expect(failure.fieldErrors!.title![0]).toMatch(/^Trop petit/);
    expect(failure.fieldErrors!.size![0]).toMatch(/^Entrée invalide/);
    expect(failure.fieldErrors!.name).toEqual(['Certains champs sont à revoir.']);
  });
});

describe('gates in the reader’s language', () => {
  it('formats a gate from its words, with the sentences said among its values in that language too', async () => {
    const { localizeGates } = await import('@/lib/server/say');
    const problem = sayer('server-action')('fieldsNeedAttention');
    const gate = {
      rule: 'schedule.conflicts',
      passed: false,
      why: `Problems: ${problem}`,
      words: { why: { key: 'list.more', values: { items: problem, count: 2 } } },
    };
    const [fr] = localizeGates([gate], 'fr')!;
    expect(fr!.why).toContain('Certains champs sont à revoir.');
    expect(fr!.words!.why.values!.items).toBe('Certains champs sont à revoir.');
    expect(localizeGates([gate], 'en')![0]).toBe(gate);
  });
});
