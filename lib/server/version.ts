import 'server-only';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import pkg from '@/package.json';

// Which Relm this is (issue 17 point 7): the version in package.json (bumped per release,
// CHANGELOG.md) and the commit it was built from: the file `.relm-commit` where there is no
// .git (an image writes it at build time), else git in the checkout, else unknown.

export interface RelmVersion {
  version: string;
  commit: string | null;
}

let known: RelmVersion | undefined;

function commitOf(root: string): string | null {
  try {
    const written = fs.readFileSync(path.join(/* turbopackIgnore: true */ root, '.relm-commit'), 'utf8').trim();
    if (/^[0-9a-f]{7,40}$/i.test(written)) return written.slice(0, 12);
  } catch {
    // no file: a checkout
  }
  const git = spawnSync('git', ['rev-parse', '--short=12', 'HEAD'], { cwd: root, encoding: 'utf8', timeout: 2000 });
  const out = git.status === 0 ? git.stdout.trim() : '';
  return /^[0-9a-f]{7,40}$/i.test(out) ? out : null;
}

export function relmVersion(): RelmVersion {
  known ??= { version: pkg.version, commit: commitOf(process.cwd()) };
  return known;
}

/** "Relm 0.2.0 (commit 1a2b3c4d5e6f)" */
export function versionLine(): string {
  const v = relmVersion();
  return `Relm ${v.version}${v.commit ? ` (commit ${v.commit})` : ''}`;
}
