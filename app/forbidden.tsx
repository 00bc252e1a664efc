import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { AccessDenied } from '@/components/route/access-denied';
import { pageRefusal } from '@/lib/server/page-access';
import { requireUser } from '@/lib/server/session';
import { AppShell } from './(app)/shell';

export const metadata: Metadata = { title: 'Not allowed' };

// The 403 page (app/(app)/layout.tsx calls forbidden()): the same explanation the page's
// own refusal gives, in the usual frame. docs/decisions/040-refused-pages-answer-403.md
export default async function Forbidden() {
  const user = await requireUser();
  const refusal = await pageRefusal(user, (await headers()).get('x-relm-path') ?? '');
  return (
    <AppShell user={user}>
      <AccessDenied
        title={refusal?.title ?? 'This page'}
        reason={refusal?.reason ?? 'You may not open this page.'}
        advice={refusal ? refusal.advice : undefined}
      />
    </AppShell>
  );
}
