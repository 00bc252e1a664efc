'use client';

import { useEffect } from 'react';
import { useRouter } from 'next/navigation';

// Rendered by the signed-in layout only while the person has no time zone: posts the browser's
// zone once, then refreshes so the page is written in it. The server writes only while the zone
// is unset, and this tab asks at most once (sessionStorage), so a refused or lost post never loops.

const ASKED = 'relm.browserTimeZone.asked';

export function BrowserTimeZone({ save }: { save: (timeZone: string) => Promise<boolean> }) {
  const router = useRouter();
  useEffect(() => {
    let zone = '';
    try {
      zone = Intl.DateTimeFormat().resolvedOptions().timeZone ?? '';
      if (!zone || sessionStorage.getItem(ASKED)) return;
      sessionStorage.setItem(ASKED, '1');
    } catch {
      return;
    }
    void save(zone).then(
      (written) => {
        if (written) router.refresh();
      },
      () => undefined,
    );
  }, [save, router]);
  return null;
}
