import { describe, expect, it } from 'vitest';
import { chooseLocale, negotiateLocale } from '@/lib/domain/locale';

describe('negotiateLocale (Accept-Language)', () => {
  it('takes French from a French-speaking browser, any region', () => {
    expect(negotiateLocale('fr-FR,fr;q=0.9,en-US;q=0.8,en;q=0.7')).toBe('fr');
    expect(negotiateLocale('fr-CA')).toBe('fr');
    expect(negotiateLocale('FR')).toBe('fr');
  });

  it('follows the weights, not the order', () => {
    expect(negotiateLocale('en;q=0.5, fr;q=0.8')).toBe('fr');
    expect(negotiateLocale('fr;q=0.5, en')).toBe('en');
  });

  it('keeps the header order between equal weights', () => {
    expect(negotiateLocale('fr, en')).toBe('fr');
    expect(negotiateLocale('en, fr')).toBe('en');
  });

  it('skips languages Relm does not speak', () => {
    expect(negotiateLocale('de-DE,de;q=0.9,fr;q=0.8,en;q=0.5')).toBe('fr');
    expect(negotiateLocale('de, es')).toBe('en');
  });

  it('refuses a language weighted 0 and ignores malformed weights', () => {
    expect(negotiateLocale('fr;q=0, en;q=0.1')).toBe('en');
    expect(negotiateLocale('fr;q=0')).toBe('en');
    expect(negotiateLocale('fr;q=abc, en;q=0.2')).toBe('en');
    expect(negotiateLocale('fr;q=2')).toBe('en');
  });

  it('falls back to English with nothing usable', () => {
    expect(negotiateLocale(null)).toBe('en');
    expect(negotiateLocale('')).toBe('en');
    expect(negotiateLocale('*')).toBe('en');
    expect(negotiateLocale(' , ;q=1')).toBe('en');
  });
});

describe('chooseLocale', () => {
  it('puts the person’s own choice before the cookie and the browser', () => {
    expect(chooseLocale({ user: 'en', cookie: 'fr', acceptLanguage: 'fr' })).toBe('en');
    expect(chooseLocale({ user: null, cookie: 'fr', acceptLanguage: 'en' })).toBe('fr');
    expect(chooseLocale({ user: null, cookie: null, acceptLanguage: 'fr-BE' })).toBe('fr');
  });

  it('ignores values that are not a locale Relm speaks', () => {
    expect(chooseLocale({ user: 'de', cookie: 'klingon', acceptLanguage: 'fr' })).toBe('fr');
    expect(chooseLocale({})).toBe('en');
  });
});
