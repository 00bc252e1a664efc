'use client';

import { useRouter } from 'next/navigation';
import { useEffect } from 'react';
import { partForOldAnchor, releaseHref } from '@/lib/domain/release-links';

/**
 * Links sent before the release page was split (`/releases/REL-12#handover`, in stored
 * notifications and e-mails) still land where they meant: the fragment never reaches
 * the server, so the overview moves to the part here. Renders nothing.
 */
export function OldAnchorRedirect({ releaseKey }: { releaseKey: string }) {
  const router = useRouter();
  useEffect(() => {
    const hash = window.location.hash;
    if (!hash) return;
    const target = partForOldAnchor(decodeURIComponent(hash.slice(1)));
    if (target && target.part !== 'overview') router.replace(releaseHref(releaseKey, target.part, target.anchor));
  }, [releaseKey, router]);
  return null;
}
