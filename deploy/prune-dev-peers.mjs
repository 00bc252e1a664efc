// Run by the Dockerfile after `npm ci --omit=dev` (decision 065). npm keeps a devDependency
// that is also an optional peer of a production package (the Prisma CLI for @prisma/client,
// TypeScript, Playwright for next), with everything it needs: about 390 MB that Relm never
// loads at run time. This removes every installed package outside the closure of package.json's
// dependencies over dependencies, optional dependencies and required (non-optional) peers,
// each resolved as Node.js resolves it, through package-lock.json.
import fs from 'node:fs';
import path from 'node:path';

const root = process.cwd();
const lock = JSON.parse(fs.readFileSync(path.join(root, 'package-lock.json'), 'utf8')).packages;

/** The lockfile path `name` resolves to from the package at `from` ('' is the project). */
function resolve(from, name) {
  let dir = from;
  for (;;) {
    const candidate = `${dir ? `${dir}/` : ''}node_modules/${name}`;
    if (lock[candidate]) return candidate;
    if (!dir) return null;
    const i = dir.lastIndexOf('/node_modules/');
    dir = i < 0 ? '' : dir.slice(0, i);
  }
}

function needs(entry) {
  const optionalPeer = (name) => entry.peerDependenciesMeta?.[name]?.optional === true;
  return [
    ...Object.keys(entry.dependencies ?? {}),
    ...Object.keys(entry.optionalDependencies ?? {}),
    ...Object.keys(entry.peerDependencies ?? {}).filter((name) => !optionalPeer(name)),
  ];
}

const keep = new Set(['']);
const queue = [''];
while (queue.length) {
  const from = queue.pop();
  const entry = from === '' ? { dependencies: lock[''].dependencies, optionalDependencies: lock[''].optionalDependencies } : lock[from];
  for (const name of needs(entry)) {
    const at = resolve(from, name);
    if (at && !keep.has(at)) {
      keep.add(at);
      queue.push(at);
    }
  }
}

let removed = 0;
let bytes = 0;
const size = (p) => {
  const st = fs.lstatSync(p);
  if (!st.isDirectory()) return st.size;
  return fs.readdirSync(p).reduce((sum, f) => sum + size(path.join(p, f)), 0);
};
// deepest first, so that a removed package's nested node_modules are counted once
for (const at of Object.keys(lock).sort((a, b) => b.length - a.length)) {
  if (!at || keep.has(at) || !fs.existsSync(path.join(root, at))) continue;
  bytes += size(path.join(root, at));
  fs.rmSync(path.join(root, at), { recursive: true, force: true });
  removed++;
}
console.log(`[relm] removed ${removed} packages (${Math.round(bytes / 1e6)} MB) that production dependencies do not need; ${keep.size - 1} kept`);
