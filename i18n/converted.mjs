// The folders whose UI text is all in the message catalogues (docs/decisions/057-english-and-french.md).
// ESLint's relm/no-ui-literals rule (i18n/no-ui-literals.mjs) refuses a UI string written in code
// in these files. A session that converts a folder to next-intl adds it here, one line each,
// in alphabetical order, in the same commit as its catalogues.
export const CONVERTED = [
  'app/sign-in/**',
  'components/auth/**',
  'components/i18n/**',
  'components/profile/language-form.tsx',
  'components/releases/detail/gate-list.tsx',
];
