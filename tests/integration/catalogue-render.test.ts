import { renderToString } from '@/tests/support/render';
import type { ReactElement } from 'react';
import { describe, expect, it, vi } from 'vitest';
import type { DbHandle } from '@/lib/server/db';
import type { Actor } from '@/lib/server/actor';
import { makeEnvironment, makePackage, makeTeam, uid } from '../support/factories';
import { actorsWith, withFreshDatabase } from '../support/suite';

// Renders the catalogue pages to HTML with real data, so a page that would
// crash (or lose a section) fails here without a browser.

const session = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock('next/cache', () => ({ revalidatePath: () => {} }));
vi.mock('next/navigation', () => ({
  redirect: (to: string) => {
    throw Object.assign(new Error(`REDIRECT ${to}`), { to });
  },
  notFound: () => {
    throw Object.assign(new Error('NOT_FOUND'), { notFound: true });
  },
}));
vi.mock('@/lib/server/session', () => ({ currentUser: async () => session.actor, requireUser: async () => session.actor }));

const { createComponent } = await import('@/lib/server/components');
const { recordBuild } = await import('@/lib/server/builds');

let h: DbHandle;
let rm: Actor;
let viewer: Actor;
let names: { ledger: string; billing: string };
let buildId: string;

withFreshDatabase(async (db) => {
  h = db;
  [rm, viewer] = await actorsWith(db, ['release_manager'], ['viewer']);
  const team = await makeTeam(h.prisma);
  names = { ledger: `ledger-${uid()}`, billing: `billing-${uid()}` };
  const l = await createComponent.as(rm)({ name: names.ledger, ownerTeamId: team.id, tier: 1, repository: 'https://git.example/ledger' });
  const b = await createComponent.as(rm)({
    name: names.billing,
    ownerTeamId: team.id,
    tier: 2,
    dependencies: [{ component: names.ledger, range: '>=2.3 <3' }],
  });
  if (!l.ok || !b.ok) throw new Error('setup');
  const build = await recordBuild.as(rm)({
    component: names.ledger,
    version: '2.4.0',
    artifactDigest: 'a'.repeat(64),
    notes: '<script>alert(1)</script>\n# heading',
    workItems: [{ key: 'PAY-1', title: 'Thing', url: 'https://jira.example/PAY-1' }],
  });
  if (!build.ok) throw new Error(build.message);
  buildId = build.data.build.id;
  const env = await makeEnvironment(h.prisma);
  await h.prisma.environmentComponent.create({ data: { environmentId: env.id, componentId: l.data.id, buildId } });
  const pkg = await makePackage(h.prisma);
  await h.prisma.packageItem.create({ data: { packageId: pkg.id, componentId: l.data.id, buildId } });
});

const sp = (v: Record<string, string> = {}) => Promise.resolve(v);

async function render(page: Promise<ReactElement>) {
  return await renderToString(await page);
}

describe('catalogue pages render', () => {
  it('components list, detail, new and edit', async () => {
    session.actor = rm;
    const list = (await import('@/app/(app)/components/page')).default;
    const html = await render(list({ searchParams: sp() }));
    expect(html).toContain(names.billing);
    expect(html).toContain('&gt;=2.3 &lt;3');
    expect(html).toContain('New component');
    const detail = (await import('@/app/(app)/components/[name]/page')).default;
    const d = await render(detail({ params: Promise.resolve({ name: names.ledger }), searchParams: sp({ saved: '1' }) }));
    expect(d).toContain(names.billing);
    expect(d).toContain('2.4.0');
    expect(d).toContain('Changes saved.');
    const edit = (await import('@/app/(app)/components/[name]/edit/page')).default;
    const e = await render(edit({ params: Promise.resolve({ name: names.billing }) }));
    expect(e).toContain('dep-range-0');
    expect(e).toContain('&gt;=2.3 &lt;3');
    const create = (await import('@/app/(app)/components/new/page')).default;
    expect(await render(create())).toContain('Create component');
    await expect(detail({ params: Promise.resolve({ name: '%E0%A4%A' }), searchParams: sp() })).rejects.toMatchObject({ notFound: true });
  });

  it('builds list, detail and new', async () => {
    session.actor = rm;
    const list = (await import('@/app/(app)/builds/page')).default;
    const html = await render(list({ searchParams: sp({ component: names.ledger }) }));
    expect(html).toContain('2.4.0');
    expect(html).toContain('Record build');
    const detail = (await import('@/app/(app)/builds/[id]/page')).default;
    const d = await render(detail({ params: Promise.resolve({ id: buildId }), searchParams: sp({ recorded: '1' }) }));
    expect(d).toContain('sha256:' + 'a'.repeat(64));
    // the notes are Markdown: raw HTML is dropped, never run or shown as markup; headings stay text
    expect(d).not.toContain('<script>alert');
    expect(d).not.toContain('&lt;script&gt;');
    expect(d).toContain('>heading</p>');
    expect(d).toContain('REL-');
    expect(d).toContain('PAY-1');
    const create = (await import('@/app/(app)/builds/new/page')).default;
    expect(await render(create({ searchParams: sp({ component: names.ledger }) }))).toContain('Artifact digest');
  });

  it('a viewer sees no edit or record actions and is refused the forms', async () => {
    session.actor = viewer;
    const list = (await import('@/app/(app)/components/page')).default;
    expect(await render(list({ searchParams: sp() }))).not.toContain('New component');
    const create = (await import('@/app/(app)/components/new/page')).default;
    expect(await render(create())).toContain('you do not have access');
    const newBuild = (await import('@/app/(app)/builds/new/page')).default;
    expect(await render(newBuild({ searchParams: sp() }))).toContain('you do not have access');
  });
});
