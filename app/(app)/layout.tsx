import type { ReactNode } from 'react';
import { headers } from 'next/headers';
import { forbidden } from 'next/navigation';
import { pageRefusal } from '@/lib/server/page-access';
import { requireUser } from '@/lib/server/session';
import { currentViewer } from '@/lib/server/viewer';
import { ClientMessages } from '@/components/i18n/client-messages';
import { BrowserTimeZone } from '@/components/profile/browser-time-zone';
import { defaultTimeZoneAction } from './actions';
import { AppShell } from './shell';

// The shell of every signed-in page. A page the person may not open answers 403 here, before
// anything is streamed (the pages below load behind loading.tsx, after the status is sent):
// the proxy passes the path (x-relm-path), lib/server/page-access.ts decides, and
// app/forbidden.tsx explains. The page's own lib/server read refuses as well, which is what a
// client-side navigation (no new status) shows. docs/decisions/040-refused-pages-answer-403.md

export default async function AppLayout({ children }: { children: ReactNode }) {
  const user = await requireUser();
  const path = (await headers()).get('x-relm-path');
  if (path && (await pageRefusal(user, path))) forbidden();
  const viewer = await currentViewer();
  return (
    // the navigation's words, for its client components (the shared ones come from the root layout)
    <ClientMessages namespaces={['nav']}>
      <AppShell user={user}>
        {/* the browser's zone becomes the person's on first sign-in (docs/decisions/050) */}
        {viewer.zoneSet ? null : <BrowserTimeZone save={defaultTimeZoneAction} />}
        {children}
      </AppShell>
    </ClientMessages>
  );
}
