// A person's colour theme (docs/decisions/056-light-and-dark.md). "system" follows the browser's
// prefers-color-scheme and is stored as no choice at all.

export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

export const THEME_LABELS: Record<Theme, string> = { system: 'System', light: 'Light', dark: 'Dark' };

/** The cookie that carries the last choice made in this browser to pages read before sign-in. */
export const THEME_COOKIE = 'relm-theme';

/** Anything stored or sent (a column, a cookie) read as a theme; unknown values follow the system. */
export function toTheme(value: unknown): Theme {
  return value === 'light' || value === 'dark' ? value : 'system';
}
