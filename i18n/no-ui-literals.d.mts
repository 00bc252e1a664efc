import type { ESLint, Rule } from 'eslint';

export declare const noUiLiterals: Rule.RuleModule;
export declare const relmI18nPlugin: ESLint.Plugin;
