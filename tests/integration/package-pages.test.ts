// Server-side renders of the package panel, the diff page and the Markdown route
// against a real database (the session is stubbed: these are not e2e tests).
import { renderToString } from '@/tests/support/render';
import { setTestLocale } from '../support/intl-config';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import type { DbHandle } from '@/lib/server/db';
import type { Actor } from '@/lib/server/actor';
import { freshDatabase } from '../support/db';
import { digest, makeEnvironment, makeRelease, makeTeam, makeUser } from '../support/factories';
import { releaseRefFor } from '../support/release-ref';
import { releaseKey } from '@/lib/domain/release-key';

let actor: Actor;
vi.mock('@/lib/server/session', () => ({ requireUser: async () => actor, currentUser: async () => actor }));
vi.mock('next/navigation', () => ({
  notFound: () => {
    throw new Error('notFound');
  },
  redirect: () => {
    throw new Error('redirect');
  },
}));
vi.mock('next/cache', () => ({ revalidatePath: () => {} }));

let h: DbHandle;
beforeAll(async () => {
  h = await freshDatabase();
});
afterAll(async () => h?.close());

it('renders the panel, the diff page and the notes route', async () => {
  const rm = await makeUser(h.prisma, ['release_manager']);
  actor = rm.actor;
  const team = await makeTeam(h.prisma);
  const a = await h.prisma.component.create({ data: { name: 'billing-api', ownerTeamId: team.id } });
  const l = await h.prisma.component.create({ data: { name: 'ledger', ownerTeamId: team.id } });
  await h.prisma.componentDependency.create({ data: { componentId: a.id, dependsOnId: l.id, versionRange: '>=2.3 <3' } });
  const b1 = await h.prisma.build.create({
    data: {
      componentId: a.id,
      version: '4.2.0',
      artifactDigest: digest(),
      producedBy: 'ci',
      notes: 'PDF <b>invoices</b>',
      workItems: [{ key: 'PAY-1', url: 'https://x.example/PAY-1' }],
    },
  });
  await h.prisma.build.create({ data: { componentId: l.id, version: '3.0.1', artifactDigest: digest(), producedBy: 'ci' } });
  const rel = await makeRelease(h.prisma, { ownerId: rm.id });
  const env = await makeEnvironment(h.prisma);
  await h.prisma.releaseEnvironment.create({ data: { releaseId: rel.id, environmentId: env.id } });
  const pkg = await h.prisma.releasePackage.create({ data: { releaseId: rel.id } });
  await h.prisma.packageItem.create({ data: { packageId: pkg.id, componentId: a.id, buildId: b1.id } });
  const key = releaseKey(rel.number);

  const { PackagePanel } = await import('@/app/(app)/releases/[key]/_sections/package-panel');
  const html = await renderToString(await PackagePanel({ release: await releaseRefFor(key) }));
  expect(html).toContain('needs ledger &gt;=2.3 &lt;3; neither this package nor');

  const Diff = (await import('@/app/(app)/releases/[key]/diff/page')).default;
  const d = await renderToString(await Diff({ params: Promise.resolve({ key }), searchParams: Promise.resolve({ against: `environment:${env.name}` }) }));
  expect(d).toContain('Download Markdown');
  const d2 = await renderToString(await Diff({ params: Promise.resolve({ key }), searchParams: Promise.resolve({ against: ['previous', 'x'] }) }));
  expect(d2).toContain('added');
  const d3 = await renderToString(await Diff({ params: Promise.resolve({ key }), searchParams: Promise.resolve({ against: 'environment:nope' }) }));
  expect(d3).toContain('Cannot compare');

  const { GET } = await import('@/app/(app)/releases/[key]/notes/route');
  const res = await GET(new Request(`http://x/releases/${key}/notes?against=previous`), { params: Promise.resolve({ key }) });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
  expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${key}-release-notes.md"`);
  expect(await res.text()).toContain('PDF \\<b\\>invoices\\</b\\>');
  // a French reader downloads the notes with French headings; the builds' own notes stay as written
  setTestLocale('fr');
  try {
    const fr = await (await GET(new Request(`http://x/releases/${key}/notes?against=previous`), { params: Promise.resolve({ key }) })).text();
    expect(fr).toContain('notes de mise en production');
    expect(fr).toMatch(/^Comparées à /m);
    expect(fr).toContain('PDF \\<b\\>invoices\\</b\\>');
    expect(fr).not.toContain('release notes');
  } finally {
    setTestLocale('en');
  }
  const missing = await GET(new Request(`http://x/releases/REL-999999/notes`), { params: Promise.resolve({ key: 'REL-999999' }) });
  expect(missing.status).toBe(404);
  const bad = await GET(new Request(`http://x/releases/%00/notes?against=environment:zz`), { params: Promise.resolve({ key: '%00<script>' }) });
  expect(bad.status).toBe(404);
  const badEnv = await GET(new Request(`http://x/releases/${key}/notes?against=environment:zz`), { params: Promise.resolve({ key }) });
  expect(badEnv.status).toBe(404);

  // sealed view
  await h.prisma.packageItem.deleteMany({ where: { packageId: pkg.id } });
  const { sealPackage, addPackageBuild } = await import('@/lib/server/packages');
  const l24 = await h.prisma.build.create({ data: { componentId: l.id, version: '2.4.0', artifactDigest: digest(), producedBy: 'ci' } });
  const v = async () => (await h.prisma.release.findUniqueOrThrow({ where: { id: rel.id } })).version;
  expect((await addPackageBuild.as(actor)({ releaseKey: key, buildId: b1.id, version: await v() })).ok).toBe(true);
  expect((await addPackageBuild.as(actor)({ releaseKey: key, buildId: l24.id, version: await v() })).ok).toBe(true);
  expect((await sealPackage.as(actor)({ releaseKey: key, version: await v() })).ok).toBe(true);
  const sealedHtml = await renderToString(await PackagePanel({ release: await releaseRefFor(key) }));
  expect(sealedHtml).toContain('Seal history');
  expect(sealedHtml).toContain('Request a scope change');
});
