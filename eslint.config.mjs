import { defineConfig, globalIgnores } from 'eslint/config';
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores(['.next/**', 'node_modules/**', 'lib/generated/**', 'data/**', 'test-results/**', 'playwright-report/**', 'next-env.d.ts']),
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
      'no-restricted-imports': ['error', { patterns: ['@/lib/server/*', '@/app/*', '@/components/*', 'next/*', '@/lib/generated/*'] }],
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
            { group: ['@/app/*', '**/app/*'], message: 'components/ is shared UI and imports nothing from app/: move a route-owned section beside its route, or pass actions in as props.' },
          ],
        },
      ],
    },
  },
  {
    // Scripts, tests and tool configuration may read the environment directly.
    files: ['lib/server/env.ts', 'scripts/**', 'tests/**', '*.config.*', '.ci/**'],
    rules: { 'no-restricted-syntax': 'off' },
  },
]);
