import type { ReactNode } from 'react';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { notFound } from 'next/navigation';
import { ReleaseTabs } from '@/components/releases/release-tabs';
import { releaseManagement } from '@/lib/server/release-managers';
import { ReleaseHeader } from '../_sections/release-header';
import { WatchToggle } from '../_sections/watch-toggle';
import { setWatchingAction } from '../watch-actions';
import { canonicalKey, loadRelease } from '../_lib/release-page';

// The frame of every part of a release (overview, package, plan, …): the compact header
// and the tabs. edit, diff and notes sit outside this route group and keep their own pages.

export default async function ReleaseLayout({ children, params }: { children: ReactNode; params: Promise<{ key: string }> }) {
  const { key } = await params;
  // a lowercase key: the page redirects to the same part under the right key
  if (canonicalKey(key)) return children;
  const loaded = await loadRelease(key);
  if (!loaded) notFound();
  const { actor, ref, header } = loaded;
  const t = await getTranslations('release-page');
  // who may change the release (docs/decisions/039-who-may-edit-a-release.md): others read it
  const management = await releaseManagement(actor, ref.id);
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/releases" className="link">
          {t('allReleases')}
        </Link>
      </p>
      <ReleaseHeader
        r={header}
        canEdit={!!management?.mayManage}
        watch={actor.id ? <WatchToggle releaseKey={header.key} watching={header.watching} action={setWatchingAction} /> : null}
      />
      {management?.note ? (
        <p className="mb-3 rounded-md border border-blue-200 bg-blue-50 px-3 py-2 text-sm text-blue-950" data-testid="read-only-note">
          {management.note}
        </p>
      ) : null}
      <ReleaseTabs releaseKey={header.key} />
      {children}
    </>
  );
}
