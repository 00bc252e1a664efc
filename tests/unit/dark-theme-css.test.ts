import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DARK_THEME_FILE, darkThemeCss } from '@/scripts/dark-theme-css';

// app/dark-theme.css is generated from Tailwind's palette; a Tailwind upgrade that changes the
// palette (or a hand edit) shows here instead of as a quietly mismatched dark theme.
describe('the dark theme stylesheet', () => {
  it('is what scripts/dark-theme-css.ts makes from the installed Tailwind palette', () => {
    expect(fs.readFileSync(DARK_THEME_FILE, 'utf8')).toBe(darkThemeCss());
  });

  it('mirrors each shade and lifts 500, for the dark choice and for the system preference alike', () => {
    const css = darkThemeCss();
    const gray = (shade: number) => [...css.matchAll(new RegExp(`--color-gray-${shade}: (oklch\\([^)]*\\));`, 'g'))].map((m) => m[1]);
    expect(gray(50)).toEqual(['oklch(13% 0.028 261.692)', 'oklch(13% 0.028 261.692)']);
    expect(gray(900)).toEqual(['oklch(96.7% 0.003 264.542)', 'oklch(96.7% 0.003 264.542)']);
    // halfway between 55.1 % (500) and 70.7 % (400)
    expect(gray(500)).toEqual(['oklch(62.9% 0.027 264.364)', 'oklch(62.9% 0.027 264.364)']);
    expect(css).toContain(":root[data-theme='dark'] {");
    expect(css).toContain("@media (prefers-color-scheme: dark) {\n  :root:not([data-theme='light']) {");
  });
});
