import { createHash } from 'node:crypto';

// A sealed package is identified by the sha256 of its manifest: one
// `component@version@digest` line per build, sorted, joined by "\n" (no trailing
// newline). The seed writes sealed packages with this same function, so demo
// seals verify like real ones.

export interface ManifestItem {
  component: string;
  version: string;
  /** the build's artifact digest (hex sha256) */
  digest: string;
}

const line = (i: ManifestItem) => `${i.component}@${i.version}@${i.digest}`;

/** The sorted `component@version@digest` lines a seal hashes. */
export function packageManifest(items: ManifestItem[]): string {
  return items.map(line).sort().join('\n');
}

/** Hex sha256 of the manifest text (UTF-8). */
export function manifestDigest(manifest: string): string {
  return createHash('sha256').update(manifest, 'utf8').digest('hex');
}

/** Reads manifest text back into items; lines that do not parse are skipped. */
export function parseManifest(manifest: string): ManifestItem[] {
  if (!manifest) return [];
  const out: ManifestItem[] = [];
  for (const l of manifest.split('\n')) {
    // component names are slugs and digests hex, so the first and last "@" split safely
    const first = l.indexOf('@');
    const last = l.lastIndexOf('@');
    if (first <= 0 || last <= first) continue;
    out.push({ component: l.slice(0, first), version: l.slice(first + 1, last), digest: l.slice(last + 1) });
  }
  return out;
}

export interface ManifestComparison {
  added: ManifestItem[];
  removed: ManifestItem[];
  changed: { component: string; sealed: ManifestItem; current: ManifestItem }[];
  /** true when nothing differs */
  same: boolean;
}

const byComponent = (a: { component: string }, b: { component: string }) => (a.component < b.component ? -1 : a.component > b.component ? 1 : 0);

/**
 * What differs between what was sealed and what is there now, per component:
 * added (not in the seal), removed (sealed but gone) and changed (another
 * version or another artifact digest).
 */
export function compareManifests(sealed: ManifestItem[] | string, current: ManifestItem[] | string): ManifestComparison {
  const s = typeof sealed === 'string' ? parseManifest(sealed) : sealed;
  const c = typeof current === 'string' ? parseManifest(current) : current;
  const sMap = new Map(s.map((i) => [i.component, i]));
  const cMap = new Map(c.map((i) => [i.component, i]));
  const added = c.filter((i) => !sMap.has(i.component)).sort(byComponent);
  const removed = s.filter((i) => !cMap.has(i.component)).sort(byComponent);
  const changed = c
    .filter((i) => {
      const was = sMap.get(i.component);
      return was && (was.version !== i.version || was.digest !== i.digest);
    })
    .map((i) => ({ component: i.component, sealed: sMap.get(i.component)!, current: i }))
    .sort(byComponent);
  return { added, removed, changed, same: !added.length && !removed.length && !changed.length };
}

/** One sentence per difference, naming the item. */
export function describeManifestChanges(cmp: ManifestComparison): string[] {
  const short = (d: string) => d.slice(0, 12);
  return [
    ...cmp.changed.map((x) =>
      x.sealed.version !== x.current.version
        ? `${x.component} was sealed at ${x.sealed.version} but the package now has ${x.current.version}.`
        : `${x.component} ${x.current.version}: the artifact digest was sealed as ${short(x.sealed.digest)}… but is now ${short(x.current.digest)}….`,
    ),
    ...cmp.added.map((x) => `${x.component} ${x.version} is in the package but was not sealed.`),
    ...cmp.removed.map((x) => `${x.component} ${x.version} was sealed but is no longer in the package.`),
  ];
}
