import { spawnSync } from 'node:child_process';
import { describe, expect, it, vi } from 'vitest';
import pkg from '@/package.json';
import { renderToString } from '@/tests/support/render';
import { setTestLocale } from '@/tests/support/intl-config';
import type { Actor } from '@/lib/server/actor';
import type { DbHandle } from '@/lib/server/db';
import { makeComponent } from '../support/factories';
import { withFreshDatabase } from '../support/suite';

// Which Relm this is (issue 17 point 7): the About page and `npm run relm -- version` name the
// version in package.json and the commit it was built from; CHANGELOG.md says what changed.

const session = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock('@/lib/server/session', () => ({ currentUser: async () => session.actor, requireUser: async () => session.actor }));

const { relmVersion, versionLine } = await import('@/lib/server/version');
const { runCliCommand } = await import('@/lib/server/cli-commands');

const viewer: Actor = { type: 'user', id: 'u-about', label: 'viewer', email: 'v@relm.test', name: 'Viewer', roles: ['viewer'], teamId: null };

// the page looks Relm up in the catalogue
let h: DbHandle;
withFreshDatabase((handle) => {
  h = handle;
});

describe('which Relm this is', () => {
  it('names the version of package.json and the commit of this checkout', async () => {
    const v = relmVersion();
    expect(v.version).toBe(pkg.version);
    // a clone has .git; a copy without it has no commit to name
    const git = spawnSync('git', ['rev-parse', '--short=12', 'HEAD'], { encoding: 'utf8' });
    expect(v.commit).toBe(git.status === 0 ? git.stdout.trim() : null);
    expect(versionLine()).toBe(v.commit ? `Relm ${pkg.version} (commit ${v.commit})` : `Relm ${pkg.version}`);
    const out = await runCliCommand(['version']);
    expect(out).toEqual({ exitCode: 0, stdout: `${versionLine()}\n`, stderr: '' });
  });

  it('shows the version, the commit and the changelog on the About page, in English and French', async () => {
    session.actor = viewer;
    const { default: About } = await import('@/app/(app)/about/page');
    const html = await renderToString(await About());
    expect(html).toContain('About Relm');
    expect(html).toContain(`data-testid="relm-version">${pkg.version}<`);
    if (relmVersion().commit) expect(html).toContain(relmVersion().commit!);
    expect(html).toContain('Keep a Changelog');
    setTestLocale('fr');
    try {
      const fr = await renderToString(await About());
      expect(fr).toContain('À propos de Relm');
      expect(fr).toContain('Ce qui a changé');
    } finally {
      setTestLocale('en');
    }
  });

  it('links to Relm in the catalogue once the catalogue has it (as the demo organisation does), in English and French', async () => {
    session.actor = viewer;
    const { default: About } = await import('@/app/(app)/about/page');
    expect(await renderToString(await About())).not.toContain('href="/components/relm"');
    await makeComponent(h.prisma, { name: 'relm' });
    const html = await renderToString(await About());
    expect(html).toMatch(/<a[^>]*href="\/components\/relm"[^>]*>Relm in your catalogue<\/a>/);
    setTestLocale('fr');
    try {
      expect(await renderToString(await About())).toMatch(/<a[^>]*href="\/components\/relm"[^>]*>Relm dans votre catalogue<\/a>/);
    } finally {
      setTestLocale('en');
    }
  });

  it('has a changelog entry for the version in package.json, or an Unreleased section above it', async () => {
    const fs = await import('node:fs');
    const text = fs.readFileSync('CHANGELOG.md', 'utf8');
    expect(text).toMatch(/^## \[Unreleased\]$/m);
    expect(text).toContain(`## [${pkg.version}] - `);
  });
});
