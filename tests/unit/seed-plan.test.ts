import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PolicyDocumentSchema } from '@/lib/domain/policy';
import semver from 'semver';
import { BUILDS, DEMO_POLICY_DOCUMENT, DEMO_RELEASES, ENVIRONMENTS, RELM } from '@/prisma/seed/data';
import { planDemo, runningRelmBuild } from '@/prisma/seed/plan';
import pkg from '@/package.json';
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
  }, 120_000); // about 280 plans, each running the scheduling checks of 23 releases

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

  it('has a Relm build for every version of CHANGELOG.md, the newest the one package.json names', () => {
    // a released version (a "## [x.y.z]" heading) the demo does not know fails here: add its build,
    // its notes shortened from the entry, to prisma/seed/data/catalogue.ts
    const released = [...readFileSync(path.join(root, 'CHANGELOG.md'), 'utf8').matchAll(/^## \[(\d+\.\d+\.\d+)\]/gm)].map((m) => m[1]!);
    const seeded = BUILDS.filter((b) => b.component === RELM).map((b) => b.version);
    expect(released.length).toBeGreaterThanOrEqual(2);
    expect([...seeded].sort(semver.compare)).toEqual([...released].sort(semver.compare));
    for (const b of BUILDS.filter((x) => x.component === RELM)) expect(b.notes.length, b.version).toBeGreaterThan(0);
    // the writer adds a build for a running version newer than these (see below)
    const newest = runningRelmBuild(pkg.version)?.version ?? seeded.sort(semver.rcompare)[0];
    expect(newest).toBe(pkg.version);
  });

  it('adds a build only for a running Relm newer than the demo’s', () => {
    expect(runningRelmBuild('0.2.0')).toBeNull();
    expect(runningRelmBuild('0.1.0')).toBeNull();
    expect(runningRelmBuild('0.1.5')).toBeNull();
    expect(runningRelmBuild('not a version')).toBeNull();
    expect(runningRelmBuild('0.3.0')).toMatchObject({ component: 'relm', version: '0.3.0', notes: ['The changes listed under 0.3.0 in CHANGELOG.md.'] });
    expect(runningRelmBuild('1.0.0-rc.1')).toMatchObject({ version: '1.0.0-rc.1' });
  });

  it('plans Relm’s own release, REL-23 of 0.2.0: closed, through the policy', () => {
    const { planned } = planDemo(Date.UTC(2026, 11, 6, 15, 0));
    const relm = planned.filter((p) => p.seed.items.some(([c]) => c === RELM));
    expect(relm.map((p) => releaseKey(p.number))).toEqual(['REL-23']);
    const p = relm[0]!;
    expect(p.seed.items).toEqual([[RELM, '0.2.0']]);
    expect([p.seed.status, p.risk?.level]).toEqual(['closed', 'low']);
    expect(p.decisions.map((x) => [x.email, x.decision])).toEqual([['cab@relm.test', 'approve']]);
    expect(p.transitions.map((x) => x.to)).toEqual(['submitted', 'approved', 'scheduled', 'deploying', 'deployed', 'handed_over', 'in_review', 'closed']);
  });
});
