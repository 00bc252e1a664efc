import path from 'node:path';
import { ESLint, Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import { CONVERTED } from '@/i18n/converted.mjs';
import { noUiLiterals } from '@/i18n/no-ui-literals.mjs';

// relm/no-ui-literals (i18n/no-ui-literals.mjs): in converted folders, UI text written in code
// fails `npm run lint`. It must catch the ways text gets into JSX, leave code-like strings
// alone, and be switched on exactly for the folders i18n/converted.mjs lists.

const linter = new Linter({ configType: 'flat' });
const config: Linter.Config[] = [
  {
    files: ['**/*.tsx'],
    languageOptions: { parser: tseslint.parser as Linter.Parser, parserOptions: { ecmaFeatures: { jsx: true } } },
    plugins: { relm: { rules: { 'no-ui-literals': noUiLiterals } } },
    rules: { 'relm/no-ui-literals': 'error' },
  },
];
const reported = (code: string) => linter.verify(code, config, 'x.tsx').map((m) => m.message.match(/"(.*)"/)?.[1] ?? m.message);

describe('relm/no-ui-literals', () => {
  it('reports text between tags', () => {
    expect(reported('const a = <p>Sign in</p>;')).toEqual(['Sign in']);
    expect(reported('const a = <p>Connexion à Relm</p>;')).toEqual(['Connexion à Relm']);
  });

  it('reports literals shown as children, through conditions and fallbacks', () => {
    expect(reported("const a = <p>{'Saved'}</p>;")).toEqual(['Saved']);
    expect(reported("const a = <p>{ok ? 'Saved' : 'Failed'}</p>;")).toEqual(['Saved', 'Failed']);
    expect(reported("const a = <p>{name || 'nobody'}</p>;")).toEqual(['nobody']);
    expect(reported('const a = <p>{`Going to ${name}`}</p>;')).toEqual(['Going to']);
  });

  it('reports text in attributes people read', () => {
    expect(reported('const a = <Field label="Email" />;')).toEqual(['Email']);
    expect(reported('const a = <img alt="The Relm logo" />;')).toEqual(['The Relm logo']);
    expect(reported('const a = <button aria-label="Close menu" />;')).toEqual(['Close menu']);
    expect(reported('const a = <SubmitButton pendingText={`Going to ${name}…`} />;')).toEqual(['Going to  …']);
    expect(reported("const a = <input placeholder={ok ? 'Search releases' : ''} />;")).toEqual(['Search releases']);
  });

  it('leaves code alone: translations, class names, references, code-like values', () => {
    expect(
      reported(`const a = (
        <form id="sign-in-form" className="flex gap-2" gridClassName="sm:grid-cols-2 gap-4" aria-labelledby="x-heading" data-testid="Some Test">
          <Field label={t('form.email')} type="email" autoComplete="username" variant="secondary" />
          <p>{t('tagline')} {' '} {name} — 42 · …</p>
          <svg viewBox="0 0 10 10"><path d="M0 0 L10 10" /></svg>
          <a href="/sign-in" onClick={() => setMode('Manual')}>{cx('a', 'B c')}</a>
        </form>
      );`),
    ).toEqual([]);
  });
});

describe('the lint configuration', () => {
  const eslint = new ESLint({ cwd: path.resolve(import.meta.dirname, '../..') });
  const ruleIn = async (file: string) => ((await eslint.calculateConfigForFile(file)) as Linter.Config).rules?.['relm/no-ui-literals'];

  it('switches the rule on for the whole UI (app and components) and not elsewhere', async () => {
    expect(CONVERTED).toEqual(['app/**', 'components/**']);
    expect(await ruleIn('app/sign-in/page.tsx')).toEqual([2]);
    expect(await ruleIn('app/(app)/releases/[key]/_sections/plan-tasks.tsx')).toEqual([2]);
    expect(await ruleIn('components/auth/sign-in-form.tsx')).toEqual([2]);
    expect(await ruleIn('lib/server/releases.ts')).toBeUndefined();
  });

  it('fails a converted file that writes UI text in code', async () => {
    const [result] = await eslint.lintText('export const Hint = () => <p className="text-sm">Check your email</p>;\n', {
      filePath: 'components/auth/hint-example.tsx',
    });
    expect(result!.messages.map((m) => m.ruleId)).toContain('relm/no-ui-literals');
  });
});
