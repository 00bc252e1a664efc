// How a kind of notification reaches a person by e-mail (lib/domain/notification-preferences.ts).
// Light: the settings form (a client component) imports it.
export const EMAIL_MODES = ['off', 'immediate', 'digest'] as const;
export type EmailMode = (typeof EMAIL_MODES)[number];
