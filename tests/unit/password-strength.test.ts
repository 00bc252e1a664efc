import { describe, expect, it } from 'vitest';
import { checkPasswordStrength, passwordUserInputs, PASSWORD_MIN_SCORE } from '@/lib/server/password-strength';

const person = { name: 'Quentin Vasquez-Ormsby', email: 'q.vasquez@relm.test' };

describe('checkPasswordStrength', () => {
  it.each(['aaaaaaaaaaaa', '123456789012'])('refuses %s, and says why', async (password) => {
    const r = await checkPasswordStrength(password, person);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.score).toBeLessThan(PASSWORD_MIN_SCORE);
    expect(r.reasons[0]).toBe('This password is too easy to guess.');
    expect(r.reasons.length).toBeGreaterThan(1);
  });

  it('names the reason: repeats, and common passwords', async () => {
    const repeated = await checkPasswordStrength('aaaaaaaaaaaa', person);
    expect(!repeated.ok && repeated.reasons.join(' ')).toMatch(/Repeated characters like "aaa" are easy to guess\./);
    const common = await checkPasswordStrength('123456789012', person);
    expect(!common.ok && common.reasons.join(' ')).toMatch(/commonly used password/);
  });

  it("refuses a password made of the person's own name or e-mail address, and says so", async () => {
    for (const password of ['QuentinVasquezOrmsby', 'q.vasquez@relm.test1']) {
      const r = await checkPasswordStrength(password, person);
      expect(r.ok, password).toBe(false);
      expect(!r.ok && r.reasons).toContain('It contains your name or e-mail address, which are easy to guess.');
      // the same password is fine for someone else: it is the person's data that makes it weak
      expect((await checkPasswordStrength(password, { name: 'Ada Lovelace', email: 'ada@example.com' })).ok, password).toBe(true);
    }
  });

  it('accepts a passphrase of uncommon words', async () => {
    expect(await checkPasswordStrength('violet-otter-lamp-quarry', person)).toEqual({ ok: true, score: 4 });
    expect((await checkPasswordStrength('correct horse battery staple', person)).ok).toBe(true);
  });
});

describe('passwordUserInputs', () => {
  it('is the name and its parts, the address, its local part and pieces, and the domain', () => {
    expect(passwordUserInputs(person)).toEqual([
      'quentin vasquez-ormsby',
      'quentinvasquezormsby',
      'quentin',
      'vasquez',
      'ormsby',
      'q.vasquez@relm.test',
      'q.vasquez',
      'qvasquez',
      'relm.test',
      'relm',
      'test',
    ]);
    expect(passwordUserInputs({})).toEqual([]);
  });
});
