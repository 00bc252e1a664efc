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
  // Not translated yet: the signed-in pages' words are English whatever <html lang> says, so
  // they say so to screen readers; a part already converted marks itself lang={locale}
  // (docs/decisions/057-english-and-french.md). Goes once every page is converted.
  return (
    <div lang="en" className="contents">
      {/* the words of the navigation and of the shared components (components/ui), for the client components among them */}
      <ClientMessages namespaces={['ui', 'nav']}>
        <AppShell user={user}>
          {/* the browser's zone becomes the person's on first sign-in (docs/decisions/050) */}
          {viewer.zoneSet ? null : <BrowserTimeZone save={defaultTimeZoneAction} />}
          {children}
        </AppShell>
      </ClientMessages>
    </div>
  );
}
