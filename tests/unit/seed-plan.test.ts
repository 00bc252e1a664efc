import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PolicyDocumentSchema } from '@/lib/domain/policy';
import { DEMO_POLICY_DOCUMENT, DEMO_RELEASES, ENVIRONMENTS } from '@/prisma/seed/data';
import { planDemo } from '@/prisma/seed/plan';
import { releaseKey } from '@/lib/domain/release-key';

// The demo's data and plan are pure (prisma/seed/data, prisma/seed/plan.ts), so
// they are checked here without a database; tests/integration/seed.test.ts
// checks what the writer makes of them.

const root = path.resolve(import.meta.dirname, '../..');
const importsOf = (file: string) => [...readFileSync(file, 'utf8').matchAll(/^import\s[^;]*?from\s+'([^']+)'/gms)].map((m) => m[1]!);

describe('the demo seed data and plan', () => {
  it('keep to data and the domain: no server code, no database', () => {
    const files = [...readdirSync(path.join(root, 'prisma/seed/data')).map((f) => `prisma/seed/data/${f}`), 'prisma/seed/plan.ts'];
    for (const file of files) {
      for (const from of importsOf(path.join(root, file))) {
        expect(from, `${file} imports ${from}`).toMatch(/^(\.\/[\w-]+|@\/lib\/domain\/[\w-]+|@\/lib\/generated\/prisma\/enums|semver)$/);
      }
    }
  });

  it('has a demo policy the domain accepts', () => {
    expect(PolicyDocumentSchema.safeParse(DEMO_POLICY_DOCUMENT).success).toBe(true);
  });

  it('produces a consistent plan at any moment of the year', () => {
    // the plan throws on any contradiction: a window inside a freeze or outside its
    // maintenance windows without an override, production before staging, events in
    // the future, a package that breaks a dependency range, transitions that are not
    // lifecycle edges or out of order, an approval against separation of duties, a
    // quorum (as the approvals engine counts it) met by a release still waiting or
    // missed by one that got past approval
    for (let t = Date.UTC(2026, 0, 1, 3, 7); t < Date.UTC(2027, 0, 1); t += 31 * 3_600_000) {
      expect(() => planDemo(t), new Date(t).toISOString()).not.toThrow();
    }
  }, 120_000); // about 280 plans, each running the scheduling checks of 22 releases

  it('plans across the clock changes near midnight, by calendar days', () => {
    // 24-hour steps from 23:07 UTC cross a London clock change into the next day;
    // the windows must still be on the planned days, staging before production
    for (const iso of ['2026-02-26T23:07:00Z', '2026-11-01T23:07:00Z', '2026-10-24T23:30:00Z', '2026-03-27T23:59:00Z']) {
      const { planned } = planDemo(Date.parse(iso));
      for (const p of planned) {
        const staging = p.windows.get('staging');
        const production = p.windows.get('production')!;
        if (staging) expect(staging.end, `${iso} ${releaseKey(p.number)}`).toBeLessThanOrEqual(production.start);
      }
    }
  });

  it('plans every release in its state, with windows in promotion order', () => {
    const now = Date.UTC(2026, 11, 4, 18, 47);
    const { planned } = planDemo(now);
    expect(planned.map((p) => p.seed.status)).toEqual(DEMO_RELEASES.map((r) => r.status));
    const position = (env: string) => ENVIRONMENTS.find((e) => e.name === env)!.position;
    for (const p of planned) {
      const ordered = [...p.windows].sort(([a], [b]) => position(a) - position(b));
      for (let i = 1; i < ordered.length; i++) expect(ordered[i]![1].start, releaseKey(p.number)).toBeGreaterThanOrEqual(ordered[i - 1]![1].end);
      expect(p.plannedStart).toBe(Math.min(...[...p.windows.values()].map((w) => w.start)));
      if (p.transitions.length) expect(p.transitions[p.transitions.length - 1]!.to).toBe(p.seed.status);
    }
  });
});
