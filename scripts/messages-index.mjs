// Writes messages/index.ts from the catalogue files on disk (docs/decisions/057-english-and-french.md):
// one import per namespace per language, in alphabetical order. Run after adding a namespace:
//   node scripts/messages-index.mjs
// tests/unit/messages.test.ts fails when a file on disk is missing from the index.
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../messages');
const names = fs
  .readdirSync(path.join(root, 'en'))
  .filter((f) => f.endsWith('.json'))
  .map((f) => f.slice(0, -5))
  .sort();
const ident = (ns) => ns.replace(/(^|-)([a-z])/g, (_, __, c) => c.toUpperCase());
const quoted = (ns) => (/^[a-z]+$/i.test(ns) ? ns : `'${ns}'`);

const lines = ["import type { Locale } from '@/lib/domain/locale';"];
for (const ns of names) {
  lines.push(`import en${ident(ns)} from './en/${ns}.json';`);
  lines.push(`import fr${ident(ns)} from './fr/${ns}.json';`);
}
lines.push(
  '',
  '// Every catalogue, one JSON file per namespace per language (docs/decisions/057-english-and-french.md).',
  "// Written by scripts/messages-index.mjs from the files on disk: add a namespace's two files and run it.",
  '// The English file is the type every t() call is checked against, and tests/unit/messages.test.ts checks',
  '// that French has the same keys and arguments. Server-only: never import this from a client',
  '// component (both languages would ship); client components get theirs from <ClientMessages>.',
  'export const CATALOGUES = {',
  ...names.map((ns) => `  ${quoted(ns)}: { en: en${ident(ns)}, fr: fr${ident(ns)} },`),
  '} satisfies Record<string, Record<Locale, unknown>>;',
  '',
  'export type Namespace = keyof typeof CATALOGUES;',
  "export type Messages = { [N in Namespace]: (typeof CATALOGUES)[N]['en'] };",
  '',
  "/** One language's messages, every namespace merged under its name. */",
  'export function messagesFor(locale: Locale): Messages {',
  '  return Object.fromEntries(Object.entries(CATALOGUES).map(([ns, byLocale]) => [ns, byLocale[locale]])) as Messages;',
  '}',
  '',
);
fs.writeFileSync(path.join(root, 'index.ts'), lines.join('\n'));
