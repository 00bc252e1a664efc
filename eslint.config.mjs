import { defineConfig, globalIgnores } from 'eslint/config';
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import { importX } from 'eslint-plugin-import-x';
import { CONVERTED } from './i18n/converted.mjs';
import { relmI18nPlugin } from './i18n/no-ui-literals.mjs';

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores(['.next/**', 'node_modules/**', 'lib/generated/**', 'data/**', 'test-results/**', 'playwright-report/**', 'next-env.d.ts']),
  {
    // No import cycles anywhere (docs/decisions/016-lint-imports-and-format.md). Only our own
    // modules are walked (ignoreExternal), type-only imports don't count, and the tree is
    // shallow enough to walk without a depth limit.
    files: ['**/*.{ts,tsx,mts,cts,js,mjs}'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.tsx', '.mts', '.cts', '.js', '.mjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx', '.mts', '.cts'] },
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })],
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='process'][property.name='env']",
          message: 'Read configuration through lib/server/env.ts (the one place that reads process.env).',
        },
      ],
    },
  },
  {
    // The layers: domain is pure; components never reach the data layer's writes.
    files: ['lib/domain/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@/lib/server', '@/lib/server/*', '@/lib/generated/*', '@/app', '@/app/*', '@/components', '@/components/*'],
              message: 'lib/domain is pure rules over plain data: the caller in lib/server loads what a rule needs and passes it in.',
            },
            {
              // the same layers by relative path
              group: ['../server', '../server/*', '../generated/*', '../../app', '../../app/*', '../../components', '../../components/*'],
              message: 'lib/domain is pure rules over plain data: the caller in lib/server loads what a rule needs and passes it in.',
            },
            {
              group: ['next', 'next/*', 'next-auth', 'next-auth/*', 'react', 'react/*', 'react-dom', 'react-dom/*', 'server-only'],
              message: 'lib/domain runs anywhere (unit tests, scripts, the browser): no framework imports.',
            },
            {
              group: ['@prisma/*', 'prisma', 'pg', '@electric-sql/*', 'pglite-prisma-adapter', 'fs', 'fs/*', 'node:fs', 'node:fs/*'],
              message: 'lib/domain does no I/O: lib/server reads the database and files and passes plain data in.',
            },
            {
              group: ['net', 'node:net', 'http', 'node:http', 'https', 'node:https', 'child_process', 'node:child_process'],
              message: 'lib/domain does no I/O: no network or processes.',
            },
          ],
        },
      ],
    },
  },
  {
    // Shared UI imports nothing from app/: a section that needs a route's actions lives beside that route.
    files: ['components/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@/lib/generated/*', '@prisma/*'] },
            {
              group: ['@/app/*', '**/app/*'],
              message: 'components/ is shared UI and imports nothing from app/: move a route-owned section beside its route, or pass actions in as props.',
            },
          ],
        },
      ],
    },
  },
  {
    // Folders converted to English and French: no UI text outside the message catalogues
    // (docs/decisions/057-english-and-french.md). Extend the list in i18n/converted.mjs.
    files: CONVERTED,
    plugins: { relm: relmI18nPlugin },
    rules: { 'relm/no-ui-literals': 'error' },
  },
  {
    // Scripts, tests and tool configuration may read the environment directly.
    files: ['lib/server/env.ts', 'scripts/**', 'tests/**', '*.config.*', '.ci/**'],
    rules: { 'no-restricted-syntax': 'off' },
  },
]);
