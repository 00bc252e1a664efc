import type { ReactNode } from 'react';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ReleaseTabs } from '@/components/releases/release-tabs';
import { allows } from '@/lib/server/authz';
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
  const { actor, header } = loaded;
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/releases" className="link">
          ← All releases
        </Link>
      </p>
      <ReleaseHeader
        r={header}
        canEdit={allows(actor, 'release.edit')}
        watch={actor.id ? <WatchToggle releaseKey={header.key} watching={header.watching} action={setWatchingAction} /> : null}
      />
      <ReleaseTabs releaseKey={header.key} />
      {children}
    </>
  );
}
