import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkCompatibility, satisfiesRange, type DependencyRange, type PackageItemRef } from '@/lib/domain/compatibility';

const deps: DependencyRange[] = [
  { component: 'billing-api', dependsOn: 'ledger', range: '>=2.3 <3' },
  { component: 'reporting', dependsOn: 'billing-api', range: '^3' },
];

describe('checkCompatibility: messages', () => {
  it('explains a conflict inside the package', () => {
    const problems = checkCompatibility({
      items: [
        { component: 'billing-api', version: '4.2.0' },
        { component: 'ledger', version: '3.0.1' },
      ],
      dependencies: deps,
    });
    expect(problems.map((p) => p.message)).toEqual(['billing-api 4.2.0 needs ledger >=2.3 <3; this package has ledger 3.0.1']);
    expect(problems[0]).toMatchObject({
      component: 'billing-api',
      version: '4.2.0',
      dependsOn: 'ledger',
      range: '>=2.3 <3',
      found: { version: '3.0.1', where: 'package' },
    });
  });

  it('uses what a target environment runs now when the package lacks the dependency', () => {
    const problems = checkCompatibility({
      items: [{ component: 'billing-api', version: '4.2.0' }],
      dependencies: deps.slice(0, 1),
      running: [
        { environment: 'production', component: 'ledger', version: '3.0.1' },
        { environment: 'staging', component: 'ledger', version: '2.4.0' },
      ],
      environments: ['staging', 'production'],
    });
    expect(problems.map((p) => p.message)).toEqual(['billing-api 4.2.0 needs ledger >=2.3 <3; production runs ledger 3.0.1']);
    expect(problems[0]!.found).toEqual({ version: '3.0.1', where: 'production' });
  });

  it('names a dependency nobody has', () => {
    const withEnv = checkCompatibility({ items: [{ component: 'billing-api', version: '4.2.0' }], dependencies: deps, environments: ['production'] });
    expect(withEnv.map((p) => p.message)).toEqual(['billing-api 4.2.0 needs ledger >=2.3 <3; neither this package nor production has ledger']);
    expect(withEnv[0]!.found).toBeNull();
    const alone = checkCompatibility({ items: [{ component: 'billing-api', version: '4.2.0' }], dependencies: deps });
    expect(alone.map((p) => p.message)).toEqual(['billing-api 4.2.0 needs ledger >=2.3 <3; this package has no ledger']);
  });

  it('checks the reverse direction: what keeps running is broken by the package', () => {
    const problems = checkCompatibility({
      items: [
        { component: 'billing-api', version: '4.2.0' },
        { component: 'ledger', version: '2.5.0' },
      ],
      dependencies: deps,
      running: [{ environment: 'production', component: 'reporting', version: '1.4.0' }],
      environments: ['production'],
    });
    expect(problems.map((p) => p.message)).toEqual(['reporting 1.4.0 in production needs billing-api ^3; this package brings billing-api 4.2.0']);
    expect(problems[0]).toMatchObject({ direction: 'environment', environment: 'production' });
  });

  it('does not check a running component the package replaces', () => {
    const problems = checkCompatibility({
      items: [
        { component: 'billing-api', version: '4.2.0' },
        { component: 'ledger', version: '2.5.0' },
        { component: 'reporting', version: '2.0.0' },
      ],
      dependencies: [...deps.slice(0, 1), { component: 'reporting', dependsOn: 'billing-api', range: '^4' }],
      running: [{ environment: 'production', component: 'reporting', version: '1.4.0' }],
      environments: ['production'],
    });
    expect(problems).toEqual([]);
  });

  it('reports a package-internal conflict once, not once per environment', () => {
    const problems = checkCompatibility({
      items: [
        { component: 'billing-api', version: '4.2.0' },
        { component: 'ledger', version: '3.0.1' },
      ],
      dependencies: deps,
      environments: ['staging', 'production'],
    });
    expect(problems).toHaveLength(1);
  });

  it('accepts prereleases inside a range (includePrerelease) and never throws on garbage', () => {
    expect(satisfiesRange('2.4.0-rc.1', '>=2.3 <3')).toBe(true);
    expect(satisfiesRange('3.0.0-rc.1', '>=2.3 <3')).toBe(false);
    expect(satisfiesRange('not-a-version', '>=1')).toBe(false);
    expect(satisfiesRange('1.0.0', 'not a range ><')).toBe(false);
    const problems = checkCompatibility({
      items: [
        { component: 'a', version: 'banana' },
        { component: 'b', version: '1.0.0' },
      ],
      dependencies: [{ component: 'b', dependsOn: 'a', range: '^1' }],
    });
    expect(problems.map((p) => p.message)).toEqual(['b 1.0.0 needs a ^1; this package has a banana']);
  });
});

// ---------------------------------------------------------------- properties

const name = fc.constantFrom('api', 'ledger', 'web', 'auth', 'search', 'mail');
const ver = fc.tuple(fc.nat(9), fc.nat(9), fc.nat(9)).map(([a, b, c]) => `${a}.${b}.${c}`);
const rangeKind = fc.constantFrom('exact', 'caret', 'tilde', 'gte', 'interval');

/** A range built around a version, so the version satisfies it. */
function rangeFor(v: string, kind: string): string {
  const [maj, min] = v.split('.').map(Number);
  switch (kind) {
    case 'exact':
      return v;
    case 'caret':
      return `^${v}`;
    case 'tilde':
      return `~${v}`;
    case 'gte':
      return `>=${v}`;
    default:
      return `>=${maj}.${min} <${maj! + 1}`;
  }
}

/** A package of distinct components, each with a version, and dependency edges between them that the package satisfies. */
const satisfiedPackage = fc.uniqueArray(fc.tuple(name, ver), { minLength: 1, maxLength: 6, selector: ([n]) => n }).chain((items) =>
  fc.array(fc.tuple(fc.nat(items.length - 1), fc.nat(items.length - 1), rangeKind), { maxLength: 10 }).map((edges) => {
    const dependencies: DependencyRange[] = [];
    const seen = new Set<string>();
    for (const [a, b, kind] of edges) {
      if (a === b) continue;
      const [from] = items[a]!;
      const [to, toVersion] = items[b]!;
      if (seen.has(`${from}>${to}`)) continue;
      seen.add(`${from}>${to}`);
      dependencies.push({ component: from, dependsOn: to, range: rangeFor(toVersion, kind) });
    }
    return { items: items.map(([component, version]) => ({ component, version })), dependencies };
  }),
);

describe('checkCompatibility: properties', () => {
  it('a package that brings a satisfying version of every dependency has no problems, in any environment', () => {
    fc.assert(
      fc.property(satisfiedPackage, fc.array(fc.tuple(fc.constantFrom('staging', 'production'), name, ver), { maxLength: 6 }), (pkg, running) => {
        // environments run anything, but every component the package depends on is in the package
        const problems = checkCompatibility({
          ...pkg,
          // only dependency edges of packaged components exist, so nothing running is checked in reverse
          running: running
            .filter(([, c]) => !pkg.dependencies.some((d) => d.component === c))
            .map(([environment, component, version]) => ({ environment, component, version })),
          environments: ['staging', 'production'],
        });
        expect(problems).toEqual([]);
      }),
    );
  });

  it('removing a needed dependency from the package always yields a problem naming it', () => {
    fc.assert(
      fc.property(
        satisfiedPackage.filter((p) => p.dependencies.length > 0),
        fc.nat(),
        (pkg, pick) => {
          const dep = pkg.dependencies[pick % pkg.dependencies.length]!;
          const items = pkg.items.filter((i) => i.component !== dep.dependsOn);
          const problems = checkCompatibility({ items, dependencies: pkg.dependencies, environments: ['production'] });
          const naming = problems.filter((p) => p.dependsOn === dep.dependsOn && p.found === null);
          expect(naming.length).toBeGreaterThan(0);
          expect(naming.every((p) => p.message.endsWith(`neither this package nor production has ${dep.dependsOn}`))).toBe(true);
        },
      ),
    );
  });

  it('a version outside the range is always a problem saying which version was found', () => {
    fc.assert(
      fc.property(ver, ver, rangeKind, (wanted, other, kind) => {
        const range = rangeFor(wanted, kind);
        const items: PackageItemRef[] = [
          { component: 'app', version: '1.0.0' },
          { component: 'lib', version: other },
        ];
        const problems = checkCompatibility({ items, dependencies: [{ component: 'app', dependsOn: 'lib', range }] });
        expect(problems.length === 0).toBe(satisfiesRange(other, range));
        if (problems.length) expect(problems[0]!.message).toBe(`app 1.0.0 needs lib ${range}; this package has lib ${other}`);
      }),
    );
  });

  it('results do not depend on the order of the inputs', () => {
    const input = fc.record({
      items: fc.uniqueArray(fc.record({ component: name, version: ver }), { maxLength: 6, selector: (i) => i.component }),
      dependencies: fc.uniqueArray(fc.record({ component: name, dependsOn: name, range: fc.constantFrom('^1', '>=2.3 <3', '~0.4.0', '*', '>=5') }), {
        maxLength: 8,
        selector: (d) => `${d.component}>${d.dependsOn}`,
      }),
      running: fc.uniqueArray(fc.record({ environment: fc.constantFrom('staging', 'production'), component: name, version: ver }), {
        maxLength: 8,
        selector: (r) => `${r.environment}/${r.component}`,
      }),
    });
    fc.assert(
      fc.property(input, fc.nat(), (i, seed) => {
        const shuffle = <T>(xs: T[]) => {
          const out = [...xs];
          let s = seed;
          for (let k = out.length - 1; k > 0; k--) {
            s = (s * 1103515245 + 12345) % 2147483648;
            const j = s % (k + 1);
            [out[k], out[j]] = [out[j]!, out[k]!];
          }
          return out;
        };
        const environments = ['staging', 'production'];
        const a = checkCompatibility({ ...i, environments });
        const b = checkCompatibility({
          items: shuffle(i.items),
          dependencies: shuffle(i.dependencies),
          running: shuffle(i.running),
          environments: shuffle(environments),
        });
        expect(b).toEqual(a);
      }),
    );
  });
});
