import semver from 'semver';

// Package compatibility: does every component end up with dependencies that
// satisfy its declared semver ranges, in every target environment, once the
// package is deployed there?
//
// For each target environment the effective set of builds is "the package's
// build where the package has that component, else what the environment runs
// now". Two directions are checked against that set:
//   1. forward: every build in the package needs its dependencies satisfied;
//   2. reverse: every component that keeps running in the environment (not
//      replaced by the package) still needs its ranges satisfied by the builds
//      the package brings.
// With no target environment, only the package itself is checked (a dependency
// missing from the package is then a problem).
//
// Prereleases: ranges are evaluated with `includePrerelease: true`, so
// `2.4.0-rc.1` satisfies `>=2.3 <3`. A release candidate is what a package
// typically ships while it is tested in staging; the default semver rule (a
// prerelease only matches ranges naming the same major.minor.patch tuple with a
// prerelease) would refuse every such package for no practical reason.
// An invalid version or range never satisfies (and never throws).

export interface PackageItemRef {
  component: string;
  version: string;
}

export interface DependencyRange {
  component: string;
  dependsOn: string;
  range: string;
}

export interface RunningBuild {
  environment: string;
  component: string;
  version: string;
}

export interface CompatibilityProblem {
  /** the component whose range is not met */
  component: string;
  version: string;
  dependsOn: string;
  range: string;
  /** what was found for the dependency, and where; null when nothing was */
  found: { version: string; where: 'package' | string } | null;
  /** the environment this problem applies to (null when checking the package alone) */
  environment: string | null;
  /** 'package': a build of the package needs something; 'environment': something running there is broken by the package */
  direction: 'package' | 'environment';
  message: string;
}

const SATISFY_OPTIONS = { includePrerelease: true } as const;

/** semver.satisfies that never throws: invalid versions or ranges do not satisfy. */
export function satisfiesRange(version: string, range: string): boolean {
  try {
    if (!semver.valid(version)) return false;
    if (semver.validRange(range, SATISFY_OPTIONS) === null) return false;
    return semver.satisfies(version, range, SATISFY_OPTIONS);
  } catch {
    return false;
  }
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function problemKey(p: CompatibilityProblem) {
  return [p.direction, p.component, p.version, p.dependsOn, p.range, p.found?.where ?? '', p.found?.version ?? '', p.environment ?? ''].join('\u0000');
}

/**
 * Every unmet dependency range, explained. Results are sorted (and deduplicated:
 * a package-only problem seen identically in several environments is reported once),
 * so the output does not depend on the order of the inputs.
 */
export function checkCompatibility(input: {
  items: PackageItemRef[];
  dependencies: DependencyRange[];
  running?: RunningBuild[];
  environments?: string[];
}): CompatibilityProblem[] {
  const pkg = new Map<string, string>();
  for (const i of input.items) pkg.set(i.component, i.version);
  const depsOf = new Map<string, DependencyRange[]>();
  for (const d of input.dependencies) {
    const list = depsOf.get(d.component) ?? [];
    list.push(d);
    depsOf.set(d.component, list);
  }
  const environments = [...new Set(input.environments ?? [...new Set((input.running ?? []).map((r) => r.environment))])].sort(cmp);
  const runningIn = new Map<string, Map<string, string>>();
  for (const env of environments) runningIn.set(env, new Map());
  for (const r of input.running ?? []) runningIn.get(r.environment)?.set(r.component, r.version);

  const out = new Map<string, CompatibilityProblem>();
  const add = (p: CompatibilityProblem) => out.set(problemKey(p), p);

  // forward: the package's builds
  const forward = (env: string | null) => {
    const here = env === null ? new Map<string, string>() : runningIn.get(env)!;
    for (const [component, version] of pkg) {
      for (const d of depsOf.get(component) ?? []) {
        const inPackage = pkg.get(d.dependsOn);
        const found =
          inPackage !== undefined
            ? { version: inPackage, where: 'package' as const }
            : here.has(d.dependsOn)
              ? { version: here.get(d.dependsOn)!, where: env! }
              : null;
        if (found && satisfiesRange(found.version, d.range)) continue;
        const needs = `${component} ${version} needs ${d.dependsOn} ${d.range}`;
        const why = !found
          ? env === null
            ? `this package has no ${d.dependsOn}`
            : `neither this package nor ${env} has ${d.dependsOn}`
          : found.where === 'package'
            ? `this package has ${d.dependsOn} ${found.version}`
            : `${found.where} runs ${d.dependsOn} ${found.version}`;
        add({
          component,
          version,
          dependsOn: d.dependsOn,
          range: d.range,
          found,
          // a conflict inside the package is the same in every environment
          environment: found?.where === 'package' ? null : env,
          direction: 'package',
          message: `${needs}; ${why}`,
        });
      }
    }
  };

  if (environments.length === 0) forward(null);
  for (const env of environments) {
    forward(env);
    // reverse: what keeps running there
    for (const [component, version] of runningIn.get(env)!) {
      if (pkg.has(component)) continue;
      for (const d of depsOf.get(component) ?? []) {
        const brought = pkg.get(d.dependsOn);
        if (brought === undefined || satisfiesRange(brought, d.range)) continue;
        add({
          component,
          version,
          dependsOn: d.dependsOn,
          range: d.range,
          found: { version: brought, where: 'package' },
          environment: env,
          direction: 'environment',
          message: `${component} ${version} in ${env} needs ${d.dependsOn} ${d.range}; this package brings ${d.dependsOn} ${brought}`,
        });
      }
    }
  }

  return [...out.values()].sort((a, b) => cmp(a.message, b.message) || cmp(problemKey(a), problemKey(b)));
}
