// The folders whose UI text is all in the message catalogues (docs/decisions/057-english-and-french.md):
// since issue 16 was finished, the whole UI. ESLint's relm/no-ui-literals rule
// (i18n/no-ui-literals.mjs) refuses a UI string written in code anywhere in these folders.
export const CONVERTED = ['app/**', 'components/**'];
