import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// Decision 025: client components keep heavy rules out of the first-load JavaScript.
// Every 'use client' module's static value imports are followed through our own files;
// none may reach a library or module that is only worth shipping on demand (with
// import(), which this walk does not follow, on purpose). `npx tsx scripts/first-load-js.ts`
// measures the result; this test names the import that would undo it.

const root = path.resolve(import.meta.dirname, '../..');

/** Packages and modules a client component must not load statically, and why. */
const HEAVY: Record<string, string> = {
  zod: 'zod (about 36 kB gzip): import the names a form needs from a light module such as lib/domain/policy-names.ts',
  rrule: 'the recurrence engine: load it with import() (see components/freezes/freeze-preview.ts)',
  luxon: 'the recurrence engine: load it with import()',
  cronstrue: 'the recurrence engine: load it with import()',
  'cron-parser': 'the recurrence engine: load it with import()',
  'lib/domain/policy.ts': 'the policy zod schema: import lib/domain/policy-names.ts instead',
  'react-markdown': 'Markdown rendering: render it on the server, or load it with import() (see components/announcements/announcement-form.tsx)',
  'lib/domain/recurrence.ts': 'the recurrence engine: import lib/domain/recurrence-examples.ts, or load it with import()',
  '@zxcvbn-ts': 'password dictionaries (megabytes): strength is checked on the server, in lib/server/password-strength.ts',
  recharts: 'the charting library: load it with next/dynamic (see components/insights/lazy-charts.tsx)',
};

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(rel);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [rel] : [];
  });
}

function resolve(from: string, spec: string): string | null {
  const base = spec.startsWith('@/') ? path.join(root, spec.slice(2)) : spec.startsWith('.') ? path.resolve(root, path.dirname(from), spec) : null;
  if (!base) return null;
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts'), path.join(base, 'index.tsx')]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return path.relative(root, candidate);
  }
  throw new Error(`${from}: cannot resolve ${spec}`);
}

/** The modules a file loads when it is loaded: value imports and re-exports, not `import type` nor import(). */
function staticImports(file: string): string[] {
  const text = fs.readFileSync(path.join(root, file), 'utf8');
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const out: string[] = [];
  for (const s of sf.statements) {
    if (ts.isImportDeclaration(s) && ts.isStringLiteral(s.moduleSpecifier)) {
      const clause = s.importClause;
      if (clause?.isTypeOnly) continue;
      const named = clause?.namedBindings;
      const onlyTypes = clause && !clause.name && named && ts.isNamedImports(named) && named.elements.length > 0 && named.elements.every((e) => e.isTypeOnly);
      if (!onlyTypes) out.push(s.moduleSpecifier.text);
    } else if (ts.isExportDeclaration(s) && s.moduleSpecifier && ts.isStringLiteral(s.moduleSpecifier)) {
      const clause = s.exportClause;
      const onlyTypes = s.isTypeOnly || (clause && ts.isNamedExports(clause) && clause.elements.length > 0 && clause.elements.every((e) => e.isTypeOnly));
      if (!onlyTypes) out.push(s.moduleSpecifier.text);
    }
  }
  return out;
}

const isClient = (file: string) => /^\s*(?:\/\/[^\n]*\n\s*)*['"]use client['"]/.test(fs.readFileSync(path.join(root, file), 'utf8'));

/** For each heavy module a client file reaches: the chain of imports that reaches it. */
function heavyReached(entry: string): string[] {
  const found: string[] = [];
  const seen = new Set<string>([entry]);
  const queue: string[][] = [[entry]];
  while (queue.length) {
    const chain = queue.shift()!;
    const file = chain[chain.length - 1]!;
    for (const spec of staticImports(file)) {
      const pkg = spec.startsWith('@/') || spec.startsWith('.') ? null : spec.split('/')[0]!;
      if (pkg) {
        if (HEAVY[pkg]) found.push(`${[...chain, pkg].join(' → ')}: ${HEAVY[pkg]}`);
        continue;
      }
      const target = resolve(file, spec);
      if (!target || seen.has(target)) continue;
      seen.add(target);
      if (HEAVY[target]) found.push(`${[...chain, target].join(' → ')}: ${HEAVY[target]}`);
      else queue.push([...chain, target]);
    }
  }
  return found;
}

describe('client components', () => {
  const clients = [...sourceFiles('app'), ...sourceFiles('components')].filter(isClient);

  it('are found', () => {
    expect(clients).toContain('components/freezes/freeze-form.tsx');
    expect(clients).toContain('components/policy/policy-form.tsx');
  });

  it('load no heavy library or rule module statically', () => {
    expect(clients.flatMap(heavyReached)).toEqual([]);
  });

  it('the walk sees what it guards against', () => {
    // the engine the freeze form loads on demand is heavy, and reached from its module
    expect(heavyReached('components/freezes/freeze-preview.ts').join('\n')).toMatch(/lib\/domain\/recurrence\.ts/);
  });
});
