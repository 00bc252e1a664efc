import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { AccessDenied } from '@/components/route/access-denied';
import { pageRule } from '@/lib/domain/page-access';
import { assertCan } from '@/lib/server/authz';
import { Refusal } from '@/lib/server/errors';
import { requireUser } from '@/lib/server/session';
import { AppShell } from './(app)/shell';

export const metadata: Metadata = { title: 'Not allowed' };

// The 403 page (app/(app)/layout.tsx calls forbidden()): the same explanation the page's
// own refusal gives, in the usual frame. docs/decisions/040-refused-pages-answer-403.md
export default async function Forbidden() {
  const user = await requireUser();
  const rule = pageRule((await headers()).get('x-relm-path') ?? '');
  let reason = 'Your roles do not allow this page.';
  if (rule) {
    try {
      assertCan(user, rule.permission);
    } catch (err) {
      if (err instanceof Refusal) reason = err.message;
    }
  }
  return (
    <AppShell user={user}>
      <AccessDenied title={rule?.title ?? 'This page'} reason={reason} />
    </AppShell>
  );
}
